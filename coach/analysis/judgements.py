"""Sentence-level judgements: which sentence of an answer is its situation, task, action,
result, reflection, recommendation or tradeoff, by rules, a trained classifier, or both.

The rules are the parse-based detectors of `coach.analysis.star` and
`coach.analysis.structure`. The classifier (`coach.analysis.linear`) scores every sentence
for every part from `sentence_features`: its words and word pairs, its opening words, the
subject and tense of its verbs, its place in the answer, and which rules fired in it. It
was fitted on the development part of the real-answer corpus (`corpus/answers/`, labelled
by `docs/labelling.md`), and `scripts/train-judgements` chose, per part, whichever method
scored best there by cross-validation over sites:
- "rules": the rule's hit alone;
- "model": the classifier's best sentence, when its probability reaches the threshold;
- "either": the rule's hit, else the classifier's.
The method, threshold and weights of each part are in `trained/judgements.json`.

A part's evidence is the sentence (or the rule's matched stretch) with the reason: the rule,
or the classifier's probability and the words that weighed most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from coach.analysis.document import find_phrases, lemma
from coach.analysis.lexicon import (
    AFTERWARDS,
    ASSUMPTION_PHRASES,
    CONTRAST_WORDS,
    COST_LEMMAS,
    FIT_HINTS,
    FIT_PHRASES,
    REFLECTION_PHRASES,
    RESULT_PHRASES,
    SITUATION_PHRASES,
    TASK_PHRASES,
    TRADEOFF_PHRASES,
)
from coach.analysis.linear import LinearModel, ModelSet, load_models
from coach.transcribe import FILLED_PAUSES

# discourse words that weigh in a score but explain nothing to the speaker
FILLER_WORDS = frozenset({"like", "um", "uh", "so", "just", "yeah", "okay", "really", "actually"})

if TYPE_CHECKING:
    from spacy.tokens import Span

    from coach.analysis.document import Document

PARTS = ("situation", "task", "action", "result", "reflection", "recommendation", "tradeoff")
PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "it", "my", "our", "me", "us", "this", "that"})
_NUMBER = re.compile(r"\d")
# The window for "recommendation first" in words: 15 s (AnalysisOptions.recommendation_within_s)
# at 160 words a minute, a middle conversational rate, is 40 words.
WINDOW_WORDS = 40
# Phrase lists of the rule detectors (coach.analysis.lexicon); a sentence holding one of
# their phrases gets the list's feature, whether or not the rule chose that sentence.
PHRASE_LISTS = {
    "situation": SITUATION_PHRASES,
    "task": TASK_PHRASES,
    "result": RESULT_PHRASES,
    "reflection": REFLECTION_PHRASES,
    "afterwards": AFTERWARDS,
    "tradeoff": TRADEOFF_PHRASES,
    "assumption": ASSUMPTION_PHRASES,
    "fit": FIT_PHRASES,
    "fit_hint": FIT_HINTS,
}
CONDITIONALS = frozenset({"if", "when", "unless", "whereas", "while", "whenever", "depending"})


@dataclass(frozen=True)
class Decision:
    """Where a part was found (token range) and why, or nothing."""

    start: int
    end: int
    why: str
    sentence: int  # index of the sentence it is in


def _word(token_text: str) -> str:
    return "<num>" if _NUMBER.search(token_text) else token_text


def sentence_features(
    sentence: Span,
    index: int,
    count: int,
    words_before: int,
    kind: str,
    rules: frozenset[str],
    phrases: frozenset[str] = frozenset(),
    total_words: int = 0,
) -> list[str]:
    """Binary features of one sentence (see the module docstring); names are readable."""
    words = [
        _word(t.lower_) for t in sentence if not (t.is_punct or t.is_space) and t.lower_ not in FILLED_PAUSES
    ]
    out = [f"w:{w}" for w in words]
    out += [f"b:{a}_{b}" for a, b in pairwise(words)]
    out += [f"f1:{w}" for w in words[:1]] + [f"f2:{'_'.join(words[:2])}"]
    out += [f"l:{lemma(t)}" for t in sentence if t.is_alpha]
    for token in sentence:
        low = token.lower_
        if low in CONTRAST_WORDS:
            out.append("c:contrast")
        if lemma(token) in COST_LEMMAS or low in COST_LEMMAS:
            out.append("c:cost")
        if token.tag_ in {"JJR", "RBR"}:
            out.append("c:comparative")
        if token.tag_ in {"JJS", "RBS"}:
            out.append("c:superlative")
        if low in CONDITIONALS:
            out.append("c:conditional")
        if token.tag_ == "MD":
            out.append(f"c:modal_{low}")
        if token.dep_ in {"nsubj", "nsubjpass", "expl"}:
            who = token.lower_ if token.lower_ in PRONOUNS else "noun"
            out.append(f"subj:{who}")
            out.append(f"subj:{who}_{token.head.tag_}")
            auxes = [c.lower_ for c in token.head.children if c.dep_ in {"aux", "auxpass"}]
            out += [f"subj:{who}_aux:{a}" for a in auxes]
        if token.dep_ == "neg":
            out.append("neg")
        if token.dep_ == "ROOT":
            out.append(f"root:{token.tag_}")
            out.append(f"root:{token.lemma_.lower()}")
    if not any(t.dep_ in {"nsubj", "nsubjpass", "expl"} for t in sentence):
        out.append("no_subject")
    lowered = " ".join(words)
    if any(f" {h} " in f" {lowered} " for h in HEDGES):
        out.append(HEDGED)
    verbs = [t for t in sentence if t.pos_ in {"VERB", "AUX"}]
    if verbs and not any(t.tag_ in {"VB", "VBP", "VBZ", "MD"} for t in verbs):
        out.append(PAST_ONLY)  # "we had disks filling up and we just kept adding disk"
    if OPTIONS_LISTED.search(lowered):
        out.append(NO_VERDICT)
    if any(_NUMBER.search(t.text) or t.like_num for t in sentence):
        out.append("number")
    if sentence.text.rstrip().endswith("?"):
        out.append("question")
    out.append(f"kind:{kind}")
    opens = sentence.start == sentence.sent.start
    if index == 0 and opens:
        out.append("pos:first")
    elif index == 1 and opens:
        out.append("pos:second")
    if index == count - 1 and sentence.end == sentence.sent.end:
        out.append("pos:last")
    if words_before < WINDOW_WORDS:
        out.append("pos:window")
    # where in the answer, by words (sentence counts differ between a punctuated text and
    # the same words run together)
    out.append(f"rel:{min(4, int(5 * words_before / max(total_words, 1)))}")
    out.append(f"len:{min(3, len(words) // 10)}")
    out += [f"rule:{r}" for r in sorted(rules)]
    out += [f"p:{p}" for p in sorted(phrases)]
    return out


@dataclass(frozen=True)
class Row:
    """A sentence, or a clause of a long one, with its features."""

    span: Span
    features: list[str]
    words_before: int  # words of the answer before it
    sentence: int  # index of its sentence


# A sentence this long (in words) is also judged clause by clause: a transcript without
# punctuation runs several sentences together ("... replaced it within 25 minutes sign-ins
# recovered right away"), and the part is then one clause of it. 25 words is well over the
# development answers' median sentence (14 words).
LONG_SENTENCE_WORDS = 25
MIN_CLAUSE_WORDS = 5


def clauses(sentence: Span) -> list[Span]:
    """The clauses of a long sentence: a cut before each further subject with its own verb
    (and the "and", "so" or "because" that joins it); none for a short sentence."""
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    if len(words) < LONG_SENTENCE_WORDS:
        return []
    cuts: list[int] = []
    for token in sentence:
        if token.dep_ not in {"nsubj", "nsubjpass", "expl"} or token.head.pos_ not in {"VERB", "AUX"}:
            continue
        start = token.left_edge.i
        before = token.doc[start - 1] if start > sentence.start else None
        if before is not None and before.dep_ in {"cc", "mark"}:
            start -= 1
        if start - sentence.start >= MIN_CLAUSE_WORDS and (not cuts or start - cuts[-1] >= MIN_CLAUSE_WORDS):
            cuts.append(start)
    bounds = [sentence.start, *cuts, sentence.end]
    spans = [sentence.doc[a:b] for a, b in pairwise(bounds)]
    return spans if len(spans) > 1 else []


def sentence_table(document: Document, kind: str, rule_hits: dict[str, tuple[int, int] | None]) -> list[Row]:
    """A row for every sentence of the answer, and for each clause of a long one."""
    sentences = document.sentences
    phrase_starts = {
        name: [h[0] for h in find_phrases(document, phrases)] for name, phrases in PHRASE_LISTS.items()
    }
    rows = []
    before = 0
    total = sum(1 for t in document.doc if not (t.is_punct or t.is_space))
    for index, sentence in enumerate(sentences):
        for span in [sentence, *clauses(sentence)]:
            fired = frozenset(
                part for part, hit in rule_hits.items() if hit is not None and span.start <= hit[0] < span.end
            )
            said = frozenset(
                name
                for name, starts in phrase_starts.items()
                if any(span.start <= i < span.end for i in starts)
            )
            at = before + sum(
                1 for t in sentence.doc[sentence.start : span.start] if not (t.is_punct or t.is_space)
            )
            features = sentence_features(span, index, len(sentences), at, kind, fired, said, total)
            if span is not sentence:
                features.append("clause")
            rows.append(Row(span, features, at, index))
        before += sum(1 for t in sentence if not (t.is_punct or t.is_space))
    return rows


# Words too common to explain a verdict to a person ("i", "the"), though they carry weight.
_PLAIN_WORDS = frozenset({
    "a", "an", "the", "i", "we", "it", "to", "of", "and", "in", "on", "for", "was", "is", "my", "our",
    "that", "this", "with", "at", "as", "be", "by", "so", "me", "us", "you", "they", "he", "she",
})  # fmt: skip


# Features a part's classifier does not see. Where a recommendation sits is the window's
# business (it must come first, and a late one is still a recommendation); with position,
# the classifier learns that real answers mostly open with one and calls any opening one.
DROPPED = {"recommendation": ("pos:", "rel:")}


PAST_ONLY = "tense:past_only"
HEDGED = "hedged"
NO_VERDICT = "no_verdict"
# "there are a lot of ways to handle it", "it depends": options or a dodge, not a verdict
OPTIONS_LISTED = re.compile(
    r"\b(?:there (?:are|is|s|'s) (?:a lot of|lots of|many|so many|several|a bunch of|a few|different|"
    r"multiple)(?: \w+)? (?:ways|options|things|approaches|stuff|tools|choices|strategies)|"
    r"it (?:really )?depends|there's no (?:one|single|right) answer)\b"
)
# A suggestion wrapped in these is not a decision (docs/labelling.md, recommendation_first)
HEDGES = ("maybe", "perhaps", "i guess", "not sure", "i don't know", "kind of", "sort of")


def eligible(part: str, features: list[str]) -> bool:
    """Whether a sentence may hold the part at all: a recommendation is a committed piece
    of advice, a plan or a practice, so a sentence told wholly in the past ("We used
    Kubernetes and Jenkins.") or hedged ("we could maybe use canaries, I guess") is not
    one, whatever its words; nor is a sentence that lists options or says it depends."""
    return not (
        part == "recommendation" and (PAST_ONLY in features or HEDGED in features or NO_VERDICT in features)
    )


def part_features(part: str, features: list[str]) -> list[str]:
    drop = DROPPED.get(part)
    return [f for f in features if not f.startswith(drop)] if drop else features


def _telling(feature: str) -> bool:
    """A word or word pair a person can read as a reason: not "the", "to the" or a number."""
    if feature[:2] not in {"w:", "b:"}:
        return False
    words = feature[2:].split("_")
    return all(w not in _PLAIN_WORDS and w != "<num>" and w not in FILLER_WORDS for w in words)


def _why_model(model: LinearModel, features: list[str], probability: float) -> str:
    """ "classifier 0.83, yes from 0.45 (“learned”, “next time”)": the score against the
    part's threshold, and the words that weighed most."""
    cues = [
        f.split(":", 1)[1].replace("_", " ")
        for f in model.explain([f for f in features if _telling(f)], top=3)
    ]
    said = ", ".join(f"“{c}”" for c in cues)
    return f"classifier {probability:.2f}, yes from {model.threshold:.2f}" + (
        f" ({said})" if said else " (from the sentence's shape, no single word)"
    )


def decide(
    document: Document,
    kind: str,
    rule_hits: dict[str, tuple[int, int] | None],
    parts: tuple[str, ...],
    models: ModelSet | None = None,
    avoid: dict[str, str] | None = None,
) -> dict[str, Decision | None]:
    """Each part's decision by the method chosen for it (`trained/judgements.json`).

    rule_hits: each part's rule hit as a token range (None when the rule found nothing).
    For "recommendation" the decision is the first sentence judged a recommendation,
    wherever it is; whether it came first is the caller's (the window is the caller's).
    avoid: part -> an earlier part in `parts` whose sentence the classifier picks for it only
    when no other sentence passes ({"result": "reflection"}: the outcome is looked for
    outside the lesson's sentence first)."""
    models = models or load_models("judgements")
    table = sentence_table(document, kind, rule_hits)
    out: dict[str, Decision | None] = {}
    for part in parts:
        methods = models.trained_on.get("methods", {})
        method = str(methods.get(part, "rules")) if isinstance(methods, dict) else "rules"
        hit = rule_hits.get(part)
        rule_decision = None
        if hit is not None:
            index = next((r.sentence for r in table if r.span.start <= hit[0] < r.span.end), 0)
            rule_decision = Decision(hit[0], hit[1], "rule", index)
        model = models.models.get(part)
        model_decision = None
        other = out.get((avoid or {}).get(part, ""))
        avoided = {other.sentence} if other is not None else set()
        if model is not None and method != "rules" and table:
            scored = [
                (model.probability(part_features(part, r.features)), k)
                for k, r in enumerate(table)
                if eligible(part, r.features) and _says_something(r.span)
            ]
            passing = [(p, k) for p, k in scored if p >= model.threshold]
            elsewhere = [(p, k) for p, k in passing if table[k].sentence not in avoided]
            passing = elsewhere or passing
            if passing:
                # a recommendation is the first one given; other parts, the surest sentence
                p, k = passing[0] if part == "recommendation" else max(passing)
                row = table[k]
                why = _why_model(model, part_features(part, row.features), p)
                model_decision = Decision(row.span.start, row.span.end, why, row.sentence)
        if method == "rules":
            out[part] = rule_decision
        elif method == "model":
            out[part] = model_decision
        elif rule_decision is None or model_decision is None:  # "either"
            out[part] = rule_decision or model_decision
        elif part == "recommendation":
            # both found one: the earlier is where the recommendation was first given
            out[part] = min(rule_decision, model_decision, key=lambda d: (d.sentence, d.start))
        elif model_decision.sentence in avoided and rule_decision.sentence not in avoided:
            out[part] = rule_decision  # the classifier's only pick is another part's sentence
        else:
            # both found it: quote the sentence the classifier is surest of, which on the
            # development answers shows the labelled part more often than the rule's match
            out[part] = model_decision
    return out


MIN_PART_WORDS = 3  # "Yes." or "Kubernetes." is no situation and no recommendation


def _says_something(span: Span) -> bool:
    return sum(1 for t in span if t.is_alpha) >= MIN_PART_WORDS


def words_before(document: Document, token_index: int) -> int:
    """Spoken words before a token (punctuation and filled pauses not counted)."""
    return sum(
        1
        for t in document.doc[:token_index]
        if not (t.is_punct or t.is_space) and t.lower_ not in FILLED_PAUSES
    )
