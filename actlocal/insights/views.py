from django.shortcuts import render
from django.views.decorators.http import require_safe

from actlocal.insights import selectors


@require_safe
def index(request):
    rows = selectors.footprint_by_state()
    return render(
        request,
        "insights/index.html",
        {
            "rows": rows,
            "series": selectors.series_reach(),
            "max_leaders": max((r.leaders for r in rows), default=1) or 1,
        },
    )
