"""Indonesian chat spelling → standard form, and the words that tell the languages apart.

The normaliser maps each token through :data:`SLANG_ID` (or :data:`SLANG_EN`) after
squashing letters typed three or more times ("lamaaaa" → "lama"), so every rule and the
classifiers see ``tidak`` whether the customer typed gak, ga, nggak, gk or tdk.
"""

from __future__ import annotations

# Abbreviations, chat spellings and frequent typos seen in Indonesian customer messages.
# fmt: off
SLANG_ID: dict[str, str] = {
    # negation
    "gak": "tidak", "ga": "tidak", "gk": "tidak", "nggak": "tidak", "ngga": "tidak",
    "nggk": "tidak", "ngak": "tidak", "enggak": "tidak", "engga": "tidak", "gag": "tidak",
    "tdk": "tidak", "tak": "tidak", "kagak": "tidak", "kaga": "tidak", "ndak": "tidak",
    "nda": "tidak", "gabisa": "tidak bisa", "gbs": "tidak bisa", "gamau": "tidak mau",
    "gatau": "tidak tahu", "gatw": "tidak tahu", "gaada": "tidak ada", "gada": "tidak ada",
    "ngk": "tidak", "g": "tidak",
    "bkn": "bukan", "bukn": "bukan", "blm": "belum", "blum": "belum", "belom": "belum",
    "lom": "belum", "jgn": "jangan", "jngn": "jangan",
    # time and aspect
    "udh": "sudah", "udah": "sudah", "sdh": "sudah", "dah": "sudah", "udahan": "sudah",
    "uda": "sudah", "sudh": "sudah", "sdah": "sudah", "lg": "lagi", "lgi": "lagi",
    "kmrn": "kemarin", "kemaren": "kemarin", "kmarin": "kemarin", "kmren": "kemarin",
    "bsk": "besok", "besuk": "besok", "skrg": "sekarang", "skg": "sekarang",
    "skrang": "sekarang", "sekarng": "sekarang", "td": "tadi", "tdi": "tadi",
    "mgg": "minggu", "mgu": "minggu", "minggu2": "minggu-minggu", "hr": "hari", "hri": "hari",
    "bln": "bulan", "thn": "tahun", "jm": "jam", "mnt": "menit", "sminggu": "seminggu",
    "smgg": "seminggu", "sebln": "sebulan", "sblm": "sebelum", "stlh": "setelah",
    "stelah": "setelah", "trus": "terus", "trs": "terus", "ters": "terus", "msh": "masih",
    "masi": "masih", "mash": "masih", "sll": "selalu", "slalu": "selalu",
    "brkali2": "berkali-kali",
    "berkali2": "berkali-kali", "lg2": "lagi-lagi", "lagi2": "lagi-lagi",
    # intensifiers
    "bgt": "banget", "bngt": "banget", "bgtt": "banget", "bgd": "banget", "bget": "banget",
    "bngtt": "banget", "buanget": "banget", "bangettt": "banget", "skali": "sekali",
    "bener2": "benar-benar", "bnr2": "benar-benar", "bener-bener": "benar-benar",
    "beneran": "benar", "bener": "benar", "bnr": "benar", "sgt": "sangat", "sngt": "sangat",
    "bangt": "banget",
    # pronouns and address
    "sy": "saya", "sya": "saya", "aku": "saya", "ak": "saya", "aq": "saya", "gw": "saya",
    "gue": "saya", "gua": "saya", "w": "saya", "sayah": "saya", "km": "kamu", "kmu": "kamu",
    "lu": "kamu", "lo": "kamu", "loe": "kamu", "elu": "kamu", "anda": "anda", "kalian": "kalian",
    "kak": "kakak", "ka": "kakak", "kk": "kakak", "min": "admin", "mimin": "admin",
    "gan": "agan", "sis": "sista", "pak": "bapak", "bpk": "bapak", "bp": "bapak",
    "bu": "ibu", "ibuk": "ibu", "mas": "mas", "mbak": "mbak", "mba": "mbak", "org": "orang",
    "orng": "orang", "qta": "kita", "kt": "kita", "kmi": "kami", "km2": "kami",
    # function words
    "yg": "yang", "yng": "yang", "dgn": "dengan", "dg": "dengan", "dng": "dengan",
    "sm": "sama", "ama": "sama", "sma": "sama", "dr": "dari", "dri": "dari", "krn": "karena",
    "krna": "karena", "karna": "karena", "soalnya": "karena", "jg": "juga", "jga": "juga",
    "aja": "saja", "aj": "saja", "ajah": "saja", "doang": "saja", "tp": "tapi", "tpi": "tapi",
    "tapi": "tapi", "tetapi": "tapi", "pdhl": "padahal", "pdhal": "padahal", "padahl": "padahal",
    "utk": "untuk", "untk": "untuk", "buat": "untuk", "bwt": "untuk", "u/": "untuk",
    "dlm": "dalam", "pd": "pada", "kl": "kalau", "kalo": "kalau", "klo": "kalau", "klw": "kalau",
    "kalw": "kalau", "spt": "seperti", "kyk": "kayak", "kek": "kayak", "kaya": "kayak",
    "gmn": "gimana", "gmna": "gimana", "gimana": "gimana", "bagaimana": "gimana",
    "bgmn": "gimana", "knp": "kenapa", "knpa": "kenapa", "napa": "kenapa", "ngapa": "kenapa",
    "mengapa": "kenapa", "brp": "berapa", "brapa": "berapa", "kpn": "kapan", "kapn": "kapan",
    "dmn": "dimana", "mana": "mana", "ap": "apa", "apa2": "apa-apa", "pa": "apa",
    "emg": "memang", "emang": "memang", "mmg": "memang", "tlg": "tolong", "tolng": "tolong",
    "mhn": "mohon", "mohn": "mohon", "trims": "terima kasih", "trimakasih": "terima kasih",
    "makasih": "terima kasih", "makasi": "terima kasih", "mksh": "terima kasih",
    "mks": "terima kasih", "thx": "terima kasih", "thanks": "terima kasih",
    "tq": "terima kasih", "ty": "terima kasih", "tks": "terima kasih", "trmksh": "terima kasih",
    "terimakasih": "terima kasih", "ok": "oke", "okay": "oke", "okey": "oke", "okee": "oke",
    "sip": "oke", "y": "ya", "iya": "ya", "iy": "ya", "yaa": "ya", "ya": "ya", "yah": "ya",
    "dong": "dong", "donk": "dong", "dunk": "dong", "sih": "sih", "nih": "ini", "ni": "ini",
    "gini": "begini", "gitu": "begitu", "gt": "begitu", "gtu": "begitu", "bgtu": "begitu",
    "bs": "bisa", "bsa": "bisa", "bisa2": "bisa-bisa", "hrs": "harus", "hrus": "harus",
    "msti": "mesti", "mau": "mau", "mo": "mau", "pengen": "ingin", "pgn": "ingin",
    "pingin": "ingin", "mw": "mau", "tau": "tahu", "tw": "tahu", "tahu": "tahu",
    "ngerti": "mengerti",
    "ngrti": "mengerti", "paham": "paham", "liat": "lihat", "lht": "lihat", "ngecek": "cek",
    "dicek": "cek", "ngasih": "kasih", "dikasih": "diberi", "ksh": "kasih", "bilang": "bilang",
    "blg": "bilang", "blang": "bilang", "ngomong": "bilang", "nunggu": "tunggu",
    "nungguin": "tunggu", "tunggu2": "tunggu", "dtg": "datang", "dateng": "datang",
    "nyampe": "sampai", "nyampai": "sampai", "sampe": "sampai", "smpe": "sampai", "smp": "sampai",
    "nympe": "sampai", "nyampek": "sampai", "kirim": "kirim", "krm": "kirim", "dikrm": "dikirim",
    "ngirim": "kirim", "balikin": "kembalikan", "dibalikin": "dikembalikan", "blkin": "kembalikan",
    "gimana2": "gimana", "gpp": "tidak apa-apa", "gapapa": "tidak apa-apa",
    "nggapapa": "tidak apa-apa", "bnyk": "banyak", "byk": "banyak", "sdkt": "sedikit",
    "dikit": "sedikit", "cm": "cuma", "cma": "cuma", "cuman": "cuma", "doank": "saja",
    "lbh": "lebih", "lbih": "lebih", "kurg": "kurang", "krg": "kurang", "tmn": "teman",
    "temen": "teman", "sdr": "saudara", "bkin": "bikin", "bikin": "bikin", "dibkin": "dibikin",
    "pake": "pakai", "pk": "pakai", "make": "pakai", "makai": "pakai", "ttg": "tentang",
    "ato": "atau", "atw": "atau", "ataw": "atau", "dl": "dulu", "dlu": "dulu", "tsb": "tersebut",
    "sbg": "sebagai", "shg": "sehingga", "jd": "jadi", "jdi": "jadi", "jadi": "jadi",
    "sampai2": "sampai-sampai", "smua": "semua", "smw": "semua", "sm2": "sama-sama",
    "dpt": "dapat", "dapet": "dapat", "dpet": "dapat", "bgus": "bagus", "bgs": "bagus",
    "jlk": "jelek", "jelek": "jelek", "ancur": "hancur", "rusak2": "rusak", "rsk": "rusak",
    "trnyata": "ternyata", "ternyta": "ternyata", "trnyta": "ternyata", "kok": "kok", "ko": "kok",
    "knapa": "kenapa", "seh": "sih", "aneh2": "aneh", "sampah": "sampah",
    # domain words and their typos
    "pesenan": "pesanan", "psnan": "pesanan", "pesnan": "pesanan", "psn": "pesan",
    "mesen": "pesan", "order": "order", "odr": "order", "orderan": "pesanan",
    "pkt": "paket", "pakett": "paket", "brg": "barang", "brng": "barang", "barng": "barang",
    "kurir": "kurir", "krr": "kurir", "ekspedisi": "ekspedisi", "resi": "resi", "rsi": "resi",
    "ongkir": "ongkir", "tf": "transfer", "trf": "transfer", "trnsfr": "transfer",
    "transfr": "transfer", "byr": "bayar", "bayr": "bayar", "dibyr": "dibayar",
    "pembyrn": "pembayaran", "pmbayaran": "pembayaran", "tghn": "tagihan", "tagihn": "tagihan",
    "tagian": "tagihan", "saldo": "saldo", "sldo": "saldo", "refun": "refund",
    "refund": "refund", "rfnd": "refund", "reffund": "refund", "dana": "dana", "duit": "uang",
    "duid": "uang", "uang": "uang", "uangnya": "uangnya", "dipotong": "dipotong",
    "kepotong": "terpotong", "kpotong": "terpotong", "ke-potong": "terpotong",
    "kedebet": "terdebet", "kedobel": "dobel", "double": "dobel", "dobel": "dobel",
    "2x": "dua kali", "3x": "tiga kali", "4x": "empat kali", "5x": "lima kali",
    "akun": "akun", "akunn": "akun", "acc": "akun", "account": "akun", "pw": "password",
    "pass": "password", "passwd": "password", "sandi": "password", "kata sandi": "password",
    "otp": "otp", "kode": "kode", "verif": "verifikasi", "verifikasi": "verifikasi",
    "log-in": "login", "masuk": "masuk", "keblokir": "terblokir", "diblokir": "diblokir",
    "kblokir": "terblokir", "ke-blokir": "terblokir", "kehack": "diretas", "dihack": "diretas",
    "kena hack": "diretas", "hack": "retas", "dibobol": "dibobol", "jaringan": "jaringan",
    "sinyal": "sinyal", "signal": "sinyal", "sinyl": "sinyal", "inet": "internet",
    "internt": "internet", "wifi": "wifi", "wi-fi": "wifi", "lemot": "lambat", "lelet": "lambat",
    "lola": "lambat", "eror": "error", "erorr": "error", "err": "error", "erro": "error",
    "gangguan": "gangguan", "ganguan": "gangguan", "gnggn": "gangguan", "down": "down",
    "mati": "mati", "mt": "mati", "apk": "aplikasi", "app": "aplikasi", "aplikasinya": "aplikasi",
    "aplkasi": "aplikasi", "aplikas": "aplikasi", "cs": "customer service",
    "cso": "customer service",
    "admin": "admin", "teknisi": "teknisi", "tknisi": "teknisi", "petugas": "petugas",
    "ptgs": "petugas", "respon": "respons", "rspn": "respons", "slow respon": "lambat",
    "slowrespon": "lambat", "fast respon": "cepat", "fastrespon": "cepat", "cpt": "cepat",
    "cepet": "cepat", "lama": "lama", "lma": "lama", "lamaa": "lama", "lamaaa": "lama",
    "telat": "terlambat", "tlt": "terlambat", "tlat": "terlambat", "ngaret": "terlambat",
    "molor": "terlambat", "rusak": "rusak", "pecah": "pecah", "pcah": "pecah", "penyok": "penyok",
    "peyok": "penyok", "sobek": "sobek", "robek": "sobek", "cacat": "cacat", "kurang": "kurang",
    "ilang": "hilang", "ilangg": "hilang", "hilang": "hilang", "salah": "salah", "slh": "salah",
    "slah": "salah", "beda": "beda", "bda": "beda", "diganti": "diganti", "tuker": "tukar",
    "ditukar": "ditukar", "retur": "retur", "return": "retur", "komplain": "komplain",
    "complain": "komplain", "komplen": "komplain", "kompline": "komplain", "keluhan": "keluhan",
    "ditanggepin": "ditanggapi", "ditanggapin": "ditanggapi", "dibales": "dibalas",
    "dibls": "dibalas", "bales": "balas", "bls": "balas", "chat": "chat", "ct": "chat",
    "telp": "telepon", "tlp": "telepon", "tlpn": "telepon", "telpon": "telepon",
    "nelpon": "telepon", "ditelpon": "ditelepon", "hp": "hp", "nomer": "nomor", "no": "nomor",
    "nmr": "nomor", "nmor": "nomor", "nota": "nota", "invoice": "invoice", "inv": "invoice",
    "tiket": "tiket", "tkt": "tiket", "langganan": "langganan", "lgnn": "langganan",
    "berlangganan": "langganan", "paket data": "paket data", "kuota": "kuota", "pulsa": "pulsa",
    # feelings and reactions
    "kesel": "kesal", "kzl": "kesal", "ksl": "kesal", "kesell": "kesal", "sebel": "sebal",
    "bete": "kesal", "bt": "kesal", "jengkel": "jengkel", "emosi": "emosi", "emosiii": "emosi",
    "marah": "marah", "mrh": "marah", "ngamuk": "marah", "kecewah": "kecewa", "kcewa": "kecewa",
    "kecwa": "kecewa", "kecewaa": "kecewa", "kciwa": "kecewa", "kecewain": "mengecewakan",
    "ngecewain": "mengecewakan", "ngecewakan": "mengecewakan", "nyesel": "menyesal",
    "nyesal": "menyesal", "cemas": "cemas", "khawatr": "khawatir", "kuatir": "khawatir",
    "kwatir": "khawatir", "hawatir": "khawatir", "was2": "was-was", "takut": "takut",
    "tkt2": "takut", "panik": "panik", "bingung": "bingung", "bngung": "bingung",
    "bingun": "bingung", "bgung": "bingung", "binggung": "bingung", "puyeng": "pusing",
    "pusing": "pusing", "mumet": "pusing", "senang": "senang", "seneng": "senang",
    "snang": "senang", "happy": "senang", "puas": "puas", "mantul": "mantap",
    "mantab": "mantap", "mantaap": "mantap", "mantep": "mantap", "keren": "keren", "kece": "keren",
    "josss": "mantap", "joss": "mantap", "top": "mantap", "sedih": "sedih", "sdih": "sedih",
    "parah": "parah", "prh": "parah", "bangsat": "bangsat", "anjir": "anjir", "anjay": "anjir",
    "anjrit": "anjir", "anjing": "anjing", "njir": "anjir", "bgst": "bangsat", "goblok": "goblok",
    "gblk": "goblok", "bego": "bodoh", "tolol": "bodoh", "bodo": "bodoh", "wtf": "wtf",
    "astaga": "astaga", "astagfirullah": "astaga", "astaghfirullah": "astaga", "ya ampun": "astaga",
    "yaampun": "astaga", "duh": "aduh", "aduhh": "aduh", "haduh": "aduh", "hadeh": "aduh",
    "hadeuh": "aduh", "please": "tolong", "plis": "tolong", "pls": "tolong", "plz": "tolong",
    "plisss": "tolong", "asap": "segera", "urgent": "mendesak", "urgen": "mendesak",
    "viral": "viral", "viralin": "viralkan", "diviralin": "viralkan", "viralkan": "viralkan",
    "ylki": "ylki", "ojk": "ojk", "medsos": "medsos", "sosmed": "medsos",
    # Javanese and Sundanese words in otherwise Indonesian chats
    "sampun": "sudah", "wis": "sudah", "uwis": "sudah", "wes": "sudah", "dereng": "belum",
    "durung": "belum", "mboten": "tidak", "ora": "tidak", "kulo": "saya", "kula": "saya",
    "pripun": "bagaimana", "kumaha": "bagaimana", "ngapunten": "maaf", "nyuwun": "mohon",
    "nggih": "ya", "enggih": "ya", "njih": "ya", "barange": "barang", "dugi": "sampai",
    "teu": "tidak", "mah": "mah", "atuh": "dong", "euy": "euy", "tos": "sudah",
}

