"""The history family: `coach history`, `show`, `forget`, `progress`, `report` and
`recover`. Parse, call, render; `coach.cli` registers them on the main app."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
    confirm_deletion,
    err,
    out,
)
from coach.errors import CoachError
from coach.wording import counted, noun_for, reason

if TYPE_CHECKING:
    from coach.recovery import Pending

QuestionFilter = Annotated[
    str | None,
    typer.Option("--question", "-q", help="Only this question: a bank id, or a question typed in words."),
]
IncludePartialOption = Annotated[
    bool,
    typer.Option(
        "--include-partial/--complete-only",
        help="Also count attempts whose recording was cut short (Ctrl-C, a device fault).",
    ),
]


def _question_id(question: str | None) -> str | None:
    from coach.questions import question_filter

    return None if question is None else question_filter(question)


def history(
    question: QuestionFilter = None,
    include_partial: Annotated[
        bool,
        typer.Option(
            "--include-partial/--complete-only",
            help="List attempts whose recording was cut short (marked partial), or leave them out.",
        ),
    ] = True,
    as_json: JsonOption = False,
) -> None:
    """List your attempts, newest first."""
    from coach import history as store
    from coach.report.terminal import render_history

    attempts = [
        a for a in store.attempts(question_id=_question_id(question)) if include_partial or not a.partial
    ]
    if as_json:
        data = [store.attempt_row(a) for a in attempts]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    if attempts:
        render_history(out, attempts)
        return
    filters = ([f"question {question!r}"] if question is not None else []) + (
        [] if include_partial else ["--complete-only"]
    )
    kept = store.attempts() if filters else []
    if kept:
        out.print(
            f"none of your {counted(len(kept), 'attempt')} match {' and '.join(filters)}; "
            "`coach history` lists them all",
            markup=False,
        )
    else:
        out.print("no attempts yet: try `coach practice`")


def show(
    # a string, not an int, so that a mistyped id gets coach's own one-line message
    attempt: Annotated[str, typer.Argument(metavar="ATTEMPT", help="An attempt id from `coach history`.")],
    include_partial: IncludePartialOption = False,
    as_json: JsonOption = False,
) -> None:
    """Show one attempt again, with its comparison to earlier ones."""
    from coach.progress import stored_answer

    _show(stored_answer(_attempt_id(attempt), include_partial=include_partial), as_json)


def _attempt_id(value: str) -> int:
    if not (value.isascii() and value.isdigit()):
        raise CoachError(f"the attempt must be an id number from `coach history`, got {value!r}")
    return int(value)


def _with_follow_ups(ids: list[int]) -> str:
    """The attempts `forget` deletes, named with the follow-ups that go with them: "attempt
    1 and its follow-up", "attempts 1, 4 and their 3 follow-ups"."""
    from coach import history as store

    named = sorted(set(ids))
    follow_ups = store.follow_ups(named)
    what = f"{noun_for(len(named), 'attempt')} {', '.join(map(str, named))}"
    if follow_ups:
        whose = "its" if len(named) == 1 else "their"
        count = "" if len(follow_ups) == 1 else f"{len(follow_ups)} "
        what += f" and {whose} {count}{noun_for(len(follow_ups), 'follow-up')}"
    return what


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
    what = "every attempt" if all_attempts else _with_follow_ups(attempts or [])
    confirm_deletion(f"Delete {what} with their recordings and reports?", what, yes)
    removed = store.forget(None if all_attempts else attempts)
    out.print(f"forgot {counted(len(removed), 'attempt') if all_attempts else what}")
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
    question: QuestionFilter = None,
    include_partial: IncludePartialOption = False,
    as_json: JsonOption = False,
) -> None:
    """Trends over time, the habits improving most and least, and what to practise next."""
    from datetime import UTC, datetime

    from coach import history as store
    from coach.progress import habit_change, sparkline
    from coach.progress import progress as compute

    if since is not None:
        try:
            datetime.fromisoformat(since)
        except ValueError:
            raise CoachError(f"--since must be a date like 2026-11-20, got {since!r}") from None
    attempts = store.attempts(question_id=_question_id(question), since=since)
    result = compute(attempts, datetime.now(UTC), include_partial=include_partial)
    if as_json:
        from dataclasses import asdict

        sys.stdout.write(json.dumps(asdict(result), indent=2) + "\n")
        return
    if not any(t.values for t in result.trends):
        scope = (f" at {question}" if question else "") + (f" since {since}" if since else "")
        from coach.questions import is_comparable

        partial = sum(1 for a in attempts if a.partial and a.parent_id is None)
        unasked = sum(1 for a in attempts if a.parent_id is None and not is_comparable(a.question_id))
        if unasked and not partial:
            out.print(
                f"only answers with no question{scope} ({unasked}): progress follows answers to a "
                "question (`coach analyze FILE -q QUESTION`)",
                markup=False,
            )
        elif partial:
            out.print(
                f"only partial attempts{scope} ({partial}, cut short): --include-partial counts them",
                markup=False,
            )
        else:
            out.print(
                f"no attempts{scope}" if scope else "no attempts yet: try `coach practice`", markup=False
            )
        return
    for trend in result.trends:
        if trend.values:
            out.print(
                f"{trend.name:12} {sparkline(list(trend.values))}  {trend.values[0]:.1f} → {trend.values[-1]:.1f}"
            )
    for heading, moved in (("Improving most", result.improving), ("Slipping", result.worsening)):
        if moved:
            out.print(f"[bold]{heading}[/]:")
            for habit, _ in moved:
                out.print(f"  {habit_change(habit, result.habit_shares[habit])}", markup=False)
    if result.next_up:
        from coach.report.terminal import render_next_up

        render_next_up(out, result.next_up)


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
    else:
        written = write_attempt_report(_attempt_id(attempt), path)
    out.print(f"report written to {written}")
    if open_it:
        _open(written)


