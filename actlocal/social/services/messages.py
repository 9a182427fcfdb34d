"""Private messages: starting a conversation, sending, reading, reporting a message to staff."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.core.ratelimit import rate_limited
from actlocal.directory.models import Person
from actlocal.social import selectors
from actlocal.social.models import (
    MAX_MESSAGE_LENGTH,
    MAX_PARTICIPANTS,
    Block,
    Conversation,
    Message,
    MessageReport,
    Participant,
)
from actlocal.social.text import clean_text

# A leader writing to a few people is far below these; a spammer hits them within minutes.
MESSAGES_PER_WINDOW, MESSAGE_WINDOW = 20, 10 * 60
CONVERSATIONS_PER_HOUR = 10
REPORTS_PER_HOUR = 20
MAX_REASON_LENGTH = 1000


def _refuse(message: str, code: str = "refused"):
    raise ValidationError(message, code=code)


def _check_body(body: str) -> str:
    body = clean_text(body)
    if not body:
        _refuse(_("Write a message before sending."), "empty")
    if len(body) > MAX_MESSAGE_LENGTH:
        _refuse(
            _("A message can be at most %(limit)s characters; this one has %(n)s.")
            % {"limit": f"{MAX_MESSAGE_LENGTH:,}", "n": f"{len(body):,}"},
            "too_long",
        )
    return body


def _check_rate(key: str, limit: int, window: int) -> None:
    if rate_limited(key, limit, window):
        _refuse(
            _("You are sending a lot of messages. Please wait a few minutes and try again."), "rate_limited"
        )


def _check_sender(sender) -> None:
    refusal = selectors.participation_refusal(sender)
    if refusal:
        _refuse(refusal, "not_allowed")


@transaction.atomic
def conversation_start(*, sender, recipients: list[Person], body: str) -> Conversation:
    """Write to one leader (their existing conversation with ``sender`` is reused) or to a small group of
    ``sender``'s connections (a new conversation). Raises ValidationError with a message for the form."""
    _check_sender(sender)
    body = _check_body(body)
    people = list({p.pk: p for p in recipients}.values())
    if not people:
        _refuse(_("Choose who to write to."), "no_recipients")
    if len(people) > MAX_PARTICIPANTS - 1:
        _refuse(
            _("A group conversation can have at most %(n)s people besides you.")
            % {"n": MAX_PARTICIPANTS - 1},
            "too_many",
        )
    for person in people:
        refusal = selectors.recipient_refusal(sender=sender, person=person, message=True)
        if refusal:
            _refuse(refusal)
    users = [p.user for p in people]
    if len(users) > 1:
        connected = selectors.connected_user_ids(sender)
        if any(u.pk not in connected for u in users):
            _refuse(_("You can add only your connections to a group conversation."), "not_connected")
    else:
        existing = selectors.existing_pair_conversation(sender, users[0])
        if existing is not None:
            message_send(sender=sender, conversation=existing, body=body)
            return existing
    _check_rate(f"social.conversation:{sender.pk}", CONVERSATIONS_PER_HOUR, 3600)
    conversation = Conversation.objects.create(is_group=len(users) > 1, created_by=sender)
    Participant.objects.bulk_create(Participant(conversation=conversation, user=u) for u in [sender, *users])
    audit_log(
        action="conversation.start",
        actor=sender,
        target=conversation,
        changes={"participants": [u.pk for u in [sender, *users]]},
    )
    message_send(sender=sender, conversation=conversation, body=body)
    return conversation


@transaction.atomic
def message_send(*, sender, conversation: Conversation, body: str) -> Message:
    """Add a message to a conversation ``sender`` takes part in; the others are notified (in the app and,
    as each chose, by e-mail from the site's address, with a link back here and no one's address)."""
    _check_sender(sender)
    conversation = selectors.conversation_for_member(user=sender, conversation_id=conversation.pk)
    body = _check_body(body)
    others = selectors.other_participants(conversation, sender)
    blocked_me = set(
        Block.objects.filter(blocker__in=others, blocked=sender).values_list("blocker_id", flat=True)
    )
    if blocked_me:
        _refuse(_("You can’t send messages in this conversation."))
    if not conversation.is_group and Block.objects.filter(blocker=sender, blocked__in=others).exists():
        _refuse(_("You have blocked this person. Unblock them on your connections page to write to them."))
    _check_rate(f"social.message:{sender.pk}", MESSAGES_PER_WINDOW, MESSAGE_WINDOW)
    now = timezone.now()
    message = Message.objects.create(conversation=conversation, sender=sender, body=body)
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
    Participant.objects.filter(conversation=conversation, user=sender).update(last_read_at=now)
    audit_log(action="message.send", actor=sender, target=message, changes={"conversation": conversation.pk})
    transaction.on_commit(lambda: _notify_new_message(message, others))
    return message


