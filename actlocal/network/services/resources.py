"""Promote a helpful thread into the resource directory."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.network import selectors
from actlocal.network.markdown import plain_excerpt
from actlocal.network.models import Space, Thread


@transaction.atomic
def thread_promote(*, actor, thread: Thread, kind: str = "guide", summary: str = ""):
    """Turn ``thread`` into a ``directory.Resource`` through the directory's own ``resource_submit``, so
    it waits in the same review queue as any resource; the resource links back to the thread.

    Only a public or members-only space's thread can become a resource: a resource is visible to the
    whole network, and an invite-only space's words must not leave it."""
    from actlocal.directory.models import Resource
    from actlocal.directory.services import resource_submit

    if not selectors.is_space_moderator(user=actor, space=thread.space):
        raise PermissionDenied(_("Only the space's moderators can add a thread to the resources."))
    if thread.space.access == Space.Access.INVITE:
        raise ValidationError(_("Threads of an invite-only space stay in that space."))
    if thread.resource_id:
        raise ValidationError(_("This thread is already in the resource directory."))
    if kind not in Resource.Kind.values:
        raise ValidationError({"kind": _("Choose a kind of resource.")})
    resource = resource_submit(
        actor=actor,
        data={
            "title": thread.title[:200],
            "summary": (summary.strip() or plain_excerpt(thread.body, 1000))[:4000],
            "kind": kind,
            "url": settings.SITE_URL + thread.get_absolute_url(),
            "states": thread.space.state,
        },
    )
    thread.resource = resource
    thread.save(update_fields=["resource"])
    audit_log(action="thread.promote", actor=actor, target=thread, changes={"resource": resource.pk})
    return resource
