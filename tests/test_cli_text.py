"""What coach prints, read as a person reads it in a terminal: no label or path said twice,
counts in the right number, one stop at a sentence's end, each fact once, advice that
goes somewhere, a question before deleting, the valid choices named, and a live line that
fits the terminal."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import needs_pulse, run_coach
from tests.terminal import Terminal, play

OUTAGE = "beh-major-production-outage"
DOUBLED_STOP = re.compile(r"…\s*\.|\?\.|!\.|(?<![.\w])\.\.(?!\.)|\w\.\.(?!\.)")


def _run(*args: str, columns: int = 100, env: dict[str, str] | None = None) -> tuple[int, str]:
    terminal = Terminal(*args, columns=columns, env=env)
    try:
        status = terminal.wait(timeout_s=240)
    finally:
        terminal.close()
    return status, terminal.screen()


def test_a_story_without_reflection_names_the_mistake_once_and_ends_lists_once(tmp_path: Path) -> None:
    """The reflection tip did not make the top three, so the mistake is listed under its
    name: "No reflection: …", never "No reflection: No reflection: …"; the missed key
    points end on their "…" alone."""
    story = tmp_path / "story.txt"
    story.write_text(
        "We noticed the payments API failing during a launch. We paged the database team. "
        "We rolled back the release. We added a canary stage to the pipeline.\n",
        encoding="utf-8",
    )
    status, screen = _run("analyze", "--text", str(story), "-q", OUTAGE)
    assert status == 0, screen
    assert "No reflection" in screen, screen
    flat = " ".join(screen.split())
    assert not re.search(r"(?i)no reflection:\s*no reflection", flat), screen
    assert not re.search(r"\b([A-Z][\w ]{2,40}): \1:", flat), screen  # no other label twice either
    assert "Missing:" in flat and not DOUBLED_STOP.search(flat), DOUBLED_STOP.search(flat)


def test_one_filler_is_one_filler(tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(
        "I would put a queue between the two services, um, because it decouples them and absorbs bursts.\n",
        encoding="utf-8",
    )
    status, screen = _run(
        "analyze", "--text", str(answer), "-q", "How would you decouple two services?", "--kind", "technical"
    )
    assert status == 0, screen
    assert "1 filler (" in screen and not re.search(r"\b1 fillers\b", screen), screen


def test_resume_questions_show_each_fact_once() -> None:
    resume = Path(__file__).parent / "data" / "resumes" / "devops.txt"
    imported = run_coach("resume", "import", str(resume), "--role", "Senior DevOps Engineer")
    assert imported.returncode == 0, imported.stderr
    status, screen = _run("questions", "--from-resume", columns=160)
    assert status == 0, screen
    flat = " ".join(screen.split())
    assert re.search(r"\bgap \(", flat), screen  # the role implies tools the resume lacks
    assert not re.search(r"\b(\w+)(?: \([^)]*\))? · \1\b", flat), screen


def test_a_folder_with_a_corrupt_file_names_each_skipped_file_once(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    broken = folder / "broken.wav"
    broken.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(256)) * 8)
    status, screen = _run("analyze", str(folder), columns=200)
    assert status == 1, screen  # a failed file fails the command
    lines = [line for line in screen.splitlines() if "broken.wav" in line]
    assert any(f"failed: {broken}" in line for line in lines), screen  # the live line, after the bar
    assert any(line.strip().startswith("broken.wav  failed:") for line in lines), screen  # the result
    assert lines and all(line.count("broken.wav") == 1 for line in lines), screen
    assert "1 failed" in screen


def test_doctor_without_devices_gives_fixes_that_go_somewhere() -> None:
    status, screen = _run("doctor", env={"PULSE_SERVER": "unix:/nonexistent"})
    assert status == 1, screen
    flat = " ".join(screen.split())
    assert "FAIL input device" in flat and "fix: plug in a microphone" in flat, screen
    assert "coach doctor" not in flat, screen  # never back to the command being run
    assert "PULSE_SERVER" in flat and "coach analyze FILE" in flat, screen


def _pending_recording() -> Path:
    """An answer an interruption left unanalyzed, as the recorder leaves it."""
    import numpy as np
    import soundfile as sf

    from coach.paths import recordings_dir
    from coach.recovery import mark_pending

    folder = recordings_dir()
    folder.mkdir(parents=True, exist_ok=True)
    wav = folder / "20260101-120000-000000-beh-major-production-outage.wav"
    sf.write(str(wav), np.zeros(16_000, np.float32), 16_000, subtype="PCM_16")
    mark_pending(wav, OUTAGE, "Walk me through a big production outage.", "behavioral")
    return wav


def test_recover_discard_shows_what_it_deletes_and_asks_first() -> None:
    wav = _pending_recording()
    terminal = Terminal("recover", "--discard", columns=120)
    try:
        shown = terminal.expect(r"\[y/N\]", timeout_s=120)
        assert str(wav) in shown and "1 unanalyzed recording would be deleted" in shown, shown
        terminal.send("n\r")
        assert terminal.wait() == 1
    finally:
        terminal.close()
    assert wav.exists() and "nothing deleted" in terminal.screen()

    terminal = Terminal("recover", "--discard", columns=120)
    try:
        terminal.expect(r"\[y/N\]", timeout_s=120)
        terminal.send("y\r")
        assert terminal.wait() == 0
    finally:
        terminal.close()
    assert not wav.exists() and "deleted" in terminal.screen()


def test_recover_discard_without_a_terminal_needs_yes() -> None:
    wav = _pending_recording()
    refused = run_coach("recover", "--discard")
    assert refused.returncode == 1 and wav.exists()
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "--yes" in lines[0] and "Traceback" not in refused.stderr, refused.stderr
    done = run_coach("recover", "--discard", "--yes")
    assert done.returncode == 0, done.stderr
    assert not wav.exists()


@pytest.mark.parametrize(
    ("args", "choices"),
    [
        (("questions", "--category", "nope"), ("behavioral", "cicd", "security")),
        (("mock", "--round", "nope", "--no-speak"), ("technical", "system-design", "full")),
        (("analyze", "--text", "/dev/null", "--kind", "nope"), ("technical", "behavioral", "motivation")),
        (("practice", "--category", "nope", "--no-speak"), ("behavioral", "cicd", "security")),
    ],
)
def test_a_value_outside_a_fixed_set_gets_one_line_naming_the_set(
    args: tuple[str, ...], choices: tuple[str, ...]
) -> None:
    status, screen = _run(*args, columns=80)
    assert status == 1, screen
    errors = [line for line in screen.splitlines() if line.startswith(("error:", "usage error:"))]
    assert len(errors) == 1 and "Traceback" not in screen, screen
    flat = " ".join(screen.split())
    assert "'nope'" in flat and all(choice in flat for choice in choices), screen


LIVE_ANSWER = (
    "At my last company we ran a payments service that handled four thousand orders a minute. "
    "One Friday a bad deploy doubled the error rate, and I was the on-call engineer. "
    "I rolled the release back within ten minutes and paged the database team. "
    "Then I wrote a canary stage into the pipeline, so that a bad build stops at five percent of traffic. "
    "After that, errors dropped from five percent to almost zero, and we have not had a repeat since. "
    "What I learned is to make the safe path the default one."
)


@pytest.fixture(scope="module")
def live_answer(spoken: Callable[[str], Path]) -> Path:
    return spoken(LIVE_ANSWER)


def _frames(screen: str) -> list[str]:
    """Each redraw of the live recording line, as printed."""
    return [f.rstrip("\n") for f in re.split(r"(?=● \d+:\d\d)", screen) if re.match(r"● \d+:\d\d", f)]


@needs_pulse
@pytest.mark.parametrize("columns", [80, 60])
def test_live_counts_come_with_the_first_words_and_the_line_fits(live_answer: Path, columns: int) -> None:
    """`--live` says "listening…" (not a false "0 words") until the first stretch of the
    answer is decoded, then the words so far; the line never wraps."""
    terminal = Terminal(
        "practice", "--question", OUTAGE, "--no-speak", "--no-probe", "--live", "--silence-stop-s", "60",
        columns=columns,
    )  # fmt: skip
    try:
        terminal.expect(r"Recording", timeout_s=180)
        playing = play(live_answer, wait=False)
        terminal.expect(r"● \d+:\d\d[^\n]*\b[1-9]\d* words?, \d+ fillers?", timeout_s=180)
        if playing is not None:
            playing.wait(timeout=120)
        terminal.press_enter()
        assert terminal.wait(timeout_s=240) == 0
    finally:
        terminal.close()
    screen = terminal.screen()
    recording = screen[screen.index("Recording") : screen.index("Recorded")]
    frames = _frames(recording)
    assert frames, screen
    for frame in frames:
        assert "\n" not in frame and cell_len(frame) <= columns - 1, (columns, frame)
    counted = [i for i, f in enumerate(frames) if re.search(r"\b\d+ words?,", f)]
    assert counted and any("listening…" in f for f in frames[: counted[0]]), frames[:5]
    assert not any(re.search(r"\b0 words\b", f) for f in frames), frames


def test_removing_a_tool_the_resume_does_not_name_lists_the_ones_it_does() -> None:
    resume = Path(__file__).parent / "data" / "resumes" / "devops.txt"
    assert run_coach("resume", "import", str(resume)).returncode == 0
    status, screen = _run("resume", "edit", "--remove-tool", "nope", columns=80)
    assert status == 1, screen
    flat = " ".join(screen.split())
    assert flat.count("error:") == 1 and "'nope'" in flat and "Terraform" in flat, screen


ADD_STORY = (
    "stories",
    "add",
    "--title",
    "Payments outage on launch day",
    "--theme",
    "incident",
    "--situation",
    "x",
)


@pytest.mark.parametrize(
    "command",
    [("forget", "--all"), ("stories", "delete", "payments-outage-on-launch-day"), ("resume", "delete")],
)
def test_a_deletion_without_a_terminal_asks_for_yes_and_deletes_nothing(command: tuple[str, ...]) -> None:
    """Without a terminal to ask in, a deletion is refused in one line naming --yes (it used
    to read as an interruption, exit 130)."""
    from coach.resume.model import resume_path

    run_coach(*ADD_STORY)
    resume_path().parent.mkdir(parents=True, exist_ok=True)
    resume_path().write_text("{}", encoding="utf-8")
    result = run_coach(*command)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert "add --yes" in lines[0] and "interrupted" not in lines[0]
    if command[0] == "resume":
        assert resume_path().is_file()
    if command[0] == "stories":
        assert "payments-outage-on-launch-day" in run_coach("stories", "list").stdout


def test_a_deletion_in_a_terminal_is_asked_and_no_keeps_it(coach_home: Path) -> None:
    run_coach(*ADD_STORY)
    terminal = Terminal("stories", "delete", "payments-outage-on-launch-day")
    try:
        terminal.expect(r"Delete story .*\[y/N\]")
        terminal.send("n\r")
        assert terminal.wait() == 1
    finally:
        terminal.close()
    assert "nothing deleted" in terminal.screen()
    assert "payments-outage-on-launch-day" in run_coach("stories", "list").stdout
