"""Structure and STAR judgements measured on real answers nobody on the team wrote.

The corpus (`corpus/answers/`, see its README and `docs/labelling.md`):
- `answers.jsonl`: one answer per line: `id`, `kind` ("story" or "technical"), `question`,
  `answer` (the text, or null when its licence keeps it out of git), `words_sha256`,
  `split` ("dev" or "test"), `site`, `source`, `licence`, ...
- `labels.jsonl`: `id`, `labels` (label -> {"value": "yes"|"no"|"n-a", "evidence": [[start,
  end], ...]} with character offsets into the answer) and `angles` (angle label -> offsets).
- `external/answers.jsonl` (git-ignored): `id`, `answer` for the rows kept out of git;
  `corpus/answers/collect_external.py` gathers them again.
- `asr/*.txt` and `external/asr/*.txt`: the answer read by espeak-ng and transcribed by
  coach's own Whisper path (`scripts/eval --answers --make-asr N`).

Every label is scored per answer (does the answer have it?) in three forms: as written;
spoken (lower case, punctuation stripped: what a transcript without punctuation gives); and
ASR (the espeak-ng and Whisper round trip, for the answers that have one). A quote is
correct when it shows the labelled part: at least half of its words, and at least
`MIN_SHARED_WORDS` (or all of a shorter labelled stretch), lie in one labelled evidence
stretch of that label. Key-point coverage is scored per (answer, angle) pair against the
angles of `corpus/answers/angles.toml`.
"""

from __future__ import annotations

import hashlib
import re
import time
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.analysis.coverage import analyze_coverage
from coach.analysis.document import Document, Evidence, parse
from coach.analysis.star import analyze_star
from coach.analysis.structure import analyze_structure
from coach.config import AnalysisOptions
from coach.errors import CoachError
from coach.evaluation.answers import LabelScore, read_jsonl
from coach.models import NlpModel, load_nlp
from coach.questions import KeyPoint
from coach.transcribe import transcript_from_text

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "answers"
LABELS = ("situation", "task", "action", "result", "reflection", "recommendation_first", "tradeoff")
STORY_LABELS = LABELS[:5]
FORMS = ("written", "spoken", "asr")
MIN_SHARED_WORDS = 3
_WORD = re.compile(r"[\w'%$.-]+")


def words_of(text: str) -> list[str]:
    """The words of a text as compared across forms: lower case, punctuation stripped
    (a "." inside a number stays: "2.5")."""
    out = []
    for raw in _WORD.findall(text.lower()):
        word = raw.strip(".'-")
        if word:
            out.append(word)
    return out


def words_sha256(text: str) -> str:
    """A fingerprint of the answer's words, independent of markup and spacing."""
    return hashlib.sha256(" ".join(words_of(text)).encode()).hexdigest()


_SPOKEN_WORD = re.compile(r"\$?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|[\w'%$.-]+")


def spoken_words(text: str) -> list[tuple[str, int, int]]:
    """The words of the spoken form, each with its character span in `text`."""
    out = []
    for match in _SPOKEN_WORD.finditer(text):
        word = match.group().replace(",", "").lower().strip(".'-")
        if word:
            out.append((word, match.start(), match.end()))
    return out


def spoken_form(text: str) -> str:
    """What a transcript without punctuation gives: lower case, no punctuation but the
    apostrophes, hyphens and decimal points inside words, and % and $ ("40%"); "4,000"
    becomes "4000"."""
    return " ".join(word for word, _, _ in spoken_words(text))


@dataclass(frozen=True)
class Label:
    value: str  # "yes", "no" or "n-a"
    evidence: tuple[tuple[int, int], ...]  # character offsets into the written answer


