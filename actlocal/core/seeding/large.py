"""The large dataset: a network grown to a million leaders, for benchmarks and capacity planning.

1,000,000 leaders across the fifty states (weighted by population, clustered around cities), 100,000
partner groups, 100,000 events with co-hosts and RSVPs, and 1,000,000 survey responses with their
answers. Rows are generated in chunks and streamed through ``bulk.TableLoader``; what later tables need
to know about earlier rows (a leader's ZIP, the groups in a state) is kept in compact arrays, never as
model instances. Ids are assigned here so children can point at parents without reading them back.
"""

from __future__ import annotations

import random
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from actlocal.core.audit import audit_log
from actlocal.core.places import Place, distance_miles, place_for_zip, state_name
from actlocal.core.seeding import large_activity
from actlocal.core.seeding.bulk import TableLoader, fast_load, indexes_built_after, next_id, sequences_reset
from actlocal.core.seeding.catalog import county_profiles_ensure, series_ensure, topics_ensure
from actlocal.core.seeding.geography import area_code, county_lens, residential_places
from actlocal.core.seeding.names import BIOS, NAMES, NATIONAL_MIX, ascii_slug
from actlocal.core.seeding.reference import (
    ALLIANCE_ORGS,
    ELECTING,
    FAITH_GROUP_PATTERNS,
    LEADER_TYPE_WEIGHTS,
    LEADER_TYPES,
    LOCAL_GROUP_PATTERNS,
    MEETING_TIMES,
    METRO_ZIPS,
    MISSION_ENDINGS,
    MISSION_OPENERS,
    ROLES_BY_KIND,
    STATE_WEIGHTS,
    UNION_GROUP_PATTERNS,
)
from actlocal.core.visibility import Visibility
from actlocal.directory.models import Affiliation, PartnerGroup, Person, Topic

Log = Callable[[str], None]
CHUNK = 50_000
METRO_MILES = 30
GROUP_KINDS = ["local", "chapter", "faith", "union", "national"]
GROUP_KIND_WEIGHTS = [0.45, 0.15, 0.22, 0.13, 0.05]
LOADED_MODELS = [
    PartnerGroup,
    PartnerGroup.topics.through,
    Person,
    Person.topics.through,
    Affiliation,
    *large_activity.LOADED_MODELS,
]


@dataclass(frozen=True)
class LargeSizes:
    people: int = 1_000_000
    groups: int = 100_000
    events: int = 100_000
    responses: int = 1_000_000


@dataclass
class LargeContext:
    """What later tables need to know about earlier ones, kept small: ints in arrays, no objects."""

    seed: int
    today: date
    log: Log
    sizes: LargeSizes
    now: datetime
    places: list[Place] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    state_cum_weights: list[float] = field(default_factory=list)
    state_places: dict[str, array] = field(default_factory=dict)
    metro_places: dict[str, array] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    # person id -> place index and leader-type index, by offset from the first new id
    person_base: int = 0
    person_place: array = field(default_factory=lambda: array("l"))
    person_type: bytearray = field(default_factory=bytearray)
    people_by_state: dict[str, array] = field(default_factory=dict)
    group_base: int = 0
    group_kind: bytearray = field(default_factory=bytearray)
    groups_by_state: dict[str, array] = field(default_factory=dict)
    timings: list[tuple[str, int, float, float]] = field(default_factory=list)

    def rng(self, step: str) -> random.Random:
        return random.Random(f"{self.seed}:large:{step}")

    def pick_place(self, rng: random.Random, state_index: int) -> int:
        state = self.states[state_index]
        pool = self.metro_places[state] if rng.random() < 0.65 else self.state_places[state]
        return pool[int(rng.random() * len(pool))]

    def pick_states(self, rng: random.Random, k: int) -> list[int]:
        return rng.choices(range(len(self.states)), cum_weights=self.state_cum_weights, k=k)

    def record(self, loader: TableLoader, phase_seconds: float) -> None:
        self.timings.append((loader.label, loader.rows, loader.seconds, phase_seconds))


