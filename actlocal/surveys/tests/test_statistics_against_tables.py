"""The statistics module agrees with published tables: chi-square critical values and Wilson intervals."""

import math

import pytest

from actlocal.surveys.stats import chi2_sf, chi_square_test, regularized_upper_gamma, wilson_interval

# Critical values from the NIST/SEMATECH e-Handbook table of the chi-square distribution (upper tail).
CRITICAL_VALUES = [
    (1, 0.10, 2.706),
    (1, 0.05, 3.841),
    (1, 0.01, 6.635),
    (1, 0.001, 10.828),
    (2, 0.05, 5.991),
    (2, 0.01, 9.210),
    (3, 0.05, 7.815),
    (4, 0.05, 9.488),
    (5, 0.01, 15.086),
    (10, 0.05, 18.307),
    (10, 0.10, 15.987),
    (20, 0.05, 31.410),
    (30, 0.01, 50.892),
    (50, 0.05, 67.505),
    (100, 0.05, 124.342),
]


@pytest.mark.parametrize(("df", "p", "critical"), CRITICAL_VALUES)
def test_chi_square_p_values_match_the_published_critical_values(df, p, critical):
    assert chi2_sf(critical, df) == pytest.approx(p, rel=2e-3)


def test_chi_square_with_two_degrees_of_freedom_is_an_exponential():
    for x in (0.1, 1.0, 4.0, 17.5, 60.0):
        assert chi2_sf(x, 2) == pytest.approx(math.exp(-x / 2), rel=1e-12)


def test_the_upper_gamma_function_matches_closed_forms():
    # Q(1, x) = e^-x and Q(1/2, x) = erfc(sqrt(x)).
    for x in (0.01, 0.5, 2.0, 9.0):
        assert regularized_upper_gamma(1, x) == pytest.approx(math.exp(-x), rel=1e-12)
        assert regularized_upper_gamma(0.5, x) == pytest.approx(math.erfc(math.sqrt(x)), rel=1e-10)
    assert regularized_upper_gamma(3, 0) == 1.0


def test_a_textbook_two_by_two_table():
    # Agresti's example layout: statistic by hand = 7.5 (computed below), df 1.
    result = chi_square_test([[30, 10], [20, 20]])
    total, rows, cols = 80, [40, 40], [50, 30]
    expected = [[r * c / total for c in cols] for r in rows]
    by_hand = sum(
        (obs - expected[i][j]) ** 2 / expected[i][j]
        for i, row in enumerate([[30, 10], [20, 20]])
        for j, obs in enumerate(row)
    )
    assert result.statistic == pytest.approx(by_hand)
    assert result.df == 1
    assert result.p_value == pytest.approx(chi2_sf(by_hand, 1))
    assert result.significant()


def test_identical_rows_give_no_evidence_of_a_difference():
    result = chi_square_test([[73, 27], [146, 54], [219, 81]])
    assert result.statistic == pytest.approx(0, abs=1e-12)
    assert result.p_value == pytest.approx(1.0)
    assert not result.significant()


def test_empty_rows_and_columns_are_dropped_and_a_single_row_is_no_test():
    assert chi_square_test([[5, 0], [0, 0]]) is None
    assert chi_square_test([[4, 0, 3], [2, 0, 9]]).df == 1
    assert chi_square_test([[1, 2], [3, 1]]).small_expected


def test_wilson_interval_matches_published_examples():
    # Newcombe (1998), Statistics in Medicine 17:857, table I: 81/263 -> 0.2553 to 0.3662.
    interval = wilson_interval(81, 263)
    assert interval.low == pytest.approx(0.2553, abs=1e-4)
    assert interval.high == pytest.approx(0.3662, abs=1e-4)
    # Newcombe table I: 15/148 -> 0.0624 to 0.1605.
    interval = wilson_interval(15, 148)
    assert interval.low == pytest.approx(0.0624, abs=1e-4)
    assert interval.high == pytest.approx(0.1605, abs=1e-4)


def test_wilson_interval_stays_inside_zero_and_one_at_the_edges():
    # Newcombe table I: 0/20 -> 0 to 0.1611; 20/20 is its mirror.
    assert wilson_interval(0, 20).low == 0
    assert wilson_interval(0, 20).high == pytest.approx(0.1611, abs=1e-4)
    assert wilson_interval(20, 20).high == 1
    assert wilson_interval(20, 20).low == pytest.approx(1 - 0.1611, abs=1e-4)
    assert wilson_interval(0, 0).half_width == 0
    with pytest.raises(ValueError):
        wilson_interval(5, 4)
