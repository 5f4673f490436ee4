from __future__ import annotations

from pathlib import Path

from coach.analysis import analyze
from coach.analysis.document import parse
from coach.analysis.star import analyze_star
from coach.analysis.structure import analyze_structure
from coach.config import AnalysisOptions
from coach.questions import adhoc_question
from coach.transcribe import transcript_from_text

STRONG_TECHNICAL = (
    "I'd go with a canary rollout behind a feature flag. "
    "Assuming we deploy a few times a day, the tradeoff is slower releases in exchange for a smaller blast radius. "
    "We'd monitor error rates and latency and roll back automatically when they regress. "
    "To validate it, I'd run a game day and check that rollback completes in under five minutes."
)
RAMBLING_TECHNICAL = (
    "So there are a lot of ways to think about deployments. Continuous delivery means shipping often. "
    "Some teams like blue-green, others like canaries, and the downside of blue-green is cost. "
    "A lot of it comes down to the culture of the team and how much traffic the service gets. "
    "In the end I would probably use canaries."
)
STRONG_STORY = (
    "At my last company we had a payments outage during a launch. My job was to lead the response. "
    "I paged the database team and rolled back the release. "
    "As a result, errors dropped from 5 percent to zero within 20 minutes. "
    "The lesson I learned is to gate schema changes, and next time I would add that check earlier."
)
DATA = Path(__file__).parent / "data"
WE_STORY = "We were migrating to Kubernetes. We decided to move fast. We rolled out the change and we fixed the issues."


def _doc(nlp, text: str):  # type: ignore[no-untyped-def]
    return parse(transcript_from_text(text), nlp)


def test_strong_technical_answer(nlp) -> None:  # type: ignore[no-untyped-def]
    s = analyze_structure(_doc(nlp, STRONG_TECHNICAL), AnalysisOptions())
    assert s.recommendation_first and s.recommendation is not None
    assert s.recommendation.quote.startswith("I'd go with a canary")
    assert s.assumptions and s.tradeoffs and s.operations and s.validation
    assert s.recommendation_before_tradeoffs


def test_late_recommendation_is_not_first(nlp) -> None:  # type: ignore[no-untyped-def]
    s = analyze_structure(_doc(nlp, RAMBLING_TECHNICAL), AnalysisOptions())
    assert s.recommendation is not None and "I would probably use canaries" in s.recommendation.quote
    assert not s.recommendation_first
    assert s.tradeoffs is not None and not s.recommendation_before_tradeoffs


def test_a_recommendation_within_forty_words_is_first_without_punctuation(nlp) -> None:  # type: ignore[no-untyped-def]
    # docs/labelling.md: the first two sentences or the first 40 words, whichever reaches further
    run_on = (
        "so for this one it really comes down to the traffic pattern and i would go with a canary "
        "rollout behind a feature flag because the blast radius stays small and we can roll back fast"
    )
    s = analyze_structure(_doc(nlp, run_on), AnalysisOptions())
    assert s.recommendation is not None and s.recommendation_first
    late = (
        " ".join(["we talked about a lot of things in that team over the years"] * 5)
        + " and i would use canaries"
    )
    assert not analyze_structure(_doc(nlp, late), AnalysisOptions()).recommendation_first


def test_imperative_counts_as_a_recommendation(nlp) -> None:  # type: ignore[no-untyped-def]
    s = analyze_structure(
        _doc(nlp, "Use blue-green deployments for the API. It costs more."), AnalysisOptions()
    )
    assert s.recommendation_first


def test_complete_star_story(nlp) -> None:  # type: ignore[no-untyped-def]
    star = analyze_star(_doc(nlp, STRONG_STORY))
    assert star.situation and star.task and star.action and star.result and star.reflection
    assert star.result_measurable
    assert star.i_actions >= 2 and star.i_we_ratio == 1.0


def test_we_story_has_no_own_action_and_no_reflection(nlp) -> None:  # type: ignore[no-untyped-def]
    star = analyze_star(_doc(nlp, WE_STORY))
    assert star.action is None and star.i_actions == 0 and star.we_actions >= 2
    assert star.i_we_ratio == 0.0
    assert star.reflection is None
    assert not star.result_measurable


def test_feedback_targets_the_gaps(nlp) -> None:  # type: ignore[no-untyped-def]
    from coach.feedback import make_feedback

    analysis = analyze(
        transcript_from_text(WE_STORY), adhoc_question("Tell me about a time you moved fast"), nlp
    )
    tips = make_feedback(analysis)
    assert len(tips) == 3
    assert "what you yourself did" in tips[0].message
    assert any("result" in t.message.lower() or "learned" in t.message for t in tips)


