"""A self-contained HTML report of one answer (and a progress page): no network, no
external scripts or fonts. Every piece of text is escaped."""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any

from coach.analysis.disfluency import hedge_spans, repeated_words
from coach.progress import attempt_label, comparison_lines, habit_change, tracked
from coach.report.html_charts import (
    PACE_BAND_WPM,
    PACE_WINDOW_S,
    TrendPoint,
    pace_svg,
    sections,
    timeline_svg,
    trend_svg,
)
from coach.report.html_style import PAGE_CSS, PAGE_SCRIPT
from coach.wording import counted, join_words, noun_for, separators

MAX_EMBED_BYTES = 40_000_000
STRUCTURE_SECTIONS = ("recommendation", "assumptions", "tradeoffs", "operations", "validation")
STAR_SECTIONS = ("situation", "task", "action", "result", "reflection")
# how each kind of filler hit is marked; a hedge the filler finder counted ("kind of") is
# marked as a hedge, like the hedge phrases it does not count ("maybe", "I guess")
FILLER_CLASSES = {"filled_pause": "filler fp", "hedge": "hedge"}
TRANSCRIPT_LEGEND = (
    '<p class="legend"><span class="key filler-key">filler</span><span class="key hedge-key">hedge</span>'
    '<span class="key repeat-key">repeated</span><span class="key pause-key">pause</span></p>'
)


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{PAGE_CSS}</style></head>"
        f"<body><main>{body}</main><script>{PAGE_SCRIPT}</script></body></html>\n"
    )


def _sections(data: dict[str, Any]) -> list[tuple[str, float]]:
    """(section, start time) for the structure sections or STAR parts that were found."""
    return sections(data, {"structure": STRUCTURE_SECTIONS, "star": STAR_SECTIONS})


def _timeline(data: dict[str, Any]) -> str:
    return timeline_svg(data, _sections(data), _ticks(data))


def _hit_words(hit: dict[str, Any]) -> range:
    return range(hit["word_index"], hit["word_index"] + hit.get("words", 1))


def _hedges(data: dict[str, Any]) -> list[tuple[int, int]]:
    """The hedge phrases the filler finder did not count: (first, end) word indices."""
    counted = {i for hit in data["fillers"]["hits"] for i in _hit_words(hit)}
    spans = hedge_spans([w["text"] for w in data["transcript"]["words"]])
    return [(first, end) for first, end in spans if counted.isdisjoint(range(first, end))]


def _word_marks(data: dict[str, Any]) -> dict[int, str]:
    """The class of each marked word: a filler, a filled pause or a hedge."""
    marks: dict[int, str] = {}
    for hit in data["fillers"]["hits"]:
        marks.update(dict.fromkeys(_hit_words(hit), FILLER_CLASSES.get(hit["kind"], "filler")))
    for first, end in _hedges(data):
        marks.update(dict.fromkeys(range(first, end), "hedge"))
    return marks


def _ticks(data: dict[str, Any]) -> list[tuple[float, str, str]]:
    """(time, text, class) of each filler and hedge, for the timeline."""
    ticks = [
        (hit["start_s"], hit["text"], "hedge-tick" if hit["kind"] == "hedge" else "filler-tick")
        for hit in data["fillers"]["hits"]
        if hit["start_s"] is not None
    ]
    words = data["transcript"]["words"]
    for first, end in _hedges(data):
        if words[first]["start_s"] is not None:
            text = join_words(w["text"] for w in words[first:end])
            ticks.append((words[first]["start_s"], text, "hedge-tick"))
    return ticks


def _transcript(data: dict[str, Any]) -> str:
    words = data["transcript"]["words"]
    kinds = _word_marks(data)
    fillers = {i for i, css in kinds.items() if css != "hedge"}
    repeats = repeated_words([w["text"] for w in words])
    pauses = {
        round(p["start_s"], 2): p["end_s"] - p["start_s"]
        for p in (data.get("timing") or {}).get("pauses", [])
    }
    out: list[str] = []
    gaps = separators([w["text"] for w in words])  # "on-call", "4,000": no space inside a word
    for i, word in enumerate(words):
        out.append(gaps[i] if out else "")
        classes = ["w", kinds.get(i, "")]
        if i in repeats and i not in fillers:  # "um um" is shown as fillers already
            classes.append("repeat")
        start = word["start_s"]
        attrs = f' data-start="{start:.2f}" title="{start:.1f} s"' if start is not None else ""
        out.append(f'<span class="{" ".join(c for c in classes if c)}"{attrs}>{esc(word["text"])}</span>')
        end = word.get("end_s")
        if end is not None:
            gap = next((length for at, length in pauses.items() if abs(at - end) < 0.6), None)
            if gap is not None:
                out.append(f' <span class="pause-mark">pause {gap:.1f} s</span>')
                pauses = {k: v for k, v in pauses.items() if abs(k - end) >= 0.6}
    return "".join(out)


