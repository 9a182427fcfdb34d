"""Recurrence rules for follow-up gatherings: the local wall-clock dates a weekly, biweekly or monthly
(same weekday, e.g. "second Tuesday") rule produces.

Dates are computed on the venue's wall clock and only then converted to UTC, so a 7 pm meeting stays at
7 pm local across a daylight-saving change (its UTC time moves by an hour instead).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

MAX_OCCURRENCES = 52


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    """The ``nth`` (1-based; 5 means "last") ``weekday`` of a month."""
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    if nth >= 5:
        # "Last": step forward while still in the month.
        while (day + timedelta(days=7)).month == month:
            day += timedelta(days=7)
        return day
    day += timedelta(weeks=nth - 1)
    return day if day.month == month else None


def occurrence_starts(
    *, rule: str, first_start: datetime, tz_name: str, until: date, limit: int = MAX_OCCURRENCES
) -> list[datetime]:
    """UTC start times of the occurrences after the parent's own (``first_start``), up to ``until``
    (inclusive, a local date) and at most ``limit`` of them."""
    tz = ZoneInfo(tz_name)
    local = first_start.astimezone(tz)
    wall_time = local.timetz().replace(tzinfo=None)
    starts: list[datetime] = []
    step = 1
    while len(starts) < limit:
        if rule in ("weekly", "biweekly"):
            day = local.date() + timedelta(weeks=step * (2 if rule == "biweekly" else 1))
        elif rule == "monthly":
            # Same weekday and week of the month; a 5th weekday becomes the month's last one.
            nth = (local.day - 1) // 7 + 1
            month_index = local.month - 1 + step
            day = _nth_weekday(local.year + month_index // 12, month_index % 12 + 1, local.weekday(), nth)
        else:
            return []
        step += 1
        if day is None:
            continue
        if day > until:
            break
        starts.append(datetime.combine(day, wall_time, tzinfo=tz).astimezone(ZoneInfo("UTC")))
    return starts
