"""Hand-written Indonesian fragments for the generated training corpus.

Each family is one way of saying something; the generator fills ``{slots}`` and varies
style. Families, not sentences, are split between train and test, so the test measures
whether the models generalise to phrasings they never saw.
"""

from __future__ import annotations

# issue → families of core sentences (the problem itself, emotionally flat)
CORES: dict[str, list[list[str]]] = {
    "delivery_delay": [
        [
            "pesanan saya {ref} belum sampai sampai sekarang",
            "paket saya belum juga sampai",
            "barang yang saya pesan tanggal {date} belum sampai",
            "orderan {ref} kok belum datang ya",
            "pesanan atas nama saya belum tiba di rumah",
        ],
        [
            "estimasi pengiriman sudah lewat {dur} tapi paket belum datang",
            "katanya estimasi 2-3 hari, ini sudah {dur} belum juga diterima",
            "sudah lewat dari estimasi tapi barangnya belum diterima",
            "tanggal estimasi sampai sudah lewat, paket belum ada kabar",
        ],
        [
            "resi {ref} tidak bergerak dari {dur}",
            "status pengiriman nyangkut di gudang {city} terus",
            "tracking paket saya stuck di hub {city}",
            "statusnya masih sedang dikirim dari {dur} yang lalu",
            "paket tertahan di {city} terus",
        ],
        [
            "status di aplikasi sudah terkirim tapi paket tidak ada di rumah",
            "kata kurir paket sudah diantar tapi saya tidak terima apa-apa",
            "di tracking tertulis diterima, padahal saya tidak pernah terima paketnya",
        ],
        [
            "sudah bayar dari {dur} tapi pesanan belum dikirim juga",
            "penjual belum kirim barang saya",
            "pesanan saya masih diproses terus, kapan dikirimnya",
            "barang belum dikirim padahal sudah lunas {dur}",
        ],
        [
            "kapan paket saya {ref} sampai",
            "posisi paket saya sekarang di mana ya",
            "paket saya sampai kapan ya, sudah ditunggu-tunggu",
            "kira-kira kapan pesanan saya diantar",
        ],
        [
            "barang untuk acara {event} belum datang, padahal acaranya besok",
            "kado ulang tahun anak saya belum sampai padahal acaranya lusa",
            "obat pesanan ibu saya belum datang, padahal harus diminum hari ini",
        ],
        [
            "kiriman saya dari {city} terlambat jauh dari jadwal",
            "pengiriman telat terus, sudah {dur} belum sampai",
            "keterlambatan pengiriman ini sudah kelewatan, {dur} belum diterima",
        ],
    ],
    "item_problem": [
        [
            "barang yang saya terima rusak",
            "{item} datang dalam keadaan pecah",
            "kemasannya penyok dan isinya rusak",
            "layar {item} retak waktu saya buka paketnya",
        ],
        [
            "barang yang dikirim salah, saya pesan {item} yang datang {item2}",
            "warnanya beda dengan yang saya pesan",
            "ukurannya salah, saya pesan L yang dikirim S",
            "yang datang bukan barang yang saya pesan",
        ],
        [
            "isi paket kurang satu",
            "saya pesan 3 tapi yang datang cuma 2",
            "aksesorisnya tidak ada di dalam kotak",
            "paketnya datang tapi isinya kosong",
            "charger {item} tidak ada di dalam dus",
        ],
        [
            "{item} baru dipakai sehari sudah mati total",
            "{item} tidak bisa menyala dari awal",
            "barangnya cacat produksi",
            "{item} baru dicoba langsung tidak berfungsi",
            "tombol {item} tidak berfungsi sama sekali",
        ],
        [
            "produknya palsu, beda dengan yang asli",
            "makanannya sudah kadaluarsa waktu sampai",
            "skincare yang saya terima sudah expired",
            "minyaknya bocor dan tumpah di dalam paket",
        ],
        [
            "barang tidak sesuai deskripsi",
            "kualitasnya jauh beda dengan foto",
            "bahannya tipis tidak seperti di gambar",
            "{item} yang datang beda dengan di iklan",
        ],
        [
            "{item} yang saya beli {dur} lalu sudah rusak padahal masih garansi",
            "mau klaim garansi {item} yang sudah rusak",
            "baru seminggu {item} sudah mati, minta ganti",
        ],
    ],
    "billing_error": [
        [
            "saldo saya terpotong dua kali untuk transaksi {ref}",
            "kartu kredit saya kena charge dobel {amount}",
            "saya cuma bayar sekali tapi terdebet dua kali",
            "pembayaran {amount} saya terpotong double",
        ],
        [
            "tagihan bulan ini {amount}, padahal biasanya cuma {amount2}",
            "jumlah yang ditagih tidak sesuai dengan paket saya",
            "ada biaya tambahan {amount} yang tidak pernah dijelaskan",
            "tagihan saya membengkak jadi {amount}",
        ],
        [
            "ada transaksi {amount} yang tidak saya kenal di tagihan",
            "saya tidak pernah melakukan transaksi sebesar {amount}",
            "ada potongan autodebet {amount} yang tidak saya setujui",
            "muncul tagihan {amount} padahal saya tidak beli apa-apa",
        ],
        [
            "sudah transfer {amount} tapi status masih menunggu pembayaran",
            "pembayaran saya belum terverifikasi padahal sudah bayar",
            "sudah bayar via virtual account tapi tagihan masih belum lunas",
            "bukti transfer sudah saya kirim tapi statusnya belum dibayar",
        ],
        [
            "masih ditagih padahal layanannya sudah saya tutup bulan lalu",
            "langganan saya diperpanjang otomatis dan kena tagih {amount}",
            "saya ditagih untuk paket yang tidak pernah saya aktifkan",
        ],
        [
            "kena denda keterlambatan padahal saya bayar tepat waktu",
            "ada biaya admin {amount} yang muncul tiba-tiba",
            "nominal yang dipotong {amount}, bukan {amount2} seperti di aplikasi",
        ],
    ],
    "refund_pending": [
        [
            "refund saya belum masuk juga",
            "dana refund {amount} belum kembali ke rekening",
            "katanya refund 3-5 hari kerja, ini sudah {dur}",
            "refund belum saya terima sampai sekarang",
        ],
        [
            "pesanan sudah dibatalkan tapi uangnya belum dikembalikan",
            "saya cancel order {ref} tapi dana belum balik",
            "transaksi gagal tapi uang saya belum dikembalikan",
        ],
        [
            "barang sudah saya retur dari {dur} tapi refund belum diproses",
            "returnya sudah diterima gudang tapi pengembalian dana belum ada",
            "barang sudah dikembalikan, uangnya kapan kembali",
        ],
        [
            "status refund saya masih diproses terus",
            "kapan dana pengembalian saya cair",
            "refund {ref} statusnya tidak berubah dari {dur}",
            "pengembalian dana saya nyangkut",
        ],
        [
            "dijanjikan dana kembali dalam 7 hari, sekarang sudah lewat",
            "pengajuan refund saya sudah disetujui tapi uangnya belum masuk",
            "sudah dapat email refund berhasil tapi saldo belum bertambah",
        ],
    ],
    "service_outage": [
        [
            "internet di rumah saya mati dari {dur}",
            "wifi tidak bisa connect sama sekali",
            "lampu los di modem merah terus",
            "koneksi internet putus-putus dari pagi",
        ],
        [
            "tidak ada sinyal di daerah {city}",
            "sinyal hilang total sejak kemarin",
            "tidak bisa telepon dan sms sama sekali",
            "jaringan di {city} lagi gangguan ya",
        ],
        [
            "aplikasinya error terus tidak bisa dibuka",
            "aplikasi force close setiap saya buka",
            "aplikasi loading terus tidak masuk-masuk",
            "muncul pesan error kode 500 di aplikasi",
        ],
        [
            "tidak bisa bayar pakai QRIS dari tadi",
            "transfer antar bank gagal terus",
            "pembayaran via virtual account sedang gangguan ya",
            "mesin ATM tidak bisa dipakai",
        ],
        [
            "websitenya down tidak bisa diakses",
            "server sedang bermasalah ya, tidak bisa checkout",
            "halaman pembayaran blank terus",
            "tidak bisa akses layanan sama sekali",
        ],
        [
            "internet lambat banget padahal paket 50 Mbps",
            "kecepatan internet turun drastis",
            "streaming buffering terus, internet tidak stabil",
        ],
        [
            "listrik padam terus di {city}",
            "TV kabel tidak ada siaran dari {dur}",
            "layanan tidak bisa dipakai dari {dur}",
        ],
    ],
    "account_access": [
        [
            "saya tidak bisa login ke akun saya",
            "setiap login muncul pesan password salah",
            "gagal masuk aplikasi padahal password benar",
            "akun saya tidak bisa dibuka",
        ],
        [
            "kode OTP tidak pernah masuk ke hp saya",
            "OTP tidak terkirim padahal sudah coba",
            "kode verifikasi selalu kedaluwarsa sebelum masuk",
            "SMS OTP tidak diterima",
        ],
        [
            "akun saya diblokir tanpa alasan",
            "akun saya dibekukan",
            "rekening saya terblokir setelah salah PIN",
            "akun saya kena suspend",
        ],
        [
            "akun saya diretas orang, ada yang login dari kota lain",
            "akun saya dibobol dan saldo hilang",
            "ada yang mengambil alih akun saya",
            "akun saya kena hack, email dan nomornya diganti",
        ],
        [
            "saya lupa password dan email lama sudah tidak aktif",
            "mau reset PIN tapi nomor hp lama sudah hilang",
            "ganti nomor hp jadi tidak bisa verifikasi akun",
            "lupa kata sandi, link reset tidak masuk",
        ],
    ],
    "poor_service": [
        [
            "chat saya ke CS tidak dibalas dari {dur}",
            "sudah telepon berkali-kali tidak ada yang angkat",
            "komplain saya tidak ditanggapi",
            "email saya diabaikan",
        ],
        [
            "petugas di gerai kasar sekali ke saya",
            "CS-nya jutek dan menutup telepon",
            "kurirnya membentak saya waktu antar paket",
            "admin-nya ketus menjawab pertanyaan saya",
        ],
        [
            "teknisi dijanjikan datang hari ini tapi tidak datang",
            "jadwal kunjungan teknisi dibatalkan sepihak",
            "sudah ambil cuti untuk tunggu teknisi, ternyata tidak datang",
        ],
        [
            "saya dilempar-lempar dari satu CS ke CS lain",
            "setiap hubungi CS disuruh cerita ulang dari awal",
            "tiket saya ditutup padahal masalah belum selesai",
        ],
        [
            "katanya mau ditelepon balik tapi tidak pernah ditelepon",
            "admin janji akan follow up, tapi tidak ada kabar",
            "dijanjikan dihubungi 1x24 jam, sampai sekarang tidak ada",
        ],
        [
            "dari tadi cuma dibalas bot, tidak ada orangnya",
            "balasannya template terus, tidak menjawab pertanyaan saya",
            "antri di telepon {dur} tidak dilayani",
        ],
    ],
    "other": [
        [
            "mau tanya cara ganti alamat pengiriman",
            "bagaimana cara upgrade paket saya",
            "promo {promo} masih berlaku tidak",
            "jam operasional CS sampai jam berapa",
        ],
        [
            "saya mau ubah nomor hp di akun",
            "tolong batalkan pesanan {ref}, saya berubah pikiran",
            "mau ganti metode pembayaran",
            "bisa ganti warna pesanan sebelum dikirim",
        ],
        [
            "apakah produk ini ready stok",
            "mau tanya soal garansi produk",
            "cabang terdekat di {city} di mana ya",
            "apakah bisa kirim ke luar kota",
        ],
        [
            "saya mau daftar jadi mitra",
            "ada info lowongan kerja",
            "mau kasih saran untuk aplikasinya",
            "bisa minta faktur pajak untuk pembelian saya",
        ],
    ],
}

