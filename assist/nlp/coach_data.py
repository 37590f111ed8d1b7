"""What an agent's draft says, in normalised spelling: empathy functions and findings.

Each finding carries a warmer alternative in both languages; the coach shows the one in
the draft's language.
"""

from __future__ import annotations

from typing import NamedTuple

FUNCTION_PHRASES: dict[str, tuple[str, ...]] = {
    "acknowledge_feeling": (
        "anda kecewa", "anda kesal", "anda khawatir", "anda bingung", "anda cemas",
        "anda marah", "anda jengkel", "anda frustrasi", "pasti kecewa", "pasti kesal",
        "pasti khawatir", "pasti bingung", "pasti menjengkelkan", "pasti mengecewakan",
        "pasti membingungkan", "pasti membuat", "tentu kecewa", "tentu kesal",
        "kekecewaan anda", "kekecewaan bapak", "kekecewaan ibu", "kekecewaan kakak",
        "kekesalan anda", "kekhawatiran anda", "kekhawatiran bapak", "kekhawatiran ibu",
        "kebingungan anda", "rasa kecewa", "rasa kesal", "rasa khawatir", "merasa kecewa",
        "merasa kesal", "merasa khawatir", "merasa bingung", "sangat menjengkelkan",
        "sangat mengecewakan", "menjengkelkan", "mengecewakan", "membingungkan",
        "bikin kesal", "bikin khawatir", "perasaan anda", "perasaan bapak", "perasaan ibu",
        "bapak kecewa", "ibu kecewa", "kakak kecewa", "bapak kesal", "ibu kesal", "kakak kesal",
        "bapak khawatir", "ibu khawatir", "kakak khawatir", "frustrated", "frustrating",
        "disappointed", "disappointing", "upset", "worried", "worrying", "concerned",
        "your frustration", "your disappointment", "your concern", "stressful", "annoying",
        "confusing", "you must be", "must be so", "must have been", "how you feel",
        "that sounds", "sounds really", "i can hear",
    ),
    "validate_feeling": (
        "wajar", "sangat wajar", "wajar sekali", "wajar jika", "wajar kalau", "masuk akal",
        "siapa pun akan", "siapapun akan", "saya pun akan", "saya juga akan", "berhak",
        "sangat dimaklumi", "dapat dimengerti", "bisa dimengerti", "dapat dipahami",
        "bisa dipahami", "tentu saja anda", "memang seharusnya", "understandable",
        "completely understandable", "makes sense", "anyone would", "every right",
        "right to be", "i'd feel the same", "i would feel the same", "fair enough",
        "you're right", "anda benar",
    ),
    "acknowledge_impact": (
        "merepotkan", "repot", "mengganggu", "mengganggu aktivitas", "mengganggu pekerjaan",
        "waktu anda", "waktu bapak", "waktu ibu", "terbuang", "menunggu lama",
        "sudah menunggu", "harus menunggu", "menunggu selama", "harus bolak-balik",
        "kerugian", "dampak", "tanpa internet", "tidak bisa bekerja", "tidak bisa berjualan",
        "acara anda", "rencana anda", "kebutuhan anda", "been waiting", "waited",
        "waiting so long", "disrupted", "disruption", "your time", "your day", "your plans",
        "cost you", "had to", "without internet", "without service", "affected your",
        "impact", "inconvenienced you", "left you",
    ),
    "apologise": (
        "maaf", "mohon maaf", "minta maaf", "memohon maaf", "permohonan maaf",
        "meminta maaf", "sorry", "apologise", "apologize", "apologies", "apologised",
        "apologized", "so sorry", "my apologies", "our apologies",
    ),
    "thank": (
        "terima kasih", "makasih", "thank you", "thanks", "thank", "kami hargai",
        "saya hargai", "appreciate", "menghargai",
    ),
    "commit_action": (
        "saya akan", "kami akan", "akan saya", "akan kami", "sudah saya", "telah saya",
        "sudah kami", "telah kami", "saya sudah", "saya telah", "kami sudah", "kami telah",
        "saya cek", "saya bantu", "saya proses", "saya eskalasikan", "saya teruskan",
        "saya hubungi", "saya kabari", "saya pantau", "saya kirim", "saya ajukan",
        "saya buatkan", "saya jadwalkan", "saya kembalikan", "saya lacak", "saya tindak",
        "kami proses", "kami kirim", "kami kabari", "kami hubungi", "kami ganti",
        "kami kembalikan", "segera kami", "segera saya", "izinkan saya", "biar saya",
        "akan dihubungi", "akan diproses", "akan dikirim", "akan dikembalikan",
        "akan menghubungi", "akan diganti", "sudah dieskalasi", "sudah diteruskan",
        "sudah diajukan", "teknisi akan", "tim kami akan", "i will", "i'll", "we will",
        "we'll", "i have", "i've", "we have", "we've", "let me", "i'm going to",
        "i am going to", "has been escalated", "been escalated", "i've escalated",
        "i've raised", "i've requested", "will be refunded", "will be sent",
        "will be processed", "will call", "will contact", "is on the way",
    ),
    "reassure": (
        "jangan khawatir", "tidak perlu khawatir", "tenang saja", "tenang", "aman",
        "dana anda aman", "uang anda aman", "pasti kami bantu", "pasti saya bantu",
        "kami pastikan", "saya pastikan", "kami jamin", "saya jamin", "pasti selesai",
        "pasti kembali", "tidak akan hilang", "don't worry", "do not worry", "rest assured",
        "i'll make sure", "i will make sure", "we'll make sure", "make sure", "is safe",
        "are safe", "we'll make it right", "i promise", "you're in good hands",
        "we've got you", "no need to worry", "will be fine",
    ),
    "check_satisfaction": (
        "apakah ada lagi", "ada lagi yang bisa", "ada hal lain", "apakah sudah sesuai",
        "apakah membantu", "apakah solusi ini", "bagaimana menurut", "apakah berkenan",
        "berkenan", "apakah setuju", "setuju dengan", "apakah tidak apa-apa",
        "apakah cocok", "apakah sudah jelas", "kabari saya jika", "kabari saya kalau",
        "silakan kabari", "jika masih ada", "kalau masih ada", "is there anything else",
        "anything else i can", "does that help", "does this work", "would that be okay",
        "would that work", "let me know if", "does that sound", "are you happy with",
        "is that okay", "how does that sound",
    ),
}

