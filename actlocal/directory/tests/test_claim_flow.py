"""Staff add a leader, invite her to claim the record, she accepts and edits her own profile."""

from django.core import mail
from django.urls import reverse

from actlocal.accounts.models import Invitation
from actlocal.accounts.tests.mailbox import link_in, messages_to
from actlocal.core.audit import audit_trail
from actlocal.directory.models import Person

NEW_URL = reverse("directory:leader_new")


def _new_leader(**overrides):
    data = {
        "first_name": "Rosa",
        "last_name": "Parks",
        "leader_type": "seasoned",
        "zip_code": "53703",
        "email": "rosa@example.org",
        "bio": "Added by staff.",
    }
    data.update(overrides)
    return data


def test_staff_add_a_leader_invite_her_and_she_claims_and_edits_it(client, post, staff, password):
    client.force_login(staff)
    response = client.post(NEW_URL, _new_leader())
    person = Person.objects.get(email="rosa@example.org")
    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    assert person.user is None and person.city == "Madison"
    assert audit_trail(person).filter(action="person.create", changes__source="staff").exists()

    page = client.get(person.get_absolute_url())
    assert "Send claim invitation" in page.text
    response = post(reverse("directory:leader_invite", args=[person.pk]), {"message": "Welcome!"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(person=person)
    assert invitation.email == "rosa@example.org"
    [email] = messages_to("rosa@example.org")

    client.logout()
    accept_path = link_in(email, "/accounts/invitations/")
    response = client.post(
        accept_path, {"name": "Rosa Parks", "password1": password + "!x", "password2": password + "!x"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user is not None and person.user.email == "rosa@example.org"

    response = client.post(
        reverse("directory:my_profile"),
        {
            "first_name": "Rosa",
            "last_name": "Parks",
            "leader_type": "seasoned",
            "zip_code": "53703",
            "email": "rosa@example.org",
            "bio": "In my own words.",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.bio == "In my own words."
    assert "Send claim invitation" not in client.get(person.get_absolute_url()).text


def test_only_staff_may_add_leaders(client, group_admin, leader, outsider):
    for user in (group_admin, leader, outsider):
        client.force_login(user)
        assert client.get(NEW_URL).status_code == 403
        assert client.post(NEW_URL, _new_leader()).status_code == 403
    client.logout()
    assert client.get(NEW_URL).status_code == 302
    assert not Person.objects.exists()


def test_only_staff_may_send_a_claim_invitation(client, staff, group_admin, leader):
    person = Person.objects.create(first_name="Rosa", email="rosa@example.org", leader_type="seasoned")
    url = reverse("directory:leader_invite", args=[person.pk])
    for user in (group_admin, leader):
        client.force_login(user)
        assert client.post(url).status_code == 403
    assert not Invitation.objects.exists() and not mail.outbox


def test_a_claimed_profile_cannot_be_handed_over_again(client, staff, leader):
    person = Person.objects.create(
        first_name="Lena", email="lena@actlocal.test", leader_type="community", user=leader
    )
    client.force_login(staff)
    assert "Send claim invitation" not in client.get(person.get_absolute_url()).text
    response = client.post(reverse("directory:leader_invite", args=[person.pk]), follow=True)
    assert "already belongs to an account" in response.text
    assert not Invitation.objects.exists()


def test_a_record_without_an_e_mail_says_why_it_cannot_be_invited(client, staff):
    person = Person.objects.create(first_name="Nomail", leader_type="community", name_visibility="members")
    client.force_login(staff)
    response = client.post(reverse("directory:leader_invite", args=[person.pk]), follow=True)
    assert "Add an e-mail address to this leader" in response.text
    assert not mail.outbox


def test_a_staff_form_with_an_unknown_zip_keeps_what_was_typed(client, staff):
    client.force_login(staff)
    response = client.post(NEW_URL, _new_leader(zip_code="99999x"))
    assert response.status_code == 400
    assert "is not a US ZIP code" in response.text and "Added by staff." in response.text
