"""An answer about a resume bullet, checked against what the bullet claims: were its
figures said aloud, and was the candidate's own part clear?"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.analysis.document import Document, Evidence
from coach.analysis.star import first_person_actions
from coach.questions import Claim

# fmt: off
_UNITS = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000,
           "billion": 1_000_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
# fmt: on
_DIGITS = re.compile(r"(\d+(?:[.,]\d+)*)\s*(k|m|bn|b|thousand|million|billion)?\b", re.IGNORECASE)
MIN_OWN_SHARE = 0.5


@dataclass(frozen=True)
class ClaimCheck:
    bullet: str
    numbers_claimed: tuple[str, ...]
    numbers_said: tuple[str, ...]  # the claimed figures heard in the answer
    own_actions: int  # past actions told with "I"
    team_actions: int  # ... and with "we"
    evidence: Evidence | None  # where a claimed figure was said

    @property
    def metric_said(self) -> bool | None:
        """None when the bullet has no figure to say."""
        return bool(self.numbers_said) if self.numbers_claimed else None

    @property
    def ownership_clear(self) -> bool:
        total = self.own_actions + self.team_actions
        return self.own_actions > 0 and self.own_actions / total >= MIN_OWN_SHARE


def values_of(figure: str) -> set[float]:
    """The numeric values a written figure stands for: "$180k" -> {180, 180000}, "three" -> {3}."""
    values: set[float] = set()
    for number, scale in _DIGITS.findall(figure):
        plain = float(number.replace(",", ""))
        values.add(plain)
        if scale:
            values.add(plain * _SCALES[scale.lower()])
    values |= {v for v, _ in _word_numbers(figure.lower().split())}
    return values


def _word_numbers(words: list[str]) -> list[tuple[float, int]]:
    """Runs of number words as values, with the index where each run starts."""
    found: list[tuple[float, int]] = []
    total, current, start = 0.0, 0.0, None
    for i, raw in enumerate([*words, ""]):
        word = raw.strip(".,;:!?").replace("-", " ")
        parts = word.split() if word else []
        if parts and all(
            p in _UNITS or p in _TENS or (p in _SCALES and len(p) > 2) or p == "and" for p in parts
        ):
            if parts == ["and"] and start is None:
                continue
            if start is None:
                start = i
            for p in parts:
                if p in _UNITS:
                    current += _UNITS[p]
                elif p in _TENS:
                    current += _TENS[p]
                elif p == "hundred":
                    current = max(current, 1) * 100
                elif p in _SCALES:
                    total += max(current, 1) * _SCALES[p]
                    current = 0
            continue
        if start is not None:
            found.append((total + current, start))
        total, current, start = 0.0, 0.0, None
    return found


def _spoken_values(document: Document) -> list[tuple[float, int]]:
    """Every number said in the answer, with the token index where it was said."""
    tokens = [t.text for t in document.doc]
    spoken: list[tuple[float, int]] = []
    for i, text in enumerate(tokens):
        match = _DIGITS.fullmatch(text.lstrip("$€£").rstrip("%"))
        if match:
            for value in values_of(text.lstrip("$€£").rstrip("%")):
                spoken.append((value, i))
            nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
            if nxt in _SCALES:
                spoken.append((float(match.group(1).replace(",", "")) * _SCALES[nxt], i))
    spoken += _word_numbers([t.lower() for t in tokens])
    return spoken


def check_claim(document: Document, claim: Claim) -> ClaimCheck:
    spoken = _spoken_values(document)
    said: list[str] = []
    evidence = None
    for figure in claim.numbers:
        wanted = values_of(figure)
        hit = next((i for value, i in spoken if any(abs(value - w) < 1e-6 for w in wanted)), None)
        if hit is not None:
            said.append(figure)
            if evidence is None:
                evidence = document.evidence(document.doc[max(0, hit - 6) : hit + 8])
    own, team = first_person_actions(document)
    return ClaimCheck(
        bullet=claim.bullet,
        numbers_claimed=claim.numbers,
        numbers_said=tuple(said),
        own_actions=len(own),
        team_actions=len(team),
        evidence=evidence,
    )
