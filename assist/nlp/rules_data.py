"""Word lists behind the rule components, in normalised spelling (see :mod:`lexicon`).

Phrases are matched on ``token.norm_``, so "gak puas", "ga puas" and "tdk puas" all match
"tidak puas". Both languages live in one table: Indonesian customers mix in English.
"""

from __future__ import annotations

NEGATORS: frozenset[str] = frozenset(
    {"tidak", "bukan", "belum", "jangan", "tanpa", "not", "no", "never", "nobody", "nothing",
     "don't", "didn't", "doesn't", "isn't", "wasn't", "aren't", "can't", "won't", "haven't",
     "hasn't", "couldn't", "wouldn't", "n't", "cannot", "kurang"}
)

# Words between a negator and what it negates ("tidak terlalu puas", "not very happy").
NEGATION_GAP: frozenset[str] = frozenset(
    {"terlalu", "begitu", "sangat", "begitu", "merasa", "juga", "pernah", "jadi", "lagi",
     "very", "really", "that", "so", "too", "feel", "feeling", "at", "all", "be", "been",
     "sama", "sekali", "cukup", "yang"}
)

# What an emotion word means once negated: "tidak puas" is disappointment, "tidak
# marah" is calm, "not happy" is disappointment.
NEGATED_EMOTION: dict[str, str] = {
    "happy": "disappointed",
    "angry": "neutral",
    "disappointed": "neutral",
    "anxious": "neutral",
    "confused": "neutral",
}

# emotion → (phrase, weight). A weight below 1 marks words that also appear in calm text.
EMOTION_WORDS: dict[str, list[tuple[str, float]]] = {
    "angry": [
        (w, 1.0)
        for w in (
            "marah", "kesal", "sebal", "jengkel", "emosi", "geram", "murka", "muak", "dongkol",
            "naik darah", "keterlaluan", "kurang ajar", "tidak becus", "brengsek", "bangsat",
            "anjir", "anjing", "goblok", "bodoh", "sampah", "penipu", "penipuan", "tipu",
            "nipu", "menipu", "scam", "tidak profesional", "tidak bertanggung jawab", "gila",
            "kacau", "payah", "ngamuk", "dipermainkan", "mempermainkan", "seenaknya",
            "semena-mena", "tidak masuk akal", "zalim", "rampok", "maling", "brengsek",
            "angry", "furious", "pissed", "mad", "outraged", "ridiculous", "unacceptable",
            "disgusting", "fed up", "sick of", "absurd", "bullshit", "wtf", "how dare",
            "incompetent", "useless", "pathetic", "terrible", "worst", "horrible", "awful",
            "rubbish", "nonsense", "scam", "scammers", "fraud", "insane", "livid",
            "infuriating", "annoyed", "annoying", "irritated", "frustrated", "frustrating",
            "frustrasi", "sucks", "hell", "joke", "a joke", "shameful", "memalukan",
        )
    ],
    "disappointed": [
        (w, 1.0)
        for w in (
            "kecewa", "mengecewakan", "dikecewakan", "kekecewaan", "sedih", "menyesal",
            "sayang sekali", "sayangnya", "zonk", "tidak sesuai harapan", "kapok", "rugi",
            "sia-sia", "nyesek", "hancur hati", "patah hati", "tidak sesuai ekspektasi",
            "jauh dari harapan", "menurun", "turun drastis", "dulu bagus", "biasanya bagus",
            "disappointed", "disappointing", "disappointment", "let down", "sad", "unhappy",
            "regret", "expected better", "a shame", "dissatisfied", "not what i expected",
            "used to be good", "gone downhill", "heartbroken", "upset", "kesal sekali",
        )
    ],
    "anxious": [
        (w, 1.0)
        for w in (
            "khawatir", "cemas", "takut", "panik", "was-was", "gelisah", "deg-degan", "resah",
            "darurat", "mendesak", "butuh cepat", "ketakutan", "kepikiran", "tidak tenang",
            "gimana nasib", "bagaimana nasib", "jangan sampai", "segera", "secepatnya",
            "worried", "anxious", "scared", "afraid", "nervous", "panic", "panicking",
            "concerned", "urgent", "urgently", "emergency", "stressed", "terrified",
            "freaking out", "asap", "as soon as possible", "need it by", "butuh banget",
            "penting", "sangat penting", "urgent banget", "tolong segera", "please help",
        )
    ],
    "confused": [
        (w, 1.0)
        for w in (
            "bingung", "tidak mengerti", "tidak paham", "kurang paham", "kurang jelas",
            "maksudnya apa", "maksudnya gimana", "kok bisa", "gimana caranya", "pusing",
            "heran", "aneh", "tidak tahu harus", "tidak tahu kenapa", "kenapa bisa",
            "yang mana", "mana yang benar", "membingungkan", "tidak ngerti", "kurang ngerti",
            "confused", "confusing", "don't understand", "do not understand", "unclear",
            "not sure", "what does this mean", "puzzled", "makes no sense", "weird",
            "strange", "how do i", "which one", "doesn't make sense", "lost", "no idea",
        )
    ],
    "happy": [
        *(
            (w, 1.0)
            for w in (
                "senang", "puas", "mantap", "keren", "hebat", "memuaskan", "bahagia", "lega",
                "alhamdulillah", "the best", "recommended", "cepat tanggap", "sangat membantu",
                "membantu sekali", "ramah", "top", "sukses terus", "good job", "happy", "glad",
                "pleased", "satisfied", "awesome", "amazing", "excellent", "love", "appreciate",
                "helpful", "wonderful", "perfect", "relieved", "great service", "love it",
                "luar biasa", "terbaik", "cepat sekali", "gercep", "solutif", "responsif",
            )
        ),
        *(
            (w, 0.4)
            for w in (
                "terima kasih", "thanks", "thank you", "bagus", "baik", "great", "good",
                "nice", "oke", "sip", "cepat",
            )
        ),
    ],
}

