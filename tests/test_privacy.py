"""Offline and private by construction: no network, files for the user alone, and
`coach forget --all` leaves nothing of the answers behind."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_coach
from tests.test_record import _wait_for_recording

pytestmark = pytest.mark.faults
needs_pulse = pytest.mark.skipif(
    not os.environ.get("COACH_TEST_PULSE"), reason="needs the PulseAudio server started by scripts/test"
)
GUARD = """
import socket
from coach.cli import block_network
block_network()
for attempt in (lambda: socket.create_connection(("127.0.0.1", 9), timeout=1),
                lambda: socket.getaddrinfo("pypi.org", 443),
                lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", 9))):
    try:
        attempt()
    except ConnectionRefusedError as exc:
        print("refused:", exc)
a, b = socket.socketpair()  # local sockets, as PulseAudio's, still work
a.sendall(b"ok"); print(b.recv(2).decode())
"""


def test_every_network_path_is_refused_in_process() -> None:
    proc = subprocess.run([sys.executable, "-c", GUARD], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines.count("refused: coach works offline: network access is disabled") == 3
    assert lines[-1] == "ok"


def _can_unshare() -> bool:
    return shutil.which("unshare") is not None and subprocess.run(["unshare", "-n", "true"]).returncode == 0


@needs_pulse
def test_the_whole_practice_loop_runs_without_a_network(
    tmp_path: Path, coach_home: Path, fault_row: Callable[..., None]
) -> None:
    from coach.speak import synthesize
    from tests.test_record import ANSWER

    answer = synthesize(ANSWER, tmp_path / "answer.wav")
    # a network namespace has no interface but loopback, and that one down; PulseAudio's
    # Unix socket still reaches the sound server
    prefix = ["unshare", "-n"] if _can_unshare() else []
    proc = subprocess.Popen(
        [*prefix, sys.executable, "-m", "coach", "practice", "--no-speak", "--no-probe", "--json",
         "-q", "cicd-deployment-reliability", "--silence-stop-s", "2", "--max-seconds", "40"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy(),
    )  # fmt: skip
    _wait_for_recording(proc)
    subprocess.run(["paplay", str(answer)], check=True, timeout=60)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    data = json.loads(stdout)
    assert "canary" in data["transcript"]["text"].lower()
    # everything it wrote is the user's alone
    assert stat.S_IMODE(coach_home.stat().st_mode) == 0o700
    for path in coach_home.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path} is {oct(mode)}"
    where = "a network namespace" if prefix else "the in-process guard"
    fault_row("no network", f"practice loop in {where}", "answered and analyzed; files mode 600/700")


def test_forget_all_leaves_nothing_of_the_answers(
    tmp_path: Path, coach_home: Path, fault_row: Callable[..., None]
) -> None:
    secret = "Zanzibarquux"
    text = tmp_path / "answer.txt"
    text.write_text(f"I would use a canary release at {secret}, and the tradeoff is speed. {secret}!")
    for _ in range(3):
        assert run_coach("analyze", "--text", str(text), "-q", "cicd-deployment-reliability").returncode == 0
    assert run_coach("report", "1").returncode == 0
    (coach_home / "recordings" / "20260101-000000-x.wav").write_bytes(b"RIFF" + secret.encode())
    assert _files_holding(coach_home, secret)
    forgot = run_coach("forget", "--all", "--yes")
    assert forgot.returncode == 0, forgot.stderr
    assert _files_holding(coach_home, secret) == []
    assert list((coach_home / "recordings").iterdir()) == []
    assert json.loads(run_coach("history", "--json").stdout) == []
    fault_row("forget --all", "3 answers, a report, a stray recording", "no file holds the answer's words")


def _files_holding(folder: Path, needle: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle.encode() in p.read_bytes()]
