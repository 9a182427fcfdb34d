"""Building surveys: settings, questions with choices and skip logic, findings, status, new versions.

A survey with submitted answers is locked: only wording may change (typos, translations), because
anything else (a kind, a choice, a scale, a condition, a deleted question) would change what earlier
answers mean. ``survey_new_version`` copies it into an editable draft instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actlocal.core.audit import audit_log
from actlocal.core.slugs import unique_slug
from actlocal.directory.models import Topic
from actlocal.surveys.models import Choice, Finding, Question, Response, Survey

LOCKED_MESSAGE = gettext_lazy(
    "This survey already has answers, so this change would break them. Make a new version to change it."
)
WORDING_FIELDS = ("text", "text_es", "section", "section_es")
SURVEY_FIELDS = ("title", "title_es", "description", "audience", "anonymous", "one_per_person", "event")


@dataclass(frozen=True)
class ChoiceSpec:
    label: str
    label_es: str = ""
    topic: Topic | None = None


def survey_is_locked(survey: Survey) -> bool:
    return Response.objects.filter(survey=survey, submitted_at__isnull=False).exists()


def _unique_slug(title: str) -> str:
    return unique_slug(title, model=Survey, fallback="survey")


@transaction.atomic
def survey_create(*, actor, title: str, **fields) -> Survey:
    survey = Survey.objects.create(title=title, slug=_unique_slug(title), created_by=actor, **fields)
    audit_log(action="survey.create", actor=actor, target=survey, changes={"title": title})
    return survey


@transaction.atomic
def survey_update(*, actor, survey: Survey, **fields) -> Survey:
    changed = {k: v for k, v in fields.items() if getattr(survey, k) != v}
    if survey_is_locked(survey) and {"anonymous", "event"} & set(changed):
        # Whether identities were kept, and which event answers belong to, is part of what answers mean.
        raise ValidationError(str(LOCKED_MESSAGE))
    for key, value in changed.items():
        setattr(survey, key, value)
    survey.save()
    audit_log(
        action="survey.update", actor=actor, target=survey, changes={k: str(v) for k, v in changed.items()}
    )
    return survey


@transaction.atomic
def survey_set_status(*, actor, survey: Survey, status: str) -> Survey:
    if status not in Survey.Status.values:
        raise ValidationError(_("Unknown status."))
    if status == Survey.Status.OPEN and not survey.questions.exists():
        raise ValidationError(_("Add at least one question before opening the survey."))
    before = survey.status
    survey.status = status
    survey.save(update_fields=["status"])
    audit_log(action="survey.status", actor=actor, target=survey, changes={"status": [before, status]})
    return survey


def _check_condition(survey: Survey, position: int, show_if_choice: Choice | None) -> None:
    if show_if_choice is None:
        return
    condition = show_if_choice.question
    if condition.survey_id != survey.pk or condition.kind not in (
        Question.Kind.SINGLE,
        Question.Kind.MULTIPLE,
    ):
        raise ValidationError(_("A question can only depend on a choice of this survey."))
    if condition.position >= position:
        raise ValidationError(_("A question can only depend on an earlier question."))


def _write_choices(question: Question, choices: list[ChoiceSpec]) -> None:
    values: set[str] = set()
    rows = []
    for i, spec in enumerate(choices):
        value = slugify(spec.label)[:60] or f"choice-{i + 1}"
        if value in values:
            value = f"{value[:55]}-{i + 1}"
        values.add(value)
        rows.append(Choice(question=question, position=i, value=value, label=spec.label[:200],
                           label_es=spec.label_es[:200], topic=spec.topic))  # fmt: skip
    Choice.objects.bulk_create(rows)


def _validate_kind(kind: str, choices: list[ChoiceSpec], scale: tuple[int | None, int | None]) -> None:
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.RANKING) and len(choices) < 2:
        raise ValidationError(_("Give at least two choices, one per line."))
    if kind == Question.Kind.SCALE:
        low, high = scale
        if low is None or high is None or not (low < high) or high - low > 20:
            raise ValidationError(_("A rating scale needs a lowest and a highest value, at most 20 apart."))


@transaction.atomic
def question_create(*, actor, survey: Survey, key: str, kind: str, text: str, choices: list[ChoiceSpec],
                    **fields) -> Question:  # fmt: skip
    if survey_is_locked(survey):
        raise ValidationError(str(LOCKED_MESSAGE))
    key = slugify(key or text)[:60] or "question"
    if survey.questions.filter(key=key).exists():
        raise ValidationError(_("Another question already uses the short name “%(key)s”.") % {"key": key})
    _validate_kind(kind, choices, (fields.get("scale_min"), fields.get("scale_max")))
    position = (max(survey.questions.values_list("position", flat=True), default=-1)) + 1
    _check_condition(survey, position, fields.get("show_if_choice"))
    question = Question.objects.create(
        survey=survey, key=key, kind=kind, text=text, position=position, **fields
    )
    if question.has_choices:
        _write_choices(question, choices)
    audit_log(
        action="survey.question.create", actor=actor, target=question, changes={"key": key, "kind": kind}
    )
    return question


@transaction.atomic
def question_update(*, actor, question: Question, choices: list[ChoiceSpec], **fields) -> Question:
    """Change a question. Once the survey has answers, only its wording and its choices' labels."""
    locked = survey_is_locked(question.survey)
    existing = list(question.choices.all())
    changed = {k: v for k, v in fields.items() if getattr(question, k) != v}
    if locked:
        structural = set(changed) - set(WORDING_FIELDS) - {"required"}
        if structural or (question.has_choices and len(choices) != len(existing)):
            raise ValidationError(str(LOCKED_MESSAGE))
        # Labels are matched to answers by position, so a reordered list would relabel answers.
        values = [c.value for c in existing]
        for i, spec in enumerate(choices):
            if slugify(spec.label)[:60] in values and values.index(slugify(spec.label)[:60]) != i:
                raise ValidationError(_("Choices cannot change order once there are answers."))
    kind = fields.get("kind", question.kind)
    _validate_kind(
        kind,
        choices,
        (fields.get("scale_min", question.scale_min), fields.get("scale_max", question.scale_max)),
    )
    _check_condition(
        question.survey, question.position, fields.get("show_if_choice", question.show_if_choice)
    )
    for key, value in changed.items():
        setattr(question, key, value)
    question.save()
    if locked:
        # Same choices in the same order: new labels, same values, so every answer keeps its meaning.
        for choice, spec in zip(existing, choices, strict=True):
            choice.label, choice.label_es, choice.topic = spec.label[:200], spec.label_es[:200], spec.topic
            choice.save(update_fields=["label", "label_es", "topic"])
    elif question.has_choices:
        question.choices.all().delete()
        _write_choices(question, choices)
    else:
        question.choices.all().delete()
    audit_log(action="survey.question.update", actor=actor, target=question,
              changes={k: str(v) for k, v in changed.items()})  # fmt: skip
    return question


