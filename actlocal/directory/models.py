"""People, partner groups and resources: what the directories list.

``Person`` is anyone the network knows (a leader, someone who RSVPed, an imported contact); a person with a
``leader_type`` is a leader and appears in the leaders directory when ``listed``. A person's place is the
centroid of their ZIP, never a home point.
"""

from __future__ import annotations

import posixpath
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from actlocal.core.visibility import Visibility, VisibilityField, VisibilityMixin


def person_photo_path(instance, filename: str) -> str:
    # A random name: the file says nothing about whose photo it is, and cannot be guessed.
    return f"people/{uuid.uuid4().hex}{posixpath.splitext(filename)[1].lower()}"


def resource_file_path(instance, filename: str) -> str:
    # The extension is the one the upload check derived from the content, never the uploader's name.
    return f"resources/{uuid.uuid4().hex}{posixpath.splitext(filename)[1].lower()}"


class Topic(models.Model):
    """An issue area (voting rights, health care) or a skill (canvassing, fundraising)."""

    class Kind(models.TextChoices):
        ISSUE = "issue", _("Issue area")
        SKILL = "skill", _("Skill")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=100)
    name_es = models.CharField(_("name in Spanish"), max_length=100, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="topic_kind_slug_unique")]

    def __str__(self) -> str:
        return self.name