# Understanding statements: empathy even without naming a feeling.
UNDERSTANDING: tuple[str, ...] = (
    "saya mengerti", "saya paham", "saya memahami", "kami memahami", "kami mengerti",
    "saya bisa membayangkan", "saya dapat membayangkan", "bisa saya bayangkan",
    "kalau saya di posisi", "jika saya di posisi", "di posisi anda", "turut prihatin",
    "sangat menyesal", "saya menyesal", "saya turut", "saya ikut", "i understand",
    "i can imagine", "i hear you", "sorry to hear", "i can see why", "i get it",
    "in your shoes", "i completely understand", "i totally understand", "we understand",
)

# Words that point back at the customer's problem ("terkait pesanan Anda").
RESTATE_OPENERS: tuple[str, ...] = (
    "terkait", "mengenai", "soal", "perihal", "tentang", "regarding", "about your",
    "with your", "pesanan anda", "paket anda", "tagihan anda", "dana anda", "akun anda",
    "pesanan bapak", "pesanan ibu", "pesanan kakak", "your order", "your package",
    "your refund", "your account", "your bill", "your payment", "your internet",
    "your parcel", "your item",
)

FEELING_WORDS_IN_GENERIC_APOLOGY = ("ketidaknyamanan", "inconvenience")


class Finding(NamedTuple):
    kind: str  # cold, robotic, blaming
    phrases: tuple[str, ...]
    alternative_id: str
    alternative_en: str
    message_id: str
    message_en: str
    # "always", or a condition under which the wording is only a problem when alone:
    # "no_time" (no concrete next step with a time), "no_specifics" (no problem
    # restated and no feeling acknowledged).
    when: str = "always"


