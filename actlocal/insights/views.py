from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from actlocal.accounts.selectors import user_is_member
from actlocal.core.models_area import AreaType
from actlocal.core.places import is_state, state_choices
from actlocal.insights import selectors
from actlocal.insights.needs import need_gaps
from actlocal.surveys.models import Survey

GAP_ROWS = 100


@require_safe
def index(request):
    rows = selectors.footprint_by_state(viewer=request.user)
    return render(
        request,
        "insights/index.html",
        {
            "rows": rows,
            "leader_counts": {r.abbr: r.leaders for r in rows},
            "series": selectors.series_reach(),
            "max_leaders": max((r.leaders for r in rows), default=1) or 1,
        },
    )


@login_required
@require_safe
def needs(request):
    """Needs and gaps: what leaders ask for beside what the directory holds. Network members and staff."""
    if not user_is_member(request.user):
        raise PermissionDenied
    state = request.GET.get("state", "").upper()
    state = state if is_state(state) else ""
    area_type = request.GET.get("area_type", "")
    area_type = area_type if area_type in AreaType.values else ""
    surveys = (
        Survey.objects.filter(questions__choices__topic__isnull=False).distinct().order_by("-created_at")
    )
    survey_id = request.GET.get("survey", "")
    survey_id = int(survey_id) if survey_id.isdigit() and surveys.filter(pk=int(survey_id)).exists() else None
    gaps = need_gaps(survey_id=survey_id, state=state, area_type=area_type)
    return render(
        request,
        "insights/needs.html",
        {
            "gaps": gaps[:GAP_ROWS],
            "total": len(gaps),
            "unmet": sum(1 for g in gaps if g.unmet),
            "states": state_choices(),
            "areas": AreaType.choices,
            "surveys": surveys,
            "state": state,
            "area_type": area_type,
            "survey_id": survey_id,
        },
    )
