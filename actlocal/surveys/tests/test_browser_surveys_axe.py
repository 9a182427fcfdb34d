"""The survey-taking page and the results page in a real browser: axe-core finds no WCAG 2.1 AA
violation, skip logic shows the follow-up only when it applies, and the whole survey works by keyboard."""

import pytest

from actlocal.core.browser import axe_violations, browser_page
from actlocal.surveys.models import Response
from actlocal.surveys.tests.conftest import answer, make_survey
from conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, monkeypatch, counties):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return live_server.url


def test_taking_a_survey_by_keyboard_with_skip_logic_passes_axe(site):
    survey = make_survey()
    with browser_page(width=360, height=780) as page:
        page.goto(f"{site}/surveys/{survey.slug}/")
        assert axe_violations(page) == []
        plan = page.locator("#question-plan")
        assert plan.is_hidden()
        page.locator("#q-priorities-electing").focus()
        page.keyboard.press("Space")
        assert plan.is_visible()
        page.locator("#q-plan-yes").check()
        page.locator("#q-need").fill("x" * 300)
        page.locator("#q-zip").fill("53703")
        page.locator("button[value=submit]").click()
        # Too long: the error is announced, focused, and the page still passes axe.
        assert "Keep this answer to 200 characters" in page.locator("#errors").inner_text()
        assert page.evaluate("document.activeElement.id") == "errors"
        assert axe_violations(page) == []
        page.locator("#q-need").fill("Childcare")
        page.locator("button[value=submit]").click()
        page.wait_for_url("**/thanks/")
        assert page.locator("h1").inner_text() == "Thank you"
    saved = Response.objects.get()
    assert saved.area_type == "urban"
    assert saved.answers.filter(question__key="plan", choice__value="yes").exists()


def test_the_results_page_with_a_crosstab_passes_axe(site):
    survey = make_survey()
    for zip_code, electing in (("53703", True), ("59001", False), ("30301", True)):
        answer(survey, {"priorities": ["electing"] if electing else ["housing"], "plan": ["yes"] if electing else [],
                        "zip": [zip_code], "rating": ["4.0"], "hours": ["3.0"], "need": ["Help"]})  # fmt: skip
    make_user("stella@actlocal.test", name="Stella Staff", is_staff=True, is_member=True)
    question = survey.questions.get(key="priorities")
    with browser_page(width=1280, height=900) as page:
        page.goto(f"{site}/accounts/login/?next=/surveys/{survey.slug}/results/")
        page.locator("#id_login").fill("stella@actlocal.test")
        page.locator("#id_password").fill("correct-horse-battery")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/accounts/login" not in url)
        page.goto(f"{site}/surveys/{survey.slug}/results/?question={question.pk}&by=area_type")
        assert "name electing a priority" in page.locator(".findings").inner_text()
        assert page.locator("table.crosstab").count() == 1
        assert axe_violations(page) == []


def test_the_builder_and_the_needs_report_pass_axe(site):
    survey = make_survey(status="draft")
    make_user("stella@actlocal.test", name="Stella Staff", is_staff=True, is_member=True)
    with browser_page(width=1280, height=900) as page:
        page.goto(f"{site}/accounts/login/?next=/surveys/{survey.slug}/edit/")
        page.locator("#id_login").fill("stella@actlocal.test")
        page.locator("#id_password").fill("correct-horse-battery")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/accounts/login" not in url)
        assert page.locator("h1").inner_text().startswith("Build:")
        assert axe_violations(page) == []
        page.locator("#id_text").fill("Anything else?")
        page.locator("#id_kind").select_option("long_text")
        page.locator("#add-question ~ form button[type=submit]").click()
        page.wait_for_load_state()
        assert "Anything else?" in page.locator(".question-list").inner_text()
        page.goto(f"{site}/insights/needs/")
        assert axe_violations(page) == []
        page.goto(f"{site}/surveys/areas/")
        assert axe_violations(page) == []
