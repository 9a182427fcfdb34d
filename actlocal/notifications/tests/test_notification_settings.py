"""Each person chooses, per kind, how notifications reach them by e-mail: right away, daily, weekly, off."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actlocal.core.audit import audit_trail
from actlocal.notifications.models import NotificationPreference
from actlocal.notifications.selectors import preferences_for
from actlocal.notifications.services import notification_preference_set

URL = reverse("notifications:settings")


def test_the_settings_page_shows_each_kind_with_its_default(client, leader):
    client.force_login(leader)
    page = client.get(URL)
    assert page.status_code == 200
    assert "New private messages" in page.text and "Connection requests" in page.text
    assert "Replies to threads I started or follow" in page.text
    assert preferences_for(leader)["message.new"] == "instant"
    assert preferences_for(leader)["follow.new"] == "weekly"


def test_a_leader_saves_a_choice_per_kind(client, leader):
    client.force_login(leader)
    data = dict(preferences_for(leader))
    data["message.new"] = "daily"
    data["thread.reply"] = "off"
    response = client.post(URL, data, follow=True)
    assert "Your notification settings are saved." in response.text
    assert preferences_for(leader)["message.new"] == "daily"
    assert preferences_for(leader)["thread.reply"] == "off"
    assert NotificationPreference.objects.filter(user=leader).count() == 2


def test_a_bad_choice_is_refused_with_a_message_and_nothing_saved(client, leader):
    client.force_login(leader)
    data = dict(preferences_for(leader), **{"message.new": "hourly"})
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert not NotificationPreference.objects.filter(user=leader).exists()


def test_the_service_sets_one_kind_and_logs_it(leader):
    pref = notification_preference_set(user=leader, kind="thread.solved", delivery="weekly")
    assert preferences_for(leader)["thread.solved"] == "weekly"
    notification_preference_set(user=leader, kind="thread.solved", delivery="off")
    assert preferences_for(leader)["thread.solved"] == "off"
    assert audit_trail(pref).filter(action="notification_preference.set").count() == 2


def test_the_service_refuses_unknown_kinds_and_deliveries(leader):
    with pytest.raises(ValidationError):
        notification_preference_set(user=leader, kind="thread.nonsense", delivery="off")
    with pytest.raises(ValidationError):
        notification_preference_set(user=leader, kind="thread.reply", delivery="sometimes")


def test_the_public_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
