"""The policy editor's model, Qt-free: a policy as the supervisor writes it, and back.

The editor keeps the policy in the *file form* – the same dictionary a supervisor's
TOML file reads into (amounts as "Rp 50.000", percentages as numbers, dates as dates) –
so the authority package's own checker validates it and its messages and key paths are
exactly those of `peka policy validate`. Signing uses the authority package too.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import tomlkit
from tomlkit.items import InlineTable

from assist.authority.advisor import rank_options
from assist.authority.keys import SigningKey
from assist.authority.models import CompensationCase, CompensationOption
from assist.authority.policy import DAYS, FORMAT, Policy, Rule
from assist.authority.policy_file import Problem, check_policy
from assist.authority.rules import Usage
from assist.authority.signing import sign_policy
from assist.money import format_money

AMOUNT_FIELDS = ("max_amount", "max_per_customer_30d", "daily_budget", "needs_reason_above")
WHOLE_FIELDS = ("max_grants_per_customer_30d", "max_transaction_age_days")
BOOL_FIELDS = ("needs_reason", "requires_transaction")
LIST_FIELDS = ("issues", "faults", "tiers", "transaction_statuses")


def _percent_text(basis_points: int) -> str:
    value = Decimal(basis_points) / 100
    return f"{value.normalize():f}"


def rule_to_cells(rule: Rule | dict[str, Any], unit: str, currency: str) -> dict[str, str]:
    """A rule (or an agent's changed fields) as the texts the editor's cells show."""
    values = rule.to_dict() if isinstance(rule, Rule) else dict(rule)
    cells: dict[str, str] = {}
    for name, value in values.items():
        if value is None:
            continue
        if name in AMOUNT_FIELDS:
            cells[name] = str(value) if unit == DAYS else format_money(int(value), currency)
        elif name == "max_percent":
            cells[name] = _percent_text(int(value))
        elif name in BOOL_FIELDS:
            cells[name] = "yes" if value else "no"
        elif name in LIST_FIELDS:
            cells[name] = ", ".join(value)
        else:
            cells[name] = str(value)
    return cells


_WHOLE = re.compile(r"^\d+$")
_NUMBER = re.compile(r"^\d+(\.\d{1,2})?$")


def cells_to_rule(cells: dict[str, str], unit: str) -> dict[str, Any]:
    """The file-form rule table for what the supervisor typed (blank cells are left out)."""
    rule: dict[str, Any] = {}
    for name, raw in cells.items():
        text = raw.strip()
        if not text:
            continue
        if name in AMOUNT_FIELDS:
            rule[name] = int(text) if unit == DAYS and _WHOLE.match(text) else text
        elif name in WHOLE_FIELDS:
            rule[name] = int(text) if _WHOLE.match(text) else text
        elif name in BOOL_FIELDS:
            lowered = text.lower()
            truth = {"yes": True, "ya": True, "true": True, "no": False, "tidak": False}
            rule[name] = truth.get(lowered, text)
        elif name in LIST_FIELDS:
            rule[name] = [part.strip() for part in text.split(",") if part.strip()]
        elif name == "max_percent" and _NUMBER.match(text):
            number = Decimal(text)
            rule[name] = int(number) if number == number.to_integral_value() else float(number)
        else:
            rule[name] = text
    return rule


def policy_to_form(policy: Policy) -> dict[str, Any]:
    """The policy as a supervisor's file would say it."""
    sign = "-" if policy.utc_offset_minutes < 0 else "+"
    hours, minutes = divmod(abs(policy.utc_offset_minutes), 60)
    form: dict[str, Any] = {
        "format": FORMAT,
        "version": policy.version,
        "name": policy.name,
        "currency": policy.currency,
        "utc_offset": f"{sign}{hours:02d}:{minutes:02d}",
        "expires": policy.expires_at.astimezone(policy.tz).date(),
        "default_role": policy.default_role,
        "tiers": list(policy.tiers),
    }
    if policy.valid_from is not None:
        form["valid_from"] = policy.valid_from.astimezone(policy.tz).date()
    form["types"] = policy.custom_types_dict()
    form["roles"] = {}
    for name, role in policy.roles.items():
        rules = {}
        for type_name, rule in role.rules.items():
            ctype = policy.types.get(type_name)
            unit = ctype.unit if ctype else "money"
            rules[type_name] = cells_to_rule(rule_to_cells(rule, unit, policy.currency), unit)
        form["roles"][name] = {"label": role.label, "rules": rules}
    form["agents"] = {}
    for agent_id, override in policy.agents.items():
        entry: dict[str, Any] = {}
        if override.role:
            entry["role"] = override.role
        if override.name:
            entry["name"] = override.name
        changes = {}
        for type_name, fields in override.rules.items():
            ctype = policy.types.get(type_name)
            unit = ctype.unit if ctype else "money"
            changes[type_name] = cells_to_rule(rule_to_cells(fields, unit, policy.currency), unit)
        if changes:
            entry["rules"] = changes
        form["agents"][agent_id] = entry
    return form


def validate(form: dict[str, Any]) -> tuple[Policy | None, list[Problem]]:
    """The same checks, messages and key paths as `peka policy validate`."""
    return check_policy(form, file="<console>")


# ----------------------------------------------------------------------------- TOML


def form_to_toml(form: dict[str, Any], base: str | None = None) -> str:
    """The file form as TOML that `peka policy validate` and `peka policy sign` read.

    Written with tomlkit, so any key and value is quoted and escaped correctly (an emoji
    key, U+007F in a name). Given ``base`` (the supervisor's file as opened), the file is
    updated in place: comments, blank lines and order of what did not change are kept.
    """
    document = tomlkit.parse(base) if base else tomlkit.document()
    _merge(document, form)
    return tomlkit.dumps(document)


def _plain(value: Any) -> Any:
    """A tomlkit item as the plain Python value it stands for."""
    return value.unwrap() if hasattr(value, "unwrap") else value


def _merge(container: Any, data: dict[str, Any]) -> None:
    for key in [k for k in container if k not in data]:
        del container[key]
    for key, value in data.items():
        if isinstance(value, dict):
            current = container.get(key)
            if not isinstance(current, dict) or isinstance(current, InlineTable):
                if key in container:
                    del container[key]
                container[key] = tomlkit.table()
                current = container[key]
            _merge(current, value)
        elif key not in container or _plain(container[key]) != value:
            container[key] = value


# ----------------------------------------------------------------------------- diff


@dataclass(frozen=True)
class DiffRow:
    left: str
    right: str
    kind: str  # "same", "changed", "removed" or "added"


def side_by_side(old_text: str, new_text: str) -> list[DiffRow]:
    """Rows for a two-column diff (the policy in force | the edited policy)."""
    old, new = old_text.splitlines(), new_text.splitlines()
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(DiffRow(line, line, "same") for line in old[i1:i2])
        elif tag == "delete":
            rows.extend(DiffRow(line, "", "removed") for line in old[i1:i2])
        elif tag == "insert":
            rows.extend(DiffRow("", line, "added") for line in new[j1:j2])
        else:
            left, right = old[i1:i2], new[j1:j2]
            for n in range(max(len(left), len(right))):
                rows.append(
                    DiffRow(
                        left[n] if n < len(left) else "",
                        right[n] if n < len(right) else "",
                        "changed",
                    )
                )
    return rows


# ----------------------------------------------------------------------------- preview


def preview_options(
    policy: Policy,
    agent_id: str,
    case: CompensationCase,
    *,
    role: str | None = None,
    language: str = "en",
    now: datetime,
) -> list[CompensationOption]:
    """What ``agent_id`` would be offered for ``case`` under ``policy``, at the start of a
    day with nothing granted yet (the ledger's usage is not part of a preview)."""
    return rank_options(
        policy=policy,
        agent_id=agent_id,
        role=policy.role_for(agent_id, role),
        case=case,
        usage={name: Usage() for name in policy.types},
        recent_count=0,
        language=language,
        now=now,
    )


def sign(policy: Policy, key: SigningKey, now: datetime | None = None) -> str:
    """The signed policy file's text, for IT to install with `peka policy install`."""
    return sign_policy(policy, key, now)
