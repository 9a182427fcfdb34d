"""RSVP pages: the form on the event page (plain POST or HTMX) and the cancel link from e-mails."""

from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from actlocal.events.models import Event, Rsvp
from actlocal.events.selectors_rsvp import event_for_rsvp, rsvp_for_cancel_token, waitlist_position
from actlocal.events.services.rsvp import event_open_error, rsvp_cancel, rsvp_create, rsvp_create_common
from actlocal.events.tokens import BadToken

HONEYPOT = "website"


class RsvpForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    zip_code = forms.CharField(label=_("ZIP code"), max_length=10, required=False)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=32, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["zip_code"].widget.attrs.update(autocomplete="postal-code", inputmode="numeric")
        self.fields["phone"].widget.attrs.update(autocomplete="tel", type="tel")
        if user is not None and user.is_authenticated:
            # Signed in, she RSVPs as her account: its verified address, not one typed here.
            del self.fields["email"]

    def show_errors(self, errors: dict[str, list[str]]) -> None:
        """Show what the service found wrong (``rsvp_create``'s field errors), with what was typed kept,
        instead of validating a second time. An error for a field this form lacks goes on top."""
        self._errors = ErrorDict(renderer=self.renderer)
        self.cleaned_data = {}
        for field, messages in errors.items():
            self.add_error(field if field in self.fields else None, messages)


def rsvp_form_initial(user) -> dict:
    if user is None or not user.is_authenticated:
        return {}
    person = getattr(user, "person", None)
    if person is not None:
        return {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "zip_code": person.zip_code,
            "phone": person.phone,
        }
    first, _sep, last = (user.name or "").partition(" ")
    return {"first_name": first, "last_name": last}


def htmx(request) -> bool:
    """``bool(request.htmx)``, read from the one header: django-htmx first copies every request header
    into ``request.headers``, which cost an RSVP in a surge a fortieth of its time."""
    return request.META.get("HTTP_HX_REQUEST") == "true"


@lru_cache(maxsize=1024)
def done_panel_html(
    language, outcome, position, show_address, show_online_link, online_link_later, *place
) -> str:
    """The panel after a done RSVP, from everything it shows (these arguments), rendered once per process
    for each: in a surge every confirmed RSVP to an event gets the same panel, and rendering it cost a
    tenth of the RSVP. A fragment with no form: no request context, so no context processors either."""
    street_address, city, state, zip_code, online_url = place
    event = SimpleNamespace(
        street_address=street_address, city=city, state=state, zip_code=zip_code, online_url=online_url
    )
    context = {
        "event": event,
        "outcome": outcome,
        "position": position,
        "show_address": show_address,
        "show_online_link": show_online_link,
        "online_link_later": online_link_later,
    }
    with translation.override(language):
        return render_to_string("events/rsvp_panel_done.html", context)


def _panel_or_page(request, event: Event, context: dict, *, status: int = 200):
    from actlocal.events.templatetags.rsvp import DONE, panel_context

    outcome = context.get("outcome", "")
    context = {**panel_context(request, event, outcome=outcome), **context}
    # After a done RSVP the panel is only its result: a template of its own, a third of the full one's cost.
    done = outcome in DONE
    context["panel_template"] = "events/rsvp_panel_done.html" if done else "events/rsvp_panel_inner.html"
    if htmx(request) and done:
        return HttpResponse(
            done_panel_html(
                get_language(),
                outcome,
                context.get("position"),
                context["show_address"],
                context["show_online_link"],
                context["online_link_later"],
                event.street_address,
                event.city,
                event.state,
                event.zip_code,
                event.online_url,
            )
        )
    if htmx(request):
        # HTMX swaps only 2xx responses by default, and the panel shows its own errors.
        return render(request, context["panel_template"], context)
    return render(request, "events/rsvp_result.html", context, status=status)


@require_POST
def rsvp_submit(request, slug: str):
    post = request.POST
    if not post.get(HONEYPOT) and not request.user.is_authenticated:
        # The common RSVP finds its event in the same step (one round trip on PostgreSQL); anything else
        # comes back None, with nothing written, for the path below.
        rsvp = rsvp_create_common(
            slug=slug,
            email=post.get("email", ""),
            first_name=post.get("first_name", ""),
            last_name=post.get("last_name", ""),
            zip_code=post.get("zip_code", ""),
            phone=post.get("phone", ""),
        )
        if rsvp is not None:
            # The whole page (no HTMX) shows more of the event than the panel's columns.
            event = rsvp.event if htmx(request) else event_for_rsvp(viewer=request.user, slug=slug)
            context = {"outcome": rsvp.status, "result_rsvp": rsvp, "position": rsvp.waitlist_position}
            return _panel_or_page(request, event, context)
    event = event_for_rsvp(viewer=request.user, slug=slug)
    if post.get(HONEYPOT):
        # A bot filled the invisible field: look successful, save nothing.
        return _panel_or_page(request, event, {"outcome": "received"})
    user = request.user if request.user.is_authenticated else None
    # The service validates every field (and names each error), so the form is built only to show
    # errors: validating here too cost as much as the rest of the view in an RSVP surge.
    try:
        rsvp = rsvp_create(
            event=event,
            email=user.email if user else post.get("email", ""),
            first_name=post.get("first_name", ""),
            last_name=post.get("last_name", ""),
            zip_code=post.get("zip_code", ""),
            phone=post.get("phone", ""),
            user=user,
            source="web",
            # Tried above for everyone not signed in (no honeypot here): not a second time.
            short_path=False,
        )
    except ValidationError as exc:
        form = RsvpForm(post, user=request.user)
        if hasattr(exc, "error_dict"):
            form.show_errors(exc.message_dict)
            return _panel_or_page(request, event, {"form": form, "outcome": "invalid"}, status=400)
        form.show_errors({})
        refusal = exc.messages[0]
        status = 409 if exc.code == "full" else 400
        return _panel_or_page(
            request, event, {"form": form, "refusal": refusal, "outcome": "refused"}, status=status
        )
    # A new RSVP knows its place from the service; an existing one is looked up.
    position = rsvp.waitlist_position if rsvp.created else waitlist_position(rsvp)
    # Someone typed an address that already RSVPed: say so without showing that person's status.
    outcome = "already" if not rsvp.created and user is None else rsvp.status
    return _panel_or_page(request, event, {"outcome": outcome, "result_rsvp": rsvp, "position": position})


@require_http_methods(["GET", "HEAD", "POST"])
def rsvp_cancel_link(request, token: str):
    """GET shows what would be cancelled; only POST cancels (mail scanners follow links with GET)."""
    try:
        rsvp = rsvp_for_cancel_token(token)
    except BadToken:
        return render(request, "events/rsvp_cancel.html", {"state": "bad_token"}, status=404)
    event = rsvp.event
    if event.status == Event.Status.CANCELLED:
        state = "event_cancelled"
    elif rsvp.status == Rsvp.Status.CANCELLED:
        state = "already"
    elif event_open_error(event):
        state = "closed"
    elif request.method == "POST":
        actor = request.user if request.user.is_authenticated else None
        rsvp = rsvp_cancel(rsvp=rsvp, actor=actor)
        state = "cancelled" if rsvp.cancelled_now else "already"
    else:
        state = "confirm"
    return render(
        request, "events/rsvp_cancel.html", {"state": state, "rsvp": rsvp, "event": event, "token": token}
    )
