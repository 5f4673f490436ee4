"""What the `coach` command modules share: the consoles, the common options, and the
helpers that build the coach, load the bank, store an answer and show it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.questions import Question
    from coach.session import AnswerResult, Coach

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

ModelOption = Annotated[
    Path | None,
    typer.Option("--model", help="A faster-whisper model folder (default: bundled tiny.en)."),
]
BankOption = Annotated[
    list[Path] | None, typer.Option("--bank", help="An extra question bank file (repeatable).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]
KeepAudioOption = Annotated[
    bool,
    typer.Option(
        "--keep-audio/--no-keep-audio", help="Keep the recording in the history, or only its metrics."
    ),
]


def _escape(text: str) -> str:
    """Text from a bank or a resume, shown literally even if it holds [brackets]."""
    from rich.markup import escape

    return escape(text)


def _coach(model: Path | None) -> Coach:
    from coach.config import TranscribeOptions, load_settings
    from coach.session import Coach

    return Coach(settings=load_settings(), transcribe_options=TranscribeOptions(model_dir=model))


def _bank(extra: list[Path] | None) -> list[Question]:
    from coach.probes import load_rules
    from coach.questions import load_bank

    questions = load_bank(extra or [])
    load_rules()  # validates the user's probes.toml now, not after the first answer
    return questions


def _store(
    result: AnswerResult, mode: str | None, *, keep_audio: bool = True, parent_id: int | None = None
) -> dict[str, Any]:
    """The answer's JSON form, saved to the history (unless mode is None) with its retry
    comparison."""
    from coach.report.json import answer_dict

    data = answer_dict(result)
    if mode is None:
        return data
    from coach import interrupts
    from coach.history import save_answer
    from coach.progress import comparison
    from coach.recovery import clear_pending, marker_for

    path = (data.get("audio") or {}).get("path")
    message = interrupts.DEFAULT_MESSAGE
    if path and marker_for(Path(path)).is_file():  # a recording waiting for the history
        message = f"interrupted while saving: the answer is kept at {path} (`coach recover` analyzes it)"
    with interrupts.saying(message):
        attempt_id = save_answer(data, mode=mode, keep_audio=keep_audio, parent_id=parent_id)
        clear_pending(path)  # safely in the history now
    if parent_id is None:
        data["comparison"] = comparison(data, attempt_id)
    return data


def _show(data: dict[str, Any], as_json: bool) -> None:
    if as_json:
        from coach.report.json import dumps

        sys.stdout.write(dumps(data) + "\n")
        sys.stdout.flush()
    else:
        from coach.report.terminal import render

        render(out, data)


def _open(path: Path) -> None:
    import webbrowser

    if not webbrowser.open(path.resolve().as_uri()):
        err.print(f"no browser to open it with; the report is at {path}")


def confirm_deletion(question: str, what: str, yes: bool) -> None:
    """Ask before deleting `what` (a phrase such as "2 attempts"): in a terminal, No unless
    answered yes; without one, refuse unless `yes` (--yes). typer.Exit(1) when declined."""
    if yes:
        return
    if sys.stdin is None or not sys.stdin.isatty():
        raise CoachError(f"this would delete {what}, and there is no terminal to confirm it: add --yes")
    if not typer.confirm(question, default=False, err=True):
        err.print("nothing deleted")
        raise typer.Exit(1)
