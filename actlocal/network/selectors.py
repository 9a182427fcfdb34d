"""Who may see and do what in the Leaders Network.

A space, thread or attachment the viewer may not see does not exist for them (404, not 403), so its name
never leaks through a URL. Every page, search, mention and notification asks ``spaces_for_viewer``.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404

from actlocal.accounts.selectors import user_is_member, user_is_staff
from actlocal.network.models import Attachment, Reply, Report, Space, SpaceMembership, Suspension, Thread

THREADS_PER_PAGE = 30
# What a thread page shows of a reply and its author: not the Markdown source, not the author's password
# hash or e-mail (a page that never loads them cannot leak them).
REPLY_PAGE_FIELDS = (
    "id", "thread_id", "author_id", "body_html", "is_hidden", "created_at", "edited_at", "author__id", "author__name",
)  # fmt: skip
REPLIES_PER_PAGE = 50


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def visible_spaces_q(viewer, *, prefix: str = "") -> Q:
    """The spaces ``viewer`` may read, as a filter on Space (or on a relation named by ``prefix``)."""
    if user_is_staff(viewer):
        return Q()
    visible = Q(**{f"{prefix}access": Space.Access.PUBLIC})
    if user_is_member(viewer):
        visible |= Q(**{f"{prefix}access": Space.Access.MEMBERS})
    if _signed_in(viewer):
        # Invite-only: a membership row is the invitation. Ids are fetched once (a leader is in a handful
        # of spaces) so that the filter stays a plain IN on indexed columns.
        invited = list(
            SpaceMembership.objects.filter(user=viewer, space__access=Space.Access.INVITE).values_list(
                "space_id", flat=True
            )
        )
        if invited:
            visible |= Q(**{f"{prefix}pk__in": invited})
    return visible


def spaces_for_viewer(viewer) -> QuerySet[Space]:
    return Space.objects.filter(visible_spaces_q(viewer))


def own_space_ids(viewer) -> list[int]:
    """Spaces that are the viewer's own: ones they were added to, their partner groups' spaces (as a
    member or an admin), and the cohorts of convenings they came to. The space list shows these beside
    the national and state spaces; there are far too many group spaces to list them all."""
    if not _signed_in(viewer):
        return []
    from actlocal.directory.models import Affiliation, PartnerGroup, Person
    from actlocal.events.models import Rsvp

    person_id = Person.objects.filter(user=viewer).values_list("pk", flat=True).first()
    group_ids = set(PartnerGroup.objects.filter(admins=viewer).values_list("pk", flat=True))
    event_ids: set[int] = set()
    if person_id:
        group_ids |= set(Affiliation.objects.filter(person_id=person_id).values_list("group_id", flat=True))
        event_ids = set(
            Rsvp.objects.filter(person_id=person_id, status=Rsvp.Status.CONFIRMED).values_list(
                "event_id", flat=True
            )
        )
    own = Q(memberships__user=viewer) | Q(group_id__in=group_ids) | Q(event_id__in=event_ids)
    return list(spaces_for_viewer(viewer).filter(own).values_list("pk", flat=True).distinct())


def visible_space_ids(viewer) -> list[int]:
    return list(spaces_for_viewer(viewer).values_list("pk", flat=True))


def hidden_space_count(viewer) -> int:
    """How many members-only spaces a visitor would see by joining (invite-only ones are not counted)."""
    if user_is_member(viewer):
        return 0
    return Space.objects.filter(access=Space.Access.MEMBERS).count()


def space_for_viewer(*, viewer, slug: str) -> Space:
    space = spaces_for_viewer(viewer).filter(slug=slug).select_related("group").first()
    if space is None:
        raise Http404
    return space


def user_can_see_space(*, user, space: Space) -> bool:
    return spaces_for_viewer(user).filter(pk=space.pk).exists()


def users_who_can_see_space(*, space: Space, user_ids) -> list:
    """Of ``user_ids``, the active users who may read ``space``: the only people a mention or a reply
    may notify."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=list(user_ids), is_active=True)
    if space.access == Space.Access.PUBLIC:
        return list(users)
    if space.access == Space.Access.MEMBERS:
        return list(users.filter(Q(is_member=True) | Q(is_staff=True)))
    return list(users.filter(Q(is_staff=True) | Q(space_memberships__space=space)).distinct())


def member_is_suspended(user) -> bool:
    """Whether ``user`` is suspended from the Leaders Network now (posting, replying and messaging are
    refused). Anonymous users are never "suspended": they cannot post anyway."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return Suspension.objects.active().filter(user=user).exists()


def active_suspension(user) -> Suspension | None:
    if not _signed_in(user):
        return None
    return Suspension.objects.active().filter(user=user).order_by("-starts_at").first()


def is_space_moderator(*, user, space: Space) -> bool:
    """Staff, a moderator of the space, or (for a partner group's space) one of the group's admins."""
    if not _signed_in(user):
        return False
    if user.is_staff:
        return True
    if SpaceMembership.objects.filter(space=space, user=user, role=SpaceMembership.Role.MODERATOR).exists():
        return True
    return space.group_id is not None and space.group.admins.filter(pk=user.pk).exists()


def moderators_of(space: Space) -> list:
    """Who hears about reports in ``space``: its moderators and the group's admins, else network staff."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    ids = set(
        SpaceMembership.objects.filter(space=space, role=SpaceMembership.Role.MODERATOR).values_list(
            "user_id", flat=True
        )
    )
    if space.group_id:
        ids |= set(space.group.admins.values_list("pk", flat=True))
    users = list(User.objects.filter(pk__in=ids, is_active=True))
    return users or list(User.objects.filter(is_staff=True, is_active=True))


