"""Co-host groups: an event's hosts invite partner groups; a group's admins accept or decline."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.core.emails import queue_email
from actlocal.directory.models import PartnerGroup
from actlocal.events import emails_authoring  # noqa: F401  (registers the e-mails queued here)
from actlocal.events.followers import followers_tell_of_event
from actlocal.events.models import CoHost, Event


@transaction.atomic
def cohost_invite(*, event: Event, group: PartnerGroup, invited_by) -> CoHost:
    """Invite ``group``; its admins get an e-mail. Re-inviting a group that declined asks again."""
    link, created = CoHost.objects.select_for_update().get_or_create(
        event=event, group=group, defaults={"invited_by": invited_by}
    )
    if not created:
        if link.status != CoHost.Status.DECLINED:
            raise ValidationError({"group": _("%(group)s is already invited.") % {"group": group.name}})
        link.status, link.invited_by, link.invited_at, link.responded_at = (
            CoHost.Status.INVITED,
            invited_by,
            timezone.now(),
            None,
        )
        link.save()
    audit_log(action="cohost.invite", actor=invited_by, target=event, changes={"group": group.slug})
    queue_email("events.cohost_invited", link.pk)
    return link


@transaction.atomic
def cohost_respond(*, cohost: CoHost, actor, accept: bool) -> CoHost:
    """A group admin accepts or declines. Only a pending invitation can be answered."""
    cohost = CoHost.objects.select_for_update().get(pk=cohost.pk)
    if cohost.status != CoHost.Status.INVITED:
        raise ValidationError(_("This invitation has already been answered."))
    cohost.status = CoHost.Status.ACCEPTED if accept else CoHost.Status.DECLINED
    cohost.responded_at = timezone.now()
    cohost.save(update_fields=["status", "responded_at"])
    audit_log(
        action="cohost.accept" if accept else "cohost.decline",
        actor=actor,
        target=cohost.event,
        changes={"group": cohost.group.slug},
    )
    if accept:
        transaction.on_commit(
            lambda: followers_tell_of_event(event=cohost.event, actor=actor, group_ids=[cohost.group_id])
        )
    return cohost
