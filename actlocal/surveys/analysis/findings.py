"""The findings panel: headline statements computed live from the same counts as the tables."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from actlocal.surveys.analysis.counts import Filters, question_counts
from actlocal.surveys.analysis.tables import Share, share
from actlocal.surveys.models import Finding, Survey


@dataclass
class FindingFigure:
    finding: Finding
    statement: str
    share: Share
    # Asked only of those who gave an earlier answer (skip logic): the sentence reads "of those, ...".
    of_those: bool


def findings_for(survey: Survey, *, filters: Filters) -> list[FindingFigure]:
    language = get_language() or "en"
    out = []
    for finding in Finding.objects.filter(survey=survey).select_related("choice__question"):
        question = finding.choice.question
        counts = question_counts(question, filters=filters)
        out.append(
            FindingFigure(
                finding=finding,
                statement=finding.localized_statement(language),
                share=share(counts.bucket_total(("c", finding.choice_id)), counts.total()),
                of_those=question.show_if_choice_id is not None,
            )
        )
    return out
