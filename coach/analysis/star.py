"""STAR completeness of a behavioral answer: situation, task, action, result, reflection.

An action is a past-tense verb whose subject is "I" (what the candidate did), counted
against the same verbs with "we". A result is an outcome, measurable when it carries a
number or a unit. A reflection is a lesson, or a change made or wished for afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from coach.analysis.document import Document, Evidence, find_phrases, lemma, quote_around
from coach.analysis.judgements import Decision, decide
from coach.analysis.lexicon import (
    AFTERWARDS,
    CHANGE_LEMMAS,
    CONTEXT_VERBS,
    HABITUAL,
    HYPOTHETICAL,
    LEAD_INS,
    NON_SUBJECTS,
    OUTCOME_STATES,
    OUTCOME_VERBS,
    PREVENTION_CUES,
    REFLECTION_PHRASES,
    RESULT_PHRASES,
    REVIEW_NOUNS,
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
STAR_PARTS = ("situation", "task", "action", "result", "reflection")


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


# Past tenses spelled like the base form: "Cut the bill by 40 percent" is tagged as an
# imperative, though in a story it is a step the speaker took.
_SAME_FORM_PAST = frozenset(
    {"cut", "set", "put", "shut", "hit", "let", "quit", "split", "spread", "read", "rebuilt"}
)


def _subjectless_step(sentence: Span) -> Token | None:
    """A note-style step with its subject left out: "Moved the runners to spot instances.",
    "Measured usage per hour for two weeks." The sentence opens with a past form (or a past
    spelled like the base, `_SAME_FORM_PAST`) and has no subject anywhere, so the speaker is
    the one acting."""
    if any(t.dep_ in {"nsubj", "nsubjpass", "expl"} for t in sentence):
        return None
    first = next((t for t in sentence if not (t.is_punct or t.is_space or t.lower_ in LEAD_INS)), None)
    if first is None or sentence.text.rstrip().endswith("?"):
        return None
    if lemma(first) in STATE_VERBS:
        return None
    if first.tag_ in {"VBD", "VBN"} or (first.lower_ in _SAME_FORM_PAST and first.tag_ == "VB"):
        return first
    return None


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


def _review_led_to_change(document: Document) -> tuple[int, int] | None:
    """A change that came out of a look back at the event: "the postmortem led to adding
    expiry alerts", "the retro's action items added a canary stage". A review noun
    (`REVIEW_NOUNS`) and a change (`CHANGE_LEMMAS`) in one asserted sentence."""
    for sentence in document.sentences:
        reviews = [t for t in sentence if lemma(t) in REVIEW_NOUNS]
        if not reviews:
            continue
        for token in sentence:
            if token.i <= reviews[0].i or _unasserted(token):
                continue  # what came out of the review is told after it
            if (lemma(token) in CHANGE_LEMMAS and token.pos_ in {"VERB", "NOUN"}) or (
                lemma(token) in OUTCOME_OF_REVIEW and token.pos_ == "VERB"
            ):
                return reviews[0].i, token.i + 1
    return None


# "the postmortem led to a canary stage for every deploy": whatever it led to was a change
OUTCOME_OF_REVIEW = frozenset({"lead", "result", "produce", "bring", "spawn", "drive", "prompt"})
_LESSON_OPENERS = frozenset({"that", "to", "how", "what", "why", "from", "never", "always", "the", "a", "an"})
_LESSON_OBJECTS = frozenset({"lesson", "importance", "value", "way", "thing", "lot", "that", "what", "how"})


def _is_lesson(document: Document, start: int, end: int) -> bool:
    """A reflection phrase used for a lesson, not for picking up a skill or a fact on the
    way: "I learned to ask for numbers first" is a lesson; "I had to learn Git fast", "while
    learning" and "when I realized the schema was slow" are not."""
    token = document.doc[start]
    if token.lower_ in {"would", "should", "'d"} and end - start >= 2:
        # "I would have paged them sooner" looks back; "so they would have confidence" does not
        past = document.doc[end] if end < len(document.doc) else None
        return past is not None and past.tag_ == "VBN"
    if lemma(token) not in {"learn", "realize"}:
        return True
    if token.tag_ == "VBG" or any(c.lower_ in {"while", "when"} for c in token.children):
        return False
    if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in token.children):
        return False  # "we could learn quickly": a claim, not a lesson
    if lemma(token) == "realize":
        # "midway I realized the data was messy" is what happened; a realization told
        # once the story is over is what it taught
        sentences = document.sentences
        if token.sent.start < sentences[len(sentences) // 2].start:
            return False
    if token.dep_ == "advcl" and any(c.lower_ == "when" for c in token.children):
        return False
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if after is not None and after.lower_ in _LESSON_OPENERS:
        return True  # "I learned that data beats opinions", "learned to ask first"
    if lemma(token) == "learn":
        objects = [c for c in token.children if c.dep_ in {"dobj", "obj"}]
        if any(o.pos_ in {"NOUN", "PROPN"} and lemma(o) not in _LESSON_OBJECTS for o in objects):
            return False
        if token.head.lemma_ in {"have", "need", "want"} and token.dep_ == "xcomp":
            return False  # "I had to learn Go"
    clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        subject = direct_subject(clause)
        if subject is not None and subject.lower_ in {"he", "she", "they", "it"} and clause.tag_ == "VBD":
            return False  # "I learned they were struggling": a finding
    return True


def _reflection_phrase(document: Document) -> tuple[int, int] | None:
    for start, end, _ in find_phrases(document, REFLECTION_PHRASES):
        if _is_lesson(document, start, end):
            return start, end
    return None


def _prevention(document: Document) -> tuple[int, int] | None:
    """A change made so it does not happen again, or adopted beyond the story: "created a
    runbook for similar issues", "added the missing test to CI so it can't recur", "the ORR
    became a template for future launches". A change (`CHANGE_LEMMAS`) and a look ahead
    (`PREVENTION_CUES`) in one asserted sentence."""
    sentences = document.sentences
    # told after the story's middle: a change for next time comes once the event is over
    for sentence in sentences[len(sentences) // 2 :]:
        cue = next((t for t in sentence if lemma(t) in PREVENTION_CUES or t.lower_ in PREVENTION_CUES), None)
        if cue is None:
            continue
        change = next(
            (
                t
                for t in sentence
                if lemma(t) in CHANGE_LEMMAS and t.pos_ in {"VERB", "NOUN"} and not _unasserted(t)
            ),
            None,
        )
        if change is not None:
            return min(cue.i, change.i), max(cue.i, change.i) + 1
    return None


def _own_mistake(document: Document) -> tuple[int, int] | None:
    """The speaker owning a mistake: "I made two critical mistakes", "my mistake was"."""
    for sentence in document.sentences:
        mine = any(t.lower_ in {"i", "my", "me"} for t in sentence)
        for token in sentence:
            if mine and lemma(token) in {"mistake", "misjudge", "misjudgment"}:
                return token.i, token.i + 1
    return None


def _change_afterwards(document: Document) -> tuple[int, int] | None:
    """A change the speaker made after the event: "afterwards we added a review step", "we
    added better alerts after that", "we now run a weekly capacity review"."""
    for start, end, _ in find_phrases(document, AFTERWARDS):
        sentence = document.doc[start].sent
        for token in sentence:
            if token.dep_ == "nsubj" and token.lower_ in {"i", "we"} and token.head.pos_ == "VERB":
                return start, end
    for token in document.doc:
        if token.lower_ != "now" or token.dep_ != "advmod":
            continue
        verb = token.head
        subject = direct_subject(verb)
        if subject is not None and subject.lower_ in {"i", "we"} and verb.tag_ in {"VBP", "VBZ"}:
            return token.i, token.i + 1  # a practice kept since: "we now run a game day"
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


def _find_situation(document: Document, task_hit: tuple[int, int] | None) -> tuple[int, int] | None:
    """Context in the first half of the story: a scene-setting phrase, a date or a
    company in an opening sentence, or an opening sentence about what was going on."""
    story = _story_sentences(document) or document.sentences
    if not story:
        return None
    early_end = story[max(len(story) // 2 - 1, 1) if len(story) > 1 else 0].end
    hit = _first_after(document, SITUATION_PHRASES, 0)
    if hit and hit[0] < early_end:
        return hit
    for sentence in story[:2]:
        if any(ent.label_ in {"DATE", "ORG", "TIME", "EVENT"} for ent in sentence.ents):
            return sentence.start, sentence.end
        starts_with_task = task_hit is not None and sentence.start <= task_hit[0] <= sentence.start + 2
        if not starts_with_task and not document.degraded and _is_context(sentence):
            return sentence.start, sentence.end
    return None


def first_person_actions(document: Document) -> tuple[list[Token], list[Token]]:
    """The past actions told with "I" (or with the subject left out, in a story that is
    told in the first person) and those told with "we"."""
    if document.degraded:
        return _degraded_actions(document, "i"), _degraded_actions(document, "we")
    mine = _actions(document, "i")
    ours = _actions(document, "we")
    if any(t.lower_ in {"i", "my", "me", "we", "our"} for t in document.doc):
        steps = [step for s in _story_sentences(document) if (step := _subjectless_step(s)) is not None]
        mine = sorted([*mine, *steps], key=lambda t: t.i)
    return mine, ours


RULE_WHY = {
    "situation": "rule: a scene-setting opening",
    "task": "rule: the speaker's goal or role",
    "action": "rule: a step the speaker took",
    "result": "rule: an outcome after the actions",
    "reflection": "rule: a lesson or a change made afterwards",
}


def star_rule_hits(document: Document) -> dict[str, tuple[int, int] | None]:
    """Each STAR part as the rules find it: a token range, or None."""
    i_actions, we_actions = first_person_actions(document)
    sentences = document.sentences
    task_hit = _find_task(document)
    first = i_actions[0] if i_actions else None
    # A result comes after the first action, or at least after the opening sentence.
    result_from = min([t.i for t in i_actions + we_actions], default=sentences[0].end if sentences else 0)
    return {
        "situation": _find_situation(document, task_hit),
        "task": task_hit,
        "action": (first.i, first.i + 1) if first is not None else None,
        "result": _find_result(document, result_from),
        "reflection": (
            _reflection_phrase(document)
            or _change_afterwards(document)
            or _review_led_to_change(document)
            or _prevention(document)
            or _own_mistake(document)
        ),
    }


def quote_decision(document: Document, decision: Decision | None) -> Evidence | None:
    """The evidence for a part: the rule's stretch with a little around it, or the
    classifier's sentence; with the reason either way."""
    if decision is None:
        return None
    evidence = quote_around(document, decision.start, decision.end)
    return Evidence(evidence.quote, evidence.at_s, decision.why)


def analyze_star(document: Document) -> Star:
    """The five parts of a story, each with its evidence (see coach.analysis.judgements for
    how rules and the trained classifier share the decision)."""
    doc = document.doc
    i_actions, we_actions = first_person_actions(document)
    hits = star_rule_hits(document)
    # the reflection first: the outcome is looked for outside the lesson's sentence ("Since
    # then we alert at 70 percent" is the reflection, "Lag went back to zero" the result)
    order = ("reflection", *(p for p in STAR_PARTS if p != "reflection"))
    decisions = decide(document, "story", hits, order, avoid={"result": "reflection"})
    for part, decision in decisions.items():
        if decision is not None and decision.why == "rule":
            decisions[part] = replace(decision, why=RULE_WHY[part])
    sentences = document.sentences
    measurable = False
    result = decisions["result"]
    if result is not None:
        # the number may sit in the outcome's sentence or the next ("...dropped. It went to 4%")
        outcome_sentence = doc[result.start].sent
        measurable = any(
            _measurable(s) for s in sentences if outcome_sentence.start <= s.start <= outcome_sentence.end
        )
    return Star(
        situation=quote_decision(document, decisions["situation"]),
        task=quote_decision(document, decisions["task"]),
        action=quote_decision(document, decisions["action"]),
        result=quote_decision(document, decisions["result"]),
        result_measurable=measurable,
        reflection=quote_decision(document, decisions["reflection"]),
        i_actions=len(i_actions),
        we_actions=len(we_actions),
    )
