"""``{% rsvp_panel event %}``: the RSVP box on the event page, with what this viewer needs to see."""

from __future__ import annotations

from django import template

from actlocal.events.models import Rsvp
from actlocal.events.selectors_rsvp import (
    rsvp_for_user,
    seats_left,
    viewer_can_see_address,
    waitlist_position,
)
from actlocal.events.services.rsvp import event_open_error
from actlocal.events.tokens import cancel_token

register = template.Library()


# After these outcomes the panel shows only the result: no form, no seat count to look up.
DONE = {"confirmed", "waitlisted", "already", "received"}


def panel_context(request, event, *, outcome: str = "") -> dict:
    from actlocal.events.views.rsvp import RsvpForm, rsvp_form_initial

    user = request.user
    if outcome in DONE:
        # Someone signed in who just got a seat is a confirmed attendee: no need to ask the database.
        just_seated = outcome == "confirmed" and user.is_authenticated
        return {"request": request, "event": event, "user": user, **_private_details(event, just_seated)}
    mine = rsvp_for_user(event=event, user=user)
    active = mine is not None and mine.status != Rsvp.Status.CANCELLED
    return {
        "request": request,
        "event": event,
        "user": user,
        "closed_reason": event_open_error(event),
        "my_rsvp": mine if active else None,
        "my_position": waitlist_position(mine) if active else None,
        "my_cancel_token": cancel_token(mine) if active else "",
        "form": RsvpForm(user=user, initial=rsvp_form_initial(user)),
        "seats_left": seats_left(event),
        **_private_details(event, lambda: viewer_can_see_address(event, user)),
    }


def _private_details(event, allowed) -> dict:
    """What the panel shows of where to be: the street address and the link to join online, both under
    the one rule (``viewer_can_see_address``); an online event tells everyone else the link comes later.
    ``allowed`` is that rule's answer, or a callable asked only when there is something to hide."""
    online = event.mode != event.Mode.IN_PERSON and bool(event.online_url)
    if callable(allowed):
        allowed = (bool(event.street_address) or online) and allowed()
    return {
        "show_address": allowed and bool(event.street_address),
        "show_online_link": allowed and online,
        "online_link_later": online and not allowed,
    }


@register.inclusion_tag("events/rsvp_panel_inner.html", takes_context=True)
def rsvp_panel(context, event):
    request = context["request"]
    return {**panel_context(request, event), "csrf_token": context.get("csrf_token")}
