"""Analysis to the few tips that matter most, each tied to a quote and a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coach.analysis import Analysis
from coach.analysis.document import Evidence
from coach.config import AnalysisOptions
from coach.transcribe import Word
from coach.wording import counted, end_sentence, join_words, shorten

MAX_TIPS = 3


@dataclass(frozen=True)
class Tip:
    message: str
    evidence: str
    at_s: float | None
    priority: int  # lower is more important
    mistakes: tuple[str, ...] = ()  # the mistake kinds this tip raises (see coach.analysis.mistakes)


def _tip(
    priority: int,
    message: str,
    evidence: Evidence | None = None,
    at_s: float | None = None,
    mistakes: tuple[str, ...] = (),
) -> Tip:
    return Tip(
        end_sentence(message),
        evidence.quote if evidence else "",
        evidence.at_s if evidence else at_s,
        priority,
        mistakes,
    )


QUOTE_WORDS = 14
PACE_WINDOW_WORDS = 12


def _quote(words: Sequence[Word]) -> Evidence:
    return Evidence(join_words(w.text for w in words), words[0].start_s if words else None)


def _opening(analysis: Analysis) -> Evidence:
    return _quote(analysis.transcript.words[:QUOTE_WORDS])


def _closing(analysis: Analysis) -> Evidence:
    """The answer's last sentence (its last words, if the sentence is long): where a
    missing result or validation should have come."""
    words = analysis.transcript.words
    start = max(len(words) - QUOTE_WORDS, 0)
    for i in range(len(words) - 2, start - 1, -1):
        if words[i].text.endswith((".", "?", "!")):
            start = i + 1
            break
    return _quote(words[start:])


def _at(analysis: Analysis, at_s: float, before: int = 5, after: int = 6) -> Evidence:
    """The words being said at a moment of the answer."""
    words = analysis.transcript.words
    index = next((i for i, w in enumerate(words) if (w.start_s or 0.0) >= at_s), len(words))
    return _quote(words[max(index - before, 0) : index + after])


def _around_pause(analysis: Analysis, start_s: float, end_s: float) -> Evidence:
    """The words either side of a silence, with the gap marked."""
    words = analysis.transcript.words
    before = [w for w in words if (w.end_s or 0.0) <= start_s + 0.05][-5:]
    after = [w for w in words if (w.start_s or 0.0) >= end_s - 0.05][:5]
    text = (
        join_words(w.text for w in before)
        + f" … [{end_s - start_s:.1f} s] … "
        + join_words(w.text for w in after)
    )
    return Evidence(text.strip(), before[0].start_s if before else start_s)


def _pace_stretch(analysis: Analysis, fastest: bool) -> Evidence:
    """The fastest (or slowest) run of PACE_WINDOW_WORDS words."""
    words = [w for w in analysis.transcript.words if w.start_s is not None and w.end_s is not None]
    if len(words) <= PACE_WINDOW_WORDS:
        return _opening(analysis)
    windows = range(len(words) - PACE_WINDOW_WORDS + 1)

    def seconds(i: int) -> float:
        return max((words[i + PACE_WINDOW_WORDS - 1].end_s or 0.0) - (words[i].start_s or 0.0), 1e-3)

    pick = min(windows, key=seconds) if fastest else max(windows, key=seconds)
    return _quote(words[pick : pick + PACE_WINDOW_WORDS])


# What a short answer could add, by the part it left out (see _depth_advice).
_STRUCTURE_ADDS = (
    ("recommendation", "the decision you would make"),
    ("assumptions", "the assumptions you made"),
    ("tradeoffs", "the tradeoff you weighed"),
    ("operations", "how you would run it (monitoring, rollback)"),
    ("validation", "how you would check it worked"),
)
_STAR_ADDS = (
    ("situation", "the context"),
    ("task", "your own role"),
    ("action", "the steps you took yourself"),
    ("result", "how it ended"),
    ("reflection", "what you learned"),
)


def _missing_parts(analysis: Analysis) -> list[str] | None:
    """What the answer left out of its checklist, as a short answer's advice would name
    it: structure parts for a technical answer, STAR parts for a behavioral one, key points
    for a motivation one. None when the question has no such checklist."""
    kind = analysis.question.kind
    if kind == "technical" and analysis.structure is not None:
        structure = analysis.structure
        return [text for part, text in _STRUCTURE_ADDS if getattr(structure, part) is None]
    if kind == "behavioral" and analysis.star is not None:
        star = analysis.star
        missing = [text for part, text in _STAR_ADDS if getattr(star, part) is None]
        if star.result is not None and not star.result_measurable:
            missing.append("the result in numbers")
        return missing
    if kind == "motivation":
        return list(analysis.coverage.missed)
    return None


def _depth_advice(analysis: Analysis) -> str:
    """What a short answer should add: the parts it lacks, else depth on what it said. A
    follow-up's answer is pointed at what the follow-up asked, never the whole checklist."""
    if analysis.asked is not None:
        wanted = [ASKED_PARTS.get(part, part) for part in analysis.asked.missing]
        if wanted:
            return f"Give what the follow-up asked for: {_and_list(wanted[:2])}."
        return "Back up what you said with one concrete detail or example."
    missing = _missing_parts(analysis)
    if missing and analysis.question.kind == "motivation":
        return f"Cover what it left out: {_and_list(missing[:2])}."
    if missing:
        return f"Add {_and_list(missing[:2])}."
    if analysis.question.kind == "technical":
        return "Go one level deeper: the numbers behind your choice, or a failure mode and how you would handle it."
    if analysis.question.kind == "behavioral":
        return "Tell each part in more detail: one concrete step you took and what it changed."
    return "Go deeper on what you said, with one concrete example."


