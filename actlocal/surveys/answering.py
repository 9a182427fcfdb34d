"""Reading a respondent's posted answers: every value checked, every problem named, nothing valid dropped.

Form fields are named ``q-<question key>`` (``q-<key>-<choice value>`` for a ranking's positions). The
result is a draft, ``{key: [raw values]}``, that the services store as the respondent goes and turn into
``Answer`` rows at submission.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from actlocal.surveys.models import Question

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 5000
NUMBER_LIMIT = 1e9
PREFIX = "q-"

Draft = dict[str, list[str]]


@dataclass
class ParsedAnswers:
    values: Draft = field(default_factory=dict)
    # Question key (or "" for the form as a whole) -> messages.
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add_error(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)


def questions_by_key(questions) -> dict[str, Question]:
    return {q.key: q for q in questions}


def parse_answers(data, questions: list[Question]) -> ParsedAnswers:
    """Validate the posted answers to ``questions`` (the ones on this page); unknown fields are errors."""
    result = ParsedAnswers()
    known = questions_by_key(questions)
    ranking_fields = {
        f"{PREFIX}{q.key}-{c.value}"
        for q in questions
        if q.kind == Question.Kind.RANKING
        for c in q.choices.all()
    }
    for name in data:
        if name.startswith(PREFIX) and name[len(PREFIX) :] not in known and name not in ranking_fields:
            result.add_error(
                "",
                _(
                    "The form sent an answer to a question this survey does not have (%(name)s); it was ignored."
                )
                % {"name": name[len(PREFIX) :][:60]},
            )
    for question in questions:
        _parse_one(question, data, result)
    return result


def _parse_one(question: Question, data, result: ParsedAnswers) -> None:
    key = question.key
    raw = [v for v in data.getlist(f"{PREFIX}{key}") if v.strip() != ""] if hasattr(data, "getlist") else []
    kind = question.kind
    if kind == Question.Kind.RANKING:
        _parse_ranking(question, data, result)
        return
    if not raw:
        return
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        allowed = {c.value for c in question.choices.all()}
        unknown = [v for v in raw if v not in allowed]
        if unknown:
            result.add_error(key, _("“%(value)s” is not one of the options.") % {"value": unknown[0][:60]})
            return
        if kind == Question.Kind.SINGLE and len(set(raw)) > 1:
            result.add_error(key, _("Choose only one answer."))
            return
        result.values[key] = list(dict.fromkeys(raw))
    elif kind in (Question.Kind.SCALE, Question.Kind.NUMBER):
        if len(raw) > 1:
            result.add_error(key, _("Give only one number."))
            return
        try:
            number = float(raw[0].strip().replace(",", ""))
        except ValueError:
            result.add_error(key, _("“%(value)s” is not a number.") % {"value": raw[0][:30]})
            return
        if not math.isfinite(number) or abs(number) > NUMBER_LIMIT:
            result.add_error(key, _("That number is out of range."))
            return
        if kind == Question.Kind.SCALE:
            low, high = question.scale_min or 1, question.scale_max or 5
            if number != int(number) or not low <= number <= high:
                result.add_error(
                    key, _("Choose a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}
                )
                return
        result.values[key] = [repr(float(number))]
    else:
        if len(raw) > 1:
            result.add_error(key, _("Give only one answer."))
            return
        text = raw[0].strip()
        limit = SHORT_TEXT_MAX if kind == Question.Kind.SHORT_TEXT else LONG_TEXT_MAX
        if len(text) > limit:
            result.add_error(
                key,
                _(
                    "Keep this answer to %(limit)s characters; it has %(length)s. Your text is still in the box."
                )
                % {"limit": f"{limit:,}", "length": f"{len(text):,}"},
            )
            return
        result.values[key] = [text]


def _parse_ranking(question: Question, data, result: ParsedAnswers) -> None:
    choices = list(question.choices.all())
    positions: dict[str, int] = {}
    for choice in choices:
        name = f"{PREFIX}{question.key}-{choice.value}"
        if hasattr(data, "getlist") and len(data.getlist(name)) > 1:
            result.add_error(question.key, _("Rank each option only once."))
            return
        raw = (data.get(name) or "").strip()
        if not raw:
            continue
        if not raw.isdigit() or not 1 <= int(raw) <= len(choices):
            result.add_error(question.key, _("Rank with the numbers 1 to %(n)s.") % {"n": len(choices)})
            return
        positions[choice.value] = int(raw)
    if len(set(positions.values())) != len(positions):
        result.add_error(question.key, _("Give each place in the ranking to one option only."))
        return
    if positions:
        result.values[question.key] = [v for v, _p in sorted(positions.items(), key=lambda item: item[1])]


def visible_questions(questions: list[Question], draft: Draft) -> list[Question]:
    """Skip logic: a question with a condition is asked only when the draft holds that choice."""
    by_choice = {}
    for q in questions:
        for c in q.choices.all():
            by_choice[c.pk] = (q.key, c.value)
    out = []
    for q in questions:
        if q.show_if_choice_id is None:
            out.append(q)
            continue
        key, value = by_choice.get(q.show_if_choice_id, ("", ""))
        if value in draft.get(key, []):
            out.append(q)
    return out


def missing_required(questions: list[Question], draft: Draft) -> list[Question]:
    return [q for q in visible_questions(questions, draft) if q.required and not draft.get(q.key)]
