"""Every network has its spaces: national topics, one per issue area, state, partner group and convening."""

from __future__ import annotations

import pytest

from actlocal.network.models import Space
from actlocal.network.services import spaces_ensure

pytestmark = pytest.mark.django_db


def test_spaces_are_created_once_for_topics_states_groups_and_convenings(partner_group):
    from actlocal.directory.models import Topic

    Topic.objects.create(kind=Topic.Kind.ISSUE, slug="voting-rights", name="Voting rights")
    created = spaces_ensure()
    assert created > 50
    assert Space.objects.filter(slug="troubleshooting", kind="topic").exists()
    assert Space.objects.filter(slug="topic-voting-rights").exists()
    assert Space.objects.get(slug="state-wi").name == "Wisconsin"
    group_space = Space.objects.get(group=partner_group)
    assert group_space.kind == "group" and group_space.access == "members"
    assert spaces_ensure() == 0


def test_existing_spaces_keep_their_settings(partner_group):
    Space.objects.create(
        name="Our own group room", slug="custom", kind="group", group=partner_group, access="invite"
    )
    Space.objects.create(name="Troubleshooting desk", slug="troubleshooting", access="public")
    spaces_ensure()
    assert Space.objects.filter(group=partner_group).count() == 1
    assert Space.objects.get(slug="troubleshooting").name == "Troubleshooting desk"


def test_the_command_creates_missing_spaces_and_says_how_many(partner_group):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("spaces_ensure", stdout=out)
    assert "space(s) created." in out.getvalue() and Space.objects.filter(group=partner_group).exists()
    out = StringIO()
    call_command("spaces_ensure", stdout=out)
    assert out.getvalue().startswith("0 space(s) created.")
