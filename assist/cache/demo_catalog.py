"""What demo customers buy, pay and complain about: products, plans and summaries."""

from __future__ import annotations

from assist.month_names import MONTHS_EN as _MONTHS_EN
from assist.month_names import MONTHS_ID as _MONTHS_ID

# (description, price in rupiah)
PRODUCTS: tuple[tuple[str, int], ...] = (
    ("Samsung Galaxy A15 8/256GB Hitam", 2_999_000),
    ("Xiaomi Redmi Note 13 8/256GB", 2_899_000),
    ("iPhone 13 128GB Midnight (iBox)", 9_999_000),
    ("Headset Bluetooth JBL Tune 520BT", 599_000),
    ("Rice cooker Miyako MCM-508 1,8 L", 289_000),
    ('Kipas angin berdiri Cosmos 16"', 325_000),
    ("Blender Philips HR2115", 649_000),
    ("Setrika Maspion HA-110", 145_000),
    ("Kulkas 2 pintu Sharp SJ-195MD 180 L", 2_749_000),
    ("Mesin cuci LG 7 kg front loading", 4_599_000),
    ('Smart TV Polytron 43" Android', 3_499_000),
    ("Laptop ASUS Vivobook 14 i3/8GB/512GB", 6_899_000),
    ("Mouse wireless Logitech M185", 129_000),
    ("Powerbank Anker 10.000 mAh", 349_000),
    ("Kemeja batik pria lengan panjang", 189_000),
    ("Gamis wanita katun rayon", 159_000),
    ("Hijab segi empat voal motif", 59_000),
    ("Sepatu lari Ortuseight Hyperglide", 499_000),
    ("Sandal jepit Swallow (3 pasang)", 45_000),
    ("Tas ransel Eiger 25 L", 429_000),
    ("Beras premium Rojolele 5 kg", 79_000),
    ("Minyak goreng Bimoli 2 L", 38_500),
    ("Kopi bubuk Kapal Api 380 g (2 pak)", 52_000),
    ("Indomie goreng 1 dus (40 bungkus)", 118_000),
    ("Susu UHT Ultra Milk 1 L (12 kotak)", 189_000),
    ("Popok bayi MamyPoko Pants L 54", 165_000),
    ("Skincare Wardah paket wajah", 215_000),
    ("Serum Somethinc Niacinamide 20 ml", 99_000),
    ("Parfum HMNS Orgasm 100 ml", 355_000),
    ("Buku 'Laskar Pelangi' (cetakan baru)", 89_000),
    ("Mainan LEGO Classic 11014", 699_000),
    ("Helm Bogo retro SNI", 215_000),
    ("Oli motor Yamalube 1 L (2 botol)", 108_000),
    ("Ban motor IRC 80/90-17", 235_000),
    ("Tenda camping 4 orang", 685_000),
    ("Dispenser Sanken HWD-760", 1_150_000),
    ("AC Daikin 1 PK Inverter + pasang", 5_450_000),
    ("Paket kue kering Lebaran (4 toples)", 320_000),
    ("Sarung Wadimor motif kotak", 95_000),
    ("Meja lipat laptop kayu", 139_000),
)

MARKETPLACES = ("MPL", "MPL", "MPL", "TKP")
PAYMENT_METHODS = (
    "BCA Virtual Account",
    "Mandiri Virtual Account",
    "BRI Virtual Account",
    "QRIS",
    "GoPay",
    "OVO",
    "DANA",
    "ShopeePay",
    "kartu kredit",
    "Indomaret",
    "Alfamart",
)
COURIERS = ("JNE", "J&T Express", "SiCepat", "AnterAja", "Ninja Xpress", "Pos Indonesia", "GoSend")

INTERNET_PLANS = (
    ("Internet Rumah 30 Mbps", 285_000),
    ("Internet Rumah 50 Mbps", 385_000),
    ("Internet Rumah 100 Mbps + TV", 575_000),
)
POSTPAID_PLANS = (
    ("Paket Pascabayar 25 GB", 100_000),
    ("Paket Pascabayar 60 GB", 200_000),
    ("Paket Pascabayar Unlimited", 300_000),
)
TOPUPS_ID = (
    ("Pulsa Telkomsel Rp 50.000", 51_500),
    ("Pulsa Indosat Rp 100.000", 101_500),
    ("Pulsa XL Rp 25.000", 26_000),
    ("Paket data 15 GB 30 hari", 85_000),
    ("Paket data 35 GB 30 hari", 145_000),
    ("Top-up GoPay", 200_000),
    ("Top-up OVO", 100_000),
    ("Top-up DANA", 300_000),
    ("Token listrik PLN 100rb", 101_500),
    ("Token listrik PLN 200rb", 201_500),
    ("Voucher game Mobile Legends 257 diamond", 75_000),
)
TOPUPS_EN = (
    ("Telkomsel airtime Rp 50.000", 51_500),
    ("Indosat airtime Rp 100.000", 101_500),
    ("Data pack 15 GB, 30 days", 85_000),
    ("GoPay top-up", 200_000),
    ("OVO top-up", 100_000),
    ("PLN electricity token 200k", 201_500),
)
MONTHS_ID = list(_MONTHS_ID)
MONTHS_EN = list(_MONTHS_EN)

