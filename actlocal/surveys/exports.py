"""Responses as rows: the CSV and XLSX exports (formula-safe, audit-logged) and recent text answers.

One row per submitted response: its area context, then one column per question (by key). No name or
e-mail is exported: analysis needs the area, not the person.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.core.csv_safe import safe_cell
from actlocal.surveys.analysis.counts import Filters
from actlocal.surveys.models import Answer, Question, Response, Survey

CONTEXT_HEADER = ["response", "submitted_at", "source", "zip_code", "state", "county", "area_type", "lean",
                  "leader_type", "event"]  # fmt: skip
CHUNK = 2000


def filtered_responses(survey: Survey, filters: Filters) -> QuerySet[Response]:
    qs = Response.objects.filter(survey=survey, submitted_at__isnull=False)
    for dim, value in filters.context_items():
        qs = qs.filter(**{dim: value})
    if filters.answered_choice is not None:
        qs = qs.filter(
            Exists(Answer.objects.filter(response=OuterRef("pk"), choice_id=filters.answered_choice))
        )
    return qs


def recent_texts(question: Question, filters: Filters, *, limit: int = 20) -> list[str]:
    """The latest text answers (newest rows first: walks the question's index backwards, no sort)."""
    answers = Answer.objects.filter(question=question).exclude(text="")
    if not filters.is_empty:
        answers = answers.filter(response__in=filtered_responses(question.survey, filters))
    return list(answers.order_by("-id").values_list("text", flat=True)[:limit])


def _answer_text(question: Question, answers: list[Answer], labels: dict[int, str]) -> str:
    if question.kind == Question.Kind.RANKING:
        ordered = sorted(answers, key=lambda a: a.number or 0)
        return " > ".join(labels.get(a.choice_id, "") for a in ordered)
    if question.has_choices:
        return "; ".join(labels.get(a.choice_id, "") for a in answers)
    if question.kind in (Question.Kind.NUMBER, Question.Kind.SCALE):
        return "; ".join(f"{a.number:g}" for a in answers if a.number is not None)
    return "\n".join(a.text for a in answers)


def response_rows(survey: Survey, filters: Filters) -> Iterator[list]:
    """The header, then one list per response; streamed in chunks so a million rows fit in memory."""
    questions = list(survey.questions.prefetch_related("choices"))
    labels = {c.pk: c.value for q in questions for c in q.choices.all()}
    yield CONTEXT_HEADER + [q.key for q in questions]
    last = 0
    base = filtered_responses(survey, filters).order_by("pk")
    while True:
        chunk = list(
            base.filter(pk__gt=last).values_list(
                "pk", "submitted_at", "source", "zip_code", "state", "county", "area_type", "lean",
                "leader_type", "event_id",
            )[:CHUNK]
        )  # fmt: skip
        if not chunk:
            return
        by_response: dict[int, dict[int, list[Answer]]] = defaultdict(lambda: defaultdict(list))
        for answer in Answer.objects.filter(response_id__in=[r[0] for r in chunk]).order_by("pk"):
            by_response[answer.response_id][answer.question_id].append(answer)
        for row in chunk:
            answers = by_response.get(row[0], {})
            values = [row[0], row[1].isoformat() if row[1] else "", *row[2:9], row[9] or ""]
            yield values + [_answer_text(q, answers.get(q.pk, []), labels) for q in questions]
        last = chunk[-1][0]


@transaction.atomic
def export_log(*, survey: Survey, filters: Filters, actor, fmt: str) -> None:
    audit_log(
        action="survey.export",
        actor=actor,
        target=survey,
        changes={"format": fmt, "filters": dict(filters.context_items()),
                 "answered_choice": filters.answered_choice},
    )  # fmt: skip


class _Echo:
    def write(self, value):
        return value


def responses_csv(*, survey: Survey, filters: Filters, actor) -> Iterator[str]:
    export_log(survey=survey, filters=filters, actor=actor, fmt="csv")
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so spreadsheet programs read the file as UTF-8
    for row in response_rows(survey, filters):
        yield writer.writerow([safe_cell(v) for v in row])


def responses_xlsx(*, survey: Survey, filters: Filters, actor) -> bytes:
    from openpyxl import Workbook

    export_log(survey=survey, filters=filters, actor=actor, fmt="xlsx")
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=_("Responses")[:31])
    for row in response_rows(survey, filters):
        # Numbers stay numbers; text is neutralised like the CSV so a cell never runs as a formula.
        sheet.append([v if isinstance(v, int | float) else safe_cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
