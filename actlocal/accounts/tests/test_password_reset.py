"""Forgotten passwords: the reset e-mail and the link it carries."""

import pytest

from actlocal.accounts.tests.mailbox import link_in, messages_to

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-passphrase"


def test_password_reset_emails_a_link_that_sets_a_new_password(client, leader, password):
    response = client.post("/accounts/password/reset/", {"email": "lena@actlocal.test"})
    assert response.status_code == 302
    [message] = messages_to("lena@actlocal.test")
    link = link_in(message, "/accounts/password/reset/key/")

    # allauth moves the key out of the URL into the session, then shows the form.
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.content.decode().count("<h1") == 1
    done = client.post(
        form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert done.status_code == 302

    client.logout()
    assert (
        client.post("/accounts/login/", {"login": "lena@actlocal.test", "password": password}).status_code
        == 200
    )
    assert "_auth_user_id" not in client.session
    client.post("/accounts/login/", {"login": "lena@actlocal.test", "password": NEW_PASSWORD})
    assert client.session["_auth_user_id"] == str(leader.pk)


def test_a_used_reset_link_is_refused_clearly(client, leader):
    client.post("/accounts/password/reset/", {"email": "lena@actlocal.test"})
    link = link_in(messages_to("lena@actlocal.test")[0], "/accounts/password/reset/key/")
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()

    again = client.get(link, follow=True)

    assert again.status_code == 200
    assert "Bad Token" in again.content.decode()
