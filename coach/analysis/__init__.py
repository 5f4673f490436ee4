"""Transcript to Analysis: timing, fillers, and structure or STAR by the question's kind."""

from __future__ import annotations

from dataclasses import dataclass

from coach.acoustics import Acoustics
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
from coach.questions import Question
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
    timing = analyze_timing(transcript, options, question.target_window_s, acoustics)
    fillers = analyze_fillers(document, timing.duration_s if timing else None)
    structure = analyze_structure(document, options) if question.kind == "technical" else None
    star = analyze_star(document) if question.kind == "behavioral" else None
    coverage = analyze_coverage(document, question.key_points)
    mistakes = find_mistakes(
        document,
        question=question,
        timing=timing,
        star=star,
        coverage=coverage,
        target_window_s=question.target_window_s or options.target_window_s,
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
        topics=mentioned_topics(document),
    )


def warm_up(question: Question, nlp_model: NlpModel) -> None:
    """Analyze a few words once, so every phrase list (and the question's key points) is
    lemmatized before the real answer arrives."""
    from coach.transcribe import transcript_from_text

    analyze(transcript_from_text("I would warm up first."), question, nlp_model)
