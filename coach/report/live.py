"""The live recording display: elapsed time against the target window, and input level."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.text import Text

BAR_WIDTH = 40
LEVEL_WIDTH = 12
FLOOR_DBFS = -60.0


def time_bar(elapsed_s: float, target_s: tuple[float, float], max_s: float) -> Text:
    """A bar to max_s, green inside the target window, red past it."""
    scale = BAR_WIDTH / max(max_s, 1.0)
    filled = min(int(elapsed_s * scale), BAR_WIDTH)
    low_at, high_at = int(target_s[0] * scale), int(target_s[1] * scale)
    bar = Text()
    for i in range(BAR_WIDTH):
        if i in (low_at, high_at):
            bar.append("|", style="bold")
            continue
        style = "yellow" if i < low_at else "green" if i < high_at else "red"
        bar.append("█" if i < filled else "░", style=style if i < filled else "dim")
    return bar


def level_meter(dbfs: float) -> Text:
    share = min(max((dbfs - FLOOR_DBFS) / -FLOOR_DBFS, 0.0), 1.0)
    lit = round(share * LEVEL_WIDTH)
    return Text("▮" * lit, style="green" if lit < LEVEL_WIDTH - 2 else "red") + Text(
        "▯" * (LEVEL_WIDTH - lit), style="dim"
    )


class LiveReporter:
    """Renders progress to stderr so that stdout stays clean for --json."""

    def __init__(self, console: Console, live: bool = False) -> None:
        self.console = console
        self.live = live  # also show running word and filler counts, and cue the window's end
        self._words = self._fillers = 0
        self._cued = False
        self._live: Live | None = None
        self._target: tuple[float, float] = (60.0, 90.0)
        self._max_s = 180.0
        self._last_draw = 0.0

    def status(self, message: str) -> None:
        self.console.print(f"[dim]{escape(message)}[/]")

    def warn(self, message: str) -> None:
        self.console.print(f"[yellow]warning:[/] {escape(message)}")

    def recording(self, target_s: tuple[float, float], max_s: float) -> None:
        self._target, self._max_s = target_s, max_s
        hint = "Enter to stop, " if self.console.is_terminal else ""
        self.console.print(f"[bold red]●[/] Recording. Answer now ({hint}or pause to finish).")
        if self.console.is_terminal:
            self._live = Live(console=self.console, refresh_per_second=10, transient=True)
            self._live.start()

    def level(self, elapsed_s: float, dbfs: float, speech_started: bool) -> None:
        if self._live is None or time.monotonic() - self._last_draw < 0.1:
            return
        self._last_draw = time.monotonic()
        low, high = self._target
        zone = "before target" if elapsed_s < low else "in target" if elapsed_s <= high else "over target"
        extra = ""
        if self.live:
            extra = f"  {self._words} words, {self._fillers} fillers"
            if elapsed_s > high:
                extra += "  ⏱ window closed: wrap up"
                if not self._cued:
                    self._cued = True
                    self.console.bell()
        line = Text.assemble(
            ("● ", "bold red"),
            f"{int(elapsed_s) // 60}:{int(elapsed_s) % 60:02d} ",
            time_bar(elapsed_s, self._target, self._max_s),
            f" {zone:13} ",
            level_meter(dbfs),
            ("" if speech_started else "  waiting for speech…", "dim"),
            (extra, "bold"),
        )
        self._live.update(line)

    def counts(self, words: int, fillers: int) -> None:
        self._words, self._fillers = words, fillers

    def end_display(self) -> None:
        """Stop the live line and give the cursor back; safe to call twice."""
        if self._live is not None:
            self._live.stop()
            self._live = None

    def recorded(self, path: Path, duration_s: float, reason: str) -> None:
        self.end_display()
        why = {"enter": "Enter pressed", "silence": "silence", "max_length": "time cap"}.get(reason, reason)
        self.console.print(f"[dim]Recorded {duration_s:.1f} s (stopped by {why}) → {path}[/]")
