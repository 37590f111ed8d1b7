"""Generate the labelled corpus in ``resources/corpus`` from the hand-written fragments.

Messages combine a problem (issue family), an expression of feeling (emotion family) and
optional greeting, waiting time, repetition, threat and closing, then get a style:
formal, chat (slang, abbreviations, no capitals), typos, code-mixing, shouting, WhatsApp
(one thought per line) or voice-to-text (one run-on sentence with fillers).
Every fifth family of each kind is held out: test messages use only held-out families,
training messages only the others, so the test split measures generalisation to unseen
phrasings. The generator is seeded: the same code writes the same files.
"""

from __future__ import annotations

import json
import random
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from assist.nlp.training.templates import Templates, templates

SENTIMENT_OF = {
    "angry": "negative",
    "disappointed": "negative",
    "anxious": "negative",
    "confused": "neutral",
    "neutral": "neutral",
    "happy": "positive",
}

_CHAT_ID: dict[str, list[str]] = {
    "tidak": ["gak", "ga", "nggak", "gk", "tdk", "enggak"], "sudah": ["udah", "udh", "sdh", "dah"],
    "belum": ["blm", "belom"], "saya": ["aku", "sy", "gw", "aq"], "yang": ["yg"],
    "dengan": ["dgn"], "sekali": ["banget", "bgt"], "banget": ["bgt", "bngt", "bangettt"],
    "tolong": ["tlg", "plis"], "kenapa": ["knp", "napa"], "karena": ["krn", "soalnya"],
    "terus": ["trs", "trus"], "juga": ["jg"], "saja": ["aja"], "bagaimana": ["gimana", "gmn"],
    "tapi": ["tp"], "sama": ["sm"], "dari": ["dr"], "padahal": ["pdhl"], "berapa": ["brp"],
    "untuk": ["utk", "buat"], "sampai": ["sampe", "nyampe"], "pesanan": ["pesenan", "orderan"],
    "barang": ["brg"], "terima kasih": ["makasih", "thx", "trims", "mksh"], "bisa": ["bs"],
    "lagi": ["lg"], "kemarin": ["kmrn", "kemaren"], "sekarang": ["skrg"], "mohon": ["mhn"],
    "kalau": ["kalo", "klo"], "transfer": ["tf"], "paket": ["pkt"], "kesal": ["kesel", "kzl"],
    "kecewa": ["kecewaaa", "kcewa"], "hari": ["hr"], "minggu": ["mgg"], "bingung": ["bingungg"],
    "marah": ["emosi"], "datang": ["dateng"], "lihat": ["liat"], "tahu": ["tau"],
    "nomor": ["no", "nmr"], "telepon": ["telp", "tlp"], "gimana": ["gmn"],
}  # fmt: skip
_CODEMIX_ID = {
    "pesanan": "order", "dibatalkan": "cancel", "pengembalian dana": "refund",
    "tolong": "please", "sangat": "so", "segera": "asap", "terima kasih": "thanks",
    "kecewa": "disappointed", "paket": "package", "keluhan": "complain",
    "pengiriman": "delivery", "tagihan": "bill", "pembayaran": "payment", "akun": "account",
    "kabar": "update", "mohon": "please", "mengecek": "check", "sebenarnya": "actually",
}  # fmt: skip
_CODEMIX_TAGS = ["seriously", "please", "asap", "honestly", "btw", "so annoying", "wtf", "pls",
                 "literally", "thanks", "fyi", "anyway"]  # fmt: skip
_CHAT_EN = {"you": ["u"], "please": ["pls", "plz"], "thanks": ["thx", "ty"], "your": ["ur"],
            "because": ["cuz", "bc"], "don't": ["dont"], "I'm": ["im", "i'm"],
            "can't": ["cant"], "haven't": ["havent"]}  # fmt: skip
_EMOJI = {
    "angry": ["😡", "😤", "🤬", "😠"], "disappointed": ["😞", "😢", "😔", "🙁"],
    "anxious": ["😟", "😰", "🙏", "🥺"], "confused": ["😕", "🤔"], "neutral": ["🙏", ""],
    "happy": ["😊", "👍", "🙏", "❤️", "😁"],
}  # fmt: skip


_VOICE_FILLERS = {
    "id": ["jadi gini", "terus", "nah", "jadi", "terus habis itu", "pokoknya"],
    "en": ["so basically", "and then", "like", "so", "and um", "anyway"],
}


def held_out(kind: str, family: Sequence[str]) -> bool:
    """About one family in five is test-only, chosen by a hash of its kind and *content*:
    adding, removing or reordering families never moves another family across the split."""
    content = "\n".join(family)
    return zlib.crc32(f"{kind}\n{content}".encode()) % 5 == 0


def _fill(rng: random.Random, text: str, slots: Mapping[str, Sequence[str]]) -> str:
    while "{" in text:
        start = text.index("{")
        end = text.index("}", start)
        name = text[start + 1 : end]
        text = text[:start] + rng.choice(slots.get(name, [name])) + text[end + 1 :]
    return text


