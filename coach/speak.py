"""Text to speech with pyttsx3 over espeak-ng, played through sounddevice.

pyttsx3's own playback on Linux shells out to aplay and returns early, so speech is
rendered to a WAV file first and played here. pyttsx3 also prints "Audio saved to ..."
on stdout from espeak's callback, which would corrupt --json output. The driver's `print`
is replaced by a hook that keeps stdout clean and also tells us when the file is complete,
since `runAndWait()` can return before the callback has written it.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import logging
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from coach.audio import Audio, Samples, load_audio
from coach.errors import DeviceError

log = logging.getLogger("coach")

CUE_FREQUENCY_HZ = 880.0
CUE_LENGTH_S = 0.18
WAV_HEADER_BYTES = 44


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Discard what is written to stdout meanwhile, from Python and C alike."""
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def _sentences(text: str) -> list[str]:
    """Split on sentence ends; pyttsx3 2.99 returns early on long texts, but not short ones."""
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return [p for p in parts if p.strip()]


_engines: list[Any] = []
_saved_paths: set[str] = set()
_saved_changed = threading.Condition()
_SAVED_PREFIX = "Audio saved to "
SAVE_WAIT_S = 5.0


def _driver_print(*args: object, **_kwargs: object) -> None:
    """Stands in for `print` inside pyttsx3's espeak driver: nothing reaches stdout, and a
    finished file is recorded."""
    text = " ".join(str(a) for a in args)
    if text.startswith(_SAVED_PREFIX):
        with _saved_changed:
            _saved_paths.add(text.removeprefix(_SAVED_PREFIX))
            _saved_changed.notify_all()
    else:
        log.debug("pyttsx3: %s", text)


def _engine() -> Any:
    """One pyttsx3 engine per process. pyttsx3 keeps engines in a weak cache while espeak's
    callback still points at them; a collected engine makes every later callback fail."""
    if not _engines:
        import pyttsx3
        import pyttsx3.drivers.espeak as espeak_driver

        espeak_driver.print = _driver_print
        _engines.append(pyttsx3.init())
        # let the engine go while the interpreter is whole; at teardown its __del__ fails noisily
        atexit.register(_engines.clear)
    return _engines[0]


def _pyttsx3_to_wav(text: str, path: Path, voice: str, rate_wpm: int) -> bool:
    with _quiet_stdout():
        engine = _engine()
        engine.setProperty("voice", voice)
        engine.setProperty("rate", rate_wpm)
        engine.save_to_file(text, str(path))
        engine.runAndWait()
        with _saved_changed:
            done = _saved_changed.wait_for(lambda: str(path) in _saved_paths, timeout=SAVE_WAIT_S)
            _saved_paths.discard(str(path))
    return done and path.is_file() and path.stat().st_size > WAV_HEADER_BYTES


def _espeak_to_wav(text: str, path: Path, voice: str, rate_wpm: int) -> bool:
    """The espeak-ng program itself, when the pyttsx3 driver drops an utterance."""
    command = ["espeak-ng", "-v", voice, "-s", str(rate_wpm), "-w", str(path), text]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return path.is_file() and path.stat().st_size > WAV_HEADER_BYTES


def synthesize(text: str, path: Path, *, voice: str = "en-us", rate_wpm: int = 165) -> Path:
    """Render text to one WAV file with pyttsx3 (espeak-ng), a sentence at a time."""
    import soundfile as sf

    pieces: list[Samples] = []
    rate_hz = 22_050
    with tempfile.TemporaryDirectory(prefix="coach-tts-") as tmp:
        for n, sentence in enumerate(_sentences(text)):
            part = Path(tmp) / f"{n}.wav"
            try:
                ok = _pyttsx3_to_wav(sentence, part, voice, rate_wpm)
            except (RuntimeError, OSError, ImportError, KeyError, ValueError) as exc:
                log.debug("pyttsx3 failed (%s); using espeak-ng directly", exc)
                ok = False
            if not ok:
                part.unlink(missing_ok=True)
                ok = _espeak_to_wav(sentence, part, voice, rate_wpm)
            if not ok:
                raise DeviceError("text to speech produced no audio; install espeak-ng, or use --no-speak")
            data, rate_hz = sf.read(str(part), dtype="float32")
            pieces.append(data)
    if not pieces:
        raise DeviceError("there was no text to speak")
    sf.write(str(path), np.concatenate(pieces), rate_hz, subtype="PCM_16")
    return path


def cue_tone(sample_rate_hz: int = 16_000) -> Samples:
    """A short beep with soft edges, played before recording starts."""
    t = np.arange(int(CUE_LENGTH_S * sample_rate_hz)) / sample_rate_hz
    tone = 0.3 * np.sin(2 * np.pi * CUE_FREQUENCY_HZ * t)
    ramp = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.02)
    return (tone * ramp).astype(np.float32)


# Playback runs a Python callback, which the models loading meanwhile can hold up: a
# buffer this long rides out such a stall where the default (tens of ms) runs dry.
PLAY_LATENCY_S = 0.3
END_PAD_S = 0.1  # silence after the sound, so the last real block is never the one cut short


def play(samples: Samples, sample_rate_hz: int, on_start: Callable[[], None] | None = None) -> None:
    """Play to the default output device and wait until it has finished. ALSA's own
    messages (an "underrun occurred" when playback is held up) go to the debug log, not
    the terminal (coach.alsa)."""
    from coach.alsa import quiet_alsa

    quiet_alsa()
    padded = np.concatenate([samples, np.zeros(int(END_PAD_S * sample_rate_hz), dtype=samples.dtype)])
    try:
        import sounddevice as sd

        sd.play(padded, samplerate=sample_rate_hz, blocking=False, latency=PLAY_LATENCY_S)
        if on_start is not None:
            on_start()
        sd.wait()
    except Exception as exc:  # PortAudio raises bare Exceptions for missing devices
        raise DeviceError(f"could not play audio ({exc}); use --no-speak to skip speech") from None


def say(
    text: str, *, voice: str = "en-us", rate_wpm: int = 165, on_start: Callable[[], None] | None = None
) -> None:
    """Speak text aloud and wait for it to finish."""
    with tempfile.TemporaryDirectory(prefix="coach-tts-") as tmp:
        path = synthesize(text, Path(tmp) / "speech.wav", voice=voice, rate_wpm=rate_wpm)
        audio = load_audio(path)
        play(audio.samples, audio.sample_rate_hz, on_start=on_start)


def speech_audio(text: str, *, voice: str = "en-us", rate_wpm: int = 165) -> Audio:
    """Synthesize text and decode it to 16 kHz mono, for demos and tests."""
    with tempfile.TemporaryDirectory(prefix="coach-tts-") as tmp:
        return load_audio(synthesize(text, Path(tmp) / "speech.wav", voice=voice, rate_wpm=rate_wpm))
