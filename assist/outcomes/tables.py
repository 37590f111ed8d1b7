"""The outcome tables, shared by the agent's outcome store and the supervisor's team DB."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from assist.nlp.models import CHECKLIST_STEPS
from assist.outcomes.models import ConversationOutcome, GrantRef, SuggestionUse

OUTCOME_DDL = """
CREATE TABLE outcomes (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    channel TEXT NOT NULL,
    customer_id TEXT,
    language TEXT,
    emotion TEXT,
    issue TEXT,
    intensity REAL,
    started_at TEXT NOT NULL,
    ended_at TEXT NOT NULL,
    handle_seconds REAL NOT NULL,
    first_reply_seconds REAL,
    checklist_json TEXT NOT NULL,
    checklist_complete INTEGER NOT NULL,
    csat INTEGER CHECK (csat IS NULL OR csat BETWEEN 1 AND 5),
    understood INTEGER,
    csat_recorded_at TEXT,
    messages_json TEXT,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX outcomes_conversation ON outcomes (agent_id, conversation_id);
CREATE INDEX outcomes_ended ON outcomes (ended_at);
CREATE TABLE outcome_suggestions (
    outcome_id TEXT NOT NULL REFERENCES outcomes (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    phrase_id TEXT NOT NULL,
    function TEXT NOT NULL,
    action TEXT NOT NULL,
    PRIMARY KEY (outcome_id, seq)
);
CREATE TABLE outcome_grants (
    outcome_id TEXT NOT NULL REFERENCES outcomes (id) ON DELETE CASCADE,
    grant_id TEXT NOT NULL,
    type TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    unit TEXT NOT NULL,
    PRIMARY KEY (outcome_id, grant_id)
);
"""


def create_outcome_tables(conn: sqlite3.Connection) -> None:
    for statement in OUTCOME_DDL.split(";"):
        if statement.strip():
            conn.execute(statement)


def iso_utc(value: datetime | None) -> str | None:
    """Fixed-width UTC ISO text, so that SQL compares times as strings correctly."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def write_outcome(conn: sqlite3.Connection, outcome: ConversationOutcome) -> None:
    """Insert or replace one outcome with its suggestions and grants (caller's transaction)."""
    assert outcome.updated_at is not None
    conn.execute("DELETE FROM outcomes WHERE id = ?", (outcome.id,))
    conn.execute(
        "INSERT INTO outcomes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            outcome.id,
            outcome.conversation_id,
            outcome.agent_id,
            outcome.outcome,
            outcome.channel,
            outcome.customer_id,
            outcome.language,
            outcome.emotion,
            outcome.issue,
            outcome.intensity,
            iso_utc(outcome.started_at),
            iso_utc(outcome.ended_at),
            outcome.handle_seconds,
            outcome.first_reply_seconds,
            json.dumps({s: bool(outcome.checklist.get(s, False)) for s in CHECKLIST_STEPS}),
            int(outcome.checklist_complete),
            outcome.csat,
            None if outcome.understood is None else int(outcome.understood),
            iso_utc(outcome.csat_recorded_at),
            json.dumps(list(outcome.messages), ensure_ascii=False) if outcome.messages else None,
            iso_utc(outcome.updated_at),
        ),
    )
    conn.executemany(
        "INSERT INTO outcome_suggestions VALUES (?,?,?,?,?)",
        [
            (outcome.id, seq, s.phrase_id, s.function, s.action)
            for seq, s in enumerate(outcome.suggestions)
        ],
    )
    conn.executemany(
        "INSERT INTO outcome_grants VALUES (?,?,?,?,?,?)",
        [
            (outcome.id, g.grant_id, g.type, g.amount_minor, g.currency, g.unit)
            for g in outcome.compensation
        ],
    )


def _stamp(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def read_outcomes(
    conn: sqlite3.Connection, where: str = "", params: tuple[object, ...] = ()
) -> list[ConversationOutcome]:
    """Outcomes matching ``where`` (an SQL condition on table ``o``), oldest first."""
    rows = conn.execute(
        f"SELECT * FROM outcomes o {('WHERE ' + where) if where else ''} ORDER BY o.ended_at, o.id",
        params,
    ).fetchall()
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    suggestions: dict[str, list[SuggestionUse]] = {i: [] for i in ids}
    grants: dict[str, list[GrantRef]] = {i: [] for i in ids}
    # Chunked IN lists keep under SQLite's bound-parameter limit on big team DBs.
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for s in conn.execute(
            f"SELECT * FROM outcome_suggestions WHERE outcome_id IN ({marks}) "
            "ORDER BY outcome_id, seq",
            chunk,
        ):
            suggestions[s["outcome_id"]].append(
                SuggestionUse(phrase_id=s["phrase_id"], function=s["function"], action=s["action"])
            )
        for g in conn.execute(
            f"SELECT * FROM outcome_grants WHERE outcome_id IN ({marks}) "
            "ORDER BY outcome_id, grant_id",
            chunk,
        ):
            grants[g["outcome_id"]].append(
                GrantRef(
                    grant_id=g["grant_id"],
                    type=g["type"],
                    amount_minor=g["amount_minor"],
                    currency=g["currency"],
                    unit=g["unit"],
                )
            )
    result = []
    for r in rows:
        started, ended = _stamp(r["started_at"]), _stamp(r["ended_at"])
        assert started is not None and ended is not None
        result.append(
            ConversationOutcome(
                id=r["id"],
                conversation_id=r["conversation_id"],
                agent_id=r["agent_id"],
                outcome=r["outcome"],
                channel=r["channel"],
                started_at=started,
                ended_at=ended,
                customer_id=r["customer_id"],
                language=r["language"],
                emotion=r["emotion"],
                issue=r["issue"],
                intensity=r["intensity"],
                first_reply_seconds=r["first_reply_seconds"],
                checklist={k: bool(v) for k, v in json.loads(r["checklist_json"]).items()},
                suggestions=tuple(suggestions[r["id"]]),
                compensation=tuple(grants[r["id"]]),
                csat=r["csat"],
                understood=None if r["understood"] is None else bool(r["understood"]),
                csat_recorded_at=_stamp(r["csat_recorded_at"]),
                messages=tuple(json.loads(r["messages_json"])) if r["messages_json"] else (),
                updated_at=_stamp(r["updated_at"]),
            )
        )
    return result
