"""A participant reports a message to staff; staff see that one message, never the conversation."""

from django.core import mail
from django.urls import reverse

from actlocal.core.audit import audit_trail
from actlocal.social.models import Message, MessageReport


def _conversation(client, post, sender, person, *bodies):
    client.force_login(sender.user)
    for body in bodies:
        post(f"{reverse('social:message_new')}?to={person.pk}", {"body": body})
    return Message.objects.order_by("id")


def test_a_leader_reports_a_message_and_staff_see_only_that_message(client, post, lena, gabe, staff):
    messages = _conversation(client, post, gabe, lena, "Earlier harmless words", "Something abusive")
    client.force_login(lena.user)
    reported = messages.last()
    url = reverse("social:message_report", args=[reported.conversation_id, reported.pk])
    assert "Something abusive" in client.get(url).text
    mail.outbox.clear()
    response = post(url, {"reason": "Harassment"}, follow=True)
    assert "Network staff will look at this message." in response.text
    report = MessageReport.objects.get()
    assert audit_trail(report).filter(action="message.report").exists()
    [email] = mail.outbox  # staff are notified (moderation.report, instant by default)
    assert email.to == [staff.email] and "Something abusive" not in email.body

    client.force_login(staff)
    queue = client.get(reverse("social:report_queue"))
    assert "Something abusive" in queue.text
    detail = client.get(reverse("social:report_detail", args=[report.pk]))
    assert (
        "Something abusive" in detail.text and "Harassment" in detail.text and "Gabe Organizer" in detail.text
    )
    assert "Earlier harmless words" not in detail.text and "Earlier harmless words" not in queue.text
    assert client.get(reverse("social:conversation", args=[reported.conversation_id])).status_code == 404


def test_staff_remove_the_message_and_the_conversation_says_so(client, post, lena, gabe, staff):
    reported = _conversation(client, post, gabe, lena, "Something abusive").get()
    client.force_login(lena.user)
    post(reverse("social:message_report", args=[reported.conversation_id, reported.pk]), {"reason": ""})
    report = MessageReport.objects.get()
    client.force_login(staff)
    response = post(reverse("social:report_detail", args=[report.pk]), {"action": "remove"}, follow=True)
    assert "The message was removed." in response.text
    client.force_login(lena.user)
    thread = client.get(reverse("social:conversation", args=[reported.conversation_id]))
    assert (
        "This message was removed by network staff." in thread.text and "Something abusive" not in thread.text
    )
    assert "Something abusive" not in client.get(reverse("notifications:inbox")).text
    report.refresh_from_db()
    assert report.status == "removed" and audit_trail(report).filter(action="message_report.resolve").exists()


def test_only_staff_see_reports_and_only_participants_report(client, post, lena, gabe, mara):
    reported = _conversation(client, post, gabe, lena, "Hello").get()
    client.force_login(lena.user)
    post(reverse("social:message_report", args=[reported.conversation_id, reported.pk]), {"reason": "x"})
    report = MessageReport.objects.get()
    for user in (lena.user, mara.user):
        client.force_login(user)
        assert client.get(reverse("social:report_queue")).status_code == 404
        assert client.get(reverse("social:report_detail", args=[report.pk])).status_code == 404
    client.force_login(mara.user)
    url = reverse("social:message_report", args=[reported.conversation_id, reported.pk])
    assert client.post(url, {"reason": "nosy"}).status_code == 404
    client.force_login(gabe.user)
    response = post(url, {"reason": "me"})
    assert response.status_code == 400 and "You can’t report your own message." in response.text
    assert MessageReport.objects.count() == 1
