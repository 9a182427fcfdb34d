"""One search for every directory: words, filters, distance, facets, sort, on the index table.

``find(...)`` returns the ordered candidates (at most ``CANDIDATE_CAP``; beyond that the count is a
lower bound) and facet counts computed over exactly those candidates, so a facet's count is the number
of results its filter gives whenever the result set is not capped. Relevance is bm25 (SQLite) or
ts_rank (PostgreSQL) over the candidates only: scoring every match is what makes the naive query slow.
"""

# ruff: noqa: S608, S611 -- the SQL here is assembled from fixed fragments and %s placeholders;
# every value a visitor typed travels as a query parameter.

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models.expressions import RawSQL

from actlocal.core import places
from actlocal.core.listing import RADIUS_CHOICES
from actlocal.core.visibility import audience_rank
from actlocal.search import backends
from actlocal.search.indexing import geocell

CANDIDATE_CAP = 500
NAME_PASS = 100  # with a capped set, name matches are fetched first so the best hits are among them
MAX_CELLS = 1500  # beyond this many grid cells, a plain lat/lng box is cheaper to ask for
SORTS = ("relevance", "distance", "name", "newest")
_COLUMNS = (
    "d.object_id, d.state, d.city, d.place_rank, d.owner_id, d.subtype, d.topics, d.languages, "
    # As text: parsing a datetime per candidate costs more than the whole facet count. ISO text in UTC
    # sorts like the datetime, which is all "newest" needs.
    "d.lat, d.lng, d.sort_name, CAST(d.created_at AS TEXT)"
)


@dataclass
class Query:
    kind: str
    rank: int  # visibility.audience_rank of the viewer
    user_id: int | None = None
    terms: list[str] = field(default_factory=list)
    state: str = ""
    city: str = ""
    subtype: str = ""
    topics: list[str] = field(default_factory=list)
    language: str = ""
    near: places.Place | None = None
    within: float = 25
    sort: str = ""

    def effective_sort(self) -> str:
        if self.sort == "distance" and self.near is None:
            return self.default_sort()
        if self.sort == "relevance" and not self.terms:
            return self.default_sort()
        return self.sort if self.sort in SORTS else self.default_sort()

    def default_sort(self) -> str:
        # "Near a ZIP" is a question about distance first, even with words.
        return "distance" if self.near else "relevance" if self.terms else "name"


@dataclass
class Row:
    object_id: int
    state: str
    city: str
    place_rank: int
    owner_id: int | None
    subtype: str
    topics: str
    languages: str
    lat: float | None
    lng: float | None
    sort_name: str
    created_at: str | None
    score: float = 0.0
    distance: float | None = None


@dataclass
class Found:
    rows: list[Row]
    count: int
    capped: bool  # more matched than CANDIDATE_CAP: ``count`` is a lower bound, facets a sample
    facets: dict[str, Counter]
    sort: str


def _where(query: Query) -> tuple[list[str], list]:
    """Visibility and filters, as SQL on the document alias ``d``."""
    sql, params = ["d.kind = %s"], [query.kind]
    leaders = query.kind == "leader"
    uid = query.user_id if query.user_id is not None else -1
    place_ok = "(d.place_rank <= %s OR d.owner_id = %s)"
    if leaders:
        # Findable only by a viewer who may see the name, and only while listed; she always finds herself.
        sql.append("((d.name_rank <= %s AND d.listed = %s) OR d.owner_id = %s)")
        params += [query.rank, True, uid]
    if query.state:
        if query.kind == "resource":
            sql.append("(d.regions = '' OR d.regions LIKE %s)")
            params.append(f"%,{query.state},%")
        else:
            sql.append("d.state = %s")
            params.append(query.state)
            if leaders:
                sql.append(place_ok)
                params += [query.rank, uid]
    if query.city:
        sql.append("d.city = %s")
        params.append(query.city)
        if leaders:
            sql.append(place_ok)
            params += [query.rank, uid]
    if query.subtype:
        sql.append("d.subtype = %s")
        params.append(query.subtype)
    for slug in query.topics:
        sql.append("d.topics LIKE %s")
        params.append(f"%,{slug},%")
    if query.language:
        sql.append("d.languages LIKE %s")
        params.append(f"%,{query.language},%")
    if query.near is not None and leaders:
        sql.append(place_ok)
        params += [query.rank, uid]
    return sql, params


