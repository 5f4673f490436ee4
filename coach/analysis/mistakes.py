"""The mistakes interviewers hold against candidates, each found with the words that show it:
tools listed without the problem they solved, a vague incident, "we" hiding your own
part, blame-shifting, rehearsed corporate phrases, a long answer wandering off the
question, defining basics instead of answering, and a story with no lesson.

The detectors read the parse rather than count nearby words: a reason is a clause tied to
the tools ("because …", "so that …", "to" + verb, "which let us …"), blame is a third
party as the agent of a fault, a definition is a generic term as the subject of "is a …",
"means" or "stands for". Each is measured on `tests/data/mistakes.jsonl`
(`scripts/eval --mistakes tests/data/mistakes.jsonl`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from coach.analysis.blame import find_blame
from coach.analysis.coverage import Coverage
from coach.analysis.document import (
    Document,
    Evidence,
    find_phrases,
    lemma,
    phrase_lemmas,
    token_lemmas,
)
from coach.analysis.incident import has_impact, has_timeline, is_figure, told_incidents
from coach.analysis.lexicon import (
    ABSTRACT_NOUNS,
    BENEFIT_VERBS,
    CLAIM_VERBS,
    CORPORATE_PHRASES,
    DEFINING_VERBS,
    DEFINITION_PHRASES,
    HABITUAL,
    LEAD_INS,
    NOT_DEFINED,
    NOT_DEFINITIONS,
    NOT_PURPOSE_HEADS,
    OWNERSHIP_PHRASES,
    REASON_NOUNS,
    REFLECTIVE_VERBS,
    STORY_QUESTION,
    TOOL_CHOICE_VERBS,
    TOOL_NAMES,
    TOPIC_STOPWORDS,
    WHAT_IS_QUESTION,
)
from coach.analysis.star import Star, first_person_actions
from coach.analysis.syntax import is_past, subject_of
from coach.analysis.timing import Timing
from coach.questions import Question
from coach.transcribe import FILLED_PAUSES
from coach.wording import counted, end_sentence

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Span, Token

MIN_TOOLS_LISTED = 3  # distinct tools that make a list by themselves
MIN_TOOLS_CLAIMED = 2  # ...or this many, each presented as the speaker's choice
TOOL_LIST_SENTENCES = 2  # tools at most this many sentences apart belong to one list
MIN_INCIDENT_DETAILS = 2  # of impact, numbers and timeline
MIN_WE_ONLY_ACTIONS = 3  # "we" actions, with none told with "I"
WE_DOMINANT_MIN_ACTIONS = 4  # first-person actions before the "I" share is judged
WE_DOMINANT_SHARE = 0.25  # "I" under this share of them hides your part
MIN_CLICHES_IN_SENTENCE = 2
MIN_CLICHES_IN_ANSWER = 3
WANDERING_COVERAGE = 0.5  # under this share of key points covered
WANDERING_OFF_TOPIC_SHARE = 0.4  # or one stretch off the question this share of the words
TYPED_WPM = 150.0  # speaking rate assumed for a typed transcript's length
OPENING_SENTENCES = 3
MIN_STORY_ACTIONS = 3  # actions that make a story when the question did not ask for one
QUOTE_PART_WORDS = 10  # words per part of a quote joined from several places

_WHAT_IS = re.compile(WHAT_IS_QUESTION, re.IGNORECASE)
_STORY = re.compile(STORY_QUESTION, re.IGNORECASE)


@dataclass(frozen=True)
class Mistake:
    kind: str  # tools_without_rationale, vague_incident, we_not_i, blame, corporate, wandering, defining_basics, no_reflection
    message: str
    evidence: Evidence  # always quoted; at_s is None for typed text


def _spoken(document: Document) -> list[Span]:
    """Sentences of at least three words: not a bare "Okay." or "Yeah.\""""
    return [s for s in document.sentences if sum(1 for t in s if t.is_alpha) >= 3] or document.sentences


