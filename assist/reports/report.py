"""One report, from choosing the records to the CSV files (the charts are drawn by ui/)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from assist.authority.policy import BUILTIN_TYPES, Policy
from assist.authority.service import AuthorityService
from assist.config import Config
from assist.errors import PekaError
from assist.money import format_money
from assist.reports.chart_specs import ChartSpec, Coverage, charts
from assist.reports.csv_out import write_csv
from assist.reports.dataset import Dataset
from assist.reports.errors import E714
from assist.reports.figures import Period, Table, compute
from assist.reports.ledger_source import read_local
from assist.reports.team import TeamStore
from assist.reports.words import Words, language_of

DEFAULT_DAYS = 28
_RELATIVE = re.compile(r"^(\d{1,4})\s*([dw])$")


def parse_day(text: str, what: str, today: date) -> date:
    """``2026-11-01``, ``today``, ``7d`` (seven days ago) or ``4w`` (four weeks ago)."""
    value = text.strip().lower()
    if value == "today":
        return today
    match = _RELATIVE.match(value)
    if match:
        count = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
        return today - timedelta(days=count)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PekaError(
            E714, f"{what} {text!r} is not a date; write it as 2026-11-01, 7d, 4w or today."
        ) from None


def period_for(
    data: Dataset, since: str | None, until: str | None, now: datetime | None = None
) -> Period:
    """Local days from ``since`` up to and including ``until`` (default: the last 28 days)."""
    tz = data.tz
    today = (now or datetime.now(UTC)).astimezone(tz).date()
    last = parse_day(until, "--until", today) if until else today
    first = parse_day(since, "--since", today) if since else last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise PekaError(E714, f"--since {first} is after --until {last}; swap them.")
    if (last - first).days > 3660:
        raise PekaError(E714, "A report covers at most ten years; choose a later --since.")
    return Period(first, last + timedelta(days=1), tz)


def type_labels(policy: Policy | None, language: str) -> dict[str, str]:
    """Compensation type names in ``language``: the policy's own labels where it has them."""
    types = dict(BUILTIN_TYPES)
    if policy is not None:
        types.update(policy.types)
    return {name: t.label(language) for name, t in types.items()}


def agent_names(policy: Policy | None) -> dict[str, str]:
    """Agents' display names from the policy's [agents] table (``name = "Siti Rahma"``)."""
    if policy is None:
        return {}
    return {agent: o.name for agent, o in policy.agents.items() if o.name}


@dataclass(frozen=True)
class Report:
    period: Period
    tables: dict[str, Table]
    charts: list[ChartSpec]
    source: str
    language: str = "id"  # of chart text, headline and table titles (CSV columns: English)

    def title_of(self, table: str) -> str:
        """A table's title in the report's language."""
        return Words(self.language).get(f"table.{table}", self.tables[table].title)

    def period_text(self) -> str:
        """ "1 Okt 2026 sampai 28 Okt 2026" (the last day included)."""
        w = Words(self.language)
        days = self.period.days
        last = days[-1] if days else self.period.since
        return w("period", since=w.date(self.period.since), until=w.date(last))


# Data that starts later than this into a day leaves that day partial.
PARTIAL_AFTER = timedelta(hours=1)


def coverage_of(data: Dataset, period: Period, now: datetime | None = None) -> Coverage:
    """Which days of ``period`` the data only partly covers or does not reach at all:
    today is not over; days before the first record or after today have no value."""
    moments = [g.granted_at for g in data.grants]
    moments += [a.requested_at for a in data.approvals]
    moments += [o.ended_at for o in data.outcomes]
    today = (now or datetime.now(UTC)).astimezone(period.tz).date()
    partial: set[str] = set()
    missing = {d.isoformat() for d in period.days if d > today}
    if today in period.days:
        partial.add(today.isoformat())
    if moments:
        first = min(moments).astimezone(period.tz)
        day = first.date()
        missing |= {d.isoformat() for d in period.days if d < day}
        midnight = datetime.combine(day, time(0), period.tz)
        if first - midnight > PARTIAL_AFTER:
            partial.add(day.isoformat())
    return Coverage(frozenset(partial - missing), frozenset(missing))


