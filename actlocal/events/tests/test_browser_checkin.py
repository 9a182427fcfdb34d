"""Done when (issue 4, hosting): on a phone-sized screen and by keyboard only, a visitor RSVPs through the
event page's form; a host signs in, opens the check-in page, finds her by name and checks her in; axe-core
finds no WCAG 2.1 AA violation on the check-in page or the dashboard. Then the QR link from her
confirmation e-mail, opened by the host, shows her as already checked in."""

import re
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from actlocal.core.browser import axe_violations, browser_page
from actlocal.directory.models import Person
from actlocal.events.models import Rsvp
from actlocal.events.tests.event_factory import make_event
from conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def site(live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    host = make_user("hank@actlocal.test", name="Hank Host", is_member=True)
    event = make_event(
        hosts=[host],
        slug="madison-follow-up",
        capacity=30,
        starts_at=timezone.now() + timedelta(hours=2),
    )
    Rsvp.objects.create(event=event, person=Person.objects.create(first_name="Tom", last_name="Nguyen"))
    return live_server.url


@contextmanager
def phone():
    with browser_page(width=360, height=780) as page:
        yield page


def keyboard_fill(page, selector: str, text: str) -> None:
    page.locator(selector).focus()
    page.keyboard.type(text)


def test_rsvp_then_check_in_at_the_door_by_keyboard_on_a_phone(site):
    with phone() as page:
        # A visitor RSVPs on the event page: Tab from field to field, Enter submits.
        page.goto(site + "/events/madison-follow-up/")
        keyboard_fill(page, "#id_first_name", "Maria")
        page.keyboard.press("Tab")
        page.keyboard.type("Lopez")
        page.keyboard.press("Tab")
        page.keyboard.type("maria@example.org")
        page.keyboard.press("Tab")
        page.keyboard.type("53703")
        page.keyboard.press("Enter")
        page.locator(".rsvp-result-confirmed").wait_for()
        assert Rsvp.objects.get(person__email="maria@example.org").status == "confirmed"

        # The host signs in and opens the check-in page.
        page.goto(site + "/accounts/login/?next=/events/madison-follow-up/checkin/")
        keyboard_fill(page, "#id_login", "hank@actlocal.test")
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"^http://[^/]+/events/madison-follow-up/checkin/$"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert axe_violations(page) == []

        # Search as you type, then Tab past the Search button to her Check in button.
        assert "Tom Nguyen" in page.locator("#checkin-results").inner_text()
        keyboard_fill(page, "#checkin-q", "mar")
        page.locator("#checkin-results .name", has_text="Tom Nguyen").wait_for(state="detached")
        assert page.locator("#checkin-results .name").all_inner_texts() == ["Maria Lopez"]
        assert page.url.endswith("/checkin/?q=mar")  # the swap kept the address in step
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert "Check in" in page.evaluate("document.activeElement.textContent")
        page.keyboard.press("Enter")
        page.locator(".message", has_text="Maria Lopez is checked in.").wait_for()
        assert "Checked in at" in page.locator("#checkin-results").inner_text()
        assert Rsvp.objects.get(person__email="maria@example.org").checked_in_at is not None
        assert axe_violations(page) == []

        page.goto(site + "/events/madison-follow-up/host/")
        figures = page.locator(".stats .figure").all_inner_texts()
        assert figures[:4] == ["2", "0", "0", "1"]  # confirmed, waitlisted, cancelled, checked in
        assert axe_violations(page) == []

        # The code in her confirmation e-mail, scanned by the host, says she is already in.
        body = next(m.body for m in mail.outbox if "maria@example.org" in m.to)
        path = re.search(r"/events/checkin/[^/\s]+/", body).group(0)
        page.goto(site + path)
        assert "Maria Lopez" in page.locator("h1").inner_text()
        assert "Already checked in at" in page.locator("main").inner_text()
        assert axe_violations(page) == []


def test_the_attendee_sees_a_code_to_show_and_the_page_passes_axe(site):
    event_rsvp_url = site + "/events/madison-follow-up/"
    with phone() as page:
        page.goto(event_rsvp_url)
        keyboard_fill(page, "#id_first_name", "Tom")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.type("tom@example.org")
        page.keyboard.press("Enter")
        page.locator(".rsvp-result-confirmed").wait_for()
        body = next(m.body for m in mail.outbox if "tom@example.org" in m.to)
        page.goto(site + re.search(r"/events/checkin/[^/\s]+/", body).group(0))
        assert page.locator("h1").inner_text() == "Show this code to a host at the door"
        assert Rsvp.objects.get(person__email="tom@example.org").checked_in_at is None
        assert axe_violations(page) == []
