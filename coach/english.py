"""Small English helpers for wording questions: verb forms, the second person, and the
complete part of a text that was cut off.

Rule-based and table-driven, with no model, so questions read the same whether spaCy
is installed or the coach runs in its degraded mode. The verb tables hold the verbs
resumes and story titles use; a verb outside them is inflected by the regular rules.
"""

from __future__ import annotations

import re

# base form: simple past, for the irregular verbs of resumes and stories
# fmt: off
IRREGULAR_PAST: dict[str, str] = {
    "be": "was", "become": "became", "begin": "began", "bet": "bet", "break": "broke", "bring": "brought",
    "build": "built", "buy": "bought", "catch": "caught", "choose": "chose", "come": "came", "cost": "cost",
    "cut": "cut", "deal": "dealt", "do": "did", "draw": "drew", "drive": "drove", "fall": "fell",
    "feel": "felt", "fight": "fought", "find": "found", "fly": "flew", "forecast": "forecast",
    "forget": "forgot", "get": "got", "give": "gave", "go": "went", "grow": "grew", "have": "had",
    "hear": "heard", "hit": "hit", "hold": "held", "hurt": "hurt", "keep": "kept", "know": "knew",
    "lay": "laid", "lead": "led", "learn": "learned", "leave": "left", "lend": "lent", "let": "let",
    "lose": "lost", "make": "made", "mean": "meant", "meet": "met", "oversee": "oversaw", "overcome": "overcame",
    "pay": "paid", "put": "put", "quit": "quit", "rebuild": "rebuilt", "redo": "redid", "rerun": "reran",
    "reset": "reset", "rethink": "rethought", "rewrite": "rewrote", "ride": "rode", "rise": "rose",
    "run": "ran", "say": "said", "see": "saw", "sell": "sold", "send": "sent", "set": "set", "shut": "shut",
    "shrink": "shrank", "sink": "sank", "sit": "sat", "sleep": "slept", "speak": "spoke", "speed": "sped",
    "spend": "spent", "spin": "spun", "split": "split", "spread": "spread", "stand": "stood",
    "steal": "stole", "stick": "stuck", "strike": "struck", "take": "took", "teach": "taught",
    "tear": "tore", "tell": "told", "think": "thought", "throw": "threw", "understand": "understood",
    "undo": "undid", "upset": "upset", "wake": "woke", "wear": "wore", "win": "won", "withdraw": "withdrew",
    "write": "wrote",
}
# fmt: on
SIMPLE_PAST = frozenset(IRREGULAR_PAST.values())
PAST_FORMS = SIMPLE_PAST | {"done", "gone", "written", "broken", "taken", "given"}  # and participles
# verbs whose final consonant doubles before -ed and -ing
# fmt: off
DOUBLED = frozenset({
    "cut", "run", "set", "get", "put", "plan", "stop", "ship", "drop", "split", "begin", "swap", "scan",
    "map", "tag", "wrap", "trim", "step", "commit", "submit", "rerun", "debug", "chat", "pin", "skip",
    "slip", "strip", "grab", "rig", "plug", "unplug", "star", "bar", "blur", "prefer", "refer", "occur",
    "control", "patrol", "propel", "compel", "admit", "permit", "omit", "emit", "transmit", "regret",
    "upset", "shop", "chop", "hop", "top", "flag", "log", "jog", "nag", "lag", "hug", "dig", "sum",
    "stem", "trip", "drip", "zip", "snap", "cap", "tap", "clap", "rob", "scrub", "spin", "win", "sit",
    "hit", "fit", "quit", "knit", "pat", "rot", "dip", "nip", "sip", "tip", "whip", "jam", "cram", "ram"
})
# fmt: on
# words a sentence never ends on, and prepositions, which end one only after a verb
# ("alerts nobody acted on") and otherwise show a cut ("cutting deploy time from")
# fmt: off
NEVER_LAST = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "my", "our", "their", "your", "its", "including",
    "such", "than", "vs", "versus", "per", "via", "plus", "whose", "every", "each", "either", "neither"
})
PREPOSITIONS = frozenset({
    "of", "to", "from", "for", "with", "by", "in", "on", "at", "into", "onto", "over", "under",
    "across", "through", "between", "as", "about", "after", "before", "during", "without", "within",
    "around", "against", "among", "toward", "towards", "until", "like"
})
# fmt: on
ELLIPSIS = re.compile(r"\s*(?:\u2026|\.{2,})[\s.]*$")
_OPEN_END = re.compile(r"[,;:(\u2014\u2013/&+-]\s*$")
# clause boundaries within a line: a comma, semicolon or dash between two parts
_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s[\u2014\u2013-]\s")
_SECOND_PERSON = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
    "we": "you", "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
    "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll",
    "we're": "you're", "we've": "you've", "we'd": "you'd", "we'll": "you'll",
}  # fmt: skip
_TEAM = {"we": "your team", "us": "your team"}
_AFTER_I = {"was": "were", "am": "are", "wasn't": "weren't"}