def build_report(
    data: Dataset,
    period: Period,
    labels: dict[str, str],
    language: str = "id",
    now: datetime | None = None,
    names: dict[str, str] | None = None,
) -> Report:
    """Figures for ``period`` and their charts, with text in ``language`` (``id``/``en``);
    ``names`` (see :func:`agent_names`) name agents beside their ids."""
    language = language_of(language)
    tables = compute(data.named(names or {}), period)
    cover = coverage_of(data, period, now)
    specs = charts(tables, period, labels, language, cover)
    return Report(period, tables, specs, data.source, language)


def write_tables(report: Report, folder: Path) -> list[Path]:
    return [write_csv(table, folder) for table in report.tables.values()]


def load_team(path: Path) -> Dataset:
    """Every record of a team database (the period is applied when figures are computed)."""
    with TeamStore(path) as team:
        return team.dataset()


def load_local(cfg: Config) -> tuple[Dataset, Policy | None]:
    """This machine's ledger and outcome store, with the policy in force (if any)."""
    service = AuthorityService.from_config(cfg)
    data = read_local(
        service, cfg["outcomes.path"], store_messages=bool(cfg["outcomes.store_messages"])
    )
    try:
        policy: Policy | None = service.current_policy().policy
    except PekaError:
        policy = None
    return data, policy


def policy_in_force(cfg: Config) -> Policy | None:
    """The signed policy installed on this computer (for its type labels), if any."""
    from assist.authority.keys import load_public_keys
    from assist.authority.signing import read_signed_policy

    try:
        keys, _notes = load_public_keys(Path(cfg["policy.keys_dir"]))
        return read_signed_policy(Path(cfg["policy.path"]), keys).policy
    except (PekaError, OSError):
        return None


def headline(report: Report) -> list[tuple[str, str]]:
    """The few numbers a weekly meeting starts with, as (label, text), in its language."""
    w = Words(report.language)

    def cell(table: str, row_key: str, column: str) -> object:
        for row in report.tables[table].dicts():
            if row.get("agent_id", row.get("empathy")) == row_key:
                return row.get(column)
        return None

    def pct(value: object) -> str:
        return w.percent(value) if isinstance(value, int | float) else "–"

    team = "(team)"
    conversations = cell("outcomes_by_agent", team, "conversations") or 0
    money: dict[str, int] = {}
    days = grants = 0
    for row in report.tables["compensation_by_agent"].dicts():
        grants += int(row["grants"] or 0)
        if row["unit"] == "days":
            days += int(row["amount_minor"] or 0)
        else:
            currency = str(row["currency"])
            money[currency] = money.get(currency, 0) + int(row["amount_minor"] or 0)
    granted = ", ".join(format_money(v, c, w.language) for c, v in sorted(money.items())) or "–"
    if days:
        granted = w("headline.service_days", granted=granted, days=w.number(days))
    requests = sum(int(r["requests"] or 0) for r in report.tables["approvals"].dicts())
    approved = sum(
        int(r["approved"] or 0) + int(r["used"] or 0) for r in report.tables["approvals"].dicts()
    )
    used = [
        r
        for r in report.tables["suggestions_by_function"].dicts()
        if isinstance(r["shown"], int) and r["shown"]
    ]
    shown = sum(int(r["shown"] or 0) for r in used)
    inserted = sum(int(r["inserted"] or 0) + int(r["edited"] or 0) for r in used)
    csat = cell("outcomes_by_agent", team, "csat_average")
    return [
        (w("headline.conversations"), w.number(int(str(conversations)))),
        (w("headline.csat"), w.number(csat, 2) if isinstance(csat, int | float) else "–"),
        (w("headline.understood"), pct(cell("outcomes_by_agent", team, "understood_percent"))),
        (w("headline.empathy"), pct(cell("outcomes_by_agent", team, "empathy_complete_percent"))),
        (
            w("headline.compensation"),
            w("headline.compensation_value", granted=granted, grants=w.number(grants)),
        ),
        (
            w("headline.approvals"),
            w(
                "headline.approvals_value",
                requests=w.number(requests),
                approved=w.number(approved),
            ),
        ),
        (w("headline.suggestions"), pct(round(100 * inserted / shown, 1) if shown else None)),
    ]
