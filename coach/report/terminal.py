"""The answer's feedback for people, rendered with rich."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from coach.progress import attempt_label, comparison_lines
from coach.wording import counted, labelled, own_label, separators, shorten

if TYPE_CHECKING:
    from coach.history import Attempt
    from coach.progress import DueQuestion

PARTIAL_NOTE = (
    "Partial: the recording was cut short, so this attempt is not compared with others or "
    "counted in `coach progress` (unless --include-partial)."
)


def _mark(evidence: dict[str, Any] | None) -> Text:
    if evidence is None:
        return Text("✗ missing", style="red")
    when = f" @{evidence['at_s']:.0f}s" if evidence.get("at_s") is not None else ""
    return Text.assemble(("✓", "green"), f"{when} “{evidence['quote']}”")


def _transcript(data: dict[str, Any]) -> Text:
    filler_words = {
        i for h in data["fillers"]["hits"] for i in range(h["word_index"], h["word_index"] + h["words"])
    }
    words = [w["text"] for w in data["transcript"]["words"]]
    text = Text()
    for i, (gap, word) in enumerate(zip(separators(words), words, strict=True)):
        text.append(gap)
        text.append(word, style="bold yellow" if i in filler_words else "")
    return text


def _timing_rows(table: Table, timing: dict[str, Any]) -> None:
    low, high = timing["target_s"]
    style = {"on_target": "green", "short": "yellow", "long": "red"}[timing["verdict"]]
    verdict = timing["verdict"].replace("_", " ")
    table.add_row(
        "Duration",
        Text(
            f"{timing.get('answer_s', timing['duration_s']):.0f} s from the first word "
            f"({verdict}; target {low:.0f}–{high:.0f} s)",
            style=style,
        ),
    )
    table.add_row(
        "Pace", f"{timing['wpm']:.0f} wpm overall · {timing['articulation_wpm']:.0f} wpm while speaking"
    )
    table.add_row("First word", f"{timing['first_word_s']:.1f} s")
    pauses = timing["pauses"]
    shown = ", ".join(f"{p['end_s'] - p['start_s']:.1f} s @{p['start_s']:.0f}s" for p in pauses[:6]) or "none"
    table.add_row("Pauses ≥1 s", f"{len(pauses)}: {shown}")


def _shape_rows(table: Table, data: dict[str, Any]) -> None:
    asked = data.get("asked")
    if asked is not None:  # a follow-up: shown against what it asked, not the whole checklist
        if not asked["parts"]:
            table.add_row("Asked for", "a direct answer (judged on delivery)")
        for part in asked["parts"]:
            given = part in asked["answered"]
            table.add_row(
                f"Asked for {part}",
                Text("✓ given" if given else "✗ missing", style="green" if given else "red"),
            )
        return
    structure, star = data.get("structure"), data.get("star")
    if structure is not None:
        evidence = structure["evidence"]
        rec = _mark(evidence["recommendation"])
        if evidence["recommendation"] is not None and not structure["recommendation_first"]:
            rec.append("  (not first)", style="yellow")
        table.add_row("Recommendation", rec)
        for name in ("assumptions", "tradeoffs", "operations", "validation"):
            table.add_row(name.capitalize(), _mark(evidence[name]))
    if star is not None:
        evidence = star["evidence"]
        table.add_row("Situation", _mark(evidence["situation"]))
        table.add_row("Task", _mark(evidence["task"]))
        table.add_row("Action (I)", _mark(evidence["action"]))
        result = _mark(evidence["result"])
        if evidence["result"] is not None:
            measurable = star["result_measurable"]
            result.append(
                "  (measurable)" if measurable else "  (no number)", style="green" if measurable else "yellow"
            )
        table.add_row("Result", result)
        table.add_row("Reflection", _mark(evidence["reflection"]))
        ratio = star["i_we_ratio"]
        told = f"{ratio:.0%} told with “I”" if ratio is not None else "no first-person actions"
        table.add_row("I vs we", f"{star['i_actions']} I / {star['we_actions']} we ({told})")
    coverage = data.get("coverage") or {"covered": [], "missed": []}
    total = len(coverage["covered"]) + len(coverage["missed"])
    if total:
        table.add_row("Key points", f"{len(coverage['covered'])} of {total} covered")
        for point in coverage["covered"]:
            table.add_row("", _mark(point).append(f"  {point['label']}", style="bold"))
        for point in coverage["missed"]:
            table.add_row("", Text(f"✗ {point['label']}", style="red"))


MISTAKE_NAMES = {
    "tools_without_rationale": "Tools without the problem they solved",
    "vague_incident": "Vague incident",
    "we_not_i": "“We” hides your part",
    "blame": "Blame",
    "corporate": "Rehearsed phrasing",
    "wandering": "Long and wandering",
    "defining_basics": "Defining the basics",
    "no_reflection": "No reflection",
}


def _shown_as_tip(mistake: dict[str, Any], tips: list[dict[str, Any]]) -> bool:
    """A tip already raised it: it names the mistake's kind (answers stored before tips
    named their mistakes are matched on the message)."""
    return any(mistake["kind"] in t.get("mistakes", ()) or t["message"] == mistake["message"] for t in tips)


def _mistakes(console: Console, data: dict[str, Any]) -> None:
    """Every mistake found that the feedback above did not already raise, with its quote."""
    pending = [m for m in data.get("mistakes") or [] if not _shown_as_tip(m, data["feedback"])]
    if not pending:
        return
    console.print("[bold]Mistakes the interviewer would notice[/]")
    for mistake in pending:
        name = MISTAKE_NAMES.get(mistake["kind"], mistake["kind"].replace("_", " "))
        message = mistake["message"].strip()
        said = labelled(name, message)  # never "No reflection: No reflection: …"
        head = name if said != message else own_label(message) or ""  # the label in bold
        line = Text.assemble(("• ", "red"), (head, "bold"), said[len(head) :])
        evidence = mistake.get("evidence")
        if evidence and evidence.get("quote"):  # attempts stored before quotes were required lack it
            when = f"@{evidence['at_s']:.0f}s " if evidence.get("at_s") is not None else ""
            line.append(f"\n  {when}“{evidence['quote']}”", style="dim")
        console.print(line)


def render(console: Console, data: dict[str, Any]) -> None:
    """One analyzed answer, from its JSON form (so a stored attempt renders the same)."""
    q = data["question"]
    title = f"[bold]{q['id']}[/] · {q['kind']}"
    label = attempt_label(data)
    if label:
        title += f" · {label}"
    console.rule(title)
    console.print(Text(q["text"], style="italic"))
    for warning in data.get("warnings") or []:
        console.print(Text(f"Note: {warning}", style="yellow"))
    console.print()
    console.print(_transcript(data))
    console.print()
    table = Table(show_header=False, box=None, padding=(0, 2))
    if data.get("timing"):
        _timing_rows(table, data["timing"])
    fillers = data["fillers"]
    rate = f", {fillers['per_minute']:.1f}/min" if fillers["per_minute"] is not None else ""
    detail = ", ".join(f"{k} ×{v}" for k, v in fillers["by_text"].items()) or "none"
    table.add_row("Fillers", f"{fillers['count']}{rate} ({fillers['share_of_words']:.0%} of words): {detail}")
    _shape_rows(table, data)
    claim = data.get("resume")
    if claim:
        if claim["metric_said"] is not None:
            said = ", ".join(claim["numbers_said"]) or "none"
            mark = "✓" if claim["metric_said"] else "✗"
            table.add_row(
                "Resume figure", f"{mark} claimed {', '.join(claim['numbers_claimed'])}; said {said}"
            )
        mark = "✓" if claim["ownership_clear"] else "✗"
        table.add_row(
            "Your part",
            f"{mark} {counted(claim['own_actions'], 'action')} with “I”, {claim['team_actions']} with “we”",
        )
    console.print(table)
    console.print()
    console.print("[bold]Feedback[/]")
    for n, tip in enumerate(data["feedback"], 1):
        line = Text(f"{n}. {tip['message']}")
        if tip["evidence"]:
            when = f"@{tip['at_s']:.0f}s " if tip["at_s"] is not None else ""
            line.append(f"\n   {when}“{tip['evidence']}”", style="dim")
        console.print(line)
    _mistakes(console, data)
    if data.get("partial"):
        console.print(Text(PARTIAL_NOTE, style="yellow"))
    for heading, summary in comparison_lines(data.get("comparison")):
        console.print(f"[bold]{heading}[/]: {escape(summary)}")
    # degraded mode (no spaCy model) is announced once, as a warning when the model loads
    if data.get("audio") and data["audio"].get("path"):
        console.print(f"[dim]Recording: {data['audio']['path']}[/]")


HISTORY_HEADERS = ("id", "when (UTC)", "mode", "question", "time", "fillers/min", "score")
QUESTION_COLUMN = HISTORY_HEADERS.index("question")
MODE_COLUMN = HISTORY_HEADERS.index("mode")
MIN_QUESTION_CHARS = 16


def threaded(attempts: Sequence[Attempt]) -> list[Attempt]:
    """The attempts in their order with each probe's answer moved directly under its own
    answer (in the order they were given); a probe whose answer is not listed keeps its
    place."""
    listed = {a.id for a in attempts}
    probes: dict[int, list[Attempt]] = {}
    for a in attempts:
        if a.parent_id in listed:
            probes.setdefault(a.parent_id, []).append(a)
    ordered: list[Attempt] = []
    for a in attempts:
        if a.parent_id not in listed:
            ordered += [a, *sorted(probes.get(a.id, []), key=lambda p: p.id)]
    return ordered


def render_history(console: Console, attempts: Sequence[Attempt]) -> None:
    """`coach history`: one line per attempt, newest first, each with its question's words
    shortened to what the terminal leaves for them (probes indented under their own answer);
    an attempt whose recording was cut short says "partial". Ids, times and numbers are
    never cut: the question's words (then the mode) give way."""
    rows: list[list[Text]] = []
    for a in threaded(attempts):
        words = " ".join(a.question_text.split()) or a.question_id
        time_cell = Text(f"{a.duration_s:.0f} s" if a.duration_s is not None else "-")
        if a.partial:
            time_cell.append(" partial", style="yellow")
        rate = f"{a.fillers_per_minute:.1f}" if a.fillers_per_minute is not None else "-"
        rows.append(
            [
                Text(str(a.id)),
                Text(a.created_at.replace("T", " ")[:16]),
                Text(a.mode),
                Text(f"  ↳ {words}" if a.parent_id else words),
                time_cell,
                Text(rate),
                Text(f"{a.score:.0f}"),
            ]
        )
    widths = [max([len(h), *(r[n].cell_len for r in rows)]) for n, h in enumerate(HISTORY_HEADERS)]
    # a rich table's frame: a border before each column and after the last, a space each side
    frame = len(HISTORY_HEADERS) + 1 + 2 * len(HISTORY_HEADERS)
    others = sum(widths) - widths[QUESTION_COLUMN] - widths[MODE_COLUMN]
    table = Table(*HISTORY_HEADERS)
    for n, column in enumerate(table.columns):
        column.no_wrap = True
        column.min_width = widths[n]  # ids, times and numbers are never cut
    room = console.width - frame - others
    # the mode gives way only when the question's words are down to their least
    mode = table.columns[MODE_COLUMN]
    mode.overflow = "ellipsis"
    mode.width = max(min(widths[MODE_COLUMN], room - MIN_QUESTION_CHARS), 1)
    question = table.columns[QUESTION_COLUMN]
    question.overflow = "ellipsis"
    question.width = min(widths[QUESTION_COLUMN], max(room - mode.width, MIN_QUESTION_CHARS))
    question.min_width = None
    for row in rows:
        table.add_row(*row)
    console.print(table)


