"""Microphone to a WAV file and an array, with the stop rules and a live level.

The WAV is written block by block as audio arrives, and its header is brought up to date
every FLUSH_EVERY_S, so Ctrl-C, SIGTERM, `kill -9`, a vanished device or a full disk
loses at most the last block (coach.recovery repairs the header of a killed writer).
Recording stops on Enter (when stdin is a terminal), after `silence_stop_s` of silence
once speech has started, or at `max_answer_s`.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from coach import interrupts
from coach.audio import Audio, level_dbfs, resample
from coach.config import SAMPLE_RATE_HZ, RecordOptions
from coach.errors import DeviceError, DiskFullError, Interrupted, NoInputDeviceError
from coach.wording import reason as error_reason

log = logging.getLogger("coach")

StopReason = Literal["enter", "silence", "max_length"]
LevelCallback = Callable[[float, float, bool], None]
NO_DEVICE_HINT = "run `coach doctor`, plug in a microphone, or analyze a recording with `coach analyze FILE`"
FLUSH_EVERY_S = 1.0
DEVICE_STALL_S = 2.5  # no audio for this long from a running stream: the device is gone
DEVICE_START_S = 10.0  # a device that never starts delivering
# A recording stopped or interrupted before this much audio, with no block ever at speech
# level, holds no answer: it is deleted rather than kept for `coach recover`.
MIN_KEPT_S = 1.0


@dataclass(frozen=True)
class Recording:
    audio: Audio  # 16 kHz mono, whatever rate the device ran at
    path: Path
    stop_reason: StopReason
    device_rate_hz: int
    speech_detected: bool
    overflows: int = 0  # blocks PortAudio dropped because nobody read them in time
    stopped_at: float = 0.0  # time.monotonic() when recording stopped
    heard: bool = False  # some block reached speech level, even if too briefly to start


def default_input_device() -> dict[str, Any]:
    """The default input device's description; NoInputDeviceError when there is none."""
    try:
        import sounddevice as sd

        device: dict[str, Any] = sd.query_devices(kind="input")
    except Exception as exc:  # PortAudio reports a missing device as a bare error
        raise NoInputDeviceError(f"no input device found ({exc}): {NO_DEVICE_HINT}") from None
    if not device or device.get("max_input_channels", 0) < 1:
        raise NoInputDeviceError(f"no input device found: {NO_DEVICE_HINT}")
    return device


REPEAT_KEYS = frozenset({"r", "repeat", "again"})


@contextlib.contextmanager
def enter_stops(
    stop: threading.Event, again: threading.Event | None = None, poll_s: float = 0.1
) -> Iterator[None]:
    """While the block runs, Enter on a terminal sets `stop`; `r` then Enter also sets
    `again` (the person wants to hear the question again).

    The waiting thread polls stdin and ends with the block, so an Enter pressed during a
    later recording (the probe, the next mock question) stops that one, not a finished one.
    """
    if not sys.stdin or not sys.stdin.isatty():
        yield
        return
    done = threading.Event()

    def wait_for_enter() -> None:
        import select

        try:
            while not done.is_set():
                ready, _, _ = select.select([sys.stdin], [], [], poll_s)
                if ready:
                    line = sys.stdin.readline()
                    if again is not None and line.strip().lower() in REPEAT_KEYS:
                        again.set()
                    stop.set()
                    return
        except (OSError, ValueError):
            return

    waiter = threading.Thread(target=wait_for_enter, name="coach-enter", daemon=True)
    waiter.start()
    try:
        yield
    finally:
        done.set()
        waiter.join(timeout=1.0)


def _open_stream(rate_hz: int, block: int, callback: Callable[..., None]) -> Any:
    import sounddevice as sd

    from coach.alsa import quiet_alsa

    quiet_alsa()  # ALSA's "overrun occurred" stays off the screen; overflows are counted below
    return sd.InputStream(samplerate=rate_hz, channels=1, dtype="float32", blocksize=block, callback=callback)


