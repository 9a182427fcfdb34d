"""Permission-checked reads of surveys: who may answer, who may build and analyse."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from actlocal.accounts.selectors import user_is_event_host, user_is_member
from actlocal.surveys.models import Question, Response, Survey


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def surveys_managed_q(user) -> Q:
    """Surveys ``user`` may build and analyse: staff all; others those they made or whose event they host."""
    if not _signed_in(user):
        return Q(pk__in=[])
    if user.is_staff:
        return Q()
    return Q(created_by=user) | Q(event__hosts=user)


def user_can_manage_survey(*, user, survey: Survey) -> bool:
    if not _signed_in(user):
        return False
    if user.is_staff or survey.created_by_id == user.pk:
        return True
    return survey.event_id is not None and user_is_event_host(user=user, event=survey.event)


def surveys_for_viewer(viewer) -> QuerySet[Survey]:
    """Open surveys the viewer may answer; staff also see drafts and closed ones, builders their own."""
    if _signed_in(viewer) and viewer.is_staff:
        qs = Survey.objects.all()
    else:
        audience = Q(audience=Survey.Audience.PUBLIC)
        if user_is_member(viewer):
            audience |= Q(audience=Survey.Audience.MEMBERS)
        visible = Q(audience, status__in=[Survey.Status.OPEN, Survey.Status.CLOSED])
        if _signed_in(viewer):
            visible |= surveys_managed_q(viewer)
        qs = Survey.objects.filter(pk__in=Survey.objects.filter(visible).values("pk"))
    # Subqueries, not joins: a join of questions and a million responses would multiply the rows.
    return qs.annotate(
        question_count=_count(Question.objects.filter(survey=OuterRef("pk"))),
        response_count=_count(Response.objects.filter(survey=OuterRef("pk"), submitted_at__isnull=False)),
    )


def _count(qs) -> Coalesce:
    counted = qs.order_by().values("survey").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def survey_for_viewer(*, viewer, slug: str) -> Survey:
    survey = Survey.objects.filter(slug=slug).select_related("event").first()
    if survey is None:
        raise Http404
    if user_can_manage_survey(user=viewer, survey=survey):
        return survey
    if survey.status == Survey.Status.DRAFT:
        raise Http404
    return survey


def survey_for_manager(*, user, slug: str) -> Survey:
    """A survey ``user`` may build and analyse: 404 if they cannot see it, 403 if they only may answer."""
    survey = survey_for_viewer(viewer=user, slug=slug)
    if not user_can_manage_survey(user=user, survey=survey):
        raise PermissionDenied
    return survey


def survey_may_answer(*, viewer, survey: Survey) -> bool:
    """Members-only surveys need a signed-in member; everything else is open to the link."""
    if survey.audience == Survey.Audience.MEMBERS:
        return user_is_member(viewer)
    return True


def response_count(survey: Survey) -> int:
    return Response.objects.filter(survey=survey, submitted_at__isnull=False).count()


def survey_has_answers(survey: Survey) -> bool:
    return Response.objects.filter(survey=survey).exclude(submitted_at=None).exists()
