"""Connection requests: send, accept, decline, withdraw; each side is notified as they chose."""

from django.core import mail
from django.urls import reverse

from actlocal.core.audit import audit_trail
from actlocal.notifications.models import Notification
from actlocal.social.models import Connection
from actlocal.social.services import block_create

CONNECTIONS = reverse("social:connections")


def _request(client, post, sender, person):
    client.force_login(sender.user)
    return post(reverse("social:connection_request", args=[person.pk]), follow=True)


def test_a_leader_asks_to_connect_and_the_other_accepts(client, post, lena, gabe):
    response = _request(client, post, gabe, lena)
    assert "Your connection request was sent." in response.text
    connection = Connection.objects.get()
    [email] = mail.outbox
    assert email.to == [lena.user.email] and "Gabe Organizer wants to connect with you" in email.subject
    client.force_login(gabe.user)
    assert "Lena Leader" in client.get(CONNECTIONS).text  # under "Your requests"

    client.force_login(lena.user)
    page = client.get(CONNECTIONS)
    assert "Requests to you" in page.text and "Gabe Organizer" in page.text
    response = post(reverse("social:connection_answer", args=[connection.pk, "accept"]), follow=True)
    assert "You are connected now." in response.text
    connection.refresh_from_db()
    assert connection.status == "accepted"
    # connection.accepted is a daily-digest kind by default: in Gabe's inbox, not in his mail yet.
    assert Notification.objects.filter(recipient=gabe.user, kind="connection.accepted").exists()
    assert len(mail.outbox) == 1
    assert audit_trail(connection).filter(action="connection.accept").exists()


def test_a_declined_request_is_quiet_and_cannot_be_repeated(client, post, lena, gabe):
    _request(client, post, gabe, lena)
    connection = Connection.objects.get()
    client.force_login(lena.user)
    post(reverse("social:connection_answer", args=[connection.pk, "decline"]), follow=True)
    assert not Notification.objects.filter(recipient=gabe.user).exists()
    response = _request(client, post, gabe, lena)
    assert "You can’t send this person another connection request." in response.text
    assert "declined" not in response.text.lower()


def test_a_request_can_be_withdrawn_and_sent_again(client, post, lena, gabe):
    _request(client, post, gabe, lena)
    connection = Connection.objects.get()
    post(reverse("social:connection_answer", args=[connection.pk, "withdraw"]))
    connection.refresh_from_db()
    assert connection.status == "withdrawn"
    _request(client, post, gabe, lena)
    connection.refresh_from_db()
    assert connection.status == "pending"


def test_asking_someone_who_already_asked_you_connects_you(client, post, lena, gabe):
    _request(client, post, gabe, lena)
    _request(client, post, lena, gabe)
    assert Connection.objects.get().status == "accepted"


def test_only_the_recipient_answers_and_only_the_sender_withdraws(client, post, lena, gabe, mara):
    _request(client, post, gabe, lena)
    connection = Connection.objects.get()
    for user, answer in [
        (gabe.user, "accept"),
        (mara.user, "accept"),
        (lena.user, "withdraw"),
        (mara.user, "withdraw"),
    ]:
        client.force_login(user)
        assert (
            client.post(reverse("social:connection_answer", args=[connection.pk, answer])).status_code == 404
        )
    assert (
        client.post(reverse("social:connection_answer", args=[connection.pk, "explode"])).status_code == 404
    )
    connection.refresh_from_db()
    assert connection.status == "pending"


def test_someone_blocked_cannot_ask_to_connect(client, post, lena, gabe):
    block_create(blocker=lena.user, person=gabe)
    response = _request(client, post, gabe, lena)
    assert "You can’t send messages or requests to this person." in response.text
    assert not Connection.objects.exists()


def test_outsiders_cannot_connect(client, lena, outsider):
    client.force_login(outsider)
    assert client.post(reverse("social:connection_request", args=[lena.pk])).status_code == 404
    assert not Connection.objects.exists()


def test_either_side_can_end_a_connection_quietly(client, post, lena, gabe):
    Connection.objects.create(from_user=gabe.user, to_user=lena.user, status="accepted")
    client.force_login(lena.user)
    page = client.get(reverse("social:person", args=[gabe.pk]))
    assert "You are connected." in page.text and "Remove connection" in page.text
    response = post(reverse("social:disconnect", args=[gabe.pk]), follow=True)
    assert "You are no longer connected." in response.text
    assert Connection.objects.get().status == "withdrawn"
    assert not Notification.objects.filter(recipient=gabe.user).exists()
    assert audit_trail(Connection.objects.get()).filter(action="connection.remove").exists()
