"""From found rows to what a page, JSON or CSV shows: a Django page of model objects with distances and
snippets, and facets as labelled options with counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Page, Paginator

from actlocal.core.listing import PAGE_SIZE, RADIUS_CHOICES
from actlocal.core.places import state_choices
from actlocal.directory.models import Topic
from actlocal.search.finder import Found, Query
from actlocal.search.params import SearchParams

MAX_CITY_OPTIONS = 20


@dataclass
class FacetOption:
    value: str
    label: str
    count: int | None  # None: not counted (a sample could not say)
    selected: bool


@dataclass
class SearchResults:
    page_obj: Page
    count: int
    capped: bool
    sort: str
    facets: dict[str, list[FacetOption]]
    params: SearchParams
    query: Query
    found: Found
    load: object  # ids -> {id: object}, through the directory's visibility selectors


def paginate_found(found: Found, page: str, load) -> Page:
    """A page of ``found.rows`` whose objects are the models ``load(ids)`` returns (a dict by id).

    ``load`` re-applies the visibility rule on the live rows; anything it leaves out is skipped.
    """
    page_obj = Paginator(found.rows, PAGE_SIZE).get_page(page)
    page_obj.object_list = load_rows(page_obj.object_list, load)
    return page_obj


def load_rows(rows, load) -> list:
    """The objects for ``rows``, in order, with ``distance`` and ``topic_list`` (from the index row:
    topics are public, and this saves a query per page)."""
    objects = load([row.object_id for row in rows])
    labels = topic_labels({s for row in rows for s in row.topics.split(",") if s})
    shown = []
    for row in rows:
        obj = objects.get(row.object_id)
        if obj is not None:
            obj.distance = row.distance
            obj.topic_list = [labels[s] for s in row.topics.split(",") if s in labels]
            shown.append(obj)
    return shown


@dataclass(frozen=True)
class TopicLabel:
    slug: str
    name: str
    kind: str


TOPIC_CACHE_KEY = "search:topic-labels"
TOPIC_CACHE_SECONDS = 30


def topic_labels(needed=()) -> dict[str, TopicLabel]:
    """Topics by slug, cached for 30 seconds (every result and facet names them), and re-read at once
    when a slug is missing (a topic just created)."""
    labels = cache.get(TOPIC_CACHE_KEY)
    if labels is None or any(slug not in labels for slug in needed):
        labels = {
            t.slug: TopicLabel(t.slug, t.name, t.kind)
            for t in Topic.objects.order_by("name").only("slug", "name", "kind")
        }
        cache.set(TOPIC_CACHE_KEY, labels, TOPIC_CACHE_SECONDS)
    return labels


def _options(counter, labels, current: str, *, exact: bool, keep_all: bool = True) -> list[FacetOption]:
    options = []
    for value, label in labels:
        count = counter.get(value, 0)
        if count or keep_all or value == current:
            options.append(FacetOption(value, label, count if (count or exact) else None, value == current))
    return options


def labelled_facets(
    found: Found, params: SearchParams, counts: dict, *, subtype_choices, topic_kinds
) -> dict:
    """Facet options per query parameter, from ``counts`` (a Counter per parameter, and "exact").
    ``topic_kinds`` maps a parameter ("issue", "skill", "topic") to the Topic kinds it offers."""
    exact = counts["exact"]
    f = counts
    base = params.base
    facets = {
        "state": _options(f["state"], state_choices(), base.state, exact=exact),
        "type": _options(f["type"], subtype_choices, params.subtype, exact=exact),
    }
    cities = [c for c, _ in f["city"].most_common(MAX_CITY_OPTIONS)]
    if params.city and params.city not in cities:
        cities.append(params.city)
    facets["city"] = _options(f["city"], [(c, c) for c in sorted(cities)], params.city, exact=exact)
    topics = sorted(topic_labels(set(f["topic"])).values(), key=lambda t: t.name)
    for name, kinds in topic_kinds.items():
        labels = [(t.slug, t.name) for t in topics if t.kind in kinds]
        facets[name] = _options(f[name], labels, params.topics.get(name, ""), exact=exact, keep_all=False)
    languages = sorted(f["language"])
    if params.language and params.language not in languages:
        languages.append(params.language)
    facets["language"] = _options(
        f["language"], [(lang, lang.title()) for lang in languages], params.language, exact=exact
    )
    if base.near is not None:
        facets["within"] = [
            FacetOption(
                str(miles),
                str(miles),
                found.facets["within"].get(miles, 0) if miles <= base.within and exact else None,
                float(miles) == base.within,
            )
            for miles in RADIUS_CHOICES
        ]
    return facets
