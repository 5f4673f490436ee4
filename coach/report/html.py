"""A self-contained HTML report of one answer (and a progress page): no network, no
external scripts or fonts. Every piece of text is escaped."""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any

from coach.analysis.disfluency import hedge_spans, repeated_words
from coach.progress import comparison_lines
from coach.report.html_style import PAGE_CSS, PAGE_SCRIPT

WIDTH_PX = 960
TIMELINE_HEIGHT_PX = 120
PACE_HEIGHT_PX = 110
PACE_WINDOW_S = 10.0
PACE_STEP_S = 2.0
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
    for key, names in (("structure", STRUCTURE_SECTIONS), ("star", STAR_SECTIONS)):
        part = data.get(key)
        if part:
            found = [(n, part["evidence"][n]["at_s"]) for n in names if part["evidence"].get(n)]
            return sorted(((n, t) for n, t in found if t is not None), key=lambda s: s[1])
    return []


def _timeline(data: dict[str, Any]) -> str:
    timing = data["timing"]
    low, high = timing["target_s"]
    total_s = _timeline_length_s(timing)
    scale = WIDTH_PX / total_s

    def x(t: float) -> float:
        return round(float(min(max(t, 0.0), total_s)) * scale, 1)

    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH_PX} {TIMELINE_HEIGHT_PX}" role="img" aria-label="answer timeline">'
    ]
    parts.append(
        f'<rect class="target-window" x="{x(low)}" y="0" width="{x(high) - x(low)}" height="{TIMELINE_HEIGHT_PX}"/>'
    )
    sections = _sections(data)
    for i, (name, start) in enumerate(sections):
        end = sections[i + 1][1] if i + 1 < len(sections) else timing["duration_s"]
        parts.append(
            f'<rect class="band band-{esc(name)}" data-section="{esc(name)}" x="{x(start)}" y="14" '
            f'width="{max(x(end) - x(start), 2)}" height="40"><title>{esc(name)} from {start:.0f} s</title></rect>'
            f'<text class="band-label" x="{x(start) + 3}" y="30">{esc(name)}</text>'
        )
    for pause in timing["pauses"]:
        parts.append(
            f'<rect class="pause-gap" x="{x(pause["start_s"])}" y="60" width="{max(x(pause["end_s"]) - x(pause["start_s"]), 1)}" '
            f'height="14"><title>pause {pause["end_s"] - pause["start_s"]:.1f} s</title></rect>'
        )
    for start_s, text, tick in _ticks(data):
        parts.append(
            f'<line class="{tick}" x1="{x(start_s)}" x2="{x(start_s)}" y1="78" y2="94"><title>{esc(text)}</title></line>'
        )
    structure = data.get("structure")
    if structure and structure.get("recommendation_s") is not None:
        rx = x(structure["recommendation_s"])
        parts.append(
            f'<path class="rec-mark" d="M{rx} 6 l-5 -6 h10 z"><title>recommendation at {structure["recommendation_s"]:.0f} s</title></path>'
        )
    for seconds, name in ((60, "mark-60"), (90, "mark-90")):
        if seconds <= total_s:
            parts.append(
                f'<line class="mark {name}" x1="{x(seconds)}" x2="{x(seconds)}" y1="0" y2="{TIMELINE_HEIGHT_PX - 14}"/>'
                f'<text class="mark-label" x="{x(seconds) + 2}" y="{TIMELINE_HEIGHT_PX - 2}">{seconds} s</text>'
            )
    parts.append(
        f'<line class="end" x1="{x(timing["duration_s"])}" x2="{x(timing["duration_s"])}" y1="0" y2="100"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _timeline_length_s(timing: dict[str, Any]) -> float:
    """The time axis shared by the timeline and the pace curve: the answer, or a little
    past the target window when the answer was shorter."""
    return float(max(timing["duration_s"], timing["target_s"][1] * 1.1, 1.0))


def _pace(data: dict[str, Any]) -> str:
    words = [w["start_s"] for w in data["transcript"]["words"] if w["start_s"] is not None]
    duration = data["timing"]["duration_s"]
    axis_s = _timeline_length_s(data["timing"])
    if not words or duration <= 0:
        return ""
    points = []
    t = 0.0
    while t <= duration:
        lo, hi = max(0.0, t - PACE_WINDOW_S / 2), min(duration, t + PACE_WINDOW_S / 2)
        span = max(hi - lo, 1.0)
        wpm = sum(1 for s in words if lo <= s < hi) / span * 60
        points.append((t, wpm))
        t += PACE_STEP_S
    top = max(220.0, max(w for _, w in points))
    coords = " ".join(
        f"{round(t / axis_s * WIDTH_PX, 1)},{round(PACE_HEIGHT_PX - w / top * (PACE_HEIGHT_PX - 10), 1)}"
        for t, w in points
    )
    guide = round(PACE_HEIGHT_PX - 150 / top * (PACE_HEIGHT_PX - 10), 1)
    return (
        f'<svg class="pace" viewBox="0 0 {WIDTH_PX} {PACE_HEIGHT_PX}" role="img" aria-label="pace curve">'
        f'<line class="pace-guide" x1="0" x2="{WIDTH_PX}" y1="{guide}" y2="{guide}"/>'
        f'<text class="mark-label" x="4" y="{guide - 3}">150 wpm</text>'
        f'<polyline class="pace-curve" points="{coords}"/></svg>'
    )


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
            text = " ".join(w["text"] for w in words[first:end])
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
    out = []
    for i, word in enumerate(words):
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
                out.append(f'<span class="pause-mark">pause {gap:.1f} s</span>')
                pauses = {k: v for k, v in pauses.items() if abs(k - end) >= 0.6}
    return " ".join(out)


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
            f'<div class="stat verdict-{esc(timing["verdict"])}"><b>{timing["duration_s"]:.0f} s</b>{esc(timing["verdict"].replace("_", " "))}, target {timing["target_s"][0]:.0f}–{timing["target_s"][1]:.0f} s</div>',
            f'<div class="stat"><b>{timing["wpm"]:.0f}</b>words a minute ({timing["articulation_wpm"]:.0f} while speaking)</div>',
        ]
    rate = (
        f"{fillers['per_minute']:.1f} a minute"
        if fillers["per_minute"] is not None
        else f"{fillers['share_of_words']:.0%} of words"
    )
    stats.append(f'<div class="stat"><b>{fillers["count"]}</b>fillers, {esc(rate)}</div>')
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
        + (f" · attempt {esc(data['attempt_id'])}" if data.get("attempt_id") else "")
        + f'</p><h1>{esc(q["text"])}</h1><div class="stats">{"".join(stats)}</div></header>'
    ]
    if timing:
        legend = "".join(f'<span class="key band-{n}">{n}</span>' for n, _ in _sections(data))
        body.append(
            f'<section id="timeline"><h2>Timeline</h2>{_timeline(data)}<p class="legend">{legend}<span class="key filler-key">filler</span><span class="key hedge-key">hedge</span><span class="key pause-key">pause</span></p></section>'
        )
        body.append(f'<section id="pace-section"><h2>Pace</h2>{_pace(data)}</section>')
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


