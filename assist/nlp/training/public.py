"""The public labelled data in ``../shared/data``, mapped to Peka's labels and split.

Read at training and evaluation time only; nothing from these files is copied into the
repository. Every mapping below is documented in docs/nlp.md ("Public data").

Held-out sets (never trained on): SmSA valid, NusaX valid (id and en), GoEmotions dev,
and a fifth of PRDECT-ID and of Banking77 train chosen by a CRC-32 hash of the text
(:func:`held_out`), so the split never depends on file order. A training text that also
appears in any held-out set (NusaX is built from SmSA sentences) is dropped from
training. No public *test* split is read here.
"""

from __future__ import annotations

import csv
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PRDECT_EMOTION = {"Anger": "angry", "Sadness": "disappointed", "Fear": "anxious",
                  "Happy": "happy", "Love": "happy"}  # fmt: skip
PRDECT_SENTIMENT = {"Positive": "positive", "Negative": "negative"}
# Ekman labels of GoEmotions. "surprise" (GoEmotions' confusion, curiosity, realisation
# and surprise) is left out: its curious questions ("how do I …?") are what Peka calls
# neutral, its realisations and surprises are not confusion.
GOEMO_EMOTION = {"anger": "angry", "disgust": "angry", "fear": "anxious", "joy": "happy",
                 "neutral": "neutral", "sadness": "disappointed"}  # fmt: skip
GOEMO_SENTIMENT = {"anger": "negative", "disgust": "negative", "fear": "negative",
                   "sadness": "negative", "joy": "positive", "neutral": "neutral"}  # fmt: skip
# A sentence with neutral sentiment expresses no feeling: Peka's "neutral" emotion.
SENTIMENT_EMOTION = {"neutral": "neutral"}

# Banking77 intents → Peka issues (every intent not listed is "other": questions and
# service requests such as activate_my_card, exchange_rate, top_up_limits).
BANKING77_ISSUE: dict[str, str] = {
    "card_arrival": "delivery_delay",
    "Refund_not_showing_up": "refund_pending",
    "request_refund": "refund_pending",
    **dict.fromkeys(
        (
            "extra_charge_on_statement", "card_payment_fee_charged", "transaction_charged_twice",
            "card_payment_wrong_exchange_rate", "wrong_exchange_rate_for_cash_withdrawal",
            "wrong_amount_of_cash_received", "card_payment_not_recognised",
            "direct_debit_payment_not_recognised", "cash_withdrawal_not_recognised",
            "top_up_by_bank_transfer_charge", "top_up_by_card_charge", "transfer_fee_charged",
            "exchange_charge", "cash_withdrawal_charge", "balance_not_updated_after_bank_transfer",
            "balance_not_updated_after_cheque_or_cash_deposit", "pending_top_up",
            "top_up_reverted", "reverted_card_payment?", "transfer_not_received_by_recipient",
            "pending_transfer", "pending_card_payment", "pending_cash_withdrawal",
        ),
        "billing_error",
    ),
    **dict.fromkeys(
        (
            "card_not_working", "contactless_not_working", "virtual_card_not_working",
            "declined_card_payment", "declined_cash_withdrawal", "declined_transfer",
            "top_up_failed", "failed_transfer", "card_swallowed", "beneficiary_not_allowed",
        ),
        "service_outage",
    ),
    **dict.fromkeys(
        (
            "pin_blocked", "passcode_forgotten", "unable_to_verify_identity",
            "lost_or_stolen_phone", "compromised_card", "lost_or_stolen_card",
        ),
        "account_access",
    ),
}  # fmt: skip

HELD_OUT_SETS = (
    "smsa_valid",
    "prdect_heldout",
    "nusax_valid_id",
    "nusax_valid_en",
    "goemotions_dev",
    "banking77_heldout",
)


@dataclass(slots=True)
class Row:
    text: str
    language: str
    source: str
    labels: dict[str, str] = field(default_factory=dict)


def held_out(source: str, text: str, parts: int = 5) -> bool:
    """One text in ``parts`` of a set without its own split, by a hash of its content."""
    return zlib.crc32(f"{source}:{text}".encode()) % parts == 0


_KEY_RE = re.compile(r"[^\w]+")


def text_key(text: str) -> str:
    """Comparison key: SmSA is lower-cased and tokenised, NusaX is not."""
    return _KEY_RE.sub(" ", text.lower()).strip()


def _smsa(path: Path, source: str) -> Iterator[Row]:
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            text, _, label = line.rstrip("\n").rpartition("\t")
            if text and label in ("positive", "neutral", "negative"):
                labels = {"sentiment": label}
                if label in SENTIMENT_EMOTION:
                    labels["emotion"] = SENTIMENT_EMOTION[label]
                yield Row(text, "id", source, labels)


