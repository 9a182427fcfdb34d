"""The analysis page (distributions, findings, crosstabs) and its CSV/XLSX exports. Builders only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from actlocal.surveys import exports, selectors
from actlocal.surveys.analysis import charts
from actlocal.surveys.analysis.dimensions import dimension_for
from actlocal.surveys.analysis.findings import findings_for
from actlocal.surveys.analysis.tables import crosstab, distribution
from actlocal.surveys.forms_analysis import AnalysisFilterForm, CrosstabForm
from actlocal.surveys.models import Question


def _filters(request, survey):
    form = AnalysisFilterForm(request.GET or None, survey=survey)
    if request.GET:
        form.is_valid()
    else:
        form.cleaned_data = {}
    return form, form.filters()


@login_required
@require_safe
def survey_results(request, slug: str):
    survey = selectors.survey_for_manager(user=request.user, slug=slug)
    filter_form, filters = _filters(request, survey)
    questions = list(survey.questions.prefetch_related("choices"))
    distributions = []
    for question in questions:
        if question.kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT):
            distributions.append({"question": question, "texts": exports.recent_texts(question, filters)})
            continue
        d = distribution(question, filters=filters)
        distributions.append({"question": question, "d": d, "chart": charts.distribution_chart(d.rows)})

    findings = findings_for(survey, filters=filters)
    # Each headline figure, by area type and by lean: does it hold everywhere?
    lenses = []
    for figure in findings:
        question = figure.finding.choice.question
        for key in ("area_type", "lean"):
            table = crosstab(question, by=dimension_for(survey, key), filters=filters)
            row = next((r for r in table.rows if r.key == figure.finding.choice_id), None)
            test = row.test if question.kind == Question.Kind.MULTIPLE else table.test
            lenses.append(
                {
                    "figure": figure,
                    "table": table,
                    "row": row,
                    "reading": row.reading if question.kind == Question.Kind.MULTIPLE else table.reading,
                    "test": test,
                }
            )

    crosstab_form = CrosstabForm(request.GET if "by" in request.GET else None, survey=survey)
    table = table_chart = None
    if crosstab_form.is_bound and crosstab_form.is_valid():
        question = survey.questions.get(pk=crosstab_form.cleaned_data["question"])
        table = crosstab(
            question, by=dimension_for(survey, crosstab_form.cleaned_data["by"]), filters=filters
        )
        table_chart = charts.crosstab_chart(table)
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "n_responses": selectors.response_count(survey),
            "filter_form": filter_form,
            "filters": filters,
            "findings": findings,
            "lenses": lenses,
            "distributions": distributions,
            "crosstab_form": crosstab_form,
            "table": table,
            "table_chart": table_chart,
            "legend": charts.legend(table) if table else [],
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_safe
def survey_export(request, slug: str, fmt: str):
    survey = selectors.survey_for_manager(user=request.user, slug=slug)
    _form, filters = _filters(request, survey)
    name = f"{survey.slug}-responses"
    if fmt == "xlsx":
        content = exports.responses_xlsx(survey=survey, filters=filters, actor=request.user)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = StreamingHttpResponse(
        exports.responses_csv(survey=survey, filters=filters, actor=request.user),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
