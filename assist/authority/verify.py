"""``peka audit verify``: the hash chain, and every grant row against its audit entry."""

from __future__ import annotations

import json

from assist.authority import audit
from assist.authority.ledger import GRANT_COLUMNS, Ledger, grant_from_row


def verify_ledger(ledger: Ledger) -> audit.AuditReport:
    """The chain must be intact and each grant row must equal what its entry recorded."""
    with ledger.connect() as conn:
        report = audit.verify(conn)
        if not report.ok:
            return report
        rows = conn.execute(f"SELECT {GRANT_COLUMNS} FROM grants ORDER BY audit_seq").fetchall()
        recorded = {
            int(seq): (kind, payload)
            for seq, kind, payload in conn.execute("SELECT seq, kind, payload FROM audit")
        }
    for row in rows:
        grant = grant_from_row(row)
        expected = grant.to_dict()
        del expected["audit_seq"]
        kind, payload = recorded.get(grant.audit_seq, (None, "{}"))
        if kind != audit.GRANT or json.loads(payload) != expected:
            return audit.AuditReport(
                False,
                report.entries,
                report.head_hash,
                grant.audit_seq,
                f"grant {grant.grant_id} in the ledger differs from audit entry "
                f"{grant.audit_seq} that recorded it (changed after it was granted)",
            )
    return report
