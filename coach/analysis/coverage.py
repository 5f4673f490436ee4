"""Key-point coverage: which of the question's answer angles the answer touched.

Each key point lists phrasings; a phrasing counts when the answer says it in its own or
other words (see `coach.analysis.paraphrase`): "the deploy reverts on its own" covers
"automatic rollback". The evidence is the phrasing that matched, quoted with its time.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.analysis.document import Document, Evidence, quote_around
from coach.analysis.paraphrase import find_paraphrases
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
        hits = find_paraphrases(document, point.phrases)
        if hits:
            first = hits[0]
            covered.append(
                CoveredPoint(
                    point.label,
                    first.phrase,
                    quote_around(document, first.start, first.end, before=4, after=6),
                )
            )
        else:
            missed.append(point.label)
    return Coverage(tuple(covered), tuple(missed))


# Operational topics an interviewer probes for when a technical answer leaves them out
# (see coach.probes); matched like key points, word by word, so "it rolls back
# automatically" is a rollback plan. (Tradeoffs come from the structure check.)
TOPICS: dict[str, tuple[str, ...]] = {
    "rollback": ("rollback", "roll forward", "previous version", "fail back", "kill switch"),
    "monitoring": (
        "monitor", "alert", "metric", "dashboard", "slo", "sli", "observability", "telemetry",
        "error rate", "health check",
    ),
}  # fmt: skip


def mentioned_topics(document: Document) -> frozenset[str]:
    """The TOPICS the answer touches."""
    return frozenset(topic for topic, phrases in TOPICS.items() if find_paraphrases(document, phrases))
