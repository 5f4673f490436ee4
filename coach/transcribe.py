"""Audio to a Transcript of timed words, keeping fillers and dropping invented text.

Three steps, each measured against plain faster-whisper on real voices:

1. **Words** come from an unprompted decode (beam search, no filler prompt) of the audio
   between the first and the last speech the voice activity detector (Silero) finds. The
   filler prompt had cost words on real voices (word error rate 0.22 against 0.11), and
   faster-whisper's own VAD filter together with the prompt dropped a quarter of a slow,
   paused voice. Decoding stops at the last speech, so nothing is invented over the
   silence (or the exact zeros of a muted input) after the answer.
2. **No speech is lost, nothing is invented.** A word with no voice under it (no speech
   segment and no voiced stretch within VOICE_MARGIN_S) is dropped. A stretch of speech
   of at least MIN_UNCOVERED_S with no word near it is decoded again on its own.
   `Transcript.coverage` is the share of speech time that words cover.
3. **Filled pauses** come from a second decode with the filler prompt, of which only
   "um", "uh" and the like are kept, each added where no filler is yet (the acoustic
   detector in coach.acoustics adds the ones both passes missed).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from coach.audio import Audio
from coach.config import TranscribeOptions
from coach.wording import attaches, join_words

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

    from coach.acoustics import Acoustics

Span = tuple[float, float]

log = logging.getLogger("coach")

FILLED_PAUSES = frozenset({"um", "umm", "uh", "uhh", "er", "erm", "ah", "hm", "hmm", "mm", "mmm"})
# What Whisper tends to write at the end of a clip when nothing more was said.
OUTRO_PHRASES = (
    ("thank", "you", "for", "watching"),
    ("thanks", "for", "watching"),
    ("see", "you", "in", "the", "next", "video"),
    ("please", "subscribe"),
    ("thank", "you"),
    ("thank",),
    ("okay",),
    ("bye",),
    ("you",),
)
MIN_LOOP_REPEATS = 4  # for phrases of 2-3 words ("I think I think I think" is speech)
MIN_LONG_LOOP_REPEATS = 3  # for phrases of 4-10 words, which people do not say three times running
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
    """Timed words in order.

    coverage: the share (0-1) of speech time, as the voice activity detector found it,
    that lies within COVER_MARGIN_S of a word; None for typed text or no speech.
    filler_pass_words: the other words of the filler pass, with that pass's times. Where
        the word pass left out an "um", Whisper stretches the neighbouring word over it;
        the filler pass, which wrote the "um", times its neighbours around it, so the
        voicing check (coach.acoustics.reconcile_fillers) looks at both.
    """

    words: tuple[Word, ...]
    duration_s: float | None = None
    model: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    elapsed_s: float = 0.0
    coverage: float | None = None
    filler_pass_words: tuple[Word, ...] = ()

    @property
    def text(self) -> str:
        """The words as text, joined by coach.wording.join_words ("on-call", "4,000")."""
        return join_words(w.text for w in self.words)

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
    """A typed transcript: words without times ("30 %" typed apart is one word, as spoken)."""
    return Transcript(tuple(rejoin([Word(token, source="typed") for token in text.split()])))


def _glue(before: Word, after: Word) -> Word:
    """One word of two pieces: the text joined, the time of both, the lower probability
    of the pieces that hold letters or digits (an unsure "," does not make "um," unsure)."""
    spoken = any(c.isalnum() for c in after.text)
    return replace(
        before,
        text=before.text + after.text,
        end_s=after.end_s if after.end_s is not None else before.end_s,
        probability=min(before.probability, after.probability) if spoken else before.probability,
    )


def rejoin(words: Sequence[Word]) -> list[Word]:
    """Words Whisper split at a token boundary made one again, wherever the split fell
    (inside a segment, between segments, pieces or streamed chunks): each word that
    continues the one before it under coach.wording.attaches ("on" + "-call", "4" +
    ",000", "30" + "%", "did" + "n't") is glued to it."""
    out: list[Word] = []
    for word in words:
        if out and out[-1].source == word.source and attaches(out[-1].text, word.text):
            out[-1] = _glue(out[-1], word)
        else:
            out.append(word)
    return out


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
    """Collapse a decoding loop: a phrase of 2-3 words repeated MIN_LOOP_REPEATS times or
    more in a row, or of 4-10 words repeated MIN_LONG_LOOP_REPEATS times."""
    out = list(words)
    for size in range(2, 11):
        least = MIN_LOOP_REPEATS if size <= 3 else MIN_LONG_LOOP_REPEATS
        i = 0
        while i + size * least <= len(out):
            gram = [w.norm for w in out[i : i + size]]
            repeats = 1
            while [w.norm for w in out[i + repeats * size : i + (repeats + 1) * size]] == gram:
                repeats += 1
            if repeats >= least and not all(g in FILLED_PAUSES for g in gram):
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


# Nobody says more than about 7 syllables a second; a run of words packed tighter than
# this into the end of a clip is text Whisper added where the audio ran out ("Thank you
# very much for watching and I'll see you in the next video." in 0.3 s on a LibriSpeech
# sentence that ends at the clip's end).
MAX_WORDS_PER_S = 8.0
MIN_PACKED_WORDS = 4


def _drop_packed_tail(words: list[Word]) -> list[Word]:
    """Drop a closing run of at least MIN_PACKED_WORDS words whose onsets follow each other
    faster than MAX_WORDS_PER_S."""
    if len(words) < MIN_PACKED_WORDS or words[-1].start_s is None:
        return words
    first = len(words) - 1
    while (
        first > 0 and (words[first].start_s or 0.0) - (words[first - 1].start_s or 0.0) < 1 / MAX_WORDS_PER_S
    ):
        first -= 1
    if sum(1 for w in words[first:] if w.norm not in FILLED_PAUSES) >= MIN_PACKED_WORDS:
        log.debug("dropped %d words packed into the end", len(words) - first)
        return words[:first]
    return words


def clean_words(words: list[Word], options: TranscribeOptions, prompt: str | None = None) -> list[Word]:
    """The hallucination guard, applied to raw Whisper words of one pass."""
    words = _drop_packed_tail(words)
    words = _drop_unsure_fillers(words, options.min_filler_probability)
    words = _drop_prompt_leak(words, prompt)
    words = _drop_hotword_leak(words, options.hotwords)
    words = _drop_loops(words)
    return _drop_outro(words)


# A word this far from any voice has nothing under it: Whisper's word times are off by a
# few hundred milliseconds at most around pauses (measured on the timed references of
# ../shared/speech), so 0.3 s keeps every real word and drops text over silence.
VOICE_MARGIN_S = 0.3
# Speech within this distance of a word counts as covered by it (half a typical gap).
COVER_MARGIN_S = 0.3
# A stretch of speech at least this long with no word near it is decoded again.
MIN_UNCOVERED_S = 1.0
REDECODE_PAD_S = 0.3
MAX_COVER_REPAIRS = 2
# Whisper decodes 30 s windows and its prompt plus output may not exceed 448 tokens; the
# prompt takes at most 223 of them (faster-whisper halves the context for it).
WINDOW_S = 30.0
MAX_NEW_TOKENS = 220
# Speech is decoded in pieces of at most this long, cut in the middle of pauses, one
# Whisper window each. Left to itself, Whisper seeks by its own segment timestamps and
# often opens an extra window for the last half second of a clip: a whole encoder pass
# and a decode for nothing, or for an invented "." (seen on phone_call_30s.wav).
MAX_PIECE_S = 28.0
# A segment ending this close to the end of the speech in its span ends the decode.
END_SLACK_S = 0.2
# A word said in longer than this is Whisper's sign that it skipped speech: its alignment
# stretches the last word it wrote over the audio it left out (on a LibriSpeech sentence,
# "the" ran 5.2-12.0 s and the six seconds after it were lost).
MAX_WORD_S = 2.0
MAX_SKIP_REPAIRS = 2
# A filler from the filler pass this close to a filler already present is the same one.
SAME_FILLER_WITHIN_S = 0.3


def merge_spans(spans: list[Span], gap_s: float = 0.0) -> list[Span]:
    """Spans (seconds) in order, those closer than gap_s joined into one."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start - merged[-1][1] <= gap_s:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _overlaps(a0: float, a1: float, spans: list[Span]) -> bool:
    return any(s0 < a1 and a0 < s1 for s0, s1 in spans)