def _discard(pending: list[Pending], yes: bool, as_json: bool) -> None:
    """Delete the unanalyzed recordings: in a terminal, after showing them and asking (No
    unless answered yes); elsewhere only with --yes."""
    from coach.recovery import discard_pending

    if not yes:
        if not sys.stdin.isatty():
            raise CoachError(
                f"--discard would delete {counted(len(pending), 'unanalyzed recording')} and there is no "
                "terminal to confirm it: add --yes"
            )
        err.print(f"{counted(len(pending), 'unanalyzed recording')} would be deleted:", markup=False)
        for item in pending:
            when = item.started_at.replace("T", " ")[:16] or "at an unknown time"
            asked = item.question_text or item.question_id
            size_kb = item.wav.stat().st_size / 1024 if item.wav.exists() else 0.0
            err.print(f"  {item.wav}", markup=False, soft_wrap=True)  # a path is never broken
            err.print(f"    recorded {when}, {size_kb:.0f} kB, for: {asked}", markup=False)
        if not typer.confirm("Delete it?" if len(pending) == 1 else "Delete them?", default=False, err=True):
            err.print("nothing deleted")
            raise typer.Exit(1)
    for item in pending:
        discard_pending(item)
        if not as_json:
            out.print(f"deleted {item.wav}", markup=False)
    if as_json:
        sys.stdout.write(json.dumps([{"deleted": str(item.wav)} for item in pending], indent=2) + "\n")


def recover(
    discard: Annotated[
        bool, typer.Option("--discard", help="Delete the unanalyzed recordings instead (asks first).")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="With --discard: delete without asking.")] = False,
    as_json: JsonOption = False,
    model: ModelOption = None,
    bank: BankOption = None,
) -> None:
    """Analyze answers that an interruption left unanalyzed (their audio was kept)."""
    from coach.errors import NoSpeechError
    from coach.recovery import clear_pending, pending_recordings, question_for, repair_wav

    pending = pending_recordings()
    if not pending:
        if as_json:
            sys.stdout.write("[]\n")
        else:
            out.print("nothing to recover: every recorded answer has been analyzed")
        return
    if discard:
        _discard(pending, yes, as_json)
        return
    results: list[dict[str, Any]] = []
    coach = _coach(model)
    questions = _bank(bank)
    for item in pending:
        try:
            duration_s = repair_wav(item.wav)
        except (OSError, ValueError) as exc:
            err.print(f"skipped {item.wav}: not a readable recording ({reason(exc)})", markup=False)
            continue
        question = question_for(item, questions)
        err.print(f"analyzing {duration_s:.1f} s recorded for: {question.text}", markup=False)
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
