"""The tallies the analysis reads agree with the raw answers, whichever way they were written: answered
online, typed in from paper, or rebuilt set-based."""

import pytest

from actlocal.surveys.analysis.counts import CONTEXT_DIMENSIONS, Filters, _raw_counts, _tally_counts
from actlocal.surveys.models import AnswerTally
from actlocal.surveys.services.tallies import tally_rebuild

pytestmark = pytest.mark.django_db


def normalised(counts):
    return dict(counts.respondents), {k: v for k, v in counts.buckets.items() if v}


def test_every_question_and_dimension_agrees_with_the_raw_rows(answered):
    for question in answered.questions.all():
        for by in (None, *CONTEXT_DIMENSIONS):
            for filters in (Filters(), Filters(area_type="rural"), Filters(lean="blue", state="WI")):
                tallied = normalised(_tally_counts(question, filters=filters, by=by))
                raw = normalised(_raw_counts(question, filters=filters, by=by))
                assert tallied == raw, (question.key, by, filters)


def cells():
    # Numbers may be spelled differently by the database ("n3" vs "n3.0"): compare what they count.
    out = {}
    for question_id, bucket, state, count in AnswerTally.objects.values_list(
        "question_id", "bucket", "state", "count"
    ):
        key = (question_id, float(bucket[1:]) if bucket.startswith("n") else bucket, state)
        out[key] = out.get(key, 0) + count
    return out


def test_a_set_based_rebuild_gives_the_same_cells(answered):
    before = cells()

    tally_rebuild(survey_id=answered.pk)

    assert cells() == before


def test_a_crosstab_by_another_question_matches_a_count_by_hand(answered):
    from collections import defaultdict

    from actlocal.surveys.models import Answer

    plan = answered.questions.get(key="plan")
    rating = answered.questions.get(key="rating")
    chosen = defaultdict(list)
    for response_id, choice_id in Answer.objects.filter(question=plan).values_list(
        "response_id", "choice_id"
    ):
        chosen[response_id].append(choice_id)
    respondents, buckets = defaultdict(int), defaultdict(int)
    for response_id, number in Answer.objects.filter(question=rating).values_list("response_id", "number"):
        for column in chosen.get(response_id, []):
            respondents[column] += 1
            buckets[(("n", number), column)] += 1

    counts = _raw_counts(rating, filters=Filters(), by=plan)

    assert normalised(counts) == (dict(respondents), dict(buckets))