@transaction.atomic
def question_delete(*, actor, question: Question) -> None:
    if survey_is_locked(question.survey):
        raise ValidationError(str(LOCKED_MESSAGE))
    audit_log(
        action="survey.question.delete", actor=actor, target=question.survey, changes={"key": question.key}
    )
    question.delete()


@transaction.atomic
def question_move(*, actor, question: Question, up: bool) -> None:
    if survey_is_locked(question.survey):
        raise ValidationError(str(LOCKED_MESSAGE))
    siblings = list(question.survey.questions.order_by("position", "id"))
    i = siblings.index(question)
    j = i - 1 if up else i + 1
    if not 0 <= j < len(siblings):
        return
    siblings[i], siblings[j] = siblings[j], siblings[i]
    for position, q in enumerate(siblings):
        if q.show_if_choice_id and q.show_if_choice.question in siblings[position:]:
            raise ValidationError(_("A question must stay after the question it depends on."))
        Question.objects.filter(pk=q.pk).update(position=position)
    audit_log(action="survey.question.move", actor=actor, target=question, changes={"up": up})


@transaction.atomic
def finding_create(
    *, actor, survey: Survey, choice: Choice, statement: str, statement_es: str = ""
) -> Finding:
    if choice.question.survey_id != survey.pk:
        raise ValidationError(_("That choice belongs to another survey."))
    position = survey.findings.count()
    finding = Finding.objects.create(survey=survey, choice=choice, statement=statement, statement_es=statement_es,
                                     position=position)  # fmt: skip
    audit_log(action="survey.finding.create", actor=actor, target=survey, changes={"statement": statement})
    return finding


@transaction.atomic
def finding_delete(*, actor, finding: Finding) -> None:
    audit_log(action="survey.finding.delete", actor=actor, target=finding.survey,
              changes={"statement": finding.statement})  # fmt: skip
    finding.delete()


