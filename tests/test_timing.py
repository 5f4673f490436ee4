from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from coach.analysis.timing import analyze_timing, verdict_for
from coach.config import AnalysisOptions
from coach.feedback import make_feedback
from coach.questions import load_bank
from coach.speak import synthesize
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
    assert timing.answer_s == 4.0  # nor the 2 s before the first word
    assert timing.speaking_s == 2.5  # 4.0 s from first to last word, minus the 1.5 s gap
    assert timing.word_count == 5  # "um" is not a word of content
    assert timing.wpm == 75.0  # 5 words in the 4 s from the first word
    assert timing.articulation_wpm == 120.0
    assert timing.verdict == "short"


def test_verdicts_against_the_window() -> None:
    assert verdict_for(59.9, (60, 90)) == "short"
    assert verdict_for(75, (60, 90)) == "on_target"
    assert verdict_for(90.5, (60, 90)) == "long"


def test_typed_transcript_has_no_timing() -> None:
    assert analyze_timing(transcript_from_text("no times here"), AnalysisOptions()) is None


# A technical answer that decides first, weighs a tradeoff, runs and checks it: about 25 s.
PROMPT_ANSWER = (
    "I would ship every change as a canary to five percent of traffic first. "
    "The tradeoff is a slower rollout, but the risk is much smaller. "
    "We would watch error rates and latency, and roll back automatically if they climb. "
    "To check it worked, I would track the change failure rate over a month. "
    "I am assuming a dozen services that deploy several times a day, with one platform team "
    "owning the pipeline."
)


@pytest.fixture(scope="module")
def prompt_and_late(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same synthesized answer, as said at once and after 45 s of silence."""
    folder = tmp_path_factory.mktemp("late-start")
    prompt = synthesize(PROMPT_ANSWER, folder / "prompt.wav")
    samples, rate = sf.read(prompt, dtype="float32")
    late = folder / "late.wav"
    sf.write(late, np.concatenate([np.zeros(45 * rate, dtype=np.float32), samples]), rate)
    return prompt, late


def test_silence_before_the_first_word_is_not_answer_time(coach, prompt_and_late) -> None:  # type: ignore[no-untyped-def]
    question = next(q for q in load_bank() if q.id == "cicd-deployment-reliability")
    prompt, late = (coach.analyze_file(path, question) for path in prompt_and_late)
    low, _ = question_window = prompt.analysis.timing.target_s
    late_t, prompt_t = late.analysis.timing, prompt.analysis.timing
    assert late_t.first_word_s >= 44
    assert late_t.duration_s >= low > late_t.answer_s  # long enough with the wait, short without
    assert late_t.verdict == "short" and question_window == late_t.target_s
    assert abs(late_t.answer_s - prompt_t.answer_s) < 2
    assert abs(late_t.wpm - prompt_t.wpm) < 10  # pace is judged on the answer, not the wait
    tips = [t.message for t in make_feedback(late.analysis)]
    assert any("to start" in t for t in tips), tips
    assert not any("Pick up the pace" in t for t in tips), tips


def test_an_answer_started_at_once_has_no_late_start_tip(coach, prompt_and_late) -> None:  # type: ignore[no-untyped-def]
    question = next(q for q in load_bank() if q.id == "cicd-deployment-reliability")
    timing = coach.analyze_file(prompt_and_late[0], question).analysis.timing
    assert timing.first_word_s < 2
    assert abs(timing.duration_s - timing.first_word_s - timing.answer_s) < 0.05
    assert timing.verdict == verdict_for(timing.answer_s, timing.target_s) == "short"
    analysis = coach.analyze_file(prompt_and_late[0], question).analysis
    assert not any("to start" in t.message for t in make_feedback(analysis))
