"""The ASR form of the real-answer corpus: each answer read aloud by espeak-ng and
transcribed by coach's own Whisper path, as a spoken answer would be.

Transcripts are kept as `corpus/answers/asr/<id>.txt` for answers whose text is committed,
and in the git-ignored `corpus/answers/external/asr/` for the others (a transcript carries
the text it was read from). Which answers get one is fixed by their ids (sha-256 order), so
a rerun extends the same subset.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

from coach.errors import CoachError


def make_asr(folder: Path, count: int) -> int:
    """Transcribe up to `count` more answers; returns how many were made."""
    from coach.acoustics import measure, reconcile_fillers
    from coach.audio import load_audio
    from coach.config import TranscribeOptions
    from coach.models import load_whisper, resolve_whisper_dir
    from coach.speak import synthesize
    from coach.transcribe import transcribe

    external: dict[str, str] = {}
    external_path = folder / "external" / "answers.jsonl"
    if external_path.exists():
        for line in external_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                external[row["id"]] = row["answer"]
    rows = [json.loads(line) for line in (folder / "answers.jsonl").read_text().splitlines() if line.strip()]
    rows.sort(key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest())
    options = TranscribeOptions()
    model_dir = resolve_whisper_dir(options.model_dir)
    model = load_whisper(model_dir, compute_type=options.compute_type, cpu_threads=options.cpu_threads)
    made = 0
    for row in rows:
        if made >= count:
            break
        committed = row.get("answer") is not None
        text = row.get("answer") or external.get(row["id"])
        out_dir = folder / "asr" if committed else folder / "external" / "asr"
        target = out_dir / f"{row['id']}.txt"
        if text is None or target.exists():
            continue
        with tempfile.TemporaryDirectory() as tmp:
            wav = synthesize(text, Path(tmp) / "answer.wav")
            audio = load_audio(wav)
            acoustics = measure(audio)
            transcript = transcribe(model, audio, options, model_dir.name, acoustics)
            transcript = reconcile_fillers(transcript, acoustics)
        words = " ".join(w.text for w in transcript.words).strip()
        if not words:
            raise CoachError(f"{row['id']}: the round trip gave no words")
        out_dir.mkdir(parents=True, exist_ok=True)
        target.write_text(words + "\n", encoding="utf-8")
        made += 1
        print(f"asr {made}/{count}: {row['id']} ({len(words.split())} words)", file=sys.stderr, flush=True)
    return made
