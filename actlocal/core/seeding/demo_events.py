"""Demo events and network spaces: the November 2017 convenings and what comes next.

Past convenings are fixed in time (Saturdays in November 2017). Everything upcoming is placed a seeded
number of days after "today", so the demo always has gatherings to RSVP to.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify

from actlocal.core.places import state_name
from actlocal.core.seeding.catalog import series_ensure, unique_slug
from actlocal.core.seeding.geography import city_pool
from actlocal.core.seeding.reference import (
    ACCESSIBILITY_NOTES,
    EXPANSION_CITIES,
    ISSUES,
    ORIGINAL_CITIES,
    STREETS,
    VENUES,
    City,
)
from actlocal.directory.models import PartnerGroup, Person
from actlocal.events.models import CoHost, Event, EventSeries, Rsvp
from actlocal.network.models import Space

if TYPE_CHECKING:
    from actlocal.core.seeding.demo import DemoContext

SATURDAY = 5
CONVENING_DAYS = [4] * 4 + [11] * 5 + [18] * 4  # the three Saturdays of November 2017 that were used
FOLLOW_UP_TITLES = [
    ("{city} follow-up: from convening to campaign", Event.Kind.FOLLOW_UP),
    ("{city} leaders' potluck and planning night", Event.Kind.FOLLOW_UP),
    ("{city} coalition table: who is doing what", Event.Kind.MEETING),
    ("{city} candidate pipeline workshop", Event.Kind.TRAINING),
    ("{city} voter registration training", Event.Kind.TRAINING),
]
ONLINE_TRAININGS = [
    "Running for local office: an online training",
    "Data for organizers: precinct targeting 101",
    "Keeping volunteers after election day",
]


@dataclass
class DemoEvents:
    series_2017: EventSeries
    series_2018: EventSeries
    convenings: dict[City, Event] = field(default_factory=dict)
    upcoming: list[Event] = field(default_factory=list)
    other: list[Event] = field(default_factory=list)
    host_event: Event | None = None
    # Leaders who checked in at each 2017 convening: the survey's respondents.
    checked_in: dict[City, list[Person]] = field(default_factory=dict)

    @property
    def all(self) -> list[Event]:
        return [*self.convenings.values(), *self.upcoming, *self.other]


class _Builder:
    """Collects events, co-hosts and RSVPs, then writes each table with one bulk insert."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.slugs = set(Event.objects.values_list("slug", flat=True))
        self.events: list[Event] = []
        self.cohosts: list[tuple[Event, PartnerGroup, str]] = []
        self.rsvps: list[tuple[Event, Person, str, datetime | None]] = []

    def event(self, *, title: str, city: City | None, starts: datetime, hours: float, **fields) -> Event:
        event = Event(
            title=title,
            slug=unique_slug(f"{title} {starts:%Y-%m-%d}", self.slugs),
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            timezone=str(starts.tzinfo),
            **fields,
        )
        if city is not None:
            event.set_place(city_pool(city).center)
        if event.mode != Event.Mode.ONLINE:
            event.venue_name = self.rng.choice(VENUES)
            event.street_address = f"{self.rng.randint(100, 2999)} {self.rng.choice(STREETS)}"
            event.accessibility_notes = self.rng.choice(ACCESSIBILITY_NOTES)
        if event.mode != Event.Mode.IN_PERSON:
            event.online_url = f"https://meet.example.org/actlocal/{event.slug[:60]}"
        self.events.append(event)
        return event

    def attend(self, event: Event, people: list[Person]) -> None:
        """RSVPs in order: confirmed while seats last, then the waitlist; a few cancel."""
        confirmed = 0
        for person in people:
            if self.rng.random() < 0.05:
                status = Rsvp.Status.CANCELLED
            elif event.capacity is None or confirmed < event.capacity:
                status, confirmed = Rsvp.Status.CONFIRMED, confirmed + 1
            else:
                status = Rsvp.Status.WAITLISTED
            self.rsvps.append((event, person, status, None))

    def save(self) -> None:
        Event.objects.bulk_create(self.events)
        now = timezone.now()
        CoHost.objects.bulk_create(
            [
                CoHost(
                    event=e,
                    group=g,
                    status=s,
                    invited_at=min(e.starts_at - timedelta(days=30), now),
                    responded_at=min(e.starts_at - timedelta(days=25), now)
                    if s != CoHost.Status.INVITED
                    else None,
                )
                for e, g, s in self.cohosts
            ]
        )
        Rsvp.objects.bulk_create(
            [
                Rsvp(
                    event=e,
                    person=p,
                    status=s,
                    checked_in_at=c,
                    source="seed",
                    cancelled_at=min(e.starts_at - timedelta(days=2), now)
                    if s == Rsvp.Status.CANCELLED
                    else None,
                )
                for e, p, s, c in self.rsvps
            ],
            batch_size=1000,
        )
        # created_at is auto_now_add, so bulk_create stamps "now"; RSVPs were made before each event.
        for event in self.events:
            made = min(event.starts_at - timedelta(days=9), timezone.now())
            Rsvp.objects.filter(event=event).update(created_at=made)