# English chat spellings (the English pipeline and English words in Indonesian text).
SLANG_EN: dict[str, str] = {
    "u": "you", "ur": "your", "ure": "you're", "r": "are", "pls": "please", "plz": "please",
    "plss": "please", "thx": "thanks", "thnx": "thanks", "ty": "thanks", "tks": "thanks",
    "tysm": "thanks", "cuz": "because", "coz": "because", "bc": "because", "b/c": "because",
    "idk": "i don't know", "im": "i'm", "ive": "i've", "dont": "don't", "didnt": "didn't",
    "doesnt": "doesn't", "isnt": "isn't", "wasnt": "wasn't", "cant": "can't", "wont": "won't",
    "havent": "haven't", "hasnt": "hasn't", "aint": "isn't", "gonna": "going", "wanna": "want",
    "gotta": "must", "ppl": "people", "msg": "message", "acct": "account", "acc": "account",
    "pw": "password", "pwd": "password", "asap": "asap", "wtf": "wtf", "smh": "smh",
    "omg": "omg", "tho": "though", "thru": "through", "wk": "week", "wks": "weeks",
    "hr": "hour", "hrs": "hours", "min": "minute", "mins": "minutes", "yday": "yesterday",
    "tmrw": "tomorrow", "tmr": "tomorrow", "2day": "today", "rn": "now", "b4": "before",
    "n't": "not", "nt": "not", "ok": "okay", "k": "okay", "refunded": "refunded",
    # Indonesian negators inside English messages ("gak puas, seriously").
    "gak": "tidak", "ga": "tidak", "gk": "tidak", "nggak": "tidak", "tdk": "tidak",
    "tidak": "tidak", "belum": "belum", "blm": "belum",
}
# fmt: on


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that only one of the two languages uses often; language detection counts them.
ID_MARKERS: frozenset[str] = _words(
    """yang dan tidak sudah saya ini itu dengan untuk dari di ke ada belum kenapa kok
    bisa mau tolong mohon sama juga saja karena padahal banget sekali pesanan paket barang
    kapan gimana berapa apa sih dong ya kak min pak bu kami kita anda kalian lagi masih terus
    tapi atau kalau sampai hari minggu bulan uang dana tagihan akun kecewa kesal marah
    bingung khawatir terima kasih jadi harus udah gak nggak ga gk tdk blm sy yg dgn aja tp
    pdhl dr krn trs jg gmn knp brp bgt udh nya dgn kalo tlg mhn hrs bs sdh"""
)
EN_MARKERS: frozenset[str] = _words(
    """the and is are was were i my me you your it this that with for of to have has
    had not don't didn't can't won't haven't been be do does did why what when how where
    please order package refund account still again since already yet but or if so very
    really just will would could should am i'm i've we our they their there here from
    charged payment delivery delivered arrived received never thanks thank help"""
)


