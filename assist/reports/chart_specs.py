"""What each report chart shows, derived from the figures (Qt-free).

``ui/charts.py`` draws a :class:`ChartSpec` with QPainter – onto a QImage for
``peka report`` and onto the console's Reports screen – so both show the same picture.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from assist.money import EXPONENT
from assist.nlp.models import CHECKLIST_STEPS, EMOTIONS
from assist.reports.figures import Period, Table
from assist.reports.records import APPROVAL_STATUSES

BAR = "bar"
STACKED = "stacked"
LINE = "line"


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]
    axis: str = "left"  # "left" or "right" (line charts)
    colour: str | None = None  # "#rrggbb"; None: the palette's next colour


@dataclass(frozen=True)
class ChartSpec:
    key: str  # file stem of the PNG
    kind: str  # BAR, STACKED or LINE
    title: str
    categories: list[str]
    series: list[Series]
    y_label: str = ""
    y_format: str = "number"  # number, money, percent, score
    y2_label: str = ""
    y2_format: str = "number"
    y_range: tuple[float, float] | None = None
    y2_range: tuple[float, float] | None = None
    markers: list[float | None] = field(default_factory=list)  # one per category
    marker_label: str = ""
    subtitle: str = ""

    @property
    def empty(self) -> bool:
        return not self.categories or all(
            v is None or v == 0 for s in self.series for v in s.values
        )


# Colours chosen to stay distinguishable for the common colour-vision deficiencies.
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
STATUS_COLOURS = {
    "approved": "#2ca02c",
    "used": "#1b6e2c",
    "declined": "#d62728",
    "expired": "#7f7f7f",
    "pending": "#ffbf00",
}
EMOTION_COLOURS = {
    "angry": "#d62728",
    "disappointed": "#ff7f0e",
    "anxious": "#9467bd",
    "confused": "#17becf",
    "neutral": "#9e9e9e",
    "happy": "#2ca02c",
    "unknown": "#d0d0d0",
}


def _major(amount_minor: int, currency: str) -> float:
    return float(Decimal(amount_minor).scaleb(-EXPONENT.get(currency, 2)))


def _label(labels: dict[str, str], name: str) -> str:
    """A type's label; a type the labels do not know reads "Pulsa bonus", not "pulsa_bonus"."""
    return labels.get(name) or name.replace("_", " ").capitalize()


def _short_day(day: str) -> str:
    return day[5:].replace("-", "/")  # "2024-05-03" -> "05/03"


def compensation_by_agent_chart(table: Table, labels: dict[str, str]) -> ChartSpec:
    rows = [r for r in table.dicts() if r["unit"] == "money"]
    agents = sorted({str(r["agent_id"]) for r in rows})
    types = sorted({str(r["type"]) for r in rows if r["amount_minor"]})
    currency = str(rows[0]["currency"]) if rows else "IDR"
    amount: dict[tuple[str, str], float] = {}
    for r in rows:
        amount[(str(r["agent_id"]), str(r["type"]))] = _major(int(r["amount_minor"] or 0), currency)
    return ChartSpec(
        key="compensation_by_agent",
        kind=STACKED,
        title="Compensation granted per agent",
        subtitle="money types, stacked by type",
        categories=agents,
        series=[
            Series(_label(labels, t), [amount.get((a, t), 0.0) for a in agents]) for t in types
        ],
        y_label=currency,
        y_format="money",
    )


def budget_use_chart(table: Table) -> ChartSpec:
    rows = table.dicts()
    agents = sorted({str(r["agent_id"]) for r in rows})
    average: dict[str, list[float]] = defaultdict(list)
    peak: dict[str, float] = defaultdict(float)
    for r in rows:
        agent = str(r["agent_id"])
        average[agent].append(float(r["average_used_percent"] or 0))
        peak[agent] = max(peak[agent], float(r["peak_used_percent"] or 0))
    return ChartSpec(
        key="budget_use",
        kind=BAR,
        title="Daily budget use per agent",
        subtitle="share of a type's daily budget granted on a day with grants; ◆ = 100 %",
        categories=agents,
        series=[
            Series(
                "Average day",
                [round(sum(average[a]) / len(average[a]), 1) for a in agents],
                colour=PALETTE[0],
            ),
            Series("Busiest day", [peak[a] for a in agents], colour=PALETTE[1]),
        ],
        y_label="% of daily budget",
        y_format="percent",
        markers=[100.0] * len(agents),
        marker_label="Daily budget",
    )


def compensation_daily_chart(table: Table, period: Period) -> ChartSpec:
    days = [d.isoformat() for d in period.days]
    totals: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    currency = "IDR"
    for r in table.dicts():
        counts[str(r["day"])] += int(r["grants"] or 0)
        if r["unit"] != "money":
            continue
        currency = str(r["currency"])
        totals[str(r["day"])] += _major(int(r["amount_minor"] or 0), currency)
    series = [
        Series("Granted (money types)", [totals.get(d, 0.0) for d in days], colour=PALETTE[0]),
        Series(
            "Grants (all types)",
            [float(counts.get(d, 0)) for d in days],
            axis="right",
            colour=PALETTE[1],
        ),
    ]
    return ChartSpec(
        key="compensation_daily",
        kind=LINE,
        title="Compensation granted per day (team)",
        categories=[_short_day(d) for d in days],
        series=series,
        y_label=currency,
        y_format="money",
        y2_label="grants",
        y2_format="number",
    )


