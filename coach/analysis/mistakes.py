"""The mistakes interviewers hold against candidates, each found with its evidence:
tools listed without the problem they solved, a vague incident, "we" hiding your own
part, blame-shifting, rehearsed corporate phrases, a long answer wandering off the
question, defining basics instead of answering, and a story with no lesson."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.analysis.coverage import Coverage
from coach.analysis.document import Document, Evidence, find_phrases, lemma, quote_around
from coach.analysis.lexicon import (
    BLAME_PHRASES,
    CORPORATE_PHRASES,
    DEFINITION_PHRASES,
    IMPACT_WORDS,
    INCIDENT_WORDS,
    RATIONALE_WORDS,
    TOOL_NAMES,
)
from coach.analysis.star import Star
from coach.analysis.structure import Structure
from coach.analysis.timing import Timing

if TYPE_CHECKING:
    from spacy.tokens import Span

MIN_TOOLS_LISTED = 2
WANDERING_COVERAGE = 0.5


@dataclass(frozen=True)
class Mistake:
    kind: str  # tools_without_rationale, vague_incident, we_not_i, blame, corporate, wandering, defining_basics, no_reflection
    message: str
    evidence: Evidence | None


def _tools_without_rationale(document: Document) -> Mistake | None:
    """Two or more tools named in a sentence that never says why ("because", "so that", "to ...")."""
    for sentence in document.sentences:
        tools = [t for t in sentence if t.lower_ in TOOL_NAMES]
        if len({t.lower_ for t in tools}) < MIN_TOOLS_LISTED:
            continue
        following = document.doc[sentence.end : sentence.end + 12]
        why = any(_gives_reason(t) for t in [*sentence, *following])
        if not why:
            names = ", ".join(dict.fromkeys(t.text for t in tools))
            return Mistake(
                "tools_without_rationale",
                f'You listed {names} without the problem they solved. Say why each one: "we chose X because …".',
                document.evidence(sentence),
            )
    return None


def _gives_reason(token: object) -> bool:
    from spacy.tokens import Token

    assert isinstance(token, Token)
    if token.lower_ in RATIONALE_WORDS:
        return True
    # "to" + verb: "Terraform to keep environments identical"
    return token.lower_ == "to" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "VERB"


def _vague_incident(document: Document) -> Mistake | None:
    mentions = [t for t in document.doc if lemma(t) in INCIDENT_WORDS or t.lower_ in INCIDENT_WORDS]
    if not mentions:
        return None
    has_number = any(t.like_num or any(c.isdigit() for c in t.text) for t in document.doc)
    has_impact = any(lemma(t) in IMPACT_WORDS for t in document.doc)
    if has_number or has_impact:
        return None
    first = mentions[0]
    return Mistake(
        "vague_incident",
        "The incident stays vague: say who was affected, how badly (numbers) and how long it lasted.",
        quote_around(document, first.i, first.i + 1),
    )


def _phrase_mistake(document: Document, phrases: tuple[str, ...], kind: str, message: str) -> Mistake | None:
    hits = find_phrases(document, phrases)
    if not hits:
        return None
    start, end, _ = hits[0]
    return Mistake(kind, message, quote_around(document, start, end))


def _defining_basics(document: Document, structure: Structure | None) -> Mistake | None:
    opening: list[Span] = document.sentences[:2]
    for sentence in opening:
        hits = [
            h for h in find_phrases(document, DEFINITION_PHRASES) if sentence.start <= h[0] < sentence.end
        ]
        if hits and (structure is None or not structure.recommendation_first):
            return Mistake(
                "defining_basics",
                "You opened by defining the basics. The interviewer knows them: answer the question asked.",
                document.evidence(sentence),
            )
    return None


def find_mistakes(
    document: Document,
    *,
    kind: str,
    timing: Timing | None,
    structure: Structure | None,
    star: Star | None,
    coverage: Coverage,
) -> list[Mistake]:
    """Every mistake found, in the order an interviewer would weigh them."""
    found: list[Mistake | None] = [
        _defining_basics(document, structure),
        _tools_without_rationale(document),
        _vague_incident(document),
        _phrase_mistake(
            document,
            BLAME_PHRASES,
            "blame",
            "That sounds like blame. Own your part: what did you do, and change?",
        ),
        _phrase_mistake(
            document,
            CORPORATE_PHRASES,
            "corporate",
            "Rehearsed corporate phrasing; say it plainly, with the concrete detail.",
        ),
    ]
    if star is not None and star.we_actions >= 2 and star.i_actions == 0:
        found.append(
            Mistake(
                "we_not_i",
                f'Every action was "we" ({star.we_actions} of them): the interviewer cannot see your part.',
                None,
            )
        )
    if kind == "behavioral" and star is not None and star.reflection is None and star.action is not None:
        found.append(Mistake("no_reflection", "No reflection: what would you change next time?", star.result))
    share = coverage.share
    long_answer = timing is not None and timing.verdict == "long"
    if long_answer and share is not None and share < WANDERING_COVERAGE:
        found.append(
            Mistake(
                "wandering",
                f"Long and off the point: over time, yet only {len(coverage.covered)} of "
                f"{len(coverage.covered) + len(coverage.missed)} key angles covered.",
                None,
            )
        )
    return [m for m in found if m is not None]