def posting_refusal(*, user, space: Space) -> str:
    """Why ``user`` may not post in ``space`` (a sentence to show), or "" if they may."""
    from django.utils.translation import gettext as _

    if not _signed_in(user):
        return _("Sign in to take part.")
    if member_is_suspended(user):
        return _("Your account is suspended from the Leaders Network, so you cannot post for now.")
    if space.access == Space.Access.INVITE:
        if user.is_staff or SpaceMembership.objects.filter(space=space, user=user).exists():
            return ""
        return _("Only members of this space can post here.")
    if not user_is_member(user):
        return _("Only network members can post in the Leaders Network.")
    return ""


def threads_for_space(*, viewer, space: Space, moderator: bool = False, tag: str = "") -> QuerySet[Thread]:
    """The thread list: pinned first, then the latest activity. One indexed query, with the author and
    the last replier joined in."""
    qs = Thread.objects.filter(space=space)
    if not moderator:
        qs = qs.filter(is_hidden=False)
    if tag:
        qs = qs.filter(tags__slug=tag)
    return (
        qs.select_related("author", "last_reply_by")
        .only(
            "id",
            "space_id",
            "kind",
            "title",
            "is_pinned",
            "is_locked",
            "is_hidden",
            "solved_at",
            "reply_count",
            "last_activity_at",
            "created_at",
            "author__id",
            "author__name",
            "last_reply_by__id",
            "last_reply_by__name",
        )  # fmt: skip
        .order_by("-is_pinned", "-last_activity_at", "-id")
    )


def thread_page(*, viewer, space: Space, page: str = "1", tag: str = ""):
    moderator = is_space_moderator(user=viewer, space=space)
    paginator = Paginator(
        threads_for_space(viewer=viewer, space=space, moderator=moderator, tag=tag), THREADS_PER_PAGE
    )
    result = paginator.get_page(page)
    # The page's tags in one query, as plain lists on each thread.
    prefetch_related_objects(list(result.object_list), Prefetch("tags", to_attr="tag_list"))
    return result


def thread_for_reader(*, user, thread_id: int, space_slug: str | None = None) -> Thread:
    """The thread, if ``user`` may read it; Http404 otherwise (also for a wrong space in the URL, and for a
    hidden thread unless ``user`` moderates its space)."""
    qs = Thread.objects.filter(pk=thread_id).filter(visible_spaces_q(user, prefix="space__"))
    if space_slug is not None:
        qs = qs.filter(space__slug=space_slug)
    thread = qs.select_related("space", "space__group", "author", "accepted_reply", "resource").first()
    if thread is None:
        raise Http404
    if thread.is_hidden and not is_space_moderator(user=user, space=thread.space):
        raise Http404
    return thread


def replies_page(*, thread: Thread, page: str = "1", per_page: int | None = None):
    """A page of replies in order, the accepted answer left out (the page shows it first, above them).
    A fixed number of queries whatever the page size: replies with their authors, then attachments."""
    qs = (
        Reply.objects.filter(thread=thread)
        .select_related("author")
        .only(*REPLY_PAGE_FIELDS)
        # to_attr: a plain list per reply, so rendering 200 replies builds no querysets.
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=Attachment.objects.order_by("created_at", "id"),
                to_attr="attachment_list",
            )
        )
        .order_by("created_at", "id")
    )
    if thread.accepted_reply_id:
        qs = qs.exclude(pk=thread.accepted_reply_id)
    paginator = Paginator(qs, per_page or REPLIES_PER_PAGE)
    if page == "last":  # after posting a reply, the page that shows it
        page = str(paginator.num_pages)
    return paginator.get_page(page)


def accepted_reply(thread: Thread) -> Reply | None:
    if not thread.accepted_reply_id:
        return None
    return (
        Reply.objects.filter(pk=thread.accepted_reply_id, is_hidden=False)
        .select_related("author")
        .prefetch_related(Prefetch("attachments", to_attr="attachment_list"))
        .first()
    )


def reply_for_reader(*, user, reply_id: int) -> Reply:
    reply = Reply.objects.filter(pk=reply_id).select_related("thread").first()
    if reply is None:
        raise Http404
    thread_for_reader(user=user, thread_id=reply.thread_id)
    if reply.is_hidden and not is_space_moderator(user=user, space=reply.thread.space):
        raise Http404
    return reply


def attachment_for_reader(*, user, attachment_id: int) -> Attachment:
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    thread = thread_for_reader(user=user, thread_id=attachment.thread_id)
    if attachment.reply_id:
        reply_for_reader(user=user, reply_id=attachment.reply_id)
    attachment.thread = thread
    return attachment


def reports_for_moderator(*, user, status: str = Report.Status.OPEN) -> QuerySet[Report]:
    """The moderators' queue: reports in the spaces ``user`` moderates (every space for staff)."""
    qs = Report.objects.filter(status=status).select_related("space", "thread", "reply", "reporter")
    if user_is_staff(user):
        return qs
    if not _signed_in(user):
        return qs.none()
    moderated = Q(space__memberships__user=user, space__memberships__role=SpaceMembership.Role.MODERATOR)
    moderated |= Q(space__group__admins=user)
    return qs.filter(moderated).distinct()


def user_moderates_anything(user) -> bool:
    if not _signed_in(user):
        return False
    if user.is_staff:
        return True
    return (
        SpaceMembership.objects.filter(user=user, role=SpaceMembership.Role.MODERATOR).exists()
        or Space.objects.filter(group__admins=user).exists()
    )
