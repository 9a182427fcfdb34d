"""Convenings, follow-up gatherings and other events; their co-host groups and RSVPs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actlocal.directory.models import PartnerGroup, Person, PlaceFields


class EventSeries(models.Model):
    """A named campaign ("ActLocal 2018") that groups events across states."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(_("description"), blank=True)
    target_states = models.PositiveSmallIntegerField(_("states to reach"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return self.name


class Event(PlaceFields):
    class Kind(models.TextChoices):
        CONVENING = "convening", _("Convening")
        FOLLOW_UP = "follow_up", _("Follow-up gathering")
        TRAINING = "training", _("Training")
        MEETING = "meeting", _("Meeting")
        CANVASS = "canvass", _("Canvass")
        OTHER = "other", _("Other")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(_("description"), max_length=20000, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    mode = models.CharField(_("format"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    series = models.ForeignKey(
        EventSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    # Shown only to confirmed attendees and hosts.
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="America/New_York")
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit")
    )
    waitlist_enabled = models.BooleanField(_("waitlist when full"), default=True)
    accessibility_notes = models.TextField(_("accessibility"), max_length=2000, blank=True)

    class Recurrence(models.TextChoices):
        NONE = "", _("Does not repeat")
        WEEKLY = "weekly", _("Every week")
        BIWEEKLY = "biweekly", _("Every two weeks")
        MONTHLY = "monthly", _("Every month (same weekday)")

    # A recurring follow-up is one parent event plus one Event row per occurrence (``occurrence_of``), so
    # each occurrence has its own RSVPs, capacity, check-in and attendance.
    recurrence = models.CharField(_("repeats"), max_length=10, choices=Recurrence.choices, blank=True)
    recurrence_until = models.DateField(_("repeat until"), null=True, blank=True)
    occurrence_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="occurrences"
    )
    agenda_open = models.BooleanField(_("leaders may propose and vote on agenda topics"), default=False)
    agenda_closes_at = models.DateTimeField(_("agenda voting closes"), null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(_("why it was cancelled"), max_length=2000, blank=True)
    # RSVPs holding a seat and waiting for one, kept by the RSVP services (services/rsvp.py) in the same
    # transaction as the RSVP write, under the event's row lock: taking a seat reads and bumps this row
    # instead of counting a growing RSVP table. NULL means "not counted yet" (events and RSVPs written in
    # bulk by a seeder or loader, which know nothing of the counters): the next RSVP write counts once,
    # under the lock, and stores the result; readers count on the fly meanwhile.
    confirmed_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    waitlist_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    host_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="hosted_events"
    )
    hosts = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="hosted_events")
    cohosts = models.ManyToManyField(PartnerGroup, through="CoHost", related_name="cohosted_events")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["lat", "lng"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])


class CoHost(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="cohost_links")
    group = models.ForeignKey(PartnerGroup, on_delete=models.CASCADE, related_name="cohost_links")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "group"], name="cohost_unique")]

    def __str__(self) -> str:
        return f"{self.group_id} co-hosts {self.event_id} ({self.status})"


class Rsvp(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waitlisted")
        CANCELLED = "cancelled", _("Cancelled")

    # No index of its own: the (event, person) and (event, status) indexes both lead with it. Every index is
    # one more page each RSVP writes, and a surge writes thousands a second.
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps", db_index=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="rsvps")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    source = models.CharField(max_length=40, default="web")
    # Waitlist order is arrival order: created_at, then id for RSVPs in the same instant.
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Moved from the waitlist to a seat.")
    )
    walk_in = models.BooleanField(default=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    # Indexed only where set (see Meta): an RSVP is made without one.
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    # The e-mail this RSVP is owed (its transactional outbox, see ``events/outbox.py``): written in the
    # RSVP's own INSERT, so the RSVP and the promise of its e-mail commit or roll back together at no extra
    # statement. ``email_due_at`` is when the next attempt is due (NULL: nothing owed).
    email_kind = models.CharField(max_length=40, blank=True, default="")
    email_due_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    reminded_day_at = models.DateTimeField(null=True, blank=True)
    reminded_hours_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="rsvp_one_per_person")]
        indexes = [
            models.Index(fields=["event", "status"]),
            # Only owed e-mails are indexed: the sweep's look-up stays small however many RSVPs there are.
            models.Index(
                fields=["email_due_at"],
                condition=models.Q(email_due_at__isnull=False),
                name="rsvp_email_owed",
            ),
            models.Index(
                fields=["checked_in_by"],
                condition=models.Q(checked_in_by__isnull=False),
                name="rsvp_checked_in_by",
            ),
        ]

    def __str__(self) -> str:
        return f"RSVP {self.pk} ({self.status})"


class AgendaTopic(models.Model):
    """A topic a local leader proposes for a convening's agenda; others vote, hosts pick."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda_topics")
    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("why it matters"), max_length=2000, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    picked = models.BooleanField(_("on the agenda"), default=False)
    hidden = models.BooleanField(default=False, help_text=_("Hidden by a host (off-topic or duplicate)."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-picked", "created_at"]

    def __str__(self) -> str:
        return self.title


class AgendaVote(models.Model):
    topic = models.ForeignKey(AgendaTopic, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="agenda_vote_once")]

    def __str__(self) -> str:
        return f"vote {self.user_id} for {self.topic_id}"
