"""Import: formats, date and amount forms, idempotency, all-or-nothing files, reports."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assist.cache import Cache
from assist.cache.errors import E211, E212, E221, E222, E223, E224, E225, E226
from assist.cache.importer import import_files
from assist.errors import PekaError
from assist.money import format_money
from tests.cache.conftest import CUSTOMERS_CSV
from tests.cache.helpers import content_hash


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_json_and_jsonl_of_every_entity(tmp_path: Path, cache: Cache) -> None:
    customers = write(tmp_path, "c.csv", CUSTOMERS_CSV)
    prefs = write(
        tmp_path,
        "p.json",
        json.dumps(
            [
                {"customer_id": "C1", "key": "preferred channel", "value": "whatsapp"},
                {
                    "customer_id": "C1",
                    "key": "contact_note",
                    "value": "jangan telepon sebelum jam 10",
                },
            ],
            indent=2,
        ),
    )
    tx = write(
        tmp_path,
        "t.jsonl",
        "\n".join(
            json.dumps(r)
            for r in [
                {"id": "T1", "customer_id": "C1", "created_at": "2024-03-12", "kind": "order",
                 "amount": 150000, "status": "in_transit", "extra": {"courier": "JNE"}},
                {"id": "T2", "customer_id": "C2", "created_at": "2024-03-12T10:00:00Z",
                 "kind": "payment", "amount": "USD 5.25", "status": "completed"},
            ]
        ),
    )  # fmt: skip
    ix = write(
        tmp_path,
        "i.csv",
        "id;customer_id;occurred_at;channel;summary;outcome;sentiment;csat\n"
        "I1;C1;12/03/2024 14:05;chat;Menanyakan paket, dijanjikan kabar;follow_up;negative;2\n",
    )
    result = import_files(cache, [ix, tx, prefs, customers])
    assert [r.entity for r in result.files] == [
        "customers",
        "preferences",
        "transactions",
        "interactions",
    ]
    assert result.ok and result.rows == 3 + 2 + 2 + 1
    record = cache.open_customer("C1")
    assert record is not None
    assert record.preferences == {
        "contact_note": "jangan telepon sebelum jam 10",
        "preferred_channel": "whatsapp",
    }
    assert record.transactions[0].extra == {"courier": "JNE"}
    assert record.transactions[0].amount_minor == 15_000_000
    interaction = record.interactions[0]
    assert (interaction.csat, interaction.sentiment, interaction.outcome) == (
        2,
        "negative",
        "follow_up",
    )
    assert interaction.occurred_at == datetime(2024, 3, 12, 7, 5, tzinfo=UTC)  # WIB → UTC
    sarah = cache.open_customer("C2")
    assert sarah is not None and sarah.transactions[0].amount_minor == 525
    assert sarah.transactions[0].currency == "USD"
    assert cache.stats().last_import_at is not None


@pytest.mark.parametrize(
    ("written", "minor"),
    [
        ("150000", 15_000_000),
        ("Rp 150.000", 15_000_000),
        ("Rp150.000", 15_000_000),
        ("150rb", 15_000_000),
        ("150 ribu", 15_000_000),
        ("1,5jt", 150_000_000),
        ("Rp 150.000,50", 15_000_050),
        ("-150000", -15_000_000),
    ],
)
def test_amount_forms(tmp_path: Path, filled: Cache, written: str, minor: int) -> None:
    path = write(
        tmp_path,
        "t.csv",
        f'id,customer_id,created_at,kind,amount,status\nX1,C1,2024-05-01,refund,"{written}",completed\n',
    )
    import_files(filled, [path])
    assert filled.transactions_by_reference([]) == []
    record = filled.open_customer("C1")
    assert record is not None
    assert [t.amount_minor for t in record.transactions if t.id == "X1"] == [minor]


@pytest.mark.parametrize(
    ("written", "utc"),
    [
        ("2024-05-01", datetime(2024, 4, 30, 17, 0, tzinfo=UTC)),
        ("01/05/2024", datetime(2024, 4, 30, 17, 0, tzinfo=UTC)),
        ("01/05/2024 08:30", datetime(2024, 5, 1, 1, 30, tzinfo=UTC)),
        ("1/5/2024 08:30:15", datetime(2024, 5, 1, 1, 30, 15, tzinfo=UTC)),
        ("2024-05-01T08:30:00+07:00", datetime(2024, 5, 1, 1, 30, tzinfo=UTC)),
        ("2024-05-01T01:30:00Z", datetime(2024, 5, 1, 1, 30, tzinfo=UTC)),
        ("2024-05-01 08:30", datetime(2024, 5, 1, 1, 30, tzinfo=UTC)),
    ],
)
def test_date_forms(tmp_path: Path, filled: Cache, written: str, utc: datetime) -> None:
    path = write(
        tmp_path,
        "t.csv",
        f"id,customer_id,created_at,kind,amount,status\nX1,C1,{written},order,1000,completed\n",
    )
    import_files(filled, [path])
    found = [t for t in (filled.open_customer("C1") or pytest.fail()).transactions if t.id == "X1"]
    assert found[0].created_at == utc


def test_importing_twice_changes_nothing(tmp_path: Path, filled: Cache) -> None:
    before = content_hash(filled)
    again = import_files(
        filled, [write(tmp_path, "c.csv", CUSTOMERS_CSV), tmp_path / "transactions.csv"]
    )
    assert content_hash(filled) == before
    assert all(r.inserted == r.updated == 0 and r.unchanged == r.rows for r in again.files)


def test_changed_row_is_updated(tmp_path: Path, filled: Cache) -> None:
    changed = CUSTOMERS_CSV.replace("gold", "platinum")
    result = import_files(filled, [write(tmp_path, "c.csv", changed)])
    assert (result.files[0].updated, result.files[0].unchanged) == (1, 2)
    record = filled.open_customer("C1")
    assert record is not None and record.customer.tier == "platinum"
    # The search index follows updates.
    renamed = CUSTOMERS_CSV.replace("Budi Santoso", "Bambang Pamungkas")
    import_files(filled, [write(tmp_path, "c.csv", renamed)])
    assert filled.search("pamungkas")[0].customer_id == "C1"
    old = [h for h in filled.search("budi santoso") if h.customer_id == "C1"]
    assert [h.matched for h in old] == ["email"]  # only the unchanged e-mail still matches


BAD_TRANSACTIONS = """id,customer_id,created_at,kind,amount,status
G1,C1,2024-05-01,order,1000,completed
B1,C1,31/02/2024,order,1000,completed
B2,C1,2024-05-01,order,lots,completed
B3,C1,2024-05-01,order,1000,shipped-ish
B4,C404,2024-05-01,order,1000,completed
"""


def test_bad_row_rejects_whole_file_naming_file_line_field(tmp_path: Path, filled: Cache) -> None:
    before = content_hash(filled)
    path = write(tmp_path, "bad.csv", BAD_TRANSACTIONS)
    with pytest.raises(PekaError) as info:
        import_files(filled, [path])
    assert info.value.code == E221
    message = str(info.value)
    assert str(path) in message and "line 3" in message and "field 'created_at'" in message
    assert content_hash(filled) == before


def test_report_lists_every_bad_row(tmp_path: Path, filled: Cache) -> None:
    before = content_hash(filled)
    path = write(tmp_path, "bad.csv", BAD_TRANSACTIONS)
    good = write(
        tmp_path,
        "good.csv",
        "id,customer_id,created_at,kind,amount,status\nG9,C2,2024-05-01,order,1000,completed\n",
    )
    result = import_files(filled, [path, good], report=True)
    found = [(e.line, e.field, e.code) for e in result.errors]
    assert found == [
        (3, "created_at", E221),
        (4, "amount", E222),
        (5, "status", E223),
    ]
    assert not result.ok
    assert [r.imported for r in result.files] == [False, True]
    assert filled.transactions_by_reference([]) == []
    record = filled.open_customer("C2")
    assert record is not None and "G9" in [t.id for t in record.transactions]
    # Only the good file's row was added.
    assert content_hash(filled) != before


def test_unknown_customer_names_the_row(tmp_path: Path, filled: Cache) -> None:
    before = content_hash(filled)
    path = write(
        tmp_path,
        "t.csv",
        "id,customer_id,created_at,kind,amount,status\n"
        "G1,C1,2024-05-01,order,1000,completed\nG2,C404,2024-05-01,order,1000,completed\n",
    )
    with pytest.raises(PekaError) as info:
        import_files(filled, [path])
    assert info.value.code == E225
    assert "line 3" in str(info.value) and "C404" in str(info.value)
    assert content_hash(filled) == before


def test_json_array_errors_give_line_numbers(tmp_path: Path, filled: Cache) -> None:
    records = [
        {"id": "C7", "full_name": "Asep", "phone": "0812-1111-2222"},
        {"id": "C8", "full_name": "Euis", "phone": "not a phone"},
    ]
    path = write(tmp_path, "c.json", json.dumps(records, indent=2))
    with pytest.raises(PekaError) as info:
        import_files(filled, [path])
    assert info.value.code == E224
    assert "line 7" in str(info.value) and "field 'phone'" in str(info.value)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("id,full_name,phonee\nC1,X,0812\n", E212),
        ("foo,bar\n1,2\n", E211),
        ("id,full_name\nC1,A\nC1,B\n", E226),
        ("id,full_name,salutation\nC1,A,Mister\n", E223),
    ],
)
def test_file_level_errors(tmp_path: Path, cache: Cache, text: str, code: str) -> None:
    with pytest.raises(PekaError) as info:
        import_files(cache, [write(tmp_path, "x.csv", text)])
    assert info.value.code == code
    assert cache.stats().customers == 0


def test_entity_can_be_forced(tmp_path: Path, cache: Cache) -> None:
    path = write(tmp_path, "x.csv", "id,full_name\nC1,Dewi Lestari\n")
    result = import_files(cache, [path], entity="customers")
    assert result.files[0].entity == "customers"


WIB = timezone(timedelta(hours=7))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rupiah=st.integers(min_value=0, max_value=10**12),
    sen=st.sampled_from([0, 0, 50, 1]),
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(
        lambda d: d.replace(microsecond=0)
    ),
    form=st.sampled_from(["iso", "dmy", "z"]),
)
def test_amount_and_date_round_trip(
    tmp_path: Path, filled: Cache, rupiah: int, sen: int, moment: datetime, form: str
) -> None:
    minor = rupiah * 100 + sen
    written = {
        "iso": moment.isoformat(),
        "dmy": moment.strftime("%d/%m/%Y %H:%M:%S"),
        "z": moment.replace(tzinfo=WIB).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }[form]
    path = write(
        tmp_path,
        "rt.csv",
        "id,customer_id,created_at,kind,amount,status\n"
        f'RT,C1,{written},payment,"{format_money(minor)}",completed\n',
    )
    import_files(filled, [path])
    found = filled.transactions_by_reference([])  # no refs: nothing
    assert found == []
    record = filled.open_customer("C1", transactions=100)
    assert record is not None
    row = next(t for t in record.transactions if t.id == "RT")
    assert row.amount_minor == minor
    assert row.created_at == moment.replace(tzinfo=WIB)


def test_bulk_path_into_empty_tables_keeps_indexes_and_search(
    tmp_path: Path, cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assist.cache import importer
    from tests.cache.conftest import TRANSACTIONS_CSV

    monkeypatch.setattr(importer, "_BULK_ROWS", 2)  # the rebuild path, on small files
    customers = write(tmp_path, "c.csv", CUSTOMERS_CSV)
    tx = write(tmp_path, "t.csv", TRANSACTIONS_CSV)
    import_files(cache, [customers, tx])
    with cache.reading() as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"transactions_by_ref", "transactions_by_customer", "customers_fts_au"} <= names
    assert cache.search("budi")[0].customer_id == "C1"
    assert cache.search("98765")[0].customer_id == "C2"
    # Triggers are back: a later change reaches the search index.
    import_files(cache, [write(tmp_path, "c.csv", CUSTOMERS_CSV.replace("Budi", "Bagus"))])
    assert cache.search("bagus")[0].customer_id == "C1"


def test_report_lists_every_bad_field_of_a_row(tmp_path: Path, filled: Cache) -> None:
    before = content_hash(filled)
    path = write(
        tmp_path,
        "customers.csv",
        "id,full_name,salutation,phone,email,language,tier,customer_since\n"
        "X2,Rina,Kak,08123,rina@,xx,gold,2021-13-01\n",
    )
    result = import_files(filled, [path], report=True)
    assert [(e.line, e.field) for e in result.errors] == [
        (2, "phone"),
        (2, "email"),
        (2, "language"),
        (2, "customer_since"),
    ]
    assert content_hash(filled) == before
