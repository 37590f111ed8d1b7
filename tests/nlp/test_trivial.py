"""``is_junk`` counts characters with two regexes; they must classify every code point
as the per-character definition does."""

from __future__ import annotations

from assist.nlp import trivial


def _replaced(ch: str) -> bool:
    return ch == "\ufffd" or ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0


def _odd(ch: str) -> bool:
    return not (ch.isalnum() or ch in trivial._TYPED or ord(ch) >= 0x2190)


def test_regexes_classify_every_code_point_as_defined() -> None:
    for start in range(0, 0x110000, 0x4000):
        chunk = "".join(chr(c) for c in range(start, min(start + 0x4000, 0x110000)))
        assert "".join(chunk.split()) == "".join(ch for ch in chunk if not ch.isspace())
        for regex, defined in ((trivial.REPLACED_RE, _replaced), (trivial.ODD_RE, _odd)):
            found = [m.start() for m in regex.finditer(chunk)]
            assert found == [i for i, ch in enumerate(chunk) if defined(ch)], hex(start)


def test_spaces_do_not_count() -> None:
    assert trivial.is_junk("\ufffd" * 30)
    assert trivial.is_junk("\x01\x02\x03 " * 10)
    assert not trivial.is_junk("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85" * 10 + "halo")
    assert trivial.is_junk("¤¦§¨©ª«¬®¯°±²³" * 3)
    assert not trivial.is_junk("SAYA KECEWA BANGET!!! 😡😡😡 kenapa belum sampai???")
