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
_TOKEN = re.compile(r"[a-z0-9]+")
MAX_TERM_TOKENS = 4


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _split_points(term_tokens: list[str]) -> set[int]:
    """Where a spoken term may break into words whatever their length: between its own
    words ("route 53") and between letters and digits ("p 99")."""
    joined = "".join(term_tokens)
    points: set[int] = set()
    offset = 0
    for token in term_tokens[:-1]:
        offset += len(token)
        points.add(offset)
    for k in range(1, len(joined)):
        if joined[k - 1].isdigit() != joined[k].isdigit():
            points.add(k)
    return points


def term_count(text: str, term: str) -> int:
    """How often a term is said in text, on word boundaries, ignoring case and
    punctuation. A term may come split where it has a space or a letter-digit change
    ("Route53" / "route 53", "p 99"), or into pieces of two letters or more ("post-mortem",
    "TF state", "Argo CD"), but not into a letter and a word: "I am" is not "IAM", and
    "slow" is not "SLO"."""
    term_tokens = _tokens(term)
    target = "".join(term_tokens)
    if not target:
        return 0
    allowed = _split_points(term_tokens)
    tokens = _tokens(text)
    count = 0
    i = 0
    while i < len(tokens):
        joined = ""
        for j in range(i, min(i + MAX_TERM_TOKENS, len(tokens))):
            if joined and len(joined) not in allowed and min(len(tokens[j - 1]), len(tokens[j])) < 2:
                break
            joined += tokens[j]
            if joined == target:
                count += 1
                i = j
                break
            if not target.startswith(joined):
                break
        i += 1
    return count


def term_hits(transcript: str, reference: str, terms: list[str]) -> tuple[int, int]:
    """(found, said): each term's occurrences in the reference text, and how many of them
    the transcript holds (at most as many as were said)."""
    found = said = 0
    for term in terms:
        expected = term_count(reference, term)
        said += expected
        found += min(expected, term_count(transcript, term))
    return found, said


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
            hits, said = term_hits(text, row["text"], row["terms"])
            found += hits
            total += said
            for term in row["terms"]:
                missing = term_count(row["text"], term) - term_count(text, term)
                if missing > 0:
                    misses[term] = misses.get(term, 0) + missing
        results[name] = {
            "term_recall": round(found / max(total, 1), 4),
            "terms": total,
            "seconds": round(elapsed, 1),
            "most_missed": sorted(misses.items(), key=lambda kv: -kv[1])[:12],
        }
    return results
