"""The events tests' own persona: Hank, a network member who hosts the event under test."""

import pytest

from conftest import make_user


@pytest.fixture
def host(db):
    return make_user("hank@actlocal.test", name="Hank Host", is_member=True)
