"""Structure of a technical answer: a decision first, then assumptions, tradeoffs,
operations and validation.

A recommendation is a first-person decision ("I'd go with", "we should use", "my
recommendation is") or an imperative ("Start with a canary"), found in the parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.analysis.document import Document, Evidence, find_phrases, first_phrase, lemma
from coach.config import AnalysisOptions
from coach.transcribe import FILLED_PAUSES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

DECISION_VERBS = frozenset(
    {
        "recommend",
        "suggest",
        "propose",
        "choose",
        "pick",
        "prefer",
        "go",
        "use",
        "start",
        "build",
        "design",
        "deploy",
        "run",
        "put",
        "adopt",
        "introduce",
        "implement",
        "split",
        "move",
        "add",
        "standardize",
        "automate",
        "default",
        "opt",
        "favor",
        "lean",
        "keep",
        "make",
        "set",
        "rely",
        "separate",
        "shift",
        "containerize",
        "migrate",
        "roll",
        "invest",
        "focus",
        "prioritize",
    }
)
MODALS = frozenset({"would", "'d", "should", "will", "'ll", "must", "'m", "am", "want", "going", "gon"})
DECISION_NOUNS = frozenset(
    {
        "recommendation",
        "approach",
        "answer",
        "choice",
        "pick",
        "plan",
        "proposal",
        "preference",
        "suggestion",
    }
)
NON_DECISION_VERBS = frozenset(
    {
        "say",
        "think",
        "guess",
        "be",
        "have",
        "know",
        "mean",
        "like",
        "talk",
        "discuss",
        "ask",
        "explain",
    }
)

ASSUMPTION_PHRASES = (
    "assume",
    "assuming",
    "assumption",
    "given that",
    "constraint",
    "requirement",
    "it depend",
    "depend on",
    "let's say",
    "let us say",
    "the goal be",
    "the goal is",
    "clarify",
    "optimize for",
    "if we're talking",
    "if we be talk",
    "expected load",
    "budget",
    "in scope",
    "out of scope",
)
TRADEOFF_PHRASES = (
    "tradeoff",
    "trade-off",
    "trade off",
    "downside",
    "drawback",
    "the cost of",
    "at the cost",
    "at the expense",
    "on the other hand",
    "the catch",
    "risk",
    "the price",
    "versus",
    "pros and con",
    "flip side",
    "in exchange",
    "rather than",
    "compared to",
    "more expensive",
    "more complex",
    "complexity",
    "limitation",
    "disadvantage",
    "the con",
    "overhead",
    "cost more",
    "you give up",
    "we give up",
    "you lose",
    "we lose",
    "balance",
)
OPERATION_PHRASES = (
    "monitor",
    "monitoring",
    "alert",
    "alerting",
    "dashboard",
    "rollback",
    "roll back",
    "revert",
    "on-call",
    "on call",
    "runbook",
    "security",
    "iam",
    "permission",
    "access control",
    "least privilege",
    "owner",
    "ownership",
    "own the",
    "slo",
    "sli",
    "observability",
    "metric",
    "logging",
    "log",
    "tracing",
    "trace",
    "page",
    "paging",
    "incident",
    "audit",
)
VALIDATION_PHRASES = (
    "validate",
    "validation",
    "load test",
    "test",
    "game day",
    "chaos",
    "verify",
    "measure",
    "success metric",
    "in production",
    "prove",
    "a/b",
    "shadow traffic",
    "benchmark",
    "experiment",
    "dry run",
    "staging",
    "check that",
    "confirm",
    "failover drill",
    "drill",
    "canary analysis",
)


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


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    return None


def _is_decision_token(token: Token) -> bool:
    if lemma(token) not in DECISION_VERBS or token.pos_ not in {"VERB", "AUX"}:
        return False
    subject = _subject(token)
    if subject is None:
        head = token.head
        if head is not token and lemma(head) in {"want", "go", "like", "need", "plan"}:
            subject = _subject(head)  # "I'd want to use", "I'm going to put"
            aux = {lemma(c) for c in head.children if c.dep_ in {"aux", "auxpass"}} | {head.lower_}
        else:
            return token.tag_ == "VB" and token.dep_ == "ROOT" and not token.sent.text.rstrip().endswith("?")
    else:
        aux = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
    if subject is None or subject.lower_ not in {"i", "we"}:
        return False
    if lemma(token) in {"recommend", "suggest", "propose", "prefer", "choose", "pick"}:
        return True  # "I recommend ..." needs no modal
    return bool(aux & MODALS) or lemma(token.head) in {"want", "go"}


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
        if _is_decision_noun(sentence) or any(_is_decision_token(t) for t in sentence):
            return sentence
    return None


def _content_sentences(document: Document) -> list[Span]:
    """Sentences with at least one word that is not a filler."""
    return [s for s in document.sentences if any(not t.is_punct and t.lower_ not in FILLED_PAUSES for t in s)]


def analyze_structure(document: Document, options: AnalysisOptions) -> Structure:
    recommendation = find_recommendation(document)
    rec_s = document.time_of(recommendation[0]) if recommendation is not None else None
    first_first = False
    if recommendation is not None:
        early = _content_sentences(document)[: options.recommendation_within_sentences]
        in_early = any(s.start == recommendation.start for s in early)
        in_time = rec_s is not None and rec_s <= options.recommendation_within_s
        first_first = in_early or in_time
    tradeoff_hits = find_phrases(document, TRADEOFF_PHRASES)
    tradeoffs = first_phrase(document, TRADEOFF_PHRASES)
    before = bool(
        recommendation is not None and tradeoff_hits and recommendation.start <= tradeoff_hits[0][0]
    )
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
