"""Decoding audio files to 16 kHz mono float32, and writing WAV files."""

from __future__ import annotations

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


def load_audio(path: Path) -> Audio:
    """Decode any file PyAV reads (wav, flac, mp3, m4a, ...) at any rate or channel count."""
    if not path.exists():
        raise AudioFileError(f"{path}: no such file")
    if not path.is_file():
        raise AudioFileError(f"{path}: not a file")
    if path.stat().st_size == 0:
        raise AudioFileError(f"{path}: the file is empty")
    import av
    from faster_whisper.audio import decode_audio

    try:
        samples = decode_audio(str(path), sampling_rate=SAMPLE_RATE_HZ)
    except (av.error.FFmpegError, ValueError, IndexError, StopIteration, OSError) as exc:
        raise AudioFileError(f"{path}: not a readable audio file ({exc.__class__.__name__})") from None
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