def _and_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _timing_tips(analysis: Analysis, options: AnalysisOptions) -> list[Tip]:
    """Length (the answer as spoken, from its first word), the wait before the first word,
    long silences and pace."""
    timing = analysis.timing
    if timing is None:
        return []
    tips: list[Tip] = []
    low, high = timing.target_s
    if timing.verdict == "long":
        over = timing.answer_s - high
        tips.append(
            _tip(
                1 if over > 30 else 3,
                f"Cut it to under {high:.0f} s: you ran {timing.answer_s:.0f} s, {over:.0f} s over. "
                + (
                    "Answer what the follow-up asked, then stop."
                    if analysis.asked is not None
                    else "Give the first-pass answer, then let the interviewer pull for depth."
                ),
                _at(analysis, timing.first_word_s + high),
            )
        )
    elif timing.verdict == "short":
        tips.append(
            _tip(
                2 if timing.answer_s < low * 0.6 else 4,
                f"Say more: {timing.answer_s:.0f} s is under the {low:.0f}–{high:.0f} s window. "
                + _depth_advice(analysis),
                _closing(analysis),
            )
        )
    if timing.first_word_s > options.late_start_s:
        tips.append(
            _tip(
                1 if timing.first_word_s > 2 * options.late_start_s else 4,
                f"You took {timing.first_word_s:.0f} s to start, and the interviewer heard nothing until then. "
                'Open with the gist within a few seconds, or say you are thinking ("let me take a moment to '
                'think about the failure modes"), then think aloud.',
                _opening(analysis),
            )
        )
    long_pauses = [
        p for p in timing.pauses if p.length_s >= options.long_pause_s and p.start_s > timing.first_word_s
    ]
    if long_pauses:
        worst = max(long_pauses, key=lambda p: p.length_s)
        tips.append(
            _tip(
                6,
                f"A {worst.length_s:.1f} s silence at {worst.start_s:.0f} s. If you need time, say so "
                '("let me think through the failure modes first") rather than going quiet.',
                _around_pause(analysis, worst.start_s, worst.end_s),
            )
        )
    if timing.articulation_wpm > options.fast_wpm:
        tips.append(
            _tip(
                7,
                f"Slow down: {timing.articulation_wpm:.0f} words a minute while speaking is fast for a technical answer; aim for 140–170.",
                _pace_stretch(analysis, fastest=True),
            )
        )
    elif 0 < timing.wpm < options.slow_wpm and timing.answer_s > 20:
        tips.append(
            _tip(
                7,
                f"Pick up the pace: {timing.wpm:.0f} words a minute overall. Fewer pauses and restarts will get you there.",
                _pace_stretch(analysis, fastest=False),
            )
        )
    return tips


