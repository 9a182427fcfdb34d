"""A server-drawn map of the US states (and DC) with a count per state: works offline, without JavaScript
and for screen readers, and any app can use it.

Shapes come from the npm package ``us-atlas`` (``states-albers-10m.json``: TopoJSON already projected to
Albers USA in a 975×610 box). We decode it once per process, simplify each shared arc the same way (so
neighbouring states still meet) and round to one decimal, which keeps the whole map near 60 KB.

Use it from Python::

    from actlocal.core.statemap import state_map_svg
    html = state_map_svg({"WI": 12, "MN": 3}, noun="leaders", link="/leaders/?type=faith")

or from a template::

    {% load statemap %}
    {% state_map counts noun="leaders" link=list_url title=_("Leaders by state") %}

Each state is a keyboard-focusable link (``link`` plus ``state=XX``) named like "Wisconsin: 12 leaders";
the legend bins counts into a colour-blind-safe sequential palette, and a table repeats every number.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import us
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actlocal.core.places import state_name

WIDTH, HEIGHT = 975, 610
# ColorBrewer "Blues" (sequential, single hue: safe for every kind of colour blindness), light to dark,
# without its palest steps so that even the lowest class stands apart from the white of "none".
PALETTE = ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594")
ZERO_FILL = "#ffffff"
# Points closer than this (in map pixels) to the last kept point are dropped: invisible at 975 px wide.
SIMPLIFY_PX = 1.2
# States too small to click or see (DC) also get a dot of this radius at their centre.
TINY_STATE_PX = 6


@dataclass(frozen=True, slots=True)
class StateShape:
    abbr: str
    name: str
    path: str  # SVG path data
    cx: float  # centre of the bounding box, for the dot on tiny states
    cy: float
    tiny: bool


def atlas_path() -> Path:
    return Path(settings.BASE_DIR) / "node_modules" / "us-atlas" / "states-albers-10m.json"


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs are quantized and delta-encoded; return them as absolute, simplified points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(_simplify(points))
    return arcs


def _simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    # Keep both ends so arcs still join; rounding to 0.1 px happens when the path is written.
    if len(points) <= 2:
        return points
    kept = [points[0]]
    for point in points[1:-1]:
        if math.dist(point, kept[-1]) >= SIMPLIFY_PX:
            kept.append(point)
    kept.append(points[-1])
    return kept


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        # A negative index ~i means arc i walked backwards.
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _path_data(rings: list[list[tuple[float, float]]]) -> str:
    """Absolute move, then relative lines in tenths of a pixel: short and exact after rounding."""
    parts = []
    for ring in rings:
        cells = [(round(x * 10), round(y * 10)) for x, y in ring]
        deduped = [cells[0]] + [c for prev, c in zip(cells, cells[1:], strict=False) if c != prev]
        if len(deduped) < 3:
            continue
        x0, y0 = deduped[0]
        out = [f"M{_num(x0)} {_num(y0)}l"]
        steps = [
            f"{_num(x - px)} {_num(y - py)}" for (px, py), (x, y) in zip(deduped, deduped[1:], strict=False)
        ]
        out.append(" ".join(steps).replace(" -", "-"))
        out.append("z")
        parts.append("".join(out))
    return "".join(parts)


def _num(tenths: int) -> str:
    """Tenths of a pixel as the shortest SVG number: 12 -> "1.2", -5 -> "-.5", 30 -> "3"."""
    text = f"{tenths / 10:g}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


@lru_cache(maxsize=1)
def state_shapes() -> tuple[StateShape, ...]:
    """The 50 states and DC, sorted by name (so Tab moves through them alphabetically). Cached per process."""
    with atlas_path().open(encoding="utf-8") as fh:
        topology = json.load(fh)
    arcs = _decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["states"]["geometries"]:
        state = us.states.lookup(geometry["id"], field="fips")
        if state is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [_ring(arcs, ring) for polygon in polygons for ring in polygon]
        xs = [x for ring in rings for x, _y in ring]
        ys = [y for ring in rings for _x, y in ring]
        tiny = max(xs) - min(xs) < TINY_STATE_PX and max(ys) - min(ys) < TINY_STATE_PX
        shapes.append(
            StateShape(
                abbr=state.abbr,
                name=state.name,
                path=_path_data(rings),
                cx=round((min(xs) + max(xs)) / 2, 1),
                cy=round((min(ys) + max(ys)) / 2, 1),
                tiny=tiny,
            )
        )
    return tuple(sorted(shapes, key=lambda s: s.name))


def mapped_states() -> frozenset[str]:
    return frozenset(s.abbr for s in state_shapes())


@dataclass(frozen=True, slots=True)
class Bin:
    low: int
    high: int
    fill: str

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


def count_bins(values, *, classes: int = len(PALETTE)) -> list[Bin]:
    """Quantile classes of the non-zero counts, at most ``classes`` of them, coloured light to dark."""
    nonzero = sorted(v for v in values if v > 0)
    if not nonzero:
        return []
    distinct = sorted(set(nonzero))
    if len(distinct) <= classes:
        highs = distinct
    else:
        highs = sorted(
            {nonzero[max(0, math.ceil(len(nonzero) * k / classes) - 1)] for k in range(1, classes + 1)}
        )
    # Spread the colours over the whole palette even when there are fewer classes than colours.
    step = (len(PALETTE) - 1) / max(1, len(highs) - 1)
    bins, low = [], 1
    for i, high in enumerate(highs):
        bins.append(Bin(low=low, high=high, fill=PALETTE[round(i * step)] if len(highs) > 1 else PALETTE[-2]))
        low = high + 1
    return bins


def _fill(count: int, bins: list[Bin]) -> str:
    for b in bins:
        if count <= b.high:
            return b.fill if count > 0 else ZERO_FILL
    return ZERO_FILL


def describe_count(state: str, count: int, noun: str) -> str:
    """'Wisconsin: 12 leaders' in the current language. ``noun`` is one of NOUNS (else a bare number)."""
    if noun == "leaders":
        text = ngettext("%(state)s: %(n)s leader", "%(state)s: %(n)s leaders", count)
    elif noun == "groups":
        text = ngettext("%(state)s: %(n)s group", "%(state)s: %(n)s groups", count)
    elif noun == "resources":
        text = ngettext("%(state)s: %(n)s resource", "%(state)s: %(n)s resources", count)
    elif noun == "events":
        text = ngettext("%(state)s: %(n)s event", "%(state)s: %(n)s events", count)
    else:
        text = _("%(state)s: %(n)s")
    return text % {"state": state, "n": count}


NOUNS = ("leaders", "groups", "resources", "events")


def _state_link(link: str | None, abbr: str) -> str | None:
    if not link:
        return None
    return f"{link}{'&' if '?' in link else '?'}state={abbr}"


def state_map_context(
    counts: dict[str, int],
    *,
    noun: str = "",
    link: str | None = None,
    title: str = "",
    description: str = "",
    column: str = "",
    id_prefix: str = "statemap",
    table: bool = True,
) -> dict:
    """What ``core/state_map.html`` needs. Counts for places off the map (territories) appear in the table only."""
    counts = {k: int(v) for k, v in counts.items() if k}
    bins = count_bins(counts.values())
    states = [
        {
            "abbr": s.abbr,
            "name": s.name,
            "path": s.path,
            "cx": s.cx,
            "cy": s.cy,
            "tiny": s.tiny,
            "count": counts.get(s.abbr, 0),
            "fill": _fill(counts.get(s.abbr, 0), bins),
            "label": describe_count(s.name, counts.get(s.abbr, 0), noun),
            "href": _state_link(link, s.abbr),
        }
        for s in state_shapes()
    ]
    rows = sorted(
        (
            {"abbr": k, "name": state_name(k), "count": v, "href": _state_link(link, k)}
            for k, v in counts.items()
            if v
        ),
        key=lambda r: r["name"],
    )
    return {
        "id_prefix": id_prefix,
        "width": WIDTH,
        "height": HEIGHT,
        "title": title or _("Map of the United States by state"),
        "description": description
        or _("Each state is shaded by its count; darker means more. The table below has every number."),
        "column": column or _("Count"),
        "states": states,
        "bins": bins,
        "zero_fill": ZERO_FILL,
        "rows": rows,
        "total": sum(counts.values()),
        "table": table,
        "off_map": [r for r in rows if r["abbr"] not in mapped_states()],
    }


def state_map_svg(counts: dict[str, int], **options) -> str:
    """The map, its legend and (unless ``table=False``) the table, as safe HTML. See ``state_map_context``."""
    return render_to_string("core/state_map.html", state_map_context(counts, **options))
