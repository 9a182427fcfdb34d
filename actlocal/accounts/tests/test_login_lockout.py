"""Five wrong passwords lock an address for a while, even against the right password."""

import pytest

pytestmark = pytest.mark.django_db


def log_in(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_five_wrong_passwords_lock_the_address_even_for_the_right_one(client, leader, password):
    for _ in range(5):
        response = log_in(client, "lena@actlocal.test", "not-my-password")
        assert response.status_code == 200
        assert "not correct" in response.content.decode()

    response = log_in(client, "lena@actlocal.test", password)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Too many failed login attempts. Try again later." in page
    assert 'role="alert"' in page
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_address(client, leader, outsider, password):
    for _ in range(5):
        log_in(client, "lena@actlocal.test", "not-my-password")

    log_in(client, "otto@actlocal.test", password)

    assert client.session["_auth_user_id"] == str(outsider.pk)


def test_four_wrong_passwords_do_not_lock(client, leader, password):
    for _ in range(4):
        log_in(client, "lena@actlocal.test", "not-my-password")

    log_in(client, "lena@actlocal.test", password)

    assert client.session["_auth_user_id"] == str(leader.pk)
