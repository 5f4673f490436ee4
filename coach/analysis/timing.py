"""Duration, pace and pauses from word timestamps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coach.config import AnalysisOptions
from coach.transcribe import FILLED_PAUSES, Transcript

Verdict = Literal["short", "on_target", "long"]


@dataclass(frozen=True)
class Pause:
    start_s: float
    end_s: float

    @property
    def length_s(self) -> float:
        return round(self.end_s - self.start_s, 3)


@dataclass(frozen=True)
class Timing:
    """How the answer used its time.

    duration_s: from the start of the recording to the end of the last word (the answer's
        length as an interviewer experiences it; trailing silence is not counted).
    speaking_s: time spent speaking: first to last word, minus gaps of at least
        `articulation_gap_s`.
    wpm: words (filled pauses excluded) per minute of duration_s.
    articulation_wpm: the same words per minute of speaking_s.
    """

    duration_s: float
    speaking_s: float
    first_word_s: float
    word_count: int
    wpm: float
    articulation_wpm: float
    pauses: tuple[Pause, ...]
    verdict: Verdict
    target_s: tuple[float, float]


def verdict_for(duration_s: float, target_s: tuple[float, float]) -> Verdict:
    if duration_s < target_s[0]:
        return "short"
    if duration_s > target_s[1]:
        return "long"
    return "on_target"


def analyze_timing(
    transcript: Transcript, options: AnalysisOptions, target_s: tuple[float, float] | None = None
) -> Timing | None:
    """None for typed transcripts, which carry no times."""
    words = [w for w in transcript.words if w.start_s is not None and w.end_s is not None]
    if not words:
        return None
    window = target_s or options.target_window_s
    starts = [w.start_s for w in words if w.start_s is not None]
    ends = [w.end_s for w in words if w.end_s is not None]
    gaps = [(ends[i], starts[i + 1]) for i in range(len(words) - 1)]
    pauses = tuple(Pause(a, b) for a, b in gaps if b - a >= options.min_pause_s)
    silent_s = sum(b - a for a, b in gaps if b - a >= options.articulation_gap_s)
    duration_s = ends[-1]
    speaking_s = max(ends[-1] - starts[0] - silent_s, 0.001)
    lexical = sum(1 for w in words if w.norm and w.norm not in FILLED_PAUSES)
    return Timing(
        duration_s=round(duration_s, 2),
        speaking_s=round(speaking_s, 2),
        first_word_s=round(starts[0], 2),
        word_count=lexical,
        wpm=round(lexical / duration_s * 60, 1) if duration_s > 0 else 0.0,
        articulation_wpm=round(lexical / speaking_s * 60, 1),
        pauses=pauses,
        verdict=verdict_for(duration_s, window),
        target_s=window,
    )
