"""What `coach history`, `progress`, `forget`, a stored answer's heading and the resume
worklist show a person: the rows in the right place, nothing cut that other commands take,
and counts that say what they count."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from coach import history
from coach.analysis import analyze
from coach.feedback import make_feedback
from coach.progress import habit_moves, progress
from coach.questions import load_bank
from coach.report.json import answer_dict
from coach.session import AnswerResult
from coach.transcribe import transcript_from_text
from tests.conftest import run_coach
from tests.terminal import Terminal

DEPLOY = next(q for q in load_bank() if q.id == "cicd-deployment-reliability")
STRONG = (
    "I'd use canaries with automatic rollback. The tradeoff is slower deploys. "
    "We'd monitor error rates and validate it with a game day."
)


def _data(nlp, text: str = STRONG) -> dict:  # type: ignore[no-untyped-def, type-arg]
    analysis = analyze(transcript_from_text(text), DEPLOY, nlp)
    return answer_dict(AnswerResult(analysis, make_feedback(analysis)))


def _unasked(data: dict) -> dict:  # type: ignore[type-arg]
    """The same answer as if given with no question (an audiobook clip, no -q)."""
    return {**data, "question": {**data["question"], "id": "none", "text": "", "kind": "behavioral"}}


def test_answers_with_no_question_stay_out_of_trends_and_habits(nlp) -> None:  # type: ignore[no-untyped-def]
    asked = _data(nlp)
    for _ in range(3):
        history.record(asked, mode="analyze")
    for _ in range(3):
        history.record(_unasked(_data(nlp, "Once upon a time there was a quiet river.")), mode="analyze")
    result = progress(history.attempts(), datetime.now(UTC))
    score = next(t for t in result.trends if t.name == "score")
    assert len(score.values) == 3 and len(set(score.values)) == 1
    assert result.worsening == ()
    listed = json.loads(run_coach("history", "--json").stdout)
    assert len(listed) == 6  # they stay in the history


def test_only_answers_with_no_question_say_so_in_progress(nlp) -> None:  # type: ignore[no-untyped-def]
    history.record(_unasked(_data(nlp)), mode="analyze")
    shown = run_coach("progress")
    assert shown.returncode == 0
    assert "only answers with no question (1)" in shown.stdout


def test_habit_ties_are_ordered_by_name_in_every_view() -> None:
    shares = {name: (0.0, 1.0) for name in ("no tradeoffs", "blame", "fillers", "corporate", "no task")}
    shares |= {name: (1.0, 0.0) for name in ("wandering", "answer too long", "no result", "no action")}
    improving, worsening = habit_moves(shares)
    assert [h for h, _ in worsening] == ["blame", "corporate", "fillers"]
    assert [h for h, _ in improving] == ["answer too long", "no action", "no result"]


def test_follow_ups_are_listed_under_their_own_answer(nlp) -> None:  # type: ignore[no-untyped-def]
    data = _data(nlp)
    first = history.record(data, mode="practice")
    second = history.record(data, mode="practice")
    probe = history.record(data, mode="practice", parent_id=first)
    terminal = Terminal("history", columns=120)
    assert terminal.wait() == 0
    ids = [
        line.split("│")[1].strip()
        for line in terminal.screen().splitlines()
        if line.startswith("│") and line.split("│")[1].strip().isdigit()
    ]
    assert ids == [str(second), str(first), str(probe)]


def test_piped_history_keeps_ids_and_headers_at_80_columns(nlp) -> None:  # type: ignore[no-untyped-def]
    data = _data(nlp)
    for _ in range(12):
        history.record(data, mode="analyze")
    shown = run_coach("history", env={"COLUMNS": "80"}).stdout
    lines = shown.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "fillers/min" in shown and "score" in shown
    rows = [line.split("│")[1].strip() for line in lines if line.startswith("│")]
    assert rows == [str(n) for n in range(12, 0, -1)]


def test_piped_stories_list_keeps_whole_ids() -> None:
    for title in ("Checkout outage on launch day at the start", "Checkout outage on launch day at the end"):
        added = run_coach("stories", "add", "--title", title, "--theme", "incident")
        assert added.returncode == 0, added.stderr
    story_ids = [s["id"] for s in json.loads(run_coach("stories", "list", "--json").stdout)["stories"]]
    shown = run_coach("stories", "list", env={"COLUMNS": "80"}).stdout
    assert all(story_id in shown for story_id in story_ids), shown


def test_a_stored_answer_is_headed_by_its_id_and_its_try(nlp) -> None:  # type: ignore[no-untyped-def]
    from coach.progress import stored_answer
    from coach.report.html import answer_report

    data = _data(nlp)
    history.record(data, mode="analyze")
    history.record(_unasked(data), mode="analyze")
    third = history.record(data, mode="analyze")
    shown = run_coach("show", str(third), env={"COLUMNS": "120"}).stdout
    assert "#3 · try 2 of this question" in shown and "attempt 3" not in shown.splitlines()[0]
    page = answer_report(stored_answer(third))
    assert "#3 · try 2 of this question" in page


def test_a_filter_that_matches_nothing_says_so(nlp) -> None:  # type: ignore[no-untyped-def]
    history.record(_data(nlp), mode="analyze")
    shown = run_coach("history", "-q", "words that match no question at all")
    assert "none of your 1 attempt match" in shown.stdout
    assert "no attempts yet" not in shown.stdout and "┏" not in shown.stdout


def test_forgetting_an_answer_names_its_follow_up(nlp) -> None:  # type: ignore[no-untyped-def]
    data = _data(nlp)
    parent = history.record(data, mode="practice")
    history.record(data, mode="practice", parent_id=parent)
    terminal = Terminal("forget", str(parent), columns=120)
    terminal.expect(r"Delete attempt 1 and its follow-up with their recordings and reports\?")
    terminal.send("y\r")
    terminal.expect(r"forgot attempt 1 and its follow-up")
    assert terminal.wait() == 0


def test_practise_next_on_the_progress_page_joins_a_question_ending_in_a_stop(nlp) -> None:  # type: ignore[no-untyped-def]
    from coach.report.html import progress_report

    data = _data(nlp)
    data["question"] = {
        **data["question"],
        "id": "custom-aftermath",
        "text": "Walk me through the aftermath.",
    }
    history.record(data, mode="analyze")
    attempts = history.attempts()
    page = progress_report(attempts, progress(attempts, datetime.now(UTC)))
    assert "aftermath.:" not in page and "aftermath. — last score" in page


def test_resume_worklist_cuts_bullets_at_a_word_and_keeps_columns_aligned(tmp_path: Path) -> None:
    resume = tmp_path / "devops.txt"
    resume.write_text(
        (Path(__file__).parent / "data" / "resumes" / "devops.txt").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    assert run_coach("resume", "import", str(resume), "--json").returncode == 0
    shown = run_coach("resume", "readiness", env={"COLUMNS": "80"}).stdout
    rows = [line for line in shown.splitlines() if line[2:7].strip() in ("never", "weak", "well")]
    assert rows, shown
    assert all(len(line) <= 80 for line in rows)
    assert {line[8:11] for line in rows} <= {"  –"} | {f"{n:>3}" for n in range(101)}
    assert {line[11:13] for line in rows} == {"  "}  # every bullet starts in the same column
    cut = [line for line in rows if "…" in line]
    assert cut, shown
    bullets = [b["bullet"] for b in json.loads(run_coach("resume", "readiness", "--json").stdout)]
    for line in cut:
        words = line[13:].split("…")[0]
        # the words kept are a bullet's first words, whole: never "to 12 minut"
        assert any(b.startswith(words) and b[len(words)] in " ,;:." for b in bullets), line
