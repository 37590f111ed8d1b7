"""The agent's export file: one JSON Lines file with everything a supervisor merges.

Line 1 is a header (format, export id, agent id, time zone of the policy's days), then
one record per line (``grant``, ``approval``, ``outcome``, ``budget``), and a last
``end`` line with the record counts and the SHA-256 of every line before it, so that a
truncated or edited file is refused instead of being half-imported. The customer's
words never leave the agent's machine in an export, whatever ``outcomes.store_messages``
says.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assist import __version__
from assist.errors import PekaError
from assist.outcomes.models import ConversationOutcome
from assist.reports.dataset import Dataset
from assist.reports.errors import E710, E711
from assist.reports.files import save_report_file
from assist.reports.records import ApprovalRecord, BudgetRecord, GrantRecord

FORMAT = "peka-export"
FORMAT_VERSION = 1
RECORD_KINDS = ("grant", "approval", "outcome", "budget")


@dataclass(frozen=True)
class Bundle:
    export_id: str
    agent_id: str
    created_at: datetime
    utc_offset_minutes: int | None
    grants: list[GrantRecord] = field(default_factory=list)
    approvals: list[ApprovalRecord] = field(default_factory=list)
    outcomes: list[ConversationOutcome] = field(default_factory=list)
    budgets: list[BudgetRecord] = field(default_factory=list)
    source: str = ""
    agent_name: str = ""  # as the agent's policy names them; empty when it does not

    def counts(self) -> dict[str, int]:
        return {
            "grant": len(self.grants),
            "approval": len(self.approvals),
            "outcome": len(self.outcomes),
            "budget": len(self.budgets),
        }

    def dataset(self) -> Dataset:
        return Dataset(
            self.grants,
            self.approvals,
            self.outcomes,
            self.budgets,
            self.utc_offset_minutes,
            source=self.source,
            agent_names={self.agent_id: self.agent_name} if self.agent_name else {},
        )


def _line(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def write_export(path: Path, agent_id: str, data: Dataset) -> Bundle:
    """Write ``data`` (one agent's records) to ``path`` atomically; returns what was written."""
    bundle = Bundle(
        export_id=str(uuid.uuid4()),
        agent_id=agent_id,
        created_at=datetime.now(UTC),
        utc_offset_minutes=data.utc_offset_minutes,
        grants=[g for g in data.grants if g.agent_id == agent_id],
        approvals=[a for a in data.approvals if a.agent_id == agent_id],
        outcomes=[
            dataclasses.replace(o, messages=()) for o in data.outcomes if o.agent_id == agent_id
        ],
        budgets=[b for b in data.budgets if b.agent_id == agent_id],
        agent_name=data.agent_names.get(agent_id, ""),
    )
    digest = hashlib.sha256()
    lines: list[bytes] = []

    def add(record: dict[str, Any]) -> None:
        encoded = _line(record)
        digest.update(encoded)
        lines.append(encoded)

    add(
        {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "export_id": bundle.export_id,
            "agent_id": agent_id,
            "created_at": bundle.created_at.isoformat(),
            "utc_offset_minutes": bundle.utc_offset_minutes,
            "peka_version": __version__,
            **({"agent_name": bundle.agent_name} if bundle.agent_name else {}),
        }
    )
    for grant in bundle.grants:
        add({"record": "grant", **grant.to_dict()})
    for approval in bundle.approvals:
        add({"record": "approval", **approval.to_dict()})
    for outcome in bundle.outcomes:
        record = outcome.to_dict()
        record.pop("handle_seconds")
        add({"record": "outcome", **record})
    for budget in bundle.budgets:
        add({"record": "budget", **budget.to_dict()})
    lines.append(_line({"record": "end", "counts": bundle.counts(), "sha256": digest.hexdigest()}))
    save_report_file(path, b"".join(lines))
    return bundle


def read_export(path: Path) -> Bundle:
    """Read and check an export file; any problem names the file and the line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PekaError(E710, f"Cannot read {path}: {exc.strerror}.") from exc
    lines = raw.splitlines(keepends=True)
    if not lines:
        raise PekaError(E710, f"{path} is empty; export again with `peka export --out FILE`.")
    header = _parse(path, 1, lines[0])
    if header.get("format") != FORMAT:
        raise PekaError(
            E710, f"{path} line 1: not a Peka export (made with `peka export --out FILE`)."
        )
    if header.get("version") != FORMAT_VERSION:
        raise PekaError(
            E710,
            f"{path} line 1: export format {header.get('version')!r}; this Peka reads "
            f"{FORMAT_VERSION}. Update Peka on this machine.",
        )
    agent_id = header.get("agent_id")
    export_id = header.get("export_id")
    if not isinstance(agent_id, str) or not agent_id or not isinstance(export_id, str):
        raise PekaError(E710, f"{path} line 1: the header lacks agent_id or export_id.")
    last = _parse(path, len(lines), lines[-1])
    if last.get("record") != "end" or not raw.endswith(b"\n"):
        raise PekaError(
            E711,
            f"{path}: the file ends early (no end line); it was cut off in transfer. "
            "Copy it again or ask the agent to export again.",
        )
    digest = hashlib.sha256(b"".join(lines[:-1])).hexdigest()
    if last.get("sha256") != digest:
        raise PekaError(
            E711,
            f"{path}: the content does not match its checksum; it was changed after export. "
            "Ask the agent to export again.",
        )
    grants: list[GrantRecord] = []
    approvals: list[ApprovalRecord] = []
    outcomes: list[ConversationOutcome] = []
    budgets: list[BudgetRecord] = []
    for number, line in enumerate(lines[1:-1], start=2):
        record = _parse(path, number, line)
        kind = record.pop("record", None)
        if kind not in RECORD_KINDS:
            raise PekaError(E710, f"{path} line {number}: unknown record kind {kind!r}.")
        if record.get("agent_id") != agent_id:
            raise PekaError(
                E710,
                f"{path} line {number}: record of agent {record.get('agent_id')!r} in the "
                f"export of {agent_id!r}.",
            )
        try:
            if kind == "grant":
                grants.append(GrantRecord.from_dict(record))
            elif kind == "approval":
                approvals.append(ApprovalRecord.from_dict(record))
            elif kind == "outcome":
                outcomes.append(ConversationOutcome.from_dict(record))
            else:
                budgets.append(BudgetRecord.from_dict(record))
        except PekaError as exc:
            raise PekaError(E710, f"{path} line {number}: {exc.message}") from exc
        except (KeyError, TypeError, ValueError) as exc:
            raise PekaError(E710, f"{path} line {number}: bad {kind} record ({exc}).") from exc
    bundle = Bundle(
        export_id=export_id,
        agent_id=agent_id,
        created_at=datetime.fromisoformat(str(header.get("created_at"))),
        utc_offset_minutes=header.get("utc_offset_minutes"),
        grants=grants,
        approvals=approvals,
        outcomes=outcomes,
        budgets=budgets,
        source=str(path),
        agent_name=name.strip()[:200] if isinstance(name := header.get("agent_name"), str) else "",
    )
    if last.get("counts") != bundle.counts():
        raise PekaError(E711, f"{path}: record counts do not match the end line.")
    return bundle


def _parse(path: Path, number: int, line: bytes) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PekaError(E710, f"{path} line {number}: not JSON ({exc}).") from exc
    if not isinstance(value, dict):
        raise PekaError(E710, f"{path} line {number}: expected a JSON object.")
    return value
