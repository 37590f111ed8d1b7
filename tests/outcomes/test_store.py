"""The outcome store: round trip, CSAT later, privacy of messages, files and versions."""

from __future__ import annotations

import sqlite3
import stat
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from assist.errors import PekaError
from assist.nlp.models import CHECKLIST_STEPS, EMOTIONS, FUNCTIONS
from assist.outcomes.models import (
    CHANNELS,
    OUTCOMES,
    SUGGESTION_ACTIONS,
    ConversationOutcome,
    GrantRef,
    SuggestionUse,
    new_id,
)
from assist.outcomes.store import OutcomeStore
from ui.entry import full_cli

T0 = datetime(2026, 11, 2, 3, 4, 5, 123456, tzinfo=UTC)


def outcome(**changes: object) -> ConversationOutcome:
    base: dict[str, object] = dict(
        id=new_id(),
        conversation_id=new_id(),
        agent_id="rina",
        outcome="resolved",
        channel="chat",
        started_at=T0,
        ended_at=T0 + timedelta(minutes=7),
        customer_id="C-1",
        language="id",
        emotion="angry",
        issue="delivery_delay",
        intensity=0.8,
        checklist={s: True for s in CHECKLIST_STEPS},
        suggestions=(SuggestionUse("p1", "apologise", "inserted"),),
        compensation=(GrantRef("G-1", "voucher", 5_000_000),),
    )
    base.update(changes)
    return ConversationOutcome(**base)  # type: ignore[arg-type]


def test_round_trip_and_csat_later(tmp_path: Path) -> None:
    path = tmp_path / "outcomes.sqlite"
    with OutcomeStore(path) as store:
        stored = store.record(outcome())
    with OutcomeStore(path) as store:
        again = store.get(stored.conversation_id)
        assert again == stored
        assert again.checklist_complete
        updated = store.record_csat(stored.conversation_id[:8], 4, True)
    assert updated.csat == 4 and updated.understood is True
    with OutcomeStore(path) as store:
        assert store.get(stored.id).csat == 4
        assert store.count() == 1


def test_messages_are_dropped_unless_configured(tmp_path: Path) -> None:
    secret = "Pesanan saya INV-9 belum datang, alamat Jl. Mawar 5"
    with OutcomeStore(tmp_path / "a.sqlite") as store:
        store.record(outcome(messages=(f"customer: {secret}",)))
    raw = (tmp_path / "a.sqlite").read_bytes() + _wal(tmp_path / "a.sqlite")
    assert b"Jl. Mawar" not in raw
    with OutcomeStore(tmp_path / "b.sqlite", store_messages=True) as store:
        kept = store.record(outcome(messages=(f"customer: {secret}",)))
        assert store.get(kept.id).messages == (f"customer: {secret}",)


def _wal(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_file_is_private_wal_and_versioned(tmp_path: Path) -> None:
    path = tmp_path / "outcomes.sqlite"
    OutcomeStore(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    assert meta == {"kind": "outcome store", "schema_version": "1"}
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(PekaError) as info:
        OutcomeStore(path)
    assert info.value.code == "E701" and "newer Peka" in info.value.message


def test_refuses_other_files_and_bad_values(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(PekaError) as info:
        OutcomeStore(other)
    assert info.value.code == "E701"
    with pytest.raises(PekaError) as bad:
        outcome(outcome="happy_end")
    assert bad.value.code == "E703" and "resolved" in bad.value.message
    with pytest.raises(PekaError):
        outcome(csat=6)
    with OutcomeStore(tmp_path / "o.sqlite") as store:
        first = store.record(outcome())
        with pytest.raises(PekaError) as twice:
            store.record(outcome(conversation_id=first.conversation_id))
        assert twice.value.code == "E703"
        with pytest.raises(PekaError) as missing:
            store.get("no-such-conversation")
        assert missing.value.code == "E702"


stamps = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)
)


@settings(max_examples=40, deadline=None)
@given(
    start=stamps,
    minutes=st.integers(0, 600),
    kind=st.sampled_from(OUTCOMES),
    channel=st.sampled_from(CHANNELS),
    emotion=st.none() | st.sampled_from(EMOTIONS),
    checks=st.lists(st.booleans(), min_size=4, max_size=4),
    uses=st.lists(
        st.tuples(
            st.text(min_size=1, max_size=12),
            st.sampled_from(FUNCTIONS),
            st.sampled_from(SUGGESTION_ACTIONS),
        ),
        max_size=5,
    ),
    csat=st.none() | st.integers(1, 5),
    amount=st.integers(1, 10**12),
)
def test_any_outcome_round_trips(
    tmp_path_factory: pytest.TempPathFactory,
    start: datetime,
    minutes: int,
    kind: str,
    channel: str,
    emotion: str | None,
    checks: list[bool],
    uses: list[tuple[str, str, str]],
    csat: int | None,
    amount: int,
) -> None:
    path = tmp_path_factory.mktemp("rt") / "o.sqlite"
    item = outcome(
        started_at=start,
        ended_at=start + timedelta(minutes=minutes),
        outcome=kind,
        channel=channel,
        emotion=emotion,
        checklist=dict(zip(CHECKLIST_STEPS, checks, strict=True)),
        suggestions=tuple(SuggestionUse(*u) for u in uses),
        compensation=(GrantRef("G-9", "cashback", amount),),
        csat=csat,
    )
    with OutcomeStore(path) as store:
        stored = store.record(item)
        assert store.get(item.id) == stored
        assert ConversationOutcome.from_dict(stored.to_dict()) == stored


def test_outcome_commands(tmp_path: Path) -> None:
    path = tmp_path / "o.sqlite"
    with OutcomeStore(path) as store:
        stored = store.record(outcome())
    cli = full_cli()
    result = CliRunner().invoke(
        cli,
        [
            "outcome",
            "csat",
            stored.conversation_id,
            "--score",
            "5",
            "--understood",
            "yes",
            "--db",
            str(path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "CSAT 5, felt understood" in result.output
    result = CliRunner().invoke(cli, ["outcome", "list", "--db", str(path)])
    assert stored.conversation_id in result.output
    result = CliRunner().invoke(
        cli, ["outcome", "csat", "nope-nope-nope", "--score", "3", "--db", str(path)]
    )
    assert result.exit_code == 1 and "[E702]" in result.output
    result = CliRunner().invoke(
        cli, ["outcome", "csat", stored.id, "--score", "9", "--db", str(path)]
    )
    assert "[E703]" in result.output
