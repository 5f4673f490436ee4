"""Structure of a technical answer: a decision first, then assumptions, tradeoffs,
operations and validation.

A recommendation is a first-person decision ("I'd go with", "we should use", "my
recommendation is") or an imperative ("Start with a canary"), found in the parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.analysis.document import Document, Evidence, find_phrases, first_phrase, lemma, quote_around
from coach.analysis.lexicon import (
    ASSUMPTION_PHRASES,
    CHOICE_VERBS,
    CONTRAST_WORDS,
    COST_LEMMAS,
    DECISION_NOUNS,
    DECISION_VERBS,
    LEAD_INS,
    MODALS,
    NON_DECISION_VERBS,
    NOT_IMPERATIVES,
    OPERATION_PHRASES,
    TRADEOFF_PHRASES,
    VALIDATION_PHRASES,
)
from coach.analysis.syntax import direct_subject
from coach.config import AnalysisOptions
from coach.transcribe import FILLED_PAUSES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass(frozen=True)
class Structure:
    recommendation_first: bool
    recommendation_s: float | None
    recommendation: Evidence | None
    assumptions: Evidence | None
    tradeoffs: Evidence | None
    operations: Evidence | None
    validation: Evidence | None
    recommendation_before_tradeoffs: bool


def _is_decision_token(token: Token) -> bool:
    """A first-person decision: "I'd check", "we should use", "I recommend", "I'm going to"."""
    word = lemma(token)
    if token.pos_ != "VERB" or word in NON_DECISION_VERBS:
        return False
    subject, aux = direct_subject(token), {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
    head = token.head
    if (
        subject is None
        and token.dep_ == "xcomp"
        and lemma(head) in {"want", "go", "like", "plan", "need", "have"}
    ):
        # "I'd want to use", "I'm going to put", "we need to move"
        subject = direct_subject(head)
        aux = {c.lower_ for c in head.children if c.dep_ in {"aux", "auxpass"}}
        if (lemma(head) == "go" and head.tag_ == "VBG") or lemma(head) in {"need", "have"}:
            aux.add("will")
    if subject is None or subject.lower_ not in {"i", "we"}:
        return False
    if word in CHOICE_VERBS and token.tag_ in {"VBP", "VB"}:
        return True  # "I recommend ...", "we prefer ..." need no modal
    return bool(aux & MODALS)


def _is_imperative(sentence: Span) -> bool:
    """A sentence that opens with a bare verb and has no subject: "Put it behind a canary"."""
    if sentence.text.rstrip().endswith("?"):
        return False
    for token in sentence:
        if token.is_punct or token.pos_ in {"INTJ"} or token.lower_ in LEAD_INS:
            continue
        return (
            token.tag_ == "VB"
            and lemma(token) not in NOT_IMPERATIVES
            and direct_subject(token) is None
            and not any(c.dep_ == "aux" for c in token.children)
        )
    return False


def _is_decision_noun(sentence: Span) -> bool:
    """ "My recommendation is ...", "the approach I'd take is ..."."""
    for token in sentence:
        if lemma(token) not in DECISION_NOUNS or token.dep_ not in {"nsubj", "attr"}:
            continue
        owned = any(c.lower_ in {"my", "our"} for c in token.children)
        if owned or any(lemma(c) in DECISION_VERBS | {"take"} for c in token.children):
            return True
    return False


def _degraded_decision(sentence: Span) -> bool:
    words = [t.lower_ for t in sentence if not t.is_punct]
    text = " ".join(words)
    return any(
        cue in text
        for cue in (
            "i would",
            "i'd",
            "i 'd",
            "we should",
            "i recommend",
            "my recommendation",
            "i suggest",
            "i propose",
            "i'll",
            "i 'll",
        )
    )


def find_recommendation(document: Document) -> Span | None:
    for sentence in document.sentences:
        if document.degraded:
            if _degraded_decision(sentence):
                return sentence
            continue
        if (
            _is_decision_noun(sentence)
            or _is_imperative(sentence)
            or any(_is_decision_token(t) for t in sentence)
        ):
            return sentence
    return None


def _weighs_options(sentence: Span) -> Token | None:
    """A contrast that puts a price on something: "it's simpler, but the blast radius is
    huge", "canaries add twenty minutes, which they hated, though ..."."""
    has_contrast = any(t.lower_ in CONTRAST_WORDS for t in sentence)
    if not has_contrast:
        return None
    return next((t for t in sentence if lemma(t) in COST_LEMMAS or t.lower_ in COST_LEMMAS), None)


def _find_tradeoff(document: Document) -> tuple[int, Evidence] | None:
    """Where the first tradeoff starts (a token index) and its quote."""
    phrase_hits = find_phrases(document, TRADEOFF_PHRASES)
    for sentence in document.sentences:
        if phrase_hits and phrase_hits[0][0] < sentence.end:
            break
        if _weighs_options(sentence) is not None:
            return sentence.start, document.evidence(sentence)
    if phrase_hits:
        start, end, _ = phrase_hits[0]
        return start, quote_around(document, start, end)
    return None


def tradeoff_evidence(document: Document) -> Evidence | None:
    """The first tradeoff, downside or risk the answer weighs, if any."""
    found = _find_tradeoff(document)
    return found[1] if found else None


def _content_sentences(document: Document) -> list[Span]:
    """Sentences that say something: not a question back to the interviewer, not a bare
    "Okay." or "Yeah, so."."""
    content = []
    for sentence in document.sentences:
        words = [
            t
            for t in sentence
            if not t.is_punct and t.lower_ not in FILLED_PAUSES and t.lower_ not in LEAD_INS
        ]
        if len(words) >= 3 and not sentence.text.rstrip().endswith("?"):
            content.append(sentence)
    return content


def analyze_structure(document: Document, options: AnalysisOptions) -> Structure:
    recommendation = find_recommendation(document)
    rec_s = document.time_of(recommendation[0]) if recommendation is not None else None
    first_first = False
    if recommendation is not None:
        early = _content_sentences(document)[: options.recommendation_within_sentences]
        in_early = any(s.start == recommendation.start for s in early)
        in_time = rec_s is not None and rec_s <= options.recommendation_within_s
        first_first = in_early or in_time
    tradeoff = _find_tradeoff(document)
    tradeoffs = tradeoff[1] if tradeoff else None
    before = recommendation is not None and tradeoff is not None and recommendation.start <= tradeoff[0]
    return Structure(
        recommendation_first=first_first,
        recommendation_s=rec_s,
        recommendation=document.evidence(recommendation) if recommendation is not None else None,
        assumptions=first_phrase(document, ASSUMPTION_PHRASES),
        tradeoffs=tradeoffs,
        operations=first_phrase(document, OPERATION_PHRASES),
        validation=first_phrase(document, VALIDATION_PHRASES),
        recommendation_before_tradeoffs=before,
    )
