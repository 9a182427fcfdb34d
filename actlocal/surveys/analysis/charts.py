"""Bar geometry for the analysis page's SVG charts (CSP forbids inline styles, so no CSS widths).

Colours are the Okabe-Ito palette, readable with every common colour-vision deficiency; each bar also has
a dark outline (contrast 3:1 against the page) and every chart sits beside a table of the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
LABEL_WIDTH = 150  # short row labels; the full ones are in the table beside the chart
PLOT_WIDTH = 300
BAR_HEIGHT = 14
GAP = 6


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str
    # The 95% interval as a whisker, in chart coordinates.
    ci_low: float
    ci_high: float


@dataclass
class Label:
    y: float
    text: str


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    labels: list[Label]
    label_x: int = LABEL_WIDTH - 6


def _x(percent: float) -> float:
    return LABEL_WIDTH + round(PLOT_WIDTH * max(0.0, min(100.0, percent)) / 100, 1)


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:23] + "…"


def distribution_chart(rows) -> Chart:
    bars, labels = [], []
    for i, row in enumerate(rows):
        s = row.share
        labels.append(Label(y=i * (BAR_HEIGHT + GAP) + BAR_HEIGHT, text=_short(row.label)))
        bars.append(
            Bar(
                x=LABEL_WIDTH,
                y=i * (BAR_HEIGHT + GAP),
                width=_x(s.percent) - LABEL_WIDTH,
                height=BAR_HEIGHT,
                colour=OKABE_ITO[0],
                title=f"{row.label}: {s.percent:.1f}% (n = {s.n})",
                ci_low=_x(s.low),
                ci_high=_x(s.high),
            )
        )
    return _chart(bars, len(rows) * (BAR_HEIGHT + GAP), labels)


def crosstab_chart(crosstab) -> Chart:
    """Grouped bars: one group per answer, one bar per column (area type, lean, ...), colour per column."""
    bars, labels = [], []
    y = 0
    for row in crosstab.rows:
        labels.append(Label(y=y + (BAR_HEIGHT - 2) * len(crosstab.columns) / 2 + 4, text=_short(row.label)))
        for j, (column, cell) in enumerate(zip(crosstab.columns, row.cells, strict=True)):
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=y,
                    width=_x(cell.percent) - LABEL_WIDTH,
                    height=BAR_HEIGHT - 4,
                    colour=OKABE_ITO[j % len(OKABE_ITO)],
                    title=f"{row.label}, {column.label}: {cell.percent:.1f}% (n = {cell.n})",
                    ci_low=_x(cell.low),
                    ci_high=_x(cell.high),
                )
            )
            y += BAR_HEIGHT - 2
        y += GAP * 2
    return _chart(bars, y, labels)


def legend(crosstab) -> list[tuple[str, str]]:
    return [(OKABE_ITO[j % len(OKABE_ITO)], c.label) for j, c in enumerate(crosstab.columns)]


def _chart(bars: list[Bar], height: int, labels: list[Label]) -> Chart:
    ticks = [(_x(p), f"{p}%") for p in (0, 25, 50, 75, 100)]
    for item in [*bars, *labels]:
        item.y += 4
    return Chart(
        width=LABEL_WIDTH + PLOT_WIDTH + 30, height=height + 24, bars=bars, ticks=ticks, labels=labels
    )
