"""Text to speech: real pyttsx3 over espeak-ng, with stdout kept clean."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import needs_pulse

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


LONG_QUESTION_BANK = '''
[[question]]
id = "spoken-long"
kind = "technical"
category = "spoken"
text = """Walk me through how you would move a busy payments service from one cloud region to
two, keeping every write safe, and tell me how you would roll it back if the second region
misbehaved during the first week, who you would tell, and what you would measure."""
'''
RUNS = 3


@needs_pulse
def test_reading_the_question_aloud_prints_no_alsa_underrun(tmp_path: Path) -> None:
    """The question is read aloud while the models load; a playback buffer that runs dry
    meanwhile made ALSA print "underrun occurred" into the interface (about every other
    run). Several runs through the real PulseAudio server: no ALSA line reaches the person,
    and coach's own error (no answer was given) still does."""
    from tests.terminal import Terminal

    bank = tmp_path / "spoken.toml"
    bank.write_text(LONG_QUESTION_BANK, encoding="utf-8")
    for _ in range(RUNS):
        terminal = Terminal(
            "practice", "--bank", str(bank), "--question", "spoken-long", "--max-seconds", "1", "--no-probe",
            columns=100,
        )  # fmt: skip
        try:
            terminal.expect("Recording", timeout_s=180)
            status = terminal.wait(timeout_s=180)
        finally:
            terminal.close()
        screen = terminal.screen()
        assert "underrun" not in screen.lower() and "ALSA lib" not in screen, screen
        assert status == 1 and "error:" in screen, screen  # coach's own one-line error still shows
