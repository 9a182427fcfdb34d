"""Hosts' pages: dashboard, attendee list and CSV, message to attendees, check-in at the door.

Every page fetches the event through ``selectors.event_for_host`` (404 if unseen, 403 if not a host); every
write goes through ``services.hosting``, which checks again.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actlocal.accounts.selectors import user_is_event_host
from actlocal.core import places
from actlocal.core.csv_safe import safe_writer
from actlocal.events import checkin, ics, selectors, selectors_host
from actlocal.events.models import Rsvp
from actlocal.events.services import hosting
from actlocal.events.tokens import BadToken, read_checkin_token

# --- Forms (small, only used here) ---------------------------------------------------------------------


class WalkInForm(forms.Form):
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=100)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=100, required=False)
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        help_text=gettext_lazy(
            "Optional. Used for follow-up from this event, never shown to other attendees."
        ),
    )
    zip_code = forms.CharField(label=gettext_lazy("ZIP code"), max_length=10, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "walkin")
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "off"
        self.fields["email"].widget.attrs.update(autocomplete="off", inputmode="email")
        self.fields["zip_code"].widget.attrs.update(autocomplete="off", inputmode="numeric")

    def clean_zip_code(self) -> str:
        raw = self.cleaned_data["zip_code"].strip()
        if not raw:
            return ""
        try:
            return places.place_for_zip(raw).zip_code
        except places.PlaceError as exc:
            raise ValidationError(str(exc))


class MessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=150)
    body = forms.CharField(
        label=gettext_lazy("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    include_waitlist = forms.BooleanField(
        label=gettext_lazy("Also send to people on the waitlist"), required=False
    )


# --- Dashboard -----------------------------------------------------------------------------------------

CHART_HEIGHT = 100
CHART_BAR = 16
CHART_MIN_DAYS = 14


def _chart(days):
    """Bars for the RSVPs-per-day SVG: geometry computed here because CSP forbids inline styles."""
    top = max((n for _day, n in days), default=0)
    bars = []
    for i, (day, n) in enumerate(days):
        height = round(CHART_HEIGHT * n / top) if top else 0
        bars.append({"day": day, "n": n, "x": i * (CHART_BAR + 4), "y": CHART_HEIGHT - height, "h": height})
    # At least two weeks of slots, so one busy day is a bar, not a block filling the width.
    return {"bars": bars, "width": max(len(bars), CHART_MIN_DAYS) * (CHART_BAR + 4), "height": CHART_HEIGHT}


@login_required
@require_safe
def dashboard(request, slug: str):
    event = selectors.event_for_host(user=request.user, slug=slug)
    over = selectors_host.event_is_over(event)
    return render(
        request,
        "events/host_dashboard.html",
        {
            "event": event,
            "counts": selectors_host.event_counts(event),
            "chart": _chart(selectors_host.rsvps_by_day(event)),
            "cohost_links": selectors.event_cohost_links(event),
            "over": over,
            "attendance": selectors_host.event_attendance(event) if over else None,
            "surveys": selectors_host.event_surveys(event),
            "messages_left": max(hosting.MESSAGES_PER_DAY - hosting.messages_sent_today(event), 0),
        },
    )


# --- Attendees and export ------------------------------------------------------------------------------


def _list_params(request) -> tuple[str, str]:
    status = request.GET.get("status", "")
    sort = request.GET.get("sort", "name")
    return (
        status if status in Rsvp.Status.values else "",
        sort if sort in selectors_host.SORTS else "name",
    )


@login_required
@require_safe
def attendees(request, slug: str):
    event = selectors.event_for_host(user=request.user, slug=slug)
    status, sort = _list_params(request)
    rows = selectors_host.attendee_rows(event=event, viewer=request.user, status=status, sort=sort)
    return render(
        request,
        "events/host_attendees.html",
        {
            "event": event,
            "rows": rows,
            "status": status,
            "sort": sort,
            "statuses": Rsvp.Status.choices,
            "sorts": [("name", _("Name")), ("status", _("Status")), ("time", _("RSVP time"))],
            "csv_query": urlencode({"status": status, "sort": sort}),
        },
    )


def _iso(event, moment) -> str:
    if moment is None:
        return ""
    return timezone.localtime(moment, ics.event_zone(event)).strftime("%Y-%m-%d %H:%M")


@login_required
@require_safe
def attendees_csv(request, slug: str):
    event = selectors.event_for_host(user=request.user, slug=slug)
    status, sort = _list_params(request)
    rows = selectors_host.attendee_rows(event=event, viewer=request.user, status=status, sort=sort)
    hosting.attendees_export(event=event, actor=request.user, rows=rows, status=status)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{slugify(event.slug)[:80] or 'event'}-attendees.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    writer = safe_writer(response)
    writer.writerow(["name", "status", "walk_in", "rsvp_at", "checked_in_at", "email", "phone"])
    for row in rows:
        writer.writerow(
            (
                row["name"],
                row["status"],
                "yes" if row["walk_in"] else "no",
                _iso(event, row["created_at"]),
                _iso(event, row["checked_in_at"]),
                row["email"],
                row["phone"],
            )
        )
    return response


# --- Message -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def message(request, slug: str):
    event = selectors.event_for_host(user=request.user, slug=slug)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _broadcast, n = hosting.attendees_message(
                event=event,
                actor=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                include_waitlist=form.cleaned_data["include_waitlist"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Your message is on its way to %(n)s people, one e-mail each.") % {"n": n},
            )
            return redirect("events:host_dashboard", slug=event.slug)
    counts = selectors_host.event_counts(event)
    return render(
        request,
        "events/host_message.html",
        {
            "event": event,
            "form": form,
            "counts": counts,
            "messages_left": max(hosting.MESSAGES_PER_DAY - hosting.messages_sent_today(event), 0),
        },
        status=400 if form.errors else 200,
    )


# --- Check-in at the door ------------------------------------------------------------------------------


def _checkin_url(event, q: str = "") -> str:
    url = reverse("events:checkin", args=[event.slug])
    return f"{url}?{urlencode({'q': q})}" if q else url


def _checkin_page(request, event, *, walk_in_form=None, status=200):
    q = selectors_host.clean_query(request.GET.get("q", ""))
    context = {
        "event": event,
        "q": q,
        "results": selectors_host.checkin_search(event=event, q=q),
        "counts": selectors_host.event_counts(event),
        "walk_in_form": walk_in_form or WalkInForm(),
    }
    # Search-as-you-type asks for the results only: a few hundred bytes over a phone connection.
    template = "events/checkin_results.html" if request.htmx else "events/checkin.html"
    return render(request, template, context, status=status)


@login_required
@require_safe
def checkin_page(request, slug: str):
    event = selectors.event_for_host(user=request.user, slug=slug)
    return _checkin_page(request, event)


@login_required
@require_POST
def checkin_rsvp(request, slug: str, rsvp_id: int):
    event = selectors.event_for_host(user=request.user, slug=slug)
    rsvp = selectors_host.rsvp_for_host(event=event, rsvp_id=rsvp_id)
    rsvp, now = hosting.rsvp_check_in(rsvp=rsvp, actor=request.user)
    name = rsvp.person.full_name
    if now:
        messages.success(request, _("%(name)s is checked in.") % {"name": name})
    else:
        messages.info(request, _("%(name)s was already checked in.") % {"name": name})
    return redirect(_checkin_url(event, selectors_host.clean_query(request.POST.get("q", ""))))


@login_required
@require_POST
def checkin_undo(request, slug: str, rsvp_id: int):
    event = selectors.event_for_host(user=request.user, slug=slug)
    rsvp = selectors_host.rsvp_for_host(event=event, rsvp_id=rsvp_id)
    rsvp = hosting.rsvp_undo_check_in(rsvp=rsvp, actor=request.user)
    messages.success(request, _("Check-in undone for %(name)s.") % {"name": rsvp.person.full_name})
    return redirect(_checkin_url(event, selectors_host.clean_query(request.POST.get("q", ""))))


@login_required
@require_POST
def checkin_walk_in(request, slug: str):
    event = selectors.event_for_host(user=request.user, slug=slug)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            rsvp, new = hosting.walk_in_register(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            name = rsvp.person.full_name
            if new:
                messages.success(request, _("Welcome, %(name)s: registered and checked in.") % {"name": name})
            else:
                messages.success(
                    request, _("%(name)s had already RSVPed and is checked in.") % {"name": name}
                )
            return redirect(_checkin_url(event))
    return _checkin_page(request, event, walk_in_form=form, status=400)


# --- QR code from the confirmation e-mail --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def checkin_by_token(request, token: str):
    """What a phone camera opens. A host gets a Check in button (POST only); anyone else, the attendee
    included, gets "show this code to a host" and learns nothing about the RSVP."""
    try:
        rsvp_id, event_id = read_checkin_token(token[:500])
    except BadToken:
        rsvp_id = event_id = None
    rsvp = selectors_host.rsvp_for_token(rsvp_id=rsvp_id, event_id=event_id) if rsvp_id else None
    if rsvp is None:
        return render(request, "events/checkin_token_invalid.html", status=404)
    event = rsvp.event
    if not user_is_event_host(user=request.user, event=event):
        if request.method == "POST":
            raise PermissionDenied
        return render(
            request,
            "events/checkin_token_attendee.html",
            {"qr": checkin.qr_data_uri(checkin.checkin_url(rsvp))},
        )
    just_now = False
    if request.method == "POST":
        rsvp, just_now = hosting.rsvp_check_in(rsvp=rsvp, actor=request.user)
    return render(
        request,
        "events/checkin_token_host.html",
        {"event": event, "rsvp": rsvp, "just_now": just_now},
    )
