"""The hash-chained audit log inside the ledger.

Each entry's hash is SHA-256 over the canonical JSON of its sequence number, time,
kind, payload and the previous entry's hash, so editing, deleting or reordering any
entry breaks the chain from that entry on. The chain has no secret: someone who
rewrites the whole file can recompute it. ``peka audit verify`` prints the head hash so
that it can be noted elsewhere (a report, a ticket) and checked later with ``--head``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from assist.authority.canonical import canonical_bytes, canonical_json, sha256_hex

GENESIS = "0" * 64

# Kinds of entries (the payload of each is documented in docs/authority.md).
GRANT = "grant"
REFUSAL = "refusal"
POLICY_ACCEPTED = "policy_accepted"
POLICY_INSTALLED = "policy_installed"
POLICY_SIGNED = "policy_signed"
APPROVAL_REQUESTED = "approval_requested"
APPROVAL_ISSUED = "approval_issued"
APPROVAL_ACCEPTED = "approval_accepted"
APPROVAL_DECLINED = "approval_declined"
APPROVAL_REFUSED = "approval_refused"
KINDS: tuple[str, ...] = (
    GRANT,
    REFUSAL,
    POLICY_SIGNED,
    POLICY_INSTALLED,
    POLICY_ACCEPTED,
    APPROVAL_REQUESTED,
    APPROVAL_ISSUED,
    APPROVAL_ACCEPTED,
    APPROVAL_DECLINED,
    APPROVAL_REFUSED,
)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str
    kind: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "kind": self.kind,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


@dataclass(frozen=True, slots=True)
class AuditReport:
    ok: bool
    entries: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str = ""
    code: str | None = None  # E550 chain, E551/E553/E554/E555 tables (None when ok)


def entry_hash(seq: int, at: str, kind: str, payload: dict[str, Any], prev_hash: str) -> str:
    body = {"seq": seq, "at": at, "kind": kind, "payload": payload, "prev_hash": prev_hash}
    return sha256_hex(canonical_bytes(body))


def append(conn: sqlite3.Connection, kind: str, payload: dict[str, Any], at: str) -> AuditEntry:
    """Add an entry; call inside the caller's write transaction."""
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (int(row[0]) + 1, str(row[1])) if row else (1, GENESIS)
    # Round-trip through JSON so the stored text and the hashed value are the same thing.
    clean: dict[str, Any] = json.loads(canonical_json(payload))
    digest = entry_hash(seq, at, kind, clean, prev)
    conn.execute(
        "INSERT INTO audit (seq, at, kind, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)",
        (seq, at, kind, canonical_json(clean), prev, digest),
    )
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('audit_head', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (f"{seq}:{digest}",),
    )
    # The latest time the ledger ever recorded (fixed-width UTC text: string order is time
    # order), so that a clock set back is noticed even after an entry with an earlier time.
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('latest_at', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = MAX(value, excluded.value)",
        (at,),
    )
    return AuditEntry(seq, at, kind, clean, prev, digest)


def entries(
    conn: sqlite3.Connection, *, kind: str | None = None, limit: int | None = None
) -> list[AuditEntry]:
    sql = "SELECT seq, at, kind, payload, prev_hash, hash FROM audit"
    args: list[Any] = []
    if kind:
        sql += " WHERE kind = ?"
        args.append(kind)
    if limit is not None:
        sql += " ORDER BY seq DESC LIMIT ?"
        args.append(limit)
    else:
        sql += " ORDER BY seq"
    rows = conn.execute(sql, args).fetchall()
    if limit is not None:
        rows.reverse()
    out = []
    for seq, at, k, payload, prev, digest in rows:
        try:
            data = json.loads(payload)
        except ValueError:
            data = {"unreadable": payload}
        out.append(AuditEntry(int(seq), str(at), str(k), data, str(prev), str(digest)))
    return out


def verify(conn: sqlite3.Connection) -> AuditReport:
    """Walk the chain; name the first entry that was edited, moved or follows a gap."""
    report = _walk(conn)
    if report.ok:
        return report
    return AuditReport(False, report.entries, report.head_hash, report.first_bad_seq,
                       report.problem, "E550")  # fmt: skip


def extends(conn: sqlite3.Connection, head_hash: str) -> int | None:
    """The entry whose hash is ``head_hash`` (a head noted earlier), if the log holds it.

    In a chain that verifies, holding that entry means the log only grew since it was
    noted; a rewritten log no longer holds it.
    """
    row = conn.execute("SELECT seq FROM audit WHERE hash = ?", (head_hash.strip(),)).fetchone()
    return None if row is None else int(row[0])


def _walk(conn: sqlite3.Connection) -> AuditReport:
    expected_seq = 1
    prev = GENESIS
    count = 0
    rows = conn.execute("SELECT seq, at, kind, payload, prev_hash, hash FROM audit ORDER BY seq")
    for seq, at, kind, payload, prev_hash, digest in rows:
        count += 1
        if seq != expected_seq:
            return AuditReport(
                False,
                count,
                prev,
                expected_seq,
                f"entry {expected_seq} is missing (deleted); the next entry is {seq}",
            )
        try:
            data = json.loads(payload)
        except ValueError:
            data = None
        if not isinstance(data, dict) or canonical_json(data) != payload:
            return AuditReport(False, count, prev, seq, f"entry {seq}: payload was edited")
        if prev_hash != prev:
            return AuditReport(
                False,
                count,
                prev,
                seq,
                f"entry {seq} does not follow entry {seq - 1} (deleted, inserted or reordered)",
            )
        if entry_hash(seq, at, kind, data, prev_hash) != digest:
            return AuditReport(False, count, prev, seq, f"entry {seq} was edited")
        prev = digest
        expected_seq += 1
    head = conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
    if head is not None:
        head_seq, _, head_hash = str(head[0]).partition(":")
        if int(head_seq) != expected_seq - 1 or head_hash != prev:
            return AuditReport(
                False,
                count,
                prev,
                expected_seq,
                f"the log ends at entry {expected_seq - 1} but the ledger recorded entry "
                f"{head_seq} as the last: entries after {expected_seq - 1} were deleted",
            )
    return AuditReport(True, count, prev)