# happy customers: praise and thanks (issue "other")
HAPPY_CORES: list[list[str]] = [
    [
        "masalah saya sudah beres",
        "paketnya sudah sampai dengan aman",
        "barangnya sudah saya terima dalam kondisi baik",
    ],
    [
        "pelayanannya cepat sekali",
        "CS-nya ramah dan sangat membantu",
        "adminnya responsif dan solutif",
    ],
    [
        "refund sudah masuk ke rekening saya",
        "dana saya sudah kembali",
        "tagihannya sudah dikoreksi",
    ],
    [
        "internetnya sudah normal lagi",
        "akun saya sudah bisa dibuka lagi",
        "aplikasinya sudah lancar sekarang",
    ],
    ["barangnya bagus sesuai foto", "kualitasnya mantap", "pengirimannya cepat, sehari sampai"],
]

EMOTIONS: dict[str, list[list[str]]] = {
    "angry": [
        [
            "saya sangat kesal",
            "kesal banget saya",
            "jujur saya kesal sekali",
            "bikin emosi saja",
            "saya marah sekali",
        ],
        [
            "ini keterlaluan",
            "pelayanan macam apa ini",
            "benar-benar tidak becus",
            "parah sekali pelayanannya",
            "kacau sekali kerjanya",
        ],
        [
            "saya minta pertanggungjawaban sekarang juga",
            "saya tidak mau tahu, selesaikan hari ini",
            "jangan cuma janji-janji terus",
            "saya tuntut diselesaikan sekarang",
        ],
        [
            "dasar penipu",
            "perusahaan sampah",
            "kerja kalian ngapain saja sih",
            "kalian ini niat kerja atau tidak",
        ],
        [
            "saya sudah muak dengan alasan kalian",
            "capek saya komplain terus",
            "sudah habis kesabaran saya",
            "jengkel sekali saya dibuat begini",
        ],
        [
            "mana tanggung jawabnya",
            "seenaknya saja kalian",
            "tidak profesional sama sekali",
            "sungguh tidak bertanggung jawab",
        ],
    ],
    "disappointed": [
        ["saya kecewa sekali", "jujur kecewa", "sangat mengecewakan", "kecewa berat saya"],
        [
            "padahal saya pelanggan setia",
            "biasanya pelayanannya bagus, sekarang kok begini",
            "sayang sekali",
            "dulu tidak pernah begini",
        ],
        [
            "tidak sesuai harapan",
            "jauh dari ekspektasi saya",
            "saya tidak puas",
            "kurang memuaskan",
        ],
        ["sedih banget", "menyesal belanja di sini", "rugi saya", "kapok rasanya"],
        [
            "tidak menyangka akan begini",
            "sudah percaya malah begini jadinya",
            "harapan saya terlalu tinggi ternyata",
        ],
    ],
    "anxious": [
        [
            "saya khawatir uangnya hilang",
            "saya takut barangnya tidak sampai",
            "cemas banget saya",
            "saya khawatir sekali",
        ],
        [
            "tolong segera ya, ini mendesak",
            "butuh cepat karena mau dipakai besok",
            "ini darurat",
            "mohon secepatnya diproses",
        ],
        [
            "saya jadi was-was",
            "dari kemarin saya kepikiran terus",
            "tidak tenang saya",
            "saya gelisah menunggunya",
        ],
        [
            "itu uang untuk bayar sekolah anak",
            "itu tabungan saya satu-satunya",
            "saya harus kerja pakai internet ini",
            "saya butuh itu untuk berobat",
        ],
        [
            "apakah uang saya aman",
            "bagaimana nasib uang saya",
            "apakah masih bisa kembali",
            "jangan sampai hilang ya",
        ],
    ],
    "confused": [
        ["saya bingung", "jadi bingung saya", "bingung harus bagaimana", "saya jadi pusing"],
        ["maksudnya gimana ya", "kok bisa begitu ya", "kenapa bisa begini", "aneh, kok begini"],
        [
            "saya tidak mengerti prosesnya",
            "kurang paham caranya",
            "informasinya kurang jelas",
            "saya tidak paham penjelasannya",
        ],
        [
            "di aplikasi tertulis lain, di email tertulis lain, mana yang benar",
            "CS yang satu bilang begini, yang lain bilang begitu",
            "petunjuknya membingungkan",
        ],
        ["saya harus ngapain sekarang", "langkahnya apa ya", "saya harus hubungi siapa"],
    ],
    "neutral": [
        ["mohon dibantu dicek", "bisa tolong dicek", "tolong dicek ya"],
        ["mohon informasinya", "boleh minta infonya", "mohon infonya"],
        ["terima kasih sebelumnya", "terima kasih"],
        ["ditunggu kabarnya", "saya tunggu update-nya", "mohon dikabari"],
        ["bisa dibantu", "mohon bantuannya", "mohon arahannya"],
    ],
    "happy": [
        ["terima kasih banyak", "makasih banyak ya", "terima kasih atas bantuannya"],
        ["mantap", "keren pelayanannya", "top, recommended", "luar biasa"],
        ["saya puas sekali", "senang sekali", "lega rasanya", "saya senang"],
        ["sukses terus", "semoga makin jaya", "pertahankan ya"],
    ],
}

