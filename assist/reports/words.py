"""Report text in Indonesian and English: chart titles, axes, legends, the summary page.

Only what people read is translated. CSV file names and column headings stay English
snake_case in every language (``amount_minor``, ``budget_used_percent``) so that
spreadsheets, scripts and last month's files keep working whatever language a supervisor
chose. Qt-free: ``ui/charts.py`` and ``peka report`` both read it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

LANGUAGES = ("id", "en")

_EN: dict[str, str] = {
    "empty": "No data for this period",
    "chart.compensation_by_agent": "Compensation granted per agent",
    "chart.compensation_by_agent.subtitle": "money types, stacked by type",
    "chart.compensation_daily": "Compensation granted per day (team)",
    "chart.compensation_daily.granted": "Granted (money types)",
    "chart.compensation_daily.grants": "Grants (all types)",
    "chart.compensation_daily.y2": "grants",
    "chart.budget_use": "Daily budget use per agent",
    "chart.budget_use.subtitle": (
        "share of a type's daily budget granted on a day with grants; ◆ = 100 %"
    ),
    "chart.budget_use.average": "Average day",
    "chart.budget_use.peak": "Busiest day",
    "chart.budget_use.y": "% of daily budget",
    "chart.budget_use.marker": "Daily budget",
    "chart.approvals": "Approval requests per agent, by outcome",
    "chart.approvals.y": "requests",
    "approval.used": "approved and granted",
    "approval.approved": "approved, not used yet",
    "approval.pending": "waiting",
    "approval.declined": "declined",
    "approval.expired": "expired",
    "chart.suggestions_by_function": "Suggestion use by empathy function",
    "chart.suggestions_by_function.y": "suggestions shown",
    "use.inserted": "inserted",
    "use.edited": "edited",
    "use.ignored": "ignored",
    "use.no_action": "no action",
    "chart.checklist": "Empathy checklist in the replies sent (team)",
    "chart.checklist.subtitle": "{count} replies",
    "chart.checklist.series": "replies that took the step",
    "chart.checklist.y": "% of replies",
    "chart.emotions_daily": "Customers' emotion per day",
    "chart.emotions_daily.y": "conversations",
    "chart.csat_daily": "CSAT average per day",
    "chart.understood_daily": "Customers who felt understood, per day",
    "chart.grants_daily": "Number of grants per day (team)",
    "chart.partial_note": "Pale or hollow: a day not over yet, or one the data only starts during",
    "chart.csat_daily.csat": "CSAT average (1–5)",
    "chart.csat_daily.understood": "Felt understood (%)",
    "chart.csat_daily.y": "CSAT",
    "chart.csat_daily.y2": "% felt understood",
    "function.acknowledge_feeling": "acknowledge the feeling",
    "function.acknowledge_impact": "acknowledge the impact",
    "function.apologise": "apologise",
    "function.check_satisfaction": "check satisfaction",
    "function.commit_action": "commit to action",
    "function.reassure": "reassure",
    "function.thank": "thank",
    "function.validate_feeling": "validate the feeling",
    "step.problem_restated": "problem restated",
    "step.feeling_acknowledged": "feeling acknowledged",
    "step.empathy_expressed": "empathy expressed",
    "step.action_committed": "action committed",
    "step.complete": "all four (complete)",
    "emotion.angry": "angry",
    "emotion.disappointed": "disappointed",
    "emotion.anxious": "anxious",
    "emotion.confused": "confused",
    "emotion.neutral": "neutral",
    "emotion.happy": "happy",
    "emotion.unknown": "unknown",
    "table.compensation_daily": "Compensation granted per day, agent and type",
    "table.compensation_by_agent": "Compensation granted per agent and type over the period",
    "table.budget_use": "Daily budget use per agent and type, on days with grants",
    "table.approvals": "Approval requests and their outcomes",
    "table.suggestions_by_function": "Suggestion use by empathy function",
    "table.checklist": "Empathy checklist completion of the replies sent",
    "table.emotions_daily": "Customers' emotion at the start of each conversation, per day",
    "table.csat_daily": "CSAT and felt understood, per day",
    "table.outcomes_by_agent": "Conversation outcomes, empathy and survey answers per agent",
    "table.understood_by_empathy": "Survey answers by whether the reply's empathy was complete",
    "headline.conversations": "Conversations",
    "headline.csat": "CSAT average (1–5)",
    "headline.understood": "Felt understood",
    "headline.empathy": "Empathy complete",
    "headline.compensation": "Compensation granted",
    "headline.compensation_value": "{granted} in {grants} grants",
    "headline.service_days": "{granted} and {days} service days",
    "headline.approvals": "Approval requests",
    "headline.approvals_value": "{requests} ({approved} approved)",
    "headline.suggestions": "Suggestions used",
    "index.title": "Peka report {since} – {until}",
    "index.source": "Source: {source}",
    "index.csv": "Figures (CSV)",
    "index.csv_note": (
        "Column headings in the CSV files are English snake_case in every language, so "
        "spreadsheets and scripts can rely on them."
    ),
    "period": "{since} to {until}",
}

_ID: dict[str, str] = {
    "empty": "Tidak ada data untuk periode ini",
    "chart.compensation_by_agent": "Kompensasi yang diberikan per agen",
    "chart.compensation_by_agent.subtitle": "jenis berupa uang, ditumpuk per jenis",
    "chart.compensation_daily": "Kompensasi yang diberikan per hari (tim)",
    "chart.compensation_daily.granted": "Nilai diberikan (jenis berupa uang)",
    "chart.compensation_daily.grants": "Jumlah pemberian (semua jenis)",
    "chart.compensation_daily.y2": "pemberian",
    "chart.budget_use": "Pemakaian anggaran harian per agen",
    "chart.budget_use.subtitle": (
        "bagian anggaran harian suatu jenis yang terpakai pada hari ada pemberian; ◆ = 100 %"
    ),
    "chart.budget_use.average": "Hari rata-rata",
    "chart.budget_use.peak": "Hari tersibuk",
    "chart.budget_use.y": "% anggaran harian",
    "chart.budget_use.marker": "Anggaran harian",
    "chart.approvals": "Permintaan persetujuan per agen, menurut hasilnya",
    "chart.approvals.y": "permintaan",
    "approval.used": "disetujui dan diberikan",
    "approval.approved": "disetujui, belum dipakai",
    "approval.pending": "menunggu",
    "approval.declined": "ditolak",
    "approval.expired": "kedaluwarsa",
    "chart.suggestions_by_function": "Pemakaian saran menurut fungsi empati",
    "chart.suggestions_by_function.y": "saran yang ditampilkan",
    "use.inserted": "disisipkan",
    "use.edited": "disisipkan lalu diubah",
    "use.ignored": "diabaikan",
    "use.no_action": "tanpa tindakan",
    "chart.checklist": "Daftar periksa empati pada balasan terkirim (tim)",
    "chart.checklist.subtitle": "{count} balasan",
    "chart.checklist.series": "balasan yang memuat langkah ini",
    "chart.checklist.y": "% balasan",
    "chart.emotions_daily": "Emosi pelanggan per hari",
    "chart.emotions_daily.y": "percakapan",
    "chart.csat_daily": "Rata-rata CSAT per hari",
    "chart.understood_daily": "Pelanggan yang merasa dipahami, per hari",
    "chart.grants_daily": "Jumlah pemberian kompensasi per hari (tim)",
    "chart.partial_note": (
        "Pucat atau berongga: hari yang belum selesai, atau yang datanya baru mulai di tengah hari"
    ),
    "chart.csat_daily.csat": "Rata-rata CSAT (1–5)",
    "chart.csat_daily.understood": "Merasa dipahami (%)",
    "chart.csat_daily.y": "CSAT",
    "chart.csat_daily.y2": "% merasa dipahami",
    "function.acknowledge_feeling": "mengakui perasaan",
    "function.acknowledge_impact": "mengakui dampak",
    "function.apologise": "meminta maaf",
    "function.check_satisfaction": "memastikan kepuasan",
    "function.commit_action": "menjanjikan tindakan",
    "function.reassure": "menenangkan",
    "function.thank": "berterima kasih",
    "function.validate_feeling": "membenarkan perasaan",
    "step.problem_restated": "masalah disebut ulang",
    "step.feeling_acknowledged": "perasaan diakui",
    "step.empathy_expressed": "empati disampaikan",
    "step.action_committed": "tindakan dijanjikan",
    "step.complete": "keempatnya (lengkap)",
    "emotion.angry": "marah",
    "emotion.disappointed": "kecewa",
    "emotion.anxious": "cemas",
    "emotion.confused": "bingung",
    "emotion.neutral": "netral",
    "emotion.happy": "senang",
    "emotion.unknown": "tidak diketahui",
    "table.compensation_daily": "Kompensasi yang diberikan per hari, agen, dan jenis",
    "table.compensation_by_agent": "Kompensasi yang diberikan per agen dan jenis selama periode",
    "table.budget_use": "Pemakaian anggaran harian per agen dan jenis, pada hari ada pemberian",
    "table.approvals": "Permintaan persetujuan dan hasilnya",
    "table.suggestions_by_function": "Pemakaian saran menurut fungsi empati",
    "table.checklist": "Kelengkapan daftar periksa empati pada balasan terkirim",
    "table.emotions_daily": "Emosi pelanggan di awal setiap percakapan, per hari",
    "table.csat_daily": "CSAT dan rasa dipahami, per hari",
    "table.outcomes_by_agent": "Hasil percakapan, empati, dan jawaban survei per agen",
    "table.understood_by_empathy": "Jawaban survei menurut lengkap tidaknya empati balasan",
    "headline.conversations": "Percakapan",
    "headline.csat": "Rata-rata CSAT (1–5)",
    "headline.understood": "Merasa dipahami",
    "headline.empathy": "Empati lengkap",
    "headline.compensation": "Kompensasi diberikan",
    "headline.compensation_value": "{granted} dalam {grants} pemberian",
    "headline.service_days": "{granted} dan {days} hari layanan",
    "headline.approvals": "Permintaan persetujuan",
    "headline.approvals_value": "{requests} ({approved} disetujui)",
    "headline.suggestions": "Saran dipakai",
    "index.title": "Laporan Peka {since} – {until}",
    "index.source": "Sumber: {source}",
    "index.csv": "Angka (CSV)",
    "index.csv_note": (
        "Judul kolom di berkas CSV sengaja tetap dalam bahasa Inggris (snake_case) di semua "
        "bahasa, agar lembar kerja dan skrip bisa mengandalkannya."
    ),
    "period": "{since} sampai {until}",
}

_TEXT = {"en": _EN, "id": _ID}
assert set(_EN) == set(_ID)

MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

# Short money scales as people say them: "Rp 1,5 jt" (juta), "Rp 2 M" (miliar);
# in English "Rp 1.5M" (million), "Rp 2B" (billion).
_SCALES = {
    "id": ((1e9, " M"), (1e6, " jt"), (1e3, " rb")),
    "en": ((1e9, "B"), (1e6, "M"), (1e3, "K")),
}


_SWAP = str.maketrans(",.", ".,")


def language_of(language: str | None) -> str:
    """``language`` if reports speak it, else Indonesian (the product's first language)."""
    return language if language in LANGUAGES else "id"


class Words:
    """The report's text and number style in one language."""

    def __init__(self, language: str | None = "id") -> None:
        self.language = language_of(language)
        self._text = _TEXT[self.language]

    def __call__(self, key: str, /, **fields: object) -> str:
        text = self._text.get(key) or _EN.get(key) or key
        return text.format(**fields) if fields else text

    def get(self, key: str, default: str) -> str:
        return self._text.get(key, default)

    # -- numbers: "1.200" and "4,2" in Indonesian, "1,200" and "4.2" in English

    def _swap(self, text: str) -> str:
        if self.language != "id":
            return text
        return text.translate(_SWAP)

    def number(self, value: float | int | Decimal, decimals: int = 0) -> str:
        return self._swap(f"{value:,.{decimals}f}")

    def decimal(self, value: float | int | Decimal) -> str:
        """Up to one decimal, none when whole: 4,2 / 40 (4.2 / 40 in English)."""
        text = f"{float(value):,.1f}"
        if text.endswith(".0"):
            text = text[:-2]
        return self._swap(text)

    def percent(self, value: float | int | Decimal) -> str:
        return f"{self.decimal(value)} %"

    def short_money(self, value: float, currency: str = "IDR") -> str:
        """Axis text: "Rp 1,5 jt", "Rp 500 rb" ("Rp 1.5M", "Rp 500K" in English)."""
        prefix = "Rp " if currency in ("", "IDR") else f"{currency} "
        size = abs(value)
        for limit, suffix in _SCALES[self.language]:
            if size >= limit:
                return f"{prefix}{self.decimal(value / limit)}{suffix}"
        return f"{prefix}{self.number(value)}"

    def axis_value(self, value: float, kind: str, currency: str = "") -> str:
        """Tick and bar labels: "Rp 1,5 jt", "40%", "4,2", "1.200"."""
        if kind == "percent":
            return f"{value:.0f}%"
        if kind == "score":
            return self.number(value, 1)
        if kind == "money":
            return self.short_money(value, currency)
        if abs(value - round(value)) < 1e-9:
            return self.number(round(value))
        return self.number(value, 1)

    # -- dates: "26 Okt" on a chart axis, "26 Okt 2026" in a sentence

    def day(self, day: date) -> str:
        return f"{day.day} {MONTHS[self.language][day.month - 1]}"

    def date(self, day: date) -> str:
        return f"{self.day(day)} {day.year}"
