"""The question bank: `prompts/*.toml`, the user's own banks, and their validation.

A bank file holds `[[question]]` tables; see README.md for the schema. Every problem is
reported with the file and the line, so a user can fix their own bank.
"""

from __future__ import annotations

import hashlib
import random
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from coach.config import LENGTH_POLICY
from coach.errors import CoachError, QuestionBankError, UnknownQuestionError
from coach.paths import builtin_prompts_dir, user_prompts_dir
from coach.wording import reason

# technical: judged on structure (recommendation first, tradeoffs, operations, validation);
# behavioral: a story, judged on STAR; motivation ("why this company?"): neither, only on
# the key points it covers, since a reason to join has no result or lesson to report.
Kind = Literal["technical", "behavioral", "motivation"]
# The five kinds of story the night-before checklist asks for (story cards and `tonight`).
THEMES = ("incident", "automation", "scaling", "conflict", "tradeoff")
KINDS: tuple[Kind, ...] = ("technical", "behavioral", "motivation")
ROUNDS = (
    "recruiter-screen",
    "hiring-manager",
    "technical-screen",
    "system-design",
    "incident-response",
    "behavioral",
    "culture",
)
# The slots of the night-before rehearsal a bank question can fill: a story on one of the
# story-card themes, the system-design walkthrough, or the "why this company" answer.
TONIGHT_SLOTS = (*THEMES, "design", "why")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# A question typed in words is named by them (custom_question_id); an answer analyzed with
# no question at all has NO_QUESTION_ID and is compared with nothing. "custom" is the one id
# every typed question had before ids came from the words; such rows are migrated.
CUSTOM_ID_PREFIX = "custom-"
NO_QUESTION_ID = "none"
LEGACY_CUSTOM_ID = "custom"
NO_QUESTION_TEXT = "(no question given)"
CUSTOM_SLUG_CHARS = 40  # enough words to recognize the question in an id
CUSTOM_HASH_CHARS = 8  # 32 bits of SHA-1: two different typed questions never meet in practice
_HEADER = re.compile(r"^\s*\[\[\s*question\s*\]\]")
_KEY_POINT_HEADER = re.compile(r"^\s*\[\[\s*question\.key_points\s*\]\]")
_ANY_HEADER = re.compile(r"^\s*\[\[?\s*[A-Za-z_][\w.\-]*\s*\]\]?\s*(#.*)?$")
_BEHAVIORAL_OPENERS = re.compile(
    r"^\s*(tell me about|describe a|describe an|give me an example|walk me through a time|"
    r"have you ever|when have you|talk about a time)",
    re.IGNORECASE,
)
_MOTIVATION_OPENERS = re.compile(
    r"^\s*(why (do|would) you want|why (this|our) (company|team|role)|why (are|were) you (interested|looking)|"
    r"why (here|us|now)\b|what (draws|attracts) you|what are you looking for)",
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
    tonight: str | None = None  # the night-before slot it fills (TONIGHT_SLOTS), if any
    # a follow-up: a probe asked after an answer, or a narrow question about one resume
    # claim; held to the length policy's probe window whatever its kind
    follow_up: bool = False
    # what a follow-up probe asked for (coach.analysis.asked.PARTS); its answer is judged on
    # these alone. None: not a probe, judged on the whole checklist of its kind
    asks: tuple[str, ...] | None = None


def guess_kind(text: str) -> Kind:
    """Behavioral questions ask for a story, motivation questions for a reason to join;
    everything else is treated as technical."""
    if _MOTIVATION_OPENERS.search(text):
        return "motivation"
    return "behavioral" if _BEHAVIORAL_OPENERS.search(text) else "technical"


# "I rolled back", "we were paged", "I found": the speaker telling what happened
_TOLD = re.compile(
    r"\b(?:i|we)\s+(?:\w+ed|was|were|had|did|went|found|made|took|got|wrote|ran|built|led|saw|"
    r"told|sent|kept|set|put|cut|began|brought|chose|spent|thought|knew|felt|gave|left|lost|won)\b",
    re.IGNORECASE,
)
# "I'd use", "we should", "you can", "start with": the speaker proposing
_PROPOSED = re.compile(
    r"\b(?:i'd|i would|we'd|we would|we should|you should|you can|i recommend|i'll|i will|"
    r"my recommendation|i'd go)\b",
    re.IGNORECASE,
)


def guess_kind_from_answer(text: str) -> Kind:
    """With no question to go by: a story when the answer tells what the speaker did, in
    the past, at least twice and more often than it proposes; else technical."""
    told, proposed = len(_TOLD.findall(text)), len(_PROPOSED.findall(text))
    return "behavioral" if told >= 2 and told > proposed else "technical"


def normalized_text(text: str) -> str:
    """A question's words as they identify it: Unicode-normalized, case-folded, its
    punctuation and spacing dropped ("Why this role?" and "why  this role" are one)."""
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()))


