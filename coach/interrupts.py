"""Ctrl-C and SIGTERM: one line, exit status 130, never a crash.

Python turns SIGINT into a KeyboardInterrupt raised at whatever bytecode the main thread
runs next. Raised inside an import, an audit hook or a callback from native code (spaCy,
CTranslate2, onnxruntime and PortAudio all call back into Python), it can abort the
process (`terminate called after throwing an instance of 'pybind11::error_already_set'`),
turn into an unrelated error ("the VAD filter requires the onnxruntime package"), or let
the interpreter tear down while another thread is still inside native code, which
crashes it.

So coach handles the signal itself:

- Inside `raising()` blocks (the recording loop, which flushes the audio it holds, and the
  folder batch, which stops its worker pool) the signal raises KeyboardInterrupt as
  usual, and that code turns it into its own message.
- Anywhere else, nothing is in flight that an interruption could lose: the recording is
  closed and marked for `coach recover` before analysis starts, and history writes are
  single SQLite transactions. The handler writes the line set by `saying()` (or
  "interrupted") and ends the process at once with status 130, without the interpreter
  teardown.

Only the standard library is imported, so the handler can be installed before anything
else loads.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import NoReturn

DEFAULT_MESSAGE = "interrupted"
_state = {"raising": 0, "installed": False}
_message = [DEFAULT_MESSAGE]


def install() -> None:
    """Handle SIGINT and SIGTERM as described above (main thread only). SIGINT is armed
    even when the shell started coach with it ignored (a background job)."""
    if threading.current_thread() is not threading.main_thread():
        return
    signal.signal(signal.SIGINT, _handle)
    signal.signal(signal.SIGTERM, _handle)
    _state["installed"] = True


def _handle(signum: int, frame: FrameType | None) -> None:
    if _state["raising"]:
        raise KeyboardInterrupt
    leave(_message[-1])


def hold() -> None:
    """Ignore Ctrl-C and SIGTERM from here on, so the line being printed is printed whole."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def end_now(code: int) -> NoReturn:
    """Flush the output and end the process with `code`, without the interpreter teardown
    (which can crash while another thread is still inside native code). Every file is
    closed and every history write committed before any caller gets here."""
    import logging

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    logging.shutdown()
    os._exit(code)


def leave(message: str, code: int = 130) -> NoReturn:
    """Write `message` as one line on stderr and end the process now with `code`."""
    hold()
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    with contextlib.suppress(OSError):
        os.write(2, ("\r\n" if os.isatty(2) else "\n").encode() + message.encode("utf-8", "replace") + b"\n")
    end_now(code)


@contextlib.contextmanager
def raising() -> Iterator[None]:
    """Inside this block Ctrl-C raises KeyboardInterrupt, for code that must keep what it
    holds (it catches the exception and says what was kept)."""
    _state["raising"] += 1
    try:
        yield
    finally:
        _state["raising"] -= 1


@contextlib.contextmanager
def saying(message: str) -> Iterator[None]:
    """Ctrl-C inside this block ends the process with `message` as its line."""
    _message.append(message)
    try:
        yield
    finally:
        _message.pop()
