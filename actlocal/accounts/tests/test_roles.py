"""Who counts as staff, member, group admin and event host; staff count as admins of everything."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from actlocal.accounts.selectors import (
    groups_administered_by,
    user_is_event_host,
    user_is_group_admin,
    user_is_member,
    user_is_staff,
)
from actlocal.directory.models import PartnerGroup
from actlocal.events.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_group():
    return PartnerGroup.objects.create(
        name="Dane County Faith Table", slug="dane-faith", city="Madison", state="WI"
    )


@pytest.fixture
def event(leader):
    start = timezone.now() + timedelta(days=7)
    event = Event.objects.create(
        title="Door-knocking training", slug="door-knocking", starts_at=start, ends_at=start
    )
    event.hosts.add(leader)
    return event


def test_staff_are_staff_and_members(staff, leader, outsider):
    assert user_is_staff(staff) and user_is_member(staff)
    assert not user_is_staff(leader) and user_is_member(leader)
    assert not user_is_staff(outsider) and not user_is_member(outsider)
    assert not user_is_staff(AnonymousUser()) and not user_is_member(AnonymousUser())


def test_a_group_admin_administers_their_group_only(group_admin, partner_group, other_group):
    assert user_is_group_admin(user=group_admin, group=partner_group)
    assert not user_is_group_admin(user=group_admin, group=other_group)
    assert list(groups_administered_by(group_admin)) == [partner_group]


def test_staff_administer_every_group(staff, partner_group, other_group):
    assert user_is_group_admin(user=staff, group=other_group)
    assert set(groups_administered_by(staff)) == {partner_group, other_group}


def test_outsiders_and_the_public_administer_nothing(outsider, partner_group):
    assert not user_is_group_admin(user=outsider, group=partner_group)
    assert not user_is_group_admin(user=AnonymousUser(), group=partner_group)
    assert not groups_administered_by(outsider).exists()
    assert not groups_administered_by(AnonymousUser()).exists()


def test_event_hosts_and_staff_host_the_event(event, leader, staff, outsider, group_admin):
    assert user_is_event_host(user=leader, event=event)
    assert user_is_event_host(user=staff, event=event)
    assert not user_is_event_host(user=outsider, event=event)
    assert not user_is_event_host(user=group_admin, event=event)
    assert not user_is_event_host(user=AnonymousUser(), event=event)


def test_a_deactivated_account_holds_no_role(staff, group_admin, partner_group):
    staff.is_active = False
    group_admin.is_active = False

    assert not user_is_staff(staff) and not user_is_member(staff)
    assert not user_is_group_admin(user=group_admin, group=partner_group)
