"""On the demo data, the findings panel states 73% and 96% with their intervals, the crosstabs by area type
and lean show them, and every figure matches a computation from the raw rows in plain Python."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from actlocal.accounts.models import User
from actlocal.surveys.models import Answer, Response, Survey

SLUG = "2017-convening-participant-survey"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed", "--scale", "demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def page(demo, db, client):
    client.force_login(User.objects.get(email="staff@actlocal.example"))
    return client.get(f"/surveys/{SLUG}/results/").content.decode()


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson's interval written from its textbook form, independently of ``surveys.stats``."""
    z = 1.96
    p = k / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n), (centre + spread) / (1 + z * z / n)


def raw_figures():
    """Who answered what, straight from the Answer and Response rows."""
    survey = Survey.objects.get(slug=SLUG)
    context = {
        pk: (area, lean)
        for pk, area, lean in Response.objects.filter(survey=survey, submitted_at__isnull=False).values_list(
            "pk", "area_type", "lean"
        )
    }
    answered, electing, plan_answered, plan_yes = set(), set(), set(), set()
    for rid, key, value in Answer.objects.filter(question__survey=survey).values_list(
        "response_id", "question__key", "choice__value"
    ):
        if rid not in context:
            continue
        if key == "priorities":
            answered.add(rid)
            if value == "electing-progressive-leaders":
                electing.add(rid)
        elif key == "executing-plan":
            plan_answered.add(rid)
            if value == "yes":
                plan_yes.add(rid)
    return context, answered, electing, plan_answered, plan_yes


def test_the_findings_panel_states_both_headline_figures_with_intervals(page):
    _context, answered, electing, plan_answered, plan_yes = raw_figures()
    k, n = len(electing), len(answered)
    low, high = wilson(k, n)
    assert round(100 * k / n) == 73
    assert f'{round(100 * k / n)}%</strong> <span class="margin">(±{100 * (high - low) / 2:.1f})' in page
    assert "name electing progressive leaders a priority" in page
    assert f"95% interval {100 * low:.1f}–{100 * high:.1f}%, n = {n}" in page

    k, n = len(plan_yes), len(plan_answered)
    low, high = wilson(k, n)
    assert round(100 * k / n) == 96
    assert plan_answered <= electing  # asked only of those who chose electing (skip logic)
    assert f'{round(100 * k / n)}%</strong> <span class="margin">(±{100 * (high - low) / 2:.1f})' in page
    assert "of those, are already working on and executing a plan" in page


@pytest.mark.parametrize(
    ("position", "labels"), [(0, ["Rural", "Suburban", "Urban"]), (1, ["Blue", "Purple", "Red"])]
)
def test_the_crosstabs_by_area_type_and_lean_show_the_73_percent_everywhere(page, position, labels):
    context, answered, electing, _plan, _yes = raw_figures()
    by_group = defaultdict(lambda: [0, 0])
    for rid in answered:
        group = context[rid][position]
        by_group[group][1] += 1
        by_group[group][0] += rid in electing
    caption = "by area type" if position == 0 else "by partisan lean"
    table = page.split(f"name electing progressive leaders a priority: {caption}</caption>")[1].split(
        "</table>"
    )[0]
    cells = re.findall(r'<td class="num">([\d.]+)% <span class="meta">\(±([\d.]+), n = (\d+)\)', table)
    expected = []
    for label in labels:
        k, n = by_group[label.lower()]
        low, high = wilson(k, n)
        expected.append((f"{100 * k / n:.1f}", f"{100 * (high - low) / 2:.1f}", str(n)))
        assert 70 <= 100 * k / n <= 76
    assert cells == expected
    assert "No significant difference by" in page


def test_the_crosstab_tool_by_area_type_matches_the_raw_rows(page, client):
    context, answered, electing, _plan, _yes = raw_figures()
    survey = Survey.objects.get(slug=SLUG)
    priorities = survey.questions.get(key="priorities")

    html = client.get(
        f"/surveys/{SLUG}/results/", {"question": priorities.pk, "by": "area_type"}
    ).content.decode()

    table = html.split('<table class="crosstab">')[1].split("</table>")[0]
    electing_row = table.split("Electing progressive leaders</th>")[1].split("</tr>")[0]
    shown = re.findall(r"([\d.]+)% <span", electing_row)
    expected = []
    for area in ("rural", "suburban", "urban"):
        group = [rid for rid in answered if context[rid][0] == area]
        expected.append(f"{100 * sum(r in electing for r in group) / len(group):.1f}")
    assert shown == expected