THREATS: list[list[str]] = [
    ["kalau tidak beres saya lapor YLKI", "saya akan lapor ke YLKI", "saya laporkan ke OJK"],
    ["saya viralkan di medsos", "saya sebar di medsos biar semua tahu", "saya spill di twitter"],
    [
        "saya mau berhenti langganan",
        "saya pindah ke provider lain saja",
        "tidak akan pakai layanan kalian lagi",
    ],
    ["saya kasih bintang 1", "saya tulis review bintang 1"],
    ["saya bawa ke jalur hukum", "saya somasi kalian"],
]
WAITING: list[str] = [
    "sudah {dur} saya menunggu",
    "saya sudah menunggu dari kemarin",
    "dari minggu lalu belum ada kabar",
    "sudah {dur} tidak ada kabar",
    "sampai sekarang masih menunggu",
    "sejak kemarin tidak ada jawaban",
]
REPETITION: list[str] = [
    "sudah {n} kali saya komplain",
    "lagi-lagi begini",
    "ini sudah kesekian kalinya",
    "sudah berkali-kali saya hubungi",
    "ini kejadian kedua kalinya",
]
GREETINGS: list[str] = [
    "halo min",
    "selamat siang",
    "permisi kak",
    "selamat pagi CS",
    "halo",
    "min",
    "kak",
    "assalamualaikum",
    "selamat malam",
    "dear customer service",
    "pagi kak",
    "siang min",
]
CLOSINGS: list[str] = [
    "terima kasih",
    "mohon bantuannya",
    "tolong ya",
    "ditunggu",
    "makasih",
    "mohon segera",
    "tolong segera diproses",
    "",
]
SLOTS: dict[str, list[str]] = {
    "ref": [
        "INV-2024-00123",
        "#88120344",
        "ORD778812",
        "no pesanan 240512XKQ2",
        "resi JP1234567890",
        "TRX-99812",
        "INV/20240501/MPL/3321",
        "SPXID0123456789",
    ],
    "date": ["5 Mei", "tanggal 12", "tanggal 3", "1 Juni", "awal bulan"],
    "dur": [
        "3 hari",
        "seminggu",
        "2 minggu",
        "5 hari",
        "sebulan",
        "10 hari",
        "berhari-hari",
        "4 hari",
        "dua minggu",
    ],
    "city": [
        "Jakarta",
        "Surabaya",
        "Bandung",
        "Medan",
        "Makassar",
        "Cikarang",
        "Depok",
        "Semarang",
        "Bekasi",
    ],
    "event": ["pernikahan", "ulang tahun", "arisan", "syukuran", "kantor"],
    "item": [
        "hp",
        "blender",
        "sepatu",
        "laptop",
        "kipas angin",
        "jaket",
        "rice cooker",
        "headset",
        "tas",
        "kemeja",
    ],
    "item2": ["barang lain", "warna hitam", "ukuran kecil", "model lama", "sandal"],
    "amount": [
        "Rp 150.000",
        "Rp250.000",
        "300rb",
        "1,5jt",
        "Rp 89.000",
        "500 ribu",
        "Rp 1.200.000",
        "75rb",
    ],
    "amount2": ["Rp 100.000", "200rb", "Rp 75.000", "1jt"],
    "promo": ["gajian", "11.11", "ongkir gratis", "cashback 50%"],
    "n": ["3", "4", "5", "tiga", "empat", "berapa"],
}

