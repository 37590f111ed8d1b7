"""The report's figures, computed from a :class:`Dataset` without Qt.

Each figure is a :class:`Table`: what the CSV file holds and what the charts draw.
Definitions (also in docs/reports.md):

* amounts are summed exactly in integer minor units (days for day-based types);
* a *day* is a calendar day in the policy's time zone, the same day daily budgets use;
* *used* suggestions are those inserted or inserted-then-edited; a suggestion counts
  once per conversation with the furthest thing the agent did with it;
* *empathy complete* means the reply sent took all four checklist steps;
* *felt understood* is the share of survey answers that said yes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from assist.money import format_money
from assist.nlp.models import CHECKLIST_STEPS, EMOTIONS, FUNCTIONS
from assist.outcomes.models import OUTCOMES, ConversationOutcome
from assist.reports.dataset import Dataset
from assist.reports.records import APPROVAL_STATUSES, GrantRecord

Cell = str | int | float | None


@dataclass(frozen=True)
class Period:
    """Local days [since, until) in the time zone ``tz``."""

    since: date
    until: date  # exclusive
    tz: tzinfo

    @property
    def days(self) -> list[date]:
        return [self.since + timedelta(days=n) for n in range((self.until - self.since).days)]

    def start(self) -> datetime:
        return datetime.combine(self.since, time(0), self.tz)

    def end(self) -> datetime:
        return datetime.combine(self.until, time(0), self.tz)

    def day_of(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()


@dataclass(frozen=True)
class Table:
    name: str  # the CSV file's stem
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]

    def column(self, name: str) -> list[Cell]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def dicts(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _amount_text(amount: int, unit: str, currency: str) -> str:
    return f"{amount} days" if unit == "days" else format_money(amount, currency)


def compensation_daily(data: Dataset, period: Period) -> Table:
    """Grants per day, agent and type, against the agent's daily budget for the type.

    As in the ledger, only grants within the agent's own authority count against the
    budget; grants made with a supervisor's approval code are shown but not counted.
    """
    budgets = {(b.agent_id, b.type): b.daily_budget for b in data.budgets}
    groups: dict[tuple[date, str, str, str, str], list[GrantRecord]] = defaultdict(list)
    for g in data.grants:
        groups[(period.day_of(g.granted_at), g.agent_id, g.type, g.unit, g.currency)].append(g)
    rows: list[tuple[Cell, ...]] = []
    for (day, agent, kind, unit, currency), grants in sorted(groups.items()):
        total = sum(g.amount_minor for g in grants)
        within = sum(g.amount_minor for g in grants if g.approval_id is None)
        budget = budgets.get((agent, kind))
        rows.append(
            (
                day.isoformat(),
                agent,
                kind,
                unit,
                currency,
                len(grants),
                total,
                _amount_text(total, unit, currency),
                within,
                budget,
                _pct(within, budget) if budget else None,
                "yes" if budget is not None and within > budget else "no",
            )
        )
    return Table(
        "compensation_daily",
        "Compensation granted per day, agent and type",
        (
            "day",
            "agent_id",
            "type",
            "unit",
            "currency",
            "grants",
            "amount_minor",
            "amount",
            "within_authority_minor",
            "daily_budget_minor",
            "budget_used_percent",
            "over_budget",
        ),
        rows,
    )


def compensation_by_agent(data: Dataset, period: Period) -> Table:
    """Per agent and type over the period, against the period's budget (daily x days)."""
    budgets = {(b.agent_id, b.type): b for b in data.budgets}
    groups: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    within: dict[tuple[str, str, str, str], int] = defaultdict(int)
    active_days: dict[tuple[str, str, str, str], set[date]] = defaultdict(set)
    for g in data.grants:
        key = (g.agent_id, g.type, g.unit, g.currency)
        groups[key].append(g.amount_minor)
        if g.approval_id is None:
            within[key] += g.amount_minor
        active_days[key].add(period.day_of(g.granted_at))
    for (agent, kind), b in budgets.items():
        groups.setdefault((agent, kind, b.unit, b.currency), [])
    days = len(period.days)
    rows: list[tuple[Cell, ...]] = []
    for key, amounts in sorted(groups.items()):
        agent, kind, unit, currency = key
        total = sum(amounts)
        budget = budgets.get((agent, kind))
        period_budget = budget.daily_budget * days if budget is not None else None
        rows.append(
            (
                agent,
                kind,
                unit,
                currency,
                len(amounts),
                total,
                _amount_text(total, unit, currency),
                within[key],
                len(active_days[key]),
                budget.daily_budget if budget is not None else None,
                period_budget,
                _pct(within[key], period_budget) if period_budget else None,
            )
        )
    return Table(
        "compensation_by_agent",
        "Compensation granted per agent and type over the period",
        (
            "agent_id",
            "type",
            "unit",
            "currency",
            "grants",
            "amount_minor",
            "amount",
            "within_authority_minor",
            "days_with_grants",
            "daily_budget_minor",
            "period_budget_minor",
            "budget_used_percent",
        ),
        rows,
    )


