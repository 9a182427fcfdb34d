"""The home page in a real browser: it renders, works by keyboard on a phone, and passes axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actlocal.core.browser import axe_violations, browser_page
from actlocal.directory.models import PartnerGroup, Person
from actlocal.events.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    PartnerGroup.objects.create(name="Madison Rising", slug="madison-rising", state="WI", city="Madison")
    Person.objects.create(
        first_name="Ana", last_name="Ruiz", leader_type="faith", state="WI", name_visibility="public"
    )
    now = timezone.now()
    Event.objects.create(
        title="Madison follow-up",
        slug="madison-follow-up",
        status="published",
        state="WI",
        city="Madison",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=2),
    )
    return live_server.url


def test_the_home_page_renders_on_a_phone_and_passes_axe(site):
    with browser_page(width=360, height=780) as page:
        response = page.goto(site + "/")
        assert response.status == 200
        assert page.locator("h1").inner_text().startswith("Who should I work with")
        assert "Madison follow-up" in page.locator("main").inner_text()
        assert page.locator(".stats .figure").count() == 5
        # Nothing is wider than the phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        # The first Tab reaches the skip link; following it puts focus in the main landmark.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        assert axe_violations(page) == []


def test_the_leaders_page_filters_by_keyboard(site):
    with browser_page(width=360, height=780) as page:
        page.goto(site + "/leaders/")
        page.locator("#f-q").focus()
        page.keyboard.type("Ana")
        page.keyboard.press("Enter")
        page.wait_for_url("**/leaders/?q=Ana*")
        assert "Ana Ruiz" in page.locator(".results").inner_text()
        assert axe_violations(page) == []