def large_dataset_create(
    *, seed: int, today: date, log: Log, sizes: LargeSizes | None = None, check_constraints: bool = False
) -> dict[str, int]:
    """Stream the large dataset in. Each batch commits on its own, so memory and the WAL stay small."""
    started = time.perf_counter()
    ctx = LargeContext(seed=seed, today=today, log=log, sizes=sizes or LargeSizes(), now=timezone.now())
    with transaction.atomic():
        ctx.topics = topics_ensure()
        series = series_ensure()
        surveys = large_activity.surveys_ensure()
        alliance = _alliance_ensure()
    log(f"  reference rows ready ({time.perf_counter() - started:.1f}s)")
    _geography(ctx)
    log(
        f"  {len(ctx.places):,} residential ZIPs in {len(ctx.states)} states ({time.perf_counter() - started:.1f}s)"
    )
    with fast_load(), indexes_built_after(LOADED_MODELS):
        _groups_load(ctx)
        _people_load(ctx, alliance)
        large_activity.events_load(ctx, series)
        large_activity.responses_load(ctx, surveys)
    log(f"  rows loaded ({time.perf_counter() - started:.1f}s)")
    with transaction.atomic():
        sequences_reset([Person, PartnerGroup, *large_activity.MODELS_WITH_IDS])
        used = {(ctx.places[i].state, ctx.places[i].county) for i in set(ctx.person_place)}
        profiles = county_profiles_ensure(used)
        log(f"  county profiles: {len(profiles):,}")
        large_activity.accounts_ensure(ctx)
        counts = {label: rows for label, rows, _ins, _phase in ctx.timings}
        audit_log(action="seed.large", changes={"seed": seed, **counts})
    if check_constraints and connection.vendor == "sqlite":
        connection.check_constraints()
    _summary(ctx, time.perf_counter() - started)
    return counts


def _summary(ctx: LargeContext, total: float) -> None:
    # "with generation" counts building the rows too; a child table's rows are built in its parent's loop.
    ctx.log("  table                      rows    insert s  with generation s      rows/s")
    for label, rows, insert_s, phase_s in ctx.timings:
        rate = rows / phase_s if phase_s else 0
        ctx.log(f"  {label:<20} {rows:>10,} {insert_s:>10.1f} {phase_s:>18.1f} {rate:>11,.0f}")
    ctx.log(f"  total {total:.1f}s")


def _geography(ctx: LargeContext) -> None:
    ctx.states = sorted(STATE_WEIGHTS)
    total = 0.0
    for state in ctx.states:
        total += STATE_WEIGHTS[state]
        ctx.state_cum_weights.append(total)
    metros = [place_for_zip(z) for z in dict.fromkeys(METRO_ZIPS)]
    for state in ctx.states:
        own = [m for m in metros if m.state == state]
        everywhere, near = array("l"), array("l")
        for place in residential_places(state):
            index = len(ctx.places)
            ctx.places.append(place)
            everywhere.append(index)
            if any(distance_miles(m.lat, m.lng, place.lat, place.lng) <= METRO_MILES for m in own):
                near.append(index)
        ctx.state_places[state] = everywhere
        ctx.metro_places[state] = near or everywhere


def _alliance_ensure() -> list[PartnerGroup]:
    groups = []
    for (name, mission), zip_code in zip(ALLIANCE_ORGS, ["53703", "19107", "30303", "80202"], strict=True):
        slug = slugify(name)
        group = PartnerGroup(
            name=name,
            slug=slug,
            kind="alliance",
            area_served="national",
            mission=mission,
            website=f"https://{slug}.example.org/",
            meeting_times="Network call, first Monday of the month, 8 pm Eastern",
        )
        group.set_place(place_for_zip(zip_code))
        groups.append(group)
    PartnerGroup.objects.bulk_create(groups, ignore_conflicts=True)
    return list(PartnerGroup.objects.filter(slug__in=[g.slug for g in groups]))


def _topic_combos(ctx: LargeContext, rng: random.Random, *, issues: tuple[int, int], skills: tuple[int, int]):
    """A few thousand topic sets to draw from: per-row sampling would dominate generation time."""
    issue_ids = [t.pk for t in ctx.topics.values() if t.kind == Topic.Kind.ISSUE and t.slug != ELECTING]
    skill_ids = [t.pk for t in ctx.topics.values() if t.kind == Topic.Kind.SKILL]
    electing = ctx.topics[ELECTING].pk
    combos = []
    for _ in range(4096):
        chosen = rng.sample(issue_ids, rng.randint(*issues)) + rng.sample(skill_ids, rng.randint(*skills))
        if rng.random() < 0.45:
            chosen.append(electing)
        combos.append(tuple(chosen))
    return combos


