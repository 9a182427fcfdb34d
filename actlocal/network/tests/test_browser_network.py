"""Done when (issue 5, forum): axe-core finds no WCAG 2.1 AA violation on the space list, a space and a
thread page; a leader asks, another answers and the first accepts the answer, by keyboard only."""

from __future__ import annotations

import re

import pytest

from actlocal.core.browser import axe_violations, browser_page
from actlocal.network import services
from actlocal.network.models import Space, Thread
from conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def site(live_server, monkeypatch, settings, tmp_path):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.NETWORK_ATTACHMENT_ROOT = tmp_path
    return live_server.url


def sign_in(page, site, email, next_url):
    page.context.clear_cookies()
    page.goto(f"{site}/accounts/login/?next={next_url}")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def tab_to(page, selector: str, *, limit: int = 120) -> None:
    """Press Tab until the focused element matches ``selector``: proves it is reachable by keyboard."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


@pytest.fixture
def people_and_space(db):
    lena = make_user("lena@actlocal.test", name="Lena Leader", is_member=True)
    marco = make_user("marco@actlocal.test", name="Marco Ruiz", is_member=True)
    space = Space.objects.create(
        name="Troubleshooting", slug="troubleshooting", access=Space.Access.MEMBERS,
        description="Stuck? Ask leaders who have faced the same problem.",
    )  # fmt: skip
    Space.objects.create(name="Wisconsin", slug="state-wi", kind=Space.Kind.STATE)
    return lena, marco, space


def test_space_list_space_and_thread_pages_pass_axe(site, people_and_space):
    lena, marco, space = people_and_space
    thread = services.thread_create(
        author=lena,
        space=space,
        kind="question",
        title="Venue fell through",
        body="**Help**: what now?",
        tags="venues",
    )
    reply = services.reply_create(author=marco, thread=thread, body="Try the *library*. @lena.leader")
    services.reply_create(author=lena, thread=thread, body="Thanks!")
    services.thread_solve(actor=lena, thread=thread, reply=reply)
    with browser_page() as page:
        sign_in(page, site, lena.email, "/network/")
        for path in ("/network/", space.get_absolute_url(), thread.get_absolute_url(), f"/network/{space.slug}/new/",
                     "/network/search/?q=venue"):  # fmt: skip
            page.goto(site + path)
            assert axe_violations(page) == [], path
    staff = make_user("stella@actlocal.test", name="Stella Staff", is_staff=True, is_member=True)
    services.report_create(reporter=marco, thread=thread, reply=reply, reason="Off topic")
    with browser_page() as page:
        sign_in(page, site, staff.email, "/network/moderation/")
        for path in ("/network/moderation/", f"/network/{space.slug}/settings/", thread.get_absolute_url(),
                     f"/network/{space.slug}/{thread.pk}/report/?reply={reply.pk}", f"/network/moderation/members/{marco.pk}/"):  # fmt: skip
            page.goto(site + path)
            assert axe_violations(page) == [], path
    with browser_page(width=360, height=780) as page:
        sign_in(page, site, marco.email, thread.get_absolute_url())
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_asking_answering_and_accepting_by_keyboard(site, people_and_space):
    lena, marco, space = people_and_space
    with browser_page() as page:
        sign_in(page, site, lena.email, space.get_absolute_url())
        tab_to(page, "a.button[href$='/new/']")
        page.keyboard.press("Enter")
        page.wait_for_url("**/new/")
        tab_to(page, "input[name=kind]")
        page.keyboard.press("ArrowDown")  # Discussion -> Question
        tab_to(page, "#id_title")
        page.keyboard.type("Our venue cancelled: what do we do?")
        tab_to(page, "#id_body")
        page.keyboard.type("Forty people are coming on Saturday.")
        tab_to(page, "button[type=submit]")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/troubleshooting/\d+/$"))
        thread = Thread.objects.get()
        assert thread.kind == "question"

        sign_in(page, site, marco.email, thread.get_absolute_url())
        tab_to(page, "#id_body")
        page.keyboard.type("Public libraries lend rooms for free.")
        tab_to(page, "form[action$='/reply/'] button[type=submit]")
        page.keyboard.press("Enter")
        page.get_by_text("Your reply was posted.").wait_for()

        sign_in(page, site, lena.email, thread.get_absolute_url())
        tab_to(page, "form[action$='/solve/'] button")
        page.keyboard.press("Enter")
        page.get_by_text("Marked solved").wait_for()
        thread.refresh_from_db()
        assert thread.solved_at is not None and thread.accepted_reply.author == marco
        assert axe_violations(page) == []
