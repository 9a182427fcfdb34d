"""Suggestions with their reason: nearby, shared issues, same events; never someone unlisted, hidden from
the viewer, blocked either way, or already connected."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from actlocal.directory.models import Topic
from actlocal.events.models import Rsvp
from actlocal.events.tests.event_factory import make_event
from actlocal.social.models import Block, Connection

from .leaders import make_member_leader

URL = reverse("social:suggested")


def _issues(*names):
    return [
        Topic.objects.get_or_create(kind="issue", slug=n.replace(" ", "-"), defaults={"name": n})[0]
        for n in names
    ]


def test_each_suggestion_shows_why(client, lena, gabe, mara):
    housing, voting, health = _issues("housing", "voting rights", "health care")
    lena.topics.add(housing, voting, health)
    mara.topics.add(housing, voting)  # Dallas: far away, but two shared issues
    event = make_event(title="ActLocal Madison", starts_at=timezone.now() - timedelta(days=30))
    Rsvp.objects.create(event=event, person=lena, checked_in_at=event.starts_at)
    Rsvp.objects.create(event=event, person=gabe, checked_in_at=event.starts_at)
    client.force_login(lena.user)
    page = client.get(URL)
    assert page.status_code == 200
    assert "You were both at ActLocal Madison" in page.text
    assert "Nearby: Madison, WI, about 5 miles away" in page.text
    assert "2 shared issues: housing, voting rights" in page.text
    assert page.text.index("Gabe Organizer") < page.text.index(
        "Mara Dallas"
    )  # the event and nearness weigh more


def test_unlisted_hidden_blocked_and_connected_people_are_never_suggested(client, lena, gabe, mara):
    housing = _issues("housing")[0]
    lena.topics.add(housing)
    unlisted = make_member_leader("u@actlocal.test", "Unlisted", listed=False)
    staff_only = make_member_leader("s@actlocal.test", "Staffonly", name_visibility="staff")
    blocker = make_member_leader("b@actlocal.test", "Blocker")
    blocked = make_member_leader("bd@actlocal.test", "Blocked")
    friend = make_member_leader("f@actlocal.test", "Friend")
    for person in (gabe, mara, unlisted, staff_only, blocker, blocked, friend):
        person.topics.add(housing)
    Block.objects.create(blocker=blocker.user, blocked=lena.user)
    Block.objects.create(blocker=lena.user, blocked=blocked.user)
    Connection.objects.create(from_user=friend.user, to_user=lena.user, status="accepted")
    client.force_login(lena.user)
    page = client.get(URL).text
    assert "Gabe Organizer" in page and "Mara Dallas" in page
    for name in ("Unlisted", "Staffonly", "Blocker", "Blocked Leader", "Friend"):
        assert name not in page


def test_a_hidden_city_is_not_used_for_nearby(client, lena, gabe):
    housing = _issues("housing")[0]
    lena.topics.add(housing)
    gabe.topics.add(housing)
    gabe.place_visibility = "private"
    gabe.save()
    client.force_login(lena.user)
    leaders_part = client.get(URL).text.split("Groups you may want to follow")[0]
    assert "Gabe Organizer" in leaders_part and "1 shared issue: housing" in leaders_part
    assert "Nearby" not in leaders_part


def test_without_a_profile_the_page_says_what_to_do(client, staff):
    client.force_login(staff)
    assert "Complete your profile" in client.get(URL).text


def test_the_public_is_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_partner_groups_nearby_or_on_shared_issues_are_suggested_to_follow(client, lena, partner_group):
    housing = _issues("housing")[0]
    lena.topics.add(housing)
    partner_group.topics.add(housing)
    client.force_login(lena.user)
    page = client.get(URL).text
    assert "Groups you may want to follow" in page and "Madison Neighbors United" in page
    assert "Nearby: Madison, WI, less than a mile away" in page and "1 shared issue: housing" in page
    client.post(reverse("social:group_follow", args=[partner_group.slug]))
    assert "Madison Neighbors United" not in client.get(URL).text


def test_who_is_going_to_an_upcoming_event_is_not_revealed(client, lena, gabe):
    event = make_event(title="ActLocal Madison")
    Rsvp.objects.create(event=event, person=lena)
    Rsvp.objects.create(event=event, person=gabe)
    client.force_login(lena.user)
    page = client.get(URL).text
    assert "ActLocal Madison" not in page


def test_an_rsvp_without_check_in_is_not_a_shared_event(client, lena, gabe):
    event = make_event(title="ActLocal Madison", starts_at=timezone.now() - timedelta(days=30))
    Rsvp.objects.create(event=event, person=lena, checked_in_at=event.starts_at)
    Rsvp.objects.create(event=event, person=gabe)  # said yes, never came
    client.force_login(lena.user)
    assert "ActLocal Madison" not in client.get(URL).text
