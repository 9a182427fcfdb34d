# ruff: noqa: S608 -- SQL assembled from our own table and column names; values go in as %s parameters
"""Where analysis gets its counts: the tallies when it can, the raw answers when it must.

Both paths return the same shape, ``Counts``: respondents per group (who answered the question) and
answer rows per (bucket, group). Filters and "by" dimensions on the response's area context read the
tallies; a filter on another question's answer, or a crosstab by another question, reads the raw rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Sum

from actlocal.surveys.models import Answer, AnswerTally, Choice, Question, Response

CONTEXT_DIMENSIONS = ("area_type", "lean", "state", "leader_type", "source", "event")
# Bucket keys: ("c", choice id), ("r", choice id, rank), ("n", number).
BucketKey = tuple


@dataclass(frozen=True)
class Filters:
    """The analysis page's filters, already validated; empty strings and None mean "all"."""

    area_type: str = ""
    lean: str = ""
    state: str = ""
    leader_type: str = ""
    source: str = ""
    event: int | None = None
    # Only respondents who chose this choice (of another question).
    answered_choice: int | None = None

    def context_items(self) -> list[tuple[str, object]]:
        return [
            (dim, getattr(self, dim)) for dim in CONTEXT_DIMENSIONS if getattr(self, dim) not in ("", None)
        ]

    @property
    def is_empty(self) -> bool:
        return not self.context_items() and self.answered_choice is None


@dataclass
class Counts:
    respondents: dict[object, int] = field(default_factory=dict)
    buckets: dict[tuple[BucketKey, object], int] = field(default_factory=lambda: defaultdict(int))

    def total(self) -> int:
        return sum(self.respondents.values())

    def bucket_total(self, key: BucketKey) -> int:
        return sum(n for (bucket, _group), n in self.buckets.items() if bucket == key)


def parse_bucket(bucket: str) -> BucketKey:
    if bucket.startswith("c"):
        choice, _, rank = bucket[1:].partition("r")
        return ("r", int(choice), int(rank)) if rank else ("c", int(choice))
    return ("n", float(bucket[1:]))


def question_counts(question: Question, *, filters: Filters, by: str | Question | None = None) -> Counts:
    """Counts for ``question``, grouped by a context dimension, another question, or nothing (None)."""
    if filters.answered_choice is None and not isinstance(by, Question):
        return _tally_counts(question, filters=filters, by=by)
    return _raw_counts(question, filters=filters, by=by)


def _tally_counts(question: Question, *, filters: Filters, by: str | None) -> Counts:
    column = {"event": "event_id"}.get(by, by) if by else None
    qs = AnswerTally.objects.filter(question_id=question.pk)
    for dim, value in filters.context_items():
        qs = qs.filter(**{"event_id" if dim == "event" else dim: value})
    names = ["bucket", column] if column else ["bucket"]
    counts = Counts()
    for row in qs.values_list(*names).annotate(n=Sum("count")).order_by():
        bucket, group, n = (row[0], row[1], row[2]) if column else (row[0], None, row[1])
        if column == "event_id":
            group = group or None
        if not n:
            continue
        if bucket == "":
            counts.respondents[group] = counts.respondents.get(group, 0) + n
        else:
            counts.buckets[(parse_bucket(bucket), group)] += n
    return counts


def _bucket(choice_id, number) -> BucketKey | None:
    if choice_id is not None:
        return ("c", choice_id) if number is None else ("r", choice_id, int(number))
    if number is not None:
        return ("n", float(number))
    return None


def _answers_sql(question: Question, filters: Filters, *, by_context: str | None) -> tuple[str, list]:
    """``FROM ... WHERE ...`` for the question's answers under the filters, SQL shaped for SQLite's
    planner: an answer filter is ``IN (...)`` on the (question, choice) index.

    Answer rows exist only for submitted responses (drafts live in ``Response.draft``), so no join to
    the response is needed unless a filter or the grouping is on its area context.
    """
    q = connection.ops.quote_name
    answer, response = q(Answer._meta.db_table), q(Response._meta.db_table)
    joins, where, params = [], ["a.question_id = %s"], [question.pk]
    context = filters.context_items()
    if context or by_context:
        joins.append(f"JOIN {response} r ON r.id = a.response_id")
    for dim, value in context:
        where.append(f"r.{'event_id' if dim == 'event' else dim} = %s")
        params.append(value)
    if filters.answered_choice is not None:
        choice = (
            Choice.objects.filter(pk=filters.answered_choice).values_list("question_id", flat=True).first()
        )
        where.append(
            f"a.response_id IN (SELECT response_id FROM {answer} WHERE question_id = %s AND choice_id = %s)"
        )
        params += [choice or 0, filters.answered_choice]
    return f"FROM {answer} a {' '.join(joins)} WHERE {' AND '.join(where)}", params


def _raw_counts(question: Question, *, filters: Filters, by: str | Question | None) -> Counts:
    """The answers themselves, grouped in SQL by a context column or by another question's answer.

    By another question, the answers join each other on ``response_id`` (its index); a respondent who
    chose two of the other question's options counts in both columns. (Matching the two questions'
    answers in Python instead measured no faster at a million responses, so the simpler SQL stays.)
    """
    answer = connection.ops.quote_name(Answer._meta.db_table)
    if isinstance(by, Question):
        group = "b.choice_id"
        base, params = _answers_sql(question, filters, by_context=None)
        base = base.replace(
            " WHERE ", f" JOIN {answer} b ON b.response_id = a.response_id AND b.question_id = %s WHERE ", 1
        )
        params = [by.pk, *params]
    else:
        group = f"r.{'event_id' if by == 'event' else by}" if by else None
        base, params = _answers_sql(question, filters, by_context=group)
    # PostgreSQL refuses GROUP BY NULL: without a grouping the key column is a constant, not grouped on.
    key, grouped = (group, f"{group}, ") if group else ("NULL", "")
    counts = Counts()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {key}, COUNT(DISTINCT a.response_id) {base}" + (f" GROUP BY {group}" if group else ""),
            params,
        )
        for value, n in cursor.fetchall():
            if n:
                counts.respondents[value] = n
        cursor.execute(
            f"SELECT {key}, a.choice_id, a.number, COUNT(*) {base} GROUP BY {grouped}a.choice_id, a.number",
            params,
        )
        for value, choice_id, number, n in cursor.fetchall():
            bucket = _bucket(choice_id, number)
            if bucket:
                counts.buckets[(bucket, value)] += n
    return counts