def _filler_tips(analysis: Analysis, options: AnalysisOptions) -> list[Tip]:
    fillers = analysis.fillers
    if not fillers.hits:
        return []
    rate = fillers.per_minute
    too_many = rate > options.fillers_per_minute_limit if rate is not None else fillers.share_of_words > 0.03
    if not too_many:
        return []
    top, count = next(iter(fillers.by_text.items()))
    first = next(h for h in fillers.hits if h.text == top)
    words = analysis.transcript.words
    quote = join_words(w.text for w in words[max(first.word_index - 4, 0) : first.word_index + 5])
    rate_text = f"{rate:.1f} a minute" if rate is not None else f"{fillers.share_of_words:.0%} of words"
    return [
        _tip(
            2 if (rate or 0) > 2 * options.fillers_per_minute_limit else 4,
            f'{counted(fillers.count, "filler")} ({rate_text}); "{top}" came {"once" if count == 1 else f"{count} times"}. '
            "Replace it with a short silent pause.",
            Evidence(quote, first.start_s),
        )
    ]


def _structure_tips(analysis: Analysis, options: AnalysisOptions) -> list[Tip]:
    structure = analysis.structure
    if structure is None:
        return []
    tips: list[Tip] = []
    if structure.recommendation is None:
        tips.append(
            _tip(
                1,
                'State a decision. You never committed to a recommendation ("I\'d use X because Y"); open with it.',
                _opening(analysis),
            )
        )
    elif not structure.recommendation_first:
        tips.append(
            _tip(
                2,
                (
                    f"Lead with your recommendation: it came at {structure.recommendation_s:.0f} s. "
                    f"Say it within the first {options.recommendation_within_s:.0f} s, then justify it."
                    if structure.recommendation_s is not None
                    else "Lead with your recommendation: it came only after the background. "
                    f"Say it in your first sentence or two (about {options.recommendation_within_s:.0f} s "
                    "spoken), then justify it."
                ),
                structure.recommendation,
            )
        )
    if structure.tradeoffs is None:
        tips.append(
            _tip(
                2,
                "Name a tradeoff: what does your choice cost (complexity, money, latency, risk) and why is it worth it?",
                structure.recommendation or _opening(analysis),
            )
        )
    elif structure.recommendation is not None and not structure.recommendation_before_tradeoffs:
        tips.append(
            _tip(
                5,
                "You weighed options before deciding. Give the decision first, then the tradeoffs behind it.",
                structure.tradeoffs,
            )
        )
    if structure.operations is None:
        tips.append(
            _tip(
                3,
                "Cover operations: how you would monitor it, roll it back, secure it and who owns it.",
                structure.recommendation or _opening(analysis),
            )
        )
    if structure.validation is None:
        tips.append(
            _tip(
                5,
                "Close with validation: how would you prove the design works in production (load test, failover drill, success metric)?",
                _closing(analysis),
            )
        )
    if structure.assumptions is None:
        tips.append(
            _tip(
                6,
                "State your assumptions and constraints (scale, budget, latency target) before the design.",
                _opening(analysis),
            )
        )
    return tips


