"""Multi-question sessions: a timed mock interview, and the night-before rehearsal.

Both ask their questions in order under strict time limits, probe each answer as an
interviewer would, and end with a summary across answers: times, fillers, structure,
coverage, and the habits that cost the most.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from coach.config import RecordOptions
from coach.errors import CoachError, NoSpeechError
from coach.probes import Probe, choose_probe, load_rules, probe_question
from coach.questions import Question
from coach.session import AnswerResult, Coach, Reporter
from coach.stories import Story, practice_question

ROUNDS = {
    "technical": ("technical-screen",),
    "system-design": ("system-design",),
    "incident": ("incident-response",),
    "behavioral": ("behavioral",),
    "full": ("technical-screen", "system-design", "incident-response", "behavioral", "culture"),
}
# The night-before checklist: stories on five themes, one design walkthrough, one "why us".
STORY_THEMES = {
    "incident": ("outage", "incident", "pressure", "sev", "incomplete information"),
    "automation": ("automat", "toil"),
    "scaling": ("scal", "capacity", "growth", "traffic", "redesign"),
    "conflict": ("disagree", "conflict", "influence", "push back", "authority"),
    "tradeoff": ("tradeoff", "trade-off", "speed", "safety", "decision", "risk"),
}
STRICT_GRACE_S = 10.0


@dataclass(frozen=True)
class SessionAnswer:
    answer: AnswerResult
    probe: Probe | None = None
    probe_answer: AnswerResult | None = None


@dataclass(frozen=True)
class SessionSummary:
    answers: tuple[SessionAnswer, ...]
    habits: tuple[tuple[str, int], ...]  # (habit, how many answers showed it), worst first
    on_target: int
    total_s: float


def story_questions(stories: Sequence[Story]) -> list[Question]:
    """The user's story cards as questions; the themes ride in the category."""
    return [
        Question(
            id=f"story-{story.id}",
            text=practice_question(story),
            kind="behavioral",
            category=",".join(story.themes) or "story",
            round="behavioral",
            target_window_s=(60.0, 120.0),
        )
        for story in stories
    ]


def plan_mock(bank: Sequence[Question], round_name: str, count: int, rng: random.Random) -> list[Question]:
    if round_name not in ROUNDS:
        raise CoachError(f"unknown round {round_name!r}; choose one of {', '.join(ROUNDS)}")
    rounds = ROUNDS[round_name]
    if round_name == "full":
        return [
            rng.choice([q for q in bank if q.round == r]) for r in rounds if any(q.round == r for q in bank)
        ]
    pool = [q for q in bank if q.round in rounds]
    if not pool:
        raise CoachError(f"the question bank has no {round_name} questions")
    return rng.sample(pool, min(count, len(pool)))


def plan_tonight(
    bank: Sequence[Question], rng: random.Random, stories: Sequence[Question] = ()
) -> list[Question]:
    """One story per theme (the user's own story cards first), a design walkthrough, and
    a "why this company" answer."""
    plan: list[Question] = []
    behavioral = [
        q for q in bank if q.kind == "behavioral" and q.round in ("behavioral", "incident-response")
    ]
    for theme, cues in STORY_THEMES.items():
        own = [s for s in stories if theme in s.category.split(",") and s not in plan]
        if own:
            plan.append(own[0])
            continue
        matching = [
            q for q in behavioral if any(c in q.text.lower() or c in q.id for c in cues) and q not in plan
        ]
        if matching:
            plan.append(rng.choice(matching))
    design = [q for q in bank if q.round == "system-design"]
    culture = [q for q in bank if q.round == "culture" and ("why" in q.text.lower())] or [
        q for q in bank if q.round == "culture"
    ]
    plan += [rng.choice(design)] if design else []
    plan += [rng.choice(culture)] if culture else []
    return plan


