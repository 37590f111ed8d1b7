"""What each report chart shows, derived from the figures (Qt-free).

``ui/charts.py`` draws a :class:`ChartSpec` with QPainter – onto a QImage for
``peka report`` and onto the console's Reports screen – so both show the same picture.
Titles, axes and legends are in the report's language (:mod:`assist.reports.words`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from assist.money import EXPONENT
from assist.nlp.models import CHECKLIST_STEPS, EMOTIONS
from assist.reports.figures import Cell, Period, Table
from assist.reports.records import APPROVAL_STATUSES
from assist.reports.words import Words

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
    currency: str = "IDR"  # of money axes and labels
    y2_label: str = ""
    y2_format: str = "number"
    y_range: tuple[float, float] | None = None
    y2_range: tuple[float, float] | None = None
    markers: list[float | None] = field(default_factory=list)  # one per category
    marker_label: str = ""
    subtitle: str = ""
    language: str = "id"  # numbers: "Rp 1,5 jt" and "4,2" in id, "Rp 1.5M" and "4.2" in en
    empty_text: str = "Tidak ada data untuk periode ini"
    # One per category: a day not over yet, or one the data only starts during. Drawn
    # paler (bars) or hollow with a dashed line (lines), never as a collapse to zero.
    partial: list[bool] = field(default_factory=list)
    partial_note: str = ""

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


def _days(period: Period, w: Words) -> tuple[list[str], list[str]]:
    """ISO days (to look rows up) and their axis text ("26 Okt" / "26 Oct")."""
    return [d.isoformat() for d in period.days], [w.day(d) for d in period.days]


@dataclass(frozen=True)
class Coverage:
    """Which of a period's days the data fully covers.

    ``partial``: days not over yet (today) or that the data only starts during;
    ``missing``: days before the data starts or still to come, which have no value
    at all (a gap in the chart, not a zero)."""

    partial: frozenset[str] = frozenset()
    missing: frozenset[str] = frozenset()

    def flags(self, days: list[str]) -> list[bool]:
        return [d in self.partial for d in days]

    def value(self, day: str, value: float) -> float | None:
        return None if day in self.missing else value


def _daily(spec: ChartSpec, days: list[str], coverage: Coverage, w: Words) -> ChartSpec:
    flags = coverage.flags(days)
    if not any(flags):
        return spec
    return replace(spec, partial=flags, partial_note=w("chart.partial_note"))


def _spec(
    w: Words, key: str, kind: str, categories: list[str], series: list[Series], **more: Any
) -> ChartSpec:
    """A chart titled ``chart.<key>`` in the report's language (``more``: its other fields)."""
    return ChartSpec(
        key=key,
        kind=kind,
        title=w(f"chart.{key}"),
        categories=categories,
        series=series,
        language=w.language,
        empty_text=w("empty"),
        **more,
    )


def _daily_spec(
    period: Period,
    w: Words,
    coverage: Coverage | None,
    key: str,
    kind: str,
    series: Callable[[list[str]], list[Series]],
    **more: Any,
) -> ChartSpec:
    """A chart with one category per day of ``period``; ``series`` gets the ISO days.
    Partial days are marked (see :class:`Coverage`)."""
    days, shown = _days(period, w)
    spec = _spec(w, key, kind, shown, series(days), **more)
    return _daily(spec, days, coverage or Coverage(), w)


def _axis_currency(currency: str) -> str:
    return "Rupiah" if currency == "IDR" else currency


def _names(rows: list[dict[str, Cell]], agents: list[str]) -> list[str]:
    """The agents' names as the tables give them (the id where Peka knows no name)."""
    named = {str(r["agent_id"]): str(r.get("agent_name") or r["agent_id"]) for r in rows}
    return [named.get(a, a) for a in agents]


def compensation_by_agent_chart(table: Table, labels: dict[str, str], w: Words) -> ChartSpec:
    rows = [r for r in table.dicts() if r["unit"] == "money"]
    agents = sorted({str(r["agent_id"]) for r in rows})
    types = sorted({str(r["type"]) for r in rows if r["amount_minor"]})
    currency = str(rows[0]["currency"]) if rows else "IDR"
    amount: dict[tuple[str, str], float] = {}
    for r in rows:
        amount[(str(r["agent_id"]), str(r["type"]))] = _major(int(r["amount_minor"] or 0), currency)
    return _spec(
        w,
        "compensation_by_agent",
        STACKED,
        _names(rows, agents),
        [Series(_label(labels, t), [amount.get((a, t), 0.0) for a in agents]) for t in types],
        subtitle=w("chart.compensation_by_agent.subtitle"),
        y_label=_axis_currency(currency),
        y_format="money",
        currency=currency,
    )


