"""US places, offline: a ZIP becomes a city, state, county, time zone and a point.

Data comes from the ``zipcodes`` package (USPS ZIPs with centroids) and the ``us`` package (state names,
FIPS codes). Nothing is fetched at run time. Points are ZIP centroids, never a home address.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import us
import zipcodes
from django.utils.translation import gettext as _

EARTH_RADIUS_MILES = 3958.7613
MAX_RADIUS_MILES = 500
_ZIP_RE = re.compile(r"^\s*([0-9]{5})(?:-?[0-9]{4})?\s*$")  # [0-9], not \d, which also matches Unicode digits


class PlaceError(ValueError):
    """A ZIP or distance a person typed that we cannot use; the message is safe to show them."""


@dataclass(frozen=True, slots=True)
class Place:
    zip_code: str
    city: str
    state: str
    county: str
    timezone: str
    lat: float
    lng: float

    @property
    def state_name(self) -> str:
        return state_name(self.state)

    @property
    def label(self) -> str:
        return f"{self.city}, {self.state} {self.zip_code}"


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    index = {}
    for row in zipcodes.list_all():
        if not row.get("lat") or not row.get("long"):
            continue
        index[row["zip_code"]] = Place(
            zip_code=row["zip_code"],
            city=row["city"].title(),
            state=row["state"],
            county=row.get("county") or "",
            timezone=row.get("timezone") or "America/New_York",
            lat=float(row["lat"]),
            lng=float(row["long"]),
        )
    return index


def normalize_zip(raw: str) -> str:
    """``"53703-1234"`` and ``" 53703 "`` become ``"53703"``; anything else raises PlaceError."""
    match = _ZIP_RE.match(raw or "")
    if not match:
        raise PlaceError(
            _("“%(zip)s” is not a US ZIP code (five digits, like 53703).") % {"zip": (raw or "")[:20]}
        )
    return match.group(1)


def place_for_zip(raw: str) -> Place:
    zip_code = normalize_zip(raw)
    place = _index().get(zip_code)
    if place is None:
        raise PlaceError(_("We don’t know the ZIP code %(zip)s.") % {"zip": zip_code})
    return place


def place_or_none(raw: str | None) -> Place | None:
    try:
        return place_for_zip(raw or "")
    except PlaceError:
        return None


def zips_in_state(state: str) -> list[Place]:
    state = state.upper()
    return [p for p in _index().values() if p.state == state]


def parse_radius(raw: str | int | float | None, *, default: float = 25) -> float:
    """A distance in miles from a query parameter: positive, at most MAX_RADIUS_MILES."""
    if raw in (None, ""):
        return default
    try:
        miles = float(raw)
        if not math.isfinite(miles):
            raise ValueError(raw)
    except (TypeError, ValueError):
        raise PlaceError(_("“%(value)s” is not a distance in miles.") % {"value": str(raw)[:20]})
    if miles <= 0:
        raise PlaceError(_("The distance must be more than 0 miles."))
    if miles > MAX_RADIUS_MILES:
        raise PlaceError(_("The distance can be at most %(max)s miles.") % {"max": MAX_RADIUS_MILES})
    return miles


def distance_miles(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    min_lng: float
    max_lng: float


def bounding_box(lat: float, lng: float, miles: float) -> BoundingBox:
    """The lat/lng box that contains every point within ``miles``: an index-friendly first cut."""
    dlat = math.degrees(miles / EARTH_RADIUS_MILES)
    cos_lat = max(math.cos(math.radians(lat)), 0.01)
    dlng = math.degrees(miles / (EARTH_RADIUS_MILES * cos_lat))
    return BoundingBox(lat - dlat, lat + dlat, lng - dlng, lng + dlng)


def state_name(abbr: str) -> str:
    state = us.states.lookup(abbr or "")
    return state.name if state else abbr


@lru_cache(maxsize=1)
def _states() -> dict[str, str]:
    return {s.abbr: s.name for s in [*us.states.STATES_AND_TERRITORIES, us.states.DC]}


def state_choices() -> list[tuple[str, str]]:
    """States, DC and territories, by name, for filters and forms."""
    return sorted(_states().items(), key=lambda pair: pair[1])


def is_state(abbr: str) -> bool:
    return abbr in _states()
