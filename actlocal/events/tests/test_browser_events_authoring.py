"""Done when (issue 4, events): a host creates and publishes an event; its page on a 360 px phone passes
axe-core (WCAG 2.1 AA) and fits the screen; a leader votes for an agenda topic by keyboard only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actlocal.core.browser import axe_violations, browser_page
from actlocal.events.models import AgendaTopic, AgendaVote, Event
from actlocal.events.tests.event_factory import make_event
from conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def site(live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return live_server.url


def sign_in(page, site, email, next_url):
    page.goto(f"{site}/accounts/login/?next={next_url}")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.keyboard.press("Enter")
    # Not a glob on next_url: the login page's own URL ends with it too.
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def test_create_publish_and_the_page_passes_axe_on_a_phone(site):
    make_user("lena@actlocal.test", name="Lena Leader", is_member=True)
    day = (timezone.now() + timedelta(days=12)).date()
    # Another group's follow-up in Middleton the day before: her page flags it (work together, not twice).
    other = make_user("olga@actlocal.test", name="Olga Other", is_member=True)
    theirs = make_event(
        hosts=[other], title="Middleton follow-up", zip_code="53562", city="Middleton", lat=43.1006, lng=-89.5188,
        starts_at=timezone.now() + timedelta(days=11),
    )  # fmt: skip
    with browser_page(width=360, height=780) as page:
        sign_in(page, site, "lena@actlocal.test", "/events/new/")
        assert axe_violations(page) == []
        page.locator("#id_title").fill("Madison follow-up gathering")
        page.locator("#id_description").fill("What we heard in November, and what comes next.")
        page.locator("#id_kind").select_option("follow_up")
        page.locator("#id_venue_name").fill("Goodman Community Center")
        page.locator("#id_street_address").fill("149 Waubesa St")
        page.locator("#id_zip").fill("53703")
        page.locator("#id_starts_at").fill(f"{day:%Y-%m-%d}T18:00")
        page.locator("#id_ends_at").fill(f"{day:%Y-%m-%d}T20:00")
        page.locator("#id_capacity").fill("40")
        page.locator("#id_accessibility_notes").fill("Wheelchair accessible; ASL on request.")
        page.get_by_role("button", name="Save draft").click()
        page.get_by_role("button", name="Publish").click()
        page.get_by_text("Published: the event is now listed.").wait_for()
        notice = page.get_by_role("complementary", name="Others are organizing something like this nearby")
        assert notice.get_by_role("link", name=theirs.title).is_visible()
        event = Event.objects.exclude(pk=theirs.pk).get()
        assert event.status == "published"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert axe_violations(page) == []
        # And as the public sees it.
        page.context.clear_cookies()
        page.goto(site + event.get_absolute_url())
        assert "149 Waubesa" not in page.locator("main").inner_text()
        assert "Middleton follow-up" not in page.locator("main").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert axe_violations(page) == []


def test_a_leader_votes_for_a_topic_by_keyboard(site):
    staff = make_user("stella@actlocal.test", name="Stella Staff", is_staff=True, is_member=True)
    leader = make_user("lena@actlocal.test", name="Lena Leader", is_member=True)
    event = make_event(
        title="Madison convening",
        kind="convening",
        slug="madison-convening",
        hosts=[staff],
        agenda_open=True,
        agenda_closes_at=timezone.now() + timedelta(days=3),
    )
    topic = AgendaTopic.objects.create(event=event, title="Housing", proposed_by=staff)
    with browser_page(width=360, height=780) as page:
        sign_in(page, site, leader.email, event.get_absolute_url())
        button = page.get_by_role("button", name="Vote for “Housing”")
        # Reach the button with Tab from the topic proposal's predecessor: focus the heading region first.
        page.locator("#agenda-title").evaluate("el => { el.tabIndex = -1; el.focus(); }")
        for _ in range(20):
            page.keyboard.press("Tab")
            if button.evaluate("el => el === document.activeElement"):
                break
        assert button.evaluate("el => el === document.activeElement")
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Withdraw my vote for “Housing”").wait_for()
        assert AgendaVote.objects.filter(topic=topic, user=leader).count() == 1
        assert "1 vote" in page.locator("#agenda").inner_text()
        assert axe_violations(page) == []