def _nusax(path: Path, language: str, source: str) -> Iterator[Row]:
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for rec in csv.DictReader(fh):
            text = (rec.get("text") or "").strip()
            label = (rec.get("label") or "").strip()
            if text and label in ("positive", "neutral", "negative"):
                labels = {"sentiment": label}
                if label in SENTIMENT_EMOTION:
                    labels["emotion"] = SENTIMENT_EMOTION[label]
                yield Row(text, language, source, labels)


def _prdect(path: Path) -> Iterator[Row]:
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for rec in csv.DictReader(fh):
            text = (rec.get("Customer Review") or "").strip()
            if not text:
                continue
            labels: dict[str, str] = {}
            emotion = PRDECT_EMOTION.get((rec.get("Emotion") or "").strip())
            sentiment = PRDECT_SENTIMENT.get((rec.get("Sentiment") or "").strip())
            if emotion:
                labels["emotion"] = emotion
            if sentiment:
                labels["sentiment"] = sentiment
            if labels:
                split = "prdect_heldout" if held_out("prdect", text) else "prdect_train"
                yield Row(text, "id", split, labels)


def _goemotions(folder: Path, split: str, source: str) -> Iterator[Row]:
    names = (folder / "labels.txt").read_text(encoding="utf-8").split()
    with (folder / f"{split}.tsv").open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            ids = [int(i) for i in parts[1].split(",") if i.strip().isdigit()]
            if len(ids) != 1 or ids[0] >= len(names):
                continue  # multi-label rows have no single Peka label
            name = names[ids[0]]
            if name not in GOEMO_EMOTION:
                continue
            labels = {"emotion": GOEMO_EMOTION[name]}
            if name in GOEMO_SENTIMENT:
                labels["sentiment"] = GOEMO_SENTIMENT[name]
            yield Row(parts[0], "en", source, labels)


def _banking77(path: Path) -> Iterator[Row]:
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for rec in csv.DictReader(fh):
            text = (rec.get("text") or "").strip()
            category = (rec.get("category") or "").strip()
            if text and category:
                split = "banking77_heldout" if held_out("banking77", text) else "banking77_train"
                yield Row(text, "en", split, {"issue": BANKING77_ISSUE.get(category, "other")})


def load_public(shared: Path) -> list[Row]:
    """Every public row that exists under ``shared``, with ``source`` naming its split."""
    rows: list[Row] = []
    smsa = shared / "smsa"
    if (smsa / "train_preprocess.tsv").is_file():
        rows.extend(_smsa(smsa / "train_preprocess.tsv", "smsa_train"))
    if (smsa / "valid_preprocess.tsv").is_file():
        rows.extend(_smsa(smsa / "valid_preprocess.tsv", "smsa_valid"))
    for language, folder in (("id", "indonesian"), ("en", "english")):
        base = shared / "nusax-senti" / folder
        if (base / "train.csv").is_file():
            rows.extend(_nusax(base / "train.csv", language, f"nusax_train_{language}"))
        if (base / "valid.csv").is_file():
            rows.extend(_nusax(base / "valid.csv", language, f"nusax_valid_{language}"))
    prdect = shared / "prdect-id" / "PRDECT-ID_Dataset.csv"
    if prdect.is_file():
        rows.extend(_prdect(prdect))
    go = shared / "goemotions-ekman"
    if (go / "labels.txt").is_file() and (go / "train.tsv").is_file():
        rows.extend(_goemotions(go, "train", "goemotions_train"))
    if (go / "labels.txt").is_file() and (go / "dev.tsv").is_file():
        rows.extend(_goemotions(go, "dev", "goemotions_dev"))
    banking = shared / "banking77" / "train.csv"
    if banking.is_file():
        rows.extend(_banking77(banking))
    held = {text_key(r.text) for r in rows if r.source in HELD_OUT_SETS}
    return [r for r in rows if r.source in HELD_OUT_SETS or text_key(r.text) not in held]


def split_rows(rows: list[Row]) -> tuple[list[Row], dict[str, list[Row]]]:
    """(training rows, held-out rows per set)."""
    train = [r for r in rows if r.source not in HELD_OUT_SETS]
    held: dict[str, list[Row]] = {}
    for r in rows:
        if r.source in HELD_OUT_SETS:
            held.setdefault(r.source, []).append(r)
    return train, held


def banking77_categories(shared: Path) -> list[str]:
    path = shared / "banking77" / "categories.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
    return [str(c) for c in data]