def strict_options(question: Question, base: RecordOptions, window_s: tuple[float, float]) -> RecordOptions:
    """The answer is cut off a little after the top of its window, as a strict interviewer would."""
    high = (question.target_window_s or window_s)[1]
    return replace(base, max_answer_s=min(base.max_answer_s, high + STRICT_GRACE_S))


def ask_probe(
    coach: Coach,
    result: AnswerResult,
    reporter: Reporter,
    *,
    speak: bool,
    record_options: RecordOptions,
    asked: frozenset[str] = frozenset(),
) -> tuple[Probe | None, AnswerResult | None]:
    """Ask the follow-up aloud and analyze its answer; a silent reply is no answer."""
    probe = choose_probe(result.analysis, asked=asked, rules=load_rules())
    if probe is None:
        return None, None
    question = probe_question(result.analysis.question, probe)
    reporter.status(f"Follow-up ({probe.reason}): {probe.text}")
    options = replace(
        record_options,
        max_answer_s=min(record_options.max_answer_s, question.target_window_s[1] + STRICT_GRACE_S)
        if question.target_window_s
        else record_options.max_answer_s,
    )
    try:
        return probe, coach.practice(question, reporter, speak=speak, record_options=options)
    except NoSpeechError as exc:
        reporter.warn(f"no answer to the follow-up ({exc})")
        return probe, None


def run_session(
    coach: Coach,
    questions: Sequence[Question],
    reporter: Reporter,
    *,
    speak: bool = True,
    probes: bool = True,
    on_answer: Callable[[SessionAnswer], None] | None = None,
) -> list[SessionAnswer]:
    """Ask each question in turn, strictly timed, with a probe after each answer."""
    answers: list[SessionAnswer] = []
    asked: set[str] = set()
    for number, question in enumerate(questions, start=1):
        reporter.status(f"Question {number} of {len(questions)}")
        options = strict_options(question, coach.settings.record, coach.settings.target_window_s)
        try:
            result = coach.practice(question, reporter, speak=speak, record_options=options)
        except NoSpeechError as exc:
            reporter.warn(f"skipped: {exc}")
            continue
        probe, probe_answer = None, None
        if probes:
            probe, probe_answer = ask_probe(
                coach, result, reporter, speak=speak, record_options=options, asked=frozenset(asked)
            )
            if probe is not None:
                asked.add(probe.text)
        entry = SessionAnswer(result, probe, probe_answer)
        answers.append(entry)
        if on_answer is not None:
            on_answer(entry)
    return answers


def _habits(result: AnswerResult) -> set[str]:
    analysis = result.analysis
    habits = {m.kind.replace("_", " ") for m in analysis.mistakes}
    if analysis.timing is not None and analysis.timing.verdict != "on_target":
        habits.add(f"answer too {analysis.timing.verdict}")
    if analysis.fillers.per_minute is not None and analysis.fillers.per_minute > 3:
        habits.add("fillers")
    if analysis.structure is not None:
        if not analysis.structure.recommendation_first:
            habits.add("recommendation not first")
        if analysis.structure.tradeoffs is None:
            habits.add("no tradeoff")
        if analysis.structure.operations is None:
            habits.add("no operations")
    if analysis.star is not None:
        if analysis.star.result is None or not analysis.star.result_measurable:
            habits.add("no measurable result")
        if analysis.star.reflection is None:
            habits.add("no reflection")
    if analysis.coverage.share is not None and analysis.coverage.share < 0.5:
        habits.add("key points missed")
    return habits


def summarize(answers: Sequence[SessionAnswer]) -> SessionSummary:
    counts: Counter[str] = Counter()
    for entry in answers:
        counts.update(_habits(entry.answer))
    timings = [a.answer.analysis.timing for a in answers if a.answer.analysis.timing is not None]
    return SessionSummary(
        answers=tuple(answers),
        habits=tuple(counts.most_common()),
        on_target=sum(1 for t in timings if t.verdict == "on_target"),
        total_s=round(sum(t.duration_s for t in timings), 1),
    )