def keep_voiced(words: list[Word], voice: list[Span], margin_s: float = VOICE_MARGIN_S) -> list[Word]:
    """Drop words with no voice under them: no span of `voice` (seconds) within margin_s."""
    kept = []
    for w in words:
        start, end = w.start_s or 0.0, w.end_s or 0.0
        if _overlaps(start - margin_s, end + margin_s, voice):
            kept.append(w)
        else:
            log.debug("dropped %r at %.2f s: no voice under it", w.text, start)
    return kept


def uncovered(speech: list[Span], words: list[Word], margin_s: float = COVER_MARGIN_S) -> list[Span]:
    """Stretches of speech (seconds) farther than margin_s from every word."""
    cover = merge_spans([((w.start_s or 0.0) - margin_s, (w.end_s or 0.0) + margin_s) for w in words])
    out: list[Span] = []
    for start, end in speech:
        cursor = start
        for c0, c1 in cover:
            if c1 <= cursor or c0 >= end:
                continue
            if c0 > cursor:
                out.append((cursor, c0))
            cursor = max(cursor, c1)
        if cursor < end:
            out.append((cursor, end))
    return out


def speech_coverage(speech: list[Span], words: list[Word], margin_s: float = COVER_MARGIN_S) -> float | None:
    """The share of speech time within margin_s of a word; None when there is no speech."""
    total = sum(end - start for start, end in speech)
    if total <= 0:
        return None
    missing = sum(end - start for start, end in uncovered(speech, words, margin_s))
    return round(1.0 - missing / total, 4)


