"""``peka bench nlp``: latency of analyze() and coach(), load time and memory.

Loading is timed in a fresh interpreter (the spaCy import included), because a warm
process would hide exactly the cost users wait for at start-up.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any

_SAMPLES = (
    "Halo min, pesanan saya INV-2024-00123 udah seminggu blm nyampe!!! Katanya estimasi "
    "2-3 hari, skrg resi gak gerak dr kemarin. SAYA KECEWA BGT, udh 3 kali komplain, "
    "tlg refund Rp 150.000 ke 0812-3456-7890 atau saya lapor YLKI 😡 ",
    "Selamat siang, saldo saya terpotong dua kali untuk transaksi TRX-99812 sebesar 1,5jt. "
    "Saya bingung kenapa bisa begini, mohon dicek ya kak. Terima kasih sebelumnya 🙏 ",
    "I was charged twice for order #88120344 ($25) and nobody has replied for 2 weeks. "
    "This is ridiculous, I'm cancelling my subscription if it isn't fixed today!!! ",
)
_DRAFTS = (
    "Halo Kak Budi, saya paham Kakak kecewa karena pesanan INV-2024-00123 belum sampai. "
    "Wajar sekali, apalagi sudah menunggu seminggu. Mohon maaf ya. Saya sudah eskalasikan "
    "ke tim kurir dan akan kabari paling lambat pukul 15.00 hari ini. ",
    "Mohon maaf atas ketidaknyamanannya. Sedang dalam perbaikan, silakan tunggu. "
    "Sesuai prosedur, Anda salah input nomor rekening. ",
    "Hi Sarah, I can hear how frustrating this is. I'm sorry you were charged twice. "
    "I've raised a refund and will update you by 3pm today. Is there anything else? ",
)

_LOAD_SCRIPT = """
import json, sys, time
def rss():
    try:
        with open('/proc/self/statm') as fh:
            import os
            return int(fh.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20
    except OSError:
        return None
before = rss()
t = time.perf_counter()
from assist.nlp import load_engine
engine = load_engine()
load_s = time.perf_counter() - t
engine.analyze('pesanan saya belum sampai'); engine.coach('maaf ya kak')
after = rss()
print(json.dumps({"load_s": load_s, "rss_before_mb": before, "rss_after_mb": after}))
"""


def adversarial_texts() -> dict[str, str]:
    """Inputs that once made the tokenizer or a rule quadratic, up to 100 kB each."""
    import random

    rng = random.Random(14)
    texts = {f"{ch * 5000}": ch * 5000 for ch in "!?,;.#'-*~😡"}
    texts.update({
        "a + 5,000 '!'": "a" + "!" * 5000,
        "'!?' x 2,500": "!?" * 2500,
        "'a!!!' x 1,250": "a!!!" * 1250,
        "'ab,.' x 1,250": "ab,." * 1250,
        "100 kB of 'x'": "x" * 100_000,
        "100 kB of random punctuation": "".join(
            rng.choice("!?.,;:'\"()[]#@ a") for _ in range(100_000)
        ),
        "100 kB of random code points": "".join(
            chr(rng.randrange(32, 0xD7FF)) for _ in range(100_000)
        ),
        "100 kB of waiting times": ("sudah 3 hari dalam 2 jam " * 4000)[:100_000],
    })  # fmt: skip
    return texts


def worst_case_ms(engine: Any) -> dict[str, Any]:
    """The slowest analyze() or coach() over :func:`adversarial_texts`."""
    worst = 0.0
    name = ""
    for label, text in adversarial_texts().items():
        for run in (engine.analyze, engine.coach):
            start = time.perf_counter()
            run(text)
            ms = (time.perf_counter() - start) * 1000
            if ms > worst:
                worst, name = ms, f"{run.__name__}: {label}"
    return {"worst_input_ms": round(worst, 3), "worst_input": name}


def _thousand(text: str) -> str:
    return (text * (1000 // len(text) + 1))[:1000]


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_bench(runs: int = 500) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", _LOAD_SCRIPT], capture_output=True, text=True, check=True
    )
    loaded = json.loads(proc.stdout.strip().splitlines()[-1])
    from assist.nlp import load_engine

    engine = load_engine()
    messages = [_thousand(s) for s in _SAMPLES]
    drafts = [_thousand(s) for s in _DRAFTS]
    for text in messages + drafts:  # warm caches, as in a running sidebar
        engine.analyze(text)
        engine.coach(text)
    analyze_ms: list[float] = []
    coach_ms: list[float] = []
    for i in range(runs):
        text = messages[i % len(messages)]
        start = time.perf_counter()
        engine.analyze(text)
        analyze_ms.append((time.perf_counter() - start) * 1000)
        draft = drafts[i % len(drafts)]
        start = time.perf_counter()
        engine.coach(draft, name="Budi")
        coach_ms.append((time.perf_counter() - start) * 1000)
    worst = worst_case_ms(engine)
    rss_added = None
    if loaded["rss_before_mb"] is not None and loaded["rss_after_mb"] is not None:
        rss_added = round(loaded["rss_after_mb"] - loaded["rss_before_mb"], 1)
    return {
        "runs": runs,
        "text_chars": 1000,
        "analyze_p50_ms": round(_p(analyze_ms, 0.5), 3),
        "analyze_p95_ms": round(_p(analyze_ms, 0.95), 3),
        "coach_p50_ms": round(_p(coach_ms, 0.5), 3),
        "coach_p95_ms": round(_p(coach_ms, 0.95), 3),
        "load_s": round(loaded["load_s"], 3),
        "rss_mb": rss_added,
        "rss_total_mb": loaded["rss_after_mb"] and round(loaded["rss_after_mb"], 1),
        **worst,
    }
