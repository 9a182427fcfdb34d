"""The Leaders Network: spaces where leaders talk between events."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Space(models.Model):
    class Kind(models.TextChoices):
        TOPIC = "topic", _("National topic")
        STATE = "state", _("State")
        COHORT = "cohort", _("Convening cohort")
        GROUP = "group", _("Partner group")

    class Access(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Network members")
        INVITE = "invite", _("Invite only")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TOPIC)
    access = models.CharField(max_length=10, choices=Access.choices, default=Access.MEMBERS)
    description = models.TextField(_("description"), blank=True)
    state = models.CharField(max_length=2, blank=True)
    group = models.ForeignKey(
        "directory.PartnerGroup", null=True, blank=True, on_delete=models.CASCADE, related_name="spaces"
    )
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:space", args=[self.slug])
