"""One length policy (coach.config.LengthPolicy) for every question source, every path that
judges an answer's length, and the user's own `target_s`."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.analysis import analyze
from coach.config import LENGTH_POLICY, AnalysisOptions, RecordOptions, load_settings
from coach.errors import QuestionBankError
from coach.evaluation.mistakes import timed_transcript
from coach.interview import STRICT_GRACE_S, story_questions, strict_options
from coach.probes import Probe, probe_question
from coach.questions import KINDS, adhoc_question, load_bank, load_bank_file, resolve_question, target_window
from coach.recovery import Pending, question_for
from coach.resume.extract import extract
from coach.resume.questions import resume_questions
from coach.resume.read import read_resume
from coach.stories import Story
from tests.conftest import REPO, run_coach

BANK = load_bank([])
STORY = Story(
    id="payments-outage",
    title="Payments outage on launch day",
    themes=("incident",),
    situation="Our payments API failed during a launch.",
    task="I led the response as the on-call engineer.",
    action="I rolled back the release and paged the database team.",
    result="Errors fell from five percent to almost zero.",
    reflection="I would add a canary stage next time.",
)
# A story told evenly at 150 words a minute, so its length is set by its word count.
STORY_TEXT = (
    "At my last company our payments API failed during a launch and I was the on-call engineer. "
    "I paged the database team, rolled back the release within ten minutes and we added a canary "
    "stage, so errors dropped from five percent to almost zero and I learned to test rollbacks. "
)


def _told_for(seconds: float) -> str:
    words = (STORY_TEXT.split() * 20)[: int(seconds / 60 * 150)]
    return " ".join(words)


def _policy(kind: str) -> tuple[float, float]:
    return LENGTH_POLICY.window_s(kind)


def test_the_policy_is_one_table_with_a_window_per_kind_of_answer() -> None:
    assert LENGTH_POLICY.technical_s == (60.0, 90.0)  # the README's general target
    for kind in (*KINDS, "probe"):
        low, high = _policy(kind)
        assert 0 < low < high
    assert _policy("probe")[1] <= _policy("technical")[0]  # a follow-up is shorter than any first pass


@pytest.mark.parametrize("seconds", [55.0, 88.0, 118.0, 125.0])
def test_a_story_gets_the_same_verdict_in_practice_and_in_stories_practice(nlp, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """`coach practice` asks a bank story question; `coach stories practice` asks the card's
    own. Both judge the answer in coach.analysis.analyze, with the user's settings."""
    transcript = timed_transcript(_told_for(seconds), wpm=150)
    options = AnalysisOptions(target_window_s=load_settings().target_window_s)
    card = story_questions([STORY])[0]
    told = analyze(transcript, card, nlp, options).timing
    assert told is not None and told.target_s == _policy("behavioral")
    for question in (q for q in BANK if q.kind == "behavioral"):
        timing = analyze(transcript, question, nlp, options).timing
        assert timing is not None
        assert (timing.verdict, timing.target_s) == (told.verdict, told.target_s), question.id
    expected = "short" if seconds < 60 else "long" if seconds > 120 else "on_target"
    assert told.verdict == expected


def test_every_question_source_yields_the_policys_window_for_its_kind(nlp) -> None:  # type: ignore[no-untyped-def]
    # the shipped bank: no bank entry overrides the policy
    assert all(q.target_window_s is None for q in BANK)
    for question in BANK:
        assert target_window(question) == _policy(question.kind), question.id
    # story cards: behavioral stories
    assert target_window(story_questions([STORY])[0]) == _policy("behavioral")
    # questions typed in words, and no question at all
    for kind in KINDS:
        assert target_window(adhoc_question("Some question in words?", kind)) == _policy(kind)
    assert target_window(resolve_question(BANK, None, "motivation")) == _policy("motivation")
    assert target_window(adhoc_question("Why do you want to work here?")) == _policy("motivation")
    # follow-up probes, whatever the parent's kind or the probe's own kind
    for parent in (BANK[0], story_questions([STORY])[0], adhoc_question("Why us?", "motivation")):
        for kind in KINDS:
            probe = probe_question(parent, Probe("What would you change?", "no reflection", kind))
            assert target_window(probe) == _policy("probe")
    # the resume: deep dives and walkthroughs are stories, narrow claim and tool questions
    # are follow-ups, and bank questions picked for a gap or the role keep their kind
    resume = extract(
        read_resume(REPO / "tests" / "data" / "resumes" / "devops.txt"), nlp.nlp, target_role="SRE"
    )
    items = resume_questions(resume, BANK)
    kinds = {item.kind for item in items}
    assert {"problem", "walkthrough", "measurement", "tool", "gap", "role"} <= kinds
    for item in items:
        if item.kind in ("measurement", "ownership", "tool") or (
            item.kind == "gap" and item.question.source == "resume"
        ):
            expected = _policy("probe")
        else:
            expected = _policy(item.question.kind)
        assert target_window(item.question) == expected, (item.kind, item.question.id)
    # an answer recovered after an interruption: the question as it was asked
    recovered = question_for(
        Pending(Path("x.wav"), Path("x.json"), "story-x", "Tell me a story.", "behavioral", ""), BANK
    )
    assert target_window(recovered) == _policy("behavioral") and recovered.id == "story-x"
    probe = Pending(Path("p.wav"), Path("p.json"), "story-x-probe1", "What did you learn?", "behavioral", "")
    assert target_window(question_for(probe, BANK)) == _policy("probe")


