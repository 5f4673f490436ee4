"""Which answers are compared: a question typed in words is named by its words, an answer
with no question is compared with nothing, and the history and progress views show the
question's words. Old histories, where every typed question shared the id "custom", are
migrated."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from coach import history
from coach.analysis import analyze
from coach.feedback import make_feedback
from coach.questions import (
    NO_QUESTION_ID,
    adhoc_question,
    custom_question_id,
    is_comparable,
    load_bank,
    question_filter,
    resolve_question,
)
from coach.report.json import answer_dict
from coach.session import AnswerResult
from coach.transcribe import transcript_from_text
from tests.conftest import run_coach
from tests.terminal import Terminal

WHY = "Why do you want this role?"
DESIGN = "How would you design a cache for a read-heavy service that many teams share across regions?"
ANSWER = (
    "I want this role because I like running platforms that other teams depend on. "
    "At my last job I led the move to Kubernetes, and I learned how much good tooling matters."
)
COMPARED = "Since your last attempt"


def test_a_typed_question_is_named_by_its_words() -> None:
    same = [
        WHY,
        "why do you want this role",
        "  Why   do you want THIS role?! ",
        "Why, do you want this role.",
    ]
    assert len({custom_question_id(text) for text in same}) == 1
    assert re.fullmatch(r"custom-why-do-you-want-this-role-[0-9a-f]{8}", custom_question_id(WHY))
    others = [
        DESIGN,
        "Why do you want this team?",
        "Why do you want this role now?",
        "Pourquoi ce rôle ?",
        "你好吗",
    ]
    ids = [custom_question_id(text) for text in [WHY, *others]]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)
    assert custom_question_id("Pourquoi ce rôle ?").startswith("custom-pourquoi-ce-role-")
    bank = load_bank([])
    assert resolve_question(bank, WHY).id == custom_question_id(WHY)
    assert resolve_question(bank, "cicd-deployment-reliability").id == "cicd-deployment-reliability"
    assert resolve_question(bank, None).id == NO_QUESTION_ID and not is_comparable(NO_QUESTION_ID)
    assert question_filter("why do you want this role") == custom_question_id(WHY)
    assert question_filter("cicd-deployment-reliability") == "cicd-deployment-reliability"


def _analyze_in_terminal(answer: Path, *question: str) -> str:
    term = Terminal("analyze", "--text", str(answer), *question, columns=100)
    status = term.wait()
    assert status == 0, term.screen()
    return term.screen()


def test_typed_questions_are_compared_only_with_themselves(tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER, encoding="utf-8")
    assert COMPARED not in _analyze_in_terminal(answer, "--question", WHY)
    assert COMPARED in _analyze_in_terminal(answer, "--question", "why do you want THIS role")
    assert COMPARED not in _analyze_in_terminal(answer, "--question", DESIGN)
    for _ in range(2):  # no question: nothing to compare with, however often
        screen = _analyze_in_terminal(answer)
        assert COMPARED not in screen and "Against your best" not in screen
    assert COMPARED not in _analyze_in_terminal(answer, "--question", "Why do you want this team?")

    rows = json.loads(run_coach("history", "--json").stdout)
    ids = [row["question_id"] for row in reversed(rows)]
    assert ids[0] == ids[1] == custom_question_id(WHY)
    assert ids[2] == custom_question_id(DESIGN) and ids[3] == ids[4] == NO_QUESTION_ID
    assert len(set(ids)) == 4 and "custom" not in ids
    assert [row["question_text"] for row in reversed(rows)][:3] == [WHY, "why do you want THIS role", DESIGN]
    only = json.loads(run_coach("history", "--json", "--question", "Why do you want this role").stdout)
    assert [row["id"] for row in only] == [2, 1]

    listing = Terminal("history", columns=100)
    assert listing.wait() == 0
    lines = listing.screen().splitlines()
    for words in ("Why do you want this role?", "How would you design a cache", "(no question given)"):
        row = next((line for line in lines if words in line), "")
        assert row, f"{words!r} not listed:\n{listing.screen()}"
        assert len(row) <= 100 and re.search(r"20\d\d-\d\d-\d\d \d\d:\d\d .* \d+ +│$", row), (
            row
        )  # whole, one line
    assert "…" in next(line for line in lines if "How would you design" in line)  # shortened to fit
    assert "custom-" not in listing.screen()

    progress = Terminal("progress", columns=100)
    assert progress.wait() == 0
    screen = progress.screen()
    due = screen.split("Practise next", 1)[1].splitlines()[1:]
    assert any(
        line.strip().lower().startswith("why do you want this role") and re.search(r"\b2 attempts\b", line)
        for line in due
    )
    assert any("How would you design a cache" in line and re.search(r"\b1 attempt\b", line) for line in due)
    assert not any("no question" in line or "custom" in line for line in due), screen
    assert all(len(line) <= 100 for line in due)


def _old_answer(nlp, text: str, question_text: str) -> str:  # type: ignore[no-untyped-def]
    """An answer as an older coach stored it: every typed question filed as "custom"."""
    analysis = analyze(transcript_from_text(text), adhoc_question(question_text, "behavioral"), nlp)
    data = answer_dict(AnswerResult(analysis, make_feedback(analysis)))
    data["question"]["id"] = "custom"
    return json.dumps(data)


def test_an_old_history_gets_ids_from_the_question_words(nlp) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(history.history_path())
    for step in history.MIGRATIONS[:2]:
        assert isinstance(step, str)
        conn.executescript(step)
    rows = [  # (question_id, question_text, mode, parent_id)
        ("custom", WHY, "analyze", None),
        ("custom", "why do you want this role", "analyze", None),
        ("custom", DESIGN, "practice", None),
        ("custom", "(no question given)", "analyze", None),
        ("custom", "Your answer", "recovered", None),
        ("custom-probe1", "What would you do differently?", "practice", 3),
        ("custom", "", "analyze", None),
    ]
    for question_id, text, mode, parent in rows:
        conn.execute(
            "INSERT INTO attempts (created_at, mode, question_id, question_text, kind, filler_count, score,"
            " data, options, parent_id) VALUES ('2026-01-01T00:00:00+00:00', ?, ?, ?, 'behavioral', 0, 50, ?,"
            " '{}', ?)",
            (mode, question_id, text, _old_answer(nlp, ANSWER, text or "x"), parent),
        )
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()

    listed = json.loads(run_coach("history", "--json").stdout)
    by_id = {row["id"]: row for row in listed}
    assert by_id[1]["question_id"] == by_id[2]["question_id"] == custom_question_id(WHY)
    assert by_id[3]["question_id"] == custom_question_id(DESIGN)
    assert by_id[6]["question_id"] == custom_question_id(DESIGN) + "-probe1" and by_id[6]["parent_id"] == 3
    assert by_id[4]["question_id"] == by_id[5]["question_id"] == by_id[7]["question_id"] == NO_QUESTION_ID
    assert by_id[5]["partial"] is True and not any(by_id[n]["partial"] for n in (1, 2, 3, 4, 6, 7))
    again = run_coach("show", "2", "--json")
    assert again.returncode == 0, again.stderr
    shown = json.loads(again.stdout)
    assert shown["question"]["id"] == custom_question_id(WHY)
    assert shown["comparison"]["last"]["attempt_id"] == 1
    for uncompared in ("4", "7"):
        data = json.loads(run_coach("show", uncompared, "--json").stdout)
        assert data["comparison"] == {"last": None, "best": None}
    assert COMPARED not in run_coach("show", "7").stdout
    with history.connect() as conn:
        assert conn.execute("SELECT count(*) FROM attempts WHERE question_id = 'custom'").fetchone()[0] == 0
