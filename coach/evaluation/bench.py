"""scripts/bench: the live path, measured.

Default: a long answer is played into the private PulseAudio sink while `coach practice`
records its monitor; the post-stop latency (from the end of recording to complete
feedback) is compared with batch transcription of the same recording, in the same run.

`--each`: every file of a manifest (or of its `--split`) is played, one after another,
into the sink while one process, models loaded once, runs the practice loop on it (the
same recorder, streaming worker and analysis as `coach practice`). Per file it reports
the post-stop latency, the worker's real-time factor (decoding time over recorded
time), overflows and any degraded chunk; the summary gives the median and the worst.

`--busy-cores N` keeps N cores busy with a spinning process throughout, as another
program on a laptop would.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from coach.audio import Audio, load_audio, write_wav
from coach.errors import CoachError
from coach.evaluation.metrics import align, normalize
from coach.evaluation.speech import read_manifest
from coach.session import QuietReporter

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


class _PlayOnStart(QuietReporter):
    """A quiet reporter that starts playing `path` into the sink once recording is live."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.player: subprocess.Popen[bytes] | None = None

    def recording(self, target_s: tuple[float, float], max_s: float) -> None:
        self.player = subprocess.Popen(["paplay", str(self.path)])


def _time_out(_signum: int, _frame: Any) -> None:
    raise TimeoutError("no result within a minute of the end of playback")


def each_file(manifest: Path, split: str | None, silence_stop_s: float) -> dict[str, Any]:
    """Play every file of the manifest through the live path; see the module docstring."""
    from coach.config import RecordOptions
    from coach.evaluation.speech import read_manifest
    from coach.questions import find_question, load_bank
    from coach.session import Coach

    entries = read_manifest(manifest, split)
    if not entries:
        raise CoachError(f"{manifest}: no audio to play" + (f" in split {split!r}" if split else ""))
    coach = Coach()
    coach.whisper()
    coach.nlp()
    question = find_question(load_bank(), QUESTION)
    files = []
    for n, entry in enumerate(entries, start=1):
        reporter = _PlayOnStart(entry.path)
        duration_s = load_audio(entry.path).duration_s
        row: dict[str, Any] = {"file": str(entry.path), "duration_s": round(duration_s, 2)}
        # a file too quiet for the recorder's speech threshold would otherwise record to the cap
        options = RecordOptions(silence_stop_s=silence_stop_s, max_answer_s=duration_s + silence_stop_s + 3)
        # a stuck device must not stall the whole corpus: the alarm interrupts this file only
        signal.signal(signal.SIGALRM, _time_out)
        signal.alarm(int(duration_s + silence_stop_s + 60))
        try:
            result = coach.practice(question, reporter, speak=False, record_options=options)
        except (CoachError, TimeoutError) as exc:
            row["error"] = str(exc) or type(exc).__name__
        else:
            latency = result.latency or {}
            recorded_s = result.audio_duration_s or 0.0
            row.update(
                {
                    "recorded_s": recorded_s,
                    "post_stop_s": latency.get("post_stop_s"),
                    "worker_rtf": round((latency.get("transcribe_busy_s") or 0.0) / max(recorded_s, 1e-9), 3),
                    "chunks": latency.get("chunks"),
                    "overflows": latency.get("overflows"),
                    "degraded": latency.get("degraded"),
                    "streaming": latency.get("streaming"),
                }
            )
        finally:
            signal.alarm(0)
            if reporter.player is not None:
                row["stopped_before_playback_ended"] = reporter.player.poll() is None
                reporter.player.wait()
        files.append(row)
        print(
            f"{n}/{len(entries)} {Path(row['file']).name}: post-stop {row.get('post_stop_s')} s, "
            f"worker RTF {row.get('worker_rtf')}",
            file=sys.stderr,
        )
    timed = [f for f in files if f.get("post_stop_s") is not None]
    post = [f["post_stop_s"] for f in timed]
    return {
        "manifest": str(manifest),
        "split": split,
        "files": len(files),
        "analyzed": len(timed),
        "post_stop_median_s": round(statistics.median(post), 3) if post else None,
        "post_stop_worst_s": max(post) if post else None,
        "worker_rtf_worst": max(f["worker_rtf"] for f in timed) if timed else None,
        "worker_rtf_median": round(statistics.median(f["worker_rtf"] for f in timed), 3) if timed else None,
        "overflows": sum(f["overflows"] or 0 for f in timed),
        "degraded_files": sum(1 for f in timed if f["degraded"]),
        "not_streamed": sum(1 for f in timed if not f["streaming"]),
        "stopped_early": sum(1 for f in files if f.get("stopped_before_playback_ended")),
        "errors": [f for f in files if "error" in f],
        "per_file": files,
    }


@contextlib.contextmanager
def busy_cores(count: int) -> Iterator[None]:
    """Keep `count` cores busy with spinning processes for the duration."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    parser.add_argument("--audio", type=Path, help="play this WAV as the answer instead of the built one")
    parser.add_argument(
        "--manifest", type=Path, default=DEFAULT_MANIFEST, help="clips to build the answer from"
    )
    parser.add_argument("--seconds", type=float, default=90.0, help="length of the built answer")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--each", action="store_true", help="play every file of --manifest through the live path"
    )
    parser.add_argument(
        "--split", choices=("dev", "test"), help="with --each: only this part of the manifest"
    )
    parser.add_argument("--busy-cores", type=int, default=0, help="keep this many cores busy while measuring")
    parser.add_argument("--silence-stop-s", type=float, default=2.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.each:
        try:
            with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp, busy_cores(args.busy_cores):
                os.environ["COACH_HOME"] = tmp
                result = each_file(args.manifest, args.split, args.silence_stop_s)
        except CoachError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        result["busy_cores"] = args.busy_cores
        if args.json:
            print(json.dumps(result, indent=2))
        else:
            for key, value in result.items():
                if key != "per_file":
                    print(f"{key:26} {value}")
        return 0
    try:
        with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp, busy_cores(args.busy_cores):
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
        # audio decoded after the stop in the first run: the last chunk, when the stop found
        # audio still pending (the chunk log holds the chunks in the order they were done)
        "tail_audio_s": (latencies[0].get("chunk_log") or [{"audio_s": 0.0}])[-1]["audio_s"],
        "tail_s": statistics.median((lat.get("tail_s") or 0) for lat in latencies),
        "to_question_s": latencies[0]["to_question_s"],
        "degraded_chunks": len(latencies[0].get("degraded_chunks") or []),
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
