"""Small readings of spaCy's parse shared by the analyzers: a verb's subject, whether a
clause is told in the past, whether it is negated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.analysis.document import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token


def direct_subject(verb: Token) -> Token | None:
    """The verb's own subject: "I" in "I rolled back", none in "…and rolled back"."""
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the subject it shares with the verb it hangs from ("they kept
    changing it", "he merged it and went home")."""
    for _ in range(3):
        subject = direct_subject(verb)
        if subject is not None or verb.dep_ not in {"xcomp", "conj"}:
            return subject
        verb = verb.head
    return None


def is_past(verb: Token) -> bool:
    """Told in the past: "pushed", "had pushed", "didn't test", "was caused", "kept changing"."""
    for _ in range(2):
        auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or lemma(a) == "have" for a in auxiliaries):
            return True
        if verb.dep_ != "xcomp":
            return False
        verb = verb.head
    return False


def is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never", "not"} for c in token.children)
