"""Is practice working? Retry comparison against the last and the best attempt, trends
over time, the habits improving most and least, and which questions to practise next
(spaced repetition: a question answered well comes back later, a weak one sooner).

A partial attempt (its recording was cut short, see coach.recovery) takes part in none of
these unless asked for with include_partial; an answer with no question is compared with
nothing, counts in no trend or habit and never comes up as a question to practise
(coach.questions.is_comparable)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from coach.history import Attempt
from coach.questions import is_comparable

GOOD_SCORE = 75.0
FIRST_INTERVAL_DAYS = 1.0
SPARK = "▁▂▃▄▅▆▇█"
STRUCTURE_PARTS = ("recommendation_first", "assumptions", "tradeoffs", "operations", "validation")
STAR_PARTS = ("situation", "task", "action", "result", "reflection")
FILLER_HABIT_PER_MIN = 3.0
# The mistakes an answer can show only with timing or a STAR analysis; the others can be
# found in any answer.
MISTAKE_NEEDS = {"wandering": "timing", "we_not_i": "star", "no_reflection": "star"}
# Each habit named as the fault it is, so that a fall in its share reads as progress.
HABIT_FAULTS = {
    "answer too short": "answers too short",
    "answer too long": "answers too long",
    "fillers": f"more than {FILLER_HABIT_PER_MIN:g} fillers a minute",
    "no recommendation first": "recommendation not up front",
    "no assumptions": "unstated assumptions",
    "no tradeoffs": "tradeoffs left out",
    "no operations": "operations left out",
    "no validation": "validation left out",
    "no situation": "situation left out",
    "no task": "your task left out",
    "no action": "actions left out",
    "no result": "result left out",
    "no reflection": "no lesson or reflection",
    "tools without rationale": "tools named without a reason",
    "vague incident": "vague incidents",
    "we not i": "“we” hiding your part",
    "blame": "blaming others",
    "corporate": "rehearsed corporate phrasing",
    "wandering": "long, wandering answers",
    "defining basics": "defining basics",
}


@dataclass(frozen=True)
class Change:
    metric: str
    before: str
    after: str
    better: bool | None  # None: neither better nor worse

    @property
    def text(self) -> str:
        return f"{self.metric} {self.before} → {self.after}"


def _parts(data: dict[str, Any]) -> dict[str, bool]:
    found: dict[str, bool] = {}
    for section, names in (("structure", STRUCTURE_PARTS), ("star", STAR_PARTS)):
        if data.get(section):
            found.update({n: bool(data[section][n]) for n in names})
    return found


def _covered(data: dict[str, Any]) -> set[str]:
    return {c["label"] for c in (data.get("coverage") or {}).get("covered", [])}


def compare(current: dict[str, Any], earlier: dict[str, Any]) -> list[Change]:
    """What changed since an earlier attempt at the same question."""
    changes: list[Change] = []
    now_t, then_t = current.get("timing"), earlier.get("timing")
    if now_t and then_t:
        note = (
            " (now on target)" if now_t["verdict"] == "on_target" and then_t["verdict"] != "on_target" else ""
        )
        better = abs(_off_target(now_t)) < abs(_off_target(then_t))
        changes.append(
            Change("duration", f"{_answer_s(then_t):.0f} s", f"{_answer_s(now_t):.0f} s{note}", better)
        )
        changes.append(Change("pace", f"{then_t['wpm']:.0f} wpm", f"{now_t['wpm']:.0f} wpm", None))
    now_f, then_f = current["fillers"], earlier["fillers"]
    if now_f.get("per_minute") is not None and then_f.get("per_minute") is not None:
        changes.append(
            Change(
                "fillers",
                f"{then_f['count']} ({then_f['per_minute']:.1f}/min)",
                f"{now_f['count']} ({now_f['per_minute']:.1f}/min)",
                now_f["per_minute"] < then_f["per_minute"],
            )
        )
    else:
        changes.append(
            Change("fillers", str(then_f["count"]), str(now_f["count"]), now_f["count"] < then_f["count"])
        )
    now_p, then_p = _parts(current), _parts(earlier)
    for name in now_p:
        if name in then_p and now_p[name] != then_p[name]:
            label = name.replace("_", " ")
            changes.append(
                Change(
                    label,
                    "missing" if now_p[name] else "present",
                    "now covered" if now_p[name] else "now missing",
                    now_p[name],
                )
            )
    now_k, then_k = _covered(current), _covered(earlier)
    gained, lost = now_k - then_k, then_k - now_k
    if gained or lost:
        changes.append(Change("key points", f"{len(then_k)}", f"{len(now_k)}", len(gained) > len(lost)))
        changes += [Change(f"key point “{k}”", "missing", "now covered", True) for k in sorted(gained)]
        changes += [Change(f"key point “{k}”", "present", "now missing", False) for k in sorted(lost)]
    return changes


def _answer_s(timing: dict[str, Any]) -> float:
    """The answer as spoken, from its first word (attempts saved before `answer_s` was
    recorded have the recording's length only)."""
    return float(timing.get("answer_s", timing["duration_s"]))


def _off_target(timing: dict[str, Any]) -> float:
    low, high = timing["target_s"]
    duration = _answer_s(timing)
    return 0.0 if low <= duration <= high else (duration - high if duration > high else duration - low)


def summary_line(changes: list[Change]) -> str:
    """ "fillers 9 → 3, duration 112 s → 84 s (now on target), tradeoffs now covered"."""
    parts = []
    for change in changes:
        if change.before in ("missing", "present"):
            parts.append(f"{change.metric} {change.after}")
        elif change.before != change.after:
            parts.append(change.text)
    return ", ".join(parts) or "no change"


def sparkline(values: list[float]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low or 1.0
    return "".join(SPARK[int((v - low) / span * (len(SPARK) - 1))] for v in values)


@dataclass(frozen=True)
class Trend:
    name: str
    values: tuple[float, ...]
    higher_is_better: bool


@dataclass(frozen=True)
class DueQuestion:
    question_id: str
    question_text: str
    last_score: float
    attempts: int
    due: str  # ISO date


@dataclass(frozen=True)
class Progress:
    trends: tuple[Trend, ...]
    improving: tuple[tuple[str, float], ...]  # habit, change in the share of answers showing it
    worsening: tuple[tuple[str, float], ...]
    next_up: tuple[DueQuestion, ...]
    # habit -> (share of the earlier answers showing it, share of the later ones), each 0-1
    habit_shares: dict[str, tuple[float, float]] = field(default_factory=dict)


def _habits(data: dict[str, Any]) -> dict[str, bool]:
    """Each habit this answer can show, and whether it did. An answer measures only some: a
    typed one has no timing (so no length or filler rate), a technical one no STAR parts."""
    shown = {m["kind"] for m in data.get("mistakes", [])}
    habits: dict[str, bool] = {}

    def see(name: str, present: bool) -> None:
        habits[name] = habits.get(name, False) or present

    for kind in shown | set(MISTAKE_NEEDS):
        needs = MISTAKE_NEEDS.get(kind)
        if needs is None or data.get(needs):
            see(kind.replace("_", " "), kind in shown)
    timing = data.get("timing")
    if timing:
        for verdict in ("short", "long"):
            see(f"answer too {verdict}", timing["verdict"] == verdict)
    rate = data["fillers"].get("per_minute")
    if rate is not None:
        see("fillers", rate > FILLER_HABIT_PER_MIN)
    for name, present in _parts(data).items():
        see(f"no {name.replace('_', ' ')}", not present)
    return habits


def _habit_shares(ordered: list[Attempt]) -> dict[str, tuple[float, float]]:
    """The share of answers showing each habit in the first half and in the second, over
    the answers in which that habit can be measured."""
    observed = [_habits(a.data) for a in ordered]
    shares: dict[str, tuple[float, float]] = {}
    for name in set().union(*observed):
        seen = [habits[name] for habits in observed if name in habits]
        if len(seen) < 2:
            continue
        early, late = seen[: len(seen) // 2], seen[len(seen) // 2 :]
        shares[name] = (sum(early) / len(early), sum(late) / len(late))
    return shares


def habit_change(habit: str, shares: tuple[float, float]) -> str:
    """A habit's move worded so that it cannot be misread: every habit is a fault, named as
    one (HABIT_FAULTS), with the share of recent answers showing it and where it came from:
    "unstated assumptions: in 0% of recent answers, down from 100%"."""
    before, after = shares
    moved = "as before" if after == before else f"{'down' if after < before else 'up'} from {before:.0%}"
    return f"{HABIT_FAULTS.get(habit, habit)}: in {after:.0%} of recent answers, {moved}"


def schedule(ordered: list[Attempt], now: datetime) -> list[DueQuestion]:
    """Spaced repetition per question: the interval doubles after each good answer in a
    row and resets to a day after a weak one; weakest and most overdue first."""
    by_question: dict[str, list[Attempt]] = defaultdict(list)
    for attempt in ordered:
        if is_comparable(attempt.question_id):
            by_question[attempt.question_id].append(attempt)
    due: list[tuple[datetime, float, DueQuestion]] = []
    for question_id, runs in by_question.items():
        interval = FIRST_INTERVAL_DAYS
        for attempt in runs:
            interval = interval * 2 if attempt.score >= GOOD_SCORE else FIRST_INTERVAL_DAYS
        last = runs[-1]
        when = datetime.fromisoformat(last.created_at) + timedelta(
            days=interval if last.score >= GOOD_SCORE else 0
        )
        item = DueQuestion(question_id, last.question_text, last.score, len(runs), when.date().isoformat())
        due.append((when, last.score, item))
    due.sort(key=lambda d: (d[0] > now, d[1], d[0]))
    return [d[2] for d in due]


def tracked(history: Sequence[Attempt], *, include_partial: bool = False) -> list[Attempt]:
    """The answers that trends and habits follow, oldest first: answers to a question (not
    their probes, nor an answer given with no question); partial ones only with
    include_partial."""
    return sorted(
        (
            a
            for a in history
            if a.parent_id is None and is_comparable(a.question_id) and (include_partial or not a.partial)
        ),
        key=lambda a: (a.created_at, a.id),
    )


def habit_moves(
    shares: dict[str, tuple[float, float]], limit: int = 3
) -> tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]]:
    """(improving, worsening): the habits whose share fell most and rose most, each with its
    change, at most `limit` of each. Ties go by the habit's name, so every view lists the
    same ones in the same order."""
    shift = sorted(((h, late - early) for h, (early, late) in shares.items()), key=lambda kv: (kv[1], kv[0]))
    improving = tuple((h, d) for h, d in shift if d < 0)[:limit]
    worsening = tuple(sorted(((h, d) for h, d in shift if d > 0), key=lambda kv: (-kv[1], kv[0])))[:limit]
    return improving, worsening


def progress(history: list[Attempt], now: datetime, *, include_partial: bool = False) -> Progress:
    """Trends, habits and what to practise next over the answers to a question (see
    `tracked`); partial attempts only with include_partial."""
    ordered = tracked(history, include_partial=include_partial)
    trends = (
        Trend("score", tuple(a.score for a in ordered), True),
        Trend(
            "fillers/min",
            tuple(a.fillers_per_minute for a in ordered if a.fillers_per_minute is not None),
            False,
        ),
        Trend("duration s", tuple(a.duration_s for a in ordered if a.duration_s is not None), False),
    )
    shares = _habit_shares(ordered)
    improving, worsening = habit_moves(shares)
    return Progress(
        trends=trends,
        improving=improving,
        worsening=worsening,
        next_up=tuple(schedule(ordered, now)[:5]),
        habit_shares=shares,
    )


def comparison(data: dict[str, Any], attempt_id: int, *, include_partial: bool = False) -> dict[str, Any]:
    """The retry comparison for a stored answer: against the last attempt and the best.
    A partial answer is compared with nothing, and partial attempts are not compared with,
    unless include_partial."""
    from coach.history import earlier

    out: dict[str, Any] = {"last": None, "best": None}
    if data.get("partial") and not include_partial:
        return out
    last, best = earlier(data["question"]["id"], attempt_id, include_partial=include_partial)
    for key, attempt in (("last", last), ("best", best)):
        if attempt is None:
            continue
        if key == "best" and out["last"] is not None and attempt.id == out["last"]["attempt_id"]:
            out["best"] = {**out["last"], "same_as_last": True}  # said once, as "also your best"
            continue
        changes = compare(data, attempt.data)
        out[key] = {
            "attempt_id": attempt.id,
            "created_at": attempt.created_at,
            "summary": summary_line(changes),
            "changes": [
                {"metric": c.metric, "before": c.before, "after": c.after, "better": c.better}
                for c in changes
            ],
        }
    return out


def stored_answer(attempt_id: int, *, include_partial: bool = False) -> dict[str, Any]:
    """An attempt as it was shown, with its comparison to earlier attempts (a probe's
    answer is compared as part of its parent; partial ones only with include_partial)."""
    from coach.history import get, try_number

    stored = get(attempt_id)
    data = {
        **stored.data,
        "attempt_id": stored.id,
        "question_try": try_number(stored.question_id, stored.id, stored.parent_id),
        "partial": stored.partial,
    }
    if stored.parent_id is None:
        data["comparison"] = comparison(data, stored.id, include_partial=include_partial)
    return data


def attempt_label(data: dict[str, Any]) -> str | None:
    """What a stored answer's heading calls it: its id in the history, and which try at its
    question it was ("#3 · try 1 of this question"); None before it is stored."""
    if not data.get("attempt_id"):
        return None
    label = f"#{data['attempt_id']}"
    if data.get("question_try"):
        label += f" · try {data['question_try']} of this question"
    return label


def comparison_lines(comparison: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(heading, summary) for each earlier attempt an answer is compared with; when the last
    attempt was also the best, one line says so."""
    comparison = comparison or {}
    last, best = comparison.get("last"), comparison.get("best")
    lines = []
    if last:
        also = ", also your best" if best and best.get("same_as_last") else ""
        lines.append((f"Since your last attempt (attempt {last['attempt_id']}{also})", last["summary"]))
    if best and not best.get("same_as_last"):
        lines.append((f"Against your best (attempt {best['attempt_id']})", best["summary"]))
    return lines
