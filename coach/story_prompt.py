"""The prompt an interviewer would speak for a story card, built from its title.

Titles come in every shape: a verb phrase ("Cut CI build time", "Cutting alert noise"),
a noun phrase ("Payments outage during a launch"), a sentence with its own subject ("AWS
bill doubled in a month", "I broke prod on a Friday") or a question. Each is turned into
English an interviewer would say: "Tell me about a time you cut CI build time.", "Tell me
about the payments outage during a launch.", "Tell me about the time the AWS bill
doubled in a month.". A title that cannot be read with confidence (a bare name such as
"Project Phoenix") is asked through the story's theme instead, and named as the
candidate's own label for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coach.english import (
    PREPOSITIONS,
    SIMPLE_PAST,
    bare,
    complete_part,
    past_of_gerund,
    past_tense,
    second_person,
)
from coach.resume.tools import tools_in
from coach.wording import end_sentence

_OPENER = re.compile(
    r"^(tell me about|describe|give me an example of|walk me through|talk me through|talk about)\s+", re.I
)
_QUESTION_WORD = re.compile(
    r"^(how|why|when|what|who|which|where|have|has|did|do|does|can|could|would|is|are)\b", re.I
)
_TIME_OF = re.compile(r"^(?:a|the|one) time\s+(?:when\s+|that\s+)?", re.I)
_PERSON_CLAUSE = re.compile(r"^(how|why|when|where|what)\s+(?=(?:i|we|my team|our team)\b)", re.I)
_PERSON_SUBJECT = re.compile(r"^(?:i|we|my team|our team|the team)\b", re.I)
# fmt: off
DETERMINERS = frozenset({
    "a", "an", "the", "my", "our", "their", "your", "his", "her", "its", "this", "that", "these",
    "those", "some", "every", "all"
})
PRONOUNS = frozenset({
    "it", "them", "us", "me", "him", "her", "everyone", "everything"
})
PARTICLES = frozenset({
    "up", "down", "back", "out", "off", "over", "away"
})
# fmt: on
# verbs that open a title as an action; none of them opens a noun phrase
# fmt: off
ACTION_VERBS = frozenset({
    "adopt", "automate", "cancel", "challenge", "consolidate", "containerize", "convince", "debug",
    "decommission", "deprecate", "diagnose", "dockerize", "eliminate", "escalate", "halve", "harden",
    "improve", "introduce", "investigate", "kill", "lower", "mentor", "merge", "migrate", "mitigate",
    "modernize", "negotiate", "onboard", "optimize", "persuade", "prevent", "raise", "rebuild",
    "recover", "refactor", "reduce", "remove", "replace", "rescue", "resolve", "restore", "retire",
    "rewrite", "save", "secure", "shard", "shrink", "speed", "stabilize", "standardize", "tackle",
    "tame", "throttle", "triage", "tune", "unblock", "unify", "untangle", "choose", "pick", "decide",
    "disagree", "argue", "cut", "handle", "own", "drive", "ship", "deliver", "fix"
})
# fmt: on
# verbs that also name things ("Build times", "Launch day outage"): an action only when a
# determiner, pronoun, particle, preposition, number or name follows
# fmt: off
NOUN_OR_VERB = frozenset({
    "build", "scale", "test", "design", "launch", "release", "deploy", "plan", "change", "update",
    "upgrade", "report", "review", "move", "push", "lead", "run", "double", "triple", "split", "set",
    "cost", "reset", "spread", "hit", "rollout", "roll", "page", "alert", "cap", "freeze", "rotate",
    "patch", "ramp"
})
# fmt: on
# -ing words that name an activity or a thing ("Logging pipeline rebuild"), unless a
# determiner, pronoun, number or name follows ("Hiring an SRE team")
# fmt: off
NOMINAL_ING = frozenset({
    "logging", "tracing", "testing", "monitoring", "alerting", "billing", "caching", "networking",
    "pricing", "routing", "paging", "streaming", "messaging", "ticketing", "staging", "tooling",
    "packaging", "booking", "meeting", "morning", "evening", "spring", "string", "thing", "ceiling",
    "wedding", "offering", "funding", "training", "hiring", "planning", "onboarding", "building",
    "scaling", "engineering", "marketing", "accounting", "reporting", "on-call"
})
# fmt: on
# -ed words that describe a thing before its noun ("Failed migration", "Shared storage")
# fmt: off
ADJECTIVAL_PAST = frozenset({
    "failed", "unplanned", "planned", "botched", "delayed", "shared", "managed", "distributed",
    "embedded", "unexpected", "missed", "stalled", "blocked", "rushed", "rejected", "cancelled",
    "canceled", "leaked", "corrupted", "misconfigured", "expired", "outdated", "overloaded", "degraded",
    "related", "untested", "unowned", "unmonitored", "automated", "centralized", "centralised",
    "containerized", "federated"
})
# fmt: on
# the theme of a story as the kind of story an interviewer asks for
THEME_LEADS = {
    "incident": "a time you handled a production incident",
    "automation": "a time you automated away manual work",
    "scaling": "a time you scaled a system to meet demand",
    "conflict": "a time you disagreed with a colleague",
    "tradeoff": "a time you made a hard tradeoff",
}
MAX_SUBJECT_WORDS = 5  # "Kafka consumer lag on checkout" doubled …


def _title_case(words: Sequence[str]) -> bool:
    """Every longer word after the first capitalised, names and acronyms aside."""
    long_words = [w for w in words[1:] if len(w) > 3 and not w.isupper() and not tools_in(w)]
    return bool(long_words) and all(w[:1].isupper() for w in long_words)


def _signals_action(words: Sequence[str]) -> bool:
    """What follows the first word shows it is a verb: "Fix the …", "Roll back …", "Scale
    Kafka", "Upgrade to Postgres 15"; but not "of" or "for" ("Fix for the leak")."""
    if len(words) < 2:
        return False
    nxt = bare(words[1])
    if nxt in ("of", "for"):
        return False
    if nxt in DETERMINERS | PRONOUNS | PARTICLES | PREPOSITIONS or nxt[:1].isdigit():
        return True
    if words[1].isupper() or tools_in(words[1]):  # "Scale Kafka", "Cut CI build time"
        return True
    return words[1][:1].isupper() and not _title_case(words)