def _local_start(day: date, hour: int, minute: int, tz: str) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(tz))


def _ahead(rng: random.Random, today: date, low: int, high: int, weekday: int | None = None) -> date:
    day = today + timedelta(days=rng.randint(low, high))
    if weekday is not None:
        day += timedelta(days=(weekday - day.weekday()) % 7)
    return day


def events_create(ctx: DemoContext) -> DemoEvents:
    rng = ctx.rng("events")
    s2017, s2018 = series_ensure()
    out = DemoEvents(series_2017=s2017, series_2018=s2018)
    build = _Builder(rng)
    _convenings(ctx, build, out)
    _follow_ups(ctx, build, out)
    _expansion(ctx, build, out)
    _national_and_drafts(ctx, build, out)
    out.host_event = out.upcoming[0]
    _same_effort_twice(ctx, build, out)
    build.save()
    return out


def _same_effort_twice(ctx: DemoContext, build: _Builder, out: DemoEvents) -> None:
    """Another local leader plans the same kind of gathering as the demo host's, in the same city a day
    later: the duplicated effort the host's event page flags (``selectors_host.events_like_it_nearby``)."""
    rng = build.rng
    mine = out.host_event
    city = next(c for c in ORIGINAL_CITIES if city_pool(c).center.zip_code == mine.zip_code)
    others = [p for p in ctx.leaders_by_city[city] if p != mine.host_person]
    event = build.event(
        title=f"{city.name} organizers' meetup",
        city=city,
        starts=mine.starts_at + timedelta(days=1),
        hours=2,
        kind=mine.kind,
        status=Event.Status.PUBLISHED,
        series=out.series_2018,  # as every demo gathering: what ``seed --reset`` removes
        capacity=30,
        host_person=rng.choice(others),
        description=f"Who in {city.name} is working on what? Bring your group's plans for the spring.",
    )
    out.upcoming.append(event)
    # A group not already co-hosting the host's event: they have not met yet.
    theirs = {g for e, g, _status in build.cohosts if e is mine}
    build.cohosts.append(
        (event, rng.choice([g for g in ctx.groups_by_city[city] if g not in theirs]), "accepted")
    )
    build.attend(event, rng.sample(others, min(len(others), 10)))


def _convenings(ctx: DemoContext, build: _Builder, out: DemoEvents) -> None:
    rng = build.rng
    order = ORIGINAL_CITIES[:]
    rng.shuffle(order)
    for city, day in zip(order, CONVENING_DAYS, strict=True):
        tz = city_pool(city).center.timezone
        starts = _local_start(date(2017, 11, day), 9, 30, tz)
        locals_ = ctx.leaders_by_city[city]
        host = next((p for p in locals_ if p.leader_type == "seasoned"), locals_[0])
        event = build.event(
            title=f"ActLocal Convening: {city.label}",
            city=city,
            starts=starts,
            hours=6,
            kind=Event.Kind.CONVENING,
            status=Event.Status.PUBLISHED,
            series=out.series_2017,
            capacity=rng.choice([120, 150, 175, 200]),
            host_person=host,
            description=(
                f"A day for leaders in and around {city.name}: meet the organizations that can help you, "
                "share what is working, and leave with a plan for 2018. Lunch and childcare provided."
            ),
        )
        out.convenings[city] = event
        local_groups = ctx.groups_by_city[city]
        hosts = ctx.alliance + rng.sample(local_groups, min(len(local_groups), rng.randint(1, 8)))
        build.cohosts += [(event, g, CoHost.Status.ACCEPTED) for g in hosts]
        attended = []
        for person in [host, *(p for p in locals_ if p is not host)]:
            if person is not host and rng.random() > 0.9:
                continue
            if person is not host and rng.random() < 0.05:
                build.rsvps.append((event, person, Rsvp.Status.CANCELLED, None))
                continue
            checked_in = None
            if person is host or rng.random() < 0.92:
                checked_in = starts + timedelta(minutes=rng.randint(-25, 50))
                attended.append(person)
            build.rsvps.append((event, person, Rsvp.Status.CONFIRMED, checked_in))
        out.checked_in[city] = attended


