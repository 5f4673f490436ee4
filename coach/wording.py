"""How coach puts text together for people: transcript words joined into text, counts
with their nouns, a label before a message, sentence ends, and the choices an option takes.

One rule each, used by every view (terminal, JSON, HTML, the live line, tips and quotes),
so that they cannot drift apart. No imports beyond the standard library: the renderers and
`coach --help` load it for free.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Whisper's tokens break words where people would not: "on" + "-call", "4" + ",000",
# "30" + "%", "did" + "n't". These shapes continue the word before them.
_HYPHEN_CONTINUES = re.compile(r"^-[^\W_]")  # "-call", "-zone", "-5"
_NUMBER_CONTINUES = re.compile(r"^[.,]\d")  # ",000", ".5"
_CONTRACTION = re.compile(r"^(?:n['’]t|['’](?:s|re|ve|ll|d|m|t))(?![^\W_])", re.IGNORECASE)
# a word made only of these closes what came before: "," "." "?" ")" "”." "…"
_CLOSING = frozenset(",.;:!?)]}”’…%")
# a word made only of these opens what comes after: "(" "$" "“"
_OPENING = frozenset("([{“‘$£€#")


def attaches(before: str, word: str) -> bool:
    """Whether `word` continues `before` with no space between them.

    True for a hyphen continuing a word ("on" + "-call"), a comma or point inside a number
    ("4" + ",000", "3" + ".5"), a percent sign ("30" + "%"), a word made only of closing
    punctuation ("done" + ",", "it" + "?", "later" + "…"), a contraction ("did" + "n't",
    "team" + "'s"), and any word after one made only of opening brackets, quotes or a
    currency sign ("$" + "4,000"). A dash standing alone ("I - we") keeps its spaces.
    """
    if not before or not word:
        return False
    if set(before) <= _OPENING:
        return True
    last = before[-1]
    if _HYPHEN_CONTINUES.match(word):
        return last.isalnum()
    if _NUMBER_CONTINUES.match(word):
        return last.isdigit()
    if word[0] == "%" or set(word) <= _CLOSING:
        return True
    return bool(_CONTRACTION.match(word)) and last.isalpha()


def separators(texts: Sequence[str]) -> list[str]:
    """What goes before each word: "" for the first and for a word that attaches to the
    one before it (see `attaches`), else one space."""
    return ["" if i == 0 or attaches(texts[i - 1], text) else " " for i, text in enumerate(texts)]


def join_words(texts: Iterable[str]) -> str:
    """Words into text under one rule: "on -call", "4 ,000", "30 %" read "on-call",
    "4,000", "30%"."""
    words = list(texts)
    return "".join(gap + text for gap, text in zip(separators(words), words, strict=True))


def noun_for(count: int, noun: str, plural: str | None = None) -> str:
    """The noun in the number a count takes: "filler" for 1, "fillers" for 0 or 2 (give
    `plural` when it is not the noun plus "s")."""
    return noun if count == 1 else (plural or noun + "s")


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: "1 filler", "0 fillers", "3 stories"."""
    return f"{count} {noun_for(count, noun, plural)}"


def _bare(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text).strip().lower()


# a message that opens with a label of its own: "Long and off the point: 200 s …"
_OWN_LABEL = re.compile(r"^[A-Z][\w'’ -]{0,40}: ")
MAX_LABEL_WORDS = 6


def own_label(message: str) -> str | None:
    """The short label a message opens with ("Long and off the point" in "Long and off the
    point: 200 s …"), or None."""
    found = _OWN_LABEL.match(message.strip())
    if found is None or len(found.group(0).split()) > MAX_LABEL_WORDS:
        return None
    return found.group(0).removesuffix(": ")


def labelled(label: str, message: str) -> str:
    """The message under its label ("Blame: That sounds like blame …"), unless the message
    already opens with that label (in any case) or with a short label of its own: never
    "No reflection: No reflection: …" nor "Long and wandering: Long and off the point: …"."""
    label, message = label.strip(), message.strip()
    if not label or (_bare(message) + " ").startswith(_bare(label) + " ") or own_label(message):
        return message
    return f"{label}: {message}"


def about(subject: str, message: str) -> str:
    """A message about a subject (a file's path), led by the subject unless the message
    already names it: "PATH: not a readable audio file", never "PATH: PATH: …"."""
    subject, message = subject.strip(), message.strip()
    if not subject or subject in message:
        return message
    return f"{subject}: {message}"


def without_subject(subject: str, message: str, stand_in: str = "the file") -> str:
    """The message shown after its subject has already led the line: `about` in reverse,
    "PATH: not readable" -> "not readable", and any other mention becomes `stand_in`."""
    subject, message = subject.strip(), message.strip()
    if not subject:
        return message
    return message.removeprefix(f"{subject}: ").replace(subject, stand_in)


def reason(exc: BaseException) -> str:
    """What went wrong, without the file name an OSError or libsndfile error repeats
    ("Permission denied", not "[Errno 13] Permission denied: '/home/…/x.wav'"), for a
    message that names the file itself."""
    if isinstance(exc, OSError) and exc.strerror:
        return str(exc.strerror)
    detail = getattr(exc, "error_string", None)  # soundfile.LibsndfileError
    if isinstance(detail, str) and detail:
        return detail
    return str(exc) or type(exc).__name__


# the end of a sentence: a run of stops, then any closing quotes or brackets
_END = re.compile(r"([.?!…]+)([”’\"')\]]*)\s*$")


def end_sentence(text: str) -> str:
    """The text closed by one stop: a period where it has none, and no period after
    an ellipsis, a question or exclamation mark ("…." -> "…", "?." -> "?", ".." -> "."),
    at the end or inside (see `tidy_stops`)."""
    text = tidy_stops(text.rstrip())
    if not text:
        return text
    found = _END.search(text)
    if found is None:
        return text + "."
    stops, closing = found.groups()
    if "…" in stops:
        mark = "…"
    elif stops.startswith("..."):
        mark = "..."
    elif set(stops) & set("?!"):
        mark = "".join(c for c in stops if c in "?!")
    else:
        mark = "."
    return text[: found.start()] + mark + closing


_DOUBLED_STOPS = re.compile(r"(…|(?<!\.)\.\.\.(?!\.)|[?!])\s*\.(?!\.)|(?<!\.)\.\.(?!\.)")


def tidy_stops(text: str) -> str:
    """Text assembled from parts, without a period doubling the stop before it anywhere:
    "… ." and "…." -> "…", "?." -> "?", ".." -> "."."""
    return _DOUBLED_STOPS.sub(lambda m: m.group(1) or ".", text)


def one_of(what: str, value: str, choices: Iterable[str]) -> str:
    """The one-line message for a value outside a fixed set, listing the set:
    "unknown category 'nope'; choose one of: a, b, c"."""
    names = ", ".join(dict.fromkeys(choices))
    return f"unknown {what} {value!r}; choose one of: {names}"


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters, cut at a word with "…" when it is longer."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    cut = text[: width - 1]
    if " " in cut and not text[width - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"
