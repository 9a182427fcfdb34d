"""The results page: each question's n, shares and Wilson intervals, for builders only."""

import pytest

from actlocal.surveys.stats import wilson_interval
from actlocal.surveys.tests.conftest import ended_event

pytestmark = pytest.mark.django_db
URL = "/surveys/leaders-2026/results/"


def test_staff_see_each_question_with_n_shares_and_intervals(client, staff, answered):
    client.force_login(staff)

    page = client.get(URL).content.decode()

    assert page.count("<h1") == 1
    assert "12 responses" in page
    # priorities: 9 of 12 chose electing -> 75.0%, Wilson 46.8%..91.1%
    interval = wilson_interval(9, 12)
    assert "75.0%" in page
    assert f"{100 * interval.low:.1f}–{100 * interval.high:.1f}%" in page
    assert "n = 12" in page
    # hours: 1,3,5,7 in each area -> mean 4.0
    assert "Mean 4.0" in page
    # text answers are listed
    assert "need urban 2" in page


def test_the_findings_panel_states_the_headline_figures_with_margins(client, staff, answered):
    client.force_login(staff)

    page = client.get(URL).content.decode()

    electing = wilson_interval(9, 12)
    plan = wilson_interval(8, 9)
    assert f'75%</strong> <span class="margin">(±{100 * electing.half_width:.1f})' in page
    assert "name electing a priority" in page
    assert f'89%</strong> <span class="margin">(±{100 * plan.half_width:.1f})' in page
    assert "of those, are executing a plan" in page


def test_every_chart_has_a_table_of_the_same_numbers(client, staff, answered):
    client.force_login(staff)

    page = client.get(URL).content.decode()

    assert page.count('class="bar-chart"') <= page.count("<table")
    assert 'role="img"' in page
    assert "style=" not in page


def test_the_host_of_the_surveys_event_sees_the_results(client, host, answered):
    answered.event = ended_event(host)
    answered.save()
    client.force_login(host)

    assert client.get(URL).status_code == 200


def test_a_leader_who_only_answers_is_refused(client, leader, answered):
    client.force_login(leader)

    assert client.get(URL).status_code == 403


def test_the_public_is_sent_to_sign_in(client, answered):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_draft_survey_does_not_exist_for_outsiders(client, outsider, survey):
    survey.status = "draft"
    survey.save()
    client.force_login(outsider)

    assert client.get(URL).status_code == 404


def test_a_survey_without_answers_shows_empty_tables_not_an_error(client, staff, survey):
    client.force_login(staff)

    response = client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "0 responses" in page
    assert "No answers yet." in page


def test_rankings_show_the_average_place(client, staff, answered):
    client.force_login(staff)

    page = client.get(URL).content.decode()

    assert "Average rank (1 is first): People 1.0; Money 2.0" in page
