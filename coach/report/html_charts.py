"""The report's SVG charts: the answer timeline, the pace curve and the progress trends.

Every label is laid out here, before the browser sees it: its box is estimated from the
text (generously, from the widths of DejaVu Sans, a wide font and the usual Linux
system-ui), and a label goes only where its box overlaps no other label and stays inside
its chart. A label that cannot be placed is left out (a value on a crowded trend, an axis
date between others) rather than drawn over another; section names and target marks
always fit, by moving down (or up) a row.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from coach.config import AnalysisOptions

WIDTH_PX = 960  # the viewBox width; the page shows it at about this size
FONT_PX = 11  # label text size, set in html_style (.chart text)
ROW_PX = 15  # one row of labels: a 11 px font's box is under 14 px high
GAP_PX = 3.0  # the least space between two label boxes
# Estimated advance widths in em, at or above DejaVu Sans's (measured in Chromium).
NARROW = frozenset(" .,:;'’!|()[]-/ijlrtfI")
WIDE = frozenset("mwMW%@#+×→…")
SIDE_PX = 14  # the timeline's margin left and right, so the first and last tick labels fit
PACE_HEIGHT_PX = 230
PACE_WINDOW_S = 10.0
PACE_STEP_S = 2.0
# The pace coach does not comment on: under slow_wpm it says "pick up the pace", over
# fast_wpm "slow down" (see AnalysisOptions and coach.feedback).
PACE_BAND_WPM = (AnalysisOptions().slow_wpm, AnalysisOptions().fast_wpm)
TREND_HEIGHT_PX = 210
TIME_STEPS_S = (1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0)


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def text_width_px(text: str, font_px: float = FONT_PX) -> float:
    """A generous estimate of how wide `text` is drawn at `font_px`."""
    em = 0.0
    for ch in text:
        if ch in NARROW:
            em += 0.42
        elif ch in WIDE:
            em += 1.0
        elif ch.isupper():
            em += 0.8
        else:
            em += 0.68
    return em * font_px + 2


@dataclass(frozen=True)
class Box:
    """A label's box in the chart's coordinates (px, y down)."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, gap: float = GAP_PX) -> bool:
        return (
            self.left < other.right + gap
            and other.left < self.right + gap
            and self.top < other.bottom + gap
            and other.top < self.bottom + gap
        )

    def inside(self, left: float, top: float, right: float, bottom: float) -> bool:
        return self.left >= left and self.right <= right and self.top >= top and self.bottom <= bottom

    def crossed_by(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """Whether the segment a-b passes through this box (Liang-Barsky clipping)."""
        (x0, y0), (x1, y1) = a, b
        dx, dy = x1 - x0, y1 - y0
        lo, hi = 0.0, 1.0
        for p, q in (
            (-dx, x0 - self.left),
            (dx, self.right - x0),
            (-dy, y0 - self.top),
            (dy, self.bottom - y0),
        ):
            if p == 0:
                if q < 0:
                    return False
                continue
            r = q / p
            if p < 0:
                lo = max(lo, r)
            else:
                hi = min(hi, r)
            if lo > hi:
                return False
        return True


def text_box(x: float, baseline: float, text: str, anchor: str = "start") -> Box:
    width = text_width_px(text)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, baseline - 0.95 * FONT_PX, left + width, baseline + 0.3 * FONT_PX)


def label(x: float, baseline: float, text: str, css: str, anchor: str = "start") -> str:
    return f'<text class="{css}" x="{x:.1f}" y="{baseline:.1f}" text-anchor="{anchor}">{esc(text)}</text>'


def nice_step(span: float, max_ticks: float, steps: Sequence[float] = ()) -> float:
    """The smallest round step (1, 2, 2.5 or 5 times a power of ten, or one of `steps`)
    that cuts `span` into at most `max_ticks` intervals."""
    raw = span / max(max_ticks, 1.0)
    for step in steps:
        if step >= raw:
            return step
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def ticks(top: float, step: float) -> list[float]:
    return [i * step for i in range(int(top / step + 1e-9) + 1)]


def number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 else f"{value:.0f}"


