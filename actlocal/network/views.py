from itertools import groupby

from django.shortcuts import render
from django.views.decorators.http import require_safe

from actlocal.network import selectors
from actlocal.network.models import Space


@require_safe
def space_list(request):
    spaces = selectors.spaces_for_viewer(request.user).order_by("kind", "name")
    kinds = dict(Space.Kind.choices)
    grouped = [(kinds[kind], list(items)) for kind, items in groupby(spaces, key=lambda s: s.kind)]
    return render(
        request,
        "network/space_list.html",
        {"grouped": grouped, "hidden_count": selectors.hidden_space_count(request.user)},
    )


@require_safe
def space_detail(request, slug: str):
    space = selectors.space_for_viewer(viewer=request.user, slug=slug)
    return render(request, "network/space_detail.html", {"space": space})
