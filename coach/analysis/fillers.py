"""Filler words: filled pauses, and discourse words told apart from their literal uses.

"um", "uh", "er", "ah" and "hm" are always fillers. "like", "you know", "I mean" and
"kind of"/"sort of" are fillers only in their discourse use, which spaCy's part of
speech and dependency parse tell apart ("I like Go" versus "it was, like, slow").
"basically", "actually", "literally" and a sentence-opening "so" are counted as crutch
words.

Speech-to-text (Whisper) often writes no commas, so the rules do not rely on them: the
discourse use also shows by where the words stand (a "you know" or "I mean" inside a
clause, after a verb or article that still wants its complement; a "right" after a
finished clause and before "and"/"so", a new clause or the end; "like"/"you know"/"right"
opening the text with a clause after it), and the literal uses are kept by their
neighbours ("you know the drill", "what I mean is", "I mean it", "the right call",
"right now", "looks like"). Sources: the team-written sets tests/data/fillers*.jsonl and
the AMI meeting corpus sample corpus/fillers/ami_contextual.jsonl (CC BY 4.0, tuned on its
dev split only; see corpus/fillers/README.md). Each rule's docstring or comment gives the
example it comes from.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from coach.analysis.document import Document, lemma
from coach.transcribe import FILLED_PAUSES

if TYPE_CHECKING:
    from spacy.tokens import Token

FillerKind = Literal["filled_pause", "discourse", "hedge", "crutch", "opener"]

CANONICAL = {"umm": "um", "uhh": "uh", "erm": "er", "hmm": "hm", "mm": "hm", "mmm": "hm"}
CRUTCH_WORDS = frozenset({"basically", "actually", "literally"})
OPENERS = frozenset(
    {
        "okay",
        "ok",
        "yeah",
        "yes",
        "well",
        "right",
        "actually",
        "alright",
        "and",
        "oh",
        "like",
        "so",
        "basically",
        "now",
    }
)
DEGREE_WORDS = frozenset({"very", "only", "so", "too", "quite", "pretty", "fairly", "really"})
LITERAL_VERBS = frozenset(
    {
        "copy",
        "read",
        "mean",
        "translate",
        "quote",
        "interpret",
        "follow",
        "write",
        "transcribe",
        "say",
        "paste",
    }
)
SIMILARITY_VERBS = frozenset({"look", "sound", "seem", "feel", "taste", "smell", "be like"})
APPROXIMATION_HEADS = frozenset({"something", "anything", "nothing", "stuff", "things"})
KIND_OF_DETERMINERS = frozenset(
    {
        "a",
        "an",
        "the",
        "what",
        "this",
        "that",
        "these",
        "those",
        "some",
        "any",
        "every",
        "which",
        "one",
        "no",
        "same",
        "different",
        "each",
        "other",
        "another",
        "all",
        "its",
        "their",
        "our",
        "my",
        "your",
        "his",
        "her",
        "certain",
        "many",
        "several",
    }
)
YOU_KNOW_BLOCKERS = frozenset(
    {
        "do",
        "did",
        "does",
        "if",
        "as",
        "what",
        "when",
        "how",
        "that",
        "'d",
        "would",
        "not",
        "n't",
        "to",
        "may",
        "might",
        "will",
        "can",
    }
)
I_MEAN_BLOCKERS = frozenset({"what", "do", "did", "does", "n't", "not", "that", "if", "which"})
# "you know" with these objects is the verb, however the sentence runs on after them
YOU_KNOW_IDIOMS = frozenset({
    "the drill", "the answer", "the feeling", "the score", "the rest", "the story", "the way",
    "the type", "the kind", "the one", "the place", "the guy", "the person", "the team",
})  # fmt: skip
OPENER_BLOCKERS = frozenset({"that", "far", "much", "many", "long", "few", "to"})
OBJECT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "obj", "advcl", "prep"})
# Words that make "you know" literal when they come right before it, beyond the blockers:
# "I'll let you know", "I'm sure you know the drill", "I guess you know".
YOU_KNOW_LITERAL_BEFORE = frozenset(
    {
        "let",
        "tell",
        "think",
        "guess",
        "bet",
        "hope",
        "suppose",
        "believe",
        "assume",
        "imagine",
        "expect",
        "say",
        "feel",
        "know",
        "reckon",
        "figure",
        "see",
        "hear",
        "understand",
        "realise",
        "realize",
        "wonder",
        "trust",
        "doubt",
        "show",
        "make",
        "help",
        "want",
        "need",
        "sure",
        "certain",
        "aware",
        "glad",
        "afraid",
        "happy",
        "confident",
        "clear",
        "obvious",
        "everything",
        "all",
        "whatever",
    }
)
# What comes right after "you know" when it is the verb with its object or clause.
YOU_KNOW_LITERAL_AFTER = frozenset(
    {"what", "how", "why", "where", "who", "whether", "that", "it", "him", "her", "them", "about", "if"}
)
SUBJECT_PRONOUNS = frozenset({"i", "we", "they", "he", "she", "there"})
# Discourse words that show the "like"/"you know" next to them is discourse too
DISCOURSE_NEIGHBOURS = frozenset(
    {"um", "uh", "er", "ah", "just", "kind", "sort", "basically", "actually", "really"}
)
# "like" + an amount after these verbs is an approximation ("we had like ten pages")
LIGHT_VERBS = frozenset(
    {
        "have",
        "use",
        "need",
        "get",
        "want",
        "take",
        "spend",
        "cost",
        "wait",
        "pay",
        "add",
        "buy",
        "lose",
        "save",
    }
)
# "right" followed by these is the adverb or adjective: "right now", "right away", "right side"
RIGHT_LITERAL_AFTER = frozenset(
    {
        "now",
        "away",
        "after",
        "before",
        "here",
        "there",
        "then",
        "ahead",
        "back",
        "on",
        "at",
        "in",
        "into",
        "through",
        "up",
        "down",
        "off",
        "out",
        "to",
        "from",
        "next",
        "under",
        "over",
        "by",
        "side",
        "hand",
        "angle",
        "one",
        "thing",
        "answer",
        "way",
        "place",
        "time",
        "direction",
        "call",
        "choice",
        "click",
        "person",
        "people",
        "tool",
        "decision",
        "approach",
        "about",
        "around",
        "behind",
        "below",
        "above",
        "across",
        "along",
        "until",
        "as",
        "when",
        "where",
        "of",
    }
)
# ... and preceded by these: "you're right", "that's right", "all right", "the right", "turn right"
RIGHT_LITERAL_BEFORE = frozenset(
    {
        "all",
        "bottom",
        "top",
        "upper",
        "lower",
        "far",
        "left",
        "exactly",
        "quite",
        "just",
        "very",
        "not",
        "n't",
        "so",
        "too",
        "really",
        "almost",
        "pretty",
        "perfectly",
        "completely",
        "totally",
        "absolutely",
        "never",
        "always",
        "still",
        "alright",
        "precisely",
    }
)
RIGHT_LITERAL_HEADS = frozenset(
    {
        "be",
        "feel",
        "look",
        "sound",
        "seem",
        "turn",
        "go",
        "move",
        "veer",
        "swipe",
        "scroll",
        "keep",
        "stay",
        "do",
        "get",
        "set",
        "make",
        "build",
        "handle",
        "spell",
        "play",
        "treat",
        "serve",
        "hold",
        "price",
        "size",
        "time",
        "pronounce",
        "fix",
        "configure",
    }
)
# after a tag "right" the talk goes on with a conjunction, a filled pause or a new clause
TAG_FOLLOWERS = frozenset(
    {"and", "but", "so", "because", "'cause", "cause", "or", "um", "uh", "er", "ah", "okay", "ok", "yeah"}
)
CLAUSE_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "it", "that", "there", "this"})


@dataclass(frozen=True)
class FillerHit:
    text: str
    start_s: float | None
    end_s: float | None
    kind: FillerKind
    word_index: int
    source: str = "whisper"  # "acoustic": heard in the audio, not written by Whisper
    word_count: int = 1  # how many transcript words the filler spans ("you know": 2)


@dataclass(frozen=True)
class Fillers:
    count: int
    per_minute: float | None
    share_of_words: float
    by_text: dict[str, int]
    hits: tuple[FillerHit, ...]


def _prev(token: Token) -> Token | None:
    return token.doc[token.i - 1] if token.i > 0 else None


def _next(token: Token) -> Token | None:
    return token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None


def _is_comma_or_end(token: Token | None) -> bool:
    return token is None or token.is_punct


def _sentence_start(token: Token) -> bool:
    """First real word of its sentence: only punctuation, filled pauses and discourse
    openers ("okay", "yeah", "right", "actually") come before it."""
    for other in token.sent:
        if other.i == token.i:
            return True
        if not (other.is_punct or other.lower_ in FILLED_PAUSES or other.lower_ in OPENERS):
            return False
    return False


def _marked_start(token: Token) -> bool:
    """Opens the text or follows punctuation, with only filled pauses and openers between.

    spaCy also starts sentences inside unpunctuated speech ("... for the phone | so why
    not"), where a "so" is as likely to mean "therefore"; only a boundary the transcript
    marks, or the start of the text, counts here."""
    for i in range(token.i - 1, -1, -1):
        other = token.doc[i]
        if other.is_punct:
            return True
        if not (other.lower_ in FILLED_PAUSES or other.lower_ in OPENERS):
            return False
    return True


def _word_before(token: Token) -> Token | None:
    """The nearest earlier token that is not a filled pause ("kind of" in "IRF uh kind of")."""
    for i in range(token.i - 1, -1, -1):
        if token.doc[i].lower_ not in FILLED_PAUSES:
            return token.doc[i]
    return None


def _starts_clause(token: Token | None) -> bool:
    """A subject pronoun with a verb after it: "it's just", "we won't", "is he" (a question)."""
    if token is None:
        return False
    if token.pos_ == "AUX":
        return True
    nxt = _next(token)
    return token.lower_ in CLAUSE_SUBJECTS and nxt is not None and nxt.pos_ in {"AUX", "VERB"}


def _subject_follows(token: Token) -> bool:
    """`token` opens the subject of a clause that follows: "nobody knew", "the cache was"."""
    if token.lower_ in {"what", "how", "why", "where", "who", "whether", "if", "that"}:
        return False
    if token.pos_ == "PRON" and token.dep_.startswith("nsubj"):
        return True
    for other in token.doc[token.i : token.i + 4]:
        if other.dep_.startswith("nsubj") and other.pos_ in {"NOUN", "PROPN", "PRON"}:
            head = other.head
            finite = {"VBD", "VBZ", "VBP", "MD"}
            return head.i > other.i and (
                head.tag_ in finite
                or any(c.dep_.startswith("aux") and c.tag_ in finite for c in head.children)
            )
        if other.pos_ not in {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"}:
            return False
    return False


def _set_off(token: Token) -> bool:
    """Between commas, or between a comma (or the sentence start) and the sentence end."""
    prev, nxt = _prev(token), _next(token)
    before = prev is None or prev.is_punct or prev.sent.start == token.i
    return before and _is_comma_or_end(nxt)


def _like_is_filler(token: Token, degraded: bool) -> bool:
    prev, nxt = _prev(token), _next(token)
    prev_lemma = lemma(prev) if prev is not None else ""
    if prev_lemma in SIMILARITY_VERBS or prev_lemma in APPROXIMATION_HEADS:
        return False
    if (
        prev is not None
        and prev.lower_ == "of"
        and token.i >= 2
        and token.doc[token.i - 2].lower_ in {"kind", "sort"}
    ):
        # "sort of like a circuit breaker", "kind of like that": a comparison after the hedge;
        # "sort of like just give you ideas", "sort of like down at the bottom": discourse
        return nxt is not None and (
            nxt.lower_ in {"just", "really", "basically", "actually"}
            or (nxt.pos_ in {"ADV", "ADP", "VERB"} and nxt.lower_ not in {"that", "this"})
        )
    if nxt is not None and nxt.lower_ in {"that", "this", "these", "those"}:
        after_that = _next(nxt)
        if after_that is None or after_that.is_punct or after_that.pos_ not in {"AUX", "VERB"}:
            return False  # "it's always like that", "flip it like this"
    if nxt is not None and nxt.like_num and (prev is None or prev.pos_ not in {"NOUN", "PROPN"}):
        return prev is None or prev.lower_ not in {
            "more",
            "less",
            "something",
        }  # "I live like five minutes away"
    if (
        prev is not None
        and prev.lower_ in {"know", "mean"}
        and token.i >= 2
        and token.doc[token.i - 2].lower_ in {"i", "you", "n't"}
        and nxt is not None
        and nxt.pos_ not in {"DET", "NOUN", "PROPN"}
    ):
        return True  # "I don't know like there's", "I mean like no", "you know like if"
    said = token.doc[token.i + 2] if token.i + 2 < len(token.doc) else None
    if (
        _marked_start(token)
        and nxt is not None
        and not (said is not None and lemma(said) in {"say", "mention", "tell"})
        and (_starts_clause(nxt) or _subject_follows(nxt))
    ):
        return True  # "like nobody knew", "like what's that", "like the whole point is"
    if prev is not None and prev.pos_ == "SCONJ" and nxt is not None and nxt.pos_ not in {"DET", "PRON"}:
        return True  # "I know that like people have"
    if (
        prev is not None
        and lemma(prev) in LIGHT_VERBS
        and prev.pos_ == "VERB"
        and nxt is not None
        and nxt.pos_ in {"DET", "NUM", "NOUN", "ADJ"}
    ):
        return True  # "people have like things", "if we use like a stick"
    after = token.doc[token.i + 1 : token.i + 3]
    if (
        len(after) == 2
        and after[0].lower_ in {"i", "we", "you"}
        and lemma(after[1]) in {"say", "mention", "tell"}
    ):
        return False  # "like I said"
    if (
        prev is not None
        and prev.lower_ in {"would", "'d", "to", "do", "did", "n't", "not", "you", "i", "we", "they"}
        and not (nxt is not None and nxt.is_punct)
    ):
        return False  # "I'd like to", "we like it"
    if not degraded:
        if token.pos_ == "VERB" and token.dep_ not in {"intj", "discourse"}:
            return False
        if token.pos_ == "INTJ" or token.dep_ in {"intj", "discourse"}:
            return True
    if nxt is not None and nxt.is_punct:
        return True  # "it was like, slow"
    if _sentence_start(token) and nxt is not None and (nxt.is_punct or nxt.lower_ in {"um", "uh", "so"}):
        return True
    if degraded:
        return (
            prev is not None
            and prev.is_punct
            and nxt is not None
            and nxt.lower_ in {"just", "really", "so", "super", "totally"}
        )
    if nxt is not None and nxt.pos_ in {"ADJ", "ADV", "VERB", "AUX"}:
        # "it was like slow", "we like just restarted": no object follows "like"
        return not any(child.dep_ == "pobj" for child in token.children)
    return False


def _you_know_is_filler(you: Token, know: Token) -> bool:
    """The aside, not the verb with its object ("you know the drill", "do you know what").

    Without commas the aside shows by where it stands: inside a clause, after a verb,
    preposition or article that still wants its complement ("we had you know no runbook",
    "some kind of you know"); after an adjective or noun that ends a clause, with a new
    clause or the end after it ("too boxy you know it's"); opening the text with a clause
    after it ("you know we won't have televisions"); or next to another discourse word
    ("like you know", "you know um")."""
    prev = _prev(you)
    if prev is not None and lemma(prev) in YOU_KNOW_BLOCKERS:
        return False
    if prev is not None and (
        prev.lower_ in YOU_KNOW_LITERAL_BEFORE or lemma(prev) in YOU_KNOW_LITERAL_BEFORE
    ):
        return False
    nxt = _next(know)
    if _is_comma_or_end(nxt):
        return True
    assert nxt is not None
    after = know.doc[know.i + 1 : know.i + 3]
    if " ".join(t.lower_ for t in after) in YOU_KNOW_IDIOMS:
        return False  # "you know the drill page acknowledge mitigate": the idiom, run on
    if prev is not None and prev.lower_ in {"like", "um", "uh", "er", "ah"}:
        return True
    if nxt.lower_ in DISCOURSE_NEIGHBOURS or nxt.lower_ == "like":
        return True
    if prev is not None and prev.pos_ == "ADJ":
        return True  # "they're fine you know if you understand"; "sure" is blocked above
    if nxt.lower_ == "where" and prev is not None and prev.pos_ in {"NOUN", "PROPN", "ADP"}:
        return True  # "a retry storm you know where every client ..."
    if _marked_start(you) and (_subject_follows(nxt) or (nxt.lower_ == "it" and _starts_clause(nxt))):
        return True  # "you know the cache was cold", "so you know it was the same bug"
    if nxt.lower_ not in YOU_KNOW_LITERAL_AFTER:
        if prev is not None and not prev.is_punct and prev.pos_ in {"VERB", "AUX", "ADP", "DET"}:
            return True  # "we had you know no runbook"
        if prev is not None and prev.pos_ in {"NOUN", "PROPN", "NUM"} and _starts_clause(nxt):
            return True  # "it shouldn't be too boxy you know it's"
        if _marked_start(you) and nxt.lower_ in SUBJECT_PRONOUNS:
            return True  # "you know we won't have televisions in ten years"
    if nxt.lower_ in {
        "what",
        "the",
        "a",
        "that",
        "how",
        "why",
        "where",
        "who",
        "it",
        "him",
        "her",
        "them",
    }:
        return False  # "you know the drill", "you know what happened"
    return not any(child.dep_ in OBJECT_DEPS for child in know.children)


def _i_mean_is_filler(i: Token, mean: Token) -> bool:
    """The aside or self-repair ("the fix I mean the real fix", "I mean we haven't"), not
    the verb: "what I mean is", "I mean it", "I mean to say", "when I say X I mean Y"."""
    prev = _prev(i)
    if prev is not None and lemma(prev) in I_MEAN_BLOCKERS | {"all", "you"}:
        return False
    before = []
    for j in range(i.i - 1, max(i.i - 9, -1), -1):
        if i.doc[j].lower_ in {".", "?", "!"}:
            break
        before.append(i.doc[j])
    if any(lemma(t) == "say" or t.lower_ == "by" for t in before):
        return False  # "when I say done, I mean deployed"
    nxt = _next(mean)
    if _is_comma_or_end(nxt):
        return True
    assert nxt is not None
    after = _next(nxt)
    if nxt.lower_ in {"to", "business", "well"}:
        return False
    if nxt.lower_ == "what":
        return after is None or after.lower_ not in {
            "i",
            "you",
            "we",
            "they",
            "he",
            "she",
        }  # not "what I say"
    if nxt.lower_ in {"it", "that", "this"}:
        # "I mean it." / "I mean that the cache ..." are the verb; "I mean it was slow",
        # "I mean that's the point", "I mean that that's the whole point" are the aside
        return after is not None and (
            after.pos_ in {"AUX", "VERB"} or (nxt.lower_ == "that" and after.lower_ == "that")
        )
    return True


def _kind_of_is_hedge(kind: Token) -> bool:
    prev = _word_before(kind)
    after = kind.doc[kind.i + 2] if kind.i + 2 < len(kind.doc) else None
    if prev is not None and prev.lower_ in {"a", "an"} and after is not None and after.lower_ in {"a", "an"}:
        return True  # "a kind of a problem"
    if after is not None and after.lower_ in {"thing", "things", "stuff"}:
        return False  # "the arrows here, kind of thing": a general extender, no hedge on a word
    if prev is not None and prev.lower_ in KIND_OF_DETERMINERS:
        # "this kind of works": a finite verb after "of" cannot be what "kind" is of
        return (
            after is not None
            and after.tag_ in {"VBZ", "VBD", "VBP"}
            and prev.lower_ in {"this", "that", "it"}
        )
    return (
        after is None
        or after.pos_ != "NOUN"
        or prev is None
        or prev.is_punct
        # singular "kind"/"sort" as a noun needs an article or a modifier before it, so
        # after a conjunction, adverb or preposition it is the hedge: "but kind of pattern
        # matching", "in sort of the corporate identity"
        or prev.pos_ in {"AUX", "VERB", "PRON", "CCONJ", "SCONJ", "ADV", "ADP", "PART", "INTJ"}
    )


def _crutch_is_filler(token: Token) -> bool:
    low, prev = token.lower_, _prev(token)
    if low == "basically":
        # "only basically configured" is a manner; "So basically" opens a sentence
        return not (prev is not None and prev.lower_ in DEGREE_WORDS and not _sentence_start(prev))
    if low == "actually":
        # a discourse opener or aside; "it was actually DNS" contrasts and means something
        # ... or a closing tag: "how does it calculate that actually", "who is in prison, actually."
        nxt = _next(token)
        return _sentence_start(token) or _set_off(token) or nxt is None or nxt.lower_ in {".", "?", "!"}
    head = token.head
    if head.i < token.i and head.pos_ == "VERB":
        return False  # "took the runbook literally"
    return lemma(head) not in LITERAL_VERBS  # "literally copied the file byte for byte"


def _right_is_filler(token: Token) -> bool:
    """A tag ("we restarted it, right?") or an opener ("Right, so ..."), not "the right fix".

    Without commas: an opener at the start of the text or after punctuation or other
    openers ("right who's got experiences", "oh right right"), unless "now", "away", a
    preposition or a noun follows ("right now", "right after the deploy", "right side"); a
    tag after a clause, at the end or before a conjunction, a filled pause or a new clause
    ("a sequence right", "a cut-off right but the other", "the whole point right it's"),
    unless it is what the words before it are ("you're right", "that's right", "got it
    right", "did the migration right and", "on the right")."""
    prev, nxt = _prev(token), _next(token)
    after_break = prev is None or prev.is_punct or _sentence_start(token)
    if after_break and _is_comma_or_end(nxt):
        return True
    if nxt is not None and nxt.lower_ in RIGHT_LITERAL_AFTER:
        return False
    if _marked_start(token):
        return nxt is None or nxt.is_punct or nxt.pos_ not in {"NOUN", "PROPN", "ADJ", "NUM"}
    if prev is None or prev.is_punct:
        return False
    if prev.lower_ in RIGHT_LITERAL_BEFORE or prev.pos_ in {"DET", "ADP", "AUX", "PART", "ADJ"}:
        return False
    if prev.pos_ == "PRON" and (prev.dep_ not in {"dobj", "obj"} or lemma(prev.head) in RIGHT_LITERAL_HEADS):
        return False  # "you're right", "on your right", "got it right"; not "we restarted it right"
    if lemma(prev) in RIGHT_LITERAL_HEADS or (
        lemma(token.head) in RIGHT_LITERAL_HEADS - {"be", "feel", "look", "sound", "seem"}
    ):
        return False  # "it feels right", "we did the migration right and"
    return nxt is None or nxt.is_punct or nxt.lower_ in TAG_FOLLOWERS or _starts_clause(nxt)


def _so_is_opener(token: Token) -> bool:
    """Opens a sentence the transcript marks ("So we rolled back", "Yeah so ..."), not
    "so that" / "so much", or trails the answer off."""
    nxt = _next(token)
    opens = _sentence_start(token) and _marked_start(token)
    return (opens and (nxt is None or nxt.lower_ not in OPENER_BLOCKERS)) or _trailing_so(token)


def _trailing_so(token: Token) -> bool:
    """A "so" the answer trails off with ("... to use that so"), which would open a sentence
    with punctuation ("... to use that. So"); not "I think so", "to do so", "or so"."""
    prev, nxt = _prev(token), _next(token)
    if prev is None or not (nxt is None or nxt.lower_ in {".", "?", "!", "..."}):
        return False
    return prev.pos_ in {"NOUN", "PROPN", "PRON", "ADP"} and prev.lower_ not in {
        "you",
        "it",
        "that",
        "or",
        "if",
        "why",
        "even",
        "more",
    }


def _hit(document: Document, tokens: list[Token], kind: FillerKind) -> FillerHit:
    first = document.words[document.word_of[tokens[0].i]] if document.words else None
    last = document.words[document.word_of[tokens[-1].i]] if document.words else None
    text = " ".join(t.lower_ for t in tokens)
    return FillerHit(
        text=CANONICAL.get(text, text),
        start_s=first.start_s if first else None,
        end_s=last.end_s if last else None,
        kind=kind,
        word_index=document.word_of[tokens[0].i],
        source=first.source if first else "whisper",
        word_count=document.word_of[tokens[-1].i] - document.word_of[tokens[0].i] + 1,
    )


def find_fillers(document: Document) -> list[FillerHit]:
    """Every filler in the answer, in order, with its time."""
    doc = document.doc
    hits: list[FillerHit] = []
    skip_until = -1
    for token in doc:
        if token.i < skip_until:
            continue
        low = token.lower_
        nxt = _next(token)
        if low in FILLED_PAUSES:
            hits.append(_hit(document, [token], "filled_pause"))
        elif low == "like":
            if _like_is_filler(token, document.degraded):
                hits.append(_hit(document, [token], "discourse"))
        elif low == "you" and nxt is not None and nxt.lower_ == "know":
            if _you_know_is_filler(token, nxt):
                hits.append(_hit(document, [token, nxt], "discourse"))
                skip_until = nxt.i + 1
        elif low == "i" and nxt is not None and nxt.lower_ == "mean":
            if _i_mean_is_filler(token, nxt):
                hits.append(_hit(document, [token, nxt], "discourse"))
                skip_until = nxt.i + 1
        elif low in {"kind", "sort"} and nxt is not None and nxt.lower_ == "of":
            if _kind_of_is_hedge(token):
                hits.append(_hit(document, [token, nxt], "hedge"))
                skip_until = nxt.i + 1
        elif low in {"kinda", "sorta"}:
            hits.append(_hit(document, [token], "hedge"))
        elif low in CRUTCH_WORDS:
            if _crutch_is_filler(token):
                hits.append(_hit(document, [token], "crutch"))
        elif low == "right" and _right_is_filler(token):
            hits.append(_hit(document, [token], "discourse"))
        elif low == "so" and _so_is_opener(token):
            hits.append(_hit(document, [token], "opener"))
    return hits


def analyze_fillers(document: Document, duration_s: float | None) -> Fillers:
    hits = find_fillers(document)
    total_words = max(len(document.words), 1)
    minutes = duration_s / 60 if duration_s else None
    return Fillers(
        count=len(hits),
        per_minute=round(len(hits) / minutes, 2) if minutes else None,
        share_of_words=round(len(hits) / total_words, 3),
        by_text=dict(Counter(h.text for h in hits).most_common()),
        hits=tuple(hits),
    )
