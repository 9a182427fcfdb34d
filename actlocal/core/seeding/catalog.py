"""Records both scales share: topics, the two event series, county profiles and the surveys' questions.

Each ``*_ensure`` function is idempotent: it creates what is missing and returns what exists, so the
demo and the large dataset can be seeded into a database that already has some reference rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.text import slugify

from actlocal.core.models import CountyProfile
from actlocal.core.seeding.geography import COUNTY_SOURCE, COUNTY_YEAR, county_lens
from actlocal.core.seeding.reference import ISSUES, SKILLS
from actlocal.directory.models import Topic
from actlocal.events.models import EventSeries
from actlocal.surveys.models import Choice, Question, Survey

SERIES_2017 = "actlocal-convenings-2017"
SERIES_2018 = "actlocal-2018"
# Only the large dataset uses this one: the everyday meetings, canvasses and trainings of a big network.
SERIES_NETWORK = "actlocal-network-events"


def unique_slug(text: str, taken: set[str], *, max_length: int = 200) -> str:
    """``slugify(text)``, numbered when ``taken`` (which it updates) already holds it."""
    base = slugify(text)[:max_length].strip("-") or "item"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def topics_ensure() -> dict[str, Topic]:
    """Every issue area and skill, keyed by slug (issue and skill slugs do not overlap)."""
    wanted = [(Topic.Kind.ISSUE, *row) for row in ISSUES] + [(Topic.Kind.SKILL, *row) for row in SKILLS]
    Topic.objects.bulk_create(
        [Topic(kind=kind, slug=slug, name=name, name_es=name_es) for kind, slug, name, name_es in wanted],
        ignore_conflicts=True,
    )
    slugs = {slug for _kind, slug, _n, _e in wanted}
    return {t.slug: t for t in Topic.objects.filter(slug__in=slugs)}


def series_ensure() -> tuple[EventSeries, EventSeries]:
    s2017, _ = EventSeries.objects.get_or_create(
        slug=SERIES_2017,
        defaults={
            "name": "ActLocal Convenings 2017",
            "description": "Thirteen cities, one Saturday each in November 2017: local leaders met the "
            "organizations that can help them, and each other.",
            "target_states": 12,
        },
    )
    s2018, _ = EventSeries.objects.get_or_create(
        slug=SERIES_2018,
        defaults={
            "name": "ActLocal 2018",
            "description": "Follow-up gatherings in the first thirteen cities and convenings in fifteen "
            "more states.",
            "target_states": 15,
        },
    )
    return s2017, s2018


def county_profiles_ensure(counties: Iterable[tuple[str, str]]) -> dict[tuple[str, str], CountyProfile]:
    """A profile for each (state, county); existing rows, real or seeded, are kept as they are."""
    keys = sorted({(s, c) for s, c in counties if s and c})
    rows = []
    for state, county in keys:
        lens = county_lens(state, county)
        rows.append(
            CountyProfile(
                state=state,
                county=county,
                area_type=lens.area_type,
                lean=lens.lean,
                source=COUNTY_SOURCE,
                year=COUNTY_YEAR,
            )
        )
    CountyProfile.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    states = {s for s, _c in keys}
    wanted = set(keys)
    return {
        (p.state, p.county): p
        for p in CountyProfile.objects.filter(state__in=states)
        if (p.state, p.county) in wanted
    }


# --- Surveys -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuestionSpec:
    key: str
    kind: str
    text: str
    text_es: str
    choices: tuple[tuple[str, str, str], ...] = ()
    required: bool = False
    scale: tuple[int, int] | None = None


@dataclass(frozen=True)
class SurveySpec:
    slug: str
    title: str
    title_es: str
    description: str
    questions: tuple[QuestionSpec, ...]


ISSUES_AS_CHOICES = tuple(ISSUES)
YES_NO = (("yes", "Yes", "Sí"), ("no", "No", "No"))
AREA_CHOICES = (
    ("rural", "Rural", "Rural"),
    ("suburban", "Suburban", "Suburbano"),
    ("urban", "Urban", "Urbano"),
)

SURVEY_2017 = SurveySpec(
    slug="2017-convening-participant-survey",
    title="2017 Convening Participant Survey",
    title_es="Encuesta de participantes de las convocatorias 2017",
    description="What leaders who came to the November 2017 convenings are working on, and what they need.",
    questions=(
        QuestionSpec(
            "priorities",
            Question.Kind.MULTIPLE,
            "Which of these are priorities for you in the coming year? Choose all that apply.",
            "¿Cuáles de estos temas son prioridades para usted el próximo año? Elija todos los que correspondan.",
            choices=ISSUES_AS_CHOICES,
            required=True,
        ),
        QuestionSpec(
            "executing-plan",
            Question.Kind.SINGLE,
            "Are you already working on and executing a plan?",
            "¿Ya está trabajando en un plan y llevándolo a cabo?",
            choices=YES_NO,
        ),
        QuestionSpec(
            "area-type",
            Question.Kind.SINGLE,
            "How would you describe where you live?",
            "¿Cómo describiría el lugar donde vive?",
            choices=AREA_CHOICES,
        ),
        QuestionSpec(
            "convening-rating",
            Question.Kind.SCALE,
            "How useful was the convening for you? (1 = not at all, 5 = very)",
            "¿Qué tan útil fue la convocatoria para usted? (1 = nada, 5 = muy útil)",
            scale=(1, 5),
        ),
        QuestionSpec(
            "hours-per-week",
            Question.Kind.NUMBER,
            "About how many hours a week do you spend organizing?",
            "¿Cuántas horas a la semana dedica, más o menos, a organizar?",
        ),
        QuestionSpec(
            "biggest-need",
            Question.Kind.SHORT_TEXT,
            "In a few words: what do you need most to keep going?",
            "En pocas palabras: ¿qué es lo que más necesita para seguir adelante?",
        ),
        QuestionSpec(
            "plan-2018",
            Question.Kind.LONG_TEXT,
            "Tell us about your plans for 2018.",
            "Cuéntenos sus planes para 2018.",
        ),
    ),
)

SURVEY_2018 = SurveySpec(
    slug="2018-season-check-in",
    title="ActLocal 2018 Season Check-in",
    title_es="Consulta de la temporada ActLocal 2018",
    description="Help us plan the 2018 follow-up gatherings and convenings near you.",
    questions=(
        QuestionSpec(
            "focus-issue",
            Question.Kind.SINGLE,
            "Which issue will you focus on this season?",
            "¿En qué tema se enfocará esta temporada?",
            choices=ISSUES_AS_CHOICES,
            required=True,
        ),
        QuestionSpec(
            "hours-per-week",
            Question.Kind.NUMBER,
            "How many hours a week can you give?",
            "¿Cuántas horas a la semana puede dedicar?",
        ),
        QuestionSpec(
            "would-host",
            Question.Kind.SINGLE,
            "Would you host a follow-up gathering?",
            "¿Organizaría usted una reunión de seguimiento?",
            choices=(*YES_NO, ("maybe", "Maybe", "Tal vez")),
        ),
        QuestionSpec("anything-else", Question.Kind.LONG_TEXT, "Anything else?", "¿Algo más?"),
    ),
)


@dataclass
class SurveyHandle:
    survey: Survey
    questions: dict[str, Question]
    choices: dict[tuple[str, str], Choice]


def survey_ensure(spec: SurveySpec, *, status: str, audience: str = Survey.Audience.MEMBERS) -> SurveyHandle:
    survey, created = Survey.objects.get_or_create(
        slug=spec.slug,
        defaults={
            "title": spec.title,
            "title_es": spec.title_es,
            "description": spec.description,
            "status": status,
            "audience": audience,
        },
    )
    if created:
        questions = Question.objects.bulk_create(
            [
                Question(
                    survey=survey,
                    position=i,
                    key=q.key,
                    kind=q.kind,
                    text=q.text,
                    text_es=q.text_es,
                    required=q.required,
                    scale_min=q.scale[0] if q.scale else None,
                    scale_max=q.scale[1] if q.scale else None,
                )
                for i, q in enumerate(spec.questions)
            ]
        )
        by_key = {q.key: q for q in questions}
        Choice.objects.bulk_create(
            [
                Choice(question=by_key[q.key], position=i, value=value, label=label, label_es=label_es)
                for q in spec.questions
                for i, (value, label, label_es) in enumerate(q.choices)
            ]
        )
    questions = {q.key: q for q in survey.questions.all()}
    choices = {
        (c.question.key, c.value): c
        for c in Choice.objects.filter(question__survey=survey).select_related("question")
    }
    return SurveyHandle(survey=survey, questions=questions, choices=choices)
