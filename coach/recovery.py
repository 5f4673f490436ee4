"""Answers that were recorded but never analyzed: a crash, Ctrl-C, SIGTERM, `kill -9`, a
vanished microphone or a full disk. None of them loses the audio.

When recording starts, a small marker is written beside the WAV naming the question. The
marker goes once the answer is in the history. A marker still there on a later run is an
answer to offer back: its WAV header is repaired (after `kill -9` it still counts only what
was flushed) and it is analyzed like any recording. Only the standard library is imported
here, so checking for leftovers costs nothing at start-up.

When a stop rule ends the recording (Enter, silence, the time cap), the marker says so.
An answer recovered without that note was cut short (Ctrl-C, SIGTERM, `kill -9`, a vanished
device, a full disk, a crash while recording): it is a partial attempt, kept in the
history but left out of comparisons and trends (see cut_short).
"""

from __future__ import annotations

import json
import logging
import os
import re
import struct
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from coach.paths import recordings_dir

if TYPE_CHECKING:
    from coach.questions import Question

log = logging.getLogger("coach")

MARKER_SUFFIX = ".pending.json"
RIFF_HEADER_BYTES = 12
# This process's own markers: an answer it recorded and now stores reached its end.
_RUN_ID = uuid.uuid4().hex


@dataclass(frozen=True)
class Pending:
    wav: Path
    marker: Path
    question_id: str
    question_text: str
    kind: str
    started_at: str


def marker_for(wav: Path) -> Path:
    return wav.with_name(wav.name + MARKER_SUFFIX)


def mark_pending(wav: Path, question_id: str, question_text: str, kind: str) -> Path:
    marker = marker_for(wav)
    data = {
        "question_id": question_id,
        "question_text": question_text,
        "kind": kind,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "run": _RUN_ID,
    }
    marker.write_text(json.dumps(data), encoding="utf-8")
    return marker


def _marker_data(wav: Path | str) -> dict[str, object] | None:
    try:
        data = json.loads(marker_for(Path(wav)).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}  # unreadable: nothing says the recording ended by a stop rule
    return data if isinstance(data, dict) else {}


def mark_recorded(wav: Path, stop_reason: str) -> None:
    """Note on the marker that a stop rule ended the recording (Enter, silence or the cap),
    so an answer recovered after a later interruption (during the analysis) counts whole."""
    data = _marker_data(wav)
    if data is None:
        return
    try:
        marker_for(wav).write_text(json.dumps({**data, "stopped": stop_reason}), encoding="utf-8")
    except OSError as exc:  # a full disk: the answer is still kept, only counted as partial
        log.debug("could not note the stop on %s (%s)", marker_for(wav), exc)


def cut_short(wav: Path | str | None) -> bool:
    """Whether the recording was cut short: its marker is still there, no stop rule ended
    it, and it is not this process's own recording (which reached its end, or this process
    would not be storing it). A file without a marker is whole."""
    if not wav:
        return False
    data = _marker_data(wav)
    if data is None:
        return False
    return not data.get("stopped") and data.get("run") != _RUN_ID


def clear_pending(wav: Path | str | None) -> None:
    if wav:
        marker_for(Path(wav)).unlink(missing_ok=True)


def pending_recordings(folder: Path | None = None) -> list[Pending]:
    """Recordings with a marker, oldest first; a marker whose WAV is gone is dropped."""
    folder = folder or recordings_dir()
    found = []
    for marker in sorted(folder.glob("*" + MARKER_SUFFIX)):
        wav = marker.with_name(marker.name[: -len(MARKER_SUFFIX)])
        if not wav.is_file():
            marker.unlink(missing_ok=True)
            continue
        try:
            data = json.loads(marker.read_text(encoding="utf-8"))
            found.append(
                Pending(
                    wav, marker, str(data["question_id"]), str(data["question_text"]), str(data["kind"]),
                    str(data.get("started_at", "")),
                )
            )  # fmt: skip
        except (OSError, ValueError, KeyError, TypeError):
            log.debug("unreadable marker %s; offering the recording without its question", marker)
            found.append(Pending(wav, marker, "", "", "technical", ""))
    return found


def repair_wav(path: Path) -> float:
    """Make the RIFF and data sizes match the bytes on disk; returns the duration in seconds.
    A writer killed mid-answer leaves sizes from its last flush, or zero."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        head = handle.read(RIFF_HEADER_BYTES)
        if len(head) < RIFF_HEADER_BYTES or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            raise ValueError("not a RIFF/WAVE file")
        offset, byte_rate, block_align = RIFF_HEADER_BYTES, 0, 1
        while offset + 8 <= size:
            handle.seek(offset)
            chunk_id, chunk_size = struct.unpack("<4sI", handle.read(8))
            if chunk_id == b"fmt ":
                fmt = handle.read(min(chunk_size, 16))
                _tag, _channels, _rate, byte_rate, block_align = struct.unpack("<HHIIH", fmt[:14])
            if chunk_id == b"data":
                data_start = offset + 8
                data_bytes = size - data_start
                data_bytes -= data_bytes % max(block_align, 1)
                if data_bytes != chunk_size:
                    handle.seek(offset + 4)
                    handle.write(struct.pack("<I", data_bytes))
                    handle.seek(4)
                    handle.write(struct.pack("<I", data_start + data_bytes - 8))
                    handle.flush()
                    os.fsync(handle.fileno())
                return data_bytes / byte_rate if byte_rate else 0.0
            offset += 8 + chunk_size + (chunk_size & 1)
    raise ValueError("no data chunk")


def question_for(item: Pending, bank: Sequence[Question]) -> Question:
    """The question the answer was recorded for: from the bank; else as it was asked, under
    its own id (a story card's or a resume question's) or, typed, the id of its words; with
    no question text, none (such an answer is compared with nothing)."""
    from dataclasses import replace

    from coach.errors import CoachError
    from coach.questions import (
        ID_PATTERN,
        KINDS,
        adhoc_question,
        find_question,
        is_typed_question_id,
        no_question,
    )

    try:
        return find_question(bank, item.question_id)
    except CoachError:
        kind = next((k for k in KINDS if k == item.kind), None)
        if not item.question_text.strip():
            return no_question(kind or "technical")
        asked = adhoc_question(item.question_text, kind)
        if ID_PATTERN.match(item.question_id) and not is_typed_question_id(item.question_id):
            # a probe (coach.probes.probe_question names it "<parent>-probeN") keeps its window
            follow_up = bool(re.search(r"-probe\d+$", item.question_id))
            return replace(asked, id=item.question_id, follow_up=follow_up)
        return asked


def discard_pending(item: Pending) -> None:
    item.wav.unlink(missing_ok=True)
    item.marker.unlink(missing_ok=True)


def describe(pending: list[Pending]) -> str:
    first = pending[0]
    when = first.started_at.replace("T", " ")[:16] if first.started_at else "earlier"
    more = f" (and {len(pending) - 1} more)" if len(pending) > 1 else ""
    return f"an answer recorded {when}{more} was never analyzed; it is kept at {first.wav}"