def _audio(data: dict[str, Any]) -> str:
    path = (data.get("audio") or {}).get("path")
    if not path:
        return '<p class="muted">The recording was not kept, so it is not embedded.</p>'
    if not Path(path).is_file():
        return f'<p class="muted">The recording is no longer at {esc(path)} (moved or deleted), so it is not embedded.</p>'
    size_bytes = Path(path).stat().st_size
    if size_bytes > MAX_EMBED_BYTES:
        return (
            f'<p class="muted">The recording ({size_bytes / 1e6:.0f} MB) is too large to embed '
            f"(over {MAX_EMBED_BYTES / 1e6:.0f} MB); it is at {esc(path)}.</p>"
        )
    suffix = Path(path).suffix.lower().lstrip(".") or "wav"
    mime = {
        "wav": "audio/wav",
        "flac": "audio/flac",
        "mp3": "audio/mpeg",
        "m4a": "audio/mp4",
        "ogg": "audio/ogg",
    }.get(suffix, "audio/wav")
    payload = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return f'<audio id="audio" controls preload="auto" src="data:{mime};base64,{payload}"></audio><p class="muted">Click any word to play from there.</p>'


def _list(items: list[str], css: str) -> str:
    return f'<ul class="{css}">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""


def answer_report(data: dict[str, Any]) -> str:
    q, timing, fillers = data["question"], data.get("timing"), data["fillers"]
    stats = []
    if timing:
        stats += [
            f'<div class="stat verdict-{esc(timing["verdict"])}"><b>{timing.get("answer_s", timing["duration_s"]):.0f} s</b>{esc(timing["verdict"].replace("_", " "))}, target {timing["target_s"][0]:.0f}–{timing["target_s"][1]:.0f} s</div>',
            f'<div class="stat"><b>{timing["wpm"]:.0f}</b>words a minute ({timing["articulation_wpm"]:.0f} while speaking)</div>',
        ]
    rate = (
        f"{fillers['per_minute']:.1f} a minute"
        if fillers["per_minute"] is not None
        else f"{fillers['share_of_words']:.0%} of words"
    )
    stats.append(
        f'<div class="stat"><b>{fillers["count"]}</b>{noun_for(fillers["count"], "filler")}, {esc(rate)}</div>'
    )
    feedback = _list(
        [
            f"{esc(t['message'])}" + (f"<q>{esc(t['evidence'])}</q>" if t["evidence"] else "")
            for t in data["feedback"]
        ],
        "feedback",
    )
    coverage = data.get("coverage") or {"covered": [], "missed": []}
    covered = [
        f'<span class="ok">✓</span> {esc(c["label"])} <q>{esc(c["quote"])}</q>' for c in coverage["covered"]
    ]
    missed = [f'<span class="no">✗</span> {esc(m["label"])}' for m in coverage["missed"]]
    retries = [
        f"{esc(heading)}: {esc(summary)}" for heading, summary in comparison_lines(data.get("comparison"))
    ]
    body = [
        f'<header><p class="meta">{esc(q["id"])} · {esc(q["kind"])}'
        + (f" · {esc(label)}" if (label := attempt_label(data)) else "")
        + f'</p><h1>{esc(q["text"])}</h1><div class="stats">{"".join(stats)}</div></header>'
    ]
    if timing:
        low, high = timing["target_s"]
        legend = f'<span class="key target-key">target {low:g}–{high:g} s</span>' + "".join(
            f'<span class="key band-{n}">{n}</span>' for n, _ in _sections(data)
        )
        body.append(
            f'<section id="timeline"><h2>Timeline</h2>{_timeline(data)}<p class="legend">{legend}<span class="key filler-key">filler</span><span class="key hedge-key">hedge</span><span class="key pause-key">pause</span></p></section>'
        )
        pace = pace_svg(data)
        if pace:
            slow, fast = PACE_BAND_WPM
            body.append(
                f'<section id="pace-section"><h2>Pace</h2><figure class="pace-figure">{pace}<figcaption>Words a minute '
                f"in the {PACE_WINDOW_S:g} s around each moment. Under {slow:g} coach suggests picking up the pace, "
                f"over {fast:g} slowing down.</figcaption></figure></section>"
            )
        body.append(f'<section id="recording"><h2>Recording</h2>{_audio(data)}</section>')
    body.append(
        f'<section id="transcript"><h2>Transcript</h2><p class="transcript">{_transcript(data)}</p>{TRANSCRIPT_LEGEND}</section>'
    )
    body.append(f'<section id="feedback"><h2>Feedback</h2>{feedback}</section>')
    if covered or missed:
        body.append(
            f'<section id="coverage"><h2>Key points</h2>{_list(covered + missed, "coverage")}</section>'
        )
    if retries:
        body.append(
            f'<section id="comparison"><h2>Compared with before</h2>{_list([r for r in retries], "comparison")}</section>'
        )
    return _page(f"coach · {q['id']}", "".join(body))


