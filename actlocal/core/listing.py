"""The query parameters every list shares (`q`, `near`, `within`, `state`, `page`) and what they do to a
queryset of rows with ``lat``/``lng`` (see ``directory.models.PlaceFields``).

Bad values never raise: they become a message shown above the list, and that filter is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import F, FloatField, QuerySet, Value
from django.db.models.functions import ACos, Cos, Least, Radians, Sin
from django.utils.translation import gettext as _

from actlocal.core import places

if TYPE_CHECKING:
    from actlocal.directory.models import PlaceFields

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 20
RADIUS_CHOICES = (5, 10, 25, 50, 100)


@dataclass
class ListParams:
    q: str = ""
    near: places.Place | None = None
    near_raw: str = ""
    within: float = 25
    state: str = ""
    page: str = "1"
    errors: list[str] = field(default_factory=list)


def parse_list_params(data) -> ListParams:
    params = ListParams()
    q = " ".join((data.get("q") or "").split())
    if len(q) > MAX_QUERY_LENGTH:
        params.errors.append(
            _("Your search was shortened to its first %(n)s characters.") % {"n": MAX_QUERY_LENGTH}
        )
        q = q[:MAX_QUERY_LENGTH]
    params.q = q
    params.near_raw = (data.get("near") or "").strip()[:20]
    if params.near_raw:
        try:
            params.near = places.place_for_zip(params.near_raw)
            params.within = places.parse_radius(data.get("within"))
        except places.PlaceError as exc:
            params.errors.append(str(exc))
            params.near = None
    state = (data.get("state") or "").strip().upper()[:2]
    if state:
        if places.is_state(state):
            params.state = state
        else:
            params.errors.append(_("“%(state)s” is not a US state.") % {"state": state})
    params.page = (data.get("page") or "1")[:6]
    return params


def distance_expression(lat: float, lng: float, *, prefix: str = ""):
    """Miles from (lat, lng) to each row, by the spherical law of cosines, in SQL on SQLite and PostgreSQL."""
    row_lat, row_lng = Radians(F(f"{prefix}lat")), Radians(F(f"{prefix}lng"))
    origin_lat, origin_lng = Radians(Value(lat)), Radians(Value(lng))
    cosine = Cos(origin_lat) * Cos(row_lat) * Cos(row_lng - origin_lng) + Sin(origin_lat) * Sin(row_lat)
    # Rounding can push the cosine a hair past 1 for a row at the origin; ACOS(1.0000001) is NaN/error.
    return Value(places.EARTH_RADIUS_MILES) * ACos(Least(cosine, Value(1.0)), output_field=FloatField())


def filter_near(
    qs: QuerySet, place: places.Place | PlaceFields, miles: float, *, prefix: str = ""
) -> QuerySet:
    """Rows within ``miles`` of ``place`` (a ZIP's place, or a row with ``lat``/``lng`` of its own), nearest
    first, annotated with ``distance``.

    The bounding box is an indexed first cut; the exact distance then trims its corners.
    """
    box = places.bounding_box(place.lat, place.lng, miles)
    return (
        qs.filter(
            **{
                f"{prefix}lat__gte": box.min_lat,
                f"{prefix}lat__lte": box.max_lat,
                f"{prefix}lng__gte": box.min_lng,
                f"{prefix}lng__lte": box.max_lng,
            }
        )
        .annotate(distance=distance_expression(place.lat, place.lng, prefix=prefix))
        .filter(distance__lte=miles)
        .order_by("distance")
    )


def paginate(qs, page: str, *, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(qs, per_page).get_page(page)
