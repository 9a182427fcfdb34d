"""Taking a survey: one page per section, answers saved at every step, submitted once.

Works without JavaScript: skip logic is applied by the server between pages, and within a page a
conditional question says when to answer it (``surveys.js`` hides it until then).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actlocal.core import places
from actlocal.surveys import selectors
from actlocal.surveys.answering import PREFIX, parse_answers, visible_questions
from actlocal.surveys.models import Question, Response, Survey
from actlocal.surveys.services import responses as response_services

SESSION_DONE = "surveys_done"


def _session_key(survey: Survey, *, paper: bool = False) -> str:
    return f"survey-{'paper' if paper else 'response'}-{survey.pk}"


def pages_of(questions: list[Question]) -> list[list[Question]]:
    """Consecutive questions of one section make a page; a survey without sections is one page."""
    pages: list[list[Question]] = []
    for question in questions:
        if not pages or (question.section and question.section != pages[-1][0].section):
            pages.append([])
        pages[-1].append(question)
    return pages or [[]]


def _current_response(request, survey: Survey, *, paper: bool = False) -> Response | None:
    rid = request.session.get(_session_key(survey, paper=paper))
    qs = Response.objects.filter(survey=survey, submitted_at__isnull=True)
    if rid:
        found = qs.filter(pk=rid).first()
        if found:
            return found
    if request.user.is_authenticated and not survey.anonymous and not paper:
        return qs.filter(user=request.user).order_by("-pk").first()
    return None


def _answered_before(request, survey: Survey) -> bool:
    if not survey.one_per_person:
        return False
    return survey.pk in request.session.get(SESSION_DONE, []) or response_services.already_answered(
        survey=survey, user=request.user
    )


def _page_items(page, all_questions, draft, posted=None, errors=None):
    language = get_language() or "en"
    labels = {c.pk: (q, c) for q in all_questions for c in q.choices.all()}
    on_page = {q.key for q in page}
    shown = {q.key for q in visible_questions(all_questions, draft)}
    items = []
    for q in page:
        condition = labels.get(q.show_if_choice_id) if q.show_if_choice_id else None
        same_page = condition is not None and condition[0].key in on_page
        if q.key not in shown and not same_page:
            continue  # skipped: its condition, on an earlier page, was not met
        if posted is not None:
            values = list(posted.getlist(PREFIX + q.key))
            ranks = {c.value: posted.get(f"{PREFIX}{q.key}-{c.value}", "") for c in q.choices.all()}
        else:
            values = draft.get(q.key, [])
            ranks = {v: str(i) for i, v in enumerate(values, start=1)} if q.kind == "ranking" else {}
        items.append(
            {
                "q": q,
                "values": values,
                "value": values[0] if values else "",
                "ranking": [(c, ranks.get(c.value, "")) for c in q.choices.all()],
                "positions": list(range(1, q.choices.count() + 1)) if q.kind == "ranking" else [],
                "scale": list(range(q.scale_min or 1, (q.scale_max or 5) + 1)) if q.kind == "scale" else [],
                "errors": (errors or {}).get(q.key, []),
                "condition": (
                    {
                        "question": condition[0].localized_text(language),
                        "choice": condition[1].localized_label(language),
                        "key": condition[0].key,
                        "value": condition[1].value,
                    }
                    if same_page
                    else None
                ),
            }
        )
    return items


@require_http_methods(["GET", "HEAD", "POST"])
def survey_detail(request, slug: str):
    survey = selectors.survey_for_viewer(viewer=request.user, slug=slug)
    can_manage = selectors.user_can_manage_survey(user=request.user, survey=survey)
    # Builders type in paper forms here, one at a time: the response is the paper's, never theirs.
    paper = can_manage and request.GET.get("paper") == "1" and survey.status != Survey.Status.DRAFT
    context = {"survey": survey, "can_manage": can_manage, "paper": paper}
    if not paper:
        if not selectors.survey_may_answer(viewer=request.user, survey=survey):
            return render(request, "surveys/take_refused.html", context, status=403)
        if survey.status != Survey.Status.OPEN:
            context["questions"] = survey.questions.prefetch_related("choices")
            return render(request, "surveys/survey_detail.html", context)
        if _answered_before(request, survey):
            return render(request, "surveys/take_done.html", context)

    questions = list(survey.questions.prefetch_related("choices"))
    pages = pages_of(questions)
    try:
        page_number = min(max(int(request.GET.get("page", "1")), 1), len(pages))
    except ValueError:
        page_number = 1
    page = pages[page_number - 1]
    response = _current_response(request, survey, paper=paper)
    draft = (response.draft or {}) if response else {}
    context.update(
        {
            "page_number": page_number,
            "page_count": len(pages),
            "section": page[0].localized_section(get_language() or "en") if page else "",
            "form_errors": [],
        }
    )

    if request.method == "POST":
        if request.POST.get("survey") != str(survey.pk):
            return HttpResponseBadRequest(_("This form belongs to a different survey. Nothing was saved."))
        parsed = parse_answers(request.POST, page)
        paper_zip = ""
        if paper and request.POST.get("paper_zip", "").strip():
            try:
                paper_zip = places.normalize_zip(request.POST["paper_zip"])
            except places.PlaceError as exc:
                parsed.add_error("", str(exc))
        if response is None:
            response = response_services.response_start(
                survey=survey,
                user=None if paper else request.user,
                # The e-mail after an event links with ?via=event, so answers can be read by how they came.
                source="paper"
                if paper
                else ("event" if request.GET.get("via") == "event" and survey.event_id else "online"),
                zip_code=paper_zip,
            )
            request.session[_session_key(survey, paper=paper)] = response.pk
        # Valid answers are kept even when others on the page need fixing.
        response = response_services.response_save_draft(
            response=response,
            values={**{q.key: [] for q in page if q.key not in parsed.errors}, **parsed.values},
        )
        draft = response.draft
        action = request.POST.get("action", "next")
        if parsed.errors:
            context.update(
                form_errors=parsed.errors.get("", []),
                items=_page_items(page, questions, draft, posted=request.POST, errors=parsed.errors),
                has_errors=True,
            )
            return render(request, "surveys/take.html", context, status=400)
        url = reverse("surveys:detail", args=[survey.slug]) + ("?paper=1&" if paper else "?")
        if action == "back" and page_number > 1:
            return redirect(f"{url}page={page_number - 1}")
        if action == "save":
            messages.success(request, _("Your answers are saved. Come back to this page to finish."))
            return redirect(f"{url}page={page_number}")
        if page_number < len(pages):
            return redirect(f"{url}page={page_number + 1}")
        try:
            response_services.response_submit(response=response, actor=request.user)
        except ValidationError as exc:
            context.update(
                form_errors=exc.messages, items=_page_items(page, questions, draft), has_errors=True
            )
            return render(request, "surveys/take.html", context, status=400)
        request.session.pop(_session_key(survey, paper=paper), None)
        if paper:
            messages.success(request, _("Paper form saved. Type in the next one."))
            return redirect(reverse("surveys:detail", args=[survey.slug]) + "?paper=1")
        request.session[SESSION_DONE] = [*request.session.get(SESSION_DONE, []), survey.pk][-200:]
        return redirect(reverse("surveys:thanks", args=[survey.slug]))

    context["items"] = _page_items(page, questions, draft)
    return render(request, "surveys/take.html", context)


@require_safe
def survey_thanks(request, slug: str):
    survey = selectors.survey_for_viewer(viewer=request.user, slug=slug)
    return render(request, "surveys/take_thanks.html", {"survey": survey})