# each trend: (title, attribute of the attempt, unit on its axis, decimals, least top of the axis)
TRENDS = (
    ("score", "score", "score (0–100)", 0, 100.0),
    ("fillers per minute", "fillers_per_minute", "fillers a minute", 1, 0.0),
    ("duration", "duration_s", "seconds", 0, 0.0),
)


def _trend(ordered: list[Any], title: str, field: str, unit: str, decimals: int, floor_top: float) -> str:
    kept = [(a, getattr(a, field)) for a in ordered if getattr(a, field) is not None]
    if not kept:
        return ""
    points = [
        TrendPoint(
            v, a.created_at[:10], f"attempt {a.id}, {a.created_at[:10]}, {a.question_text} — {v:.{decimals}f}"
        )
        for a, v in kept
    ]
    first, last = kept[0][1], kept[-1][1]
    return (
        f'<figure class="trend"><figcaption>{esc(title)}: {first:.{decimals}f} → {last:.{decimals}f} over {counted(len(kept), "answer")}</figcaption>'
        f"{trend_svg(title, unit, points, decimals=decimals, floor_top=floor_top)}</figure>"
    )


def progress_report(attempts: list[Any], progress: Any, report_links: dict[int, str] | None = None) -> str:
    """The progress page: the trends, the habits moving most, what to practise next and
    every answer, each row linking to its report where `report_links` (attempt id -> URL)
    has one."""
    links = report_links or {}
    ordered = sorted((a for a in attempts if a.parent_id is None), key=lambda a: (a.created_at, a.id))
    charts = [_trend(tracked(ordered, include_partial=True), *trend) for trend in TRENDS]

    def linked(a: Any, text: str) -> str:
        href = links.get(a.id)
        return f'<a href="{esc(href)}">{esc(text)}</a>' if href else esc(text)

    rows = "".join(
        f'<tr data-attempt="{a.id}"><td>{linked(a, str(a.id))}</td><td>{esc(a.created_at[:16].replace("T", " "))}</td><td>{esc(a.mode)}</td><td title="{esc(a.question_id)}">{linked(a, a.question_text)}</td>'
        f"<td>{'' if a.duration_s is None else f'{a.duration_s:.0f} s'}</td><td>{a.score:.0f}</td></tr>"
        for a in reversed(ordered)
    )
    shares = progress.habit_shares
    habits = _list([esc(habit_change(h, shares[h])) for h, _ in progress.improving], "improving")
    slipping = _list([esc(habit_change(h, shares[h])) for h, _ in progress.worsening], "worsening")
    quiet = "Not enough answers yet." if len(ordered) < 2 else "No habit is showing up less yet."
    next_up = _list(
        [
            f"{esc(d.question_text)} — last score {d.last_score:.0f}, due {esc(d.due)}"
            for d in progress.next_up
        ],
        "next-up",
    )
    body = (
        f'<header><p class="meta">coach · progress</p><h1>{counted(len(ordered), "answer")}</h1></header>'
        f'<section id="trends"><h2>Trends</h2>{"".join(charts)}</section>'
        f'<section id="habits"><h2>Improving most</h2><p class="muted">Habits showing up in fewer of your recent answers than before.</p>{habits or f"<p class=muted>{quiet}</p>"}'
        f"<h2>Slipping</h2>{slipping or '<p class=muted>Nothing slipping.</p>'}</section>"
        f'<section id="next"><h2>Practise next</h2>{next_up}</section>'
        f'<section id="attempts"><h2>Attempts</h2><p class="muted">Click an attempt to open its report.</p><table><thead><tr><th>#</th><th>when (UTC)</th><th>mode</th><th>question</th><th>time</th><th>score</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )
    return _page("coach · progress", body)