def test_families(kind: str, families: Sequence[Sequence[str]]) -> set[int]:
    """Indices of the held-out families of one kind: at least one, never all."""
    count = len(families)
    held = {i for i, family in enumerate(families) if held_out(kind, family)}
    if not held:
        held = {count - 1}
    if len(held) == count and count > 1:
        held.discard(0)
    return held


def _families(families: list[list[str]], kind: str, split: str) -> list[tuple[int, list[str]]]:
    held = test_families(kind, families)
    return [(i, f) for i, f in enumerate(families) if (i in held) == (split == "test")]


def _chatify_id(rng: random.Random, text: str, strength: float) -> str:
    for word, options in _CHAT_ID.items():
        if word in text and rng.random() < strength:
            text = _replace_word(text, word, rng.choice(options))
    return text


def _replace_word(text: str, word: str, new: str) -> str:
    return re.sub(rf"\b{re.escape(word)}\b", new, text)


def _typo(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) < 4 or not w.isalpha():
            continue
        j = rng.randrange(1, len(w) - 1)
        op = rng.random()
        if op < 0.4:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        elif op < 0.7:
            w = w[:j] + w[j + 1 :]
        else:
            w = w[:j] + w[j] * 3 + w[j + 1 :]
        words[i] = w
    return " ".join(words)


_PUNCT_RE = re.compile(r"[.,]+(?=\s|$)")


