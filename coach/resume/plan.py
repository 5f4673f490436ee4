"""What to practise from the resume: each bullet's readiness, the next question to ask,
and a mock interview drawn from the resume's questions."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from coach.questions import Question
from coach.resume.model import Bullet, Project, Resume
from coach.resume.questions import ResumeQuestion, headline, resume_questions

Status = Literal["never", "weak", "well"]
GOOD_SCORE = 75.0  # the same bar as spaced repetition in coach.progress
STATUS_ORDER: dict[Status, int] = {"never": 0, "weak": 1, "well": 2}


@dataclass(frozen=True)
class BulletReadiness:
    project: Project
    bullet: Bullet
    status: Status
    attempts: int
    best_score: float | None
    best_attempt_id: int | None
    gaps: tuple[str, ...]  # what the best attempt missed: "figure not said", "own part unclear"


@dataclass(frozen=True)
class AttemptView:
    """The part of a stored attempt that readiness needs."""

    id: int
    score: float
    question_id: str
    source_bullet: str | None
    claim: dict[str, Any] | None


def attempt_views(attempts: Sequence[Any]) -> list[AttemptView]:
    """From coach.history.Attempt rows, top-level answers and probe answers alike. A
    partial attempt (cut short by Ctrl-C or a fault) says nothing about how ready a bullet
    is, so it is left out."""
    views = []
    for a in attempts:
        if getattr(a, "partial", False):
            continue
        question = a.data.get("question", {})
        views.append(
            AttemptView(a.id, a.score, a.question_id, question.get("source_bullet"), a.data.get("resume"))
        )
    return views


def _gaps(claim: dict[str, Any] | None) -> tuple[str, ...]:
    if not claim:
        return ()
    gaps = []
    if claim.get("metric_said") is False:
        gaps.append("figure not said")
    if not claim.get("ownership_clear", True):
        gaps.append("own part unclear")
    return tuple(gaps)


def readiness(resume: Resume, attempts: Sequence[AttemptView]) -> list[BulletReadiness]:
    """Every bullet with its best attempt so far, in the resume's order."""
    out = []
    for project, bullet in resume.bullets():
        mine = [a for a in attempts if a.source_bullet == bullet.text]
        if not mine:
            out.append(BulletReadiness(project, bullet, "never", 0, None, None, ()))
            continue
        best = max(mine, key=lambda a: (not _gaps(a.claim), a.score))
        gaps = _gaps(best.claim)
        status: Status = "well" if best.score >= GOOD_SCORE and not gaps else "weak"
        out.append(BulletReadiness(project, bullet, status, len(mine), best.score, best.id, gaps))
    return out


def worklist(items: Sequence[BulletReadiness]) -> list[BulletReadiness]:
    """Never practised first, then weak answers (weakest first), then the good ones."""
    return sorted(items, key=lambda r: (STATUS_ORDER[r.status], r.best_score or 0.0))


def next_question(
    resume: Resume, bank: Sequence[Question], attempts: Sequence[AttemptView]
) -> ResumeQuestion:
    """The question that moves readiness most: the first bullet still to do, asked the
    question on it not yet answered (the headline's deep dive comes first)."""
    questions = resume_questions(resume, bank)
    if not questions:
        raise_empty()
    asked = {a.question_id for a in attempts}
    for item in worklist(readiness(resume, attempts)):
        if item.status == "well":
            break
        on_bullet = [q for q in questions if q.source_bullet == item.bullet.text]
        fresh = [q for q in on_bullet if q.question.id not in asked]
        if fresh or on_bullet:
            return (fresh or on_bullet)[0]
    fresh = [q for q in questions if q.question.id not in asked]
    return (fresh or questions)[0]


def raise_empty() -> None:
    from coach.errors import ResumeError

    raise ResumeError(
        "the resume has no bullets or tools to ask about; check it with `coach resume show` and fix it "
        "with `coach resume edit`"
    )


def plan_mock(
    resume: Resume,
    bank: Sequence[Question],
    count: int,
    rng: random.Random,
    attempts: Sequence[AttemptView] = (),
) -> list[Question]:
    """A resume-driven mock interview: deep dives on the least-ready projects, then a
    figure or ownership check, a tool probe, a gap for the role, and a role question."""
    questions = resume_questions(resume, bank)
    if not questions:
        raise_empty()
    ready = {(r.project.title, r.bullet.text): r for r in readiness(resume, attempts)}
    projects = sorted(
        [p for p in resume.projects if p.bullets],
        key=lambda p: min(STATUS_ORDER[ready[(p.title, b.text)].status] for b in p.bullets),
    )
    tops = [b.text for p in projects if (b := headline(p)) is not None]
    by_kind: dict[str, list[ResumeQuestion]] = {}
    for q in questions:
        by_kind.setdefault(q.kind, []).append(q)
    deep = [
        q
        for text in tops
        for q in questions
        if q.source_bullet == text and q.kind in ("problem", "architecture", "failure")
    ]
    lanes = [
        deep[::3] + deep[1::3] + deep[2::3],
        by_kind.get("measurement", []) + by_kind.get("ownership", []),
        by_kind.get("tool", []),
        by_kind.get("gap", []),
        by_kind.get("role", []),
    ]
    for lane in lanes[1:]:
        rng.shuffle(lane)
    plan: list[Question] = []
    while len(plan) < count and any(lanes):
        for lane in lanes:
            while lane and lane[0].question in plan:
                lane.pop(0)
            if lane and len(plan) < count:
                plan.append(lane.pop(0).question)
    return plan
