"""Structure of a technical answer: a decision first, then assumptions, tradeoffs,
operations and validation.

A recommendation is a first-person decision ("I'd go with", "we should use", "my
recommendation is") or an imperative ("Start with a canary"), found in the parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.analysis.document import Document, Evidence, find_phrases, first_phrase, lemma, quote_around
from coach.analysis.judgements import Decision, decide, words_before
from coach.analysis.lexicon import (
    ASSUMPTION_PHRASES,
    CHOICE_VERBS,
    CONTRAST_WORDS,
    COST_LEMMAS,
    DECISION_NOUNS,
    DECISION_VERBS,
    FIT_PHRASES,
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


# "the best way is", "one possible path is", "my first step would be": an answer announced
_ANSWER_NOUNS = frozenset(
    {
        "answer",
        "approach",
        "fix",
        "option",
        "path",
        "practice",
        "solution",
        "step",
        "strategy",
        "way",
    }
)
_ANSWER_MARKS = frozenset(
    {
        "best",
        "simplest",
        "easiest",
        "one",
        "first",
        "possible",
        "good",
        "recommended",
        "usual",
        "common",
        "right",
        "safest",
        "cleanest",
        "my",
        "our",
    }
)
_VERDICT_WORDS = frozenset(
    {"bad", "good", "better", "worse", "idea", "mistake", "practice"}
)  # "... is bad because"
_PRACTICE_EXCLUDED = NON_DECISION_VERBS | {"work", "see", "get", "go", "feel", "need", "want", "try"}  # fmt: skip


def _is_direct_answer(sentence: Span) -> bool:
    """An answer given straight, without "I'd": "you can use Task Manager", "the database
    should never be shared", "one possible path is to run describe", "drift can be avoided
    with desired state", "running as root is bad because", "cost optimization starts with
    the right instance types", and one's own practice told in the present ("I design
    idempotency around a client key", "I start by patching the OS")."""
    if sentence.text.rstrip().endswith("?"):
        return False
    for token in sentence:
        if token.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        verb = token.head
        aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        if (
            token.lower_ == "you"
            and aux & {"can", "should", "need", "must"}
            and lemma(verb) != "be"
            and verb.dep_ not in {"relcl", "ccomp", "advcl"}  # "things you can do", "if you can"
            and sum(1 for t in sentence if t.lower_ == "you") < 2  # "you can …, you can …": options
        ):
            return True
        if token.lower_ not in {"i", "we", "you", "it", "they", "this", "that"} and aux & {"should", "must"}:
            return True
        if (
            "can" in aux
            and token.dep_ == "nsubjpass"
            and any(c.dep_ in {"prep", "agent"} for c in verb.children)
        ):
            return True
        if lemma(token) in _ANSWER_NOUNS and any(c.lower_ in _ANSWER_MARKS for c in token.children):
            return True
        if lemma(verb) in {"start", "begin"} and any(c.lower_ == "with" for c in verb.children):
            return True
        if (
            lemma(verb) == "be"
            and any(c.dep_ in {"acomp", "attr"} and lemma(c) in _VERDICT_WORDS for c in verb.children)
            and any(c.lower_ == "because" for c in sentence)
        ):
            return True
        if (
            token.lower_ in {"i", "we"}
            and verb.tag_ == "VBP"
            and verb.pos_ == "VERB"
            and lemma(verb) not in _PRACTICE_EXCLUDED
            and not aux
        ):
            return True
    return False


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
            or _is_direct_answer(sentence)
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


def find_tradeoff(document: Document) -> tuple[int, Evidence] | None:
    """Where the first tradeoff starts (a token index) and its quote."""
    phrase_hits = sorted(find_phrases(document, TRADEOFF_PHRASES) + find_phrases(document, FIT_PHRASES))
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
    """The first tradeoff, downside or risk the answer weighs, if any (rules and the trained
    classifier, coach.analysis.judgements, judged as in a technical answer)."""
    found = find_tradeoff(document)
    hits = structure_rule_hits(document, found)
    return _tradeoff_quote(document, decide(document, "technical", hits, ("tradeoff",))["tradeoff"], found)


def _tradeoff_quote(
    document: Document, decision: Decision | None, found: tuple[int, Evidence] | None
) -> Evidence | None:
    """The rule's own quote when the rule decided, else the classifier's sentence."""
    if decision is None:
        return None
    if decision.why == "rule" and found is not None:
        return Evidence(found[1].quote, found[1].at_s, "rule: a cost, downside or fit weighed")
    return Evidence(*_sentence_quote(document, decision), decision.why)


def _sentence_quote(document: Document, decision: Decision) -> tuple[str, float | None]:
    """The decision's sentence, or its clause when the classifier chose one."""
    evidence = document.evidence(document.doc[decision.start : decision.end])
    return evidence.quote, evidence.at_s


def structure_rule_hits(
    document: Document, found: tuple[int, Evidence] | None
) -> dict[str, tuple[int, int] | None]:
    """The recommendation and the tradeoff as the rules find them: token ranges, or None.
    found: the tradeoff rule's result (find_tradeoff)."""
    recommendation = find_recommendation(document)
    return {
        "recommendation": (recommendation.start, recommendation.end) if recommendation is not None else None,
        "tradeoff": (found[0], found[0] + 1) if found else None,
    }


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
    """Recommendation first, assumptions, tradeoffs, operations and validation.

    The recommendation counts as first when it starts within the first
    `options.recommendation_within_sentences` sentences that say something, within
    `options.recommendation_within_words` words (a transcript without punctuation has long
    sentences), or, for a recording, by `options.recommendation_within_s`."""
    found = find_tradeoff(document)
    hits = structure_rule_hits(document, found)
    decisions = decide(document, "technical", hits, ("recommendation", "tradeoff"))
    rec = decisions["recommendation"]
    recommendation = None
    rec_s = None
    first_first = False
    if rec is not None:
        recommendation = document.sentences[rec.sentence]
        rec_s = document.time_of(document.doc[rec.start])
        early = _content_sentences(document)[: options.recommendation_within_sentences]
        in_early = any(s.start == recommendation.start for s in early)
        in_words = words_before(document, rec.start) < options.recommendation_within_words
        in_time = rec_s is not None and rec_s <= options.recommendation_within_s
        first_first = in_early or in_words or in_time
    tradeoff = decisions["tradeoff"]
    tradeoffs = _tradeoff_quote(document, tradeoff, found)
    before = rec is not None and tradeoff is not None and rec.start <= tradeoff.start
    rec_why = (
        "" if rec is None else ("rule: a decision, verdict or imperative" if rec.why == "rule" else rec.why)
    )
    return Structure(
        recommendation_first=first_first,
        recommendation_s=rec_s,
        recommendation=(Evidence(*_sentence_quote(document, rec), rec_why) if rec is not None else None),
        assumptions=first_phrase(document, ASSUMPTION_PHRASES),
        tradeoffs=tradeoffs,
        operations=first_phrase(document, OPERATION_PHRASES),
        validation=first_phrase(document, VALIDATION_PHRASES),
        recommendation_before_tradeoffs=before,
    )
