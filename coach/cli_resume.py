"""`coach resume …`: import, show, edit, readiness and delete. Parse, call, render."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from coach.cli_common import confirm_deletion
from coach.errors import CoachError, ResumeError
from coach.wording import counted, one_of, shorten

if TYPE_CHECKING:
    from coach.resume.model import Resume
    from coach.resume.plan import BulletReadiness

resume_app = typer.Typer(help="Your resume: import it, check what was read, and practise every bullet.")
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)
RoleOption = Annotated[
    str | None, typer.Option("--role", help='The role you are preparing for, e.g. "Senior DevOps Engineer".')
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]
STATUS_STYLE = {"never": "red", "weak": "yellow", "well": "green"}
READINESS_MIN_CHARS = 30  # the least of a bullet's words a readiness line keeps


def _write_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _render(resume: Resume) -> None:
    from coach.resume.questions import gap_tools

    role = resume.role or "not set (use --role)"
    out.print(f"[bold]Role:[/] {escape(role)}")
    out.print(f"[bold]Tools ({len(resume.tools)}):[/] {escape(', '.join(resume.tools)) or 'none found'}")
    gaps = gap_tools(resume, resume.role)
    if gaps:
        out.print(f"[bold]Gaps for the role:[/] {escape(', '.join(gaps))}")
    for n, project in enumerate(resume.projects, 1):
        where = f" · {project.organization}" if project.organization else ""
        when = f" ({project.dates})" if project.dates else ""
        out.print(f"\n[bold]{n}. {escape(project.title)}[/]{escape(where + when)}  [dim]{project.kind}[/]")
        for bullet in project.bullets:
            notes = []
            if bullet.numbers:
                notes.append("figures: " + ", ".join(bullet.numbers))
            if bullet.tools:
                notes.append("tools: " + ", ".join(bullet.tools))
            if bullet.we_only:
                notes.append("credits the team")
            out.print(f"   • {escape(bullet.text)}")
            if notes:
                out.print(f"     [dim]{escape('; '.join(notes))}[/]")


@resume_app.command("import")
def resume_import(
    file: Annotated[Path, typer.Argument(help="Your resume: .txt, .md, .docx or .pdf.")],
    role: RoleOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read a resume (locally), show what was found, and keep it for practice. Importing
    again keeps the target role given before, unless --role gives a new one."""
    from coach.models import load_nlp
    from coach.resume.extract import extract
    from coach.resume.model import save, saved_target_role, to_dict
    from coach.resume.questions import resume_questions
    from coach.resume.read import read_resume

    lines = read_resume(file)
    kept = saved_target_role() if role is None else None
    target = (role.strip() or None) if role is not None else kept
    resume = extract(lines, load_nlp().nlp, target_role=target, source=str(file.resolve()))
    if not resume.projects:
        raise ResumeError(
            f"found no roles or projects in {file}: give it headings such as Experience and Projects, "
            "with one bullet per line"
        )
    path = save(resume)
    if kept:
        err.print(
            f"Kept the target role from the earlier import: {escape(kept)} "
            '(give --role to change it, or --role "" to clear it).'
        )
    if as_json:
        _write_json(to_dict(resume))
        return
    _render(resume)
    count = len(resume_questions(resume, _bank()))
    out.print(
        f"\nSaved to {path}. {counted(count, 'question')} {'is' if count == 1 else 'are'} ready: `coach questions --from-resume`,"
    )
    out.print(
        "`coach practice --from-resume`, `coach mock --from-resume`. Fix anything misread with `coach resume edit`."
    )


def _bank() -> list[Any]:
    from coach.questions import load_bank

    return load_bank([])


@resume_app.command("show")
def resume_show(as_json: JsonOption = False) -> None:
    """What was read from the resume: role, tools, projects and bullets."""
    from coach.resume.model import load, to_dict

    resume = load()
    if as_json:
        _write_json(to_dict(resume))
    else:
        _render(resume)


@resume_app.command("edit")
def resume_edit(
    role: RoleOption = None,
    add_tool: Annotated[list[str] | None, typer.Option("--add-tool", help="Add a tool (repeatable).")] = None,
    remove_tool: Annotated[
        list[str] | None, typer.Option("--remove-tool", help="Remove a tool (repeatable).")
    ] = None,
) -> None:
    """Correct what was read: with options, change the role or tools; without, open the
    resume's JSON in $VISUAL or $EDITOR."""
    from dataclasses import replace

    from coach.resume.model import load, resume_path, save, with_role

    resume = load()
    if role is not None or add_tool or remove_tool:
        if role is not None:
            resume = with_role(resume, role)
        unknown = [r for r in remove_tool or [] if r.lower() not in {t.lower() for t in resume.tools}]
        if unknown:
            raise CoachError(
                one_of("tool to remove", unknown[0], resume.tools)
                if resume.tools
                else "the resume names no tools to remove"
            )
        tools = [t for t in resume.tools if t.lower() not in {r.lower() for r in remove_tool or []}]
        tools += [t for t in add_tool or [] if t.lower() not in {x.lower() for x in tools}]
        save(replace(resume, tools=tuple(tools)))
        out.print(f"updated {resume_path()}")
        return
    save(_edit_in_editor(resume))
    out.print(f"saved {resume_path()}")


