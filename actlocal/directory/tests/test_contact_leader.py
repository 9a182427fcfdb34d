"""'Contact this leader': an e-mail through the platform that reveals neither address."""

import pytest
from django.core import mail
from django.urls import reverse

from actlocal.core.audit import audit_trail
from actlocal.directory.models import ContactMessage

from .profile_helpers import make_leader_person

LENA_EMAIL = "lena.inbox@example.org"
GABE_EMAIL = "gabe@actlocal.test"
MESSAGE = {"subject": "Housing coalition", "body": "Would you join our housing table next month?"}


@pytest.fixture
def lena(leader):
    return make_leader_person(leader, email=LENA_EMAIL, name_visibility="members", email_visibility="staff")


@pytest.fixture
def gabe_profile(group_admin):
    return make_leader_person(
        group_admin, first_name="Gabe", last_name="Organizer", email=GABE_EMAIL, name_visibility="members"
    )


def _url(person):
    return reverse("directory:leader_contact", args=[person.pk])


def test_a_member_sends_a_message_that_reveals_neither_address(client, post, lena, group_admin, gabe_profile):
    client.force_login(group_admin)
    assert "Contact this leader" in client.get(lena.get_absolute_url()).text
    form_page = client.get(_url(lena))
    assert form_page.status_code == 200 and LENA_EMAIL not in form_page.text
    response = post(_url(lena), MESSAGE, follow=True)
    assert "Your message was sent." in response.text and LENA_EMAIL not in response.text
    [email] = mail.outbox
    assert email.to == [LENA_EMAIL]
    assert email.reply_to == [] and "Reply-To" not in email.extra_headers
    everything = email.subject + email.body + email.from_email + str(email.extra_headers)
    assert "Gabe Organizer" in everything and "Would you join our housing table" in email.body
    assert GABE_EMAIL not in everything and "gabe@" not in everything
    assert reverse("directory:leader_contact", args=[gabe_profile.pk]) in email.body
    message = ContactMessage.objects.get()
    assert message.sender == group_admin and message.delivered_at is not None
    assert audit_trail(message).filter(action="contact_message.create").exists()


def test_the_reply_goes_back_through_the_platform_without_her_address(
    client, post, lena, group_admin, gabe_profile
):
    client.force_login(group_admin)
    post(_url(lena), MESSAGE)
    mail.outbox.clear()
    client.force_login(lena.user)
    response = post(_url(gabe_profile), {"subject": "Re: Housing", "body": "Yes, count me in!"})
    assert response.status_code == 302
    [reply] = mail.outbox
    assert reply.to == [GABE_EMAIL]
    assert LENA_EMAIL not in reply.subject + reply.body + reply.from_email and "Lena Leader" in reply.body


def test_a_sender_without_a_profile_is_named_but_offers_no_reply_link(client, post, lena, staff):
    client.force_login(staff)
    post(_url(lena), MESSAGE)
    [email] = mail.outbox
    assert "Stella Staff" in email.body and "stella@" not in email.body
    assert "/contact/" not in email.body


@pytest.mark.parametrize("who", ["public", "outsider"])
def test_the_public_and_outsiders_cannot_contact_leaders(client, post, lena, outsider, who):
    lena.name_visibility = "public"
    lena.save()
    if who == "outsider":
        client.force_login(outsider)
        assert client.get(_url(lena)).status_code == 403
        assert post(_url(lena), MESSAGE).status_code == 403
    else:
        assert post(_url(lena), MESSAGE).status_code == 302  # to sign in
    assert "Contact this leader" not in client.get(lena.get_absolute_url()).text
    assert not mail.outbox and not ContactMessage.objects.exists()


def test_a_leader_cannot_message_herself(client, post, lena):
    client.force_login(lena.user)
    assert "Contact this leader" not in client.get(lena.get_absolute_url()).text
    assert post(_url(lena), MESSAGE).status_code == 403
    assert not mail.outbox


def test_a_leader_who_opted_out_cannot_be_contacted(client, post, lena, group_admin):
    lena.contact_via_platform = False
    lena.save()
    client.force_login(group_admin)
    assert "Contact this leader" not in client.get(lena.get_absolute_url()).text
    assert post(_url(lena), MESSAGE).status_code == 403
    assert not mail.outbox


def test_a_leader_without_an_e_mail_cannot_be_contacted(client, lena, group_admin):
    lena.email = ""
    lena.save()
    client.force_login(group_admin)
    assert client.get(_url(lena)).status_code == 403


def test_a_leader_hidden_from_the_sender_is_not_found(client, post, lena, group_admin):
    lena.name_visibility = "private"
    lena.save()
    client.force_login(group_admin)
    assert post(_url(lena), MESSAGE).status_code == 404


def test_the_sixth_message_in_an_hour_is_refused_with_a_clear_message(client, post, lena, group_admin):
    client.force_login(group_admin)
    for _ in range(5):
        assert post(_url(lena), MESSAGE).status_code == 302
    response = post(_url(lena), MESSAGE)
    assert response.status_code == 429
    assert "Please wait a while" in response.text and "Would you join our housing table" in response.text
    assert len(mail.outbox) == 5


def test_a_bot_filling_the_honeypot_is_thanked_but_nothing_is_sent(client, post, lena, group_admin):
    client.force_login(group_admin)
    response = post(_url(lena), {**MESSAGE, "homepage": "http://spam.example"})
    assert response.status_code == 302
    assert not mail.outbox and not ContactMessage.objects.exists()


def test_an_empty_or_overlong_message_is_explained_beside_the_field(client, post, lena, group_admin):
    client.force_login(group_admin)
    response = post(_url(lena), {"subject": "", "body": "x" * 5001})
    assert response.status_code == 400
    assert "This field is required." in response.text and "at most 5000 characters" in response.text
    assert not mail.outbox
