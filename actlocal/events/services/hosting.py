"""Writes hosts make while running an event: check-in at the door, walk-ins, messages to attendees, the
attendee export (a read, but one the audit log must show).

Every function takes the acting user and refuses anyone who is not a host of the event (or staff) with
PermissionDenied, so a view, a management command or the API all get the same rule.

Decisions worth knowing:

* **The door overrides the list.** Checking in a waitlisted or cancelled RSVP confirms it: the person is in
  the room, even if that takes the event past capacity. The same goes for walk-ins on a full event.
* **Walk-ins do not go through ``rsvp_create``.** That engine refuses full events without a waitlist and
  events that have ended, requires an e-mail, and sends a confirmation: all wrong for someone standing at
  the door. A walk-in is matched to a Person (``person_match_or_create``, which only fills blanks), given
  a confirmed walk-in RSVP (``rsvp_walk_in_create``), and checked in. Someone who already RSVPed is
  simply checked in. Status changes at the door still go through ``services/rsvp.py``, which keeps the
  event's seat counters.
* **Messages** go one e-mail per attendee, so no attendee sees another's address. The broadcast (subject,
  body) is one audit entry on the event; each recipient gets an audit entry on their RSVP pointing at it,
  and the queued e-mail is built from that entry. No new model is needed.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.accounts.selectors import user_is_event_host
from actlocal.core.audit import audit_log
from actlocal.core.emails import queue_email
from actlocal.core.models import AuditEntry
from actlocal.directory.services import person_match_or_create
from actlocal.events import emails_hosting  # registers the message builder wherever this service runs
from actlocal.events.models import Event, Rsvp
from actlocal.events.services.rsvp import rsvp_lock_for_door, rsvp_seat_at_door, rsvp_walk_in_create

MESSAGES_PER_DAY = 5
MESSAGE_ACTION = "events.attendees_message"
MESSAGE_SENT_ACTION = "events.attendee_message_sent"


def _require_host(*, actor, event: Event) -> None:
    if not user_is_event_host(user=actor, event=event):
        raise PermissionDenied


@transaction.atomic
def rsvp_check_in(*, rsvp: Rsvp, actor) -> tuple[Rsvp, bool]:
    """Mark the person as arrived. Idempotent: returns (rsvp, False) with the first check-in kept when
    they were already checked in. A waitlisted or cancelled RSVP becomes confirmed (they are here)."""
    event = Event.objects.only("id").get(pk=rsvp.event_id)
    _require_host(actor=actor, event=event)
    rsvp = rsvp_lock_for_door(rsvp=rsvp)
    if rsvp.checked_in_at is not None:
        return rsvp, False
    now = timezone.now()
    changes: dict = {"checked_in": True}
    fields = ["checked_in_at", "checked_in_by", "updated_at"]
    was = rsvp.status
    seated = rsvp_seat_at_door(rsvp=rsvp, now=now)
    if seated:
        changes["status"] = [was, Rsvp.Status.CONFIRMED]
        fields += seated
    rsvp.checked_in_at, rsvp.checked_in_by = now, actor
    rsvp.save(update_fields=fields)
    audit_log(action="rsvp.check_in", actor=actor, target=rsvp, changes=changes)
    return rsvp, True


@transaction.atomic
def rsvp_undo_check_in(*, rsvp: Rsvp, actor) -> Rsvp:
    """Take back a check-in made by mistake (the wrong Maria). The RSVP stays confirmed."""
    rsvp = Rsvp.objects.select_for_update().select_related("event", "person").get(pk=rsvp.pk)
    _require_host(actor=actor, event=rsvp.event)
    if rsvp.checked_in_at is None:
        return rsvp
    was = rsvp.checked_in_at
    rsvp.checked_in_at, rsvp.checked_in_by = None, None
    rsvp.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    audit_log(
        action="rsvp.undo_check_in", actor=actor, target=rsvp, changes={"checked_in_at": was.isoformat()}
    )
    return rsvp


@transaction.atomic
def walk_in_register(
    *, event: Event, actor, first_name: str, last_name: str = "", email: str = "", zip_code: str = ""
) -> tuple[Rsvp, bool]:
    """Register someone who came without an RSVP and check them in. Returns (rsvp, is_new_walk_in);
    someone who had RSVPed under this e-mail is checked in on their own RSVP instead."""
    _require_host(actor=actor, event=event)
    first_name = (first_name or "").strip()
    if not first_name:
        raise ValidationError({"first_name": _("Enter a first name.")})
    # Two hosts at two doors registering the same walk-in: one at a time per event, so one Person.
    Event.objects.select_for_update().only("id").get(pk=event.pk)
    person, _created = person_match_or_create(
        email=email or "",
        first_name=first_name,
        last_name=last_name or "",
        zip_code=zip_code or "",
        actor=actor,
        source="walk-in",
    )
    rsvp = Rsvp.objects.filter(event=event, person=person).first()
    new = rsvp is None
    if new:
        rsvp = rsvp_walk_in_create(event=event, person=person, actor=actor)
    rsvp, _now = rsvp_check_in(rsvp=rsvp, actor=actor)
    return rsvp, new


def messages_sent_today(event: Event) -> int:
    since = timezone.now() - timedelta(days=1)
    return AuditEntry.objects.filter(
        action=MESSAGE_ACTION, target_type="events.event", target_id=str(event.pk), created_at__gte=since
    ).count()


@transaction.atomic
def attendees_message(
    *, event: Event, actor, subject: str, body: str, include_waitlist: bool = False
) -> tuple[AuditEntry, int]:
    """E-mail confirmed (and optionally waitlisted) attendees, one message each, after commit.

    At most ``MESSAGES_PER_DAY`` per event in any 24 hours, so a host cannot spam attendees (ValidationError
    with code ``rate_limited``). Returns (the broadcast's audit entry, number of recipients)."""
    _require_host(actor=actor, event=event)
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject or not body:
        raise ValidationError(_("Write a subject and a message."), code="empty")
    # Lock the event so two hosts pressing Send at once cannot both slip under the limit.
    event = Event.objects.select_for_update().get(pk=event.pk)
    if messages_sent_today(event) >= MESSAGES_PER_DAY:
        raise ValidationError(
            _("This event has already sent %(n)s messages in the last 24 hours. Try again tomorrow.")
            % {"n": MESSAGES_PER_DAY},
            code="rate_limited",
        )
    statuses = [Rsvp.Status.CONFIRMED] + ([Rsvp.Status.WAITLISTED] if include_waitlist else [])
    recipients = list(
        event.rsvps.filter(status__in=statuses).exclude(person__email="").order_by("id").only("id")
    )
    broadcast = audit_log(
        action=MESSAGE_ACTION,
        actor=actor,
        target=event,
        changes={
            "subject": subject,
            "body": body,
            "include_waitlist": include_waitlist,
            "recipients": len(recipients),
        },
    )
    for rsvp in recipients:
        entry = audit_log(
            action=MESSAGE_SENT_ACTION, actor=actor, target=rsvp, changes={"broadcast": broadcast.pk}
        )
        queue_email(emails_hosting.ATTENDEE_MESSAGE, entry.pk)
    return broadcast, len(recipients)


@transaction.atomic
def attendees_export(*, event: Event, actor, rows: list[dict], status: str = "") -> None:
    """Record that ``actor`` downloaded the attendee list (who, which filter, how many rows)."""
    _require_host(actor=actor, event=event)
    audit_log(
        action="events.attendees_export",
        actor=actor,
        target=event,
        changes={"rows": len(rows), "status": status or "all"},
    )
