"""Follows, connection requests and blocks between leaders."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.core.ratelimit import rate_limited
from actlocal.directory.models import PartnerGroup, Person
from actlocal.social import selectors
from actlocal.social.models import Block, Connection, Follow

REQUESTS_PER_DAY = 30


def _refuse(message: str, code: str = "refused"):
    raise ValidationError(message, code=code)


def _check_actor(user) -> None:
    refusal = selectors.participation_refusal(user)
    if refusal:
        _refuse(refusal, "not_allowed")


def _notify(*, recipient, kind: str, actor, title_for, url: str, target) -> None:
    """Notify one account after commit; the title is built for that reader (what name they may see)."""
    from actlocal.notifications.services import notify

    def send():
        name = selectors.display_name(selectors.leader_profile_of(actor), recipient)
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            title = title_for(name)
        notify(recipients=[recipient], kind=kind, title=title, url=url, actor=actor, target=target)

    transaction.on_commit(send)


# --- Connections ---------------------------------------------------------------------------------------


@transaction.atomic
def connection_request(*, from_user, person: Person) -> Connection:
    """Ask the leader ``person`` to connect. If she already asked ``from_user``, this accepts her request."""
    _check_actor(from_user)
    refusal = selectors.recipient_refusal(sender=from_user, person=person)
    if refusal:
        _refuse(refusal)
    to_user = person.user
    theirs = Connection.objects.filter(from_user=to_user, to_user=from_user).first()
    if theirs is not None and theirs.status == Connection.Status.ACCEPTED:
        _refuse(_("You are already connected."), "exists")
    if theirs is not None and theirs.status == Connection.Status.PENDING:
        return connection_accept(user=from_user, connection=theirs)
    mine = Connection.objects.filter(from_user=from_user, to_user=to_user).first()
    if mine is not None:
        if mine.status == Connection.Status.ACCEPTED:
            _refuse(_("You are already connected."), "exists")
        if mine.status == Connection.Status.PENDING:
            _refuse(_("Your request is already waiting for an answer."), "exists")
        if mine.status == Connection.Status.DECLINED:
            # Neutral on purpose: asking again and again is how unwanted contact turns into pressure.
            _refuse(_("You can’t send this person another connection request."), "declined")
    if rate_limited(f"social.connection:{from_user.pk}", REQUESTS_PER_DAY, 24 * 3600):
        _refuse(_("You have sent many connection requests today. Please try again tomorrow."), "rate_limited")
    if mine is None:
        mine = Connection.objects.create(from_user=from_user, to_user=to_user)
    else:
        mine.status, mine.responded_at, mine.created_at = Connection.Status.PENDING, None, timezone.now()
        mine.save(update_fields=["status", "responded_at", "created_at"])
    audit_log(action="connection.request", actor=from_user, target=mine, changes={"to_user": to_user.pk})
    _notify(
        recipient=to_user,
        kind="connection.request",
        actor=from_user,
        title_for=lambda name: _("%(name)s wants to connect with you") % {"name": name},
        url=reverse("social:connections"),
        target=mine,
    )
    return mine


def _answer(*, user, connection: Connection, status: str, action: str) -> Connection:
    connection.status, connection.responded_at = status, timezone.now()
    connection.save(update_fields=["status", "responded_at"])
    audit_log(action=action, actor=user, target=connection, changes={"status": status})
    return connection


@transaction.atomic
def connection_accept(*, user, connection: Connection) -> Connection:
    _check_actor(user)
    connection = selectors.connection_for(user=user, pk=connection.pk, as_recipient=True)
    if any(selectors.blocked_either_way(user, connection.from_user)):
        _refuse(_("You can’t connect with this person."))
    _answer(user=user, connection=connection, status=Connection.Status.ACCEPTED, action="connection.accept")
    _notify(
        recipient=connection.from_user,
        kind="connection.accepted",
        actor=user,
        title_for=lambda name: _("%(name)s accepted your connection request") % {"name": name},
        url=reverse("social:connections"),
        target=connection,
    )
    return connection


@transaction.atomic
def connection_decline(*, user, connection: Connection) -> Connection:
    """Decline quietly: the requester is not notified, and sees only that no answer came."""
    connection = selectors.connection_for(user=user, pk=connection.pk, as_recipient=True)
    return _answer(
        user=user, connection=connection, status=Connection.Status.DECLINED, action="connection.decline"
    )


@transaction.atomic
def connection_withdraw(*, user, connection: Connection) -> Connection:
    connection = selectors.connection_for(user=user, pk=connection.pk, as_recipient=False)
    return _answer(
        user=user, connection=connection, status=Connection.Status.WITHDRAWN, action="connection.withdraw"
    )


@transaction.atomic
def connection_remove(*, user, person: Person) -> bool:
    """End a connection with the leader ``person``; either side may. The other is not notified."""
    if person.user_id is None:
        return False
    pair = Q(from_user=user, to_user_id=person.user_id) | Q(from_user_id=person.user_id, to_user=user)
    connection = Connection.objects.filter(pair, status=Connection.Status.ACCEPTED).first()
    if connection is None:
        return False
    _answer(user=user, connection=connection, status=Connection.Status.WITHDRAWN, action="connection.remove")
    return True


# --- Follows -------------------------------------------------------------------------------------------


@transaction.atomic
def follow_create(*, follower, person: Person | None = None, group: PartnerGroup | None = None) -> Follow:
    """Follow a leader (``person``) or a partner group. Idempotent. The leader, if she has an account,
    is told who follows her (as her notification settings say)."""
    _check_actor(follower)
    if (person is None) == (group is None):
        raise ValueError("follow exactly one leader or one group")
    if person is not None:
        if person.user_id == follower.pk:
            _refuse(_("This is your own profile."), "own")
        if person.user_id is not None and any(selectors.blocked_either_way(follower, person.user)):
            _refuse(_("You can’t follow this person."))
        follow, created = Follow.objects.get_or_create(follower=follower, person=person)
    else:
        follow, created = Follow.objects.get_or_create(follower=follower, group=group)
    if created:
        audit_log(
            action="follow.create",
            actor=follower,
            target=follow,
            changes={"person": person.pk if person else None, "group": group.pk if group else None},
        )
        profile = selectors.leader_profile_of(follower)
        if person is not None and person.user_id is not None and profile is not None:
            _notify(
                recipient=person.user,
                kind="follow.new",
                actor=follower,
                title_for=lambda name: _("%(name)s started following you") % {"name": name},
                url=profile.get_absolute_url(),
                target=follow,
            )
    return follow


@transaction.atomic
def follow_delete(*, follower, person: Person | None = None, group: PartnerGroup | None = None) -> bool:
    qs = Follow.objects.filter(follower=follower, person=person, group=group)
    follow = qs.first()
    if follow is None:
        return False
    audit_log(action="follow.delete", actor=follower, target=follow)
    follow.delete()
    return True


# --- Blocks --------------------------------------------------------------------------------------------


@transaction.atomic
def block_create(*, blocker, person: Person) -> Block:
    """Block the account behind ``person``: they can no longer message ``blocker``, ask to connect, follow
    her or find her among suggestions. Pending requests either way are closed, follows either way end;
    an existing connection ends too. The blocked person is not told."""
    blocked = person.user
    if blocked is None:
        _refuse(_("This leader has no ActLocal account, so there is nothing to block."), "no_account")
    if blocked.pk == blocker.pk:
        _refuse(_("This is your own profile."), "own")
    block, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    if created:
        pair = Q(from_user=blocker, to_user=blocked) | Q(from_user=blocked, to_user=blocker)
        Connection.objects.filter(pair).exclude(status=Connection.Status.DECLINED).update(
            status=Connection.Status.WITHDRAWN, responded_at=timezone.now()
        )
        Follow.objects.filter(
            Q(follower=blocker, person__user=blocked) | Q(follower=blocked, person__user=blocker)
        ).delete()
        audit_log(action="block.create", actor=blocker, target=block, changes={"blocked": blocked.pk})
    return block


@transaction.atomic
def block_delete(*, blocker, person: Person) -> bool:
    block = Block.objects.filter(blocker=blocker, blocked_id=person.user_id).first()
    if block is None:
        return False
    audit_log(action="block.delete", actor=blocker, target=block, changes={"blocked": block.blocked_id})
    block.delete()
    return True
