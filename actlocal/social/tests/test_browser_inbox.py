"""The inbox pages in a real browser: axe-core finds no WCAG 2.1 AA violation on the notifications inbox,
the messages inbox and a conversation, and a message can be written and sent with the keyboard alone."""

import pytest

from actlocal.core.browser import axe_violations, browser_page, sign_in_as
from actlocal.notifications.services import notify
from actlocal.social.models import Message
from actlocal.social.services import conversation_start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, monkeypatch, lena, gabe):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    conversation = conversation_start(
        sender=gabe.user, recipients=[lena], body="Can you share your canvass script?\nThanks!"
    )
    notify(
        recipients=[lena.user], kind="thread.reply", title="Gabe replied to “Canvass tips”", url="/network/"
    )
    return {"url": live_server.url, "conversation": conversation, "lena": lena, "gabe": gabe}


def test_the_inbox_pages_pass_axe(site):
    with browser_page() as page:
        sign_in_as(page, site["url"], site["lena"].user)
        for path in (
            "/notifications/",
            "/notifications/settings/",
            "/messages/",
            f"/messages/{site['conversation'].pk}/",
            "/connections/",
            "/people/suggested/",
            f"/connections/people/{site['gabe'].pk}/",
            f"/messages/new/?to={site['gabe'].pk}",
            f"/messages/{site['conversation'].pk}/{site['conversation'].messages.first().pk}/report/",
        ):
            page.goto(site["url"] + path)
            assert axe_violations(page) == [], path


def test_a_reply_is_written_and_sent_with_the_keyboard(site):
    with browser_page(width=360, height=780) as page:
        sign_in_as(page, site["url"], site["lena"].user)
        page.goto(f"{site['url']}/messages/{site['conversation'].pk}/")
        page.locator("#id_body").focus()
        page.keyboard.type("Here it is: knock, listen, ask.")
        page.keyboard.press("Tab")  # to the send button
        assert page.evaluate("document.activeElement.textContent.trim()") == "Send message"
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        page.get_by_text("Here it is: knock, listen, ask.").wait_for()
        assert axe_violations(page) == []
    assert Message.objects.filter(body="Here it is: knock, listen, ask.", sender=site["lena"].user).exists()
