"""More Indonesian families: other industries, calm requests, confusion, mixed feelings.

Merged into :mod:`templates_id` (appended after the original families, so the original
families keep their train/test assignment). Industries: marketplaces, couriers, banks
and e-wallets, telcos and ISPs, airlines, food delivery, insurance and utilities.
An emotion variant containing ``{core}`` wraps the problem sentence instead of standing
beside it ("mau tanya, {core}").
"""

from __future__ import annotations

MORE_CORES: dict[str, list[list[str]]] = {
    "delivery_delay": [
        [
            "makanan yang saya pesan sudah {mins} belum diantar driver",
            "driver-nya tidak bergerak dari tadi, pesanan makanan belum datang",
            "orderan makanan saya belum sampai padahal sudah {mins}",
            "titik driver di peta diam saja dari {mins} yang lalu",
        ],
        [
            "paket COD saya belum diantar-antar",
            "kurir bilang alamat tidak ketemu jadi paket belum diantar",
            "paket saya malah dikembalikan ke pengirim tanpa konfirmasi",
            "jadwal pengiriman diundur terus tanpa kabar",
        ],
        [
            "bagasi saya belum sampai di {city}",
            "koper saya tertinggal di bandara dan belum diantar",
            "bagasi saya tidak ada di conveyor setelah mendarat",
        ],
        [
            "kartu ATM pengganti saya belum dikirim dari {dur}",
            "kartu kredit baru saya belum sampai ke rumah",
            "kartu SIM yang saya pesan online belum datang",
            "polis asuransi fisik saya belum dikirim sampai sekarang",
        ],
        [
            "barang pre-order saya lewat jadwal kirim {dur}",
            "sudah {dur} status pesanan masih menunggu pickup kurir",
            "paket saya belum di-pickup kurir dari {dur}",
            "pesanan saya belum diserahkan ke kurir padahal sudah dibayar",
        ],
        [
            "paketnya muter-muter terus di {city} tidak sampai-sampai",
            "paket saya malah dikirim ke {city}, bukan ke kota saya",
            "pengiriman ke alamat saya gagal terus",
        ],
    ],
    "item_problem": [
        [
            "makanannya basi waktu sampai",
            "minumannya tumpah semua di dalam kantong",
            "pesanan makanan saya kurang satu menu",
            "menu yang datang bukan yang saya pesan",
        ],
        [
            "baterai {item} cepat sekali habis, tidak normal",
            "layar {item} bergaris setelah dipakai sebentar",
            "{item} mati sendiri terus",
            "{item} panas sekali waktu dicas",
        ],
        [
            "segelnya sudah terbuka, sepertinya barang bekas",
            "barang yang saya terima bekas pakai, ada goresan",
            "dusnya sudah sobek dan isinya lecet",
        ],
        [
            "lemari yang saya beli datang tanpa baut",
            "meja yang datang goyang dan kakinya patah",
            "kursinya datang tidak lengkap, ada bagian yang hilang",
        ],
        [
            "ukuran sepatunya kekecilan padahal sudah sesuai size chart",
            "jahitan bajunya lepas waktu pertama dicuci",
            "warnanya luntur setelah sekali cuci",
        ],
        [
            "kartu perdana yang saya beli tidak bisa diaktifkan",
            "token listrik yang keluar tidak bisa dimasukkan ke meteran",
            "voucher yang saya beli tidak bisa dipakai",
        ],
    ],
    "billing_error": [
        [
            "pulsa saya tersedot terus padahal tidak dipakai",
            "kuota saya habis tidak wajar, padahal baru beli kemarin",
            "pulsa berkurang {amount} tanpa saya pakai apa-apa",
        ],
        [
            "tagihan listrik bulan ini naik dua kali lipat",
            "tagihan air bulan ini {amount}, tidak masuk akal",
            "tagihan pascabayar saya naik padahal pemakaian sama",
            "tagihan internet bulan ini lebih mahal dari harga paket",
        ],
        [
            "saldo e-wallet saya berkurang sendiri",
            "kena biaya transfer {amount} padahal katanya gratis",
            "ongkir yang ditagih lebih mahal dari yang tertera di aplikasi",
            "voucher tidak terpotong waktu bayar, jadi saya bayar harga penuh",
        ],
        [
            "top up {amount} sudah berhasil di m-banking tapi saldo belum bertambah",
            "sudah bayar tagihan tapi di aplikasi masih tertulis belum bayar",
            "bayar token listrik sudah terpotong tapi kode tokennya tidak keluar",
            "kartu saya sudah ditagih tapi tiket pesawatnya tidak terbit",
        ],
        [
            "premi asuransi saya terdebet dua kali bulan ini",
            "cicilan saya dipotong dua kali",
            "angsuran bulan ini terdebet lebih besar dari jadwal",
            "premi saya naik tanpa pemberitahuan",
        ],
        [
            "cashback yang dijanjikan tidak masuk",
            "poin reward saya tidak masuk setelah transaksi",
            "harga di keranjang beda dengan yang ditagihkan",
        ],
    ],
    "refund_pending": [
        [
            "penerbangan saya dibatalkan maskapai tapi refund tiketnya belum cair",
            "refund tiket pesawat saya belum masuk dari {dur}",
            "pengajuan refund tiket sudah {dur} tidak ada kabarnya",
        ],
        [
            "pesanan makanan dibatalkan driver tapi saldo saya belum balik",
            "transaksi di merchant gagal tapi saldo e-wallet belum dikembalikan",
            "top up gagal dan uangnya belum dikembalikan ke rekening",
        ],
        [
            "uang deposit saya belum dikembalikan",
            "pengembalian uang jaminan belum diproses",
            "sisa saldo setelah tutup akun belum ditransfer balik",
        ],
        [
            "klaim asuransi saya sudah disetujui tapi dananya belum cair",
            "pencairan klaim saya tertunda terus",
            "penggantian biaya rumah sakit belum ditransfer",
        ],
        [
            "sudah {dur} menunggu dana balik setelah pembatalan",
            "uang saya belum kembali padahal pesanan sudah dibatalkan",
            "dana pengembalian belum saya terima, padahal katanya sudah diproses",
        ],
    ],
    "service_outage": [
        [
            "m-banking tidak bisa dibuka dari pagi",
            "transfer lewat mobile banking gagal terus",
            "internet banking sedang gangguan ya",
            "aplikasi bank error setiap mau transfer",
        ],
        [
            "tidak bisa internetan padahal kuota masih banyak",
            "sinyal 4G hilang, cuma dapat E",
            "jaringan seluler di rumah tidak ada sama sekali",
        ],
        [
            "air PDAM tidak mengalir dari {dur}",
            "listrik di rumah padam dari semalam",
            "gas tidak mengalir sejak pagi",
        ],
        [
            "fitur chat di aplikasi tidak bisa dipakai",
            "aplikasi tidak bisa di-update",
            "tombol bayar di aplikasi tidak bisa diklik",
            "notifikasi aplikasi tidak muncul sama sekali",
        ],
        [
            "e-wallet tidak bisa dipakai bayar di kasir",
            "scan QR selalu gagal di merchant",
            "pembayaran kartu ditolak terus padahal saldo ada",
        ],
        [
            "wifi indihome mati total dari {dur}",
            "internet lemot sekali sejak kemarin",
            "modem sudah direstart tapi tetap tidak ada internet",
        ],
        [
            "website check-in maskapai tidak bisa diakses",
            "aplikasi pemesanan tiket error waktu pembayaran",
            "sistem pemesanan sedang down ya",
        ],
    ],
    "account_access": [
        [
            "akun saya keluar sendiri dan tidak bisa masuk lagi",
            "password saya dibilang salah terus padahal sudah benar",
            "tidak bisa masuk aplikasi, muncul sesi berakhir terus",
        ],
        [
            "verifikasi wajah gagal terus",
            "tidak bisa verifikasi KTP di aplikasi",
            "upgrade akun ditolak terus tanpa alasan",
        ],
        [
            "email verifikasi tidak pernah masuk",
            "link aktivasi akun tidak sampai ke email",
            "kode aktivasi tidak dikirim ke nomor saya",
        ],
        [
            "akun e-wallet saya terkunci",
            "m-banking saya terblokir",
            "akun saya dinonaktifkan tanpa pemberitahuan",
        ],
        [
            "ada yang login pakai akun saya",
            "ada transaksi dari akun saya yang bukan saya",
            "password akun saya diganti orang lain",
        ],
    ],
    "poor_service": [
        [
            "jawaban CS tidak nyambung dengan pertanyaan saya",
            "CS cuma minta maaf tapi tidak ada solusi",
            "agen call center tidak paham masalah saya",
        ],
        [
            "driver-nya marah-marah waktu saya minta tunggu",
            "kurirnya melempar paket ke halaman",
            "teller di kantor cabang cuek sekali",
            "petugas bandara tidak mau membantu sama sekali",
        ],
        [
            "saya disuruh datang ke kantor cabang berkali-kali",
            "laporan saya dioper ke bagian lain terus",
            "setiap telepon dijawab harus menunggu tanpa kepastian",
        ],
        [
            "sudah {n} kali lapor tapi jawabannya sama terus",
            "keluhan saya tidak pernah ditindaklanjuti",
            "tiket pengaduan saya tidak ada respons",
        ],
        [
            "petugas yang datang tidak memperbaiki apa-apa lalu pergi",
            "teknisi datang terlambat {mins} tanpa kabar",
            "petugas meminta uang tambahan di luar biaya resmi",
        ],
    ],
    "other": [
        [
            "mau tanya cara klaim asuransi",
            "bagaimana cara daftar paylater",
            "syarat pengajuan kartu kredit apa saja",
            "cara menutup rekening bagaimana",
        ],
        [
            "saya mau ganti alamat pengiriman ke {city}",
            "mau ganti alamat email di akun saya",
            "mau ubah data nama di akun",
            "bisa ganti nomor tujuan pengiriman",
        ],
        [
            "apakah tiket saya bisa di-reschedule",
            "mau pindah paket internet ke yang lebih murah",
            "bisa tambah bagasi untuk penerbangan saya",
            "apakah bisa pindah kursi",
        ],
        [
            "ada promo untuk pelanggan lama",
            "bisa minta tagihan dikirim lewat email",
            "apakah bisa bayar pakai kartu kredit",
            "berapa biaya pasang baru di {city}",
        ],
        [
            "saya mau cek status pengajuan saya",
            "mau minta rekening koran tiga bulan terakhir",
            "bisa minta bukti potong pajak",
        ],
    ],
}