def budget_use_chart(table: Table, w: Words) -> ChartSpec:
    rows = table.dicts()
    agents = sorted({str(r["agent_id"]) for r in rows})
    average: dict[str, list[float]] = defaultdict(list)
    peak: dict[str, float] = defaultdict(float)
    for r in rows:
        agent = str(r["agent_id"])
        average[agent].append(float(r["average_used_percent"] or 0))
        peak[agent] = max(peak[agent], float(r["peak_used_percent"] or 0))
    return _spec(
        w,
        "budget_use",
        BAR,
        _names(rows, agents),
        [
            Series(
                w("chart.budget_use.average"),
                [round(sum(average[a]) / len(average[a]), 1) for a in agents],
                colour=PALETTE[0],
            ),
            Series(w("chart.budget_use.peak"), [peak[a] for a in agents], colour=PALETTE[1]),
        ],
        subtitle=w("chart.budget_use.subtitle"),
        y_label=w("chart.budget_use.y"),
        y_format="percent",
        markers=[100.0] * len(agents),
        marker_label=w("chart.budget_use.marker"),
    )


def compensation_daily_chart(
    table: Table, period: Period, w: Words, coverage: Coverage | None = None
) -> ChartSpec:
    """Money granted per day: one axis (the number of grants has a chart of its own)."""
    cover = coverage or Coverage()
    totals: dict[str, float] = defaultdict(float)
    currency = "IDR"
    for r in table.dicts():
        if r["unit"] != "money":
            continue
        currency = str(r["currency"])
        totals[str(r["day"])] += _major(int(r["amount_minor"] or 0), currency)
    return _daily_spec(
        period,
        w,
        cover,
        "compensation_daily",
        LINE,
        lambda days: [
            Series(
                w("chart.compensation_daily.granted"),
                [cover.value(d, totals.get(d, 0.0)) for d in days],
                colour=PALETTE[0],
            )
        ],
        y_label=_axis_currency(currency),
        y_format="money",
        currency=currency,
    )


def grants_daily_chart(
    table: Table, period: Period, w: Words, coverage: Coverage | None = None
) -> ChartSpec:
    """How many grants per day (all types), on its own axis."""
    cover = coverage or Coverage()
    counts: dict[str, int] = defaultdict(int)
    for r in table.dicts():
        counts[str(r["day"])] += int(r["grants"] or 0)
    return _daily_spec(
        period,
        w,
        cover,
        "grants_daily",
        BAR,
        lambda days: [
            Series(
                w("chart.compensation_daily.grants"),
                [cover.value(d, float(counts.get(d, 0))) for d in days],
                colour=PALETTE[1],
            )
        ],
        y_label=w("chart.compensation_daily.y2"),
    )


# Legend order: granted first, then still open, then the ones that came to nothing.
APPROVAL_ORDER = ("used", "approved", "pending", "declined", "expired")


def approvals_chart(table: Table, w: Words) -> ChartSpec:
    agents = sorted({str(r["agent_id"]) for r in table.dicts()})
    counts: dict[tuple[str, str], float] = defaultdict(float)
    for r in table.dicts():
        for status in APPROVAL_STATUSES:
            counts[(str(r["agent_id"]), status)] += float(r[status] or 0)
    return _spec(
        w,
        "approvals",
        STACKED,
        _names(table.dicts(), agents),
        [
            Series(
                w(f"approval.{status}"),
                [counts[(a, status)] for a in agents],
                colour=STATUS_COLOURS[status],
            )
            for status in APPROVAL_ORDER
        ],
        y_label=w("chart.approvals.y"),
    )


def suggestions_chart(table: Table, w: Words) -> ChartSpec:
    rows = [r for r in table.dicts() if r["shown"]]
    functions = [
        w.get(f"function.{r['function']}", str(r["function"]).replace("_", " ")) for r in rows
    ]
    parts = (
        ("inserted", "#2ca02c"),
        ("edited", "#98df8a"),
        ("ignored", "#d62728"),
        ("no_action", "#c7c7c7"),
    )
    return _spec(
        w,
        "suggestions_by_function",
        STACKED,
        functions,
        [
            Series(w(f"use.{name}"), [float(r[name] or 0) for r in rows], colour=colour)
            for name, colour in parts
        ],
        y_label=w("chart.suggestions_by_function.y"),
    )


