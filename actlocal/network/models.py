"""The Leaders Network: spaces where leaders talk between events, their threads and replies, and the
moderation records (reports, suspensions) that keep them civil."""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
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


class SpaceMembership(models.Model):
    """Who belongs to a space. For an invite-only space a row is what lets a leader in; in any space a
    moderator row gives the right to moderate it (staff moderate every space)."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["space", "user"], name="space_membership_unique")]
        indexes = [models.Index(fields=["user", "space"], name="space_membership_user")]

    def __str__(self) -> str:
        return f"{self.user} in {self.space} ({self.role})"


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=40)
    slug = models.SlugField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Thread(models.Model):
    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion")
        QUESTION = "question", _("Question")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DISCUSSION)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))
    # Rendered once on write (Markdown, then sanitised): pages never run the renderer per view.
    body_html = models.TextField(default="")
    tags = models.ManyToManyField(Tag, blank=True, related_name="threads")
    accepted_reply = models.ForeignKey(
        "Reply", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    solved_at = models.DateTimeField(null=True, blank=True)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    resource = models.ForeignKey(
        "directory.Resource", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Denormalised so a space's thread list is one indexed query, no counting or joins over replies.
    reply_count = models.PositiveIntegerField(default=0)
    last_activity_at = models.DateTimeField(default=timezone.now)
    last_reply_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at"]
        indexes = [
            # The list's order, then is_hidden last: SQLite writes ``is_hidden=False`` as ``NOT is_hidden``,
            # which cannot seek on an index column, so it is checked while walking the index in order
            # (and the page's COUNT is answered from the index alone).
            models.Index(
                fields=["space", "-is_pinned", "-last_activity_at", "-id", "is_hidden"],
                name="thread_space_order",
            ),
            models.Index(fields=["author", "created_at"], name="thread_author"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:thread", args=[self.space.slug, self.pk])

    @property
    def is_solved(self) -> bool:
        return self.solved_at is not None


class Reply(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("reply"))
    body_html = models.TextField(default="")
    is_hidden = models.BooleanField(_("hidden"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["thread", "created_at", "id"], name="reply_thread_order")]
        verbose_name_plural = "replies"

    def __str__(self) -> str:
        return f"Reply {self.pk} in {self.thread_id}"


class PrivateAttachmentStorage(FileSystemStorage):
    """Outside MEDIA_ROOT: attachments of members-only and invite-only spaces must never be reachable by
    guessing a URL; a permission-checked view streams them. The folder is read from settings on every
    use, so tests can point it at a temporary directory."""

    @property
    def base_location(self):
        return getattr(settings, "NETWORK_ATTACHMENT_ROOT", None) or settings.VAR_DIR / "private" / "network"

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


_attachment_storage = PrivateAttachmentStorage()


def attachment_storage():
    return _attachment_storage


def attachment_path(instance, filename: str) -> str:
    # The stored name is random; the extension is the one the content check found, never the uploader's.
    return (
        f"attachments/{uuid.uuid4().hex}{filename[filename.rfind('.') :].lower() if '.' in filename else ''}"
    )


class Attachment(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="attachments")
    reply = models.ForeignKey(
        Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, storage=attachment_storage)
    file_type = models.CharField(max_length=100)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.file_type.startswith("image/")


class Report(models.Model):
    """Someone flagged a thread or a reply for the space's moderators."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Action taken")
        DISMISSED = "dismissed", _("Dismissed")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="reports")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reports")
    reply = models.ForeignKey(Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Report {self.pk}"

    @property
    def target(self):
        return self.reply if self.reply_id else self.thread


class SuspensionQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(lifted_at__isnull=True, starts_at__lte=at).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=at)
        )


class Suspension(models.Model):
    """A member barred from posting and messaging in the network until ``ends_at`` (or until lifted)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions")
    reason = models.TextField(_("reason"), max_length=2000)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["user", "lifted_at"], name="suspension_user")]

    def __str__(self) -> str:
        return f"Suspension of {self.user}"
