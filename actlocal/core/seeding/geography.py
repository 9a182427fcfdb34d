"""Where seeded people live: real ZIPs around real cities, and an illustrative profile for each county.

Only residential ("STANDARD") ZIPs are used: a leader whose ZIP is a PO box or the IRS would look odd on
a map. Every figure here is derived from the offline ``zipcodes`` data, so a seed is the same on every
machine.
"""

from __future__ import annotations

import random
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import zipcodes

from actlocal.core.models_area import AreaType, Lean
from actlocal.core.places import Place, distance_miles, place_for_zip, zips_in_state
from actlocal.core.seeding.reference import METRO_ZIPS, STATE_WEIGHTS, City

COUNTY_SOURCE = "ActLocal demo reference table (illustrative, not real data)"
COUNTY_YEAR = 2016
NEAR_CITY_MILES = 40
SUBURB_MILES = 35


@lru_cache(maxsize=1)
def _residential_zips() -> frozenset[str]:
    return frozenset(
        row["zip_code"] for row in zipcodes.list_all() if row["zip_code_type"] == "STANDARD" and row["active"]
    )


@lru_cache(maxsize=1)
def _area_codes() -> dict[str, str]:
    return {row["zip_code"]: (row.get("area_codes") or ["555"])[0] for row in zipcodes.list_all()}


def area_code(zip_code: str) -> str:
    """The ZIP's first telephone area code, so seeded (fictional, 555-01xx) numbers look local."""
    return _area_codes().get(zip_code, "555")


@lru_cache(maxsize=64)
def residential_places(state: str) -> tuple[Place, ...]:
    """The state's residential ZIPs, sorted so that draws from them are reproducible."""
    residential = _residential_zips()
    places = [p for p in zips_in_state(state) if p.zip_code in residential and p.county]
    return tuple(sorted(places, key=lambda p: p.zip_code))


@dataclass
class CityPool:
    """A city's ZIPs in three rings: downtown county, within 20 miles, within 40 miles."""

    city: City
    center: Place
    core: list[Place] = field(default_factory=list)
    inner: list[Place] = field(default_factory=list)
    outer: list[Place] = field(default_factory=list)

    def pick(self, rng: random.Random) -> Place:
        # Most leaders live in the city's own county; enough live farther out that the suburban and
        # rural cells of the survey are not empty.
        roll = rng.random()
        ring = self.core if roll < 0.55 else self.inner if roll < 0.8 else self.outer
        return rng.choice(ring or self.core or [self.center])


@lru_cache(maxsize=128)
def city_pool(city: City) -> CityPool:
    center = place_for_zip(city.zip_code)
    pool = CityPool(city=city, center=center)
    for place in residential_places(city.state):
        miles = distance_miles(center.lat, center.lng, place.lat, place.lng)
        if miles > NEAR_CITY_MILES:
            continue
        if place.county == center.county:
            pool.core.append(place)
        elif miles <= 20:
            pool.inner.append(place)
        else:
            pool.outer.append(place)
    if center.zip_code not in {p.zip_code for p in pool.core}:
        pool.core.append(center)
    pool.inner = pool.inner or pool.core
    pool.outer = pool.outer or pool.inner
    return pool


@dataclass(frozen=True)
class CountyLens:
    area_type: str
    lean: str


@lru_cache(maxsize=1)
def _county_centroids() -> dict[tuple[str, str], tuple[float, float]]:
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    residential = _residential_zips()
    for state in [*STATE_WEIGHTS, "DC"]:
        for place in zips_in_state(state):
            if place.zip_code in residential and place.county:
                acc = sums[(place.state, place.county)]
                acc[0] += place.lat
                acc[1] += place.lng
                acc[2] += 1
    return {key: (lat / n, lng / n) for key, (lat, lng, n) in sums.items()}


@lru_cache(maxsize=1)
def _metro_places() -> tuple[Place, ...]:
    return tuple(place_for_zip(z) for z in dict.fromkeys(METRO_ZIPS))


def _unit(key: str) -> float:
    """A stable number in [0, 1) for a county: the same lean on every machine, seed and scale."""
    return zlib.crc32(key.encode()) / 2**32


@lru_cache(maxsize=8192)
def county_lens(state: str, county: str) -> CountyLens:
    """Area type from distance to a big city; lean leaning with it, mixed so every cell has counties.

    Illustrative only: the demo must show rural blue and urban red counties too, or the survey's
    crosstabs would have empty cells.
    """
    metros = _metro_places()
    if any(m.state == state and m.county == county for m in metros):
        area = AreaType.URBAN
    else:
        lat, lng = _county_centroids().get((state, county), (None, None))
        near = lat is not None and any(
            distance_miles(lat, lng, m.lat, m.lng) <= SUBURB_MILES for m in metros if abs(m.lat - lat) < 1
        )
        area = AreaType.SUBURBAN if near else AreaType.RURAL
    roll = _unit(f"{state}|{county}")
    blue, purple = {
        AreaType.URBAN: (0.78, 0.94),
        AreaType.SUBURBAN: (0.3, 0.72),
        AreaType.RURAL: (0.1, 0.38),
    }[area]
    lean = Lean.BLUE if roll < blue else Lean.PURPLE if roll < purple else Lean.RED
    return CountyLens(area_type=str(area), lean=str(lean))
