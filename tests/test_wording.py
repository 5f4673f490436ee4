"""How coach puts text together: words joined into text, counts with their nouns, a
label before a message, sentence ends, and the live line's width."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from typing import Any

import pytest
from rich.console import Console

from coach.wording import (
    about,
    attaches,
    counted,
    end_sentence,
    join_words,
    labelled,
    one_of,
    reason,
    tidy_stops,
)

JOINED = [
    (["on", "-call"], "on-call"),
    (["multi", "-zone", "cluster"], "multi-zone cluster"),
    (["4", ",000", "orders"], "4,000 orders"),
    (["3", ".5", "seconds"], "3.5 seconds"),
    (["30", "%", "faster"], "30% faster"),
    (["30", "%,", "then"], "30%, then"),
    (["it", "did", "n't", "work"], "it didn't work"),
    (["the", "team", "'s", "fix"], "the team's fix"),
    (["we", "'re", "done", "."], "we're done."),
    (["done", ",", "then", "?"], "done, then?"),
    (["wait", "…", "then"], "wait… then"),
    (["(", "roughly", ")"], "(roughly)"),
    (["$", "4.5", "million"], "$4.5 million"),
    # these keep their spaces: a dash standing alone, a name with a leading point, a decade
    (["I", "-", "we", "decided"], "I - we decided"),
    (["learned", ".NET", "early"], "learned .NET early"),
    (["in", "the", "'90s"], "in the '90s"),
    (["at", ".5", "seconds"], "at .5 seconds"),
    (["pre-", "and", "post-deploy"], "pre- and post-deploy"),
]


@pytest.mark.parametrize(("words", "text"), JOINED)
def test_one_joining_rule(words: list[str], text: str) -> None:
    assert join_words(words) == text


def test_the_rule_is_the_same_one_the_transcriber_glues_by() -> None:
    from coach.transcribe import Word, rejoin

    for words, text in JOINED:
        glued = rejoin([Word(w, i * 0.3, i * 0.3 + 0.2) for i, w in enumerate(words)])
        assert " ".join(w.text for w in glued) == text
    assert not attaches("", ",") and not attaches("word", "")


def _pieces(text: str) -> list[str]:
    """Words as a tokenizer may leave them, each piece apart: "on -call" is two."""
    return text.split(" ")


def _answer(nlp: Any, words: list[str], question_text: str, kind: str) -> dict[str, Any]:
    """An analyzed answer from timed words as given (as Whisper split them, or as an
    older attempt stored them), in its JSON form."""
    from coach.analysis import analyze
    from coach.feedback import make_feedback
    from coach.questions import adhoc_question
    from coach.report.json import answer_dict
    from coach.session import AnswerResult
    from coach.transcribe import Transcript, Word

    timed = tuple(Word(w, 0.35 * i, 0.35 * i + 0.3) for i, w in enumerate(words))
    transcript = Transcript(timed, duration_s=0.35 * len(words) + 0.5)
    analysis = analyze(transcript, adhoc_question(question_text, kind), nlp)
    return answer_dict(AnswerResult(analysis, make_feedback(analysis), None, transcript.duration_s))


def _views(data: dict[str, Any]) -> list[str]:
    """What a person reads of an answer: the terminal page, the HTML transcript and
    feedback, the JSON text, and every quote."""
    from coach.report.html import answer_report
    from coach.report.terminal import render

    screen = io.StringIO()
    render(Console(file=screen, width=200, color_system=None), data)
    page = answer_report(data)
    body = page[page.index("<body") :] if "<body" in page else page
    body = re.sub(r"<script.*?</script>|<style.*?</style>", "", body, flags=re.S)
    quotes = [t["evidence"] for t in data["feedback"]] + [m["evidence"]["quote"] for m in data["mistakes"]]
    return [screen.getvalue(), re.sub(r"<[^>]+>", "", body), data["transcript"]["text"], *quotes]


STRAY_SPACE = re.compile(r"\w \s*(-\w|,\d{3}|%|n't\b)")


def test_split_words_read_whole_in_every_view_and_quote(nlp: Any) -> None:
    words = _pieces(
        "So I was the on -call engineer and we had 4 ,000 orders failing . I rolled it back "
        "and errors fell 30 % . It did n't come back . I learned to add a multi -zone canary ."
    )
    data = _answer(nlp, words, "Tell me about an outage you handled", "behavioral")
    views = _views(data)
    assert "on-call" in views[2] and "4,000" in views[2] and "30%" in views[2] and "didn't" in views[2]
    for view in views:
        assert not STRAY_SPACE.search(view), STRAY_SPACE.search(view)


ONE_OF_A_KIND = re.compile(
    r"\b1\s*(fillers|words|actions|answers|questions|attempts|files|devices|bullets|recordings)\b"
)


def test_counts_of_one_take_the_singular_in_every_view(nlp: Any) -> None:
    from coach.report.live import live_line

    assert (counted(1, "filler"), counted(0, "filler"), counted(3, "story", "stories")) == (
        "1 filler",
        "0 fillers",
        "3 stories",
    )
    words = _pieces("I would put a queue between the two services , um , because it decouples them .")
    data = _answer(nlp, words, "How would you decouple two services?", "technical")
    assert data["fillers"]["count"] == 1
    for view in _views(data):
        assert not ONE_OF_A_KIND.search(view), ONE_OF_A_KIND.search(view)
    line = live_line(95, (60, 90), 180, -20, True, 120, (1, 1), show_counts=True).plain
    assert "1 word, 1 filler" in line


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ("Also cover: a, b, c …", "Also cover: a, b, c …"),
        ("Also cover: a, b, c ….", "Also cover: a, b, c …"),
        ("What did you change?.", "What did you change?"),
        ("Done..", "Done."),
        ("Done", "Done."),
        ("He said “yes.”", "He said “yes.”"),
        ("Wait...", "Wait..."),
        ("Really?!.", "Really?!"),
    ],
)
def test_one_stop_ends_a_sentence(text: str, closed: str) -> None:
    assert end_sentence(text) == closed


def test_doubled_stops_inside_assembled_text() -> None:
    assert tidy_stops("At Acme you list migrating the 40 services …. What problem?") == (
        "At Acme you list migrating the 40 services … What problem?"
    )
    assert tidy_stops("Why?. Then v1.2.3 ships... later.") == "Why? Then v1.2.3 ships... later."


def test_key_points_missed_end_on_their_ellipsis(nlp: Any) -> None:
    """More key points missed than the tip names: the list ends "…", never "…."."""
    from coach.analysis import analyze
    from coach.feedback import make_feedback
    from coach.questions import KeyPoint, adhoc_question
    from coach.transcribe import transcript_from_text

    points = tuple(KeyPoint(f"Point {n}", (f"zebra{n} quokka{n}",)) for n in range(6))
    question = replace(adhoc_question("How would you design a cache?", "technical"), key_points=points)
    analysis = analyze(transcript_from_text("I would use Redis because it is fast."), question, nlp)
    messages = [t.message for t in make_feedback(analysis)]
    missing = [m for m in messages if "Point 0" in m]
    assert missing and all(m.endswith("…") for m in missing), messages
    assert not any(re.search(r"(…|\?|!)\s*\.|(?<!\.)\.\.(?!\.)", m) for m in messages), messages


def test_a_label_is_never_said_twice() -> None:
    assert labelled("No reflection", "No reflection: close with what you learned.") == (
        "No reflection: close with what you learned."
    )
    assert labelled("No reflection", "no reflection — close with it.") == "no reflection — close with it."
    assert labelled("Long and wandering", "Long and off the point: 200 s against 90 s.") == (
        "Long and off the point: 200 s against 90 s."
    )
    assert labelled("Blame", "That sounds like blame. Say: what happened.") == (
        "Blame: That sounds like blame. Say: what happened."
    )
    assert about("/a/b.wav", "/a/b.wav: not a readable audio file") == "/a/b.wav: not a readable audio file"
    assert about("/a/b.wav", "the file holds no audio") == "/a/b.wav: the file holds no audio"
    assert one_of("round", "nope", ["full", "screen"]) == "unknown round 'nope'; choose one of: full, screen"


def test_an_os_error_is_told_without_the_path_it_repeats(tmp_path: Any) -> None:
    missing = tmp_path / "gone.json"
    with pytest.raises(OSError) as caught:
        missing.read_text()
    assert str(missing) in str(caught.value) and reason(caught.value) == "No such file or directory"


def test_mistakes_shown_after_the_tips_are_labelled_once(nlp: Any) -> None:
    """A story with no reflection whose reflection tip did not make the top three: the
    mistake is listed under its name, once."""
    from coach.report.terminal import render

    words = _pieces(
        "We noticed the payments API failing during a launch . We paged the database team . "
        "We rolled back the release . We added a canary stage to the pipeline ."
    )
    data = _answer(nlp, words, "Walk me through a big production outage you were involved in.", "behavioral")
    assert "no_reflection" in {m["kind"] for m in data["mistakes"]}
    screen = io.StringIO()
    render(Console(file=screen, width=200, color_system=None), data)
    page = screen.getvalue()
    assert "No reflection" in page and not re.search(r"(?i)no reflection:\s*no reflection", page), page


@pytest.mark.parametrize("width", [120, 100, 80, 60, 40, 24])
def test_the_live_line_fits_every_width(width: int) -> None:
    from coach.report.live import live_line

    for elapsed_s in (0.5, 30, 75, 100):
        for started in (False, True):
            for counts in (None, (0, 0), (1, 1), (1234, 56)):
                line = live_line(elapsed_s, (60, 90), 180, -20, started, width, counts, show_counts=True)
                assert line.cell_len <= width - 1, (width, line.plain)
                assert line.plain.startswith("● ")
    narrow = live_line(100, (60, 90), 180, -20, True, 60, (12, 3), show_counts=True).plain
    assert "12 words, 3 fillers" in narrow and "wrap up" in narrow  # the counts and cue stay longest
    before = live_line(3, (60, 90), 180, -20, True, 80, None, show_counts=True).plain
    assert "listening…" in before and "0 words" not in before
