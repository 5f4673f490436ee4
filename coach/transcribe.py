"""Audio to a Transcript of timed words, keeping fillers and dropping invented text."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from coach.audio import Audio
from coach.config import TranscribeOptions

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger("coach")

FILLED_PAUSES = frozenset({"um", "umm", "uh", "uhh", "er", "erm", "ah", "hm", "hmm", "mm", "mmm"})
# What Whisper tends to write at the end of a clip when nothing more was said.
OUTRO_PHRASES = (("thank", "you"), ("thanks", "for", "watching"), ("okay",), ("bye",), ("you",))
MIN_LOOP_REPEATS = 4
_STRIP = re.compile(r"^[^\w']+|[^\w']+$")


def normalize_token(text: str) -> str:
    """Lowercase, without surrounding punctuation: 'Um,' -> 'um'."""
    return _STRIP.sub("", text.strip().lower())


@dataclass(frozen=True)
class Word:
    """One spoken word; times are None for typed transcripts."""

    text: str
    start_s: float | None = None
    end_s: float | None = None
    probability: float = 1.0

    @property
    def norm(self) -> str:
        return normalize_token(self.text)


@dataclass(frozen=True)
class Transcript:
    words: tuple[Word, ...]
    duration_s: float | None = None
    model: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    elapsed_s: float = 0.0

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def timed(self) -> bool:
        return bool(self.words) and self.words[0].start_s is not None


def transcript_from_text(text: str) -> Transcript:
    """A typed transcript: words without times."""
    return Transcript(tuple(Word(token) for token in text.split()))


def _drop_unsure_fillers(words: list[Word], min_probability: float) -> list[Word]:
    return [w for w in words if not (w.norm in FILLED_PAUSES and w.probability < min_probability)]


def _drop_prompt_leak(words: list[Word], prompt: str | None) -> list[Word]:
    """Remove a verbatim copy of the prompt (four words or more) from the transcript."""
    if not prompt:
        return words
    leak = [normalize_token(t) for t in prompt.split()]
    if len(leak) < 4:
        return words
    norms = [w.norm for w in words]
    for start in range(len(norms) - len(leak) + 1):
        if norms[start : start + len(leak)] == leak:
            log.debug("dropped leaked prompt text at word %d", start)
            return words[:start] + words[start + len(leak) :]
    return words


def _drop_loops(words: list[Word]) -> list[Word]:
    """Collapse a phrase of 2-5 words repeated MIN_LOOP_REPEATS times or more in a row."""
    out = list(words)
    for size in range(2, 6):
        i = 0
        while i + size * MIN_LOOP_REPEATS <= len(out):
            gram = [w.norm for w in out[i : i + size]]
            repeats = 1
            while [w.norm for w in out[i + repeats * size : i + (repeats + 1) * size]] == gram:
                repeats += 1
            if repeats >= MIN_LOOP_REPEATS and not all(g in FILLED_PAUSES for g in gram):
                log.debug("collapsed a %d-word loop repeated %d times", size, repeats)
                del out[i + size : i + repeats * size]
            i += 1
    return out


def _drop_outro(words: list[Word]) -> list[Word]:
    """Drop a closing 'Thank you.' or 'Okay.' that Whisper is unsure it heard."""
    for phrase in OUTRO_PHRASES:
        tail = words[-len(phrase) :]
        matches = len(tail) == len(phrase) and tuple(w.norm for w in tail) == phrase
        if matches and min(w.probability for w in tail) < 0.1:
            return words[: -len(phrase)]
    return words


def clean_words(words: list[Word], options: TranscribeOptions) -> list[Word]:
    """The hallucination guard, applied to raw Whisper words."""
    words = _drop_unsure_fillers(words, options.min_filler_probability)
    words = _drop_prompt_leak(words, options.initial_prompt)
    words = _drop_loops(words)
    return _drop_outro(words)


def transcribe(
    model: WhisperModel, audio: Audio, options: TranscribeOptions, model_name: str = ""
) -> Transcript:
    """Transcribe with word timestamps, decoding options tuned to keep fillers verbatim."""
    started = time.perf_counter()
    segments, _info = model.transcribe(
        audio.samples,
        language="en",
        beam_size=options.beam_size,
        word_timestamps=True,
        initial_prompt=options.initial_prompt,
        condition_on_previous_text=False,
        vad_filter=options.vad_filter,
    )
    raw: list[Word] = []
    for segment in segments:
        for w in segment.words or []:
            if w.word.strip():
                raw.append(
                    Word(
                        w.word.strip(),
                        round(float(w.start), 3),
                        round(float(w.end), 3),
                        round(float(w.probability), 3),
                    )
                )
    words = clean_words(raw, options)
    option_record = {
        k: (str(v) if v is not None and k == "model_dir" else v) for k, v in asdict(options).items()
    }
    return Transcript(
        tuple(words),
        duration_s=round(audio.duration_s, 3),
        model=model_name,
        options=option_record,
        elapsed_s=round(time.perf_counter() - started, 3),
    )
