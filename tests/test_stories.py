from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coach import stories as stories_module
from coach.analysis.document import Document, parse
from coach.models import NlpModel, load_nlp
from coach.paths import user_dir
from coach.stories import (
    PREP_FACTS,
    THEMES,
    Story,
    StoryBank,
    StoryError,
    compare_with_card,
    coverage_matrix,
    missing_themes,
    parse_themes,
    practice_question,
    slugify,
    suggest_themes,
)
from coach.transcribe import transcript_from_text

ALERTS_CARD = Story(
    id="",
    title="Cutting alert noise for the on-call team",
    situation="Our on-call team was getting paged every night by noisy disk alerts",
    task="I owned the alerting cleanup for the platform team",
    action="I grouped alerts by symptom and deleted the ones nobody acted on",
    result="cut pages from 40 to 6 a week",
    reflection="I would involve the service owners earlier",
    problem="engineers were burning out on call",
    architecture="Alertmanager routing with inhibition rules",
    metric="mean time to acknowledge dropped from 30 minutes to 4",
    redesign="",
    themes=("incident", "automation"),
)
ALERTS_ANSWER = (
    "Um, so, at my last job the on-call team was, like, getting paged every single night, "
    "mostly by noisy disk alerts. Uh, I kind of owned the cleanup of our alerting. "
    "So what I did was I grouped the alerts by symptom and, um, I just deleted the ones "
    "that nobody ever acted on. And, you know, we went from like forty pages a week to six. "
    "People were a lot happier on call."
)


@pytest.fixture(scope="module")
def nlp_model() -> NlpModel:
    return load_nlp()


def _document(nlp_model: NlpModel, text: str) -> Document:
    return parse(transcript_from_text(text), nlp_model)


def test_round_trip_through_the_json_file(monkeypatch: pytest.MonkeyPatch) -> None:
    bank = StoryBank.load()
    assert bank.path == user_dir() / "stories.json"
    assert bank.list() == []
    monkeypatch.setattr(stories_module, "_now", lambda: "2025-01-01T09:00:00+00:00")
    added = bank.add(ALERTS_CARD)
    assert added.id == "cutting-alert-noise-for-the-on-call-team"
    assert added.created_at == added.updated_at == "2025-01-01T09:00:00+00:00"
    bank.save()

    raw = json.loads(bank.path.read_text())
    assert raw["version"] == 1
    assert raw["stories"][0]["themes"] == ["incident", "automation"]
    assert not list(bank.path.parent.glob(".stories.json.*"))  # the temp file was renamed

    reloaded = StoryBank.load()
    assert reloaded.list() == [added]
    assert reloaded.get(added.id) == added

    monkeypatch.setattr(stories_module, "_now", lambda: "2025-01-02T09:00:00+00:00")
    updated = reloaded.update(added.id, metric="pages per week", themes=["Scaling"])
    assert updated.metric == "pages per week"
    assert updated.themes == ("scaling",)
    assert updated.created_at == "2025-01-01T09:00:00+00:00"
    assert updated.updated_at == "2025-01-02T09:00:00+00:00"
    reloaded.save()
    assert StoryBank.load().get(added.id) == updated

    reloaded.delete(added.id)
    reloaded.save()
    assert StoryBank.load().list() == []
    with pytest.raises(StoryError, match=r"unknown story id 'cutting-alert.*`coach stories list` shows them"):
        reloaded.get(added.id)
    with pytest.raises(StoryError, match="unknown story id"):
        reloaded.delete(added.id)


def test_duplicate_titles_get_unique_ids(tmp_path: Path) -> None:
    bank = StoryBank(tmp_path / "stories.json")
    ids = [bank.add(Story(id="", title="Payments outage!")).id for _ in range(3)]
    assert ids == ["payments-outage", "payments-outage-2", "payments-outage-3"]
    assert bank.add(Story(id="payments-outage", title="Another")).id == "payments-outage-4"
    assert slugify("  ***  ") == "story"
    assert len(slugify("word " * 30)) <= stories_module.MAX_ID_CHARS


def test_invalid_themes_and_fields_are_rejected() -> None:
    bank = StoryBank.load()
    with pytest.raises(
        StoryError, match="unknown theme 'heroics'; themes are: incident, automation, scaling"
    ):
        bank.add(Story(id="", title="Saved the day", themes=("heroics",)))
    with pytest.raises(StoryError, match="needs a title"):
        bank.add(Story(id="", title="   "))
    story = bank.add(Story(id="", title="Saved the day", themes=("incident",)))
    with pytest.raises(StoryError, match="unknown theme 'drama'"):
        bank.update(story.id, themes=("conflict", "drama"))
    with pytest.raises(StoryError, match="cannot set 'id'"):
        bank.update(story.id, id="other")
    assert bank.get(story.id).themes == ("incident",)


