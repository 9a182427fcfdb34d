"""Answering a survey: save as the respondent goes, submit once, with the area context filled in."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.core import places
from actlocal.core.audit import audit_log
from actlocal.core.models import CountyProfile
from actlocal.core.models_area import AreaType, Lean
from actlocal.surveys.answering import Draft, visible_questions
from actlocal.surveys.models import Answer, Question, Response, Survey
from actlocal.surveys.services.tallies import tally_apply, tally_cells


@dataclass(frozen=True)
class AreaContext:
    zip_code: str = ""
    state: str = ""
    county: str = ""
    area_type: str = ""
    lean: str = ""


def area_context(*, zip_code: str = "", own_area_type: str = "", own_lean: str = "") -> AreaContext:
    """State and county from the ZIP; area type and lean from the county table, else the respondent's word.

    The county table is the common yardstick across surveys, so it wins; a respondent's own description
    fills in only where the ZIP is unknown or its county has no row yet.
    """
    place = places.place_or_none(zip_code)
    if place is None:
        return AreaContext(area_type=own_area_type, lean=own_lean)
    profile = CountyProfile.objects.filter(state=place.state, county=place.county).first()
    return AreaContext(
        zip_code=place.zip_code,
        state=place.state,
        county=place.county,
        area_type=profile.area_type if profile else own_area_type,
        lean=profile.lean if profile else own_lean,
    )


def _person_for(user):
    return getattr(user, "person", None) if user is not None and user.is_authenticated else None


@transaction.atomic
def response_start(*, survey: Survey, user=None, source: str = "online", zip_code: str = "") -> Response:
    """A new, unsubmitted response; an anonymous survey's response records no person and no user.

    ``zip_code`` is the place written on a paper form; online, the place comes from the answers or profile.
    """
    identified = not survey.anonymous and user is not None and user.is_authenticated
    person = _person_for(user) if identified else None
    return Response.objects.create(
        survey=survey,
        user=user if identified else None,
        person=person,
        leader_type=(person.leader_type if person else ""),
        source=source,
        event=survey.event,
        zip_code=zip_code,
        draft={},
    )


@transaction.atomic
def response_save_draft(*, response: Response, values: Draft) -> Response:
    """Keep the answers given so far (merged over earlier pages), so nothing typed is lost."""
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.submitted_at is not None:
        raise ValidationError(_("This response was already submitted."))
    draft = dict(response.draft or {})
    draft.update(values)
    response.draft = draft
    response.save(update_fields=["draft"])
    return response


def already_answered(*, survey: Survey, user) -> bool:
    if survey.anonymous or user is None or not user.is_authenticated:
        return False
    return Response.objects.filter(survey=survey, user=user, submitted_at__isnull=False).exists()


@transaction.atomic
def response_submit(*, response: Response, values: Draft | None = None, actor=None) -> Response:
    """Turn the draft into answers, once. Questions skipped by skip logic keep no answer."""
    response = Response.objects.select_for_update().select_related("survey").get(pk=response.pk)
    survey = response.survey
    if response.submitted_at is not None:
        raise ValidationError(_("This response was already submitted."))
    if survey.status != Survey.Status.OPEN and response.source != "paper":
        raise ValidationError(_("This survey is not taking answers."))
    if survey.one_per_person and response.user_id and already_answered(survey=survey, user=response.user):
        raise ValidationError(_("You have already answered this survey. Thank you!"))
    draft = dict(response.draft or {})
    draft.update(values or {})
    questions = list(survey.questions.prefetch_related("choices"))
    missing = [q for q in visible_questions(questions, draft) if q.required and not draft.get(q.key)]
    if missing:
        response.draft = draft
        response.save(update_fields=["draft"])
        raise ValidationError(
            _("Please answer: %(questions)s") % {"questions": "; ".join(q.text for q in missing)}
        )
    answers = answers_from_draft(response, visible_questions(questions, draft), draft)
    _fill_context(response, questions, draft)
    response.draft = None
    response.submitted_at = timezone.now()
    response.save()
    Answer.objects.bulk_create(answers)
    tally_apply(tally_cells(response, answers))
    if not survey.anonymous:
        # An anonymous survey keeps no trace of who answered, so not even an audit entry with an address.
        audit_log(action="survey.response.submit", actor=actor, target=response)
    return response


def answers_from_draft(response: Response, questions: list[Question], draft: Draft) -> list[Answer]:
    out = []
    for question in questions:
        values = draft.get(question.key) or []
        choices = {c.value: c for c in question.choices.all()}
        if question.kind == Question.Kind.RANKING:
            out += [
                Answer(response=response, question=question, choice=choices[v], number=float(i))
                for i, v in enumerate(values, start=1)
                if v in choices
            ]
        elif question.has_choices:
            out += [
                Answer(response=response, question=question, choice=choices[v])
                for v in values
                if v in choices
            ]
        elif question.kind in (Question.Kind.SCALE, Question.Kind.NUMBER):
            out += [Answer(response=response, question=question, number=float(v)) for v in values[:1]]
        else:
            out += [Answer(response=response, question=question, text=v) for v in values[:1] if v]
    return out


def _fill_context(response: Response, questions: list[Question], draft: Draft) -> None:
    own = {q.context_field: (draft.get(q.key) or [""])[0] for q in questions if q.context_field}
    person = response.person
    zip_code = (
        own.get(Question.ContextField.ZIP_CODE) or (person.zip_code if person else "") or response.zip_code
    )
    # A respondent's own description counts only when it is one of the table's words.
    own_area = own.get(Question.ContextField.AREA_TYPE, "")
    own_lean = own.get(Question.ContextField.LEAN, "")
    context = area_context(
        zip_code=zip_code,
        own_area_type=own_area if own_area in AreaType.values else "",
        own_lean=own_lean if own_lean in Lean.values else "",
    )
    for name in ("zip_code", "state", "county", "area_type", "lean"):
        setattr(response, name, getattr(context, name))
    if response.survey.anonymous:
        # The county is context enough; a ZIP beside the answers narrows an anonymous respondent down.
        response.zip_code = ""
