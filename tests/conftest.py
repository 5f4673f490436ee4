"""Shared fixtures. Tests use the real models; COACH_HOME points at a temp dir."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The shared recordings sit beside the checkout; a clone elsewhere finds them by the
# environment variable or at the workspace's usual place.
_SPEECH_CANDIDATES = [Path(p) for p in (os.environ.get("COACH_SPEECH_DIR"),) if p] + [
    REPO.parent / "shared" / "speech",
    Path("/work/shared/speech"),
]
SPEECH_DIR = next((p for p in _SPEECH_CANDIDATES if p.is_dir()), _SPEECH_CANDIDATES[0])
needs_speech = pytest.mark.skipif(not SPEECH_DIR.is_dir(), reason=f"no real speech at {SPEECH_DIR}")
_FIELD_CANDIDATES = [Path(p) for p in (os.environ.get("COACH_FIELD_DIR"),) if p] + [
    REPO.parent / "shared" / "field-cases",
    Path("/work/shared/field-cases"),
]
FIELD_DIR = next((p for p in _FIELD_CANDIDATES if p.is_dir()), _FIELD_CANDIDATES[0])
needs_field_cases = pytest.mark.skipif(not FIELD_DIR.is_dir(), reason=f"no field cases at {FIELD_DIR}")
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
def spoken(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Text to a WAV of it spoken by espeak-ng (pyttsx3), made once per text per run: the
    answers tests play into the PulseAudio sink or analyze."""
    from coach.speak import synthesize

    made: dict[str, Path] = {}
    folder = tmp_path_factory.mktemp("spoken")

    def speak(text: str) -> Path:
        if text not in made:
            made[text] = synthesize(text, folder / f"answer{len(made)}.wav")
        return made[text]

    return speak


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


@pytest.fixture
def fault_row(request: pytest.FixtureRequest) -> Iterator[Callable[..., None]]:
    """Record a row of the fault matrix (printed by scripts/faults) for this test."""
    rows: list[dict[str, str]] = []

    def add(case: str, done: str, coach: str, lost: str = "nothing") -> None:
        rows.append({"case": case, "done": done, "coach": coach, "lost": lost})

    yield add
    report = os.environ.get("COACH_FAULT_REPORT")
    if report:
        failed = getattr(request.node, "rep_call", None)
        status = "FAIL" if failed is not None and failed.failed else "ok"
        with open(report, "a", encoding="utf-8") as handle:
            for row in rows or [{"case": request.node.name, "done": "", "coach": "", "lost": "?"}]:
                handle.write(json.dumps({**row, "status": status, "test": request.node.nodeid}) + "\n")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
