"""Word error rate, filler recall/precision and speed over a manifest of real recordings.

The manifest is tab-separated with the columns file (relative to the manifest), source,
license, reference, fillers_marked and notes, as in ../shared/speech/MANIFEST.tsv.
"""

from __future__ import annotations

import csv
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from coach.audio import load_audio
from coach.config import TranscribeOptions
from coach.errors import CoachError
from coach.evaluation.metrics import (
    Alignment,
    FillerCounts,
    align,
    filler_aware_align,
    filler_counts,
    normalize,
)
from coach.models import load_whisper, resolve_whisper_dir
from coach.transcribe import transcribe

MANIFEST_COLUMNS = ("file", "source", "license", "reference", "fillers_marked", "notes")


@dataclass(frozen=True)
class ManifestEntry:
    path: Path
    reference: str
    fillers_marked: bool


@dataclass(frozen=True)
class FileScore:
    file: str
    duration_s: float
    elapsed_s: float
    reference_words: int
    errors: int
    insertions: int
    baseline_errors: int
    fillers: FillerCounts
    fillers_whisper_only: FillerCounts
    fillers_not_added: FillerCounts  # after the voicing check, before adding dropped fillers
    fillers_plain: FillerCounts  # plain faster-whisper (zero when the baseline is skipped)
    acoustic_added: int
    hypothesis: str

    @property
    def wer(self) -> float:
        return self.errors / max(self.reference_words, 1)

    @property
    def baseline_wer(self) -> float:
        return self.baseline_errors / max(self.reference_words, 1)


def read_manifest(path: Path) -> list[ManifestEntry]:
    """Parse a manifest; a missing column or file is a CoachError naming the line."""
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise CoachError(f"{path}: cannot read the manifest ({exc.strerror})") from None
    with handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in ("file", "reference", "fillers_marked") if c not in (reader.fieldnames or [])]
        if missing:
            raise CoachError(f"{path}:1: manifest lacks the column(s) {', '.join(missing)}")
        entries = []
        for line, row in enumerate(reader, start=2):
            audio = (path.parent / (row["file"] or "")).resolve()
            if not row["file"] or not audio.is_file():
                raise CoachError(f"{path}:{line}: no audio file {row['file']!r}")
            entries.append(
                ManifestEntry(audio, row["reference"] or "", (row["fillers_marked"] or "").strip() == "yes")
            )
    return entries


def _plain_transcript(model: Any, samples: Any) -> str:
    """What faster-whisper gives with its defaults: the baseline we must not fall below."""
    segments, _ = model.transcribe(samples, language="en")
    return " ".join(s.text.strip() for s in segments)


def score_file(
    entry: ManifestEntry,
    model: Any,
    model_name: str,
    options: TranscribeOptions,
    baseline: bool = True,
    streaming: bool = False,
) -> FileScore:
    from coach.acoustics import AcousticOptions, measure, reconcile_fillers
    from coach.stream import replay

    audio = load_audio(entry.path)
    started = time.perf_counter()
    if streaming:
        transcript, acoustics, _ = replay(model, audio, options)
    else:
        transcript = transcribe(model, audio, options, model_name=model_name)
        acoustics = measure(audio)
    whisper_words = [w.text for w in transcript.words]
    unvoiced_dropped = reconcile_fillers(transcript, acoustics, AcousticOptions(add_dropped=False))
    transcript = reconcile_fillers(transcript, acoustics)
    elapsed = time.perf_counter() - started
    reference = normalize(entry.reference)
    hypothesis = normalize(" ".join(w.text for w in transcript.words))
    alignment = filler_aware_align(reference, hypothesis)
    whisper_only = filler_aware_align(reference, normalize(" ".join(whisper_words)))
    not_added = filler_aware_align(reference, normalize(" ".join(w.text for w in unvoiced_dropped.words)))
    plain = normalize(_plain_transcript(model, audio.samples)) if baseline else []
    baseline_errors = align(reference, plain).errors if baseline else 0
    return FileScore(
        file=str(entry.path),
        duration_s=audio.duration_s,
        elapsed_s=elapsed,
        reference_words=len(reference),
        errors=alignment.errors,
        insertions=sum(1 for r, _ in alignment.pairs if r is None),
        baseline_errors=baseline_errors,
        fillers=_scored(alignment, entry.fillers_marked),
        fillers_whisper_only=_scored(whisper_only, entry.fillers_marked),
        fillers_not_added=_scored(not_added, entry.fillers_marked),
        fillers_plain=_scored(filler_aware_align(reference, plain), entry.fillers_marked),
        acoustic_added=sum(1 for w in transcript.words if w.source == "acoustic"),
        hypothesis=" ".join(hypothesis),
    )


