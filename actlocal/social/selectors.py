"""Reads and permission-checked fetches for connections and private messages.

Who may take part: a signed-in network member with a leader profile (a ``directory.Person`` with a leader
type, linked to the account). Anyone else gets a clear refusal, never a half-working page. People are
addressed by their profile's id; a profile the viewer may not see does not exist for them (404).
"""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from actlocal.accounts.selectors import user_is_member, user_is_staff
from actlocal.core.visibility import can_view
from actlocal.directory.models import Person
from actlocal.directory.selectors import leader_for_viewer
from actlocal.social.models import (
    Block,
    Connection,
    Conversation,
    Follow,
    Message,
    MessageReport,
    Participant,
)


def leader_profile_of(user) -> Person | None:
    """The leader profile linked to ``user``, or None (not signed in, no profile, not a leader)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).exclude(leader_type="").first()


def display_name(person: Person | None, viewer) -> str:
    """What ``viewer`` may call ``person``: her name if the visibility rule lets them see it."""
    if person is not None and can_view(person, "first_name", viewer) and person.full_name:
        return person.full_name
    return _("A network member")


def names_for(users, viewer) -> dict[int, str]:
    """Display names of many users for one viewer, in one query."""
    ids = [u.pk if hasattr(u, "pk") else u for u in users]
    people = {p.user_id: p for p in Person.objects.filter(user_id__in=ids).exclude(leader_type="")}
    return {uid: display_name(people.get(uid), viewer) for uid in ids}


def participation_refusal(user) -> str:
    """Why ``user`` may not message, connect or follow, or "" if they may."""
    from actlocal.network.selectors import member_is_suspended

    if not user_is_member(user):
        return _("Connections and private messages are for network members.")
    if leader_profile_of(user) is None:
        return _("Create your leader profile first: people you write to see who you are.")
    if member_is_suspended(user):
        return _(
            "Your account is suspended from the Leaders Network, so you cannot send messages or requests."
        )
    return ""


def blocked_either_way(a, b) -> tuple[bool, bool]:
    """(a has blocked b, b has blocked a), in one query."""
    pairs = set(
        Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).values_list(
            "blocker_id", flat=True
        )
    )
    return a.pk in pairs, b.pk in pairs


def blocked_user_ids(user) -> set[int]:
    """Everyone ``user`` blocked or was blocked by: they never meet in suggestions or requests."""
    rows = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).values_list("blocker_id", "blocked_id")
    return {other for pair in rows for other in pair} - {user.pk}


def leader_for_member(*, viewer, pk: int) -> Person:
    """A leader profile ``viewer`` may see (404 otherwise), for following, connecting and messaging."""
    return leader_for_viewer(viewer=viewer, pk=pk)


def recipient_refusal(*, sender, person: Person, message: bool = False) -> str:
    """Why ``sender`` may not start a conversation or connection with ``person``, or "" if they may.
    A block reads the same from either side apart from who can undo it: it never says who blocked."""
    user = person.user
    if user is None or not user.is_active or not user_is_member(user):
        return _("This leader has no ActLocal account yet, so they cannot receive private messages.")
    if user.pk == sender.pk:
        return _("This is your own profile.")
    i_blocked, they_blocked = blocked_either_way(sender, user)
    if i_blocked:
        return _("You have blocked this person. Unblock them on your connections page to write to them.")
    if they_blocked:
        return _("You can’t send messages or requests to this person.")
    if message and not person.contact_via_platform:
        return _("This leader does not take messages through ActLocal.")
    return ""


# --- Conversations -------------------------------------------------------------------------------------


def conversation_for_member(*, user, conversation_id: int) -> Conversation:
    """A conversation ``user`` takes part in; 404 for everyone else, staff included."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    conversation = Conversation.objects.filter(pk=conversation_id, participants__user=user).first()
    if conversation is None:
        raise Http404
    return conversation


def conversations_for(user) -> QuerySet[Conversation]:
    """``user``'s conversations, newest activity first, each marked ``unread`` when something arrived
    after they last read it."""
    mine = Participant.objects.filter(conversation=OuterRef("pk"), user=user)
    newer = Message.objects.filter(
        conversation=OuterRef("pk"), hidden_at__isnull=True, created_at__gt=OuterRef("my_last_read")
    ).exclude(sender=user)
    return (
        Conversation.objects.filter(Exists(mine))
        .annotate(my_last_read=Subquery(mine.values("last_read_at")[:1]))
        .annotate(unread=Exists(newer))
        .prefetch_related("participants__user")
        .order_by(F("last_message_at").desc(nulls_last=True), "-id")
    )


