"""STAR completeness of a behavioral answer: situation, task, action, result, reflection.

An action is a past-tense verb whose subject is "I" (what the candidate did), counted
against the same verbs with "we". A result is an outcome, measurable when it carries a
number or a unit. A reflection is a lesson, or a change made or wished for afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.analysis.document import Document, Evidence, find_phrases, lemma, quote_around
from coach.analysis.lexicon import (
    AFTERWARDS,
    CONTEXT_VERBS,
    HABITUAL,
    HYPOTHETICAL,
    NON_SUBJECTS,
    OUTCOME_STATES,
    OUTCOME_VERBS,
    REFLECTION_PHRASES,
    RESULT_PHRASES,
    SELF_OUTCOME_VERBS,
    SITUATION_PHRASES,
    STATE_HEADS,
    STATE_VERBS,
    TASK_PHRASES,
    UNITS,
)
from coach.analysis.syntax import direct_subject

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

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
    if lemma(verb) in STATE_VERBS or verb.pos_ not in {"VERB"}:
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if aux & HYPOTHETICAL:
        return False  # "I'd have rolled back", "I could restart"
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VBP":
        # a story told in the present: "so I go into the box and I bump the retention";
        # habits ("I always check") are not actions of the story
        return not any(c.lower_ in HABITUAL for c in verb.children)
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
                if direct_subject(conj) is None and _is_past_action(conj):
                    found.append(conj)
    return found


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
    for token in sentence:
        if (
            token.like_num
            or _NUMBER.search(token.text)
            or (lemma(token) in UNITS and token.lower_ not in {"time", "page"})
        ) and (token.like_num or _NUMBER.search(token.text) or token.lower_ in {"%", "percent"}):
            return True
    return False


def _unasserted(token: Token) -> bool:
    """Negated or hypothetical: "I don't know where it landed", "it would have failed"."""
    for node in [token, *token.ancestors]:
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in HYPOTHETICAL):
                return True
    return False


def _is_outcome(token: Token) -> bool:
    if _unasserted(token):
        return False
    subject = direct_subject(token)
    if subject is not None and subject.lower_ in {"nothing", "nobody", "none"} and token.tag_ == "VBD":
        return True  # "nothing paged"
    if any(c.dep_ == "prt" and c.lower_ in {"back", "off"} for c in token.children) and lemma(token) in {
        "get",
        "sign",
        "bring",
        "come",
        "turn",
    }:
        return True  # "we got everything back", "leadership signed off"
    word = lemma(token)
    if token.pos_ in {"VERB", "AUX"} and word in OUTCOME_VERBS:
        subject = direct_subject(token)
        if word in {"go", "come", "start", "become", "take", "hold", "work"}:
            # "went back to normal", "came back", "he started splitting", "it took 3 hours"
            follows = {c.lower_ for c in token.children} | {c.pos_ for c in token.children}
            if word in {"go", "come"} and not follows & {
                "back",
                "down",
                "away",
                "up",
                "through",
                "well",
                "fine",
            }:
                return False
            if word == "take" and not any(
                c.like_num or (c.dep_ == "dobj" and any(g.like_num for g in c.subtree))
                for c in token.children
            ):
                return False
        if subject is None:
            return word in SELF_OUTCOME_VERBS
        return subject.lower_ not in {"i", "we"} or word in SELF_OUTCOME_VERBS
    return token.lower_ in OUTCOME_STATES and lemma(token.head) in STATE_HEADS and token.head.i < token.i


def _find_result(document: Document, from_token: int) -> tuple[int, int] | None:
    """The first outcome after the first action: a phrase, an outcome verb, or a number
    stated about something other than the speaker ("it's about ninety seconds now")."""
    doc = document.doc
    phrase_hits = [
        (s, e)
        for s, e, _ in find_phrases(document, RESULT_PHRASES)
        if s >= from_token and not _unasserted(doc[s])
    ]
    first_phrase_at = phrase_hits[0] if phrase_hits else None
    for token in doc[from_token:]:
        if first_phrase_at is not None and token.i >= first_phrase_at[0]:
            return first_phrase_at
        if _is_outcome(token):
            return token.i, token.i + 1
        if (token.like_num or _NUMBER.search(token.text)) and token.sent.start >= from_token:
            subject = next((t for t in token.sent if t.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
            if subject is not None and subject.lower_ not in {"i", "we", "you"}:
                return token.sent.start, token.sent.end
    return first_phrase_at


def _change_afterwards(document: Document) -> tuple[int, int] | None:
    """A change the speaker made after the event: "afterwards we added a review step"."""
    for start, end, _ in find_phrases(document, AFTERWARDS):
        sentence = document.doc[start].sent
        for token in sentence:
            if (
                token.i >= start
                and token.dep_ == "nsubj"
                and token.lower_ in {"i", "we"}
                and token.head.pos_ == "VERB"
            ):
                return start, end
    return None


def _is_context(sentence: Span) -> bool:
    """A scene-setting sentence: something was (or, told in the present, is) going on in a
    main clause, not the speaker's own action ("I wrote a script") and not a non-event
    ("nobody asked me to")."""
    for token in sentence:
        if token.dep_ not in {"nsubj", "nsubjpass", "expl"} or token.lower_ in NON_SUBJECTS:
            continue
        verb = token.head
        if verb.dep_ not in {"ROOT", "conj", "ccomp"}:
            continue
        tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        if not tags & {"VBD", "VBP", "VBZ"}:
            continue
        if token.lower_ in {"i", "we"} and lemma(verb) not in CONTEXT_VERBS:
            continue
        return True
    return False


def _is_role(sentence: Span) -> bool:
    """ "I was the DBA on call", "I'm IC", "as the SRE lead": a role is a task."""
    mine = any(t.lower_ in {"i", "my", "me"} for t in sentence)
    for token in sentence:
        head = token.head
        if (
            token.lower_ == "i"
            and token.dep_ == "nsubj"
            and head.lemma_ == "be"
            and any(c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"} for c in head.children)
        ):
            return True
        after = token.doc[token.i + 1 : token.i + 3]
        if (
            token.lower_ == "as"
            and mine
            and len(after) == 2
            and after[0].lower_ in {"the", "a", "an"}
            and after[1].pos_ in {"NOUN", "PROPN"}
        ):
            return True
    return False


def _first_after(document: Document, phrases: tuple[str, ...], from_token: int) -> tuple[int, int] | None:
    for start, end, _ in find_phrases(document, phrases):
        if start >= from_token:
            return start, end
    return None


def _story_sentences(document: Document) -> list[Span]:
    """Sentences of the story: not a question back to the interviewer, not a bare "Okay."."""
    return [
        s
        for s in document.sentences
        if not s.text.rstrip().endswith("?") and sum(1 for t in s if t.is_alpha) >= 3
    ]


def _find_task(document: Document) -> tuple[int, int] | None:
    hit = _first_after(document, TASK_PHRASES, 0)
    if document.degraded:
        return hit
    role = next((s for s in document.sentences if _is_role(s)), None)
    if role is not None and (hit is None or role.start < hit[0]):
        return role.start, role.end
    return hit


def _find_situation(document: Document, task_hit: tuple[int, int] | None) -> Evidence | None:
    """Context in the first half of the story: a scene-setting phrase, a date or a
    company in an opening sentence, or an opening sentence about what was going on."""
    story = _story_sentences(document) or document.sentences
    if not story:
        return None
    early_end = story[max(len(story) // 2 - 1, 1) if len(story) > 1 else 0].end
    hit = _first_after(document, SITUATION_PHRASES, 0)
    if hit and hit[0] < early_end:
        return quote_around(document, *hit)
    for sentence in story[:2]:
        if any(ent.label_ in {"DATE", "ORG", "TIME", "EVENT"} for ent in sentence.ents):
            return document.evidence(sentence)
        starts_with_task = task_hit is not None and sentence.start <= task_hit[0] <= sentence.start + 2
        if not starts_with_task and not document.degraded and _is_context(sentence):
            return document.evidence(sentence)
    return None


def first_person_actions(document: Document) -> tuple[list[Token], list[Token]]:
    """The past actions told with "I" and those told with "we"."""
    if document.degraded:
        return _degraded_actions(document, "i"), _degraded_actions(document, "we")
    return _actions(document, "i"), _actions(document, "we")


def analyze_star(document: Document) -> Star:
    doc = document.doc
    i_actions, we_actions = first_person_actions(document)
    sentences = document.sentences
    task_hit = _find_task(document)
    situation = _find_situation(document, task_hit)
    action = None
    if i_actions:
        first = i_actions[0]
        action = quote_around(document, first.i, first.i + 1)
    # A result comes after the first action, or at least after the opening sentence.
    result_from = min([t.i for t in i_actions + we_actions], default=sentences[0].end if sentences else 0)
    result_hit = _find_result(document, result_from)
    measurable = False
    if result_hit is not None:
        # the number may sit in the outcome's sentence or the next ("...dropped. It went to 4%")
        outcome_sentence = doc[result_hit[0]].sent
        measurable = any(
            _measurable(s) for s in sentences if outcome_sentence.start <= s.start <= outcome_sentence.end
        )
    reflection_hit = _first_after(document, REFLECTION_PHRASES, 0) or _change_afterwards(document)
    return Star(
        situation=situation,
        task=quote_around(document, *task_hit) if task_hit else None,
        action=action,
        result=quote_around(document, *result_hit) if result_hit else None,
        result_measurable=measurable,
        reflection=quote_around(document, *reflection_hit) if reflection_hit else None,
        i_actions=len(i_actions),
        we_actions=len(we_actions),
    )