# Families added later (other industries, calm requests, confusion): appended, so the
# original families keep their train/test assignment.
from assist.nlp.training.families import append_families  # noqa: E402
from assist.nlp.training.templates_id_more import (  # noqa: E402
    MORE_CORES,
    MORE_EMOTIONS,
    MORE_HAPPY_CORES,
    MORE_SLOTS,
)

append_families(
    CORES,
    EMOTIONS,
    HAPPY_CORES,
    more_cores=MORE_CORES,
    more_emotions=MORE_EMOTIONS,
    more_happy=MORE_HAPPY_CORES,
)
SLOTS.update(MORE_SLOTS)

# Fourth-pass families (more sectors, worry with stakes, sarcasm, follow-ups, regional
# words): appended last, so every earlier family keeps its train/test assignment.
from assist.nlp.training.templates_id_extra import (  # noqa: E402
    EXTRA_CORES,
    EXTRA_EMOTIONS,
    EXTRA_HAPPY_CORES,
)

append_families(
    CORES,
    EMOTIONS,
    HAPPY_CORES,
    more_cores=EXTRA_CORES,
    more_emotions=EXTRA_EMOTIONS,
    more_happy=EXTRA_HAPPY_CORES,
)

# Fifth-pass families (accusing questions, repeated failures, blame for a cost, sarcasm,
# contradiction confusion): appended last, so every earlier family keeps its split.
from assist.nlp.training.templates_id_fifth import FIFTH_EMOTIONS  # noqa: E402

append_families(CORES, EMOTIONS, HAPPY_CORES, more_emotions=FIFTH_EMOTIONS)
