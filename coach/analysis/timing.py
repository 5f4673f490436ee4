"""Duration, pace and pauses from word timestamps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coach.acoustics import Acoustics
from coach.config import TARGET_WINDOW_S, AnalysisOptions
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

    With the audio at hand, times come from voice activity (Silero VAD), which places
    speech and silence to within a few tens of milliseconds; Whisper's word timestamps
    stretch across pauses. Without it (a word list only), word times are used.

    All times are in seconds from the start of the recording.

    duration_s: from the start of the recording to the end of the last speech (the
        recording's length as the interviewer sat through it; trailing silence not counted).
    answer_s: the answer as spoken, from the first word to the end of the last speech;
        the silence before the first word is not part of it. `verdict` judges this.
    speaking_s: time spent speaking between the first and the last speech, without the
        silences of at least `articulation_gap_s`.
    first_word_s: when the first word began (the silence after the cue is its own habit,
        see AnalysisOptions.late_start_s).
    wpm: words (filled pauses excluded) per minute of answer_s: pace overall, pauses
        within the answer included, the wait before it not.
    articulation_wpm: the same words per minute of speaking_s.
    verdict: answer_s against target_s (the question's window, see LengthPolicy).
    """

    duration_s: float
    answer_s: float
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


def _speech_spans(
    acoustics: Acoustics, first_word_s: float, last_word_s: float, margin_s: float
) -> list[tuple[float, float]]:
    """Speech segments that belong to the answer: those overlapping its words' span."""
    return [
        (a, b) for a, b in acoustics.speech if b >= first_word_s - margin_s and a <= last_word_s + margin_s
    ]


def analyze_timing(
    transcript: Transcript,
    options: AnalysisOptions,
    target_s: tuple[float, float] | None = None,
    acoustics: Acoustics | None = None,
) -> Timing | None:
    """None for typed transcripts, which carry no times."""
    words = [w for w in transcript.words if w.start_s is not None and w.end_s is not None]
    if not words:
        return None
    window = target_s or options.target_window_s or TARGET_WINDOW_S
    # times in order and never ending before they start, whatever the decoder produced
    times = sorted((max(0.0, w.start_s or 0.0), max(0.0, w.start_s or 0.0, w.end_s or 0.0)) for w in words)
    starts = [start for start, _ in times]
    ends = [end for _, end in times]
    spans = _speech_spans(acoustics, starts[0], max(ends), options.speech_margin_s) if acoustics else []
    if not spans:
        spans = [(starts[0], ends[0])]
        for start, end in zip(starts[1:], ends[1:], strict=True):
            if start - spans[-1][1] >= options.articulation_gap_s:
                spans.append((start, end))
            else:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
    gaps = [(spans[i][1], spans[i + 1][0]) for i in range(len(spans) - 1)]
    pauses = tuple(Pause(round(a, 2), round(b, 2)) for a, b in gaps if b - a >= options.min_pause_s)
    first_s, last_s = spans[0][0], spans[-1][1]
    speaking_s = sum(b - a for a, b in spans)
    duration_s = last_s
    answer_s = last_s - first_s
    lexical = sum(1 for w in words if w.norm and w.norm not in FILLED_PAUSES)
    return Timing(
        duration_s=round(duration_s, 2),
        answer_s=round(answer_s, 2),
        speaking_s=round(speaking_s, 2),
        first_word_s=round(first_s, 2),
        word_count=lexical,
        wpm=round(lexical / answer_s * 60, 1) if answer_s > 0 else 0.0,
        articulation_wpm=round(lexical / max(speaking_s, 0.001) * 60, 1),
        pauses=pauses,
        verdict=verdict_for(answer_s, window),
        target_s=window,
    )
