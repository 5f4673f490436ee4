"""The parsed resume: typed records, their JSON form, and where they are kept.

The resume lives in the user directory as `resume.json`, the same shape that
`coach resume show --json` prints, so what the user edits is what the coach reads.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from coach.errors import ResumeError
from coach.paths import user_dir
from coach.wording import reason

ProjectKind = Literal["role", "project"]
SCHEMA = 1


@dataclass(frozen=True)
class Bullet:
    """One line of achievement: what was done (action, object), with what, and how much."""

    text: str
    action: str | None = None  # the leading verb's lemma: "migrate"
    object: str | None = None  # what it acted on: "40 services"
    tools: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()  # as written: "40", "60%", "$1.2M"
    we_only: bool = False  # credits a team ("we", "part of the team") and never the candidate


@dataclass(frozen=True)
class Project:
    """A job held (kind "role": title is the job title) or a project (title is its name)."""

    title: str
    organization: str | None = None
    dates: str | None = None
    kind: ProjectKind = "role"
    bullets: tuple[Bullet, ...] = ()


@dataclass(frozen=True)
class Resume:
    target_role: str | None = None  # from --role
    roles: tuple[str, ...] = ()  # job titles held, in the resume's order (usually newest first)
    tools: tuple[str, ...] = ()
    projects: tuple[Project, ...] = ()
    source: str = ""
    imported_at: str = ""
    summary: str = field(default="", compare=False)

    @property
    def role(self) -> str | None:
        """The role to prepare for: the one given, else the most recent job title."""
        return self.target_role or (self.roles[0] if self.roles else None)

    def bullets(self) -> list[tuple[Project, Bullet]]:
        return [(project, bullet) for project in self.projects for bullet in project.bullets]


def to_dict(resume: Resume) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "role": resume.role,
        "target_role": resume.target_role,
        "roles": list(resume.roles),
        "tools": list(resume.tools),
        "projects": [
            {
                "title": p.title,
                "organization": p.organization,
                "dates": p.dates,
                "kind": p.kind,
                "bullets": [
                    {
                        "text": b.text,
                        "action": b.action,
                        "object": b.object,
                        "tools": list(b.tools),
                        "numbers": list(b.numbers),
                        "we_only": b.we_only,
                    }
                    for b in p.bullets
                ],
            }
            for p in resume.projects
        ],
        "source": resume.source,
        "imported_at": resume.imported_at,
    }


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ResumeError(f"{where} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _optional_str(value: Any, where: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ResumeError(f"{where} must be a string or null")
    return value.strip() or None if isinstance(value, str) else None


def from_dict(data: Any) -> Resume:
    """Validate the JSON form; every problem names the field, so an edit can be fixed."""
    if not isinstance(data, dict):
        raise ResumeError("the resume must be a JSON object with `projects`")
    projects = data.get("projects", [])
    if not isinstance(projects, list):
        raise ResumeError("`projects` must be a list")
    parsed = []
    for i, raw in enumerate(projects, 1):
        where = f"project {i}"
        if not isinstance(raw, dict) or not isinstance(raw.get("title"), str) or not raw["title"].strip():
            raise ResumeError(f"{where} needs a non-empty `title`")
        kind = raw.get("kind", "role")
        if kind not in ("role", "project"):
            raise ResumeError(f'{where}: `kind` must be "role" or "project"')
        bullets = raw.get("bullets", [])
        if not isinstance(bullets, list):
            raise ResumeError(f"{where}: `bullets` must be a list")
        items = []
        for j, b in enumerate(bullets, 1):
            bw = f"{where}, bullet {j}"
            if isinstance(b, str):
                b = {"text": b}
            if not isinstance(b, dict) or not isinstance(b.get("text"), str) or not b["text"].strip():
                raise ResumeError(f"{bw} needs a non-empty `text`")
            we_only = b.get("we_only", False)
            if not isinstance(we_only, bool):
                raise ResumeError(f"{bw}: `we_only` must be true or false")
            items.append(
                Bullet(
                    text=b["text"].strip(),
                    action=_optional_str(b.get("action"), f"{bw}: `action`"),
                    object=_optional_str(b.get("object"), f"{bw}: `object`"),
                    tools=_strings(b.get("tools", []), f"{bw}: `tools`"),
                    numbers=_strings(b.get("numbers", []), f"{bw}: `numbers`"),
                    we_only=we_only,
                )
            )
        parsed.append(
            Project(
                title=raw["title"].strip(),
                organization=_optional_str(raw.get("organization"), f"{where}: `organization`"),
                dates=_optional_str(raw.get("dates"), f"{where}: `dates`"),
                kind=kind,
                bullets=tuple(items),
            )
        )
    target = data.get("target_role", data.get("role"))
    roles = _strings(data.get("roles", []), "`roles`")
    if target is not None and roles and target == roles[0] and "target_role" not in data:
        target = None
    return Resume(
        target_role=_optional_str(target, "`target_role`"),
        roles=roles,
        tools=_strings(data.get("tools", []), "`tools`"),
        projects=tuple(parsed),
        source=str(data.get("source", "")),
        imported_at=str(data.get("imported_at", "")),
    )


def resume_path() -> Path:
    return user_dir() / "resume.json"


def save(resume: Resume, path: Path | None = None) -> Path:
    """Write atomically, readable by the user alone."""
    path = path or resume_path()
    text = json.dumps(to_dict(resume), indent=2, ensure_ascii=False) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=".resume-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load(path: Path | None = None) -> Resume:
    path = path or resume_path()
    if not path.is_file():
        raise ResumeError("no resume imported yet: run `coach resume import FILE` first")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ResumeError(
            f"{path}:{exc.lineno}: not valid JSON ({exc.msg}); fix it with `coach resume edit`"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ResumeError(f"could not read {path} ({reason(exc)})") from None
    return from_dict(data)


def saved_target_role(path: Path | None = None) -> str | None:
    """The target role of the resume kept now, so that importing the resume again does
    not lose it; None when there is none, or when the kept file cannot be read (it is
    about to be replaced)."""
    try:
        return load(path).target_role
    except ResumeError:
        return None


def with_role(resume: Resume, role: str | None) -> Resume:
    return replace(resume, target_role=role.strip() or None if role else None)
