"""Transcribing while the candidate speaks.

The recorder hands every block to a StreamingTranscriber. Audio is cut at pauses, found
with the Silero VAD on the live stream, and each settled chunk is transcribed (and its
acoustics measured) by a background worker while recording goes on. When the answer
ends, only the tail since the last pause is left to do, so feedback comes within about
a second instead of after a full pass over the answer.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from coach.acoustics import Acoustics, VoicedStretch, measure
from coach.audio import Audio, Samples
from coach.config import SAMPLE_RATE_HZ, TranscribeOptions
from coach.memory import release_free_memory
from coach.transcribe import PassPlan, Transcript, Word, merge_spans, rejoin, speech_coverage, transcribe

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger("coach")

# What a chunk gets when the worker is behind: one greedy pass, no fallback, no filler pass
# (the acoustic detector still finds filled pauses from the audio).
CHEAP = PassPlan(beam_size=1, temperatures=(0.0,), filler_pass=False, repairs=False)


@dataclass(frozen=True)
class StreamOptions:
    """Where to cut the live audio.

    min_chunk_s: never cut a chunk shorter than this (each chunk costs an encoder pass per
        decoding pass).
    first_chunk_s: the first cut waits for this much audio.
    max_chunk_s: force a cut by this length, at the quietest point, if no pause came. The
        tail left after the stop is at most this long, plus the silence that ended it.
    min_pause_s: a silence at least this long is a place to cut. Meetings and quick
        talkers leave few pauses of half a second; 0.3 s keeps the tail short.
    check_every_s: how often to look for a pause in the pending audio.
    tail_beam_size / tail_full_s / tail_filler_s: how the tail, decoded after the stop
        while the candidate waits, is bounded (see `_tail_plan`). With one decoder thread a
        pass costs about 0.4 s for the encoder alone; the full plan (beam 5 and the filler
        pass) took 1.1 s after the stop on a 2 s clip and 2.2-3.6 s on 30 s meeting clips
        (scripts/bench --each), so by default the tail gets one greedy pass, and its filled
        pauses come from that pass and the acoustic detector.
    max_wait_s: a chunk that waited longer than this for the worker, or that has another
        chunk queued behind it, is decoded the cheap way (greedy, no fallback, no filler
        pass) so that the worker catches up; `finish` reports every such chunk. One
        second keeps the post-stop target (1.0 s median) within reach after a stall.
    """

    min_chunk_s: float = 5.0
    first_chunk_s: float = 5.0
    max_chunk_s: float = 10.0
    min_pause_s: float = 0.3
    check_every_s: float = 0.5
    tail_beam_size: int = 1
    tail_full_s: float = 0.0
    tail_filler_s: float = 0.0
    max_wait_s: float = 1.0


@dataclass
class _Result:
    words: list[Word] = field(default_factory=list)
    provisional: list[Word] = field(default_factory=list)  # the chunk in progress, first pass only
    speech: list[tuple[float, float]] = field(default_factory=list)
    voiced: list[VoicedStretch] = field(default_factory=list)
    chunks: int = 0
    busy_s: float = 0.0
    log: list[dict[str, Any]] = field(default_factory=list)


class StreamingTranscriber:
    """Feed it 16 kHz mono blocks with `add`; `finish` returns the stitched transcript."""

    def __init__(
        self,
        model: WhisperModel,
        options: TranscribeOptions,
        model_name: str = "",
        stream: StreamOptions | None = None,
    ) -> None:
        self.model, self.options, self.model_name = model, options, model_name
        self.stream = stream or StreamOptions()
        self._pending: list[Samples] = []
        self._pending_len = 0
        self._offset = 0  # samples already handed to the worker
        self._since_check = 0
        self._jobs: queue.Queue[tuple[int, Samples, PassPlan | None, float] | None] = queue.Queue()
        self._result = _Result()
        self._lock = threading.Lock()
        self._error: BaseException | None = None
        self._worker = threading.Thread(target=self._work, name="coach-stream", daemon=True)
        self._worker.start()

    # --- producer side (the recording loop) ---
    def add(self, block: Samples) -> None:
        self._pending.append(block.astype(np.float32, copy=False))
        self._pending_len += len(block)
        self._since_check += len(block)
        if self._since_check >= self.stream.check_every_s * SAMPLE_RATE_HZ:
            self._since_check = 0
            self._maybe_cut()

    def _maybe_cut(self) -> None:
        rate = SAMPLE_RATE_HZ
        shortest_s = self.stream.first_chunk_s if self._offset == 0 else self.stream.min_chunk_s
        if self._pending_len < shortest_s * rate:
            return
        audio = np.concatenate(self._pending)
        cut = self._pause_cut(audio)
        if cut is None and len(audio) >= self.stream.max_chunk_s * rate:
            cut = self._quietest_cut(audio)
        if cut is None:
            return
        self._submit(audio[:cut])
        rest = audio[cut:]
        self._pending, self._pending_len = ([rest] if len(rest) else []), len(rest)

    def _pause_cut(self, audio: Samples) -> int | None:
        """The middle of the last pause that leaves a chunk of at least min_chunk_s."""
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        vad = VadOptions(min_silence_duration_ms=int(self.stream.min_pause_s * 1000), speech_pad_ms=30)
        segments = get_speech_timestamps(audio, vad)
        if not segments:
            return None
        gaps = [(segments[i]["end"], segments[i + 1]["start"]) for i in range(len(segments) - 1)]
        # the silence after the last speech counts too, once it is long enough
        if len(audio) - segments[-1]["end"] >= self.stream.min_pause_s * SAMPLE_RATE_HZ:
            gaps.append((segments[-1]["end"], len(audio)))
        shortest_s = self.stream.first_chunk_s if self._offset == 0 else self.stream.min_chunk_s
        usable = [(a + b) // 2 for a, b in gaps if (a + b) // 2 >= shortest_s * SAMPLE_RATE_HZ]
        return int(usable[-1]) if usable else None

    def _speech_s(self, audio: Samples) -> float:
        """Seconds of speech the VAD hears in `audio`."""
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        spans = get_speech_timestamps(audio, VadOptions(speech_pad_ms=30))
        return float(sum(t["end"] - t["start"] for t in spans)) / SAMPLE_RATE_HZ

    def _tail_plan(self, speech_s: float) -> PassPlan | None:
        """What the tail gets, decoded while the candidate waits: all of it when there is
        little speech in it; beyond tail_full_s of speech, one greedy pass without fallback,
        plus the filler pass up to tail_filler_s (past that, the acoustic detector alone
        finds its filled pauses)."""
        if speech_s <= self.stream.tail_full_s:
            return None
        greedy = PassPlan(beam_size=self.stream.tail_beam_size, temperatures=(0.0,), repairs=False)
        return greedy if speech_s <= self.stream.tail_filler_s else replace(greedy, filler_pass=False)

    def _quietest_cut(self, audio: Samples) -> int:
        frame = SAMPLE_RATE_HZ // 50
        start = int(self.stream.min_chunk_s * SAMPLE_RATE_HZ)
        frames = (len(audio) - start) // frame
        energy = [
            float(np.mean(np.square(audio[start + i * frame : start + (i + 1) * frame])))
            for i in range(frames)
        ]
        return start + int(np.argmin(energy)) * frame + frame // 2 if energy else len(audio)

    def _queued_jobs(self) -> int:
        """Chunks waiting behind the one the worker takes now (not the end marker)."""
        with self._jobs.mutex:
            return sum(1 for job in self._jobs.queue if job is not None)

    def _submit(self, chunk: Samples, plan: PassPlan | None = None) -> None:
        self._jobs.put((self._offset, chunk, plan, time.monotonic()))
        self._offset += len(chunk)

    # --- worker side ---
    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            offset, chunk, plan, submitted = job
            waited_s = time.monotonic() - submitted
            queued = self._queued_jobs()
            reason = None
            if waited_s > self.stream.max_wait_s or queued:
                reason = f"waited {waited_s:.1f} s, {queued} more queued"
                plan = CHEAP
            started = time.perf_counter()
            try:
                words = self._transcribe_chunk(offset, chunk, plan)
            except BaseException as exc:  # surfaced by finish()
                self._error = exc
                words = 0
            release_free_memory()  # the decoder's work buffers, before the next chunk
            busy_s = time.perf_counter() - started
            with self._lock:
                self._result.busy_s += busy_s
                self._result.chunks += 1
                self._result.log.append(
                    {
                        "start_s": round(offset / SAMPLE_RATE_HZ, 2),
                        "audio_s": round(len(chunk) / SAMPLE_RATE_HZ, 2),
                        "waited_s": round(waited_s, 3),
                        "busy_s": round(busy_s, 3),
                        "words": words,
                        "degraded": reason,
                    }
                )

    def _transcribe_chunk(self, offset: int, chunk: Samples, plan: PassPlan | None) -> int:
        shift_s = offset / SAMPLE_RATE_HZ
        audio = Audio(chunk)
        acoustics = measure(audio)

        def shifted(words: list[Word]) -> list[Word]:
            return [
                replace(
                    w, start_s=round((w.start_s or 0) + shift_s, 3), end_s=round((w.end_s or 0) + shift_s, 3)
                )
                for w in words
            ]

        def first_pass(words: list[Word]) -> None:
            with self._lock:
                self._result.provisional = shifted(words)

        if acoustics.speech or acoustics.voiced:
            decoded = transcribe(
                self.model, audio, self.options, self.model_name, acoustics, plan, on_words=first_pass
            )
            words = list(decoded.words)
        else:  # silence, a muted input's exact zeros: nothing to decode
            words = []
        with self._lock:
            self._result.provisional = []
            self._result.words += shifted(words)
            self._result.speech += [(a + shift_s, b + shift_s) for a, b in acoustics.speech]
            self._result.voiced += [
                replace(v, start_s=round(v.start_s + shift_s, 3), end_s=round(v.end_s + shift_s, 3))
                for v in acoustics.voiced
            ]
        return len(words)

    # --- the end ---
    def running_words(self) -> list[Word] | None:
        """The words decoded so far, in order, with the first pass of the chunk being
        decoded now; None until some of the answer has been decoded (before then the count
        is unknown, not zero)."""
        with self._lock:
            result = self._result
            if not result.chunks and not result.words and not result.provisional:
                return None
            return rejoin(sorted(result.words + result.provisional, key=lambda w: w.start_s or 0))

    def cancel(self) -> None:
        """Stop without a transcript: what is queued is dropped, and the chunk being decoded
        (if any) finishes in the background."""
        self._pending, self._pending_len = [], 0
        with self._jobs.mutex:
            self._jobs.queue.clear()
        self._jobs.put(None)

    def finish(self) -> tuple[Transcript, Acoustics, dict[str, Any]]:
        """Transcribe the tail, wait for the worker, and stitch everything together."""
        if self._pending_len:
            tail = np.concatenate(self._pending)
            self._pending, self._pending_len = [], 0
            speech_s = self._speech_s(tail)
            if speech_s > 0:
                self._submit(tail, self._tail_plan(speech_s))
            else:  # trailing silence: nothing to decode
                self._offset += len(tail)
        self._jobs.put(None)
        self._worker.join()
        if self._error is not None:
            raise self._error
        result = self._result
        duration_s = self._offset / SAMPLE_RATE_HZ
        words = rejoin(sorted(result.words, key=lambda w: w.start_s or 0))  # a word split at a cut
        speech = merge_spans(result.speech, gap_s=0.1)  # segments a chunk boundary split are one again
        transcript = Transcript(
            tuple(words),
            duration_s=round(duration_s, 3),
            model=self.model_name,
            options={**{k: v for k, v in vars(self.options).items() if k != "model_dir"}, "streaming": True},
            elapsed_s=round(result.busy_s, 3),
            coverage=speech_coverage(speech, words),
        )
        acoustics = Acoustics(
            duration_s, tuple(speech), tuple(sorted(result.voiced, key=lambda v: v.start_s))
        )
        degraded = [c for c in result.log if c["degraded"]]
        info = {
            "chunks": result.chunks,
            "busy_s": round(result.busy_s, 3),
            "degraded": bool(degraded),
            "degraded_chunks": [
                {"start_s": c["start_s"], "audio_s": c["audio_s"], "reason": c["degraded"]} for c in degraded
            ],
            "chunk_log": result.log,
        }
        return transcript, acoustics, info


def replay(
    model: WhisperModel, audio: Audio, options: TranscribeOptions, block_s: float = 0.05
) -> tuple[Transcript, Acoustics, dict[str, Any]]:
    """Feed a whole recording through the streaming path, as the recorder would."""
    streamer = StreamingTranscriber(model, options)
    block = int(block_s * SAMPLE_RATE_HZ)
    for start in range(0, len(audio.samples), block):
        streamer.add(audio.samples[start : start + block])
    return streamer.finish()
