"""Names for demo customers, by region, so a demo looks like Indonesia's customers.

Each region gives male and female given names and family names (or none: many
Javanese and Sundanese people use one or two given names and no family name).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    name: str
    weight: int
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]  # empty: names are given names only
    second_male: tuple[str, ...] = ()
    second_female: tuple[str, ...] = ()


def _t(text: str) -> tuple[str, ...]:
    return tuple(text.split())


REGIONS: tuple[Region, ...] = (
    Region(
        "jawa",
        30,
        _t(
            "Budi Agus Joko Slamet Bambang Hadi Eko Dwi Sugeng Wahyu Teguh Heru Arif Yudi "
            "Bayu Adi Rudi Dimas Galih Yoga Aditya Fajar Anang Sutrisno Suparman Priyo"
        ),
        _t(
            "Sri Siti Dewi Endang Rina Wulan Ayu Ratna Lestari Indah Puji Tri Yuni Retno "
            "Wahyuni Sari Nurul Ningsih Kartika Astuti Suharti Rahayu Anjani Putri"
        ),
        (),
        _t(
            "Santoso Setiawan Susilo Prasetyo Nugroho Wibowo Kurniawan Saputra Hidayat "
            "Purnomo Widodo Suryadi Hartanto Pamungkas Wicaksono Utomo"
        ),
        _t(
            "Wahyuni Lestari Rahayu Handayani Wulandari Susanti Kusumawati Puspitasari "
            "Rahmawati Safitri Maharani Pertiwi Anggraini Permatasari"
        ),
    ),
    Region(
        "sunda",
        14,
        _t("Asep Ujang Dadang Cecep Yayan Ade Dede Iwan Dodi Engkus Ajat Deden Hendi Rizal"),
        _t("Euis Neng Iis Cucu Lilis Imas Yanti Nining Ai Tati Rini Elis Siti Nenden"),
        (),
        _t(
            "Saepudin Suherman Sutisna Hermawan Kusnadi Sudrajat Permana Gunawan Ruhiyat "
            "Mulyana Hidayat Supriatna"
        ),
        _t("Nurhayati Kurniasih Rohaeti Komalasari Sumiati Mulyani Fitriani Hasanah"),
    ),
    Region(
        "batak",
        7,
        _t(
            "Hotman Roni Parlindungan Tigor Binsar Poltak Sahat Togar Jonathan Daniel Ricky "
            "Martua Benny Dompak"
        ),
        _t("Maria Rosmawati Lamtiur Debora Tiurma Sondang Ruth Lusiana Romauli Rotua Grace"),
        _t(
            "Simanjuntak Siregar Sitompul Nainggolan Hutapea Pardede Lubis Nasution Harahap "
            "Situmorang Sinaga Silalahi Panjaitan Manurung Tambunan Simatupang Sihombing "
            "Hutagalung Napitupulu Purba"
        ),
    ),
    Region(
        "minang",
        6,
        _t("Afrizal Syafrizal Hendri Zulkifli Fadli Yusuf Irfan Rahmat Ilham Edwin Reza Rizki"),
        _t("Yulia Rahmi Nofrianti Yusra Fitri Mardiana Desi Syafitri Elvi Rahmadani Nurhasanah"),
        _t("Chaniago Piliang Koto Tanjung Caniago Sikumbang Jambak Melayu Syam Datuk"),
    ),
    Region(
        "tionghoa",
        8,
        _t(
            "Hendra Kevin Yohanes Sutanto Budiman Wilson Jimmy Steven Vincent Andreas Ferry "
            "Gunawan Felix Michael"
        ),
        _t(
            "Linda Stefanie Yenny Lily Meiliana Fenny Cindy Jessica Vivian Susanti Natalia "
            "Monica Melinda"
        ),
        _t(
            "Wijaya Gunawan Tanoto Halim Kurniawan Santoso Salim Tanuwijaya Hartono Tjandra "
            "Lim Setiadi Sugianto Limanto Widjaja Tanjaya Hermanto"
        ),
    ),
    Region(
        "bali",
        4,
        _t("Wayan Made Nyoman Ketut Putu Gede Komang Kadek"),
        _t("Wayan Made Nyoman Ketut Putu Komang Kadek Luh"),
        (),
        _t("Sudarsana Suartana Wirawan Sudiarta Mahendra Astawa Darmawan Artha Sukadana"),
        _t("Ayu Lestari Sri Wahyuni Dewi Suartini Ariani Sukmawati Candra"),
    ),
    Region(
        "bugis",
        5,
        _t("Andi Baso Muhammad Syamsuddin Irwan Arifin Hasanuddin Rahman Syahrul Akbar"),
        _t("Andi Besse Nurhayati Hasnah Rosmiati Sitti Fatmawati Haslinda Nurjannah"),
        _t("Mappiare Tenri Abeng Pawelloi Makkasau Mallombasi Latief Mattalitti Ambo"),
    ),
    Region(
        "betawi-melayu",
        6,
        _t("Rahmat Firman Yusuf Ridwan Syaiful Hasan Ahmad Fauzi Hamdan Rizky Ikhsan Ilham"),
        _t("Nur Aisyah Fatimah Zahra Nabila Salsabila Rahma Nadia Annisa Aulia Farah"),
        (),
        _t("Hidayat Ramadhan Maulana Firmansyah Hakim Fauzan Syahputra Alamsyah Pratama"),
        _t("Ramadhani Azzahra Nurhaliza Maulida Khairunnisa Putri Amalia Safira"),
    ),
    Region(
        "manado",
        3,
        _t("Frangky Stenly Jefry Marthen Roy Hendrik Alfons Yohanis Ronald"),
        _t("Meity Feybe Deisy Olivia Stevi Vera Novita Grace Ivone"),
        _t("Lumenta Wowor Sondakh Pangemanan Rumengan Tumbelaka Mandagi Kaunang Lengkong"),
    ),
    Region(
        "maluku-papua",
        2,
        _t("Yance Marthinus Abraham Otis Petrus Simon Melkianus Agustinus"),
        _t("Magdalena Yuliana Martha Priskila Selvi Yosina Ester"),
        _t("Pattinama Latuconsina Tuhumury Wenda Rumbiak Kambu Matulessy Pattiasina"),
    ),
)

# English-speaking customers: expatriates and English-named customers.
ENGLISH_MALE = _t(
    "James David Michael Daniel Thomas Mark Andrew Peter Ryan Lucas Oliver Ethan Chris "
    "Matthew Benjamin Hiroshi Arjun"
)
ENGLISH_FEMALE = _t(
    "Sarah Emma Jessica Laura Rachel Emily Hannah Sophie Olivia Charlotte Megan Amy Chloe Priya Mei"
)
ENGLISH_FAMILY = _t(
    "Mitchell Thompson Clarke Walker Harris Robinson Wright Evans Baker Collins Murphy "
    "O'Brien Fraser Campbell Nguyen Tanaka Sharma Müller Dubois Jansen"
)

EMAIL_DOMAINS = (
    ("gmail.com", 60),
    ("yahoo.co.id", 12),
    ("yahoo.com", 6),
    ("outlook.com", 6),
    ("hotmail.com", 4),
    ("ymail.com", 2),
    ("icloud.com", 4),
    ("telkom.net", 1),
)

# Mobile prefixes after +62 (Telkomsel, Indosat, XL, Tri, Smartfren).
MOBILE_PREFIXES = (
    "811", "812", "813", "821", "822", "823", "851", "852", "853", "814", "815", "816",
    "855", "856", "857", "858", "817", "818", "819", "859", "877", "878", "895", "896",
    "897", "898", "899", "881", "882", "883", "887", "888",
)  # fmt: skip
