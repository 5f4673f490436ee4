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

# a line the live display redrew many times in place: keep its last drawing
LIVE_REDRAW = re.compile(r"^(?:● [^●]*)+(● [^●]*)$")
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
        self.killed_by: int | None = None
        self._raw = ""  # everything the terminal received
        self._pos = 0  # how far into the plain text earlier expectations matched

    def _read(self, timeout_s: float) -> bool:
        """Read what arrived within `timeout_s`; False once the program has closed the terminal."""
        try:
            self._raw += self.child.read_nonblocking(size=65536, timeout=timeout_s)
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            return False
        return True

    def expect(self, pattern: str, timeout_s: float = 120) -> str:
        """Wait until `pattern` (a regular expression over the plain text, after what earlier
        expectations matched) shows; returns the text it matched through. AssertionError
        with the end of the screen if it does not."""
        deadline = time.monotonic() + timeout_s
        regex = re.compile(pattern)
        while True:
            text = plain(self._raw)
            found = regex.search(text, self._pos)
            if found:
                start, self._pos = self._pos, found.end()
                return text[start : found.end()]
            if time.monotonic() > deadline or not self._read(0.2):
                if found := regex.search(plain(self._raw), self._pos):
                    continue
                raise AssertionError(f"{pattern!r} never showed; the screen ends:\n{self.tail()}")

    def press_enter(self) -> None:
        self.child.send("\r")

    def send(self, text: str) -> None:
        self.child.send(text)

    def ctrl_c(self) -> None:
        """The terminal's interrupt character: SIGINT to the foreground process group."""
        self.child.sendintr()

    def wait(self, timeout_s: float = 120) -> int:
        """Read to the end and return the exit status (128 + N when killed by signal N)."""
        deadline = time.monotonic() + timeout_s
        while self._read(0.2):
            if time.monotonic() > deadline:
                self.child.terminate(force=True)
                raise AssertionError(f"coach did not exit in {timeout_s} s; the screen ends:\n{self.tail()}")
        self.child.close()
        self.killed_by = self.child.signalstatus  # the signal that ended it, if one did
        if self.child.signalstatus is not None:
            return 128 + int(self.child.signalstatus)
        return int(self.child.exitstatus or 0)

    def screen(self) -> str:
        return plain(self._raw)

    def tail(self, chars: int = 2000) -> str:
        """The end of the screen, with the live display's redraws collapsed to the last one."""
        lines = [LIVE_REDRAW.sub(r"\1", line) for line in self.screen().splitlines()]
        return "\n".join(lines)[-chars:]

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