def _edit_in_editor(resume: Resume) -> Resume:
    """Open a copy; a bad edit is kept for the user to fix, and nothing is lost."""
    from coach.resume.extract import needs_rereading, reread_edited
    from coach.resume.model import from_dict, to_dict

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise CoachError("set $EDITOR (e.g. export EDITOR=nano), or use --role, --add-tool and --remove-tool")
    fd, name = tempfile.mkstemp(prefix="coach-resume-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(to_dict(resume), handle, indent=2, ensure_ascii=False)
    try:
        subprocess.run([*shlex.split(editor), name], check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise CoachError(f"the editor failed ({exc}); your resume is unchanged") from None
    try:
        edited = from_dict(json.loads(Path(name).read_text(encoding="utf-8")))
    except json.JSONDecodeError as exc:
        raise ResumeError(
            f"{name}:{exc.lineno}: not valid JSON ({exc.msg}); your edit is kept there and the saved "
            "resume is unchanged"
        ) from None
    except ResumeError as exc:
        raise ResumeError(f"{exc}; your edit is kept at {name} and the saved resume is unchanged") from None
    Path(name).unlink(missing_ok=True)
    if not needs_rereading(resume, edited):
        return edited
    from coach.models import load_nlp

    return reread_edited(resume, edited, load_nlp().nlp)


def readiness_dict(items: list[BulletReadiness]) -> list[dict[str, Any]]:
    return [
        {
            "project": r.project.title,
            "organization": r.project.organization,
            "bullet": r.bullet.text,
            "status": r.status,
            "attempts": r.attempts,
            "best_score": r.best_score,
            "best_attempt_id": r.best_attempt_id,
            "gaps": list(r.gaps),
        }
        for r in items
    ]


def current_readiness() -> list[BulletReadiness]:
    from coach.history import attempts
    from coach.resume.model import load
    from coach.resume.plan import attempt_views, readiness

    return readiness(load(), attempt_views(attempts()))


def render_readiness(console: Console, items: list[BulletReadiness], limit: int | None = None) -> None:
    from coach.resume.plan import worklist

    counts = {s: sum(r.status == s for r in items) for s in ("never", "weak", "well")}
    console.print(
        f"[bold]Resume readiness:[/] {counts['well']} well, {counts['weak']} weak, "
        f"{counts['never']} never practised, of {counted(len(items), 'bullet')}"
    )
    from rich.text import Text

    status_width = max(len(s) for s in STATUS_STYLE)
    for r in worklist(items)[:limit]:
        score = f"{r.best_score:.0f}" if r.best_score is not None else "–"
        gaps = f"  {', '.join(r.gaps)}" if r.gaps else ""
        # status, best score and the bullet's words each in their own column; the words
        # are cut at a word to what the line leaves them
        lead = f"  {r.status:<{status_width}} {score:>3}  "
        room = max(console.width - len(lead) - len(gaps), READINESS_MIN_CHARS)
        line = Text.assemble(
            "  ",
            (f"{r.status:<{status_width}}", STATUS_STYLE[r.status]),
            f" {score:>3}  {shorten(r.bullet.text, room)}",
            (gaps, "dim"),
        )
        console.print(line, no_wrap=True, overflow="ellipsis")


@resume_app.command("readiness")
def resume_readiness(as_json: JsonOption = False) -> None:
    """Every bullet with its best attempt: answered well, weakly, or never practised."""
    items = current_readiness()
    if as_json:
        _write_json(readiness_dict(items))
        return
    render_readiness(out, items)
    if any(r.status != "well" for r in items):
        out.print("Next: `coach practice --from-resume` asks about the first bullet on this list.")


@resume_app.command("delete")
def resume_delete(yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False) -> None:
    """Delete the imported resume from this machine (your answers stay in the history)."""
    from coach.resume.model import resume_path

    path = resume_path()
    if not path.exists():
        raise ResumeError("no resume imported; nothing to delete")
    confirm_deletion("Delete the imported resume?", "the imported resume", yes)
    path.unlink()
    out.print(f"deleted {path}")
