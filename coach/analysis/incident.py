"""What an incident story says about the incident: whether one is told at all, and its
impact (who or what was affected, and how), figures and timeline. Used by the vague-incident
detector in coach.analysis.mistakes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coach.analysis.document import Document, find_phrases, lemma, phrase_lemmas
from coach.analysis.lexicon import (
    AFFECTED_NOUNS,
    CLOCK_WORDS,
    EFFECT_WORDS,
    FIGURE_UNITS,
    FIRST_PERSON,
    INCIDENT_NOUNS,
    INCIDENT_VERBS,
    METRIC_NOUNS,
    NAME_BEFORE_NUMBER,
    TIME_UNITS,
    TIMELINE_PHRASES,
)
from coach.analysis.syntax import is_past, subject_of
from coach.questions import Question

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_CLOCK = re.compile(r"^\d{1,2}(:\d{2})?(am|pm|a\.m\.|p\.m\.)?$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_FIGURE_WITH_UNIT = re.compile(r"^[$€£]?\d[\d.,]*(%|k|m|x|ms|gb|tb|mb|rps|qps)?$")
_FRACTIONS = frozenset({"dozen", "dozens", "half", "hundreds", "millions", "quarter", "third", "thousands"})
_RELATIVE_FIGURES = frozenset({"double", "halve", "quadruple", "triple"})


def _first_person(sentence: Span) -> bool:
    return any(t.lower_ in FIRST_PERSON for t in sentence)


def told_incidents(document: Document, question: Question) -> list[Token]:
    """Incidents told as events of the story: "we had an outage", "there was an incident",
    "during the outage", "the site went down", "I got paged". Not "if there's an outage"."""
    # A story question about an incident makes any past-tense mention part of the story; a
    # technical question that names incidents ("if deployments caused most incidents…")
    # is answered with a design, where "most outages came from…" is no story told.
    asked = question.kind == "behavioral" and bool(
        set(phrase_lemmas(question.text, document)) & INCIDENT_NOUNS
    )
    story = question.kind == "behavioral"
    found = []
    for token in document.doc:
        if not story and (token.tag_ == "NNS" or not _first_person(token.sent)):
            continue  # in a design answer only the speaker's own incident is a story; "outages" are general
        head = token.head
        past = head.tag_ in {"VBD", "VBN"}
        if lemma(token) in INCIDENT_NOUNS or token.lower_ in INCIDENT_NOUNS:
            if token.dep_ == "compound" and not asked:
                continue
            if token.i > 0 and token.doc[token.i - 1].lower_ in {"zero", "no", "without", "avoid"}:
                continue  # "my goal was zero downtime": an incident avoided, not told
            told = (
                (token.dep_ == "dobj" and past and lemma(head) in INCIDENT_VERBS)
                or (token.dep_ in {"nsubj", "nsubjpass", "attr"} and past)
                or (
                    token.dep_ == "pobj"
                    and head.lower_ in {"during", "after", "in"}
                    and head.head.tag_ == "VBD"
                )
            )
            if told or (asked and any(t.tag_ == "VBD" for t in token.sent)):
                found.append(token)
        elif token.lower_ == "down" and lemma(head) in {"go", "be"} and head.tag_ == "VBD":
            subject = subject_of(head)
            measured = any(t.like_num for t in document.doc[token.i + 1 : token.i + 4])
            if not measured and (subject is None or lemma(subject) not in METRIC_NOUNS):
                found.append(token)  # "the site went down", not "costs went down 15 percent"
        elif lemma(token) == "page" and token.pos_ == "VERB" and is_past(token):
            found.append(token)  # "I got paged", "it paged me"; not "who gets paged"
    return found


def has_impact(document: Document) -> bool:
    """Who or what was affected, and how: "checkout was down", "users couldn't log in"."""
    for sentence in document.sentences:
        words = {lemma(t) for t in sentence} | {t.lower_ for t in sentence}
        if words & AFFECTED_NOUNS and words & EFFECT_WORDS:
            return True
    return False


def is_figure(token: Token) -> bool:
    """A measured figure: a number with a unit or a count of something ("30 percent", "2
    million messages", "from 900 to 200"), not a name ("EC2", "sev one", "2019") or a time."""
    low = token.lower_
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if lemma(token) in _RELATIVE_FIGURES:
        return True  # "it doubled", "we halved the bill"
    if low in _FRACTIONS:  # "half of our users", "half our services", "half the traffic"
        return after is not None and (after.lower_ == "of" or after.dep_ in {"poss", "det"})
    digits = any(c.isdigit() for c in low)
    if not (digits or (token.like_num and token.pos_ == "NUM")):
        return False  # "first" is an order, not a figure
    if digits and not _FIGURE_WITH_UNIT.match(low):
        return False  # EC2, p99, 5xx, 502s
    if before in NAME_BEFORE_NUMBER or _YEAR.match(low):
        return False
    if _CLOCK.match(low) and (":" in low or (after is not None and after.lower_ in CLOCK_WORDS)):
        return False  # a time of day belongs to the timeline
    if digits and (any(c.isalpha() for c in low) or low.startswith(("$", "€", "£"))):
        return True  # "200ms", "$40k"
    head = token.head if token.dep_ in {"nummod", "quantmod", "compound"} else after
    if head is not None and lemma(head) in TIME_UNITS:
        return False  # the timeline's
    if head is not None and lemma(head) in FIGURE_UNITS:
        return True
    if after is not None and (lemma(after) in FIGURE_UNITS or after.lower_ in {"%", "percent"}):
        return True
    # "went from 900 to 200", "dropped to 4"
    return token.dep_ == "pobj" and token.head.lower_ in {"from", "to", "by"}


def has_timeline(document: Document) -> bool:
    """When and how long: "for 20 minutes", "at 2 am", "within an hour", "by 2:40", "an hour
    later". Not "two years ago" or "last week", which set the scene."""
    doc = document.doc
    for token in doc:
        after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        if lemma(token) in TIME_UNITS and after != "ago":
            modifiers = {c.lower_ for c in token.children}
            if modifiers & {"last", "this", "every", "per"}:
                continue
            counted = any(c.like_num or c.dep_ in {"nummod", "quantmod"} for c in token.children)
            if counted or modifiers & {"a", "an", "few", "couple", "half"} or after == "later":
                return True
            if token.head.lower_ in {"for", "within", "after", "over"}:
                return True  # "for hours"
        low = token.lower_
        if low in {"midnight", "noon"} or (_CLOCK.match(low) and (":" in low or after in CLOCK_WORDS)):
            return True
        if _CLOCK.match(low) and low[-2:] in {"am", "pm"}:
            return True
    return bool(find_phrases(document, TIMELINE_PHRASES))