def _star_tips(analysis: Analysis) -> list[Tip]:
    star = analysis.star
    if star is None:
        return []
    tips: list[Tip] = []
    if star.action is None or (star.i_actions == 0 and star.we_actions > 0):
        evidence = _opening(analysis)
        if star.we_actions and not star.i_actions:
            tips.append(
                _tip(
                    1,
                    f"Say what you yourself did: {counted(star.we_actions, 'action')} "
                    f'{"was" if star.we_actions == 1 else "were"} told as "we" and none as "I".',
                    evidence,
                    mistakes=("we_not_i",),
                )
            )
        else:
            tips.append(_tip(1, "Describe your actions: what did you personally do, step by step?", evidence))
    elif star.i_we_ratio is not None and star.i_we_ratio < 0.5:
        tips.append(
            _tip(
                3,
                f"Own your part: only {star.i_actions} of {counted(star.i_actions + star.we_actions, 'action')} "
                f'{"was" if star.i_actions == 1 else "were"} told with "I".',
                star.action,
                mistakes=("we_not_i",),
            )
        )
    if star.result is None:
        tips.append(
            _tip(
                2,
                "Finish with the result: what changed because of what you did?",
                _closing(analysis),
            )
        )
    elif not star.result_measurable:
        tips.append(
            _tip(
                3,
                "Put a number on the result (minutes of downtime, error rate, hours saved).",
                star.result,
            )
        )
    if star.reflection is None:
        tips.append(
            _tip(
                3,
                "Add what you learned or would change next time; that reflection is what makes the result analytical.",
                star.result or _closing(analysis),
                mistakes=("no_reflection",),
            )
        )
    if star.situation is None:
        tips.append(
            _tip(
                5,
                "Set the scene in one sentence: where, when, and what was at stake.",
                _opening(analysis),
            )
        )
    if star.task is None:
        tips.append(
            _tip(
                6,
                "Say what your role or responsibility was before describing the actions.",
                star.situation or _opening(analysis),
            )
        )
    return tips


MISTAKE_PRIORITY = {
    "defining_basics": 1, "we_not_i": 1, "wandering": 2, "vague_incident": 2, "tools_without_rationale": 3,
    "blame": 3, "corporate": 6, "no_reflection": 3,
}  # fmt: skip


def _mistake_tips(analysis: Analysis) -> list[Tip]:
    # "we" and reflection are already covered by the STAR tips
    skip = {"we_not_i", "no_reflection"} if analysis.star is not None else set()
    return [
        _tip(
            MISTAKE_PRIORITY.get(m.kind, 5),
            m.message,
            m.evidence if m.evidence.quote else _opening(analysis),
            mistakes=(m.kind,),
        )
        for m in analysis.mistakes
        if m.kind not in skip
    ]


def _coverage_tips(analysis: Analysis) -> list[Tip]:
    coverage = analysis.coverage
    if not coverage.missed:
        return []
    total = len(coverage.covered) + len(coverage.missed)
    missed = ", ".join(coverage.missed[:3]) + (" …" if len(coverage.missed) > 3 else "")
    if coverage.share is not None and coverage.share < 0.5:
        return [
            _tip(
                2,
                f"You covered {len(coverage.covered)} of {total} angles a strong answer has. Missing: {missed}.",
                _closing(analysis),
            )
        ]
    return [_tip(5, f"Also cover: {missed}.", _closing(analysis))]


def _clean_summary(analysis: Analysis) -> Tip:
    timing = analysis.timing
    parts = []
    if timing is not None:
        parts.append(
            f"{timing.answer_s:.0f} s, inside the {timing.target_s[0]:.0f}–{timing.target_s[1]:.0f} s window"
        )
    parts.append(counted(analysis.fillers.count, "filler"))
    if analysis.structure is not None:
        parts.append("recommendation first, tradeoffs, operations and validation all present")
    if analysis.star is not None:
        parts.append("all STAR parts present with a measurable result")
    return Tip(end_sentence("On target and clean: " + "; ".join(parts)), "", None, 9)


CLAIM_QUOTE_CHARS = 90


