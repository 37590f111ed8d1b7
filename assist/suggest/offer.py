"""The sentence that offers granted compensation, and how any sentence joins a draft.

The offer speaks to the customer the way the rest of the reply does: "untuk Ibu" when the
reply says "Ibu", never a stray "untuk Anda"; labels are lower-case mid-sentence
("voucher belanja"); English keeps a courteous register. Texts live in the core's
catalogue (``resources/i18n/core.<language>.json``); amounts are formatted with Babel.
"""

from __future__ import annotations

from assist.formatting import format_money, format_number
from assist.i18n import text

# Words that keep their capital mid-sentence: forms of address, and "I".
_KEEP_CAPITAL = frozenset({"Bapak", "Ibu", "Kak", "Pak", "Bu", "Mr", "Ms", "Mrs", "I", "I'll"})
_SENTENCE_END = ".!?\n"


def mid_sentence(label: str) -> str:
    """``Voucher belanja`` → ``voucher belanja``; acronyms and brands (``PLN``, ``OVO``,
    ``GoPay``) are kept."""
    word = label.split(" ", 1)[0]
    if len(word) > 1 and word[1:].islower() and word not in _KEEP_CAPITAL:
        return label[:1].lower() + label[1:]
    return label


def _with_article(label: str) -> str:
    word = mid_sentence(label)
    if word[:1].isupper():
        return word
    return ("an " if word[:1] in "aeiou" else "a ") + word


def offer_sentence(
    *,
    label: str,
    amount_minor: int,
    currency: str,
    unit: str,
    refund: bool,
    language: str,
    salutation: str = "",
) -> str:
    """One sentence offering the grant, in the customer's ``language``.

    ``salutation`` is how the reply addresses them (``Ibu``, ``Bapak``, ``Kak``); without
    one the Indonesian sentence says ``Anda``."""
    lang = "en" if language == "en" else "id"
    you = salutation.strip() if lang == "id" and salutation.strip() else ""
    if lang == "id":
        you = you or "Anda"
    if unit == "days":
        amount = text(lang, "offer.days", days=format_number(amount_minor, lang))
        key = "offer.sentence_days"
    else:
        amount = format_money(amount_minor, currency or "IDR", lang)
        key = "offer.sentence_refund" if refund else "offer.sentence"
    thing = _with_article(label) if lang == "en" and unit != "days" else mid_sentence(label)
    return text(lang, key, label=thing, amount=amount, you=you)


def join_into_draft(before: str, after: str, sentence: str) -> str:
    """``sentence`` with the spaces and capital it needs between ``before`` and ``after``:
    "Baik Ibu Sri," + "Sebagai bentuk…" reads "Baik Ibu Sri, sebagai bentuk…"."""
    piece = sentence.strip()
    head = before.rstrip()
    if piece:
        if not head or head[-1] in _SENTENCE_END:
            piece = piece[:1].upper() + piece[1:]
        elif head[-1] in ",;:":
            first = piece.split(" ", 1)[0].rstrip(",.")
            if first not in _KEEP_CAPITAL and not first.isupper():
                piece = piece[:1].lower() + piece[1:]
    if before and not before[-1].isspace():
        piece = " " + piece
    if after and not after[0].isspace() and after[0] not in ".,!?;:":
        piece = piece + " "
    return piece
