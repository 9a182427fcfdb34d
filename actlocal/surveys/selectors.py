from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from actlocal.surveys.models import Survey


def surveys_for_viewer(viewer) -> QuerySet[Survey]:
    """Open surveys the viewer may answer; staff also see drafts and closed ones."""
    if viewer.is_authenticated and viewer.is_staff:
        qs = Survey.objects.all()
    else:
        audience = Q(audience=Survey.Audience.PUBLIC)
        if viewer.is_authenticated and viewer.is_member:
            audience |= Q(audience=Survey.Audience.MEMBERS)
        qs = Survey.objects.filter(audience, status__in=[Survey.Status.OPEN, Survey.Status.CLOSED])
    return qs.annotate(
        question_count=Count("questions", distinct=True),
        response_count=Count("responses", filter=Q(responses__submitted_at__isnull=False), distinct=True),
    )


def survey_for_viewer(*, viewer, slug: str) -> Survey:
    survey = surveys_for_viewer(viewer).filter(slug=slug).first()
    if survey is None:
        raise Http404
    return survey
