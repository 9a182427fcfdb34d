"""Distributions and crosstabs of one question, with their intervals and tests, ready for a template."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from actlocal.surveys.analysis.counts import Counts, Filters, question_counts
from actlocal.surveys.analysis.dimensions import Dimension
from actlocal.surveys.models import Question
from actlocal.surveys.stats import ChiSquare, Interval, chi_square_test, wilson_interval


@dataclass
class Share:
    count: int
    n: int
    interval: Interval

    @property
    def percent(self) -> float:
        return 100 * self.count / self.n if self.n else 0.0

    @property
    def margin(self) -> float:
        """The "±" in percentage points."""
        return 100 * self.interval.half_width

    @property
    def low(self) -> float:
        return 100 * self.interval.low

    @property
    def high(self) -> float:
        return 100 * self.interval.high


def share(count: int, n: int) -> Share:
    return Share(count=count, n=n, interval=wilson_interval(min(count, n), n))


@dataclass
class Row:
    key: object
    label: str
    share: Share


@dataclass
class NumberSummary:
    n: int
    mean: float
    median: float
    low: float
    high: float
    # 95% interval of the mean, normal approximation.
    margin: float


@dataclass
class Distribution:
    question: Question
    n: int
    rows: list[Row] = field(default_factory=list)
    numbers: NumberSummary | None = None
    mean_ranks: list[tuple[str, float]] = field(default_factory=list)


def choice_labels(question: Question) -> list[tuple[int, str]]:
    language = get_language() or "en"
    return [(c.pk, c.localized_label(language)) for c in question.choices.all()]


def _rows(question: Question, counts: Counts, group, n: int) -> list[Row]:
    """One row per choice (choice questions), per scale point (scales), or per first place (rankings)."""

    def count(key):
        return counts.buckets.get((key, group), 0)

    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        return [Row(pk, label, share(count(("c", pk)), n)) for pk, label in choice_labels(question)]
    if question.kind == Question.Kind.RANKING:
        return [Row(pk, label, share(count(("r", pk, 1)), n)) for pk, label in choice_labels(question)]
    if question.kind == Question.Kind.SCALE:
        low = question.scale_min if question.scale_min is not None else 1
        high = question.scale_max if question.scale_max is not None else 5
        return [Row(v, str(v), share(count(("n", float(v))), n)) for v in range(low, high + 1)]
    return []


def _number_summary(counts: Counts) -> NumberSummary | None:
    values: dict[float, int] = {}
    for (key, _group), n in counts.buckets.items():
        if key[0] == "n":
            values[key[1]] = values.get(key[1], 0) + n
    total = sum(values.values())
    if not total:
        return None
    mean = sum(v * n for v, n in values.items()) / total
    variance = sum(n * (v - mean) ** 2 for v, n in values.items()) / max(1, total - 1)
    ordered = sorted(values.items())
    seen, median_rank, median = 0, (total + 1) / 2, ordered[0][0]
    for value, n in ordered:
        seen += n
        if seen >= median_rank:
            median = value
            break
    return NumberSummary(
        n=total,
        mean=mean,
        median=median,
        low=ordered[0][0],
        high=ordered[-1][0],
        margin=1.959963984540054 * math.sqrt(variance / total),
    )


def distribution(question: Question, *, filters: Filters) -> Distribution:
    """How respondents answered: n, and per option its count, share of n and Wilson 95% interval."""
    counts = question_counts(question, filters=filters)
    n = counts.total()
    result = Distribution(question=question, n=n, rows=_rows(question, counts, None, n))
    if question.kind in (Question.Kind.NUMBER, Question.Kind.SCALE):
        result.numbers = _number_summary(counts)
    if question.kind == Question.Kind.RANKING:
        for pk, label in choice_labels(question):
            ranks = [(k[2], c) for (k, _g), c in counts.buckets.items() if k[0] == "r" and k[1] == pk]
            placed = sum(c for _r, c in ranks)
            if placed:
                result.mean_ranks.append((label, sum(r * c for r, c in ranks) / placed))
        result.mean_ranks.sort(key=lambda item: item[1])
    return result


@dataclass
class CrosstabColumn:
    key: object
    label: str
    n: int


@dataclass
class CrosstabRow:
    key: object
    label: str
    cells: list[Share]
    overall: Share
    # Multiple choice: each option is tested on its own (chose it or not, by group).
    test: ChiSquare | None = None
    reading: str = ""


@dataclass
class Crosstab:
    question: Question
    by: Dimension
    columns: list[CrosstabColumn]
    rows: list[CrosstabRow]
    n: int
    test: ChiSquare | None = None
    reading: str = ""
    # A respondent may fall in two columns (crosstab by a multiple-choice question): no test then.
    overlapping: bool = False
    means: list[float | None] = field(default_factory=list)


def format_p(p_value: float) -> str:
    if p_value < 0.001:
        return _("p < 0.001")
    return _("p = %(p)s") % {"p": f"{p_value:.2f}" if p_value >= 0.01 else f"{p_value:.3f}"}


def reading(test: ChiSquare | None, by_label: str) -> str:
    """The plain-words sentence under a test: "no significant difference by area type, p = 0.41"."""
    if test is None:
        return _("Not enough answers in two or more groups to test for a difference.")
    p = format_p(test.p_value)
    if test.significant():
        text = _("significant difference by %(dimension)s, %(p)s") % {"dimension": by_label, "p": p}
    else:
        text = _("no significant difference by %(dimension)s, %(p)s") % {"dimension": by_label, "p": p}
    if test.small_expected:
        text += " " + _("(some groups are small, so read this with care)")
    return text


def crosstab(question: Question, *, by: Dimension, filters: Filters) -> Crosstab:
    """The question's answers in columns of ``by``: each cell a share of that column's respondents."""
    counts = question_counts(question, filters=filters, by=by.group_by)
    columns = [
        CrosstabColumn(key=key, label=label, n=counts.respondents.get(key, 0))
        for key, label in by.columns(present=set(counts.respondents))
    ]
    n = sum(c.n for c in columns)
    overall = question_counts(question, filters=filters) if by.overlapping else None
    total_n = overall.total() if overall else n
    rows: list[CrosstabRow] = []
    for template in _rows(question, counts, None, 0):
        key = ("c", template.key) if question.kind != Question.Kind.SCALE else ("n", float(template.key))
        if question.kind == Question.Kind.RANKING:
            key = ("r", template.key, 1)
        cells = [share(counts.buckets.get((key, col.key), 0), col.n) for col in columns]
        total = overall.bucket_total(key) if overall else sum(c.count for c in cells)
        rows.append(
            CrosstabRow(key=template.key, label=template.label, cells=cells, overall=share(total, total_n))
        )
    result = Crosstab(
        question=question, by=by, columns=columns, rows=rows, n=total_n, overlapping=by.overlapping
    )
    if by.overlapping or not rows:
        result.reading = _("Respondents can fall in more than one column here, so no test is made.")
    elif question.kind == Question.Kind.MULTIPLE:
        for row in rows:
            row.test = chi_square_test([[c.count for c in row.cells], [c.n - c.count for c in row.cells]])
            row.reading = reading(row.test, by.label)
    else:
        result.test = chi_square_test([[c.count for c in row.cells] for row in rows])
        result.reading = reading(result.test, by.label)
    if question.kind == Question.Kind.NUMBER:
        for col in columns:
            own = Counts(buckets={(k, g): v for (k, g), v in counts.buckets.items() if g == col.key})
            summary = _number_summary(own)
            result.means.append(summary.mean if summary else None)
    return result
