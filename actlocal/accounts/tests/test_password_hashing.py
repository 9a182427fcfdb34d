"""Passwords are stored with Argon2 (tests put a fast hasher first; production does not)."""

import pytest
from django.contrib.auth.hashers import make_password

from actlocal.accounts.models import User

pytestmark = pytest.mark.django_db

PASSPHRASE = "a-long-and-unusual-passphrase"


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = [h for h in settings.PASSWORD_HASHERS if "MD5" not in h]
    return settings.PASSWORD_HASHERS


def test_argon2_is_the_first_hasher_outside_tests(production_hashers):
    assert production_hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_a_signup_stores_an_argon2_hash(client, production_hashers):
    client.post(
        "/accounts/signup/",
        {"email": "nia@example.org", "name": "Nia", "password1": PASSPHRASE, "password2": PASSPHRASE},
    )

    assert User.objects.get(email="nia@example.org").password.startswith("argon2$")


def test_an_older_hash_is_upgraded_to_argon2_at_sign_in(client, leader, password, production_hashers):
    User.objects.filter(pk=leader.pk).update(password=make_password(password, hasher="pbkdf2_sha256"))

    client.post("/accounts/login/", {"login": "lena@actlocal.test", "password": password})

    assert client.session["_auth_user_id"] == str(leader.pk)
    assert User.objects.get(pk=leader.pk).password.startswith("argon2$")
