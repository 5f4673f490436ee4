"""Faults against the real recording path: every interruption keeps the answer, the next
run offers it back, and `coach recover` analyzes it."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import soundfile as sf

from tests.conftest import run_coach
from tests.test_record import ANSWER, _wait_for_recording

pytestmark = pytest.mark.faults
needs_pulse = pytest.mark.skipif(
    not os.environ.get("COACH_TEST_PULSE"), reason="needs the PulseAudio server started by scripts/test"
)


@pytest.fixture(scope="module")
def long_answer(spoken: Callable[[str], Path]) -> Path:
    """About 20 s of speech: long enough to be cut off in the middle."""
    return spoken(f"{ANSWER} {ANSWER} {ANSWER}")


def _practice(env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "coach", "practice", "--no-speak", "--no-probe", "-q", "cicd-deployment-reliability",
         "--silence-stop-s", "8", "--max-seconds", "60"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def _markers(home: Path) -> list[Path]:
    return sorted((home / "recordings").glob("*.pending.json"))


def _recover_and_check(home: Path, min_seconds: float) -> dict[str, object]:
    offered = run_coach("history")
    assert "was never analyzed" in offered.stderr and "coach recover" in offered.stderr
    recovered = run_coach("recover", "--json")
    assert recovered.returncode == 0, recovered.stderr
    answers = json.loads(recovered.stdout)
    assert len(answers) == 1
    answer: dict[str, object] = answers[0]
    assert answer["question"]["id"] == "cicd-deployment-reliability"  # type: ignore[index]
    assert answer["audio"]["duration_s"] >= min_seconds  # type: ignore[index]
    assert "canary" in answer["transcript"]["text"].lower()  # type: ignore[index]
    assert not _markers(home)
    assert answer["partial"] is True  # cut short: kept, but not compared or counted in trends
    listed = json.loads(run_coach("history", "--json").stdout)
    assert [(a["mode"], a["partial"]) for a in listed] == [("recovered", True)]
    return answer


@needs_pulse
@pytest.mark.parametrize("how", ["ctrl-c", "sigterm", "kill-9"])
def test_an_interrupted_answer_is_kept_and_offered_back(
    how: str, long_answer: Path, coach_home: Path, fault_row: Callable[..., None]
) -> None:
    proc = _practice()
    _wait_for_recording(proc)
    player = subprocess.Popen(["paplay", str(long_answer)])
    time.sleep(6)
    proc.send_signal({"ctrl-c": signal.SIGINT, "sigterm": signal.SIGTERM, "kill-9": signal.SIGKILL}[how])
    _stdout, stderr = proc.communicate(timeout=30)
    player.kill()
    if how == "kill-9":
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 130, stderr
        lines = stderr.strip().splitlines()
        assert "Traceback" not in stderr and "kept at" in lines[-1] and "coach recover" in lines[-1]
    [marker] = _markers(coach_home)
    wav = marker.with_name(marker.name.removesuffix(".pending.json"))
    assert wav.is_file()
    answer = _recover_and_check(coach_home, min_seconds=4.0)
    assert sf.info(str(wav)).duration >= 4.0  # the header now counts every sample written
    fault_row(
        f"{how} mid-answer",
        f"practice sent {how.upper()} 6 s into a 20 s spoken answer",
        f"exit {proc.returncode}; kept {answer['audio']['duration_s']:.1f} s; next run offered it; "  # type: ignore[index]
        "`coach recover` analyzed it",
    )


@contextlib.contextmanager
def _sink_unloaded_after(delay_s: float) -> Iterator[None]:
    """Unload the null sink (the recording device vanishes), and load it back afterwards."""
    modules = subprocess.run(
        ["pactl", "list", "short", "modules"], capture_output=True, text=True, check=True
    )
    sink_module = next(line.split()[0] for line in modules.stdout.splitlines() if "module-null-sink" in line)
    time.sleep(delay_s)
    subprocess.run(["pactl", "unload-module", sink_module], check=True)
    try:
        yield
    finally:
        subprocess.run(
            ["pactl", "load-module", "module-null-sink", "sink_name=coach_sink", "rate=16000"],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(["pactl", "set-default-sink", "coach_sink"], check=True)
        subprocess.run(["pactl", "set-default-source", "coach_sink.monitor"], check=True)


@needs_pulse
def test_the_device_vanishing_mid_answer_keeps_what_was_recorded(
    long_answer: Path, coach_home: Path, fault_row: Callable[..., None]
) -> None:
    proc = _practice()
    _wait_for_recording(proc)
    player = subprocess.Popen(["paplay", str(long_answer)], stderr=subprocess.DEVNULL)
    with _sink_unloaded_after(6):
        _stdout, stderr = proc.communicate(timeout=60)
        player.kill()
    assert proc.returncode == 1, stderr
    line = stderr.strip().splitlines()[-1]
    assert "Traceback" not in stderr and "kept at" in line and "coach recover" in line, stderr
    assert len(_markers(coach_home)) == 1
    answer = _recover_and_check(coach_home, min_seconds=4.0)
    fault_row(
        "input device vanishes",
        "null sink unloaded 6 s into the answer",
        f"one line: device stopped; kept {answer['audio']['duration_s']:.1f} s; recovered",  # type: ignore[index]
    )


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
    )
    return done.returncode == 0


@needs_pulse
def test_a_full_disk_keeps_what_fitted_and_recovers_once_there_is_room(
    long_answer: Path, tmp_path: Path, fault_row: Callable[..., None]
) -> None:
    home = tmp_path / "small-disk"
    if not _mount_tmpfs(home, "320k"):
        pytest.skip("mounting a small tmpfs needs root")
    try:
        env = {"COACH_HOME": str(home)}
        proc = _practice(env)
        _wait_for_recording(proc)
        player = subprocess.Popen(["paplay", str(long_answer)])
        _stdout, stderr = proc.communicate(timeout=60)
        player.kill()
        assert proc.returncode == 1, stderr
        line = stderr.strip().splitlines()[-1]
        assert "disk full" in line and "kept at" in line and "Traceback" not in stderr, stderr
        [marker] = sorted((home / "recordings").glob("*.pending.json"))
        # still full: recovery says so in one line and loses nothing
        stuck = run_coach("recover", env=env)
        assert stuck.returncode == 1 and "disk is full" in stuck.stderr.strip().splitlines()[-1], stuck.stderr
        assert marker.is_file()
        subprocess.run(["mount", "-o", "remount,size=8m", str(home)], check=True)
        recovered = run_coach("recover", "--json", env=env)
        assert recovered.returncode == 0, recovered.stderr
        [answer] = json.loads(recovered.stdout)
        assert answer["audio"]["duration_s"] > 4 and "canary" in answer["transcript"]["text"].lower()
        assert not marker.exists()
        fault_row(
            "disk full while recording",
            "COACH_HOME on a 320 KB tmpfs; 20 s answer",
            f"one line: disk full; kept {answer['audio']['duration_s']:.1f} s; recover refused while full, "
            "then analyzed it once there was room",
        )
    finally:
        subprocess.run(["umount", "-l", str(home)], check=False)
