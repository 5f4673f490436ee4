"""Decoding audio files to 16 kHz mono float32, and writing WAV files."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from coach.config import SAMPLE_RATE_HZ
from coach.errors import AudioFileError

Samples = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Audio:
    """Mono float32 samples in [-1, 1] at `sample_rate_hz`."""

    samples: Samples
    sample_rate_hz: int = SAMPLE_RATE_HZ

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate_hz


MAX_FILE_S = 20 * 60  # one answer, with room to spare; 2 hours would need 460 MB decoded
CLIPPED_SHARE = 0.002  # of samples at full scale
QUIET_SPEECH_DBFS = -40.0  # the loud tenth of the recording, below which words get lost
FRAME_S = 0.03


def _duration_s(path: Path) -> float | None:
    """The length the container declares, without decoding it."""
    import av

    with path.open("rb") as handle, av.open(handle, mode="r") as container:
        if container.duration:
            return float(container.duration) / 1_000_000
        for stream in container.streams.audio:
            if stream.duration and stream.time_base:
                return float(stream.duration * stream.time_base)
    return None


def _minutes(seconds: float) -> str:
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Whatever goes wrong opening or decoding the file, as one AudioFileError."""
    import av

    try:
        yield
    except PermissionError:
        raise AudioFileError(f"{path}: permission denied; check the file's permissions") from None
    except (av.error.FFmpegError, ValueError, IndexError, StopIteration, OSError) as exc:
        raise AudioFileError(f"{path}: not a readable audio file ({exc.__class__.__name__})") from None


def load_audio(path: Path) -> Audio:
    """Decode any file PyAV reads (wav, flac, mp3, m4a, ...) at any rate or channel count."""
    from faster_whisper.audio import decode_audio

    with _reading(path):
        if not path.exists():
            raise AudioFileError(f"{path}: no such file")
        if not path.is_file():
            raise AudioFileError(f"{path}: not a file")
        if path.stat().st_size == 0:
            raise AudioFileError(f"{path}: the file is empty")
        declared_s = _duration_s(path)
    if declared_s is not None and declared_s > MAX_FILE_S:
        raise AudioFileError(
            f"{path}: {_minutes(declared_s)} long, and coach analyzes one answer of up to "
            f"{MAX_FILE_S // 60} min; cut the answer out first (e.g. `ffmpeg -ss 10:00 -t 120 -i IN OUT.wav`)"
        )
    # an open file rather than its name: any name the file system allows will do
    with _reading(path), path.open("rb") as handle:
        samples = decode_audio(handle, sampling_rate=SAMPLE_RATE_HZ)
    if samples.size == 0:
        raise AudioFileError(f"{path}: the file holds no audio samples")
    return Audio(np.ascontiguousarray(samples, dtype=np.float32))


def write_wav(path: Path, audio: Audio) -> Path:
    import soundfile as sf

    path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(str(path), audio.samples, audio.sample_rate_hz, subtype="PCM_16")
    return path


def level_dbfs(samples: Samples) -> float:
    """RMS level in dB relative to full scale; -120 for digital silence."""
    if samples.size == 0:
        return -120.0
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    return float(20.0 * np.log10(max(rms, 1e-6)))


def level_warnings(audio: Audio) -> list[str]:
    """What about the input level will cost accuracy: clipping, or speech too quiet."""
    samples = audio.samples
    if samples.size == 0:
        return []
    warnings = []
    clipped = float(np.mean(np.abs(samples) >= 0.99))
    if clipped >= CLIPPED_SHARE:
        warnings.append(
            f"the input is clipping ({clipped:.1%} of samples at full scale): lower the microphone gain "
            "or move back a little"
        )
    frame = int(FRAME_S * audio.sample_rate_hz)
    frames = samples[: len(samples) // frame * frame].reshape(-1, frame) if len(samples) >= frame else None
    if frames is not None:
        rms = np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1))
        loud = float(np.percentile(rms, 90))
        loud_dbfs = 20 * np.log10(max(loud, 1e-6))
        if -90 < loud_dbfs < QUIET_SPEECH_DBFS:
            warnings.append(
                f"the input is very quiet (speech peaks near {loud_dbfs:.0f} dBFS): move closer to the "
                "microphone or raise its gain; quiet words may be missed"
            )
    return warnings


def resample(samples: Samples, from_rate_hz: int, to_rate_hz: int = SAMPLE_RATE_HZ) -> Samples:
    """Resample mono float32 with PyAV's (libswresample's) resampler."""
    if from_rate_hz == to_rate_hz or samples.size == 0:
        return samples
    import av

    frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="flt", layout="mono")
    frame.sample_rate = from_rate_hz
    resampler = av.AudioResampler(format="flt", layout="mono", rate=to_rate_hz)
    chunks = [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
    chunks += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    return np.concatenate(chunks).astype(np.float32) if chunks else samples[:0]