INTENSIFIERS: tuple[str, ...] = (
    "banget", "sekali", "parah", "sangat", "amat", "benar-benar", "sungguh", "super",
    "pol", "poll", "terlalu", "asli", "luar biasa", "bener-bener", "gila-gilaan",
    "very", "so", "really", "extremely", "totally", "absolutely", "seriously", "completely",
    "utterly", "incredibly", "ridiculously", "such",
)

THREATS: tuple[str, ...] = (
    "berhenti langganan", "berhenti berlangganan", "stop langganan", "putus langganan",
    "lapor ylki", "lapor ke ylki", "laporkan ke ylki", "ylki", "lapor ojk", "lapor ke ojk",
    "ojk", "bpkn", "lapor bpkn", "lapor polisi", "lapor ke polisi", "polisikan", "somasi",
    "jalur hukum", "tuntut", "gugat", "pengacara", "viralkan", "viral", "bikin viral",
    "sebar di medsos", "sebarkan di medsos", "upload di medsos", "posting di medsos",
    "spill", "spill di twitter", "twitter", "tiktok", "review bintang 1", "bintang 1",
    "kasih bintang 1", "ganti provider", "pindah provider", "pindah ke", "ganti ke",
    "tidak akan pakai lagi", "tidak mau pakai lagi", "terakhir kali pakai", "uninstall",
    "hapus aplikasi", "tutup akun", "tutup rekening", "cabut", "kapok pakai",
    "unsubscribe", "cancel my subscription", "cancel my account", "close my account",
    "switch to", "switching to", "going to a competitor", "report you", "report this",
    "legal action", "lawyer", "sue", "consumer protection", "post this on", "go public",
    "never use", "never again", "never buying", "never ordering", "leave a review",
    "one star", "1 star", "bbb", "better business bureau", "the media",
)

