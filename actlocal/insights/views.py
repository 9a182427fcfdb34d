from django.shortcuts import render
from django.views.decorators.http import require_safe

from actlocal.insights import selectors


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
