"""Generated agent drafts with the empathy functions and steps each one takes.

Used to measure the draft coach (rules, not trained): a draft is built from labelled
fragments, so its true functions and checklist are known. Held-out fragment families
(see :func:`corpus.held_out`) are marked ``split: test``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

# part → families; a part adds functions and steps to the draft's labels.
PARTS_ID: dict[str, list[list[str]]] = {
    "greeting": [["Halo Kak {name},"], ["Selamat siang Bapak {name},"], ["Hai {name},"]],
    "restate": [
        ["pesanan {ref} Anda belum sampai padahal sudah lewat estimasi."],
        ["saldo Anda terpotong dua kali untuk transaksi {ref}."],
        ["refund Anda belum masuk sejak pembatalan minggu lalu."],
        ["internet di rumah Anda mati sejak kemarin."],
        ["Anda tidak bisa login karena kode OTP tidak masuk."],
    ],
    "feeling": [
        ["Saya paham Anda kecewa,"],
        ["Pasti menjengkelkan sekali,"],
        ["Saya mengerti kekhawatiran Anda soal dana tersebut."],
        ["Kakak pasti kesal dengan kejadian ini."],
    ],
    "validate": [
        ["Wajar sekali kalau Anda merasa begitu."],
        ["Siapa pun akan merasakan hal yang sama."],
        ["Sangat bisa dimengerti."],
    ],
    "impact": [
        ["Apalagi Anda sudah menunggu lama."],
        ["Ini pasti mengganggu pekerjaan Anda."],
        ["Waktu Anda jadi terbuang karena ini."],
    ],
    "apology": [["Mohon maaf atas kejadian ini."], ["Saya minta maaf."], ["Maaf ya, Kak."]],
    "thank": [["Terima kasih sudah mengabari kami."], ["Terima kasih atas kesabarannya."]],
    "action_time": [
        ["Saya sudah eskalasikan ke tim kurir dan akan kabari paling lambat pukul 15.00 hari ini."],
        ["Dana akan kami kembalikan dalam 1x24 jam."],
        ["Teknisi akan datang besok pagi pukul 09.00."],
    ],
    "action": [
        ["Saya akan cek ke tim terkait."],
        ["Saya bantu proses sekarang."],
        ["Kami akan tindak lanjuti."],
    ],
    "reassure": [
        ["Jangan khawatir, dana Anda aman."],
        ["Saya pastikan ini selesai."],
        ["Tenang saja, kami bantu sampai tuntas."],
    ],
    "check": [
        ["Apakah ada lagi yang bisa saya bantu?"],
        ["Apakah solusi ini sesuai untuk Anda?"],
        ["Kabari saya jika masih ada kendala."],
    ],
    "cold": [["Sedang dalam perbaikan."], ["Silakan tunggu."], ["Mohon ditunggu saja."]],
    "robotic": [["Mohon maaf atas ketidaknyamanannya."], ["Keluhan Anda telah kami terima."]],
    "blaming": [
        ["Itu bukan urusan kami."],
        ["Anda salah input nomor rekening."],
        ["Sudah sesuai prosedur."],
    ],
}
PARTS_EN: dict[str, list[list[str]]] = {
    "greeting": [["Hi {name},"], ["Hello {name},"], ["Dear {name},"]],
    "restate": [
        ["your order {ref} still hasn't arrived even though the estimate has passed."],
        ["you were charged twice for {ref}."],
        ["your refund hasn't come through yet."],
        ["your internet has been down since yesterday."],
    ],
    "feeling": [
        ["I can hear how frustrated you are."],
        ["That must be really disappointing."],
        ["I understand you're worried about the money."],
    ],
    "validate": [["That's completely understandable."], ["Anyone would feel the same."]],
    "impact": [["Especially after waiting so long."], ["I know this has disrupted your work."]],
    "apology": [["I'm sorry about this."], ["My apologies."]],
    "thank": [["Thank you for letting us know."], ["Thanks for your patience."]],
    "action_time": [
        ["I've escalated this to the courier and will update you by 3pm today."],
        ["The refund will be sent within 24 hours."],
    ],
    "action": [["I'll look into it."], ["Let me check with the team."]],
    "reassure": [["Don't worry, your money is safe."], ["Rest assured we'll sort this out."]],
    "check": [["Is there anything else I can help with?"], ["Does that work for you?"]],
    "cold": [["It is being fixed."], ["Please wait."]],
    "robotic": [["We apologize for any inconvenience."], ["Your concern is important to us."]],
    "blaming": [["You should have read the terms."], ["As per policy, we cannot do that."]],
}
# More families per part, in other wording and for other industries (appended, so the
# original families keep their split).
_MORE_ID: dict[str, list[list[str]]] = {
    "restate": [
        ["tagihan listrik Anda bulan ini naik dua kali lipat tanpa alasan jelas."],
        ["bagasi Bapak belum sampai di Surabaya."],
        ["klaim asuransi Ibu sudah disetujui tapi dananya belum cair."],
        ["makanan yang Kakak pesan datang dalam keadaan tumpah."],
    ],
    "feeling": [["Kebayang paniknya Kakak waktu saldo terpotong."], ["Saya tahu Anda kesal."]],
    "action_time": [
        ["Tiket Anda saya teruskan ke tim teknis, kabar paling lambat besok pagi."],
        ["Saldo akan kami kembalikan hari ini sebelum pukul 17.00."],
    ],
    "action": [["Saya teruskan ke bagian penagihan sekarang."], ["Saya bantu ajukan klaimnya."]],
    "reassure": [["Dana Anda tidak akan hilang."], ["Kami pastikan masalah ini tuntas."]],
    "check": [
        ["Kalau ada kendala lagi, jangan sungkan kabari saya ya."],
        ["Apakah Kakak setuju dengan solusi ini?"],
        ["Ada lagi yang bisa saya bantu, Kak?"],
    ],
    "thank": [["Makasih sudah sabar menunggu ya."]],
}
_MORE_EN: dict[str, list[list[str]]] = {
    "restate": [
        ["your electricity bill doubled this month without explanation."],
        ["your bag didn't make it to Surabaya."],
        ["your insurance claim was approved but hasn't been paid."],
    ],
    "feeling": [["I know how stressful this must be."], ["I can tell you're upset."]],
    "action_time": [["I've passed this to our billing team and will call you by 5pm today."]],
    "action": [["I'll raise this with our technicians now."]],
    "reassure": [["You won't lose any money over this."], ["We'll make it right."]],
    "check": [
        ["If anything else comes up, feel free to message me."],
        ["Would you prefer a refund or a replacement?"],
        ["Let me know if that works."],
    ],
    "thank": [["Thanks so much for bearing with us."]],
}
for _parts, _more in ((PARTS_ID, _MORE_ID), (PARTS_EN, _MORE_EN)):
    for _part, _families in _more.items():
        _parts[_part].extend(_families)

FUNCTIONS_OF = {
    "feeling": {"acknowledge_feeling"}, "validate": {"validate_feeling"},
    "impact": {"acknowledge_impact"}, "apology": {"apologise"}, "thank": {"thank"},
    "action_time": {"commit_action"}, "action": {"commit_action"}, "reassure": {"reassure"},
    "check": {"check_satisfaction"}, "robotic": set(),
}  # fmt: skip
ORDER = ("greeting", "apology", "feeling", "restate", "validate", "impact", "thank",
         "action_time", "action", "reassure", "check", "cold", "robotic", "blaming")  # fmt: skip
_UNDERSTANDING = ("paham", "mengerti", "understand")
NAMES = ["Budi", "Siti", "Andi", "Rina", "Dewi", "Agus", "Maya", "Rudi"]
REFS = ["INV-2024-00123", "#88120344", "TRX-99812"]


def generate_drafts(count: int, seed: int) -> Iterator[dict[str, Any]]:
    from assist.nlp.training.corpus import test_families

    rng = random.Random(f"{seed}:drafts")
    for n in range(count):
        language = "id" if n % 3 else "en"
        parts = PARTS_ID if language == "id" else PARTS_EN
        split = "test" if n % 5 == 0 else "train"
        chosen = [
            p
            for p in ORDER
            if rng.random() < (0.5 if p not in ("cold", "robotic", "blaming") else 0.15)
        ]
        if "action_time" in chosen and "action" in chosen:
            chosen.remove("action")
        text_parts = []
        functions: set[str] = set()
        understanding = False
        for part in chosen:
            families = parts[part]
            held = test_families(f"draft:{language}:{part}", families)
            pool = [f for i, f in enumerate(families) if (i in held) == (split == "test")]
            pool = pool or families  # a part with a single family appears in both splits
            fragment = rng.choice(rng.choice(pool))
            text_parts.append(fragment.format(name=rng.choice(NAMES), ref=rng.choice(REFS)))
            functions |= FUNCTIONS_OF.get(part, set())
            low = fragment.lower()
            if part == "robotic" and ("maaf" in low or "apolog" in low):
                functions.add("apologise")
            if part == "feeling" and any(w in low for w in _UNDERSTANDING):
                understanding = True
        if "restate" in chosen and chosen.index("restate") > 0:
            prev = text_parts[chosen.index("restate") - 1]
            if not prev.endswith(","):
                i = chosen.index("restate")
                lead = "Terkait" if language == "id" else "I see"
                text_parts[i] = f"{lead} {text_parts[i]}"
        elif "restate" in chosen:
            i = chosen.index("restate")
            text_parts[i] = ("Terkait " if language == "id" else "About ") + text_parts[i]
        yield {
            "text": " ".join(text_parts),
            "language": language,
            "split": split,
            "functions": sorted(functions),
            "checklist": {
                "problem_restated": "restate" in chosen,
                "feeling_acknowledged": "feeling" in chosen,
                "empathy_expressed": understanding or bool({"validate", "impact"} & set(chosen)),
                "action_committed": bool({"action", "action_time"} & set(chosen)),
            },
            "action_has_time": "action_time" in chosen,
            "findings": sorted({p for p in chosen if p in ("cold", "robotic", "blaming")}),
        }
