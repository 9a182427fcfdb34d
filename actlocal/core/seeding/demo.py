"""The demo dataset: the alliance as it stood going into its 2018 season.

Four founding organisations, partner groups and 1,200+ leaders in the thirteen November 2017 cities and
fifteen expansion states, the 2017 convenings and their survey, upcoming gatherings, network spaces and
four demo logins. Everything is drawn from ``random.Random`` streams derived from one seed, one stream
per step, so changing how events are drawn does not reshuffle the leaders. Only event dates depend on
"today", so the demo always has something coming up.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from actlocal.core.audit import audit_log
from actlocal.core.places import state_name
from actlocal.core.seeding import demo_events, demo_network, demo_social, demo_surveys
from actlocal.core.seeding.accounts import demo_accounts_create
from actlocal.core.seeding.catalog import county_profiles_ensure, topics_ensure, unique_slug
from actlocal.core.seeding.geography import area_code, city_pool
from actlocal.core.seeding.names import BIOS, NAMES, NATIONAL_MIX, SECOND_LANGUAGES, ascii_slug
from actlocal.core.seeding.reference import (
    ALLIANCE_ORGS,
    ELECTING,
    EXPANSION_CITIES,
    FAITH_GROUP_PATTERNS,
    ISSUES,
    LEADER_TYPE_WEIGHTS,
    LEADER_TYPES,
    LOCAL_GROUP_PATTERNS,
    MEETING_TIMES,
    MISSION_ENDINGS,
    MISSION_OPENERS,
    NATIONAL_ORGS,
    ORIGINAL_CITIES,
    RESOURCES,
    ROLES_BY_KIND,
    SKILLS,
    UNION_GROUP_PATTERNS,
    City,
)
from actlocal.core.visibility import Visibility
from actlocal.directory.models import Affiliation, PartnerGroup, Person, Resource, Topic

Log = Callable[[str], None]
ISSUE_SLUGS = [slug for slug, _n, _e in ISSUES]
SKILL_SLUGS = [slug for slug, _n, _e in SKILLS]


@dataclass
class DemoContext:
    seed: int
    today: date
    log: Log
    topics: dict[str, Topic] = field(default_factory=dict)
    alliance: list[PartnerGroup] = field(default_factory=list)
    national: list[PartnerGroup] = field(default_factory=list)
    groups_by_city: dict[City, list[PartnerGroup]] = field(default_factory=dict)
    leaders_by_city: dict[City, list[Person]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def rng(self, step: str) -> random.Random:
        # A string seed is hashed with SHA-512 by ``random``: stable across runs and PYTHONHASHSEED.
        return random.Random(f"{self.seed}:{step}")

    @property
    def groups(self) -> list[PartnerGroup]:
        return [*self.alliance, *self.national, *(g for gs in self.groups_by_city.values() for g in gs)]

    @property
    def leaders(self) -> list[Person]:
        return [p for people in self.leaders_by_city.values() for p in people]


def demo_dataset_create(*, seed: int, today: date, log: Log) -> dict[str, int]:
    """Write the whole demo in one transaction: a failed run leaves nothing behind to clean up."""
    started = time.perf_counter()
    ctx = DemoContext(seed=seed, today=today, log=log)
    with transaction.atomic():
        ctx.topics = topics_ensure()
        _step(ctx, "topics", len(ctx.topics), started)
        _groups_create(ctx)
        _step(ctx, "partner groups", len(ctx.groups), started)
        _people_create(ctx)
        _step(ctx, "leaders", len(ctx.leaders), started)
        _step(ctx, "affiliations", _affiliations_create(ctx), started)
        _step(ctx, "resources", _resources_create(ctx), started)
        events = demo_events.events_create(ctx)
        _step(ctx, "events", len(events.all), started)
        places = [*ctx.leaders, *ctx.groups, *events.all]
        profiles = county_profiles_ensure((p.state, p.county) for p in places)
        _step(ctx, "county profiles", len(profiles), started)
        _step(ctx, "survey responses", demo_surveys.responses_create(ctx, events, profiles), started)
        _step(ctx, "network spaces", demo_events.spaces_create(ctx, events), started)
        madison = ORIGINAL_CITIES[0]
        admin_group = next(g for g in ctx.groups_by_city[madison] if g.kind == PartnerGroup.Kind.LOCAL)
        leader = next(p for p in ctx.leaders_by_city[madison] if p.listed and p.leader_type == "emergent")
        logins = demo_accounts_create(admin_group=admin_group, host_event=events.host_event, leader=leader)
        _step(ctx, "demo accounts", len(logins), started)
        _step(ctx, "network threads", demo_network.demo_network_create(), started)
        _step(ctx, "connections and messages", demo_social.demo_social_create(), started)
        audit_log(action="seed.demo", changes={"seed": seed, **ctx.counts})
    return ctx.counts


def _step(ctx: DemoContext, label: str, count: int, started: float) -> None:
    ctx.counts[label] = count
    ctx.log(f"  {label}: {count:,} ({time.perf_counter() - started:.1f}s)")


def _group(name: str, kind: str, area: str, mission: str, place, slugs: set[str], rng) -> PartnerGroup:
    slug = unique_slug(name, slugs)
    host = f"{slug[:50].strip('-')}.example.org"
    group = PartnerGroup(
        name=name,
        slug=slug,
        kind=kind,
        area_served=area,
        mission=mission,
        website=f"https://{host}/",
        meeting_times=rng.choice(MEETING_TIMES),
        languages="English, Spanish" if rng.random() < 0.25 else "English",
        contact_email=f"hello@{host}",
        contact_phone=f"({area_code(place.zip_code)}) 555-01{rng.randint(0, 99):02d}"
        if rng.random() < 0.6
        else "",
        # A group's contact details are for reaching the group: many publish them, none keeps them private.
        contact_email_visibility=rng.choice([Visibility.PUBLIC, Visibility.MEMBERS]),
        contact_phone_visibility=rng.choice([Visibility.PUBLIC, Visibility.MEMBERS, Visibility.MEMBERS]),
    )
    group.set_place(place)
    return group


def _groups_create(ctx: DemoContext) -> None:
    rng = ctx.rng("groups")
    slugs = set(PartnerGroup.objects.values_list("slug", flat=True))
    homes = [ORIGINAL_CITIES[i] for i in (0, 3, 5, 8)]  # Madison, Philadelphia, Atlanta, Denver
    ctx.alliance = [
        _group(name, "alliance", "national", mission, city_pool(city).center, slugs, rng)
        for (name, mission), city in zip(ALLIANCE_ORGS, homes, strict=True)
    ]
    for group in ctx.alliance:
        group.meeting_times = "Network call, first Monday of the month, 8 pm Eastern"
    for i, (name, issue) in enumerate(NATIONAL_ORGS):
        city = ORIGINAL_CITIES[(i * 5) % len(ORIGINAL_CITIES)]
        mission = (
            f"A national organization working on {ctx.topics[issue].name.lower()}: we back local leaders "
            "with trainings, research and staff on the ground."
        )
        ctx.national.append(_group(name, "national", "national", mission, city_pool(city).center, slugs, rng))
    for city in [*ORIGINAL_CITIES, *EXPANSION_CITIES]:
        if city in ORIGINAL_CITIES:
            kinds = ["local", "local", "local", "chapter", "faith", "faith", "union"]
            kinds += rng.sample(["local", "faith", "chapter", "union"], rng.randint(0, 3))
        else:
            kinds = ["local", rng.choice(["faith", "union", "chapter", "local"])]
        pool = city_pool(city)
        patterns = {
            "local": rng.sample(LOCAL_GROUP_PATTERNS, len(LOCAL_GROUP_PATTERNS)),
            "faith": rng.sample(FAITH_GROUP_PATTERNS, len(FAITH_GROUP_PATTERNS)),
            "union": rng.sample(UNION_GROUP_PATTERNS, len(UNION_GROUP_PATTERNS)),
        }
        groups = []
        for kind in kinds:
            place = pool.pick(rng)
            words = {"city": city.name, "county": place.county, "state_name": state_name(city.state)}
            if kind == "chapter":
                parent = rng.choice(ctx.alliance)
                name = f"{parent.name} – {city.name}"
                mission = f"The {city.name} chapter of {parent.name}. {parent.mission.split('. ')[0]}."
                area = rng.choice(["city", "county"])
            else:
                name = patterns[kind].pop().format(n=rng.randint(100, 999), **words)
                area = {"local": "city", "faith": "city", "union": rng.choice(["county", "state"])}[kind]
                mission = _mission(rng, kind, city)
            groups.append(_group(name, kind, area, mission, place, slugs, rng))
        ctx.groups_by_city[city] = groups
    PartnerGroup.objects.bulk_create(ctx.groups)
    links = []
    for group in ctx.groups:
        issues = rng.sample(ISSUE_SLUGS[1:], rng.randint(1, 3))
        if group.kind in ("alliance", "chapter") or rng.random() < 0.4:
            issues.append(ELECTING)
        if group.kind == "union" and "labor" not in issues:
            issues.append("labor")
        skills = rng.sample(SKILL_SLUGS, rng.randint(0, 2))
        links += [
            PartnerGroup.topics.through(partnergroup_id=group.pk, topic_id=ctx.topics[slug].pk)
            for slug in dict.fromkeys([*issues, *skills])
        ]
    PartnerGroup.topics.through.objects.bulk_create(links)


def _mission(rng: random.Random, kind: str, city: City) -> str:
    if kind == "faith":
        return (
            f"A congregation in {city.name} that puts its faith into action: voter registration after "
            f"services, accompaniment for immigrant families and a seat at the table for our neighbors."
        )
    if kind == "union":
        return (
            f"Working people in {city.name} and beyond, organizing for fair contracts, safe jobs and "
            f"elected officials who stand with workers."
        )
    return f"{rng.choice(MISSION_OPENERS)} in {city.name} {rng.choice(MISSION_ENDINGS)}"


def _pick_origin(rng: random.Random, city: City) -> str:
    mix = list(city.names) or NATIONAL_MIX
    rest = 1.0 - sum(w for _o, w in mix)
    if rest > 0.001:
        mix = mix + [(origin, w * rest) for origin, w in NATIONAL_MIX]
    return rng.choices([o for o, _w in mix], [w for _o, w in mix])[0]


def _visibility(rng: random.Random) -> dict[str, str]:
    """Most leaders show their name, city and bio; e-mail and phone never go below the members floor."""
    pub, mem, staff, priv = Visibility.PUBLIC, Visibility.MEMBERS, Visibility.STAFF, Visibility.PRIVATE
    return {
        "name_visibility": rng.choices([pub, mem, staff], [0.62, 0.34, 0.04])[0],
        "place_visibility": rng.choices([pub, mem, staff], [0.55, 0.4, 0.05])[0],
        "email_visibility": rng.choices([mem, staff, priv], [0.22, 0.68, 0.1])[0],
        "phone_visibility": rng.choices([mem, staff, priv], [0.1, 0.7, 0.2])[0],
        "address_visibility": rng.choices([staff, priv], [0.1, 0.9])[0],
        "bio_visibility": rng.choices([pub, mem, staff], [0.52, 0.44, 0.04])[0],
        "photo_visibility": rng.choices([pub, mem], [0.3, 0.7])[0],
    }


def _people_create(ctx: DemoContext) -> None:
    rng = ctx.rng("people")
    emails = set(
        Person.objects.filter(
            Q(email__endswith="@example.org") | Q(email__endswith="@example.net")
        ).values_list("email", flat=True)
    )
    topic_links: list[tuple[Person, list[str]]] = []
    for city in [*ORIGINAL_CITIES, *EXPANSION_CITIES]:
        pool = city_pool(city)
        count = rng.randint(88, 104) if city in ORIGINAL_CITIES else rng.randint(9, 15)
        people = []
        for _ in range(count):
            origin = _pick_origin(rng, city)
            feminine = rng.random() < 0.54
            first = rng.choice(NAMES[origin][0 if feminine else 1])
            last_origin = origin if rng.random() < 0.85 else _pick_origin(rng, city)
            last = rng.choice(NAMES[last_origin][2])
            leader_type = rng.choices(LEADER_TYPES, LEADER_TYPE_WEIGHTS)[0]
            languages = ["English"]
            second = SECOND_LANGUAGES.get(origin)
            if second and rng.random() < second[1]:
                languages.append(second[0])
            elif rng.random() < 0.07:
                languages.append("Spanish")
            issues = rng.sample(ISSUE_SLUGS[1:], rng.randint(1, 3))
            if rng.random() < 0.45:
                issues.insert(0, ELECTING)
            skills = rng.sample(SKILL_SLUGS, rng.randint(0, 3))
            if "Spanish" in languages and rng.random() < 0.4:
                skills.append("spanish-translation")
            issue_name = ctx.topics[issues[0]].name
            issue_text = issue_name if issue_name[1:2].isupper() else issue_name[0].lower() + issue_name[1:]
            person = Person(
                first_name=first,
                last_name=last,
                email=_unique_email(rng, first, last, emails),
                phone=f"({city.area_code}) 555-01{rng.randint(0, 99):02d}" if rng.random() < 0.7 else "",
                leader_type=leader_type,
                bio=rng.choice(BIOS[leader_type]).format(
                    city=city.name, issue=issue_text, n=rng.randint(3, 40)
                ),
                languages=", ".join(languages),
                pronouns=_pronouns(rng, feminine),
                listed=rng.random() < 0.93,
                **_visibility(rng),
            )
            person.set_place(pool.pick(rng))
            people.append(person)
            topic_links.append((person, list(dict.fromkeys([*issues, *skills]))))
        ctx.leaders_by_city[city] = people
    Person.objects.bulk_create(ctx.leaders, batch_size=500)
    Person.topics.through.objects.bulk_create(
        [
            Person.topics.through(person_id=person.pk, topic_id=ctx.topics[slug].pk)
            for person, slugs in topic_links
            for slug in slugs
        ],
        batch_size=2000,
    )


def _unique_email(rng: random.Random, first: str, last: str, taken: set[str]) -> str:
    domain = rng.choice(["example.org", "example.org", "example.net"])
    local = f"{ascii_slug(first)}.{ascii_slug(last)}".strip(".")
    email, n = f"{local}@{domain}", 2
    while email in taken:
        email, n = f"{local}{n}@{domain}", n + 1
    taken.add(email)
    return email


def _pronouns(rng: random.Random, feminine: bool) -> str:
    roll = rng.random()  # 45% leave it blank, 5% they/them
    if roll < 0.45:
        return ""
    if roll < 0.5:
        return "they/them"
    return "she/her" if feminine else "he/him"


def _affiliations_create(ctx: DemoContext) -> int:
    rng = ctx.rng("affiliations")
    rows: list[Affiliation] = []
    contacts: set[int] = set()
    leads = {kind: roles[1] for kind, roles in ROLES_BY_KIND.items()}
    for city, leaders in ctx.leaders_by_city.items():
        local = ctx.groups_by_city[city]
        for person in leaders:
            preferred = {
                "faith": [g for g in local if g.kind == "faith"],
                "large_org": [g for g in local if g.kind == "union"] + ctx.national,
            }.get(person.leader_type) or local
            n = rng.choices([0, 1, 2], [0.16, 0.58, 0.26])[0]
            chosen = rng.sample(preferred, min(n, len(preferred)))
            if n == 2 and len(chosen) < 2:
                chosen += [g for g in rng.sample(local, len(local)) if g not in chosen][:1]
            if rng.random() < 0.1:
                chosen.append(rng.choice(ctx.alliance))
            for group in dict.fromkeys(chosen):
                is_contact = group.pk not in contacts and person.listed
                if is_contact:
                    contacts.add(group.pk)
                    role = leads[group.kind]
                elif group.kind == "faith" and person.leader_type == "faith" and rng.random() < 0.4:
                    role = "Pastor"
                else:
                    role = rng.choice(ROLES_BY_KIND[group.kind])
                rows.append(Affiliation(person=person, group=group, role=role, is_contact=is_contact))
    Affiliation.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _resources_create(ctx: DemoContext) -> int:
    rng = ctx.rng("resources")
    providers = {g.name: g for g in [*ctx.alliance, *ctx.national]}
    resources = []
    for title, summary, kind, _topics, provider, audience, language in RESOURCES:
        group = providers[provider]
        resources.append(
            Resource(
                title=title,
                summary=summary,
                kind=kind,
                provider=group,
                audience=audience,
                language=language,
                url=f"{group.website}resources/{slugify(title)[:60]}",
                status=Resource.Status.APPROVED,
                last_checked=ctx.today - timedelta(days=rng.randint(3, 60)),
            )
        )
    Resource.objects.bulk_create(resources)
    Resource.topics.through.objects.bulk_create(
        [
            Resource.topics.through(resource_id=resource.pk, topic_id=ctx.topics[slug].pk)
            for resource, row in zip(resources, RESOURCES, strict=True)
            for slug in row[3]
        ]
    )
    return len(resources)
