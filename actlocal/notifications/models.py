"""In-app notifications and each person's delivery choice per kind of notification."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    INSTANT = "instant", _("Right away")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Off")


class Notification(models.Model):
    """One thing that happened that ``recipient`` may want to know about.

    The title and URL are snapshots taken when the notification was created by a service that has
    already checked the recipient may see the target; nothing else of the target is stored here.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=300)
    excerpt = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=500)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Which e-mail, if any, carried it: set by the instant sender or the digest builder, so a
    # notification is e-mailed at most once.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            # The digest builder walks recipients with e-mail still owed; this keeps that walk off the
            # (much larger) history of notifications already e-mailed or read.
            models.Index(
                fields=["recipient", "created_at"],
                condition=models.Q(emailed_at__isnull=True, read_at__isnull=True),
                name="notification_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class NotificationPreference(models.Model):
    """A person's delivery choice for one kind; kinds without a row use the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.delivery}"
