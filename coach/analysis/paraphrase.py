"""Paraphrase matching: does the answer say what a phrase says, in other words?

A phrase such as "automatic rollback" matches when one sentence holds, within a short
window, each of its words or a synonym of it, in any order and with other words between
them: "the pipeline reverts the release on its own" says it too. The rules, chosen so an
unrelated sentence does not match:

- Words are compared by lemma and by surface form, so "rolled back" is "roll back" and
  "gradually" is "gradual".
- `SYNONYMS` are interchangeable everywhere, and `IMPLIES` lists what says a word in one
  direction ("rolled back" is a mitigation). `RELATED` words stand in for a word only in
  a phrase of two or more words, where the other word anchors the meaning: "immutable
  image" says "immutable artifact", but "image" alone does not say "artifact".
- A hyphenated word ("on-call") must be said as one unit, and a short function word
  ("in private", "i build") stays next to the word it belongs to. Articles and "of" are
  dropped ("percent of users" matches "users, thirty percent").
- A number other than "one" stands for any number: "every thirty minutes" matches
  "every 15 minutes".
- A match right after a negation ("we never had a way to roll back") does not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise, product
from typing import TYPE_CHECKING

from coach.analysis.document import Document, phrase_lemmas, token_lemmas

if TYPE_CHECKING:
    from spacy.tokens import Token

WINDOW_TOKENS = 12  # how far apart (in words) a phrase's parts may be
REORDERED_WINDOW_TOKENS = 4  # and when said in another order ("suite of tests", not "feedback … was fast")
UNIT_GAP_TOKENS = 2  # words allowed inside a multi-word unit ("roll the release back")
NEGATION_LOOKBACK_TOKENS = 5  # words before a match that a negation may sit in

# fmt: off
# Interchangeable in any phrase. Each row is one meaning; write base forms.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("rollback", "roll back", "revert", "back out", "undo", "reversible"),
    ("automatic", "automatically", "automated", "auto", "on its own", "on their own",
     "by itself", "without a human", "without anyone", "with no human"),
    ("user", "customer", "subscriber", "viewer"),
    ("percent", "percentage", "per cent", "%"),
    ("once", "one time", "a single time", "only once", "just once"),
    ("one", "1"),
    ("extra", "spare", "additional"),
    ("approval", "approve", "sign off", "sign-off"),
    ("diff", "difference"),
    ("owner", "ownership"),
    ("tradeoff", "trade-off", "trade off"),
    ("failover", "fail over"),
    ("mitigate", "mitigation"),
    ("postmortem", "post-mortem"),
    ("same", "identical", "exact same"),
)
# Words that imply the key in any phrase, in one direction: rolling back is a way to
# mitigate, but "mitigate" does not say "roll back".
IMPLIES: dict[str, tuple[str, ...]] = {
    "mitigate": ("roll back", "rollback", "revert", "fail over", "failover", "drain traffic", "shed load"),
    "mitigation": ("roll back", "rollback", "revert", "fail over", "failover", "drain traffic", "shed load"),
}
# Stand-ins for a word in a phrase of two or more words (one direction: the key's phrase
# accepts the listed words, not the other way round).
RELATED: dict[str, tuple[str, ...]] = {
    "artifact": ("image", "build", "binary", "package", "bundle"),
    "image": ("artifact", "build", "binary"),
    "gradual": ("progressive", "incremental", "staged", "in stages", "phased", "step by step", "slice"),
    "progressive": ("gradual", "incremental", "staged", "in stages", "phased", "step by step"),
    "staged": ("gradual", "progressive", "incremental", "in stages", "phased", "in waves"),
    "rollout": ("roll out", "release", "deploy", "deployment", "ship", "ramp", "widen", "expand"),
    "deploy": ("release", "rollout", "roll out", "ship", "deployment"),
    "deployment": ("release", "rollout", "roll out", "deploy"),
    "release": ("deploy", "deployment", "rollout", "roll out", "ship"),
    "percentage": ("slice", "share", "fraction", "portion", "subset"),
    "percent": ("slice", "share", "fraction", "portion", "subset"),
    "traffic": ("request", "user", "customer", "load"),
    "route": ("send", "move", "shift", "steer", "direct", "redirect"),
    "shift": ("move", "send", "steer", "route"),
    "root": ("underlying", "real", "actual", "trace", "track down", "pin down", "find", "identify"),
    "validation": ("check", "gate", "test", "canary", "guardrail", "safeguard", "alert"),
    "role": ("job", "responsibility"),
    "metric": ("dashboard", "graph", "chart"),
    "dashboard": ("metric", "graph", "chart", "panel"),
    "monitor": ("watch", "track", "observe"),
    "alert": ("page", "alarm"),
    "impact": ("pain", "harm", "damage"),
    "bleeding": ("pain", "damage", "error", "impact"),
    "scheduled": ("nightly", "daily", "hourly", "weekly", "periodic", "regular", "cron"),
    "lag": ("behind", "delay", "backlog"),
    "build": ("compile", "package"),
    "abort": ("stop", "halt", "cancel", "pause"),
    "fast": ("quick", "quickly", "rapid", "rapidly"),
    "error": ("failure", "5xx", "exception"),
    "previous": ("last", "prior", "earlier", "last good"),
    "version": ("release", "build"),
    "add": ("put", "introduce"),
}
# Short words that belong to their neighbour rather than standing alone in a phrase.
FUNCTION_WORDS = frozenset({
    "i", "me", "my", "we", "our", "us", "you", "your", "they", "their", "them", "it", "its",
    "he", "she", "his", "her", "who", "what", "how", "why", "when", "where", "which", "this",
    "that", "these", "those", "be", "have", "do", "can", "could", "would", "will", "should",
    "to", "in", "on", "at", "for", "with", "by", "from", "as", "into", "about", "per", "and",
    "or", "not", "no", "up", "down", "out", "off", "back", "every", "each", "all", "so",
})
DROPPED = frozenset({"a", "an", "the", "of"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "without", "nobody", "nothing", "none", "neither", "nor"})
CLAUSE_BREAKS = frozenset({
    "but", "and", "so", "then", "because", "until", "unless", "if", "when", "while", "before",
    "after", "once", "which", "that",
})
# fmt: on
NUMBER = "<number>"
_ADVERB = re.compile(r"(?<=..)(ically|ly)$")


def _forms(lemma: str, lower: str, like_num: bool) -> frozenset[str]:
    """The forms a word can be recognized by: lemma, surface, and the adjective behind an adverb."""
    forms = {lemma, lower, lower.strip("-"), lemma.strip("-")}
    if len(lower) > 4 and lower.endswith("ies"):  # a plural the lemmatizer missed ("retries")
        forms.add(lower[:-3] + "y")
    elif len(lower) > 3 and lower.endswith("s") and not lower.endswith("ss"):
        forms.add(lower[:-1])
    match = _ADVERB.search(lower)
    if match and len(lower) > 5:
        forms.add(lower[: match.start()] + ("ic" if match.group(1) == "ically" else ""))
    if like_num and lower not in ("one", "1"):
        forms.add(NUMBER)
    return frozenset(f for f in forms if f)


Alternative = tuple[tuple[frozenset[str], ...], int]  # words in order, and the gap allowed between them
_WORD = re.compile(r"[\w']+|%")


@dataclass(frozen=True)
class _Piece:
    """One space-separated piece of a phrase: a word, or a hyphenated word said as one."""

    surfaces: tuple[str, ...]
    lemmas: tuple[str, ...]

    @property
    def forms(self) -> tuple[frozenset[str], ...]:
        return tuple(_forms(lem, s, _is_number(s)) for s, lem in zip(self.surfaces, self.lemmas, strict=True))


def _pieces(text: str, document: Document) -> list[_Piece]:
    pieces = []
    for raw in text.lower().split():
        surfaces = tuple(_WORD.findall(raw))
        if not surfaces or raw in DROPPED:
            continue
        lemmas = phrase_lemmas(" ".join(surfaces), document)
        if len(lemmas) != len(surfaces):  # the tokenizer split differently; keep the words
            lemmas = surfaces
        pieces.append(_Piece(surfaces, tuple(lemmas)))
    return pieces


def _as_alternative(pieces: list[_Piece]) -> Alternative:
    """Words said in order: strictly together for one hyphenated word, else a little apart."""
    forms = tuple(f for piece in pieces for f in piece.forms)
    return forms, (0 if len(pieces) == 1 and len(forms) > 1 else UNIT_GAP_TOKENS)


def _keys(pieces: list[_Piece]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (
        tuple(s for p in pieces for s in p.surfaces),
        tuple(lem for p in pieces for lem in p.lemmas),
    )


@dataclass(frozen=True)
class _Slot:
    """One part of a phrase: a chain of units said in order, each unit one of its alternatives."""

    units: tuple[tuple[Alternative, ...], ...]


@dataclass(frozen=True)
class Match:
    start: int  # first token (document index)
    end: int  # one past the last token
    phrase: str


class _Tables:
    """SYNONYMS and RELATED lemmatized by one pipeline, so phrase and answer forms agree."""

    def __init__(self, document: Document) -> None:
        self.exact: dict[tuple[str, ...], tuple[Alternative, ...]] = {}
        self.related: dict[tuple[str, ...], tuple[Alternative, ...]] = {}
        for row in SYNONYMS:
            pieces = [_pieces(text, document) for text in row]
            alternatives = tuple(_as_alternative(p) for p in pieces)
            for p in pieces:
                for key in _keys(p):
                    self.exact[key] = alternatives
        for word, implied in IMPLIES.items():
            alternatives = tuple(_as_alternative(_pieces(text, document)) for text in implied)
            for key in _keys(_pieces(word, document)):
                self.exact[key] = (*self.exact.get(key, ()), *alternatives)
        for word, others in RELATED.items():
            alternatives = tuple(_as_alternative(_pieces(text, document)) for text in others)
            for key in _keys(_pieces(word, document)):
                self.related[key] = alternatives


_TABLES: dict[tuple[int, bool], _Tables] = {}
_PHRASES: dict[tuple[int, bool, str], tuple[_Slot, ...]] = {}


def _tables(document: Document) -> _Tables:
    key = (id(document.nlp), document.degraded)
    if key not in _TABLES:
        _TABLES[key] = _Tables(document)
    return _TABLES[key]


def _compile(phrase: str, document: Document) -> tuple[_Slot, ...]:
    """Split a phrase into slots (synonym groups, hyphenated words, function words bound
    to their neighbour); cached per phrase and pipeline."""
    cache_key = (id(document.nlp), document.degraded, phrase)
    if cache_key in _PHRASES:
        return _PHRASES[cache_key]
    tables = _tables(document)
    pieces = _pieces(phrase, document)
    anchored = len(pieces) > 1  # related words only where another word anchors the meaning
    units: list[tuple[tuple[Alternative, ...], bool]] = []  # (alternatives, is a function word)
    i = 0
    while i < len(pieces):
        for size in (3, 2, 1):
            span = pieces[i : i + size]
            if len(span) < size:
                continue
            keys = _keys(span)
            exact = next((tables.exact[k] for k in keys if k in tables.exact), ())
            related = next((tables.related[k] for k in keys if k in tables.related), ())
            if exact or (related and anchored):
                units.append(((_as_alternative(span), *exact, *(related if anchored else ())), False))
                i += size
                break
        else:
            piece = pieces[i]
            function = len(piece.surfaces) == 1 and piece.surfaces[0] in FUNCTION_WORDS
            units.append(((_as_alternative([piece]),), function))
            i += 1
    slots: list[list[tuple[Alternative, ...]]] = []
    pending: list[tuple[Alternative, ...]] = []  # function words waiting for their word
    for alternatives, is_function in units:
        pending.append(alternatives)
        if not is_function:
            slots.append(pending)
            pending = []
    if pending:
        if slots:
            slots[-1].extend(pending)
        else:
            slots.append(pending)
    compiled = tuple(_Slot(tuple(s)) for s in slots)
    _PHRASES[cache_key] = compiled
    return compiled


# fmt: off
_NUMBER_WORDS = frozenset({
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "hundred", "thousand", "million",
})
# fmt: on


def _is_number(word: str) -> bool:
    return word.isdigit() or word in _NUMBER_WORDS


@dataclass
class _Answer:
    """The answer's words (punctuation left out, "%" kept) with their forms and sentences."""

    tokens: list[Token]
    forms: list[frozenset[str]]
    sentence: list[int]