def _past(form: str) -> str:
    return "were" if form == "was" else form  # said to "you"


def _leading_past(words: Sequence[str]) -> str | None:
    """The first word as a verb in the simple past, when the title opens with an action."""
    first = bare(words[0])
    nxt = bare(words[1]) if len(words) > 1 else ""
    if nxt in ("of", "for") and not first.endswith(("ed", "ing")) and first not in SIMPLE_PAST:
        return None  # "Design of the ingest path", "Fix for the memory leak"
    if first in NOUN_OR_VERB:
        if not _signals_action(words):
            return None
        return first if first in SIMPLE_PAST else past_tense(first)
    if first in SIMPLE_PAST:
        return _past(first)
    if first in ACTION_VERBS:
        return past_tense(first)
    if first.endswith("ed") and len(first) > 4:
        described = first in ADJECTIVAL_PAST or (nxt.endswith("ing") and len(nxt) > 4)
        return None if described and not _signals_action(words) else first
    if first.endswith("ing") and len(first) > 4:
        if first in NOMINAL_ING and not _signals_action(words):
            return None
        return past_of_gerund(first)
    if nxt in DETERMINERS | PRONOUNS | PARTICLES:
        return past_tense(first)  # "Decommission the old cluster", "Tame our pager"
    return None


def _finite_at(words: Sequence[str]) -> int | None:
    """Where the verb of a title with its own subject stands ("AWS bill doubled …")."""
    for i in range(1, min(len(words), MAX_SUBJECT_WORDS + 1)):
        word, nxt = bare(words[i]), bare(words[i + 1]) if i + 1 < len(words) else ""
        if word in DETERMINERS or word in ("that", "which", "who"):
            return None
        past = word in SIMPLE_PAST or (word.endswith("ed") and len(word) > 4 and word not in ADJECTIVAL_PAST)
        if past and nxt != "by":  # "Outage caused by a bad push" is a noun phrase
            return i
    return None


def _as_written(word: str, rest_title_case: bool) -> str:
    """The title's first word inside a sentence: "Payments" -> "payments", but "AWS",
    "GitHub", "Kafka" and the words of a title in title case keep their capitals."""
    if rest_title_case or any(c.isupper() for c in word[1:]) or tools_in(word):
        return word
    return word[:1].lower() + word[1:]


def _noun_phrase(words: Sequence[str]) -> str:
    """The words as a noun phrase with its article: "the payments outage", "your first
    on-call week", "Kafka"."""
    first = bare(words[0])
    phrase = second_person(" ".join([_as_written(words[0], _title_case(words)), *words[1:]]))
    if first in DETERMINERS or first[:1].isdigit():
        return phrase
    if len(words) == 1 and tools_in(words[0]):
        return phrase
    return f"the {phrase}"


def _by_theme(title: str, themes: Sequence[str]) -> str:
    lead = next((THEME_LEADS[t] for t in themes if t in THEME_LEADS), None)
    if lead is None:
        return f"Tell me the story you call \u201c{title}\u201d."
    return f"Tell me about {lead}: the story you call \u201c{title}\u201d."


def practice_question(title: str, themes: Sequence[str] = ()) -> str:
    """The spoken prompt for a story titled `title`, one sentence ending in "." or "?".

    A title that already asks is kept (its "I" turned to "you"); an action becomes "Tell
    me about a time you <did it>."; a sentence becomes "Tell me about the time <it
    happened>."; a noun phrase becomes "Tell me about the <thing>."; anything else is
    asked through the first of `themes` (THEME_LEADS). A title cut off ("…") is asked
    about as far as it is whole."""
    return end_sentence(_prompt(title, themes))


def _prompt(title: str, themes: Sequence[str]) -> str:
    title = complete_part(" ".join(title.split())).rstrip(" .!")
    if not title:
        return _by_theme("untitled", themes)
    opener = _OPENER.match(title)
    if opener is not None:
        return f"{title[: opener.end()]}{second_person(title[opener.end() :])}."
    if title.endswith("?") or (_QUESTION_WORD.match(title) and not _PERSON_CLAUSE.match(title)):
        return title if title.endswith("?") else f"{title}?"
    if (time_of := _TIME_OF.match(title)) is not None:
        return f"Tell me about a time {second_person(title[time_of.end() :])}."
    if (clause := _PERSON_CLAUSE.match(title)) is not None:
        return f"Tell me about {clause.group(1).lower()} {second_person(title[clause.end() :])}."
    if _PERSON_SUBJECT.match(title):
        return f"Tell me about the time {second_person(title)}."
    words = title.split()
    past = _leading_past(words)
    if past is not None and len(words) > 1:
        return f"Tell me about a time you {past} {second_person(' '.join(words[1:]))}."
    at = _finite_at(words)
    if at is not None:
        return f"Tell me about the time {_noun_phrase(words[:at])} {second_person(' '.join(words[at:]))}."
    if (len(words) == 1 and tools_in(title)) or (_title_case(words) and len(words) <= 3):
        return _by_theme(title, themes)  # "Kafka", "Project Phoenix": a name, not a description
    return f"Tell me about {_noun_phrase(words)}."