def _elongate(rng: random.Random, text: str) -> str:
    """Stretch one word's last letter as chat writers do ("lamaaa", "pleaseee")."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 3 and w[-1:].isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    words[i] = words[i] + words[i][-1] * rng.randint(2, 4)
    return " ".join(words)


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def _join(rng: random.Random, parts: list[str], chat: bool, emotion: str) -> str:
    parts = [p for p in parts if p]
    if chat:
        sep = rng.choice([" ", ", ", " ", ". ", " .. "])
        text = sep.join(parts).lower()
    else:
        text = " ".join(_sentence(p) + ("?" if p.endswith(("ya", "kah")) else ".") for p in parts)
    if emotion == "angry" and rng.random() < 0.5:
        text = text.rstrip(".") + rng.choice(["!!!", "!!", "!!!!!", "?!"])
    elif emotion == "confused" and rng.random() < 0.5:
        text = text.rstrip(".") + rng.choice(["??", "?", "???"])
    if rng.random() < (0.45 if chat else 0.15):
        text = text + " " + rng.choice(_EMOJI[emotion])
    return text.strip()


def _message(
    rng: random.Random, t: Templates, language: str, split: str, issue: str, emotion: str
) -> dict[str, Any]:
    if emotion == "happy":
        fams = _families(t.happy_cores, f"{language}:happy_core", split)
        core_family, variants = rng.choice(fams)
        family_key = f"happy_core:{core_family}"
        issue = "other"
    else:
        fams = _families(t.cores[issue], f"{language}:{issue}", split)
        core_family, variants = rng.choice(fams)
        family_key = f"{issue}:{core_family}"
    core = _fill(rng, rng.choice(variants), t.slots)
    emo_family, emo_variants = rng.choice(
        _families(t.emotions[emotion], f"{language}:emo:{emotion}", split)
    )
    feeling_template = rng.choice(emo_variants)
    wraps_core = "{core}" in feeling_template
    feeling = _fill(rng, feeling_template.replace("{core}", core), t.slots)
    parts: list[str] = []
    if rng.random() < 0.45:
        parts.append(rng.choice(t.greetings))
    negative = emotion in ("angry", "disappointed", "anxious")
    body = [] if wraps_core else [core]
    if negative and rng.random() < 0.35:
        body.append(_fill(rng, rng.choice(t.waiting), t.slots))
    if negative and rng.random() < 0.25:
        body.append(_fill(rng, rng.choice(t.repetition), t.slots))
    if rng.random() < (0.7 if wraps_core else 0.5):
        body.insert(0, feeling)
    else:
        body.append(feeling)
    if emotion == "angry" and rng.random() < 0.35:
        body.append(rng.choice(rng.choice(t.threats)))
    if rng.random() < 0.4 and emotion != "happy":
        body.append(rng.choice(t.closings))
    parts.extend(body)
    style = rng.choices(
        ["formal", "chat", "chat_typo", "codemix", "shout", "whatsapp", "voice"],
        weights=[3, 4, 2, 2 if language == "id" else 0, 1 if emotion == "angry" else 0, 1.5, 1],
    )[0]
    chat = style != "formal"
    if language == "id" and chat:
        parts = [_chatify_id(rng, p, rng.uniform(0.4, 0.9)) for p in parts]
    if language == "en" and chat:
        parts = [_chat_en(rng, p) for p in parts]
    if style == "codemix":
        parts = [_codemix(rng, p) for p in parts]
        if rng.random() < 0.5:
            parts.append(rng.choice(_CODEMIX_TAGS))
    if style == "whatsapp":
        # One thought per line, as people type in WhatsApp ("mas\npesenan gue mana").
        text = "\n".join(p.strip().lower() for p in parts if p.strip())
        if rng.random() < 0.4:
            text = text + "\n" + rng.choice(_EMOJI[emotion] + ["?", "??"])
    elif style == "voice":
        # Voice-to-text: one run-on sentence, fillers, no punctuation.
        fillers = _VOICE_FILLERS[language]
        joined = f" {rng.choice(fillers)} ".join(p.strip() for p in parts if p.strip())
        text = _PUNCT_RE.sub("", f"{rng.choice(fillers)} {joined}").lower()
    else:
        text = _join(rng, parts, chat, emotion)
    if chat and rng.random() < 0.3:
        text = _elongate(rng, text)
    if chat and rng.random() < 0.25:
        text = _PUNCT_RE.sub("", text).strip()
    if style == "chat_typo":
        text = _typo(rng, text)
    if style == "shout":
        text = text.upper()
    return {
        "text": text,
        "language": language,
        "emotion": emotion,
        "sentiment": SENTIMENT_OF[emotion],
        "issue": issue,
        "split": split,
        "family": f"{language}:{family_key}|emo:{emotion}:{emo_family}",
        "style": style,
    }


def _chat_en(rng: random.Random, text: str) -> str:
    for word, options in _CHAT_EN.items():
        if rng.random() < 0.6:
            text = _replace_word(text, word, rng.choice(options))
    return text.replace("I ", "i ") if rng.random() < 0.5 else text


def _codemix(rng: random.Random, text: str) -> str:
    for word, english in _CODEMIX_ID.items():
        if word in text and rng.random() < 0.5:
            text = _replace_word(text, word, english)
    return text


def generate_messages(count: int, language: str, split: str, seed: int) -> Iterator[dict[str, Any]]:
    """``count`` messages spread evenly over emotions and, within them, issues."""
    t = templates(language)
    rng = random.Random(f"{seed}:{language}:{split}")
    emotions = list(t.emotions)
    issues = list(t.cores)
    seen: set[str] = set()
    attempts = 0
    produced = 0
    while produced < count and attempts < count * 20:
        attempts += 1
        emotion = emotions[produced % len(emotions)]
        issue = rng.choice(issues)
        if emotion in ("neutral", "confused") and rng.random() < 0.15:
            issue = "other"
        msg = _message(rng, t, language, split, issue, emotion)
        if msg["text"] in seen:
            continue
        seen.add(msg["text"])
        produced += 1
        yield msg


def write_corpus(
    out_dir: Path, sizes: dict[str, int] | None = None, seed: int = 7
) -> dict[str, int]:
    """Write messages_{train,test}.jsonl and drafts.jsonl; returns counts per file."""
    from assist.nlp.training.drafts import generate_drafts

    sizes = sizes or {"id_train": 9000, "id_test": 1200, "en_train": 4500, "en_test": 600}
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for split in ("train", "test"):
        rows: list[dict[str, Any]] = []
        for language in ("id", "en"):
            rows.extend(generate_messages(sizes[f"{language}_{split}"], language, split, seed))
        counts[f"messages_{split}.jsonl"] = _write_jsonl(out_dir / f"messages_{split}.jsonl", rows)
    drafts = list(generate_drafts(1500, seed))
    counts["drafts.jsonl"] = _write_jsonl(out_dir / "drafts.jsonl", drafts)
    return counts


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> int:
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return len(rows)


def bad_label(row: Mapping[str, Any], allowed: Mapping[str, Sequence[Any]]) -> str | None:
    """The first field of ``row`` whose value is not one of its ``allowed`` labels, if any.

    The type counts as well as the value: JSON ``1`` is not the label ``true``."""
    for field, choices in allowed.items():
        value = row.get(field)
        if not any(type(value) is type(c) and value == c for c in choices):
            return field
    return None


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    from assist.errors import PekaError
    from assist.nlp.errors import E303

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PekaError(
            E303, f"The corpus file {path} is missing; run `peka train --regenerate`."
        ) from exc
    return parse_jsonl(path, text)


def parse_jsonl(path: Path, text: str) -> list[dict[str, Any]]:
    """The rows of ``text``, read from ``path`` (named in errors): for a caller that also
    needs the file's exact bytes, so it reads the file once."""
    from assist.errors import PekaError
    from assist.nlp.errors import E303

    rows: list[dict[str, Any]] = []
    # split on "\n" only, as reading the file line by line does: a text may hold U+2028
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PekaError(
                E303,
                f"{path}, line {number}: not valid JSON ({exc.msg}). Fix the "
                "line or regenerate the corpus with `peka train --regenerate`.",
            ) from exc
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise PekaError(
                E303,
                f"{path}, line {number}: field 'text' is missing. Every line "
                "needs a JSON object with a text field.",
            )
        rows.append(row)
    return rows
