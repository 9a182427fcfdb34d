"""Crosstabs by area type, lean, state or another question, with a chi-square reading; and filters."""

import pytest

from actlocal.surveys.stats import chi_square_test

pytestmark = pytest.mark.django_db
URL = "/surveys/leaders-2026/results/"


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_a_crosstab_by_area_type_has_a_column_per_area_and_a_plain_reading(staff_client, answered):
    question = answered.questions.get(key="priorities")

    page = staff_client.get(URL, {"question": question.pk, "by": "area_type"}).content.decode()

    assert "Your priorities?, by area type" in page
    for label in ("Rural", "Suburban", "Urban"):
        assert f'{label} <span class="meta">n = 4</span>' in page
    # electing: 3 of 4 everywhere -> identical rows -> p = 1
    assert "no significant difference by area type, p = 1.00" in page


def test_the_findings_hold_by_area_type_and_by_lean(staff_client, answered):
    page = staff_client.get(URL).content.decode()

    assert "name electing a priority: by area type" in page
    assert "name electing a priority: by partisan lean" in page
    assert page.count('75.0% <span class="meta">(±') >= 6


def test_a_single_choice_crosstab_gets_one_test_with_its_statistic(staff_client, answered):
    plan = answered.questions.get(key="plan")

    page = staff_client.get(URL, {"question": plan.pk, "by": "lean"}).content.decode()

    # yes/no by lean: red 2/1, purple 3/0, blue 3/0
    expected = chi_square_test([[2, 3, 3], [1, 0, 0]])
    assert f"χ² = {expected.statistic:.2f}, df = 2" in page
    assert "some groups are small" in page


def test_a_crosstab_by_another_question(staff_client, answered):
    rating = answered.questions.get(key="rating")
    plan = answered.questions.get(key="plan")

    page = staff_client.get(URL, {"question": rating.pk, "by": f"q{plan.pk}"}).content.decode()

    assert "How useful?, by the answer to “Executing a plan?”" in page
    assert 'Yes <span class="meta">n = 8</span>' in page


def test_filters_narrow_every_figure(staff_client, answered):
    page = staff_client.get(URL, {"area_type": "rural"}).content.decode()

    assert "n = 4" in page
    assert "n = 12" not in page


def test_a_filter_by_an_answer_to_another_question(staff_client, answered):
    climate = answered.questions.get(key="priorities").choices.get(value="climate")

    page = staff_client.get(URL, {"answered": climate.pk}).content.decode()

    # Only the three "climate" respondents: none chose electing.
    assert "0%</strong>" in page


def test_tampered_filters_and_crosstab_names_get_a_message_not_an_error(staff_client, answered):
    response = staff_client.get(URL, {"area_type": "moon", "answered": "999999", "question": "x", "by": "q0"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Some filters were not understood" in page
    assert "Select a valid choice" in page
    assert "n = 12" in page
