"""Untrusted text is shown as plain text in every widget that shows data."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from assist.app.views import CustomerView, FindingView, MessageView, SuggestionView, UpdateView
from assist.authority.models import WITHIN_AUTHORITY, CompensationOption
from assist.cache.models import Customer, CustomerRecord, Interaction, SearchHit, Transaction
from assist.nlp.models import Cue, MessageAnalysis
from tests.ui.conftest import HTML_PAYLOAD
from ui import i18n
from ui.compensation_panel import CompensationPanel
from ui.customer_panel import CustomerCard
from ui.message_panel import MessagePanel
from ui.plain import plain_message_box
from ui.reply_panel import ReplyPanel
from ui.search_panel import hit_text

NOW = datetime(2025, 3, 10, tzinfo=UTC)


def record() -> CustomerRecord:
    customer = Customer(
        id="C1",
        full_name=HTML_PAYLOAD,
        salutation="Ibu",
        phone="+6281234567890",
        email="<i>x</i>@example.com",
        language="id",
        tier="gold",
        customer_since=date(2020, 1, 2),
        notes=HTML_PAYLOAD + " & <a href='javascript:alert(1)'>klik</a>",
    )
    tx = Transaction(
        "T1", "C1", NOW, "order", HTML_PAYLOAD, "INV/1", 100, "IDR", "delayed", None, None
    )
    ix = Interaction("I1", "C1", NOW, "chat", HTML_PAYLOAD, "resolved", None, None)
    return CustomerRecord(customer, {"<b>pref</b>": HTML_PAYLOAD}, [tx], [ix])


def data_labels(widget) -> list[QLabel]:  # type: ignore[no-untyped-def]
    return [label for label in widget.findChildren(QLabel) if label.text()]


def assert_all_plain(widget) -> None:  # type: ignore[no-untyped-def]
    for label in widget.findChildren(QLabel):
        assert label.textFormat() == Qt.PlainText, label.text()


def test_customer_card_shows_markup_as_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    i18n.install("id")
    card = CustomerCard()
    qtbot.addWidget(card)
    card.retranslate()
    card.show_customer(CustomerView(record(), ["<b>voucher</b>"]))
    assert card.name.text() == HTML_PAYLOAD
    assert card.name.textFormat() == Qt.PlainText
    notes = card.fields["notes"][1]
    assert notes.text() == record().customer.notes
    assert HTML_PAYLOAD in card.fields["preferences"][1].text()
    assert "<b>voucher</b>" in card.warning.text()
    assert card.warning.isVisibleTo(card)
    assert_all_plain(card)


def test_search_hits_are_plain_list_items() -> None:
    i18n.install("id")
    hit = SearchHit("C1", HTML_PAYLOAD, "Ibu", None, None, "gold", "name", HTML_PAYLOAD)
    assert hit_text(hit).startswith(HTML_PAYLOAD)


def test_message_analysis_and_cues_stay_plain(qtbot) -> None:  # type: ignore[no-untyped-def]
    i18n.install("en")
    panel = MessagePanel()
    qtbot.addWidget(panel)
    panel.retranslate()
    text = "KENAPA <script>alert(1)</script> belum sampai!!!"
    panel.set_text(text)
    analysis = MessageAnalysis(
        text=text,
        language="id",
        emotion="angry",
        emotion_scores={"angry": 0.9},
        intensity=0.85,
        sentiment="negative",
        sentiment_scores={"negative": 0.9},
        issue="delivery_delay",
        issue_scores={"delivery_delay": 0.8},
        fault="company",
        fault_reason="<b>late</b> courier",
        cues=[Cue(0, 7, "all_caps", "KENAPA"), Cue(45, 48, "exclamation", "!!!")],
    )
    panel.show_analysis(MessageView(analysis, []))
    assert panel.edit.toPlainText() == text
    assert panel.emotion.text() == "Angry (strong)"
    assert panel.fault.text() == "The company — <b>late</b> courier"
    assert [(s.start, s.end) for s in panel.highlighter.spans()] == [(0, 7), (45, 48)]
    assert_all_plain(panel)


def test_suggestions_findings_and_options_stay_plain(qtbot) -> None:  # type: ignore[no-untyped-def]
    i18n.install("id")
    reply = ReplyPanel(50)
    qtbot.addWidget(reply)
    reply.retranslate()
    reply.edit.setPlainText("halo")
    view = UpdateView(
        draft="halo",
        suggestions=[SuggestionView("p1", "apologise", HTML_PAYLOAD, 0.9, "<i>why</i>")],
        checklist={},
        findings=[FindingView("cold", HTML_PAYLOAD, "halo " + HTML_PAYLOAD)],
        compensation=[],
    )
    reply.show_update(view)
    suggestions = reply.suggestion_list.card_model
    first = suggestions.index(0)
    assert first.data(Qt.DisplayRole) == HTML_PAYLOAD
    assert first.data(Qt.AccessibleTextRole).endswith(HTML_PAYLOAD)
    assert reply.suggestion_list.item(0).text == HTML_PAYLOAD  # painted as given
    assert_all_plain(reply)
    # Tooltips have no plain-text switch: markup must arrive escaped.
    findings = reply.finding_list.card_model
    tips = [w.toolTip() for w in reply.findChildren(QWidget)]
    tips += [m.index(0).data(Qt.ToolTipRole) for m in (suggestions, findings)]
    for tip in tips:
        assert "<script>" not in tip and "<i>why" not in tip and "<b>" not in tip, tip
    assert "&lt;script&gt;" in findings.index(0).data(Qt.ToolTipRole)
    assert "&lt;i&gt;why" in first.data(Qt.ToolTipRole)
    panel = CompensationPanel()
    qtbot.addWidget(panel)
    panel.retranslate()
    option = CompensationOption(
        "voucher", HTML_PAYLOAD, 2_500_000, "IDR", WITHIN_AUTHORITY, 10_000_000, HTML_PAYLOAD
    )
    panel.show_options([option], has_case=True)
    assert panel._rows[0].title.text().startswith(HTML_PAYLOAD)
    assert_all_plain(panel)


def test_message_boxes_are_plain(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = plain_message_box(None, "t", HTML_PAYLOAD, detail=HTML_PAYLOAD)
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.PlainText
    assert box.text() == HTML_PAYLOAD
    assert box.informativeText() == HTML_PAYLOAD
    assert box.standardButtons() == QMessageBox.Ok
    assert_all_plain(box)
