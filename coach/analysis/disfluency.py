"""Hedges and repeated words, found on the words' text alone, for the report's transcript.

A hedge softens a claim the interviewer wants stated plainly ("maybe", "I guess", "more or
less"). "kind of" and "sort of" are left to the filler finder, which tells "it was kind of
slow" from "what kind of database"; the phrases here are hedges wherever they occur.
"""

from __future__ import annotations

from collections.abc import Sequence

HEDGE_PHRASES: tuple[tuple[str, ...], ...] = (
    ("maybe",), ("perhaps",), ("kinda",), ("sorta",), ("somewhat",),
    ("i", "guess"), ("i", "suppose"), ("more", "or", "less"),
)  # fmt: skip
# a phrase does not run across a pause in the sentence: "…said I. Guess what…"
BREAK_MARKS = tuple(".,;:!?…")


def _norm(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def hedge_spans(words: Sequence[str]) -> list[tuple[int, int]]:
    """(first, end) word indices of every hedge phrase, end exclusive, in order."""
    norms = [_norm(w) for w in words]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(norms):
        for phrase in HEDGE_PHRASES:
            end = i + len(phrase)
            broken = any(w.rstrip().endswith(BREAK_MARKS) for w in words[i : end - 1])
            if tuple(norms[i:end]) == phrase and not broken:
                spans.append((i, end))
                i = end
                break
        else:
            i += 1
    return spans


def repeated_words(words: Sequence[str]) -> set[int]:
    """Indices of the words that repeat the word, or the two-word phrase, just before them:
    "we we", "I think I think", "and then and then"."""
    norms = [_norm(w) for w in words]
    repeats: set[int] = set()
    for i in range(1, len(norms)):
        if norms[i] and norms[i] == norms[i - 1]:
            repeats.add(i)
        if i >= 3 and all(norms[i - 3 : i + 1]) and norms[i - 3 : i - 1] == norms[i - 1 : i + 1]:
            repeats.update((i - 1, i))
    return repeats