TIME_UNITS: tuple[str, ...] = (
    "hari", "minggu", "bulan", "tahun", "jam", "menit", "pekan",
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
    "minute", "minutes",
)
# Single words that already are a stretch of time ("seminggu", "berhari-hari").
TIME_WORDS: tuple[str, ...] = (
    "seminggu", "sebulan", "setahun", "sehari", "seharian", "sejam", "berhari-hari",
    "berminggu-minggu", "berbulan-bulan", "bertahun-tahun", "berjam-jam", "kemarin",
    "kemarin-kemarin", "lusa", "tadi", "pagi", "siang", "sore", "malam", "awal",
    "yesterday", "ages", "forever", "weeks", "days", "months",
)
WAIT_OPENERS: tuple[str, ...] = (
    "sudah", "sejak", "dari", "selama", "hampir", "lebih", "udah", "nunggu", "menunggu",
    "tunggu", "for", "since", "over", "almost", "nearly",
)
WAIT_PHRASES: tuple[str, ...] = (
    "masih menunggu", "masih belum", "sampai sekarang", "sampai hari ini", "hingga kini",
    "hingga sekarang", "sampai detik ini", "tunggu lama", "menunggu lama", "lama sekali",
    "lama banget", "tidak ada kabar", "tanpa kabar", "minggu lalu", "bulan lalu",
    "still waiting", "still not", "still haven't", "still hasn't", "until now", "so far",
    "last week", "last month", "no update", "no news", "waiting for", "been waiting",
    "dari minggu lalu", "sejak minggu lalu", "dari bulan lalu", "sejak bulan lalu",
)
REPETITION_PHRASES: tuple[str, ...] = (
    "lagi-lagi", "berkali-kali", "berulang kali", "berulang-ulang", "berulang", "kesekian kalinya",
    "kesekian kali", "untuk kesekian", "terus-terusan", "terus menerus", "setiap kali",
    "tiap kali", "selalu begini", "selalu saja", "lagi dan lagi", "sekali lagi",
    "again", "once again", "again and again", "over and over", "multiple times",
    "several times", "many times", "every time", "keeps happening", "yet again",
    "for the second time", "for the third time", "repeatedly",
)
COUNT_WORDS: tuple[str, ...] = (
    "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
    "beberapa", "berapa", "banyak", "two", "three", "four", "five", "six", "several",
)
REPEAT_UNITS: tuple[str, ...] = ("kali", "x", "times", "time")

