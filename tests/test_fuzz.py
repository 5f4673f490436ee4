"""Property tests over the analyzers: whatever words, times and text arrive, analysis
returns, and its figures stay within bounds. CI runs a short profile; `scripts/fuzz` runs
the long one (HYPOTHESIS_PROFILE=long)."""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.acoustics import Acoustics, reconcile_fillers
from coach.analysis import analyze
from coach.feedback import make_feedback
from coach.questions import Claim, Question
from coach.report.json import to_dict
from coach.transcribe import Transcript, Word

settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

VOCABULARY = [
    "um", "uh", "like", "so", "you", "know", "I", "we", "would", "recommend", "canary", "because", "but",
    "tradeoff", "rolled", "back", "the", "outage", "40", "percent", "result", "learned", "Kubernetes", ",",
    ".", "?", "hm", "basically", "actually", "first", "then", "finally", "situation", "my", "task",
]  # fmt: skip
words_text = st.one_of(st.sampled_from(VOCABULARY), st.text(min_size=0, max_size=12))
times = st.one_of(st.none(), st.floats(min_value=-5, max_value=1e4, allow_nan=False, allow_infinity=False))


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    count = draw(st.integers(min_value=0, max_value=400))
    timed = draw(st.booleans())
    words = []
    for _ in range(count):
        start = draw(times) if timed else None
        end = draw(times) if timed else None
        words.append(
            Word(
                draw(words_text),
                start,
                end,
                draw(st.floats(min_value=0, max_value=1)),
                draw(st.sampled_from(["whisper", "acoustic"])),
            )
        )
    duration = draw(st.one_of(st.none(), st.floats(min_value=0, max_value=1e4)))
    return Transcript(tuple(words), duration_s=duration)


QUESTIONS = [
    Question("t", "How would you ship this safely?", "technical"),
    Question("b", "Tell me about an outage.", "behavioral", claim=Claim("Cut MTTR by 40%.", ("40%",))),
]


@given(transcript=transcripts(), question=st.sampled_from(QUESTIONS))
def test_analysis_never_raises_and_stays_in_bounds(nlp, transcript: Transcript, question: Question) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(transcript, question, nlp)
    tips = make_feedback(analysis)
    assert 1 <= len(tips) <= 3
    data = to_dict(analysis, tips, None, None)
    fillers = data["fillers"]
    assert fillers["count"] >= 0 and 0 <= fillers["share_of_words"] <= 1
    assert fillers["per_minute"] is None or fillers["per_minute"] >= 0
    timing = data["timing"]
    if timing is not None:
        assert timing["duration_s"] >= 0 and timing["speaking_s"] >= 0 and timing["wpm"] >= 0
        assert timing["speaking_s"] <= timing["duration_s"] + 1e-6
        for pause in timing["pauses"]:
            assert 0 <= pause["start_s"] <= pause["end_s"] <= timing["duration_s"] + 1e-6
    if data["star"] is not None and data["star"]["i_we_ratio"] is not None:
        assert 0 <= data["star"]["i_we_ratio"] <= 1
    if data["resume"] is not None:
        assert set(data["resume"]["numbers_said"]) <= set(data["resume"]["numbers_claimed"])


@given(
    transcript=transcripts(),
    speech=st.lists(st.tuples(st.floats(0, 500), st.floats(0, 500)), max_size=30),
)
def test_filler_reconciliation_never_raises(
    transcript: Transcript, speech: list[tuple[float, float]]
) -> None:
    from coach.transcribe import FILLED_PAUSES

    acoustics = Acoustics(transcript.duration_s or 0.0, tuple(sorted(speech)), ())
    out = reconcile_fillers(transcript, acoustics)
    # every word that is not a filled pause survives (re-sorted by time); with no voiced
    # stretches to add from, fillers can only be kept or dropped
    lexical = Counter(w for w in transcript.words if w.norm not in FILLED_PAUSES)
    assert Counter(w for w in out.words if w.norm not in FILLED_PAUSES) == lexical
    assert len(out.words) <= len(transcript.words)


@given(text=st.text(max_size=3000))
def test_typed_text_of_any_kind_is_analyzed(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    from coach.transcribe import transcript_from_text

    analysis = analyze(transcript_from_text(text), QUESTIONS[1], nlp)
    assert analysis.timing is None  # typed text carries no times
    assert 0 <= analysis.fillers.share_of_words <= 1
    assert analysis.fillers.count <= len(analysis.transcript.words)


def test_a_huge_transcript_is_analyzed_within_bounds(nlp) -> None:  # type: ignore[no-untyped-def]
    """Twenty thousand words, about two hours of talk, with times running backwards in places."""
    words = []
    for n in range(20_000):
        start = n * 0.35 if n % 997 else max(0.0, n * 0.35 - 30)  # a jump back now and then
        words.append(Word(VOCABULARY[n % len(VOCABULARY)], start, start + 0.3, 0.9))
    analysis = analyze(Transcript(tuple(words), duration_s=7000.0), QUESTIONS[1], nlp)
    data = to_dict(analysis, make_feedback(analysis), None, None)
    assert data["timing"]["duration_s"] <= 20_000 * 0.35 + 1 and data["timing"]["verdict"] == "long"
    assert 0 <= data["fillers"]["share_of_words"] <= 1 and data["fillers"]["count"] > 1000