def _chart(name: str, values: list[float], labels: list[str]) -> str:
    if not values:
        return ""
    height, pad = 140, 24
    top, low = max(values), min(values)
    span = (top - low) or 1.0
    step = (WIDTH_PX - 2 * pad) / max(len(values) - 1, 1)
    pts = [
        (pad + i * step, height - pad - (v - low) / span * (height - 2 * pad)) for i, v in enumerate(values)
    ]
    dots = "".join(
        f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="3"><title>{esc(labels[i])}: {values[i]:.1f}</title></circle>'
        for i, (x, y) in enumerate(pts)
    )
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    return (
        f'<figure class="trend"><figcaption>{esc(name)}: {values[0]:.1f} → {values[-1]:.1f}</figcaption>'
        f'<svg class="trend-chart" data-metric="{esc(name)}" viewBox="0 0 {WIDTH_PX} {height}"><polyline class="trend-line" points="{line}"/>{dots}</svg></figure>'
    )


def progress_report(attempts: list[Any], progress: Any) -> str:
    ordered = sorted((a for a in attempts if a.parent_id is None), key=lambda a: (a.created_at, a.id))
    labels = [f"#{a.id} {a.created_at[:10]} {a.question_id}" for a in ordered]
    charts = [_chart("score", [a.score for a in ordered], labels)]
    for name, field in (("fillers per minute", "fillers_per_minute"), ("duration (s)", "duration_s")):
        kept = [(getattr(a, field), label) for a, label in zip(ordered, labels, strict=True)]
        kept = [(v, label) for v, label in kept if v is not None]
        charts.append(_chart(name, [v for v, _ in kept], [label for _, label in kept]))
    rows = "".join(
        f"<tr><td>{a.id}</td><td>{esc(a.created_at[:16].replace('T', ' '))}</td><td>{esc(a.mode)}</td><td>{esc(a.question_id)}</td>"
        f"<td>{'' if a.duration_s is None else f'{a.duration_s:.0f} s'}</td><td>{a.score:.0f}</td></tr>"
        for a in reversed(ordered)
    )
    habits = _list([f"{esc(h)} ({d:+.0%})" for h, d in progress.improving], "improving")
    slipping = _list([f"{esc(h)} ({d:+.0%})" for h, d in progress.worsening], "worsening")
    next_up = _list(
        [f"{esc(d.question_id)}: last score {d.last_score:.0f}, due {esc(d.due)}" for d in progress.next_up],
        "next-up",
    )
    body = (
        f'<header><p class="meta">coach · progress</p><h1>{len(ordered)} answers</h1></header>'
        f'<section id="trends"><h2>Trends</h2>{"".join(charts)}</section>'
        f'<section id="habits"><h2>Improving most</h2>{habits or "<p class=muted>Not enough attempts yet.</p>"}<h2>Slipping</h2>{slipping or "<p class=muted>Nothing slipping.</p>"}</section>'
        f'<section id="next"><h2>Practise next</h2>{next_up}</section>'
        f'<section id="attempts"><h2>Attempts</h2><table><thead><tr><th>#</th><th>when (UTC)</th><th>mode</th><th>question</th><th>time</th><th>score</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )
    return _page("coach · progress", body)
