"""Deterministic, realistic demo data for the cache (``peka demo-data``, ``peka gui --demo``).

Everything comes from one ``random.Random(seed)`` and an anchor date (today by default),
so the same seed on the same day gives the same file. Rows go straight into SQLite as
tuples, in one transaction, with the secondary indexes and the search index built once
at the end: 100,000 customers and about two million transactions take well under a
minute. The first few customers are hand-made showcases with an open problem (see
:data:`SHOWCASE` and docs/cache.md).
"""

from __future__ import annotations

import gc
import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from assist.cache import demo_catalog as cat
from assist.cache.demo_names import (
    EMAIL_DOMAINS,
    ENGLISH_FAMILY,
    ENGLISH_FEMALE,
    ENGLISH_MALE,
    MOBILE_PREFIXES,
    REGIONS,
    Region,
)
from assist.cache.importer import (
    CUSTOMER_DB_COLUMNS,
    INTERACTION_DB_COLUMNS,
    TRANSACTION_DB_COLUMNS,
)
from assist.cache.keys import name_key, ref_key
from assist.cache.schema import BULK_INDEXES, FTS_TRIGGER_NAMES, FTS_TRIGGERS, run_script
from assist.cache.store import Cache

Row = tuple[Any, ...]
_BATCH = 5_000  # customers per executemany round


@dataclass(frozen=True, slots=True)
class DemoStats:
    path: Path
    customers: int
    transactions: int
    interactions: int
    preferences: int
    seconds: float
    seed: int


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


_CUSTOMERS_SQL = _insert_sql("customers", CUSTOMER_DB_COLUMNS)
_TRANSACTIONS_SQL = _insert_sql("transactions", TRANSACTION_DB_COLUMNS)
_INTERACTIONS_SQL = _insert_sql("interactions", INTERACTION_DB_COLUMNS)
_PREFERENCES_SQL = "INSERT INTO preferences (customer_id, key, value) VALUES (?, ?, ?)"

_RECENT_DAYS = 21
# (status, weight) for transactions older than three weeks / recent ones, per kind.
_OLD_STATUS = {
    "order": (("completed", 930), ("cancelled", 30), ("refunded", 18), ("returned", 5),
              ("failed", 8), ("disputed", 5), ("lost", 4)),
    "payment": (("completed", 965), ("failed", 25), ("disputed", 10)),
    "topup": (("completed", 960), ("failed", 32), ("refunded", 8)),
    "subscription": (("completed", 960), ("failed", 20), ("disputed", 12), ("suspended", 8)),
    "refund": (("completed", 985), ("failed", 15)),
    "service_visit": (("completed", 930), ("cancelled", 50), ("failed", 20)),
}  # fmt: skip
_NEW_STATUS = {
    "order": (("in_transit", 260), ("completed", 380), ("processing", 90), ("delayed", 140),
              ("cancelled", 30), ("failed", 25), ("disputed", 35), ("lost", 15),
              ("on_hold", 25)),
    "payment": (("completed", 820), ("pending", 60), ("failed", 70), ("disputed", 50)),
    "topup": (("completed", 830), ("pending", 50), ("failed", 90), ("disputed", 30)),
    "subscription": (("active", 800), ("failed", 80), ("disputed", 60), ("suspended", 60)),
    "refund": (("processing", 500), ("completed", 400), ("failed", 50), ("on_hold", 50)),
    "service_visit": (("scheduled", 450), ("completed", 350), ("delayed", 120),
                      ("failed", 80)),
}  # fmt: skip
_KIND_WEIGHTS = (
    ("order", 44),
    ("payment", 14),
    ("topup", 17),
    ("subscription", 17),
    ("refund", 4),
    ("service_visit", 4),
)
_CHANNELS = {
    "order": ("app", "app", "app", "web", "web"),
    "payment": ("app", "web", "va", "store"),
    "topup": ("app", "app", "store", "web"),
    "subscription": ("autodebit", "app", "web"),
    "refund": ("app", "web"),
    "service_visit": ("phone", "app", "whatsapp"),
}
_TIERS = (("regular", 62), ("silver", 22), ("gold", 12), ("platinum", 4))


def _cumulative(pairs: tuple[tuple[str, int], ...]) -> tuple[tuple[str, ...], list[int]]:
    values = tuple(p[0] for p in pairs)
    total, cum = 0, []
    for _, weight in pairs:
        total += weight
        cum.append(total)
    return values, cum