def _scored(alignment: Alignment, fillers_marked: bool) -> FillerCounts:
    """Filler counts; a file whose reference does not mark fillers still counts every
    filler reported against precision, and none against recall."""
    counts = filler_counts(alignment)
    return counts if fillers_marked else FillerCounts(0, counts.hypothesis, 0)


def evaluate_manifest(
    manifest: Path, options: TranscribeOptions | None = None, baseline: bool = True, streaming: bool = False
) -> dict[str, Any]:
    """Score every file; the totals are the contract of `scripts/eval --json`."""
    options = options or TranscribeOptions()
    folder = resolve_whisper_dir(options.model_dir)
    model = load_whisper(folder, compute_type=options.compute_type, cpu_threads=options.cpu_threads)
    scores = [
        score_file(entry, model, str(folder), options, baseline, streaming)
        for entry in read_manifest(manifest)
    ]
    fillers = sum((s.fillers for s in scores), FillerCounts(0, 0, 0))
    whisper_only = sum((s.fillers_whisper_only for s in scores), FillerCounts(0, 0, 0))
    not_added = sum((s.fillers_not_added for s in scores), FillerCounts(0, 0, 0))
    plain = sum((s.fillers_plain for s in scores), FillerCounts(0, 0, 0))
    words = sum(s.reference_words for s in scores)
    return {
        "manifest": str(manifest),
        "path": "streaming" if streaming else "batch",
        "model": str(folder),
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(options).items()},
        "wer": round(sum(s.errors for s in scores) / max(words, 1), 4),
        "baseline_wer": round(sum(s.baseline_errors for s in scores) / max(words, 1), 4)
        if baseline
        else None,
        "filler_recall": _round(fillers.recall),
        "filler_precision": _round(fillers.precision),
        "filler_recall_whisper_only": _round(whisper_only.recall),
        "filler_precision_whisper_only": _round(whisper_only.precision),
        "filler_recall_plain": _round(plain.recall) if baseline else None,
        "filler_precision_plain": _round(plain.precision) if baseline else None,
        "filler_recall_voicing_checked": _round(not_added.recall),
        "filler_precision_voicing_checked": _round(not_added.precision),
        "acoustic_added": sum(s.acoustic_added for s in scores),
        "acoustic_added_found": fillers.matched - not_added.matched,
        "fillers_reference": fillers.reference,
        "insertions": sum(s.insertions for s in scores),
        "rtf": round(sum(s.elapsed_s for s in scores) / max(sum(s.duration_s for s in scores), 1e-9), 4),
        "files": [
            {
                "file": s.file,
                "duration_s": round(s.duration_s, 2),
                "wer": round(s.wer, 4),
                "baseline_wer": round(s.baseline_wer, 4) if baseline else None,
                "fillers_reference": s.fillers.reference,
                "fillers_found": s.fillers.matched,
                "fillers_reported": s.fillers.hypothesis,
                "insertions": s.insertions,
                "rtf": round(s.elapsed_s / max(s.duration_s, 1e-9), 4),
                "hypothesis": s.hypothesis,
            }
            for s in scores
        ],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
