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
    assert first.returncode == 1, first.stderr  # a file failed
    summary = json.loads(first.stdout)
    assert (summary["done"], summary["skipped"], summary["failed"]) == (6, 0, 1)
    assert (
        summary["failures"][0][0].endswith("broken.wav")
        and "not a readable audio file" in summary["failures"][0][1]
    )
    assert "failed: " in first.stderr and "broken.wav" in first.stderr and "skipped" not in first.stderr
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


def _never(data: dict) -> int:  # type: ignore[type-arg]
    raise AssertionError("a skipped file is not stored again")


def test_no_keep_audio_stores_no_path_and_a_rerun_still_skips_the_file(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from coach import history
    from coach.analysis import analyze
    from coach.batch import FileResult, run_batch, save_batch_answer
    from coach.feedback import make_feedback
    from coach.questions import adhoc_question
    from coach.report.json import answer_dict
    from coach.session import AnswerResult
    from coach.transcribe import transcript_from_text

    mine = tmp_path / "mine.wav"
    mine.write_bytes(b"RIFF")
    question = adhoc_question("How would you ship safely?")
    analysis = analyze(transcript_from_text("I'd use canaries."), question, nlp)
    data = {
        **answer_dict(AnswerResult(analysis, make_feedback(analysis))),
        "audio": {"path": str(mine.resolve())},
    }
    attempt_id = save_batch_answer(data, folder=tmp_path, keep_audio=False)
    stored = history.get(attempt_id)
    assert stored.audio_path is None and stored.data["audio"]["path"] is None
    assert str(mine) not in json.dumps(stored.options) and mine.exists()  # the user's file stays
    seen: list[FileResult] = []
    skipped = list(
        run_batch(
            [mine], question, jobs=1, done_paths=history.analyzed_paths(), store=_never, on_result=seen.append
        )
    )
    assert [r.status for r in skipped] == ["skipped"]


def test_analyze_dir_with_no_keep_audio_keeps_no_path(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    sf.write(str(folder / "answer.wav"), speech_audio(ANSWERS[0]).samples, 16_000)
    args = ("analyze", str(folder), "--jobs", "1", "--json", "--no-keep-audio")
    first = run_coach(*args)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["done"] == 1
    [stored] = json.loads(run_coach("history", "--json").stdout)
    assert stored["audio_path"] is None and (folder / "answer.wav").exists()
    assert json.loads(run_coach(*args).stdout)["skipped"] == 1


def test_analyze_dir_shows_each_file_and_redoes_them_for_another_question(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    for n, text in enumerate(ANSWERS[:2]):
        sf.write(str(folder / f"answer-{n}.wav"), speech_audio(text).samples, 16_000)
    (folder / "corrupt.wav").write_bytes(b"RIFF....WAVEnot audio at all")
    ask = ("analyze", str(folder), "--jobs", "1", "-q", "cicd-deployment-reliability")

    first = run_coach(*ask)
    assert first.returncode == 1 and "Traceback" not in first.stderr, first.stderr
    history = {a["id"]: a for a in json.loads(run_coach("history", "--json").stdout)}
    lines = first.stdout.splitlines()
    for name in ("answer-0.wav", "answer-1.wav"):
        [line] = [x for x in lines if x.strip().startswith(name)]
        attempt_id = int(line.rsplit("attempt ", 1)[1])
        assert f"score {history[attempt_id]['score']:.0f}" in line and " s " in line, line
    [bad] = [x for x in lines if "corrupt.wav" in x]
    assert "failed: " in bad and "not a readable audio file" in bad
    assert "failed: " in first.stderr and "skipped" not in first.stderr
    assert "2 analyzed, 0 skipped (already done), 1 failed" in first.stdout
    assert "exit status 1" in first.stdout
    assert "worker memory" not in first.stdout + first.stderr  # a developer's figure: --debug only
    assert "worker memory" in run_coach("--debug", *ask).stderr

    again = run_coach(*ask, "--json")
    assert again.returncode == 1
    resumed = json.loads(again.stdout)
    assert resumed["schema"] == 1 and (resumed["done"], resumed["skipped"], resumed["failed"]) == (0, 2, 1)
    each = {Path(f["path"]).name: f for f in resumed["files"]}
    assert [each[n]["status"] for n in ("answer-0.wav", "answer-1.wav", "corrupt.wav")] == [
        "skipped", "skipped", "failed"
    ]  # fmt: skip
    assert "not a readable audio file" in each["corrupt.wav"]["error"]

    other = run_coach("analyze", str(folder), "--jobs", "1", "--json", "-q", "Why this role?")
    redone = json.loads(other.stdout)
    assert (redone["done"], redone["skipped"], redone["failed"]) == (2, 0, 1)  # another question: analyzed
    done = [f for f in redone["files"] if f["status"] == "done"]
    assert all(
        isinstance(f["attempt_id"], int) and f["score"] is not None and f["error"] is None for f in done
    )
    assert redone["question"].startswith("custom-why-this-role")

    sf.write(str(folder / "corrupt.wav"), speech_audio(ANSWERS[2]).samples, 16_000)  # fixed by the user
    fixed = run_coach("analyze", str(folder), "--jobs", "1", "-q", "Why this role?")
    assert fixed.returncode == 0, fixed.stderr
    assert "1 analyzed, 2 skipped (already done), 0 failed" in fixed.stdout
