"""The history family: `coach history`, `show`, `forget`, `progress`, `report` and
`recover`. Parse, call, render; `coach.cli` registers them on the main app."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli_common import (
    BankOption,
    JsonOption,
    ModelOption,
    _bank,
    _coach,
    _open,
    _show,
    _store,
    err,
    out,
)
from coach.errors import CoachError


def history(
    question: Annotated[
        str | None, typer.Option("--question", "-q", help="Only this question's attempts.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List your attempts, newest first."""
    from rich.table import Table

    from coach import history as store

    attempts = store.attempts(question_id=question)
    if as_json:
        data = [store.attempt_row(a) for a in attempts]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    table = Table("id", "when (UTC)", "mode", "question", "time", "fillers/min", "score")
    for a in attempts:
        question_id = f"  ↳ {a.question_id}" if a.parent_id else a.question_id
        duration = f"{a.duration_s:.0f} s" if a.duration_s is not None else "-"
        rate = f"{a.fillers_per_minute:.1f}" if a.fillers_per_minute is not None else "-"
        table.add_row(
            str(a.id),
            a.created_at.replace("T", " ")[:16],
            a.mode,
            question_id,
            duration,
            rate,
            f"{a.score:.0f}",
        )
    out.print(table)
    if not attempts:
        out.print("no attempts yet: try `coach practice`")


def show(
    attempt: Annotated[int, typer.Argument(help="An attempt id from `coach history`.")],
    as_json: JsonOption = False,
) -> None:
    """Show one attempt again, with its comparison to earlier ones."""
    from coach.progress import stored_answer

    _show(stored_answer(attempt), as_json)


def forget(
    attempts: Annotated[list[int] | None, typer.Argument(help="Attempt ids to delete.")] = None,
    all_attempts: Annotated[bool, typer.Option("--all", help="Delete every attempt.")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete attempts, the recordings coach made for them and their reports (with --all:
    every recording and report)."""
    from coach import history as store
    from coach.paths import user_dir

    if not attempts and not all_attempts:
        raise CoachError("say which attempts to forget (ids from `coach history`), or --all")
    what = "every attempt" if all_attempts else f"attempt(s) {', '.join(map(str, attempts or []))}"
    if not yes and not typer.confirm(f"Delete {what} with their recordings and reports?", default=False):
        raise typer.Exit(1)
    removed = store.forget(None if all_attempts else attempts)
    out.print(f"forgot {len(removed)} attempt(s)")
    if all_attempts:
        out.print(
            "Recordings and reports are gone too. Your own inputs stay until you delete them: "
            "`coach resume delete`, `coach stories delete ID`, or remove the folder "
            f"{user_dir()} entirely."
        )


def progress(
    since: Annotated[
        str | None, typer.Option("--since", help="Only attempts from this date (YYYY-MM-DD).")
    ] = None,
    question: Annotated[str | None, typer.Option("--question", "-q", help="Only this question.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Trends over time, the habits improving most and least, and what to practise next."""
    from datetime import UTC, datetime

    from coach import history as store
    from coach.progress import progress as compute
    from coach.progress import sparkline

    if since is not None:
        try:
            datetime.fromisoformat(since)
        except ValueError:
            raise CoachError(f"--since must be a date like 2026-11-20, got {since!r}") from None
    result = compute(store.attempts(question_id=question, since=since), datetime.now(UTC))
    if as_json:
        from dataclasses import asdict

        sys.stdout.write(json.dumps(asdict(result), indent=2) + "\n")
        return
    if not any(t.values for t in result.trends):
        scope = (f" at {question}" if question else "") + (f" since {since}" if since else "")
        out.print(f"no attempts{scope}" if scope else "no attempts yet: try `coach practice`", markup=False)
        return
    for trend in result.trends:
        if trend.values:
            out.print(
                f"{trend.name:12} {sparkline(list(trend.values))}  {trend.values[0]:.1f} → {trend.values[-1]:.1f}"
            )
    if result.improving:
        out.print("[bold]Improving most[/]: " + ", ".join(f"{h} ({d:+.0%})" for h, d in result.improving))
    if result.worsening:
        out.print("[bold]Slipping[/]: " + ", ".join(f"{h} ({d:+.0%})" for h, d in result.worsening))
    if result.next_up:
        out.print("[bold]Practise next[/] (weakest and due first):")
        for item in result.next_up:
            out.print(
                f"  {item.question_id:36} score {item.last_score:.0f}, {item.attempts} attempt(s), due {item.due}"
            )


def report(
    # a string, not an int: with --progress the one positional argument is the PATH
    attempt: Annotated[
        str | None,
        typer.Argument(
            metavar="ATTEMPT", help="An attempt id from `coach history` (with --progress: the PATH)."
        ),
    ] = None,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH", help="Where to write the report [default: reports/ in the user directory]."
        ),
    ] = None,
    html_format: Annotated[
        bool, typer.Option("--html", help="Write a self-contained HTML report (the only format).")
    ] = True,
    progress_page: Annotated[
        bool, typer.Option("--progress", help="The progress page instead of one attempt.")
    ] = False,
    open_it: Annotated[bool, typer.Option("--open", help="Open the report in a browser.")] = False,
) -> None:
    """Write the visual HTML report of an attempt, or of your progress."""
    from coach.report.publish import write_attempt_report, write_progress_report

    del html_format  # HTML is the only report format; the flag reads naturally
    if progress_page:
        if attempt is not None and path is not None:
            raise CoachError("with --progress give only the PATH to write, not an attempt id")
        written = write_progress_report(Path(attempt) if attempt is not None else path)
    elif attempt is None:
        raise CoachError("give an attempt id (see `coach history`), or --progress")
    elif not (attempt.isascii() and attempt.isdigit()):
        raise CoachError(f"the attempt must be an id number from `coach history`, got {attempt!r}")
    else:
        written = write_attempt_report(int(attempt), path)
    out.print(f"report written to {written}")
    if open_it:
        _open(written)


def recover(
    discard: Annotated[
        bool, typer.Option("--discard", help="Delete the unanalyzed recordings instead.")
    ] = False,
    as_json: JsonOption = False,
    model: ModelOption = None,
    bank: BankOption = None,
) -> None:
    """Analyze answers that an interruption left unanalyzed (their audio was kept)."""
    from coach.errors import NoSpeechError
    from coach.recovery import clear_pending, discard_pending, pending_recordings, question_for, repair_wav

    pending = pending_recordings()
    if not pending:
        if as_json:
            sys.stdout.write("[]\n")
        else:
            out.print("nothing to recover: every recorded answer has been analyzed")
        return
    results: list[dict[str, Any]] = []
    coach = None if discard else _coach(model)
    questions = _bank(bank)
    for item in pending:
        if discard:
            discard_pending(item)
            out.print(f"deleted {item.wav}")
            continue
        try:
            duration_s = repair_wav(item.wav)
        except (OSError, ValueError) as exc:
            err.print(f"skipped {item.wav}: not a readable recording ({exc})", markup=False)
            continue
        question = question_for(item, questions)
        err.print(f"analyzing {duration_s:.1f} s recorded for: {question.text}", markup=False)
        assert coach is not None
        try:
            result = coach.analyze_file(item.wav, question)
        except NoSpeechError as exc:
            err.print(f"{exc}; the file stays at {item.wav}", markup=False)
            clear_pending(item.wav)
            continue
        data = _store(result, "recovered")
        results.append(data)
        if not as_json:
            _show(data, False)
    if as_json:
        from coach.report.json import dumps

        sys.stdout.write(dumps(results) + "\n")  # type: ignore[arg-type]
