"""Demo survey responses: who answered the 2017 participant survey, and how.

Respondents are leaders who checked in at a 2017 convening. Each response carries its area context
(ZIP, state, county, area type, lean, leader type) copied from the person and the county profile, the
way ``surveys`` stores real responses, so analysis needs no joins.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from actlocal.core.models import CountyProfile
from actlocal.core.seeding.catalog import SURVEY_2017, SURVEY_2018, SurveyHandle, survey_ensure
from actlocal.core.seeding.survey_story import (
    AnswerSpec,
    answers_2017,
    answers_2018,
    story_assign,
    support_answers,
    survey_2017_analysis_ensure,
)
from actlocal.surveys.models import Answer, Response, Survey
from actlocal.surveys.services.tallies import tally_rebuild

if TYPE_CHECKING:
    from actlocal.core.seeding.demo import DemoContext
    from actlocal.core.seeding.demo_events import DemoEvents


def responses_create(
    ctx: DemoContext, events: DemoEvents, profiles: dict[tuple[str, str], CountyProfile]
) -> int:
    rng = ctx.rng("surveys")
    closed = survey_ensure(SURVEY_2017, status=Survey.Status.CLOSED)
    is_open = survey_ensure(SURVEY_2018, status=Survey.Status.OPEN)
    survey_2017_analysis_ensure(closed)
    # Its own random stream, so adding it left the rest of the story's draws unchanged.
    needs_rng = ctx.rng("survey-needs")
    respondents = [
        (person, events.convenings[city])
        for city, people in events.checked_in.items()
        for person in people
        if rng.random() < 0.94
    ]
    cells: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (person, _event) in enumerate(respondents):
        profile = profiles[(person.state, person.county)]
        cells[(profile.area_type, profile.lean)].append(i)
    electing, executing = story_assign(rng, cells)

    rows: list[tuple[Response, list[AnswerSpec]]] = []
    for i, (person, event) in enumerate(respondents):
        profile = profiles[(person.state, person.county)]
        submitted = event.ends_at + timedelta(days=rng.randint(0, 20), minutes=rng.randint(0, 600))
        response = _response(closed, person, profile, submitted, rng.choice(["online", "online", "paper"]))
        response.event = event
        specs = answers_2017(
            rng, electing=i in electing, executing=i in executing, area_type=profile.area_type
        )
        specs += support_answers(needs_rng, area_type=profile.area_type)
        rows.append((response, specs))

    # The 2018 check-in has just opened: a handful of answers from the last week or so.
    noon = timezone.make_aware(datetime.combine(ctx.today, time(12)))
    for person in rng.sample(ctx.leaders, 9):
        profile = profiles[(person.state, person.county)]
        submitted = noon - timedelta(days=rng.randint(1, 9), minutes=rng.randint(0, 300))
        rows.append((_response(is_open, person, profile, submitted, "online"), answers_2018(rng)))

    responses = Response.objects.bulk_create([r for r, _specs in rows], batch_size=500)
    # started_at is auto_now_add ("now"); put it a few minutes before each submission instead.
    for response in responses:
        response.started_at = response.submitted_at - timedelta(minutes=rng.randint(3, 25))
    Response.objects.bulk_update(responses, ["started_at"], batch_size=500)
    handles = {closed.survey.pk: closed, is_open.survey.pk: is_open}
    Answer.objects.bulk_create(
        [_answer(handles[response.survey_id], response, spec) for response, specs in rows for spec in specs],
        batch_size=2000,
    )
    for handle in (closed, is_open):
        tally_rebuild(survey_id=handle.survey.pk)
    return len(responses)


def _response(
    handle: SurveyHandle, person, profile: CountyProfile, submitted: datetime, source: str
) -> Response:
    return Response(
        survey=handle.survey,
        person=person,
        zip_code=person.zip_code,
        state=person.state,
        county=person.county,
        area_type=profile.area_type,
        lean=profile.lean,
        leader_type=person.leader_type,
        source=source,
        submitted_at=submitted,
    )


def _answer(handle: SurveyHandle, response: Response, spec: AnswerSpec) -> Answer:
    key, value, number, text = spec
    return Answer(
        response=response,
        question=handle.questions[key],
        choice=handle.choices[(key, value)] if value is not None else None,
        number=number,
        text=text,
    )
