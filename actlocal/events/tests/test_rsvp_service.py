"""RSVP rules through the service: seats, waitlist, idempotency, refusals, promotion."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from actlocal.core.audit import audit_trail
from actlocal.directory.models import Person
from actlocal.events.models import Event, Rsvp
from actlocal.events.selectors_rsvp import viewer_can_see_address, waitlist_position
from actlocal.events.services.rsvp import rsvp_cancel, rsvp_create, rsvp_promote_waitlist
from actlocal.events.tests.event_factory import make_event as shared_make_event

# Real commits: e-mails are queued on commit, and the outbox is what a person receives.
pytestmark = pytest.mark.django_db(transaction=True)


def make_event(**kwargs) -> Event:
    return shared_make_event(
        **{
            "title": "Madison convening",
            "slug": "madison-convening",
            "capacity": 2,
            "venue_name": "Goodman Center",
            **kwargs,
        }
    )


def rsvp(event, n: int, **kwargs) -> Rsvp:
    return rsvp_create(event=event, email=f"p{n}@example.org", first_name=f"P{n}", zip_code="53703", **kwargs)


@pytest.fixture
def event(db):
    return make_event()


def test_seats_fill_then_waitlist_in_arrival_order(event):
    first, second, third, fourth = (rsvp(event, n) for n in range(4))
    assert [first.status, second.status] == ["confirmed", "confirmed"]
    assert [third.status, fourth.status] == ["waitlisted", "waitlisted"]
    assert waitlist_position(third) == 1
    assert waitlist_position(fourth) == 2


def test_same_email_again_is_the_same_rsvp(event):
    one = rsvp(event, 1)
    again = rsvp_create(
        event=event, email=" P1@Example.org ", first_name="Someone else", phone="608-555-0100"
    )
    assert again.pk == one.pk
    assert again.created is False
    assert Rsvp.objects.count() == 1
    person = Person.objects.get(email="p1@example.org")
    assert person.first_name == "P1"  # a stranger cannot rename her
    assert person.phone == "608-555-0100"  # blanks are filled


def test_rsvp_makes_audit_entry_and_confirmation(event):
    one = rsvp(event, 1)
    assert audit_trail(one).filter(action="rsvp.create").exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["p1@example.org"]
    one.refresh_from_db()
    assert one.confirmation_sent_at is not None


def test_cancel_promotes_first_waitlisted_and_emails_them(event):
    a, b, c, d = (rsvp(event, n) for n in range(4))
    mail.outbox.clear()
    rsvp_cancel(rsvp=a)
    c.refresh_from_db()
    d.refresh_from_db()
    assert c.status == "confirmed" and c.promoted_at is not None
    assert d.status == "waitlisted"
    assert waitlist_position(d) == 1
    assert [m.to for m in mail.outbox] == [["p2@example.org"]]
    assert "seat opened" in mail.outbox[0].subject


def test_cancel_is_idempotent(event):
    a = rsvp(event, 1)
    assert rsvp_cancel(rsvp=a).cancelled_now is True
    assert rsvp_cancel(rsvp=a).cancelled_now is False
    assert audit_trail(a).filter(action="rsvp.cancel").count() == 1


def test_cancelling_a_waitlisted_rsvp_promotes_nobody(event):
    _a, _b, c, d = (rsvp(event, n) for n in range(4))
    rsvp_cancel(rsvp=c)
    d.refresh_from_db()
    assert d.status == "waitlisted"


def test_cancelled_rsvp_comes_back_at_the_end_of_the_waitlist(event):
    a, _b, c = (rsvp(event, n) for n in range(3))
    rsvp_cancel(rsvp=a)  # c promoted
    back = rsvp(event, 0)
    assert back.pk == a.pk
    assert back.status == "waitlisted"
    d = rsvp(event, 9)
    assert waitlist_position(back) == 1 and waitlist_position(d) == 2


def test_full_event_without_waitlist_refuses_clearly(db):
    event = make_event(capacity=1, waitlist_enabled=False)
    rsvp(event, 1)
    with pytest.raises(ValidationError, match="full and has no waitlist"):
        rsvp(event, 2)
    assert Rsvp.objects.count() == 1


def test_unlimited_event_confirms_everyone(db):
    event = make_event(capacity=None)
    assert {rsvp(event, n).status for n in range(5)} == {"confirmed"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": Event.Status.CANCELLED}, "cancelled"),
        ({"status": Event.Status.DRAFT}, "not open"),
        (
            {"starts_at": timezone.now() - timedelta(days=2), "ends_at": timezone.now() - timedelta(days=1)},
            "already taken place",
        ),
    ],
)
def test_closed_events_refuse(db, change, message):
    event = make_event(**change)
    with pytest.raises(ValidationError, match=message):
        rsvp(event, 1)
    assert not Rsvp.objects.exists()


def test_bad_fields_are_reported_together(event):
    with pytest.raises(ValidationError) as caught:
        rsvp_create(event=event, email="not-an-email", first_name="", zip_code="999", phone="call me")
    assert set(caught.value.message_dict) == {"email", "first_name", "zip_code", "phone"}
    assert not Rsvp.objects.exists() and not Person.objects.exists()


def test_signed_in_user_rsvps_as_her_own_person(leader):
    event = make_event()
    one = rsvp_create(event=event, email="typed@example.org", first_name="Lena", user=leader)
    assert one.person.email == leader.email
    assert one.person.user == leader
    assert rsvp_create(event=event, email="", first_name="Lena", user=leader).pk == one.pk


def test_capacity_increase_promotes_in_order(event):
    rsvps = [rsvp(event, n) for n in range(5)]
    Event.objects.filter(pk=event.pk).update(capacity=4)
    promoted = rsvp_promote_waitlist(event=event)
    assert [r.pk for r in promoted] == [rsvps[2].pk, rsvps[3].pk]
    assert Rsvp.objects.get(pk=rsvps[4].pk).status == "waitlisted"


def test_address_only_for_confirmed_attendees_hosts_and_staff(event, leader, outsider, staff, group_admin):
    rsvp_create(event=event, email="", first_name="Lena", user=leader)
    event.hosts.add(group_admin)
    assert viewer_can_see_address(event, leader)
    assert viewer_can_see_address(event, staff)
    assert viewer_can_see_address(event, group_admin)
    assert not viewer_can_see_address(event, outsider)
    from django.contrib.auth.models import AnonymousUser

    assert not viewer_can_see_address(event, AnonymousUser())
    rsvp_create(event=event, email="x1@example.org", first_name="X")
    rsvp_create(event=event, email="", first_name="Otto", user=outsider)  # waitlisted: no address
    assert not viewer_can_see_address(event, outsider)
