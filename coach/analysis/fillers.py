"""Filler words: filled pauses, and discourse words told apart from their literal uses.

"um", "uh", "er", "ah" and "hm" are always fillers. "like", "you know", "I mean" and
"kind of"/"sort of" are fillers only in their discourse use, which spaCy's part of
speech and dependency parse tell apart ("I like Go" versus "it was, like, slow").
"basically", "actually", "literally" and a sentence-opening "so" are counted as crutch
words.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from coach.analysis.document import Document, lemma
from coach.transcribe import FILLED_PAUSES

if TYPE_CHECKING:
    from spacy.tokens import Token

FillerKind = Literal["filled_pause", "discourse", "hedge", "crutch", "opener"]

CANONICAL = {"umm": "um", "uhh": "uh", "erm": "er", "hmm": "hm", "mm": "hm", "mmm": "hm"}
CRUTCH_WORDS = frozenset({"basically", "actually", "literally"})
OPENERS = frozenset(
    {
        "okay",
        "ok",
        "yeah",
        "yes",
        "well",
        "right",
        "actually",
        "alright",
        "and",
        "oh",
        "like",
        "so",
        "basically",
        "now",
    }
)
DEGREE_WORDS = frozenset({"very", "only", "so", "too", "quite", "pretty", "fairly", "really"})
LITERAL_VERBS = frozenset(
    {
        "copy",
        "read",
        "mean",
        "translate",
        "quote",
        "interpret",
        "follow",
        "write",
        "transcribe",
        "say",
        "paste",
    }
)
SIMILARITY_VERBS = frozenset({"look", "sound", "seem", "feel", "taste", "smell", "be like"})
APPROXIMATION_HEADS = frozenset({"something", "anything", "nothing", "stuff", "things"})
KIND_OF_DETERMINERS = frozenset(
    {
        "a",
        "an",
        "the",
        "what",
        "this",
        "that",
        "these",
        "those",
        "some",
        "any",
        "every",
        "which",
        "one",
        "no",
        "same",
        "different",
        "each",
        "other",
        "another",
        "all",
        "its",
        "their",
        "our",
        "my",
        "your",
        "his",
        "her",
        "certain",
        "many",
        "several",
    }
)
YOU_KNOW_BLOCKERS = frozenset(
    {
        "do",
        "did",
        "does",
        "if",
        "as",
        "what",
        "when",
        "how",
        "that",
        "'d",
        "would",
        "not",
        "n't",
        "to",
        "may",
        "might",
        "will",
        "can",
    }
)
I_MEAN_BLOCKERS = frozenset({"what", "do", "did", "does", "n't", "not", "that", "if", "which"})
OPENER_BLOCKERS = frozenset({"that", "far", "much", "many", "long", "few", "to"})
OBJECT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "obj", "advcl", "prep"})


@dataclass(frozen=True)
class FillerHit:
    text: str
    start_s: float | None
    end_s: float | None
    kind: FillerKind
    word_index: int
    source: str = "whisper"  # "acoustic": heard in the audio, not written by Whisper
    word_count: int = 1  # how many transcript words the filler spans ("you know": 2)


@dataclass(frozen=True)
class Fillers:
    count: int
    per_minute: float | None
    share_of_words: float
    by_text: dict[str, int]
    hits: tuple[FillerHit, ...]


def _prev(token: Token) -> Token | None:
    return token.doc[token.i - 1] if token.i > 0 else None


def _next(token: Token) -> Token | None:
    return token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None


def _is_comma_or_end(token: Token | None) -> bool:
    return token is None or token.is_punct


def _sentence_start(token: Token) -> bool:
    """First real word of its sentence: only punctuation, filled pauses and discourse
    openers ("okay", "yeah", "right", "actually") come before it."""
    for other in token.sent:
        if other.i == token.i:
            return True
        if not (other.is_punct or other.lower_ in FILLED_PAUSES or other.lower_ in OPENERS):
            return False
    return False


def _set_off(token: Token) -> bool:
    """Between commas, or between a comma (or the sentence start) and the sentence end."""
    prev, nxt = _prev(token), _next(token)
    before = prev is None or prev.is_punct or prev.sent.start == token.i
    return before and _is_comma_or_end(nxt)


def _like_is_filler(token: Token, degraded: bool) -> bool:
    prev, nxt = _prev(token), _next(token)
    prev_lemma = lemma(prev) if prev is not None else ""
    if prev_lemma in SIMILARITY_VERBS or prev_lemma in APPROXIMATION_HEADS:
        return False
    if (
        prev is not None
        and prev.lower_ == "of"
        and token.i >= 2
        and token.doc[token.i - 2].lower_ in {"kind", "sort"}
    ):
        return False  # "sort of like a circuit breaker": a comparison after the hedge
    after = token.doc[token.i + 1 : token.i + 3]
    if (
        len(after) == 2
        and after[0].lower_ in {"i", "we", "you"}
        and lemma(after[1]) in {"say", "mention", "tell"}
    ):
        return False  # "like I said"
    if (
        prev is not None
        and prev.lower_ in {"would", "'d", "to", "do", "did", "n't", "not", "you", "i", "we", "they"}
        and not (nxt is not None and nxt.is_punct)
    ):
        return False  # "I'd like to", "we like it"
    if not degraded:
        if token.pos_ == "VERB" and token.dep_ not in {"intj", "discourse"}:
            return False
        if token.pos_ == "INTJ" or token.dep_ in {"intj", "discourse"}:
            return True
    if nxt is not None and nxt.is_punct:
        return True  # "it was like, slow"
    if _sentence_start(token) and nxt is not None and (nxt.is_punct or nxt.lower_ in {"um", "uh", "so"}):
        return True
    if degraded:
        return (
            prev is not None
            and prev.is_punct
            and nxt is not None
            and nxt.lower_ in {"just", "really", "so", "super", "totally"}
        )
    if nxt is not None and nxt.pos_ in {"ADJ", "ADV", "VERB", "AUX"}:
        # "it was like slow", "we like just restarted": no object follows "like"
        return not any(child.dep_ == "pobj" for child in token.children)
    return False


def _you_know_is_filler(you: Token, know: Token) -> bool:
    prev = _prev(you)
    if prev is not None and lemma(prev) in YOU_KNOW_BLOCKERS:
        return False
    nxt = _next(know)
    if _is_comma_or_end(nxt):
        return True
    if nxt is not None and nxt.lower_ in {
        "what",
        "the",
        "a",
        "that",
        "how",
        "why",
        "where",
        "who",
        "it",
        "him",
        "her",
        "them",
    }:
        return False  # "you know the drill", "you know what happened"
    return not any(child.dep_ in OBJECT_DEPS for child in know.children)


def _i_mean_is_filler(i: Token, mean: Token) -> bool:
    prev = _prev(i)
    if prev is not None and lemma(prev) in I_MEAN_BLOCKERS:
        return False
    nxt = _next(mean)
    if _is_comma_or_end(nxt):
        return True
    return not any(child.dep_ in {"dobj", "obj", "xcomp"} for child in mean.children) and _sentence_start(i)


def _kind_of_is_hedge(kind: Token) -> bool:
    prev = _prev(kind)
    if prev is not None and prev.lower_ in KIND_OF_DETERMINERS:
        return False
    after = kind.doc[kind.i + 2] if kind.i + 2 < len(kind.doc) else None
    return (
        after is None or after.pos_ != "NOUN" or (prev is not None and prev.pos_ in {"AUX", "VERB", "PRON"})
    )


def _crutch_is_filler(token: Token) -> bool:
    low, prev = token.lower_, _prev(token)
    if low == "basically":
        # "only basically configured" is a manner; "So basically" opens a sentence
        return not (prev is not None and prev.lower_ in DEGREE_WORDS and not _sentence_start(prev))
    if low == "actually":
        # a discourse opener or aside; "it was actually DNS" contrasts and means something
        return _sentence_start(token) or _set_off(token)
    head = token.head
    if head.i < token.i and head.pos_ == "VERB":
        return False  # "took the runbook literally"
    return lemma(head) not in LITERAL_VERBS  # "literally copied the file byte for byte"


def _right_is_filler(token: Token) -> bool:
    """A tag ("we restarted it, right?") or an opener ("Right, so ..."), not "the right fix"."""
    prev, nxt = _prev(token), _next(token)
    after_break = prev is None or prev.is_punct or _sentence_start(token)
    return after_break and _is_comma_or_end(nxt)


def _hit(document: Document, tokens: list[Token], kind: FillerKind) -> FillerHit:
    first = document.words[document.word_of[tokens[0].i]] if document.words else None
    last = document.words[document.word_of[tokens[-1].i]] if document.words else None
    text = " ".join(t.lower_ for t in tokens)
    return FillerHit(
        text=CANONICAL.get(text, text),
        start_s=first.start_s if first else None,
        end_s=last.end_s if last else None,
        kind=kind,
        word_index=document.word_of[tokens[0].i],
        source=first.source if first else "whisper",
        word_count=document.word_of[tokens[-1].i] - document.word_of[tokens[0].i] + 1,
    )


def find_fillers(document: Document) -> list[FillerHit]:
    """Every filler in the answer, in order, with its time."""
    doc = document.doc
    hits: list[FillerHit] = []
    skip_until = -1
    for token in doc:
        if token.i < skip_until:
            continue
        low = token.lower_
        nxt = _next(token)
        if low in FILLED_PAUSES:
            hits.append(_hit(document, [token], "filled_pause"))
        elif low == "like":
            if _like_is_filler(token, document.degraded):
                hits.append(_hit(document, [token], "discourse"))
        elif low == "you" and nxt is not None and nxt.lower_ == "know":
            if _you_know_is_filler(token, nxt):
                hits.append(_hit(document, [token, nxt], "discourse"))
                skip_until = nxt.i + 1
        elif low == "i" and nxt is not None and nxt.lower_ == "mean":
            if _i_mean_is_filler(token, nxt):
                hits.append(_hit(document, [token, nxt], "discourse"))
                skip_until = nxt.i + 1
        elif low in {"kind", "sort"} and nxt is not None and nxt.lower_ == "of":
            if _kind_of_is_hedge(token):
                hits.append(_hit(document, [token, nxt], "hedge"))
                skip_until = nxt.i + 1
        elif low in {"kinda", "sorta"}:
            hits.append(_hit(document, [token], "hedge"))
        elif low in CRUTCH_WORDS:
            if _crutch_is_filler(token):
                hits.append(_hit(document, [token], "crutch"))
        elif low == "right" and _right_is_filler(token):
            hits.append(_hit(document, [token], "discourse"))
        elif low == "so" and _sentence_start(token) and (nxt is None or nxt.lower_ not in OPENER_BLOCKERS):
            hits.append(_hit(document, [token], "opener"))
    return hits


def analyze_fillers(document: Document, duration_s: float | None) -> Fillers:
    hits = find_fillers(document)
    total_words = max(len(document.words), 1)
    minutes = duration_s / 60 if duration_s else None
    return Fillers(
        count=len(hits),
        per_minute=round(len(hits) / minutes, 2) if minutes else None,
        share_of_words=round(len(hits) / total_words, 3),
        by_text=dict(Counter(h.text for h in hits).most_common()),
        hits=tuple(hits),
    )
