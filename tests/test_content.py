"""Interview content: key-point coverage, mistakes, probes, and session plans."""

from __future__ import annotations

import random

import pytest

from coach.analysis import analyze
from coach.errors import CoachError, QuestionBankError
from coach.feedback import make_feedback
from coach.interview import SessionAnswer, plan_mock, plan_tonight, summarize
from coach.probes import BUILTIN_RULES, choose_probe, load_rules, named_technologies, probe_question
from coach.questions import adhoc_question, load_bank
from coach.session import AnswerResult
from coach.transcribe import transcript_from_text

BANK = load_bank()
DEPLOY = next(q for q in BANK if q.id == "cicd-deployment-reliability")


def _analyze(nlp, text: str, question=DEPLOY):  # type: ignore[no-untyped-def]
    return analyze(transcript_from_text(text), question, nlp)


def test_coverage_matches_paraphrases_with_evidence(nlp) -> None:  # type: ignore[no-untyped-def]
    answer = (
        "I'd build every artifact once and promote the same image. We'd ship through canaries, "
        "and if error rates climb the deploy rolls back automatically."
    )
    coverage = _analyze(nlp, answer).coverage
    covered = {c.label: c for c in coverage.covered}
    assert any("rollback" in label.lower() for label in covered)  # "rolls back automatically"
    assert any("progressive" in label.lower() for label in covered)  # "canaries" as a synonym
    assert all(c.evidence.quote for c in covered.values())
    assert coverage.missed and coverage.share is not None and coverage.share < 1


def test_feedback_names_missing_angles(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = _analyze(nlp, "I would add more tests. Tests catch bugs before production.")
    tips = make_feedback(analysis)
    assert any("angles" in t.message and "Missing" in t.message for t in tips)


@pytest.mark.parametrize(
    ("text", "kind", "question"),
    [
        (
            "We used Kubernetes, Terraform and Jenkins. It worked well for the team.",
            "tools_without_rationale",
            DEPLOY,
        ),
        (
            "We had an outage last year and we fixed it and things were fine after.",
            "vague_incident",
            adhoc_question("Tell me about an outage"),
        ),
        (
            "Honestly it was the other team's fault, they never tested anything, so I fixed it.",
            "blame",
            adhoc_question("Tell me about a failure"),
        ),
        (
            "I'm passionate about best practices and I always hit the ground running.",
            "corporate",
            adhoc_question("Why this role?"),
        ),
        (
            "CI/CD stands for continuous integration and continuous delivery. It is a way to ship code.",
            "defining_basics",
            DEPLOY,
        ),
    ],
)
def test_mistakes_are_found_with_evidence(nlp, text: str, kind: str, question) -> None:  # type: ignore[no-untyped-def]
    mistakes = {m.kind: m for m in _analyze(nlp, text, question).mistakes}
    assert kind in mistakes, list(mistakes)
    if kind != "we_not_i":
        assert mistakes[kind].evidence is not None and mistakes[kind].evidence.quote


def test_reasoned_tools_and_concrete_incidents_are_not_mistakes(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "We moved to Kubernetes and Terraform because manual deploys broke weekly. "
        "During the outage 30 percent of customers saw errors for 20 minutes."
    )
    kinds = {m.kind for m in _analyze(nlp, text, adhoc_question("Tell me about an outage")).mistakes}
    assert not kinds & {"tools_without_rationale", "vague_incident"}


def test_technology_probe_comes_from_the_named_tool(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = _analyze(nlp, "I'd run it on Kubernetes with canaries, and roll back on errors.")
    probe = choose_probe(analysis)
    assert probe is not None and probe.reason == "you named Kubernetes" and probe.kind == "technical"
    assert [r.name for r in named_technologies("terraform state in s3 with aws", BUILTIN_RULES)] == [
        "Infrastructure as code", "AWS",
    ]  # fmt: skip
    again = choose_probe(analysis, asked=frozenset(BUILTIN_RULES[0].questions))
    assert again is not None and again.reason != "you named Kubernetes"


def test_gap_probe_asks_for_the_rollback_plan(nlp) -> None:  # type: ignore[no-untyped-def]
    probe = choose_probe(_analyze(nlp, "I'd deploy with canaries and watch the error rate dashboards."))
    assert probe is not None and probe.text == "What would your rollback plan be?"
    question = probe_question(DEPLOY, probe)
    assert question.id == "cicd-deployment-reliability-probe1" and question.target_window_s == (20.0, 60.0)


def test_behavioral_gap_probe(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = _analyze(nlp, "We had an outage. We rolled back.", adhoc_question("Tell me about an outage"))
    probe = choose_probe(analysis)
    assert probe is not None and probe.text == "What did you personally do, step by step?"


def test_user_probe_table_extends_and_is_validated(coach_home) -> None:  # type: ignore[no-untyped-def]
    (coach_home / "probes.toml").write_text(
        '[[probe]]\nname = "Nomad"\nmatch = ["nomad"]\nquestions = ["How does Nomad reschedule?"]\n'
    )
    rules = load_rules()
    assert rules[0].name == "Nomad" and len(rules) == len(BUILTIN_RULES) + 1
    (coach_home / "probes.toml").write_text('[[probe]]\nname = "x"\n\n[[probe]]\nname = "Bad"\nmatch = []\n')
    with pytest.raises(QuestionBankError, match=r"probes.toml:1: a probe needs"):
        load_rules()


def test_mock_plans_by_round() -> None:
    rng = random.Random(1)
    full = plan_mock(BANK, "full", 4, rng)
    assert [q.round for q in full] == [
        "technical-screen",
        "system-design",
        "incident-response",
        "behavioral",
        "culture",
    ]
    design = plan_mock(BANK, "system-design", 3, rng)
    assert len(design) == 3 and {q.round for q in design} == {"system-design"}
    with pytest.raises(CoachError, match="unknown round"):
        plan_mock(BANK, "trivia", 2, rng)


def test_tonight_follows_the_checklist() -> None:
    plan = plan_tonight(BANK, random.Random(2))
    assert len(plan) == 7
    assert (
        sum(1 for q in plan if q.kind == "behavioral" and q.round in ("behavioral", "incident-response")) == 5
    )
    assert plan[-2].round == "system-design" and plan[-1].round == "culture"


def test_summary_ranks_habits(nlp) -> None:  # type: ignore[no-untyped-def]
    weak = AnswerResult(_analyze(nlp, "We used Kubernetes and Jenkins."), [])
    weaker = AnswerResult(_analyze(nlp, "It depends. There are many options."), [])
    summary = summarize([SessionAnswer(weak), SessionAnswer(weaker)])
    habits = dict(summary.habits)
    assert habits["recommendation not first"] == 2 and habits["no tradeoff"] == 2
    assert summary.habits[0][1] == 2
