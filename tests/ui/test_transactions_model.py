"""The transaction table model: newest first, sorting, filtering, highlights, Rupiah."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from assist.cache.models import Transaction
from ui import i18n
from ui.transactions import (
    AMOUNT,
    DATE,
    DESCRIPTION,
    MENTIONED_ROLE,
    PROBLEM_ROLE,
    REFERENCE,
    STATUS,
    TransactionFilterProxy,
    TransactionTableModel,
)

NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


def tx(
    n: int, status: str = "completed", amount: int = 15_000_000, ref: str | None = None
) -> Transaction:
    return Transaction(
        id=f"T{n}",
        customer_id="C1",
        created_at=NOW - timedelta(days=n),
        kind="order",
        description=f"Barang {n}",
        reference=ref if ref is not None else f"INV/{n:04d}",
        amount_minor=amount,
        currency="IDR",
        status=status,
        status_changed_at=None,
        channel="app",
    )


def make(rows: list[Transaction]) -> tuple[TransactionTableModel, TransactionFilterProxy]:
    i18n.install("id")
    model = TransactionTableModel()
    model.set_transactions(rows)
    proxy = TransactionFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(DATE, Qt.DescendingOrder)
    return model, proxy


def column(proxy: TransactionFilterProxy, col: int) -> list[str]:
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def test_newest_first_and_amounts_in_rupiah(qtbot) -> None:  # type: ignore[no-untyped-def]
    _, proxy = make([tx(5), tx(1, amount=275_000_000), tx(3)])
    assert column(proxy, REFERENCE) == ["INV/0001", "INV/0003", "INV/0005"]
    assert column(proxy, AMOUNT)[0] == "Rp 2.750.000"
    assert proxy.index(0, AMOUNT).data(Qt.TextAlignmentRole) & Qt.AlignRight


def test_sorting_by_amount_uses_numbers_not_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    _, proxy = make([tx(1, amount=900_000), tx(2, amount=10_000_000), tx(3, amount=2_000_000)])
    proxy.sort(AMOUNT, Qt.AscendingOrder)
    assert column(proxy, AMOUNT) == ["Rp 9.000", "Rp 20.000", "Rp 100.000"]


def test_problem_rows_are_highlighted_and_filterable(qtbot) -> None:  # type: ignore[no-untyped-def]
    _, proxy = make([tx(1), tx(2, "delayed"), tx(3, "failed"), tx(4, "disputed"), tx(5)])
    problems = [proxy.index(r, 0).data(PROBLEM_ROLE) for r in range(proxy.rowCount())]
    assert problems == [False, True, True, True, False]
    assert proxy.index(1, 0).data(Qt.BackgroundRole) is not None
    assert proxy.index(0, 0).data(Qt.BackgroundRole) is None
    assert proxy.index(1, STATUS).data() == "terlambat"
    proxy.set_problems_only(True)
    assert column(proxy, STATUS) == ["terlambat", "gagal", "disengketakan"]


def test_text_filter_matches_reference_description_and_status(qtbot) -> None:  # type: ignore[no-untyped-def]
    _, proxy = make([tx(1), tx(2, "delayed"), tx(12)])
    proxy.set_text_filter("0012")
    assert column(proxy, REFERENCE) == ["INV/0012"]
    proxy.set_text_filter("TERLAMBAT")
    assert column(proxy, REFERENCE) == ["INV/0002"]
    proxy.set_text_filter("barang 1")
    assert sorted(column(proxy, REFERENCE)) == ["INV/0001", "INV/0012"]
    proxy.set_text_filter("")
    assert proxy.rowCount() == 3


def test_mentioned_transactions_are_picked_out(qtbot) -> None:  # type: ignore[no-untyped-def]
    model, proxy = make([tx(1), tx(2, ref="inv/2024/ 00123"), tx(3)])
    found = model.set_mentioned(["INV/2024/00123"])
    assert [t.id for t in found] == ["T2"]
    row = column(proxy, REFERENCE).index("inv/2024/ 00123")
    assert proxy.index(row, 0).data(MENTIONED_ROLE) is True
    assert proxy.index(row, DESCRIPTION).data().startswith("▶ ")
    assert proxy.index(row, 0).data(Qt.FontRole).bold()
    proxy.set_problems_only(True)  # named transactions stay visible with "problems only"
    assert column(proxy, REFERENCE) == ["inv/2024/ 00123"]


def test_model_text_is_never_markup(qtbot) -> None:  # type: ignore[no-untyped-def]
    payload = "<b>X</b><script>alert(1)</script>"
    row = Transaction(
        "T1", "C1", NOW, "order", payload, payload, 100, "IDR", "completed", None, None
    )
    _, proxy = make([row])
    assert proxy.index(0, DESCRIPTION).data() == payload
    assert proxy.index(0, REFERENCE).data() == payload


def test_hover_tooltips_show_helpdesk_text_literally(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextDocument

    reference = "INV/<b>REF</b><img src='x'><a href='http://e'>klik</a>"
    row = Transaction(
        "T1",
        "C1",
        NOW,
        "order",
        "<i>Sepatu</i>",
        reference,
        100,
        "IDR",
        "delayed",
        None,
        "<u>app</u>",
    )
    _, proxy = make([row])
    for col in (REFERENCE, DESCRIPTION, AMOUNT):
        tip = proxy.index(0, col).data(Qt.ToolTipRole)
        assert "<b>" not in tip and "<img" not in tip and "<a " not in tip and "<i>" not in tip
        document = QTextDocument()
        document.setHtml(tip)  # what Qt's tooltip does with text that looks like markup
        shown = document.toPlainText()
        assert reference in shown and "<i>Sepatu</i>" in shown, shown
    assert reference in proxy.index(0, REFERENCE).data(Qt.AccessibleTextRole)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3650), st.integers(0, 10**12)), max_size=25))
@example([(0, 0), (0, 2_147_483_648)])  # past 32 bits: Rp 21.474.837 and up
def test_date_sort_is_newest_first_for_any_rows(rows: list[tuple[int, int]]) -> None:
    data = [
        Transaction(
            f"T{i}",
            "C1",
            NOW - timedelta(days=d),
            "order",
            "x",
            f"R{i}",
            a,
            "IDR",
            "completed",
            None,
            None,
        )
        for i, (d, a) in enumerate(rows)
    ]
    model, proxy = make(data)
    shown = [
        model.transactions()[proxy.mapToSource(proxy.index(r, 0)).row()].created_at
        for r in range(proxy.rowCount())
    ]
    assert shown == sorted(shown, reverse=True)
    proxy.sort(AMOUNT, Qt.AscendingOrder)
    amounts = [
        model.transactions()[proxy.mapToSource(proxy.index(r, 0)).row()].amount_minor
        for r in range(proxy.rowCount())
    ]
    assert amounts == sorted(amounts)
