"""Fourth-pass Indonesian families: more sectors and more ways of writing.

Sectors the earlier families lacked: ride-hailing, travel and hotels, streaming and
software subscriptions, health and pharmacy apps, loan apps, electronics service and
grocery delivery. Feelings the earlier families lacked: worry with something at stake
(a flight, medicine, rent, a due date), sarcastic praise, polite-but-angry letters,
repeated follow-ups, regional and chat words (mas, mbak, gue, lu, euy, nggih), and
problems asked as questions ("kenapa … belum …", "kok … tidak bisa …"). Appended after
the earlier families, so those keep their train/test split.
"""

from __future__ import annotations

EXTRA_CORES: dict[str, list[list[str]]] = {
    "delivery_delay": [
        [
            "belanjaan sayur saya dari pagi belum diantar",
            "pesanan groceries saya statusnya sudah diterima padahal tidak ada yang datang",
            "kurir belanja bulanan saya belum juga datang dari {mins}",
            "katanya sudah diantar tapi barangnya tidak ada di rumah",
        ],
        [
            "obat yang saya pesan di apotek online belum datang",
            "pesanan obat resep dokter saya masih diproses terus",
            "vitamin yang saya beli lewat aplikasi kesehatan belum dikirim",
        ],
        [
            "e-tiket pesawat saya belum masuk ke email",
            "voucher hotel saya belum dikirim padahal sudah bayar",
            "konfirmasi booking hotel saya belum keluar",
        ],
    ],
    "item_problem": [
        [
            "telur di belanjaan saya pecah semua",
            "sayurnya layu dan buahnya busuk",
            "susu yang dikirim sudah lewat tanggal kedaluwarsa",
        ],
        [
            "hp saya setelah diservis malah tambah rusak",
            "sudah diganti sparepart tapi {item} masih mati total",
            "layar {item} yang baru diganti di service center bergaris",
        ],
        [
            "obat yang datang beda dengan resep dokter",
            "kemasan obatnya rusak dan segelnya terbuka",
            "jumlah tablet yang dikirim kurang dari pesanan",
        ],
    ],
    "billing_error": [
        [
            "langganan streaming saya kepotong dua kali bulan ini",
            "saya sudah berhenti langganan tapi masih ditagih",
            "kartu saya ditagih perpanjangan otomatis padahal sudah saya matikan",
            "paket premium sudah dibayar tapi akun saya masih versi gratis",
        ],
        [
            "pinjaman saya sudah lunas tapi di aplikasi masih ada tagihan",
            "saya bayar cicilan tepat waktu tapi kena denda keterlambatan",
            "bunga pinjaman yang ditagih tidak sesuai dengan perjanjian",
            "tagihan cicilan saya muncul dobel",
        ],
        [
            "tarif ojol yang ditagih beda jauh dari estimasi di aplikasi",
            "driver minta bayar tunai padahal saya sudah bayar pakai saldo",
            "saldo saya kepotong padahal perjalanannya dibatalkan",
        ],
        [
            "hotel menagih deposit lagi padahal sudah saya bayar di aplikasi",
            "harga kamar yang ditagih lebih mahal dari yang tertera",
        ],
    ],
    "refund_pending": [
        [
            "refund tiket pesawat yang dibatalkan maskapai belum masuk dari {dur}",
            "uang pembatalan hotel saya belum dikembalikan",
            "reschedule saya gagal dan uangnya belum balik",
        ],
        [
            "pesanan groceries dibatalkan tapi saldo saya belum dikembalikan",
            "barang yang kosong di belanjaan saya belum di-refund",
            "refund langganan yang saya batalkan belum masuk",
        ],
    ],
    "service_outage": [
        [
            "film di aplikasi streaming tidak bisa diputar, buffering terus",
            "aplikasi streaming-nya keluar sendiri tiap dibuka",
            "layanan cloud kalian tidak bisa diakses dari pagi",
        ],
        [
            "aplikasi ojol error waktu mau pesan, muncul gagal terus",
            "peta di aplikasi driver tidak bergerak, order tidak bisa jalan",
            "tidak bisa pesan ojek, aplikasinya loading terus",
        ],
        [
            "aplikasi pinjaman tidak bisa dibuka waktu mau bayar cicilan",
            "aplikasi kesehatan error waktu mau konsultasi dokter",
            "fitur chat dokter tidak bisa tersambung",
        ],
    ],
    "account_access": [
        [
            "akun streaming saya tiba-tiba keluar dan tidak bisa login lagi",
            "akun langganan saya dipakai orang lain dan password diganti",
            "kode verifikasi aplikasi pinjaman tidak masuk-masuk",
        ],
        [
            "akun ojol saya diblokir tanpa alasan",
            "akun saya di aplikasi hotel tidak bisa masuk padahal poin masih banyak",
            "poin member saya hilang setelah ganti hp",
        ],
    ],
    "poor_service": [
        [
            "sudah 3x saya tanyakan lewat chat tapi tidak ada yang membalas",
            "chat saya cuma dibaca admin, tidak dibalas dari kemarin",
            "email saya ke CS tidak pernah dijawab",
            "dari kemarin chat saya dicuekin",
        ],
        [
            "saya dilempar-lempar dari CS ke cabang lalu balik ke CS lagi",
            "tiap telepon dioper ke bagian lain dan disuruh cerita ulang",
            "disuruh menunggu terus tapi tidak pernah dihubungi balik",
        ],
        [
            "teknisi yang dijadwalkan tidak datang dan tidak ada kabar",
            "teknisi janji datang jam 10 tapi sampai sore tidak muncul",
            "jadwal teknisi dibatalkan sepihak tanpa pemberitahuan",
        ],
        [
            "kurirnya jutek dan paket dilempar ke teras",
            "driver ojolnya kasar dan marah-marah ke saya",
            "resepsionis hotel ketus waktu saya tanya soal kamar",
            "apoteker di aplikasi menjawab seenaknya",
        ],
        [
            "driver membatalkan pesanan saya tiga kali berturut-turut",
            "driver minta saya yang cancel biar dia tidak kena sanksi",
            "drivernya tidak mau jemput di titik yang saya pilih",
        ],
    ],
    "other": [
        [
            "mau tanya jam buka cabang di {city}",
            "apakah ada layanan antar ke {city}",
            "kalau mau jadi mitra driver syaratnya apa",
        ],
        [
            "mau tanya cara upgrade langganan ke paket keluarga",
            "bisa bayar langganan pakai pulsa tidak",
            "apakah ada paket langganan tahunan",
        ],
        [
            "apakah hotelnya menyediakan sarapan",
            "bisa minta kamar di lantai atas",
            "check-in paling cepat jam berapa",
        ],
        [
            "apotek online kalian buka 24 jam tidak",
            "bisa konsultasi dokter anak lewat aplikasi",
            "berapa limit pinjaman untuk pengguna baru",
        ],
    ],
}