def merge_fillers(
    words: list[Word], fillers: list[Word], within_s: float = SAME_FILLER_WITHIN_S
) -> list[Word]:
    """Add the filled pauses of the filler pass where the word pass has none nearby."""
    present = [w for w in words if w.norm in FILLED_PAUSES]
    out = list(words)
    for f in fillers:
        start, end = f.start_s or 0.0, f.end_s or 0.0
        if any(
            (p.start_s or 0.0) - within_s <= end and start <= (p.end_s or 0.0) + within_s for p in present
        ):
            continue
        out.append(f)
        present.append(f)
    return sorted(out, key=lambda w: (w.start_s or 0.0, w.end_s or 0.0))


@dataclass(frozen=True)
class PassPlan:
    """How much work one transcription may do (the live path lowers it when behind).

    beam_size / temperatures: None means the options' own.
    filler_pass: run the second, prompted pass for filled pauses.
    repairs: decode again where Whisper skipped speech or left speech without words (each
        repair is another encoder pass, about 0.4 s on one thread).
    """

    beam_size: int | None = None
    temperatures: tuple[float, ...] | None = None
    filler_pass: bool = True
    repairs: bool = True


def pieces(speech: list[Span], pad_s: float, max_s: float = MAX_PIECE_S) -> list[Span]:
    """Group speech segments (seconds) into spans of at most max_s, each padded by pad_s
    and cut at the middle of the pause between segments; a segment longer than max_s
    (no pause at all) is cut every max_s."""
    out: list[Span] = []
    for start, end in speech:
        while end - start > max_s:  # no pause to cut at
            out.append((start, start + max_s))
            start += max_s
        if out and end - out[-1][0] <= max_s - 2 * pad_s:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    padded: list[Span] = []
    for i, (start, end) in enumerate(out):
        before = out[i - 1][1] if i else None
        after = out[i + 1][0] if i + 1 < len(out) else None
        low = start - pad_s if before is None else max(start - pad_s, (before + start) / 2)
        high = end + pad_s if after is None else min(end + pad_s, (end + after) / 2)
        padded.append((low, high))
    return padded


