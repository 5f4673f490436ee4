"""What the audio itself says, beyond the words: where speech is (Silero VAD, bundled in
faster-whisper) and where the voice is voiced, with its pitch (Praat, via parselmouth).

Whisper's word timestamps are loose around silences and its filled pauses ("um", "uh")
come with poor times, duplicated, or not at all. Speech segments give pauses and speaking
time to within a frame or two; voiced stretches that no word explains, with a steady
pitch, are the filled pauses Whisper dropped.

Candidates come from Praat's voicing, not from Silero: Silero scores a held "um" as
non-speech (in mfa_uhum.flac the filler at 5.1-5.9 s lies outside its segments even at a
threshold of 0.2), so gating candidates on it lost a true filler on the shared recordings.
A window of 0.15-1.0 s instead of 0.25-1.2 s found one more true filler and three false
ones there (`scripts/eval` prints each stage).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np

from coach.audio import Audio
from coach.transcribe import FILLED_PAUSES, Transcript, Word, speech_coverage

log = logging.getLogger("coach")

PITCH_FLOOR_HZ = 75.0
PITCH_CEILING_HZ = 500.0
PITCH_STEP_S = 0.01


@dataclass(frozen=True)
class AcousticOptions:
    """Thresholds for speech segments and filled-pause detection.

    vad_threshold: Silero speech probability above which a frame is speech.
    min_silence_s: silences shorter than this do not split speech segments.
    voiced_merge_gap_s: voiced runs closer than this are one stretch.
    filler_min_s / filler_max_s: a filled pause found from the audio alone lasts this long.
    filler_max_pitch_std_st: ...and holds its pitch this steadily (semitones).
    explained_overlap: a stretch overlapping words by this share is part of those words.
    match_distance_s: a Whisper filler this close to a voiced stretch belongs to it.
    keep_unmatched_probability: Whisper fillers left without a voiced stretch are kept
        only when Whisper is at least this sure of them.
    duplicate_within_s: a leftover filler this close to a kept one is the same filler,
        written twice by Whisper.
    add_dropped: report the filled pauses Whisper dropped (off only to measure their effect).
    filler_min_gap_s: ...and only when no word comes closer than this on either side. On
        real recordings (the development part of corpus/), 9 of the 10 stretches the
        detector added were the drawn-out end or start of a word Whisper's alignment had
        cut short, each within 0.15 s of that word; the true ones on ../shared/speech lie
        0.66 s and more from any word.
    """

    vad_threshold: float = 0.5
    min_silence_s: float = 0.25
    speech_pad_s: float = 0.03
    voiced_merge_gap_s: float = 0.06
    min_voiced_s: float = 0.08
    filler_min_s: float = 0.25
    filler_max_s: float = 1.2
    filler_max_pitch_std_st: float = 1.0
    explained_overlap: float = 0.5
    word_margin_s: float = 0.05
    match_distance_s: float = 0.6
    keep_unmatched_probability: float = 0.5
    duplicate_within_s: float = 0.15
    add_dropped: bool = True
    filler_min_gap_s: float = 0.2


@dataclass(frozen=True)
class VoicedStretch:
    start_s: float
    end_s: float
    pitch_std_st: float

    @property
    def length_s(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True)
class Acoustics:
    duration_s: float
    speech: tuple[tuple[float, float], ...]  # Silero speech segments, seconds
    voiced: tuple[VoicedStretch, ...]


def speech_segments(audio: Audio, options: AcousticOptions) -> list[tuple[float, float]]:
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    vad = VadOptions(
        threshold=options.vad_threshold,
        min_silence_duration_ms=int(options.min_silence_s * 1000),
        speech_pad_ms=int(options.speech_pad_s * 1000),
    )
    rate = audio.sample_rate_hz
    return [(t["start"] / rate, t["end"] / rate) for t in get_speech_timestamps(audio.samples, vad)]


def voiced_stretches(audio: Audio, options: AcousticOptions) -> list[VoicedStretch]:
    """Runs of voiced pitch frames, merged across tiny gaps, with their pitch spread."""
    import parselmouth

    if audio.duration_s < 0.1:
        return []
    sound = parselmouth.Sound(audio.samples.astype(np.float64), sampling_frequency=audio.sample_rate_hz)
    pitch = sound.to_pitch_ac(
        time_step=PITCH_STEP_S, pitch_floor=PITCH_FLOOR_HZ, pitch_ceiling=PITCH_CEILING_HZ
    )
    f0 = pitch.selected_array["frequency"]
    times = pitch.xs()
    runs: list[list[int]] = []
    for i in np.flatnonzero(f0 > 0):
        if runs and (times[i] - times[runs[-1][-1]]) <= options.voiced_merge_gap_s + PITCH_STEP_S:
            runs[-1].append(int(i))
        else:
            runs.append([int(i)])
    stretches = []
    for run in runs:
        start, end = times[run[0]] - PITCH_STEP_S / 2, times[run[-1]] + PITCH_STEP_S / 2
        if end - start < options.min_voiced_s:
            continue
        hz = f0[run]
        semitones = 12 * np.log2(hz / np.median(hz))
        # median absolute deviation, scaled to a standard deviation: octave errors of the
        # pitch tracker do not make a held vowel look unsteady
        spread = 1.4826 * float(np.median(np.abs(semitones - np.median(semitones))))
        stretches.append(VoicedStretch(round(float(start), 3), round(float(end), 3), round(spread, 2)))
    return stretches


def measure(audio: Audio, options: AcousticOptions | None = None) -> Acoustics:
    options = options or AcousticOptions()
    return Acoustics(
        duration_s=audio.duration_s,
        speech=tuple(speech_segments(audio, options)),
        voiced=tuple(voiced_stretches(audio, options)),
    )


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _distance(word: Word, stretch: VoicedStretch) -> float:
    start, end = word.start_s or 0.0, word.end_s or 0.0
    if _overlap(start, end, stretch.start_s, stretch.end_s) > 0 or stretch.start_s <= start <= stretch.end_s:
        return 0.0
    return min(abs(start - stretch.end_s), abs(stretch.start_s - end))


def _gap_to_words(stretch: VoicedStretch, words: list[Word]) -> float:
    """The smaller of the silences between the stretch and the words either side (inf
    where there is no word on a side)."""
    before = [stretch.start_s - (w.end_s or 0.0) for w in words if (w.end_s or 0.0) <= stretch.start_s + 0.05]
    after = [(w.start_s or 0.0) - stretch.end_s for w in words if (w.start_s or 0.0) >= stretch.end_s - 0.05]
    return min(min(before, default=float("inf")), min(after, default=float("inf")))


def reconcile_fillers(
    transcript: Transcript, acoustics: Acoustics, options: AcousticOptions | None = None
) -> Transcript:
    """Give each filled pause one voiced stretch: collapse Whisper's duplicates, drop the
    ones with no voice under them, and add the ones Whisper dropped (marked "acoustic")."""
    options = options or AcousticOptions()
    if not transcript.timed:
        return transcript
    lexical = [w for w in transcript.words if w.norm not in FILLED_PAUSES]
    fillers = [w for w in transcript.words if w.norm in FILLED_PAUSES]
    prompted = list(transcript.filler_pass_words)

    def explained(stretch: VoicedStretch, words: list[Word]) -> bool:
        covered = sum(
            _overlap(
                stretch.start_s,
                stretch.end_s,
                (w.start_s or 0) - options.word_margin_s,
                (w.end_s or 0) + options.word_margin_s,
            )
            for w in words
        )
        return covered >= options.explained_overlap * stretch.length_s

    short = [s for s in acoustics.voiced if s.length_s <= options.filler_max_s * 2]
    # a stretch can hold a filler Whisper wrote when either pass's other words leave it free;
    # a filler is added from the audio alone only where both passes leave it free
    candidates = [s for s in short if not explained(s, lexical) or (prompted and not explained(s, prompted))]
    free_in_both = {id(s) for s in candidates if not explained(s, lexical) and not explained(s, prompted)}
    # Pair Whisper fillers with candidate stretches, closest pairs first, one to one.
    pairs = sorted(
        ((_distance(w, s), i, j) for i, w in enumerate(fillers) for j, s in enumerate(candidates)),
        key=lambda p: p[0],
    )
    filler_to_stretch: dict[int, int] = {}
    used: set[int] = set()
    for distance, i, j in pairs:
        if distance > options.match_distance_s:
            break
        if i in filler_to_stretch or j in used:
            continue
        filler_to_stretch[i] = j
        used.add(j)
    kept: list[Word] = []
    for i, j in filler_to_stretch.items():
        stretch = candidates[j]
        kept.append(replace(fillers[i], start_s=stretch.start_s, end_s=stretch.end_s))
    leftovers = sorted(
        (w for i, w in enumerate(fillers) if i not in filler_to_stretch), key=lambda w: -w.probability
    )
    for word in leftovers:
        start, end = word.start_s or 0.0, word.end_s or 0.0
        duplicate = any(
            start - options.duplicate_within_s <= (k.end_s or 0.0)
            and (k.start_s or 0.0) <= end + options.duplicate_within_s
            for k in kept
        ) or any(
            start - options.duplicate_within_s <= (f.end_s or 0.0)
            and (f.start_s or 0.0) <= end + options.duplicate_within_s
            for i, f in enumerate(fillers)
            if i in filler_to_stretch
        )
        if duplicate:
            log.debug("dropped duplicate filler %r at %.2f s", word.text, start)
        elif word.probability >= options.keep_unmatched_probability:
            kept.append(word)
        else:
            log.debug("dropped filler %r at %.2f s: no voice under it", word.text, start)
    speech_start = lexical[0].start_s if lexical else None
    for j, stretch in enumerate(candidates):
        if not options.add_dropped:
            break
        if j in used or not options.filler_min_s <= stretch.length_s <= options.filler_max_s:
            continue
        if id(stretch) not in free_in_both:
            continue
        if stretch.pitch_std_st > options.filler_max_pitch_std_st:
            continue
        if speech_start is not None and stretch.end_s < speech_start - 1.0:
            continue  # before the answer: a cough, a hum while thinking is not a filler yet
        if _gap_to_words(stretch, lexical) < options.filler_min_gap_s:
            continue  # runs straight on from a word: that word's drawn-out end or start
        kept.append(Word("uh", stretch.start_s, stretch.end_s, 0.0, source="acoustic"))
    words = sorted(lexical + kept, key=lambda w: (w.start_s or 0.0, w.end_s or 0.0))
    return replace(transcript, words=tuple(words), coverage=speech_coverage(list(acoustics.speech), words))
