"""Blame: a third party as the agent of a fault ("caused by the networking team", "they
pushed a bad rule", "QA skipped the tests"), or words that disown the outcome ("not my
call", "nobody told us"). Used by coach.analysis.mistakes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from coach.analysis.document import Document, find_phrases, lemma
from coach.analysis.lexicon import (
    BAD_WORDS,
    BLAME_PHRASES,
    CHANGE_VERBS,
    DILIGENCE_VERBS,
    FAULT_NOUNS,
    FAULT_VERBS,
    MINE_DISOWNED,
    THIRD_PARTY_NOUNS,
    THIRD_PARTY_PRONOUNS,
    TOOL_NAMES,
    UNANNOUNCED,
)
from coach.analysis.syntax import is_negated, is_past, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def third_party(token: Token) -> bool:
    """Someone other than you and your own team: "they", "the networking team", "Dave",
    "QA", "the vendor's API"."""
    if token.lower_ in THIRD_PARTY_PRONOUNS:
        return True
    if token.ent_type_ == "PERSON" and token.lower_ not in TOOL_NAMES:
        return True
    owners = {c.lower_ for c in token.children if c.dep_ in {"poss", "det", "amod", "compound"}}
    if owners & {"my", "our", "i", "we"}:
        return False
    if lemma(token) in THIRD_PARTY_NOUNS:
        return lemma(token) != "team" or bool(owners - {"the", "a", "whole", "entire"})
    possessor = next((c for c in token.children if c.dep_ == "poss"), None)
    return possessor is not None and third_party(possessor)


def _faulted(verb: Token) -> bool:
    """A fault with a third party as its agent: "they pushed a bad rule", "QA skipped the
    tests", "they never tested", "caused by the networking team"."""
    word = lemma(verb)
    if verb.dep_ == "relcl":
        return False  # "the two incidents his changes caused": told about, not blamed on
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None and word in FAULT_VERBS | CHANGE_VERBS | {"introduce", "trigger"}:
        return any(third_party(t) for t in agent.subtree)
    subject = subject_of(verb)
    if subject is None or not third_party(subject) or not is_past(verb):
        return False  # "so many alerts that they start ignoring them": no one in particular
    negated = is_negated(verb)
    if word in FAULT_VERBS:
        return not negated
    if word in DILIGENCE_VERBS:
        return negated
    if negated:
        return False
    if word in CHANGE_VERBS and any(
        lemma(t) in BAD_WORDS for c in verb.children if c.dep_ == "dobj" for t in c.subtree
    ):
        return True  # "they pushed a bad firewall rule"
    # "rotated the cert without telling anyone", "signed off without running the suite"
    return any(
        c.lower_ == "without"
        and any((g.tag_ == "VBG" and lemma(g) != "be") or lemma(g) in UNANNOUNCED for g in c.children)
        for c in verb.children
    )


def _on_someone_else(verb: Token) -> bool:
    """ "That outage was on the security team": a thing (not a person) said to be on a third
    party. Not "I was on the infrastructure team"."""
    subject = subject_of(verb)
    if subject is None or is_negated(verb) or third_party(subject):
        return False
    if subject.pos_ == "PRON" and subject.lower_ not in {"it", "that", "this"}:
        return False
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "on":
            return any(c.dep_ == "pobj" and third_party(c) for c in prep.children)
    return False


def find_blame(document: Document) -> tuple[Span | Sequence[Token], bool] | None:
    """The first blaming words, and whether they blame outright (owning a share elsewhere
    does not excuse "their fault" or "not my call")."""
    for start, end, _ in find_phrases(document, BLAME_PHRASES):
        return document.doc[start:end], True
    for token in document.doc:
        word = lemma(token)
        if word in FAULT_NOUNS | MINE_DISOWNED and token.dep_ in {"attr", "nsubj", "dobj", "pobj"}:
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            negated = is_negated(token.head) or is_negated(token)
            if owner is not None and word in FAULT_NOUNS and third_party(owner) and not negated:
                return [token], True  # "it was the other team's fault"
            if owner is not None and owner.lower_ == "my" and word in MINE_DISOWNED and negated:
                return [token], True  # "it wasn't my call"
        if token.pos_ in {"VERB", "AUX"} and _faulted(token):
            return [token], False
        if word in {"cause", "culprit"} and token.dep_ == "nsubj":
            attr = next((c for c in token.head.children if c.dep_ == "attr"), None)
            if attr is not None and third_party(attr):
                return [attr], False  # "the root cause was Dave"
        if word == "be" and _on_someone_else(token):
            return [token, *token.subtree][:12], False  # "that outage was on the security team"
    return None
