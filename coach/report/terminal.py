"""The answer's feedback for people, rendered with rich."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from coach.analysis import Analysis
from coach.analysis.document import Evidence
from coach.feedback import Tip


def _mark(evidence: Evidence | None) -> Text:
    if evidence is None:
        return Text("✗ missing", style="red")
    when = f" @{evidence.at_s:.0f}s" if evidence.at_s is not None else ""
    return Text.assemble(("✓", "green"), f"{when} “{evidence.quote}”")


def _transcript(analysis: Analysis) -> Text:
    filler_words = {h.word_index for h in analysis.fillers.hits}
    for hit in analysis.fillers.hits:
        if " " in hit.text:
            filler_words.add(hit.word_index + 1)
    text = Text()
    for i, word in enumerate(analysis.transcript.words):
        text.append(word.text, style="bold yellow" if i in filler_words else "")
        text.append(" ")
    return text


def render(console: Console, analysis: Analysis, tips: list[Tip], audio_path: Path | None) -> None:
    q = analysis.question
    console.rule(f"[bold]{q.id}[/] · {q.kind}")
    console.print(Text(q.text, style="italic"))
    console.print()
    console.print(_transcript(analysis))
    console.print()
    table = Table(show_header=False, box=None, padding=(0, 2))
    timing = analysis.timing
    if timing is not None:
        low, high = timing.target_s
        style = {"on_target": "green", "short": "yellow", "long": "red"}[timing.verdict]
        table.add_row(
            "Duration",
            Text(
                f"{timing.duration_s:.0f} s ({timing.verdict.replace('_', ' ')}; target {low:.0f}–{high:.0f} s)",
                style=style,
            ),
        )
        table.add_row(
            "Pace",
            f"{timing.wpm:.0f} wpm overall · {timing.articulation_wpm:.0f} wpm while speaking",
        )
        table.add_row("First word", f"{timing.first_word_s:.1f} s")
        pauses = ", ".join(f"{p.length_s:.1f} s @{p.start_s:.0f}s" for p in timing.pauses[:6]) or "none"
        table.add_row("Pauses ≥1 s", f"{len(timing.pauses)}: {pauses}")
    fillers = analysis.fillers
    rate = f", {fillers.per_minute:.1f}/min" if fillers.per_minute is not None else ""
    detail = ", ".join(f"{k} ×{v}" for k, v in fillers.by_text.items()) or "none"
    table.add_row("Fillers", f"{fillers.count}{rate} ({fillers.share_of_words:.0%} of words): {detail}")
    if analysis.structure is not None:
        s = analysis.structure
        rec = _mark(s.recommendation)
        if s.recommendation is not None and not s.recommendation_first:
            rec.append("  (not first)", style="yellow")
        table.add_row("Recommendation", rec)
        table.add_row("Assumptions", _mark(s.assumptions))
        table.add_row("Tradeoffs", _mark(s.tradeoffs))
        table.add_row("Operations", _mark(s.operations))
        table.add_row("Validation", _mark(s.validation))
    if analysis.star is not None:
        st = analysis.star
        table.add_row("Situation", _mark(st.situation))
        table.add_row("Task", _mark(st.task))
        table.add_row("Action (I)", _mark(st.action))
        result = _mark(st.result)
        if st.result is not None:
            result.append(
                "  (measurable)" if st.result_measurable else "  (no number)",
                style="green" if st.result_measurable else "yellow",
            )
        table.add_row("Result", result)
        table.add_row("Reflection", _mark(st.reflection))
        ratio = (
            f"{st.i_we_ratio:.0%} told with “I”" if st.i_we_ratio is not None else "no first-person actions"
        )
        table.add_row("I vs we", f"{st.i_actions} I / {st.we_actions} we ({ratio})")
    coverage = analysis.coverage
    if coverage.covered or coverage.missed:
        total = len(coverage.covered) + len(coverage.missed)
        table.add_row("Key points", f"{len(coverage.covered)} of {total} covered")
        for point in coverage.covered:
            table.add_row("", _mark(point.evidence).append(f"  {point.label}", style="bold"))
        for label in coverage.missed:
            table.add_row("", Text(f"✗ {label}", style="red"))
    console.print(table)
    console.print()
    console.print("[bold]Feedback[/]")
    for n, tip in enumerate(tips, 1):
        line = Text(f"{n}. {tip.message}")
        if tip.evidence:
            when = f"@{tip.at_s:.0f}s " if tip.at_s is not None else ""
            line.append(f"\n   {when}“{tip.evidence}”", style="dim")
        console.print(line)
    if analysis.degraded:
        console.print(
            "[yellow]Note: no spaCy model loaded; structure and filler checks ran in degraded mode.[/]"
        )
    if audio_path is not None:
        console.print(f"[dim]Recording: {audio_path}[/]")
