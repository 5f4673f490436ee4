"""The question bank: `prompts/*.toml`, the user's own banks, and their validation.

A bank file holds `[[question]]` tables; see README.md for the schema. Every problem is
reported with the file and the line, so a user can fix their own bank.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from coach.errors import QuestionBankError, UnknownQuestionError
from coach.paths import builtin_prompts_dir, user_prompts_dir

Kind = Literal["technical", "behavioral"]
KINDS: tuple[Kind, ...] = ("technical", "behavioral")
ROUNDS = ("technical-screen", "system-design", "incident-response", "behavioral", "culture")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HEADER = re.compile(r"^\s*\[\[\s*question\s*\]\]")
_BEHAVIORAL_OPENERS = re.compile(
    r"^\s*(tell me about|describe a|describe an|give me an example|walk me through a time|"
    r"have you ever|when have you|talk about a time)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class KeyPoint:
    label: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Claim:
    """What a resume bullet claims, so an answer about it can be checked: the figures
    should be said aloud, and the candidate's own part made clear."""

    bullet: str
    numbers: tuple[str, ...] = ()
    ownership: bool = True


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: Kind
    category: str = "custom"
    round: str = "technical-screen"
    key_points: tuple[KeyPoint, ...] = ()
    follow_ups: tuple[str, ...] = ()
    target_window_s: tuple[float, float] | None = None
    source: str = ""
    claim: Claim | None = None


def guess_kind(text: str) -> Kind:
    """Behavioral questions ask for a story; everything else is treated as technical."""
    return "behavioral" if _BEHAVIORAL_OPENERS.search(text) else "technical"


def adhoc_question(text: str, kind: Kind | None = None) -> Question:
    """A question typed on the command line rather than taken from the bank."""
    return Question(id="custom", text=text.strip(), kind=kind or guess_kind(text))