class _Picker:
    """Weighted choice with precomputed cumulative weights (random.choices is slower)."""

    def __init__(self, rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> None:
        self.values, self.cum = _cumulative(pairs)
        self.total = self.cum[-1]
        self.random = rng.random

    def __call__(self) -> str:
        x = self.random() * self.total
        for value, edge in zip(self.values, self.cum, strict=True):
            if x < edge:
                return value
        return self.values[-1]


class _Generator:
    def __init__(self, seed: int, anchor: date) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        self.anchor = anchor
        self.regions = REGIONS
        self.region_pick = _Picker(rng, tuple((r.name, r.weight) for r in REGIONS))
        self.region_by_name = {r.name: r for r in REGIONS}
        self.kind_pick = _Picker(rng, _KIND_WEIGHTS)
        self.old_status = {k: _Picker(rng, v) for k, v in _OLD_STATUS.items()}
        self.new_status = {k: _Picker(rng, v) for k, v in _NEW_STATUS.items()}
        self.tier_pick = _Picker(rng, _TIERS)
        self.domain_pick = _Picker(rng, EMAIL_DOMAINS)
        span = 9 * 366
        self.day_iso = [(anchor - timedelta(days=d)).isoformat() for d in range(span)]
        self.day_compact = [s.replace("-", "") for s in self.day_iso]
        self.day_month = [(anchor - timedelta(days=d)).month - 1 for d in range(span)]
        self.day_year = [s[:4] for s in self.day_iso]
        self.tx_seq = 0
        self.ix_seq = 0
        self.used_phones: set[str] = set()
        self.used_emails: set[str] = set()

    # -- customers -----------------------------------------------------------------------

    def _name(self, english: bool, female: bool) -> tuple[str, str]:
        rng = self.rng
        if english:
            given = rng.choice(ENGLISH_FEMALE if female else ENGLISH_MALE)
            return f"{given} {rng.choice(ENGLISH_FAMILY)}", "en"
        region: Region = self.region_by_name[self.region_pick()]
        given = rng.choice(region.female if female else region.male)
        if region.name == "bali":
            prefix = "Ni" if female else "I"
            second = rng.choice(region.second_female if female else region.second_male)
            return f"{prefix} {given} {second}", region.name
        if region.family:
            if rng.random() < 0.25 and region.name in ("batak", "tionghoa", "manado"):
                middle = rng.choice(region.female if female else region.male)
                if middle != given:
                    given = f"{given} {middle}"
            return f"{given} {rng.choice(region.family)}", region.name
        seconds = region.second_female if female else region.second_male
        roll = rng.random()
        if roll < 0.12:
            return given, region.name  # one name only, as many Javanese people have
        if roll < 0.25:
            first_two = rng.choice(region.female if female else region.male)
            if first_two != given:
                return f"{given} {first_two} {rng.choice(seconds)}", region.name
        return f"{given} {rng.choice(seconds)}", region.name

    def _phone(self) -> str:
        rng = self.rng
        while True:
            body = f"{rng.randrange(10_000_000, 100_000_000)}"
            if rng.random() < 0.25:
                body += str(rng.randrange(10))
            phone = "+62" + rng.choice(MOBILE_PREFIXES) + body
            if phone not in self.used_phones:
                self.used_phones.add(phone)
                return phone

    def _email(self, full_name: str, birth_year: int) -> str:
        rng = self.rng
        parts = [p for p in name_key(full_name).replace("'", "").split() if p not in ("i", "ni")]
        base = parts[0] if len(parts) == 1 or rng.random() < 0.3 else f"{parts[0]}.{parts[-1]}"
        base = base.replace("ü", "u")
        while True:
            roll = rng.random()
            suffix = str(birth_year % 100) if roll < 0.3 else str(rng.randrange(1, 999))
            email = f"{base}{suffix if roll < 0.85 else ''}@{self.domain_pick()}"
            if email not in self.used_emails:
                self.used_emails.add(email)
                return email

    def customer(self, number: int, now: str) -> tuple[Row, list[Row], dict[str, Any]]:
        rng = self.rng
        cid = f"C{number:06d}"
        female = rng.random() < 0.5
        expat = rng.random() < 0.11
        age = int(rng.triangular(18, 75, 33))
        full_name, _region = self._name(expat, female)
        english = expat or rng.random() < 0.045
        chat_first = age < 32 and rng.random() < 0.75
        if english:
            salutation = ""
        elif chat_first:
            salutation = "Kak"
        else:
            salutation = "Ibu" if female else "Bapak"
        phone = self._phone()
        email = self._email(full_name, self.anchor.year - age) if rng.random() < 0.88 else None
        tier = self.tier_pick()
        max_years = max(1, min(8, age - 17))
        since_days = rng.randrange(40, 365 * max_years)
        notes = ""
        if rng.random() < 0.07:
            notes = rng.choice(cat.NOTES_EN if english else cat.NOTES_ID)
        row = (
            cid,
            full_name,
            salutation,
            phone,
            phone[3:],
            email,
            "en" if english else "id",
            tier,
            self.day_iso[since_days],
            notes,
            name_key(full_name),
            now,
        )
        prefs = self._preferences(cid, english, chat_first, age)
        profile = {
            "id": cid,
            "english": english,
            "since_days": since_days,
            "internet": rng.random() < 0.35,
            "postpaid": rng.random() < 0.3,
            "chat_first": chat_first,
        }
        return row, prefs, profile

    def _preferences(self, cid: str, english: bool, chat_first: bool, age: int) -> list[Row]:
        rng = self.rng
        prefs: list[Row] = []
        if chat_first:
            channel = rng.choice(("chat", "whatsapp", "whatsapp"))
        else:
            channel = rng.choice(("whatsapp", "phone", "email", "chat"))
        if rng.random() < 0.8:
            prefs.append((cid, "preferred_channel", channel))
        if rng.random() < 0.3:
            hours = rng.choice(("09.00-17.00", "setelah 19.00", "08.00-12.00", "akhir pekan"))
            if english:
                hours = rng.choice(("9am-5pm", "after 7pm", "weekends only", "mornings"))
            prefs.append((cid, "contact_hours", hours))
        if rng.random() < 0.12:
            note = rng.choice(
                (
                    "jangan telepon sebelum jam 10",
                    "jangan telepon saat jam kerja",
                    "kirim rangkuman lewat email",
                    "panggil dengan nama saja",
                )
                if not english
                else ("no calls before 10am", "send a written summary", "first name is fine")
            )
            prefs.append((cid, "contact_note", note))
        if rng.random() < 0.08:
            prefs.append((cid, "gift_wrapping", "ya" if not english else "yes"))
        if rng.random() < 0.1:
            prefs.append(
                (
                    cid,
                    "delivery_note",
                    rng.choice(
                        ("titip di pos satpam", "hubungi sebelum kirim", "antar ke kantor")
                        if not english
                        else ("leave with security", "call before delivery")
                    ),
                )
            )
        if english and rng.random() < 0.5:
            prefs.append((cid, "language", "English"))
        return prefs

    # -- transactions --------------------------------------------------------------------

    def _when(self, days_ago: int) -> str:
        r = self.rng.random
        return (
            f"{self.day_iso[days_ago]}T{int(r() * 16):02d}:{int(r() * 60):02d}:{int(r() * 60):02d}Z"
        )

    def transactions(self, profile: dict[str, Any], count: int) -> list[Row]:
        rng = self.rng
        rand = rng.random
        cid = profile["id"]
        english = profile["english"]
        since = profile["since_days"]
        rows: list[Row] = []
        last_order_ref: str | None = None
        last_order_amount = 0
        for _ in range(count):
            # Recent activity is denser: a fifth of the history falls in the last 3 weeks.
            if rand() < 0.2:
                days_ago = 1 + int(rand() * min(_RECENT_DAYS, since))
            else:
                days_ago = 1 + int(rand() * since)
            kind = self.kind_pick()
            if kind == "subscription" and not (profile["internet"] or profile["postpaid"]):
                kind = "topup"
            if kind == "service_visit" and not profile["internet"]:
                kind = "order"
            if kind == "refund" and last_order_ref is None:
                kind = "order"
            recent = days_ago <= _RECENT_DAYS
            status = (self.new_status if recent else self.old_status)[kind]()
            self.tx_seq += 1
            tid = f"TX{self.tx_seq:09d}"
            extra = "{}"
            compact = self.day_compact[days_ago]
            if kind == "order":
                description, price = rng.choice(cat.PRODUCTS)
                qty = 1 if rand() < 0.8 else rng.randrange(2, 4)
                if qty > 1:
                    description = f"{description} x{qty}"
                amount = price * qty + rng.choice((0, 9_000, 12_000, 18_000, 25_000))
                style = rand()
                if style < 0.45:
                    mp = rng.choice(cat.MARKETPLACES)
                    reference = f"INV/{compact}/{mp}/{rng.randrange(10**9, 10**10 - 1)}"
                elif style < 0.75:
                    reference = f"ORD-{compact[2:]}{rng.randrange(10_000, 100_000)}"
                else:
                    letters = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(6))
                    reference = f"{compact[2:]}{letters}{rng.randrange(10, 100)}"
                last_order_ref = reference
                last_order_amount = amount
                if status in ("in_transit", "delayed", "lost", "completed", "delivered"):
                    courier = rng.choice(cat.COURIERS)
                    extra = json.dumps(
                        {"courier": courier, "awb": f"{courier[:2].upper()}{tid[2:]}"},
                        ensure_ascii=False,
                    )
            elif kind == "payment":
                method = rng.choice(cat.PAYMENT_METHODS)
                target = last_order_ref or f"ORD-{compact[2:]}{rng.randrange(10_000, 100_000)}"
                description = (
                    f"Payment for {target} via {method}"
                    if english
                    else f"Pembayaran {target} via {method}"
                )
                amount = last_order_amount or rng.choice(cat.PRODUCTS)[1]
                reference = f"PAY-{compact}-{rng.randrange(100_000, 1_000_000)}"
            elif kind == "topup":
                description, amount = rng.choice(cat.TOPUPS_EN if english else cat.TOPUPS_ID)
                reference = f"TU{compact[2:]}{rng.randrange(10**7, 10**8)}"
            elif kind == "subscription":
                month = self.day_month[days_ago]
                if profile["internet"] and (not profile["postpaid"] or rand() < 0.5):
                    plan, amount = cat.INTERNET_PLANS[int(cid[1:]) % 3]
                else:
                    plan, amount = cat.POSTPAID_PLANS[int(cid[1:]) // 3 % 3]
                months = cat.MONTHS_EN if english else cat.MONTHS_ID
                label = "bill" if english else "tagihan"
                description = f"{plan} - {label} {months[month]} {self.day_year[days_ago]}"
                reference = f"INV-{compact[:6]}-{rng.randrange(10**6, 10**7)}"
            elif kind == "refund":
                reason = rng.choice(cat.REFUND_REASONS_EN if english else cat.REFUND_REASONS_ID)
                target = last_order_ref or ""
                description = (
                    f"Refund for {target} ({reason})" if english else f"Refund {target} ({reason})"
                )
                amount = last_order_amount
                reference = f"RFD-{compact[2:]}{rng.randrange(1000, 10_000)}"
                extra = json.dumps({"for": target})
            else:
                description, amount = rng.choice(
                    cat.SERVICE_VISITS_EN if english else cat.SERVICE_VISITS_ID
                )
                reference = f"WO-{compact}-{rng.randrange(10_000, 100_000)}"
            created = self._when(days_ago)
            if status in ("completed", "active") and not recent:
                changed = created
            else:
                changed = self._when(max(1, days_ago - int(rand() * 4)))
                changed = max(changed, created)
            key = ref_key(reference)
            rows.append(
                (
                    tid,
                    cid,
                    created,
                    kind,
                    description,
                    reference,
                    key,
                    key[::-1],
                    amount * 100,
                    "IDR",
                    status,
                    changed,
                    rng.choice(_CHANNELS[kind]),
                    extra,
                )
            )
        return rows

    # -- interactions --------------------------------------------------------------------

    def interactions(self, profile: dict[str, Any], txs: list[Row], count: int) -> list[Row]:
        rng = self.rng
        english = profile["english"]
        summaries = cat.SUMMARIES_EN if english else cat.SUMMARIES_ID
        problems = [t for t in txs if t[10] in summaries and t[10] != "completed"]
        rows: list[Row] = []
        for index in range(count):
            self.ix_seq += 1
            if problems and (index == 0 or rng.random() < 0.5):
                tx = rng.choice(problems)
                topic = tx[10]
                summary = rng.choice(summaries[topic]).format(ref=tx[5])
                occurred = max(tx[11] or tx[2], tx[2])
                outcome = rng.choice(("follow_up", "escalated", "follow_up", "resolved"))
                sentiment = "negative" if rng.random() < 0.75 else "neutral"
                csat = rng.choice((1, 2, 2, 3, None, None))
            else:
                if txs and rng.random() < 0.5:
                    tx = rng.choice(txs)
                    summary = rng.choice(summaries["completed"]).format(ref=tx[5])
                    occurred = tx[2]
                else:
                    summary = rng.choice(summaries["general"])
                    occurred = self._when(1 + int(rng.random() * profile["since_days"]))
                outcome = rng.choice(("resolved", "resolved", "resolved", "info"))
                sentiment = rng.choice(("positive", "neutral", "neutral"))
                csat = rng.choice((4, 5, 5, 3, None, None))
            channel = rng.choice(
                ("chat", "whatsapp", "chat")
                if profile["chat_first"]
                else ("phone", "email", "chat")
            )
            rows.append(
                (f"IX{self.ix_seq:08d}", profile["id"], occurred, channel, summary, outcome,
                 sentiment, csat)
            )  # fmt: skip
        return rows


@dataclass(frozen=True)
class Showcase:
    """A hand-made demo customer with an open problem, for demos and docs."""

    id: str
    full_name: str
    salutation: str
    phone: str
    email: str
    language: str
    tier: str
    story: str


SHOWCASE: tuple[Showcase, ...] = (
    Showcase("C000001", "Sri Wahyuni", "Ibu", "+6281234567890", "sri.wahyuni@gmail.com", "id",
             "gold", "order delayed at a transit hub for five days, two earlier chats"),
    Showcase("C000002", "Hotman Simanjuntak", "Bapak", "+6281311122233",
             "hotman.simanjuntak@yahoo.co.id", "id", "platinum",
             "charged twice for the same order; second payment disputed"),
    Showcase("C000003", "Putri Ayu Lestari", "Kak", "+6285755500123", "putri.ayu@gmail.com",
             "id", "regular", "e-wallet top-up failed but the balance was deducted"),
    Showcase("C000004", "Sarah Mitchell", "", "+6281199988877", "sarah.mitchell@outlook.com",
             "en", "silver", "internet down for days, technician did not come"),
    Showcase("C000005", "I Wayan Sudarsana", "Bapak", "+6287861234567",
             "wayan.sudarsana@gmail.com", "id", "gold",
             "refund for a returned phone still not received after two weeks"),
    Showcase("C000006", "Andi Tenri Abeng", "Ibu", "+6282190001122", "andi.tenri@gmail.com",
             "id", "silver", "parcel declared lost by the courier"),
    Showcase("C000007", "Kevin Tanoto", "Kak", "+6281808080808", "kevin.tanoto@icloud.com",
             "en", "regular", "subscription charged after he cancelled it"),
)  # fmt: skip


def _showcase_rows(gen: _Generator, now: str) -> tuple[list[Row], list[Row], list[Row], list[Row]]:
    """The showcase customers' own records: a clear, recent, open problem each."""
    day, compact, when = gen.day_iso, gen.day_compact, gen._when
    customers: list[Row] = []
    prefs: list[Row] = []
    for s in SHOWCASE:
        gen.used_phones.add(s.phone)
        gen.used_emails.add(s.email)
        customers.append(
            (s.id, s.full_name, s.salutation, s.phone, s.phone[3:], s.email, s.language, s.tier,
             day[365 * 4 + int(s.id[-1]) * 37], "", name_key(s.full_name), now)
        )  # fmt: skip
    prefs += [
        ("C000001", "preferred_channel", "whatsapp"),
        ("C000001", "contact_note", "jangan telepon sebelum jam 10"),
        ("C000002", "preferred_channel", "phone"),
        ("C000003", "preferred_channel", "chat"),
        ("C000004", "preferred_channel", "email"),
        ("C000004", "language", "English"),
        ("C000005", "contact_hours", "09.00-17.00"),
        ("C000006", "delivery_note", "titip di pos satpam"),
        ("C000007", "preferred_channel", "chat"),
    ]
    inv = f"INV/{compact[6]}/MPL/8823451907"
    double = f"ORD-{compact[3][2:]}48213"
    tx: list[Row] = []

    def add(
        cid: str,
        days: int,
        kind: str,
        desc: str,
        ref: str,
        rupiah: int,
        status: str,
        changed_days: int,
        channel: str,
        extra: dict[str, Any] | None = None,
    ) -> None:
        gen.tx_seq += 1
        key = ref_key(ref)
        tx.append(
            (f"TX{gen.tx_seq:09d}", cid, when(days), kind, desc, ref, key, key[::-1],
             rupiah * 100, "IDR", status, when(changed_days), channel,
             json.dumps(extra or {}, ensure_ascii=False))
        )  # fmt: skip

    add(
        "C000001",
        6,
        "order",
        "Kulkas 2 pintu Sharp SJ-195MD 180 L",
        inv,
        2_774_000,
        "delayed",
        1,
        "app",
        {"courier": "JNE", "awb": "JN0088234519", "hub": "Cikarang"},
    )
    add(
        "C000001",
        40,
        "order",
        "Blender Philips HR2115",
        f"INV/{compact[40]}/MPL/8711029384",
        649_000,
        "completed",
        37,
        "app",
    )
    add(
        "C000002",
        3,
        "order",
        'Smart TV Polytron 43" Android',
        double,
        3_499_000,
        "processing",
        3,
        "web",
    )
    add(
        "C000002",
        3,
        "payment",
        f"Pembayaran {double} via BCA Virtual Account",
        f"PAY-{compact[3]}-551230",
        3_499_000,
        "completed",
        3,
        "va",
    )
    add(
        "C000002",
        3,
        "payment",
        f"Pembayaran {double} via BCA Virtual Account",
        f"PAY-{compact[3]}-551231",
        3_499_000,
        "disputed",
        2,
        "va",
        {"duplicate_of": f"PAY-{compact[3]}-551230"},
    )
    add(
        "C000003",
        1,
        "topup",
        "Top-up GoPay",
        f"TU{compact[1][2:]}40917725",
        500_000,
        "failed",
        1,
        "app",
        {"balance_deducted": True},
    )
    add(
        "C000004",
        9,
        "subscription",
        "Internet Rumah 50 Mbps - bill",
        f"INV-{compact[9][:6]}-7712093",
        385_000,
        "active",
        9,
        "autodebit",
    )
    add(
        "C000004",
        5,
        "service_visit",
        "Technician visit: internet outage (red LOS light)",
        f"WO-{compact[5]}-30417",
        0,
        "failed",
        2,
        "phone",
        {"reason": "technician no-show"},
    )
    add(
        "C000005",
        30,
        "order",
        "iPhone 13 128GB Midnight (iBox)",
        f"ORD-{compact[30][2:]}77120",
        9_999_000,
        "returned",
        20,
        "web",
    )
    add(
        "C000005",
        16,
        "refund",
        f"Refund ORD-{compact[30][2:]}77120 (barang rusak)",
        f"RFD-{compact[16][2:]}5521",
        9_999_000,
        "on_hold",
        14,
        "web",
        {"for": f"ORD-{compact[30][2:]}77120"},
    )
    add(
        "C000006",
        8,
        "order",
        "Mesin cuci LG 7 kg front loading",
        f"{compact[8][2:]}KQWRTZ55",
        4_599_000,
        "lost",
        2,
        "app",
        {"courier": "SiCepat", "awb": "SC004455667"},
    )
    add("C000007", 4, "subscription", "Paket Pascabayar 60 GB - bill",
        f"INV-{compact[4][:6]}-9902114", 200_000, "disputed", 3, "autodebit",
        {"cancelled_on": day[35]})  # fmt: skip
    ix: list[Row] = []
    stories = (
        ("C000001", 4, "whatsapp", f"Menanyakan pesanan {inv} yang belum sampai, dijanjikan "
         "kabar dari kurir 2x24 jam", "follow_up", "negative", 2),
        ("C000001", 2, "chat", f"Menanyakan lagi {inv}; paket masih tertahan di hub Cikarang, "
         "diteruskan ke tim logistik", "escalated", "negative", 1),
        ("C000002", 2, "phone", f"Pelanggan merasa ditagih dua kali untuk {double}, kasus "
         "diteruskan ke tim billing", "follow_up", "negative", None),
        ("C000004", 2, "email", "Internet down since last week; technician did not show up, "
         "customer works from home", "escalated", "negative", 1),
        ("C000005", 7, "chat", "Menanyakan status refund iPhone yang sudah dikembalikan, "
         "dijelaskan estimasi 3-7 hari kerja", "follow_up", "neutral", 3),
    )  # fmt: skip
    for cid, days, channel, summary, outcome, sentiment, csat in stories:
        gen.ix_seq += 1
        ix.append((f"IX{gen.ix_seq:08d}", cid, when(days), channel, summary, outcome,
                   sentiment, csat))  # fmt: skip
    return customers, prefs, tx, ix


def _write_demo(cache: Cache, customers: int, seed: int, anchor: date) -> tuple[int, int, int]:
    gen = _Generator(seed, anchor)
    # Records count as updated on the anchor day, so the same seed gives the same file.
    now = f"{anchor.isoformat()}T00:00:00Z"
    counts = [0, 0, 0]
    with cache.transaction() as conn:
        # Build secondary and search indexes once, after the rows are in.
        for name in (*BULK_INDEXES, *FTS_TRIGGER_NAMES):
            kind = "INDEX" if name in BULK_INDEXES else "TRIGGER"
            conn.execute(f"DROP {kind} IF EXISTS {name}")
        c_rows, p_rows, t_rows, i_rows = _showcase_rows(gen, now)
        shown = min(customers, len(SHOWCASE))
        keep = {s.id for s in SHOWCASE[:shown]}
        c_rows = [r for r in c_rows if r[0] in keep]
        p_rows = [r for r in p_rows if r[0] in keep]
        t_rows = [r for r in t_rows if r[1] in keep]
        i_rows = [r for r in i_rows if r[1] in keep]
        rand = gen.rng.random

        def flush() -> None:
            conn.executemany(_CUSTOMERS_SQL, c_rows)
            conn.executemany(_PREFERENCES_SQL, p_rows)
            conn.executemany(_TRANSACTIONS_SQL, t_rows)
            conn.executemany(_INTERACTIONS_SQL, i_rows)
            counts[0] += len(t_rows)
            counts[1] += len(i_rows)
            counts[2] += len(p_rows)
            for rows in (c_rows, p_rows, t_rows, i_rows):
                rows.clear()

        for number in range(shown + 1, customers + 1):
            row, prefs, profile = gen.customer(number, now)
            c_rows.append(row)
            p_rows.extend(prefs)
            # Long-tailed: most customers have a handful, loyal ones a hundred or more.
            count = 1 + int(rng_expo(rand) * 19)
            txs = gen.transactions(profile, min(count, 240))
            t_rows.extend(txs)
            ix_count = int(rng_expo(rand) * 2.5 + (1 if rand() < 0.3 else 0))
            i_rows.extend(gen.interactions(profile, txs, min(ix_count, 20)))
            if number % _BATCH == 0:
                flush()
        flush()
        for name, target in BULK_INDEXES.items():
            conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
        conn.execute("INSERT INTO customers_fts (customers_fts) VALUES ('rebuild')")
        run_script(conn, FTS_TRIGGERS)
        cache.set_meta(conn, "demo_seed", str(seed))
        cache.set_meta(conn, "demo_anchor", anchor.isoformat())
    return counts[0], counts[1], counts[2]


def rng_expo(rand: Callable[[], float]) -> float:
    """An exponential variate with mean 1 from a uniform source (no log of zero)."""
    import math

    return -math.log(1.0 - rand())


def generate_demo_cache(
    path: Path, customers: int = 2000, seed: int = 7, *, anchor: date | None = None
) -> DemoStats:
    """Create a demo cache at ``path`` (replacing any file there) and return its counts.

    ``anchor`` is "today" for the data (default: today's date); with the same seed and
    anchor the file's content is the same. The file is built beside ``path`` and moved
    into place at the end, so ``path`` never holds a half-made cache.
    """
    if customers < 1:
        raise ValueError("customers must be at least 1")
    started = time.perf_counter()
    path = Path(path)
    anchor = anchor or datetime.now(UTC).date()
    building = path.with_name(f".{path.name}.building")
    for stale in _sqlite_files(building):
        stale.unlink(missing_ok=True)
    cache = Cache.open(building)
    # Millions of row tuples hold no cycles: the cyclic collector would only slow us down.
    collecting = gc.isenabled()
    gc.disable()
    try:
        cache._conn.execute("PRAGMA cache_size = -262144")  # 256 MiB while building
        tx, ix, prefs = _write_demo(cache, customers, seed, anchor)
        cache._conn.execute("PRAGMA optimize")
    finally:
        cache.close()
        if collecting:
            gc.enable()
    for stale in _sqlite_files(path):
        stale.unlink(missing_ok=True)
    os.replace(building, path)
    return DemoStats(path, customers, tx, ix, prefs, time.perf_counter() - started, seed)


def _sqlite_files(path: Path) -> list[Path]:
    return [path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")]
