"""Text normalization, word alignment, word error rate and filler recall/precision.

Normalization (applied to reference and hypothesis alike): lowercase; markup in <...> or
[...] dropped; punctuation dropped except inner apostrophes; hyphens split words
("on-call" -> "on call"); filler spellings folded ("umm" -> "um", "hmm"/"mm" -> "hm",
"uhh" -> "uh", "erm" -> "er", "yknow" -> "you know"); a few spelled-out forms folded
("mr" -> "mister", "%" -> "percent"). Fillers stay in as words, so a dropped "um" counts
as a deletion. Two-part backchannels ("mm-hmm", "mhm", "uh-huh") are left out of both
sides: a listener's "yes, go on", not a hesitation of the speaker (meeting references such
as AMI's write them for every listener).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

FILLED_PAUSE_WORDS = frozenset({"um", "uh", "er", "ah", "hm"})
_FOLD = {
    "umm": "um",
    "ummm": "um",
    "uhm": "um",
    "uhh": "uh",
    "uhhh": "uh",
    "erm": "er",
    "ahh": "ah",
    "hmm": "hm",
    "hmmm": "hm",
    "mm": "hm",
    "mmm": "hm",
    "mr": "mister",
    "mrs": "missus",
    "%": "percent",
    "gonna": "going to",
    "wanna": "want to",
    "yknow": "you know",
    "y'know": "you know",
    "ok": "okay",
}
_MARKUP = re.compile(r"<[^>]*>|\[[^\]]*\]")
_BACKCHANNEL = re.compile(r"(?<![\w'-])(?:mm-?hmm|mm-?hm|mhm+|uh-?huh|mm-?mm|uh-?uh)(?![\w'-])")
_NON_WORD = re.compile(r"[^a-z0-9'%\s]")


def normalize(text: str) -> list[str]:
    """Words of a transcript, normalized for scoring (see the module docstring)."""
    text = _BACKCHANNEL.sub(" ", _MARKUP.sub(" ", text.lower()))
    text = text.replace("-", " ").replace("%", " % ")
    text = _NON_WORD.sub(" ", text)
    words: list[str] = []
    for raw in text.split():
        word = raw.strip("'")
        if not word:
            continue
        words.extend(_FOLD.get(word, word).split())
    return words


@dataclass(frozen=True)
class Alignment:
    """Pairs of (reference word, hypothesis word); None marks a deletion or insertion."""

    pairs: tuple[tuple[str | None, str | None], ...]

    @property
    def errors(self) -> int:
        return sum(1 for r, h in self.pairs if r != h)

    @property
    def reference_length(self) -> int:
        return sum(1 for r, _ in self.pairs if r is not None)


def align(reference: Sequence[str], hypothesis: Sequence[str]) -> Alignment:
    """Levenshtein alignment with backtrace (substitution, deletion, insertion cost 1)."""
    n, m = len(reference), len(hypothesis)
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        cost[i][0] = i
    for j in range(1, m + 1):
        cost[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            same = reference[i - 1] == hypothesis[j - 1]
            cost[i][j] = min(cost[i - 1][j - 1] + (0 if same else 1), cost[i - 1][j] + 1, cost[i][j - 1] + 1)
    pairs: list[tuple[str | None, str | None]] = []
    i, j = n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0:
            same = reference[i - 1] == hypothesis[j - 1]
            if cost[i][j] == cost[i - 1][j - 1] + (0 if same else 1):
                pairs.append((reference[i - 1], hypothesis[j - 1]))
                i, j = i - 1, j - 1
                continue
        if i > 0 and cost[i][j] == cost[i - 1][j] + 1:
            pairs.append((reference[i - 1], None))
            i -= 1
        else:
            pairs.append((None, hypothesis[j - 1]))
            j -= 1
    pairs.reverse()
    return Alignment(tuple(pairs))


@dataclass(frozen=True)
class FillerCounts:
    """Filled pauses in the reference, in the hypothesis, and aligned to each other."""

    reference: int
    hypothesis: int
    matched: int

    def __add__(self, other: FillerCounts) -> FillerCounts:
        return FillerCounts(
            self.reference + other.reference, self.hypothesis + other.hypothesis, self.matched + other.matched
        )

    @property
    def recall(self) -> float | None:
        return self.matched / self.reference if self.reference else None

    @property
    def precision(self) -> float | None:
        return self.matched / self.hypothesis if self.hypothesis else None


def filler_counts(alignment: Alignment, fillers: frozenset[str] = FILLED_PAUSE_WORDS) -> FillerCounts:
    """Count fillers word by word: a reference filler is found when a hypothesis filler is
    aligned to it (one filled pause heard as another, "um" for "uh", still counts)."""
    reference = sum(1 for r, _ in alignment.pairs if r in fillers)
    hypothesis = sum(1 for _, h in alignment.pairs if h in fillers)
    matched = sum(1 for r, h in alignment.pairs if r in fillers and h in fillers)
    return FillerCounts(reference, hypothesis, matched)


def filler_aware_align(reference: Sequence[str], hypothesis: Sequence[str]) -> Alignment:
    """Align with every filled pause written as one token, so um/uh swaps align as pairs."""
    ref = ["<fp>" if w in FILLED_PAUSE_WORDS else w for w in reference]
    hyp = ["<fp>" if w in FILLED_PAUSE_WORDS else w for w in hypothesis]
    pairs = align(ref, hyp).pairs
    ri = hi = 0
    restored: list[tuple[str | None, str | None]] = []
    for r, h in pairs:
        r_word = reference[ri] if r is not None else None
        h_word = hypothesis[hi] if h is not None else None
        ri += r is not None
        hi += h is not None
        restored.append((r_word, h_word))
    return Alignment(tuple(restored))