def _short(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[-1][:160] if str(exc).strip() else type(exc).__name__


def discard(wav: Any, path: Path) -> None:
    """Close and delete a recording that holds no answer."""
    with contextlib.suppress(RuntimeError, OSError):
        wav.close()
    path.unlink(missing_ok=True)


def is_empty(recording: Recording) -> bool:
    """Stopped before any answer: shorter than MIN_KEPT_S and never at speech level."""
    return not recording.speech_detected and recording.audio.duration_s < MIN_KEPT_S and not recording.heard


def _flush_quietly(wav: Any) -> None:
    with contextlib.suppress(RuntimeError, OSError):  # a full disk: what was written stays
        wav.flush()


def record_answer(
    path: Path,
    options: RecordOptions | None = None,
    *,
    stop: threading.Event | None = None,
    on_level: LevelCallback | None = None,
    on_block: Callable[[np.ndarray[Any, Any]], None] | None = None,
    on_start: Callable[[], None] | None = None,
) -> Recording:
    """Record one answer into `path` (WAV) until a stop rule fires."""
    import soundfile as sf

    options = options or RecordOptions()
    stop = stop or threading.Event()
    device = default_input_device()
    blocks: queue.Queue[np.ndarray[Any, Any]] = queue.Queue()
    overflows = [0]

    def callback(indata: np.ndarray[Any, Any], _frames: int, _time: Any, status: Any) -> None:
        if status:
            if status.input_overflow:
                overflows[0] += 1
            log.debug("input status: %s", status)
        blocks.put(indata[:, 0].copy())

    rate_hz = options.sample_rate_hz
    try:
        stream = _open_stream(rate_hz, int(options.block_s * rate_hz), callback)
    except Exception as exc:
        fallback = int(device.get("default_samplerate") or 0)
        if not fallback or fallback == rate_hz:
            raise DeviceError(f"could not open the input device ({exc}): {NO_DEVICE_HINT}") from None
        log.info("device refused %d Hz; recording at %d Hz and resampling", rate_hz, fallback)
        rate_hz = fallback
        try:
            stream = _open_stream(rate_hz, int(options.block_s * rate_hz), callback)
        except Exception as exc2:
            raise DeviceError(f"could not open the input device ({exc2}): {NO_DEVICE_HINT}") from None

    path.parent.mkdir(parents=True, exist_ok=True)
    chunks: list[np.ndarray[Any, Any]] = []
    recorded = 0
    speech_s = 0.0
    silence_s = 0.0
    started = False
    heard = False  # any block at speech level, even too short to count as the answer starting
    reason: StopReason = "max_length"
    max_samples = int(options.max_answer_s * rate_hz)
    flushed = 0
    waited_s = 0.0

    def kept() -> str:
        return f"{recorded / rate_hz:.1f} s kept at {path}"

    try:
        wav = sf.SoundFile(str(path), "w", samplerate=rate_hz, channels=1, subtype="PCM_16")
    except (RuntimeError, OSError) as exc:
        raise DiskFullError(f"could not create {path} ({error_reason(exc)}); free some disk space") from None
    try:
        try:
            with interrupts.raising(), stream:  # Ctrl-C is caught below: what was heard is kept
                live = False
                while recorded < max_samples:
                    if stop.is_set():
                        reason = "enter"
                        break
                    try:
                        block = blocks.get(timeout=0.5)
                    except queue.Empty:
                        waited_s += 0.5
                        if waited_s >= (DEVICE_STALL_S if live else DEVICE_START_S) or not stream.active:
                            raise DeviceError(
                                f"the input device stopped delivering audio (unplugged?); {kept()}; "
                                "`coach recover` analyzes it"
                            ) from None
                        continue
                    waited_s = 0.0
                    if not live:
                        live = True
                        if on_start is not None:
                            on_start()  # only now, with audio arriving, is the microphone live
                    block = block[: max_samples - recorded]
                    try:
                        wav.write(block)
                        if recorded - flushed >= FLUSH_EVERY_S * rate_hz:
                            wav.flush()
                            flushed = recorded
                    except (RuntimeError, OSError) as exc:
                        raise DiskFullError(
                            f"could not write the recording ({_short(exc)}); is the disk full? {kept()}; "
                            "free some space and run `coach recover`"
                        ) from None
                    chunks.append(block)
                    recorded += len(block)
                    if on_block is not None:
                        on_block(block)
                    block_s = len(block) / rate_hz
                    dbfs = level_dbfs(block)
                    if dbfs >= options.speech_threshold_dbfs:
                        heard = True
                        speech_s += block_s
                        silence_s = 0.0
                        started = started or speech_s >= options.min_speech_s
                    else:
                        silence_s += block_s
                        if not started:
                            speech_s = 0.0
                    if on_level is not None:
                        on_level(recorded / rate_hz, dbfs, started)
                    if started and silence_s >= options.silence_stop_s:
                        reason = "silence"
                        break
        except KeyboardInterrupt:
            if not heard and recorded < MIN_KEPT_S * rate_hz:
                discard(wav, path)
                raise Interrupted("interrupted before you answered; nothing was recorded") from None
            with contextlib.suppress(RuntimeError, OSError):
                while not blocks.empty():  # what PortAudio captured but the loop had not read yet
                    block = blocks.get_nowait()
                    wav.write(block)
                    recorded += len(block)
                wav.flush()
            raise Interrupted(
                f"interrupted: {recorded / rate_hz:.1f} s of audio kept at {path} "
                "(`coach recover` analyzes it)"
            ) from None
        except (DeviceError, DiskFullError):
            _flush_quietly(wav)
            raise
        except Exception as exc:
            _flush_quietly(wav)
            raise DeviceError(f"recording failed ({_short(exc)}); {kept()}") from None
    finally:
        with contextlib.suppress(RuntimeError, OSError):  # closing rewrites the header
            wav.close()
    stopped_at = time.monotonic()
    samples = np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)
    return Recording(
        audio=Audio(resample(samples, rate_hz, SAMPLE_RATE_HZ)),
        path=path,
        stop_reason=reason,
        device_rate_hz=rate_hz,
        speech_detected=started,
        overflows=overflows[0],
        stopped_at=stopped_at,
        heard=heard,
    )