def budget_use(data: Dataset, period: Period) -> Table:
    """How close each agent came to each daily budget, on the days they granted."""
    daily = compensation_daily(data, period)
    used: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    over: Counter[tuple[str, str, str]] = Counter()
    budgets: dict[tuple[str, str, str], Cell] = {}
    for r in daily.dicts():
        if r["budget_used_percent"] is None:
            continue
        key = (str(r["agent_id"]), str(r["type"]), str(r["unit"]))
        used[key].append(float(r["budget_used_percent"]))
        budgets[key] = r["daily_budget_minor"]
        over[key] += r["over_budget"] == "yes"
    rows: list[tuple[Cell, ...]] = [
        (
            *key,
            budgets[key],
            len(values),
            round(sum(values) / len(values), 1),
            max(values),
            over[key],
        )
        for key, values in sorted(used.items())
    ]
    return Table(
        "budget_use",
        "Daily budget use per agent and type, on days with grants",
        (
            "agent_id",
            "type",
            "unit",
            "daily_budget_minor",
            "days_with_grants",
            "average_used_percent",
            "peak_used_percent",
            "days_over_budget",
        ),
        rows,
    )


def approvals(data: Dataset, period: Period) -> Table:
    """Requests above authority per agent and type, by what became of them."""
    groups: dict[tuple[str, str, str, str], Counter[str]] = defaultdict(Counter)
    requested: dict[tuple[str, str, str, str], int] = defaultdict(int)
    approved_amount: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for a in data.approvals:
        key = (a.agent_id, a.type, a.unit, a.currency)
        groups[key][a.status] += 1
        requested[key] += a.amount_minor
        if a.status in ("approved", "used"):
            approved_amount[key] += a.amount_minor
    rows: list[tuple[Cell, ...]] = []
    for key, counts in sorted(groups.items()):
        total = sum(counts.values())
        decided = total - counts["pending"]
        yes = counts["approved"] + counts["used"]
        rows.append(
            (
                *key,
                total,
                *(counts[s] for s in APPROVAL_STATUSES),
                requested[key],
                approved_amount[key],
                _pct(yes, decided),
            )
        )
    return Table(
        "approvals",
        "Approval requests and their outcomes",
        (
            "agent_id",
            "type",
            "unit",
            "currency",
            "requests",
            *APPROVAL_STATUSES,
            "amount_requested_minor",
            "amount_approved_minor",
            "approved_percent",
        ),
        rows,
    )


_ACTION_RANK = {"shown": 0, "ignored": 1, "inserted": 2, "edited": 3}


def _final_actions(outcome: ConversationOutcome) -> dict[str, tuple[str, str]]:
    """phrase id -> (function, furthest action) within one conversation."""
    final: dict[str, tuple[str, str]] = {}
    for use in outcome.suggestions:
        known = final.get(use.phrase_id)
        if known is None or _ACTION_RANK[use.action] > _ACTION_RANK[known[1]]:
            final[use.phrase_id] = (use.function, use.action)
    return final


def suggestions_by_function(data: Dataset, period: Period) -> Table:
    counts: dict[str, Counter[str]] = {f: Counter() for f in (*FUNCTIONS, "other")}
    for outcome in data.outcomes:
        for function, action in _final_actions(outcome).values():
            counts.setdefault(function, Counter())[action] += 1
    rows: list[tuple[Cell, ...]] = []
    for function, c in counts.items():
        shown = sum(c.values())
        if not shown and function == "other":
            continue
        used = c["inserted"] + c["edited"]
        rows.append(
            (
                function,
                shown,
                c["inserted"],
                c["edited"],
                c["ignored"],
                c["shown"],
                _pct(used, shown),
                _pct(c["edited"], used),
            )
        )
    return Table(
        "suggestions_by_function",
        "Suggestion use by empathy function",
        (
            "function",
            "shown",
            "inserted",
            "edited",
            "ignored",
            "no_action",
            "used_percent",
            "edited_percent_of_used",
        ),
        rows,
    )


def checklist(data: Dataset, period: Period) -> Table:
    """Share of replies sent that took each empathy step, per agent and for the team."""
    by_agent: dict[str, list[ConversationOutcome]] = defaultdict(list)
    for o in data.outcomes:
        if o.checklist:
            by_agent[o.agent_id].append(o)
    rows: list[tuple[Cell, ...]] = []

    def row(name: str, items: list[ConversationOutcome]) -> tuple[Cell, ...]:
        n = len(items)
        steps = [_pct(sum(o.checklist.get(s, False) for o in items), n) for s in CHECKLIST_STEPS]
        return (name, n, *steps, _pct(sum(o.checklist_complete for o in items), n))

    for agent in sorted(by_agent):
        rows.append(row(agent, by_agent[agent]))
    rows.append(row("(team)", [o for items in by_agent.values() for o in items]))
    return Table(
        "checklist",
        "Empathy checklist completion of the replies sent",
        (
            "agent_id",
            "replies",
            *(f"{s}_percent" for s in CHECKLIST_STEPS),
            "complete_percent",
        ),
        rows,
    )