def custom_question_id(text: str) -> str:
    """The stable id of a question typed in words: "custom-" + a slug of its first words +
    a short hash of all of them, e.g. "custom-why-do-you-want-this-role-1f3a9c0e". The same
    words (see normalized_text) always give the same id, different words a different one.
    Stored in the history, so the recipe must not change."""
    words = normalized_text(text)
    digest = hashlib.sha1(words.encode("utf-8")).hexdigest()[:CUSTOM_HASH_CHARS]
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()  # "rôle": "role"
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_words).strip("-")
    slug = slug[:CUSTOM_SLUG_CHARS].rstrip("-")
    return f"{CUSTOM_ID_PREFIX}{slug}-{digest}" if slug else f"{CUSTOM_ID_PREFIX}{digest}"


def is_typed_question_id(question_id: str) -> bool:
    """A question typed in words, or none at all, rather than one from a bank."""
    return question_id in (NO_QUESTION_ID, LEGACY_CUSTOM_ID) or question_id.startswith(CUSTOM_ID_PREFIX)


def is_comparable(question_id: str) -> bool:
    """Whether answers with this id answer one same question, so that they may be compared
    and scheduled: every id but that of an answer with no question (and the old shared id
    of typed questions, should a row escape its migration)."""
    return question_id not in (NO_QUESTION_ID, LEGACY_CUSTOM_ID)


def adhoc_question(text: str, kind: Kind | None = None) -> Question:
    """A question typed on the command line rather than taken from the bank, named by its
    words (custom_question_id)."""
    text = " ".join(text.split())
    return Question(id=custom_question_id(text), text=text, kind=kind or guess_kind(text))


def no_question(kind: Kind = "technical") -> Question:
    """What an answer analyzed without any question is filed under: compared with nothing."""
    return Question(id=NO_QUESTION_ID, text=NO_QUESTION_TEXT, kind=kind)


def question_filter(value: str) -> str:
    """The question id a `--question` filter on the history means: an id as given, or the
    id of a question typed in words."""
    if value in (NO_QUESTION_ID, LEGACY_CUSTOM_ID) or ID_PATTERN.match(value):
        return value
    return custom_question_id(value)


def target_window(question: Question, configured_s: tuple[float, float] | None = None) -> tuple[float, float]:
    """The (low, high) seconds an answer to this question should take: the bank entry's own
    reasoned `target_s`; else, for a follow-up, the policy's probe window; else the user's
    configured window (`configured_s`, from `target_s` in config.toml or COACH_TARGET_S);
    else the length policy's window for the question's kind (coach.config.LengthPolicy)."""
    if question.target_window_s is not None:
        return question.target_window_s
    if question.follow_up:
        return LENGTH_POLICY.probe_s
    return configured_s or LENGTH_POLICY.window_s(question.kind)


