"""Moderation: reports, the queue's actions (hide, restore, lock, pin, move), suspensions. Every action is
audit-logged with who did it; the report's reporter is never shown to the reported person."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.network import selectors
from actlocal.network.markdown import clean_text
from actlocal.network.models import Reply, Report, Space, Suspension, Thread
from actlocal.network.services import _common

REASON_MAX = 2000


def _check_moderator(*, actor, space: Space) -> None:
    if not selectors.is_space_moderator(user=actor, space=space):
        raise PermissionDenied(_("Only the space's moderators can do this."))


def _reason(reason: str, *, required: bool = True) -> str:
    reason = clean_text(reason).strip()
    if required and not reason:
        raise ValidationError({"reason": _("Say briefly what is wrong, so moderators can act on it.")})
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("Keep the reason under %(n)s characters.") % {"n": f"{REASON_MAX:,}"}}
        )
    return reason


@transaction.atomic
def report_create(*, reporter, thread: Thread, reply: Reply | None = None, reason: str) -> Report:
    """Flag a thread or a reply for the space's moderators, who are told ("moderation.report"). The
    reporter must be able to read it (the caller fetched it with ``thread_for_reader``)."""
    if not selectors.user_can_see_space(user=reporter, space=thread.space) or not reporter.is_authenticated:
        raise PermissionDenied(_("Sign in to report a post."))
    if reply is not None and reply.thread_id != thread.pk:
        raise ValidationError(_("That reply is not part of this thread."))
    reason = _reason(reason)
    _common.check_rate(
        user=reporter, action="report", limit=_common.REPORT_LIMIT, window=_common.REPORT_WINDOW
    )
    report = Report.objects.create(
        space=thread.space, thread=thread, reply=reply, reporter=reporter, reason=reason
    )
    audit_log(
        action="report.create", actor=reporter, target=report,
        changes={"thread": thread.pk, "reply": reply.pk if reply else None},
    )  # fmt: skip
    moderators = [
        u for u in selectors.moderators_of(thread.space)
        if u.is_staff or selectors.user_can_see_space(user=u, space=thread.space)
    ]  # fmt: skip
    title = _("A post was reported in “%(space)s”") % {"space": thread.space.name}

    def send():
        from actlocal.notifications.services import notify

        notify(
            recipients=moderators, kind="moderation.report", title=title, url=reverse("network:moderation"),
            actor=None, excerpt=reason[:200], target=report,
        )  # fmt: skip

    transaction.on_commit(send)
    return report


@transaction.atomic
def report_resolve(*, actor, report: Report, dismiss: bool = False) -> Report:
    _check_moderator(actor=actor, space=report.space)
    report.status = Report.Status.DISMISSED if dismiss else Report.Status.RESOLVED
    report.resolved_by, report.resolved_at = actor, timezone.now()
    report.save(update_fields=["status", "resolved_by", "resolved_at"])
    audit_log(action=f"report.{report.status}", actor=actor, target=report)
    return report


def _resolve_reports_for(*, actor, thread: Thread, reply: Reply | None) -> None:
    Report.objects.filter(thread=thread, reply=reply, status=Report.Status.OPEN).update(
        status=Report.Status.RESOLVED, resolved_by=actor, resolved_at=timezone.now()
    )


@transaction.atomic
def post_hide(*, actor, thread: Thread, reply: Reply | None = None, reason: str = "") -> None:
    """Hide a thread or a reply from everyone but moderators (nothing is deleted: ``post_restore`` undoes
    it). Open reports about the post are closed as acted on."""
    _check_moderator(actor=actor, space=thread.space)
    reason = _reason(reason, required=False)
    if reply is not None:
        if reply.thread_id != thread.pk:
            raise ValidationError(_("That reply is not part of this thread."))
        if not reply.is_hidden:
            Reply.objects.filter(pk=reply.pk).update(is_hidden=True)
            Thread.objects.filter(pk=thread.pk, reply_count__gt=0).update(reply_count=F("reply_count") - 1)
        target = reply
    else:
        Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
        target = thread
    _resolve_reports_for(actor=actor, thread=thread, reply=reply)
    audit_log(action="post.hide", actor=actor, target=target, changes={"reason": reason})


@transaction.atomic
def post_restore(*, actor, thread: Thread, reply: Reply | None = None) -> None:
    _check_moderator(actor=actor, space=thread.space)
    if reply is not None:
        if reply.thread_id != thread.pk:
            raise ValidationError(_("That reply is not part of this thread."))
        if Reply.objects.filter(pk=reply.pk, is_hidden=True).update(is_hidden=False):
            Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") + 1)
        target = reply
    else:
        Thread.objects.filter(pk=thread.pk).update(is_hidden=False)
        target = thread
    audit_log(action="post.restore", actor=actor, target=target)


@transaction.atomic
def thread_lock(*, actor, thread: Thread, locked: bool = True) -> Thread:
    """A locked thread stays readable and takes no more replies or edits (moderators excepted)."""
    _check_moderator(actor=actor, space=thread.space)
    thread.is_locked = locked
    thread.save(update_fields=["is_locked"])
    audit_log(action="thread.lock" if locked else "thread.unlock", actor=actor, target=thread)
    return thread


@transaction.atomic
def thread_pin(*, actor, thread: Thread, pinned: bool = True) -> Thread:
    """A pinned thread heads its space's list."""
    _check_moderator(actor=actor, space=thread.space)
    thread.is_pinned = pinned
    thread.save(update_fields=["is_pinned"])
    audit_log(action="thread.pin" if pinned else "thread.unpin", actor=actor, target=thread)
    return thread


@transaction.atomic
def thread_move(*, actor, thread: Thread, space: Space) -> Thread:
    """Move a thread to another space; the actor must moderate both, so nobody can push a thread into
    (or pull one out of) a space they do not run."""
    _check_moderator(actor=actor, space=thread.space)
    _check_moderator(actor=actor, space=space)
    before = thread.space.slug
    thread.space = space
    thread.save(update_fields=["space"])
    Report.objects.filter(thread=thread).update(space=space)
    audit_log(action="thread.move", actor=actor, target=thread, changes={"space": [before, space.slug]})
    return thread


@transaction.atomic
def member_suspend(*, actor, user, reason: str, until=None) -> Suspension:
    """Bar ``user`` from posting, replying and messaging in the network, until ``until`` (or until lifted).
    Network staff only: a suspension reaches beyond any one space."""
    if not (actor.is_authenticated and actor.is_staff):
        raise PermissionDenied(_("Only network staff can suspend a member."))
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot suspend yourself."))
    reason = _reason(reason)
    if until is not None and until <= timezone.now():
        raise ValidationError({"until": _("Choose a date in the future, or leave it empty for no end date.")})
    suspension = Suspension.objects.create(user=user, reason=reason, ends_at=until, created_by=actor)
    audit_log(
        action="member.suspend", actor=actor, target=user,
        changes={"until": until.isoformat() if until else None, "reason": reason},
    )  # fmt: skip
    return suspension


@transaction.atomic
def suspension_lift(*, actor, user) -> int:
    if not (actor.is_authenticated and actor.is_staff):
        raise PermissionDenied(_("Only network staff can lift a suspension."))
    lifted = Suspension.objects.active().filter(user=user).update(lifted_at=timezone.now(), lifted_by=actor)
    if lifted:
        audit_log(action="member.unsuspend", actor=actor, target=user)
    return lifted
