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
OUTRO_PHRASES = (
    ("thank", "you", "for", "watching"),
    ("thanks", "for", "watching"),
    ("see", "you", "in", "the", "next", "video"),
    ("please", "subscribe"),
    ("thank", "you"),
    ("okay",),
    ("bye",),
    ("you",),
)
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
    source: str = "whisper"  # "acoustic": a filled pause heard in the audio only; "typed": from text

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


NOT_ENGLISH_MEAN_PROBABILITY = 0.45
MIN_WORDS_FOR_LANGUAGE = 8


def language_warnings(transcript: Transcript) -> list[str]:
    """The English-only model still writes English words for other languages, but unsure
    ones: a low mean word probability over a real answer says it was not English."""
    words = [w for w in transcript.words if w.source == "whisper" and w.norm not in FILLED_PAUSES]
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return []
    mean = sum(w.probability for w in words) / len(words)
    if mean < NOT_ENGLISH_MEAN_PROBABILITY:
        return [
            f"this does not sound like English (the model is unsure of most words, mean confidence "
            f"{mean:.2f}); coach's model understands English only, so the analysis below is unreliable"
        ]
    return []


def transcript_from_text(text: str) -> Transcript:
    """A typed transcript: words without times."""
    return Transcript(tuple(Word(token, source="typed") for token in text.split()))


def _drop_unsure_fillers(words: list[Word], min_probability: float) -> list[Word]:
    return [w for w in words if not (w.norm in FILLED_PAUSES and w.probability < min_probability)]


def _drop_prompt_leak(words: list[Word], prompt: str | None, min_words: int = 4) -> list[Word]:
    """Remove verbatim runs of the prompt (at least min_words long) from the transcript."""
    if not prompt:
        return words
    leak = [normalize_token(t) for t in prompt.split() if normalize_token(t)]
    if len(leak) < min_words:
        return words
    grams = {tuple(leak[i : i + min_words]) for i in range(len(leak) - min_words + 1)}
    norms = [w.norm for w in words]
    drop: set[int] = set()
    for start in range(len(norms) - min_words + 1):
        if tuple(norms[start : start + min_words]) in grams:
            drop.update(range(start, start + min_words))
    if drop:
        log.debug("dropped %d words of leaked prompt text", len(drop))
    return [w for i, w in enumerate(words) if i not in drop]


def _drop_hotword_leak(words: list[Word], hotwords: str | None, min_entries: int = 3) -> list[Word]:
    """Remove a recital of the hotword list: three or more of its entries, in its order."""
    if not hotwords:
        return words
    entries = [[normalize_token(t) for t in e.split() if normalize_token(t)] for e in hotwords.split(",")]
    # hesitations end the list (coach.vocabulary.FILLER_TAIL): "um, uh" is speech, not a recital
    entries = [e for e in entries if e and not all(t in FILLED_PAUSES for t in e)]
    runs = {
        tuple(token for entry in entries[i : i + min_entries] for token in entry)
        for i in range(len(entries) - min_entries + 1)
    }
    norms = [w.norm for w in words]
    drop: set[int] = set()
    for run in runs:
        for start in range(len(norms) - len(run) + 1):
            if tuple(norms[start : start + len(run)]) == run:
                drop.update(range(start, start + len(run)))
    return [w for i, w in enumerate(words) if i not in drop]


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
    words = _drop_hotword_leak(words, options.hotwords)
    words = _drop_loops(words)
    return _drop_outro(words)


def transcribe(
    model: WhisperModel, audio: Audio, options: TranscribeOptions, model_name: str = ""
) -> Transcript:
    """Transcribe with word timestamps, decoding options tuned to keep fillers verbatim."""
    import ctranslate2

    started = time.perf_counter()
    # Whisper falls back to sampling at higher temperatures when a window decodes badly;
    # a fixed seed makes those retries, and so every measurement, repeatable.
    ctranslate2.set_random_seed(options.seed)
    segments, _info = model.transcribe(
        audio.samples,
        language="en",
        beam_size=options.beam_size,
        word_timestamps=True,
        initial_prompt=options.initial_prompt,
        hotwords=options.hotwords,
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
