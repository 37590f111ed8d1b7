"""A supervisor's world: an installed signed policy, a key in the (memory) keyring."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assist.authority.demo import install_demo_policy
from assist.authority.keys import generate_signing_key
from ui import i18n
from ui.console.context import ConsoleContext


class Seams:
    """Answers the console's confirmation and file dialogs without opening them."""

    def __init__(self) -> None:
        self.answer = True
        self.questions: list[str] = []
        self.next_file: Path | None = None

    def confirm(self, _parent: object, _title: str, question: str) -> bool:
        self.questions.append(question)
        return self.answer

    def choose(self, *_args: object) -> Path | None:
        return self.next_file


@pytest.fixture
def seams() -> Seams:
    return Seams()


@pytest.fixture
def console_ctx(
    tmp_path: Path, seams: Seams, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ConsoleContext]:
    """An English-speaking console (the screens read the application's translator, which
    is put back afterwards so no other test inherits the language)."""
    monkeypatch.setattr(i18n, "_current", i18n.Translator("en"))
    machine = tmp_path / "machine"
    installed = install_demo_policy(machine, now=datetime.now(UTC) - timedelta(hours=1))
    key = generate_signing_key("sari.supervisor")
    (installed.keys_dir / "sari.supervisor.pub").write_text(key.public.file_text(), "utf-8")
    yield ConsoleContext(
        key=key,
        policy_path=installed.policy_path,
        keys_dir=installed.keys_dir,
        ledger_path=tmp_path / "ledger.sqlite",
        phrases_path=tmp_path / "phrases.sqlite",
        team_path=tmp_path / "team.sqlite",
        outcomes_path=tmp_path / "outcomes.sqlite",
        language="en",
        confirm=seams.confirm,
        choose_file=seams.choose,
    )