APPROVAL_LABELS = {
    "used": "approved and granted",
    "approved": "approved, not used yet",
    "pending": "waiting",
    "declined": "declined",
    "expired": "expired",
}


def approvals_chart(table: Table) -> ChartSpec:
    agents = sorted({str(r["agent_id"]) for r in table.dicts()})
    counts: dict[tuple[str, str], float] = defaultdict(float)
    for r in table.dicts():
        for status in APPROVAL_STATUSES:
            counts[(str(r["agent_id"]), status)] += float(r[status] or 0)
    return ChartSpec(
        key="approvals",
        kind=STACKED,
        title="Approval requests per agent, by outcome",
        categories=agents,
        series=[
            Series(
                APPROVAL_LABELS[status],
                [counts[(a, status)] for a in agents],
                colour=STATUS_COLOURS[status],
            )
            for status in APPROVAL_LABELS
        ],
        y_label="requests",
    )


def suggestions_chart(table: Table) -> ChartSpec:
    rows = [r for r in table.dicts() if r["shown"]]
    functions = [str(r["function"]).replace("_", " ") for r in rows]
    parts = (
        ("inserted", "#2ca02c"),
        ("edited", "#98df8a"),
        ("ignored", "#d62728"),
        ("no_action", "#c7c7c7"),
    )
    return ChartSpec(
        key="suggestions_by_function",
        kind=STACKED,
        title="Suggestion use by empathy function",
        categories=functions,
        series=[
            Series(name.replace("_", " "), [float(r[name] or 0) for r in rows], colour=colour)
            for name, colour in parts
        ],
        y_label="suggestions shown",
    )


def checklist_chart(table: Table) -> ChartSpec:
    team = next((r for r in table.dicts() if r["agent_id"] == "(team)"), None)
    steps = [*CHECKLIST_STEPS, "complete"]
    values: list[float | None] = []
    for step in steps:
        value = team.get(f"{step}_percent") if team else None
        values.append(float(value) if isinstance(value, int | float) else None)
    return ChartSpec(
        key="checklist",
        kind=BAR,
        title="Empathy checklist in the replies sent (team)",
        subtitle=f"{team['replies'] if team else 0} replies",
        categories=[s.replace("_", " ") for s in steps],
        series=[Series("replies that took the step", values, colour=PALETTE[0])],
        y_label="% of replies",
        y_format="percent",
        y_range=(0.0, 100.0),
    )


def emotions_chart(table: Table, period: Period) -> ChartSpec:
    days = [d.isoformat() for d in period.days]
    counts: dict[tuple[str, str], float] = defaultdict(float)
    present: set[str] = set()
    for r in table.dicts():
        counts[(str(r["day"]), str(r["emotion"]))] += float(r["conversations"] or 0)
        present.add(str(r["emotion"]))
    emotions = [e for e in (*EMOTIONS, "unknown") if e in present]
    return ChartSpec(
        key="emotions_daily",
        kind=STACKED,
        title="Customers' emotion per day",
        categories=[_short_day(d) for d in days],
        series=[
            Series(e, [counts[(d, e)] for d in days], colour=EMOTION_COLOURS[e]) for e in emotions
        ],
        y_label="conversations",
    )


def csat_chart(table: Table, period: Period) -> ChartSpec:
    days = [d.isoformat() for d in period.days]
    rows = {str(r["day"]): r for r in table.dicts()}

    def value(day: str, column: str) -> float | None:
        row = rows.get(day)
        cell = row.get(column) if row else None
        return float(cell) if isinstance(cell, int | float) else None

    return ChartSpec(
        key="csat_daily",
        kind=LINE,
        title="CSAT and customers who felt understood, per day",
        categories=[_short_day(d) for d in days],
        series=[
            Series(
                "CSAT average (1–5)", [value(d, "csat_average") for d in days], colour=PALETTE[0]
            ),
            Series(
                "Felt understood (%)",
                [value(d, "understood_percent") for d in days],
                axis="right",
                colour=PALETTE[1],
            ),
        ],
        y_label="CSAT",
        y_format="score",
        y_range=(1.0, 5.0),
        y2_label="% felt understood",
        y2_format="percent",
        y2_range=(0.0, 100.0),
    )


def charts(tables: dict[str, Table], period: Period, labels: dict[str, str]) -> list[ChartSpec]:
    """The report's charts, in the order the report and the console show them."""
    return [
        compensation_by_agent_chart(tables["compensation_by_agent"], labels),
        compensation_daily_chart(tables["compensation_daily"], period),
        budget_use_chart(tables["budget_use"]),
        approvals_chart(tables["approvals"]),
        suggestions_chart(tables["suggestions_by_function"]),
        checklist_chart(tables["checklist"]),
        emotions_chart(tables["emotions_daily"], period),
        csat_chart(tables["csat_daily"], period),
    ]
