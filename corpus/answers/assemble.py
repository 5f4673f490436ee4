#!/usr/bin/env python3
"""Build corpus/answers/ from the collected answers and their labels.

Usage: python corpus/answers/assemble.py COLLECTED_DIR

COLLECTED_DIR holds the collectors' files (*.jsonl: kind, question, answer, site, author,
source, locator, licence, committable, strength) and labels/*.jsonl (one row per answer, by
id, in the form of docs/labelling.md with evidence as verbatim strings). This writes:
- answers.jsonl: every answer's metadata, its split, and its text when the licence allows;
- labels.jsonl: the labels, evidence turned into character offsets into the text;
- external/answers.jsonl (git-ignored): the text of the other answers.

The split is made by site, so one site's answers never sit on both sides, and it was fixed
before any analyzer was tuned on this corpus: sites are taken in the order of the sha-256 of
their name, each to the split that is further below half of that site's kind.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from coach.evaluation.real_answers import LABELS, words_sha256  # noqa: E402

# Sources whose answers read as machine-written to the person who collected them (uniform
# template phrasing, a generator in the same repository, or a site built on one). They stay
# in the corpus, flagged, and `scripts/eval --answers` reports the figures without them too.
SUSPECTED_GENERATED = frozenset({
    "github:chitamoor/interview-prep", "github:afrid0315/aws-azure-devops-interview_questions",
    "github:mdkamran-stack/Devops_interview-question-asked_2025", "github:Sanket006/DevOps-Interview-Questions",
    "github:anirvanr/terraform", "github:krakencode-22/Interview-Practice-AWS",
    "github:hardikpatel29/cloudops-interview-questions", "github:bobbyabuchi/devops",
    "github:eymankun/server-monitoring-interview", "mockfox.ai", "virtualinterview.ai", "skillfitly.com",
    "www.interviews.chat", "interviews.chat", "techbaithak.com",
})  # fmt: skip
# Kept out of git although the collector found a permissive licence: the MIT licence in
# this repository is the blog theme's, and need not cover the owner's posts.
NOT_COMMITTED = frozenset({"github:ChesterHsieh/ChesterHsieh.github.io"})
FIELDS = ("kind", "question", "site", "author", "source", "locator", "licence", "committable", "strength")


def answer_id(row: dict[str, str]) -> str:
    key = hashlib.sha1((row["source"] + "\n" + row["answer"]).encode()).hexdigest()[:10]
    return ("s-" if row["kind"] == "story" else "t-") + key


def find(text: str, stretch: str) -> tuple[int, int] | None:
    at = text.find(stretch)
    if at >= 0:
        return at, at + len(stretch)
    # tolerate differences of spacing and case only
    pattern = r"\s+".join(re.escape(part) for part in stretch.split())
    match = re.search(pattern, text, flags=re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def split_by_site(rows: list[dict]) -> dict[str, str]:
    by_site: dict[str, list[dict]] = {}
    for row in rows:
        by_site.setdefault(row["site"], []).append(row)
    totals = Counter(r["kind"] for r in rows)
    placed = {"dev": Counter[str](), "test": Counter[str]()}
    split_of = {}
    for site in sorted(by_site, key=lambda s: hashlib.sha256(s.encode()).hexdigest()):
        kinds = Counter(r["kind"] for r in by_site[site])
        kind = kinds.most_common(1)[0][0]
        share = {part: placed[part][kind] / totals[kind] for part in ("dev", "test")}
        part = "test" if share["test"] < share["dev"] else "dev"
        split_of[site] = part
        placed[part].update(kinds)
    return split_of


def main(collected: Path) -> int:
    rows, seen = [], set()
    for path in sorted(collected.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            row["id"] = answer_id(row)
            if row["site"] in NOT_COMMITTED:
                row["committable"] = False
            fingerprint = words_sha256(row["answer"])
            if row["id"] in seen or fingerprint in seen:
                continue
            seen.update({row["id"], fingerprint})
            rows.append(row)
    labels = {}
    for path in sorted((collected / "labels").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                labels[row["id"]] = row
    split_of = split_by_site(rows)
    (HERE / "external").mkdir(exist_ok=True)
    problems = 0
    with (
        (HERE / "answers.jsonl").open("w", encoding="utf-8") as answers_out,
        (HERE / "labels.jsonl").open("w", encoding="utf-8") as labels_out,
        (HERE / "external" / "answers.jsonl").open("w", encoding="utf-8") as external_out,
    ):
        for row in rows:
            text = row["answer"]
            meta = {
                "id": row["id"],
                **{k: row.get(k) for k in FIELDS},
                "split": split_of[row["site"]],
                "suspected_generated": row["site"] in SUSPECTED_GENERATED,
                "words": len(text.split()),
                "words_sha256": words_sha256(text),
                "first_words": " ".join(text.split()[:6]),
                "last_words": " ".join(text.split()[-6:]),
                "answer": text if row.get("committable") else None,
            }
            answers_out.write(json.dumps(meta, ensure_ascii=False) + "\n")
            if not row.get("committable"):
                external_out.write(json.dumps({"id": row["id"], "answer": text}, ensure_ascii=False) + "\n")
            labelled = labels.get(row["id"])
            if labelled is None:
                continue
            out = {"id": row["id"], "labels": {}, "angles": {}}
            for name in LABELS:
                value = labelled["labels"][name]
                spans = []
                for stretch in value.get("evidence", []):
                    span = find(text, stretch)
                    if span is None:
                        problems += 1
                        print(
                            f"{row['id']} {name}: evidence not in the text: {stretch[:60]!r}", file=sys.stderr
                        )
                    else:
                        spans.append(list(span))
                out["labels"][name] = {"value": value["value"], "evidence": spans}
            for angle, stretches in (labelled.get("angles") or {}).items():
                spans = [list(s) for s in (find(text, x) for x in stretches) if s is not None]
                out["angles"][angle] = spans
            if labelled.get("note") and row.get("committable"):
                out["note"] = labelled["note"]  # notes quote the answer: only where its text may be in git
            labels_out.write(json.dumps(out, ensure_ascii=False) + "\n")
    splits = Counter((split_of[r["site"]], r["kind"]) for r in rows)
    print(f"{len(rows)} answers, {len(labels)} labelled, {problems} evidence problems; {dict(splits)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