def render_next_up(console: Console, items: Sequence[DueQuestion]) -> None:
    """The questions to practise next, each by its words, shortened to fit one line."""
    console.print("[bold]Practise next[/] (weakest and due first):")
    tails = [f"  score {i.last_score:.0f}, {counted(i.attempts, 'attempt')}, due {i.due}" for i in items]
    room = max(console.width - 2 - max(len(t) for t in tails), MIN_QUESTION_CHARS) if tails else 0
    lines = [shorten(item.question_text or item.question_id, room) for item in items]
    width = max((len(line) for line in lines), default=0)
    for words, tail in zip(lines, tails, strict=True):
        console.print(Text(f"  {words.ljust(width)}{tail}"), no_wrap=True, overflow="ellipsis")


SUMMARY_QUESTION_CHARS = 60


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
        table.add_row(
            str(n), shorten(a.question.text, SUMMARY_QUESTION_CHARS), time_text, rate, shape, points, probe
        )
    console.print(table)
    console.print(
        f"{summary.on_target} of {counted(len(summary.answers), 'answer')} on target; {summary.total_s:.0f} s of answers."
    )
    if summary.habits:
        console.print("[bold]Habits to fix, most frequent first[/]")
        for habit, count in summary.habits[:5]:
            console.print(f"  • {habit} ({count} of {counted(len(summary.answers), 'answer')})")
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
