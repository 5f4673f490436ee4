"""scripts/train-judgements: fit the sentence classifiers on the development part of the
real-answer corpus, choose each part's method by cross-validation, and write
`coach/analysis/trained/{boundaries,judgements}.json`.

Only the development part is read; the test part stays unseen. Cross-validation folds are
whole sites (scikit-learn's GroupKFold), so no site is on both sides of a fold. For each part
three methods compete on the answer-level macro F1 (the F1 of "yes" and of "no", averaged) of
the held-out folds, averaged over the written and spoken forms: the rules alone, the classifier alone, and the rule's hit else the
classifier's ("either"); the classifier's threshold is chosen with it. The winner, its
threshold and weights fitted on the whole development part are written out, with the
cross-validated scores of every method beside them.

Needs scikit-learn (`pip install -e '.[train]'`; scripts/train-judgements installs it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.analysis.boundaries import MIN_RUN_WORDS, gap_features, runs
from coach.analysis.document import Document, parse
from coach.analysis.judgements import MIN_PART_WORDS, WINDOW_WORDS, eligible, part_features, sentence_table
from coach.analysis.linear import TRAINED
from coach.analysis.star import STAR_PARTS, star_rule_hits
from coach.analysis.structure import find_tradeoff, structure_rule_hits
from coach.evaluation.real_answers import CORPUS, RealAnswer, load_corpus, spoken_words
from coach.models import NlpModel, load_nlp
from coach.transcribe import transcript_from_text

SEED = 0
# Parts whose rule hit always stands: a step told with "I" and an outcome the rules see are
# counted and quoted elsewhere in the report (the I/we count, "measurable"), so the checklist
# must not deny them.
METHODS = {"action": ("either",), "result": ("either",)}
THRESHOLDS = tuple(round(0.2 + 0.05 * k, 2) for k in range(13))  # 0.20 .. 0.80
C = float(os.environ.get("COACH_TRAIN_C", "1.0"))  # inverse L2 strength; scikit-learn's default


@dataclass
class SentenceRow:
    answer: str
    site: str
    kind: str
    form: str
    index: int
    words_before: int
    features: list[str]
    positive: dict[str, bool]
    rule: dict[str, bool]  # the rule's hit is in this sentence
    says_something: bool = True  # judgements.MIN_PART_WORDS words or more


@dataclass
class AnswerTruth:
    answer: str
    site: str
    kind: str
    form: str
    labels: dict[str, str]  # part -> yes/no/n-a (recommendation: recommendation_first)
    rule_verdict: dict[str, bool]
    content_first_two: set[int]


def _offsets(answer: RealAnswer, form: str) -> tuple[str, list[tuple[int, int]]]:
    """The form's text and, for each of its characters' words, the written span."""
    if form == "written":
        return answer.text, []
    words = spoken_words(answer.text)
    return " ".join(w for w, _, _ in words), [(a, b) for _, a, b in words]


def _written_span(document: Document, spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The written characters behind tokens [start, end) of a form's document."""
    doc = document.doc
    if not spans:
        return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    first, last = document.word_of[start], document.word_of[end - 1]
    return spans[first][0], spans[last][1]


def _overlaps(span: tuple[int, int], stretches: Sequence[tuple[int, int]]) -> bool:
    a, b = span
    for s, e in stretches:
        shared = min(b, e) - max(a, s)
        if shared > 0 and shared * 2 >= min(e - s, b - a):
            return True
    return False


def rule_hits(document: Document, kind: str) -> dict[str, tuple[int, int] | None]:
    if kind == "story":
        return star_rule_hits(document)
    return structure_rule_hits(document, find_tradeoff(document))


def parts_of(kind: str) -> tuple[str, ...]:
    return STAR_PARTS if kind == "story" else ("recommendation", "tradeoff")


def label_of(part: str) -> str:
    return "recommendation_first" if part == "recommendation" else part


