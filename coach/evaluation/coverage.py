"""Key-point coverage measured against labelled answers.

Coverage file: one JSON object per line with `question` (a bank id), `key_point` (one of
its labels), `answer` (what was said) and `covered` (true or false). Negatives matter as
much as positives: an unrelated sentence must not cover a key point.

    python -m coach.evaluation.coverage [tests/data/coverage.jsonl] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from coach.analysis.coverage import analyze_coverage
from coach.analysis.document import parse
from coach.errors import CoachError
from coach.evaluation.answers import LabelScore, read_jsonl
from coach.models import NlpModel, load_nlp
from coach.questions import KeyPoint, Question, find_question, load_bank
from coach.transcribe import transcript_from_text

DEFAULT_COVERAGE = Path(__file__).resolve().parents[2] / "tests" / "data" / "coverage.jsonl"


def _key_point(question: Question, label: str, where: str) -> KeyPoint:
    for point in question.key_points:
        if point.label == label:
            return point
    raise CoachError(f"{where}: {question.id} has no key point {label!r}")


def evaluate_coverage(
    path: Path = DEFAULT_COVERAGE, nlp: NlpModel | None = None, bank: list[Question] | None = None
) -> dict[str, Any]:
    """Precision and recall of key-point coverage over the labelled pairs, with every miss."""
    rows = read_jsonl(path, ("question", "key_point", "answer", "covered"))
    nlp = nlp or load_nlp()
    bank = bank if bank is not None else load_bank()
    score = LabelScore()
    for row in rows:
        where = f"{path}:{row['_line']}"
        if not isinstance(row["covered"], bool):
            raise CoachError(f"{where}: covered must be true or false")
        point = _key_point(find_question(bank, row["question"]), row["key_point"], where)
        coverage = analyze_coverage(parse(transcript_from_text(row["answer"]), nlp), (point,))
        got = bool(coverage.covered)
        if got and row["covered"]:
            score.tp += 1
        elif not got and not row["covered"]:
            score.tn += 1
        else:
            score.fp += int(got)
            score.fn += int(not got)
            score.misses.append(
                {
                    "line": row["_line"],
                    "key_point": row["key_point"],
                    "expected": row["covered"],
                    "matched": coverage.covered[0].phrase if coverage.covered else None,
                    "quote": coverage.covered[0].evidence.quote if coverage.covered else None,
                    "answer": row["answer"],
                }
            )
    return {
        "file": str(path),
        "pairs": len(rows),
        "positives": score.tp + score.fn,
        "negatives": score.tn + score.fp,
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
        "tp": score.tp,
        "fp": score.fp,
        "fn": score.fn,
        "tn": score.tn,
        "misses": score.misses,
        "nlp_model": nlp.name,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coach.evaluation.coverage", description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_COVERAGE)
    parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
    args = parser.parse_args(argv)
    try:
        result = evaluate_coverage(args.path)
    except CoachError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for miss in result["misses"]:
        kind = "missed" if miss["expected"] else f"false match on {miss['matched']!r}"
        print(f"line {miss['line']:3}  {miss['key_point']}: {kind}\n          {miss['answer']}")
    print(
        f"{result['pairs']} pairs ({result['positives']} covered, {result['negatives']} not): "
        f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}  "
        f"(tp {result['tp']} fp {result['fp']} fn {result['fn']} tn {result['tn']}; {result['nlp_model']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
