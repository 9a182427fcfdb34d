"""The directories' search pages: leaders, groups and resources found through the index, with facets,
relevance, distance and snippets. Objects shown are re-read through the directory's own visibility
selectors, so a stale index row can at worst hide a result, never reveal one."""

from __future__ import annotations

from dataclasses import replace

from actlocal.core.visibility import audience_rank, visible_value
from actlocal.directory.models import PartnerGroup, Person, Resource, Topic
from actlocal.search import finder
from actlocal.search.params import SearchParams, parse_search_params
from actlocal.search.results import SearchResults, labelled_facets, paginate_found
from actlocal.search.snippets import highlight

LEADER_TOPICS = {"issue": (Topic.Kind.ISSUE,), "skill": (Topic.Kind.SKILL,)}
GROUP_TOPICS = {"issue": (Topic.Kind.ISSUE,)}
RESOURCE_TOPICS = {"topic": (Topic.Kind.ISSUE, Topic.Kind.SKILL)}


def leader_params(data) -> SearchParams:
    return parse_search_params(
        data,
        subtype_param="type",
        subtypes=Person.LeaderType.values,
        topic_params=("issue", "skill", "topic"),
    )


def group_params(data) -> SearchParams:
    return parse_search_params(
        data, subtype_param="kind", subtypes=PartnerGroup.Kind.values, topic_params=("issue", "topic")
    )


def resource_params(data) -> SearchParams:
    return parse_search_params(data, subtype_param="kind", subtypes=Resource.Kind.values)


def _query(kind: str, viewer, params: SearchParams) -> finder.Query:
    authenticated = viewer is not None and viewer.is_authenticated
    return finder.Query(
        kind=kind,
        rank=audience_rank(viewer),
        user_id=viewer.pk if authenticated else None,
        terms=params.terms,
        state=params.base.state,
        city=params.city,
        subtype=params.subtype,
        topics=list(dict.fromkeys(params.topics.values())),
        language=params.language,
        near=params.base.near,
        within=params.base.within,
        sort=params.sort,
    )


def _search(kind, viewer, params, load, *, subtypes, topic_kinds, cap=finder.CANDIDATE_CAP) -> SearchResults:
    query = _query(kind, viewer, params)
    found = finder.find(query, cap=cap)
    counts = _facet_counts_beside_own_filter(query, params, found, cap)
    return SearchResults(
        found=found,
        load=load,
        page_obj=paginate_found(found, params.base.page, load),
        count=found.count,
        capped=found.capped,
        sort=found.sort,
        facets=labelled_facets(found, params, counts, subtype_choices=subtypes, topic_kinds=topic_kinds),
        params=params,
        query=query,
    )


def _facet_counts_beside_own_filter(query: finder.Query, params: SearchParams, found, cap: int) -> dict:
    """Each select offers other values of its own filter, so its counts leave that one filter out
    ("Ohio (12)" while Wisconsin is chosen means 12 results after switching). One more query per filter
    that is set; the rest come from ``found``."""
    counts = {name: found.facets[name] for name in ("state", "city", "type", "language")}
    counts |= dict.fromkeys(("issue", "skill", "topic"), found.facets["topic"])
    capped = found.capped
    without = {
        "state": {"state": ""},
        "city": {"city": ""},
        "type": {"subtype": ""},
        "language": {"language": ""},
    }
    for name, change in without.items():
        if getattr(query, next(iter(change))):
            other = finder.find(replace(query, **change), cap=cap)
            counts[name], capped = other.facets[name], capped or other.capped
    for name in params.topics:
        other_topics = [s for n, s in params.topics.items() if n != name]
        other = finder.find(replace(query, topics=list(dict.fromkeys(other_topics))), cap=cap)
        counts[name], capped = other.facets["topic"], capped or other.capped
    counts["exact"] = not capped
    return counts


def _leaders_loader(viewer, terms):
    from actlocal.directory.selectors import leaders_for_viewer

    def load(ids):
        people = leaders_for_viewer(viewer).filter(pk__in=ids)
        found = {p.pk: p for p in people}
        for person in found.values():
            # The snippet is cut from the bio only if this viewer may see the bio.
            person.snippet = highlight(visible_value(person, "bio", viewer, ""), terms)
        return found

    return load


def _groups_loader(terms):
    def load(ids):
        found = {g.pk: g for g in PartnerGroup.objects.filter(pk__in=ids)}
        for group in found.values():
            group.snippet = highlight(group.mission, terms)  # a group's mission is public
        return found

    return load


def _resources_loader(terms):
    from actlocal.directory.selectors import resources_approved

    def load(ids):
        qs = resources_approved().filter(pk__in=ids).select_related("provider")
        found = {r.pk: r for r in qs}
        for resource in found.values():
            resource.snippet = highlight(resource.summary, terms)
        return found

    return load


def leader_search_page(*, viewer, params: SearchParams, cap: int = finder.CANDIDATE_CAP) -> SearchResults:
    return _search(
        "leader",
        viewer,
        params,
        _leaders_loader(viewer, params.terms),
        subtypes=Person.LeaderType.choices,
        topic_kinds=LEADER_TOPICS,
        cap=cap,
    )


def group_search_page(*, viewer, params: SearchParams, cap: int = finder.CANDIDATE_CAP) -> SearchResults:
    return _search(
        "group",
        viewer,
        params,
        _groups_loader(params.terms),
        subtypes=PartnerGroup.Kind.choices,
        topic_kinds=GROUP_TOPICS,
        cap=cap,
    )


def resource_search_page(*, viewer, params: SearchParams, cap: int = finder.CANDIDATE_CAP) -> SearchResults:
    return _search(
        "resource",
        viewer,
        params,
        _resources_loader(params.terms),
        subtypes=Resource.Kind.choices,
        topic_kinds=RESOURCE_TOPICS,
        cap=cap,
    )


SEARCH_PAGES = {
    "leaders": (leader_params, leader_search_page),
    "groups": (group_params, group_search_page),
    "resources": (resource_params, resource_search_page),
}
