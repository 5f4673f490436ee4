"""Structure, STAR and contextual fillers measured against labelled text.

Answers file: one JSON object per line with `question`, `answer`, `kind` and the labels
situation, task, action, result, reflection, recommendation_first and mentions_tradeoff,
each "yes", "no" or "n-a" ("n-a" lines are not scored for that label).
Fillers file: one JSON object per line with `text` and `fillers`, the list of filler
words in it (e.g. ["like", "you know"]).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.analysis.document import Evidence, parse
from coach.analysis.fillers import find_fillers
from coach.analysis.star import analyze_star
from coach.analysis.structure import analyze_structure, tradeoff_evidence
from coach.config import AnalysisOptions
from coach.errors import CoachError
from coach.models import NlpModel, load_nlp
from coach.transcribe import transcript_from_text

LABELS = ("situation", "task", "action", "result", "reflection", "recommendation_first", "mentions_tradeoff")
VALUES = ("yes", "no", "n-a")


@dataclass
class LabelScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def count(self, got: bool, want: bool) -> None:
        """Add one verdict against its label."""
        if got and want:
            self.tp += 1
        elif not got and not want:
            self.tn += 1
        elif got:
            self.fp += 1
        else:
            self.fn += 1


def read_jsonl(path: Path, required: tuple[str, ...]) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CoachError(f"{path}: cannot read it ({exc.strerror})") from None
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CoachError(f"{path}:{number}: not JSON ({exc.msg})") from None
        missing = [k for k in required if k not in row]
        if missing:
            raise CoachError(f"{path}:{number}: missing {', '.join(missing)}")
        row["_line"] = number
        rows.append(row)
    return rows


def predict(
    row: dict[str, Any], nlp: NlpModel, options: AnalysisOptions
) -> dict[str, tuple[bool, Evidence | None]]:
    """The analyzers' verdict on one answer, with the evidence behind each."""
    document = parse(transcript_from_text(row["answer"]), nlp)
    out: dict[str, tuple[bool, Evidence | None]] = {}
    if row["kind"] == "technical":
        structure = analyze_structure(document, options)
        out["recommendation_first"] = (structure.recommendation_first, structure.recommendation)
        out["mentions_tradeoff"] = (structure.tradeoffs is not None, structure.tradeoffs)
    else:
        star = analyze_star(document)
        for name in ("situation", "task", "action", "result", "reflection"):
            evidence = getattr(star, name)
            out[name] = (evidence is not None, evidence)
        tradeoff = tradeoff_evidence(document)
        out["mentions_tradeoff"] = (tradeoff is not None, tradeoff)
    return out


def evaluate_answers(path: Path, nlp: NlpModel | None = None) -> dict[str, Any]:
    rows = read_jsonl(path, ("answer", "kind", *LABELS))
    nlp = nlp or load_nlp()
    options = AnalysisOptions()
    scores = {label: LabelScore() for label in LABELS}
    for row in rows:
        if row["kind"] not in ("technical", "behavioral"):
            raise CoachError(f"{path}:{row['_line']}: kind must be technical or behavioral")
        predicted = predict(row, nlp, options)
        for label in LABELS:
            expected = row[label]
            if expected not in VALUES:
                raise CoachError(f"{path}:{row['_line']}: {label} must be yes, no or n-a")
            if expected == "n-a" or label not in predicted:
                continue
            got, evidence = predicted[label]
            score = scores[label]
            if got and expected == "yes":
                score.tp += 1
            elif not got and expected == "no":
                score.tn += 1
            else:
                if got:
                    score.fp += 1
                else:
                    score.fn += 1
                score.misses.append(
                    {
                        "id": row.get("id", f"line {row['_line']}"),
                        "label": label,
                        "expected": expected,
                        "got": "yes" if got else "no",
                        "evidence": evidence.quote if evidence else None,
                        "answer": row["answer"],
                    }
                )
    return {
        "file": str(path),
        "answers": len(rows),
        "labels": {
            label: {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "support": s.tp + s.fn,
                "scored": s.tp + s.fp + s.fn + s.tn,
            }
            for label, s in scores.items()
        },
        "misses": [m for s in scores.values() for m in s.misses],
        "nlp_model": nlp.name,
    }


FILLER_FORMS = ("written", "no-commas", "spoken")


def filler_form(text: str, form: str) -> str:
    """The sentence as written, with its commas taken out, or lower-cased with no
    punctuation (coach.evaluation.real_answers.spoken_form): how speech-to-text may write it."""
    if form == "no-commas":
        return text.replace(",", "")
    if form == "spoken":
        from coach.evaluation.real_answers import spoken_form

        return spoken_form(text)
    return text


def evaluate_fillers(path: Path, nlp: NlpModel | None = None, form: str = "written") -> dict[str, Any]:
    """Per-word precision and recall of the contextual filler detector, on the sentences in
    one of FILLER_FORMS."""
    rows = read_jsonl(path, ("text", "fillers"))
    nlp = nlp or load_nlp()
    per_word: dict[str, Counter[str]] = {}
    misses = []
    for row in rows:
        expected = Counter(f.lower() for f in row["fillers"])
        text = filler_form(row["text"], form)
        got = Counter(h.text for h in find_fillers(parse(transcript_from_text(text), nlp)))
        for word in set(expected) | set(got):
            counts = per_word.setdefault(word, Counter())
            matched = min(expected[word], got[word])
            counts["tp"] += matched
            counts["fp"] += got[word] - matched
            counts["fn"] += expected[word] - matched
        if expected != got:
            misses.append(
                {"text": row["text"], "expected": sorted(expected.elements()), "got": sorted(got.elements())}
            )
    total = Counter[str]()
    for counts in per_word.values():
        total.update(counts)

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 1.0

    return {
        "file": str(path),
        "form": form,
        "sentences": len(rows),
        "precision": ratio(total["tp"], total["tp"] + total["fp"]),
        "recall": ratio(total["tp"], total["tp"] + total["fn"]),
        "words": {
            w: {
                "precision": ratio(c["tp"], c["tp"] + c["fp"]),
                "recall": ratio(c["tp"], c["tp"] + c["fn"]),
                "support": c["tp"] + c["fn"],
            }
            for w, c in sorted(per_word.items())
        },
        "misses": misses,
    }


def print_report(report: dict[str, Any]) -> None:
    if "labels" in report:
        print(f"{report['answers']} answers from {report['file']} ({report['nlp_model']})\n")
        print(f"{'label':22} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8} {'scored':>7}")
        for label, s in report["labels"].items():
            print(
                f"{label:22} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f} {s['support']:8d} {s['scored']:7d}"
            )
        print(f"\nmisses ({len(report['misses'])}):")
        for m in report["misses"]:
            quote = f" — evidence: “{m['evidence']}”" if m["evidence"] else ""
            print(f"  {m['id']:6} {m['label']:22} expected {m['expected']:3}, got {m['got']}{quote}")
    else:
        print(f"{report['sentences']} sentences from {report['file']} ({report['form']})\n")
        print(f"{'filler':12} {'precision':>9} {'recall':>7} {'support':>8}")
        for word, s in report["words"].items():
            print(f"{word:12} {s['precision']:9.3f} {s['recall']:7.3f} {s['support']:8d}")
        print(f"{'all':12} {report['precision']:9.3f} {report['recall']:7.3f}")
        print(f"\nmisses ({len(report['misses'])}):")
        for m in report["misses"]:
            print(f"  expected {m['expected']}, got {m['got']}: {m['text']}")
