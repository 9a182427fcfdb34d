"""Staff and builders type in paper forms by uploading a CSV; the page reports each broken row."""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from actlocal.search.exports import safe_cell
from actlocal.surveys import selectors
from actlocal.surveys.services.paper import paper_forms_import


class PaperUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file of paper answers"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def paper_entry(request, slug: str):
    survey = selectors.survey_for_manager(user=request.user, slug=slug)
    questions = list(survey.questions.prefetch_related("choices"))
    if request.GET.get("template") == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerow([safe_cell(k) for k in ["zip_code", *(q.key for q in questions)]])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{survey.slug}-paper-template.csv"'
        return response
    form = PaperUploadForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST" and form.is_valid():
        report = paper_forms_import(
            actor=request.user, survey=survey, content=form.cleaned_data["file"].read()
        )
        status = 200
    elif request.method == "POST":
        status = 400
    context = {"survey": survey, "questions": questions, "form": form, "report": report}
    return render(request, "surveys/paper.html", context, status=status)
