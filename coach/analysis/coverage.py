"""Key-point coverage: which of the question's answer angles the answer touched.

Each key point lists phrasings and synonyms; they match on lemmas, so "rolled back
automatically" covers "roll back automatically", and the evidence is the matched phrase
with its time.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.analysis.document import Document, Evidence, find_phrases, quote_around
from coach.questions import KeyPoint


@dataclass(frozen=True)
class CoveredPoint:
    label: str
    phrase: str  # the key point's phrasing that matched
    evidence: Evidence


@dataclass(frozen=True)
class Coverage:
    covered: tuple[CoveredPoint, ...]
    missed: tuple[str, ...]

    @property
    def share(self) -> float | None:
        total = len(self.covered) + len(self.missed)
        return round(len(self.covered) / total, 2) if total else None


def analyze_coverage(document: Document, key_points: tuple[KeyPoint, ...]) -> Coverage:
    covered: list[CoveredPoint] = []
    missed: list[str] = []
    for point in key_points:
        hits = find_phrases(document, point.phrases)
        if hits:
            start, end, phrase = hits[0]
            covered.append(
                CoveredPoint(point.label, phrase, quote_around(document, start, end, before=4, after=6))
            )
        else:
            missed.append(point.label)
    return Coverage(tuple(covered), tuple(missed))
