"""The live recording display: elapsed time against the target window, and input level.

The line is measured against the terminal's width on every draw and never wraps: when it
is narrow, the least useful parts go first (see `live_line`).
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.text import Text

from coach.config import TARGET_WINDOW_S
from coach.wording import counted

BAR_WIDTH = 40
MIN_BAR_WIDTH = 10  # narrower, the window's marks no longer tell before, in and over apart
LEVEL_WIDTH = 12
FLOOR_DBFS = -60.0
GAP = "  "


def time_bar(elapsed_s: float, target_s: tuple[float, float], max_s: float, width: int = BAR_WIDTH) -> Text:
    """A bar of `width` cells to max_s, green inside the target window, red past it."""
    scale = width / max(max_s, 1.0)
    filled = min(int(elapsed_s * scale), width)
    low_at, high_at = int(target_s[0] * scale), int(target_s[1] * scale)
    bar = Text()
    for i in range(width):
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


def live_line(
    elapsed_s: float,
    target_s: tuple[float, float],
    max_s: float,
    dbfs: float,
    speech_started: bool,
    width: int,
    counts: tuple[int, int] | None = None,
    show_counts: bool = False,
) -> Text:
    """The recording line, at most `width` - 1 cells so that no terminal wraps it.

    counts: (words, fillers) decoded so far, or None before the first stretch of the answer
    is decoded ("listening…", not a false zero); shown with show_counts, which also cues the
    end of the window. The clock always shows. The other parts are kept, most important
    first, while they fit: the cue, the counts, then before speech "waiting for speech…"
    and the level meter (is the microphone hearing anything?), the zone, the time bar (at
    least MIN_BAR_WIDTH cells, widened into the room left over), and once speech started
    the level meter.
    """
    low, high = target_s
    zone = "before target" if elapsed_s < low else "in target" if elapsed_s <= high else "over target"
    said = "listening…" if counts is None else f"{counted(counts[0], 'word')}, {counted(counts[1], 'filler')}"
    # (name, text, importance), in the order shown; the bar's text is drawn once its width is known
    parts: list[tuple[str, Text, int]] = [
        ("bar", Text(), 1),
        ("zone", Text(f"{zone:13}"), 2),
        ("level", level_meter(dbfs), 0 if speech_started else 3),
    ]
    if not speech_started:
        parts.append(("waiting", Text("waiting for speech…", style="dim"), 4))
    if show_counts:
        parts.append(("counts", Text(said, style="bold"), 5))
        if elapsed_s > high:
            parts.append(("cue", Text("window closed: wrap up", style="bold"), 6))
    clock = Text.assemble(("● ", "bold red"), f"{int(elapsed_s) // 60}:{int(elapsed_s) % 60:02d}")
    room = width - 1
    used = clock.cell_len
    kept: set[str] = set()
    for name, text, _importance in sorted(parts, key=lambda part: -part[2]):
        cells = len(GAP) + (MIN_BAR_WIDTH if name == "bar" else text.cell_len)
        if used + cells <= room:
            kept.add(name)
            used += cells
    line = clock.copy()
    for name, text, _importance in parts:
        if name not in kept:
            continue
        if name == "bar":
            text = time_bar(elapsed_s, target_s, max_s, min(BAR_WIDTH, MIN_BAR_WIDTH + room - used))
        line.append(GAP)
        line.append_text(text)
    line.no_wrap, line.overflow = True, "crop"  # measured to fit already; never wrap regardless
    return line


class LiveReporter:
    """Renders progress to stderr so that stdout stays clean for --json."""

    def __init__(self, console: Console, live: bool = False) -> None:
        self.console = console
        self.live = live  # also show running word and filler counts, and cue the window's end
        self._counts: tuple[int, int] | None = None  # None until the stream has decoded some
        self._cued = False
        self._live: Live | None = None
        self._target: tuple[float, float] = TARGET_WINDOW_S  # until recording() gives the answer's
        self._max_s = 180.0
        self._last_draw = 0.0

    def question(self, label: str, text: str) -> None:
        self.console.print(f"[bold]{escape(label)}[/]: {escape(text)}")

    def status(self, message: str) -> None:
        self.console.print(f"[dim]{escape(message)}[/]")

    def warn(self, message: str) -> None:
        self.console.print(f"[yellow]warning:[/] {escape(message)}")

    def recording(self, target_s: tuple[float, float], max_s: float) -> None:
        self._target, self._max_s = target_s, max_s
        self._counts = None  # a new answer: nothing of it is decoded yet
        if self.console.is_terminal:
            hint = "Enter or a pause stops; r+Enter repeats the question."
        else:
            hint = "A pause stops it."
        self.console.print(f"[bold red]●[/] Recording: answer now. {hint}")
        if self.console.is_terminal:
            self._live = Live(console=self.console, refresh_per_second=10, transient=True)
            self._live.start()

    def level(self, elapsed_s: float, dbfs: float, speech_started: bool) -> None:
        if self._live is None or time.monotonic() - self._last_draw < 0.1:
            return
        self._last_draw = time.monotonic()
        if self.live and elapsed_s > self._target[1] and not self._cued:
            self._cued = True
            self.console.bell()
        line = live_line(
            elapsed_s,
            self._target,
            self._max_s,
            dbfs,
            speech_started,
            self.console.width,
            self._counts,
            show_counts=self.live,
        )
        self._live.update(line)

    def counts(self, words: int, fillers: int) -> None:
        self._counts = (words, fillers)

    def end_display(self) -> None:
        """Stop the live line and give the cursor back; safe to call twice."""
        if self._live is not None:
            self._live.stop()
            self._live = None

    def recorded(self, path: Path, duration_s: float, reason: str) -> None:
        self.end_display()
        why = {"enter": "Enter pressed", "silence": "silence", "max_length": "time cap"}.get(reason, reason)
        self.console.print(f"[dim]Recorded {duration_s:.1f} s (stopped by {why}) → {path}[/]")
