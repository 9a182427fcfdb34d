"""Maps of leaders, partner groups and resources by state (and leaders and groups by city).

Each page takes the list's filters, draws the states on the server (``core.statemap``: works offline and
for screen readers, with a table of the same numbers) and hands city counts to ``static/js/map.js``,
which adds a Leaflet layer with tiles when the browser can load them.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from actlocal.core.listing import parse_list_params
from actlocal.core.places import state_choices
from actlocal.directory import selectors, selectors_map
from actlocal.directory.models import PartnerGroup, Person, Resource, Topic

# The list filters a map keeps when it links a state to its list (``state`` itself is added per state).
_CARRIED = ("q", "near", "within", "type", "kind", "topic")
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def _choice(request, name: str, values) -> str:
    value = request.GET.get(name, "")
    return value if value in values else ""


def _topic(request) -> str:
    # A slug or nothing: anything else (a NUL byte, say) would only match no topic, or upset PostgreSQL.
    value = request.GET.get("topic", "")
    return value if SLUG_RE.match(value) else ""


def _list_link(request, list_name: str) -> str:
    # Control characters (NUL above all) never travel on: the list would only choke on them.
    kept = [(k, _CONTROL_RE.sub("", request.GET[k])[:200]) for k in _CARRIED if request.GET.get(k)]
    kept = [(k, v) for k, v in kept if v and k != "topic"]
    if _topic(request):
        kept.append(("topic", _topic(request)))
    url = reverse(f"directory:{list_name}")
    return f"{url}?{urlencode(kept)}" if kept else url


def _city_points(cities, *, noun: str, list_url: str) -> list[dict]:
    points = []
    for c in cities:
        place = f"{c.city}, {c.state}"
        if noun == "leaders":
            label = ngettext("%(place)s: %(n)s leader", "%(place)s: %(n)s leaders", c.count)
        else:
            label = ngettext("%(place)s: %(n)s group", "%(place)s: %(n)s groups", c.count)
        points.append(
            {
                "lat": c.lat,
                "lng": c.lng,
                "count": c.count,
                "label": label % {"place": place, "n": c.count},
                "href": f"{list_url}{'&' if '?' in list_url else '?'}state={c.state}",
            }
        )
    return points


def _render(request, *, show: str, params, list_name: str, counts, cities=None, extra=None):
    list_url = _list_link(request, list_name)
    context = {
        "show": show,
        "params": params,
        "states": state_choices(),
        "counts": counts,
        "list_url": list_url,
        "cities": cities,
        "city_points": _city_points(cities or [], noun=show, list_url=list_url),
        "tiles_url": settings.MAP_TILES_URL,
        "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
        **(extra or {}),
    }
    return render(request, "directory/map.html", context)


@require_safe
def leader_map(request):
    params = parse_list_params(request.GET)
    leader_type = _choice(request, "type", Person.LeaderType.values)
    topic = _topic(request)
    filters = {"viewer": request.user, "params": params, "leader_type": leader_type, "topic": topic}
    return _render(
        request,
        show="leaders",
        params=params,
        list_name="leaders",
        counts=selectors_map.leader_counts_by_state(**filters),
        cities=selectors_map.leader_counts_by_city(**filters),
        extra={
            "title": _("Leaders on the map"),
            "column": _("Leaders"),
            "kind_name": "type",
            "kind": leader_type,
            "kind_label": _("Leader type"),
            "kinds": Person.LeaderType.choices,
            "topic": topic,
            "topics": Topic.objects.order_by("kind", "name"),
        },
    )


@require_safe
def group_map(request):
    params = parse_list_params(request.GET)
    kind = _choice(request, "kind", PartnerGroup.Kind.values)
    topic = _topic(request)
    filters = {"params": params, "kind": kind, "topic": topic}
    return _render(
        request,
        show="groups",
        params=params,
        list_name="groups",
        counts=selectors_map.group_counts_by_state(**filters),
        cities=selectors_map.group_counts_by_city(**filters),
        extra={
            "title": _("Partner groups on the map"),
            "column": _("Groups"),
            "kind_name": "kind",
            "kind": kind,
            "kind_label": _("Type"),
            "kinds": PartnerGroup.Kind.choices,
            "topic": topic,
            "topics": selectors.topics(Topic.Kind.ISSUE),
        },
    )


@require_safe
def resource_map(request):
    params = parse_list_params(request.GET)
    kind = _choice(request, "kind", Resource.Kind.values)
    topic = _topic(request)
    counts = selectors_map.resource_counts(params=params, kind=kind, topic=topic)
    return _render(
        request,
        show="resources",
        params=params,
        list_name="resources",
        counts=counts.by_state,
        extra={
            "title": _("Resources on the map"),
            "column": _("Resources for the state"),
            "nationwide": counts.nationwide,
            "kind_name": "kind",
            "kind": kind,
            "kind_label": _("Kind"),
            "kinds": Resource.Kind.choices,
            "topic": topic,
            "topics": Topic.objects.order_by("kind", "name"),
        },
    )
