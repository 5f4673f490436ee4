"""Drive the real `coach` CLI in a pseudo-terminal, as a person at a keyboard would.

`Terminal` spawns `python -m coach …` under a pty (pexpect), so coach sees a real terminal:
rich draws its live display, Enter stops a recording, and Ctrl-C is the terminal's
interrupt character sent to the foreground process group. `screen()` is everything
printed so far with the ANSI control sequences removed, for assertions on what a
person would read.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pexpect

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\r")


def plain(text: str) -> str:
    """Terminal output with its control sequences and carriage returns removed."""
    return ANSI.sub("", text)


class Terminal:
    """One `coach` process in a terminal of `columns` x `rows` characters."""

    def __init__(
        self,
        *args: str,
        columns: int = 100,
        rows: int = 40,
        env: dict[str, str] | None = None,
        timeout_s: float = 120,
    ) -> None:
        full_env = {**os.environ, "TERM": "xterm-256color", **(env or {})}
        full_env.pop("COLUMNS", None)  # the terminal's own size decides, as for a person
        full_env.pop("LINES", None)
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "coach", *args],
            env=full_env,
            dimensions=(rows, columns),
            encoding="utf-8",
            codec_errors="replace",
            timeout=timeout_s,
        )
        self._seen: list[str] = []

    def expect(self, pattern: str, timeout_s: float = 120) -> str:
        """Wait until `pattern` (a regular expression) shows; AssertionError with the screen
        if it does not."""
        try:
            self.child.expect(pattern, timeout=timeout_s)
        except (pexpect.TIMEOUT, pexpect.EOF) as exc:
            self._collect()
            raise AssertionError(
                f"{pattern!r} never showed ({type(exc).__name__}); screen:\n{self.screen()}"
            ) from None
        self._seen.append(str(self.child.before) + str(self.child.after))
        return plain(str(self.child.before) + str(self.child.after))

    def _collect(self) -> None:
        before = self.child.before
        if isinstance(before, str):
            self._seen.append(before)
            self.child.before = ""

    def press_enter(self) -> None:
        self.child.send("\r")

    def send(self, text: str) -> None:
        self.child.send(text)

    def ctrl_c(self) -> None:
        """The terminal's interrupt character: SIGINT to the foreground process group."""
        self.child.sendintr()

    def wait(self, timeout_s: float = 120) -> int:
        """Read to the end and return the exit status (128 + N when killed by signal N)."""
        try:
            self.child.expect(pexpect.EOF, timeout=timeout_s)
        except pexpect.TIMEOUT:
            self._collect()
            self.child.terminate(force=True)
            raise AssertionError(f"coach did not exit in {timeout_s} s; screen:\n{self.screen()}") from None
        self._collect()
        self.child.close()
        if self.child.signalstatus is not None:
            return 128 + int(self.child.signalstatus)
        return int(self.child.exitstatus or 0)

    def screen(self) -> str:
        return plain("".join(self._seen))

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)


def play(wav: Path, *, wait: bool = True) -> subprocess.Popen[Any] | None:
    """Play a WAV into the private PulseAudio sink, whose monitor coach records from."""
    if wait:
        subprocess.run(["paplay", str(wav)], check=True, timeout=120)
        return None
    return subprocess.Popen(["paplay", str(wav)], stderr=subprocess.DEVNULL)


def settle(seconds: float) -> None:
    time.sleep(seconds)
