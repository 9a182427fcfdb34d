"""Find, in a real browser on a phone-sized screen, by keyboard alone; axe-core finds nothing to fix."""

import pytest

from actlocal.core.browser import axe_violations, browser_page
from actlocal.search.tests.helpers import make_group, make_leader, make_resource, topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    voting = topic("Voting rights")
    make_leader("Ana", "Ruiz", zip_code="53703", leader_type="faith", topics=[voting])
    make_leader("Bo", "Chen", zip_code="53590", leader_type="faith", topics=[voting])  # ~12 miles
    make_leader("Cy", "Dunn", zip_code="53703", leader_type="community", topics=[voting])
    make_leader("Di", "Evans", zip_code="53202", leader_type="faith", topics=[voting])  # ~75 miles
    make_leader("Ed", "Fox", zip_code="53703", leader_type="faith", topics=[topic("Housing")])
    make_group("Columbus Rising", zip_code="43215", mission="Fair maps for Ohio.")
    make_group("Madison Rising", zip_code="53703")
    make_resource("Canvass kit", summary="Knock doors safely.")
    return live_server.url


def tab_to(page, element_id: str, *, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def results(page) -> list[str]:
    return page.locator(".results h3").all_inner_texts()


def test_a_visitor_finds_faith_leaders_near_53703_on_voting_rights_by_keyboard(site):
    with browser_page(width=360, height=780) as page:
        page.goto(site + "/leaders/")
        tab_to(page, "f-q")
        page.keyboard.type("voting rights")
        tab_to(page, "f-near")
        page.keyboard.type("53703")
        page.keyboard.press("Enter")  # within defaults to 25 miles
        page.wait_for_url("**near=53703**")
        assert results(page) == ["Cy Dunn", "Ana Ruiz", "Bo Chen"]  # ties at one ZIP go by name
        tab_to(page, "f-type")
        page.keyboard.type("Faith")  # picks "Faith leader (2)"
        tab_to(page, "f-apply")  # selects never submit by themselves (WCAG 3.2.2)
        page.keyboard.press("Enter")
        page.wait_for_url("**type=faith**")
        assert results(page) == ["Ana Ruiz", "Bo Chen"]
        assert "q=voting+rights" in page.url and "within=25" in page.url
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        # The first result is a link a keyboard reaches and follows.
        tab_to(page, "f-apply")
        page.keyboard.press("Tab")  # "Clear all filters"
        page.keyboard.press("Tab")  # the first result
        page.keyboard.press("Enter")
        page.wait_for_url("**/leaders/*/")
        assert "Ana Ruiz" in page.locator("h1").inner_text()


def test_a_visitor_finds_a_group_in_ohio_by_keyboard(site):
    with browser_page(width=360, height=780) as page:
        page.goto(site + "/groups/")
        tab_to(page, "f-state")
        page.keyboard.type("Ohio")
        tab_to(page, "f-apply")
        page.keyboard.press("Enter")
        page.wait_for_url("**state=OH**")
        assert results(page) == ["Columbus Rising"]
        assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("path", ["/leaders/", "/groups/", "/resources/", "/search/?q=rising"])
def test_the_lists_pass_axe_on_a_phone(site, path):
    with browser_page(width=360, height=780) as page:
        assert page.goto(site + path).status == 200
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
