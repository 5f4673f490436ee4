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


OUTAGE_ANSWERS = {
    "situation": "Checkout went down for 40 minutes during a Black Friday outage",
    "task": "I was the on-call engineer and led the incident",
    "action": "I rolled back the release and paged the database team",
    "result": "errors fell from 30 percent to zero in 20 minutes",
    "reflection": "schema changes now go through a canary",
    "problem": "",
    "architecture": "",
    "failure mode": "",
    "metric": "checkout error rate",
    "redesign": "",
}


def test_adding_a_story_in_a_terminal_asks_for_its_themes() -> None:
    import random

    from coach.interview import plan_tonight, story_questions
    from coach.questions import load_bank
    from coach.stories import StoryBank
    from tests.terminal import Terminal

    terminal = Terminal("stories", "add", columns=100)
    try:
        terminal.expect(r"title \(a short name")
        terminal.send("Checkout outage on Black Friday\r")
        for prompt, answer in OUTAGE_ANSWERS.items():
            terminal.expect(rf"{prompt} \(")
            terminal.send(answer + "\r")
        shown = terminal.expect(r"themes \[incident[^\]]*\]: ")
        assert "Themes: incident, automation, scaling, conflict, tradeoff" in shown
        terminal.send("heroics\r")
        terminal.expect(
            r"unknown theme 'heroics'; themes are: incident, automation, scaling, conflict, tradeoff"
        )
        terminal.expect(r"themes \[incident[^\]]*\]: ")
        terminal.press_enter()  # take the suggestion
        terminal.expect(r"added story \S*checkout-outage-on-black-friday\S* under incident")
        assert terminal.wait() == 0
    finally:
        terminal.close()

    matrix = run_coach("stories", "matrix")
    assert matrix.returncode == 0, matrix.stderr
    incident = next(line for line in matrix.stdout.splitlines() if " incident " in line)
    assert "checkout-outage-on-black-friday" in incident and "no story yet" not in incident

    stories = StoryBank.load().list()
    assert stories[0].themes[0] == "incident"
    plan = plan_tonight(load_bank([]), random.Random(7), story_questions(stories))
    assert "story-checkout-outage-on-black-friday" in [q.id for q in plan]
    asked = next(q for q in plan if q.id == "story-checkout-outage-on-black-friday")
    assert asked.text == "Tell me about the checkout outage on Black Friday."


def test_themes_are_given_as_options_and_checked() -> None:
    added = run_coach(
        "stories", "add", "--title", "Kafka lag", "--theme", "Scaling, tradeoff", "--theme", "scaling"
    )
    assert added.returncode == 0, added.stderr
    story = json.loads(run_coach("stories", "list", "--json").stdout)["stories"][0]
    assert story["themes"] == ["scaling", "tradeoff"]

    bad = run_coach("stories", "add", "--title", "Payments outage", "--theme", "incidnet")
    lines = bad.stderr.strip().splitlines()
    assert bad.returncode == 1 and len(lines) == 1 and "Traceback" not in bad.stderr
    assert "unknown theme 'incidnet'" in lines[0]
    assert "incident, automation, scaling, conflict, tradeoff" in lines[0]
    bad_edit = run_coach("stories", "edit", "kafka-lag", "--theme", "drama")
    assert bad_edit.returncode == 1 and "themes are: incident, automation" in bad_edit.stderr

    # without a terminal nothing is asked; a story left without a theme says how to give one
    untagged = run_coach(
        "stories", "add", "--title", "Payments outage", "--situation", "the API paged at 3am"
    )
    assert untagged.returncode == 0, untagged.stderr
    assert "--theme incident" in untagged.stderr
    matrix = run_coach("stories", "matrix").stdout
    assert "no theme: payments-outage" in matrix
    no_title = run_coach("stories", "add", "--theme", "incident")
    assert no_title.returncode == 1 and "--title" in no_title.stderr and "Traceback" not in no_title.stderr


def test_a_storys_prompt_in_the_terminal_is_built_from_its_title(tmp_path: Path) -> None:
    from tests.terminal import Terminal

    added = run_coach("stories", "add", "--title", "cut CI build time", "--theme", "automation")
    assert added.returncode == 0, added.stderr
    wav = synthesize(
        "I profiled the pipeline and I cut the build from forty to twelve minutes.", tmp_path / "a.wav"
    )
    terminal = Terminal(
        "stories", "practice", "cut-ci-build-time", "--audio", str(wav), "--no-speak", columns=120
    )
    try:
        terminal.expect(r"Story.*\(cut-ci-build-time\): Tell me about a time you cut CI build time\.")
        assert terminal.wait() == 0
    finally:
        terminal.close()
    assert "Tell me about cut" not in terminal.screen()
