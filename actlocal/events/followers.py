"""Followers hear of events: who follows a host leader or a co-hosting partner group is told when the event
is published, or when their group joins an event already published. Published events are public, so any
follower may be told."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.events.models import CoHost, Event


def followers_tell_of_event(*, event: Event, actor, group_ids=None) -> None:
    """Notify the followers of ``event``'s hosts and accepted co-host groups (only of ``group_ids``, when
    given: a group that just joined). Past, unpublished and repeated dates of a series tell nobody."""
    from django.contrib.auth import get_user_model

    from actlocal.notifications.services import notify
    from actlocal.social.models import Follow

    if event.status != Event.Status.PUBLISHED or event.starts_at <= timezone.now() or event.occurrence_of_id:
        return
    if group_ids is None:
        group_ids = list(
            CoHost.objects.filter(event=event, status=CoHost.Status.ACCEPTED).values_list(
                "group_id", flat=True
            )
        )
        follows = Q(group_id__in=group_ids) | Q(person__user__in=event.hosts.all())
    else:
        follows = Q(group_id__in=group_ids)
    follower_ids = set(Follow.objects.filter(follows).values_list("follower_id", flat=True))
    if not follower_ids:
        return
    recipients = get_user_model().objects.filter(pk__in=follower_ids, is_active=True)
    notify(
        recipients=recipients,
        kind="follow.event",
        title=_("New event: %(title)s") % {"title": event.title},
        url=event.get_absolute_url(),
        actor=actor,
        excerpt=f"{event.city}, {event.state}" if event.city else event.state,
        target=event,
    )
