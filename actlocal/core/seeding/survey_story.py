"""How seeded leaders answer the surveys: the story the alliance tells with its 2017 data.

About 73% of participants named electing progressive leaders as a priority, about 96% of those said they
were already executing a plan, and the 73% held across rural, suburban and urban places and across blue,
purple and red counties. The demo hits those shares exactly within each (area type, lean) cell, so a small
sample still tells the story; the large dataset draws each answer at those rates.
"""

from __future__ import annotations

import random
from collections.abc import Hashable

from actlocal.core.seeding.reference import ELECTING, ISSUES

ELECTING_SHARE = 0.73
EXECUTING_SHARE = 0.96
# (key, choice value or None, number or None, text)
AnswerSpec = tuple[str, str | None, float | None, str]

OTHER_PRIORITIES = [slug for slug, _name, _es in ISSUES if slug != ELECTING]
NEEDS = [
    "More volunteers",
    "Training on the voter file",
    "Money for printing and food",
    "Childcare at meetings",
    "A mentor who has done this before",
    "Spanish materials",
    "Help finding candidates",
    "Meeting space",
    "Someone to share the work with",
    "Data on our precincts",
    "Rest!",
    "Connections with the union locals",
]
PLAN_OPENERS = [
    "We are recruiting candidates for school board and city council",
    "Our group is knocking doors every Saturday until November",
    "We adopted twelve precincts and are building a contact list",
    "I am running for county commission",
    "Our congregation is hosting voter registration after services",
    "We are training twenty new canvass captains",
]
PLAN_ENDINGS = [
    " and want to partner with the groups we met at the convening.",
    ". We need help with data and with keeping volunteers after the election.",
    "; next step is a joint event with the other groups in our county.",
    ". Turnout in our rural precincts is the goal.",
    " and will report back to the network each month.",
]
HOURS = [1, 2, 2, 3, 4, 5, 5, 6, 8, 10, 10, 12, 15, 20, 25]
RATING_WEIGHTS = [0.02, 0.04, 0.14, 0.38, 0.42]
AREA_TYPES = ["rural", "suburban", "urban"]


def story_assign(rng: random.Random, cells: dict[Hashable, list[int]]) -> tuple[set[int], set[int]]:
    """Pick who chose electing progressive leaders and who of them is executing a plan, per cell.

    Within each cell the shares are exact up to rounding, with a small jitter so the crosstab does not
    look machine-made; that keeps every row and column of the crosstab near 73%.
    """
    electing: set[int] = set()
    executing: set[int] = set()
    for key in sorted(cells, key=str):
        members = sorted(cells[key])
        rng.shuffle(members)
        share = ELECTING_SHARE + rng.uniform(-0.012, 0.012)
        chosen = members[: round(len(members) * share)]
        electing.update(chosen)
        executing.update(chosen[: round(len(chosen) * EXECUTING_SHARE)])
    return electing, executing


def answers_2017(
    rng: random.Random, *, electing: bool, executing: bool, area_type: str, text_share: float = 1.0
) -> list[AnswerSpec]:
    """One participant's answers; ``executing-plan`` is asked only of those who chose electing."""
    out: list[AnswerSpec] = []
    if electing:
        out.append(("priorities", ELECTING, None, ""))
    for slug in rng.sample(OTHER_PRIORITIES, rng.choice((0, 1, 1, 2, 2, 3) if electing else (1, 1, 2, 2, 3))):
        out.append(("priorities", slug, None, ""))
    if electing:
        out.append(("executing-plan", "yes" if executing else "no", None, ""))
    # Most people describe their place the way the county table does; some do not.
    self_report = area_type if area_type in AREA_TYPES and rng.random() < 0.85 else rng.choice(AREA_TYPES)
    out.append(("area-type", self_report, None, ""))
    out.append(("convening-rating", None, float(rng.choices(range(1, 6), RATING_WEIGHTS)[0]), ""))
    out.append(("hours-per-week", None, float(rng.choice(HOURS)), ""))
    if rng.random() < 0.65 * text_share:
        out.append(("biggest-need", None, None, rng.choice(NEEDS)))
    if rng.random() < 0.4 * text_share:
        out.append(("plan-2018", None, None, rng.choice(PLAN_OPENERS) + rng.choice(PLAN_ENDINGS)))
    return out


