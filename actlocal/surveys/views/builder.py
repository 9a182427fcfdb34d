"""The survey builder: staff and event hosts create surveys, add questions, findings, open and version them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from actlocal.surveys import selectors
from actlocal.surveys.forms_builder import (
    FindingForm,
    QuestionForm,
    SurveyForm,
    events_for_builder,
    question_initial,
)
from actlocal.surveys.models import Finding, Question
from actlocal.surveys.services import builder


def _may_build(user) -> bool:
    return user.is_staff or events_for_builder(user).exists()


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_create(request):
    if not _may_build(request.user):
        raise PermissionDenied
    require_event = not request.user.is_staff
    initial = {}
    if request.GET.get("event"):
        event = events_for_builder(request.user).filter(slug=request.GET["event"]).first()
        if event:
            initial = {"event": event.pk, "title": _("After %(event)s") % {"event": event.title}}
    form = SurveyForm(request.POST or None, user=request.user, require_event=require_event, initial=initial)
    if request.method == "POST" and form.is_valid():
        survey = builder.survey_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Survey created. Add its questions, then open it."))
        return redirect("surveys:edit", survey.slug)
    return render(request, "surveys/builder_create.html", {"form": form}, status=400 if form.errors else 200)


def _edit_context(request, survey, **overrides):
    questions = list(survey.questions.prefetch_related("choices").select_related("show_if_choice__question"))
    context = {
        "survey": survey,
        "questions": questions,
        "locked": builder.survey_is_locked(survey),
        "settings_form": SurveyForm(
            instance=survey, user=request.user, require_event=not request.user.is_staff
        ),
        "question_form": QuestionForm(survey=survey),
        "finding_form": FindingForm(survey=survey),
        "findings": survey.findings.select_related("choice__question"),
        "share_url": request.build_absolute_uri(survey.get_absolute_url()),
    }
    context.update(overrides)
    return context


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_edit(request, slug: str):
    survey = selectors.survey_for_manager(user=request.user, slug=slug)
    if request.method == "POST":
        form = SurveyForm(
            request.POST, instance=survey, user=request.user, require_event=not request.user.is_staff
        )
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            survey.refresh_from_db()
            try:
                builder.survey_update(actor=request.user, survey=survey, **fields)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Settings saved."))
                return redirect("surveys:edit", survey.slug)
        survey.refresh_from_db()
        return render(
            request, "surveys/builder.html", _edit_context(request, survey, settings_form=form), status=400
        )
    return render(request, "surveys/builder.html", _edit_context(request, survey))


@login_required
@require_POST
def question_add(request, slug: str):
    survey = selectors.survey_for_manager(user=request.user, slug=slug)
    form = QuestionForm(request.POST, survey=survey)
    if form.is_valid():
        try:
            builder.question_create(
                actor=request.user, survey=survey, key=form.cleaned_data["key"],
                choices=form.cleaned_data["choices"], **form.service_fields(),
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Question added."))
            return redirect(f"{survey.get_absolute_url()}edit/#questions")
    return render(
        request, "surveys/builder.html", _edit_context(request, survey, question_form=form), status=400
    )


def _question(request, slug: str, pk: int) -> Question:
    survey = selectors.survey_for_manager(user=request.user, slug=slug)
    return get_object_or_404(Question.objects.select_related("survey"), pk=pk, survey=survey)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_edit(request, slug: str, pk: int):
    question = _question(request, slug, pk)
    survey = question.survey
    form = QuestionForm(
        request.POST or None, survey=survey, question=question, initial=question_initial(question)
    )
    if request.method == "POST" and form.is_valid():
        try:
            builder.question_update(
                actor=request.user,
                question=question,
                choices=form.cleaned_data["choices"],
                **form.service_fields(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Question saved."))
            return redirect("surveys:edit", survey.slug)
    context = {
        "survey": survey,
        "question": question,
        "form": form,
        "locked": builder.survey_is_locked(survey),
    }
    return render(request, "surveys/builder_question.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def question_delete(request, slug: str, pk: int):
    question = _question(request, slug, pk)
    try:
        builder.question_delete(actor=request.user, question=question)
        messages.success(request, _("Question deleted."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("surveys:edit", slug)


@login_required
@require_POST
def question_move(request, slug: str, pk: int):
    question = _question(request, slug, pk)
    try:
        builder.question_move(actor=request.user, question=question, up=request.POST.get("direction") == "up")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"/surveys/{slug}/edit/#questions")


@login_required
@require_POST
def finding_add(request, slug: str):
    survey = selectors.survey_for_manager(user=request.user, slug=slug)
    form = FindingForm(request.POST, survey=survey)
    if form.is_valid():
        builder.finding_create(actor=request.user, survey=survey, **form.cleaned_data)
        messages.success(request, _("Finding added."))
        return redirect("surveys:edit", survey.slug)
    return render(
        request, "surveys/builder.html", _edit_context(request, survey, finding_form=form), status=400
    )


@login_required
@require_POST
def finding_delete(request, slug: str, pk: int):
    survey = selectors.survey_for_manager(user=request.user, slug=slug)
    builder.finding_delete(actor=request.user, finding=get_object_or_404(Finding, pk=pk, survey=survey))
    messages.success(request, _("Finding removed."))
    return redirect("surveys:edit", survey.slug)


@login_required
@require_POST
def survey_status(request, slug: str):
    survey = selectors.survey_for_manager(user=request.user, slug=slug)
    try:
        builder.survey_set_status(actor=request.user, survey=survey, status=request.POST.get("status", ""))
        messages.success(
            request, _("The survey is now: %(status)s.") % {"status": survey.get_status_display()}
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("surveys:edit", survey.slug)


@login_required
@require_POST
def survey_version(request, slug: str):
    survey = selectors.survey_for_manager(user=request.user, slug=slug)
    copy = builder.survey_new_version(actor=request.user, survey=survey)
    messages.success(
        request,
        _("Version %(n)s is a draft you can change; version %(old)s keeps its answers.")
        % {"n": copy.version, "old": survey.version},
    )
    return redirect("surveys:edit", copy.slug)


@login_required
@require_POST
def survey_send(request, slug: str):
    survey = selectors.survey_for_manager(user=request.user, slug=slug)
    try:
        n = builder.survey_send_to_attendees(actor=request.user, survey=survey)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext(
                "The link is on its way to %(n)s attendee.", "The link is on its way to %(n)s attendees.", n
            )
            % {"n": n},
        )
    return redirect("surveys:edit", survey.slug)
