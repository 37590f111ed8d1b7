"""Report charts: partial days are not a collapse, and each chart has one y-axis."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QSize

from assist.reports.chart_specs import LINE
from assist.reports.demo_history import generate_demo_history
from assist.reports.figures import Period
from assist.reports.report import build_report, coverage_of

END = date(2026, 11, 16)


def test_today_and_days_without_data_are_not_zero() -> None:
    data = generate_demo_history(agents=3, days=7, seed=3, end=END)
    period = Period(END - timedelta(days=9), END + timedelta(days=1), data.tz)
    now = datetime.combine(END, datetime.min.time(), data.tz) + timedelta(hours=10)
    cover = coverage_of(data, period, now)
    assert END.isoformat() in cover.partial  # today is not over
    first_data_day = min(g.granted_at for g in data.grants).astimezone(data.tz).date()
    before = [d.isoformat() for d in period.days if d < first_data_day]
    assert before and set(before) <= cover.missing
    report = build_report(data, period, {}, "id", now=now)
    daily = {c.key: c for c in report.charts}
    money = daily["compensation_daily"]
    index = [d.isoformat() for d in period.days].index(before[0])
    assert money.series[0].values[index] is None  # a gap, not a drop to zero
    assert money.partial[-1] is True and money.partial_note


def test_every_chart_has_one_y_axis() -> None:
    data = generate_demo_history(agents=3, days=7, seed=3, end=END)
    period = Period(END - timedelta(days=7), END, data.tz)
    report = build_report(data, period, {}, "en", now=datetime(2026, 11, 20, tzinfo=UTC))
    keys = [c.key for c in report.charts]
    assert {"compensation_daily", "grants_daily", "csat_daily", "understood_daily"} <= set(keys)
    for chart in report.charts:
        assert all(s.axis == "left" for s in chart.series), chart.key
        assert not chart.y2_label
    lines = [c for c in report.charts if c.kind == LINE]
    # A finished week whose data starts mid-morning on its first day: only that day.
    for chart in lines:
        assert [i for i, p in enumerate(chart.partial) if p] in ([], [0]), chart.key


def test_partial_days_draw(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.charts import render_chart

    data = generate_demo_history(agents=3, days=7, seed=3, end=END)
    period = Period(END - timedelta(days=9), END + timedelta(days=1), data.tz)
    now = datetime.combine(END, datetime.min.time(), data.tz) + timedelta(hours=10)
    for chart in build_report(data, period, {}, "id", now=now).charts:
        image = render_chart(chart, QSize(640, 360))
        assert not image.isNull()


def test_the_headline_writes_rupiah_the_english_way_in_english() -> None:
    from assist.reports.report import headline

    data = generate_demo_history(agents=3, days=7, seed=3, end=END)
    period = Period(END - timedelta(days=7), END, data.tz)
    now = datetime(2026, 11, 20, tzinfo=UTC)
    english = " ".join(v for _, v in headline(build_report(data, period, {}, "en", now=now)))
    indonesian = " ".join(v for _, v in headline(build_report(data, period, {}, "id", now=now)))
    assert "Rp " in english and "," in english.split("Rp ")[1].split()[0]
    assert "." in indonesian.split("Rp ")[1].split()[0]
