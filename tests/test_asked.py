"""A follow-up probe's answer is judged on what the probe asked, with the real spaCy model."""

from __future__ import annotations

import pytest

from coach.analysis import analyze
from coach.analysis.asked import asked_parts
from coach.feedback import make_feedback
from coach.probes import Probe, probe_question
from coach.questions import load_bank
from coach.transcribe import transcript_from_text

BANK = load_bank()
OUTAGE = next(q for q in BANK if q.id == "beh-major-production-outage")
DEPLOY = next(q for q in BANK if q.id == "cicd-deployment-reliability")


def _probe_answer(nlp, parent, probe_text: str, kind: str, answer: str):  # type: ignore[no-untyped-def]
    question = probe_question(parent, Probe(probe_text, "the question's own follow-up", kind))  # type: ignore[arg-type]
    analysis = analyze(transcript_from_text(answer), question, nlp)
    return analysis, " ".join(t.message for t in make_feedback(analysis))


ROLE_PROBE = "What exactly was your role, as opposed to the rest of the team?"


def _role_answer(nlp, answer: str):  # type: ignore[no-untyped-def]
    """The outage story's own follow-up, asking for the speaker's role, answered with `answer`."""
    return _probe_answer(nlp, OUTAGE, ROLE_PROBE, "behavioral", answer)


@pytest.mark.parametrize(
    ("probe", "parts"),
    [
        (ROLE_PROBE, ("role",)),
        ("What did you personally do, step by step?", ("action",)),
        ("What was the outcome, in numbers?", ("result", "measure")),
        ("What would you do differently next time?", ("reflection",)),
        ("What would your rollback plan be?", ("rollback",)),
        ("How would you know it is working once it is in production?", ("monitoring",)),
        ("What is the biggest downside of that approach, and why accept it?", ("tradeoff",)),
        ("Give me an example of a manual step you removed and what happened afterward.", ("story", "result")),
        ("How does Kubernetes decide where a pod runs?", ()),
    ],
)
def test_a_probe_asks_for_the_parts_its_words_name(probe: str, parts: tuple[str, ...]) -> None:
    assert asked_parts(probe) == parts


def test_a_role_probe_answered_with_the_role_gets_no_checklist_tips(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis, tips = _role_answer(
        nlp,
        "I was the incident commander. The database team owned the fix, and I ran the bridge and "
        "made the call to fail over.",
    )
    assert analysis.asked is not None and analysis.asked.asks == ("role",)
    assert analysis.asked.missing == ()
    # what the full STAR checklist would have said, and the probe did not ask for
    for wrong in ("role or responsibility", "Finish with the result", "learned", "number on the result"):
        assert wrong not in tips, tips


def test_a_role_probe_answered_without_a_role_is_told_so(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis, tips = _role_answer(
        nlp, "The team looked at the dashboards and the database got fixed after a while."
    )
    assert analysis.asked is not None and analysis.asked.missing == ("role",)
    assert "Name your role" in tips
    assert "Finish with the result" not in tips and "learned" not in tips


def test_a_rollback_probe_is_not_judged_on_recommendation_first(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis, tips = _probe_answer(
        nlp,
        DEPLOY,
        "What would your rollback plan be?",
        "technical",
        "If the error rate doubles during the canary, the pipeline rolls back to the previous version "
        "automatically within two minutes.",
    )
    assert analysis.asked is not None and analysis.asked.missing == ()
    assert "Lead with" not in tips and "downside" not in tips.lower()


def test_a_numbers_probe_wants_a_number(nlp) -> None:  # type: ignore[no-untyped-def]
    _, vague = _probe_answer(
        nlp, OUTAGE, "What was the outcome, in numbers?", "behavioral", "It got a lot better after that."
    )
    assert "number" in vague
    analysis, _ = _probe_answer(
        nlp,
        OUTAGE,
        "What was the outcome, in numbers?",
        "behavioral",
        "Errors dropped from five percent to almost zero, and we cut recovery time to ten minutes.",
    )
    assert analysis.asked is not None and analysis.asked.missing == ()


def test_a_first_answer_is_still_held_to_the_whole_checklist(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(transcript_from_text("I was the incident commander."), OUTAGE, nlp)
    assert analysis.asked is None and analysis.star is not None
    assert "result" in " ".join(t.message for t in make_feedback(analysis))


def test_a_probe_answer_is_shown_against_what_it_asked(coach) -> None:  # type: ignore[no-untyped-def]
    """The terminal view lists the parts the probe asked for, not the STAR checklist."""
    import io

    from rich.console import Console

    from coach.report.json import answer_dict
    from coach.report.terminal import render

    question = probe_question(OUTAGE, Probe(ROLE_PROBE, "x", "behavioral"))
    result = coach.analyze_text("I was the incident commander, and I ran the bridge.", question)
    screen = io.StringIO()
    render(Console(file=screen, width=120, color_system=None), answer_dict(result))
    shown = screen.getvalue()
    assert "Asked for role" in shown and "✓ given" in shown
    for checklist_row in ("Situation", "Reflection", "Recommendation"):
        assert checklist_row not in shown
