"""Signing up with an e-mail address, verifying it, and what happens when things go wrong."""

import time
from unittest import mock

import pytest
from django.core import mail

from actlocal.accounts.models import User
from actlocal.accounts.tests.mailbox import link_in, messages_to

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-and-unusual-passphrase"


def sign_up(client, email="nia@example.org", name="Nia Newcomer"):
    return client.post(
        "/accounts/signup/",
        {"email": email, "name": name, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


def log_in(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_signup_page_asks_for_a_name_inside_the_site_layout(client):
    page = client.get("/accounts/signup/").content.decode()
    assert page.count("<h1") == 1
    assert '<label for="id_name">Your name' in page
    assert '<label for="id_email">' in page
    assert 'class="site-header"' in page  # our base.html, not allauth's bare layout


def test_a_new_signup_gets_a_verification_email_and_keeps_the_name(client):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="nia@example.org")
    assert user.name == "Nia Newcomer"
    assert not user.is_member  # signing up alone grants no role
    [message] = messages_to("nia@example.org")
    assert "/accounts/confirm-email/" in message.body


def test_an_unverified_account_cannot_sign_in(client):
    sign_up(client)
    client.logout()

    response = log_in(client, "nia@example.org", NEW_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert not is_signed_in(client)


def test_following_the_verification_link_verifies_and_signs_in(client):
    sign_up(client)
    link = link_in(messages_to("nia@example.org")[0], "/accounts/confirm-email/")

    page = client.get(link)
    assert page.status_code == 200
    assert "Confirm" in page.content.decode()
    response = client.post(link)

    assert response.status_code == 302
    assert User.objects.get(email="nia@example.org").emailaddress_set.get().verified
    assert is_signed_in(client)

    client.logout()
    assert log_in(client, "nia@example.org", NEW_PASSWORD).status_code == 302
    assert is_signed_in(client)


def test_an_expired_verification_link_says_so_plainly(client):
    sign_up(client)
    link = link_in(messages_to("nia@example.org")[0], "/accounts/confirm-email/")

    # allauth's HMAC keys carry their signing time; four days on, the 3-day link has lapsed.
    four_days_on = time.time() + 4 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=four_days_on):
        page = client.get(link)
        post = client.post(link)

    assert page.status_code == 200
    assert "This confirmation link has expired or isn" in page.content.decode()
    assert post.status_code == 404  # not a 500
    assert not User.objects.get(email="nia@example.org").emailaddress_set.get().verified


def test_a_forged_verification_link_says_so_plainly(client):
    page = client.get("/accounts/confirm-email/not-a-real-key/")

    assert page.status_code == 200
    assert "This confirmation link has expired or isn" in page.content.decode()


def test_signing_up_twice_with_one_address_gives_a_clear_answer_and_one_account(client, leader):
    mail.outbox.clear()

    response = sign_up(client, email="LENA@actlocal.test", name="Someone Else")

    # The page does not reveal that the address is taken (enumeration); the owner's inbox hears instead.
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert User.objects.filter(email__iexact="lena@actlocal.test").count() == 1
    [message] = messages_to("lena@actlocal.test")
    assert "Account Already Exists" in message.subject
    assert User.objects.get(email="lena@actlocal.test").name == "Lena Leader"
