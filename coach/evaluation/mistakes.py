"""The mistake detectors measured against labelled answers.

Mistakes file: one JSON object per line with `id`, `question` (its text), `kind`
("technical" or "behavioral"), `answer` (as spoken), and `mistakes`, the kinds the answer
makes; every other kind is a negative for it. `question_id` takes the question from the
bank instead (its key points and window count for `wandering`; the row's `kind` still wins,
so a question reclassified in the bank does not shift the labels), and `wpm` sets the
speaking rate the answer's words are timed at (default 150), so `wandering` sees a length.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from coach.analysis import analyze
from coach.errors import CoachError
from coach.evaluation.answers import LabelScore, read_jsonl
from coach.models import NlpModel, load_nlp
from coach.questions import Question, adhoc_question, load_bank
from coach.transcribe import Transcript, Word

KINDS = (
    "tools_without_rationale",
    "vague_incident",
    "we_not_i",
    "blame",
    "corporate",
    "wandering",
    "defining_basics",
    "no_reflection",
)
DEFAULT_WPM = 150.0
WORD_SHARE_OF_SLOT = 0.8  # a word fills this much of its time slot; the rest is the gap


def timed_transcript(text: str, wpm: float = DEFAULT_WPM) -> Transcript:
    """The answer's words, spoken evenly at `wpm` from time zero."""
    slot_s = 60.0 / wpm
    words = tuple(
        Word(token, round(i * slot_s, 3), round(i * slot_s + slot_s * WORD_SHARE_OF_SLOT, 3))
        for i, token in enumerate(text.split())
    )
    return Transcript(words, duration_s=words[-1].end_s if words else 0.0)


def _question(row: dict[str, Any], bank: dict[str, Question], path: Path) -> Question:
    if row.get("question_id"):
        question = bank.get(row["question_id"])
        if question is None:
            raise CoachError(f"{path}:{row['_line']}: no question {row['question_id']!r} in the bank")
        return replace(question, kind=row["kind"])
    return adhoc_question(row["question"], row["kind"])


def evaluate_mistakes(path: Path, nlp: NlpModel | None = None) -> dict[str, Any]:
    """Per-detector precision and recall, with every miss and the evidence behind it."""
    rows = read_jsonl(path, ("id", "question", "kind", "answer", "mistakes"))
    nlp = nlp or load_nlp()
    bank = {q.id: q for q in load_bank()}
    scores = {kind: LabelScore() for kind in KINDS}
    for row in rows:
        if row["kind"] not in ("technical", "behavioral"):
            raise CoachError(f"{path}:{row['_line']}: kind must be technical or behavioral")
        unknown = set(row["mistakes"]) - set(KINDS)
        if unknown:
            raise CoachError(f"{path}:{row['_line']}: unknown mistake kinds {sorted(unknown)}")
        question = _question(row, bank, path)
        transcript = timed_transcript(row["answer"], float(row.get("wpm", DEFAULT_WPM)))
        found = {m.kind: m for m in analyze(transcript, question, nlp).mistakes}
        for kind in KINDS:
            expected, got = kind in row["mistakes"], kind in found
            score = scores[kind]
            if got and expected:
                score.tp += 1
            elif not got and not expected:
                score.tn += 1
            else:
                if got:
                    score.fp += 1
                else:
                    score.fn += 1
                score.misses.append(
                    {
                        "id": row["id"],
                        "kind": kind,
                        "expected": "yes" if expected else "no",
                        "got": "yes" if got else "no",
                        "evidence": found[kind].evidence.quote if got else None,
                    }
                )
    return {
        "file": str(path),
        "answers": len(rows),
        "kinds": {
            kind: {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "positives": s.tp + s.fn,
                "negatives": s.tn + s.fp,
            }
            for kind, s in scores.items()
        },
        "misses": [m for s in scores.values() for m in s.misses],
        "nlp_model": nlp.name,
    }


def print_report(report: dict[str, Any]) -> None:
    print(f"{report['answers']} answers from {report['file']} ({report['nlp_model']})\n")
    print(f"{'mistake':24} {'precision':>9} {'recall':>7} {'f1':>6} {'pos':>5} {'neg':>5}")
    for kind, s in report["kinds"].items():
        print(
            f"{kind:24} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f} {s['positives']:5d} {s['negatives']:5d}"
        )
    print(f"\nmisses ({len(report['misses'])}):")
    for m in report["misses"]:
        quote = f" — “{m['evidence']}”" if m["evidence"] else ""
        print(f"  {m['id']:12} {m['kind']:24} expected {m['expected']:3}, got {m['got']}{quote}")
