"""Attempt history: migrations, concurrent writers, forget, retry comparison, progress."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coach import history
from coach.analysis import analyze
from coach.feedback import make_feedback
from coach.paths import recordings_dir
from coach.progress import compare, progress, schedule, summary_line
from coach.questions import load_bank
from coach.report.json import answer_dict
from coach.session import AnswerResult
from coach.transcribe import transcript_from_text
from tests.conftest import run_coach

DEPLOY = next(q for q in load_bank() if q.id == "cicd-deployment-reliability")
WEAK = "Um, so, it depends. Um, we could maybe use canaries, I guess."
STRONG = (
    "I'd use canaries with automatic rollback. The tradeoff is slower deploys. "
    "We'd monitor error rates and validate it with a game day."
)


def _data(nlp, text: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    analysis = analyze(transcript_from_text(text), DEPLOY, nlp)
    return answer_dict(AnswerResult(analysis, make_feedback(analysis)))


def test_fresh_database_is_migrated_to_the_latest_version() -> None:
    with history.connect() as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(history.MIGRATIONS)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_old_database_keeps_its_rows_through_migration() -> None:
    path = history.history_path()
    conn = sqlite3.connect(path)
    conn.executescript(history.MIGRATIONS[0])
    conn.execute(
        "INSERT INTO attempts (created_at, mode, question_id, question_text, kind, filler_count, score, data, options)"
        " VALUES ('2026-01-01T00:00:00+00:00', 'practice', 'q', 'Q?', 'technical', 0, 50, '{}', '{}')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    [old] = history.attempts()
    assert old.question_id == "q" and old.parent_id is None


def test_two_processes_write_at_once(nlp) -> None:  # type: ignore[no-untyped-def]
    data = json.dumps(_data(nlp, STRONG))
    script = (
        "import json, sys\nfrom coach import history\n"
        "data = json.loads(sys.stdin.read())\n"
        "for _ in range(25):\n    history.record(data, mode='practice')\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, text=True) for _ in range(2)
    ]
    for proc in procs:
        proc.communicate(data, timeout=120)
        assert proc.returncode == 0
    assert len(history.attempts()) == 50


def test_retry_comparison_reads_like_a_coach(nlp) -> None:  # type: ignore[no-untyped-def]
    first = _data(nlp, WEAK)
    second = _data(nlp, STRONG)
    line = summary_line(compare(second, first))
    assert (
        "fillers 3 → 0" in line
        and "tradeoffs now covered" in line
        and "recommendation first now covered" in line
    )
    a = history.record(first, mode="practice")
    b = history.record(second, mode="practice")
    last, best = history.earlier(DEPLOY.id, b)
    assert last is not None and last.id == a and best is not None and best.id == a
    assert history.get(b).score > history.get(a).score


def test_forget_deletes_rows_probes_and_own_recordings_only(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ours = recordings_dir() / "answer.wav"
    ours.write_bytes(b"RIFF")
    theirs = tmp_path / "mine.wav"
    theirs.write_bytes(b"RIFF")
    data = _data(nlp, STRONG)
    parent = history.record({**data, "audio": {"path": str(ours), "duration_s": 1.0}}, mode="practice")
    history.record(
        {**data, "audio": {"path": str(theirs), "duration_s": 1.0}}, mode="analyze", parent_id=parent
    )
    removed = history.forget([parent])
    assert len(removed) == 2 and history.attempts() == []
    assert not ours.exists() and theirs.exists()


def test_no_keep_audio_stores_metrics_only(nlp) -> None:  # type: ignore[no-untyped-def]
    wav = recordings_dir() / "private.wav"
    wav.write_bytes(b"RIFF")
    data = {**_data(nlp, STRONG), "audio": {"path": str(wav), "duration_s": 3.0}}
    attempt_id = history.save_answer(data, mode="practice", keep_audio=False)
    assert not wav.exists() and history.get(attempt_id).audio_path is None


def test_spaced_repetition_brings_weak_answers_back_first(nlp) -> None:  # type: ignore[no-untyped-def]
    history.record(_data(nlp, WEAK), mode="practice")
    strong = _data(nlp, STRONG)
    strong["question"] = {**strong["question"], "id": "other"}
    history.record(strong, mode="practice")
    now = datetime.now(UTC)
    due = schedule(sorted(history.attempts(), key=lambda a: a.id), now)
    assert due[0].question_id == DEPLOY.id
    result = progress(history.attempts(), now + timedelta(days=1))
    assert result.trends[0].values and result.next_up


def test_history_cli(nlp) -> None:  # type: ignore[no-untyped-def]
    history.record(_data(nlp, WEAK), mode="practice")
    history.record(_data(nlp, STRONG), mode="analyze")
    listed = json.loads(run_coach("history", "--json").stdout)
    assert [a["id"] for a in listed] == [2, 1]
    assert {"id", "question_id", "created_at", "duration_s", "fillers_per_minute"} <= set(listed[0])
    shown = run_coach("show", "2")
    assert shown.returncode == 0 and "Since your last attempt" in shown.stdout
    assert run_coach("progress").returncode == 0
    assert "no attempt 99" in run_coach("show", "99").stderr
    assert run_coach("forget", "--all", "--yes").returncode == 0
    assert json.loads(run_coach("history", "--json").stdout) == []


def test_forget_deletes_the_attempts_reports_and_their_probes(nlp) -> None:  # type: ignore[no-untyped-def]
    from coach.report.publish import write_attempt_report, write_progress_report

    data = _data(nlp, STRONG)
    parent = history.record(data, mode="practice")
    probe = history.record(data, mode="practice", parent_id=parent)
    other = history.record(data, mode="practice")
    pages = [write_attempt_report(n) for n in (parent, probe, other)]
    progress_page = write_progress_report()
    assert all(p.parent == history.reports_path() for p in pages)
    history.forget([parent])
    assert not pages[0].exists() and not pages[1].exists() and pages[2].exists()
    assert not progress_page.exists()  # it listed the forgotten attempt


def _timed(data: dict, fillers_per_minute: float) -> dict:  # type: ignore[type-arg]
    """An answer as if spoken: on target, with this filler rate."""
    timing = {"verdict": "on_target", "duration_s": 75.0, "wpm": 140.0, "target_s": [60, 90]}
    return {**data, "timing": timing, "fillers": {**data["fillers"], "per_minute": fillers_per_minute}}


def test_habit_trends_count_only_answers_that_can_show_them(nlp) -> None:  # type: ignore[no-untyped-def]
    typed = _data(nlp, STRONG)
    assert typed["timing"] is None
    for data in (typed, typed, _timed(typed, 6.0), _timed(typed, 6.0), _timed(typed, 1.0)):
        history.record(data, mode="analyze")
    result = progress(history.attempts(), datetime.now(UTC))
    # over all five answers the filler habit went 0/2 → 2/3 ("slipping +67%"); over the
    # three spoken ones it went 1/1 → 1/2
    assert "fillers" not in dict(result.worsening)
    assert dict(result.improving)["fillers"] == -0.5


def test_last_attempt_that_was_also_the_best_is_said_so(nlp) -> None:  # type: ignore[no-untyped-def]
    from coach.progress import comparison, comparison_lines

    history.record(_data(nlp, STRONG), mode="practice")
    current = _data(nlp, WEAK)
    current["attempt_id"] = history.record(current, mode="practice")
    result = comparison(current, current["attempt_id"])
    assert result["best"]["same_as_last"] and result["best"]["attempt_id"] == result["last"]["attempt_id"]
    [(heading, _)] = comparison_lines(result)
    assert heading == "Since your last attempt (attempt 1, also your best)"


def test_key_point_changes_name_the_points(nlp) -> None:  # type: ignore[no-untyped-def]
    weak, strong = _data(nlp, WEAK), _data(nlp, STRONG)
    gained = compare(strong, weak)
    assert "key point “Automated rollback triggers” now covered" in summary_line(gained)
    lost = compare(weak, strong)
    assert "key point “Automated rollback triggers” now missing" in summary_line(lost)
    named = [c for c in lost if c.metric.startswith("key point “")]
    assert [c.better for c in named] == [False]


def test_progress_since_a_date_with_no_attempts_says_so(nlp) -> None:  # type: ignore[no-untyped-def]
    history.record(_data(nlp, STRONG), mode="practice")
    proc = run_coach("progress", "--since", "2999-01-01")
    assert proc.returncode == 0, proc.stderr
    assert "no attempts since 2999-01-01" in proc.stdout and "yet" not in proc.stdout