# issue → (phrase, weight). Strong phrases name the problem; weak ones only the topic.
ISSUE_PHRASES: dict[str, list[tuple[str, float]]] = {
    "delivery_delay": [
        *((p, 2.0) for p in (
            "belum sampai", "belum datang", "belum diterima", "belum dikirim", "tidak sampai",
            "tidak datang", "belum tiba", "terlambat", "lama sampai", "tidak bergerak",
            "tertahan", "belum diantar", "tidak diantar", "kapan sampai", "kapan dikirim",
            "kapan datang", "kapan diantar", "masih di gudang", "status pengiriman",
            "belum dikirim-kirim", "tidak ada pergerakan", "telat", "keterlambatan",
            "not arrived", "hasn't arrived", "has not arrived", "haven't received",
            "have not received", "not delivered", "still not delivered", "late", "delayed",
            "delay", "where is my order", "where is my package", "not received",
            "never arrived", "hasn't shipped", "not shipped", "stuck in transit",
        )),
        *((p, 0.8) for p in (
            "pengiriman", "kurir", "paket", "resi", "ekspedisi", "dikirim", "tracking", "lacak",
            "estimasi", "pesanan", "delivery", "shipping", "shipment", "courier", "parcel",
            "package", "order", "arrive", "estimated", "sampai",
        )),
    ],
    "item_problem": [
        *((p, 2.0) for p in (
            "rusak", "pecah", "penyok", "sobek", "cacat", "salah kirim", "barang salah",
            "beda warna", "beda ukuran", "tidak sesuai", "tidak lengkap", "isinya kurang",
            "kurang satu", "hilang satu", "kosong", "tidak berfungsi", "tidak nyala",
            "tidak menyala", "mati total", "palsu", "kw", "kadaluarsa", "basi", "bocor",
            "tumpah", "retak", "lecet", "bukan yang saya pesan", "salah ukuran", "salah warna",
            "dikirim salah", "beda dengan foto", "tidak bisa dipakai", "expired", "broken",
            "damaged", "cracked", "defective", "wrong item", "wrong size", "wrong color",
            "wrong colour", "missing", "doesn't work", "does not work", "not working",
            "stopped working", "faulty", "fake", "leaking", "torn", "dented", "smashed",
            "not what i ordered", "incomplete", "spoiled",
        )),
        *((p, 0.8) for p in (
            "barang", "produk", "item", "isi", "retur", "tukar", "garansi", "kemasan",
            "return", "replacement", "exchange", "warranty", "product", "box",
        )),
    ],
    "billing_error": [
        *((p, 2.0) for p in (
            "terpotong dua kali", "dobel", "terpotong", "dipotong dua kali", "tagihan salah",
            "tagihan membengkak", "tagihan tidak wajar", "tagihan naik", "transaksi tidak dikenal",
            "tidak pernah transaksi", "tidak merasa", "jumlah salah", "nominal salah",
            "kelebihan bayar", "lebih bayar", "pembayaran belum masuk", "belum terverifikasi",
            "status belum bayar", "belum terbayar", "sudah bayar", "sudah transfer",
            "sudah dibayar", "terdebet", "didebet", "autodebet", "charge", "dua kali tagihan",
            "ditagih", "tagihan", "biaya tambahan", "biaya admin", "saldo berkurang",
            "charged twice", "double charged", "double charge", "overcharged", "charged",
            "unrecognised", "unrecognized", "didn't authorize", "did not authorize",
            "wrong amount", "payment not showing", "paid but", "already paid", "billed",
            "billing", "extra fee", "hidden fee", "deducted",
        )),
        *((p, 0.8) for p in (
            "bayar", "pembayaran", "transfer", "saldo", "biaya", "invoice", "nominal",
            "bill", "payment", "paid", "fee", "price", "harga", "kartu kredit", "credit card",
            "va", "virtual account", "potong",
        )),
    ],
    "refund_pending": [
        *((p, 2.0) for p in (
            "refund", "pengembalian dana", "dana kembali", "uang kembali", "belum dikembalikan",
            "dikembalikan", "kembalikan uang", "kembalikan dana", "uang saya kembali",
            "pengembalian uang", "dana belum kembali", "dana belum masuk", "refund belum",
            "uangnya kembali", "uang saya mana", "reimburse", "money back", "refunded",
            "reimbursement", "not refunded", "refund status", "refund yet", "get my money",
            "my money back", "give back my money",
        )),
        *((p, 0.8) for p in ("pengembalian", "dana", "uang", "cancel", "dibatalkan", "batal",
                             "money", "cancelled", "canceled")),
    ],
    "service_outage": [
        *((p, 2.0) for p in (
            "gangguan", "tidak ada sinyal", "sinyal hilang", "sinyal jelek", "internet mati",
            "jaringan", "down", "error", "tidak bisa dibuka", "force close", "crash",
            "loading terus", "tidak bisa transfer", "tidak bisa bayar", "server", "maintenance",
            "wifi mati", "internet lambat", "lambat sekali", "tidak bisa akses", "mati",
            "tidak bisa diakses", "blank", "putus-putus", "los merah", "lampu merah",
            "tidak konek", "tidak bisa connect", "tidak stabil", "koneksi", "outage",
            "no signal", "no internet", "not loading", "won't load", "crashes", "crashing",
            "can't connect", "cannot connect", "connection", "offline", "unavailable",
            "keeps crashing", "internet is down", "app is down", "site is down",
        )),
        *((p, 0.8) for p in (
            "sinyal", "internet", "wifi", "aplikasi", "qris", "atm", "mesin", "listrik",
            "indihome", "modem", "router", "app", "website", "network", "signal", "lambat",
        )),
    ],
    "account_access": [
        *((p, 2.0) for p in (
            "login", "tidak bisa masuk", "gagal masuk", "masuk akun", "otp", "kode otp",
            "kode verifikasi", "tidak menerima otp", "terblokir", "diblokir", "dibekukan",
            "suspend", "lupa password", "reset password", "password salah", "diretas",
            "dibobol", "diambil alih", "akun saya", "pin salah", "lupa pin", "verifikasi",
            "akun hilang", "ganti nomor", "kode tidak masuk", "log in", "sign in",
            "locked out", "locked", "blocked", "suspended", "verification code", "password",
            "reset", "hacked", "hijacked", "compromised", "2fa", "two-factor", "can't log in",
            "cannot log in", "account", "akun",
        )),
        *((p, 0.8) for p in ("masuk", "pin", "email", "nomor hp", "username", "kode", "sandi")),
    ],
    "poor_service": [
        *((p, 2.0) for p in (
            "tidak dibalas", "tidak direspon", "tidak direspons", "tidak ditanggapi",
            "dicuekin", "diabaikan", "dilempar-lempar", "dioper", "diping-pong", "tidak sopan",
            "kasar", "jutek", "ketus", "judes", "tidak ramah", "teknisi tidak datang",
            "dijanjikan", "janji", "janjinya", "dibatalkan sepihak", "antri lama", "ditutup",
            "di-hold", "pelayanan buruk", "pelayanan jelek", "pelayanan", "tidak profesional",
            "tidak ada respon", "tidak ada respons", "lambat", "balasan otomatis",
            "bot", "rude", "unhelpful", "ignored", "no response", "no reply", "nobody answers",
            "nobody answered", "no one", "technician didn't show", "missed appointment",
            "on hold", "transferred", "customer service", "service is terrible",
            "never called back", "hung up", "attitude", "promised", "unprofessional",
            "closed my ticket", "automated reply", "slow response", "respons lambat",
        )),
        *((p, 0.8) for p in (
            "admin", "petugas", "teknisi", "staf", "agen", "staff", "agent", "technician",
            "respons", "balas", "telepon", "chat", "call", "reply", "support", "cs",
        )),
    ],
    "other": [
        (p, 0.8)
        for p in (
            "mau tanya", "ingin tanya", "tanya", "info", "informasi", "promo", "cara", "gimana cara",
            "ganti alamat", "ubah alamat", "jam operasional", "lokasi", "stok", "ready",
            "question", "ask", "how to", "information", "change address", "stock",
            "available", "voucher", "diskon", "discount", "kerja sama", "lowongan",
        )
    ],
}

