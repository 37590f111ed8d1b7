"""``peka team import-ledger``: bring standalone ledgers' grants to the team server once.

Each grant keeps its id and is keyed ``import:<grant id>``, so importing a ledger twice
(or two copies of it) adds nothing the second time. Every imported grant gets its own
audit entry on the server, and counts against today's budgets if it was granted today.
The agents must be enrolled first (their grants need their team).
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from assist.authority.ledger import Ledger, utc_text
from assist.authority.policy import BUILTIN_TYPES
from assist.errors import PekaError
from assist.team import errors as E
from assist.team.schema import connect_admin

DEFAULT_OFFSET_MINUTES = 7 * 60


def import_ledgers(dsn: str, paths: list[Path]) -> dict[Path, tuple[int, int]]:
    ledgers = {}
    for path in paths:
        if not path.is_file():
            raise PekaError(E.E821, f"{path}: no such ledger file.")
        ledgers[path] = Ledger(path).grants()
    counts: dict[Path, tuple[int, int]] = {}
    with connect_admin(dsn) as conn:
        teams = dict(conn.execute("SELECT agent_id, team FROM peka.agents").fetchall())
        row = conn.execute(
            "SELECT utc_offset_minutes FROM peka.policies ORDER BY version DESC LIMIT 1"
        ).fetchone()
        offset = int(row[0]) if row else DEFAULT_OFFSET_MINUTES
        missing = sorted({g.agent_id for gs in ledgers.values() for g in gs} - set(teams))
        if missing:
            raise PekaError(
                E.E821,
                "Enrol these agents before importing their grants (`peka team enrol`): "
                + ", ".join(missing)
                + ". Nothing was imported.",
            )
        with conn.transaction():  # all files or none
            for path, grants in ledgers.items():
                added = skipped = 0
                for g in grants:
                    ctype = BUILTIN_TYPES.get(g.type)
                    payload = {
                        "grant_id": g.grant_id,
                        "idempotency_key": f"import:{g.grant_id}",
                        "content_hash": "import",
                        "agent_id": g.agent_id,
                        "team": teams[g.agent_id],
                        "customer_id": g.customer_id,
                        "type": g.type,
                        "unit": g.unit,
                        "amount_minor": g.amount_minor,
                        "currency": g.currency,
                        "transaction_id": g.transaction_id,
                        "transaction_amount_minor": g.transaction_amount_minor,
                        "refund": bool(ctype and ctype.refund),
                        "reason": g.reason,
                        "granted_at": utc_text(g.granted_at),
                        "local_day": (g.granted_at + timedelta(minutes=offset)).date().isoformat(),
                        "authority": g.authority,
                        "approval_id": g.approval_id,
                        "approved_by": g.approved_by,
                        "policy_version": g.policy_version,
                    }
                    (done,) = conn.execute(
                        "SELECT peka.import_grant(%s::jsonb)", (json.dumps(payload),)
                    ).fetchone() or (False,)
                    if done:
                        added += 1
                    else:
                        skipped += 1
                counts[path] = (added, skipped)
    return counts
