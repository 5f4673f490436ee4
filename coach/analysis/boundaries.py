"""Sentence boundaries in a transcript written without punctuation.

Whisper often writes a spoken answer as one run-on stretch, and a transcript can come with no
punctuation at all. spaCy's parser then makes one sentence of thirty seconds of speech, and
every judgement that works sentence by sentence (what comes first, which sentence to quote)
goes wrong. This pipeline component, placed between the tagger and the parser, marks
sentence starts inside any stretch of at least `MIN_RUN_WORDS` words without ".", "?" or
"!", from the words and part-of-speech tags around each gap ("... right away | i wrote the
postmortem ..."). Text that is punctuated is left exactly as the parser reads it.

The classifier is a logistic regression over the words and tags either side of the gap
(`gap_features`), fitted by `scripts/train-judgements` on the development part of the
real-answer corpus with its punctuation taken out (`trained/boundaries.json`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coach.analysis.linear import TRAINED, LinearModel, load_models

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A shorter stretch is an ordinary sentence. 30 words is about twice the length of the
# median sentence of the development answers (14 words), so a stretch this long without an
# end mark is almost always more than one sentence.
MIN_RUN_WORDS = 30
# No sentence shorter than this is cut out of a run ("so i", "and then").
MIN_SENTENCE_WORDS = 4
END_MARKS = frozenset({".", "?", "!", "…"})
COMPONENT = "coach_boundaries"


def _bucket(distance: int) -> str:
    if distance < 6:
        return "d<6"
    if distance < 12:
        return "d<12"
    if distance < 20:
        return "d<20"
    return "d20+"


def gap_features(words: list[str], tags: list[str], i: int, since_start: int) -> list[str]:
    """Features of the gap before words[i]; words are lower case, tags Penn Treebank.

    since_start: words since the last sentence start (how long the sentence already is)."""

    def w(k: int) -> str:
        return words[k] if 0 <= k < len(words) else "<edge>"

    def t(k: int) -> str:
        return tags[k] if 0 <= k < len(tags) else "<edge>"

    return [
        f"p1={w(i - 1)}",
        f"n1={w(i)}",
        f"n2={w(i + 1)}",
        f"p2={w(i - 2)}",
        f"p1n1={w(i - 1)}_{w(i)}",
        f"n1n2={w(i)}_{w(i + 1)}",
        f"p2p1={w(i - 2)}_{w(i - 1)}",
        f"tp1={t(i - 1)}",
        f"tn1={t(i)}",
        f"tn2={t(i + 1)}",
        f"tp1tn1={t(i - 1)}_{t(i)}",
        f"tn1tn2={t(i)}_{t(i + 1)}",
        f"tp1n1={t(i - 1)}_{w(i)}",
        f"p1tn1={w(i - 1)}_{t(i)}",
        _bucket(since_start),
        "bias",
    ]


def runs(doc: Doc) -> list[list[int]]:
    """Token indices of each stretch without an end mark, words only (no punctuation)."""
    out: list[list[int]] = [[]]
    for token in doc:
        if token.text in END_MARKS or (token.is_punct and token.text.endswith(tuple(END_MARKS))):
            out.append([])
        elif not (token.is_punct or token.is_space):
            out[-1].append(token.i)
    return [r for r in out if r]


# When a gap passes the threshold, the next gaps this far ahead are weighed too and the
# likeliest taken: "recovered right | away i wrote" loses to "recovered right away | i wrote".
LOOKAHEAD_WORDS = 3


def _probability(model: LinearModel, words: list[str], tags: list[str], k: int, since: int) -> float:
    """The chance of a sentence start before words[k]; none too close to either end."""
    if since < MIN_SENTENCE_WORDS or len(words) - k < MIN_SENTENCE_WORDS:
        return 0.0
    return model.probability(gap_features(words, tags, k, since))


def mark_boundaries(doc: Doc) -> Doc:
    """Decide every gap of each long run: a sentence start where the classifier finds a
    boundary (the likeliest of a few neighbouring gaps), none elsewhere."""
    model = load_models("boundaries").models["boundary"]
    for run in runs(doc):
        if len(run) < MIN_RUN_WORDS:
            continue
        words = [doc[i].lower_ for i in run]
        tags = [doc[i].tag_ for i in run]
        starts: set[int] = set()
        last = 0
        k = 1
        while k < len(run):
            if _probability(model, words, tags, k, k - last) >= model.threshold:
                ahead = range(k, min(len(run), k + LOOKAHEAD_WORDS + 1))
                k = max(ahead, key=lambda j, at=last: _probability(model, words, tags, j, j - at))  # type: ignore[misc]
                starts.add(k)
                last = k
            k += 1
        for k in range(1, len(run)):
            doc[run[k]].is_sent_start = k in starts
    return doc


def add_to(nlp: Any) -> None:
    """Put the component between the tagger and the parser of a loaded pipeline."""
    from spacy.language import Language

    if COMPONENT not in Language.factories:
        Language.component(COMPONENT, func=mark_boundaries)
    if not (TRAINED / "boundaries.json").exists():
        return  # only while scripts/train-judgements fits it for the first time
    if COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
