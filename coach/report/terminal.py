"""The answer's feedback for people, rendered with rich."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def render_summary(console: Console, title: str, summary: Any, checklist: tuple[str, ...] = ()) -> None:
    """One screen across a session's answers: times, fillers, structure, coverage, habits."""
    console.rule(f"[bold]{title}[/]")
    table = Table("#", "question", "time", "fillers/min", "structure or STAR", "key points", "follow-up")
    for n, entry in enumerate(summary.answers, 1):
        a = entry.answer.analysis
        time_text = f"{a.timing.duration_s:.0f} s {a.timing.verdict.replace('_', ' ')}" if a.timing else "-"
        rate = f"{a.fillers.per_minute:.1f}" if a.fillers.per_minute is not None else "-"
        if a.structure is not None:
            parts = [
                a.structure.recommendation_first,
                a.structure.tradeoffs,
                a.structure.operations,
                a.structure.validation,
            ]
            shape = f"{sum(1 for p in parts if p)}/4 (rec. first {'yes' if a.structure.recommendation_first else 'no'})"
        elif a.star is not None:
            parts = [a.star.situation, a.star.task, a.star.action, a.star.result, a.star.reflection]
            shape = f"STAR {sum(1 for p in parts if p is not None)}/5"
        else:
            shape = "-"
        total = len(a.coverage.covered) + len(a.coverage.missed)
        points = f"{len(a.coverage.covered)}/{total}" if total else "-"
        probe = "answered" if entry.probe_answer is not None else ("unanswered" if entry.probe else "-")
        table.add_row(str(n), a.question.id, time_text, rate, shape, points, probe)
    console.print(table)
    console.print(
        f"{summary.on_target} of {len(summary.answers)} answers on target; {summary.total_s:.0f} s of answers."
    )
    if summary.habits:
        console.print("[bold]Habits to fix, most frequent first[/]")
        for habit, count in summary.habits[:5]:
            console.print(f"  • {habit} ({count} of {len(summary.answers)} answers)")
    for line in checklist:
        console.print(f"  ☐ {line}")


def render_card_check(console: Console, checks: list[Any]) -> None:
    """What the spoken story said of its card, and the facts it left out."""
    console.print("[bold]Against your story card[/]")
    for check in checks:
        name = check.field.replace("_", " ")
        if check.said:
            console.print(
                Text.assemble(
                    ("✓ ", "green"),
                    f"{name}: ",
                    (f"“{check.evidence.quote}”" if check.evidence else "", "dim"),
                )
            )
        else:
            console.print(
                Text.assemble(("✗ ", "red"), f"{name} not said — card: ", (check.card_text, "italic"))
            )