@dataclass
class RealAnswer:
    id: str
    kind: str  # "story" or "technical"
    question: str
    text: str
    split: str
    site: str
    labels: dict[str, Label]
    angles: dict[str, tuple[tuple[int, int], ...]]
    asr: str | None = None

    def evidence_words(self, label: str) -> list[list[str]]:
        return [words_of(self.text[a:b]) for a, b in self.labels[label].evidence]

    def angle_words(self, angle: str) -> list[list[str]]:
        return [words_of(self.text[a:b]) for a, b in self.angles.get(angle, ())]


@dataclass
class Corpus:
    answers: list[RealAnswer]
    missing_text: int  # rows whose text is kept out of git and was not gathered here
    angles: tuple[KeyPoint, ...]


def load_angles(folder: Path = CORPUS) -> tuple[KeyPoint, ...]:
    data = tomllib.loads((folder / "angles.toml").read_text(encoding="utf-8"))
    return tuple(KeyPoint(a["label"], tuple(a["phrases"])) for a in data["angle"])


def load_corpus(
    folder: Path = CORPUS, split: str | None = None, human_only: bool = False, committed_only: bool = False
) -> Corpus:
    """The labelled answers whose text is at hand, in file order. Rows whose text was kept
    out of git and not gathered again are counted in `missing_text`; a gathered text whose
    words differ from the recorded fingerprint is an error."""
    external = {}
    external_path = folder / "external" / "answers.jsonl"
    if external_path.exists() and not committed_only:
        external = {r["id"]: r["answer"] for r in read_jsonl(external_path, ())}
    labels = {r["id"]: r for r in read_jsonl(folder / "labels.jsonl", ())}
    answers, missing = [], 0
    for row in read_jsonl(folder / "answers.jsonl", ()):
        if split is not None and row["split"] != split:
            continue
        if human_only and row.get("suspected_generated"):
            continue
        if committed_only and row.get("answer") is None:
            continue
        if row["id"] not in labels:
            continue
        text = row.get("answer") or external.get(row["id"])
        if text is None:
            missing += 1
            continue
        if words_sha256(text) != row["words_sha256"]:
            raise CoachError(f"{row['id']}: the gathered text differs from the one labelled")
        labelled = labels[row["id"]]
        asr = None
        for asr_dir in (folder / "asr", folder / "external" / "asr"):
            if (asr_dir / f"{row['id']}.txt").exists() and not (
                committed_only and "external" in asr_dir.parts
            ):
                asr = (asr_dir / f"{row['id']}.txt").read_text(encoding="utf-8").strip()
        answers.append(
            RealAnswer(
                id=row["id"],
                kind=row["kind"],
                question=row["question"],
                text=text,
                split=row["split"],
                site=row["site"],
                labels={
                    name: Label(v["value"], tuple(tuple(e) for e in v["evidence"]))
                    for name, v in labelled["labels"].items()
                },
                angles={k: tuple(tuple(e) for e in v) for k, v in labelled.get("angles", {}).items()},
                asr=asr,
            )
        )
    return Corpus(answers, missing, load_angles(folder))


Verdict = tuple[bool, Evidence | None]


def judge(document: Document, kind: str, options: AnalysisOptions) -> dict[str, Verdict]:
    """The analyzers' verdicts on one answer, as `coach analyze` reaches them: the STAR
    parts of a story; recommendation first and the tradeoff of a technical answer (a
    story's tradeoff is labelled in the corpus but coach does not judge it)."""
    out: dict[str, Verdict] = {}
    if kind == "technical":
        structure = analyze_structure(document, options)
        out["recommendation_first"] = (structure.recommendation_first, structure.recommendation)
        out["tradeoff"] = (structure.tradeoffs is not None, structure.tradeoffs)
    else:
        star = analyze_star(document)
        for name in STORY_LABELS:
            evidence = getattr(star, name)
            out[name] = (evidence is not None, evidence)
    return out