def test_malformed_file_errors_name_the_file() -> None:
    path = user_dir() / "stories.json"
    path.write_text('{"stories": [{"title": "x",}]}')
    with pytest.raises(StoryError, match=rf"{path} is not valid JSON \(line 1"):
        StoryBank.load()
    path.write_text('["not", "a", "bank"]')
    with pytest.raises(StoryError, match=rf'{path} must hold an object with a "stories" list'):
        StoryBank.load()
    path.write_text(json.dumps({"stories": [{"title": "Outage", "themes": ["chaos"]}]}))
    with pytest.raises(StoryError, match=rf"{path}: story 1: unknown theme 'chaos'"):
        StoryBank.load()
    path.write_text(json.dumps({"stories": [{"title": "Outage", "mood": "tense"}]}))
    with pytest.raises(StoryError, match=rf"{path}: story 1: a story is an object with fields from"):
        StoryBank.load()
    path.write_text(json.dumps({"stories": [{"title": "Outage"}, {"title": "Outage"}]}))
    with pytest.raises(StoryError, match=rf"{path}: story 2: bad or duplicate id 'outage'"):
        StoryBank.load()


def test_coverage_matrix_and_missing_themes() -> None:
    bank = StoryBank.load()
    bank.add(Story(id="", title="Payments outage", themes=("incident", "tradeoff")))
    bank.add(Story(id="", title="Terraform pipeline", themes=("automation",)))
    bank.add(Story(id="", title="Second outage", themes=("incident",)))
    matrix = coverage_matrix(bank.list())
    assert list(matrix) == list(THEMES)
    assert matrix["incident"] == ["payments-outage", "second-outage"]
    assert matrix["automation"] == ["terraform-pipeline"]
    assert matrix["scaling"] == matrix["conflict"] == []
    assert missing_themes(bank.list()) == ["scaling", "conflict"]
    assert missing_themes([]) == list(THEMES)


@pytest.mark.parametrize(
    ("title", "question"),
    [
        # verb phrases: base form, past tense, -ing, lower case, with a particle
        ("cut CI build time", "Tell me about a time you cut CI build time."),
        (
            "Reduce deploy time for the mobile app",
            "Tell me about a time you reduced deploy time for the mobile app.",
        ),
        ("Migrated payments to Kafka", "Tell me about a time you migrated payments to Kafka."),
        ("Led the Kafka migration", "Tell me about a time you led the Kafka migration."),
        (
            "Cutting alert noise for the on-call team",
            "Tell me about a time you cut alert noise for the on-call team.",
        ),
        ("Choosing Aurora over DynamoDB", "Tell me about a time you chose Aurora over DynamoDB."),
        ("Rolled back a bad deploy", "Tell me about a time you rolled back a bad deploy."),
        (
            "Convinced my manager to adopt Terraform",
            "Tell me about a time you convinced your manager to adopt Terraform.",
        ),
        ("Decommission the old cluster", "Tell me about a time you decommissioned the old cluster."),
        ("Scale Kafka", "Tell me about a time you scaled Kafka."),
        # noun phrases, including ones that open with a word that could be a verb
        ("Payments outage during a launch", "Tell me about the payments outage during a launch."),
        ("Disagreement with the security team", "Tell me about the disagreement with the security team."),
        ("The database failover", "Tell me about the database failover."),
        ("My first on-call week", "Tell me about your first on-call week."),
        ("Logging pipeline rebuild", "Tell me about the logging pipeline rebuild."),
        ("Failed migration to Aurora", "Tell me about the failed migration to Aurora."),
        ("Automated testing rollout", "Tell me about the automated testing rollout."),
        ("Lead time regression", "Tell me about the lead time regression."),
        ("Split brain in etcd", "Tell me about the split brain in etcd."),
        ("Fix for the memory leak", "Tell me about the fix for the memory leak."),
        ("Outage caused by a bad config push", "Tell me about the outage caused by a bad config push."),
        # sentences with a subject of their own, told to "you"
        ("AWS bill doubled in a month", "Tell me about the time the AWS bill doubled in a month."),
        ("Database ran out of connections", "Tell me about the time the database ran out of connections."),
        ("Kafka fell over on Black Friday", "Tell me about the time Kafka fell over on Black Friday."),
        ("I broke prod on a Friday", "Tell me about the time you broke prod on a Friday."),
        ("We lost a region", "Tell me about the time you lost a region."),
        ("How we scaled Kafka", "Tell me about how you scaled Kafka."),
        ("What I learned from a failed launch", "Tell me about what you learned from a failed launch."),
        # titles that already ask
        ("A time you disagreed with your manager.", "Tell me about a time you disagreed with your manager."),
        ("The time I took down prod", "Tell me about a time you took down prod."),
        ("Tell me about a failed migration", "Tell me about a failed migration."),
        ("Tell me about the time I broke prod", "Tell me about the time you broke prod."),
        ("How did you handle a noisy pager?", "How did you handle a noisy pager?"),
        ("Describe a conflict with a peer", "Describe a conflict with a peer."),
        # cut off: asked about as far as it is whole
        ("Payments outage during the\u2026", "Tell me about the payments outage."),
    ],
)
def test_practice_question(title: str, question: str) -> None:
    assert practice_question(Story(id="x", title=title)) == question


