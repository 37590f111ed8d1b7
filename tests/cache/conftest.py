from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from assist.cache import Cache
from assist.cache.demo import generate_demo_cache

ANCHOR = date(2024, 6, 1)

CUSTOMERS_CSV = """id,full_name,salutation,phone,email,language,tier,customer_since,notes
C1,Budi Santoso,Bapak,0812-3456-7890,Budi.Santoso@Gmail.com,id,gold,02/04/2019,Pelanggan lama
C2,Sarah Mitchell,,+62 811 222 3334,sarah@example.com,en,silver,2021-05-01,
C3,Ni Made Ayu Lestari,Ibu,6285712345678,,id,regular,,
"""

TRANSACTIONS_CSV = "\n".join(
    [
        "id,customer_id,created_at,kind,description,reference,amount,status,status_changed_at",
        "T1,C1,2024-03-12T10:00:00+07:00,order,Rice cooker,INV/20240312/MPL/123456789,"
        "Rp 450.000,delayed,2024-03-14 09:00",
        'T2,C2,12/03/2024,payment,Payment,ORD-24031298765,"1,5jt",completed,',
        "T3,C1,2024-01-05,topup,Pulsa,TU24010512345678,150rb,completed,",
        "",
    ]
)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "cache.sqlite") as opened:
        yield opened


@pytest.fixture
def filled(tmp_path: Path, cache: Cache) -> Cache:
    from assist.cache.importer import import_files

    (tmp_path / "customers.csv").write_text(CUSTOMERS_CSV, encoding="utf-8")
    (tmp_path / "transactions.csv").write_text(TRANSACTIONS_CSV, encoding="utf-8")
    import_files(cache, [tmp_path / "transactions.csv", tmp_path / "customers.csv"])
    return cache


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    generate_demo_cache(path, customers=300, seed=11, anchor=ANCHOR)
    return path