def test_every_tip_quotes_the_answer_with_a_time(nlp) -> None:  # type: ignore[no-untyped-def]
    """Timing, pace, pause and missing-part tips point at a moment of the answer too."""
    from coach.feedback import _structure_tips, _timing_tips, make_feedback
    from coach.transcribe import Transcript, Word

    sentences = [
        "So there are many ways to think about deployments in general.",
        "Some teams like blue-green and others like canaries for their services.",
        "We would watch the dashboards during each rollout and page the owner.",
    ] * 14  # past 90 s as spoken, from the first word
    words, t = [], 9.0  # a slow start, then fast speech
    for i, sentence in enumerate(sentences):
        for token in sentence.split():
            words.append(Word(token, round(t, 2), round(t + 0.18, 2)))
            t += 0.2
        t += 3.5 if i == 5 else 0.1  # one long silence
    transcript = Transcript(tuple(words), duration_s=round(t + 0.5, 2))
    analysis = analyze(transcript, adhoc_question("How would you make deployments safer?", "technical"), nlp)
    options = AnalysisOptions()
    tips = make_feedback(analysis, options)
    assert len(tips) == 3
    everything = _timing_tips(analysis, options) + _structure_tips(analysis, options)
    kinds = {tip.message.split()[0] for tip in everything}
    assert {"Cut", "A", "Slow", "You", "Close"} <= kinds, kinds
    for tip in everything:
        assert tip.evidence and tip.at_s is not None, tip
    pause = next(tip for tip in everything if tip.message.startswith("A "))
    assert "owner. … [3.5 s] … So there" in pause.evidence
    assert next(tip for tip in everything if tip.message.startswith("Cut")).at_s >= 89


def test_a_clean_answer_on_target_is_told_so_plainly(nlp) -> None:  # type: ignore[no-untyped-def]
    from coach.feedback import make_feedback
    from coach.transcribe import Transcript, Word

    text = STRONG_TECHNICAL + (
        " The rollout goes to one percent of traffic first, then ten, then everyone, with an automated"
        " gate between each step that compares error rates and p99 latency against the baseline."
        " Ownership sits with the service team, and the on-call engineer can halt the rollout from chat."
        " Secrets stay in the vault and the pipeline uses short-lived credentials, so a leaked token expires quickly."
        " The cost is extra pipeline time and a second set of dashboards, which I think is worth it for"
        " a payments service where a bad deploy costs real money."
    )
    words = [
        Word(token, round(i * 0.42, 2), round(i * 0.42 + 0.35, 2)) for i, token in enumerate(text.split())
    ]
    transcript = Transcript(tuple(words), duration_s=round(len(words) * 0.42 + 0.5, 2))
    analysis = analyze(transcript, adhoc_question("How would you make deployments safer?", "technical"), nlp)
    assert analysis.timing is not None and analysis.timing.verdict == "on_target", analysis.timing
    tips = make_feedback(analysis)
    assert len(tips) == 1 and tips[0].message.startswith("On target and clean"), tips


def test_degraded_mode_analyzes_every_labelled_answer_without_crashing() -> None:
    """Without a spaCy model the analyzers run on a blank pipeline; spaCy's tree accessors
    can crash the process on an unparsed doc, so this runs in a child process."""
    import subprocess
    import sys

    code = """
import json, sys
import coach.models as models
from coach.analysis import analyze
from coach.questions import adhoc_question
from coach.transcribe import transcript_from_text
nlp = models.NlpModel(models.degraded_pipeline(), "rule-based", degraded=True)
count = 0
for name in sys.argv[1:]:
    for line in open(name):
        row = json.loads(line)
        kind = row.get("kind") if row.get("kind") in ("technical", "behavioral") else "behavioral"
        analysis = analyze(transcript_from_text(row["answer"]), adhoc_question("Tell me", kind), nlp)
        assert analysis.degraded
        count += 1
print("analyzed", count)
"""
    files = [str(DATA / n) for n in ("answers.jsonl", "answers_holdout.jsonl", "mistakes.jsonl")]
    proc = subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert int(proc.stdout.split()[-1]) >= 250


def test_steps_told_without_a_subject_are_the_speakers_actions(nlp) -> None:  # type: ignore[no-untyped-def]
    # field case star_actions_without_subject: an engineer's note-style story
    text = (
        "Our build servers sat idle most of the night. I was responsible for the CI budget. "
        "Measured usage per hour for two weeks. Moved the runners to spot instances. "
        "Added a scale-to-zero schedule for nights. Cut the CI bill by 40 percent."
    )
    star = analyze_star(_doc(nlp, text))
    steps = ("Measured usage", "Moved the runners", "Added a scale-to-zero", "Cut the CI bill")
    assert star.action is not None and star.action.quote.startswith(steps)
    assert star.i_actions == 4 and star.we_actions == 0


def test_a_subjectless_sentence_in_a_third_person_text_is_not_an_action(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The cluster ran out of disk. Caused by verbose logging. The team was paged at night."
    star = analyze_star(_doc(nlp, text))
    assert star.action is None


def test_a_change_that_came_out_of_the_postmortem_is_a_reflection(nlp) -> None:  # type: ignore[no-untyped-def]
    # field case star_reflection_postmortem_led_to
    text = (
        "Our login service failed at 9 pm on a Sunday, and no one could sign in. As the on-call engineer, "
        "I had to bring it back. I found an expired certificate on the load balancer and replaced it within "
        "25 minutes. Sign-ins recovered right away. I wrote the postmortem, which led to adding certificate "
        "expiry alerts and automatic renewal."
    )
    star = analyze_star(_doc(nlp, text))
    assert star.reflection is not None and "led to adding certificate expiry alerts" in star.reflection.quote
    retro = "The disk filled up. I cleaned it. Our retrospective produced a new runbook for full disks."
    assert analyze_star(_doc(nlp, retro)).reflection is not None


def test_a_review_without_a_change_is_no_reflection(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The disk filled up and I cleaned it. I wrote the postmortem the next day. Nothing else came of it."
    )
    assert analyze_star(_doc(nlp, text)).reflection is None