@transaction.atomic
def survey_new_version(*, actor, survey: Survey) -> Survey:
    """An editable draft copy (questions, choices, skip logic, findings); the old version is closed."""
    copy = Survey.objects.create(
        title=survey.title,
        title_es=survey.title_es,
        description=survey.description,
        audience=survey.audience,
        anonymous=survey.anonymous,
        one_per_person=survey.one_per_person,
        event=survey.event,
        slug=_unique_slug(f"{survey.title} v{survey.version + 1}"),
        status=Survey.Status.DRAFT,
        created_by=actor,
        version=survey.version + 1,
        previous_version=survey,
    )
    choice_map: dict[int, Choice] = {}
    questions = list(survey.questions.prefetch_related("choices"))
    new_questions = {}
    for q in questions:
        new_q = Question.objects.create(
            survey=copy, position=q.position, key=q.key, kind=q.kind, text=q.text, text_es=q.text_es,
            required=q.required, scale_min=q.scale_min, scale_max=q.scale_max, section=q.section,
            section_es=q.section_es, context_field=q.context_field,
        )  # fmt: skip
        new_questions[q.pk] = new_q
        for c in q.choices.all():
            choice_map[c.pk] = Choice.objects.create(question=new_q, position=c.position, value=c.value,
                                                     label=c.label, label_es=c.label_es, topic=c.topic)  # fmt: skip
    for q in questions:
        if q.show_if_choice_id in choice_map:
            Question.objects.filter(pk=new_questions[q.pk].pk).update(
                show_if_choice=choice_map[q.show_if_choice_id]
            )
    for f in survey.findings.all():
        if f.choice_id in choice_map:
            Finding.objects.create(survey=copy, position=f.position, choice=choice_map[f.choice_id],
                                   statement=f.statement, statement_es=f.statement_es)  # fmt: skip
    if survey.status == Survey.Status.OPEN:
        survey.status = Survey.Status.CLOSED
        survey.save(update_fields=["status"])
    audit_log(action="survey.new_version", actor=actor, target=copy, changes={"from": survey.pk})
    return copy


@transaction.atomic
def survey_send_to_attendees(*, actor, survey: Survey) -> int:
    """E-mail the survey's link to the event's attendees once the event is over; once. Returns how many."""
    from django.utils import timezone

    from actlocal.core.emails import queue_email
    from actlocal.events.models import Rsvp

    # Locks the survey row only (PostgreSQL refuses FOR UPDATE on the nullable side of a join).
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.event is None:
        raise ValidationError(_("This survey is not attached to an event."))
    if survey.event.ends_at > timezone.now():
        raise ValidationError(_("The link goes out after the event has ended."))
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("Open the survey before sending its link."))
    if survey.sent_to_attendees_at is not None:
        raise ValidationError(_("The link was already sent to the attendees."))
    rsvps = list(
        Rsvp.objects.filter(event=survey.event, status=Rsvp.Status.CONFIRMED)
        .exclude(person__email="")
        .values_list("pk", flat=True)
    )
    for rsvp_id in rsvps:
        queue_email("surveys.event_survey", rsvp_id)
    survey.sent_to_attendees_at = timezone.now()
    survey.save(update_fields=["sent_to_attendees_at"])
    audit_log(
        action="survey.send_to_attendees", actor=actor, target=survey, changes={"recipients": len(rsvps)}
    )
    return len(rsvps)


# Long enough for people to get home; short enough that the evening is fresh in mind.
AUTO_SEND_AFTER = timedelta(hours=1)
# Older events are left alone, so that turning this on never mails a backlog of long-past events.
AUTO_SEND_WITHIN = timedelta(days=14)


def surveys_send_due(*, now=None) -> int:
    """Send each open event survey's link to its attendees an hour after the event ends, once (the host
    may also send it by hand earlier). Run by the background tick; returns how many surveys went out."""
    from django.utils import timezone

    now = now or timezone.now()
    due = Survey.objects.filter(
        status=Survey.Status.OPEN,
        sent_to_attendees_at__isnull=True,
        event__ends_at__lte=now - AUTO_SEND_AFTER,
        event__ends_at__gt=now - AUTO_SEND_WITHIN,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        try:
            survey_send_to_attendees(actor=None, survey=Survey.objects.get(pk=pk))
        except ValidationError:
            continue  # sent by hand meanwhile, or closed: nothing to do
        sent += 1
    return sent
