"""The story bank: the candidate's prepared behavioral stories, kept in one JSON file.

The file is `{"version": 1, "stories": [{"id": ..., "title": ..., ...}]}`, one object per
`Story` with the same field names. Changes stay in memory until `StoryBank.save()`.
"""

from __future__ import annotations

import builtins
import json
import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.errors import CoachError
from coach.paths import user_dir
from coach.questions import THEMES
from coach.wording import reason

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from coach.analysis.document import Document, Evidence

log = logging.getLogger("coach")

STAR_PARTS = ("situation", "task", "action", "result", "reflection")
PREP_FACTS = ("problem", "architecture", "failure_mode", "metric", "redesign")
FILE_VERSION = 1
MAX_ID_CHARS = 40
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class StoryError(CoachError):
    """A bad story or story file; the message names the story or the file and the fix."""


@dataclass(frozen=True)
class Story:
    id: str  # "" means: derive a slug from the title when added
    title: str
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    reflection: str = ""
    problem: str = ""
    architecture: str = ""
    failure_mode: str = ""
    metric: str = ""
    redesign: str = ""
    themes: tuple[str, ...] = ()
    created_at: str = ""  # ISO 8601, UTC
    updated_at: str = ""


_FIELD_NAMES = tuple(f.name for f in fields(Story))
_EDITABLE = tuple(name for name in _FIELD_NAMES if name not in {"id", "created_at", "updated_at"})


