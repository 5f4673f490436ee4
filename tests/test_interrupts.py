"""Ctrl-C at random moments, in a real terminal, through the real PulseAudio server: the
question being read aloud while the models load, the recording, the analysis, a mock
interview, and `coach analyze`. Every run must end with one line and exit status 130,
never a crash, and an answer interrupted while recording must be kept for `coach recover`.

The moments are random; the seed is printed with any failure (COACH_SIGINT_SEED repeats a
run).
"""

from __future__ import annotations

import os
import random
import re
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import soundfile as sf

from coach.recovery import marker_for
from tests.conftest import SPEECH_DIR, needs_pulse, needs_speech
from tests.terminal import Terminal, play

ANSWER = (
    "I would make every deploy a canary first. We watch the error rate and latency for ten minutes, "
    "and the pipeline rolls back on its own if either one gets worse. The tradeoff is slower releases, "
    "but the blast radius stays small, and that is worth it when deploys cause most incidents."
)
CRASH_SIGNS = ("Traceback", "Segmentation", "terminate called", "Aborting", "core dumped", "Fatal Python")
KEPT = re.compile(r"kept at (\S+\.wav)")
SEED = int(os.environ.get("COACH_SIGINT_SEED", random.SystemRandom().randrange(1_000_000)))
# 50 interruptions: (command, latest moment in seconds after the start)
PLAN = [("practice", 9.0)] * 22 + [("mock", 9.0)] * 14 + [("analyze", 4.0)] * 14


@pytest.fixture(scope="module")
def answer_wav(spoken: Callable[[str], Path]) -> Path:
    return spoken(ANSWER)


def _command(kind: str) -> list[str]:
    if kind == "practice":  # read aloud (the models load meanwhile), then recorded
        return ["practice", "-q", "cicd-deployment-reliability", "--no-probe", "--silence-stop-s", "1"]
    if kind == "mock":
        return ["mock", "--round", "technical", "-n", "1", "--seed", "1"]
    recording = next(p for p in sorted(SPEECH_DIR.rglob("*.wav")) if p.stat().st_size > 200_000)
    return ["analyze", str(recording)]


@needs_pulse
@needs_speech
@pytest.mark.slow
def test_ctrl_c_at_fifty_random_moments_never_crashes(answer_wav: Path, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    problems: list[str] = []
    for n, (kind, latest_s) in enumerate(PLAN):
        home = tmp_path / f"home{n}"
        terminal = Terminal(*_command(kind), env={"COACH_HOME": str(home)})
        player = play(answer_wav, wait=False) if kind != "analyze" else None
        moment_s = rng.uniform(0.2, latest_s)
        time.sleep(moment_s)
        terminal.ctrl_c()
        status = terminal.wait(90)
        if player is not None:
            player.kill()
            player.wait()
        screen = terminal.screen()
        lines = [line.replace("^C", "").strip() for line in screen.splitlines()]
        lines = [line for line in lines if line]
        last = lines[-1] if lines else ""
        where = f"run {n} ({kind}, Ctrl-C at {moment_s:.2f} s, seed {SEED})"
        if status == 0 and "interrupted" not in screen:
            continue  # finished before the Ctrl-C arrived: nothing to interrupt
        if not lines and terminal.killed_by == signal.SIGINT:
            continue  # before Python itself was up (a loaded machine): the shell's usual ^C end
        if status != 130:
            problems.append(f"{where}: exit status {status}; last line {last!r}")
        elif any(sign in screen for sign in CRASH_SIGNS):
            problems.append(f"{where}: crash text on screen: {screen[-400:]!r}")
        elif not last.startswith("interrupted"):
            problems.append(f"{where}: the last line is {last!r}, not the interruption")
        kept = KEPT.search(last)
        if kept:
            wav = Path(kept.group(1))
            if not wav.is_file() or sf.info(str(wav)).frames == 0:
                problems.append(f"{where}: said the answer was kept at {wav}, but it is not there")
            elif not marker_for(wav).is_file():
                problems.append(f"{where}: the kept answer is not offered to `coach recover`")
    assert not problems, "\n".join(problems)
