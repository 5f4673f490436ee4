"""Where coach keeps its files: one user directory, overridable with COACH_HOME."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
APP_NAME = "coach"


def user_dir() -> Path:
    """The user's data directory (history, recordings, config, own banks)."""
    override = os.environ.get("COACH_HOME")
    if override:
        path = Path(override).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False))
    if not path.is_dir():
        try:
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.chmod(0o700)  # answers are personal: readable by the user alone
        except OSError as exc:
            from coach.errors import CoachError

            raise CoachError(
                f"cannot use {path} for coach's files ({exc.strerror}); set COACH_HOME to a folder you can write"
            ) from None
    return path


def recordings_dir() -> Path:
    path = user_dir() / "recordings"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def new_recording_path(question_id: str, suffix: str = ".wav") -> Path:
    """A fresh, sortable file name for one answer's recording."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    safe_id = "".join(c if c.isalnum() or c in "-_" else "_" for c in question_id)[:60]
    return recordings_dir() / f"{stamp}-{safe_id}{suffix}"


def builtin_prompts_dir() -> Path:
    """The shipped question bank: the checkout's prompts/, or <prefix>/share/coach/prompts."""
    checkout = PACKAGE_DIR.parent / "prompts"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / APP_NAME / "prompts"


def user_prompts_dir() -> Path:
    return user_dir() / "prompts"


def user_models_dirs() -> list[Path]:
    """Folders searched for extra faster-whisper models, one model per subfolder."""
    dirs = [user_dir() / "models"]
    checkout = PACKAGE_DIR.parent / "models"
    if checkout.is_dir():
        dirs.insert(0, checkout)
    return dirs