class _Locator:
    """Maps the n-th [[question]] table, its fields and its key points back to lines."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.headers = [i + 1 for i, line in enumerate(self.lines) if _HEADER.match(line)]

    def _range(self, index: int) -> tuple[int, int]:
        """The first line of the question's table and one past its last line."""
        start = self.headers[index]
        end = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.lines) + 1
        return start, end

    def _field_in(self, field: str, start: int, end: int) -> int | None:
        pattern = re.compile(rf"^\s*{re.escape(field)}\s*=")
        for number in range(start, end):
            if pattern.match(self.lines[number - 1]):
                return number
        return None

    def line_of(self, index: int, field: str | None = None) -> int:
        """The line of a question's field, else of its [[question]] header."""
        if index >= len(self.headers):
            return 1
        start, end = self._range(index)
        if field is None:
            return start
        # the question's own fields come before its first sub-table
        own_end = next((n for n in range(start + 1, end) if _ANY_HEADER.match(self.lines[n - 1])), end)
        return self._field_in(field, start, own_end) or start

    def key_point_line(self, index: int, point: int, field: str | None = None) -> int:
        """The line of a key point's field, else of its [[question.key_points]] header, else
        of the question's `key_points` (for an inline list)."""
        if index >= len(self.headers):
            return 1
        start, end = self._range(index)
        tables = [n for n in range(start + 1, end) if _KEY_POINT_HEADER.match(self.lines[n - 1])]
        if point >= len(tables):
            return self.line_of(index, "key_points")
        table_end = next(
            (n for n in range(tables[point] + 1, end) if _ANY_HEADER.match(self.lines[n - 1])), end
        )
        return (field and self._field_in(field, tables[point], table_end)) or tables[point]

    def fail(self, index: int, field: str | None, problem: str) -> QuestionBankError:
        return QuestionBankError(f"{self.path}:{self.line_of(index, field)}: {problem}")

    def fail_key_point(self, index: int, point: int, field: str | None, problem: str) -> QuestionBankError:
        return QuestionBankError(f"{self.path}:{self.key_point_line(index, point, field)}: {problem}")


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
    if is_typed_question_id(raw["id"]):
        raise where.fail(
            index, "id", f"id {raw['id']!r} is kept for questions typed in words (or none); choose another"
        )
    if raw["kind"] not in KINDS:
        raise where.fail(index, "kind", f"kind must be one of {', '.join(KINDS)}, got {raw['kind']!r}")
    default_round = {"behavioral": "behavioral", "motivation": "culture"}.get(raw["kind"], "technical-screen")
    round_name = raw.get("round", default_round)
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
        target_reason = raw.get("target_reason")
        if not isinstance(target_reason, str) or not target_reason.strip():
            raise where.fail(
                index,
                "target_reason" if "target_reason" in raw else "target_s",
                "target_s needs `target_reason`: say why this answer should run outside the length "
                f"policy's {_window_text(LENGTH_POLICY.window_s(raw['kind']))} for a {raw['kind']} answer "
                "(or drop target_s)",
            )
        target = (float(window[0]), float(window[1]))
    elif "target_reason" in raw:
        raise where.fail(index, "target_reason", "target_reason explains a target_s; give both or neither")
    follow_ups = raw.get("follow_ups", [])
    if not isinstance(follow_ups, list) or (follow_ups and not _string_list(follow_ups)):
        raise where.fail(index, "follow_ups", "follow_ups must be a list of non-empty strings")
    key_points: list[KeyPoint] = []
    raw_points = raw.get("key_points", [])
    if not isinstance(raw_points, list):
        raise where.fail(index, "key_points", "key_points must be [[question.key_points]] tables")
    for number, point in enumerate(raw_points):
        if not isinstance(point, dict):
            raise where.fail_key_point(index, number, None, "each key point must be a table")
        if not isinstance(point.get("label"), str) or not point["label"].strip():
            raise where.fail_key_point(
                index, number, "label" if "label" in point else None, "a key point needs a non-empty `label`"
            )
        if not _string_list(point.get("phrases")) or not point["phrases"]:
            raise where.fail_key_point(
                index,
                number,
                "phrases" if "phrases" in point else None,
                f"key point {point['label'].strip()!r} needs a non-empty list of `phrases`",
            )
        extra = sorted(set(point) - {"label", "phrases"})
        if extra:
            raise where.fail_key_point(index, number, extra[0], f"unknown key point field `{extra[0]}`")
        key_points.append(
            KeyPoint(point["label"].strip(), tuple(p.strip().lower() for p in point["phrases"]))
        )
    tonight = raw.get("tonight")
    if tonight is not None:
        _check_tonight(raw, tonight, index, where)
    unknown = set(raw) - {
        "id",
        "text",
        "kind",
        "category",
        "round",
        "target_s",
        "target_reason",
        "follow_ups",
        "key_points",
        "tonight",
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
        tonight=tonight,
    )