def _notify_new_message(message: Message, recipients: list) -> None:
    from actlocal.notifications.services import notify

    sender_profile = selectors.leader_profile_of(message.sender)
    url = reverse("social:conversation", args=[message.conversation_id])
    excerpt = message.body[:200]
    # The title names the sender only to those the visibility rule lets see her name, in each reader's
    # language (the same words reach everyone who shares both).
    groups: dict[tuple[str, str], list] = {}
    for user in recipients:
        key = (selectors.display_name(sender_profile, user), user.language or settings.LANGUAGE_CODE)
        groups.setdefault(key, []).append(user)
    for (name, language), users in groups.items():
        with translation.override(language):
            title = _("New message from %(name)s") % {"name": name}
        notify(
            recipients=users,
            kind="message.new",
            title=title,
            url=url,
            actor=message.sender,
            excerpt=excerpt,
            target=message.conversation,
        )


@transaction.atomic
def conversation_mark_read(*, user, conversation: Conversation) -> None:
    """Not audit-logged: having read something is a person's own state."""
    now = timezone.now()
    Participant.objects.filter(conversation=conversation, user=user).update(last_read_at=now)
    from actlocal.notifications.models import Notification

    Notification.objects.filter(
        recipient=user,
        kind="message.new",
        target_type=Conversation._meta.label_lower,
        target_id=str(conversation.pk),
        read_at__isnull=True,
    ).update(read_at=now)


@transaction.atomic
def message_report(*, reporter, message: Message, reason: str) -> MessageReport:
    """Report one message to network staff. They see this message (and who sent and reported it), never
    the rest of the conversation. Reporting the same message twice keeps the first report."""
    selectors.conversation_for_member(user=reporter, conversation_id=message.conversation_id)
    if message.sender_id == reporter.pk:
        _refuse(_("You can’t report your own message."), "own")
    reason = clean_text(reason)
    if len(reason) > MAX_REASON_LENGTH:
        _refuse(
            _("Please keep the reason under %(n)s characters.") % {"n": f"{MAX_REASON_LENGTH:,}"}, "too_long"
        )
    existing = MessageReport.objects.filter(message=message, reporter=reporter).first()
    if existing is not None:
        return existing
    _check_rate(f"social.report:{reporter.pk}", REPORTS_PER_HOUR, 3600)
    report = MessageReport.objects.create(message=message, reporter=reporter, reason=reason)
    audit_log(action="message.report", actor=reporter, target=report, changes={"message": message.pk})
    transaction.on_commit(lambda: _notify_staff(report))
    return report


def _notify_staff(report: MessageReport) -> None:
    from actlocal.notifications.services import notify

    staff = get_user_model().objects.filter(is_staff=True, is_active=True)
    notify(
        recipients=staff,
        kind="moderation.report",
        title=_("A private message was reported"),
        url=reverse("social:report_detail", args=[report.pk]),
        actor=report.reporter,
        target=report,
    )


@transaction.atomic
def message_report_resolve(*, staff_user, report: MessageReport, remove: bool) -> MessageReport:
    """Dismiss a report, or remove the message (the conversation then says a message was removed).
    Every open report of the same message is closed with it."""
    report = selectors.message_report_for_staff(user=staff_user, pk=report.pk)
    now = timezone.now()
    status = MessageReport.Status.REMOVED if remove else MessageReport.Status.DISMISSED
    MessageReport.objects.filter(message=report.message, status=MessageReport.Status.OPEN).update(
        status=status, resolved_by=staff_user, resolved_at=now
    )
    if remove:
        Message.objects.filter(pk=report.message_id, hidden_at__isnull=True).update(hidden_at=now)
        # The "new message" notifications quoted it: they keep their link, not the removed words.
        from actlocal.notifications.models import Notification

        Notification.objects.filter(
            kind="message.new",
            target_type=Conversation._meta.label_lower,
            target_id=str(report.message.conversation_id),
            excerpt=report.message.body[:200],
        ).update(excerpt="")
    audit_log(
        action="message_report.resolve",
        actor=staff_user,
        target=report,
        changes={"status": status, "message": report.message_id},
    )
    report.refresh_from_db()
    return report
