"""Attachments on threads and replies: images and PDFs, judged by their content, size-limited, stored
outside the public media folder (see ``models.PrivateAttachmentStorage``)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.directory.uploads import detect_resource_type
from actlocal.network.markdown import clean_line
from actlocal.network.models import Attachment, Reply, Thread

ALLOWED = {"pdf", "png", "jpg"}
MAX_FILES = 4


def attachment_max_bytes() -> int:
    return int(getattr(settings, "NETWORK_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def check_attachment(upload) -> tuple[str, str]:
    """``(extension, MIME type)`` of an acceptable attachment, or a ValidationError saying why not."""
    limit = attachment_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; the limit is %(limit)s.")
            % {
                "name": clean_line(upload.name)[:80],
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            }
        )
    extension, mime = detect_resource_type(upload)  # the content decides, and the name must agree with it
    if extension not in ALLOWED:
        raise ValidationError(_("Attach images (PNG or JPEG) or PDF files only."))
    return extension, mime


def check_attachments(files) -> list[tuple]:
    files = [f for f in (files or []) if f]
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("Attach at most %(n)s files.") % {"n": MAX_FILES}})
    checked = []
    for upload in files:
        try:
            checked.append((upload, *check_attachment(upload)))
        except ValidationError as exc:
            raise ValidationError({"files": exc.messages}) from None
    return checked


def attachments_add(*, thread: Thread, reply: Reply | None, files, actor) -> list[Attachment]:
    """Store checked files on ``thread`` (or one of its replies). Called inside the post's transaction,
    so a refused file leaves no post behind."""
    saved = []
    for upload, extension, mime in check_attachments(files):
        name = clean_line(upload.name or "")[:200] or f"file.{extension}"
        attachment = Attachment(
            thread=thread,
            reply=reply,
            file_type=mime,
            original_name=name,
            size=upload.size,
            uploaded_by=actor,
        )
        attachment.file.save(f"upload.{extension}", upload, save=False)
        attachment.save()
        saved.append(attachment)
    if saved:
        audit_log(
            action="attachment.add", actor=actor, target=reply or thread,
            changes={"files": [[a.original_name, a.file_type, a.size] for a in saved]},
        )  # fmt: skip
    return saved
