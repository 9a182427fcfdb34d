"""The statistics the analysis pages print: Wilson intervals and Pearson's chi-square test.

Written out here because scipy is not a dependency; each function is tested against tabulated values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    @property
    def half_width(self) -> float:
        """The "±" printed beside a share: half the interval's width (Wilson is not symmetric)."""
        return (self.high - self.low) / 2


def wilson_interval(successes: int, n: int, *, z: float = Z_95) -> Interval:
    """The Wilson score interval for a proportion; stays inside [0, 1] and behaves at 0 and n."""
    if n <= 0:
        return Interval(0.0, 0.0)
    if not 0 <= successes <= n:
        raise ValueError("successes must be between 0 and n")
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    margin = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return Interval(max(0.0, centre - margin), min(1.0, centre + margin))


def _lower_gamma_series(a: float, x: float) -> float:
    """P(a, x) by its power series; converges fast for x < a + 1."""
    term = total = 1.0 / a
    ap = a
    for _ in range(10_000):
        ap += 1
        term *= x / ap
        total += term
        if abs(term) < abs(total) * 1e-15:
            break
    return total * math.exp(-x + a * math.log(x) - math.lgamma(a))


def _upper_gamma_fraction(a: float, x: float) -> float:
    """Q(a, x) by its continued fraction (modified Lentz); converges fast for x >= a + 1."""
    tiny = 1e-300
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return math.exp(-x + a * math.log(x) - math.lgamma(a)) * h


def regularized_upper_gamma(a: float, x: float) -> float:
    """Q(a, x) = Γ(a, x) / Γ(a), the regularised upper incomplete gamma function."""
    if a <= 0:
        raise ValueError("a must be positive")
    if x <= 0:
        return 1.0
    if x < a + 1:
        return max(0.0, 1.0 - _lower_gamma_series(a, x))
    return min(1.0, _upper_gamma_fraction(a, x))


def chi2_sf(statistic: float, df: int) -> float:
    """P(X >= statistic) for X ~ chi-square with ``df`` degrees of freedom: the test's p-value."""
    if df <= 0:
        raise ValueError("df must be positive")
    return regularized_upper_gamma(df / 2, statistic / 2)


@dataclass(frozen=True)
class ChiSquare:
    statistic: float
    df: int
    p_value: float
    # Pearson's approximation is poor when an expected count is under 5; the page says so.
    small_expected: bool

    def significant(self, alpha: float = 0.05) -> bool:
        return self.p_value < alpha


def chi_square_test(table: list[list[int]]) -> ChiSquare | None:
    """Pearson's test of independence on an r×c table of counts; None if fewer than 2×2 non-empty."""
    rows = [row for row in table if sum(row) > 0]
    if len(rows) < 2:
        return None
    columns = [j for j in range(len(rows[0])) if sum(row[j] for row in rows) > 0]
    if len(columns) < 2:
        return None
    rows = [[row[j] for j in columns] for row in rows]
    total = sum(map(sum, rows))
    row_sums = [sum(row) for row in rows]
    col_sums = [sum(row[j] for row in rows) for j in range(len(columns))]
    statistic = 0.0
    small = False
    for i, row in enumerate(rows):
        for j, observed in enumerate(row):
            expected = row_sums[i] * col_sums[j] / total
            small = small or expected < 5
            statistic += (observed - expected) ** 2 / expected
    df = (len(rows) - 1) * (len(columns) - 1)
    return ChiSquare(statistic=statistic, df=df, p_value=chi2_sf(statistic, df), small_expected=small)