SERVICE_VISITS_ID = (
    ("Kunjungan teknisi: gangguan internet (lampu LOS merah)", 0),
    ("Kunjungan teknisi: penggantian modem ONT", 0),
    ("Pemasangan baru internet rumah", 150_000),
    ("Servis AC: cuci dan isi freon", 250_000),
    ("Kunjungan teknisi: kabel fiber putus", 0),
)
SERVICE_VISITS_EN = (
    ("Technician visit: internet outage (red LOS light)", 0),
    ("Technician visit: ONT modem replacement", 0),
    ("New home internet installation", 150_000),
    ("Air-conditioner service: cleaning and refill", 250_000),
)
REFUND_REASONS_ID = ("barang rusak", "barang tidak sesuai", "pesanan dibatalkan", "ongkir lebih")
REFUND_REASONS_EN = ("item damaged", "wrong item", "order cancelled", "shipping overcharged")

# Interaction summaries; {ref} is the transaction's reference.
SUMMARIES_ID = {
    "delayed": (
        "Menanyakan pesanan {ref} yang belum sampai, dijanjikan kabar dari kurir 2x24 jam",
        "Komplain paket {ref} tertahan di gudang transit, diteruskan ke tim logistik",
    ),
    "failed": (
        "Pembayaran {ref} gagal tetapi saldo terpotong, diminta bukti transfer",
        "Top-up {ref} gagal, pelanggan minta dana dikembalikan",
    ),
    "disputed": (
        "Pelanggan merasa ditagih dua kali untuk {ref}, kasus diteruskan ke tim billing",
        "Keberatan atas tagihan {ref}, menunggu investigasi",
    ),
    "lost": ("Paket {ref} dinyatakan hilang oleh kurir, pengajuan klaim dibuat",),
    "on_hold": ("Pesanan {ref} ditahan verifikasi, pelanggan diminta melengkapi data",),
    "refunded": ("Menanyakan status refund {ref}, dijelaskan estimasi 3-7 hari kerja",),
    "cancelled": ("Membatalkan pesanan {ref} atas permintaan pelanggan",),
    "completed": (
        "Menanyakan cara klaim garansi untuk {ref}",
        "Minta faktur pajak untuk {ref}, sudah dikirim lewat email",
        "Konfirmasi pembayaran {ref} sudah diterima",
    ),
    "general": (
        "Menanyakan promo ongkir gratis bulan ini",
        "Minta ganti nomor HP di akun",
        "Menanyakan jam operasional layanan pelanggan",
        "Lupa kata sandi, dibantu reset lewat email",
    ),
}
SUMMARIES_EN = {
    "delayed": (
        "Asked about order {ref} not yet delivered; promised courier update within 48 hours",
        "Complained that parcel {ref} is stuck at a transit hub; passed to logistics",
    ),
    "failed": (
        "Payment {ref} failed but the balance was deducted; asked for transfer receipt",
        "Top-up {ref} failed; customer wants the money back",
    ),
    "disputed": (
        "Customer says they were charged twice for {ref}; escalated to billing",
        "Disputes the charge {ref}; investigation pending",
    ),
    "lost": ("Courier declared parcel {ref} lost; claim filed",),
    "on_hold": ("Order {ref} on hold for verification; customer asked for documents",),
    "refunded": ("Asked about refund {ref}; explained 3-7 working days",),
    "cancelled": ("Cancelled order {ref} at the customer's request",),
    "completed": (
        "Asked how to claim the warranty for {ref}",
        "Requested a tax invoice for {ref}; sent by e-mail",
        "Confirmed payment {ref} was received",
    ),
    "general": (
        "Asked about this month's free-shipping promo",
        "Wanted to change the phone number on the account",
        "Forgot password; helped reset it by e-mail",
    ),
}

NOTES_ID = (
    "Pelanggan lama, sangat teliti soal detail pesanan",
    "Lebih suka dihubungi lewat WhatsApp",
    "Pernah kecewa dengan keterlambatan, mohon beri kabar proaktif",
    "Pemilik toko kecil, sering belanja grosir",
    "Sering titip pesanan untuk orang tua",
)
NOTES_EN = (
    "Long-time customer, appreciates detailed updates",
    "Prefers e-mail; works odd hours",
    "Had a bad delivery experience before; keep them posted",
)
