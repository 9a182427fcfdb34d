"""Group pages show what a group is and who is in it; its admins and staff edit it; nobody else can."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.core.audit import audit_trail
from actlocal.directory.models import Affiliation, PartnerGroup, Person
from actlocal.events.models import CoHost, Event
from conftest import make_user


def _edit_url(group):
    return reverse("directory:group_edit", args=[group.slug])


def _group_form(**overrides):
    data = {
        "name": "Madison Neighbors United",
        "kind": "local",
        "area_served": "city",
        "zip_code": "53703",
        "mission": "Neighbors organizing for fair housing.",
        "meeting_times": "Second Tuesday, 7 pm",
        "languages": "English, Hmong",
        "website": "https://mnu.example.org",
        "contact_email": "hello@mnu.example.org",
        "contact_email_visibility": "members",
        "contact_phone": "608-555-0111",
        "contact_phone_visibility": "staff",
        "social_facebook": "https://facebook.com/mnu",
        "social_instagram": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def other_admin(db):
    other = PartnerGroup.objects.create(name="Milwaukee Rising", slug="milwaukee-rising", state="WI")
    user = make_user("olga@actlocal.test", name="Olga Otheradmin", is_member=True)
    other.admins.add(user)
    return user


def test_a_group_admin_edits_her_group_and_the_page_shows_it(client, group_admin, partner_group):
    client.force_login(group_admin)
    assert client.get(_edit_url(partner_group)).status_code == 200
    response = client.post(_edit_url(partner_group), _group_form())
    assert response.status_code == 302
    partner_group.refresh_from_db()
    assert partner_group.social_links == {"facebook": "https://facebook.com/mnu"}
    assert partner_group.slug == "madison-neighbors-united"
    assert audit_trail(partner_group).filter(action="group.update").exists()
    page = client.get(partner_group.get_absolute_url()).text
    for text in ("Neighbors organizing", "Second Tuesday", "English, Hmong", "hello@mnu.example.org"):
        assert text in page
    assert '<a href="https://facebook.com/mnu" rel="nofollow noopener">Facebook</a>' in page
    assert '<a href="https://mnu.example.org" rel="nofollow noopener">' in page


def test_group_contacts_follow_their_visibility(client, group_admin, partner_group, leader, staff):
    client.force_login(group_admin)
    client.post(_edit_url(partner_group), _group_form())
    seen = {}
    for who, user in {"public": None, "member": leader, "staff": staff, "admin": group_admin}.items():
        client.logout()
        if user:
            client.force_login(user)
        page = client.get(partner_group.get_absolute_url()).text
        seen[who] = ("hello@mnu.example.org" in page, "555-0111" in page)
    assert seen == {
        "public": (False, False),
        "member": (True, False),
        "staff": (True, True),
        "admin": (True, True),
    }


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "ftp://files.example.org/x", "not a url"])
def test_only_web_links_are_accepted(client, group_admin, partner_group, bad):
    client.force_login(group_admin)
    response = client.post(_edit_url(partner_group), _group_form(social_instagram=bad, website=bad))
    assert response.status_code == 400 and response.text.count("Enter a valid URL.") == 2
    partner_group.refresh_from_db()
    assert partner_group.website == ""


def test_a_javascript_link_stored_by_other_means_never_renders(client, partner_group):
    partner_group.social_links = {"facebook": "javascript:alert(1)", "x": "https://x.com/mnu"}
    partner_group.save()
    page = client.get(partner_group.get_absolute_url()).text
    assert "javascript:" not in page and "https://x.com/mnu" in page


def test_an_unknown_zip_is_explained_and_the_mission_typed_is_kept(client, group_admin, partner_group):
    client.force_login(group_admin)
    response = client.post(_edit_url(partner_group), _group_form(zip_code="00000", mission="Keep me"))
    assert response.status_code == 400
    assert "We don’t know the ZIP code 00000." in response.text and "Keep me" in response.text


@pytest.mark.parametrize("who", ["other_admin", "leader", "outsider"])
def test_others_may_not_edit_the_group(client, partner_group, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_edit_url(partner_group)).status_code == 403
    assert client.post(_edit_url(partner_group), _group_form(name="Hijacked")).status_code == 403
    add = reverse("directory:group_affiliation_add", args=[partner_group.slug])
    assert client.post(add, {"person": 1, "role": "x"}).status_code == 403
    partner_group.refresh_from_db()
    assert partner_group.name == "Madison Neighbors United"
    assert "Edit this group" not in client.get(partner_group.get_absolute_url()).text


def test_the_public_is_sent_to_sign_in(client, partner_group):
    assert client.get(_edit_url(partner_group)).status_code == 302


def test_staff_edit_any_group_and_create_groups(client, staff, partner_group):
    client.force_login(staff)
    assert client.post(_edit_url(partner_group), _group_form(name="MNU")).status_code == 302
    response = client.post(reverse("directory:group_new"), _group_form(name="New"))
    group = PartnerGroup.objects.get(name="New")
    assert response.status_code == 302 and group.slug == "new-2"  # "new" is the create page's address
    assert audit_trail(group).filter(action="group.create").exists()


def test_only_staff_create_groups(client, group_admin, leader):
    for user in (group_admin, leader):
        client.force_login(user)
        assert client.post(reverse("directory:group_new"), _group_form(name="Mine")).status_code == 403
    assert not PartnerGroup.objects.filter(name="Mine").exists()


def test_an_admin_links_a_leader_with_a_role_and_removes_her(client, group_admin, partner_group):
    ana = Person.objects.create(
        first_name="Ana", last_name="Ruiz", leader_type="faith", name_visibility="members"
    )
    client.force_login(group_admin)
    search = client.get(_edit_url(partner_group) + "?q=ruiz")
    assert "Add Ana Ruiz" in search.text
    add = reverse("directory:group_affiliation_add", args=[partner_group.slug])
    assert client.post(add, {"person": ana.pk, "role": "Treasurer", "is_contact": "on"}).status_code == 302
    affiliation = Affiliation.objects.get(person=ana, group=partner_group)
    assert affiliation.role == "Treasurer" and affiliation.is_contact
    assert "Ana Ruiz</a> — Treasurer" in client.get(partner_group.get_absolute_url()).text
    remove = reverse("directory:group_affiliation_remove", args=[partner_group.slug, affiliation.pk])
    assert client.post(remove).status_code == 302
    assert not Affiliation.objects.exists()
    assert audit_trail(affiliation).filter(action="affiliation.remove").exists()


def test_an_admin_cannot_link_a_leader_she_cannot_see(client, group_admin, partner_group):
    hidden = Person.objects.create(first_name="Hidden", leader_type="faith", name_visibility="staff")
    client.force_login(group_admin)
    assert "Hidden" not in client.get(_edit_url(partner_group) + "?q=hidden").text
    add = reverse("directory:group_affiliation_add", args=[partner_group.slug])
    assert client.post(add, {"person": hidden.pk}).status_code == 404
    assert not Affiliation.objects.exists()


def test_an_admin_cannot_remove_another_groups_link(client, group_admin, partner_group, other_admin):
    other = PartnerGroup.objects.get(slug="milwaukee-rising")
    ana = Person.objects.create(first_name="Ana", leader_type="faith")
    link = Affiliation.objects.create(person=ana, group=other)
    client.force_login(group_admin)
    url = reverse("directory:group_affiliation_remove", args=[partner_group.slug, link.pk])
    assert client.post(url).status_code == 404
    assert Affiliation.objects.filter(pk=link.pk).exists()


def test_the_group_page_lists_leaders_by_name_visibility_and_upcoming_cohosted_events(
    client, partner_group, leader
):
    public = Person.objects.create(
        first_name="Pat", last_name="Public", leader_type="faith", name_visibility="public"
    )
    members = Person.objects.create(first_name="Mo", last_name="Member", leader_type="faith")
    Affiliation.objects.create(person=public, group=partner_group, role="Chair")
    Affiliation.objects.create(person=members, group=partner_group)
    now = timezone.now()
    soon = Event.objects.create(
        title="Tenant teach-in",
        slug="teach-in",
        status="published",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
    )
    past = Event.objects.create(
        title="Old meeting",
        slug="old",
        status="published",
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=3) + timedelta(hours=1),
    )
    for event in (soon, past):
        CoHost.objects.create(event=event, group=partner_group, status="accepted")
    page = client.get(partner_group.get_absolute_url()).text
    assert "Pat Public" in page and "Mo Member" not in page
    assert "Tenant teach-in" in page and "Old meeting" not in page
    client.force_login(leader)
    assert "Mo Member" in client.get(partner_group.get_absolute_url()).text