def collect(answers: list[RealAnswer], nlp: NlpModel) -> tuple[list[SentenceRow], list[AnswerTruth]]:
    rows: list[SentenceRow] = []
    truths: list[AnswerTruth] = []
    for answer in answers:
        for form in ("written", "spoken"):
            text, spans = _offsets(answer, form)
            document = parse(transcript_from_text(text), nlp)
            hits = rule_hits(document, answer.kind)
            table = sentence_table(document, answer.kind, hits)
            parts = parts_of(answer.kind)
            content = {
                i
                for i, sentence in enumerate(document.sentences)
                if sum(1 for t in sentence if t.is_alpha) >= 3
            }
            truths.append(
                AnswerTruth(
                    answer.id,
                    answer.site,
                    answer.kind,
                    form,
                    {p: answer.labels[label_of(p)].value for p in parts},
                    {p: hits.get(p) is not None for p in parts},
                    set(sorted(content)[:2]),
                )
            )
            for row in table:
                sentence, features, before, index = row.span, row.features, row.words_before, row.sentence
                span = _written_span(document, spans, sentence.start, sentence.end)
                positive: dict[str, bool] = {}
                for part in parts:
                    label = answer.labels[label_of(part)]
                    if part == "recommendation" and label.value == "n-a":
                        continue  # knowledge questions: nothing was labelled either way
                    positive[part] = _overlaps(span, label.evidence)
                rule = {
                    p: (h := hits.get(p)) is not None and sentence.start <= h[0] < sentence.end for p in parts
                }
                rows.append(
                    SentenceRow(
                        answer.id,
                        answer.site,
                        answer.kind,
                        form,
                        index,
                        before,
                        features,
                        positive,
                        rule,
                        sum(1 for t in sentence if t.is_alpha) >= MIN_PART_WORDS,
                    )
                )
    return rows, truths


def _fit(rows: list[SentenceRow], part: str) -> tuple[dict[str, float], float] | None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    usable = [r for r in rows if part in r.positive]
    features = [part_features(part, r.features) for r in usable]
    labels = [r.positive[part] for r in usable]
    if not any(labels) or all(labels):
        return None
    vectorizer = DictVectorizer()
    kept = _frequent(features)
    x = vectorizer.fit_transform([{f: 1 for f in sample if f in kept} for sample in features])
    model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced", random_state=SEED)
    model.fit(x, labels)
    return _weights(vectorizer, model), round(float(model.intercept_[0]), 4)


# A gap is a boundary at this probability or above; chosen among 0.3, 0.4 and 0.5 by the
# spoken-form cross-validated F1 of the judgements on the development part.
BOUNDARY_THRESHOLD = float(os.environ.get("COACH_TRAIN_BOUNDARY", "0.4"))
MIN_FEATURE_COUNT = 2  # a feature seen in one training sentence only is noise, not a cue


def _frequent(samples: list[list[str]]) -> set[str]:
    from collections import Counter

    counts = Counter(f for sample in samples for f in set(sample))
    return {f for f, n in counts.items() if n >= MIN_FEATURE_COUNT}


def _weights(vectorizer: Any, model: Any) -> dict[str, float]:
    names = vectorizer.get_feature_names_out()
    return {str(n): round(float(w), 3) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 0.005}


def _probability(weights: dict[str, float], bias: float, features: list[str]) -> float:
    import math

    total = bias + sum(weights.get(f, 0.0) for f in set(features))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


def _verdict(
    method: str, threshold: float, part: str, truth: AnswerTruth, sentences: list[tuple[SentenceRow, float]]
) -> bool:
    """The answer-level verdict of one method, as coach.analysis.judgements.decide reaches it."""
    rule_sentences = [r for r, _ in sentences if r.rule.get(part)]
    passing = [r for r, p in sentences if p >= threshold]
    if method == "rules":
        chosen = rule_sentences[:1]
    elif method == "model":
        chosen = passing[:1]
    else:
        chosen = rule_sentences[:1] or passing[:1]
    if part != "recommendation":
        return bool(chosen)
    if not chosen:
        return False
    first = chosen[0]
    return first.index in truth.content_first_two or first.words_before < WINDOW_WORDS


