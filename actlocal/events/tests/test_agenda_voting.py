"""The bottom-up agenda: members propose and vote before a convening; hosts see the ranking and pick."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.events.models import AgendaTopic, AgendaVote
from actlocal.events.tests.event_factory import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def convening(staff):
    return make_event(
        title="Madison convening",
        kind="convening",
        hosts=[staff],
        agenda_open=True,
        agenda_closes_at=timezone.now() + timedelta(days=3),
    )


def _propose(client, event, title, why=""):
    return client.post(
        reverse("events:agenda_propose", args=[event.slug]), {"title": title, "description": why}
    )


def _vote(client, topic, **extra):
    return client.post(reverse("events:agenda_vote", args=[topic.event.slug, topic.pk]), extra)


def test_members_propose_and_vote_and_the_page_ranks_topics(client, convening, leader, group_admin):
    client.force_login(leader)
    _propose(client, convening, "Housing", "Rents doubled")
    _propose(client, convening, "Transit")
    housing, transit = AgendaTopic.objects.order_by("pk")
    _vote(client, transit)
    client.force_login(group_admin)
    _vote(client, transit)
    _vote(client, housing)
    page = client.get(convening.get_absolute_url()).content.decode()
    assert page.index("Transit") < page.index("Housing")
    assert "2 votes" in page and "1 vote" in page


def test_voting_twice_is_refused_and_a_vote_can_be_withdrawn(client, convening, leader):
    client.force_login(leader)
    _propose(client, convening, "Housing")
    topic = AgendaTopic.objects.get()
    _vote(client, topic)
    response = _vote(client, topic)
    assert response.status_code == 302
    assert AgendaVote.objects.count() == 1
    assert "You have already voted for this topic." in client.get(response["Location"]).content.decode()
    _vote(client, topic, withdraw="1")
    assert AgendaVote.objects.count() == 0


def test_outsiders_cannot_propose_or_vote(client, convening, leader, outsider):
    client.force_login(leader)
    _propose(client, convening, "Housing")
    topic = AgendaTopic.objects.get()
    client.force_login(outsider)
    assert _propose(client, convening, "Spam").status_code == 403
    assert _vote(client, topic).status_code == 403
    client.logout()
    assert _vote(client, topic).status_code == 302  # to sign in
    assert AgendaTopic.objects.count() == 1 and AgendaVote.objects.count() == 0


def test_voting_after_close_is_refused(client, convening, leader):
    client.force_login(leader)
    _propose(client, convening, "Housing")
    topic = AgendaTopic.objects.get()
    convening.agenda_closes_at = timezone.now() - timedelta(minutes=1)
    convening.save()
    response = _vote(client, topic)
    assert AgendaVote.objects.count() == 0
    assert "closed" in client.get(response["Location"]).content.decode()
    _propose(client, convening, "Late topic")
    assert AgendaTopic.objects.count() == 1


def test_hosts_pick_and_hide_and_everyone_sees_the_agenda(client, convening, staff, leader):
    client.force_login(leader)
    _propose(client, convening, "Housing")
    _propose(client, convening, "Buy my product")
    housing, spam = AgendaTopic.objects.order_by("pk")
    moderate = lambda topic, action: client.post(  # noqa: E731
        reverse("events:agenda_moderate", args=[convening.slug, topic.pk]), {"action": action}
    )
    assert moderate(housing, "pick").status_code == 403  # leaders do not pick
    client.force_login(staff)
    moderate(housing, "pick")
    moderate(spam, "hide")
    client.logout()
    page = client.get(convening.get_absolute_url()).content.decode()
    assert "On the agenda" in page and "Housing" in page
    assert "Buy my product" not in page