def test_a_bare_name_is_asked_through_the_storys_theme() -> None:
    named = Story(id="x", title="Project Phoenix", themes=("scaling",))
    assert practice_question(named) == (
        "Tell me about a time you scaled a system to meet demand: the story you call \u201cProject Phoenix\u201d."
    )
    assert practice_question(Story(id="x", title="Kafka", themes=("conflict", "incident"))).startswith(
        "Tell me about a time you disagreed with a colleague:"
    )
    assert practice_question(Story(id="x", title="Kafka")) == "Tell me the story you call \u201cKafka\u201d."


def test_no_prompt_reads_a_title_as_it_is() -> None:
    """Whatever the shape, the prompt is never "Tell me about" + a bare verb or a title
    still in the first person."""
    titles = ["cut CI build time", "Shipped the new ingest path", "Automating cert rotation",
              "Pushed back on a risky launch", "Took over a failing migration", "I paged the wrong team"]  # fmt: skip
    for title in titles:
        prompt = practice_question(Story(id="x", title=title))
        assert prompt.startswith(("Tell me about a time you ", "Tell me about the time you ")), prompt
        assert not re.search(r"\b(I|my|we|our)\b", prompt), prompt


@pytest.mark.parametrize(
    ("story", "themes"),
    [
        (Story(id="", title="Payments outage", situation="the API went down during a launch"), ("incident",)),
        (Story(id="", title="Terraform pipeline", action="I automated the account setup"), ("automation",)),
        (Story(id="", title="Black Friday traffic", result="we scaled to 10x peak load"), ("scaling",)),
        (
            Story(id="", title="Disagreed with my lead", action="I pushed back on the launch date"),
            ("conflict",),
        ),
        (
            Story(id="", title="Aurora or DynamoDB", action="we chose Aurora instead of DynamoDB"),
            ("tradeoff",),
        ),
        (Story(id="", title="Mentoring a new hire"), ()),
    ],
)
def test_themes_are_suggested_from_the_storys_words(story: Story, themes: tuple[str, ...]) -> None:
    assert suggest_themes(story)[:1] == themes


def test_themes_as_typed_are_parsed_or_refused_in_one_line() -> None:
    assert parse_themes(["Incident, scaling", "incident"]) == ("incident", "scaling")
    assert parse_themes([" tradeoff  conflict "]) == ("tradeoff", "conflict")
    with pytest.raises(
        StoryError,
        match=r"^unknown theme 'outage'; themes are: incident, automation, scaling, conflict, tradeoff$",
    ):
        parse_themes(["incident, outage"])


def test_compare_with_card_on_a_spoken_answer(nlp_model: NlpModel) -> None:
    checks = compare_with_card(ALERTS_CARD, _document(nlp_model, ALERTS_ANSWER))
    said = {check.field: check.said for check in checks}
    assert said == {
        "situation": True,
        "task": True,
        "action": True,
        "result": True,
        "reflection": False,
        "problem": False,
        "architecture": False,
        "metric": False,
    }  # redesign is empty on the card, so it is not checked
    by_field = {check.field: check for check in checks}
    assert by_field["result"].card_text == "cut pages from 40 to 6 a week"
    result_evidence = by_field["result"].evidence
    assert result_evidence is not None
    assert "forty pages a week to six" in result_evidence.quote
    action_evidence = by_field["action"].evidence
    assert action_evidence is not None and "grouped the alerts by symptom" in action_evidence.quote
    assert by_field["architecture"].evidence is None
    assert [c.field for c in checks if c.field in PREP_FACTS] == ["problem", "architecture", "metric"]


@pytest.mark.parametrize(
    ("card", "answer", "said"),
    [
        ("cut pages from 40 to 6 a week", "so we went from like forty pages to six", True),
        ("cut pages from 40 to 6 a week", "um we cut pages a lot", False),
        ("error rate fell 40%", "the error rate fell by, uh, forty percent", True),
        ("error rate fell 40%", "the error rate fell by 40%", True),
        ("cut to 25 hosts from 90", "we ended up with twenty-five of the ninety hosts", True),
        ("cut to 25 hosts from 90", "we ended up with a lot fewer hosts", False),
        ("saved 1,200 dollars a month", "that saved twelve hundred dollars every month", True),
        ("no one owned the runbooks", "like, no one really owned the runbooks", True),
    ],
)
def test_card_numbers_must_be_said(nlp_model: NlpModel, card: str, answer: str, said: bool) -> None:
    story = Story(id="x", title="Numbers", result=card)
    [check] = compare_with_card(story, _document(nlp_model, answer))
    assert check.said is said