def _follow_ups(ctx: DemoContext, build: _Builder, out: DemoEvents) -> None:
    rng = build.rng
    for city in ORIGINAL_CITIES:
        tz = city_pool(city).center.timezone
        locals_ = ctx.leaders_by_city[city]
        for title, kind in rng.sample(FOLLOW_UP_TITLES, 1 + (rng.random() < 0.4)):
            mode = rng.choices(list(Event.Mode), [0.7, 0.15, 0.15])[0]
            day = _ahead(rng, ctx.today, 10, 115)
            event = build.event(
                title=title.format(city=city.name),
                city=city,
                starts=_local_start(day, rng.choice([10, 13, 18]), rng.choice([0, 30]), tz),
                hours=rng.choice([1.5, 2, 3]),
                kind=kind,
                mode=mode,
                status=Event.Status.PUBLISHED,
                series=out.series_2018,
                capacity=rng.choice([12, 15, 20, 30, 40, 60, None]),
                host_person=rng.choice(locals_),
                description=(
                    f"Picking up where the November convening left off: {city.name}-area leaders compare "
                    "plans, pair up on shared goals and sign up for the spring trainings."
                ),
            )
            out.upcoming.append(event)
            groups = rng.sample(ctx.groups_by_city[city], rng.randint(1, 3))
            build.cohosts += [(event, g, rng.choice(["accepted", "accepted", "invited"])) for g in groups]
            build.attend(event, rng.sample(locals_, min(len(locals_), rng.randint(12, 45))))


def _expansion(ctx: DemoContext, build: _Builder, out: DemoEvents) -> None:
    rng = build.rng
    states: dict[str, list[City]] = {}
    for city in EXPANSION_CITIES:
        states.setdefault(city.state, []).append(city)
    for state, cities in states.items():
        city = cities[0]
        tz = city_pool(city).center.timezone
        day = _ahead(rng, ctx.today, 21, 125, SATURDAY)
        event = build.event(
            title=f"ActLocal 2018 Convening: {state_name(state)}",
            city=city,
            starts=_local_start(day, 9, 30, tz),
            hours=6,
            kind=Event.Kind.CONVENING,
            mode=Event.Mode.HYBRID if rng.random() < 0.3 else Event.Mode.IN_PERSON,
            status=Event.Status.PUBLISHED,
            series=out.series_2018,
            capacity=rng.choice([80, 100, 150]),
            host_person=rng.choice(ctx.leaders_by_city[city]),
            description=(
                f"{state_name(state)} joins ActLocal. Leaders from {', '.join(c.name for c in cities)} and "
                "the rest of the state meet the alliance's organizations and each other."
            ),
        )
        out.upcoming.append(event)
        local_groups = [g for c in cities for g in ctx.groups_by_city[c]]
        build.cohosts += [(event, g, CoHost.Status.ACCEPTED) for g in ctx.alliance]
        build.cohosts += [(event, g, rng.choice(["accepted", "invited"])) for g in local_groups]
        people = [p for c in cities for p in ctx.leaders_by_city[c]]
        build.attend(event, [p for p in people if rng.random() < 0.75])


