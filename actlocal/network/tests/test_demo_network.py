"""The demo shows the network at work: a troubleshooting question between leaders in two states, solved."""

from __future__ import annotations

import pytest

from actlocal.core.seeding.demo_network import QUESTION_TITLE, demo_network_create
from actlocal.directory.models import Person
from actlocal.network.models import Thread
from conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_solved_question_between_two_states_and_runs_once():
    asker = make_user("leader@actlocal.example", name="Ana Demo", is_member=True)
    Person.objects.create(first_name="Ana", last_name="Demo", state="WI", user=asker)
    Person.objects.create(first_name="Tomas", last_name="Texas", state="TX")
    Person.objects.create(first_name="Olga", last_name="Ohio", state="OH")
    assert demo_network_create() > 0
    thread = Thread.objects.get(title=QUESTION_TITLE)
    assert thread.space.slug == "troubleshooting" and thread.solved_at is not None
    answerer = thread.accepted_reply.author
    assert answerer.person.state == "TX" and thread.author.person.state == "WI"
    before = Thread.objects.count()
    assert demo_network_create() == 0 and Thread.objects.count() == before