def quote_shows(quote: str, stretches: list[list[str]]) -> bool:
    """Whether a quote shows one of the labelled stretches (see the module docstring)."""
    said = [w for w in words_of(quote) if w != "…"]
    if not said:
        return False
    for stretch in stretches:
        shared = sum((Counter(said) & Counter(stretch)).values())
        needed = min(MIN_SHARED_WORDS, len(stretch))
        if (shared >= needed and shared * 2 >= len(said)) or (stretch and shared == len(stretch)):
            return True
    return False


@dataclass
class Score(LabelScore):
    """A label's counts (coach.evaluation.answers.LabelScore) and its quotes."""

    quotes: int = 0
    quotes_right: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.tp + self.fn,
            "scored": self.tp + self.fp + self.fn + self.tn,
            "quotes": self.quotes,
            "quote_accuracy": round(self.quotes_right / self.quotes, 4) if self.quotes else None,
            # what a judge that always says "yes" would score: the bar the F1 is read against
            "always_yes_f1": round(2 * (self.tp + self.fn) / (self.tp + self.fn + self.scored), 4)
            if self.scored
            else None,
        }

    @property
    def scored(self) -> int:
        return self.tp + self.fp + self.fn + self.tn


def form_text(answer: RealAnswer, form: str) -> str | None:
    if form == "written":
        return answer.text
    if form == "spoken":
        return spoken_form(answer.text)
    return answer.asr


def evaluate(corpus: Corpus, nlp: NlpModel | None = None) -> dict[str, Any]:
    """Per form and label: precision, recall, F1 and quote accuracy; key-point coverage;
    the written-to-spoken F1 drop. Shapes: see `print_report`."""
    nlp = nlp or load_nlp()
    options = AnalysisOptions()
    scores = {form: {label: Score() for label in LABELS} for form in (*FORMS, "written_asr_subset")}
    coverage = {form: Score() for form in FORMS}
    counted = Counter[str]()
    timings: list[tuple[int, float]] = []  # (words, seconds to parse and judge) per written answer
    for answer in corpus.answers:
        for form in FORMS:
            text = form_text(answer, form)
            if not text:
                continue
            counted[form] += 1
            started = time.perf_counter()
            document = parse(transcript_from_text(text), nlp)
            verdicts = judge(document, answer.kind, options)
            if form == "written":
                timings.append((len(text.split()), time.perf_counter() - started))
            for label, (got, evidence) in verdicts.items():
                expected = answer.labels[label].value
                if expected == "n-a":
                    continue
                if form == "written" and answer.asr:
                    scores["written_asr_subset"][label].count(got, expected == "yes")
                score = scores[form][label]
                want = expected == "yes"
                score.count(got, want)
                if got and evidence is not None:
                    score.quotes += 1
                    right = want and quote_shows(evidence.quote, answer.evidence_words(label))
                    score.quotes_right += right
                    if want and not right:
                        score.misses.append(
                            {"id": answer.id, "label": label, "kind": "quote", "quote": evidence.quote}
                        )
                if got != want:
                    score.misses.append(
                        {
                            "id": answer.id,
                            "label": label,
                            "kind": "fp" if got else "fn",
                            "quote": evidence.quote if evidence else None,
                        }
                    )
            if answer.kind == "technical":
                found = analyze_coverage(document, corpus.angles)
                got_angles = {c.label for c in found.covered}
                for point in corpus.angles:
                    want, got = point.label in answer.angles, point.label in got_angles
                    coverage[form].count(got, want)
                    if got != want:
                        coverage[form].misses.append(
                            {"id": answer.id, "angle": point.label, "kind": "fp" if got else "fn"}
                        )
    forms: dict[str, dict[str, Any]] = {
        form: {
            "answers": counted[form],
            "labels": {label: s.as_dict() for label, s in scores[form].items()},
            "macro_f1": round(sum(s.f1 for s in scores[form].values()) / len(LABELS), 4),
            "quote_accuracy": _ratio(
                sum(s.quotes_right for s in scores[form].values()),
                sum(s.quotes for s in scores[form].values()),
            ),
            "coverage": {k: v for k, v in coverage[form].as_dict().items() if not k.startswith("quote")},
            "misses": [m for s in scores[form].values() for m in s.misses] + coverage[form].misses,
        }
        for form in FORMS
        if counted[form]
    }
    if "asr" in forms:
        forms["asr"]["written_same_answers"] = {
            label: round(s.f1, 4) for label, s in scores["written_asr_subset"].items()
        }
    drop: dict[str, float] = {}
    if "spoken" in forms:
        drop = {
            label: round(forms["written"]["labels"][label]["f1"] - forms["spoken"]["labels"][label]["f1"], 4)
            for label in LABELS
        }
    splits = {a.split for a in corpus.answers}
    return {
        "split": splits.pop() if len(splits) == 1 else "all",
        "answers": len(corpus.answers),
        "stories": sum(1 for a in corpus.answers if a.kind == "story"),
        "technical": sum(1 for a in corpus.answers if a.kind == "technical"),
        "missing_text": corpus.missing_text,
        "sites": len({a.site for a in corpus.answers}),
        "forms": forms,
        "spoken_drop": drop,
        "analysis_s": _timing(timings),
        "nlp_model": nlp.name,
    }


