"""Transcript to Analysis: timing, fillers, and structure or STAR by the question's kind."""

from __future__ import annotations

from dataclasses import dataclass

from coach.acoustics import Acoustics
from coach.analysis.asked import STAR_PARTS_ASKED, AskedCheck, check_asked
from coach.analysis.claims import ClaimCheck, check_claim
from coach.analysis.coverage import Coverage, analyze_coverage, mentioned_topics
from coach.analysis.document import Document, parse
from coach.analysis.fillers import Fillers, analyze_fillers
from coach.analysis.mistakes import Mistake, find_mistakes
from coach.analysis.star import Star, analyze_star
from coach.analysis.structure import Structure, analyze_structure
from coach.analysis.timing import Timing, analyze_timing
from coach.config import AnalysisOptions
from coach.models import NlpModel
from coach.questions import Question, target_window
from coach.transcribe import Transcript

__all__ = ["Analysis", "Document", "analyze"]


@dataclass(frozen=True)
class Analysis:
    question: Question
    transcript: Transcript
    timing: Timing | None
    fillers: Fillers
    structure: Structure | None
    star: Star | None
    coverage: Coverage
    mistakes: tuple[Mistake, ...]
    nlp_model: str
    degraded: bool
    claim: ClaimCheck | None = None  # questions built from a resume bullet
    topics: frozenset[str] = frozenset()  # operational topics touched (coverage.TOPICS)
    asked: AskedCheck | None = None  # a follow-up probe's answer: judged on what it asked


def analyze(
    transcript: Transcript,
    question: Question,
    nlp_model: NlpModel,
    options: AnalysisOptions | None = None,
    acoustics: Acoustics | None = None,
) -> Analysis:
    """Analyze one answer. Technical answers get structure; behavioral answers get STAR;
    motivation answers neither (only key points). `acoustics` (from the recording)
    sharpens pauses and speaking time."""
    options = options or AnalysisOptions()
    document = parse(transcript, nlp_model)
    window_s = target_window(question, options.target_window_s)
    timing = analyze_timing(transcript, options, window_s, acoustics)
    fillers = analyze_fillers(document, timing.answer_s if timing else None)
    asks = question.asks
    wants_star = asks is not None and bool(STAR_PARTS_ASKED & set(asks))
    wants_structure = asks is not None and "tradeoff" in asks
    structure = (
        analyze_structure(document, options) if question.kind == "technical" or wants_structure else None
    )
    star = analyze_star(document) if question.kind == "behavioral" or wants_star else None
    topics = mentioned_topics(document)
    coverage = analyze_coverage(document, question.key_points)
    mistakes = find_mistakes(
        document,
        question=question,
        timing=timing,
        star=star,
        coverage=coverage,
        target_window_s=window_s,
    )
    return Analysis(
        question=question,
        transcript=transcript,
        timing=timing,
        fillers=fillers,
        structure=structure,
        star=star,
        coverage=coverage,
        mistakes=tuple(mistakes),
        nlp_model=nlp_model.name,
        degraded=nlp_model.degraded,
        claim=check_claim(document, question.claim) if question.claim is not None else None,
        topics=topics,
        asked=check_asked(asks, document, star, structure, topics) if asks is not None else None,
    )


def warm_up(question: Question, nlp_model: NlpModel) -> None:
    """Analyze a few words once, so every phrase list (and the question's key points) is
    lemmatized before the real answer arrives."""
    from coach.transcribe import transcript_from_text

    analyze(transcript_from_text("I would warm up first."), question, nlp_model)