def slugify(text: str) -> str:
    """'Paged at 3am: checkout down!' -> 'paged-at-3am-checkout-down'."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:MAX_ID_CHARS].rstrip("-") or "story"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _checked(story: Story) -> Story:
    """The story with themes normalized; StoryError for an empty title or unknown theme."""
    raw = (story.themes,) if isinstance(story.themes, str) else story.themes
    texts = [getattr(story, name) for name in _FIELD_NAMES if name != "themes"]
    if not isinstance(raw, Sequence) or not all(isinstance(t, str) for t in [*texts, *raw]):
        raise StoryError(f"story fields must be text, and themes a list of names from: {', '.join(THEMES)}")
    if not story.title.strip():
        raise StoryError("a story needs a title: give it a short name such as 'Payments outage'")
    themes = tuple(dict.fromkeys(t.strip().lower() for t in raw))
    unknown = [t for t in themes if t not in THEMES]
    if unknown:
        raise StoryError(f"unknown theme {unknown[0]!r}; themes are: {', '.join(THEMES)}")
    return replace(story, title=story.title.strip(), themes=themes)


class StoryBank:
    """The stories in one JSON file (default: user_dir()/stories.json)."""

    def __init__(self, path: Path, stories: Iterable[Story] = ()) -> None:
        self.path = path
        self._stories = {story.id: story for story in stories}

    @classmethod
    def load(cls, path: Path | None = None) -> StoryBank:
        """Read the bank; a missing file is an empty bank."""
        path = path or user_dir() / "stories.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except json.JSONDecodeError as exc:
            where = f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
            raise StoryError(f"{path} is not valid JSON ({where}); fix it or move it aside") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise StoryError(f"could not read {path}: {reason(exc)}") from None
        if not isinstance(data, dict) or not isinstance(data.get("stories"), list):
            raise StoryError(f'{path} must hold an object with a "stories" list; fix it or move it aside')
        stories: dict[str, Story] = {}
        for number, raw in enumerate(data["stories"], start=1):
            try:
                if not isinstance(raw, dict) or not set(raw) <= set(_FIELD_NAMES):
                    raise StoryError(f"a story is an object with fields from: {', '.join(_FIELD_NAMES)}")
                story = _checked(Story(**{"id": "", "title": "", **raw}))
                story = replace(story, id=story.id or slugify(story.title))
                if not ID_PATTERN.match(story.id) or story.id in stories:
                    raise StoryError(f"bad or duplicate id {story.id!r}; ids are unique slugs")
            except StoryError as exc:
                raise StoryError(f"{path}: story {number}: {exc}") from None
            stories[story.id] = story
        log.debug("loaded %d stories from %s", len(stories), path)
        return cls(path, stories.values())

    def save(self) -> None:
        """Write the bank atomically: a temp file in the same folder, then os.replace."""
        data = {"version": FILE_VERSION, "stories": [asdict(s) for s in self._stories.values()]}
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with temp.open("w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise StoryError(f"could not save the stories to {self.path}: {reason(exc)}") from None
        log.debug("saved %d stories to %s", len(self._stories), self.path)

    def get(self, story_id: str) -> Story:
        try:
            return self._stories[story_id]
        except KeyError:
            raise StoryError(f"unknown story id {story_id!r}; `coach stories list` shows them") from None

    def add(self, story: Story) -> Story:
        """Add a story under a unique id (its slug, or slug-2, slug-3 ...) and stamp it."""
        story = _checked(story)
        base = slugify(story.id or story.title)
        story_id, suffix = base, 2
        while story_id in self._stories:
            story_id, suffix = f"{base}-{suffix}", suffix + 1
        now = _now()
        story = replace(story, id=story_id, created_at=story.created_at or now, updated_at=now)
        self._stories[story_id] = story
        return story

    def update(self, story_id: str, **changes: Any) -> Story:
        """Change some fields of a story (not its id or timestamps) and refresh updated_at."""
        bad = [name for name in changes if name not in _EDITABLE]
        if bad:
            raise StoryError(f"cannot set {bad[0]!r} on a story; editable fields are: {', '.join(_EDITABLE)}")
        story = _checked(replace(self.get(story_id), **changes))
        story = replace(story, updated_at=_now())
        self._stories[story_id] = story
        return story

    def delete(self, story_id: str) -> None:
        self.get(story_id)
        del self._stories[story_id]

    def list(self) -> builtins.list[Story]:
        """The stories in the order they were added."""
        return builtins.list(self._stories.values())


def coverage_matrix(stories: Iterable[Story]) -> dict[str, list[str]]:
    """Theme -> ids of the stories tagged with it; every theme is a key."""
    stories = list(stories)
    return {theme: [s.id for s in stories if theme in s.themes] for theme in THEMES}


def missing_themes(stories: Iterable[Story]) -> list[str]:
    """The themes no story covers yet, in THEMES order."""
    return [theme for theme, ids in coverage_matrix(stories).items() if not ids]


def practice_question(story: Story) -> str:
    """The prompt to speak, built from the title's shape and the story's themes:
    "Cut CI build time" -> "Tell me about a time you cut CI build time." (see
    coach.story_prompt)."""
    from coach.story_prompt import practice_question as prompt

    return prompt(story.title, story.themes)


# Words that suggest a theme, matched as word beginnings in the story's title and text
# ("outage" and "outages", "automat" in "automated"); the user confirms or changes them.
THEME_WORDS: dict[str, tuple[str, ...]] = {
    "incident": ("outage", "incident", "postmortem", "post-mortem", "paged", "pager", "on-call", "on call",
                 "sev1", "sev2", "sev-1", "downtime", "went down", "broke prod", "rollback", "rolled back",
                 "failover", "root cause", "breach", "degraded", "error rate", "firefight"),
    "automation": ("automat", "script", "pipeline", "toil", "self-service", "terraform", "ansible", "ci/cd",
                   "github actions", "jenkins", "manual"),
    "scaling": ("scal", "traffic", "load", "capacity", "throughput", "latency", "growth", "grew", "10x",
                "black friday", "peak", "shard", "bottleneck", "performance"),
    "conflict": ("conflict", "disagree", "pushed back", "push back", "pushback", "argu", "convinc",
                 "persuad", "tension", "stakeholder", "escalat", "friction", "objection"),
    "tradeoff": ("tradeoff", "trade-off", "trade off", "chose", "choos", "decid", "decision", "versus", "vs",
                 "instead of", "prioriti", "compromise", "build or buy"),
}  # fmt: skip


def suggest_themes(story: Story) -> tuple[str, ...]:
    """The themes the story's words point to (THEME_WORDS), most hits first, the title's
    counting twice since it names what the story is about; () when none does."""
    text = " ".join(getattr(story, name) for name in ("title", *STAR_PARTS, *PREP_FACTS)).lower()
    scores: dict[str, int] = {}
    for theme, words in THEME_WORDS.items():
        pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(w) for w in words)})")
        hits = len(pattern.findall(text)) + len(pattern.findall(story.title.lower()))
        if hits:
            scores[theme] = hits
    return tuple(sorted(scores, key=lambda t: (-scores[t], THEMES.index(t))))


def parse_themes(values: Iterable[str]) -> tuple[str, ...]:
    """Theme names as typed ("incident", "Incident, scaling"), each once, in order;
    StoryError naming the valid themes for any other word."""
    themes: list[str] = []
    for value in values:
        for word in re.split(r"[,\s]+", value.strip().lower()):
            if word and word not in THEMES:
                raise StoryError(f"unknown theme {word!r}; themes are: {', '.join(THEMES)}")
            if word and word not in themes:
                themes.append(word)
    return tuple(themes)


_UNIT_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
_TEEN_WORDS = "sixteen seventeen eighteen nineteen"
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
_NUMBER_WORDS = (
    {word: i for i, word in enumerate(f"{_UNIT_WORDS} {_TEEN_WORDS}".split())}
    | {word: 10 * i for i, word in enumerate(_TENS_WORDS.split(), start=2)}
    | {"hundred": 100}
)
_DIGITS = re.compile(r"^[$€£]?(\d+(?:,\d{3})*(?:\.\d+)?)(?:x|%)?$", re.IGNORECASE)


@dataclass(frozen=True)
class CardCheck:
    """Whether the spoken answer said one part of the story card, with the sentence that did."""

    field: str
    card_text: str
    said: bool
    evidence: Evidence | None


def _numbers(tokens: Iterable[Token]) -> list[tuple[float, Token]]:
    """Every number among the tokens, as digits ("40%", "1,200") or words ("forty-five")."""
    found: list[tuple[float, Token]] = []
    previous = 0  # value of the number word just before, 0 if none
    for token in tokens:
        value = _NUMBER_WORDS.get(token.lower_)
        if value is None:
            if token.text == "-" and previous:
                continue
            previous, digits = 0, _DIGITS.match(token.text)
            if digits:
                found.append((float(digits.group(1).replace(",", "")), token))
            continue
        if 20 <= previous < 100 and previous % 10 == 0 and 0 < value < 10:
            found[-1] = (found[-1][0] + value, found[-1][1])
        elif value == 100 and 0 < previous < 100:
            found[-1] = (found[-1][0] * 100, found[-1][1])
        else:
            found.append((value, token))
        previous = value
    return found


def _forms(token: Token, degraded: bool) -> frozenset[str]:
    """The token's lemma and lowercase form, so that either may match ("%" is "percent")."""
    from coach.analysis.document import _crude_lemma, lemma

    forms = {token.lower_, _crude_lemma(token.lower_) if degraded else lemma(token)}
    return frozenset("percent" if form == "%" else form for form in forms)


