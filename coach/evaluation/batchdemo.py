"""scripts/batch-demo: `coach analyze DIR --jobs N` on many synthesized recordings, with
the workers' memory from their first file to their last (it should stay flat)."""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OPENERS = ["I would", "Um, I would", "So, first I would", "My recommendation is to", "Uh, I'd"]
ACTIONS = [
    "ship it behind a canary and roll back automatically when the error rate doubles",
    "put the state in Terraform with a remote backend and locking",
    "alert on the SLO burn rate instead of raw CPU",
    "spread the pods across three zones with a disruption budget",
    "cache the hot reads in Redis and watch the p99 latency",
]
TRADEOFFS = [
    "The tradeoff is a slower rollout, but the blast radius stays small.",
    "The downside is cost, which I would accept for the safety.",
    "It adds some complexity, you know, but it is worth it.",
    "",
]
VOICES = ["en-us", "en-gb"]


def synthesize_folder(folder: Path, count: int, seed: int = 0) -> None:
    import soundfile as sf

    from coach.speak import speech_audio

    rng = random.Random(seed)
    for n in range(count):
        text = f"{rng.choice(OPENERS)} {rng.choice(ACTIONS)}. {rng.choice(TRADEOFFS)}"
        audio = speech_audio(text, voice=rng.choice(VOICES), rate_wpm=rng.choice([150, 170, 190]))
        sf.write(str(folder / f"answer-{n:04d}.wav"), audio.samples, audio.sample_rate_hz, subtype="PCM_16")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/batch-demo", description=__doc__)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="coach-batch-") as tmp:
        folder = Path(tmp) / "answers"
        folder.mkdir()
        started = time.monotonic()
        synthesize_folder(folder, args.count)
        print(f"synthesized {args.count} recordings in {time.monotonic() - started:.0f} s", file=sys.stderr)
        env = {**os.environ, "COACH_HOME": str(Path(tmp) / "home")}
        command = [sys.executable, "-m", "coach", "analyze", str(folder), "--jobs", str(args.jobs), "--json",
                   "-q", "cicd-deployment-reliability"]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
            return 1
        summary = json.loads(done.stdout)
    print(f"analyzed            {summary['done']} ({summary['failed']} failed, {summary['skipped']} skipped)")
    print(f"audio               {summary['audio_s'] / 60:.1f} min in {summary['elapsed_s']:.0f} s "
          f"({summary['done'] / max(summary['elapsed_s'], 1e-9) * 60:.0f} files a minute, {args.jobs} workers)")  # fmt: skip
    for pid, first in summary["worker_rss_first_mb"].items():
        tenth, last = summary["worker_rss_tenth_mb"][pid], summary["worker_rss_last_mb"][pid]
        print(
            f"worker {pid:>7}      RSS after file 1 / 10 / last: {first:.0f} / {tenth:.0f} / {last:.0f} MB "
            f"(max {summary['worker_rss_max_mb'][pid]:.0f})"
        )
    print(f"mean score          {summary['mean_score']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
