"""`coach stories …`: add, edit, delete, list, matrix and practice. Parse, call, render."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli_common import (
    JsonOption,
    KeepAudioOption,
    ModelOption,
    _coach,
    _escape,
    _show,
    _store,
    confirm_deletion,
    err,
    out,
)
from coach.errors import CoachError

stories_app = typer.Typer(help="Your story bank: prepared behavioral stories, their coverage, and practice.")
ThemeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--theme",
        help="incident, automation, scaling, conflict or tradeoff (repeatable, or comma-separated).",
    ),
]
FIELD_HELP = {
    "situation": "Where and when; what was going on.",
    "task": "Your responsibility or goal.",
    "action": "What you did.",
    "result": "The outcome, with a number.",
    "reflection": "What you learned or would change.",
    "problem": "The business or platform problem.",
    "architecture": "The architecture you chose.",
    "failure_mode": "The hardest failure mode.",
    "metric": "The metric that mattered most.",
    "redesign": "What you would redesign today.",
}


def _story_fields(values: dict[str, str | None], ask: bool) -> dict[str, str]:
    fields: dict[str, str] = {}
    for name, help_text in FIELD_HELP.items():
        value = values.get(name)
        if value is None and ask:
            value = typer.prompt(f"{name.replace('_', ' ')} ({help_text})", default="", show_default=False)
        if value is not None:
            fields[name] = value.strip()
    return fields


def _ask_themes(suggested: tuple[str, ...]) -> tuple[str, ...]:
    """Ask for the story's themes, offering the suggested ones; a wrong name gets one line
    listing the valid themes, and the question again."""
    from coach.questions import THEMES
    from coach.stories import StoryError, parse_themes

    out.print(f"Themes: {', '.join(THEMES)} (comma-separated; 'none' for none)")
    default = ", ".join(suggested)
    while True:
        answer = typer.prompt("themes", default=default, show_default=bool(default)).strip()
        if answer.lower() in ("", "none", "-"):
            return ()
        try:
            return parse_themes([answer])
        except StoryError as exc:
            err.print(f"error: {exc}", markup=False)


@stories_app.command("add")
def stories_add(
    title: Annotated[
        str | None,
        typer.Option(
            "--title", help="A short name, e.g. 'Payments outage on launch day' (asked if left out)."
        ),
    ] = None,
    theme: ThemeOption = None,
    situation: Annotated[str | None, typer.Option(help=FIELD_HELP["situation"])] = None,
    task: Annotated[str | None, typer.Option(help=FIELD_HELP["task"])] = None,
    action: Annotated[str | None, typer.Option(help=FIELD_HELP["action"])] = None,
    result: Annotated[str | None, typer.Option(help=FIELD_HELP["result"])] = None,
    reflection: Annotated[str | None, typer.Option(help=FIELD_HELP["reflection"])] = None,
    problem: Annotated[str | None, typer.Option(help=FIELD_HELP["problem"])] = None,
    architecture: Annotated[str | None, typer.Option(help=FIELD_HELP["architecture"])] = None,
    failure_mode: Annotated[str | None, typer.Option(help=FIELD_HELP["failure_mode"])] = None,
    metric: Annotated[str | None, typer.Option(help=FIELD_HELP["metric"])] = None,
    redesign: Annotated[str | None, typer.Option(help=FIELD_HELP["redesign"])] = None,
) -> None:
    """Add a story card. In a terminal it asks for the title, the parts not given and the
    themes (suggesting those the story's words point to)."""
    from dataclasses import replace

    from coach.stories import Story, StoryBank, parse_themes, suggest_themes

    values = dict(locals())
    ask = sys.stdin.isatty()
    themes = parse_themes(theme or ())  # a wrong --theme fails before any question
    if title is None:
        if not ask:
            raise CoachError("give the story a title with --title, e.g. --title 'Payments outage'")
        title = typer.prompt("title (a short name, e.g. 'Payments outage on launch day')")
    bank = StoryBank.load()
    draft = Story(id="", title=title, themes=themes, **_story_fields(values, ask=ask))
    if not themes and ask:
        themes = _ask_themes(suggest_themes(draft))
    story = bank.add(replace(draft, themes=themes))
    bank.save()
    under = f" under {', '.join(story.themes)}" if story.themes else ""
    out.print(f"added story [bold]{story.id}[/]{under}")
    if not story.themes:
        hint = next(iter(suggest_themes(story)), "incident")
        err.print(
            f"It has no theme, so the story matrix and `coach tonight` leave it out: "
            f"`coach stories edit {story.id} --theme {hint}`."
        )


@stories_app.command("edit")
def stories_edit(
    story_id: Annotated[str, typer.Argument(help="The story's id (see `coach stories list`).")],
    title: Annotated[str | None, typer.Option("--title")] = None,
    theme: ThemeOption = None,
    situation: Annotated[str | None, typer.Option(help=FIELD_HELP["situation"])] = None,
    task: Annotated[str | None, typer.Option(help=FIELD_HELP["task"])] = None,
    action: Annotated[str | None, typer.Option(help=FIELD_HELP["action"])] = None,
    result: Annotated[str | None, typer.Option(help=FIELD_HELP["result"])] = None,
    reflection: Annotated[str | None, typer.Option(help=FIELD_HELP["reflection"])] = None,
    problem: Annotated[str | None, typer.Option(help=FIELD_HELP["problem"])] = None,
    architecture: Annotated[str | None, typer.Option(help=FIELD_HELP["architecture"])] = None,
    failure_mode: Annotated[str | None, typer.Option(help=FIELD_HELP["failure_mode"])] = None,
    metric: Annotated[str | None, typer.Option(help=FIELD_HELP["metric"])] = None,
    redesign: Annotated[str | None, typer.Option(help=FIELD_HELP["redesign"])] = None,
) -> None:
    """Change parts of a story card."""
    from coach.stories import StoryBank

    values = dict(locals())
    changes: dict[str, Any] = _story_fields(values, ask=False)
    if title is not None:
        changes["title"] = title
    if theme:
        from coach.stories import parse_themes

        changes["themes"] = parse_themes(theme)
    if not changes:
        raise CoachError("nothing to change: pass --title, --theme or a part such as --result")
    bank = StoryBank.load()
    bank.update(story_id, **changes)
    bank.save()
    out.print(f"updated story [bold]{story_id}[/]")


@stories_app.command("delete")
def stories_delete(
    story_id: Annotated[str, typer.Argument(help="The story's id.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a story card."""
    from coach.stories import StoryBank

    bank = StoryBank.load()
    story = bank.get(story_id)
    confirm_deletion(f"Delete story '{story.title}'?", f"the story '{story.title}'", yes)
    bank.delete(story_id)
    bank.save()
    out.print(f"deleted story {story_id}")


@stories_app.command("list")
def stories_list(as_json: JsonOption = False) -> None:
    """List the story cards and which of the five themes still lack a story."""
    from dataclasses import asdict

    from rich.table import Table

    from coach.stories import PREP_FACTS, STAR_PARTS, StoryBank, coverage_matrix, missing_themes

    stories = StoryBank.load().list()
    if as_json:
        data = {
            "stories": [asdict(s) for s in stories],
            "coverage": coverage_matrix(stories),
            "missing_themes": missing_themes(stories),
        }
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    table = Table("id", "title", "themes", "STAR", "prep facts")
    # an id is what other commands take: never cut; the title and themes give way
    ids = table.columns[0]
    ids.no_wrap = True
    ids.min_width = max([len("id"), *(len(s.id) for s in stories)])
    for s in stories:
        star = sum(1 for f in STAR_PARTS if getattr(s, f))
        facts = sum(1 for f in PREP_FACTS if getattr(s, f))
        table.add_row(s.id, s.title, ", ".join(s.themes), f"{star}/5", f"{facts}/5")
    out.print(table)
    _print_matrix(stories)


@stories_app.command("matrix")
def stories_matrix() -> None:
    """Which themes (incident, automation, scaling, conflict, tradeoff) have a story."""
    from coach.stories import StoryBank

    _print_matrix(StoryBank.load().list())


def _print_matrix(stories: list[Any]) -> None:
    from coach.stories import coverage_matrix

    for theme, ids in coverage_matrix(stories).items():
        mark = "[green]✓[/]" if ids else "[red]✗[/]"
        out.print(f"{mark} {theme:11} {', '.join(ids) if ids else 'no story yet'}")
    untagged = [s.id for s in stories if not s.themes]
    if untagged:
        out.print(
            f"[dim]  no theme: {', '.join(untagged)} (give one with `coach stories edit ID --theme THEME`)[/]"
        )


@stories_app.command("practice")
def stories_practice(
    story_id: Annotated[str, typer.Argument(help="The story's id.")],
    no_speak: Annotated[
        bool, typer.Option("--no-speak", help="Print the prompt instead of reading it aloud.")
    ] = False,
    audio: Annotated[
        Path | None, typer.Option("--audio", help="Analyze this recording instead of recording now.")
    ] = None,
    as_json: JsonOption = False,
    keep_audio: KeepAudioOption = True,
    model: ModelOption = None,
) -> None:
    """Tell a story aloud; see what you said against its card, and what you left out."""
    from coach.analysis.document import parse
    from coach.interview import story_questions
    from coach.report.live import LiveReporter
    from coach.report.terminal import render_card_check
    from coach.stories import StoryBank, compare_with_card

    story = StoryBank.load().get(story_id)
    question = story_questions([story])[0]
    coach = _coach(model)
    if audio is not None:
        err.print(f"[bold]Story[/] ({story.id}): {_escape(question.text)}")
        result = coach.analyze_file(audio, question)
    else:  # practice shows the question itself, and again on r+Enter
        result = coach.practice(question, LiveReporter(err), speak=not no_speak, label=f"Story ({story.id})")
    checks = compare_with_card(story, parse(result.analysis.transcript, coach.nlp()))
    data = _store(result, "stories", keep_audio=keep_audio)
    if as_json:
        from coach.report.json import card_dict, dumps

        card = card_dict(checks)
        sys.stdout.write(dumps({**data, "card": card}) + "\n")
        return
    _show(data, False)
    render_card_check(out, checks)