MORE_HAPPY_CORES: list[list[str]] = [
    [
        "tadi sempat telat tapi akhirnya sampai juga",
        "kemarin sempat error tapi sekarang sudah bisa",
        "awalnya ada kendala tapi CS-nya cepat sekali bantu",
    ],
    [
        "driver-nya ramah dan makanannya masih hangat",
        "kurirnya sopan, paket diantar sampai depan pintu",
        "teknisinya datang tepat waktu dan langsung beres",
    ],
    [
        "proses klaim asuransinya cepat",
        "refund cair lebih cepat dari perkiraan",
        "pengajuan saya langsung disetujui",
    ],
    [
        "penerbangannya tepat waktu dan kru-nya ramah",
        "aplikasinya sekarang jauh lebih gampang dipakai",
        "harga sesuai dan barang original",
    ],
]

MORE_EMOTIONS: dict[str, list[list[str]]] = {
    "angry": [
        ["ngeselin banget", "bikin naik darah", "gila ya kalian", "kesel parah"],
        ["apa susahnya sih balas chat", "kalian bisa kerja gak sih", "kerja yang bener dong"],
        [
            "sudah cukup, saya tidak mau dengar alasan lagi",
            "jangan main-main dengan uang saya",
            "saya tidak terima diperlakukan begini",
        ],
    ],
    "disappointed": [
        ["agak kecewa sih", "sedikit kecewa", "kurang puas dengan hasilnya", "cukup kecewa"],
        [
            "sayang banget padahal produknya bagus",
            "baru pertama kali pakai langsung begini",
            "padahal saya sudah merekomendasikan ke teman",
        ],
        ["ya sudahlah", "mau bagaimana lagi", "pasrah saja saya", "ya sudah, saya capek berharap"],
    ],
    "anxious": [
        ["saya takut terjadi apa-apa", "deg-degan saya", "jantung saya berdebar terus"],
        ["besok sudah jatuh tempo", "batas waktunya hari ini", "saya harus berangkat besok pagi"],
        ["apakah data saya aman", "saya takut datanya disalahgunakan", "takut ada yang curi"],
    ],
    "confused": [
        [
            "saya kurang paham tagihannya",
            "rincian tagihannya membingungkan",
            "tidak mengerti kenapa nominalnya segini",
        ],
        [
            "fitur ini cara pakainya bagaimana, saya tidak paham",
            "saya belum ngerti cara kerjanya",
            "petunjuk di aplikasi tidak jelas buat saya",
        ],
        [
            "katanya sudah selesai tapi di aplikasi belum, jadi yang benar yang mana",
            "infonya beda-beda, saya jadi tidak yakin",
            "yang mana yang harus saya percaya",
        ],
        ["lho kok jadi begini", "hah kok bisa ya", "loh ini maksudnya apa", "lah kok gitu"],
        [
            "saya harus isi formulir yang mana",
            "prosedurnya berbelit, saya tidak paham urutannya",
            "saya tidak tahu harus mulai dari mana",
        ],
    ],
    "neutral": [
        ["mau tanya, {core}", "izin bertanya, {core}", "numpang tanya ya, {core}"],
        ["{core}, mohon dicek ya", "{core}. boleh dibantu cek statusnya", "{core}, bisa dicek"],
        ["untuk info, {core}", "sekadar menginformasikan, {core}", "mau lapor, {core}"],
        ["apakah ada update", "sudah ada perkembangan belum ya", "statusnya sekarang bagaimana"],
        [
            "saya lampirkan buktinya",
            "berikut saya lampirkan screenshot-nya",
            "nomor pesanan dan bukti bayar terlampir",
        ],
        ["mohon konfirmasinya", "tolong dikonfirmasi ya", "mohon diinfokan kalau sudah selesai"],
        [
            "saya follow up laporan kemarin",
            "menindaklanjuti pesan saya sebelumnya",
            "mau follow up tiket saya",
        ],
        [
            "kira-kira berapa lama prosesnya",
            "prosesnya butuh waktu berapa hari",
            "estimasinya kapan ya",
        ],
        [
            "boleh minta nomor tiket laporannya",
            "apa saja dokumen yang perlu saya siapkan",
            "perlu data apa lagi dari saya",
        ],
    ],
    "happy": [
        ["makasih ya kak, sangat membantu", "terima kasih banyak, sudah beres", "thanks min"],
        ["senang banget", "puas banget pokoknya", "alhamdulillah lega", "mantul"],
        ["pasti order lagi", "bakal langganan terus", "saya rekomendasikan ke teman-teman"],
    ],
}

