"""The history under faults: `kill -9` mid-write, eight writers at once, a read-only and a
full disk. Each time the database passes `PRAGMA integrity_check` and keeps every
attempt whose commit returned."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_coach

pytestmark = pytest.mark.faults
WRITER = """
import sys
from coach.history import record
count = int(sys.argv[1])
tag = sys.argv[2]
for n in range(count):
    data = {
        "question": {"id": f"q-{tag}", "text": "A question?", "kind": "technical"},
        "fillers": {"per_minute": 1.0, "count": 1, "share_of_words": 0.01},
        "transcript": {"text": "x " * 2000},
        "coverage": {"covered": [], "missed": []},
    }
    attempt = record(data, mode="practice")
    print(attempt, flush=True)
"""


def _writer(count: int, tag: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(count), tag],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})},
    )  # fmt: skip


def _check(db: Path, committed: set[int]) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("SELECT id FROM attempts")}
    finally:
        conn.close()
    assert committed <= stored, f"lost: {committed - stored}"


def test_kill_9_during_writes_loses_no_committed_attempt(
    coach_home: Path, fault_row: Callable[..., None]
) -> None:
    kept = 0
    for round_ in range(3):
        proc = _writer(100_000, f"k{round_}")
        time.sleep(2.0 + round_ * 0.37)
        proc.send_signal(signal.SIGKILL)
        stdout, _ = proc.communicate(timeout=30)
        committed = {int(line) for line in stdout.split()}
        assert committed, "the writer committed nothing before it was killed"
        _check(coach_home / "history.sqlite3", committed)
        kept = len(committed)
    fault_row(
        "kill -9 during history writes",
        "writer killed 3 times mid-stream",
        f"integrity ok; all {kept} committed kept",
    )


def test_eight_writers_at_once(coach_home: Path, fault_row: Callable[..., None]) -> None:
    procs = [_writer(12, f"w{n}") for n in range(8)]
    committed: set[int] = set()
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stderr
        committed |= {int(line) for line in stdout.split()}
    assert len(committed) == 96
    _check(coach_home / "history.sqlite3", committed)
    fault_row("8 concurrent writers", "8 processes x 12 attempts", "integrity ok; 96 of 96 kept")


def _mount(where: Path, options: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    return (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True
        ).returncode
        == 0
    )


def test_a_full_disk_and_a_read_only_disk_give_one_line_and_keep_the_history(
    tmp_path: Path, fault_row: Callable[..., None]
) -> None:
    home = tmp_path / "disk"
    if not _mount(home, "size=400k"):
        pytest.skip("mounting a tmpfs needs root")
    env = {"COACH_HOME": str(home)}
    try:
        proc = _writer(10_000, "full", env)
        stdout, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 1 and "disk is full" in stderr  # the library raised HistoryError
        committed = {int(line) for line in stdout.split()}
        assert committed
        _check(home / "history.sqlite3", committed)
        answer = tmp_path / "answer.txt"
        answer.write_text("I would use a canary release, and the tradeoff is speed.")
        full = run_coach("analyze", "--text", str(answer), "-q", "cicd-deployment-reliability", env=env)
        assert full.returncode == 1 and full.stderr.strip().count("\n") == 0, full.stderr
        assert "disk is full" in full.stderr
        subprocess.run(["mount", "-o", "remount,ro", str(home)], check=True)
        readonly = run_coach("analyze", "--text", str(answer), "-q", "cicd-deployment-reliability", env=env)
        assert readonly.returncode == 1 and "Traceback" not in readonly.stderr, readonly.stderr
        assert "read-only" in readonly.stderr and readonly.stderr.strip().count("\n") == 0
        listed = run_coach("history", "--json", env=env)
        assert "Traceback" not in listed.stderr and listed.stderr.strip().count("\n") == 0, listed.stderr
        _check(home / "history.sqlite3", committed)
        fault_row(
            "history: disk full",
            "writes until a 400 KB tmpfs fills",
            f"one line; integrity ok; {len(committed)} kept",
        )
        fault_row("history: read-only disk", "tmpfs remounted read-only", "one line; nothing changed")
    finally:
        subprocess.run(["umount", "-l", str(home)], check=False)
