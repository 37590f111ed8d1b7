"""What compensation the customer asks for in their own words.

"Saya minta refund penuh aja, batalin pesanannya!" asks for a full refund: that option is
offered (within authority or to ask a supervisor for) even when the issue alone would not
call for it, and it ranks first. Matching is on folded text, both languages at once.
"""

from __future__ import annotations

import re

# type name -> patterns in the customer's words (Indonesian and English, informal too)
_ASKS: dict[str, tuple[str, ...]] = {
    "full_refund": (
        r"refund\s+(penuh|full|semua(nya)?|seluruh(nya)?|100\s?%)",
        r"full\s+refund",
        r"(uang|dana)(\s?(saya|ku|nya))?\s+(di)?kembali(kan)?\s+(semua|penuh|full|utuh)",
        r"kembalikan\s+(semua\s+)?(uang|dana)(\s?(saya|ku|nya))?\s*(semua|penuh|full)?",
        r"(batal(kan|in)?|cancel)\s+(aja\s+|saja\s+)?(pesanan|order)(nya|an)?",
        r"cancel\s+(my|the|this)\s+order",
        r"(all\s+)?my\s+money\s+back",
        r"refund\s+(me\s+)?(in\s+full|everything|the\s+whole)",
        # A plain "refund" asked for outright means the money back for the order.
        r"minta\s+(di)?refund(\s+(aja|saja))?\b(?!\s+(sebagian|separuh|setengah|selisih))",
        r"\b(i\s+want|give\s+me)\s+a\s+refund\b",
    ),
    "partial_refund": (
        r"refund\s+(sebagian|separuh|setengah|partial)",
        r"partial\s+refund",
        r"(kembalikan|refund)\s+(selisih|kelebihan)(nya)?",
        r"refund\s+(the\s+)?(difference|extra|overcharge)",
    ),
    "voucher": (r"\bvoucher\b", r"\bkupon\b", r"\bcoupon\b"),
    "shipping_fee_waiver": (r"\bongkir\b", r"ongkos\s+kirim", r"shipping\s+(fee|cost)"),
    "cashback": (r"\bcash\s?back\b",),
}
_COMPILED = {name: re.compile("|".join(p), re.IGNORECASE) for name, p in _ASKS.items()}


def requested_types(text: str) -> frozenset[str]:
    """The compensation types the message asks for (empty when it asks for none)."""
    folded = " ".join(text.casefold().split())
    asked = {name for name, pattern in _COMPILED.items() if pattern.search(folded)}
    if "full_refund" in asked:
        asked.discard("partial_refund")
    return frozenset(asked)
