"""``peka audit verify --server``: walk the server's hash chains and match them to the grants.

Since schema version 3 the server keeps 16 chains (1–16) so that agents' grants do not
queue behind one head; chain 0 holds the entries written before, hashed as they were
(``seq``, ``at``, ``kind``, payload and previous hash, joined by newlines), and every new
chain starts from chain 0's last hash. A new entry's first line is
``chain:chain_seq:seq``. For every chain the positions must run 1, 2, 3 … without a gap,
each entry must follow the one before, and the head row the server keeps must be the
chain's last entry, so a removed tail shows. Both directions are checked against the
grants table: every grant row has its audit entry with the same content, and every grant
entry has its row.

The head a run prints is one token for all chains: the SHA-256 of every chain's
``chain position hash`` line, then ``:`` and the positions (``0.12.3.…``). A token noted
earlier (``--head``) must still be on every chain at those positions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from assist.authority.audit import GENESIS, AuditReport

CHAINS = 16  # chains 1..CHAINS take new entries; chain 0 is the history before version 3
_FAR_PAST = datetime(1970, 1, 1, tzinfo=UTC)
_FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)


def entry_hash(seq: int, at: str, kind: str, payload: str, prev_hash: str) -> str:
    """An entry of chain 0 (written before schema version 3)."""
    body = f"{seq}\n{at}\n{kind}\n{payload}\n{prev_hash}"
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def chain_entry_hash(
    chain: int, chain_seq: int, seq: int, at: str, kind: str, payload: str, prev_hash: str
) -> str:
    """An entry of chains 1–16, as ``peka.audit_append`` computes it."""
    body = f"{chain}:{chain_seq}:{seq}\n{at}\n{kind}\n{payload}\n{prev_hash}"
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def head_token(heads: Iterable[tuple[int, int, str]]) -> str:
    """One printable head for all chains: digest of (chain, position, hash), positions."""
    ordered = sorted(heads)
    digest = hashlib.sha256(
        "\n".join(f"{c} {s} {h}" for c, s, h in ordered).encode("utf-8")
    ).hexdigest()
    return digest + ":" + ".".join(str(s) for _, s, _ in ordered)


class _Damaged(Exception):
    def __init__(self, seq: int | None, problem: str) -> None:
        super().__init__(problem)
        self.seq = seq
        self.problem = problem


@dataclass
class _Walk:
    wanted: dict[tuple[int, int], str | None]  # positions a noted head token names
    plain_head: str | None  # a single hash noted by a Peka before schema version 3
    count: int = 0
    plain_seen: bool = False
    grant_entries: dict[int, dict[str, Any]] = field(default_factory=dict)

    def chain(self, client: Any, chain: int, start: str, head: tuple[int, str]) -> str:
        prev, expected = start, 1
        if (chain, 0) in self.wanted:
            self.wanted[(chain, 0)] = start
        for _, position, seq, at, kind, payload, prev_hash, digest in client.audit_chain_entries(
            chain
        ):
            self.count += 1
            where = f"entry {position} of chain {chain} (seq {seq})"
            if position != expected:
                raise _Damaged(
                    seq, f"entry {expected} of chain {chain} is missing; the next is {position}"
                )
            if prev_hash != prev:
                raise _Damaged(seq, f"{where} does not follow the entry before it")
            if chain == 0:
                ok = seq == position and entry_hash(seq, at, kind, payload, prev_hash) == digest
            else:
                ok = chain_entry_hash(chain, position, seq, at, kind, payload, prev_hash) == digest
            if not ok:
                raise _Damaged(seq, f"{where} was edited")
            if kind == "grant":
                self.grant_entries[int(seq)] = json.loads(payload)
            if (chain, position) in self.wanted:
                self.wanted[(chain, position)] = digest
            if self.plain_head is not None and digest == self.plain_head:
                self.plain_seen = True
            prev = digest
            expected += 1
        if head != (expected - 1, prev):
            raise _Damaged(
                None,
                f"chain {chain} ends at entry {expected - 1} but the server's head for it is "
                f"entry {head[0]}: entries were deleted or the head was moved",
            )
        return prev


def _parse_token(head: str | None) -> tuple[dict[tuple[int, int], str | None], str | None, str]:
    if head is None:
        return {}, None, ""
    digest, sep, positions = head.partition(":")
    if not sep:
        return {}, head, ""
    try:
        seqs = [int(s) for s in positions.split(".")]
    except ValueError:
        seqs = []
    if len(seqs) != CHAINS + 1:
        raise _Damaged(None, f"the noted head {head} is not a head this server printed")
    return {(c, s): None for c, s in enumerate(seqs)}, None, digest


def verify_server(client: Any, head: str | None = None) -> AuditReport:
    """Verify every chain (and, with ``head``, that they extend that noted head)."""
    walk = _Walk({}, None)
    token = GENESIS
    try:
        wanted, plain, digest = _parse_token(head)
        walk = _Walk(wanted, plain)
        heads = {int(h["chain"]): (int(h["seq"]), str(h["hash"])) for h in _heads(client)}
        if sorted(heads) != list(range(CHAINS + 1)):
            missing = sorted(set(range(CHAINS + 1)) - set(heads))
            raise _Damaged(None, f"the heads of chains {missing} are missing from the server")
        legacy_end = walk.chain(client, 0, GENESIS, heads[0])
        for chain in range(1, CHAINS + 1):
            walk.chain(client, chain, legacy_end, heads[chain])
        token = head_token((c, s, h) for c, (s, h) in heads.items())
        _match_grants(client, walk.grant_entries)
        if wanted:
            if any(h is None for h in wanted.values()):
                raise _Damaged(None, f"the noted head {head} is beyond the chains (rewritten)")
            noted = head_token((c, s, h or "") for (c, s), h in wanted.items())
            if noted.partition(":")[0] != digest:
                raise _Damaged(None, f"the noted head {head} is not in the chains (rewritten)")
        if plain is not None and not walk.plain_seen:
            raise _Damaged(None, f"the noted head {head} is not in the chain (rewritten)")
    except _Damaged as exc:
        return AuditReport(False, walk.count, token, exc.seq, exc.problem)
    return AuditReport(True, walk.count, token)


def _heads(client: Any) -> list[dict[str, Any]]:
    return list(client.audit_heads().get("chains") or [])


def _match_grants(client: Any, grant_entries: dict[int, dict[str, Any]]) -> None:
    for row in client.team_grants(_FAR_PAST, _FAR_FUTURE):
        seq = int(row["audit_seq"])
        entry = grant_entries.pop(seq, None)
        content = {k: v for k, v in row.items() if k not in ("audit_seq", "content_hash")}
        if entry is None:
            raise _Damaged(seq, f"grant {row['grant_id']} has no audit entry {seq}")
        if entry != content:
            changed = sorted(k for k in set(entry) | set(content) if entry.get(k) != content.get(k))
            raise _Damaged(
                seq,
                f"grant {row['grant_id']} differs from its audit entry {seq} in "
                + ", ".join(changed),
            )
    if grant_entries:
        seq = min(grant_entries)
        raise _Damaged(
            seq,
            f"audit entry {seq} records grant {grant_entries[seq].get('grant_id')}, which is "
            "missing from the grants table (deleted)",
        )
