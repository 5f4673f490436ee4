"""A person's session, walked through in a real terminal (a pty) with answers played into
the private PulseAudio server: what each command shows, in the order a person sees it."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.interview import plan_mock, plan_tonight
from coach.questions import load_bank
from tests.conftest import SPEECH_DIR, needs_pulse, needs_speech
from tests.terminal import Terminal, play

ANSWER = (
    "I would make every deploy a canary first. We watch the error rate for ten minutes, and the "
    "pipeline rolls back on its own if it climbs. The tradeoff is slower releases, but the blast "
    "radius stays small."
)
BANK = load_bank()
DEPLOY = next(q for q in BANK if q.id == "cicd-deployment-reliability")


@pytest.fixture(scope="module")
def answer_wav(spoken: Callable[[str], Path]) -> Path:
    return spoken(ANSWER)


def _words(text: str, n: int = 6) -> str:
    """A pattern for the first words of a text, across a line break the terminal may add."""
    return r"\s+".join(re.escape(w) for w in text.split()[:n])


def _wavs(home: Path) -> list[Path]:
    return sorted((home / "recordings").glob("*.wav")) if (home / "recordings").is_dir() else []


def _practice(*extra: str) -> Terminal:
    return Terminal(
        "practice", "-q", DEPLOY.id, "--no-speak", "--no-probe", "--silence-stop-s", "1.5", *extra
    )


@needs_pulse
def test_practice_shows_the_question_records_and_gives_feedback(answer_wav: Path, coach_home: Path) -> None:
    terminal = _practice()
    try:
        terminal.expect(_words(DEPLOY.text))
        terminal.expect("Recording")  # the question came first
        play(answer_wav)
        terminal.expect("Feedback")
        assert terminal.wait() == 0
    finally:
        terminal.close()
    assert "canary" in terminal.screen().lower()


@needs_pulse
def test_mock_shows_each_question_asks_as_many_as_asked_and_names_them(
    answer_wav: Path, coach_home: Path
) -> None:
    planned = plan_mock(BANK, "full", 2, random.Random(4))
    terminal = Terminal("mock", "--round", "full", "-n", "2", "--no-speak", "--seed", "4", timeout_s=240)
    try:
        for number, question in enumerate(planned, start=1):
            terminal.expect(rf"Question {number} of 2:\s+" + _words(question.text))
            terminal.expect("Recording")
            play(answer_wav)
            terminal.expect(r"Follow-up \(")  # the probe's own words are on screen too
            terminal.expect("Recording")
            terminal.press_enter()  # no answer to the follow-up
        terminal.expect("answers on target")
        assert terminal.wait() == 0
    finally:
        terminal.close()
    screen = terminal.screen()
    assert "Question 3" not in screen
    summary = screen[screen.rindex("mock interview") :]
    for question in planned:  # the summary names each question by its words
        assert re.search(_words(question.text, 3), summary), summary


@needs_pulse
def test_tonight_shows_the_question_before_recording(coach_home: Path) -> None:
    first = plan_tonight(BANK, random.Random(1))[0]
    terminal = Terminal("tonight", "--no-speak", "--seed", "1")
    try:
        terminal.expect(r"Question 1 of \d+:\s+" + _words(first.text))
        terminal.expect("Recording")
        terminal.ctrl_c()
        assert terminal.wait() == 130
    finally:
        terminal.close()
    assert "nothing was recorded" in terminal.screen().strip().splitlines()[-1]
    assert _wavs(coach_home) == []


@needs_pulse
def test_enter_at_once_keeps_nothing(coach_home: Path) -> None:
    terminal = _practice()
    try:
        terminal.expect("Recording")
        terminal.press_enter()
        assert terminal.wait() == 1
    finally:
        terminal.close()
    assert "before any answer: nothing was kept" in terminal.screen()
    assert _wavs(coach_home) == []
    assert not list((coach_home / "recordings").glob("*.pending.json"))


@needs_pulse
def test_r_then_enter_reads_the_question_again_and_starts_over(answer_wav: Path, coach_home: Path) -> None:
    terminal = _practice("--json")
    try:
        terminal.expect("Recording")
        terminal.send("r\r")
        terminal.expect(r"The question again:\s+" + _words(DEPLOY.text))
        terminal.expect("Recording")
        play(answer_wav)
        assert terminal.wait() == 0
    finally:
        terminal.close()
    assert len(_wavs(coach_home)) == 1  # the dropped take is gone


@needs_pulse
def test_a_probe_is_shown_with_its_words(answer_wav: Path) -> None:
    terminal = Terminal("practice", "-q", DEPLOY.id, "--no-speak", "--probe", "--silence-stop-s", "1.5")
    try:
        terminal.expect("Recording")
        play(answer_wav)
        shown = terminal.expect(r"Follow-up \([^)]*\):\s+\S+[^\n]*")
        terminal.expect("Recording")
        terminal.press_enter()
        assert terminal.wait() == 0
    finally:
        terminal.close()
    assert "?" in shown


@needs_speech
def test_ctrl_c_during_analyze_says_so(coach_home: Path) -> None:
    recording = max(SPEECH_DIR.rglob("*.wav"), key=lambda p: p.stat().st_size)  # minutes to analyze
    terminal = Terminal("analyze", str(recording))
    try:
        time.sleep(2.0)
        terminal.ctrl_c()
        assert terminal.wait() == 130
    finally:
        terminal.close()
    last = terminal.screen().replace("^C", "").strip().splitlines()[-1]
    assert last.startswith("interrupted")


@needs_pulse
def test_ctrl_c_during_the_follow_up_keeps_the_answer_before_it(answer_wav: Path, coach_home: Path) -> None:
    """The answer is stored as soon as it is analyzed, before its follow-up is asked."""
    import json

    from tests.conftest import run_coach

    terminal = Terminal("mock", "--round", "technical", "-n", "1", "--no-speak", "--seed", "2")
    try:
        terminal.expect("Recording")
        play(answer_wav)
        terminal.expect(r"Follow-up \(")
        terminal.expect("Recording")
        terminal.ctrl_c()
        assert terminal.wait() == 130
    finally:
        terminal.close()
    stored = json.loads(run_coach("history", "--json").stdout)
    assert len(stored) == 1, stored
    assert not list((coach_home / "recordings").glob("*.pending.json"))  # nothing left to recover
