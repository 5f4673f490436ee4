"""A bullet's claim said back to the candidate, in whole sentences.

"Migrated 40 services from EC2 to EKS, cutting deploy time from 45 to 12 minutes." is
said back as "you migrated 40 services from EC2 to EKS, cutting deploy time from 45 to
12 minutes": the bullet's own words from its leading verb to the end of the phrase that
holds its last figure, told in the second person. A figure is never listed on its own
("45 and 12 minutes"), since only the bullet's words say what it counts. A bullet cut off
mid-sentence is said back only as far as it is whole.
"""

from __future__ import annotations

import re

from coach.english import IRREGULAR_PAST, PAST_FORMS, bare, complete_part, past_tense, second_person
from coach.resume.model import Bullet
from coach.resume.tools import tools_in

# after the claim's last figure, these open what is no longer the claim: the means
# ("by moving …", "with Ansible"), the time ("during the cutover") or a reason
# fmt: off
END_WORDS = frozenset({
    "by", "with", "using", "via", "through", "after", "before", "during", "while", "when", "because",
    "so", "thanks", "including"
})
# fmt: on
_SUBORDINATE = re.compile(r"\s*(?:[;:]|\s[\u2014\u2013-])\s+")
_TEAM_SUBJECT = re.compile(r"^(?:we|our team|the team|my team)\b", re.IGNORECASE)
_I_SUBJECT = re.compile(r"^i\b", re.IGNORECASE)
_FINITE = re.compile(
    rf"\b(?:\w{{3,}}ed|is|are|was|were|has|have|had|{'|'.join(sorted(PAST_FORMS))})\b", re.IGNORECASE
)
# a figure that measures a result (a share, a time, a size, money, a rate) rather than
# counting things done; it is asked how it was measured
_OUTCOME_FIGURE = re.compile(
    r"[%\u00d7$\u20ac\u00a3/]|percent|\b(?:thousand|million|billion)\b|^zero$"
    r"|\d\s?(?:x|ms|s|secs?|seconds?|mins?|minutes?|h|hours?|hrs?|days?|weeks?|months?|years?"
    r"|tb|gb|pb|mb|rps|qps|nines|k|m|bn|b)\b",
    re.IGNORECASE,
)
MAX_SUBJECT_WORDS = 6  # "Kafka consumer lag on the orders topic" dropped …
# fmt: off
_NOT_A_SUBJECT = frozenset({
    "part", "member", "on", "in", "as", "for", "with", "by", "responsible", "owner"
})
_CLAUSE_WORDS = frozenset({
    "that", "which", "who", "whom", "whose", "where", "when", "while", "if", "because"
})
# fmt: on
_RATE_AFTER = re.compile(r"^\s*(?:\w+\s+)?(?:times?|per|a|an|each|every)\b|^\s*/", re.IGNORECASE)


def verb_index(bullet: Bullet, words: list[str]) -> int | None:
    """Where the bullet's leading verb stands among its first four words, if it does."""
    if not bullet.action:
        return None
    action = bullet.action
    forms = {action, action + "s", action + "d", action + "ed", past_tense(action)}
    forms |= {re.sub(r"e$", "", action) + "ing", action + "ing", action + action[-1:] + "ing"}
    stem = action[:-1] if len(action) > 4 else action
    for i, word in enumerate(words[:4]):
        bare = re.sub(r"\W", "", word.lower())
        if bare in forms or bare.startswith(stem) or IRREGULAR_PAST.get(action) == bare:
            return i
    return None


def _drop_plain_brackets(text: str) -> str:
    """Brackets without a figure are asides ("(EKS)"), left out of a sentence said aloud."""
    return re.sub(r"\s*\(([^()]*)\)", lambda m: m.group(0) if re.search(r"\d", m.group(1)) else "", text)


