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


def test_field_case_you_know_and_i_mean_without_commas(nlp) -> None:  # type: ignore[no-untyped-def]
    # ../shared/field-cases/fillers_you_know_i_mean_no_commas.txt: Whisper wrote no commas
    text = (
        "We had you know no runbook for the failover. The fix I mean the real fix was to promote the replica."
    )
    assert _fillers(nlp, text) == ["you know", "i mean"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # discourse use with no commas: mid-clause asides and self-repairs
        ("We had you know no runbook.", ["you know"]),
        ("It was set up with you know the default settings.", ["you know"]),
        ("It shouldn't be too boxy you know it's awkward.", ["you know"]),
        ("The fix I mean the real fix was to promote the replica.", ["i mean"]),
        ("We rolled back I mean what else could we do?", ["i mean"]),
        ("I mean that's the whole point.", ["i mean"]),
        # at the start, followed by a clause
        ("You know we won't have that budget next year.", ["you know"]),
        ("You know the cache was cold after the failover.", ["you know"]),
        ("Like nobody even knew who owned that bucket.", ["like"]),
        ("Right who has worked with Kafka before?", ["right"]),
        ("Oh right we fixed that in the next sprint.", ["right"]),
        # a tag "right" before "and"/"so", a new clause, or the end
        ("We restarted it right?", ["right"]),
        ("You have three replicas right and one of them is lagging.", ["right"]),
        ("That was the whole point right it's just a queue.", ["right"]),
        ("The panel shows a sequence right", ["right"]),
        # other discourse "like", hedges and tags
        ("I live like five minutes from the office.", ["like"]),
        ("If we use like a stick for the pointer.", ["like"]),
        ("I don't know like there's no owner for it.", ["like"]),
        ("It worked but kind of pattern matching only.", ["kind of"]),
        ("That was the problem actually", ["actually"]),
        # literal uses stay literal
        ("You know the drill with pagers.", []),
        ("I'll let you know.", []),
        ("I'm sure you know the answer.", []),
        ("What I mean is that the cache was stale.", []),
        ("I mean it.", []),
        ("I mean to say that it failed.", []),
        ("When I say rollback I mean reverting the release.", []),
        ("That was the right call.", []),
        ("You're right it was the TTL.", []),
        ("We fixed it right away.", []),
        ("Right now the cluster is healthy.", []),
        ("Right after the deploy the errors started.", []),
        ("We did the migration right and nothing broke.", []),
        ("The error panel is on the right.", []),
        ("I like Go for small services.", []),
        ("It looks like a network issue.", []),
        ("It was like a circuit breaker.", []),
        ("It's always like that.", []),
        ("Like I said the fix was a circuit breaker.", []),
        ("What kind of database would you pick?", []),
        ("I would draw the arrows here kind of thing.", []),
        ("We rolled back the release for the portable phone so why not.", []),
        ("I think so.", []),
    ],
)
def test_discourse_use_without_commas(nlp, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert _fillers(nlp, text) == expected
