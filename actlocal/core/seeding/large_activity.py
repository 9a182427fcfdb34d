"""The large dataset's activity: events with co-hosts and RSVPs, survey responses with their answers."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils.text import slugify

from actlocal.core.seeding.accounts import demo_accounts_create
from actlocal.core.seeding.bulk import TableLoader, next_id
from actlocal.core.seeding.catalog import (
    SERIES_NETWORK,
    SURVEY_2017,
    SURVEY_2018,
    SurveyHandle,
    survey_ensure,
)
from actlocal.core.seeding.reference import ACCESSIBILITY_NOTES, LEADER_TYPES, STREETS, VENUES
from actlocal.core.seeding.survey_story import (
    ELECTING_SHARE,
    EXECUTING_SHARE,
    answers_2017,
    answers_2018,
    survey_2017_analysis_ensure,
)
from actlocal.directory.models import PartnerGroup, Person
from actlocal.events.models import CoHost, Event, EventSeries, Rsvp
from actlocal.surveys.models import Answer, Response, Survey
from actlocal.surveys.services.tallies import tally_rebuild

if TYPE_CHECKING:
    from actlocal.core.seeding.large import LargeContext

MODELS_WITH_IDS = [Event, Response]
LOADED_MODELS = [Event, CoHost, Rsvp, Response, Answer]
# Events per chunk: each brings about 20 RSVPs, so a chunk is ~100,000 RSVP rows in memory at most.
EVENT_CHUNK = 5_000
RESPONSE_CHUNK = 20_000
KINDS = [
    (
        Event.Kind.MEETING,
        0.33,
        ["{city} monthly meeting", "{city} coalition table", "{city} leaders' circle"],
    ),
    (
        Event.Kind.CANVASS,
        0.2,
        ["{city} weekend canvass", "Door-knocking in {city}", "{city} literature drop"],
    ),
    (
        Event.Kind.TRAINING,
        0.15,
        ["{city} canvass captain training", "{city} data night", "Run for office: {city}"],
    ),
    (Event.Kind.FOLLOW_UP, 0.2, ["{city} follow-up gathering", "{city} potluck and planning night"]),
    (Event.Kind.CONVENING, 0.03, ["ActLocal Convening: {city}, {state}"]),
    (Event.Kind.OTHER, 0.09, ["{city} phone bank", "{city} community potluck", "{city} town hall"]),
]
FIRST_DAY = date(2017, 1, 7)


@dataclass
class LargeSurveys:
    closed: SurveyHandle
    open: SurveyHandle


def surveys_ensure() -> LargeSurveys:
    surveys = LargeSurveys(
        closed=survey_ensure(SURVEY_2017, status=Survey.Status.CLOSED),
        open=survey_ensure(SURVEY_2018, status=Survey.Status.OPEN),
    )
    survey_2017_analysis_ensure(surveys.closed)
    return surveys


def events_load(ctx: LargeContext, series: tuple[EventSeries, EventSeries]) -> None:
    t0 = time.perf_counter()
    rng = ctx.rng("events")
    network, _ = EventSeries.objects.get_or_create(
        slug=SERIES_NETWORK,
        defaults={"name": "ActLocal network events", "description": "Meetings, canvasses and trainings."},
    )
    series_2017, series_2018 = (s.pk for s in series)
    fields = ["id", "title", "slug", "description", "kind", "mode", "status", "series", "venue_name",
              "street_address", "online_url", "timezone", "starts_at", "ends_at", "capacity",
              "accessibility_notes", "host_person", "created_at", "zip_code", "city", "state", "county", "lat",
              "lng"]  # fmt: skip
    events = TableLoader(Event, fields, log=ctx.log, label="events")
    cohosts = TableLoader(CoHost, ["event", "group", "status"], log=ctx.log, label="co-hosts")
    rsvps = TableLoader(
        Rsvp,
        ["event", "person", "status", "source", "created_at", "checked_in_at"],
        log=ctx.log,
        label="RSVPs",
    )
    kinds, weights, titles = zip(*KINDS, strict=True)
    days = (ctx.today + timedelta(days=180) - FIRST_DAY).days
    today_ordinal = ctx.today.toordinal()
    eid = next_id(Event)
    remaining = ctx.sizes.events
    while remaining:
        n = min(EVENT_CHUNK, remaining)
        remaining -= n
        rows, links, seats = [], [], []
        for state_index in ctx.pick_states(rng, n):
            place = ctx.places[ctx.pick_place(rng, state_index)]
            k = rng.choices(range(len(kinds)), weights)[0]
            title = rng.choice(titles[k]).format(city=place.city, state=place.state)
            day = FIRST_DAY + timedelta(days=int(rng.random() * days))
            hour = rng.choice((10, 13, 18, 19))
            starts = datetime(day.year, day.month, day.day, hour, 0, tzinfo=ZoneInfo(place.timezone))
            mode = rng.choices(list(Event.Mode), [0.75, 0.12, 0.13])[0]
            status = rng.choices(list(Event.Status), [0.05, 0.92, 0.03])[0]
            series_id = series_2017 if day.year == 2017 else series_2018 if day.year == 2018 else network.pk
            capacity = rng.choice((None, None, 15, 20, 30, 50, 100, 200))
            people = ctx.people_by_state[place.state]
            host = people[int(rng.random() * len(people))] if people else None
            in_person = mode != Event.Mode.ONLINE
            rows.append(
                (eid, title, f"{slugify(title)[:180]}-{eid}", "", kinds[k], mode, status, series_id,
                 rng.choice(VENUES) if in_person else "",
                 f"{rng.randint(100, 2999)} {rng.choice(STREETS)}" if in_person else "",
                 f"https://meet.example.org/e/{eid}" if mode != Event.Mode.IN_PERSON else "",
                 place.timezone, starts, starts + timedelta(hours=rng.choice((1, 2, 3))), capacity,
                 rng.choice(ACCESSIBILITY_NOTES) if in_person and rng.random() < 0.5 else "", host, ctx.now,
                 place.zip_code, place.city, place.state, place.county, place.lat, place.lng)
            )  # fmt: skip
            groups = ctx.groups_by_state[place.state]
            for gid in (
                {groups[int(rng.random() * len(groups))] for _ in range(rng.randint(0, 3))} if groups else ()
            ):
                links.append(
                    (eid, gid, rng.choices(("accepted", "invited", "declined"), (0.8, 0.15, 0.05))[0])
                )
            if status != Event.Status.DRAFT and people:
                past = day.toordinal() < today_ordinal
                count = min(len(people), rng.randint(5, 40) if past else rng.randint(0, 30))
                seats += _rsvps(rng, eid, starts, capacity, past, rng.sample(people, count))
            eid += 1
        events.write(rows)
        cohosts.write(links)
        rsvps.write(seats)
    elapsed = time.perf_counter() - t0
    ctx.record(events, elapsed - cohosts.seconds - rsvps.seconds)
    ctx.record(cohosts, cohosts.seconds)
    ctx.record(rsvps, rsvps.seconds)


def _rsvps(rng, eid: int, starts: datetime, capacity: int | None, past: bool, people) -> list[tuple]:
    made = starts - timedelta(days=7)
    out, confirmed = [], 0
    for pid in people:
        if rng.random() < 0.06:
            out.append((eid, pid, "cancelled", "web", made, None))
        elif capacity is None or confirmed < capacity:
            confirmed += 1
            # Check-ins are rounded to 5 minutes: fewer distinct instants to convert on SQLite.
            checked_in = (
                starts + timedelta(minutes=5 * rng.randint(-4, 10)) if past and rng.random() < 0.75 else None
            )
            out.append((eid, pid, "confirmed", "web", made, checked_in))
        else:
            out.append((eid, pid, "waitlisted", "web", made, None))
    return out


def responses_load(ctx: LargeContext, surveys: LargeSurveys) -> None:
    """Three in four responses answer the 2017 survey, the rest the 2018 check-in; one per person each."""
    from actlocal.core.seeding.large import lens_for_place

    t0 = time.perf_counter()
    rng = ctx.rng("responses")
    responses = TableLoader(
        Response,
        ["id", "survey", "person", "zip_code", "state", "county", "area_type", "lean", "leader_type", "source",
         "started_at", "submitted_at"],
        log=ctx.log,
        label="survey responses",
    )  # fmt: skip
    answers = TableLoader(
        Answer, ["response", "question", "choice", "number", "text"], log=ctx.log, label="answers"
    )
    lenses: dict[int, tuple[str, str]] = {}
    rid = next_id(Response)
    total = min(ctx.sizes.responses, 2 * len(ctx.person_place))
    people = len(ctx.person_place)
    base_2017 = datetime(2017, 11, 20, 15, tzinfo=UTC)
    base_2018 = datetime(ctx.today.year, ctx.today.month, ctx.today.day, 15, tzinfo=UTC) - timedelta(days=60)
    for start in range(0, total, RESPONSE_CHUNK):
        rows, values = [], []
        for n in range(start, min(start + RESPONSE_CHUNK, total)):
            # The first 3/4 of responses are the 2017 survey, the rest the 2018 one; each survey walks the
            # leaders in id order from a different offset, so no leader answers one survey twice.
            is_2017 = n < total * 3 // 4
            offset = n if is_2017 else (n - total * 3 // 4 + people // 2) % people
            place_index = ctx.person_place[offset]
            if place_index not in lenses:
                lenses[place_index] = lens_for_place(ctx, place_index)
            area_type, lean = lenses[place_index]
            place = ctx.places[place_index]
            handle = surveys.closed if is_2017 else surveys.open
            base = base_2017 if is_2017 else base_2018
            submitted = base + timedelta(minutes=10 * int(rng.random() * 4000))
            rows.append(
                (rid, handle.survey.pk, ctx.person_base + offset, place.zip_code, place.state, place.county,
                 area_type, lean, LEADER_TYPES[ctx.person_type[offset]], "online",
                 submitted - timedelta(minutes=10), submitted)
            )  # fmt: skip
            if is_2017:
                specs = answers_2017(
                    rng,
                    electing=rng.random() < ELECTING_SHARE,
                    executing=rng.random() < EXECUTING_SHARE,
                    area_type=area_type,
                    text_share=0.3,
                )
            else:
                specs = answers_2018(rng)
            questions, choices = handle.questions, handle.choices
            for key, value, number, text in specs:
                choice = choices[(key, value)].pk if value is not None else None
                values.append((rid, questions[key].pk, choice, number, text))
            rid += 1
        responses.write(rows)
        answers.write(values)
    # The analysis reads tallies, not the raw answers: count them once, set-based, now that all rows are in.
    tally_start = time.perf_counter()
    for handle in (surveys.closed, surveys.open):
        tally_rebuild(survey_id=handle.survey.pk)
    ctx.log(f"  answer tallies: {time.perf_counter() - tally_start:.1f}s")
    elapsed = time.perf_counter() - t0
    ctx.record(responses, elapsed - answers.seconds)
    ctx.record(answers, answers.seconds)


def accounts_ensure(ctx: LargeContext) -> None:
    """The demo logins work on the large dataset too, so benchmarks can sign in."""
    admin_group = PartnerGroup.objects.filter(kind="local").order_by("pk").first()
    host_event = (
        Event.objects.filter(status=Event.Status.PUBLISHED, starts_at__date__gte=ctx.today)
        .order_by("pk")
        .first()
    )
    leader = Person.objects.filter(user__isnull=True).exclude(leader_type="").order_by("pk").first()
    if admin_group and host_event and leader:
        demo_accounts_create(admin_group=admin_group, host_event=host_event, leader=leader)