_ANSWERS: dict[int, tuple[Document, _Answer]] = {}


def _answer(document: Document) -> _Answer:
    """The answer's words, built once per document (every key point reads them)."""
    cached = _ANSWERS.get(id(document.doc))
    if cached is not None and cached[0] is document:
        return cached[1]
    lemmas = token_lemmas(document)
    tokens, forms, sentence = [], [], []
    sentence_starts = {s.start for s in document.doc.sents}
    current = -1
    for token in document.doc:
        if token.i in sentence_starts:
            current += 1
        if (token.is_punct and token.text != "%") or token.is_space:
            continue
        tokens.append(token)
        forms.append(_forms(lemmas[token.i], token.lower_, bool(token.like_num)))
        sentence.append(current)
    answer = _Answer(tokens, forms, sentence)
    _ANSWERS.clear()  # one answer at a time is all the analyzers need
    _ANSWERS[id(document.doc)] = (document, answer)
    return answer


def _unit_hits(answer: _Answer, alternative: Alternative) -> list[tuple[int, int]]:
    """(first, last) word positions where the alternative's words occur in order."""
    words, gap = alternative
    hits = []
    for start, forms in enumerate(answer.forms):
        if not forms & words[0]:
            continue
        position, ok = start, True
        for word in words[1:]:
            found = next(
                (
                    p
                    for p in range(position + 1, min(position + 2 + gap, len(answer.forms)))
                    if answer.forms[p] & word and answer.sentence[p] == answer.sentence[start]
                ),
                None,
            )
            if found is None:
                ok = False
                break
            position = found
        if ok:
            hits.append((start, position))
    return hits


