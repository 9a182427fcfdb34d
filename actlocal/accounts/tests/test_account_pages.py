"""Every allauth page renders inside the site layout, with one heading and labelled fields."""

import re

import pytest

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
]
SIGNED_IN_PAGES = ["/accounts/logout/", "/accounts/email/", "/accounts/password/change/"]


def assert_in_our_layout(page: str) -> None:
    assert 'class="site-header"' in page and 'id="main"' in page
    assert page.count("<h1") == 1
    # Every visible input has a label pointing at it.
    for input_id in re.findall(
        r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*id="([^"]+)"', page
    ):
        assert f'for="{input_id}"' in page, input_id


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_account_pages_use_the_site_layout(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert_in_our_layout(response.content.decode())


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_account_pages_use_the_site_layout(client, leader, path):
    client.force_login(leader)

    response = client.get(path)

    assert response.status_code == 200
    assert_in_our_layout(response.content.decode())


def test_a_failed_sign_in_ties_the_error_to_the_form(client, leader):
    page = client.post(
        "/accounts/login/", {"login": "lena@actlocal.test", "password": "wrong"}
    ).content.decode()

    assert 'class="form-errors" role="alert"' in page
    assert "The email address and/or password you specified are not correct." in page