class _Locator:
    """Maps the n-th [[question]] table and its fields back to lines of the source."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.headers = [i + 1 for i, line in enumerate(self.lines) if _HEADER.match(line)]

    def line_of(self, index: int, field: str | None = None) -> int:
        if index >= len(self.headers):
            return 1
        start = self.headers[index]
        if field is None:
            return start
        end = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.lines) + 1
        pattern = re.compile(rf"^\s*{re.escape(field)}\s*=")
        for number in range(start, end):
            if pattern.match(self.lines[number - 1]):
                return number
        return start

    def fail(self, index: int, field: str | None, problem: str) -> QuestionBankError:
        return QuestionBankError(f"{self.path}:{self.line_of(index, field)}: {problem}")


def _string_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _parse_question(raw: Any, index: int, where: _Locator) -> Question:
    if not isinstance(raw, dict):
        raise where.fail(index, None, "each [[question]] must be a table")
    for name in ("id", "text", "kind", "category"):
        value = raw.get(name)
        if not isinstance(value, str) or not value.strip():
            raise where.fail(
                index, name if name in raw else None, f"question needs a non-empty string `{name}`"
            )
    if not ID_PATTERN.match(raw["id"]):
        raise where.fail(index, "id", f"id {raw['id']!r} must be lowercase letters, digits and dashes")
    if raw["kind"] not in KINDS:
        raise where.fail(index, "kind", f"kind must be one of {', '.join(KINDS)}, got {raw['kind']!r}")
    round_name = raw.get("round", "behavioral" if raw["kind"] == "behavioral" else "technical-screen")
    if round_name not in ROUNDS:
        raise where.fail(index, "round", f"round must be one of {', '.join(ROUNDS)}, got {round_name!r}")
    window = raw.get("target_s")
    target: tuple[float, float] | None = None
    if window is not None:
        if (
            not isinstance(window, list)
            or len(window) != 2
            or not all(isinstance(v, int | float) for v in window)
            or not 0 < window[0] < window[1]
        ):
            raise where.fail(index, "target_s", "target_s must be [low, high] seconds with 0 < low < high")
        target = (float(window[0]), float(window[1]))
    follow_ups = raw.get("follow_ups", [])
    if not isinstance(follow_ups, list) or (follow_ups and not _string_list(follow_ups)):
        raise where.fail(index, "follow_ups", "follow_ups must be a list of non-empty strings")
    key_points: list[KeyPoint] = []
    raw_points = raw.get("key_points", [])
    if not isinstance(raw_points, list):
        raise where.fail(index, "key_points", "key_points must be [[question.key_points]] tables")
    for point in raw_points:
        if (
            not isinstance(point, dict)
            or not isinstance(point.get("label"), str)
            or not point["label"].strip()
            or not _string_list(point.get("phrases"))
            or not point["phrases"]
        ):
            raise where.fail(
                index, "label", "each key point needs a `label` and a non-empty list of `phrases`"
            )
        key_points.append(
            KeyPoint(point["label"].strip(), tuple(p.strip().lower() for p in point["phrases"]))
        )
    unknown = set(raw) - {
        "id",
        "text",
        "kind",
        "category",
        "round",
        "target_s",
        "follow_ups",
        "key_points",
    }
    if unknown:
        raise where.fail(index, sorted(unknown)[0], f"unknown field `{sorted(unknown)[0]}`")
    return Question(
        id=raw["id"],
        text=" ".join(raw["text"].split()),
        kind=raw["kind"],
        category=raw["category"].strip(),
        round=round_name,
        key_points=tuple(key_points),
        follow_ups=tuple(f.strip() for f in follow_ups),
        target_window_s=target,
        source=str(where.path),
    )


MAX_BANK_BYTES = 2 * 1024 * 1024  # thousands of questions; anything larger is not a bank


def load_bank_file(path: Path) -> list[Question]:
    """Parse and validate one bank file."""
    try:
        size = path.stat().st_size
        if size > MAX_BANK_BYTES:
            raise QuestionBankError(
                f"{path}:1: {size / 1e6:.0f} MB is far too big for a question bank (the limit is "
                f"{MAX_BANK_BYTES // (1024 * 1024)} MB); split it or check it is the right file"
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QuestionBankError(f"{path}: no such question file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionBankError(f"{path}: cannot read it ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = match.group(1) if match else "1"
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise QuestionBankError(f"{path}:{line}: not valid TOML: {problem}") from None
    where = _Locator(path, text)
    extra = set(data) - {"question"}
    if extra:
        raise QuestionBankError(
            f"{path}:1: unexpected top-level key `{sorted(extra)[0]}`; use [[question]] tables"
        )
    raw_questions = data.get("question", [])
    if not isinstance(raw_questions, list) or not raw_questions:
        raise QuestionBankError(f"{path}:1: no [[question]] tables found")
    return [_parse_question(raw, i, where) for i, raw in enumerate(raw_questions)]


def bank_files(extra: Iterable[Path] = ()) -> list[Path]:
    """The shipped bank, then the user's banks, then files given with --bank."""
    files = sorted(builtin_prompts_dir().glob("*.toml"))
    user = user_prompts_dir()
    if user.is_dir():
        files += sorted(user.glob("*.toml"))
    return files + list(extra)


def load_bank(extra: Iterable[Path] = ()) -> list[Question]:
    """All questions, validated; duplicate ids are an error naming both files."""
    questions: list[Question] = []
    seen: dict[str, Question] = {}
    for path in bank_files(extra):
        for question in load_bank_file(path):
            if question.id in seen:
                first = seen[question.id]
                raise QuestionBankError(
                    f"{question.source}:{_Locator(path, path.read_text()).line_of(0)}: "
                    f"duplicate question id {question.id!r} (also in {first.source})"
                )
            seen[question.id] = question
            questions.append(question)
    if not questions:
        raise QuestionBankError(f"{builtin_prompts_dir()}: no question banks found")
    return questions


def find_question(questions: Sequence[Question], question_id: str) -> Question:
    for question in questions:
        if question.id == question_id:
            return question
    close = [q.id for q in questions if question_id.lower() in q.id][:3]
    hint = f" (did you mean {', '.join(close)}?)" if close else "; `coach questions` lists them"
    raise UnknownQuestionError(f"unknown question id {question_id!r}{hint}")


def pick_question(
    questions: Sequence[Question],
    *,
    question_id: str | None = None,
    category: str | None = None,
    rng: random.Random | None = None,
) -> Question:
    """The requested question, or a random one (optionally from one category)."""
    if question_id:
        return find_question(questions, question_id)
    pool = list(questions)
    if category:
        pool = [q for q in questions if q.category == category]
        if not pool:
            names = ", ".join(sorted({q.category for q in questions}))
            raise UnknownQuestionError(f"no questions in category {category!r}; categories: {names}")
    return (rng or random.Random()).choice(pool)
