from __future__ import annotations

from coach.analysis.timing import analyze_timing, verdict_for
from coach.config import AnalysisOptions
from coach.transcribe import Transcript, Word, transcript_from_text


def _words(spec: list[tuple[str, float, float]]) -> Transcript:
    return Transcript(tuple(Word(t, s, e) for t, s, e in spec), duration_s=spec[-1][2] + 4)


def test_pauses_paces_and_first_word() -> None:
    transcript = _words(
        [
            ("I'd", 2.0, 2.3),
            ("use", 2.3, 2.6),
            ("um", 2.6, 3.0),
            ("canaries", 3.0, 3.6),
            ("because", 5.1, 5.5),
            ("risk", 5.5, 6.0),
        ]
    )
    timing = analyze_timing(transcript, AnalysisOptions())
    assert timing is not None
    assert timing.first_word_s == 2.0
    assert [(p.start_s, p.end_s) for p in timing.pauses] == [(3.6, 5.1)]
    assert timing.duration_s == 6.0  # trailing silence is not part of the answer
    assert timing.speaking_s == 2.5  # 4.0 s from first to last word, minus the 1.5 s gap
    assert timing.word_count == 5  # "um" is not a word of content
    assert timing.wpm == 50.0
    assert timing.articulation_wpm == 120.0
    assert timing.verdict == "short"


def test_verdicts_against_the_window() -> None:
    assert verdict_for(59.9, (60, 90)) == "short"
    assert verdict_for(75, (60, 90)) == "on_target"
    assert verdict_for(90.5, (60, 90)) == "long"


def test_typed_transcript_has_no_timing() -> None:
    assert analyze_timing(transcript_from_text("no times here"), AnalysisOptions()) is None
