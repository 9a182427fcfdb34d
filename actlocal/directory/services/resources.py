"""Resources: submitted by members, reviewed by staff or the provider group."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from actlocal.core.audit import audit_log
from actlocal.core.emails import queue_email
from actlocal.directory import emails  # noqa: F401  (registers the e-mails queued here)
from actlocal.directory.models import Resource
from actlocal.directory.services._common import changed_fields

RESOURCE_FIELDS = ("title", "summary", "kind", "provider", "audience", "language", "states", "url")


@transaction.atomic
def resource_submit(*, actor, data: dict) -> Resource:
    """A network member proposes a resource; it waits for staff or the provider group to approve it.
    ``data["file"]``, if any, must already have passed ``uploads.detect_resource_type``."""
    from actlocal.accounts import selectors as account_selectors
    from actlocal.directory.uploads import detect_resource_type

    if not account_selectors.user_is_member(actor):
        raise PermissionDenied("only network members submit resources")
    resource = Resource(submitted_by=actor, status=Resource.Status.PENDING)
    changed_fields(resource, data, RESOURCE_FIELDS)
    upload = data.get("file")
    if upload:
        extension, resource.file_type = detect_resource_type(upload)  # checked here too: the rule is ours
        resource.file.save(f"upload.{extension}", upload, save=False)
    resource.save()
    resource.topics.set(data.get("topics") or [])
    audit_log(
        action="resource.submit",
        actor=actor,
        target=resource,
        changes={"title": resource.title, "file_type": resource.file_type, "url": resource.url},
    )
    return resource


@transaction.atomic
def resource_review(*, resource: Resource, actor, approve: bool, note: str = "") -> Resource:
    """Approve or reject a pending resource and tell the person who submitted it."""
    from actlocal.directory import selectors

    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if not selectors.user_may_review(user=actor, resource=resource):
        raise PermissionDenied("may not review this resource")
    resource.status = Resource.Status.APPROVED if approve else Resource.Status.REJECTED
    resource.reviewed_by, resource.reviewed_at, resource.review_note = actor, timezone.now(), note.strip()
    if approve and resource.last_checked is None:
        resource.last_checked = timezone.localdate()
    resource.save()
    audit_log(
        action="resource.approve" if approve else "resource.reject",
        actor=actor,
        target=resource,
        changes={"note": resource.review_note},
    )
    queue_email("directory.resource_reviewed", resource.pk)
    return resource


@transaction.atomic
def resource_mark_checked(*, resource: Resource, actor) -> Resource:
    """Staff (or the provider) confirm today that the resource is still current."""
    from actlocal.directory import selectors

    if not selectors.user_may_review(user=actor, resource=resource):
        raise PermissionDenied("may not check this resource")
    resource.last_checked = timezone.localdate()
    resource.save(update_fields=["last_checked", "updated_at"])
    audit_log(
        action="resource.check",
        actor=actor,
        target=resource,
        changes={"last_checked": str(resource.last_checked)},
    )
    return resource