def _groups_load(ctx: LargeContext) -> None:
    t0 = time.perf_counter()
    rng = ctx.rng("groups")
    loader = TableLoader(
        PartnerGroup,
        ["id", "name", "slug", "kind", "area_served", "mission", "website", "meeting_times", "created_at",
         "zip_code", "city", "state", "county", "lat", "lng"],
        log=ctx.log,
        label="partner groups",
    )  # fmt: skip
    topics = TableLoader(
        PartnerGroup.topics.through, ["partnergroup", "topic"], log=ctx.log, label="group topics"
    )
    combos = _topic_combos(ctx, rng, issues=(1, 3), skills=(0, 2))
    patterns = {"local": LOCAL_GROUP_PATTERNS, "faith": FAITH_GROUP_PATTERNS, "union": UNION_GROUP_PATTERNS}
    ctx.group_base = next_id(PartnerGroup)
    ctx.groups_by_state = {s: array("l") for s in ctx.states}
    gid = ctx.group_base
    remaining = ctx.sizes.groups
    while remaining:
        n = min(CHUNK, remaining)
        remaining -= n
        rows, links = [], []
        for state_index in ctx.pick_states(rng, n):
            place = ctx.places[ctx.pick_place(rng, state_index)]
            kind = rng.choices(GROUP_KINDS, GROUP_KIND_WEIGHTS)[0]
            words = {"city": place.city, "county": place.county, "state_name": state_name(place.state)}
            if kind == "chapter":
                name = f"Rise Together Network – {place.city}"
            elif kind == "national":
                name = f"{state_name(place.state)} {rng.choice(['Voter', 'Families', 'Education', 'Climate'])} Project"
            else:
                name = rng.choice(patterns[kind]).format(n=rng.randint(100, 999), **words)
            slug = f"{slugify(name)[:190]}-{gid}"
            area = {
                "local": "city",
                "chapter": "county",
                "faith": "city",
                "union": "county",
                "national": "state",
            }
            mission = f"{rng.choice(MISSION_OPENERS)} in {place.city} {rng.choice(MISSION_ENDINGS)}"
            rows.append(
                (gid, name, slug, kind, area[kind], mission, f"https://{slug[:60]}.example.org/",
                 rng.choice(MEETING_TIMES), ctx.now, place.zip_code, place.city, place.state, place.county,
                 place.lat, place.lng)
            )  # fmt: skip
            links += [(gid, topic_id) for topic_id in rng.choice(combos)]
            ctx.group_kind.append(GROUP_KINDS.index(kind))
            ctx.groups_by_state[place.state].append(gid)
            gid += 1
        loader.write(rows)
        topics.write(links)
    elapsed = time.perf_counter() - t0
    ctx.record(loader, elapsed - topics.seconds)
    ctx.record(topics, topics.seconds)


def _visibility_choices(rng: random.Random) -> list[tuple[str, ...]]:
    pub, mem, staff, priv = Visibility.PUBLIC, Visibility.MEMBERS, Visibility.STAFF, Visibility.PRIVATE
    return [
        (
            rng.choices([pub, mem, staff], [0.62, 0.34, 0.04])[0],
            rng.choices([pub, mem, staff], [0.55, 0.4, 0.05])[0],
            rng.choices([mem, staff, priv], [0.22, 0.68, 0.1])[0],  # e-mail: never public
            rng.choices([mem, staff, priv], [0.1, 0.7, 0.2])[0],  # phone: never public
            rng.choices([staff, priv], [0.1, 0.9])[0],
            rng.choices([pub, mem, staff], [0.52, 0.44, 0.04])[0],
        )
        for _ in range(512)
    ]