def stack_rows(anchors: Sequence[tuple[float, str]], width: float) -> list[tuple[int, float]]:
    """(row, left edge) for each (anchor x, text). A label sits just right of its
    anchor (left of it near the right edge) in the first row where its box overlaps no
    other; row 0 is nearest the anchors, and a label in row r hangs on a leader line through
    rows 0..r-1. Where it can, a label keeps clear of the leaders, and its leader of the
    labels nearer the anchors; where it cannot (at the right edge, where a label turns to
    the left of its anchor), the leader passes under the text (labels have a white halo)."""
    placed: list[tuple[int, float, float, float]] = []  # row, left, right, anchor
    out: dict[int, tuple[int, float]] = {}
    # right to left: a label reaches rightwards from its anchor, so the leader of one placed
    # later (further left) passes left of the labels already placed
    for index in sorted(range(len(anchors)), key=lambda i: -anchors[i][0]):
        anchor, text = anchors[index]
        w = text_width_px(text)
        left = next(
            (x for x in (anchor + 3, anchor - 3 - w) if x >= 0 and x + w <= width),
            max(0.0, min(anchor + 3, width - w)),
        )
        spot = (left, left + w, anchor)
        # a row past every placed label is always free
        row = next(
            r
            for strict in (True, False)
            for r in range(len(anchors) + 1)
            if _row_free(placed, r, spot, strict)
        )
        placed.append((row, *spot))
        out[index] = (row, left)
    return [out[i] for i in range(len(anchors))]


def _row_free(
    placed: list[tuple[int, float, float, float]], row: int, spot: tuple[float, float, float], strict: bool
) -> bool:
    """Whether a label spanning (left, right) on a leader at `anchor` may go in `row`:
    it overlaps no label there, and (strict) crosses no leader and hangs its own leader
    through no label."""
    left, right, anchor = spot
    if any(r == row and left < pr + GAP_PX and pl < right + GAP_PX for r, pl, pr, _ in placed):
        return False
    return not strict or not (
        any(r > row and left - GAP_PX <= a <= right + GAP_PX for r, _, _, a in placed)
        or any(r < row and pl - GAP_PX <= anchor <= pr + GAP_PX for r, pl, pr, _ in placed)
    )


def sections(data: dict[str, Any], names: dict[str, tuple[str, ...]]) -> list[tuple[str, float]]:
    """(section, start time) for the structure sections or STAR parts that were found."""
    for key, keys in names.items():
        part = data.get(key)
        if part:
            found = [(n, part["evidence"][n]["at_s"]) for n in keys if part["evidence"].get(n)]
            return sorted(((n, t) for n, t in found if t is not None), key=lambda s: s[1])
    return []


def timeline_length_s(timing: dict[str, Any]) -> float:
    """The timeline's time axis: the answer, or a little past the target window when the
    answer was shorter."""
    return float(max(timing["duration_s"], timing["target_s"][1] * 1.1, 1.0))


