"""`coach stories` end to end, practising a story from a synthesized recording."""

from __future__ import annotations

import json
from pathlib import Path

from coach.speak import synthesize
from tests.conftest import run_coach

STORY = [
    "--title", "Payments outage on launch day", "--theme", "incident", "--theme", "tradeoff",
    "--situation", "payments API failing during a product launch",
    "--task", "I was the incident commander",
    "--action", "I rolled back the release and paged the database team",
    "--result", "errors fell from 30 percent to zero in 20 minutes",
    "--reflection", "schema changes now go through a canary",
    "--metric", "checkout error rate",
]  # fmt: skip


def test_story_bank_round_trip(tmp_path: Path) -> None:
    assert run_coach("stories", "add", *STORY).returncode == 0
    listed = json.loads(run_coach("stories", "list", "--json").stdout)
    assert [s["id"] for s in listed["stories"]] == ["payments-outage-on-launch-day"]
    assert listed["coverage"]["incident"] == ["payments-outage-on-launch-day"]
    assert listed["missing_themes"] == ["automation", "scaling", "conflict"]
    edited = run_coach(
        "stories", "edit", "payments-outage-on-launch-day", "--redesign", "a read-only fallback mode"
    )
    assert edited.returncode == 0
    story = json.loads(run_coach("stories", "list", "--json").stdout)["stories"][0]
    assert story["redesign"] == "a read-only fallback mode"
    bad = run_coach("stories", "add", "--title", "x", "--theme", "heroics")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "theme" in bad.stderr
    assert run_coach("stories", "delete", "payments-outage-on-launch-day", "--yes").returncode == 0
    assert json.loads(run_coach("stories", "list", "--json").stdout)["stories"] == []
    missing = run_coach("stories", "practice", "nope", "--no-speak")
    assert missing.returncode == 1 and "unknown story id" in missing.stderr


def test_practising_a_story_shows_the_missing_facts(tmp_path: Path) -> None:
    assert run_coach("stories", "add", *STORY).returncode == 0
    spoken = (
        "During a product launch our payments API started failing. I was the incident commander. "
        "I rolled back the release and I paged the database team. Errors fell from thirty percent to zero."
    )
    wav = synthesize(spoken, tmp_path / "story.wav")
    proc = run_coach("stories", "practice", "payments-outage-on-launch-day", "--audio", str(wav), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    said = {c["field"]: c["said"] for c in data["card"]}
    assert said["task"] and said["action"] and said["result"]
    assert said["reflection"] is False and said["metric"] is False
    assert data["question"]["kind"] == "behavioral"
