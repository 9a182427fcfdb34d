"""The directory lists and the global search: one search (actlocal.search) behind HTML, JSON and CSV.

Every filter is in the query string, so a search can be shared; ``format=json`` or ``Accept:
application/json`` returns the same results as JSON; staff download any list as CSV.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from actlocal.core.listing import RADIUS_CHOICES
from actlocal.core.places import state_choices
from actlocal.search.directory import SEARCH_PAGES
from actlocal.search.exports import EXPORT_CAP, directory_export
from actlocal.search.serialize import results_json

GLOBAL_PER_DIRECTORY = 5


def _wants_json(request) -> bool:
    if request.GET.get("format") == "json":
        return True
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def _sort_choices(results):
    """The sort select. Its first option is empty, so a form submitted from a page without words or a
    ZIP does not pin the order to "name" once words or a ZIP are added."""
    from django.utils.translation import gettext as _

    return [
        ("", _("Best match, or nearest first")),
        ("relevance", _("Best match")),
        ("distance", _("Distance")),
        ("name", _("Name")),
        ("newest", _("Newest")),
    ]


def _list(request, directory: str, template: str):
    parse, search = SEARCH_PAGES[directory]
    params = parse(request.GET)
    results = search(viewer=request.user, params=params)
    if _wants_json(request):
        response = JsonResponse(
            results_json(results, request.user), json_dumps_params={"ensure_ascii": False}
        )
    else:
        response = render(
            request,
            template,
            {
                "params": params.base,
                "search": params,
                "results": results,
                "page_obj": results.page_obj,
                "facets": results.facets,
                "sort_choices": _sort_choices(results),
                "radius_choices": RADIUS_CHOICES,
                "states": state_choices(),
                "directory": directory,
            },
        )
    patch_vary_headers(response, ["Accept"])
    return response


@require_safe
def leader_list(request):
    return _list(request, "leaders", "directory/leader_list.html")


@require_safe
def group_list(request):
    return _list(request, "groups", "directory/group_list.html")


@require_safe
def resource_list(request):
    return _list(request, "resources", "directory/resource_list.html")


@require_safe
def list_export(request, directory: str):
    """``/<directory>/export.csv?<the list's filters>``: staff only, audit-logged."""
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        raise PermissionDenied
    parse, search = SEARCH_PAGES[directory]
    results = search(viewer=user, params=parse(request.GET), cap=EXPORT_CAP)
    body = directory_export(actor=user, results=results)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="actlocal-{directory}-{stamp}.csv"'
    return response


@require_safe
def global_search(request):
    """One box for everything: the best few leaders, groups and resources, each linking to its list."""
    sections = []
    q = ""
    for directory in ("leaders", "groups", "resources"):
        parse, search = SEARCH_PAGES[directory]
        params = parse({"q": request.GET.get("q", "")})
        q = params.base.q
        results = search(viewer=request.user, params=params) if params.terms else None
        sections.append((directory, results))
    if _wants_json(request):
        response = JsonResponse(
            {
                "q": q,
                **{
                    directory: (results_json(results, request.user) if results else None)
                    for directory, results in sections
                },
            },
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = render(
            request,
            "directory/search.html",
            {"q": q, "sections": sections, "per_directory": GLOBAL_PER_DIRECTORY, "errors": params.errors},
        )
    patch_vary_headers(response, ["Accept"])
    return response