def _card_terms(text: str, document: Document) -> set[frozenset[str | float]]:
    """The card's content words and its numbers (number words only where tagged NUM)."""
    tokens = [t for t in document.nlp(text) if not t.is_space]
    numbers = [v for v, t in _numbers(tokens) if t.pos_ in {"NUM", ""} or not t.is_alpha]
    is_number = {t.i for t in tokens if t.lower_ in _NUMBER_WORDS or _DIGITS.match(t.text)}
    words = [t for t in tokens if t.i not in is_number and (t.text == "%" or not t.is_punct)]
    content = [t for t in words if not t.is_stop and (len(t.text) > 1 or t.text == "%")]
    return {_forms(t, document.degraded) for t in content or words} | {frozenset({v}) for v in numbers}


def _sentence_terms(sentence: Span, degraded: bool) -> set[str | float]:
    forms: set[str | float] = set().union(*(_forms(t, degraded) for t in sentence))
    return forms | {value for value, _ in _numbers(sentence)}


def compare_with_card(story: Story, document: Document) -> list[CardCheck]:
    """For each filled STAR part and prep fact of the card: did the spoken answer say it?

    It did when at least half of the card text's content words (by lemma) occur in the
    answer; a number on the card counts only if the answer says it, as digits or words."""
    by_sentence = [(s, _sentence_terms(s, document.degraded)) for s in document.sentences]
    spoken = set().union(*(terms for _, terms in by_sentence))
    checks: list[CardCheck] = []
    for name in (*STAR_PARTS, *PREP_FACTS):
        text = getattr(story, name).strip()
        if not text:
            continue
        terms = _card_terms(text, document)
        said_count = sum(1 for term in terms if term & spoken)
        evidence = None
        if said_count and 2 * said_count >= len(terms):
            best = max(by_sentence, key=lambda pair: sum(1 for term in terms if term & pair[1]))[0]
            evidence = document.evidence(best)
        checks.append(CardCheck(name, text, evidence is not None, evidence))
    return checks
