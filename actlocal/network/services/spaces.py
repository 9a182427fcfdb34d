"""Spaces and who belongs to them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actlocal.core import places
from actlocal.core.audit import audit_log
from actlocal.network import selectors
from actlocal.network.markdown import clean_line, clean_text
from actlocal.network.models import Space, SpaceMembership

# The national topic spaces every network has, besides one per issue area.
# The slugs are the demo's (``core/seeding/demo_events.py``), so both paths make one space each.
CORE_TOPICS = [
    (
        "best-practices",
        "Best practices",
        "What worked for your group: share it so nobody starts from scratch.",
    ),
    ("troubleshooting", "Troubleshooting", "Stuck? Ask leaders who have faced the same problem."),
    ("elections", "Elections", "Voter registration, get-out-the-vote, poll monitoring and election law."),
]


def _slug(prefix: str, value: str) -> str:
    return f"{prefix}-{slugify(value)}"[:220].rstrip("-")


def spaces_ensure(*, batch_size: int = 2000) -> int:
    """Create the spaces every network has, when missing: the national topics, one per issue area, one
    per state, one per partner group and one per convening. Idempotent; returns how many it created.

    Set-based (one query per kind, bulk inserts), so it runs over 100,000 groups in seconds. Existing
    spaces keep whatever name, description and access their moderators gave them.
    """
    from actlocal.directory.models import PartnerGroup, Topic
    from actlocal.events.models import Event

    existing = set(Space.objects.values_list("slug", flat=True))
    # Group and cohort spaces are known by what they belong to, whatever their slug.
    groups_with_space = set(Space.objects.filter(group__isnull=False).values_list("group_id", flat=True))
    events_with_space = set(Space.objects.filter(event__isnull=False).values_list("event_id", flat=True))
    wanted: list[Space] = []

    def want(**fields):
        if fields["slug"] not in existing:
            existing.add(fields["slug"])
            wanted.append(Space(**fields))

    for slug, name, description in CORE_TOPICS:
        want(slug=slug, name=name, description=description, kind=Space.Kind.TOPIC)
    for slug, name in Topic.objects.filter(kind=Topic.Kind.ISSUE).values_list("slug", "name"):
        want(slug=_slug("topic", slug), name=name, kind=Space.Kind.TOPIC, description="")
    for abbr, name in places.state_choices():
        want(slug=f"state-{abbr.lower()}", name=name, kind=Space.Kind.STATE, state=abbr, description="")
    for pk, slug, name, state in PartnerGroup.objects.values_list("pk", "slug", "name", "state").iterator():
        if pk not in groups_with_space:
            want(
                slug=_slug("group", slug),
                name=name,
                kind=Space.Kind.GROUP,
                group_id=pk,
                state=state or "",
                description="",
            )
    # A cohort is the people who met at a convening: its space opens once the convening has begun.
    convenings = Event.objects.filter(
        kind=Event.Kind.CONVENING, status=Event.Status.PUBLISHED, starts_at__lte=timezone.now()
    )
    for pk, slug, title, state in convenings.values_list("pk", "slug", "title", "state").iterator():
        if pk not in events_with_space:
            want(
                slug=_slug("cohort", slug),
                name=title,
                kind=Space.Kind.COHORT,
                event_id=pk,
                state=state or "",
                description="",
            )
    with transaction.atomic():
        Space.objects.bulk_create(wanted, batch_size=batch_size, ignore_conflicts=True)
        if wanted:
            audit_log(action="space.ensure", changes={"created": len(wanted)})
    return len(wanted)


def _check_moderator(*, actor, space: Space) -> None:
    if not selectors.is_space_moderator(user=actor, space=space):
        raise PermissionDenied(_("Only the space's moderators can do this."))


@transaction.atomic
def space_update(*, actor, space: Space, name: str, description: str, access: str) -> Space:
    """Moderators rename a space, describe it, and open or close it (public, members, invite only)."""
    _check_moderator(actor=actor, space=space)
    name = clean_line(name)
    if not name or len(name) > 200:
        raise ValidationError({"name": _("Give the space a name of at most 200 characters.")})
    description = clean_text(description).strip()
    if len(description) > 2000:
        raise ValidationError({"description": _("Keep the description under 2,000 characters.")})
    if access not in Space.Access.values:
        raise ValidationError({"access": _("Choose who can see the space.")})
    before = {"name": space.name, "access": space.access}
    space.name, space.description, space.access = name, description, access
    space.save(update_fields=["name", "description", "access"])
    audit_log(
        action="space.update", actor=actor, target=space,
        changes={"name": [before["name"], name], "access": [before["access"], access]},
    )  # fmt: skip
    return space


@transaction.atomic
def space_member_add(
    *, actor, space: Space, user, role: str = SpaceMembership.Role.MEMBER
) -> SpaceMembership:
    """Invite a leader into a space (the way into an invite-only one) or make them a moderator. Only
    staff appoint moderators; a space's moderators add members."""
    _check_moderator(actor=actor, space=space)
    if role not in SpaceMembership.Role.values:
        raise ValidationError(_("Choose member or moderator."))
    if role == SpaceMembership.Role.MODERATOR and not actor.is_staff:
        raise PermissionDenied(_("Only network staff appoint moderators."))
    if not user.is_active:
        raise ValidationError(_("This account is not active."))
    membership, created = SpaceMembership.objects.get_or_create(
        space=space, user=user, defaults={"role": role, "added_by": actor}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    audit_log(action="space.member_add", actor=actor, target=space, changes={"user": user.pk, "role": role})
    return membership


@transaction.atomic
def space_member_remove(*, actor, space: Space, user) -> None:
    _check_moderator(actor=actor, space=space)
    deleted, _rows = SpaceMembership.objects.filter(space=space, user=user).delete()
    if deleted:
        audit_log(action="space.member_remove", actor=actor, target=space, changes={"user": user.pk})
