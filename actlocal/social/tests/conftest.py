"""Leaders with profiles for the social tests: Lena (Madison, WI) and Gabe (Madison too), Mara (Dallas,
TX), each a network member with an account; plus helpers to make more."""

from __future__ import annotations

import pytest

from .leaders import make_leader, make_member_leader


@pytest.fixture
def lena(leader):
    return make_leader(leader, first_name="Lena", email="lena.private@example.org")


@pytest.fixture
def gabe(group_admin):
    return make_leader(group_admin, first_name="Gabe", last_name="Organizer", zip_code="53711")


@pytest.fixture
def mara(db):
    return make_member_leader(
        "mara@actlocal.test", "Mara", last_name="Dallas", zip_code="75201", city="Dallas", state="TX"
    )


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """``client.post`` that also runs what the request scheduled for after its commit (notifications, e-mails)."""

    def _post(url, data=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {}, **kwargs)

    return _post