class PlaceFields(models.Model):
    """ZIP plus what ``core.places`` derives from it; ``lat``/``lng`` are the ZIP centroid."""

    zip_code = models.CharField(_("ZIP code"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True, db_index=True)
    county = models.CharField(_("county"), max_length=100, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)

    class Meta:
        abstract = True

    def set_place(self, place) -> None:
        if place is None:
            self.zip_code = self.city = self.county = ""
            self.lat = self.lng = None
            return
        self.zip_code, self.city, self.state, self.county = (
            place.zip_code,
            place.city,
            place.state,
            place.county,
        )
        self.lat, self.lng = place.lat, place.lng


class Person(VisibilityMixin, PlaceFields):
    class LeaderType(models.TextChoices):
        EMERGENT = "emergent", _("Emergent leader")
        COMMUNITY = "community", _("Community leader")
        FAITH = "faith", _("Faith leader")
        LARGE_ORG = "large_org", _("Large-organization leader")
        SEASONED = "seasoned", _("Seasoned grassroots leader")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    leader_type = models.CharField(_("leader type"), max_length=20, choices=LeaderType.choices, blank=True)
    bio = models.TextField(_("short bio"), max_length=2000, blank=True)
    photo = models.ImageField(_("photo"), upload_to=person_photo_path, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True, help_text=_("Comma-separated"))
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="people")
    website = models.URLField(_("website"), blank=True)
    contact_via_platform = models.BooleanField(
        _("let network members contact me through ActLocal"),
        default=True,
        help_text=_("Messages reach you by e-mail; neither address is shown to the other person."),
    )
    listed = models.BooleanField(_("listed in the directory"), default=True)
    # Survivorship: which source record gave each field its value ({"email": 17}), set by imports and
    # merges; a field not named here was entered on the site.
    field_sources = models.JSONField(default=dict, blank=True, editable=False)
    # Not indexed: nothing looks people up by when they were added, and every new contact (each RSVP in a
    # surge, each imported row) would write an entry.
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Conservative defaults: a new profile shows only a name and city to network members.
    name_visibility = VisibilityField(_("who sees my name"), default=Visibility.MEMBERS)
    place_visibility = VisibilityField(_("who sees my city"), default=Visibility.MEMBERS)
    email_visibility = VisibilityField(
        _("who sees my e-mail"), default=Visibility.STAFF, floor=Visibility.MEMBERS
    )
    phone_visibility = VisibilityField(
        _("who sees my phone"), default=Visibility.STAFF, floor=Visibility.MEMBERS
    )
    address_visibility = VisibilityField(
        _("who sees my street address"), default=Visibility.PRIVATE, floor=Visibility.STAFF
    )
    bio_visibility = VisibilityField(_("who sees my bio"), default=Visibility.MEMBERS)
    photo_visibility = VisibilityField(_("who sees my photo"), default=Visibility.MEMBERS)

    VISIBILITY = {
        "first_name": "name_visibility",
        "last_name": "name_visibility",
        "city": "place_visibility",
        "state": "place_visibility",
        "zip_code": "place_visibility",
        "county": "place_visibility",
        "lat": "place_visibility",
        "lng": "place_visibility",
        "email": "email_visibility",
        "phone": "phone_visibility",
        "street_address": "address_visibility",
        "bio": "bio_visibility",
        "photo": "photo_visibility",
    }
    VISIBILITY_OWNER = "user"

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # Leaders only: every query on these columns asks for leaders (``exclude(leader_type="")``), and a
        # contact met through an RSVP or an import, who is not one, then writes no entry to them.
        indexes = [
            models.Index(
                fields=["leader_type", "listed"], condition=~Q(leader_type=""), name="person_leader_listed"
            ),
            models.Index(fields=["lat", "lng"], condition=~Q(leader_type=""), name="person_leader_place"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("directory:leader_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_leader(self) -> bool:
        return bool(self.leader_type)


class PartnerGroup(VisibilityMixin, PlaceFields):
    class Kind(models.TextChoices):
        LOCAL = "local", _("Local group")
        CHAPTER = "chapter", _("Chapter")
        FAITH = "faith", _("Faith community")
        UNION = "union", _("Union")
        NATIONAL = "national", _("National organization")
        ALLIANCE = "alliance", _("Alliance member")

    class Area(models.TextChoices):
        CITY = "city", _("City")
        COUNTY = "county", _("County")
        STATE = "state", _("State")
        NATIONAL = "national", _("National")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.LOCAL)
    area_served = models.CharField(_("area served"), max_length=20, choices=Area.choices, default=Area.CITY)
    mission = models.TextField(_("mission"), max_length=4000, blank=True)
    website = models.URLField(_("website"), blank=True)
    meeting_times = models.CharField(_("meeting times"), max_length=200, blank=True)
    social_links = models.JSONField(
        _("social links"), default=dict, blank=True, help_text=_('{"facebook": URL, "instagram": URL, ...}')
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True, help_text=_("Comma-separated"))
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    contact_email_visibility = VisibilityField(_("who sees the contact e-mail"), default=Visibility.MEMBERS)
    contact_phone_visibility = VisibilityField(_("who sees the contact phone"), default=Visibility.MEMBERS)
    topics = models.ManyToManyField(Topic, blank=True, related_name="groups")
    admins = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="administered_groups")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    VISIBILITY = {"contact_email": "contact_email_visibility", "contact_phone": "contact_phone_visibility"}

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["lat", "lng"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:group_detail", args=[self.slug])

    def viewer_rank(self, viewer) -> int:
        # A group's own admins see all of its contact details, like an owner.
        from actlocal.core.visibility import OWNER_RANK

        if viewer is not None and viewer.is_authenticated and self.admins.filter(pk=viewer.pk).exists():
            return OWNER_RANK
        return super().viewer_rank(viewer)


class Affiliation(models.Model):
    """A person's role in a partner group."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    group = models.ForeignKey(PartnerGroup, on_delete=models.CASCADE, related_name="affiliations")
    role = models.CharField(_("role"), max_length=100, blank=True)
    is_contact = models.BooleanField(_("public contact for the group"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "group"], name="affiliation_unique")]

    def __str__(self) -> str:
        return f"{self.person} – {self.group}"


class Resource(models.Model):
    class Kind(models.TextChoices):
        TOOLKIT = "toolkit", _("Toolkit")
        TRAINING = "training", _("Training")
        GUIDE = "guide", _("Guide")
        TEMPLATE = "template", _("Template")
        DATA = "data", _("Data")
        LEGAL = "legal", _("Legal help")
        FUNDING = "funding", _("Funding")
        SPEAKER = "speaker", _("Speaker")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=4000)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    topics = models.ManyToManyField(Topic, blank=True, related_name="resources")
    provider = models.ForeignKey(
        PartnerGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="resources"
    )
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    states = models.CharField(
        _("states where it applies"), max_length=200, blank=True, help_text=_("Empty means nationwide.")
    )
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to=resource_file_path, blank=True)
    file_type = models.CharField(max_length=100, blank=True, help_text=_("Detected from the file's content."))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("note from the reviewer"), max_length=2000, blank=True)
    last_checked = models.DateField(_("last checked"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("directory:resource_detail", args=[self.pk])

    @property
    def state_list(self) -> list[str]:
        return [s for s in self.states.split(",") if s]

    @property
    def file_extension(self) -> str:
        """``PDF``, ``DOCX``...: set from the file's content when it was uploaded."""
        return posixpath.splitext(self.file.name)[1].lstrip(".").upper() if self.file else ""


class ContactMessage(models.Model):
    """A message to a leader through the platform: delivered by e-mail, neither address revealed."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_messages_sent"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_messages")
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.sender_id} → {self.person_id}: {self.subject}"
