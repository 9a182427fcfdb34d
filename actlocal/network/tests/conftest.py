"""Network personas: Lena (a leader in Wisconsin, from the root conftest) and Marco (a leader in Texas)
meet in the national troubleshooting space; Priya is in the invite-only "Organizers' circle", Lena is
not."""

from __future__ import annotations

import pytest

from conftest import make_user


@pytest.fixture(autouse=True)
def _private_attachments(settings, tmp_path):
    settings.NETWORK_ATTACHMENT_ROOT = tmp_path / "attachments"


@pytest.fixture
def marco(db):
    return make_user("marco@actlocal.test", name="Marco Ruiz", is_member=True)


@pytest.fixture
def priya(db):
    return make_user("priya@actlocal.test", name="Priya Shah", is_member=True)


@pytest.fixture
def troubleshooting(db):
    from actlocal.network.models import Space

    return Space.objects.create(
        name="Troubleshooting", slug="troubleshooting", kind=Space.Kind.TOPIC, access=Space.Access.MEMBERS
    )


@pytest.fixture
def public_space(db):
    from actlocal.network.models import Space

    return Space.objects.create(
        name="Open forum", slug="topic-open", kind=Space.Kind.TOPIC, access=Space.Access.PUBLIC
    )


@pytest.fixture
def circle(db, priya):
    """An invite-only space with Priya in it (as a member) and a moderator, Mo."""
    from actlocal.network.models import Space, SpaceMembership

    space = Space.objects.create(
        name="Organizers circle", slug="group-circle", kind=Space.Kind.GROUP, access=Space.Access.INVITE
    )
    SpaceMembership.objects.create(space=space, user=priya)
    return space


@pytest.fixture
def moderator(db, troubleshooting):
    from actlocal.network.models import SpaceMembership

    user = make_user("mo@actlocal.test", name="Mo Moderator", is_member=True)
    SpaceMembership.objects.create(space=troubleshooting, user=user, role=SpaceMembership.Role.MODERATOR)
    return user


@pytest.fixture
def post_thread():
    """Start a thread through the service (the HTTP form is tested on its own)."""
    from actlocal.network.services import thread_create

    def make(
        *,
        author,
        space,
        title="How do you book a venue?",
        body="We keep losing rooms.",
        kind="question",
        **kw,
    ):
        return thread_create(author=author, space=space, title=title, body=body, kind=kind, **kw)

    return make
