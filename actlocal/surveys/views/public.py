from django.shortcuts import render
from django.views.decorators.http import require_safe

from actlocal.accounts.selectors import user_is_member
from actlocal.surveys import selectors
from actlocal.surveys.forms_builder import events_for_builder
from actlocal.surveys.models import Response, Survey


@require_safe
def survey_list(request):
    surveys = list(selectors.surveys_for_viewer(request.user).order_by("status", "-created_at")[:200])
    user = request.user
    managed, answered = set(), set()
    if user.is_authenticated:
        managed = set(
            Survey.objects.filter(selectors.surveys_managed_q(user)).values_list("pk", flat=True)[:1000]
        )
        answered = set(
            Response.objects.filter(user=user, submitted_at__isnull=False).values_list("survey_id", flat=True)
        )
    context = {
        "surveys": surveys,
        "managed": managed,
        "answered": answered,
        "is_member": user_is_member(user),
        "may_build": user.is_authenticated and (user.is_staff or events_for_builder(user).exists()),
    }
    return render(request, "surveys/survey_list.html", context)
