"""Precision and recall of the contextual filler detector on labelled real utterances.

Input: one JSON object per line with `text` and `fillers` (the contextual fillers in it,
labelled by hand), optionally `split` and `text_punctuated`; corpus/fillers/
ami_contextual.jsonl (AMI meeting corpus, CC BY 4.0) is the reference set. Only the
contextual fillers are scored ("like", "you know", "I mean", "right", "kind of", "sort of",
"actually", "basically", "literally", sentence-opening "so"): filled pauses ("um") are
found by spelling and would only inflate the figures. Counts are matched per utterance
and filler text, so a second "like" found where one is labelled is a false positive.

    python -m coach.evaluation.fillers_real corpus/fillers/ami_contextual.jsonl --split test
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONTEXTUAL = (
    "like",
    "you know",
    "i mean",
    "right",
    "kind of",
    "sort of",
    "actually",
    "basically",
    "literally",
    "so",
)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class Score:
    overall: Tally = field(default_factory=Tally)
    by_filler: dict[str, Tally] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    utterances: int = 0


def score_rows(rows: list[dict[str, Any]], nlp: Any, form: str = "spoken") -> Score:
    """Run find_fillers on each row's `text` (form "spoken") or `text_punctuated`."""
    from coach.analysis.document import parse
    from coach.analysis.fillers import find_fillers
    from coach.transcribe import transcript_from_text

    result = Score(by_filler={name: Tally() for name in CONTEXTUAL})
    for row in rows:
        text = row["text_punctuated"] if form == "punctuated" else row["text"]
        expected = Counter(f.lower() for f in row["fillers"] if f.lower() in CONTEXTUAL)
        hits = find_fillers(parse(transcript_from_text(text), nlp))
        found = Counter(h.text for h in hits if h.text in CONTEXTUAL)
        result.utterances += 1
        for name in CONTEXTUAL:
            matched = min(expected[name], found[name])
            for tally in (result.by_filler[name], result.overall):
                tally.tp += matched
                tally.fp += found[name] - matched
                tally.fn += expected[name] - matched
        if expected != found:
            missed = expected - found
            extra = found - expected
            result.errors.append(
                {"text": text, "missed": sorted(missed.elements()), "extra": sorted(extra.elements())}
            )
    return result


def score_file(path: Path, nlp: Any, split: str | None = None, form: str = "spoken") -> Score:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    if split:
        rows = [r for r in rows if r.get("split") == split]
    return score_rows(rows, nlp, form)


def _pct(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def report(result: Score) -> str:
    lines = [f"{'filler':<10} {'P':>6} {'R':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for name, t in [*result.by_filler.items(), ("OVERALL", result.overall)]:
        if t.tp + t.fp + t.fn == 0:
            continue
        lines.append(f"{name:<10} {_pct(t.precision):>6} {_pct(t.recall):>6} {t.tp:>4} {t.fp:>4} {t.fn:>4}")
    lines.append(f"{result.utterances} utterances, {len(result.errors)} with an error")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m coach.evaluation.fillers_real", description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--split", choices=["dev", "test"], default=None)
    parser.add_argument("--form", choices=["spoken", "punctuated"], default="spoken")
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong utterances")
    args = parser.parse_args(argv)

    from coach.models import load_nlp

    result = score_file(args.path, load_nlp(), args.split, args.form)
    print(f"{args.path} split={args.split or 'all'} form={args.form}")
    print(report(result))
    for error in result.errors[: args.errors]:
        print(f"  missed={error['missed']} extra={error['extra']}  {error['text']}")


if __name__ == "__main__":
    main()
