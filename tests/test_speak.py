"""Text to speech: real pyttsx3 over espeak-ng, with stdout kept clean."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import tempfile
    from pathlib import Path
    import soundfile as sf
    from coach.speak import synthesize

    text = " ".join(f"Sentence number {n} is short." for n in range(12))
    with tempfile.TemporaryDirectory() as tmp:
        path = synthesize(text, Path(tmp) / "all.wav")
        info = sf.info(str(path))
    import sys
    print(f"{info.duration:.2f}", file=sys.stderr)
    """
)


def test_synthesis_writes_nothing_on_stdout_and_keeps_every_sentence() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    duration_s = float(proc.stderr.strip().splitlines()[-1])
    assert duration_s > 12 * 1.2  # twelve sentences of five words each, none dropped
