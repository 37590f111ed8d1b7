"""Publish the signed policy to the team server as the numbers the server enforces.

The Python core stays the one place that reads a policy: it resolves, for every enrolled
agent, the role in force and the rule for each compensation type (``Policy.role_for``,
``Policy.rules_for``), and the server receives only those numbers (``peka.limits``). The
server then checks the money caps — per grant, per customer per 30 days across all
agents, per agent per day, per team per day — inside each grant's transaction.

Team-wide numbers that the standalone policy format has no place for (each team's daily
budget, the offline allowance) come from a small TOML file published alongside::

    [team_daily_budget]      # per team per local day, all its agents together
    voucher = 2_000_000
    [offline_allowance]      # per agent per day while the server cannot be reached
    voucher = 50_000
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from assist.authority.policy import BUILTIN_TYPES, Policy
from assist.authority.policy_file import policy_from_normalised
from assist.authority.signing import SignedPolicy
from assist.errors import PekaError
from assist.team import errors as E

TEAM_LIMIT_SECTIONS = ("team_daily_budget", "offline_allowance")


def limit_rows(policy: Policy, roster: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Every (agent, type) rule of the policy for the roster's (agent_id, role) pairs."""
    rows: list[dict[str, Any]] = []
    for agent_id, roster_role in roster:
        role = policy.role_for(agent_id, roster_role or None)
        for type_name, rule in policy.rules_for(agent_id, role).items():
            ctype = policy.type(type_name) or BUILTIN_TYPES.get(type_name)
            if ctype is None:
                continue
            rows.append(
                {
                    "agent_id": agent_id,
                    "type": type_name,
                    "unit": ctype.unit,
                    "refund": ctype.refund,
                    "max_amount": rule.max_amount,
                    "max_percent": rule.max_percent,
                    "max_per_customer_30d": rule.max_per_customer_30d,
                    "max_grants_per_customer_30d": rule.max_grants_per_customer_30d,
                    "daily_budget": rule.daily_budget,
                }
            )
    return rows


def read_team_limits(path: Path | None, policy: Policy) -> list[dict[str, Any]]:
    """The team-limits file as rows for ``peka.team_limits`` (coded errors name the key)."""
    if path is None:
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PekaError(E.E818, f"{path}: cannot read the team limits ({exc}).") from None
    rows: dict[str, dict[str, Any]] = {}
    for section, table in data.items():
        if section not in TEAM_LIMIT_SECTIONS or not isinstance(table, dict):
            raise PekaError(
                E.E818,
                f"{path}: unknown section [{section}]; use "
                + " and ".join(f"[{s}]" for s in TEAM_LIMIT_SECTIONS)
                + ".",
            )
        for type_name, value in table.items():
            if type_name not in policy.types:
                raise PekaError(
                    E.E818,
                    f"{path}: [{section}] {type_name}: not a compensation type of policy "
                    f"version {policy.version} ({', '.join(sorted(policy.types))}).",
                )
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**62:
                raise PekaError(
                    E.E818,
                    f"{path}: [{section}] {type_name} = {value!r}: use a whole number of "
                    "minor units (or days), zero or more.",
                )
            row = rows.setdefault(
                type_name, {"type": type_name, "team_daily_budget": None, "offline_allowance": 0}
            )
            row[section] = value
    return list(rows.values())


def policy_document(signed: SignedPolicy, signed_text: str) -> dict[str, Any]:
    policy = signed.policy
    return {
        "version": policy.version,
        "name": policy.name,
        "policy": policy.to_dict(),
        "policy_hash": signed.content_hash,
        "signed_text": signed_text,
        "signer": signed.signer,
        "key_id": signed.key_id,
        "currency": policy.currency,
        "utc_offset_minutes": policy.utc_offset_minutes,
        "valid_from": policy.valid_from.isoformat() if policy.valid_from else None,
        "expires_at": policy.expires_at.isoformat(),
    }


def refresh_agent_limits(conn: Any, agent_id: str) -> int:
    """(Administrator) resolve one agent's rows for the policy in force; returns how many."""
    row = conn.execute(
        "SELECT version, policy FROM peka.policies ORDER BY version DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return 0
    version, data = row
    policy = policy_from_normalised(data if isinstance(data, dict) else json.loads(data))
    (roster_role,) = conn.execute(
        "SELECT role FROM peka.agents WHERE agent_id = %s", (agent_id,)
    ).fetchone()
    rows = limit_rows(policy, [(agent_id, roster_role)])
    conn.execute(
        "DELETE FROM peka.limits WHERE policy_version = %s AND agent_id = %s", (version, agent_id)
    )
    for item in rows:
        conn.execute(
            "INSERT INTO peka.limits SELECT * FROM jsonb_populate_record(NULL::peka.limits, %s)",
            (json.dumps({**item, "policy_version": version}),),
        )
    return len(rows)


def publish(
    client: Any,
    signed_text: str,
    keys: dict[str, Any],
    team_limits_path: Path | None = None,
    *,
    now: Any = None,
) -> int:
    """Verify the signed policy, resolve every enrolled agent's limits and publish them."""
    from datetime import UTC, datetime

    from assist.authority.signing import check_dates, verify_signed_policy

    signed = verify_signed_policy(signed_text, keys)
    check_dates(signed.policy, now or datetime.now(UTC))
    roster = [(str(a["agent_id"]), str(a["role"])) for a in client.roster() if a["active"]]
    rows = limit_rows(signed.policy, roster)
    team = read_team_limits(team_limits_path, signed.policy)
    version: int = client.publish_policy(policy_document(signed, signed_text), rows, team)
    return version
