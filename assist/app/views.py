"""Plain snapshots of the core's results, shaped for the sidebar's widgets and the local API.

The worker lane turns the session's update and the authority's status into these frozen
objects before they cross to the GUI thread, so a widget never touches a live core object
(and never triggers a query by reading an attribute).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from assist.authority.models import CompensationOption
from assist.cache.models import CustomerRecord, Transaction
from assist.nlp.models import CHECKLIST_STEPS, MessageAnalysis


@dataclass(frozen=True)
class CacheView:
    path: Path
    customers: int
    transactions: int
    last_import_at: datetime | None
    size_bytes: int


@dataclass(frozen=True)
class CustomerView:
    record: CustomerRecord
    recent_compensation: list[str] = field(default_factory=list)  # one line per grant
    data_as_of: datetime | None = None  # when this customer's data was last confirmed
    stale: bool = False  # older than `sync.stale_after_hours`


@dataclass(frozen=True)
class SyncSourceView:
    name: str
    ok: bool | None  # None: never ran
    last_success_at: datetime | None
    error: str | None


@dataclass(frozen=True)
class SyncView:
    """What the status area shows about cache synchronisation."""

    sources: list[SyncSourceView]
    configured: bool
    ran: bool = False  # a sync has just finished (not only the stored status)
    changed_rows: int = 0


@dataclass(frozen=True)
class MessageView:
    analysis: MessageAnalysis
    mentioned: list[Transaction]


@dataclass(frozen=True)
class SuggestionView:
    id: str
    function: str
    text: str
    score: float
    reason: str


@dataclass(frozen=True)
class FindingView:
    kind: str
    message: str
    rewrite: str  # the whole draft, rewritten: taken with one click
    start: int | None = None  # the part of the draft it is about, when there is one
    end: int | None = None

    def change(self, draft: str) -> tuple[str, str]:
        """The part of ``draft`` the rewrite changes, and what it becomes (for a preview)."""
        prefix = 0
        limit = min(len(draft), len(self.rewrite))
        while prefix < limit and draft[prefix] == self.rewrite[prefix]:
            prefix += 1
        suffix = 0
        while (
            suffix < limit - prefix
            and draft[len(draft) - 1 - suffix] == self.rewrite[len(self.rewrite) - 1 - suffix]
        ):
            suffix += 1
        # Widen to whole words so the preview reads naturally.
        while prefix > 0 and not draft[prefix - 1].isspace():
            prefix -= 1
        while suffix > 0 and not draft[len(draft) - suffix].isspace():
            suffix -= 1
        return draft[prefix : len(draft) - suffix], self.rewrite[
            prefix : len(self.rewrite) - suffix
        ]


@dataclass(frozen=True)
class UpdateView:
    draft: str
    suggestions: list[SuggestionView]
    checklist: dict[str, bool]
    findings: list[FindingView]
    compensation: list[CompensationOption]
    tone: str = ""
    compensation_error: str = ""
    # Granted or approved in this conversation already (not offered again).
    compensated: list[CompensationOption] = field(default_factory=list)

    def grouped(self) -> list[tuple[str, list[SuggestionView]]]:
        """Suggestions grouped by empathy function: best group first, best phrase first."""
        groups: dict[str, list[SuggestionView]] = {}
        for s in sorted(self.suggestions, key=lambda s: -s.score):
            groups.setdefault(s.function, []).append(s)
        return list(groups.items())

    def numbered(self) -> list[SuggestionView]:
        """The suggestions in the order they are shown (what Ctrl+1…9 insert)."""
        return [s for _, group in self.grouped() for s in group]


@dataclass(frozen=True)
class PolicyView:
    valid: bool
    reason: str
    version: str = ""
    signer: str = ""
    expires_at: datetime | None = None
    details: dict[str, Any] = field(default_factory=dict)
    name: str = ""
    role: str = ""
    code: str = ""  # the coded reason (E510, …) when no policy is in force
    agent_id: str = ""  # who grants under it: in team mode the server's word, not the config's


@dataclass(frozen=True)
class GrantView:
    option: CompensationOption
    grant_id: str
    offer_sentence: str


@dataclass(frozen=True)
class ApprovalView:
    option: CompensationOption
    request_id: str
    text: str
    live: bool = False  # team mode: the supervisors' queue has it; the decision comes back


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def suggestion_view(s: Any) -> SuggestionView:
    return SuggestionView(
        id=str(_get(s, "id", "")),
        function=str(_get(s, "function", "")),
        text=str(_get(s, "text", "")),
        score=float(_get(s, "score", 0.0) or 0.0),
        reason=str(_get(s, "reason", "") or ""),
    )


def finding_view(f: Any) -> FindingView:
    start, end = _get(f, "start", None), _get(f, "end", None)
    return FindingView(
        kind=str(_get(f, "kind", "")),
        message=str(_get(f, "message", "") or ""),
        rewrite=str(_get(f, "rewrite", "") or ""),
        start=int(start) if start is not None else None,
        end=int(end) if end is not None else None,
    )


def update_view(update: Any, draft: str) -> UpdateView:
    coach = _get(update, "coach", None)
    checklist_raw = _get(coach, "checklist", None) if coach is not None else None
    if checklist_raw is None:
        checklist_raw = _get(update, "checklist", {}) or {}
    checklist = {step: bool(_get(checklist_raw, step, False)) for step in CHECKLIST_STEPS}
    findings_raw = _get(coach, "findings", None) if coach is not None else None
    if findings_raw is None:
        findings_raw = _get(update, "findings", []) or []
    return UpdateView(
        draft=draft,
        suggestions=[suggestion_view(s) for s in (_get(update, "suggestions", []) or [])],
        checklist=checklist,
        findings=[finding_view(f) for f in findings_raw],
        compensation=list(_get(update, "compensation", []) or []),
        tone=str(_get(coach, "tone", "") or "") if coach is not None else "",
        compensation_error=str(_get(update, "compensation_error", "") or ""),
        compensated=list(_get(update, "compensated", []) or []),
    )


def policy_view(status: Any) -> PolicyView:
    expires = _get(status, "expires_at", None) or _get(status, "valid_until", None)
    return PolicyView(
        valid=bool(_get(status, "valid", False)),
        reason=str(_get(status, "reason", "") or ""),
        version=str(_get(status, "version", "") or ""),
        signer=str(_get(status, "signer", "") or _get(status, "signed_by", "") or ""),
        expires_at=expires if isinstance(expires, datetime) else None,
        name=str(_get(status, "name", "") or ""),
        role=str(_get(status, "role", "") or ""),
        code=str(_get(status, "code", "") or ""),
        agent_id=str(_get(status, "agent_id", "") or ""),
    )
