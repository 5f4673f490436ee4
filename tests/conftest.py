"""Shared fixtures. Tests use the real models; COACH_HOME points at a temp dir."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SPEECH_DIR = Path(os.environ.get("COACH_SPEECH_DIR", REPO.parent / "shared" / "speech"))
needs_speech = pytest.mark.skipif(not SPEECH_DIR.is_dir(), reason=f"no real speech at {SPEECH_DIR}")
needs_pulse = pytest.mark.skipif(
    not os.environ.get("COACH_TEST_PULSE"), reason="needs the PulseAudio server started by scripts/test"
)


@pytest.fixture(autouse=True)
def coach_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("coach-home")
    monkeypatch.setenv("COACH_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from coach.models import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def coach() -> Iterator[object]:
    from coach.session import Coach

    yield Coach()


def run_coach(
    *args: str,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    stdin: int | None = subprocess.DEVNULL,
) -> subprocess.CompletedProcess[str]:
    """Run the installed CLI as a user would, in a fresh process."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        stdin=stdin,
    )