def _f1(pairs: list[tuple[bool, bool]]) -> float:
    tp = sum(1 for got, want in pairs if got and want)
    fp = sum(1 for got, want in pairs if got and not want)
    fn = sum(1 for got, want in pairs if want and not got)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _macro_f1(pairs: list[tuple[bool, bool]]) -> float:
    """The mean of the F1 of "yes" and the F1 of "no"."""
    return (_f1(pairs) + _f1([(not got, not want) for got, want in pairs])) / 2


def cross_validate(
    rows: list[SentenceRow], truths: list[AnswerTruth], folds: int = 5
) -> dict[str, dict[str, Any]]:
    """Per part: every (method, threshold)'s answer-level F1 over held-out sites."""
    from sklearn.model_selection import GroupKFold

    sites = sorted({t.site for t in truths})
    fold_of = {}
    splitter = GroupKFold(n_splits=min(folds, len(sites)))
    for k, (_, held) in enumerate(splitter.split(sites, groups=sites)):
        for i in held:
            fold_of[sites[i]] = k
    results: dict[str, dict[str, Any]] = {}
    for part in ("situation", "task", "action", "result", "reflection", "recommendation", "tradeoff"):
        scored: dict[tuple[str, float], dict[str, list[tuple[bool, bool]]]] = {}
        wrong: dict[tuple[str, float], list[str]] = {}
        for k in sorted(set(fold_of.values())):
            fitted = _fit([r for r in rows if fold_of[r.site] != k], part)
            for truth in truths:
                if fold_of[truth.site] != k or part not in truth.labels:
                    continue
                value = truth.labels[part]
                if value == "n-a":
                    continue
                sentences = [
                    (
                        r,
                        _probability(*fitted, part_features(part, r.features))
                        if fitted and eligible(part, r.features) and r.says_something
                        else 0.0,
                    )
                    for r in rows
                    if r.answer == truth.answer and r.form == truth.form
                ]
                for method in METHODS.get(part, ("rules", "model", "either")):
                    for threshold in THRESHOLDS if method != "rules" else (1.0,):
                        got = _verdict(method, threshold, part, truth, sentences)
                        scored.setdefault((method, threshold), {}).setdefault(truth.form, []).append(
                            (got, value == "yes")
                        )
                        if got != (value == "yes") and truth.form == "written":
                            wrong.setdefault((method, threshold), []).append(
                                f"{'fp' if got else 'fn'} {truth.answer}"
                            )
        table = {
            f"{m} {t}": {form: round(_f1(p), 4) for form, p in by_form.items()}
            | {f"{form} macro": round(_macro_f1(p), 4) for form, p in by_form.items()}
            for (m, t), by_form in scored.items()
        }
        # Chosen by the F1 of "yes" and of "no" averaged: on real answers most have each part,
        # so the F1 of "yes" alone rewards a judge that always says yes (and never tells the
        # speaker what is missing).
        best = max(
            scored,
            # on a tie: the rules alone, then the stricter threshold
            key=lambda mt: (
                round(sum(_macro_f1(p) for p in scored[mt].values()) / len(scored[mt]), 4),
                mt[0] == "rules",
                mt[1],
            ),
        )
        results[part] = {
            "method": best[0],
            "threshold": best[1],
            "scores": table,
            "misses": sorted(wrong.get(best, [])),
        }
    return results


