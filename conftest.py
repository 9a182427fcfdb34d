"""Personas every test shares: Stella (network staff), Gabe (admin of a partner group), Lena (a leader,
network member), Otto (signed in, but not a member: an outsider), and the anonymous public.
"""

from __future__ import annotations

import socket

import pytest


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Tests never touch the network: any connection off this machine fails loudly."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (
            host.startswith("127.") or host in {"localhost", "::1"} or host.startswith("/")
        ):
            raise RuntimeError(f"tests may not reach the network ({host})")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def make_user(email: str, *, name: str, password: str = "correct-horse-battery", **extra):
    from allauth.account.models import EmailAddress

    from actlocal.accounts.models import User

    user = User.objects.create_user(email=email, password=password, name=name, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def password() -> str:
    return "correct-horse-battery"


@pytest.fixture
def staff(db):
    return make_user("stella@actlocal.test", name="Stella Staff", is_staff=True, is_member=True)


@pytest.fixture
def partner_group(db):
    from actlocal.directory.models import PartnerGroup

    return PartnerGroup.objects.create(
        name="Madison Neighbors United",
        slug="madison-neighbors-united",
        zip_code="53703",
        city="Madison",
        state="WI",
        lat=43.0775,
        lng=-89.3831,
    )


@pytest.fixture
def group_admin(db, partner_group):
    user = make_user("gabe@actlocal.test", name="Gabe Groupadmin", is_member=True)
    partner_group.admins.add(user)
    return user


@pytest.fixture
def leader(db):
    return make_user("lena@actlocal.test", name="Lena Leader", is_member=True)


@pytest.fixture
def outsider(db):
    return make_user("otto@actlocal.test", name="Otto Outsider")


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits (failed-login lockout) live in the cache; each test starts clean.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
