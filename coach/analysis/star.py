"""STAR completeness of a behavioral answer: situation, task, action, result, reflection.

An action is a past-tense verb whose subject is "I" (what the candidate did), counted
against the same verbs with "we". A result is an outcome, measurable when it carries a
number or a unit. A reflection is a lesson, or a change made or wished for afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.analysis.document import Document, Evidence, find_phrases, quote_around

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SITUATION_PHRASES = (
    "when i was",
    "at my last",
    "at my previous",
    "at my current",
    "at my old",
    "we had",
    "there was",
    "there were",
    "our team",
    "my team",
    "year ago",
    "month ago",
    "last year",
    "back when",
    "back in",
    "at the time",
    "i was work",
    "i was on",
    "we were",
    "the context",
    "the background",
    "a while ago",
    "at a previous",
    "at a startup",
    "at the company",
    "i joined",
    "i was lead",
    "we were run",
)
TASK_PHRASES = (
    "my job",
    "my role",
    "my responsibility",
    "i be responsible",
    "i be ask",
    "i be task",
    "i need to",
    "i have to",
    "we need to",
    "we have to",
    "the goal",
    "my goal",
    "our goal",
    "the task",
    "my task",
    "i own",
    "i be on call",
    "i be the",
    "i be in charge",
    "the challenge",
    "the problem be",
    "i be assign",
    "i volunteer",
    "i take ownership",
    "i take on",
    "i step up",
    "it be on me",
    "i be lead",
    "i be the incident commander",
    "the ask be",
    "i want to",
    "we want to",
)
RESULT_PHRASES = (
    "as a result",
    "result",
    "outcome",
    "reduce",
    "cut",
    "improve",
    "increase",
    "decrease",
    "drop",
    "save",
    "go from",
    "go down",
    "go up",
    "fewer",
    "no longer",
    "resolve",
    "restore",
    "recover",
    "end up",
    "in the end",
    "eventually",
    "lead to",
    "bring down",
    "successfully",
    "never happen again",
    "have not have",
    "zero",
    "shrink",
    "halve",
    "double",
    "eliminate",
    "stop happen",
    "ship",
    "launch",
    "fix it",
    "it work",
)
REFLECTION_PHRASES = (
    "learn",
    "lesson",
    "next time",
    "in hindsight",
    "looking back",
    "look back",
    "differently",
    "would have",
    "i'd have",
    "should have",
    "takeaway",
    "take away",
    "teach me",
    "realize",
    "since then",
    "now i always",
    "now we always",
    "if i do it again",
    "if i be to",
    "would change",
    "i'd change",
    "go forward",
    "from then on",
    "in retrospect",
    "what i would do",
    "i now",
)
STATE_VERBS = frozenset(
    {
        "be",
        "have",
        "feel",
        "think",
        "know",
        "want",
        "like",
        "seem",
        "remember",
        "mean",
        "guess",
        "believe",
        "wonder",
        "hope",
        "need",
        "love",
        "hate",
        "get",
        "say",
        "tell",
        "see",
        "notice",
    }
)
UNITS = frozenset(
    {
        "%",
        "percent",
        "percentage",
        "second",
        "minute",
        "hour",
        "day",
        "week",
        "month",
        "ms",
        "millisecond",
        "x",
        "time",
        "dollar",
        "$",
        "k",
        "gb",
        "tb",
        "request",
        "rps",
        "qps",
        "p99",
        "p95",
        "point",
        "user",
        "customer",
        "incident",
        "page",
        "alert",
        "deploy",
    }
)
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class Star:
    situation: Evidence | None
    task: Evidence | None
    action: Evidence | None
    result: Evidence | None
    result_measurable: bool
    reflection: Evidence | None
    i_actions: int
    we_actions: int

    @property
    def i_we_ratio(self) -> float | None:
        """Share of first-person actions told with "I": I / (I + we)."""
        total = self.i_actions + self.we_actions
        return round(self.i_actions / total, 2) if total else None


def _is_past_action(verb: Token) -> bool:
    from coach.analysis.document import lemma

    if lemma(verb) in STATE_VERBS or verb.pos_ not in {"VERB"}:
        return False
    if verb.tag_ == "VBD":
        return True
    # "I had rolled back", "I've set up"
    return verb.tag_ == "VBN" and any(lemma(c) == "have" and c.dep_ == "aux" for c in verb.children)


def _actions(document: Document, pronoun: str) -> list[Token]:
    found = []
    for token in document.doc:
        if token.lower_ == pronoun and token.dep_ in {"nsubj", "nsubjpass"} and _is_past_action(token.head):
            found.append(token.head)
        elif token.lower_ == pronoun and token.dep_ in {"nsubj"}:
            # coordinated verbs share the subject: "I paged the team and rolled back"
            for conj in token.head.conjuncts:
                if _subject_of(conj) is None and _is_past_action(conj):
                    found.append(conj)
    return found


def _subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


_DEGRADED_PAST = re.compile(r"^\w+ed$")


def _degraded_actions(document: Document, pronoun: str) -> list[Token]:
    doc = document.doc
    return [
        doc[i + 1]
        for i, t in enumerate(doc[:-1])
        if t.lower_ == pronoun
        and _DEGRADED_PAST.match(doc[i + 1].lower_)
        and doc[i + 1].lower_ not in {"needed", "wanted"}
    ]


def _measurable(sentence: Span) -> bool:
    from coach.analysis.document import lemma

    for token in sentence:
        if (
            token.like_num
            or _NUMBER.search(token.text)
            or (lemma(token) in UNITS and token.lower_ not in {"time", "page"})
        ) and (token.like_num or _NUMBER.search(token.text) or token.lower_ in {"%", "percent"}):
            return True
    return False


def _first_after(document: Document, phrases: tuple[str, ...], from_token: int) -> tuple[int, int] | None:
    for start, end, _ in find_phrases(document, phrases):
        if start >= from_token:
            return start, end
    return None


def analyze_star(document: Document) -> Star:
    doc = document.doc
    if document.degraded:
        i_actions, we_actions = _degraded_actions(document, "i"), _degraded_actions(document, "we")
    else:
        i_actions, we_actions = _actions(document, "i"), _actions(document, "we")
    sentences = document.sentences
    early_end = sentences[max(len(sentences) // 2 - 1, 0)].end if sentences else 0
    situation_hit = _first_after(document, SITUATION_PHRASES, 0)
    situation = None
    if situation_hit and situation_hit[0] < max(early_end, 1):
        situation = quote_around(document, *situation_hit)
    elif sentences and any(ent.label_ in {"DATE", "ORG"} for ent in sentences[0].ents):
        situation = document.evidence(sentences[0])
    task_hit = _first_after(document, TASK_PHRASES, 0)
    action = None
    if i_actions:
        first = i_actions[0]
        action = quote_around(document, first.i, first.i + 1)
    # A result comes after the first action, or at least after the opening sentence.
    result_from = min([t.i for t in i_actions + we_actions], default=sentences[0].end if sentences else 0)
    result_hits = [(s, e) for s, e, _ in find_phrases(document, RESULT_PHRASES) if s >= result_from]
    measurable = any(_measurable(doc[s].sent) for s, _ in result_hits)
    if not measurable and result_hits:
        # The number often sits in the sentence after the outcome ("...dropped. It went to 4%")
        measurable = any(_measurable(s) for s in sentences if s.start >= result_hits[0][0])
    reflection_hit = _first_after(document, REFLECTION_PHRASES, 0)
    return Star(
        situation=situation,
        task=quote_around(document, *task_hit) if task_hit else None,
        action=action,
        result=quote_around(document, *result_hits[0]) if result_hits else None,
        result_measurable=bool(result_hits) and measurable,
        reflection=quote_around(document, *reflection_hit) if reflection_hit else None,
        i_actions=len(i_actions),
        we_actions=len(we_actions),
    )
