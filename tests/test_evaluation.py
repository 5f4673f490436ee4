"""The measurement harness, and regression checks on its figures (thresholds a little
below what `scripts/eval` measures; see the README for the full runs)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import numpy as np
import pytest

from coach.evaluation.metrics import align, filler_aware_align, filler_counts, normalize
from tests.conftest import REPO, SPEECH_DIR, needs_speech

DATA = REPO / "tests" / "data"


def test_normalization_keeps_fillers_and_folds_spellings() -> None:
    assert normalize("Umm, the on-call <cutoff-x> [laughter] Mr. Smith said 5% — yknow?") == [
        "um", "the", "on", "call", "mister", "smith", "said", "5", "percent", "you", "know",
    ]  # fmt: skip


def test_alignment_counts_errors_and_fillers_word_by_word() -> None:
    reference = normalize("montreal uh forced um aligner")
    hypothesis = normalize("montreal um forced aligner uh")
    assert align(reference, hypothesis).errors == 3
    counts = filler_counts(filler_aware_align(reference, hypothesis))
    # the "um" heard for "uh" is found; the trailing "uh" is not where the "um" was said
    assert (counts.reference, counts.hypothesis, counts.matched) == (2, 2, 1)
    assert counts.recall == 0.5 and counts.precision == 0.5


def _subset_manifest(tmp_path: Path, files: list[str]) -> Path:
    """A manifest elsewhere on disk, pointing at a few of the shared recordings."""
    with (SPEECH_DIR / "MANIFEST.tsv").open(newline="") as handle:
        rows = [
            r for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if r["file"] in files
        ]
    manifest = tmp_path / "subset" / "manifest.tsv"
    manifest.parent.mkdir()
    with manifest.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter="\t", quoting=csv.QUOTE_NONE)
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "file": os.path.relpath(SPEECH_DIR / row["file"], manifest.parent)})
    return manifest


@needs_speech
def test_speech_subset_regression(tmp_path: Path) -> None:
    from coach.evaluation.speech import evaluate_manifest

    files = [
        "mfa/acoustic_corpus.wav",
        "mfa/mfa_uhum.flac",
        "mfa/mfa_crossword.flac",
        "mfa/mfa_um.flac",
        "mfa/mfa_uhuh.flac",
        "jfk/jfk.flac",
    ]
    result = evaluate_manifest(_subset_manifest(tmp_path, files))
    assert len(result["files"]) == 6
    assert result["filler_recall"] >= 0.9 and result["filler_precision"] >= 0.9  # measured 1.0 and 1.0
    assert result["filler_precision"] > result["filler_precision_whisper_only"]  # the acoustic check helps
    # fillers both passes dropped, found in the audio (mfa_uhum at 3.0 s, mfa_uhuh at 3.3 s)
    assert result["acoustic_added_found"] >= 2 and result["acoustic_added"] <= 3
    assert result["filler_recall"] > result["filler_recall_voicing_checked"]
    assert result["wer"] <= result["baseline_wer"] + 0.02  # measured 0.14 against 0.13
    jfk = next(f for f in result["files"] if f["file"].endswith("jfk.flac"))
    assert jfk["wer"] == 0.0 and jfk["insertions"] == 0


@needs_speech
def test_pauses_match_the_aligner_within_150_ms(coach) -> None:  # type: ignore[no-untyped-def]
    from coach.audio import load_audio
    from coach.questions import adhoc_question
    from tests.test_transcribe import _textgrid_intervals

    reference = [
        (s, e)
        for s, e, t in _textgrid_intervals(SPEECH_DIR / "mfa" / "acoustic_corpus.TextGrid")
        if t == "" and e - s >= 1.0 and s > 0.5 and e < 26
    ]
    path = SPEECH_DIR / "mfa" / "acoustic_corpus.wav"
    timing = coach.analyze_audio(load_audio(path), adhoc_question("Tell me about it"), path).analysis.timing
    assert len(timing.pauses) == len(reference) == 1
    for pause, (start, end) in zip(timing.pauses, reference, strict=True):
        assert abs(pause.start_s - start) <= 0.15 and abs(pause.end_s - end) <= 0.15
    assert abs(timing.first_word_s - 1.05) <= 0.15  # the aligner's first word starts at 1.05 s


CORPUS_DEV_SUBSET = [
    "audio/ami/ES2003a_0000-0030.flac",  # a meeting, far-field, with "um"s
    "audio/ami/EN2004a_0000-0030.flac",
    "audio/pyannote/sample.flac",  # a two-person call
    "audio/librispeech/6836-61803-0000.flac",  # where Whisper skips six seconds unless repaired
    "audio/librispeech/8063-274112-0000.flac",  # D'Artagnan: a word split at its apostrophe
    "audio/speechocean762/096350013.flac",  # a non-native reader
]


def test_corpus_dev_subset_against_plain_whisper(tmp_path: Path) -> None:
    """Real speech from the committed corpus (development part only: the test part is kept
    unseen for the figures in the README): every word plain faster-whisper gets, coach
    gets too, speech is covered, and the fillers are at least plain's."""
    from coach.evaluation.speech import evaluate_manifest

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    with (corpus / "MANIFEST.tsv").open(newline="", encoding="utf-8") as handle:
        rows = [
            r
            for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            if r["file"] in CORPUS_DEV_SUBSET
        ]
    assert len(rows) == len(CORPUS_DEV_SUBSET) and all(r["split"] == "dev" for r in rows)
    manifest = tmp_path / "manifest.tsv"
    with manifest.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter="\t", quoting=csv.QUOTE_NONE)
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "file": str(corpus / row["file"])})
    result = evaluate_manifest(manifest)
    assert result["wer"] <= result["baseline_wer"]
    assert result["coverage_min"] >= 0.9 and result["coverage_mean"] >= 0.95
    assert (result["filler_recall"] or 0) >= (result["filler_recall_plain"] or 0)
    by_name = {Path(f["file"]).name: f for f in result["files"]}
    assert by_name["6836-61803-0000.flac"]["wer"] <= 0.4  # without the skip repair: 0.73
    assert "d'artagnan" in by_name["8063-274112-0000.flac"]["hypothesis"]


