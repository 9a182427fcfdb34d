"""Forms for authoring events, co-host invitations, extra hosts, cancelling and agenda topics.

Start and end are typed as wall-clock times at the venue; the ZIP decides the venue's time zone, so the
form converts them to aware datetimes only after it knows the ZIP (Django would otherwise read them in the
server's time zone).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actlocal.core import places
from actlocal.directory.models import PartnerGroup
from actlocal.events.models import AgendaTopic, Event, EventSeries

# Leaders (network members) may create these kinds; convenings are alliance-wide events created by staff.
MEMBER_KINDS = [Event.Kind.FOLLOW_UP, Event.Kind.MEETING, Event.Kind.TRAINING, Event.Kind.CANVASS]


class WallClockField(forms.DateTimeField):
    """A ``datetime-local`` input kept naive: the venue's time zone is applied in ``EventForm.clean``."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        with timezone.override("UTC"):
            parsed = super().to_python(value)
        return parsed.replace(tzinfo=None) if parsed else parsed


class EventForm(forms.ModelForm):
    zip = forms.CharField(
        label=_("ZIP code of the venue"),
        max_length=10,
        help_text=_("Sets the city, state and the venue’s time zone. For online events, the host’s ZIP."),
    )
    starts_at = WallClockField(label=_("Starts (venue’s local time)"))
    ends_at = WallClockField(label=_("Ends (venue’s local time)"))
    # Signed, so that 0 and negative numbers reach our own clear message instead of a browser rule.
    capacity = forms.IntegerField(label=_("Capacity"), required=False, help_text=_("Empty: no limit"))
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("Required for online and hybrid events."),
    )
    agenda_closes_at = WallClockField(label=_("Agenda voting closes (venue’s local time)"), required=False)

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "kind",
            "mode",
            "series",
            "venue_name",
            "street_address",
            "online_url",
            "waitlist_enabled",
            "accessibility_notes",
            "recurrence",
            "recurrence_until",
            "agenda_open",
        ]
        widgets = {"recurrence_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "accessibility_notes": _("Wheelchair access, ASL, childcare, languages spoken."),
            "street_address": _("Shown only to confirmed attendees and hosts."),
        }

    field_order = ["title", "description", "kind", "mode", "series", "venue_name", "street_address", "zip"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.place: places.Place | None = None
        event = self.instance
        if event.pk:
            tz = ZoneInfo(event.timezone)
            self.initial.setdefault("zip", event.zip_code)
            for name in ("starts_at", "ends_at", "agenda_closes_at"):
                value = getattr(event, name)
                if value:
                    self.initial.setdefault(name, value.astimezone(tz).replace(tzinfo=None))
            self.initial.setdefault("capacity", event.capacity)
            self.fields["zip"].help_text = _("Time zone now: %(tz)s. %(help)s") % {
                "tz": event.timezone,
                "help": self.fields["zip"].help_text,
            }
        if not user.is_staff:
            allowed = set(MEMBER_KINDS) | ({event.kind} if event.pk else set())
            self.fields["kind"].choices = [c for c in Event.Kind.choices if c[0] in allowed]
            del self.fields["series"]
        else:
            self.fields["series"].queryset = EventSeries.objects.order_by("name")
        if event.occurrence_of_id:
            # An occurrence follows its parent's rule; it does not carry one of its own.
            del self.fields["recurrence"], self.fields["recurrence_until"]

    def clean_zip(self):
        try:
            self.place = places.place_for_zip(self.cleaned_data["zip"])
        except places.PlaceError as exc:
            raise forms.ValidationError(str(exc))
        return self.place.zip_code

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity <= 0:
            raise forms.ValidationError(_("Capacity must be at least 1. Leave it empty for no limit."))
        return capacity

    def clean(self):
        data = super().clean()
        if self.place is not None:
            tz = ZoneInfo(self.place.timezone)
            for name in ("starts_at", "ends_at", "agenda_closes_at"):
                if isinstance(data.get(name), datetime):
                    data[name] = data[name].replace(tzinfo=tz)
        return data

    def event_fields(self) -> dict:
        """What the authoring services take: model field values, aware datetimes, and the place."""
        names = [*self.Meta.fields, "starts_at", "ends_at", "capacity", "agenda_closes_at"]
        fields = {name: self.cleaned_data[name] for name in names if name in self.fields}
        fields["place"] = self.place
        return fields


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to everyone who has a seat or is on the waitlist."),
    )


class HostAddForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of the new host"), help_text=_("They need an ActLocal account."))


class CoHostInviteForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Partner group"), queryset=PartnerGroup.objects.none())

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = PartnerGroup.objects.exclude(cohost_links__event=event).order_by(
            "name"
        )


class AgendaTopicForm(forms.ModelForm):
    class Meta:
        model = AgendaTopic
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