EXTRA_HAPPY_CORES: list[list[str]] = [
    [
        "drivernya ramah dan nyetirnya hati-hati",
        "belanjaannya datang cepat dan sayurnya segar",
        "teknisinya datang tepat waktu dan kerjanya rapi",
    ],
    [
        "refund tiket saya akhirnya masuk",
        "hp saya sudah selesai diservis dan normal lagi",
        "obatnya sudah sampai, cepat sekali",
    ],
]

EXTRA_EMOTIONS: dict[str, list[list[str]]] = {
    "angry": [
        # Sarcastic praise beside the complaint.
        [
            "mantap banget pelayanannya 👏",
            "hebat ya kalian, luar biasa",
            "keren sekali pelayanannya, salut deh",
            "terima kasih lho sudah bikin saya nunggu",
            "top banget emang, mantul 👏👏",
        ],
        # Repeated follow-ups.
        [
            "sudah 3x saya tanyakan dan jawabannya sama terus",
            "ini follow up ke sekian kalinya",
            "berapa kali lagi saya harus chat",
            "saya sudah bolak-balik tanya dari kemarin",
        ],
        # Regional and rough chat.
        [
            "mas, gue udah capek ya sama kalian",
            "lu pada kerja gak sih",
            "parah euy, ngeselin pisan",
            "woy min, bales dong",
        ],
    ],
    "disappointed": [
        # Polite but clearly unhappy.
        [
            "mohon maaf sebelumnya, tapi saya sangat kecewa",
            "dengan segala hormat, pelayanan seperti ini tidak seharusnya terjadi",
            "saya menghargai usaha tim, namun hasilnya jauh dari harapan",
            "maaf kalau saya harus bilang ini, tapi saya kecewa",
        ],
        [
            "nggih mbak, tapi saya kecewa sekali",
            "sedih aku kak, padahal sudah nunggu-nunggu",
            "yah gitu deh, kecewa lagi",
        ],
    ],
    "anxious": [
        # Something at stake: travel, health, money, deadlines.
        [
            "penerbangan saya besok pagi, saya takut tidak bisa berangkat",
            "besok sudah harus check-in, saya khawatir sekali",
            "saya harus berangkat nanti malam, tolong kak",
        ],
        [
            "ibu saya harus minum obatnya malam ini, saya cemas",
            "anak saya sakit dan butuh obat itu segera",
            "saya takut kondisi ayah saya memburuk kalau obatnya telat",
        ],
        [
            "uang saya aman kan kak?",
            "takut saldonya hangus",
            "gimana nasib uang saya ini",
            "saya was-was uangnya tidak kembali",
        ],
        [
            "besok sudah harus bayar uang sekolah anak",
            "takut kena denda kalau telat",
            "jatuh temponya lusa, saya panik",
            "saya takut nama saya masuk daftar hitam",
        ],
        [
            "deg-degan banget nih, {core}",
            "mbak, saya panik, {core}",
            "{core}, gimana nasib saya kak",
        ],
    ],
    "confused": [
        [
            "kok {core} ya?",
            "kenapa {core}? padahal kemarin normal",
            "{core}, itu kenapa ya kak?",
        ],
        [
            "mas, ini maksudnya gimana ya",
            "euy, ini teh gimana caranya",
            "lho kok bisa gitu ya mbak",
        ],
    ],
    "neutral": [
        [
            "tolong dicek ya kak, {core}",
            "mohon bantuannya, {core}",
            "kak boleh dibantu, {core}",
        ],
        [
            "{core}. mohon info langkah selanjutnya",
            "{core}, apa yang perlu saya lakukan",
            "{core}, mohon arahannya",
        ],
    ],
    "happy": [
        ["mantap, makasih banyak ya", "salut sama pelayanannya", "keren, gercep banget"],
    ],
}
