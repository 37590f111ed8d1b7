"""The console in Indonesian and English: catalogues complete, merged, switchable."""

from __future__ import annotations

import json
import re
import shutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from assist import resources
from assist.authority.policy import RULE_FIELDS
from assist.errors import PekaError
from ui import i18n
from ui.console.context import ConsoleContext
from ui.console.window import ConsoleWindow

ROOT = Path(__file__).resolve().parents[2]
CONSOLE_CODE = ROOT / "ui" / "console"


def load(language: str) -> dict[str, str]:
    path = ROOT / "resources" / "i18n" / f"console.{language}.json"
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_console_key_exists_in_both_languages_with_the_same_fields() -> None:
    id_, en = load("id"), load("en")
    assert set(id_) == set(en)
    for key in id_:
        assert key.startswith("console."), key
        assert fields(id_[key]) == fields(en[key]), key
        assert id_[key].strip() and en[key].strip(), key


def test_every_literal_console_id_in_the_code_exists() -> None:
    known = load("id")
    used: set[str] = set()
    for path in CONSOLE_CODE.glob("*.py"):
        for match in re.finditer(r"\btr(?:_or)?\(\s*\"(console\.[a-z_.]+)\"", path.read_text()):
            used.add(match.group(1))
    assert len(used) > 100
    assert sorted(k for k in used if k not in known) == []
    # Keys made from names: every limit of a rule has a column heading.
    assert [f for f in RULE_FIELDS if f"console.rule.{f}" not in known] == []


def test_catalogue_merges_the_console_files() -> None:
    for language in i18n.LANGUAGES:
        merged = i18n.catalogue(language)
        assert set(load(language)) <= set(merged)
        assert "app.title" in merged  # the sidebar's own file is still there
    assert i18n.Translator("id").tr("console.tab.policy") == "Kebijakan wewenang"
    assert i18n.Translator("en").tr("console.tab.policy") == "Authority policy"


@pytest.fixture
def copied_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the translations (PEKA_RESOURCES), with the caches emptied."""
    root = tmp_path / "resources"
    shutil.copytree(ROOT / "resources" / "i18n", root / "i18n")
    shutil.copy(ROOT / "resources" / "RESOURCES.md", root / "RESOURCES.md")
    monkeypatch.setenv("PEKA_RESOURCES", str(root))
    resources.resources_root.cache_clear()
    i18n.catalogue.cache_clear()
    yield root
    monkeypatch.delenv("PEKA_RESOURCES")
    resources.resources_root.cache_clear()
    i18n.catalogue.cache_clear()


def test_a_broken_part_file_is_a_coded_error_naming_it(copied_resources: Path) -> None:
    extra = copied_resources / "i18n" / "extra.en.json"
    extra.write_text('{"extra.hello": "Hello"}', encoding="utf-8")
    assert i18n.catalogue("en")["extra.hello"] == "Hello"
    assert "extra.hello" not in i18n.catalogue("id")  # only *.en.json joins English
    i18n.catalogue.cache_clear()
    broken = copied_resources / "i18n" / "console.id.json"
    broken.write_text('{"console.tab.policy": ', encoding="utf-8")
    with pytest.raises(PekaError) as info:
        i18n.catalogue("id")
    assert info.value.code == "E604" and "console.id.json" in info.value.message
    broken.write_text('{"console.tab.policy": 3}', encoding="utf-8")
    i18n.catalogue.cache_clear()
    with pytest.raises(PekaError) as info:
        i18n.catalogue("id")
    assert info.value.code == "E604" and "console.id.json" in info.value.message


def test_console_opens_in_indonesian_and_switches_at_run_time(
    qtbot: QtBot, console_ctx: ConsoleContext
) -> None:
    console_ctx.language = "id"
    window = ConsoleWindow(console_ctx)
    qtbot.addWidget(window)
    assert window.translator.language == "id"
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == ["Kebijakan wewenang", "Pustaka kalimat", "Kode persetujuan", "Laporan"]
    policy = window.policy
    assert policy.sign_button.text() == "Tanda tangani dan ekspor untuk TI…"
    assert policy.tabs.tabText(4) == "Bandingkan dengan kebijakan yang berlaku"
    assert policy.tabs.tabText(5) == "Pratinjau"
    assert "siap ditandatangani" in policy.status.text()
    assert policy.general["expires"].accessibleName() == "Berakhir pada"
    assert window.approvals.approve_button.text() == "Setujui"
    assert window.reports.source.currentText() == "Database tim"
    assert window.windowTitle().startswith("Konsol supervisor Peka")
    assert window.toggle_language_action.shortcut() == QKeySequence("Ctrl+L")

    with qtbot.waitSignal(window.translator.language_changed):
        window.toggle_language_action.trigger()
    assert window.tabs.tabText(0) == "Authority policy"
    assert policy.sign_button.text() == "Sign and export for IT…"
    assert "can be signed" in policy.status.text()  # a message shown before is redone
    assert policy.rules_table.horizontalHeaderItem(0).text() == "Max per grant"
    assert window.approvals.approve_button.text() == "Approve"
    assert window.phrases.search.placeholderText() == "Search id, function or text…"
    assert window.language_actions["en"].isChecked()

    window.language_actions["id"].trigger()
    assert window.tabs.tabText(3) == "Laporan"
    assert policy.rules_table.horizontalHeaderItem(0).text() == "Maks. per pemberian"
    assert window.menu_view.title() == "&Tampilan"


def test_preview_and_core_messages_in_the_interface_language(
    qtbot: QtBot, console_ctx: ConsoleContext
) -> None:
    console_ctx.language = "id"
    window = ConsoleWindow(console_ctx)
    qtbot.addWidget(window)
    policy = window.policy
    issue = policy.preview_inputs["issue"]
    assert issue.currentData() == "delivery_delay"
    assert issue.currentText() == i18n.tr_or("issue.delivery_delay", "delivery_delay")
    policy.run_preview()
    assert "akan ditawari" in policy.preview_note.text()
    statuses = {
        policy.preview_table.item(r, 2).text() for r in range(policy.preview_table.rowCount())
    }
    assert statuses <= {"dalam wewenang", "perlu persetujuan"} and statuses
    window.translator.set_language("en")
    assert "would be offered" in policy.preview_note.text()
    # The checker's own messages (from the authority package) follow the language too.
    policy.general["utc_offset"].setText("7 hours")
    policy.revalidate()
    assert "must look like" in policy.problem_list.item(0).text()
    window.translator.set_language("id")
    assert "masalah" in policy.status.text()
    assert "harus seperti" in policy.problem_list.item(0).text()