def timeline_svg(
    data: dict[str, Any], found: list[tuple[str, float]], ticks_at: list[tuple[float, str, str]]
) -> str:
    """The answer on a time axis: the target window (the question's own `timing.target_s`)
    with its two marks, the sections or STAR parts found as coloured bands with their names
    below, pauses, filler and hedge ticks, the moment of the recommendation and the end."""
    timing = data["timing"]
    low, high = (float(v) for v in timing["target_s"])
    duration = float(timing["duration_s"])
    total_s = timeline_length_s(timing)
    plot_w = WIDTH_PX - 2 * SIDE_PX

    def x(t: float) -> float:
        return round(SIDE_PX + min(max(float(t), 0.0), total_s) / total_s * plot_w, 1)

    marks = [
        (x(low), f"{low:g} s", "mark mark-low", "target-mark"),
        (x(high), f"{high:g} s", "mark mark-high", "target-mark"),
        (x(duration), f"end {duration:.0f} s", "end", "end-mark"),
    ]
    mark_rows = stack_rows([(mx, text) for mx, text, _, _ in marks], WIDTH_PX)
    top_rows = 1 + max(r for r, _ in mark_rows)
    band_top = top_rows * ROW_PX + 10
    band_bottom = band_top + 24
    section_rows = stack_rows([(x(t), n) for n, t in found], WIDTH_PX)
    below = band_bottom + 4 + (1 + max((r for r, _ in section_rows), default=-1)) * ROW_PX
    events_y = below + 4
    axis_y = events_y + 18
    height = axis_y + 4 + 2 * ROW_PX + 4
    parts = [
        f'<svg class="timeline chart" viewBox="0 0 {WIDTH_PX} {height}" role="img" aria-label="answer timeline">',
        f'<rect class="target-window" x="{x(low)}" y="{band_top - 8}" width="{x(high) - x(low)}" '
        f'height="{axis_y - band_top + 8}"><title>target window {low:g}–{high:g} s</title></rect>',
    ]
    for i, (name, start) in enumerate(found):
        end = found[i + 1][1] if i + 1 < len(found) else duration
        parts.append(
            f'<rect class="band band-{esc(name)}" data-section="{esc(name)}" x="{x(start)}" y="{band_top}" '
            f'width="{max(x(end) - x(start), 2)}" height="{band_bottom - band_top}"><title>{esc(name)} from {start:.0f} s</title></rect>'
        )
    for (name, start), (row, left) in zip(found, section_rows, strict=True):
        baseline = band_bottom + 4 + row * ROW_PX + 11
        parts.append(
            f'<line class="leader leader-{esc(name)}" x1="{x(start)}" x2="{x(start)}" y1="{band_bottom}" y2="{baseline - 4}"/>'
            + label(left, baseline, name, f"band-label label-{name}")
        )
    for pause in timing["pauses"]:
        parts.append(
            f'<rect class="pause-gap" x="{x(pause["start_s"])}" y="{events_y}" width="{max(x(pause["end_s"]) - x(pause["start_s"]), 1)}" '
            f'height="12"><title>pause {pause["end_s"] - pause["start_s"]:.1f} s</title></rect>'
        )
    for start_s, text, tick in ticks_at:
        parts.append(
            f'<line class="{tick}" x1="{x(start_s)}" x2="{x(start_s)}" y1="{events_y - 2}" y2="{events_y + 14}"><title>{esc(text)}</title></line>'
        )
    structure = data.get("structure")
    if structure and structure.get("recommendation_s") is not None:
        rx = x(structure["recommendation_s"])
        parts.append(
            f'<path class="rec-mark" d="M{rx} {band_top - 1} l-5 -7 h10 z"><title>recommendation at {structure["recommendation_s"]:.0f} s</title></path>'
        )
    for (mx, text, css, label_css), (row, left) in zip(marks, mark_rows, strict=True):
        baseline = band_top - 10 - row * ROW_PX
        # the line stops above the section names and starts again below them
        parts.append(
            f'<line class="{css}" x1="{mx}" x2="{mx}" y1="{baseline - 4}" y2="{band_bottom}"/>'
            f'<line class="{css}" x1="{mx}" x2="{mx}" y1="{events_y - 4}" y2="{axis_y}"/>'
            + label(left, baseline, text, f"mark-label {label_css}")
        )
    parts.append(_time_axis(x, total_s, plot_w, axis_y, SIDE_PX, WIDTH_PX - SIDE_PX))
    parts.append("</svg>")
    return "".join(parts)


def _time_axis(
    x: Callable[[float], float], total_s: float, plot_w: float, axis_y: float, left: float, right: float
) -> str:
    """An x axis in seconds: the line, round ticks with their numbers, and its title."""
    step = nice_step(total_s, plot_w / 56, TIME_STEPS_S)
    parts = [f'<line class="axis" x1="{left}" x2="{right}" y1="{axis_y}" y2="{axis_y}"/>']
    for t in ticks(total_s, step):
        tx = x(t)
        box = text_box(tx, axis_y + 4 + ROW_PX - 2, number(t), "middle")
        parts.append(f'<line class="tick" x1="{tx}" x2="{tx}" y1="{axis_y}" y2="{axis_y + 4}"/>')
        if box.left >= 0 and box.right <= WIDTH_PX:
            parts.append(label(tx, axis_y + 4 + ROW_PX - 2, number(t), "axis-label", "middle"))
    parts.append(label(right, axis_y + 4 + 2 * ROW_PX - 2, "seconds", "axis-title", "end"))
    return "".join(parts)


def pace_points(data: dict[str, Any]) -> list[tuple[float, float]]:
    """(time s, words a minute) every PACE_STEP_S: words starting within PACE_WINDOW_S
    centred on that time (cut at the ends of the answer)."""
    starts = [w["start_s"] for w in data["transcript"]["words"] if w["start_s"] is not None]
    duration = float(data["timing"]["duration_s"])
    if not starts or duration <= 0:
        return []
    points = []
    steps = int(duration / PACE_STEP_S + 1e-9)
    for t in [i * PACE_STEP_S for i in range(steps + 1)] + (
        [duration] if steps * PACE_STEP_S < duration else []
    ):
        lo, hi = max(0.0, t - PACE_WINDOW_S / 2), min(duration, t + PACE_WINDOW_S / 2)
        span = max(hi - lo, 1.0)
        points.append((round(t, 2), sum(1 for s in starts if lo <= s < hi) / span * 60))
    return points