def _slot_hits(answer: _Answer, slot: _Slot) -> list[tuple[int, int]]:
    """(first, last) positions where the slot's units occur in order, close together."""
    chains: list[tuple[int, int]] = []
    for index, unit in enumerate(slot.units):
        hits = sorted({h for alternative in unit for h in _unit_hits(answer, alternative)})
        if index == 0:
            chains = hits
            continue
        chains = [
            (first, end)
            for first, last in chains
            for start, end in hits
            if last < start <= last + 1 + UNIT_GAP_TOKENS and answer.sentence[start] == answer.sentence[first]
        ]
    return chains


def _negated(answer: _Answer, first: int, last: int, matched: set[int]) -> bool:
    """A negation inside the match, or shortly before it in the same clause."""
    for p in range(last, max(-1, first - NEGATION_LOOKBACK_TOKENS - 1), -1):
        token = answer.tokens[p]
        if p < first:
            after = answer.tokens[p + 1]
            if answer.sentence[p] != answer.sentence[first] or after.i != token.i + 1:
                break  # another sentence, or punctuation between: another clause
            if token.lower_ in CLAUSE_BREAKS:
                break
        if p not in matched and (token.lower_ in NEGATIONS or token.lemma_ == "not"):
            return True
    return False


def _best_span(
    answer: _Answer, per_slot: list[list[tuple[int, int]]], negative: bool
) -> tuple[int, int] | None:
    """The earliest (first, last) positions where every slot occurs, close together in one
    sentence, on different words, and not negated."""
    best: tuple[int, int] | None = None
    for anchor in per_slot[0]:
        sentence = answer.sentence[anchor[0]]
        near = [
            [h for h in hits if answer.sentence[h[0]] == sentence and abs(h[0] - anchor[0]) < WINDOW_TOKENS]
            for hits in per_slot[1:]
        ]
        for rest in product(*near):
            combination = (anchor, *rest)
            first = min(h[0] for h in combination)
            last = max(h[1] for h in combination)
            in_order = all(a[0] < b[0] for a, b in pairwise(combination))
            if last - first >= (WINDOW_TOKENS if in_order else REORDERED_WINDOW_TOKENS + 1):
                continue
            if any(a[1] >= b[0] for a, b in pairwise(sorted(combination))):
                continue  # two parts of the phrase on the same words
            matched = {p for a, b in combination for p in range(a, b + 1)}
            if not negative and _negated(answer, first, last, matched):
                continue
            if best is None or (first, last) < best:
                best = (first, last)
    return best


def find_paraphrases(document: Document, phrases: tuple[str, ...]) -> list[Match]:
    """Every phrase said in the answer, in its own or other words, earliest first (one
    match per phrase)."""
    answer = _answer(document)
    matches: list[Match] = []
    for phrase in phrases:
        slots = _compile(phrase, document)
        per_slot = [_slot_hits(answer, slot) for slot in slots]
        if not slots or not all(per_slot):
            continue
        negative = bool(set(re.findall(r"[\w']+", phrase.lower())) & NEGATIONS)
        best = _best_span(answer, per_slot, negative)
        if best is not None:
            matches.append(Match(answer.tokens[best[0]].i, answer.tokens[best[1]].i + 1, phrase))
    matches.sort(key=lambda m: (m.start, m.end))
    return matches
