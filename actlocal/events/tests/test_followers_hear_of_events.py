"""Following a leader or a partner group means hearing of the events they host or co-host."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actlocal.directory.models import Person
from actlocal.events.models import CoHost, Event
from actlocal.events.services.authoring import event_publish
from actlocal.events.services.cohosts import cohost_respond
from actlocal.events.tests.event_factory import make_event
from actlocal.notifications.models import Notification
from actlocal.social.models import Follow

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(host, partner_group):
    event = make_event(hosts=[host], status=Event.Status.DRAFT, title="Madison canvass")
    CoHost.objects.create(event=event, group=partner_group, status=CoHost.Status.ACCEPTED)
    return event


def test_followers_of_a_host_and_of_a_co_host_group_hear_of_a_published_event(
    host, leader, outsider, partner_group, draft, django_capture_on_commit_callbacks
):
    Follow.objects.create(follower=leader, person=Person.objects.create(first_name="Hal", user=host))
    Follow.objects.create(follower=outsider, group=partner_group)
    with django_capture_on_commit_callbacks(execute=True):
        event_publish(event=draft, actor=host)
    notes = Notification.objects.filter(kind="follow.event")
    assert sorted(n.recipient_id for n in notes) == sorted([leader.pk, outsider.pk])
    assert all(n.title == "New event: Madison canvass" and n.url == draft.get_absolute_url() for n in notes)
    with django_capture_on_commit_callbacks(execute=True):
        event_publish(event=draft, actor=host)  # publishing twice tells nobody twice
    assert Notification.objects.filter(kind="follow.event").count() == 2


def test_a_group_joining_a_published_event_tells_its_followers(
    host, leader, partner_group, django_capture_on_commit_callbacks
):
    event = make_event(hosts=[host])
    link = CoHost.objects.create(event=event, group=partner_group)
    Follow.objects.create(follower=leader, group=partner_group)
    with django_capture_on_commit_callbacks(execute=True):
        cohost_respond(cohost=link, actor=host, accept=True)
    assert Notification.objects.get(recipient=leader).kind == "follow.event"


def test_a_declined_invitation_or_a_past_event_tells_nobody(
    host, leader, partner_group, django_capture_on_commit_callbacks
):
    Follow.objects.create(follower=leader, group=partner_group)
    upcoming = make_event(hosts=[host])
    declined = CoHost.objects.create(event=upcoming, group=partner_group)
    past = make_event(hosts=[host], status=Event.Status.DRAFT, starts_at=timezone.now() - timedelta(days=3))
    CoHost.objects.create(event=past, group=partner_group, status=CoHost.Status.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        cohost_respond(cohost=declined, actor=host, accept=False)
        event_publish(event=past, actor=host)
    assert not Notification.objects.exists()
