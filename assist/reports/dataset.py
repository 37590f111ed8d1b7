"""Everything a report is computed from, whichever store it was read from."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo

from assist.outcomes.models import ConversationOutcome
from assist.reports.records import ApprovalRecord, BudgetRecord, GrantRecord


@dataclass(frozen=True)
class Dataset:
    grants: list[GrantRecord] = field(default_factory=list)
    approvals: list[ApprovalRecord] = field(default_factory=list)
    outcomes: list[ConversationOutcome] = field(default_factory=list)
    budgets: list[BudgetRecord] = field(default_factory=list)
    # Days are counted in the policy's time zone (budgets are per local day); None: this
    # machine's local zone.
    utc_offset_minutes: int | None = None
    source: str = ""
    # Display names by agent id, where Peka knows them (the policy's [agents] table, an
    # export's header); reports show the id for anyone not named.
    agent_names: dict[str, str] = field(default_factory=dict)

    @property
    def tz(self) -> tzinfo:
        if self.utc_offset_minutes is None:
            local = datetime.now().astimezone().tzinfo
            assert local is not None
            return local
        return timezone(timedelta(minutes=self.utc_offset_minutes))

    def agents(self) -> list[str]:
        found = {g.agent_id for g in self.grants}
        found |= {a.agent_id for a in self.approvals}
        found |= {o.agent_id for o in self.outcomes}
        found |= {b.agent_id for b in self.budgets}
        return sorted(found)

    def name_of(self, agent_id: str) -> str:
        return self.agent_names.get(agent_id) or agent_id

    def named(self, names: dict[str, str]) -> Dataset:
        """This data with ``names`` added (they win over names it already had)."""
        merged = {**self.agent_names, **{k: v for k, v in names.items() if v}}
        return dataclasses.replace(self, agent_names=merged)

    def between(self, since: datetime | None, until: datetime | None) -> Dataset:
        """The records whose time falls in [since, until)."""

        def inside(moment: datetime) -> bool:
            return (since is None or moment >= since) and (until is None or moment < until)

        return Dataset(
            grants=[g for g in self.grants if inside(g.granted_at)],
            approvals=[a for a in self.approvals if inside(a.requested_at)],
            outcomes=[o for o in self.outcomes if inside(o.ended_at)],
            budgets=list(self.budgets),
            utc_offset_minutes=self.utc_offset_minutes,
            source=self.source,
            agent_names=dict(self.agent_names),
        )
