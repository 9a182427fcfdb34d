from django.shortcuts import render
from django.views.decorators.http import require_safe

from actlocal.surveys import selectors


@require_safe
def survey_list(request):
    surveys = selectors.surveys_for_viewer(request.user).order_by("status", "-created_at")
    return render(request, "surveys/survey_list.html", {"surveys": surveys})


@require_safe
def survey_detail(request, slug: str):
    survey = selectors.survey_for_viewer(viewer=request.user, slug=slug)
    questions = survey.questions.prefetch_related("choices")
    return render(request, "surveys/survey_detail.html", {"survey": survey, "questions": questions})