def _people_load(ctx: LargeContext, alliance: list[PartnerGroup]) -> None:
    t0 = time.perf_counter()
    rng = ctx.rng("people")
    fields = ["id", "first_name", "last_name", "email", "phone", "leader_type", "bio", "languages", "pronouns",
              "listed", "created_at", "updated_at", "zip_code", "city", "state", "county", "lat", "lng",
              "name_visibility", "place_visibility", "email_visibility", "phone_visibility",
              "address_visibility", "bio_visibility"]  # fmt: skip
    people = TableLoader(Person, fields, log=ctx.log, label="leaders")
    topics = TableLoader(Person.topics.through, ["person", "topic"], log=ctx.log, label="leader topics")
    affiliations = TableLoader(
        Affiliation, ["person", "group", "role", "is_contact"], log=ctx.log, label="affiliations"
    )
    combos = _topic_combos(ctx, rng, issues=(1, 3), skills=(0, 3))
    visibilities = _visibility_choices(rng)
    origins, origin_weights = zip(*NATIONAL_MIX, strict=True)
    slugs = {name: ascii_slug(name) for lists in NAMES.values() for names in lists for name in names}
    issue_names = [t.name.lower() for t in ctx.topics.values() if t.kind == Topic.Kind.ISSUE]
    roles = [ROLES_BY_KIND[k] for k in GROUP_KINDS]
    has_contact = bytearray(ctx.sizes.groups)
    alliance_ids = [g.pk for g in alliance]
    ctx.person_base = next_id(Person)
    ctx.people_by_state = {s: array("l") for s in ctx.states}
    pid = ctx.person_base
    remaining = ctx.sizes.people
    while remaining:
        n = min(CHUNK, remaining)
        remaining -= n
        rows, links, affs = [], [], []
        for state_index in ctx.pick_states(rng, n):
            place_index = ctx.pick_place(rng, state_index)
            place = ctx.places[place_index]
            origin = rng.choices(origins, origin_weights)[0]
            feminine = rng.random() < 0.54
            first = rng.choice(NAMES[origin][0 if feminine else 1])
            last = rng.choice(NAMES[origin if rng.random() < 0.85 else rng.choice(origins)][2])
            type_index = rng.choices(range(len(LEADER_TYPES)), LEADER_TYPE_WEIGHTS)[0]
            leader_type = LEADER_TYPES[type_index]
            bio = rng.choice(BIOS[leader_type]).format(
                city=place.city, issue=rng.choice(issue_names), n=rng.randint(3, 40)
            )
            spanish = (origin == "hispanic" and rng.random() < 0.6) or rng.random() < 0.05
            rows.append(
                (pid, first, last, f"{slugs[first]}.{slugs[last]}.{pid}@example.net",
                 f"({area_code(place.zip_code)}) 555-01{rng.randint(0, 99):02d}" if rng.random() < 0.6 else "",
                 leader_type, bio,
                 "English, Spanish" if spanish else "English", "", rng.random() < 0.93, ctx.now, ctx.now,
                 place.zip_code, place.city, place.state, place.county, place.lat, place.lng,
                 *rng.choice(visibilities))
            )  # fmt: skip
            links += [(pid, topic_id) for topic_id in rng.choice(combos)]
            local_groups = ctx.groups_by_state[place.state]
            for _ in range(rng.choices((0, 1, 2), (0.3, 0.5, 0.2))[0] if local_groups else 0):
                gid = local_groups[int(rng.random() * len(local_groups))]
                offset = gid - ctx.group_base
                first_contact = not has_contact[offset]
                has_contact[offset] = 1
                kind_roles = roles[ctx.group_kind[offset]]
                affs.append(
                    (pid, gid, kind_roles[1] if first_contact else rng.choice(kind_roles), first_contact)
                )
            if rng.random() < 0.01:
                affs.append((pid, rng.choice(alliance_ids), "Member", False))
            ctx.person_place.append(place_index)
            ctx.person_type.append(type_index)
            ctx.people_by_state[place.state].append(pid)
            pid += 1
        people.write(rows)
        topics.write(links)
        # Two draws can land on the same group; the unique constraint wants one row per pair.
        affiliations.write(list({(a[0], a[1]): a for a in affs}.values()))
    elapsed = time.perf_counter() - t0
    ctx.record(people, elapsed - topics.seconds - affiliations.seconds)
    ctx.record(topics, topics.seconds)
    ctx.record(affiliations, affiliations.seconds)


def lens_for_place(ctx: LargeContext, place_index: int) -> tuple[str, str]:
    place = ctx.places[place_index]
    lens = county_lens(place.state, place.county)
    return lens.area_type, lens.lean
