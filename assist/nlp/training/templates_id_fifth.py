"""Fifth-pass Indonesian feeling families.

Anger as customers write it without saying "marah": accusing and rhetorical questions
("niat kerja ga sih", "kalian ngapain aja"), the same failure again ("ketiga kalinya",
"tiap hari"), blame for a cost ("saya yang kena denda", "saya sudah izin kerja"),
sarcastic praise beside a complaint fact, and confusion about contradictions ("kok
tagihannya beda", "statusnya selesai padahal belum terima"). Worry is kept apart from
stakes: it needs fear or uncertainty about an outcome. Appended after every earlier
family, so those keep their train/test split.
"""

from __future__ import annotations

FIFTH_EMOTIONS: dict[str, list[list[str]]] = {
    "angry": [
        # Accusing, rhetorical questions.
        [
            "maunya apa sih kalian?",
            "niat kerja ga sih?",
            "kalian ngapain aja sih dari kemarin?",
            "niat bikin aplikasi ga sih?",
            "jangan asal dong kalau kerja",
        ],
        [
            "kok bisa sih kayak gini terus?",
            "gimana sih kalian ini, {core}",
            "yang salah kan kalian, kenapa saya yang repot?",
            "{core}. kalian mikir ga sih?",
        ],
        # The same failure again.
        [
            "ini sudah ketiga kalinya!",
            "lagi??? {core}",
            "sudah keempat kalinya saya menanyakan hal yang sama",
            "tiap hari begini terus",
            "kejadian lagi, padahal minggu lalu sudah komplain",
        ],
        # Blamed for a cost, or losing something because of the failure.
        [
            "terus saya yang kena biaya?? {core}",
            "saya kena denda padahal sudah bayar, ini salah kalian",
            "rugi saya, sudah izin kerja buat nunggu",
            "malu saya sama tamu gara-gara kalian",
        ],
        # Sarcasm: praise beside a complaint fact.
        [
            "luar biasa ya, baru dibales setelah 3 hari 👍",
            "hebat, {core} 👏",
            "mantap, nunggu {dur} terus dicancel 👍",
            "keren banget pelayanannya, {core}",
        ],
    ],
    "anxious": [
        # Fear or uncertainty about an outcome, stated as such.
        [
            "aman gak ya uang saya?",
            "takutnya nanti kena denda, gimana ya kak",
            "saya khawatir, kalau tidak beres hari ini gimana nasib saya",
            "{core}, saya takut sekali kak, mohon dibantu",
        ],
    ],
    "confused": [
        # Contradictions and unexpected states.
        [
            "kok tagihannya beda sama yang di aplikasi?",
            "kenapa statusnya selesai padahal saya belum terima?",
            "harusnya kan sudah masuk, kok belum ya?",
            "loh kok {core}? saya bingung",
        ],
        [
            "maksudnya apa ya, {core}",
            "saya bingung, di email katanya sudah tapi di aplikasi belum",
            "ini gimana ya, saya sudah coba tapi tetap tidak bisa",
            "perasaan saya sudah bayar, kok masih muncul tagihan",
        ],
    ],
}
