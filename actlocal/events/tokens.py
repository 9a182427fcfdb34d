"""Signed links in event e-mails: cancel an RSVP, check in at the door. Nothing is stored; the signature
is the proof. A tampered token fails; a replayed one finds the RSVP already cancelled or checked in."""

from __future__ import annotations

from django.core import signing

CANCEL_SALT = "actlocal.events.rsvp-cancel"
CHECKIN_SALT = "actlocal.events.rsvp-checkin"


class BadToken(ValueError):
    pass


def _make(rsvp, salt: str) -> str:
    # The event id is signed too, so a token cannot be replayed against another event's RSVP of that id.
    return signing.dumps({"r": rsvp.pk, "e": rsvp.event_id}, salt=salt, compress=True)


def _read(token: str, salt: str, max_age: int | None) -> tuple[int, int]:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
        return int(data["r"]), int(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise BadToken(token)


def cancel_token(rsvp) -> str:
    return _make(rsvp, CANCEL_SALT)


def read_cancel_token(token: str) -> tuple[int, int]:
    """(rsvp_id, event_id) or BadToken."""
    return _read(token, CANCEL_SALT, max_age=None)


def checkin_token(rsvp) -> str:
    return _make(rsvp, CHECKIN_SALT)


def read_checkin_token(token: str) -> tuple[int, int]:
    return _read(token, CHECKIN_SALT, max_age=None)
