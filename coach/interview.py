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
from coach.probes import Probe, ProbeRule, choose_probe, load_rules, probe_question
from coach.questions import THEMES, Question, target_window
from coach.session import AnswerResult, Coach, Reporter
from coach.stories import STAR_PARTS, Story, practice_question

ROUNDS = {
    "technical": ("technical-screen",),
    "system-design": ("system-design",),
    "incident": ("incident-response",),
    "behavioral": ("behavioral",),
    "screen": ("recruiter-screen", "hiring-manager"),
    "full": ("technical-screen", "system-design", "incident-response", "behavioral", "culture"),
}
STRICT_GRACE_S = 10.0
STRUCTURE_PARTS = ("recommendation first", "tradeoffs", "operations", "validation")


@dataclass(frozen=True)
class SessionAnswer:
    answer: AnswerResult
    probe: Probe | None = None
    probe_answer: AnswerResult | None = None


@dataclass(frozen=True)
class AnswerShape:
    """Which structure or STAR parts one answer had (a motivation answer is judged on its
    key points alone, so it has neither)."""

    question_id: str
    question_text: str
    checked: str  # "structure", "star" or "key points"
    present: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class SessionSummary:
    answers: tuple[SessionAnswer, ...]
    habits: tuple[tuple[str, int], ...]  # (habit, how many answers showed it), worst first
    on_target: int
    total_s: float
    fillers_per_minute: float | None = None  # all fillers over all timed minutes
    key_points_covered: int = 0
    key_points_total: int = 0
    shapes: tuple[AnswerShape, ...] = ()  # one per answer, in order


def story_questions(stories: Sequence[Story]) -> list[Question]:
    """The user's story cards as questions; the themes ride in the category."""
    return [
        Question(
            id=f"story-{story.id}",
            text=practice_question(story),
            kind="behavioral",
            category=",".join(story.themes) or "story",
            round="behavioral",
        )
        for story in stories
    ]


DEFAULT_ROUND_QUESTIONS = 4


def plan_mock(
    bank: Sequence[Question], round_name: str, count: int | None, rng: random.Random
) -> list[Question]:
    """The questions of one mock round, `count` of them when the bank has enough.

    The full round walks the stages of a loop in order (ROUNDS["full"]): by default one
    question per stage; fewer questions take a random subset of the stages, still in order;
    more take extra questions from the stages, each kept with its stage. Other rounds take
    `count` (default DEFAULT_ROUND_QUESTIONS) distinct questions at random. Raises
    CoachError for an unknown round or one the bank has no questions for."""
    if round_name not in ROUNDS:
        raise CoachError(f"unknown round {round_name!r}; choose one of {', '.join(ROUNDS)}")
    rounds = ROUNDS[round_name]
    if round_name == "full":
        stages = [r for r in rounds if any(q.round == r for q in bank)]
        if not stages:
            raise CoachError("the question bank has no questions for a full mock round")
        count = count or len(stages)
        if count <= len(stages):
            kept = sorted(rng.sample(range(len(stages)), count))
            return [rng.choice([q for q in bank if q.round == stages[i]]) for i in kept]
        chosen = [rng.choice([q for q in bank if q.round == r]) for r in stages]
        rest = [q for q in bank if q.round in stages and q not in chosen]
        chosen += rng.sample(rest, min(count - len(chosen), len(rest)))
        return sorted(chosen, key=lambda q: stages.index(q.round))
    pool = [q for q in bank if q.round in rounds]
    if not pool:
        raise CoachError(f"the question bank has no {round_name} questions")
    return rng.sample(pool, min(count or DEFAULT_ROUND_QUESTIONS, len(pool)))


def plan_tonight(
    bank: Sequence[Question], rng: random.Random, stories: Sequence[Question] = ()
) -> list[Question]:
    """The article's checklist for the night before: one story per theme (incident,
    automation, scaling, conflict, tradeoff; the user's own story cards first), the
    system-design walkthrough and the "why this company" answer. Bank questions fill the
    slots their `tonight` field names; nothing is guessed from their wording."""
    plan: list[Question] = []
    for theme in THEMES:
        own = [s for s in stories if theme in s.category.split(",") and s not in plan]
        tagged = [q for q in bank if q.tonight == theme and q not in plan]
        if own:
            plan.append(own[0])
        elif tagged:
            plan.append(rng.choice(tagged))
    for slot in ("design", "why"):
        tagged = [q for q in bank if q.tonight == slot]
        if tagged:
            plan.append(rng.choice(tagged))
    return plan


