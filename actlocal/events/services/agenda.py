"""The bottom-up agenda: leaders propose topics and vote before a convening; hosts pick and hide."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.events.models import AgendaTopic, AgendaVote, Event
from actlocal.events.selectors import agenda_is_open


def _require_open(event: Event) -> None:
    if not agenda_is_open(event):
        raise ValidationError(_("Agenda proposals and votes for this event are closed."))


@transaction.atomic
def agenda_topic_propose(*, event: Event, user, title: str, description: str = "") -> AgendaTopic:
    _require_open(event)
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Give the topic a short title.")})
    topic = AgendaTopic.objects.create(
        event=event, title=title[:200], description=(description or "")[:2000], proposed_by=user
    )
    audit_log(action="agenda.propose", actor=user, target=topic, changes={"event": event.slug})
    return topic


@transaction.atomic
def agenda_vote_cast(*, topic: AgendaTopic, user) -> AgendaVote:
    """One vote per topic per person: a second vote is refused."""
    _require_open(topic.event)
    if topic.hidden:
        raise ValidationError(_("This topic was taken off the list by a host."))
    try:
        with transaction.atomic():  # a savepoint, so the refusal leaves the outer transaction usable
            vote = AgendaVote.objects.create(topic=topic, user=user)
    except IntegrityError:
        raise ValidationError(_("You have already voted for this topic."))
    audit_log(action="agenda.vote", actor=user, target=topic)
    return vote


@transaction.atomic
def agenda_vote_withdraw(*, topic: AgendaTopic, user) -> None:
    _require_open(topic.event)
    deleted, _rows = AgendaVote.objects.filter(topic=topic, user=user).delete()
    if deleted:
        audit_log(action="agenda.unvote", actor=user, target=topic)


@transaction.atomic
def agenda_topic_moderate(
    *, topic: AgendaTopic, actor, picked: bool | None = None, hidden: bool | None = None
):
    """A host puts a topic on the agenda (``picked``) or hides an off-topic one; works after voting closes."""
    changes = {}
    if picked is not None and picked != topic.picked:
        topic.picked, changes["picked"] = picked, picked
    if hidden is not None and hidden != topic.hidden:
        topic.hidden, changes["hidden"] = hidden, hidden
        if hidden:
            topic.picked, changes["picked"] = False, False
    if changes:
        topic.save(update_fields=["picked", "hidden"])
        audit_log(action="agenda.moderate", actor=actor, target=topic, changes=changes)
    return topic