MORE_SLOTS: dict[str, list[str]] = {
    "mins": ["1 jam", "45 menit", "2 jam", "satu jam", "1,5 jam"],
}

# Worry, puzzlement and resignation with varied syntax (appended last so the families
# above keep their train/test split).
MORE_EMOTIONS["anxious"] += [
    ["aduh deg-degan nih, {core}", "jujur saya panik, {core}", "{core}, saya jadi ketar-ketir"],
    ["uang saya aman kan kak?", "dana saya nggak hilang kan?", "apa saldo saya bisa balik?"],
    ["besok sudah jatuh tempo", "batas waktunya nanti sore", "harus beres hari ini juga"],
    [
        "takut akun saya dibobol orang",
        "ada yang login di akun saya, saya takut",
        "kok ada transaksi yang bukan saya, takut banget",
    ],
    [
        "gimana ini kak, tolong segera",
        "saya harus gimana ini",
        "tolong cepat dibantu ya, saya khawatir",
    ],
]
MORE_EMOTIONS["confused"] += [
    ["maksudnya gimana ya kak?", "ini artinya apa ya?", "saya kurang nangkep maksudnya"],
    [
        "kok bisa begini ya, padahal saya nggak ngapa-ngapain",
        "aneh, kemarin masih normal",
        "lho kok tiba-tiba begini",
    ],
    [
        "yang mana yang harus saya pilih?",
        "bedanya paket A sama B apa ya",
        "saya harus isi yang mana",
    ],
    [
        "saya masih belum paham penjelasannya",
        "ga ngerti deh sama aturannya",
        "penjelasannya bikin bingung",
    ],
]
MORE_EMOTIONS["disappointed"] += [
    ["ya sudahlah, mau gimana lagi", "pasrah aja deh", "udah lah, percuma juga komplain"],
    ["nyesel banget belanja di sini", "tau gitu saya ga pesan", "harusnya saya pilih yang lain"],
    [
        "sayang sekali ya, padahal saya pelanggan lama",
        "padahal dulu pelayanannya bagus",
        "saya berharap lebih dari kalian",
    ],
]
