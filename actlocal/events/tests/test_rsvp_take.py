"""The common RSVP's short path (``services/rsvp_take.py``) leaves exactly what the general path leaves,
and hands every other case to it having written nothing. Runs on both engines in CI: on PostgreSQL this
is the ``actlocal_rsvp_take`` function, on SQLite plain statements."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.core.models import AuditEntry
from actlocal.core.request_context import RequestOrigin, reset_origin, set_origin
from actlocal.directory.models import Person
from actlocal.events import outbox
from actlocal.events.models import Event, Rsvp
from actlocal.events.services import rsvp as rsvp_services
from actlocal.events.services.rsvp import _clean, rsvp_counts_refresh, rsvp_create
from actlocal.events.services.rsvp_take import rsvp_take
from actlocal.events.tests.event_factory import make_event
from actlocal.events.views import rsvp as rsvp_views

pytestmark = pytest.mark.django_db(transaction=True)

# Columns that differ between any two RSVPs by nature (keys, clocks).
PERSON_SKIP = {"id", "created_at", "updated_at"}
RSVP_SKIP = {"id", "event", "person", "created_at", "updated_at", "email_due_at", "confirmation_sent_at"}


def counted_event(**fields) -> Event:
    """An open event whose seat counters are counted, as after its first RSVP."""
    event = make_event(**fields)
    rsvp_counts_refresh(events=Event.objects.filter(pk=event.pk))
    event.refresh_from_db()
    return event


def general_path_only():
    """The general path alone, as before the short path existed."""
    return mock.patch.object(rsvp_services, "rsvp_take", return_value=None)


def data(n: int, **overrides) -> dict:
    fields = {"email": f"p{n}@example.org", "first_name": f"Pat{n}", "last_name": "Lee", "zip_code": "53703"}
    fields.update(overrides)
    return fields


def row(obj, skip: set[str]) -> dict:
    return {f.name: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields if f.name not in skip}


def audit_of(rsvp: Rsvp) -> AuditEntry:
    return AuditEntry.objects.get(target_type="events.rsvp", target_id=str(rsvp.pk))


def test_a_new_person_s_rsvp_leaves_the_rows_the_general_path_leaves():
    token = set_origin(RequestOrigin(ip_address="203.0.113.9", user_agent="Phone browser"))
    try:
        short_event, general_event = counted_event(capacity=1), counted_event(capacity=1)
        short = [rsvp_create(event=short_event, **data(n, phone="608-555-0100")) for n in (1, 2)]
        with general_path_only():
            general = [rsvp_create(event=general_event, **data(n + 10, phone="608-555-0100")) for n in (1, 2)]
    finally:
        reset_origin(token)

    for a, b in zip(short, general, strict=True):
        a, b = Rsvp.objects.get(pk=a.pk), Rsvp.objects.get(pk=b.pk)
        assert row(a, RSVP_SKIP) == row(b, RSVP_SKIP)
        # Tests send e-mails at once: a confirmation is stamped when sent, a waitlist notice is not.
        assert (
            (a.confirmation_sent_at is None) == (b.confirmation_sent_at is None) == (a.status != "confirmed")
        )
        pa, pb = a.person, b.person
        expected = row(pb, PERSON_SKIP) | {"email": pa.email, "first_name": pa.first_name}
        assert row(pa, PERSON_SKIP) == expected
        assert pa.first_name != pb.first_name  # the comparison above is not vacuous
        aa, ab = audit_of(a), audit_of(b)
        assert (aa.action, aa.actor_id, aa.ip_address, aa.user_agent) == (
            ab.action,
            ab.actor_id,
            ab.ip_address,
            ab.user_agent,
        )
        assert aa.target_repr == str(a)
        assert aa.changes == {"status": a.status, "source": "web", "new_person": pa.pk}
        assert ab.changes == {"status": b.status, "source": "web", "new_person": pb.pk}
    assert [r.status for r in short] == ["confirmed", "waitlisted"]
    assert [r.email_kind for r in Rsvp.objects.filter(event=short_event).order_by("id")] == [
        outbox.CONFIRMATION,
        outbox.WAITLISTED,
    ]
    short_event.refresh_from_db()
    assert (short_event.confirmed_count, short_event.waitlist_count) == (1, 1)


def test_the_short_path_answers_with_the_seat_and_the_place_in_line():
    event = counted_event(capacity=2)
    taken = [rsvp_take(event_id=event.pk, data=_clean(**data(n), phone=""), source="web") for n in range(4)]
    assert [(r.status, r.waitlist_position, r.created) for r in taken] == [
        ("confirmed", None, True),
        ("confirmed", None, True),
        ("waitlisted", 1, True),
        ("waitlisted", 2, True),
    ]
    assert [r.pk for r in taken] == list(
        Rsvp.objects.filter(event=event).order_by("created_at", "id").values_list("pk", flat=True)
    )


def test_a_known_person_with_nothing_to_fill_keeps_her_record():
    known = Person.objects.create(
        email="p1@example.org", first_name="Pat1", last_name="Lee", zip_code="53703"
    )
    event = counted_event()
    rsvp = rsvp_take(event_id=event.pk, data=_clean(**data(1), phone=""), source="web")
    assert rsvp is not None and rsvp.person_id == known.pk
    assert Person.objects.filter(email="p1@example.org").count() == 1
    assert "new_person" not in audit_of(rsvp).changes


def _rows() -> tuple[int, int, int]:
    return Person.objects.count(), Rsvp.objects.count(), AuditEntry.objects.count()


@pytest.mark.parametrize(
    "case",
    [
        "blank_to_fill",
        "zip_to_fill",
        "phone_to_fill",
        "first_name_to_fill",
        "rsvp_exists",
        "cancelled_rsvp",
        "event_cancelled",
        "event_over",
        "full_without_waitlist",
        "counters_never_counted",
    ],
)
def test_every_other_case_goes_to_the_general_path_with_nothing_written(case):
    event = counted_event(capacity=1, waitlist_enabled=case != "full_without_waitlist")
    known = {"email": "p1@example.org", "first_name": "Pat1", "last_name": "Lee", "zip_code": "53703"}
    if case == "blank_to_fill":
        Person.objects.create(**{**known, "last_name": ""})
    elif case == "zip_to_fill":
        Person.objects.create(**{**known, "zip_code": ""})
    elif case == "first_name_to_fill":
        Person.objects.create(**{**known, "first_name": ""})
    elif case == "phone_to_fill":
        Person.objects.create(**known)
    elif case in ("rsvp_exists", "cancelled_rsvp"):
        earlier = rsvp_create(event=event, **data(1))
        if case == "cancelled_rsvp":
            rsvp_services.rsvp_cancel(rsvp=earlier)
    elif case == "event_cancelled":
        Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    elif case == "event_over":
        past = timezone.now() - timedelta(hours=1)
        Event.objects.filter(pk=event.pk).update(starts_at=past - timedelta(hours=2), ends_at=past)
    elif case == "full_without_waitlist":
        rsvp_create(event=event, **data(9))
    elif case == "counters_never_counted":
        Event.objects.filter(pk=event.pk).update(confirmed_count=None, waitlist_count=None)
    before = _rows()
    counters = Event.objects.values_list("confirmed_count", "waitlist_count").get(pk=event.pk)

    phone = "608-555-0100" if case == "phone_to_fill" else ""
    assert rsvp_take(event_id=event.pk, data=_clean(**data(1), phone=phone), source="web") is None
    assert _rows() == before
    assert Event.objects.values_list("confirmed_count", "waitlist_count").get(pk=event.pk) == counters


def test_rsvp_create_takes_the_short_path_only_for_someone_not_signed_in(outsider):
    event = counted_event()
    with mock.patch.object(rsvp_services, "rsvp_take", wraps=rsvp_services.rsvp_take) as short:
        rsvp_create(event=event, **data(1))
        assert short.call_count == 1
        mine = rsvp_create(event=event, user=outsider, **data(2))
        assert short.call_count == 1
    assert mine.person.user_id == outsider.pk


# --- Through the form: the event found by its address in the same step --------------------------------

FORM = {"first_name": "Rosa", "last_name": "Parks", "email": "rosa@example.org", "zip_code": "53703"}


def post(client, event, data=FORM, **headers):
    return client.post(reverse("events:rsvp", args=[event.slug]), data, headers=headers)


def test_the_form_s_common_rsvp_gives_the_panel_the_general_path_gives(client):
    quick_event = counted_event(slug="quick", capacity=1)
    general_event = counted_event(slug="general", capacity=1)
    with (
        mock.patch.object(rsvp_views, "rsvp_create_common", wraps=rsvp_views.rsvp_create_common) as spy,
        mock.patch.object(rsvp_views, "rsvp_create", wraps=rsvp_views.rsvp_create) as general_path,
    ):
        quick = [
            post(client, quick_event, {**FORM, "email": f"q{n}@example.org"}, HX_Request="true")
            for n in (1, 2)
        ]
    assert [call.kwargs["slug"] for call in spy.call_args_list] == ["quick", "quick"]
    assert general_path.call_count == 0  # both went through in the one step
    with mock.patch.object(rsvp_views, "rsvp_create_common", return_value=None):
        general = [
            post(client, general_event, {**FORM, "email": f"g{n}@example.org"}, HX_Request="true")
            for n in (1, 2)
        ]
    assert [r.status_code for r in quick + general] == [200] * 4
    for q, g in zip(quick, general, strict=True):
        assert q.content == g.content
    assert "You're in" in quick[0].content.decode()
    assert "number 1" in quick[1].content.decode()
    assert Rsvp.objects.filter(event=quick_event).count() == 2


def test_without_htmx_the_common_rsvp_shows_the_whole_page(client):
    event = counted_event(title="Madison convening")
    response = post(client, event)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Madison convening</h1>" in body and "You're in" in body


@pytest.mark.parametrize("status", [Event.Status.DRAFT, "unknown"])
def test_a_draft_or_unknown_event_is_not_found_and_nothing_is_written(client, status):
    event = counted_event()
    if status == "unknown":
        event.slug = "no-such-event"
    else:
        Event.objects.filter(pk=event.pk).update(status=status)
    before = _rows()
    assert post(client, event, HX_Request="true").status_code == 404
    assert _rows() == before


def test_by_slug_the_rsvp_carries_its_event_as_the_lock_saw_it():
    event = counted_event(capacity=1, street_address="149 Waubesa St")
    first = rsvp_take(slug=event.slug, data=_clean(**data(1), phone=""), source="web")
    second = rsvp_take(slug=event.slug, data=_clean(**data(2), phone=""), source="web")
    assert first.event.pk == event.pk and first.event.street_address == "149 Waubesa St"
    assert (first.event.confirmed_count, first.event.waitlist_count) == (1, 0)
    assert (second.event.confirmed_count, second.event.waitlist_count) == (1, 1)
    assert second.event.ends_at == event.ends_at  # converted as the ORM converts it
    assert rsvp_take(slug="no-such-event", data=_clean(**data(3), phone=""), source="web") is None


def test_inside_a_transaction_a_refused_seat_writes_nothing_and_the_transaction_goes_on():
    from django.db import transaction

    event = counted_event(capacity=1, waitlist_enabled=False)
    rsvp_create(event=event, **data(9))  # the one seat
    before = _rows()
    with transaction.atomic():
        assert rsvp_take(event_id=event.pk, data=_clean(**data(1), phone=""), source="web") is None
        Person.objects.create(email="after@example.org", first_name="After")  # still usable
    assert not Person.objects.filter(email="p1@example.org").exists()
    assert _rows() == (before[0] + 1, before[1], before[2])
