"""The trained judgements, the boundary finder for unpunctuated transcripts, and the
real-answer evaluation's own arithmetic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.analysis.boundaries import MIN_RUN_WORDS
from coach.analysis.document import parse
from coach.analysis.linear import LinearModel, load_models
from coach.analysis.star import analyze_star
from coach.analysis.structure import analyze_structure
from coach.config import AnalysisOptions
from coach.errors import CoachError
from coach.evaluation.real_answers import (
    evaluate,
    load_corpus,
    quote_shows,
    spoken_form,
    spoken_words,
    words_of,
    words_sha256,
)
from coach.transcribe import transcript_from_text

STORY = (
    "Our login service failed at 9 pm on a Sunday, and no one could sign in. As the on-call engineer, "
    "I had to bring it back. I found an expired certificate on the load balancer and replaced it within "
    "25 minutes. Sign-ins recovered right away. I wrote the postmortem, which led to adding certificate "
    "expiry alerts and automatic renewal."
)


def _doc(nlp, text: str):  # type: ignore[no-untyped-def]
    return parse(transcript_from_text(text), nlp)


def test_spoken_form_strips_punctuation_and_case_but_keeps_words_whole() -> None:
    assert spoken_form("It cost $4,000 — about 40%. We're done, e.g. fine.") == (
        "it cost $4000 about 40% we're done e.g fine"
    )
    text = "Hello, World. It's 2.5 ms."
    assert [w for w, _, _ in spoken_words(text)] == ["hello", "world", "it's", "2.5", "ms"]
    assert all(text[a:b].lower().strip(".,").startswith(w[:2]) for w, a, b in spoken_words(text))
    assert words_sha256("**Rolled back** the deploy.") == words_sha256("rolled back the deploy")


def test_a_quote_shows_a_stretch_only_when_it_is_mostly_that_stretch() -> None:
    stretch = words_of("errors dropped from thirty percent to almost zero")
    assert quote_shows("Errors dropped from thirty percent to almost zero …", [stretch])
    assert not quote_shows("We posted a status update every fifteen minutes", [stretch])
    assert quote_shows("errors dropped", [words_of("errors dropped")])


def test_a_run_on_transcript_is_cut_into_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    run_on = spoken_form(STORY)
    assert len(run_on.split()) >= MIN_RUN_WORDS
    sentences = _doc(nlp, run_on).sentences
    assert len(sentences) >= 3, [s.text for s in sentences]
    assert all(len(s) >= 3 for s in sentences)


def test_punctuated_text_keeps_the_parsers_own_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    sentences = [s.text for s in _doc(nlp, STORY).sentences]
    with nlp.nlp.select_pipes(disable=["coach_boundaries"]):
        plain = [s.text for s in nlp.nlp(STORY).sents]
    assert sentences == plain


def test_the_story_reads_the_same_without_punctuation(nlp) -> None:  # type: ignore[no-untyped-def]
    written = analyze_star(_doc(nlp, STORY))
    spoken = analyze_star(_doc(nlp, spoken_form(STORY)))
    for part in ("situation", "task", "action", "result", "reflection"):
        assert (getattr(written, part) is None) == (getattr(spoken, part) is None), part
    assert spoken.reflection is not None and "postmortem" in spoken.reflection.quote


def test_every_verdict_says_why(nlp) -> None:  # type: ignore[no-untyped-def]
    star = analyze_star(_doc(nlp, STORY))
    for part in ("situation", "task", "action", "result", "reflection"):
        evidence = getattr(star, part)
        assert evidence is not None and evidence.why, part
        assert evidence.why.startswith(("rule:", "classifier ")), evidence.why
    structure = analyze_structure(
        _doc(nlp, "I'd use managed Postgres. It costs more, but we stop patching and running backups."),
        AnalysisOptions(),
    )
    assert structure.recommendation is not None and structure.recommendation_first
    assert structure.recommendation.why


def test_a_linear_model_scores_by_its_weights() -> None:
    model = LinearModel({"w:lesson": 3.0, "w:the": -0.1}, bias=-1.0, threshold=0.5)
    assert model.probability(["w:lesson"]) > 0.8 > model.probability(["w:the"])
    assert model.probability(["w:lesson", "w:lesson"]) == model.probability(["w:lesson"])
    assert model.explain(["w:lesson", "w:the"]) == ["w:lesson"]


def test_the_shipped_models_name_their_training_data() -> None:
    judgements = load_models("judgements")
    assert judgements.trained_on["methods"]
    assert set(judgements.trained_on["methods"]) >= {"situation", "recommendation", "tradeoff"}
    for part, method in judgements.trained_on["methods"].items():
        assert method in {"rules", "model", "either"}
        if method != "rules":
            assert judgements.models[part].weights
    assert load_models("boundaries").models["boundary"].weights


def test_a_missing_model_is_a_clear_error() -> None:
    with pytest.raises(CoachError, match="cannot be read"):
        load_models("no-such-model")


def _write_corpus(folder: Path, text: str, labelled_text: str | None = None) -> None:
    (folder / "angles.toml").write_text('[[angle]]\nlabel = "Cost"\nphrases = ["cost"]\n')
    row = {
        "id": "s-1",
        "kind": "story",
        "question": "Tell me about an outage.",
        "answer": text,
        "words_sha256": words_sha256(labelled_text or text),
        "split": "test",
        "site": "example.org",
        "source": "https://example.org",
    }
    (folder / "answers.jsonl").write_text(json.dumps(row) + "\n")
    at = text.find("I found")
    end = text.find("minutes.") + len("minutes.")
    labels = {
        "situation": {"value": "yes", "evidence": [[0, 40]]},
        "task": {"value": "yes", "evidence": []},
        "action": {"value": "yes", "evidence": [[at, end]]},
        "result": {"value": "no", "evidence": []},
        "reflection": {"value": "n-a", "evidence": []},
        "recommendation_first": {"value": "n-a", "evidence": []},
        "tradeoff": {"value": "no", "evidence": []},
    }
    (folder / "labels.jsonl").write_text(json.dumps({"id": "s-1", "labels": labels, "angles": {}}) + "\n")


def test_the_evaluation_counts_hits_misses_and_quotes(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    _write_corpus(tmp_path, STORY)
    report = evaluate(load_corpus(tmp_path), nlp)
    written = report["forms"]["written"]["labels"]
    assert written["situation"]["precision"] == 1.0 and written["situation"]["support"] == 1
    assert written["result"]["precision"] == 0.0  # labelled "no" here, and the analyzer finds one
    assert written["reflection"]["scored"] == 0  # "n-a" is not scored
    assert written["action"]["quote_accuracy"] == 1.0
    assert "spoken" in report["forms"] and set(report["spoken_drop"]) >= {"situation", "action"}


def test_a_gathered_text_that_differs_from_the_labelled_one_is_refused(tmp_path: Path) -> None:
    _write_corpus(tmp_path, STORY, labelled_text="something else entirely")
    with pytest.raises(CoachError, match="differs"):
        load_corpus(tmp_path)


KAFKA = (
    "Our Kafka cluster ran out of disk on a Friday night and consumers fell six hours behind. "
    "I was the on-call engineer. I moved two topics to a new broker and raised the retention alarms. "
    "Lag went back to zero within an hour. "
)


@pytest.mark.parametrize(
    "closing",
    [
        "Since then we alert at seventy percent disk.",
        "The postmortem led to a canary stage for every broker change.",
        "We now run a weekly capacity review.",
        "We added better disk alerts after that.",
    ],
)
def test_the_outcome_and_the_lesson_are_told_apart(nlp, closing: str) -> None:  # type: ignore[no-untyped-def]
    star = analyze_star(_doc(nlp, KAFKA + closing))
    assert star.result is not None and "Lag went back to zero" in star.result.quote, star.result
    assert star.reflection is not None and star.reflection.quote != star.result.quote
    assert star.result_measurable


def test_a_word_or_two_is_no_part_of_a_story(nlp) -> None:  # type: ignore[no-untyped-def]
    for text in ("yes", "Kubernetes."):
        star = analyze_star(_doc(nlp, text))
        assert star.situation is None and star.result is None, text


def test_the_why_names_telling_words_and_the_bar(nlp) -> None:  # type: ignore[no-untyped-def]
    text = spoken_form(KAFKA + "Since then we alert at seventy percent disk.")
    star = analyze_star(_doc(nlp, text))
    for part in ("situation", "task", "action", "result", "reflection"):
        evidence = getattr(star, part)
        if evidence is None or not evidence.why.startswith("classifier"):
            continue
        assert "yes from" in evidence.why
        for plain in ("“the”", "“to the”", "“i”", "“<num>”", "“and the”"):
            assert plain not in evidence.why, evidence.why


def test_with_no_question_a_story_is_judged_as_a_story(tmp_path: Path, coach_home) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import run_coach

    story = tmp_path / "story.txt"
    story.write_text(KAFKA + "The postmortem led to a canary stage for every broker change.")
    done = run_coach("analyze", "--text", str(story), "--json", "--no-keep-audio")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["question"]["kind"] == "behavioral" and data["star"]["reflection"]
    plan = tmp_path / "plan.txt"
    plan.write_text("I'd put a CDN in front of it. It costs more, but the origin stops melting at peak.")
    done = run_coach("analyze", "--text", str(plan), "--json", "--no-keep-audio")
    assert json.loads(done.stdout)["question"]["kind"] == "technical"


def test_an_unreadable_transcript_is_one_plain_line(tmp_path: Path, coach_home) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import run_coach

    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81 not text")
    for target, said in (
        (binary, "not UTF-8 text"),
        (tmp_path, "it is a folder"),
        (tmp_path / "nope.txt", "No such file"),
    ):
        done = run_coach("analyze", "--text", str(target), "--no-keep-audio")
        assert done.returncode != 0 and said in done.stderr, done.stderr
        assert "Error" not in done.stderr and "Traceback" not in done.stderr
