"""Keeping ``AnswerTally`` in step with the answers: set-based rebuild, and +1 per submitted response."""
# ruff: noqa: S608 -- SQL built from our own table names and fixed fragments; values go in as %s parameters

from __future__ import annotations

from collections import Counter

from django.db import connection, transaction

from actlocal.surveys.models import Answer, AnswerTally, Question, Response

CONTEXT_COLUMNS = ("area_type", "lean", "state", "leader_type", "source", "event_id")


def response_context(response: Response) -> tuple:
    return (
        response.area_type or "",
        response.lean or "",
        response.state or "",
        response.leader_type or "",
        response.source or "",
        response.event_id or 0,
    )


def answer_bucket(answer: Answer) -> str:
    if answer.choice_id is not None:
        return (
            f"c{answer.choice_id}" if answer.number is None else f"c{answer.choice_id}r{int(answer.number)}"
        )
    if answer.number is not None:
        return f"n{float(answer.number)!r}"
    return ""


def tally_cells(response: Response, answers: list[Answer]) -> Counter:
    """The cells one response adds to: one per answer row, plus one "answered" cell per question."""
    context = response_context(response)
    cells: Counter = Counter()
    for question_id in {a.question_id for a in answers}:
        cells[(question_id, "", *context)] += 1
    for answer in answers:
        bucket = answer_bucket(answer)
        if bucket:
            cells[(answer.question_id, bucket, *context)] += 1
    return cells


def tally_apply(cells: Counter, *, sign: int = 1) -> None:
    """Add (or with ``sign=-1`` remove) counts, one upsert per cell; both engines speak ON CONFLICT."""
    if not cells:
        return
    table = connection.ops.quote_name(AnswerTally._meta.db_table)
    columns = ("question_id", "bucket", *CONTEXT_COLUMNS)
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}, count) VALUES ({', '.join(['%s'] * (len(columns) + 1))}) "
        f"ON CONFLICT ({', '.join(columns)}) DO UPDATE SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*key, sign * n) for key, n in cells.items()])


@transaction.atomic
def tally_rebuild(*, survey_id: int) -> int:
    """Recount every cell of one survey from its submitted answers, set-based; returns the cell count."""
    q = connection.ops.quote_name
    tally, answer, response, question = (
        q(m._meta.db_table) for m in (AnswerTally, Answer, Response, Question)
    )
    context = "r.area_type, r.lean, r.state, r.leader_type, r.source, COALESCE(r.event_id, 0)"
    columns = "question_id, bucket, area_type, lean, state, leader_type, source, event_id, count"
    base = (
        f"FROM {answer} a JOIN {response} r ON r.id = a.response_id "
        f"WHERE r.survey_id = %s AND r.submitted_at IS NOT NULL"
    )
    # Numbers go through Python's repr in the incremental path ("n3.0"); SQL's text may differ ("n3"),
    # which only splits a cell in two: readers parse the number and add the halves.
    choice_bucket = (
        "CASE WHEN a.number IS NULL THEN 'c' || CAST(a.choice_id AS TEXT) "
        "ELSE 'c' || CAST(a.choice_id AS TEXT) || 'r' || CAST(CAST(a.number AS INTEGER) AS TEXT) END"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {tally} WHERE question_id IN (SELECT id FROM {question} WHERE survey_id = %s)",
            [survey_id],
        )
        cursor.execute(
            f"INSERT INTO {tally} ({columns}) SELECT a.question_id, '', {context}, "
            f"COUNT(DISTINCT a.response_id) {base} GROUP BY a.question_id, {context}",
            [survey_id],
        )
        cursor.execute(
            f"INSERT INTO {tally} ({columns}) SELECT a.question_id, {choice_bucket}, {context}, COUNT(*) "
            f"{base} AND a.choice_id IS NOT NULL GROUP BY a.question_id, {choice_bucket}, {context}",
            [survey_id],
        )
        number_bucket = "'n' || CAST(a.number AS TEXT)"
        cursor.execute(
            f"INSERT INTO {tally} ({columns}) SELECT a.question_id, {number_bucket}, {context}, COUNT(*) "
            f"{base} AND a.choice_id IS NULL AND a.number IS NOT NULL "
            f"GROUP BY a.question_id, {number_bucket}, {context}",
            [survey_id],
        )
        cursor.execute(
            f"SELECT COUNT(*) FROM {tally} WHERE question_id IN (SELECT id FROM {question} WHERE survey_id = %s)",
            [survey_id],
        )
        return cursor.fetchone()[0]
