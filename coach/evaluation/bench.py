"""scripts/bench: the live path, measured. A long answer is played into the private
PulseAudio sink while `coach practice` records its monitor; the post-stop latency (from
the end of recording to complete feedback) is compared with batch transcription of the
same recording, in the same run."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from coach.audio import Audio, load_audio, write_wav
from coach.errors import CoachError
from coach.evaluation.metrics import align, normalize
from coach.evaluation.speech import read_manifest

DEFAULT_MANIFEST = Path(__file__).resolve().parents[2].parent / "shared" / "speech" / "MANIFEST.tsv"
GAP_S = 0.7
QUESTION = "cicd-deployment-reliability"


def long_answer(manifest: Path, target_s: float) -> tuple[Audio, str]:
    """Concatenate the manifest's clips (with short pauses) into one answer of target_s."""
    pieces, words, total = [], [], 0.0
    gap = np.zeros(int(GAP_S * 16_000), np.float32)
    entries = read_manifest(manifest)
    while total < target_s:
        for entry in entries:
            audio = load_audio(entry.path)
            pieces += [audio.samples, gap]
            words.append(entry.reference)
            total += audio.duration_s + GAP_S
            if total >= target_s:
                break
    return Audio(np.concatenate(pieces)), " ".join(words)


def _wait_for(proc: subprocess.Popen[str], text: str, timeout_s: float = 90) -> str:
    assert proc.stderr is not None
    seen, deadline = "", time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        seen += line
        if text in line:
            return seen
        if not line and proc.poll() is not None:
            break
    raise CoachError(f"coach practice never printed {text!r}: {seen[-400:]}")


def one_run(answer: Path, home: Path, silence_stop_s: float, speak: bool) -> dict[str, Any]:
    command = [sys.executable, "-m", "coach", "practice", "-q", QUESTION, "--json", "--no-probe",
               "--silence-stop-s", str(silence_stop_s), "--max-seconds", "400"]  # fmt: skip
    if not speak:
        command.append("--no-speak")
    env = {**os.environ, "COACH_HOME": str(home)}
    proc = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    _wait_for(proc, "Recording")
    subprocess.run(["paplay", str(answer)], check=True)
    audio_end = time.monotonic()
    stdout, stderr = proc.communicate(timeout=300)
    done = time.monotonic()
    if proc.returncode != 0:
        raise CoachError(f"coach practice failed: {stderr.strip()[-400:]}")
    data = json.loads(stdout)
    return {"data": data, "audio_end_to_exit_s": round(done - audio_end, 3)}


def batch_latency(recording: Path, question_id: str) -> tuple[float, str]:
    """Batch transcription and analysis of the same recording, models already loaded."""
    from coach.questions import find_question, load_bank
    from coach.session import Coach

    coach = Coach()
    coach.whisper()
    coach.nlp()
    question = find_question(load_bank(), question_id)
    started = time.perf_counter()
    result = coach.analyze_file(recording, question)
    return round(time.perf_counter() - started, 3), result.analysis.transcript.text


def cold_help_s(runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "coach", "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    parser.add_argument("--audio", type=Path, help="play this WAV as the answer instead of the built one")
    parser.add_argument(
        "--manifest", type=Path, default=DEFAULT_MANIFEST, help="clips to build the answer from"
    )
    parser.add_argument("--seconds", type=float, default=90.0, help="length of the built answer")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--silence-stop-s", type=float, default=2.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp:
            reference = ""
            if args.audio:
                answer = args.audio
                duration_s = load_audio(answer).duration_s
            else:
                audio, reference = long_answer(args.manifest, args.seconds)
                answer = write_wav(Path(tmp) / "answer.wav", audio)
                duration_s = audio.duration_s
            runs = []
            for n in range(args.runs):
                run = one_run(answer, Path(tmp) / f"home{n}", args.silence_stop_s, speak=(n == 0))
                recording = Path(run["data"]["audio"]["path"])
                run["batch_s"], run["batch_text"] = batch_latency(recording, QUESTION)
                runs.append(run)
                print(
                    f"run {n + 1}: post-stop {run['data']['latency']['post_stop_s']:.2f} s, batch {run['batch_s']:.2f} s",
                    file=sys.stderr,
                )
            result = summarize(runs, duration_s, reference)
            result["help_s"] = cold_help_s()
    except CoachError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:26} {value}")
    return 0


def summarize(runs: list[dict[str, Any]], duration_s: float, reference: str) -> dict[str, Any]:
    latencies = [r["data"]["latency"] for r in runs]
    post_stop = statistics.median(lat["post_stop_s"] for lat in latencies)
    batch = statistics.median(r["batch_s"] for r in runs)
    result: dict[str, Any] = {
        "answer_s": round(duration_s, 1),
        "runs": len(runs),
        "post_stop_latency_s": round(post_stop, 3),
        "batch_latency_s": round(batch, 3),
        "ratio": round(post_stop / batch, 3) if batch else None,
        "rtf": round(statistics.median((lat["transcribe_busy_s"] or 0) for lat in latencies) / duration_s, 3),
        "overflows": max(lat["overflows"] for lat in latencies),
        "peak_rss_mb": max(lat["peak_rss_mb"] for lat in latencies),
        "chunks": latencies[0]["chunks"],
        "tail_s": statistics.median((lat.get("tail_s") or 0) for lat in latencies),
        "to_question_s": latencies[0]["to_question_s"],
    }
    if reference:
        ref = normalize(reference)
        result["wer_streaming"] = round(
            align(ref, normalize(runs[0]["data"]["transcript"]["text"])).errors / len(ref), 4
        )
        result["wer_batch"] = round(align(ref, normalize(runs[0]["batch_text"])).errors / len(ref), 4)
    return result


if __name__ == "__main__":
    sys.exit(main())