# Wording by which customers say the problem is their own doing.
CUSTOMER_FAULT: tuple[str, ...] = (
    "saya salah", "salah saya", "kesalahan saya", "saya yang salah", "salah input",
    "salah ketik", "salah masukin", "salah masukkan", "salah transfer", "salah kirim uang",
    "salah pilih", "salah alamat", "lupa password", "lupa pin", "lupa sandi", "kelupaan",
    "tidak sengaja", "saya lupa", "saya kelupaan", "kepencet", "terpencet", "salah klik",
    "saya sendiri", "my mistake", "my fault", "i forgot", "i accidentally", "by mistake",
    "i entered", "i typed", "i chose the wrong", "i put the wrong", "my bad",
    "accidentally", "i misread", "i selected the wrong",
)
# Wording that puts the problem with the company whatever the issue.
COMPANY_FAULT: tuple[str, ...] = (
    "salah kirim", "dikirim salah", "kurir", "terpotong dua kali", "dobel", "gangguan",
    "tidak dibalas", "kasar", "janji", "dijanjikan", "belum dikembalikan", "rusak",
    "tidak menerima otp", "kode tidak masuk", "double charged", "charged twice",
    "you sent", "your courier", "your app", "your system", "your staff", "promised",
    "sistem", "system error", "error",
)

# Profanity and insults: anger, even without an emotion word.
PROFANITY: tuple[str, ...] = (
    "anjing", "bangsat", "goblok", "bodoh", "tolol", "kampret", "sialan", "brengsek", "tai",
    "asu", "jancok", "fuck", "fucking", "shit", "damn", "bloody", "crap", "idiot", "idiots",
)
