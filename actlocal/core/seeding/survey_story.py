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