def _timing(timings: list[tuple[int, float]]) -> dict[str, float | int] | None:
    """Parse-and-judge time: the median per answer, and the longest answer's (about 230
    words is 90 s spoken at 155 words a minute)."""
    if not timings:
        return None
    seconds = sorted(t for _, t in timings)
    words, longest = max(timings)
    return {
        "median_s": round(seconds[len(seconds) // 2], 4),
        "longest_words": words,
        "longest_s": round(longest, 4),
    }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def print_report(report: dict[str, Any], misses: bool = False) -> None:
    print(
        f"{report['answers']} real answers ({report['stories']} stories, {report['technical']} technical) "
        f"from {report['sites']} sites; {report['missing_text']} more are labelled but their text is not "
        f"gathered here (corpus/answers/collect_external.py)  [{report['nlp_model']}]"
    )
    if report.get("split") != "test":
        print(
            "note: the trained classifier was fitted on the development part, so its figures here "
            "are in-sample; scripts/train-judgements prints the cross-validated ones"
        )
    for form, data in report["forms"].items():
        print(f"\n{form} form: {data['answers']} answers")
        print(
            f"  {'label':22} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8} {'scored':>7} "
            f"{'quotes':>7} {'all-yes f1':>10}"
        )
        for label, s in data["labels"].items():
            quotes = f"{s['quote_accuracy']:.3f}" if s["quote_accuracy"] is not None else "-"
            always = f"{s['always_yes_f1']:.3f}" if s["always_yes_f1"] is not None else "-"
            print(
                f"  {label:22} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f} "
                f"{s['support']:8d} {s['scored']:7d} {quotes:>7} {always:>10}"
            )
        quote = data["quote_accuracy"]
        cov = data["coverage"]
        print(
            f"  macro F1 {data['macro_f1']:.3f}; quote accuracy "
            f"{quote if quote is not None else '-'}; key-point coverage precision {cov['precision']:.3f} "
            f"recall {cov['recall']:.3f} ({cov['support']} covered angles)"
        )
        if "written_same_answers" in data:
            same = data["written_same_answers"]
            print("  written form, same answers: " + ", ".join(f"{k} {v:.3f}" for k, v in same.items()))
        if misses:
            for m in data["misses"]:
                print(f"    {m}")
    if report.get("analysis_s"):
        t = report["analysis_s"]
        print(
            f"\nanalysis (parse and judge): median {t['median_s']:.3f} s per answer; the longest "
            f"({t['longest_words']} words) {t['longest_s']:.3f} s"
        )
    if report["spoken_drop"]:
        worst = max(report["spoken_drop"].items(), key=lambda kv: kv[1])
        print(f"\nF1 drop written -> spoken: worst {worst[0]} {worst[1]:+.3f}; {report['spoken_drop']}")
