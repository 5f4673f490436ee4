"""Filled pauses from the audio: synthetic voiced tones stand in for an "uh"."""

from __future__ import annotations

import numpy as np

from coach.acoustics import AcousticOptions, measure, reconcile_fillers
from coach.audio import Audio
from coach.transcribe import Transcript, Word

RATE = 16_000


def _voice(seconds: float, f0_hz: float = 120.0) -> np.ndarray:
    """A steady, voice-like harmonic tone (a held "uh")."""
    t = np.arange(int(seconds * RATE)) / RATE
    wave = sum(np.sin(2 * np.pi * f0_hz * k * t) / k for k in range(1, 8))
    return (0.1 * wave).astype(np.float32)


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), np.float32)


def test_voiced_stretches_are_found_with_their_pitch_spread() -> None:
    audio = Audio(
        np.concatenate([_silence(0.5), _voice(0.4), _silence(0.5), _voice(0.6, 150.0), _silence(0.3)])
    )
    stretches = measure(audio).voiced
    assert len(stretches) == 2
    assert abs(stretches[0].start_s - 0.5) < 0.05 and abs(stretches[0].end_s - 0.9) < 0.05
    assert all(s.pitch_std_st < 0.2 for s in stretches)


def test_dropped_filler_is_added_and_duplicates_collapse() -> None:
    # "word" 0.5-0.9 s, a held "uh" 1.4-1.8 s that Whisper missed, "word" 2.3-2.7 s,
    # a second "uh" 3.2-3.6 s that Whisper wrote twice.
    audio = Audio(
        np.concatenate([_silence(0.5), _voice(0.4, 200), _silence(0.5), _voice(0.4), _silence(0.5),
                        _voice(0.4, 200), _silence(0.5), _voice(0.4), _silence(0.4)])
    )  # fmt: skip
    words = (
        Word("Canary", 0.5, 0.9, 0.99),
        Word("rollouts", 2.3, 2.7, 0.99),
        Word("uh,", 3.3, 3.3, 0.9),
        Word("uh,", 3.35, 3.35, 0.8),
    )
    result = reconcile_fillers(Transcript(words), measure(audio), AcousticOptions())
    fillers = [w for w in result.words if w.norm == "uh"]
    assert len(fillers) == 2
    assert fillers[0].source == "acoustic" and abs(fillers[0].start_s - 1.4) < 0.05  # type: ignore[operator]
    assert fillers[1].source == "whisper" and abs(fillers[1].start_s - 3.2) < 0.05  # type: ignore[operator]


def test_unsure_filler_over_silence_is_dropped() -> None:
    audio = Audio(np.concatenate([_voice(0.4, 200), _silence(2.0), _voice(0.4, 200)]))
    words = (Word("Yes", 0.0, 0.4, 0.99), Word("um", 1.4, 1.4, 0.2), Word("sure", 2.4, 2.8, 0.99))
    result = reconcile_fillers(Transcript(words), measure(audio))
    assert [w.text for w in result.words] == ["Yes", "sure"]
