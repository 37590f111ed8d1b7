"""``peka audit verify``: the hash chain, and the ledger's tables against it both ways.

The chain proves what was recorded; the tables are what budgets, limits and rollback
protection count. So every grant row must equal the entry that recorded it (every column
that counts: amount, type, customer, agent, day, refund flag, content hash, …), every
recorded grant must still have its row, approvals must match their entries both ways,
and the remembered highest policy version and latest time must be what the chain says.
Dropped or changed append-only triggers are reported as well.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from assist.authority import audit
from assist.authority import errors as E
from assist.authority.ledger import (
    GRANT_COLUMNS,
    Ledger,
    grant_from_row,
    missing_guards,
    stated_text,
)

Problem = tuple[str, int | None, str]  # (error code, audit seq, what is wrong)


def verify_ledger(ledger: Ledger) -> audit.AuditReport:
    """The chain must be intact and the tables must agree with it in both directions."""
    with ledger.connect() as conn:
        report = audit.verify(conn)
        if not report.ok:
            return report
        # The most telling problem first: a changed or missing row says what was done.
        problem = (
            _grants(conn)
            or _approval_requests(conn)
            or _approvals_used(conn)
            or _policy_version(conn)
            or _latest_time(conn)
            or _guards(conn)
        )
    if problem is None:
        return report
    code, seq, text = problem
    return audit.AuditReport(False, report.entries, report.head_hash, seq, text, code)


def _entries(conn: sqlite3.Connection, *kinds: str) -> list[tuple[int, str, dict[str, Any]]]:
    marks = ", ".join("?" for _ in kinds)
    rows = conn.execute(
        f"SELECT seq, kind, payload FROM audit WHERE kind IN ({marks}) ORDER BY seq", kinds
    ).fetchall()
    return [(int(seq), str(kind), json.loads(payload)) for seq, kind, payload in rows]


def _guards(conn: sqlite3.Connection) -> Problem | None:
    missing = missing_guards(conn)
    if missing:
        return (
            E.E553,
            None,
            f"the append-only guards {', '.join(missing)} were removed or changed, so rows "
            "could be edited or deleted unseen from now on",
        )
    return None


def _grants(conn: sqlite3.Connection) -> Problem | None:
    rows = conn.execute(
        f"SELECT {GRANT_COLUMNS}, refund, local_day, content_hash FROM grants ORDER BY audit_seq"
    ).fetchall()
    recorded = {seq: (kind, payload) for seq, kind, payload in _entries(conn, audit.GRANT)}
    by_id = {str(payload.get("grant_id")): seq for seq, (_, payload) in recorded.items()}
    seen: set[str] = set()
    for row in rows:
        grant = grant_from_row(row[:18])
        refund, local_day, content_hash = row[18:]
        seen.add(grant.grant_id)
        actual = grant.to_dict()
        del actual["audit_seq"]
        actual.update(refund=bool(refund), local_day=local_day, content_hash=content_hash)
        entry = recorded.get(grant.audit_seq)
        if entry is None or entry[1].get("grant_id") != grant.grant_id:
            seq = by_id.get(grant.grant_id)
            if seq is None:
                return (
                    E.E554,
                    grant.audit_seq,
                    f"grant {grant.grant_id} has no audit entry (a row was inserted by hand)",
                )
            return (
                E.E551,
                seq,
                f"grant {grant.grant_id} in the ledger differs from audit entry {seq} that "
                "recorded it (its audit link was changed)",
            )
        payload = entry[1]
        for name, value in actual.items():
            expected = payload.get(name, _OLD_DEFAULTS.get(name, value))
            if name == "stated_facts":
                expected, value = stated_text(tuple(expected)), stated_text(tuple(value))
            if expected != value:
                return (
                    E.E551,
                    grant.audit_seq,
                    f"grant {grant.grant_id} in the ledger differs from audit entry "
                    f"{grant.audit_seq} that recorded it ({name}: {value!r}, recorded "
                    f"{expected!r}; changed after it was granted)",
                )
    for seq, (_, payload) in recorded.items():
        grant_id = str(payload.get("grant_id"))
        if grant_id not in seen:
            return (
                E.E554,
                seq,
                f"grant {grant_id} recorded in audit entry {seq} is missing from the ledger "
                "(deleted: its amount no longer counts against budgets and limits)",
            )
    return None


# Entries written before a field was added to the grant entry: the column's only value.
_OLD_DEFAULTS: dict[str, Any] = {"stated_facts": []}


def _approval_requests(conn: sqlite3.Connection) -> Problem | None:
    rows = {
        str(r[0]): r
        for r in conn.execute(
            "SELECT request_id, agent_id, customer_id, type, unit, amount_minor, currency, "
            "transaction_id, transaction_amount_minor, reason FROM approval_requests"
        )
    }
    entries = _entries(conn, audit.APPROVAL_REQUESTED)
    for seq, _, payload in entries:
        request_id = str(payload.get("id"))
        row = rows.pop(request_id, None)
        if row is None:
            return (
                E.E554,
                seq,
                f"approval request {request_id} recorded in audit entry {seq} is missing "
                "from the ledger (deleted)",
            )
        recorded = (
            payload.get("agent"),
            payload.get("customer"),
            payload.get("type"),
            payload.get("unit"),
            payload.get("amount"),
            payload.get("currency"),
            payload.get("tx"),
            payload.get("tx_amount"),
            payload.get("reason"),
        )
        if tuple(row[1:]) != recorded:
            return (
                E.E551,
                seq,
                f"approval request {request_id} in the ledger differs from audit entry {seq} "
                "that recorded it (changed after it was made)",
            )
    if rows:
        request_id = sorted(rows)[0]
        return (E.E554, None, f"approval request {request_id} has no audit entry")
    return None


def _approvals_used(conn: sqlite3.Connection) -> Problem | None:
    rows = {
        str(r[0]): r
        for r in conn.execute(
            "SELECT request_id, decision, approved_by, code_hash, grant_id FROM approvals_used"
        )
    }
    for seq, kind, payload in _entries(conn, audit.APPROVAL_ACCEPTED, audit.APPROVAL_DECLINED):
        request_id = str(payload.get("request_id"))
        row = rows.pop(request_id, None)
        if row is None:
            return (
                E.E554,
                seq,
                f"the use of approval {request_id} recorded in audit entry {seq} is missing "
                "from the ledger (deleted: the code could be used again)",
            )
        accepted = kind == audit.APPROVAL_ACCEPTED
        recorded_by = payload.get("approved_by" if accepted else "declined_by")
        same = row[1] == ("approve" if accepted else "decline") and row[2] == recorded_by
        if accepted:
            same = same and row[3] == payload.get("code_hash") and row[4] == payload["grant_id"]
        if not same:
            return (
                E.E551,
                seq,
                f"the use of approval {request_id} differs from audit entry {seq} that recorded it",
            )
    if rows:
        request_id = sorted(rows)[0]
        return (E.E554, None, f"the use of approval {request_id} has no audit entry")
    return None


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _policy_version(conn: sqlite3.Connection) -> Problem | None:
    accepted = _entries(conn, audit.POLICY_ACCEPTED)
    if not accepted:
        return None
    seq, _, newest = max(accepted, key=lambda e: int(e[2].get("version", 0)))
    version, digest = _meta(conn, "policy_max_version"), _meta(conn, "policy_max_hash")
    if version != str(newest.get("version")) or digest != newest.get("policy_hash"):
        return (
            E.E555,
            seq,
            f"the ledger remembers policy version {version} as the newest seen, but audit "
            f"entry {seq} accepted version {newest.get('version')} (the record was lowered, "
            "which would let an older policy back in)",
        )
    return None


def _latest_time(conn: sqlite3.Connection) -> Problem | None:
    recorded = _meta(conn, "latest_at")
    (last,) = conn.execute("SELECT MAX(at) FROM audit").fetchone()
    if recorded is not None and last is not None and recorded < str(last):
        return (
            E.E555,
            None,
            f"the ledger remembers {recorded} as the latest time it recorded, but the audit "
            f"log holds {last} (the record was lowered, which would hide a clock set back)",
        )
    return None
