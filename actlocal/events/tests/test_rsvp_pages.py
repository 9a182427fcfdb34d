"""RSVP through the event page, and cancelling through the link in the e-mail."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from actlocal.events.models import Event, Rsvp
from actlocal.events.outbox import rsvp_emails_send
from actlocal.events.services.rsvp import rsvp_create
from actlocal.events.tests.event_factory import make_event as shared_make_event
from actlocal.events.tokens import cancel_token, read_cancel_token

pytestmark = pytest.mark.django_db(transaction=True)


def make_event(**kwargs) -> Event:
    return shared_make_event(
        **{
            "title": "Madison convening",
            "slug": "madison-convening",
            "capacity": 1,
            "starts_at": timezone.now() + timedelta(days=5),
            **kwargs,
        }
    )


FORM = {"first_name": "Rosa", "last_name": "Parks", "email": "rosa@example.org", "zip_code": "53703"}


def post_rsvp(client, event, data=None, **extra):
    return client.post(reverse("events:rsvp", args=[event.slug]), data or FORM, **extra)


def test_anonymous_visitor_sees_the_form_but_not_the_street_address(client):
    event = make_event()
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'id="rsvp-panel"' in page
    assert 'name="email"' in page and 'name="zip_code"' in page
    assert "Waubesa" not in page


def test_rsvp_without_an_account_confirms_and_emails_calendar_and_qr(client):
    event = make_event()
    response = post_rsvp(client, event)
    assert response.status_code == 200
    assert "You're in" in response.content.decode()
    rsvp = Rsvp.objects.get()
    assert rsvp.status == "confirmed" and rsvp.person.email == "rosa@example.org"
    (message,) = mail.outbox
    assert message.to == ["rosa@example.org"]
    html = message.alternatives[0][0]
    assert 'src="cid:checkin-qr"' in html
    # Tokens carry a timestamp, so read the link back rather than compare strings.
    token = re.search(r"/events/rsvp/cancel/([^/\s]+)/", message.body).group(1)
    assert read_cancel_token(token) == (rsvp.pk, event.pk)
    assert "/events/checkin/" in message.body
    assert "149 Waubesa St" in message.body
    names = [a.get_filename() if hasattr(a, "get_filename") else a[0] for a in message.attachments]
    assert names == ["check-in.png", "event.ics"]
    ics = message.attachments[1]
    content = ics[1] if isinstance(ics[1], str) else ics[1].decode()
    assert "TZID=America/Chicago" in content and ics[2].startswith("text/calendar")
    rsvp.refresh_from_db()
    assert rsvp.confirmation_sent_at is not None


def test_second_rsvp_goes_on_the_waitlist_with_its_number(client):
    event = make_event()
    post_rsvp(client, event)
    response = post_rsvp(client, event, {**FORM, "email": "second@example.org", "first_name": "Ella"})
    assert "You're on the waitlist, number 1." in response.content.decode()
    assert "waitlist" in mail.outbox[-1].subject
    assert "Waubesa" not in mail.outbox[-1].body


def test_the_same_address_again_says_so_without_revealing_the_status(client):
    event = make_event()
    post_rsvp(client, event)
    response = post_rsvp(client, event, {**FORM, "first_name": "Impostor"})
    body = response.content.decode()
    assert "already RSVPed" in body and "You're in" not in body
    assert Rsvp.objects.count() == 1


def test_bad_input_is_explained_and_kept(client):
    event = make_event()
    response = post_rsvp(client, event, {**FORM, "email": "rosa@", "zip_code": "ABCDE"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "valid email address" in body.lower() or "valid e-mail" in body.lower()
    assert 'value="Rosa"' in body
    assert not Rsvp.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "R" * 101, "Keep your first name under 100 characters."),
        ("last_name", "P" * 101, "Keep your last name under 100 characters."),
        ("email", "r" * 243 + "@example.org", "Enter an e-mail address of at most 254 characters."),
        ("first_name", "   ", "Enter your first name."),
        ("phone", "call me maybe", "Enter a phone number with digits only"),
    ],
)
def test_each_field_s_error_is_shown_beside_it_with_the_rest_kept(client, field, value, message):
    # The service validates (the view no longer does it twice): its message reaches the form, once.
    event = make_event()
    response = post_rsvp(client, event, {**FORM, field: value}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert message in body
    assert body.count(message) == 1
    assert f'<div class="error" id="id_{field}_error"><p>{message}' in body
    for other, kept in FORM.items():
        if other != field:
            assert f'value="{kept}"' in body
    assert not Rsvp.objects.exists()


def test_unknown_zip_is_a_field_error(client):
    event = make_event()
    response = post_rsvp(client, event, {**FORM, "zip_code": "00000"})
    assert response.status_code == 400
    assert "We don’t know the ZIP code 00000" in response.content.decode()


def test_htmx_gets_the_panel_only(client):
    event = make_event()
    response = post_rsvp(client, event, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="rsvp-panel"')
    assert "You're in" in body


def test_the_honeypot_saves_nothing(client):
    event = make_event()
    response = post_rsvp(client, event, {**FORM, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not Rsvp.objects.exists() and mail.outbox == []


def test_full_event_without_waitlist_is_refused_clearly(client):
    event = make_event(waitlist_enabled=False)
    post_rsvp(client, event)
    response = post_rsvp(client, event, {**FORM, "email": "late@example.org"})
    assert response.status_code == 409
    assert "full and has no waitlist" in response.content.decode()
    assert Rsvp.objects.count() == 1


def test_cancelled_event_refuses_rsvps_with_a_message(client):
    event = make_event(status=Event.Status.CANCELLED)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "no longer takes RSVPs" in page and 'name="email"' not in page
    response = post_rsvp(client, event)
    assert response.status_code == 400
    assert "cancelled" in response.content.decode()
    assert not Rsvp.objects.exists()


def test_past_event_refuses_rsvps(client):
    start = timezone.now() - timedelta(days=2)
    event = make_event(starts_at=start, ends_at=start + timedelta(hours=1))
    response = post_rsvp(client, event)
    assert response.status_code == 400
    assert "already taken place" in response.content.decode()


def test_nobody_can_rsvp_to_a_draft_they_cannot_see(client, outsider):
    event = make_event(status=Event.Status.DRAFT)
    client.force_login(outsider)
    assert post_rsvp(client, event).status_code == 404
    assert not Rsvp.objects.exists()


def test_get_is_not_allowed_on_the_rsvp_url(client):
    event = make_event()
    assert client.get(reverse("events:rsvp", args=[event.slug])).status_code == 405


def test_signed_in_leader_rsvps_as_herself_then_sees_status_address_and_cancel(client, leader):
    event = make_event()
    client.force_login(leader)
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'name="email"' not in page and leader.email in page
    assert "Waubesa" not in page
    response = post_rsvp(client, event, {"first_name": "Lena", "email": "ignored@example.org"})
    assert response.status_code == 200
    rsvp = Rsvp.objects.get()
    assert rsvp.person.user == leader and rsvp.person.email == leader.email
    page = client.get(event.get_absolute_url()).content.decode()
    assert "You're going" in page
    assert "149 Waubesa St" in page
    token = re.search(r'action="/events/rsvp/cancel/([^/"]+)/"', page).group(1)
    assert read_cancel_token(token) == (rsvp.pk, event.pk)


def test_outsider_and_waitlisted_people_do_not_see_the_address(client, leader, outsider):
    event = make_event()
    rsvp_create(event=event, email="", first_name="Lena", user=leader)
    rsvp_create(event=event, email="", first_name="Otto", user=outsider)  # waitlisted
    client.force_login(outsider)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "You're on the waitlist, number 1." in page
    assert "Waubesa" not in page


def test_cancel_link_confirms_on_get_and_cancels_only_on_post(client):
    event = make_event()
    first = rsvp_create(event=event, email="a@example.org", first_name="A")
    second = rsvp_create(event=event, email="b@example.org", first_name="B")
    url = reverse("events:rsvp_cancel", args=[cancel_token(first)])
    page = client.get(url)
    assert page.status_code == 200 and "Yes, cancel my RSVP" in page.content.decode()
    first.refresh_from_db()
    assert first.status == "confirmed"  # a mail scanner following the link cancels nothing
    mail.outbox.clear()
    done = client.post(url)
    assert "Your RSVP is cancelled" in done.content.decode()
    second.refresh_from_db()
    assert second.status == "confirmed"
    assert [m.to for m in mail.outbox] == [["b@example.org"]]
    replay = client.post(url)
    assert replay.status_code == 200 and "already cancelled" in replay.content.decode()


def test_tampered_cancel_token_is_refused(client):
    event = make_event()
    rsvp = rsvp_create(event=event, email="a@example.org", first_name="A")
    token = cancel_token(rsvp)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    for bad in (tampered, "nonsense"):
        response = client.post(reverse("events:rsvp_cancel", args=[bad]))
        assert response.status_code == 404
        assert "not valid" in response.content.decode()
    rsvp.refresh_from_db()
    assert rsvp.status == "confirmed"


def test_cancel_link_for_a_cancelled_event_explains(client):
    event = make_event()
    rsvp = rsvp_create(event=event, email="a@example.org", first_name="A")
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    response = client.post(reverse("events:rsvp_cancel", args=[cancel_token(rsvp)]))
    assert "cancelled by its hosts" in response.content.decode()


def test_a_failing_mail_server_is_retried_and_the_rsvp_stands(client):
    event = make_event()
    real_send = EmailMessage.send
    calls = {"n": 0}

    def flaky(self, fail_silently=False):
        calls["n"] += 1
        if calls["n"] <= 2:
            raise OSError("SMTP server unreachable")
        return real_send(self, fail_silently=fail_silently)

    with mock.patch.object(EmailMessage, "send", flaky):
        response = post_rsvp(client, event)
        assert response.status_code == 200 and calls["n"] == 1  # the sweep after the commit failed
        # Later sweeps (the periodic one) retry after the back-off until the server takes it.
        for minutes in (5, 30):
            rsvp_emails_send(now=timezone.now() + timedelta(minutes=minutes))
    assert calls["n"] == 3
    rsvp = Rsvp.objects.get()
    assert rsvp.status == "confirmed" and rsvp.confirmation_sent_at is not None
    assert rsvp.email_due_at is None
    assert len(mail.outbox) == 1


def test_a_crash_while_sending_never_loses_the_rsvp(client):
    event = make_event()
    with mock.patch.object(EmailMessage, "send", side_effect=OSError("down")) as send:
        response = post_rsvp(client, event)
    assert send.call_count == 1
    assert response.status_code == 200 and "You're in" in response.content.decode()
    rsvp = Rsvp.objects.get()
    assert rsvp.status == "confirmed" and rsvp.confirmation_sent_at is None
    assert rsvp.email_due_at is not None  # still owed: a later sweep sends it


def test_panel_html_has_no_inline_styles_or_scripts(client):
    event = make_event()
    page = client.get(event.get_absolute_url()).content.decode()
    panel = re.search(r'<section id="rsvp-panel".*?</section>', page, re.S).group(0)
    assert "style=" not in panel and "<script" not in panel


@pytest.mark.parametrize(
    ("outcome", "position", "shown"),
    [
        ("confirmed", None, True),
        ("waitlisted", 3, False),
        ("already", None, False),
        ("received", None, False),
    ],
)
def test_the_done_panel_kept_per_process_is_the_panel_a_full_render_gives(outcome, position, shown):
    from django.template.loader import render_to_string
    from django.utils import translation

    from actlocal.events.views.rsvp import done_panel_html

    event = make_event(street_address="149 Waubesa St", online_url="")
    context = {
        "event": event,
        "outcome": outcome,
        "position": position,
        "show_address": shown,
        "show_online_link": False,
        "online_link_later": False,
    }
    place = (event.street_address, event.city, event.state, event.zip_code, event.online_url)
    for language in ("en", "es"):
        with translation.override(language):
            full = render_to_string("events/rsvp_panel_done.html", context)
        kept = done_panel_html(language, outcome, position, shown, False, False, *place)
        assert kept == full
        assert ("149 Waubesa St" in kept) is shown
    # Each input is part of what is kept: another address is another panel.
    other = done_panel_html("en", outcome, position, shown, False, False, "1 Main St", *place[1:])
    assert ("1 Main St" in other) is shown
    assert done_panel_html("es", "confirmed", None, True, False, False, *place) != done_panel_html(
        "en", "confirmed", None, True, False, False, *place
    )


@pytest.mark.parametrize("header", [None, "true", "false", ""])
def test_the_view_s_htmx_check_agrees_with_django_htmx(header):
    from django.test import RequestFactory
    from django_htmx.middleware import HtmxMiddleware

    from actlocal.events.views.rsvp import htmx

    extra = {} if header is None else {"HTTP_HX_REQUEST": header}
    request = RequestFactory().post("/events/x/rsvp/", **extra)
    HtmxMiddleware(lambda r: None)(request)
    assert htmx(request) is bool(request.htmx)
