"""Bar, stacked bar and line charts drawn with QPainter from a report's ChartSpec.

One drawing function, :func:`draw_chart`, paints onto any QPainter: ``peka report``
paints onto a QImage and saves PNG files, the console's Reports screen paints the same
charts into a :class:`ChartWidget`. No chart library: QPainter is in the Qt we ship.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from assist.errors import PekaError
from assist.reports.chart_specs import BAR, LINE, PALETTE, STACKED, ChartSpec, Series
from assist.reports.errors import E715
from assist.reports.words import Words


@dataclass(frozen=True)
class ChartStyle:
    background: str = "#ffffff"
    text: str = "#202124"
    muted: str = "#5f6368"
    grid: str = "#e3e5e8"
    axis: str = "#9aa0a6"
    marker: str = "#202124"
    family: str = "DejaVu Sans"

    @classmethod
    def dark(cls) -> ChartStyle:
        return cls(
            background="#202124",
            text="#e8eaed",
            muted="#a8adb3",
            grid="#3c4043",
            axis="#80868b",
            marker="#e8eaed",
        )


# --------------------------------------------------------------------------- numbers


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) covering [low, high]."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value < high + step * 0.5:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def format_value(value: float, kind: str, currency: str = "", language: str = "id") -> str:
    """Short axis and label text: "Rp 1,5 jt", "40%", "4,2", "1.200" (Indonesian) or
    "Rp 1.5M", "4.2", "1,200" (English)."""
    return Words(language).axis_value(value, kind, currency)


# --------------------------------------------------------------------------- drawing


def _colour(series: Series, index: int) -> QColor:
    return QColor(series.colour or PALETTE[index % len(PALETTE)])


def _font(style: ChartStyle, size: float, bold: bool = False) -> QFont:
    font = QFont(style.family)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


class _Painter:
    """The state one chart needs while it is drawn (fonts scale with the target size)."""

    def __init__(self, painter: QPainter, rect: QRectF, spec: ChartSpec, style: ChartStyle):
        self.p = painter
        self.rect = rect
        self.spec = spec
        self.style = style
        # Fonts follow the picture's size so a 1600 px PNG and a small widget both read well.
        self.unit = max(0.75, min(rect.width() / 1000.0, rect.height() / 560.0, 1.6))
        self.title_font = _font(style, 15 * self.unit, bold=True)
        self.label_font = _font(style, 9.5 * self.unit)
        self.small_font = _font(style, 8.5 * self.unit)
        self.words = Words(spec.language)

    def value(self, value: float, kind: str) -> str:
        return self.words.axis_value(value, kind, self.spec.currency if kind == "money" else "")

    def text(
        self,
        rect: QRectF,
        text: str,
        font: QFont,
        colour: str,
        flags: Qt.AlignmentFlag = Qt.AlignLeft | Qt.AlignVCenter,
    ) -> None:
        self.p.setFont(font)
        self.p.setPen(QColor(colour))
        self.p.drawText(rect, int(flags), text)

    def width_of(self, text: str, font: QFont) -> float:
        return QFontMetricsF(font).horizontalAdvance(text)

    def height_of(self, font: QFont) -> float:
        return QFontMetricsF(font).height()


def draw_chart(
    painter: QPainter, rect: QRectF, spec: ChartSpec, style: ChartStyle | None = None
) -> None:
    """Paint ``spec`` into ``rect``: title, axes, grid, bars or lines, legend."""
    style = style or ChartStyle()
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setRenderHint(QPainter.TextAntialiasing, True)
    painter.fillRect(rect, QColor(style.background))
    c = _Painter(painter, rect, spec, style)
    pad = 18 * c.unit
    top = rect.top() + pad
    title_h = c.height_of(c.title_font) * 1.2
    c.text(
        QRectF(rect.left() + pad, top, rect.width() - 2 * pad, title_h),
        spec.title,
        c.title_font,
        style.text,
    )
    top += title_h
    for line in (spec.subtitle, spec.partial_note if any(spec.partial) else ""):
        if not line:
            continue
        sub_h = c.height_of(c.small_font) * 1.3
        c.text(
            QRectF(rect.left() + pad, top, rect.width() - 2 * pad, sub_h),
            line,
            c.small_font,
            style.muted,
        )
        top += sub_h
    legend_h = _legend_height(c, rect.width() - 2 * pad)
    body = QRectF(
        rect.left() + pad,
        top + 6 * c.unit,
        rect.width() - 2 * pad,
        rect.bottom() - pad - legend_h - top - 6 * c.unit,
    )
    if spec.empty:
        c.text(body, spec.empty_text, c.label_font, style.muted, Qt.AlignCenter)
    else:
        _draw_body(c, body)
        _draw_legend(
            c,
            QRectF(
                rect.left() + pad, rect.bottom() - pad - legend_h, rect.width() - 2 * pad, legend_h
            ),
        )
    painter.restore()


def _legend_entries(spec: ChartSpec) -> list[tuple[str, QColor, str]]:
    entries = [
        (s.name, _colour(s, i), "line" if spec.kind == LINE else "box")
        for i, s in enumerate(spec.series)
        if any(v for v in s.values)
    ]
    if spec.kind == BAR and len(spec.series) == 1:
        entries = []
    if spec.markers and any(m is not None for m in spec.markers):
        entries.append((spec.marker_label or "Target", QColor("#000000"), "marker"))
    return entries


def _legend_rows(c: _Painter, width: float) -> list[list[tuple[str, QColor, str, float]]]:
    rows: list[list[tuple[str, QColor, str, float]]] = [[]]
    used = 0.0
    for name, colour, shape in _legend_entries(c.spec):
        w = 22 * c.unit + c.width_of(name, c.label_font) + 18 * c.unit
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0.0
        rows[-1].append((name, colour, shape, w))
        used += w
    return [r for r in rows if r]


def _legend_height(c: _Painter, width: float) -> float:
    rows = _legend_rows(c, width)
    return len(rows) * c.height_of(c.label_font) * 1.5 + (6 * c.unit if rows else 0)


def _draw_legend(c: _Painter, rect: QRectF) -> None:
    line_h = c.height_of(c.label_font) * 1.5
    y = rect.top() + 6 * c.unit
    for row in _legend_rows(c, rect.width()):
        total = sum(w for *_, w in row)
        x = rect.left() + (rect.width() - total) / 2
        for name, colour, shape, w in row:
            mid = y + line_h / 2
            if shape == "box":
                c.p.fillRect(QRectF(x, mid - 6 * c.unit, 14 * c.unit, 12 * c.unit), colour)
            elif shape == "line":
                c.p.setPen(QPen(colour, 3 * c.unit))
                c.p.drawLine(QPointF(x, mid), QPointF(x + 16 * c.unit, mid))
            else:
                _diamond(c, QPointF(x + 7 * c.unit, mid), 6 * c.unit)
            c.text(QRectF(x + 22 * c.unit, y, w, line_h), name, c.label_font, c.style.text)
            x += w
        y += line_h


def _diamond(c: _Painter, centre: QPointF, r: float) -> None:
    shape = QPolygonF(
        [
            QPointF(centre.x(), centre.y() - r),
            QPointF(centre.x() + r, centre.y()),
            QPointF(centre.x(), centre.y() + r),
            QPointF(centre.x() - r, centre.y()),
        ]
    )
    c.p.setPen(QPen(QColor(c.style.background), 1.2 * c.unit))
    c.p.setBrush(QColor(c.style.marker))
    c.p.drawPolygon(shape)
    c.p.setBrush(Qt.NoBrush)


def _range(c: _Painter, axis: str) -> tuple[float, float]:
    spec = c.spec
    fixed = spec.y_range if axis == "left" else spec.y2_range
    if fixed is not None:
        return fixed
    values: list[float] = []
    series = [s for s in spec.series if s.axis == axis]
    if spec.kind == STACKED:
        for i in range(len(spec.categories)):
            values.append(sum(s.values[i] or 0.0 for s in series))
    else:
        values = [v for s in series for v in s.values if v is not None]
    if axis == "left":
        values += [m for m in spec.markers if m is not None]
    high = max(values, default=1.0)
    return (min(0.0, min(values, default=0.0)), high if high > 0 else 1.0)


def _draw_body(c: _Painter, body: QRectF) -> None:
    spec, style = c.spec, c.style
    low, high = _range(c, "left")
    ticks = nice_ticks(low, high) if spec.y_range is None else _even_ticks(*spec.y_range)
    low, high = ticks[0], ticks[-1]
    right = any(s.axis == "right" for s in spec.series)
    r_ticks: list[float] = []
    if right:
        r_low, r_high = _range(c, "right")
        r_ticks = (
            nice_ticks(r_low, r_high) if spec.y2_range is None else _even_ticks(*spec.y2_range)
        )
    left_w = max(c.width_of(c.value(t, spec.y_format), c.small_font) for t in ticks) + 10 * c.unit
    right_w = (
        (max(c.width_of(c.value(t, spec.y2_format), c.small_font) for t in r_ticks) + 10 * c.unit)
        if right
        else 0.0
    )
    axis_title_h = c.height_of(c.small_font) * 2.0
    labels, rotated, label_h = _category_layout(c, body.width() - left_w - right_w)
    plot = QRectF(
        body.left() + left_w,
        body.top() + axis_title_h,
        body.width() - left_w - right_w,
        body.height() - axis_title_h - label_h,
    )
    if plot.height() < 20 or plot.width() < 20:
        return

    def y_of(value: float, lo: float = low, hi: float = high) -> float:
        return plot.bottom() - (value - lo) / (hi - lo) * plot.height()

    # Axis titles above each axis.
    if spec.y_label:
        c.text(
            QRectF(body.left(), body.top(), plot.width(), axis_title_h * 0.6),
            spec.y_label,
            c.small_font,
            style.muted,
        )
    if right and spec.y2_label:
        c.text(
            QRectF(plot.left(), body.top(), plot.width() + right_w, axis_title_h * 0.6),
            spec.y2_label,
            c.small_font,
            style.muted,
            Qt.AlignRight | Qt.AlignVCenter,
        )
    # Grid and left tick labels.
    text_h = c.height_of(c.small_font)
    for t in ticks:
        y = y_of(t)
        c.p.setPen(QPen(QColor(style.grid), 1))
        c.p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        c.text(
            QRectF(body.left(), y - text_h / 2, left_w - 8 * c.unit, text_h),
            c.value(t, spec.y_format),
            c.small_font,
            style.muted,
            Qt.AlignRight | Qt.AlignVCenter,
        )
    for t in r_ticks:
        y = y_of(t, r_ticks[0], r_ticks[-1])
        c.text(
            QRectF(plot.right() + 8 * c.unit, y - text_h / 2, right_w, text_h),
            c.value(t, spec.y2_format),
            c.small_font,
            style.muted,
        )
    c.p.setPen(QPen(QColor(style.axis), 1.2))
    c.p.drawLine(
        QPointF(plot.left(), y_of(max(low, 0.0) if low < 0 else low)),
        QPointF(plot.right(), y_of(max(low, 0.0) if low < 0 else low)),
    )

    n = len(spec.categories)
    slot = plot.width() / n
    if spec.kind == LINE:
        _draw_lines(c, plot, slot, y_of, r_ticks)
    else:
        _draw_bars(c, plot, slot, y_of, low)
    if spec.markers:
        for i, marker in enumerate(spec.markers):
            if marker is None:
                continue
            x = plot.left() + slot * (i + 0.5)
            y = y_of(marker)
            c.p.setPen(QPen(QColor(style.marker), 1.5 * c.unit, Qt.DashLine))
            c.p.drawLine(QPointF(x - slot * 0.42, y), QPointF(x + slot * 0.42, y))
            _diamond(c, QPointF(x, y), 6 * c.unit)
    # Category labels.
    for i, text in enumerate(labels):
        if not text:
            continue
        x = plot.left() + slot * (i + 0.5)
        if rotated:
            c.p.save()
            c.p.translate(x, plot.bottom() + 6 * c.unit)
            c.p.rotate(-40)
            w = c.width_of(text, c.small_font)
            c.text(
                QRectF(-w - 2, -text_h / 2, w + 4, text_h),
                text,
                c.small_font,
                style.text,
                Qt.AlignRight | Qt.AlignVCenter,
            )
            c.p.restore()
        else:
            c.text(
                QRectF(x - slot / 2, plot.bottom() + 4 * c.unit, slot, text_h * 2.4),
                text,
                c.small_font,
                style.text,
                Qt.AlignHCenter | Qt.AlignTop,
            )


def _even_ticks(low: float, high: float) -> list[float]:
    if high - low > 10:
        return nice_ticks(low, high)
    return [low + i for i in range(int(high - low) + 1)]


def _category_layout(c: _Painter, width: float) -> tuple[list[str], bool, float]:
    """Labels to show (thinned when crowded), whether they are slanted, and their height."""
    cats = c.spec.categories
    if not cats:
        return [], False, 0.0
    slot = width / len(cats)
    text_h = c.height_of(c.small_font)
    widest = max(c.width_of(t, c.small_font) for t in cats)
    if widest + 6 * c.unit <= slot:
        return list(cats), False, text_h * 1.6
    # Phrases ("mengakui perasaan") read better on two level lines than slanted.
    wrapped = [_two_lines(c, t) for t in cats]
    if all(
        max(c.width_of(line, c.small_font) for line in t.split("\n")) + 6 * c.unit <= slot
        for t in wrapped
    ):
        return wrapped, False, text_h * 2.7
    every = 1
    # Slanted labels need about one line height of width each.
    while slot * every < text_h * 1.3:
        every += 1
    labels = [t if i % every == 0 else "" for i, t in enumerate(cats)]
    return labels, True, widest * math.sin(math.radians(40)) + text_h * 1.5


def _two_lines(c: _Painter, text: str) -> str:
    """``text`` split at the space that makes its longer line shortest."""
    words = text.split(" ")
    if len(words) < 2:
        return text
    splits = [(" ".join(words[:n]), " ".join(words[n:])) for n in range(1, len(words))]
    first, second = min(
        splits, key=lambda pair: max(c.width_of(part, c.small_font) for part in pair)
    )
    return f"{first}\n{second}"


def _draw_bars(c: _Painter, plot: QRectF, slot: float, y_of: object, low: float) -> None:
    assert callable(y_of)
    spec = c.spec
    stacked = spec.kind == STACKED
    groups = 1 if stacked else len(spec.series)
    bar_w = slot * 0.66 / groups
    for i in range(len(spec.categories)):
        base = 0.0
        for k, series in enumerate(spec.series):
            value = series.values[i] or 0.0
            if value == 0:
                continue
            colour = _colour(series, k)
            if _is_partial(spec, i):
                colour = QColor(colour)
                colour.setAlphaF(0.35)  # a day not over yet: pale, not a collapse
            if stacked:
                x = plot.left() + slot * i + slot * 0.17
                top, bottom = y_of(base + value), y_of(base)
                base += value
            else:
                x = plot.left() + slot * i + slot * 0.17 + bar_w * k
                top, bottom = y_of(value), y_of(max(low, 0.0))
            c.p.fillRect(QRectF(x, top, bar_w, bottom - top), colour)
            if spec.kind == BAR and len(spec.series) == 1 and bar_w > 28 * c.unit:
                label = c.value(value, spec.y_format)
                c.text(
                    QRectF(
                        x - 10,
                        top - c.height_of(c.small_font) * 1.2,
                        bar_w + 20,
                        c.height_of(c.small_font),
                    ),
                    label,
                    c.small_font,
                    c.style.text,
                    Qt.AlignHCenter | Qt.AlignBottom,
                )


def _is_partial(spec: ChartSpec, index: int) -> bool:
    return index < len(spec.partial) and spec.partial[index]


def _draw_lines(c: _Painter, plot: QRectF, slot: float, y_of: object, r_ticks: list[float]) -> None:
    assert callable(y_of)
    for k, series in enumerate(c.spec.series):
        colour = _colour(series, k)
        on_right = series.axis == "right" and r_ticks
        path = QPainterPath()
        dashed = QPainterPath()  # segments that touch a partial day
        previous: QPointF | None = None
        points: list[tuple[QPointF, bool]] = []
        for i, value in enumerate(series.values):
            if value is None:
                previous = None
                continue
            x = plot.left() + slot * (i + 0.5)
            y = y_of(value, r_ticks[0], r_ticks[-1]) if on_right else y_of(value)
            point = QPointF(x, y)
            partial = _is_partial(c.spec, i)
            points.append((point, partial))
            if previous is not None:
                target = dashed if partial or points[-2][1] else path
                target.moveTo(previous)
                target.lineTo(point)
            previous = point
        pen = QPen(colour, 2.6 * c.unit)
        pen.setJoinStyle(Qt.RoundJoin)
        pen.setCapStyle(Qt.RoundCap)
        c.p.setPen(pen)
        c.p.setBrush(Qt.NoBrush)
        c.p.drawPath(path)
        pen.setStyle(Qt.DashLine)
        c.p.setPen(pen)
        c.p.drawPath(dashed)
        pen.setStyle(Qt.SolidLine)
        c.p.setPen(pen)
        if len(points) <= 45 or any(partial for _, partial in points):
            for point, partial in points:
                if len(points) > 45 and not partial:
                    continue
                # Hollow for a partial day, filled for a whole one.
                c.p.setBrush(QColor(c.style.background) if partial else colour)
                c.p.drawEllipse(point, 3.2 * c.unit, 3.2 * c.unit)
            c.p.setBrush(Qt.NoBrush)


# --------------------------------------------------------------------------- outputs


def render_chart(
    spec: ChartSpec, size: QSize | None = None, style: ChartStyle | None = None
) -> QImage:
    """The chart as an image (1400 x 760 by default: readable when projected)."""
    size = size or QSize(1400, 760)
    image = QImage(size, QImage.Format_ARGB32_Premultiplied)
    image.fill(QColor((style or ChartStyle()).background))
    painter = QPainter(image)
    try:
        draw_chart(painter, QRectF(0, 0, size.width(), size.height()), spec, style)
    finally:
        painter.end()
    return image


def save_chart(spec: ChartSpec, folder: Path, size: QSize | None = None) -> Path:
    path = folder / f"{spec.key}.png"
    image = render_chart(spec, size)
    if not image.save(str(path), "PNG"):
        raise PekaError(E715, f"Cannot write {path}. Choose a folder you may write to.")
    return path


class ChartWidget(QWidget):
    """Shows one chart on screen with the same drawing code as the PNG files."""

    def __init__(self, spec: ChartSpec | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec = spec
        self.setAccessibleName(spec.title if spec else "")
        self.style_ = ChartStyle()
        self.setMinimumSize(420, 260)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def spec(self) -> ChartSpec | None:
        return self._spec

    def set_spec(self, spec: ChartSpec | None) -> None:
        self._spec = spec
        self.setAccessibleName(spec.title if spec else "")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(700, 380)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._spec is None:
            return
        painter = QPainter(self)
        try:
            draw_chart(painter, QRectF(self.rect()), self._spec, self.style_)
        finally:
            painter.end()
