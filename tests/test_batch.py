"""`coach analyze DIR --jobs N`: a pool of workers, a bad file skipped, and a resumed run."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import soundfile as sf

from coach.speak import speech_audio
from tests.conftest import run_coach

pytestmark = pytest.mark.faults
ANSWERS = [
    "I would ship it behind a canary, and roll back automatically when errors rise.",
    "Um, so, I would start with the SLO, and then alert on the burn rate.",
    "We moved to Terraform, and the tradeoff was a slower first week.",
    "I paged the database team, rolled back, and errors dropped to zero.",
    "First I would measure, uh, the latency at p99, then fix the slow query.",
    "The outage was a bad config push, and I rolled it back in ten minutes.",
]


def test_a_folder_is_analyzed_in_parallel_and_resumed(tmp_path: Path, fault_row: Callable[..., None]) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    for n, text in enumerate(ANSWERS):
        sf.write(str(folder / f"answer-{n:02d}.wav"), speech_audio(text).samples, 16_000)
    (folder / "broken.wav").write_bytes(b"RIFF....WAVEnot audio at all")
    (folder / "notes.txt").write_text("not a recording")

    first = run_coach("analyze", str(folder), "--jobs", "2", "--json", "-q", "cicd-deployment-reliability")
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert (summary["done"], summary["skipped"], summary["failed"]) == (6, 0, 1)
    assert (
        summary["failures"][0][0].endswith("broken.wav")
        and "not a readable audio file" in summary["failures"][0][1]
    )
    assert "skipped" in first.stderr and "broken.wav" in first.stderr
    assert len(summary["worker_rss_first_mb"]) == 2  # two workers shared the files
    history = json.loads(run_coach("history", "--json").stdout)
    assert len(history) == 6 and {a["mode"] for a in history} == {"batch"}

    again = run_coach("analyze", str(folder), "--jobs", "2", "--json", "-q", "cicd-deployment-reliability")
    resumed = json.loads(again.stdout)
    assert (resumed["done"], resumed["skipped"], resumed["failed"]) == (0, 6, 1)
    assert len(json.loads(run_coach("history", "--json").stdout)) == 6
    fault_row(
        "batch with a bad file, run twice",
        "analyze DIR --jobs 2",
        "bad file reported and skipped; rerun resumed",
    )