def _window_text(window_s: tuple[float, float]) -> str:
    return f"{window_s[0]:.0f}-{window_s[1]:.0f} s"


def _check_tonight(raw: dict[str, Any], slot: Any, index: int, where: _Locator) -> None:
    """A story slot needs a behavioral question, the design slot a system-design one, and
    the "why" slot a motivation question."""
    if slot not in TONIGHT_SLOTS:
        raise where.fail(index, "tonight", f"tonight must be one of {', '.join(TONIGHT_SLOTS)}, got {slot!r}")
    if slot in THEMES and raw["kind"] != "behavioral":
        raise where.fail(
            index, "tonight", f"tonight = {slot!r} is a story slot: the question must be behavioral"
        )
    if slot == "design" and raw.get("round") != "system-design":
        raise where.fail(index, "tonight", 'tonight = "design" needs round = "system-design"')
    if slot == "why" and raw["kind"] != "motivation":
        raise where.fail(index, "tonight", 'tonight = "why" needs kind = "motivation"')


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
        raise QuestionBankError(f"{path}: cannot read it ({reason(exc)})") from None
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


def _id_line(path: Path, index: int) -> int:
    return _Locator(path, path.read_text(encoding="utf-8")).line_of(index, "id")


def load_bank(extra: Iterable[Path] = ()) -> list[Question]:
    """All questions, validated; a duplicate id is an error naming both places."""
    questions: list[Question] = []
    seen: dict[str, tuple[Path, int]] = {}  # id -> (file, index of its [[question]])
    for path in bank_files(extra):
        for index, question in enumerate(load_bank_file(path)):
            if question.id in seen:
                first_path, first_index = seen[question.id]
                raise QuestionBankError(
                    f"{path}:{_id_line(path, index)}: duplicate question id {question.id!r} "
                    f"(also at {first_path}:{_id_line(first_path, first_index)})"
                )
            seen[question.id] = (path, index)
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


def _looks_like_an_id(value: str) -> bool:
    """'cicd-fast-pipeline' or 'q7' is an id (a typo gets "did you mean"); 'Why?' or
    'Why this role' is a question asked in words."""
    return bool(re.fullmatch(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*", value)) and bool(re.search(r"[-_.0-9]", value))


def resolve_question(
    questions: Sequence[Question], value: str | None, kind: str | None = None, answer: str | None = None
) -> Question:
    """What `--question` names: a bank id, or a question in words (None: no question), with
    `--kind` overriding the kind. With no question and no kind, `answer` (the typed answer,
    when known) decides the kind (guess_kind_from_answer)."""
    if kind is not None and kind not in KINDS:
        raise CoachError(f"--kind must be {', '.join(KINDS[:-1])} or {KINDS[-1]}, got {kind!r}")
    chosen_kind = kind
    if value is not None and not value.strip():
        raise CoachError(
            "--question is empty: give a question id (see `coach questions`) or the question's words"
        )
    if value is None:
        guessed = guess_kind_from_answer(answer) if answer is not None else "technical"
        chosen = no_question(chosen_kind or guessed)
    elif any(q.id == value for q in questions) or _looks_like_an_id(value):
        chosen = find_question(questions, value)
    else:
        chosen = adhoc_question(value, chosen_kind)
    return chosen if chosen_kind is None else replace(chosen, kind=chosen_kind)


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