def _figure_spans(text: str, numbers: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """Each figure found in the text, in order, with where it stands."""
    spans, position = [], 0
    lowered = text.lower()
    for figure in numbers:
        found = re.compile(rf"(?<![\w.]){re.escape(figure.lower())}(?!\w)").search(lowered, position)
        if found is not None:
            spans.append((figure, found.start(), found.end()))
            position = found.end()
    return spans


def _end_of_claim(text: str, after: int) -> int:
    """Where the phrase that holds the last figure ends: at the next clause break, or at
    a word that opens the means, the time or a reason."""
    for match in re.finditer(r"[,;]\s|\s[\u2014\u2013]\s|\s(\w+)\b", text[after:]):
        if match.group(1) is None or match.group(1).lower() in END_WORDS:
            return after + match.start()
    return len(text)


def _joined(text: str) -> str:
    """A clause after a semicolon or dash joined as English: "; median time fell by 35%"
    -> ", and median time fell by 35%"; "; 200 stars on GitHub" -> ", with 200 stars …"."""
    parts = _SUBORDINATE.split(text)
    out = parts[0]
    for part in parts[1:]:
        out += (", and " if _FINITE.search(part) else ", with ") + part
    return out


def _subject_first(words: list[str]) -> bool:
    """Whether the words are a sentence with its subject first: a short noun phrase, then
    a verb in the past ("Median time to mitigate fell by 35%"), not a fragment such as
    "Part of the team that cut …" or "On call for …"."""
    finite = next(
        (i for i, w in enumerate(words[: MAX_SUBJECT_WORDS + 1]) if _FINITE.fullmatch(bare(w))), None
    )
    if not finite or words[0].lower() in _NOT_A_SUBJECT:
        return False
    return not any(bare(w) in _CLAUSE_WORDS for w in words[:finite])


def claim_sentence(bullet: Bullet) -> str | None:
    """The bullet's claim as a clause that can follow "Your resume says": "you cut cluster
    costs by 28%", "your team reduced failed deployments by 50%". None when the whole part
    of the bullet holds none of its figures, or it names no subject or verb to say it with
    ("On call for the card path (99.99% availability)")."""
    text = _drop_plain_brackets(complete_part(bullet.text).rstrip(".!? "))
    spans = _figure_spans(text, bullet.numbers)
    if not spans:
        return None
    text = text[: _end_of_claim(text, spans[-1][2])].rstrip(" ,;")
    if _I_SUBJECT.match(text):
        return _joined(second_person(text))
    if _TEAM_SUBJECT.match(text):
        lead = re.sub(r"^(?:our|the|my) team\b", "your team", text, flags=re.IGNORECASE)
        return _joined(second_person(lead, team=True))
    words = text.split()
    at = verb_index(bullet, words)
    if at is None or bullet.action is None or not all(w.lower().endswith("ly") for w in words[:at]):
        if not _subject_first(words):
            return None
        # the line names its own subject ("Deploys went from 45 to 12 minutes")
        first = words[0] if words[0].isupper() or tools_in(words[0]) else words[0].lower()
        return _joined(second_person(" ".join([first, *words[1:]])))
    written = re.sub(r"\W", "", words[at].lower())
    verb = written if written.endswith("ed") or written in PAST_FORMS else past_tense(bullet.action)
    said = " ".join(["you", *(w.lower() for w in words[:at]), verb, *words[at + 1 :]])
    return _joined(second_person(said))


def measures_outcome(bullet: Bullet) -> bool:
    """Whether a figure of the bullet measures a result (a share, a time, money, a rate,
    a before and after) rather than counting the things done ("40 services")."""
    text = complete_part(bullet.text)
    for figure, start, end in _figure_spans(text, bullet.numbers):
        if _OUTCOME_FIGURE.search(figure) or _RATE_AFTER.match(text[end:]):
            return True
        if re.search(r"\bfrom\s*$", text[:start], re.IGNORECASE):  # from 45 to 12
            return True
    return False
