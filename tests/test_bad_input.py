"""Bad input of every kind: one clear line (or a clear warning), never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from coach.audio import resample
from coach.speak import speech_audio
from tests.conftest import run_coach

pytestmark = pytest.mark.faults
ANSWER = (
    "I would use a canary release for every deploy. The tradeoff is slower rollouts, but the blast radius "
    "stays small. We would watch error rates and roll back automatically."
)
GERMAN = (
    "Ich würde für jede Bereitstellung eine Kanarienversion verwenden. Der Nachteil ist eine langsamere "
    "Einführung, aber der Schaden bleibt klein. Wir würden die Fehlerquoten beobachten und automatisch zurückrollen."
)


@pytest.fixture(scope="module")
def speech() -> np.ndarray:  # type: ignore[type-arg]
    return speech_audio(ANSWER).samples


def _analyze(path: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_coach("analyze", str(path), "-q", "cicd-deployment-reliability", "--json", *extra, env=env)


def _one_line(proc: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert proc.returncode == 1, proc.stdout[-300:] + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def test_broken_audio_files(tmp_path: Path, speech: np.ndarray, fault_row: Callable[..., None]) -> None:  # type: ignore[type-arg]
    empty = tmp_path / "empty.wav"
    empty.touch()
    _one_line(_analyze(empty), "empty")
    header_only = tmp_path / "header.wav"
    sf.write(str(header_only), np.zeros(0, np.float32), 16_000)
    _one_line(_analyze(header_only))
    noise_bytes = tmp_path / "random.wav"
    noise_bytes.write_bytes(np.random.default_rng(0).bytes(50_000))
    _one_line(_analyze(noise_bytes), "not a readable audio file")
    _one_line(_analyze(tmp_path / "missing.wav"), "no such file")
    (tmp_path / "no-audio").mkdir()
    _one_line(_analyze(tmp_path / "no-audio"), "no recordings")  # a folder without any
    # an MP3 cut off half-way still holds its first half
    import av

    mp3 = tmp_path / "answer.mp3"
    with av.open(str(mp3), "w") as container:
        stream = container.add_stream("libmp3lame", rate=16_000, layout="mono")
        frame = av.AudioFrame.from_ndarray(
            (speech * 32767).astype(np.int16).reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = 16_000
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    truncated = tmp_path / "truncated.mp3"
    truncated.write_bytes(mp3.read_bytes()[: mp3.stat().st_size // 2])
    proc = _analyze(truncated)
    assert proc.returncode == 0, proc.stderr
    assert "canary" in json.loads(proc.stdout)["transcript"]["text"].lower()
    for case in (
        "empty file",
        "WAV header, no data",
        "random bytes named .wav",
        "missing file",
        "folder without audio",
    ):
        fault_row(f"audio: {case}", "coach analyze", "one line, exit 1")
    fault_row("audio: truncated MP3", "coach analyze on the first half", "analyzed what is there")


def test_odd_rates_and_channels_are_converted(
    tmp_path: Path, speech: np.ndarray, fault_row: Callable[..., None]
) -> None:  # type: ignore[type-arg]
    cases = {
        "8k.wav": (resample(speech, 16_000, 8_000), 8_000),
        "96k.wav": (resample(speech, 16_000, 96_000), 96_000),
        "six.wav": (np.tile(speech.reshape(-1, 1), (1, 6)) * 0.5, 16_000),
    }
    for name, (samples, rate) in cases.items():
        path = tmp_path / name
        sf.write(str(path), samples, rate, subtype="PCM_16")
        proc = _analyze(path)
        assert proc.returncode == 0, proc.stderr
        data = json.loads(proc.stdout)
        assert "canary" in data["transcript"]["text"].lower(), name
        assert data["warnings"] == []
        fault_row(f"audio: {name}", "coach analyze", "converted to 16 kHz mono and analyzed")


def test_a_two_hour_file_is_refused_without_decoding_it(
    tmp_path: Path, fault_row: Callable[..., None]
) -> None:
    path = tmp_path / "lecture.flac"
    with sf.SoundFile(str(path), "w", samplerate=16_000, channels=1, format="FLAC") as out:
        block = np.zeros(16_000 * 60, np.float32)
        for _ in range(120):
            out.write(block)
    line = _one_line(_analyze(path), "2 h 0 min long", "up to 20 min")
    assert "ffmpeg" in line
    fault_row("audio: 2 hours long", "coach analyze", "refused from the header, before decoding", "n/a")


def test_noise_music_other_languages_clipping_and_quiet_input(
    tmp_path: Path, speech: np.ndarray, fault_row: Callable[..., None]
) -> None:  # type: ignore[type-arg]
    rng = np.random.default_rng(1)
    noise = tmp_path / "noise.wav"
    sf.write(str(noise), (rng.standard_normal(16_000 * 8) * 0.2).astype(np.float32), 16_000)
    _one_line(_analyze(noise), "no speech")
    t = np.arange(16_000 * 10) / 16_000
    chords = sum(np.sin(2 * np.pi * f * t) for f in (220, 277, 330, 440)) * (
        0.5 + 0.5 * np.sign(np.sin(2 * np.pi * 2 * t))
    )
    music = tmp_path / "music.wav"
    sf.write(str(music), (chords / 8).astype(np.float32), 16_000)
    _one_line(_analyze(music), "no speech")

    german = tmp_path / "german.wav"
    sf.write(str(german), speech_audio(GERMAN, voice="de").samples, 16_000)
    # the English-only model writes next to nothing for German, or unsure English words
    proc = _analyze(german)
    if proc.returncode == 1:
        _one_line(proc, "English only")
    else:
        assert any("not sound like English" in w for w in json.loads(proc.stdout)["warnings"]), proc.stdout[
            -500:
        ]

    clipped = tmp_path / "clipped.wav"
    sf.write(str(clipped), np.clip(speech * 12, -1, 1), 16_000)
    proc = _analyze(clipped)
    assert proc.returncode == 0, proc.stderr
    assert any("clipping" in w for w in json.loads(proc.stdout)["warnings"])

    quiet = tmp_path / "quiet.wav"
    sf.write(str(quiet), speech * 0.02, 16_000)
    proc = _analyze(quiet)
    assert proc.returncode == 0, proc.stderr
    assert any("very quiet" in w for w in json.loads(proc.stdout)["warnings"])
    shown = run_coach("analyze", str(quiet), "-q", "cicd-deployment-reliability")
    assert "very quiet" in shown.stdout
    fault_row("audio: pure noise, music", "coach analyze", "one line: no speech found", "n/a")
    fault_row("audio: German speech", "coach analyze", "one line: heard voice, no English words", "n/a")
    fault_row("audio: clipping, very quiet", "coach analyze", "analyzed, with a level warning")


def test_bad_question_banks(tmp_path: Path, fault_row: Callable[..., None]) -> None:
    cases = {
        "invalid.toml": ("[[question]\nid = 'x'\n", "not valid TOML"),
        "missing.toml": ("[[question]]\nid = 'x-1'\n", "`text`"),
        "dupe.toml": ("[[question]]\nid = 'cicd-deployment-reliability'\ntext = 'Again?'\nkind = 'technical'\ncategory = 'cicd'\n", "duplicate"),
    }  # fmt: skip
    for name, (text, needle) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        line = _one_line(run_coach("questions", "--bank", str(path)), needle)
        assert line.startswith("question bank: ") and name in line
    huge = tmp_path / "huge.toml"
    huge.write_text("# padding\n" * 400_000)
    _one_line(run_coach("questions", "--bank", str(huge)), "too big")
    fault_row(
        "bank: bad TOML, missing key, duplicate id, 4 MB", "coach questions --bank", "one line with file:line"
    )


def test_bad_config(coach_home: Path, fault_row: Callable[..., None]) -> None:
    config = coach_home / "config.toml"
    for text, needle in (
        ("modle = 'x'\n", "unknown setting `modle`"),
        ("speech_rate_wpm = 'fast'\n", "`speech_rate_wpm` must be int"),
        ("target_s = 75\n", "`target_s` must be a list"),
        ("voice = \n", "not valid TOML"),
    ):
        config.write_text(text)
        _one_line(run_coach("analyze", "--text", str(config), "-q", "cicd-deployment-reliability"), needle)
    fault_row("config: unknown key, wrong types, bad TOML", "config.toml", "one line naming the setting")


def test_paths_without_permission_and_with_odd_names(
    tmp_path: Path, speech: np.ndarray, fault_row: Callable[..., None]
) -> None:  # type: ignore[type-arg]
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/answer-\xff\xfe.wav"))
    plain = tmp_path / "plain.wav"
    sf.write(str(plain), speech, 16_000)
    os.rename(plain, os.fsencode(odd))
    proc = _analyze(odd)
    assert proc.returncode == 0, proc.stderr
    assert "canary" in json.loads(proc.stdout)["transcript"]["text"].lower()
    locked = tmp_path / "locked.wav"
    shutil.copy(odd, locked)
    locked.chmod(0)
    home = tmp_path / "home-file"
    home.write_text("not a folder")
    _one_line(run_coach("history", env={"COACH_HOME": str(home / "sub")}), "set COACH_HOME")
    if os.geteuid() == 0:  # root reads anything: drop the capabilities that let it
        if shutil.which("setpriv") is None:
            pytest.skip("setpriv is needed to drop root's file capabilities")
        proc = subprocess.run(
            ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *_coach_argv(),
             "analyze", str(locked), "-q", "cicd-deployment-reliability"],
            capture_output=True, text=True, env=os.environ.copy(),
        )  # fmt: skip
    else:
        proc = _analyze(locked)
    _one_line(proc, "permission denied")
    fault_row(
        "paths: no permission, non-UTF-8 name, home is a file",
        "coach analyze / history",
        "one line each; odd names work",
    )


def _coach_argv() -> list[str]:
    import sys

    return [sys.executable, "-m", "coach"]


def test_missing_and_blank_arguments_get_one_line_each(tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER)
    for blank in ("", "   "):
        line = _one_line(run_coach("analyze", "--text", str(answer), "-q", blank), "--question is empty")
        assert "custom-" not in line
    assert run_coach("history", "--json").stdout.strip() == "[]"  # nothing was stored
    line = _one_line(run_coach("analyze"), "nothing to analyze", "AUDIO", "--text")
    assert "not both" not in line
    _one_line(run_coach("analyze", str(answer), "--text", str(answer)), "not both")
    _one_line(run_coach("show", "abc"), "attempt", "'abc'", "coach history")
    assert "valid integer" not in run_coach("show", "abc").stderr


def test_a_report_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER)
    stored = run_coach("analyze", "--text", str(answer), "-q", "cicd-deployment-reliability", "--json")
    attempt = str(json.loads(stored.stdout)["attempt_id"])
    missing = tmp_path / "nosuch" / "deeper"
    _one_line(run_coach("report", attempt, str(missing / "x.html")), str(missing), "not an existing folder")
    _one_line(run_coach("report", "--progress", str(missing / "p.html")), "not an existing folder")
    assert not (tmp_path / "nosuch").exists()  # no folder the user did not ask for
    written = run_coach("report", attempt, str(tmp_path / "x.html"))
    assert written.returncode == 0 and (tmp_path / "x.html").is_file(), written.stderr


def test_doctor_fails_on_a_voice_espeak_does_not_have(coach_home: Path) -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("needs espeak-ng")
    (coach_home / "config.toml").write_text('voice = "zz-nosuch"\n')
    proc = run_coach("doctor")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    flat = " ".join((proc.stdout + proc.stderr).split())
    assert "FAIL text to speech: voice zz-nosuch is not an espeak-ng voice" in flat, flat
    assert "espeak-ng --voices" in flat and "config.toml" in flat
    (coach_home / "config.toml").write_text('voice = "en-gb"\n')
    flat = " ".join(run_coach("doctor").stdout.split())
    assert "ok text to speech" in flat and "voice en-gb" in flat, flat
