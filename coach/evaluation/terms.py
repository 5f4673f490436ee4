"""Recognition of domain terms, with and without vocabulary biasing, on spoken DevOps
answers synthesized with espeak-ng in several voices and speeds.

Input: one JSON object per line with `text`, `terms` and optionally `question`.
"""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from coach.audio import Audio, load_audio
from coach.config import TranscribeOptions
from coach.evaluation.answers import read_jsonl
from coach.models import load_whisper, resolve_whisper_dir
from coach.questions import adhoc_question
from coach.speak import synthesize
from coach.transcribe import transcribe
from coach.vocabulary import hotwords_for

VOICES = ("en-us", "en-gb")
RATES_WPM = (150, 190)
_COMPACT = re.compile(r"[^a-z0-9]")


def _compact(text: str) -> str:
    return _COMPACT.sub("", text.lower())


def term_hits(transcript: str, terms: list[str]) -> int:
    """Terms found, ignoring case, spaces and punctuation ("Route53" = "route 53")."""
    text = _compact(transcript)
    return sum(1 for term in terms if _compact(term) in text)


def evaluate_terms(path: Path, options: TranscribeOptions | None = None) -> dict[str, Any]:
    rows = read_jsonl(path, ("text", "terms"))
    options = options or TranscribeOptions()
    folder = resolve_whisper_dir(options.model_dir)
    model = load_whisper(folder)
    clips: list[tuple[dict[str, Any], str, int, Audio]] = []
    with tempfile.TemporaryDirectory(prefix="coach-terms-") as tmp:
        for row in rows:
            for voice in VOICES:
                for rate in RATES_WPM:
                    wav = synthesize(
                        row["text"],
                        Path(tmp) / f"{row.get('id', 'x')}-{voice}-{rate}.wav",
                        voice=voice,
                        rate_wpm=rate,
                    )
                    clips.append((row, voice, rate, load_audio(wav)))
    results: dict[str, Any] = {
        "file": str(path),
        "clips": len(clips),
        "voices": list(VOICES),
        "rates_wpm": list(RATES_WPM),
    }
    for name in ("plain", "biased"):
        found = total = 0
        elapsed = 0.0
        misses: dict[str, int] = {}
        for row, _voice, _rate, audio in clips:
            question = adhoc_question(row.get("question", ""), "technical")
            run = options if name == "plain" else replace(options, hotwords=hotwords_for(question))
            started = time.perf_counter()
            text = transcribe(model, audio, run).text
            elapsed += time.perf_counter() - started
            hits = term_hits(text, row["terms"])
            found += hits
            total += len(row["terms"])
            for term in row["terms"]:
                if _compact(term) not in _compact(text):
                    misses[term] = misses.get(term, 0) + 1
        results[name] = {
            "term_recall": round(found / max(total, 1), 4),
            "terms": total,
            "seconds": round(elapsed, 1),
            "most_missed": sorted(misses.items(), key=lambda kv: -kv[1])[:12],
        }
    return results
