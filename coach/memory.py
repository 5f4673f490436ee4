"""Keeping the resident memory of a long live answer down, and reading memory figures.

Whisper's decoder and the VAD allocate large, short-lived work buffers. glibc keeps freed
heap memory for reuse, so a 3-minute answer in streaming mode ratchets up past what it
needs at once; after each chunk the stream worker hands the free heap pages back
(`release_free_memory`, glibc's malloc_trim; a no-op elsewhere).

Serving every block of 1 MiB or more from mmap (mallopt M_MMAP_THRESHOLD) had kept the
peak lower still, but each such block then costs fresh page faults: with one core busy
with another program, the live worker spent twice as long per chunk (7.2-8.3 s against
3.4-3.6 s of work for the 30 s phone_call_30s.wav in ../shared/field-cases), so it is
no longer used.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from functools import cache
from pathlib import Path

log = logging.getLogger("coach")


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim  # noqa: B018 - glibc only
    except (OSError, AttributeError):
        return None
    return libc


M_ARENA_MAX = -8  # mallopt parameter number from glibc's malloc.h
MALLOC_ARENAS = 2


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Let glibc keep at most `arenas` heaps for all threads. By default each busy thread
    (recorder, stream worker, model loader, the decoder's own) may get its own, and each
    keeps what it freed: a 60 s answer through `coach practice` peaked at 598 MB, and at
    552 MB with two arenas (scripts/bench --seconds 60), for no measurable cost in time.
    Call it before threads start; a no-op where glibc is not the allocator."""
    libc = _libc()
    if libc is None:
        return False
    try:
        return bool(libc.mallopt(M_ARENA_MAX, arenas))
    except AttributeError:
        return False


def status_mb(field: str) -> float | None:
    """A memory figure of this process from /proc/self/status, in MB: "VmRSS" (now) or
    "VmHWM" (its peak; unlike ru_maxrss it does not count a parent it was forked from).
    None where /proc is not available."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return None


def release_free_memory() -> None:
    """Hand freed heap pages back to the system."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
