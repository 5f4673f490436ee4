"""The CLI as a user meets it: fresh processes, real models, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import soundfile as sf

from coach.config import LENGTH_POLICY
from coach.questions import custom_question_id
from tests.conftest import SPEECH_DIR, needs_speech, run_coach

HEAVY = ("faster_whisper", "ctranslate2", "spacy", "sounddevice", "av", "numpy", "onnxruntime")


def _one_line_error(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [
        line for line in proc.stderr.strip().splitlines() if line.startswith(("error:", "question bank:"))
    ]
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in proc.stderr.replace("\n", " ")


def test_help_does_not_import_heavy_libraries() -> None:
    code = f"import sys; sys.argv = ['coach', '--help']\nfrom coach.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "practice" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_questions_json_lists_the_bank() -> None:
    proc = run_coach("questions", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data) >= 40
    assert {"id", "category", "round", "kind", "key_points"} <= set(data[0])


def test_models_lists_the_bundled_model_as_active() -> None:
    data = json.loads(run_coach("models", "--json").stdout)
    active = [m for m in data["whisper"] if m["active"]]
    assert active and active[0]["name"] == "tiny.en" and active[0]["source"] == "bundled"
    assert data["spacy"]["degraded"] is False


def test_analyze_text_gives_structure_and_no_timing(tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(
        "Um, I'd go with canaries. The tradeoff is, like, slower deploys. We'd monitor errors and roll back."
    )
    proc = run_coach("analyze", "--text", str(answer), "--question", "cicd-deployment-reliability", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema"] == 1 and data["timing"] is None and data["audio"] is None
    assert data["question"]["id"] == "cicd-deployment-reliability"
    assert data["structure"]["recommendation_first"] is True and data["structure"]["tradeoffs"] is True
    assert [h["text"] for h in data["fillers"]["hits"]] == ["um", "like"]
    assert data["fillers"]["per_minute"] is None
    assert all(w["start_s"] is None for w in data["transcript"]["words"])


@needs_speech
def test_analyze_audio_json_contract(tmp_path: Path) -> None:
    # a resampled, stereo copy: any rate and channel count must work
    samples, rate = sf.read(str(SPEECH_DIR / "jfk" / "jfk.flac"), dtype="float32")
    samples = samples.mean(axis=1) if samples.ndim == 2 else samples
    stereo = tmp_path / "jfk-stereo.wav"
    sf.write(str(stereo), np.stack([samples, samples], axis=1), rate)
    proc = run_coach(
        "analyze", str(stereo), "--question", "Why do you want this role?", "--kind", "behavioral", "--json"
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) >= {
        "schema",
        "question",
        "audio",
        "transcript",
        "timing",
        "fillers",
        "structure",
        "star",
        "feedback",
    }
    assert data["question"] == {
        "id": custom_question_id("Why do you want this role?"),
        "text": "Why do you want this role?",
        "kind": "behavioral",
        "category": "custom",
        "source_bullet": None,
    }
    assert data["warnings"] == [] and data["resume"] is None
    assert data["audio"]["path"] == str(stereo) and 10.5 < data["audio"]["duration_s"] < 11.5
    assert "country" in data["transcript"]["text"]
    assert {"text", "start_s", "end_s"} <= set(data["transcript"]["words"][0])
    timing = data["timing"]
    assert set(timing) >= {
        "duration_s",
        "speaking_s",
        "wpm",
        "articulation_wpm",
        "first_word_s",
        "pauses",
        "verdict",
        "target_s",
    }
    assert timing["verdict"] == "short" and timing["target_s"] == list(LENGTH_POLICY.behavioral_s)
    assert data["structure"] is None
    assert set(data["star"]) >= {"situation", "task", "action", "result", "reflection", "i_we_ratio"}
    assert 1 <= len(data["feedback"]) <= 3 and {"message", "evidence", "at_s"} <= set(data["feedback"][0])


def test_demo_runs_the_whole_loop_with_clean_json_stdout() -> None:
    proc = run_coach("demo", "--no-speak", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)  # nothing else on stdout, e.g. pyttsx3's "Audio saved"
    assert Path(data["audio"]["path"]).is_file()
    assert "outage" in data["transcript"]["text"].lower()
    assert data["star"]["reflection"] is False and data["star"]["action"] is True
    assert any("learned" in tip["message"] for tip in data["feedback"])
    filled = [h for h in data["fillers"]["hits"] if h["kind"] == "filled_pause"]
    assert filled, data["fillers"]  # the sample answer's hesitations are heard
    assert all(tip["evidence"] for tip in data["feedback"])


def test_bad_files_get_one_line_errors(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.wav"
    corrupt.write_bytes(b"RIFF\x00\x00not really audio" * 10)
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    silent = tmp_path / "silent.wav"
    sf.write(str(silent), np.zeros(48_000, dtype="float32"), 48_000)
    _one_line_error(run_coach("analyze", str(tmp_path / "missing.wav")), "no such file")
    _one_line_error(run_coach("analyze", str(corrupt)), "not a readable audio file")
    _one_line_error(run_coach("analyze", str(empty)), "empty")
    _one_line_error(run_coach("analyze", str(silent)), "no speech found")


def test_unknown_question_and_malformed_bank(tmp_path: Path) -> None:
    _one_line_error(run_coach("practice", "--question", "no-such-id", "--no-speak"), "unknown question id")
    bank = tmp_path / "mine.toml"
    bank.write_text(
        '[[question]]\nid = "x"\ncategory = "c"\nkind = "technical"\ntext = "Why?"\nfollow_ups = "oops"\n'
    )
    _one_line_error(run_coach("questions", "--bank", str(bank)), f"{bank}:6", "follow_ups")


def test_no_input_device_suggests_doctor_and_analyze() -> None:
    proc = run_coach(
        "practice",
        "--no-speak",
        "-q",
        "cicd-deployment-reliability",
        env={"PULSE_SERVER": "unix:/nonexistent"},
    )
    _one_line_error(proc, "no input device", "coach doctor", "coach analyze FILE")


def test_malformed_probe_file_fails_before_any_session(coach_home: Path) -> None:
    (coach_home / "probes.toml").write_text('[[probe]]\nname = "Nomad"\nmatch = "nomad"\n')
    for command in (("questions",), ("tonight", "--no-speak"), ("mock", "--no-speak")):
        proc = run_coach(*command, stdin=subprocess.DEVNULL)
        _one_line_error(proc, "probes.toml:1:", "a probe needs")
