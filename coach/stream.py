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
from coach.memory import release_free_memory, return_large_blocks
from coach.transcribe import Transcript, Word, transcribe

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger("coach")


@dataclass(frozen=True)
class StreamOptions:
    """Where to cut the live audio.

    min_chunk_s: never cut a chunk shorter than this (short chunks cost a full encoder pass).
    first_chunk_s: the first cut waits for this much audio, so a short answer is decoded
        in one pass with all its context, exactly as in batch.
    max_chunk_s: force a cut by this length, at the quietest point, if no pause came.
    min_pause_s: a silence at least this long is a place to cut.
    check_every_s: how often to look for a pause in the pending audio.
    overlap_s: each chunk can be decoded with this much of the audio before it (words in
        the overlap belong to the chunk before). Off by default: on a 90 s answer built
        from the shared recordings, 2 s and 4 s of overlap raised the word error rate.
    tail_beam_size: beam width for the tail decoded after the stop of a long answer.
    """

    min_chunk_s: float = 6.0
    first_chunk_s: float = 15.0
    max_chunk_s: float = 20.0
    min_pause_s: float = 0.5
    check_every_s: float = 0.5
    overlap_s: float = 0.0
    tail_beam_size: int = 1


@dataclass
class _Result:
    words: list[Word] = field(default_factory=list)
    speech: list[tuple[float, float]] = field(default_factory=list)
    voiced: list[VoicedStretch] = field(default_factory=list)
    chunks: int = 0
    busy_s: float = 0.0


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
        self._jobs: queue.Queue[tuple[int, Samples, Samples, TranscribeOptions] | None] = queue.Queue()
        self._previous: Samples = np.zeros(0, np.float32)
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

    def _has_speech(self, audio: Samples) -> bool:
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        return bool(get_speech_timestamps(audio, VadOptions(speech_pad_ms=30)))

    def _quietest_cut(self, audio: Samples) -> int:
        frame = SAMPLE_RATE_HZ // 50
        start = int(self.stream.min_chunk_s * SAMPLE_RATE_HZ)
        frames = (len(audio) - start) // frame
        energy = [
            float(np.mean(np.square(audio[start + i * frame : start + (i + 1) * frame])))
            for i in range(frames)
        ]
        return start + int(np.argmin(energy)) * frame + frame // 2 if energy else len(audio)

    def _submit(self, chunk: Samples, options: TranscribeOptions | None = None) -> None:
        context = (
            self._previous[-int(self.stream.overlap_s * SAMPLE_RATE_HZ) :]
            if self.stream.overlap_s
            else self._previous[:0]
        )
        self._jobs.put((self._offset, context, chunk, options or self.options))
        self._offset += len(chunk)
        self._previous = chunk

    # --- worker side ---
    def _work(self) -> None:
        first = True
        while True:
            job = self._jobs.get()
            if job is None:
                return
            if first:
                # from the first chunk on, large work buffers go back to the system when freed;
                # set any earlier, it slows the start of recording enough to lose audio
                return_large_blocks()
                first = False
            offset, context, chunk, options = job
            started = time.perf_counter()
            try:
                self._transcribe_chunk(offset, context, chunk, options)
            except BaseException as exc:  # surfaced by finish()
                self._error = exc
            release_free_memory()  # the decoder's work buffers, before the next chunk
            with self._lock:
                self._result.busy_s += time.perf_counter() - started
                self._result.chunks += 1

    def _transcribe_chunk(
        self, offset: int, context: Samples, chunk: Samples, options: TranscribeOptions
    ) -> None:
        shift_s = offset / SAMPLE_RATE_HZ
        context_s = len(context) / SAMPLE_RATE_HZ
        decoded = transcribe(self.model, Audio(np.concatenate([context, chunk])), options, self.model_name)
        # a word belongs to this chunk when its middle lies after the context
        words = [w for w in decoded.words if ((w.start_s or 0) + (w.end_s or 0)) / 2 >= context_s]
        acoustics = measure(Audio(chunk))
        move_s = shift_s - context_s
        with self._lock:
            self._result.words += [
                replace(
                    w, start_s=round((w.start_s or 0) + move_s, 3), end_s=round((w.end_s or 0) + move_s, 3)
                )
                for w in words
            ]
            self._result.speech += [(a + shift_s, b + shift_s) for a, b in acoustics.speech]
            self._result.voiced += [
                replace(v, start_s=round(v.start_s + shift_s, 3), end_s=round(v.end_s + shift_s, 3))
                for v in acoustics.voiced
            ]

    # --- the end ---
    def running_words(self) -> list[Word]:
        with self._lock:
            return list(self._result.words)

    def finish(self) -> tuple[Transcript, Acoustics, dict[str, Any]]:
        """Transcribe the tail, wait for the worker, and stitch everything together."""
        if self._pending_len:
            tail = np.concatenate(self._pending)
            self._pending, self._pending_len = [], 0
            if self._has_speech(tail):
                # the candidate is waiting now: after a long answer, decode the tail greedily
                # (one encoder pass and little more); a short answer is all tail, and gets
                # the full beam as in batch
                greedy = replace(self.options, beam_size=self.stream.tail_beam_size)
                self._submit(tail, greedy if self._offset else None)
            else:  # trailing silence: nothing to decode
                self._offset += len(tail)
        self._jobs.put(None)
        self._worker.join()
        if self._error is not None:
            raise self._error
        result = self._result
        duration_s = self._offset / SAMPLE_RATE_HZ
        transcript = Transcript(
            tuple(sorted(result.words, key=lambda w: w.start_s or 0)),
            duration_s=round(duration_s, 3),
            model=self.model_name,
            options={**{k: v for k, v in vars(self.options).items() if k != "model_dir"}, "streaming": True},
            elapsed_s=round(result.busy_s, 3),
        )
        acoustics = Acoustics(
            duration_s, tuple(_merge(result.speech)), tuple(sorted(result.voiced, key=lambda v: v.start_s))
        )
        return transcript, acoustics, {"chunks": result.chunks, "busy_s": round(result.busy_s, 3)}


def _merge(spans: list[tuple[float, float]], gap_s: float = 0.1) -> list[tuple[float, float]]:
    """Speech segments split by a chunk boundary are one segment again."""
    merged: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if merged and start - merged[-1][1] <= gap_s:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def replay(
    model: WhisperModel, audio: Audio, options: TranscribeOptions, block_s: float = 0.05
) -> tuple[Transcript, Acoustics, dict[str, Any]]:
    """Feed a whole recording through the streaming path, as the recorder would."""
    streamer = StreamingTranscriber(model, options)
    block = int(block_s * SAMPLE_RATE_HZ)
    for start in range(0, len(audio.samples), block):
        streamer.add(audio.samples[start : start + block])
    return streamer.finish()
