"""Partial attempts: an answer whose recording was cut short (Ctrl-C, SIGTERM, `kill -9`, a
vanished device, a full disk) is kept and marked partial, and takes no part in comparisons,
trends or the practice schedule unless asked for with --include-partial."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from coach import history
from coach.paths import recordings_dir
from coach.progress import progress
from coach.recovery import cut_short, mark_pending, mark_recorded
from tests.conftest import SPEECH_DIR, needs_pulse, needs_speech, run_coach
from tests.terminal import Terminal, play, settle

QUESTION = "cicd-deployment-reliability"
COMPARED = "Since your last attempt"
ANSWER = (
    "I would use a canary release for every deploy. "
    "The tradeoff is slower rollouts, but the blast radius stays small. "
    "We would watch error rates and roll back automatically."
)


def _speech_wav(where: Path) -> Path:
    """Eleven seconds of real speech as a 16 kHz WAV, as coach records one."""
    samples, rate = sf.read(str(SPEECH_DIR / "jfk" / "jfk.flac"), dtype="float32")
    samples = samples.mean(axis=1) if samples.ndim == 2 else samples
    where.parent.mkdir(parents=True, exist_ok=True)
    sf.write(str(where), np.asarray(samples, np.float32), rate, subtype="PCM_16")
    return where


@needs_speech
def test_only_a_recording_cut_short_is_partial(tmp_path: Path) -> None:
    """A marker without a stop is a recording cut short, whichever command stores it
    (`recover`, or `analyze` on the kept file); one whose stop rule fired before the
    interruption (Ctrl-C during the analysis) is whole."""
    cut = _speech_wav(recordings_dir() / "cut.wav")
    whole = _speech_wav(recordings_dir() / "whole.wav")
    kept = _speech_wav(recordings_dir() / "kept.wav")
    for wav in (cut, whole, kept):
        mark_pending(wav, QUESTION, "ignored", "technical")
    mark_recorded(whole, "silence")
    assert not cut_short(cut)  # this process's own recording reached its end
    analyzed = run_coach("analyze", str(kept), "-q", QUESTION, "--json")
    assert analyzed.returncode == 0, analyzed.stderr
    assert json.loads(analyzed.stdout)["partial"] is True
    recovered = run_coach("recover", "--json")
    assert recovered.returncode == 0, recovered.stderr
    by_path = {Path(a["audio"]["path"]).name: a for a in json.loads(recovered.stdout)}
    assert by_path["cut.wav"]["partial"] is True and by_path["whole.wav"]["partial"] is False
    assert by_path["cut.wav"]["comparison"] == {"last": None, "best": None}
    assert by_path["whole.wav"]["comparison"]["last"] is None  # the partial ones before it are left out
    rows = {Path(r["audio_path"]).name: r for r in json.loads(run_coach("history", "--json").stdout)}
    assert (rows["kept.wav"]["partial"], rows["cut.wav"]["partial"], rows["whole.wav"]["partial"]) == (
        True,
        True,
        False,
    )
    complete = json.loads(run_coach("history", "--json", "--complete-only").stdout)
    assert [Path(r["audio_path"]).name for r in complete] == ["whole.wav"]


def _partial_then_whole(nlp) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """A whole answer, a partial one, then a whole one again, stored as coach stores them."""
    from coach.analysis import analyze
    from coach.feedback import make_feedback
    from coach.questions import load_bank
    from coach.report.json import answer_dict
    from coach.session import AnswerResult
    from coach.transcribe import transcript_from_text

    question = next(q for q in load_bank([]) if q.id == QUESTION)

    def data(text: str) -> dict:  # type: ignore[type-arg]
        analysis = analyze(transcript_from_text(text), question, nlp)
        return answer_dict(AnswerResult(analysis, make_feedback(analysis)))

    first = history.save_answer(data(ANSWER), mode="practice")
    cut = history.save_answer({**data("Um, so, I would"), "partial": True}, mode="recovered")
    last = history.save_answer(data(ANSWER), mode="practice")
    return first, cut, last


def test_partial_attempts_stay_out_of_comparisons_trends_and_the_schedule(nlp) -> None:  # type: ignore[no-untyped-def]
    from coach.progress import comparison

    first, cut, last = _partial_then_whole(nlp)
    stored = history.get(last).data
    assert comparison(stored, last)["last"]["attempt_id"] == first
    assert comparison(stored, last, include_partial=True)["last"]["attempt_id"] == cut
    assert comparison(history.get(cut).data, cut) == {"last": None, "best": None}
    now = datetime.now(UTC)
    scores = progress(history.attempts(), now).trends[0].values
    assert (
        len(scores) == 2
        and len(progress(history.attempts(), now, include_partial=True).trends[0].values) == 3
    )
    [due] = progress(history.attempts(), now).next_up
    assert due.attempts == 2
    listed = json.loads(run_coach("progress", "--json").stdout)
    assert len(listed["trends"][0]["values"]) == 2
    with_partial = json.loads(run_coach("progress", "--json", "--include-partial").stdout)
    assert len(with_partial["trends"][0]["values"]) == 3
    shown = run_coach("show", str(last))
    assert f"{COMPARED} (attempt {first}" in shown.stdout
    assert f"{COMPARED} (attempt {cut}" in run_coach("show", str(last), "--include-partial").stdout
    note = run_coach("show", str(cut)).stdout
    assert "Partial" in note and COMPARED not in note


def test_when_every_attempt_is_partial_progress_says_so(nlp) -> None:  # type: ignore[no-untyped-def]
    first, _cut, last = _partial_then_whole(nlp)
    history.forget([first, last])
    proc = run_coach("progress")
    assert proc.returncode == 0, proc.stderr
    assert "only partial attempts" in proc.stdout and "--include-partial" in proc.stdout


@pytest.fixture(scope="module")
def long_answer(spoken: Callable[[str], Path]) -> Path:
    """About 20 s of speech: long enough to be cut off in the middle."""
    return spoken(f"{ANSWER} {ANSWER} {ANSWER}")


@needs_pulse
def test_an_answer_cut_short_by_ctrl_c_is_partial_and_not_your_last_attempt(
    long_answer: Path, tmp_path: Path
) -> None:
    practice = Terminal(
        "practice", "--no-speak", "--no-probe", "-q", QUESTION, "--silence-stop-s", "8", "--max-seconds", "60"
    )
    practice.expect("Recording")
    player = play(long_answer, wait=False)
    settle(6)
    practice.ctrl_c()
    assert practice.wait() == 130, practice.screen()
    if player is not None:
        player.kill()

    recover = Terminal("recover", columns=100)
    assert recover.wait() == 0, recover.screen()
    assert "Partial: the recording was cut short" in recover.screen()
    assert COMPARED not in recover.screen()

    whole = shutil.copy(long_answer, tmp_path / "whole.wav")
    again = Terminal("analyze", str(whole), "-q", QUESTION, columns=100)
    assert again.wait() == 0, again.screen()
    assert COMPARED not in again.screen() and "Against your best" not in again.screen()

    listing = Terminal("history", columns=100)
    assert listing.wait() == 0
    rows = [line for line in listing.screen().splitlines() if "If deployments were" in line]
    assert len(rows) == 2
    assert "recovered" in rows[1] and "partial" in rows[1] and "partial" not in rows[0]

    trends = Terminal("progress", columns=100)
    assert trends.wait() == 0
    assert re.search(r"\b1 attempt\b", trends.screen().split("Practise next", 1)[1])
    counted = Terminal("progress", "--include-partial", columns=100)
    assert counted.wait() == 0
    assert re.search(r"\b2 attempts\b", counted.screen().split("Practise next", 1)[1])


def test_a_partial_attempt_says_nothing_about_resume_readiness() -> None:
    from coach.history import Attempt
    from coach.resume.plan import attempt_views

    def attempt(n: int, partial: bool) -> Attempt:
        data = {"question": {"source_bullet": "Cut build time from 18 to 7 minutes."}, "resume": {}}
        return Attempt(
            n, "2026-01-01T00:00:00", "practice", "resume-x", "Take me through it.", "behavioral",
            30.0, 1.0, 1, 150.0, 40.0, None, None, data, {}, partial=partial,
        )  # fmt: skip

    assert [v.id for v in attempt_views([attempt(1, True), attempt(2, False)])] == [2]
