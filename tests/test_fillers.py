from __future__ import annotations

import pytest

from coach.analysis.document import parse
from coach.analysis.fillers import analyze_fillers, find_fillers
from coach.transcribe import Transcript, Word, transcript_from_text


def _fillers(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.text for h in find_fillers(parse(transcript_from_text(text), nlp))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Um, I would, uh, start with the load balancer.", ["um", "uh"]),
        ("Hmm. Er, the cache was cold.", ["hm", "er"]),
        ("I like Go for small services.", []),
        ("It was, like, really slow.", ["like"]),
        ("It looks like a network issue.", []),
        ("We used tools like Terraform and Ansible.", []),
        ("You know the drill with pagers.", []),
        ("We just, you know, restarted it.", ["you know"]),
        ("Do you know what failed?", []),
        ("I mean, it worked in the end.", ["i mean"]),
        ("What I mean is that the cache was stale.", []),
        ("What kind of database would you pick?", []),
        ("The rollout was kind of risky.", ["kind of"]),
        ("It was basically a config error.", ["basically"]),
        ("So we rolled back the release.", ["so"]),
        ("We rolled back so that users were safe.", []),
    ],
)
def test_filler_words_in_context(nlp, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert _fillers(nlp, text) == expected


def test_hits_carry_times_and_rates(nlp) -> None:  # type: ignore[no-untyped-def]
    words = (
        Word("So,", 0.0, 0.3),
        Word("um,", 0.5, 0.9),
        Word("I'd", 1.0, 1.2),
        Word("use", 1.2, 1.4),
        Word("canaries.", 1.4, 2.0),
    )
    document = parse(Transcript(words, duration_s=2.0), nlp)
    fillers = analyze_fillers(document, 30.0)
    assert [(h.text, h.start_s, h.kind) for h in fillers.hits] == [
        ("so", 0.0, "opener"),
        ("um", 0.5, "filled_pause"),
    ]
    assert fillers.per_minute == 4.0
    assert fillers.share_of_words == 0.4