def _box(query: Query, miles: float) -> tuple[str, list]:
    """Rows in the bounding box of ``miles`` around ``near``: by grid cell when that is a short list."""
    box = places.bounding_box(query.near.lat, query.near.lng, miles)
    lat_steps = range(int((box.min_lat + 90) * 10), int((box.max_lat + 90) * 10) + 1)
    lng_steps = range(int((box.min_lng + 180) * 10), int((box.max_lng + 180) * 10) + 1)
    if len(lat_steps) * len(lng_steps) <= MAX_CELLS and query.kind != "resource":
        cells = [la * 4000 + lo for la in lat_steps for lo in lng_steps]
        return f"d.geocell IN ({', '.join(['%s'] * len(cells))})", cells
    return (
        "d.lat BETWEEN %s AND %s AND d.lng BETWEEN %s AND %s",
        [box.min_lat, box.max_lat, box.min_lng, box.max_lng],
    )


def _fetch(sql: str, params: list, *, scored: bool = False) -> list[Row]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if scored:
        return [Row(*r[:-1], score=r[-1]) for r in rows]
    return [Row(*r) for r in rows]


def _fetch_by_id(ids: list[int]) -> list[Row]:
    if not ids:
        return []
    return _fetch(
        f"SELECT {_COLUMNS} FROM search_document d WHERE d.id IN ({', '.join(['%s'] * len(ids))})", ids
    )


def _text_rows(
    query: Query,
    where: list[str],
    params: list,
    *,
    limit: int,
    names_only=False,
    prefixes=backends.PREFIX_ALL,
) -> list[Row]:
    match = backends.text_match(query.terms, rank=query.rank, names_only=names_only, prefixes=prefixes)
    sql = (
        f"SELECT {_COLUMNS}, {match.score_sql} FROM {match.from_sql} "
        f"WHERE {match.where_sql} AND {' AND '.join(where)} LIMIT {int(limit)}"
    )
    return _fetch(sql, match.score_params + match.params + params, scored=True)


def _widening_text_rows(query: Query, where: list[str], params: list, cap: int) -> tuple[list[Row], str]:
    """Whole words first; then the last word as a prefix (search as you type); every word as a prefix
    only if that found nothing. A prefix of a common word is what is slow ("justice*" merges 300,000
    entries before LIMIT can stop it), and once whole words fill the cap, prefixes could only add more
    of a result that is capped anyway."""
    rows: list[Row] = []
    steps = [backends.PREFIX_NONE, backends.PREFIX_LAST]
    for prefixes in steps:
        rows = _text_rows(query, where, params, limit=cap + 1, prefixes=prefixes)
        if len(rows) > cap:
            return rows, prefixes
    if not rows and len(query.terms) > 1:
        return _text_rows(query, where, params, limit=cap + 1), backends.PREFIX_ALL
    return rows, backends.PREFIX_LAST


def _add_distances(query: Query, rows: list[Row], miles: float) -> list[Row]:
    """Haversine distances (as ``places.distance_miles``, inlined: this runs for every candidate)."""
    lat0, lng0 = math.radians(query.near.lat), math.radians(query.near.lng)
    cos0, radians, sin, cos, asin, sqrt = (
        math.cos(lat0),
        math.radians,
        math.sin,
        math.cos,
        math.asin,
        math.sqrt,
    )
    diameter = 2 * places.EARTH_RADIUS_MILES
    inside = []
    for row in rows:
        if row.lat is None or row.lng is None:
            continue
        lat = radians(row.lat)
        a = sin((lat - lat0) / 2) ** 2 + cos0 * cos(lat) * sin((radians(row.lng) - lng0) / 2) ** 2
        row.distance = diameter * asin(min(1.0, sqrt(a)))
        if row.distance <= miles:
            inside.append(row)
    return inside


def _near_rows(query: Query, where: list[str], params: list, cap: int) -> tuple[list[Row], bool]:
    """Nearest first without reading every row of a dense area: the database orders the rows of a small
    box by a flat-earth distance and returns the first ``cap + 1``; if the last of them is still inside
    that box's circle, every nearer row has been seen, else the box grows. Exact (haversine) distances
    then order the candidates and trim the box's corners."""
    lat0, lng0 = query.near.lat, query.near.lng
    squash = math.cos(math.radians(lat0)) ** 2
    flat = "((d.lat - %s) * (d.lat - %s) + (d.lng - %s) * (d.lng - %s) * %s)"
    flat_params = [lat0, lat0, lng0, lng0, squash]
    radii = [r for r in (2.5, 5, 10, 25, 50, 100, 250) if r < query.within] + [query.within]
    for miles in radii:
        box_sql, box_params = _box(query, miles)
        box = places.bounding_box(lat0, lng0, miles)
        # Ids first, from the covering index search_doc_near (no table reads for the rows left out),
        # then the columns of at most cap + 1 rows.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.id FROM search_document d WHERE {' AND '.join(where)} AND {box_sql} "
                f"AND d.lat BETWEEN %s AND %s AND d.lng BETWEEN %s AND %s ORDER BY {flat} LIMIT {int(cap) + 1}",
                params + box_params + [box.min_lat, box.max_lat, box.min_lng, box.max_lng] + flat_params,
            )
            ids = [r[0] for r in cursor.fetchall()]
        rows = _fetch_by_id(ids)
        inside = _add_distances(query, rows, miles)
        # More than ``cap`` rows inside this circle: they are the nearest ones, whatever lies further out.
        if len(inside) > cap or miles == query.within:
            return inside, len(inside) > cap
    raise AssertionError("unreachable: the last radius is query.within")


