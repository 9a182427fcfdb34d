"""Paper forms typed into a spreadsheet: check every row first, then save the good ones in one go.

One column per question key (plus ``zip_code``); a multiple-choice cell lists its choices separated by
";", a ranking cell by ">" (first place first). A choice may be written as its value or its label. Each
broken row is reported ("row 7, rating: Choose a whole number from 1 to 5.") and skipped; the good rows
are kept.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from charset_normalizer import from_bytes
from django.db import transaction
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.surveys.answering import PREFIX, Draft, parse_answers, visible_questions
from actlocal.surveys.models import Answer, Question, Response, Survey
from actlocal.surveys.services.responses import answers_from_draft, area_context
from actlocal.surveys.services.tallies import tally_apply, tally_cells

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
CONTEXT_COLUMNS = ("zip_code",)


@dataclass
class PaperImport:
    saved: int = 0
    errors: list[str] = field(default_factory=list)
    rows: int = 0


def _decode(content: bytes) -> str:
    best = from_bytes(content).best()
    return str(best) if best is not None else content.decode("utf-8", errors="replace")


def _choice_value(question: Question, cell: str) -> str:
    cell = cell.strip()
    for c in question.choices.all():
        if cell.casefold() in (c.value.casefold(), c.label.casefold(), (c.label_es or "").casefold()):
            return c.value
    return cell  # unknown: parse_answers names it


def _row_data(row: dict[str, str], questions: dict[str, Question]) -> MultiValueDict:
    data = MultiValueDict()
    for key, question in questions.items():
        cell = (row.get(key) or "").strip()
        if not cell:
            continue
        if question.kind == Question.Kind.RANKING:
            for position, part in enumerate((p for p in cell.split(">") if p.strip()), start=1):
                data.appendlist(f"{PREFIX}{key}-{_choice_value(question, part)}", str(position))
        elif question.kind == Question.Kind.MULTIPLE:
            for part in cell.split(";"):
                if part.strip():
                    data.appendlist(PREFIX + key, _choice_value(question, part))
        elif question.kind == Question.Kind.SINGLE:
            data.appendlist(PREFIX + key, _choice_value(question, cell))
        else:
            data.appendlist(PREFIX + key, cell)
    return data


def paper_parse(*, survey: Survey, content: bytes) -> tuple[list[tuple[int, Draft, str]], PaperImport]:
    """Pass one: every row checked; returns the good rows (row number, answers, ZIP) and the report."""
    report = PaperImport()
    if len(content) > MAX_BYTES:
        report.errors.append(_("The file is larger than 5 MB; split it into smaller files."))
        return [], report
    reader = csv.DictReader(io.StringIO(_decode(content).lstrip("\ufeff")))
    questions = list(survey.questions.prefetch_related("choices"))
    by_key = {q.key: q for q in questions}
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    unknown = [h for h in header if h and h not in by_key and h not in CONTEXT_COLUMNS]
    if not header or not (set(header) & set(by_key)):
        report.errors.append(
            _("The first row must name the columns by the questions' short names: %(keys)s.")
            % {"keys": ", ".join(by_key)}
        )
        return [], report
    if unknown:
        report.errors.append(
            _("These columns are not questions of this survey and were ignored: %(columns)s.")
            % {"columns": ", ".join(u[:40] for u in unknown[:10])}
        )
    good = []
    for number, row in enumerate(reader, start=2):
        report.rows += 1
        if report.rows > MAX_ROWS:
            report.errors.append(_("Only the first %(n)s rows were read.") % {"n": f"{MAX_ROWS:,}"})
            break
        if None in row:
            report.errors.append(_("Row %(row)s: more cells than columns.") % {"row": number})
            continue
        parsed = parse_answers(_row_data(row, by_key), questions)
        problems = [f"{key}: {message}" for key, messages in parsed.errors.items() for message in messages]
        shown = {q.key for q in visible_questions(questions, parsed.values)}
        problems += [
            f"{q.key}: " + _("an answer is required.")
            for q in questions
            if q.required and q.key in shown and not parsed.values.get(q.key)
        ]
        if problems:
            report.errors += [_("Row %(row)s, %(problem)s") % {"row": number, "problem": p} for p in problems]
            continue
        good.append((number, parsed.values, (row.get("zip_code") or "").strip()))
    return good, report


@transaction.atomic
def paper_forms_import(*, actor, survey: Survey, content: bytes) -> PaperImport:
    """Pass two: the good rows become submitted responses (source "paper") in one transaction."""
    good, report = paper_parse(survey=survey, content=content)
    questions = list(survey.questions.prefetch_related("choices"))
    for _number, values, zip_code in good:
        context = area_context(zip_code=zip_code)
        response = Response.objects.create(
            survey=survey, source="paper", event=survey.event, submitted_at=timezone.now(),
            zip_code="" if survey.anonymous else context.zip_code, state=context.state, county=context.county,
            area_type=context.area_type, lean=context.lean,
        )  # fmt: skip
        answers = answers_from_draft(response, visible_questions(questions, values), values)
        Answer.objects.bulk_create(answers)
        tally_apply(tally_cells(response, answers))
        report.saved += 1
    audit_log(
        action="survey.paper_import", actor=actor, target=survey,
        changes={"rows": report.rows, "saved": report.saved, "errors": len(report.errors)},
    )  # fmt: skip
    return report
