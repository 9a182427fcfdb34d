"""Seeding as one operation: check for existing seeded data, optionally reset, then load a scale.

The ``seed`` management command is a thin wrapper around ``dataset_seed``; the benchmark harness and the
tests call the command, so there is one way to build a dataset.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from actlocal.accounts.models import User
from actlocal.core.audit import audit_log
from actlocal.core.models import CountyProfile
from actlocal.core.seeding.accounts import DEMO_ACCOUNTS
from actlocal.core.seeding.catalog import SERIES_2017, SERIES_2018, SERIES_NETWORK, SURVEY_2017, SURVEY_2018
from actlocal.core.seeding.geography import COUNTY_SOURCE
from actlocal.directory.models import Affiliation, PartnerGroup, Person, Resource
from actlocal.events.models import CoHost, Event, EventSeries, Rsvp
from actlocal.network.models import Space
from actlocal.surveys.models import Answer, Response, Survey

Log = Callable[[str], None]
SCALES = ("demo", "large")
ALREADY_PRESENT = "Demo data already present; nothing to do."
SEEDED_SERIES = (SERIES_2017, SERIES_2018, SERIES_NETWORK)
SEEDED_SURVEYS = (SURVEY_2017.slug, SURVEY_2018.slug)
# example.org/.net are reserved (RFC 2606): no real leader or group has them, so they mark seeded rows.
SEEDED_EMAIL = Q(email__endswith="@example.org") | Q(email__endswith="@example.net")
SEEDED_WEBSITE = Q(website__contains=".example.org/")


def dataset_is_seeded() -> bool:
    """Both scales create the 2017 series first, so its presence means a seed ran (or is running)."""
    return EventSeries.objects.filter(slug=SERIES_2017).exists()


def dataset_seed(*, scale: str, seed: int, log: Log, reset: bool = False) -> dict[str, int] | None:
    """Load ``scale`` ("demo" or "large") unless seeded data is already there; None means nothing done."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; expected one of {', '.join(SCALES)}")
    if reset:
        dataset_reset(log=log)
    elif dataset_is_seeded():
        log(ALREADY_PRESENT)
        return None
    today = timezone.localdate()
    if scale == "demo":
        from actlocal.core.seeding.demo import demo_dataset_create

        counts = demo_dataset_create(seed=seed, today=today, log=log)
    else:
        from actlocal.core.seeding.large import large_dataset_create

        counts = large_dataset_create(seed=seed, today=today, log=log)
    # Bulk inserts skip the search index's signals: build the index once, set-based, at the end.
    from actlocal.search.rebuild import rebuild_index

    timings = rebuild_index()
    log(f"Search index built in {sum(timings.values()):.1f}s.")
    return counts


@transaction.atomic
def dataset_reset(*, log: Log) -> None:
    """Delete what a seed created, leaves first, so each step is a plain DELETE.

    Topics stay: they are reference data real records may point to. For a large dataset deleting the
    database file is much faster than this.
    """
    surveys = Survey.objects.filter(slug__in=SEEDED_SURVEYS)
    events = Event.objects.filter(series__slug__in=SEEDED_SERIES)
    people = Person.objects.filter(SEEDED_EMAIL)
    groups = PartnerGroup.objects.filter(SEEDED_WEBSITE)
    steps = [
        ("answers", Answer.objects.filter(response__survey__in=surveys)),
        ("responses", Response.objects.filter(survey__in=surveys)),
        ("surveys", surveys),
        ("RSVPs", Rsvp.objects.filter(Q(event__in=events) | Q(person__in=people))),
        ("co-hosts", CoHost.objects.filter(Q(event__in=events) | Q(group__in=groups))),
        ("spaces", Space.objects.filter(Q(event__in=events) | Q(group__in=groups) | _seeded_space_slugs())),
        ("events", events),
        ("event series", EventSeries.objects.filter(slug__in=SEEDED_SERIES)),
        ("affiliations", Affiliation.objects.filter(Q(person__in=people) | Q(group__in=groups))),
        ("resources", Resource.objects.filter(provider__in=groups)),
        ("leaders", people),
        ("partner groups", groups),
        ("county profiles", CountyProfile.objects.filter(source=COUNTY_SOURCE)),
        ("demo accounts", User.objects.filter(email__in=[email for email, _role in DEMO_ACCOUNTS])),
    ]
    counts = {}
    for label, queryset in steps:
        deleted, _by_model = queryset.delete()
        counts[label] = deleted
        log(f"  deleted {label}: {deleted:,} rows")
    audit_log(action="seed.reset", changes=counts)


def _seeded_space_slugs() -> Q:
    from actlocal.core.seeding.reference import ISSUES, STATE_WEIGHTS

    slugs = ["best-practices", "troubleshooting", "elections"]
    slugs += [f"topic-{slug}" for slug, _n, _e in ISSUES]
    slugs += [f"state-{state.lower()}" for state in [*STATE_WEIGHTS, "DC"]]
    return Q(slug__in=slugs)