def emotions_daily(data: Dataset, period: Period) -> Table:
    counts: dict[date, Counter[str]] = defaultdict(Counter)
    for o in data.outcomes:
        counts[period.day_of(o.ended_at)][o.emotion or "unknown"] += 1
    rows: list[tuple[Cell, ...]] = []
    for day in sorted(counts):
        total = sum(counts[day].values())
        for emotion in (*EMOTIONS, "unknown"):
            n = counts[day][emotion]
            if n:
                rows.append((day.isoformat(), emotion, n, _pct(n, total)))
    return Table(
        "emotions_daily",
        "Customers' emotion at the start of each conversation, per day",
        ("day", "emotion", "conversations", "share_percent"),
        rows,
    )


def _survey_cells(items: Iterable[ConversationOutcome]) -> tuple[Cell, ...]:
    items = list(items)
    scores = [o.csat for o in items if o.csat is not None]
    yes = sum(1 for o in items if o.understood is True)
    no = sum(1 for o in items if o.understood is False)
    return (
        len(items),
        len(scores),
        _pct(len(scores), len(items)),
        _mean(scores),
        yes,
        no,
        _pct(yes, yes + no),
    )


_SURVEY_COLUMNS = (
    "conversations",
    "csat_responses",
    "response_percent",
    "csat_average",
    "understood_yes",
    "understood_no",
    "understood_percent",
)


def csat_daily(data: Dataset, period: Period) -> Table:
    by_day: dict[date, list[ConversationOutcome]] = defaultdict(list)
    for o in data.outcomes:
        by_day[period.day_of(o.ended_at)].append(o)
    rows = [(day.isoformat(), *_survey_cells(by_day[day])) for day in sorted(by_day)]
    return Table("csat_daily", "CSAT and felt understood, per day", ("day", *_SURVEY_COLUMNS), rows)


def outcomes_by_agent(data: Dataset, period: Period) -> Table:
    by_agent: dict[str, list[ConversationOutcome]] = defaultdict(list)
    for o in data.outcomes:
        by_agent[o.agent_id].append(o)
    rows: list[tuple[Cell, ...]] = []
    everyone = [o for items in by_agent.values() for o in items]
    for name, items in [*sorted(by_agent.items()), ("(team)", everyone)]:
        if not items:
            continue
        kinds = Counter(o.outcome for o in items)
        minutes = round(sum(o.handle_seconds for o in items) / len(items) / 60, 1)
        with_checklist = [o for o in items if o.checklist]
        rows.append(
            (
                name,
                *(kinds[k] for k in OUTCOMES),
                minutes,
                _pct(sum(o.checklist_complete for o in with_checklist), len(with_checklist)),
                *_survey_cells(items),
            )
        )
    return Table(
        "outcomes_by_agent",
        "Conversation outcomes, empathy and survey answers per agent",
        (
            "agent_id",
            *OUTCOMES,
            "average_handle_minutes",
            "empathy_complete_percent",
            *_SURVEY_COLUMNS,
        ),
        rows,
    )


def understood_by_empathy(data: Dataset, period: Period) -> Table:
    """Did complete empathy go with customers feeling understood? (the seeds' question)"""
    rows: list[tuple[Cell, ...]] = []
    with_checklist = [o for o in data.outcomes if o.checklist]
    for label, complete in (("complete", True), ("incomplete", False)):
        items = [o for o in with_checklist if o.checklist_complete is complete]
        rows.append((label, *_survey_cells(items)))
    return Table(
        "understood_by_empathy",
        "Survey answers by whether the reply's empathy was complete",
        ("empathy", *_SURVEY_COLUMNS),
        rows,
    )


FIGURES = (
    compensation_by_agent,
    compensation_daily,
    budget_use,
    approvals,
    suggestions_by_function,
    checklist,
    emotions_daily,
    csat_daily,
    outcomes_by_agent,
    understood_by_empathy,
)


def compute(data: Dataset, period: Period) -> dict[str, Table]:
    """Every figure for the records of ``data`` that fall in ``period``."""
    inside = data.between(period.start(), period.end())
    tables = [_with_names(figure(inside, period), data) for figure in FIGURES]
    return {t.name: t for t in tables}


def _with_names(table: Table, data: Dataset) -> Table:
    """A last column ``agent_name``: the agent's name, or the id where Peka knows none.

    Appended, so scripts that read the columns by position keep working."""
    if "agent_id" not in table.columns:
        return table
    at = table.columns.index("agent_id")
    rows = [(*row, data.name_of(str(row[at]))) for row in table.rows]
    return Table(table.name, table.title, (*table.columns, "agent_name"), rows)