def pace_svg(data: dict[str, Any]) -> str:
    """The pace curve: words a minute over the answer, on axes scaled to it (seconds across,
    words per minute up), over the band of pace coach does not comment on (PACE_BAND_WPM)."""
    points = pace_points(data)
    if not points:
        return ""
    duration = float(data["timing"]["duration_s"])
    band_low, band_high = PACE_BAND_WPM
    left, right, top, bottom = 52.0, WIDTH_PX - 16.0, 34.0, PACE_HEIGHT_PX - 2 * ROW_PX - 8
    peak = max(max(w for _, w in points), band_high)
    step_wpm = nice_step(peak * 1.05, (bottom - top) / 28)
    top_wpm = math.ceil(peak * 1.05 / step_wpm) * step_wpm

    def x(t: float) -> float:
        return round(left + min(max(t, 0.0), duration) / duration * (right - left), 1)

    def y(wpm: float) -> float:
        return round(bottom - wpm / top_wpm * (bottom - top), 1)

    parts = [
        f'<svg class="pace chart" viewBox="0 0 {WIDTH_PX} {PACE_HEIGHT_PX}" role="img" aria-label="pace curve, words per minute over seconds">',
        f'<rect class="pace-band" x="{left}" y="{y(band_high)}" width="{right - left}" height="{y(band_low) - y(band_high)}">'
        f"<title>{band_low:g}–{band_high:g} words a minute</title></rect>",
    ]
    for wpm in ticks(top_wpm, step_wpm):
        parts.append(
            f'<line class="grid" x1="{left}" x2="{right}" y1="{y(wpm)}" y2="{y(wpm)}"/>'
            + label(left - 6, y(wpm) + 4, number(wpm), "axis-label", "end")
        )
    parts.append(f'<line class="axis" x1="{left}" x2="{left}" y1="{top}" y2="{bottom}"/>')
    parts.append(label(4, 14, "words per minute", "axis-title"))
    # the legend sits above the plot, right-aligned, so it never meets the curve
    legend = (
        ("pace-curve-key", f"your pace ({PACE_WINDOW_S:g} s window)"),
        ("pace-band-key", f"target {band_low:g}–{band_high:g} wpm"),
    )
    lx = right - sum(18 + text_width_px(text) + 14 for _, text in legend) + 14
    for css, text in legend:
        parts.append(
            f'<rect class="pace-band" x="{lx}" y="5" width="14" height="10"/>'
            if css == "pace-band-key"
            else f'<line class="pace-curve" x1="{lx}" x2="{lx + 14}" y1="10" y2="10"/>'
        )
        parts.append(label(lx + 18, 14, text, f"legend-label {css}"))
        lx += 18 + text_width_px(text) + 14
    coords = " ".join(f"{x(t)},{y(w)}" for t, w in points)
    dots = "".join(
        f'<circle class="pace-dot" cx="{x(t)}" cy="{y(w)}" r="6"><title>{t:.0f} s: {w:.0f} wpm</title></circle>'
        for t, w in points
    )
    parts.append(f'<polyline class="pace-curve" points="{coords}"/>{dots}')
    parts.append(_time_axis(x, duration, right - left, bottom, left, right))
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class TrendPoint:
    """One attempt on a trend: its value, its date (YYYY-MM-DD) and its hover text."""

    value: float
    date: str
    tip: str


