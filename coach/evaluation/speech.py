"""Word error rate, filler recall/precision, speech coverage, first-word time and speed
over a manifest of real recordings, each against plain faster-whisper on the same file.

The manifest is tab-separated with the columns file (relative to the manifest), source,
license, reference, fillers_marked and notes, as in ../shared/speech/MANIFEST.tsv; an
optional `split` column (dev/test) selects a part with --split, and an optional
`first_word_s` column gives the reference time of the first spoken word. A file under
`external/` that is not on disk (material whose licence keeps it out of the repository;
see corpus/README.md) is skipped and counted, any other missing file is an error.

Word error rate leaves filled pauses out of both sides (they are scored on their own as
recall and precision), so a transcript is not charged twice for one "um".
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
    FILLED_PAUSE_WORDS,
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
    split: str = ""
    first_word_s: float | None = None


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
    fillers_marked: bool
    acoustic_added: int
    hypothesis: str
    coverage: float | None = None
    first_word_s: float | None = None
    first_word_reference_s: float | None = None
    first_word_plain_s: float | None = None

    @property
    def wer(self) -> float:
        return self.errors / max(self.reference_words, 1)

    @property
    def baseline_wer(self) -> float:
        return self.baseline_errors / max(self.reference_words, 1)


def read_manifest(path: Path, split: str | None = None) -> list[ManifestEntry]:
    """Parse a manifest (only the rows of `split` when given); a missing column or file is
    a CoachError naming the line. Missing `external/` files are left out (see the module
    docstring); `skipped_external` counts them."""
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise CoachError(f"{path}: cannot read the manifest ({exc.strerror})") from None
    with handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in ("file", "reference", "fillers_marked") if c not in (reader.fieldnames or [])]
        if missing:
            raise CoachError(f"{path}:1: manifest lacks the column(s) {', '.join(missing)}")
        if split and "split" not in (reader.fieldnames or []):
            raise CoachError(f"{path}:1: manifest has no split column, so --split {split} selects nothing")
        entries = []
        for line, row in enumerate(reader, start=2):
            if split and (row.get("split") or "").strip() != split:
                continue
            name = row["file"] or ""
            audio = (path.parent / name).resolve()
            if not name or not audio.is_file():
                if name.startswith("external/"):
                    skipped_external.append(name)
                    continue
                raise CoachError(f"{path}:{line}: no audio file {name!r}")
            first = (row.get("first_word_s") or "").strip()
            try:
                first_word_s = (
                    float(first) if first else _textgrid_first_word_s(audio.with_suffix(".TextGrid"))
                )
            except ValueError:
                raise CoachError(f"{path}:{line}: first_word_s must be seconds, got {first!r}") from None
            entries.append(
                ManifestEntry(
                    audio,
                    row["reference"] or "",
                    (row["fillers_marked"] or "").strip() == "yes",
                    (row.get("split") or "").strip(),
                    first_word_s,
                )
            )
    return entries


skipped_external: list[str] = []


def _textgrid_first_word_s(path: Path) -> float | None:
    """The start of the first non-empty interval of a Praat TextGrid's "words" tier (the
    aligner output that ships beside some recordings), or None."""
    if not path.is_file():
        return None
    lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    try:
        at = lines.index('"words"') + 4  # short text format: name, xmin, xmax, count, then triples
    except ValueError:
        return None
    for i in range(at, len(lines) - 2, 3):
        if not lines[i + 2].startswith('"'):
            break
        if lines[i + 2].strip('"').strip():
            return float(lines[i])
    return None


def _plain(model: Any, samples: Any, timed: bool) -> tuple[str, float | None]:
    """What faster-whisper gives with its defaults: the baseline we must not fall below;
    with `timed`, also its first word's start (a second decode with word timestamps, which
    can shift later windows, so the text is always taken from the first)."""
    segments, _ = model.transcribe(samples, language="en")
    text = " ".join(s.text.strip() for s in segments)
    first_s = None
    if timed:
        timed_segments, _ = model.transcribe(samples, language="en", word_timestamps=True)
        for segment in timed_segments:
            spoken = [w for w in segment.words or [] if normalize(w.word)]
            if spoken:
                first_s = round(float(spoken[0].start), 3)
                break
    return text, first_s


def content_words(words: list[str]) -> list[str]:
    """The words word error rate is scored on: everything but the filled pauses."""
    return [w for w in words if w not in FILLED_PAUSE_WORDS]


def score_file(
    entry: ManifestEntry,
    model: Any,
    model_name: str,
    options: TranscribeOptions,
    baseline: bool = True,
    streaming: bool = False,
) -> FileScore:
    from coach.acoustics import AcousticOptions, measure, reconcile_fillers
    from coach.analysis.timing import analyze_timing
    from coach.config import AnalysisOptions
    from coach.stream import replay

    audio = load_audio(entry.path)
    started = time.perf_counter()
    if streaming:
        transcript, acoustics, _ = replay(model, audio, options)
    else:
        acoustics = measure(audio)
        transcript = transcribe(model, audio, options, model_name, acoustics)
    whisper_words = [w.text for w in transcript.words]
    unvoiced_dropped = reconcile_fillers(transcript, acoustics, AcousticOptions(add_dropped=False))
    transcript = reconcile_fillers(transcript, acoustics)
    elapsed = time.perf_counter() - started
    reference = normalize(entry.reference)
    hypothesis = normalize(" ".join(w.text for w in transcript.words))
    alignment = filler_aware_align(reference, hypothesis)
    whisper_only = filler_aware_align(reference, normalize(" ".join(whisper_words)))
    not_added = filler_aware_align(reference, normalize(" ".join(w.text for w in unvoiced_dropped.words)))
    plain_text, plain_first_s = (
        _plain(model, audio.samples, entry.first_word_s is not None) if baseline else ("", None)
    )
    plain = normalize(plain_text)
    baseline_errors = align(content_words(reference), content_words(plain)).errors if baseline else 0
    timing = analyze_timing(transcript, AnalysisOptions(), acoustics=acoustics)
    return FileScore(
        file=str(entry.path),
        duration_s=audio.duration_s,
        elapsed_s=elapsed,
        reference_words=len(content_words(reference)),
        errors=align(content_words(reference), content_words(hypothesis)).errors,
        insertions=sum(1 for r, _ in alignment.pairs if r is None),
        baseline_errors=baseline_errors,
        fillers=_scored(alignment, entry.fillers_marked),
        fillers_marked=entry.fillers_marked,
        fillers_whisper_only=_scored(whisper_only, entry.fillers_marked),
        fillers_not_added=_scored(not_added, entry.fillers_marked),
        fillers_plain=_scored(filler_aware_align(reference, plain), entry.fillers_marked),
        acoustic_added=sum(1 for w in transcript.words if w.source == "acoustic"),
        hypothesis=" ".join(hypothesis),
        coverage=transcript.coverage,
        first_word_s=timing.first_word_s if timing else None,
        first_word_reference_s=entry.first_word_s,
        first_word_plain_s=plain_first_s,
    )


def _scored(alignment: Alignment, fillers_marked: bool) -> FillerCounts:
    """Filler counts; a file whose reference does not mark fillers still counts every
    filler reported against precision, and none against recall."""
    counts = filler_counts(alignment)
    return counts if fillers_marked else FillerCounts(0, counts.hypothesis, 0)


FIRST_WORD_TOLERANCE_S = 0.3  # the target: the first word within 0.3 s


def _first_word_summary(pairs: list[tuple[float | None, float]]) -> dict[str, Any]:
    errors = [abs(h - r) if h is not None else None for h, r in pairs]
    return {
        "files": len(pairs),
        "within_tolerance": sum(1 for e in errors if e is not None and e <= FIRST_WORD_TOLERANCE_S),
        "worst_error_s": round(max((e if e is not None else float("inf")) for e in errors), 3)
        if errors
        else None,
    }


def evaluate_manifest(
    manifest: Path,
    options: TranscribeOptions | None = None,
    baseline: bool = True,
    streaming: bool = False,
    split: str | None = None,
) -> dict[str, Any]:
    """Score every file (of `split`, when given); the totals are the contract of
    `scripts/eval --json`."""
    options = options or TranscribeOptions()
    folder = resolve_whisper_dir(options.model_dir)
    model = load_whisper(folder, compute_type=options.compute_type, cpu_threads=options.cpu_threads)
    scores = [
        score_file(entry, model, str(folder), options, baseline, streaming)
        for entry in read_manifest(manifest, split)
    ]
    if not scores:
        raise CoachError(f"{manifest}: no audio to score" + (f" in split {split!r}" if split else ""))
    fillers = sum((s.fillers for s in scores), FillerCounts(0, 0, 0))
    fillers_marked_only = sum((s.fillers for s in scores if s.fillers_marked), FillerCounts(0, 0, 0))
    whisper_only = sum((s.fillers_whisper_only for s in scores), FillerCounts(0, 0, 0))
    not_added = sum((s.fillers_not_added for s in scores), FillerCounts(0, 0, 0))
    plain = sum((s.fillers_plain for s in scores), FillerCounts(0, 0, 0))
    words = sum(s.reference_words for s in scores)
    covered = [s.coverage for s in scores if s.coverage is not None]
    timed = [s for s in scores if s.first_word_reference_s is not None]
    return {
        "manifest": str(manifest),
        "split": split,
        "files_scored": len(scores),
        "skipped_external": sorted(set(skipped_external)),
        "audio_s": round(sum(s.duration_s for s in scores), 1),
        "coverage_min": min(covered) if covered else None,
        "coverage_mean": round(sum(covered) / len(covered), 4) if covered else None,
        "first_word": _first_word_summary([(s.first_word_s, s.first_word_reference_s or 0.0) for s in timed]),
        "first_word_plain": _first_word_summary(
            [(s.first_word_plain_s, s.first_word_reference_s or 0.0) for s in timed]
        )
        if baseline
        else None,
        "path": "streaming" if streaming else "batch",
        "model": str(folder),
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(options).items()},
        "wer": round(sum(s.errors for s in scores) / max(words, 1), 4),
        "baseline_wer": round(sum(s.baseline_errors for s in scores) / max(words, 1), 4)
        if baseline
        else None,
        "filler_recall": _round(fillers.recall),
        "filler_precision": _round(fillers.precision),
        # precision over the files whose references write every filler (elsewhere a reported
        # filler cannot be checked, and the figure above counts it as false)
        "filler_precision_marked_files": _round(fillers_marked_only.precision),
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
                "coverage": s.coverage,
                "first_word_s": s.first_word_s,
                "first_word_reference_s": s.first_word_reference_s,
                "first_word_plain_s": s.first_word_plain_s,
                "hypothesis": s.hypothesis,
            }
            for s in scores
        ],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
