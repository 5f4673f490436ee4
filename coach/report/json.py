"""The JSON contract (schema 1), one serializer over the analysis types. See README.md."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.analysis import Analysis
from coach.analysis.document import Evidence
from coach.feedback import Tip

if TYPE_CHECKING:
    from coach.stories import CardCheck

SCHEMA_VERSION = 1


def _evidence(evidence: Evidence | None) -> dict[str, Any] | None:
    return None if evidence is None else {"quote": evidence.quote, "at_s": evidence.at_s, "why": evidence.why}


def to_dict(
    analysis: Analysis, tips: list[Tip], audio_path: Path | None, audio_duration_s: float | None
) -> dict[str, Any]:
    question, transcript, timing = analysis.question, analysis.transcript, analysis.timing
    structure, star, fillers = analysis.structure, analysis.star, analysis.fillers
    return {
        "schema": SCHEMA_VERSION,
        "question": {
            "id": question.id,
            "text": question.text,
            "kind": question.kind,
            "category": question.category,
            "source_bullet": question.claim.bullet if question.claim is not None else None,
        },
        "audio": None if audio_path is None else {"path": str(audio_path), "duration_s": audio_duration_s},
        "transcript": {
            "text": transcript.text,
            "words": [
                {
                    "text": w.text,
                    "start_s": w.start_s,
                    "end_s": w.end_s,
                    "probability": w.probability,
                    "source": w.source,
                }
                for w in transcript.words
            ],
            "model": transcript.model,
            "options": transcript.options,
            "elapsed_s": transcript.elapsed_s,
            "coverage": transcript.coverage,
        },
        "timing": None
        if timing is None
        else {
            "duration_s": timing.duration_s,
            "answer_s": timing.answer_s,
            "speaking_s": timing.speaking_s,
            "wpm": timing.wpm,
            "articulation_wpm": timing.articulation_wpm,
            "first_word_s": timing.first_word_s,
            "word_count": timing.word_count,
            "pauses": [{"start_s": p.start_s, "end_s": p.end_s} for p in timing.pauses],
            "verdict": timing.verdict,
            "target_s": list(timing.target_s),
        },
        "fillers": {
            "count": fillers.count,
            "per_minute": fillers.per_minute,
            "share_of_words": fillers.share_of_words,
            "by_text": fillers.by_text,
            "hits": [
                {
                    "text": h.text,
                    "start_s": h.start_s,
                    "end_s": h.end_s,
                    "kind": h.kind,
                    "source": h.source,
                    "word_index": h.word_index,
                    "words": h.word_count,
                }
                for h in fillers.hits
            ],
        },
        "structure": None
        if structure is None
        else {
            "recommendation_first": structure.recommendation_first,
            "recommendation_s": structure.recommendation_s,
            "assumptions": structure.assumptions is not None,
            "tradeoffs": structure.tradeoffs is not None,
            "operations": structure.operations is not None,
            "validation": structure.validation is not None,
            "recommendation_before_tradeoffs": structure.recommendation_before_tradeoffs,
            "evidence": {
                "recommendation": _evidence(structure.recommendation),
                "assumptions": _evidence(structure.assumptions),
                "tradeoffs": _evidence(structure.tradeoffs),
                "operations": _evidence(structure.operations),
                "validation": _evidence(structure.validation),
            },
        },
        "star": None
        if star is None
        else {
            "situation": star.situation is not None,
            "task": star.task is not None,
            "action": star.action is not None,
            "result": star.result is not None,
            "result_measurable": star.result_measurable,
            "reflection": star.reflection is not None,
            "i_we_ratio": star.i_we_ratio,
            "i_actions": star.i_actions,
            "we_actions": star.we_actions,
            "evidence": {
                "situation": _evidence(star.situation),
                "task": _evidence(star.task),
                "action": _evidence(star.action),
                "result": _evidence(star.result),
                "reflection": _evidence(star.reflection),
            },
        },
        "coverage": {
            "covered": [
                {"label": c.label, "phrase": c.phrase, "quote": c.evidence.quote, "at_s": c.evidence.at_s}
                for c in analysis.coverage.covered
            ],
            "missed": [{"label": label} for label in analysis.coverage.missed],
        },
        "mistakes": [
            {"kind": m.kind, "message": m.message, "evidence": _evidence(m.evidence)}
            for m in analysis.mistakes
        ],
        "resume": _claim(analysis),
        "asked": None
        if analysis.asked is None
        else {
            "parts": list(analysis.asked.asks),
            "answered": list(analysis.asked.answered),
            "missing": list(analysis.asked.missing),
        },
        "feedback": [
            {"message": t.message, "evidence": t.evidence, "at_s": t.at_s, "mistakes": list(t.mistakes)}
            for t in tips
        ],
        "analysis": {"nlp_model": analysis.nlp_model, "degraded": analysis.degraded},
    }


def _claim(analysis: Analysis) -> dict[str, Any] | None:
    check = analysis.claim
    if check is None:
        return None
    return {
        "bullet": check.bullet,
        "numbers_claimed": list(check.numbers_claimed),
        "numbers_said": list(check.numbers_said),
        "metric_said": check.metric_said,
        "own_actions": check.own_actions,
        "team_actions": check.team_actions,
        "ownership_clear": check.ownership_clear,
        "evidence": _evidence(check.evidence),
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def answer_dict(result: Any) -> dict[str, Any]:
    data = to_dict(result.analysis, result.tips, result.audio_path, result.audio_duration_s)
    data["warnings"] = list(getattr(result, "warnings", ()))
    data["partial"] = False  # true once stored, when the recording was cut short (coach.history)
    if result.latency is not None:
        data["latency"] = result.latency
    return data


def session_dict(mode: str, summary: Any, answers: list[dict[str, Any]]) -> dict[str, Any]:
    """A mock interview or a rehearsal: every stored answer with its probe, then the summary."""
    return {
        "schema": SCHEMA_VERSION,
        "mode": mode,
        "answers": answers,
        "summary": {
            "answers": len(summary.answers),
            "on_target": summary.on_target,
            "total_s": summary.total_s,
            "habits": [{"habit": h, "answers": n} for h, n in summary.habits],
            "fillers_per_minute": summary.fillers_per_minute,
            "key_points": {"covered": summary.key_points_covered, "total": summary.key_points_total},
            "parts": [
                {
                    "question": p.question_id,
                    "text": p.question_text,
                    "checked": p.checked,
                    "present": list(p.present),
                    "missing": list(p.missing),
                }
                for p in summary.shapes
            ],
        },
    }


def card_dict(checks: Iterable[CardCheck]) -> list[dict[str, Any]]:
    """`stories practice --json`'s `card`: each part of the story card, said or not, with the quote."""
    return [
        {"field": c.field, "card_text": c.card_text, "said": c.said, "evidence": _evidence(c.evidence)}
        for c in checks
    ]