def past_tense(lemma: str) -> str:
    """migrate -> migrated, cut -> cut, ship -> shipped, copy -> copied, build -> built."""
    lemma = lemma.lower()
    if lemma in IRREGULAR_PAST:
        return IRREGULAR_PAST[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ied"
    if lemma in DOUBLED:
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def gerund(lemma: str) -> str:
    """migrate -> migrating, cut -> cutting, tie -> tying, build -> building."""
    lemma = lemma.lower()
    if lemma == "be":
        return "being"
    if lemma in DOUBLED:
        return lemma + lemma[-1] + "ing"
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        return lemma[:-1] + "ing"
    return lemma + "ing"


def past_of_gerund(word: str) -> str:
    """The simple past of an -ing form: cutting -> cut, scaling -> scaled, choosing ->
    chose, shipping -> shipped, tying -> tied, deploying -> deployed."""
    stem = word.lower().removesuffix("ing")
    undoubled = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsfz" else stem
    if stem.endswith("y") and len(stem) == 2:  # tying, lying, dying
        return stem[0] + "ied"
    for base in (stem, undoubled, stem + "e"):
        if base in IRREGULAR_PAST:
            return IRREGULAR_PAST[base]
    if stem.endswith("e"):  # freeing, agreeing
        return stem + "d"
    if re.search(r"[^aeiou]y$", stem):  # copying
        return stem[:-1] + "ied"
    return stem + "ed"  # scal+ed, migrat+ed, shipp+ed, deploy+ed


def second_person(text: str, *, team: bool = False) -> str:
    """The text as said to its author, in lower case: "I broke my build" -> "you broke
    your build". With
    `team`, "we" and "us" become "your team", to keep the credit where the text put it."""

    def swap(match: re.Match[str]) -> str:
        lowered = match.group(0).lower()
        return _TEAM[lowered] if team and lowered in _TEAM else _SECOND_PERSON[lowered]

    names = sorted(_SECOND_PERSON, key=len, reverse=True)
    swapped = re.sub(rf"(?<![\w'])(?:{'|'.join(map(re.escape, names))})(?![\w'])", swap, text, flags=re.I)
    # "I was" -> "you were": the verb agrees with its new subject
    return re.sub(
        r"\b(you)\s+(was|am|wasn't)\b",
        lambda m: f"{m.group(1)} {_AFTER_I[m.group(2).lower()]}",
        swapped,
        flags=re.IGNORECASE,
    )


def bare(word: str) -> str:
    """A word as a table looks it up: lower case, without punctuation but its ' and -."""
    return re.sub(r"[^\w'-]", "", word).lower()


def _dangles(words: list[str]) -> bool:
    """Whether the last of the words leaves the sentence open."""
    last = bare(words[-1])
    if last in NEVER_LAST or not last:
        return True
    if last in PREPOSITIONS:
        before = bare(words[-2]) if len(words) > 1 else ""
        return not (before.endswith("ed") or before in PAST_FORMS)
    return False


def is_cut_off(text: str) -> bool:
    """Whether the text stops mid-sentence: an ellipsis at the end, an open comma, dash
    or bracket, or, without a full stop, a last word that leaves the sentence open
    ("cutting deploy time from", "with Terraform and")."""
    text = text.strip()
    if not text:
        return False
    if ELLIPSIS.search(text) or _OPEN_END.search(text) or text.count("(") > text.count(")"):
        return True
    return not text.endswith((".", "!", "?")) and _dangles(text.split())


def complete_part(text: str) -> str:
    """The text up to where it is whole: all of it when it ends a sentence; else the
    clauses before the cut ("Migrated 40 services, cutting deploys from 45…" -> "Migrated
    40 services"), or, with no earlier clause, the words before it without a dangling
    last word or one the ellipsis may have split ("… in 12 min…")."""
    text = text.strip()
    if not is_cut_off(text):
        return text
    ellipsis = ELLIPSIS.search(text)
    body = (text[: ellipsis.start()] if ellipsis else text).rstrip()
    if body.count("(") > body.count(")"):
        body = body[: body.rindex("(")].rstrip()
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(body)]
    if breaks and len(body[: breaks[-1]].split()) >= 2:
        return body[: breaks[-1]].rstrip(" ,;:")
    words = body.split()
    if ellipsis and not ellipsis.group(0)[:1].isspace() and len(words) > 3:
        words = words[:-1]
    while len(words) > 1 and _dangles(words):
        words = words[:-1]
    return " ".join(words).rstrip(" ,;:-\u2014\u2013/&+")
