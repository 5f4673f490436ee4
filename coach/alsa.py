"""ALSA's own error printing, kept off the person's terminal.

PortAudio plays and records through ALSA (on most Linux desktops through ALSA's PulseAudio
or PipeWire plugin). When a buffer runs dry, ALSA recovers by itself and PortAudio carries
on, but ALSA also prints a line such as "ALSA lib pcm.c:8570:(snd_pcm_recover) underrun
occurred" to stderr, from C, in the middle of the interface. That happens whenever the
Python side of playback is held up for a moment (the models load while the question is
read aloud). `snd_lib_error_set_handler` replaces ALSA's printer for the whole process:
its messages go to coach's debug log (`coach --debug`) instead. Nothing else changes:
coach's own errors, Python's stderr and PortAudio's error codes (which sounddevice raises
and coach reports) are untouched.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import threading
from typing import Any

log = logging.getLogger("coach")

# void handler(const char *file, int line, const char *function, int err, const char *fmt, ...)
# The variadic tail is left unread: the format is logged as it is, without its arguments.
_HANDLER_TYPE = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)
_installed: list[Any] = []  # the handler, kept alive for as long as ALSA may call it
_lock = threading.Lock()


def _to_debug_log(file: bytes | None, line: int, function: bytes | None, err: int, fmt: bytes | None) -> None:
    def text(value: bytes | None) -> str:
        return value.decode("utf-8", "replace") if value else ""

    log.debug("ALSA %s:%d (%s) error %d: %s", text(file), line, text(function), err, text(fmt))


def quiet_alsa() -> bool:
    """Send ALSA's messages to the debug log instead of stderr, once per process; False
    where there is no ALSA library (macOS, Windows, a system without libasound)."""
    with _lock:
        if _installed:
            return True
        name = ctypes.util.find_library("asound")
        if name is None:
            return False
        try:
            library = ctypes.CDLL(name)
            handler = _HANDLER_TYPE(_to_debug_log)
            library.snd_lib_error_set_handler(handler)
        except (OSError, AttributeError) as exc:
            log.debug("could not quiet ALSA's messages: %s", exc)
            return False
        _installed.append(handler)
        return True
