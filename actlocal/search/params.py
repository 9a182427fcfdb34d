"""The query string every directory list shares, beyond ``core.listing``'s q/near/within/state/page:
city, type, issue, skill, topic, language and sort. Bad values become messages, never errors."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from actlocal.core.listing import ListParams, parse_list_params
from actlocal.search.backends import query_terms
from actlocal.search.finder import SORTS

MAX_SLUG = 60


@dataclass
class SearchParams:
    base: ListParams
    city: str = ""
    subtype: str = ""
    topics: dict[str, str] = field(default_factory=dict)  # "issue"/"skill"/"topic" -> slug
    language: str = ""
    sort: str = ""

    @property
    def errors(self) -> list[str]:
        return self.base.errors

    @property
    def terms(self) -> list[str]:
        return query_terms(self.base.q)

    def as_filters(self) -> dict:
        """What an export or a saved link records: every filter that is set."""
        out = {
            "q": self.base.q,
            "near": self.base.near.zip_code if self.base.near else "",
            "within": self.base.within if self.base.near else "",
            "state": self.base.state,
            "city": self.city,
            "type": self.subtype,
            "language": self.language,
            "sort": self.sort,
            **self.topics,
        }
        return {key: value for key, value in out.items() if value not in ("", None)}


def parse_search_params(data, *, subtype_param: str, subtypes, topic_params=("topic",)) -> SearchParams:
    base = parse_list_params(data)
    params = SearchParams(base=base)
    if base.q and not params.terms:
        # Only punctuation: nothing to search for, and we say so rather than list everyone silently.
        base.errors.append(_("Your search has no letters or digits to look for, so it was left out."))
        base.q = ""
    params.city = " ".join((data.get("city") or "").split())[:100]
    raw_subtype = (data.get(subtype_param) or "").strip()
    if raw_subtype:
        if raw_subtype in subtypes:
            params.subtype = raw_subtype
        else:
            base.errors.append(_("“%(value)s” is not one of the types listed.") % {"value": raw_subtype[:40]})
    for name in topic_params:
        slug = (data.get(name) or "").strip()[:MAX_SLUG]
        if slug:
            params.topics[name] = slug
    params.language = (data.get("language") or "").replace(" ", "").lower()[:40]
    sort = (data.get("sort") or "").strip()
    if sort and sort not in SORTS:
        base.errors.append(_("“%(value)s” is not a way to sort this list.") % {"value": sort[:20]})
        sort = ""
    params.sort = sort
    return params