def checklist_chart(table: Table, w: Words) -> ChartSpec:
    team = next((r for r in table.dicts() if r["agent_id"] == "(team)"), None)
    steps = [*CHECKLIST_STEPS, "complete"]
    replies = int(str(team["replies"] or 0)) if team else 0
    values: list[float | None] = []
    for step in steps:
        value = team.get(f"{step}_percent") if team else None
        values.append(float(value) if isinstance(value, int | float) else None)
    return _spec(
        w,
        "checklist",
        BAR,
        [w(f"step.{s}") for s in steps],
        [Series(w("chart.checklist.series"), values, colour=PALETTE[0])],
        subtitle=w("chart.checklist.subtitle", count=w.number(replies)),
        y_label=w("chart.checklist.y"),
        y_format="percent",
        y_range=(0.0, 100.0),
    )


def emotions_chart(
    table: Table, period: Period, w: Words, coverage: Coverage | None = None
) -> ChartSpec:
    counts: dict[tuple[str, str], float] = defaultdict(float)
    present: set[str] = set()
    for r in table.dicts():
        counts[(str(r["day"]), str(r["emotion"]))] += float(r["conversations"] or 0)
        present.add(str(r["emotion"]))
    emotions = [e for e in (*EMOTIONS, "unknown") if e in present]
    return _daily_spec(
        period,
        w,
        coverage,
        "emotions_daily",
        STACKED,
        lambda days: [
            Series(w(f"emotion.{e}"), [counts[(d, e)] for d in days], colour=EMOTION_COLOURS[e])
            for e in emotions
        ],
        y_label=w("chart.emotions_daily.y"),
    )


def _day_values(table: Table, column: str, days: list[str]) -> list[float | None]:
    rows = {str(r["day"]): r for r in table.dicts()}
    values: list[float | None] = []
    for day in days:
        row = rows.get(day)
        cell = row.get(column) if row else None
        values.append(float(cell) if isinstance(cell, int | float) else None)
    return values


def _day_line(
    table: Table,
    period: Period,
    w: Words,
    coverage: Coverage | None,
    *,
    key: str,
    column: str,
    name: str,
    colour: str,
    **more: Any,
) -> ChartSpec:
    """One table column as a line over the period's days (a day without a row: a gap)."""
    return _daily_spec(
        period,
        w,
        coverage,
        key,
        LINE,
        lambda days: [Series(name, _day_values(table, column, days), colour=colour)],
        **more,
    )


def csat_chart(
    table: Table, period: Period, w: Words, coverage: Coverage | None = None
) -> ChartSpec:
    """CSAT average per day, on one axis (felt understood has a chart of its own)."""
    return _day_line(
        table,
        period,
        w,
        coverage,
        key="csat_daily",
        column="csat_average",
        name=w("chart.csat_daily.csat"),
        colour=PALETTE[0],
        y_label=w("chart.csat_daily.y"),
        y_format="score",
        y_range=(1.0, 5.0),
    )


def understood_chart(
    table: Table, period: Period, w: Words, coverage: Coverage | None = None
) -> ChartSpec:
    """Share of surveyed customers who felt understood, per day."""
    return _day_line(
        table,
        period,
        w,
        coverage,
        key="understood_daily",
        column="understood_percent",
        name=w("chart.csat_daily.understood"),
        colour=PALETTE[1],
        y_label=w("chart.csat_daily.y2"),
        y_format="percent",
        y_range=(0.0, 100.0),
    )


def charts(
    tables: dict[str, Table],
    period: Period,
    labels: dict[str, str],
    language: str = "id",
    coverage: Coverage | None = None,
) -> list[ChartSpec]:
    """The report's charts in ``language``, in the order the report and the console show them.

    ``labels`` names compensation types (the policy's own labels, see ``type_labels``);
    ``coverage`` says which days are partial or have no data yet. Each chart has one
    y-axis: two quantities get two charts."""
    w = Words(language)
    cover = coverage or Coverage()
    return [
        compensation_by_agent_chart(tables["compensation_by_agent"], labels, w),
        compensation_daily_chart(tables["compensation_daily"], period, w, cover),
        grants_daily_chart(tables["compensation_daily"], period, w, cover),
        budget_use_chart(tables["budget_use"], w),
        approvals_chart(tables["approvals"], w),
        suggestions_chart(tables["suggestions_by_function"], w),
        checklist_chart(tables["checklist"], w),
        emotions_chart(tables["emotions_daily"], period, w, cover),
        csat_chart(tables["csat_daily"], period, w, cover),
        understood_chart(tables["csat_daily"], period, w, cover),
    ]
