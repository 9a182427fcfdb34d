"""People you may want to know: leaders near you, who share your issues, or who were at the same events,
each with the reason shown. Only leaders the viewer may already find in the directory (listed, name
visible to them), never anyone blocked either way, and not people they are connected to or follow."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from actlocal.core import places
from actlocal.core.listing import filter_near
from actlocal.core.visibility import visible_q
from actlocal.directory.models import PartnerGroup, Person, Topic
from actlocal.directory.selectors import leaders_for_viewer
from actlocal.social import selectors
from actlocal.social.models import Connection, Follow

NEARBY_MILES = 25
# Events older than this say little about who someone should meet now.
SHARED_EVENT_DAYS = 365
CANDIDATES_PER_REASON = 60
# Weights: a shared event is the strongest sign two people should meet; a shared issue the weakest.
EVENT_WEIGHT, NEARBY_WEIGHT, ISSUE_WEIGHT = 3, 2, 1


@dataclass
class Suggestion:
    person: Person
    reasons: list[str] = field(default_factory=list)
    score: int = 0


def _excluded_user_ids(viewer) -> set[int]:
    pending_or_connected = Connection.objects.filter(
        Q(from_user=viewer) | Q(to_user=viewer),
        status__in=[Connection.Status.PENDING, Connection.Status.ACCEPTED],
    ).values_list("from_user_id", "to_user_id")
    ids = {uid for pair in pending_or_connected for uid in pair}
    return ids | selectors.blocked_user_ids(viewer) | {viewer.pk}


def _topic_name(topic_name: str, topic_name_es: str) -> str:
    return topic_name_es if (get_language() or "").startswith("es") and topic_name_es else topic_name


def people_to_know(viewer, *, limit: int = 12) -> list[Suggestion]:
    me = selectors.leader_profile_of(viewer)
    if me is None:
        return []
    followed = Follow.objects.filter(follower=viewer, person__isnull=False).values("person_id")
    base = (
        leaders_for_viewer(viewer)
        .exclude(pk=me.pk)
        .exclude(user_id__in=_excluded_user_ids(viewer))
        .exclude(pk__in=followed)
    )
    found: dict[int, Suggestion] = {}
    shared_issues: dict[int, list[str]] = {}
    events: dict[int, list[str]] = {}
    near: dict[int, tuple[str, float]] = {}

    issues = list(me.topics.filter(kind=Topic.Kind.ISSUE).values_list("pk", flat=True))
    if issues:
        matching = (
            base.filter(topics__in=issues)
            .annotate(shared=Count("topics", filter=Q(topics__in=issues)))
            .order_by("-shared", "pk")
            .values_list("pk", flat=True)[:CANDIDATES_PER_REASON]
        )
        rows = Person.topics.through.objects.filter(person_id__in=list(matching), topic_id__in=issues)
        for person_id, name, name_es in rows.values_list(
            "person_id", "topic__name", "topic__name_es"
        ).order_by("topic__name"):
            shared_issues.setdefault(person_id, []).append(_topic_name(name, name_es))

    place = places.place_or_none(me.zip_code) if me.zip_code else None
    if place is not None:
        nearby = filter_near(base.filter(visible_q(Person, "city", viewer)), place, NEARBY_MILES)
        for pk, city, state, distance in nearby.values_list("pk", "city", "state", "distance")[
            :CANDIDATES_PER_REASON
        ]:
            near[pk] = (f"{city}, {state}" if city else state, distance)

    from actlocal.events.models import Event, Rsvp

    # Who is *going* to an event is the attendee's own business (only hosts see the list), so the event
    # reason uses only past events at which both people were checked in: they were in the room together.
    now = timezone.now()
    my_events = Rsvp.objects.filter(
        person=me,
        checked_in_at__isnull=False,
        event__status=Event.Status.PUBLISHED,
        event__ends_at__lte=now,
        event__ends_at__gt=now - timedelta(days=SHARED_EVENT_DAYS),
    ).values("event_id")
    together = (
        Rsvp.objects.filter(event_id__in=my_events, checked_in_at__isnull=False, person__in=base)
        .order_by("-event__starts_at")
        .values_list("person_id", "event__title")[: CANDIDATES_PER_REASON * 3]
    )
    for person_id, title in together:
        events.setdefault(person_id, []).append(title)

    for person_id, titles in events.items():
        s = found.setdefault(person_id, Suggestion(person=None))
        s.score += EVENT_WEIGHT * len(titles)
        if len(titles) == 1:
            s.reasons.append(_("You were both at %(event)s") % {"event": titles[0]})
        else:
            s.reasons.append(
                ngettext(
                    "You were both at %(event)s and %(n)s other event",
                    "You were both at %(event)s and %(n)s other events",
                    len(titles) - 1,
                )
                % {"event": titles[0], "n": len(titles) - 1}
            )
    for person_id, (where, distance) in near.items():
        s = found.setdefault(person_id, Suggestion(person=None))
        s.score += NEARBY_WEIGHT
        if distance < 1:
            s.reasons.append(_("Nearby: %(place)s, less than a mile away") % {"place": where})
        else:
            s.reasons.append(
                _("Nearby: %(place)s, about %(miles)s miles away")
                % {"place": where, "miles": round(distance)}
            )
    for person_id, names in shared_issues.items():
        s = found.setdefault(person_id, Suggestion(person=None))
        s.score += ISSUE_WEIGHT * len(names)
        s.reasons.append(
            ngettext("%(n)s shared issue: %(names)s", "%(n)s shared issues: %(names)s", len(names))
            % {"n": len(names), "names": ", ".join(names)}
        )

    ranked = sorted(found.items(), key=lambda item: (-item[1].score, item[0]))[:limit]
    people = base.filter(pk__in=[pk for pk, _s in ranked]).select_related("user").in_bulk()
    out = []
    for pk, suggestion in ranked:
        if pk in people:  # always true: every id came from ``base``; kept as a guard against leaks
            suggestion.person = people[pk]
            out.append(suggestion)
    return out


@dataclass
class GroupSuggestion:
    group: PartnerGroup
    reasons: list[str] = field(default_factory=list)
    score: int = 0


def groups_to_follow(viewer, *, limit: int = 6) -> list[GroupSuggestion]:
    """Partner groups near the viewer or working on her issues, that she does not follow yet."""
    me = selectors.leader_profile_of(viewer)
    if me is None:
        return []
    base = PartnerGroup.objects.exclude(pk__in=Follow.objects.filter(follower=viewer).values("group_id"))
    found: dict[int, GroupSuggestion] = {}
    place = places.place_or_none(me.zip_code) if me.zip_code else None
    if place is not None:
        for pk, city, state, distance in filter_near(base, place, NEARBY_MILES).values_list(
            "pk", "city", "state", "distance"
        )[:CANDIDATES_PER_REASON]:
            s = found.setdefault(pk, GroupSuggestion(group=None))
            s.score += NEARBY_WEIGHT
            where = f"{city}, {state}" if city else state
            if distance < 1:
                s.reasons.append(_("Nearby: %(place)s, less than a mile away") % {"place": where})
            else:
                s.reasons.append(
                    _("Nearby: %(place)s, about %(miles)s miles away")
                    % {"place": where, "miles": round(distance)}
                )
    issues = list(me.topics.filter(kind=Topic.Kind.ISSUE).values_list("pk", flat=True))
    if issues:
        rows = PartnerGroup.topics.through.objects.filter(
            partnergroup_id__in=base.filter(topics__in=issues).values("pk"), topic_id__in=issues
        ).values_list("partnergroup_id", "topic__name", "topic__name_es")
        shared: dict[int, list[str]] = {}
        for group_id, name, name_es in rows.order_by("topic__name")[: CANDIDATES_PER_REASON * 3]:
            shared.setdefault(group_id, []).append(_topic_name(name, name_es))
        for group_id, names in shared.items():
            s = found.setdefault(group_id, GroupSuggestion(group=None))
            s.score += ISSUE_WEIGHT * len(names)
            s.reasons.append(
                ngettext("%(n)s shared issue: %(names)s", "%(n)s shared issues: %(names)s", len(names))
                % {"n": len(names), "names": ", ".join(names)}
            )
    ranked = sorted(found.items(), key=lambda item: (-item[1].score, item[0]))[:limit]
    groups = base.in_bulk([pk for pk, _s in ranked])
    out = []
    for pk, suggestion in ranked:
        if pk in groups:
            suggestion.group = groups[pk]
            out.append(suggestion)
    return out