def decode_piece(
    model: WhisperModel,
    audio: Audio,
    span: Span,
    speech_end_s: float,
    options: TranscribeOptions,
    plan: PassPlan | None = None,
    prompt: str | None = None,
) -> list[Word]:
    """Decode one piece; where Whisper skipped speech (a word longer than MAX_WORD_S),
    decode again from that word on, at most MAX_SKIP_REPAIRS times, and keep the
    second reading when it has more words there."""
    words = decode(model, audio, span, options, prompt=prompt, plan=plan, speech_end_s=speech_end_s)
    for _ in range(MAX_SKIP_REPAIRS if plan is None or plan.repairs else 0):
        stretched = next(
            (
                w
                for w in words
                if w.norm not in FILLED_PAUSES and (w.end_s or 0.0) - (w.start_s or 0.0) > MAX_WORD_S
            ),
            None,
        )
        if stretched is None or span[1] - (stretched.start_s or 0.0) < MIN_UNCOVERED_S:
            break
        cut = stretched.start_s or 0.0
        log.debug("a word stretched over %.2f-%.2f s: decoding again from there", cut, stretched.end_s or 0.0)
        again = decode(
            model, audio, (cut, span[1]), options, prompt=prompt, plan=plan, speech_end_s=speech_end_s
        )
        before = [w for w in words if (w.start_s or 0.0) < cut]
        if len(again) <= len(words) - len(before):
            break
        words = before + again
    return words


def _speech_end(speech: list[Span], span: Span) -> float:
    """Where the last speech inside `span` ends (seconds)."""
    inside = [min(end, span[1]) for start, end in speech if start < span[1] and end > span[0]]
    return max(inside) if inside else span[1]


def decode(
    model: WhisperModel,
    audio: Audio,
    span: Span,
    options: TranscribeOptions,
    *,
    prompt: str | None = None,
    plan: PassPlan | None = None,
    speech_end_s: float | None = None,
) -> list[Word]:
    """One Whisper pass over `span` (seconds, at most one 30 s window: see `pieces`) of the
    audio: words with times in the recording's clock. Bounded: the fallback schedule of `temperatures`, no fallback on a
    low log-probability, no skipping on Whisper's own no-speech guess (the voice activity
    detector decides where speech is), and at most options.max_tokens_per_s tokens per
    second of each 30 s window."""
    rate = audio.sample_rate_hz
    first, last = max(0, int(span[0] * rate)), min(len(audio.samples), int(span[1] * rate))
    if last - first < int(0.1 * rate):
        return []
    clip_s = (last - first) / rate
    max_new = min(MAX_NEW_TOKENS, int(options.max_tokens_per_s * min(clip_s, WINDOW_S)) + 16)
    started = time.perf_counter()
    segments, _info = model.transcribe(
        audio.samples[first:last],
        language="en",
        beam_size=(plan and plan.beam_size) or options.beam_size,
        word_timestamps=True,
        initial_prompt=prompt,
        hotwords=options.hotwords,
        condition_on_previous_text=False,
        without_timestamps=False,  # with timestamp tokens: 0.17 against 0.20 word error rate on ../shared/speech
        vad_filter=False,
        temperature=list((plan and plan.temperatures) or options.temperatures),
        log_prob_threshold=None,
        no_speech_threshold=None,
        max_new_tokens=max_new,
    )
    offset_s = first / rate
    raw: list[Word] = []
    temperatures_used: set[float] = set()
    speech_end_s = (speech_end_s if speech_end_s is not None else span[1]) - offset_s
    for segment in segments:
        temperatures_used.add(float(segment.temperature or 0.0))
        for n, w in enumerate(segment.words or []):
            if not w.word.strip():
                continue
            word = Word(
                w.word.strip(),
                round(float(w.start) + offset_s, 3),
                round(float(w.end) + offset_s, 3),
                round(float(w.probability), 3),
            )
            if raw and ((n and not w.word[:1].isspace()) or attaches(raw[-1].text, word.text)):
                # the rest of the word before, which faster-whisper splits at the token
                # boundary: with no space ("D" + "'Artagnan"), or in a shape that always
                # continues a word ("on" + " -call", "4" + " ,000", "30" + " %")
                word = _glue(raw.pop(), word)
            raw.append(word)
        if float(segment.end) >= speech_end_s - END_SLACK_S:
            # the speech is all decoded: asking for more would open another window for the
            # silence after it (faster-whisper decodes lazily, window by window)
            break
    log.debug(
        "decoded %.2f-%.2f s (%s) in %.2f s at temperatures %s",
        span[0],
        span[1],
        "filler pass" if prompt else "word pass",
        time.perf_counter() - started,
        sorted(temperatures_used),
    )
    return clean_words(raw, options, prompt)