def _joined(document: Document, spans: Sequence[Span | Sequence[Token]]) -> Evidence:
    """Short quotes from several places, joined with " … " and timed at the first."""
    spans = [s for s in spans if len(s)]
    words = QUOTE_PART_WORDS if len(spans) > 1 else 2 * QUOTE_PART_WORDS
    parts = [document.evidence(s, words) for s in spans]
    if not parts:
        return Evidence("", None)
    return Evidence(" … ".join(p.quote.removesuffix(" …") for p in parts), parts[0].at_s)


def _window(document: Document, tokens: Sequence[Token], before: int = 3, after: int = 4) -> Span:
    """The tokens with a few words either side, inside their sentence."""
    sentence = tokens[0].sent
    return document.doc[max(sentence.start, tokens[0].i - before) : min(sentence.end, tokens[-1].i + after)]


# Tools without the problem they solved ------------------------------------------------


def _listed_tools(document: Document) -> list[Token]:
    """Tools named as a choice ("we used Helm", "I set up Terraform modules"), not as part of
    something else ("the Kafka consumer lag", "the EC2 box")."""
    tools = []
    for token in document.doc:
        if token.lower_ not in TOOL_NAMES:
            continue
        if token.dep_ in {"compound", "nmod", "amod", "poss"} and token.head.lower_ not in TOOL_NAMES:
            verb = next((a for a in token.head.ancestors if a.pos_ in {"VERB", "AUX"}), None)
            if verb is None or lemma(verb) not in TOOL_CHOICE_VERBS:
                continue
        tools.append(token)
    return tools


def _so_gives_reason(token: Token, sentence: Span) -> bool:
    """ "…, so every environment matched": a consequence. Not "So we used …" (a lead-in) and
    not "so far", "and so on"."""
    before = [
        t
        for t in sentence
        if t.i < token.i and not t.is_punct and t.lower_ not in LEAD_INS and t.lower_ not in FILLED_PAUSES
    ]
    if not before or token.i + 1 >= len(token.doc):
        return False
    following = token.doc[token.i + 1]
    if following.lower_ == "that":
        return True
    if following.lower_ in {"far", "much", "many", "on", "long", "forth", "called"}:
        return False
    return any(t.dep_ in {"nsubj", "nsubjpass", "expl"} for t in token.doc[token.i + 1 : token.i + 4])


def _purpose(token: Token, governing: set[int]) -> bool:
    """ "used Terraform to keep …", "Atlantis to get a plan": a "to" + verb clause hanging
    from the tool or the verb that governs it, and not that verb itself ("decided to use")."""
    if token.pos_ != "VERB" or token.i in governing or token.head.i not in governing:
        return False
    if lemma(token.head) in NOT_PURPOSE_HEADS:
        return False
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def _gives_reason_unparsed(sentence: Span) -> bool:
    """Degraded mode, without a parser: a reason word, or "to" before a word that is no tool."""
    words = [t.lower_ for t in sentence]
    if set(words) & (REASON_NOUNS | {"since", "so", "lets", "let", "allows", "enables", "solved", "avoid"}):
        return True
    return any(a == "to" and b.isalpha() and b not in TOOL_NAMES for a, b in pairwise(words))


def _gives_reason(sentence: Span, tools: list[Token], *, following: bool = False) -> bool:
    """A reason or purpose tied to the tools: "because …", "since" + clause, "so (that) …",
    "to" + verb, "which let us …", "the problem (it solved) was …". In the sentence after a
    list (`following`), only a reason pointing back counts ("That let us …", "Because …")."""
    governing = {a.i for t in tools for a in t.ancestors} | {t.i for t in tools}
    for token in sentence:
        low = token.lower_
        if low in REASON_NOUNS or (low == "since" and token.dep_ == "mark"):
            return True
        if lemma(token) in BENEFIT_VERBS and token.pos_ == "VERB":
            subject = subject_of(token)
            pointing = subject is not None and (
                subject.lower_ in {"it", "that", "this", "which", "they", "these", "both"}
                or subject.lower_ in TOOL_NAMES
            )
            if pointing and (following or token.dep_ in {"relcl", "advcl", "ccomp", "conj"}):
                return True
        if following:
            continue
        if low == "so" and _so_gives_reason(token, sentence):
            return True
        if _purpose(token, governing):
            return True
    return False


