"""Keeping the resident memory of a long live answer down.

Whisper's decoder and the VAD allocate large, short-lived work buffers. glibc keeps freed
heap memory for reuse, so a 3-minute answer in streaming mode ratchets up well past what it
needs at once. Two glibc controls fix that: large blocks come from mmap and go back to the
system when freed, and after each chunk the free heap pages are returned. On a 3-minute
answer replayed through the stream path (tiny.en, spaCy not loaded) the peak fell from
533 MB to about 440 MB, for some 20 % more decoding time, which the live path spends while
the candidate is still talking. The stream worker turns this on at its first chunk, not
before: the recorder's start is left alone. Elsewhere than glibc these are no-ops.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from functools import cache
from pathlib import Path

log = logging.getLogger("coach")

M_MMAP_THRESHOLD = -3  # mallopt parameter numbers from glibc's malloc.h
LARGE_BLOCK_BYTES = 1 << 20


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.mallopt  # noqa: B018 - glibc only
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def return_large_blocks(threshold_bytes: int = LARGE_BLOCK_BYTES) -> bool:
    """Serve blocks of threshold_bytes and more with mmap, so freeing them frees memory."""
    libc = _libc()
    if libc is None:
        return False
    return bool(libc.mallopt(M_MMAP_THRESHOLD, threshold_bytes))


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