def strict_options(
    question: Question, base: RecordOptions, window_s: tuple[float, float] | None
) -> RecordOptions:
    """The answer is cut off a little after the top of its window (the user's `window_s`,
    else the length policy's), as a strict interviewer would."""
    high = target_window(question, window_s)[1]
    return replace(base, max_answer_s=min(base.max_answer_s, high + STRICT_GRACE_S))


def ask_probe(
    coach: Coach,
    result: AnswerResult,
    reporter: Reporter,
    *,
    speak: bool,
    record_options: RecordOptions,
    asked: frozenset[str] = frozenset(),
    rules: tuple[ProbeRule, ...] | None = None,
) -> tuple[Probe | None, AnswerResult | None]:
    """Ask the follow-up aloud and analyze its answer; a silent reply is no answer."""
    probe = choose_probe(result.analysis, asked=asked, rules=rules if rules is not None else load_rules())
    if probe is None:
        return None, None
    question = probe_question(result.analysis.question, probe)

    options = replace(
        record_options,
        max_answer_s=min(record_options.max_answer_s, target_window(question)[1] + STRICT_GRACE_S),
    )
    try:
        return probe, coach.practice(
            question, reporter, speak=speak, record_options=options, label=f"Follow-up ({probe.reason})"
        )
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
    on_answer: Callable[[AnswerResult], None] | None = None,
    on_probe: Callable[[SessionAnswer], None] | None = None,
) -> list[SessionAnswer]:
    """Ask each question in turn, strictly timed, with a probe after each answer.

    `on_answer` gets each answer as soon as it is analyzed, before its probe is asked (so
    an interruption during the probe loses nothing); `on_probe` then gets the answer with
    its probe and the probe's answer (None when unanswered or not asked)."""
    rules = load_rules() if probes else ()  # a broken probes.toml fails now, not after an answer
    answers: list[SessionAnswer] = []
    asked: set[str] = set()
    for number, question in enumerate(questions, start=1):
        options = strict_options(question, coach.settings.record, coach.settings.target_window_s)
        try:
            result = coach.practice(
                question,
                reporter,
                speak=speak,
                record_options=options,
                label=f"Question {number} of {len(questions)}",
            )
        except NoSpeechError as exc:
            reporter.warn(f"skipped: {exc}")
            continue
        if on_answer is not None:
            on_answer(result)
        probe, probe_answer = None, None
        if probes:
            probe, probe_answer = ask_probe(
                coach,
                result,
                reporter,
                speak=speak,
                record_options=options,
                asked=frozenset(asked),
                rules=rules,
            )
            if probe is not None:
                asked.add(probe.text)
        entry = SessionAnswer(result, probe, probe_answer)
        answers.append(entry)
        if on_probe is not None:
            on_probe(entry)
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


def answer_shape(result: AnswerResult) -> AnswerShape:
    """The structure parts (technical) or STAR parts (behavioral) the answer had."""
    analysis = result.analysis
    found: tuple[bool, ...]
    names: tuple[str, ...]
    if analysis.structure is not None:
        structure = analysis.structure
        found = (
            structure.recommendation_first,
            structure.tradeoffs is not None,
            structure.operations is not None,
            structure.validation is not None,
        )
        checked, names = "structure", STRUCTURE_PARTS
    elif analysis.star is not None:
        star = analysis.star
        found = tuple(getattr(star, part) is not None for part in STAR_PARTS)
        checked, names = "star", STAR_PARTS
    else:
        return AnswerShape(analysis.question.id, analysis.question.text, "key points", (), ())
    return AnswerShape(
        analysis.question.id,
        analysis.question.text,
        checked,
        tuple(n for n, ok in zip(names, found, strict=True) if ok),
        tuple(n for n, ok in zip(names, found, strict=True) if not ok),
    )


def summarize(answers: Sequence[SessionAnswer]) -> SessionSummary:
    counts: Counter[str] = Counter()
    for entry in answers:
        counts.update(_habits(entry.answer))
    analyses = [a.answer.analysis for a in answers]
    timed = [a for a in analyses if a.timing is not None and a.timing.answer_s > 0]
    # answer time as spoken (from each first word): a wait before answering is not answering
    minutes = sum(a.timing.answer_s for a in timed if a.timing is not None) / 60
    coverages = [a.coverage for a in analyses]
    return SessionSummary(
        answers=tuple(answers),
        habits=tuple(counts.most_common()),
        on_target=sum(1 for a in timed if a.timing is not None and a.timing.verdict == "on_target"),
        total_s=round(minutes * 60, 1),
        fillers_per_minute=round(sum(a.fillers.count for a in timed) / minutes, 1) if minutes else None,
        key_points_covered=sum(len(c.covered) for c in coverages),
        key_points_total=sum(len(c.covered) + len(c.missed) for c in coverages),
        shapes=tuple(answer_shape(a.answer) for a in answers),
    )
