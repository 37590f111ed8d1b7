"""A few weeks of believable team history, so a fresh install shows full reports.

Six agents with different habits answer chat, email and phone every day; customers
arrive angry, disappointed, anxious, confused, neutral or happy; the reply's empathy
checklist and the customer's survey answer go together (complete empathy is more often
"felt understood", as the seeds say); compensation stays within each agent's rules and
daily budgets from the example policy, with a few requests above authority that are
approved, declined or left to expire. The same seed always gives the same history.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from assist.authority.policy import Policy, Rule
from assist.authority.policy_file import load_policy_text
from assist.authority.policy_template import example_policy_text
from assist.nlp.models import CHECKLIST_STEPS, EMOTIONS, ISSUES
from assist.outcomes.models import ConversationOutcome, GrantRef, SuggestionUse
from assist.reports.dataset import Dataset
from assist.reports.records import ApprovalRecord, BudgetRecord, GrantRecord
from assist.reports.team import ImportResult, TeamStore

DEMO_AGENTS = (
    "siti.rahma",
    "budi.santoso",
    "dewi.lestari",
    "agus.pratama",
    "rina.wijaya",
    "eko.saputra",
    "maya.kusuma",
    "fajar.nugroho",
)
# The names the demo agents' workstations give (`agent.name`), shown in reports.
DEMO_AGENT_NAMES = {a: " ".join(p.capitalize() for p in a.split(".")) for a in DEMO_AGENTS}
# Supervisor who decides approvals in the demo.
DEMO_SUPERVISOR = "sari.supervisor"

EMOTION_WEIGHTS = {
    "angry": 14,
    "disappointed": 30,
    "anxious": 14,
    "confused": 16,
    "neutral": 21,
    "happy": 5,
}
ISSUE_WEIGHTS = {
    "delivery_delay": 30,
    "item_problem": 16,
    "billing_error": 12,
    "refund_pending": 12,
    "service_outage": 8,
    "account_access": 8,
    "poor_service": 6,
    "other": 8,
}
CHANNELS = (("chat", 60), ("email", 20), ("phone", 20))
# Which empathy functions the sidebar tends to suggest for each emotion.
FUNCTIONS_FOR = {
    "angry": ("acknowledge_feeling", "apologise", "validate_feeling", "commit_action"),
    "disappointed": ("acknowledge_feeling", "apologise", "acknowledge_impact", "commit_action"),
    "anxious": ("reassure", "acknowledge_feeling", "commit_action", "check_satisfaction"),
    "confused": ("reassure", "commit_action", "check_satisfaction", "thank"),
    "neutral": ("thank", "commit_action", "check_satisfaction"),
    "happy": ("thank", "check_satisfaction"),
}
NEGATIVE = {"angry", "disappointed", "anxious"}


@dataclass(frozen=True)
class _Agent:
    id: str
    role: str
    rules: dict[str, Rule]
    skill: float  # how often a reply takes each checklist step
    adoption: float  # how often a shown suggestion is used
    per_day: int  # conversations on a working day
    generosity: float  # how readily they offer compensation


def demo_policy(today: date | None = None) -> Policy:
    """The example policy `peka policy init` writes, valid around ``today``."""
    return load_policy_text(
        example_policy_text(today or datetime.now(UTC).date()), "<example policy>"
    )


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _agents(rng: random.Random, policy: Policy, count: int) -> list[_Agent]:
    names = list(DEMO_AGENTS[:count])
    names += [f"agent.{n:02d}" for n in range(len(names) + 1, count + 1)]
    agents = []
    for n, name in enumerate(names):
        role = policy.role_for(name, "senior_agent" if n == 3 else None)
        agents.append(
            _Agent(
                id=name,
                role=role,
                rules=policy.rules_for(name, role),
                skill=(0.92, 0.62, 0.8, 0.86, 0.7, 0.55, 0.75, 0.68)[n % 8],
                adoption=(0.55, 0.35, 0.7, 0.5, 0.6, 0.25, 0.45, 0.4)[n % 8],
                per_day=(26, 34, 30, 22, 32, 36, 28, 30)[n % 8],
                generosity=(0.5, 0.35, 0.45, 0.6, 0.4, 0.3, 0.45, 0.4)[n % 8],
            )
        )
    return agents


def _grant_type(rng: random.Random, agent: _Agent, policy: Policy, issue: str) -> str | None:
    fitting = []
    for name, rule in agent.rules.items():
        ctype = policy.type(name)
        if ctype is None or rule.max_amount is None or ctype.full:
            continue
        if rule.issues is not None and issue not in rule.issues:
            continue
        weight = 4 if issue in ctype.fits_issues else 1
        fitting.extend([name] * weight)
    return rng.choice(fitting) if fitting else None


def _amount(rng: random.Random, rule: Rule, unit: str) -> int:
    assert rule.max_amount is not None
    if unit == "days":
        return rng.randint(1, max(1, rule.max_amount))
    step = 500_000  # Rp 5.000 in minor units: amounts agents actually choose
    steps = max(1, rule.max_amount // step)
    return step * rng.randint(max(1, steps // 4), steps)


def generate_demo_history(
    customers: Sequence[str] = (),
    agents: int = 6,
    days: int = 28,
    seed: int = 7,
    end: date | None = None,
    policy: Policy | None = None,
) -> Dataset:
    """``days`` days of history up to (not including) ``end`` (default: today, UTC)."""
    rng = random.Random(seed)
    policy = policy or demo_policy(end)
    tz = policy.tz
    end = end or datetime.now(UTC).astimezone(tz).date()
    customer_ids = list(customers) or [f"DEMO-C{n:04d}" for n in range(1, 241)]
    team = _agents(rng, policy, agents)
    grants: list[GrantRecord] = []
    approvals: list[ApprovalRecord] = []
    outcomes: list[ConversationOutcome] = []
    budgets = [
        BudgetRecord(
            agent.id,
            name,
            rule.daily_budget,
            policy.currency,
            policy.types[name].unit,
        )
        for agent in team
        for name, rule in agent.rules.items()
        if rule.daily_budget is not None
    ]
    first = end - timedelta(days=days)
    for offset in range(days):
        day = first + timedelta(days=offset)
        # Peka's coaching shows over the weeks: checklist habits improve a little.
        learning = 0.08 * offset / max(1, days - 1)
        for agent in team:
            if day.weekday() == 6 and rng.random() < 0.7:
                continue  # most agents are off on Sunday
            spent: dict[str, int] = defaultdict(int)
            count = max(4, int(rng.gauss(agent.per_day, 4)))
            if day.weekday() == 5:
                count = count * 2 // 3
            starts = sorted(
                datetime.combine(day, time(8), tz) + timedelta(minutes=rng.uniform(0, 600))
                for _ in range(count)
            )
            for started in starts:
                outcome, grant, approval = _conversation(
                    rng, agent, policy, started, customer_ids, spent, learning
                )
                outcomes.append(outcome)
                if grant is not None:
                    grants.append(grant)
                if approval is not None:
                    approvals.append(approval)
    # Requests of the last day are still waiting for a supervisor.
    approvals = [
        _pending(a) if a.requested_at.astimezone(tz).date() == end - timedelta(days=1) else a
        for a in approvals
    ]
    return Dataset(grants, approvals, outcomes, budgets, policy.utc_offset_minutes, "demo")


def _pending(a: ApprovalRecord) -> ApprovalRecord:
    if a.status in ("approved", "declined"):
        return ApprovalRecord(
            a.id,
            a.agent_id,
            a.type,
            a.amount_minor,
            a.currency,
            a.unit,
            a.requested_at,
            "pending",
            customer_id=a.customer_id,
        )
    return a


def _conversation(
    rng: random.Random,
    agent: _Agent,
    policy: Policy,
    started: datetime,
    customers: list[str],
    spent: dict[str, int],
    learning: float,
) -> tuple[ConversationOutcome, GrantRecord | None, ApprovalRecord | None]:
    emotion = _pick(rng, EMOTION_WEIGHTS)
    issue = _pick(rng, ISSUE_WEIGHTS)
    channel = rng.choices([c for c, _ in CHANNELS], weights=[w for _, w in CHANNELS])[0]
    minutes = {"chat": 7.0, "email": 12.0, "phone": 9.0}[channel]
    handle = max(60.0, rng.gauss(minutes, minutes / 3) * 60 * (1.25 if emotion == "angry" else 1))
    ended = started + timedelta(seconds=handle)
    conversation_id = _uuid(rng)
    customer_id = rng.choice(customers)
    skill = min(0.98, agent.skill + learning)
    checklist = {step: rng.random() < skill for step in CHECKLIST_STEPS}
    if emotion in ("neutral", "happy"):
        checklist["feeling_acknowledged"] = checklist["feeling_acknowledged"] or rng.random() < 0.5
    complete = all(checklist.values())

    suggestions = []
    for function in rng.sample(FUNCTIONS_FOR[emotion], k=min(3, len(FUNCTIONS_FOR[emotion]))):
        roll = rng.random()
        if roll < agent.adoption * 0.7:
            action = "inserted"
        elif roll < agent.adoption:
            action = "edited"
        elif roll < agent.adoption + 0.25:
            action = "ignored"
        else:
            action = "shown"
        suggestions.append(SuggestionUse(f"demo.{function}.{rng.randint(1, 6)}", function, action))

    grant: GrantRecord | None = None
    approval: ApprovalRecord | None = None
    wants = emotion in NEGATIVE and issue not in ("other", "account_access")
    if wants and rng.random() < agent.generosity * 0.4:
        kind = _grant_type(rng, agent, policy, issue)
        rule = agent.rules.get(kind) if kind else None
        if kind is not None and rule is not None:
            ctype = policy.type(kind)
            unit = ctype.unit if ctype else "money"
            amount = _amount(rng, rule, unit)
            budget = rule.daily_budget
            granted_at = ended - timedelta(seconds=rng.uniform(20, 90))
            if budget is None or spent[kind] + amount <= budget:
                spent[kind] += amount
                grant = GrantRecord(
                    _uuid(rng),
                    agent.id,
                    kind,
                    amount,
                    policy.currency,
                    unit,
                    granted_at,
                    customer_id,
                    conversation_id,
                )
    if wants and grant is None and rng.random() < 0.04:
        approval, grant = _above_authority(rng, agent, policy, ended, customer_id, conversation_id)

    # Survey: about a third answer; empathy and a resolution lift the score.
    outcome_kind = rng.choices(["resolved", "follow_up", "escalated"], weights=[72, 20, 8])[0]
    if approval is not None and approval.status == "declined":
        outcome_kind = "escalated"
    csat: int | None = None
    understood: bool | None = None
    recorded: datetime | None = None
    if rng.random() < 0.36:
        base = 3.1 + (0.9 if complete else 0.0) + (0.5 if outcome_kind == "resolved" else -0.4)
        base += 0.3 if grant is not None else 0.0
        base -= 0.4 if emotion == "angry" else 0.0
        csat = max(1, min(5, round(rng.gauss(base, 0.8))))
        understood = rng.random() < (0.86 if complete else 0.5)
        recorded = ended + timedelta(minutes=rng.uniform(5, 600))
    outcome = ConversationOutcome(
        id=_uuid(rng),
        conversation_id=conversation_id,
        agent_id=agent.id,
        outcome=outcome_kind,
        channel=channel,
        started_at=started.astimezone(UTC),
        ended_at=ended.astimezone(UTC),
        customer_id=customer_id,
        language="id" if rng.random() < 0.9 else "en",
        emotion=emotion if emotion in EMOTIONS else None,
        issue=issue if issue in ISSUES else None,
        intensity=round(rng.uniform(0.2, 1.0) if emotion in NEGATIVE else rng.uniform(0, 0.4), 2),
        first_reply_seconds=round(rng.uniform(15, 180 if channel != "email" else 3600), 1),
        checklist=checklist,
        suggestions=tuple(suggestions),
        compensation=(
            (GrantRef(grant.id, grant.type, grant.amount_minor, grant.currency, grant.unit),)
            if grant is not None
            else ()
        ),
        csat=csat,
        understood=understood,
        csat_recorded_at=recorded,
        updated_at=recorded or ended.astimezone(UTC),
    )
    return outcome, grant, approval


def _above_authority(
    rng: random.Random,
    agent: _Agent,
    policy: Policy,
    at: datetime,
    customer_id: str,
    conversation_id: str,
) -> tuple[ApprovalRecord, GrantRecord | None]:
    kind = rng.choice(["partial_refund", "voucher", "full_refund"])
    ctype = policy.type(kind)
    unit = ctype.unit if ctype else "money"
    rule = agent.rules.get(kind)
    ceiling = rule.max_amount if rule and rule.max_amount else 10_000_000
    amount = ceiling + 500_000 * rng.randint(2, 30)
    status = rng.choices(["used", "approved", "declined", "expired"], weights=[55, 8, 24, 13])[0]
    decided = at + timedelta(minutes=rng.uniform(3, 40)) if status != "expired" else None
    approval = ApprovalRecord(
        _uuid(rng),
        agent.id,
        kind,
        amount,
        policy.currency,
        unit,
        at.astimezone(UTC),
        status,
        decided.astimezone(UTC) if decided else None,
        DEMO_SUPERVISOR if decided else None,
        customer_id,
    )
    grant = None
    if status == "used":
        assert decided is not None
        grant = GrantRecord(
            _uuid(rng),
            agent.id,
            kind,
            amount,
            policy.currency,
            unit,
            (decided + timedelta(minutes=2)).astimezone(UTC),
            customer_id,
            conversation_id,
            approval.id,
        )
    return approval, grant


def cache_customer_ids(cache_path: Path, limit: int = 400) -> list[str]:
    """Customer ids from a cache, so demo grants and outcomes point at real demo customers."""
    from assist.cache import Cache

    if not cache_path.exists():
        return []
    with Cache.open(cache_path, readonly=True) as cache, cache.reading() as conn:
        rows = conn.execute("SELECT id FROM customers ORDER BY rid LIMIT ?", (limit,)).fetchall()
    return [str(r[0]) for r in rows]


def write_demo_history(
    team_path: Path,
    customers: Sequence[str] = (),
    agents: int = 6,
    days: int = 28,
    seed: int = 7,
    end: date | None = None,
    *,
    named: bool = True,
) -> ImportResult | None:
    """Add the demo history to the team database, once: a database that already holds a
    demo history is left as it is (returns None). The demo agents come with their names
    (``named=False``: ids only, as from exports of workstations without `agent.name`)."""
    with TeamStore(team_path) as team:
        if any(i.export_id.startswith("demo-") for i in team.imports()):
            return None
        data = generate_demo_history(customers, agents, days, seed, end)
        if named:  # as the agents' own exports would bring them (`agent.name`)
            data = data.named(
                {a: DEMO_AGENT_NAMES[a] for a in data.agents() if a in DEMO_AGENT_NAMES}
            )
        return team.add_records(data, export_id=f"demo-{seed}-{days}-{agents}", source="demo")