def trend_svg(
    metric: str, unit: str, points: Sequence[TrendPoint], *, decimals: int = 0, floor_top: float = 0.0
) -> str:
    """A trend over attempts, one point each in order: a y axis in `unit` from 0 (to at least
    `floor_top`), the value at each point where it fits, and the dates along the x axis."""
    if not points:
        return ""
    height = TREND_HEIGHT_PX
    left, right, top, bottom = 52.0, WIDTH_PX - 24.0, 40.0, height - 2 * ROW_PX - 8
    values = [p.value for p in points]
    peak = max(*values, floor_top) or 1.0
    step = nice_step(peak, (bottom - top) / 26)
    top_value = math.ceil(peak / step - 1e-9) * step
    # the points keep clear of the y axis, so that the first value has room beside its labels
    first_x, last_x = left + 20, right - 8
    gap = (last_x - first_x) / max(len(points) - 1, 1)
    xs = [first_x + (i * gap if len(points) > 1 else (last_x - first_x) / 2) for i in range(len(points))]
    ys = [bottom - v / top_value * (bottom - top) for v in values]
    parts = [
        f'<svg class="trend-chart chart" data-metric="{esc(metric)}" viewBox="0 0 {WIDTH_PX} {height}" role="img" aria-label="{esc(metric)}, {esc(unit)}, by attempt">'
    ]
    boxes: list[Box] = []
    for value in ticks(top_value, step):
        ty = bottom - value / top_value * (bottom - top)
        parts.append(
            f'<line class="grid" x1="{left}" x2="{right}" y1="{ty:.1f}" y2="{ty:.1f}"/>'
            + label(left - 6, ty + 4, number(value), "axis-label", "end")
        )
        boxes.append(text_box(left - 6, ty + 4, number(value), "end"))
    parts.append(label(4, 14, unit, "axis-title"))
    boxes.append(text_box(4, 14, unit))
    parts.append(
        f'<line class="axis" x1="{left}" x2="{left}" y1="{top}" y2="{bottom}"/>'
        f'<line class="axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}"/>'
    )
    segments = list(zip(zip(xs, ys, strict=True), zip(xs[1:], ys[1:], strict=True), strict=False))
    line = " ".join(f"{px:.1f},{py:.1f}" for px, py in zip(xs, ys, strict=True))
    parts.append(f'<polyline class="trend-line" points="{line}"/>')
    for px, py, point in zip(xs, ys, points, strict=True):
        parts.append(
            f'<circle class="dot" cx="{px:.1f}" cy="{py:.1f}" r="3.5"><title>{esc(point.tip)}</title></circle>'
        )
    # values: the last, the first, the highest and the lowest first, then the rest in order
    order = [len(values) - 1, 0, values.index(max(values)), values.index(min(values)), *range(len(values))]
    shown: set[int] = set()
    for i in order:
        if i in shown:
            continue
        text = f"{values[i]:.{decimals}f}"
        spots = [text_box(xs[i], ys[i] - 8, text, "middle"), text_box(xs[i], ys[i] + 17, text, "middle")]
        for strict in (True, False):
            spot = next(
                (
                    b
                    for b in spots
                    if b.inside(0, 20, WIDTH_PX, bottom - 1)
                    and not any(b.overlaps(o) for o in boxes)
                    and not (strict and any(b.crossed_by(a, c) for a, c in segments))
                ),
                None,
            )
            if spot:
                boxes.append(spot)
                shown.add(i)
                baseline = ys[i] - 8 if spot is spots[0] else ys[i] + 17
                parts.append(label(xs[i], baseline, text, "value-label", "middle"))
                break
    parts.append(_date_axis(xs, [p.date for p in points], bottom))
    parts.append("</svg>")
    return "".join(parts)


def _date_axis(xs: list[float], dates: list[str], bottom: float) -> str:
    """A date under the first attempt of each day, the first and last day first, leaving out
    any that would touch another."""
    firsts = [i for i, d in enumerate(dates) if i == 0 or dates[i - 1] != d]
    order = [firsts[0], firsts[-1], *firsts[1:-1]]
    placed: list[Box] = []
    parts = []
    baseline = bottom + ROW_PX + 2
    for i in dict.fromkeys(order):
        box = text_box(xs[i], baseline, dates[i], "middle")
        anchor_x = xs[i] + max(0.0, -box.left) - max(0.0, box.right - WIDTH_PX)
        box = text_box(anchor_x, baseline, dates[i], "middle")
        if any(box.overlaps(o, 8) for o in placed):
            continue
        placed.append(box)
        parts.append(
            f'<line class="tick" x1="{xs[i]:.1f}" x2="{xs[i]:.1f}" y1="{bottom}" y2="{bottom + 4}"/>'
            + label(anchor_x, baseline, dates[i], "axis-label date-label", "middle")
        )
    parts.append(label(WIDTH_PX - 2, bottom + 2 * ROW_PX + 2, "date (UTC)", "axis-title", "end"))
    return "".join(parts)
