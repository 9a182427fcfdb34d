from django.shortcuts import render
from django.views.decorators.http import require_safe

from actlocal.core.listing import RADIUS_CHOICES, paginate, parse_list_params
from actlocal.core.places import state_choices
from actlocal.directory import selectors
from actlocal.directory.models import PartnerGroup, Person, Resource, Topic


def _filter_context(request, params, **extra):
    return {
        "params": params,
        "radius_choices": RADIUS_CHOICES,
        "states": state_choices(),
        **extra,
    }


@require_safe
def leader_list(request):
    params = parse_list_params(request.GET)
    leader_type = request.GET.get("type", "") if request.GET.get("type") in Person.LeaderType.values else ""
    topic = request.GET.get("topic", "")[:60]
    qs = selectors.leader_search(viewer=request.user, params=params, leader_type=leader_type, topic=topic)
    return render(
        request,
        "directory/leader_list.html",
        _filter_context(
            request,
            params,
            page_obj=paginate(qs, params.page),
            leader_type=leader_type,
            topic=topic,
            leader_types=Person.LeaderType.choices,
            topics=Topic.objects.order_by("kind", "name"),
        ),
    )


@require_safe
def group_list(request):
    params = parse_list_params(request.GET)
    kind = request.GET.get("kind", "") if request.GET.get("kind") in PartnerGroup.Kind.values else ""
    topic = request.GET.get("topic", "")[:60]
    qs = selectors.group_search(params=params, kind=kind, topic=topic)
    return render(
        request,
        "directory/group_list.html",
        _filter_context(
            request,
            params,
            page_obj=paginate(qs, params.page),
            kind=kind,
            kinds=PartnerGroup.Kind.choices,
            topic=topic,
            topics=selectors.topics(Topic.Kind.ISSUE),
        ),
    )


@require_safe
def resource_list(request):
    params = parse_list_params(request.GET)
    kind = request.GET.get("kind", "") if request.GET.get("kind") in Resource.Kind.values else ""
    topic = request.GET.get("topic", "")[:60]
    qs = selectors.resource_search(params=params, kind=kind, topic=topic)
    return render(
        request,
        "directory/resource_list.html",
        _filter_context(
            request,
            params,
            page_obj=paginate(qs, params.page),
            kind=kind,
            kinds=Resource.Kind.choices,
            topic=topic,
            topics=Topic.objects.order_by("kind", "name"),
        ),
    )