def conversation_messages(conversation: Conversation) -> QuerySet[Message]:
    return conversation.messages.select_related("sender")


def other_participants(conversation: Conversation, user) -> list:
    return [p.user for p in conversation.participants.select_related("user") if p.user_id != user.pk]


def existing_pair_conversation(a, b) -> Conversation | None:
    return (
        Conversation.objects.filter(is_group=False, participants__user=a)
        .filter(participants__user=b)
        .order_by("id")
        .first()
    )


def message_for_participant(*, user, conversation: Conversation, message_id: int) -> Message:
    message = conversation.messages.filter(pk=message_id, hidden_at__isnull=True).first()
    if message is None:
        raise Http404
    return message


def message_report_for_staff(*, user, pk: int) -> MessageReport:
    """One report, for staff: it brings the reported message only, never the conversation around it."""
    if not user_is_staff(user):
        raise Http404
    report = (
        MessageReport.objects.select_related("message", "message__sender", "reporter").filter(pk=pk).first()
    )
    if report is None:
        raise Http404
    return report


def open_message_reports(user) -> QuerySet[MessageReport]:
    if not user_is_staff(user):
        raise Http404
    return MessageReport.objects.filter(status=MessageReport.Status.OPEN).select_related(
        "message", "message__sender", "reporter"
    )


# --- Connections and follows ---------------------------------------------------------------------------


def connection_for(*, user, pk: int, as_recipient: bool) -> Connection:
    """A pending request ``user`` may answer (as its recipient) or withdraw (as its sender); 404 otherwise."""
    qs = Connection.objects.filter(pk=pk, status=Connection.Status.PENDING)
    qs = qs.filter(to_user=user) if as_recipient else qs.filter(from_user=user)
    connection = qs.select_related("from_user", "to_user").first()
    if connection is None:
        raise Http404
    return connection


def connected_user_ids(user) -> set[int]:
    rows = Connection.objects.filter(
        Q(from_user=user) | Q(to_user=user), status=Connection.Status.ACCEPTED
    ).values_list("from_user_id", "to_user_id")
    return {other for pair in rows for other in pair} - {user.pk}


def connection_state(*, user, other) -> str:
    """ "connected", "sent", "received" or "" between two accounts."""
    row = (
        Connection.objects.filter(
            Q(from_user=user, to_user=other) | Q(from_user=other, to_user=user),
            status__in=[Connection.Status.PENDING, Connection.Status.ACCEPTED],
        )
        .order_by("-status")
        .first()
    )
    if row is None:
        return ""
    if row.status == Connection.Status.ACCEPTED:
        return "connected"
    return "sent" if row.from_user_id == user.pk else "received"


def profiles_by_user(user_ids, viewer) -> dict[int, Person]:
    """Leader profiles of these accounts that ``viewer`` may see (listed, name visible), by user id."""
    from actlocal.directory.selectors import leaders_for_viewer

    return {p.user_id: p for p in leaders_for_viewer(viewer).filter(user_id__in=list(user_ids))}


def connections_page(user) -> dict:
    """What /connections/ shows: connections, requests both ways, follows and blocks."""
    accepted = connected_user_ids(user)
    incoming = list(
        Connection.objects.filter(to_user=user, status=Connection.Status.PENDING).select_related("from_user")
    )
    outgoing = list(
        Connection.objects.filter(from_user=user, status=Connection.Status.PENDING).select_related("to_user")
    )
    blocks = list(Block.objects.filter(blocker=user).select_related("blocked"))
    user_ids = accepted | {c.from_user_id for c in incoming} | {c.to_user_id for c in outgoing}
    user_ids |= {b.blocked_id for b in blocks}
    people = {p.user_id: p for p in Person.objects.filter(user_id__in=user_ids).exclude(leader_type="")}

    def entry(uid):
        person = people.get(uid)
        visible = person is not None and can_view(person, "first_name", user)
        return {"person": person if visible else None, "name": display_name(person, user)}

    follows = Follow.objects.filter(follower=user).select_related("person", "group")
    return {
        "connections": sorted((entry(uid) for uid in accepted), key=lambda e: e["name"]),
        "incoming": [{"request": c, **entry(c.from_user_id)} for c in incoming],
        "outgoing": [{"request": c, **entry(c.to_user_id)} for c in outgoing],
        "followed_people": [
            {"follow": f, "name": display_name(f.person, user)} for f in follows if f.person_id
        ],
        "followed_groups": [f for f in follows if f.group_id],
        "blocks": [{"block": b, **entry(b.blocked_id)} for b in blocks],
    }