def train_boundaries(answers: list[RealAnswer], nlp: NlpModel) -> dict[str, Any]:
    """The gap classifier of coach.analysis.boundaries, from the written answers with
    their punctuation taken out: a gap is a boundary where the written text ended a
    sentence with ".", "?" or "!"."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    samples: list[list[str]] = []
    labels: list[bool] = []
    tagger = nlp.nlp
    for answer in answers:
        words = spoken_words(answer.text)
        starts = set()
        for k, (_, a, _) in enumerate(words):
            before = answer.text[words[k - 1][2] : a] if k else ""
            if (k and any(mark in before for mark in ".?!")) or (
                k and answer.text[words[k - 1][2] - 1] in ".?!"
            ):
                starts.add(k)
        text = " ".join(w for w, _, _ in words)
        with tagger.select_pipes(enable=["tok2vec", "tagger"]):
            doc = tagger(text)
        offsets, at = [], 0
        for w, _, _ in words:
            offsets.append(at)
            at += len(w) + 1
        word_at = {o: k for k, o in enumerate(offsets)}
        for run in runs(doc):
            if len(run) < MIN_RUN_WORDS:
                continue
            toks = [doc[i].lower_ for i in run]
            tags = [doc[i].tag_ for i in run]
            since = 0
            for k in range(1, len(run)):
                since += 1
                word = word_at.get(doc[run[k]].idx)
                boundary = word is not None and word in starts
                samples.append(gap_features(toks, tags, k, since))
                labels.append(boundary)
                if boundary:
                    since = 0
    vectorizer = DictVectorizer()
    kept = _frequent(samples)
    x = vectorizer.fit_transform([{f: 1 for f in sample if f in kept} for sample in samples])
    model = LogisticRegression(C=C, max_iter=2000, random_state=SEED)
    model.fit(x, labels)
    weights = _weights(vectorizer, model)
    return {
        "models": {
            "boundary": {
                "weights": weights,
                "bias": round(float(model.intercept_[0]), 4),
                "threshold": BOUNDARY_THRESHOLD,
            }
        },
        "trained_on": {"gaps": len(labels), "boundaries": int(sum(labels))},
    }


def fingerprint(answers: list[RealAnswer]) -> str:
    return hashlib.sha256("\n".join(sorted(a.id for a in answers)).encode()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/train-judgements", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=TRAINED)
    args = parser.parse_args(argv)
    corpus = load_corpus(args.corpus, split="dev")
    if corpus.missing_text:
        print(
            f"{corpus.missing_text} development answers have no text here; gather them first "
            "(corpus/answers/collect_external.py)",
            file=sys.stderr,
        )
        return 1
    nlp = load_nlp()
    answers = corpus.answers
    boundaries = train_boundaries(answers, nlp)
    boundaries["trained_on"]["answers"] = fingerprint(answers)
    (args.out / "boundaries.json").write_text(json.dumps(boundaries, sort_keys=True) + "\n")
    from coach import models as coach_models
    from coach.analysis.linear import load_models

    coach_models._nlp_cache.clear()  # the pipeline picks up the new boundary model
    load_models.cache_clear()
    nlp = load_nlp()
    rows, truths = collect(answers, nlp)
    chosen = cross_validate(rows, truths)
    models = {}
    for part, choice in chosen.items():
        if choice["method"] == "rules":
            continue  # the rules alone won: no classifier is shipped for this part
        fitted = _fit(rows, part)
        if fitted is None:
            continue
        weights, bias = fitted
        models[part] = {"weights": weights, "bias": bias, "threshold": choice["threshold"]}
    out = {
        "models": models,
        "trained_on": {
            "answers": fingerprint(answers),
            "count": len(answers),
            "sentences": len(rows),
            "methods": {p: c["method"] for p, c in chosen.items()},
            "cross_validation": {p: c["scores"] for p, c in chosen.items()},
            "cross_validation_misses": {p: c["misses"] for p, c in chosen.items()},
        },
    }
    (args.out / "judgements.json").write_text(json.dumps(out, sort_keys=True) + "\n")
    for part, choice in chosen.items():
        key = f"{choice['method']} {choice['threshold']}"
        print(f"{part:15} {key:12} cross-validated {choice['scores'][key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