def answers_2018(rng: random.Random) -> list[AnswerSpec]:
    out: list[AnswerSpec] = [
        ("focus-issue", ELECTING if rng.random() < 0.4 else rng.choice(OTHER_PRIORITIES), None, ""),
        ("hours-per-week", None, float(rng.choice(HOURS)), ""),
        ("would-host", rng.choice(("yes", "yes", "maybe", "no")), None, ""),
    ]
    if rng.random() < 0.15:
        out.append(("anything-else", None, None, rng.choice(NEEDS)))
    return out


# --- What the analysis needs on top of the catalog's 2017 survey ------------------------------------------
# Skip logic (the plan question follows "electing"), the two headline findings, and a "support needed"
# question whose choices are the directory's skill topics (the gap report). Applied by the demo, the large generator and the survey benchmark; idempotent.

SUPPORT_KEY = "support-needed"
# Which skills leaders ask for, by area type: rural leaders lack data help and Spanish materials more often.
SUPPORT_WEIGHTS = {
    "rural": {"data": 5, "spanish-translation": 4, "fundraising": 3, "training-facilitation": 3, "legal": 2},
    "suburban": {"canvassing": 4, "fundraising": 4, "social-media": 3, "event-planning": 2, "data": 2},
    "urban": {"coalition-building": 4, "running-for-office": 3, "legal": 3, "public-speaking": 2, "data": 2},
}


def survey_2017_analysis_ensure(handle) -> None:
    """Add skip logic, findings and the support question (tied to skill topics) to the 2017 survey."""
    from actlocal.core.seeding.reference import SKILLS
    from actlocal.directory.models import Topic
    from actlocal.surveys.models import Choice, Finding, Question

    survey = handle.survey
    electing = handle.choices[("priorities", ELECTING)]
    plan = handle.questions["executing-plan"]
    if plan.show_if_choice_id != electing.pk:
        plan.show_if_choice = electing
        plan.save(update_fields=["show_if_choice"])
    area = handle.questions["area-type"]
    if area.context_field != "area_type":
        area.context_field = "area_type"
        area.save(update_fields=["context_field"])
    support = survey.questions.filter(key=SUPPORT_KEY).first()
    if support is None:
        support = Question.objects.create(
            survey=survey,
            position=max(q.position for q in handle.questions.values()) + 1,
            key=SUPPORT_KEY,
            kind=Question.Kind.MULTIPLE,
            text="Where would support help you most? Choose up to three.",
            text_es="¿En qué le ayudaría más recibir apoyo? Elija hasta tres.",
            section="What you need",
            section_es="Lo que necesita",
        )
        skills = {t.slug: t for t in Topic.objects.filter(kind=Topic.Kind.SKILL)}
        Choice.objects.bulk_create(
            [
                Choice(
                    question=support, position=i, value=slug, label=name, label_es=es, topic=skills.get(slug)
                )
                for i, (slug, name, es) in enumerate(SKILLS)
            ]
        )
    handle.questions[SUPPORT_KEY] = support
    for choice in support.choices.all():
        handle.choices[(SUPPORT_KEY, choice.value)] = choice
    if not survey.findings.exists():
        Finding.objects.bulk_create(
            [
                Finding(
                    survey=survey,
                    position=0,
                    choice=electing,
                    statement="name electing progressive leaders a priority",
                    statement_es="nombran como prioridad elegir líderes progresistas",
                ),
                Finding(
                    survey=survey,
                    position=1,
                    choice=handle.choices[("executing-plan", "yes")],
                    statement="are already working on and executing a plan",
                    statement_es="ya están trabajando en un plan y llevándolo a cabo",
                ),
            ]
        )


def support_answers(rng: random.Random, *, area_type: str) -> list[AnswerSpec]:
    """Up to three skills a leader asks for, drawn more often from their area type's usual needs."""
    weights = SUPPORT_WEIGHTS.get(area_type, {})
    from actlocal.core.seeding.reference import SKILLS

    slugs = [slug for slug, _name, _es in SKILLS]
    picked: set[str] = set()
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        picked.add(rng.choices(slugs, [weights.get(s, 1) for s in slugs])[0])
    return [(SUPPORT_KEY, slug, None, "") for slug in sorted(picked)]