def squash_elongation(word: str) -> str:
    """Collapse a letter typed three or more times: "lamaaaa" → "lama", "bgttt" → "bgt"."""
    if len(word) < 3:
        return word
    out: list[str] = []
    run = 0
    for ch in word:
        if out and ch == out[-1]:
            run += 1
            if run >= 2:
                continue
        else:
            run = 0
        out.append(ch)
    squashed = "".join(out)
    if squashed == word:
        return word
    # "maaaaf" squashes to "maaf"; chat elongation almost always means a single letter.
    single = _squash_to_single(squashed)
    if single in KNOWN_WORDS or single in SLANG_ID or single in SLANG_EN:
        return single
    return squashed if squashed in KNOWN_WORDS else single


def _squash_to_single(word: str) -> str:
    out: list[str] = []
    for ch in word:
        if not (out and ch == out[-1] and ch.isalpha()):
            out.append(ch)
    return "".join(out)


def normalise_word(word: str, language: str = "id") -> str:
    """The standard spelling of a chat word, lower-cased (unknown words just lower-cased)."""
    low = word.lower()
    table = SLANG_ID if language == "id" else SLANG_EN
    hit = table.get(low)
    if hit is not None:
        return hit
    squashed = squash_elongation(low)
    if squashed != low:
        hit = table.get(squashed)
        if hit is not None:
            return hit
        low = squashed
    if language == "id":
        # English chat spellings inside Indonesian messages ("pls", "u").
        hit = SLANG_EN.get(low)
        if hit is not None and len(low) > 2:
            return hit
        # "pelayanannya", "refund-nya": the enclitic -nya does not change the word.
        if low.endswith("nya") and len(low) >= 7 and low not in _KEEP_NYA:
            base = low[:-3].rstrip("-")
            return table.get(base, base)
        # "lagi2", "kali2": the digit 2 marks reduplication.
        if len(low) > 2 and low.endswith("2") and low[:-1].isalpha():
            base = low[:-1]
            return f"{table.get(base, base)}-{table.get(base, base)}"
    return low


_KEEP_NYA = frozenset(
    {
        "bertanya",
        "ditanya",
        "ditanyakan",
        "menanya",
        "bertanya-tanya",
        "sebenarnya",
        "seharusnya",
        "biasanya",
        "akhirnya",
        "rupanya",
        "sepertinya",
        "katanya",
        "padanya",
        "kepadanya",
        "baginya",
        "olehnya",
        "semuanya",
        "karenanya",
        "daripadanya",
    }
)

KNOWN_WORDS: frozenset[str] = frozenset(
    set(SLANG_ID.values())
    | set(SLANG_EN.values())
    | ID_MARKERS
    | EN_MARKERS
    | {
        "maaf",
        "saat",
        "taat",
        "good",
        "too",
        "soon",
        "sooo",
        "cool",
        "feel",
        "need",
        "keep",
        "see",
        "been",
        "sorry",
        "all",
        "will",
        "still",
        "off",
        "full",
        "really",
        "happy",
        "terima",
        "kasih",
        "tunggu",
        "kecewa",
        "kesal",
        "parah",
        "lama",
        "mantap",
        "pusing",
        "aduh",
        "tolong",
        "bingung",
        "banget",
        "sekali",
        "plis",
    }
)