def _claim_tips(analysis: Analysis) -> list[Tip]:
    """An answer about a resume bullet should back up the bullet: say its figure, own it."""
    check = analysis.claim
    if check is None:
        return []
    tips = []
    if check.metric_said is False:
        bullet = analysis.question.claim.bullet if analysis.question.claim is not None else ""
        one = len(check.numbers_claimed) == 1
        figure, them = ("that figure", "it") if one else ("those figures", "them")
        said = (
            f"Your resume says \u201c{shorten(bullet.strip().rstrip('.'), CLAIM_QUOTE_CHARS)}\u201d"
            if bullet
            else "Your resume gives a figure here"
        )
        tips.append(
            _tip(
                1,
                f"{said}, and the answer never said {figure}. Say {them} and how you measured {them}: "
                "that is the line an interviewer writes down.",
                _closing(analysis),
            )
        )
    if not check.ownership_clear:
        told = f"{counted(check.own_actions, 'action')} with \u201cI\u201d, {check.team_actions} with \u201cwe\u201d"
        tips.append(
            _tip(
                2,
                f"Make your own part clear ({told}): say what you decided, built or changed yourself.",
                _opening(analysis),
            )
        )
    return tips


# What to say when a follow-up's answer left out what the follow-up asked for.
ASKED_TIPS = {
    "story": "Answer with one real example: the situation, what you did, and how it ended.",
    "role": "Name your role in one sentence (\u201cI was the incident lead\u201d) before anything else.",
    "action": "Say what you personally did, step by step, with \u201cI\u201d.",
    "result": "Say how it ended: what changed because of what you did.",
    "measure": "Give the number the follow-up asked for (minutes, percent, dollars, how many).",
    "reflection": "Say what you learned or would do differently next time.",
    "rollback": "Give the rollback plan: what triggers it and how fast it takes effect.",
    "monitoring": "Say which signal tells you it works in production, and who gets alerted.",
    "tradeoff": "Name the biggest downside and why you would accept it.",
}
# The parts a follow-up asks for, as a short answer's advice names them.
ASKED_PARTS = {
    "story": "one real example", "role": "your role", "action": "what you did yourself",
    "result": "how it ended", "measure": "the number", "reflection": "what you learned",
    "rollback": "the rollback plan", "monitoring": "the signal that tells you it works",
    "tradeoff": "the downside you would accept",
}  # fmt: skip
# mistakes that belong to the whole STAR checklist: a follow-up raises them only when it
# asked for that part
_ASKED_MISTAKES = {"no_reflection": ("reflection", "story"), "we_not_i": ("action", "role", "story")}


def _asked_tips(analysis: Analysis) -> list[Tip]:
    asked = analysis.asked
    if asked is None:
        return []
    return [_tip(1, ASKED_TIPS[part], _opening(analysis)) for part in asked.missing]


def _asked_feedback(analysis: Analysis, options: AnalysisOptions) -> list[Tip]:
    """A follow-up's answer: what it asked for, then delivery; not the whole checklist."""
    assert analysis.asked is not None
    asks = set(analysis.asked.asks)
    mistakes = [
        t
        for t in _mistake_tips(analysis)
        if not any(m in _ASKED_MISTAKES and not asks & set(_ASKED_MISTAKES[m]) for m in t.mistakes)
    ]
    tips = (
        _asked_tips(analysis) + _timing_tips(analysis, options) + _filler_tips(analysis, options) + mistakes
    )
    tips.sort(key=lambda t: t.priority)
    if tips:
        return tips[:MAX_TIPS]
    gave = ", ".join(analysis.asked.answered) or "a direct answer"
    return [Tip(f"Answered what was asked ({gave}), on time and clean.", "", None, 9)]


def make_feedback(analysis: Analysis, options: AnalysisOptions | None = None) -> list[Tip]:
    """The most important tips, at most three, most important first. A follow-up probe's
    answer is judged on what the probe asked (coach.analysis.asked), plus delivery."""
    options = options or AnalysisOptions()
    if analysis.asked is not None:
        return _asked_feedback(analysis, options)
    tips = (
        _claim_tips(analysis)
        + _structure_tips(analysis, options)
        + _star_tips(analysis)
        + _timing_tips(analysis, options)
        + _filler_tips(analysis, options)
        + _coverage_tips(analysis)
        + _mistake_tips(analysis)
    )
    tips.sort(key=lambda t: t.priority)
    return tips[:MAX_TIPS] if tips else [_clean_summary(analysis)]