def test_the_live_display_and_the_strict_cut_off_follow_the_policy() -> None:
    """A mock cuts each answer off STRICT_GRACE_S after the top of the window the recording
    display shows; both come from the same resolved window."""
    for question in (
        *BANK[:5],
        story_questions([STORY])[0],
        probe_question(BANK[0], Probe("Why?", "r", "technical")),
    ):
        expected = target_window(question)[1] + STRICT_GRACE_S
        assert strict_options(question, RecordOptions(), None).max_answer_s == expected


def test_the_users_target_s_replaces_the_policy_for_first_pass_answers(nlp, coach_home: Path) -> None:  # type: ignore[no-untyped-def]
    (coach_home / "config.toml").write_text("target_s = [30, 45]\n")
    configured = load_settings().target_window_s
    assert configured == (30.0, 45.0)
    transcript = timed_transcript(_told_for(40.0), wpm=150)
    options = AnalysisOptions(target_window_s=configured)
    for question in (BANK[0], story_questions([STORY])[0], adhoc_question("Why us?", "motivation")):
        timing = analyze(transcript, question, nlp, options).timing
        assert timing is not None and timing.target_s == (30.0, 45.0) and timing.verdict == "on_target"
    probe = probe_question(BANK[0], Probe("What would you change?", "no reflection", "technical"))
    assert target_window(probe, configured) == _policy("probe")  # follow-ups keep their window
    assert strict_options(BANK[0], RecordOptions(), configured).max_answer_s == 45.0 + STRICT_GRACE_S


BANK_ENTRY = """[[question]]
id = "design-walkthrough"
category = "infrastructure"
round = "system-design"
kind = "technical"
text = "Walk me through a whole design for a reliable cloud service."
target_s = [90, 180]
{reason}
"""


def test_a_bank_entry_overrides_the_policy_only_with_a_stated_reason(tmp_path: Path) -> None:
    reasoned = tmp_path / "reasoned.toml"
    reasoned.write_text(BANK_ENTRY.format(reason='target_reason = "the whole walkthrough, not a first pass"'))
    [question] = load_bank_file(reasoned)
    assert target_window(question) == (90.0, 180.0)
    bare = tmp_path / "bare.toml"
    bare.write_text(BANK_ENTRY.format(reason=""))
    with pytest.raises(QuestionBankError, match=r"bare.toml:7: target_s needs `target_reason`"):
        load_bank_file(bare)
    proc = run_coach("questions", "--bank", str(bare))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"question bank: {bare}:7: target_s needs `target_reason`: say why this answer should run outside "
        "the length policy's 60-90 s for a technical answer (or drop target_s)"
    ]
    lonely = tmp_path / "lonely.toml"
    lonely.write_text(BANK_ENTRY.replace("target_s = [90, 180]\n", "").format(reason='target_reason = "x"'))
    with pytest.raises(QuestionBankError, match=r"lonely.toml:7: target_reason explains a target_s"):
        load_bank_file(lonely)


def test_no_shipped_bank_file_sets_a_window_without_a_reason() -> None:
    for path in sorted((REPO / "prompts").glob("*.toml")):
        for question in load_bank_file(path):
            assert question.target_window_s is None, f"{path.name}: {question.id}"


def test_a_typed_question_is_judged_on_its_kinds_window(nlp) -> None:  # type: ignore[no-untyped-def]
    transcript = timed_transcript(_told_for(100.0), wpm=150)
    story = analyze(transcript, adhoc_question("Tell me about a time you failed."), nlp).timing
    design = analyze(transcript, adhoc_question("How would you design a cache?"), nlp).timing
    assert story is not None and design is not None
    assert (story.verdict, design.verdict) == ("on_target", "long")
