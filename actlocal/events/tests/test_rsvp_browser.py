"""The RSVP form in a real browser: by keyboard, through HTMX (no page load), and passing axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actlocal.core.browser import axe_violations, browser_page
from actlocal.events.models import Event, Rsvp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def event_url(live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    start = timezone.now() + timedelta(days=4)
    event = Event.objects.create(
        title="Madison follow-up",
        slug="madison-follow-up",
        status=Event.Status.PUBLISHED,
        state="WI",
        city="Madison",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        timezone="America/Chicago",
        capacity=10,
    )
    return live_server.url + event.get_absolute_url()


def test_rsvp_by_keyboard_swaps_in_the_result_and_passes_axe(event_url):
    with browser_page(width=360, height=780) as page:
        page.goto(event_url)
        assert axe_violations(page) == []
        page.locator("#id_first_name").focus()
        page.keyboard.type("Rosa")
        page.keyboard.press("Tab")
        page.keyboard.type("Parks")
        page.keyboard.press("Tab")
        page.keyboard.type("rosa@example.org")
        page.keyboard.press("Tab")
        page.keyboard.type("53703")
        page.keyboard.press("Enter")
        page.locator(".rsvp-result-confirmed").wait_for()
        assert page.url == event_url  # HTMX swapped the panel; no navigation
        assert "You're in!" in page.locator("#rsvp-panel").inner_text()
        assert axe_violations(page) == []
    assert Rsvp.objects.get().person.email == "rosa@example.org"


def test_errors_are_announced_and_typed_values_kept(event_url):
    with browser_page() as page:
        page.goto(event_url)
        page.fill("#id_first_name", "Rosa")
        page.fill("#id_email", "rosa@example.org")
        page.fill("#id_zip_code", "00000")
        page.locator(".rsvp-form button[type=submit]").click()
        page.locator(".rsvp-result-invalid").wait_for()
        assert "ZIP code 00000" in page.locator("#rsvp-panel").inner_text()
        assert page.input_value("#id_first_name") == "Rosa"
    assert not Rsvp.objects.exists()