def transcribe(
    model: WhisperModel,
    audio: Audio,
    options: TranscribeOptions,
    model_name: str = "",
    acoustics: Acoustics | None = None,
    plan: PassPlan | None = None,
    on_words: Callable[[list[Word]], None] | None = None,
) -> Transcript:
    """Transcribe a recording with word timestamps (see the module docstring).

    acoustics: speech segments and voiced stretches of this same audio (coach.acoustics
    .measure); measured here when not given. Times are seconds from the audio's start.
    on_words: called with the first pass's words as soon as they are decoded, before the
    repairs and the filler pass (the live counts show them meanwhile).
    """
    import ctranslate2

    from coach.acoustics import measure

    started = time.perf_counter()
    plan = plan or PassPlan()
    # Whisper falls back to sampling when a window decodes as a loop; a fixed seed makes
    # those retries, and so every measurement, repeatable.
    ctranslate2.set_random_seed(options.seed)
    acoustics = acoustics or measure(audio)
    speech = [(a, b) for a, b in acoustics.speech]
    voice = merge_spans(speech + [(v.start_s, v.end_s) for v in acoustics.voiced])
    found = speech  # Praat finds voice in music and hums too; only speech is decoded
    words: list[Word] = []
    prompted_lexical: list[Word] = []
    if found:
        spans = pieces(found, options.speech_pad_s)
        ends = [_speech_end(found, span) for span in spans]

        def each_piece(prompt: str | None = None) -> list[Word]:
            return [
                w
                for span, end in zip(spans, ends, strict=True)
                for w in decode_piece(model, audio, span, end, options, plan, prompt)
            ]

        words = keep_voiced(each_piece(), voice)
        if on_words is not None:
            on_words(rejoin(words))
        gaps = (
            [(a, b) for a, b in uncovered(speech, words) if b - a >= MIN_UNCOVERED_S] if plan.repairs else []
        )
        # the longest first, and only a few: on meeting audio, crosstalk nobody will be
        # coached on leaves many such stretches, and each costs an encoder pass
        for start, end in sorted(gaps, key=lambda g: g[0] - g[1])[:MAX_COVER_REPAIRS]:
            log.debug("speech at %.2f-%.2f s has no words; decoding it on its own", start, end)
            extra = decode(
                model,
                audio,
                (start - REDECODE_PAD_S, end + REDECODE_PAD_S),
                options,
                plan=plan,
                speech_end_s=end,
            )
            taken = [(o.start_s or 0.0, o.end_s or 0.0) for o in words]
            words += [
                w for w in keep_voiced(extra, voice) if not _overlaps(w.start_s or 0.0, w.end_s or 0.0, taken)
            ]
        words.sort(key=lambda w: (w.start_s or 0.0, w.end_s or 0.0))
        words = rejoin(words)  # a word split where two pieces or a repair meet
        prompted = each_piece(options.filler_prompt) if plan.filler_pass and options.filler_prompt else []
        words = merge_fillers(words, [w for w in prompted if w.norm in FILLED_PAUSES])
        prompted_lexical = [w for w in prompted if w.norm not in FILLED_PAUSES]
    option_record = {
        k: (str(v) if v is not None and k == "model_dir" else v) for k, v in asdict(options).items()
    }
    if plan != PassPlan():
        option_record["plan"] = asdict(plan)
    return Transcript(
        tuple(words),
        duration_s=round(audio.duration_s, 3),
        model=model_name,
        options=option_record,
        elapsed_s=round(time.perf_counter() - started, 3),
        coverage=speech_coverage(speech, words),
        filler_pass_words=tuple(prompted_lexical),
    )