_CLAIM_VERB_FORMS = frozenset(
    {f"{verb}{ending}" for verb in CLAIM_VERBS for ending in ("", "s", "d", "ed", "ing")}
    | {"chose", "chosen", "ran", "went", "built", "had", "using", "choosing"}
)
_EXAMPLE_MARKERS = frozenset({"like", "such", "e.g."})


def _claimed_as_choice(tool: Token, degraded: bool) -> bool:
    """The speaker presents the tool as their own choice: "we used Helm", "I set up
    Terraform", "we went with ECS". Not "they ran everything on Nomad", not "migrating our
    Jenkins jobs"."""
    if degraded:  # no parse: "I" or "we" and a claiming verb in the same sentence
        words = {t.lower_ for t in tool.sent}
        return bool(words & {"i", "we"}) and bool(words & _CLAIM_VERB_FORMS)
    verb = next((a for a in tool.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None or lemma(verb) not in CLAIM_VERBS:
        return False
    subject = subject_of(verb)
    if subject is None:
        return False
    if subject.lower_ in {"i", "we"}:
        return True
    return subject.lower_ == "team" and any(c.lower_ in {"our", "my"} for c in subject.children)


def _an_example(tool: Token) -> bool:
    """ "managed options like EKS or GKE", "a mesh such as Istio": examples of a kind."""
    return any(a.lower_ in _EXAMPLE_MARKERS and a.dep_ in {"prep", "amod", "advmod"} for a in tool.ancestors)


def _tools_without_rationale(document: Document, question: Question) -> Mistake | None:
    """Tools named close together, none of them with the problem it solved: three or more,
    or two the speaker presents as their choice. The tools the question itself names, and
    tools given as examples ("options like EKS"), are what is being discussed, not a list."""
    sentences = document.sentences
    number = {s.start: n for n, s in enumerate(sentences)}
    asked = {w.lower().strip("?,.") for w in question.text.split()}
    by_sentence: dict[int, list[Token]] = {}
    for tool in _listed_tools(document):
        if tool.lower_ in asked or (not document.degraded and _an_example(tool)):
            continue
        by_sentence.setdefault(number[tool.sent.start], []).append(tool)
    groups: list[list[int]] = []
    for n in sorted(by_sentence):
        if groups and n - groups[-1][-1] <= TOOL_LIST_SENTENCES:
            groups[-1].append(n)
        else:
            groups.append([n])
    for group in groups:
        tools = [t for n in group for t in by_sentence[n]]
        names = list(dict.fromkeys(t.text for t in tools))
        claimed = {t.lower_ for t in tools if _claimed_as_choice(t, document.degraded)}
        if len({t.lower_ for t in tools}) < MIN_TOOLS_LISTED and len(claimed) < MIN_TOOLS_CLAIMED:
            continue
        span = range(group[0], group[-1] + 1)
        if document.degraded and any(_gives_reason_unparsed(sentences[n]) for n in span):
            continue
        if any(_gives_reason(sentences[n], by_sentence.get(n, [])) for n in span):
            continue
        after = group[-1] + 1
        if after < len(sentences) and _gives_reason(sentences[after], tools, following=True):
            continue
        return Mistake(
            "tools_without_rationale",
            f"You listed {', '.join(names)} without the problem they solved. Give each one its reason: "
            '"we chose X because …", "X let us …".',
            _joined(document, [_window(document, by_sentence[n]) for n in group]),
        )
    return None


# A vague incident ---------------------------------------------------------------------


def _vague_incident(document: Document, question: Question) -> Mistake | None:
    """An incident told without at least two of: its impact, a figure, a timeline."""
    incidents = told_incidents(document, question)
    if not incidents:
        return None
    present = {
        "impact (who was affected, and how)": has_impact(document),
        "numbers (how many, how much)": any(is_figure(t) for t in document.doc),
        "timeline (when, how long)": has_timeline(document),
    }
    if sum(present.values()) >= MIN_INCIDENT_DETAILS:
        return None
    missing = [name for name, there in present.items() if not there]
    return Mistake(
        "vague_incident",
        f"The incident stays vague: no {' and no '.join(missing)}. Say who was affected, how badly in "
        "numbers, and how long it lasted.",
        document.evidence(incidents[0].sent),
    )


# "We" hiding your part ----------------------------------------------------------------


def _we_not_i(document: Document, star: Star | None) -> Mistake | None:
    """Every action told with "we", or "we" so dominant that your own part disappears."""
    if star is None:
        return None
    mine, ours = (
        [v for v in actions if lemma(v) not in REFLECTIVE_VERBS] for actions in first_person_actions(document)
    )
    total = len(mine) + len(ours)
    if not mine and len(ours) >= MIN_WE_ONLY_ACTIONS:
        message = (
            f'All {counted(len(ours), "action")} {"was" if len(ours) == 1 else "were"} told with "we" and none '
            'with "I": the interviewer cannot see your part.'
        )
    elif total >= WE_DOMINANT_MIN_ACTIONS and len(mine) / total < WE_DOMINANT_SHARE:
        message = (
            f'Only {len(mine)} of {counted(total, "action")} {"was" if len(mine) == 1 else "were"} told with "I"; '
            'the rest hide behind "we". '
            "Say which steps were yours."
        )
    else:
        return None
    return Mistake("we_not_i", message, _joined(document, [_window(document, [v], 1, 5) for v in ours[:3]]))


# Blame --------------------------------------------------------------------------------


def _blame(document: Document) -> Mistake | None:
    hit = find_blame(document)
    if hit is None:
        return None
    tokens, outright = hit
    if not outright and find_phrases(document, OWNERSHIP_PHRASES):
        return None  # "another team pushed it, but our service should have had limits"
    return Mistake(
        "blame",
        "That sounds like blame. Say what happened without pointing at people, then own your part: "
        "what did you do, and what did you change?",
        document.evidence(_window(document, list(tokens), 6, 8)),
    )


# Corporate phrases --------------------------------------------------------------------


def _concrete(sentence: Span, skip: set[int]) -> bool:
    """Specific detail in the sentence outside the cliché: a figure, a tool, a concrete noun."""
    for token in sentence:
        if token.i in skip or token.is_stop or token.is_punct:
            continue
        if token.like_num or any(c.isdigit() for c in token.text) or token.lower_ in TOOL_NAMES:
            return True
        if token.pos_ in {"NOUN", "PROPN"} and lemma(token) not in ABSTRACT_NOUNS:
            return True
    return False


def _corporate(document: Document) -> Mistake | None:
    """Clichés piling up (two in a sentence, three in the answer), or one standing in for
    content ("I'm passionate about reliability."). "A deep dive into the traces" is fine."""
    hits: list[tuple[int, int]] = []
    for start, end, _ in find_phrases(document, CORPORATE_PHRASES):
        if not hits or start >= hits[-1][1]:
            hits.append((start, end))  # overlapping spellings count once
    if not hits:
        return None
    cliche_tokens = {i for start, end in hits for i in range(start, end)}
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for hit in hits:
        by_sentence.setdefault(document.doc[hit[0]].sent.start, []).append(hit)
    filler = [h for h in hits if not _concrete(document.doc[h[0]].sent, cliche_tokens)]
    crowded = next((group for group in by_sentence.values() if len(group) >= MIN_CLICHES_IN_SENTENCE), None)
    if not filler and crowded is None and len(hits) < MIN_CLICHES_IN_ANSWER:
        return None
    shown: dict[int, list[tuple[int, int]]] = {}
    for hit in filler[:2] or crowded or hits[:3]:
        shown.setdefault(document.doc[hit[0]].sent.start, []).append(hit)
    windows = [_window(document, list(document.doc[g[0][0] : g[-1][1]]), 4, 5) for g in shown.values()]
    said = ", ".join(f"“{document.doc[s:e].text}”" for s, e in hits[:4])
    return Mistake(
        "corporate",
        f"Rehearsed corporate phrasing ({said}). Say it plainly, with the concrete detail: what you did, "
        "on what, with what result.",
        _joined(document, windows),
    )


# A long answer wandering off the question ---------------------------------------------


def _topic(document: Document, question: Question) -> set[str]:
    """The content lemmas of the question and of its key points' phrasings."""
    stop = document.nlp.Defaults.stop_words
    lemmas = set(phrase_lemmas(question.text, document))
    for point in question.key_points:
        for phrase in point.phrases:
            lemmas.update(phrase_lemmas(phrase, document))
    return {w for w in lemmas if len(w) > 2 and w not in stop and w not in TOPIC_STOPWORDS}


def _longest_off_topic(document: Document, question: Question) -> list[Span]:
    """The longest run of sentences (by words) that touch neither the question's words nor a
    key point."""
    topic = _topic(document, question)
    lemmas = token_lemmas(document)
    phrases = [p for point in question.key_points for p in point.phrases]
    matched = {i for start, end, _ in find_phrases(document, phrases) for i in range(start, end)}
    best: list[Span] = []
    run: list[Span] = []
    for sentence in document.sentences:
        on_topic = any(t.i in matched or lemmas[t.i] in topic for t in sentence)
        run = [] if on_topic else [*run, sentence]
        if sum(len(s) for s in run) > sum(len(s) for s in best):
            best = run
    return best


def _wandering(
    document: Document,
    question: Question,
    timing: Timing | None,
    coverage: Coverage,
    target_window_s: tuple[float, float],
) -> Mistake | None:
    """Over the window and off the point: under half the key points covered, or a long
    stretch that never touches the question. A typed answer is timed at TYPED_WPM."""
    words = [t for t in document.doc if not t.is_punct]
    if not words:
        return None
    duration_s = timing.answer_s if timing is not None else len(words) / TYPED_WPM * 60
    limit_s = timing.target_s[1] if timing is not None else target_window_s[1]
    if duration_s <= limit_s:
        return None
    stretch = _longest_off_topic(document, question)
    stretch_words = sum(1 for s in stretch for t in s if not t.is_punct)
    share = coverage.share
    if not (
        (share is not None and share < WANDERING_COVERAGE)
        or stretch_words >= WANDERING_OFF_TOPIC_SHARE * len(words)
    ):
        return None
    total = len(coverage.covered) + len(coverage.missed)
    parts = [f"{duration_s:.0f} s against a {limit_s:.0f} s limit"]
    if total:
        parts.append(f"{len(coverage.covered)} of {total} key angles covered")
    if stretch:
        evidence = document.evidence(document.doc[stretch[0].start : stretch[-1].end])
        parts.append(f"and {counted(stretch_words, 'word')} in a row never touch the question")
    else:  # every sentence touches it: quote what ran over the limit
        over = int(limit_s / 60 * TYPED_WPM) if timing is None else None
        start_s = timing.first_word_s if timing is not None else 0.0
        late = (
            [t for t in words if (document.time_of(t) or 0) > start_s + limit_s]
            if over is None
            else words[over:]
        )
        evidence = document.evidence(late or words[-QUOTE_PART_WORDS:])
    return Mistake("wandering", end_sentence("Long and off the point: " + ", ".join(parts)), evidence)


# Defining basics ----------------------------------------------------------------------


def _defines(sentence: Span) -> bool:
    """A definition of a generic term: "Kubernetes is a container orchestrator that …",
    "continuous delivery means …", "CI/CD stands for …", "a rollback is when you …"."""
    root = sentence.root
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ in {"PRON", "DET"} or lemma(subject) in NOT_DEFINED:
        return False
    if any(
        c.dep_ == "poss" or c.lower_ in {"the", "this", "that", "these", "those"} for c in subject.children
    ):
        return False  # "our pipeline is …", "the service is …": the speaker's own system
    word = lemma(root)
    tense = {root.tag_} | {c.tag_ for c in root.children if c.dep_ in {"aux", "auxpass"}}
    if not tense & {"VBZ", "VBP"}:
        return False  # "the service was a payments API": the scene of a story
    if word in DEFINING_VERBS or (word == "define" and any(c.dep_ == "auxpass" for c in root.children)):
        return True
    if word != "be" or any(c.lower_ in HABITUAL | {"kind", "sort"} for c in root.children):
        return False  # "bills are always kind of a mystery": an opinion, not a definition
    for child in root.children:
        if child.dep_ in {"advcl", "ccomp", "attr"} and any(
            g.lower_ in {"how", "what", "when", "where"} for g in child.subtree if g.i < child.i
        ):
            return True  # "a rollback is when you go back", "blast radius is how much …"
    attr = next((c for c in root.children if c.dep_ == "attr"), None)
    return (
        attr is not None
        and attr.pos_ in {"NOUN", "PROPN"}
        and lemma(attr) not in NOT_DEFINITIONS
        and not any(c.dep_ == "poss" for c in attr.children)
        # "deploys are the usual culprit": a judgement; a definition says "a …" or "tools that …"
        and not any(c.lower_ == "the" for c in attr.children)
    )


def _defining_basics(document: Document, question: Question) -> Mistake | None:
    """An opening spent defining terms the interviewer knows, when the question asked how or
    what you would do (not "what is …" or "how does … work")."""
    if _WHAT_IS.search(question.text):
        return None
    opening = _spoken(document)[:OPENING_SENTENCES]
    if document.degraded:
        starts = [s for s, _, _ in find_phrases(document, DEFINITION_PHRASES)]
        definitions = [s for s in opening if any(s.start <= i < s.end for i in starts)]
    else:
        definitions = [s for s in opening if _defines(s)]
    if not definitions or (definitions[0] is not opening[0] and len(definitions) < 2):
        return None
    return Mistake(
        "defining_basics",
        "You opened by defining the basics. The interviewer knows them: answer the question asked, "
        "and define a term only if your answer needs it.",
        _joined(document, definitions[:2]),
    )


# No reflection ------------------------------------------------------------------------


def _no_reflection(document: Document, question: Question, star: Star | None) -> Mistake | None:
    """A story (one action when the question asks for a story, else MIN_STORY_ACTIONS) with
    no lesson and no change made or wished for afterwards."""
    if star is None or star.reflection is not None:
        return None
    mine, ours = first_person_actions(document)
    actions = len(mine) + len(ours)
    told = star.result is not None or any(is_past(v) for v in [*mine, *ours])
    needed = 1 if _STORY.search(question.text) else MIN_STORY_ACTIONS
    if not told or actions < needed:
        return None  # "I bring …, I thrive in …": a pitch, not a story
    return Mistake(
        "no_reflection",
        "No reflection: close with what you learned or what you would change next time.",
        document.evidence(_spoken(document)[-1]),
    )


def find_mistakes(
    document: Document,
    *,
    question: Question,
    timing: Timing | None,
    star: Star | None,
    coverage: Coverage,
    target_window_s: tuple[float, float],
) -> list[Mistake]:
    """Every mistake found, in the order an interviewer would weigh them."""
    found: list[Mistake | None] = [
        _defining_basics(document, question),
        _tools_without_rationale(document, question),
        _vague_incident(document, question),
        _blame(document),
        _corporate(document),
        _we_not_i(document, star),
        _no_reflection(document, question, star),
        _wandering(document, question, timing, coverage, target_window_s),
    ]
    return [m for m in found if m is not None]
