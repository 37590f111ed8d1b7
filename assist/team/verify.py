"""``peka audit verify --server``: walk the server's hash chain and match it to the grants.

Each entry's hash is SHA-256 over ``seq``, ``at``, ``kind``, the payload text and the
previous hash, joined by newlines, exactly as ``peka.audit_append`` computed it. Both
directions are checked: every grant row has its audit entry with the same content, and
every grant entry has its row; the head the server keeps must be the chain's last entry.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from assist.authority.audit import GENESIS, AuditReport

_FAR_PAST = datetime(1970, 1, 1, tzinfo=UTC)
_FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)


def entry_hash(seq: int, at: str, kind: str, payload: str, prev_hash: str) -> str:
    body = f"{seq}\n{at}\n{kind}\n{payload}\n{prev_hash}"
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def verify_server(client: Any, head: str | None = None) -> AuditReport:
    """Verify the chain (and, with ``head``, that it extends that noted hash)."""
    prev = GENESIS
    expected = 1
    count = 0
    seen_head = head is None
    grant_entries: dict[int, dict[str, Any]] = {}
    for seq, at, kind, payload, prev_hash, digest in client.audit_entries():
        count += 1
        if seq != expected:
            return AuditReport(
                False, count, prev, expected, f"entry {expected} is missing; the next is {seq}"
            )
        if prev_hash != prev:
            return AuditReport(False, count, prev, seq, f"entry {seq} does not follow {seq - 1}")
        if entry_hash(seq, at, kind, payload, prev_hash) != digest:
            return AuditReport(False, count, prev, seq, f"entry {seq} was edited")
        if kind == "grant":
            grant_entries[seq] = json.loads(payload)
        prev = digest
        expected += 1
        if head is not None and digest == head:
            seen_head = True
    server_head = client.audit_head()
    if int(server_head["seq"]) != expected - 1 or server_head["hash"] != prev:
        return AuditReport(
            False,
            count,
            prev,
            expected,
            f"the chain ends at entry {expected - 1} but the server's head is entry "
            f"{server_head['seq']}: entries were deleted or the head was moved",
        )
    rows = client.team_grants(_FAR_PAST, _FAR_FUTURE)
    for row in rows:
        seq = int(row["audit_seq"])
        entry = grant_entries.pop(seq, None)
        content = {k: v for k, v in row.items() if k not in ("audit_seq", "content_hash")}
        if entry is None:
            return AuditReport(
                False, count, prev, seq, f"grant {row['grant_id']} has no audit entry {seq}"
            )
        if entry != content:
            changed = sorted(k for k in set(entry) | set(content) if entry.get(k) != content.get(k))
            return AuditReport(
                False,
                count,
                prev,
                seq,
                f"grant {row['grant_id']} differs from its audit entry {seq} in "
                + ", ".join(changed),
            )
    if grant_entries:
        seq = min(grant_entries)
        return AuditReport(
            False,
            count,
            prev,
            seq,
            f"audit entry {seq} records grant {grant_entries[seq].get('grant_id')}, which is "
            "missing from the grants table (deleted)",
        )
    if not seen_head:
        return AuditReport(
            False, count, prev, None, f"the noted head {head} is not in the chain (rewritten)"
        )
    return AuditReport(True, count, prev)
