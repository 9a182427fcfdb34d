"""Surveys tests' fixtures: a small survey with every kind of question, counties, and a way to answer.

Answers go through the same service the survey page calls, so tallies and area context are real.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from actlocal.core.models import CountyProfile
from actlocal.surveys.models import Choice, Finding, Question, Survey
from actlocal.surveys.services import responses as response_services
from conftest import make_user

ZIPS = {"rural": "59001", "suburban": "30301", "urban": "53703"}


@pytest.fixture
def host(db):
    return make_user("hank@actlocal.test", name="Hank Host", is_member=True)


@pytest.fixture
def counties(db):
    rows = [
        ("MT", "Stillwater County", "rural", "red"),
        ("GA", "Fulton County", "suburban", "purple"),
        ("WI", "Dane County", "urban", "blue"),
    ]
    for state, county, area_type, lean in rows:
        CountyProfile.objects.create(
            state=state, county=county, area_type=area_type, lean=lean, source="Test table", year=2016
        )


def add_question(survey, key, kind, text, *, choices=(), position=0, **extra) -> Question:
    question = Question.objects.create(
        survey=survey, key=key, kind=kind, text=text, text_es=f"ES {text}", position=position, **extra
    )
    for i, value in enumerate(choices):
        Choice.objects.create(
            question=question, position=i, value=value, label=value.title(), label_es=f"ES {value}"
        )
    return question


def make_survey(*, slug="leaders-2026", status=Survey.Status.OPEN, **extra) -> Survey:
    survey = Survey.objects.create(
        title="Leaders 2026", title_es="Líderes 2026", slug=slug, status=status, **extra
    )
    add_question(survey, "priorities", "multiple", "Your priorities?", choices=["electing", "housing", "climate"],
                 required=True, position=0)  # fmt: skip
    plan = add_question(survey, "plan", "single", "Executing a plan?", choices=["yes", "no"], position=1)
    plan.show_if_choice = survey.questions.get(key="priorities").choices.get(value="electing")
    plan.save()
    add_question(survey, "rating", "scale", "How useful?", scale_min=1, scale_max=5, position=2)
    add_question(survey, "hours", "number", "Hours a week?", position=3)
    add_question(survey, "ranked", "ranking", "Rank these", choices=["money", "people", "time"], position=4)
    add_question(survey, "need", "short_text", "Biggest need?", position=5)
    add_question(survey, "story", "long_text", "Tell us more", position=6)
    add_question(survey, "zip", "short_text", "Your ZIP code", position=7, context_field="zip_code")
    Finding.objects.create(
        survey=survey, position=0, choice=survey.questions.get(key="priorities").choices.get(value="electing"),
        statement="name electing a priority", statement_es="nombran elegir como prioridad",
    )  # fmt: skip
    Finding.objects.create(
        survey=survey, position=1, choice=plan.choices.get(value="yes"), statement="are executing a plan",
    )  # fmt: skip
    return survey


def answer(survey, values: dict[str, list[str]], *, user=None, source="online"):
    """Submit one response through the service the page uses."""
    response = response_services.response_start(survey=survey, user=user, source=source)
    return response_services.response_submit(response=response, values=values)


@pytest.fixture
def survey(db, counties):
    return make_survey()


@pytest.fixture
def answered(survey):
    """Twelve responses: electing chosen by 3 of 4 in every area type; all but one of them executing."""
    for area, zip_code in ZIPS.items():
        for i in range(4):
            electing = i < 3
            values = {"priorities": ["electing", "housing"] if electing else ["climate"], "zip": [zip_code],
                      "rating": [str(float(3 + i % 3))], "hours": [str(float(2 * i + 1))],
                      "ranked": ["people", "money"], "need": [f"need {area} {i}"]}  # fmt: skip
            if electing:
                values["plan"] = ["no" if (area == "rural" and i == 0) else "yes"]
            answer(survey, values)
    return survey


def ended_event(host, *, slug="madison-follow-up"):
    from actlocal.events.models import Event

    now = timezone.now()
    event = Event.objects.create(
        title="Madison follow-up", slug=slug, status="published", city="Madison", state="WI",
        timezone="America/Chicago", starts_at=now - timedelta(days=1), ends_at=now - timedelta(days=1, hours=-2),
    )  # fmt: skip
    event.hosts.add(host)
    return event
