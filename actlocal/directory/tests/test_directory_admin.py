"""The directory's admin pages open, and contact messages are metadata only, never editable."""

import pytest

from actlocal.directory.models import Affiliation, ContactMessage, PartnerGroup, Person, Resource, Topic
from conftest import make_user


@pytest.fixture
def superuser(db):
    return make_user("sam@actlocal.test", name="Sam Super", is_staff=True, is_superuser=True, is_member=True)


@pytest.fixture
def records(superuser, leader):
    group = PartnerGroup.objects.create(name="G", slug="g")
    person = Person.objects.create(first_name="Ana", leader_type="faith", email="ana@example.org")
    Affiliation.objects.create(person=person, group=group, role="Chair")
    topic = Topic.objects.create(kind="issue", slug="housing", name="Housing")
    resource = Resource.objects.create(title="R", summary="s", kind="guide", submitted_by=leader)
    message = ContactMessage.objects.create(sender=leader, person=person, subject="Hi", body="Secret plans")
    return {"person": person, "group": group, "topic": topic, "resource": resource, "contactmessage": message}


def test_every_directory_list_and_record_opens(client, superuser, records):
    client.force_login(superuser)
    for name, obj in records.items():
        model = {"group": "partnergroup"}.get(name, name)
        assert client.get(f"/admin/directory/{model}/").status_code == 200, name
        assert client.get(f"/admin/directory/{model}/{obj.pk}/change/").status_code == 200, name


def test_a_contact_message_shows_who_and_when_but_not_its_text(client, superuser, records):
    client.force_login(superuser)
    page = client.get(f"/admin/directory/contactmessage/{records['contactmessage'].pk}/change/").text
    assert "Secret plans" not in page
    response = client.post(
        f"/admin/directory/contactmessage/{records['contactmessage'].pk}/change/", {"subject": "Changed"}
    )
    assert response.status_code == 403