def _national_and_drafts(ctx: DemoContext, build: _Builder, out: DemoEvents) -> None:
    rng = build.rng
    everyone = ctx.leaders
    for title in ONLINE_TRAININGS:
        day = _ahead(rng, ctx.today, 7, 60)
        event = build.event(
            title=title,
            city=None,
            starts=_local_start(day, 20, 0, "America/New_York"),
            hours=1.5,
            kind=Event.Kind.TRAINING,
            mode=Event.Mode.ONLINE,
            status=Event.Status.PUBLISHED,
            series=out.series_2018,
            capacity=rng.choice([None, 100]),
            host_person=rng.choice([p for p in everyone if p.leader_type == "seasoned"]),
            description="Open to every leader in the network. Captions on; recording shared afterwards.",
            accessibility_notes="Live captions; slides sent in advance; Spanish interpretation channel.",
        )
        build.cohosts.append((event, rng.choice(ctx.alliance), CoHost.Status.ACCEPTED))
        build.attend(event, rng.sample(everyone, rng.randint(30, 80)))
        out.upcoming.append(event)
    drafts = [
        (ORIGINAL_CITIES[4], "Pittsburgh summer canvass kickoff", Event.Status.DRAFT),
        (ORIGINAL_CITIES[7], "Phoenix leadership retreat", Event.Status.DRAFT),
        (ORIGINAL_CITIES[8], "Denver follow-up gathering", Event.Status.CANCELLED),
    ]
    for city, title, status in drafts:
        tz = city_pool(city).center.timezone
        event = build.event(
            title=title,
            city=city,
            starts=_local_start(_ahead(rng, ctx.today, 20, 150), 10, 0, tz),
            hours=3,
            kind=Event.Kind.FOLLOW_UP,
            status=status,
            series=out.series_2018,
            capacity=40,
            host_person=rng.choice(ctx.leaders_by_city[city]),
            description="Details to come."
            if status == Event.Status.DRAFT
            else "Cancelled: the venue fell through.",
        )
        if status == Event.Status.CANCELLED:
            build.rsvps += [(event, p, Rsvp.Status.CANCELLED, None) for p in ctx.leaders_by_city[city][:6]]
        out.other.append(event)


def spaces_create(ctx: DemoContext, events: DemoEvents) -> int:
    """Topic spaces, one per state with leaders, one per 2017 cohort, and a few partner-group spaces."""
    rng = ctx.rng("spaces")
    members, public = Space.Access.MEMBERS, Space.Access.PUBLIC
    spaces = [
        Space(
            name="Best practices",
            slug="best-practices",
            kind=Space.Kind.TOPIC,
            access=public,
            description="What worked for your group? Share it here; anyone can read along.",
        ),
        Space(
            name="Troubleshooting",
            slug="troubleshooting",
            kind=Space.Kind.TOPIC,
            access=members,
            description="Stuck on turnout, turf or a tricky meeting? Ask the network.",
        ),
        Space(
            name="Elections",
            slug="elections",
            kind=Space.Kind.TOPIC,
            access=members,
            description="Candidates, calendars and get-out-the-vote plans.",
        ),
    ]
    spaces += [
        Space(
            name=name,
            slug=f"topic-{slug}",
            kind=Space.Kind.TOPIC,
            access=members,
            description=f"{name}: {es}.",
        )
        for slug, name, es in ISSUES
    ]
    states = sorted({p.state for p in ctx.leaders})
    spaces += [
        Space(
            name=f"{state_name(s)} leaders",
            slug=f"state-{s.lower()}",
            kind=Space.Kind.STATE,
            access=members,
            state=s,
            description=f"Leaders across {state_name(s)}: coordinate, share events, find partners.",
        )
        for s in states
    ]
    spaces += [
        Space(
            name=f"{city.label} 2017 cohort",
            slug=f"cohort-2017-{slugify(city.label)}",
            kind=Space.Kind.COHORT,
            access=members,
            state=city.state,
            event=event,
            description=f"Everyone who came to the {city.name} convening in November 2017.",
        )
        for city, event in events.convenings.items()
    ]
    for city in rng.sample(ORIGINAL_CITIES, 6):
        group = ctx.groups_by_city[city][0]
        spaces.append(
            Space(
                name=group.name,
                slug=f"group-{group.slug}"[:220],
                kind=Space.Kind.GROUP,
                access=members,
                state=group.state,
                group=group,
                description=f"Members and friends of {group.name}.",
            )
        )
    Space.objects.bulk_create(spaces, ignore_conflicts=True)
    return len(spaces)