FINDINGS: tuple[Finding, ...] = (
    Finding(
        "cold",
        ("sedang dalam perbaikan", "dalam perbaikan", "sedang diperbaiki", "sedang gangguan",
         "sedang dalam proses", "masih dalam proses", "being fixed", "under maintenance",
         "being processed", "is in progress", "we are working on it"),
        "Tim teknis kami sedang memperbaikinya; saya pantau dan kabari Anda paling lambat "
        "pukul … hari ini.",
        "Our engineers are fixing it now; I'm keeping an eye on it and will update you by … "
        "today.",
        "Status saja terdengar dingin: sebut langkah berikutnya dan kapan.",
        "A bare status sounds cold: say what happens next and when.",
        "no_time",
    ),
    Finding(
        "cold",
        ("silakan tunggu", "silahkan tunggu", "harap menunggu", "harap tunggu",
         "mohon ditunggu", "mohon menunggu", "ditunggu saja", "tunggu saja", "please wait",
         "please be patient", "kindly wait", "just wait"),
        "Mohon kesediaannya menunggu sebentar; saya pantau langsung dan kabari Anda "
        "paling lambat ….",
        "Thank you for bearing with me; I'm following it up and will update you by ….",
        "Menyuruh menunggu tanpa kepastian terasa dingin: beri waktu yang jelas.",
        "Asking them to wait without a time feels cold: give a time.",
        "no_time",
    ),
    Finding(
        "cold",
        ("silakan hubungi", "silahkan hubungi", "hubungi pihak", "bukan di sini",
         "please contact", "you need to contact", "contact the", "call the bank"),
        "Saya bantu hubungkan langsung ke tim terkait dan kabari hasilnya ke Anda.",
        "I'll contact the right team for you and come back to you with the answer.",
        "Melempar pelanggan ke pihak lain terasa dingin: tawarkan untuk membantu.",
        "Passing the customer on feels cold: offer to do it for them.",
    ),
    Finding(
        "cold",
        ("kami tidak bisa", "tidak dapat kami", "tidak bisa kami", "we can't", "we cannot",
         "we are unable", "we're unable", "not possible", "tidak memungkinkan"),
        "Yang bisa saya lakukan sekarang adalah …",
        "What I can do right now is …",
        "Mulai dari apa yang bisa dilakukan, bukan yang tidak bisa.",
        "Lead with what you can do, not what you can't.",
    ),
    Finding(
        "robotic",
        ("mohon maaf atas ketidaknyamanannya", "mohon maaf atas ketidaknyamanan",
         "maaf atas ketidaknyamanannya", "maaf atas ketidaknyamanan",
         "mohon maaf atas ketidaknyamanan yang terjadi", "mohon maaf atas kendala",
         "maaf atas kendalanya", "mohon maaf atas kendalanya",
         "sorry for the inconvenience", "sorry for any inconvenience",
         "we apologize for any inconvenience", "we apologise for any inconvenience",
         "apologies for the inconvenience", "apologies for any inconvenience",
         "we apologize for the inconvenience", "we apologise for the inconvenience"),
        "Maaf ya, [masalahnya] — pasti menjengkelkan, apalagi sudah menunggu.",
        "I'm sorry [the problem] — that must be really frustrating.",
        "Permintaan maaf umum terdengar seperti template: sebut masalahnya dan perasaannya.",
        "A generic apology sounds scripted: name the problem and the feeling.",
        "no_specifics",
    ),
    Finding(
        "robotic",
        ("pesan anda telah kami terima", "keluhan anda telah kami terima",
         "keluhan anda sudah kami terima", "keluhan anda penting bagi kami",
         "kenyamanan anda adalah prioritas kami", "your message has been received",
         "your concern is important to us", "your call is important to us",
         "we have received your complaint", "we value your feedback"),
        "Terima kasih sudah memberi tahu kami — saya sendiri yang akan menanganinya.",
        "Thanks for telling us — I'm handling this myself.",
        "Kalimat template: ganti dengan kalimat pribadi.",
        "Boilerplate wording: make it personal.",
    ),
    Finding(
        "blaming",
        ("bukan urusan kami", "itu bukan urusan kami", "bukan tanggung jawab kami",
         "di luar tanggung jawab kami", "bukan kesalahan kami", "bukan salah kami",
         "not our problem", "not our responsibility", "not our fault", "nothing we can do"),
        "Saya bantu cari jalan keluarnya bersama pihak terkait.",
        "Let me help you sort this out with the team responsible.",
        "Menolak tanggung jawab membuat pelanggan merasa ditinggalkan.",
        "Disowning the problem leaves the customer alone with it.",
    ),
    Finding(
        "blaming",
        ("anda salah input", "anda salah", "kesalahan anda", "salah anda", "anda yang salah",
         "kesalahan dari anda", "kesalahan dari pihak anda", "kelalaian anda",
         "anda tidak membaca", "anda kurang teliti", "seharusnya anda", "harusnya anda",
         "anda seharusnya", "sudah kami informasikan sebelumnya", "you should have",
         "you shouldn't have", "your fault", "your mistake", "you failed to",
         "you didn't read", "you entered the wrong", "as we already told you",
         "as previously stated", "you were told"),
        "Sepertinya ada data yang belum sesuai; mari kita perbaiki bersama, saya bantu.",
        "It looks like some details didn't match; let's fix it together — I'll help.",
        "Menyalahkan pelanggan memancing amarah, meski faktanya benar.",
        "Blaming the customer inflames them, even when it is true.",
    ),
    Finding(
        "blaming",
        ("sesuai prosedur", "sudah sesuai prosedur", "sesuai ketentuan", "sesuai kebijakan",
         "sudah prosedurnya", "prosedurnya memang", "aturannya memang", "sesuai sop",
         "sesuai syarat dan ketentuan", "as per policy", "per our policy",
         "according to our policy", "company policy", "it's our policy", "as per our terms",
         "those are the rules", "per the terms"),
        "Supaya [dana/akun] Anda tetap aman, prosesnya memang perlu …; saya bantu "
        "percepat.",
        "To keep your [money/account] safe, this step is needed …; I'll help speed it up.",
        "Bersembunyi di balik prosedur terdengar kaku: jelaskan alasannya untuk pelanggan.",
        "Hiding behind policy sounds rigid: explain why it helps the customer.",
    ),
)

# More apologies than this reads as grovelling, not sincerity.
MAX_APOLOGIES = 2
OVER_APOLOGY_ALTERNATIVE = {
    "id": "Satu permintaan maaf yang tulus cukup; lanjutkan dengan langkah nyata.",
    "en": "One sincere apology is enough; follow it with what you'll do.",
}