@needs_speech
def test_no_text_is_invented_over_long_silence(coach) -> None:  # type: ignore[no-untyped-def]
    from coach.audio import Audio, load_audio
    from coach.evaluation.metrics import align
    from coach.questions import adhoc_question

    speech = load_audio(SPEECH_DIR / "jfk" / "jfk.flac").samples
    noise = np.random.default_rng(0).normal(0, 0.002, 16_000 * 30).astype(np.float32)
    padded = np.concatenate([noise[: 16_000 * 8], speech, noise[: 16_000 * 15]])
    result = coach.analyze_audio(Audio(padded), adhoc_question("Why this role?"))
    reference = normalize(
        "and so my fellow americans ask not what your country can do for you ask what you can do for your country"
    )
    alignment = align(reference, normalize(result.analysis.transcript.text))
    assert sum(1 for r, _ in alignment.pairs if r is None) == 0  # nothing inserted
    assert result.analysis.timing.duration_s < 8 + 11.5  # trailing silence is not answer time


def _labels(path: Path) -> dict[str, dict[str, float]]:
    from coach.evaluation.answers import evaluate_answers

    return evaluate_answers(path)["labels"]  # type: ignore[no-any-return]


# Measured F1 per label (scripts/eval --answers FILE); each floor sits 0.03 under it, so a
# regression of one or two answers on any label fails. Re-measured 2026-12-01 when the
# judgements were rebuilt on real answers (docs/labelling.md): these team-written labels
# count an action only when told with "I", and "recommendation first" by the first two
# sentences alone, where the guide counts steps told with "we" and the first 40 words too,
# so action and recommendation first fell here by definition. They stay development data.
MEASURED_F1 = {
    "answers.jsonl": {
        "situation": 0.923,
        "task": 0.968,
        "action": 0.871,
        "result": 0.914,
        "reflection": 0.946,
        "recommendation_first": 0.917,
        "mentions_tradeoff": 0.892,
    },
    "answers_holdout.jsonl": {
        "situation": 0.935,
        "task": 0.941,
        "action": 0.877,
        "result": 0.906,
        "reflection": 0.971,
        "recommendation_first": 0.780,
        "mentions_tradeoff": 0.873,
    },
}


@pytest.mark.parametrize("name", sorted(MEASURED_F1))
def test_structure_and_star_f1(name: str) -> None:
    labels = _labels(DATA / name)
    assert set(labels) == set(MEASURED_F1[name])
    low = {
        label: round(labels[label]["f1"], 3)
        for label, f1 in MEASURED_F1[name].items()
        if labels[label]["f1"] < f1 - 0.03
    }
    assert not low, f"F1 fell more than 0.03 below the measured figure: {low}"


@pytest.mark.parametrize(("name", "floor"), [("fillers.jsonl", 0.97), ("fillers_holdout.jsonl", 0.94)])
def test_contextual_filler_precision(name: str, floor: float) -> None:
    from coach.evaluation.answers import evaluate_fillers

    report = evaluate_fillers(DATA / name)
    assert report["sentences"] >= 60
    assert report["precision"] >= floor and report["recall"] >= floor - 0.05, report["misses"]


def test_eval_script_rejects_a_bad_manifest(tmp_path: Path) -> None:
    from coach.evaluation.__main__ import main

    bad = tmp_path / "m.tsv"
    bad.write_text("file\treference\tfillers_marked\nnope.wav\thello\tno\n")
    assert main(["--manifest", str(bad)]) == 1