def find(query: Query, *, cap: int = CANDIDATE_CAP) -> Found:
    """The candidates for ``query`` in its sort order (at most ``cap``), their count and facets."""
    where, params = _where(query)
    sort = query.effective_sort()
    capped = False
    if query.terms:
        if query.near is not None:
            box_sql, box_params = _box(query, query.within)
            rows = _text_rows(query, [*where, box_sql], params + box_params, limit=cap * 10)
            rows = _add_distances(query, rows, query.within)
        else:
            rows, prefixes = _widening_text_rows(query, where, params, cap)
            if len(rows) > cap and connection.vendor == "sqlite":
                names = _text_rows(query, where, params, limit=NAME_PASS, names_only=True, prefixes=prefixes)
                seen = {r.object_id for r in names}
                rows = names + [r for r in rows if r.object_id not in seen]
    elif query.near is not None:
        rows, capped = _near_rows(query, where, params, cap)
    else:
        order = "d.created_at DESC, d.object_id DESC" if sort == "newest" else "d.sort_name, d.object_id"
        rows = _fetch(
            f"SELECT {_COLUMNS} FROM search_document d WHERE {' AND '.join(where)} "
            f"ORDER BY {order} LIMIT {cap + 1}",
            params,
        )
    if len(rows) > cap:
        capped = True
    _sort(rows, sort)
    rows = rows[:cap]
    return Found(rows=rows, count=len(rows), capped=capped, facets=facet_counts(query, rows), sort=sort)


def matching_ids(*, kind: str, q: str, viewer) -> RawSQL:
    """The ids of ``kind`` objects whose viewer-visible text matches ``q``: a subquery for
    ``filter(pk__in=...)``. Words with no letters or digits restrict nothing."""
    terms = backends.query_terms(q)
    if not terms:
        return RawSQL("SELECT d.object_id FROM search_document d WHERE d.kind = %s", [kind])
    match = backends.text_match(terms, rank=audience_rank(viewer))
    return RawSQL(
        f"SELECT d.object_id FROM {match.from_sql} WHERE {match.where_sql} AND d.kind = %s",
        [*match.params, kind],
    )


def _sort(rows: list[Row], sort: str) -> None:
    if sort == "relevance":
        rows.sort(key=lambda r: (r.score, r.sort_name, r.object_id))
    elif sort == "distance":
        rows.sort(key=lambda r: (r.distance if r.distance is not None else math.inf, r.sort_name))
    elif sort == "newest":
        rows.sort(key=lambda r: (r.created_at or "", r.object_id), reverse=True)
    else:
        rows.sort(key=lambda r: (r.sort_name, r.object_id))


def facet_counts(query: Query, rows: list[Row]) -> dict[str, Counter]:
    """Counts per filter value over ``rows``. Place facets count a leader only where the viewer may
    see her place, exactly as the state and city filters do."""
    uid = query.user_id if query.user_id is not None else -1
    if query.kind == "leader":
        placed = [r for r in rows if r.place_rank <= query.rank or r.owner_id == uid]
    else:
        placed = rows
    facets = {
        "state": Counter(r.state for r in placed if r.state),
        "city": Counter(r.city for r in placed if r.city),
        "type": Counter(r.subtype for r in rows if r.subtype),
        "topic": Counter(s for r in rows if r.topics for s in r.topics.split(",") if s),
        "language": Counter(s for r in rows if r.languages for s in r.languages.split(",") if s),
        "within": Counter(),
    }
    distances = [r.distance for r in rows if r.distance is not None]
    for miles in RADIUS_CHOICES:
        if distances and miles <= query.within:
            facets["within"][miles] = sum(1 for d in distances if d <= miles)
    return facets


__all__ = ["CANDIDATE_CAP", "SORTS", "Found", "Query", "Row", "find", "geocell"]
