from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from actlocal.core.models_area import AreaType, Lean


class AuditEntry(models.Model):
    """Who did what to which record, when, and from where. Written only by ``core.audit.audit_log``."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Indexed only where set (see Meta): most entries in a surge have no signed-in actor.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    actor_repr = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(max_length=255, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["actor"], condition=models.Q(actor__isnull=False), name="audit_actor"),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr or 'system'} {self.action} {self.target_repr}"
        )


class CountyProfile(models.Model):
    """Reference data per county: area type and partisan lean, with where the figures came from."""

    state = models.CharField(max_length=2)
    county = models.CharField(max_length=100)
    area_type = models.CharField(max_length=10, choices=AreaType.choices)
    lean = models.CharField(max_length=10, choices=Lean.choices)
    source = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["state", "county"]
        constraints = [models.UniqueConstraint(fields=["state", "county"], name="county_profile_unique")]

    def __str__(self) -> str:
        return f"{self.county}, {self.state}"
