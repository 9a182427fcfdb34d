"""Needs and gaps: what leaders say they need (survey choices tied to topics) beside the resources the
directory holds on those topics, per state and area type; the largest unmet needs first.

Needs come from ``AnswerTally`` (one query, whatever the number of responses); resources from approved
directory resources, counted per topic for each state they name, plus those that apply nationwide.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Sum
from django.utils.translation import get_language

from actlocal.core.models_area import AreaType
from actlocal.core.places import state_name
from actlocal.directory.models import Resource, Topic
from actlocal.surveys.analysis.tables import Share, share
from actlocal.surveys.models import AnswerTally, Choice


@dataclass
class NeedGap:
    state: str
    state_name: str
    area_type: str
    area_label: str
    topic: Topic
    topic_name: str
    need: Share
    resources_here: int
    resources_nationwide: int

    @property
    def unmet(self) -> bool:
        return self.resources_here == 0

    @property
    def score(self) -> float:
        """How many leaders ask, discounted by how many resources already serve that state."""
        return self.need.count / (1 + self.resources_here + 0.25 * self.resources_nationwide)


def resource_counts() -> tuple[dict[tuple[int, str], int], dict[int, int]]:
    per_state: dict[tuple[int, str], int] = defaultdict(int)
    nationwide: dict[int, int] = defaultdict(int)
    rows = Resource.topics.through.objects.filter(resource__status=Resource.Status.APPROVED).values_list(
        "topic_id", "resource__states"
    )
    for topic_id, states in rows:
        listed = [s.strip().upper() for s in (states or "").split(",") if s.strip()]
        if not listed:
            nationwide[topic_id] += 1
        for state in listed:
            per_state[(topic_id, state)] += 1
    return per_state, nationwide


def need_gaps(*, survey_id: int | None = None, state: str = "", area_type: str = "") -> list[NeedGap]:
    """Every (state, area type, topic) where leaders named a need, largest unmet first."""
    choices = Choice.objects.filter(topic__isnull=False).select_related("topic")
    if survey_id:
        choices = choices.filter(question__survey_id=survey_id)
    by_bucket = {f"c{c.pk}": c for c in choices}
    question_ids = {c.question_id for c in by_bucket.values()}
    cells = AnswerTally.objects.filter(question_id__in=question_ids)
    if state:
        cells = cells.filter(state=state)
    if area_type:
        cells = cells.filter(area_type=area_type)
    respondents: dict[tuple[int, str, str], int] = {}
    needs: dict[tuple[str, str, int], int] = defaultdict(int)
    needs_n: dict[tuple[str, str, int], int] = defaultdict(int)
    rows = (
        cells.values_list("question_id", "bucket", "state", "area_type").annotate(n=Sum("count")).order_by()
    )
    for question_id, bucket, st, area, n in rows:
        if bucket == "":
            respondents[(question_id, st, area)] = respondents.get((question_id, st, area), 0) + n
        elif bucket in by_bucket:
            needs[(st, area, by_bucket[bucket].topic_id)] += n
    topics = {c.topic_id: c.topic for c in by_bucket.values()}
    # A topic's denominator: respondents in the cell who answered a question offering that topic.
    questions_of_topic: dict[int, set[int]] = defaultdict(set)
    for c in by_bucket.values():
        questions_of_topic[c.topic_id].add(c.question_id)
    for st, area, topic_id in needs:
        needs_n[(st, area, topic_id)] = max(
            (respondents.get((q, st, area), 0) for q in questions_of_topic[topic_id]), default=0
        )
    per_state, nationwide = resource_counts()
    language = get_language() or "en"
    areas = dict(AreaType.choices)
    out = []
    for (st, area, topic_id), count in needs.items():
        topic = topics[topic_id]
        out.append(
            NeedGap(
                state=st,
                state_name=state_name(st) if st else "",
                area_type=area,
                area_label=str(areas.get(area, "")),
                topic=topic,
                topic_name=topic.name_es if language == "es" and topic.name_es else topic.name,
                need=share(count, max(count, needs_n[(st, area, topic_id)])),
                resources_here=per_state.get((topic_id, st), 0),
                resources_nationwide=nationwide.get(topic_id, 0),
            )
        )
    out.sort(key=lambda g: (-g.score, -g.need.count, g.state, g.area_type, g.topic_name))
    return out
