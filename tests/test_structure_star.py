from __future__ import annotations

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
    "In the end I would probably use canaries."
)
STRONG_STORY = (
    "At my last company we had a payments outage during a launch. My job was to lead the response. "
    "I paged the database team and rolled back the release. "
    "As a result, errors dropped from 5 percent to zero within 20 minutes. "
    "The lesson I learned is to gate schema changes, and next time I would add that check earlier."
)
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
    assert "what *you* did" in tips[0].message
    assert any("result" in t.message.lower() or "learned" in t.message for t in tips)
