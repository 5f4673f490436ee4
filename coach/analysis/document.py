"""A transcript parsed by spaCy, with every token mapped back to its timed word."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coach.transcribe import Transcript, Word
from coach.wording import join_words, separators

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from coach.models import NlpModel


@dataclass(frozen=True)
class Evidence:
    """A quoted stretch of the answer, where it starts (None for typed text), and why it
    was picked ("" when the finder has no more to say than its own name)."""

    quote: str
    at_s: float | None
    why: str = ""


@dataclass
class Document:
    """The parsed answer. `word_of[token.i]` is the index of the token's Word."""

    transcript: Transcript
    doc: Doc
    word_of: list[int]
    degraded: bool
    nlp: Any

    @property
    def words(self) -> tuple[Word, ...]:
        return self.transcript.words

    def time_of(self, token: Token) -> float | None:
        return self.words[self.word_of[token.i]].start_s if self.words else None

    def end_time_of(self, token: Token) -> float | None:
        return self.words[self.word_of[token.i]].end_s if self.words else None

    def evidence(self, span: Span | Sequence[Token], max_words: int = 18) -> Evidence:
        """Quote the words behind a span of tokens (at most max_words of them)."""
        tokens = list(span)
        if not tokens:
            return Evidence("", None)
        first, last = self.word_of[tokens[0].i], self.word_of[tokens[-1].i]
        quoted = self.words[first : last + 1]
        text = join_words(w.text for w in quoted[:max_words]) + (" …" if len(quoted) > max_words else "")
        return Evidence(text, quoted[0].start_s)

    @property
    def sentences(self) -> list[Span]:
        return list(self.doc.sents)


def parse(transcript: Transcript, nlp_model: NlpModel) -> Document:
    """Join the words into text (coach.wording.join_words: "4,000", not "4 ,000"), parse
    it once, and map tokens to words by offset."""
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    texts = [word.text for word in transcript.words]
    for gap, word in zip(separators(texts), texts, strict=True):
        offset += len(gap)
        starts.append(offset)
        parts.append(gap + word)
        offset += len(word)
    text = "".join(parts)
    doc: Any = nlp_model.nlp(text)
    word_of: list[int] = []
    index = 0
    for token in doc:
        while index + 1 < len(starts) and starts[index + 1] <= token.idx:
            index += 1
        word_of.append(index)
    return Document(transcript, doc, word_of, nlp_model.degraded, nlp_model.nlp)


def lemma(token: Token) -> str:
    """The token's lemma, or its lowercase form when the model has no lemmatizer."""
    return (token.lemma_ or token.lower_).lower()


_SIMPLE_SUFFIXES = re.compile(r"(ing|ed|es|s)$")


def _crude_lemma(word: str) -> str:
    """Suffix stripping for degraded mode, where there is no lemmatizer."""
    stem = _SIMPLE_SUFFIXES.sub("", word) if len(word) > 4 else word
    return stem or word


# Lemmatizing a phrase runs the pipeline; the analyzers match a few hundred phrases, so the
# lemmas are kept for the life of the process (per pipeline), not per answer.
_PHRASE_LEMMAS: dict[tuple[int, bool, str], tuple[str, ...]] = {}


def phrase_lemmas(phrase: str, document: Document) -> tuple[str, ...]:
    """A phrase's lemmas from the same pipeline as the document, cached per phrase."""
    key = (id(document.nlp), document.degraded, phrase)
    cached = _PHRASE_LEMMAS.get(key)
    if cached is None:
        tokens = [t for t in document.nlp(phrase.lower()) if not t.is_punct]
        cached = tuple(_crude_lemma(t.lower_) if document.degraded else lemma(t) for t in tokens)
        _PHRASE_LEMMAS[key] = cached
    return cached


def token_lemmas(document: Document) -> list[str]:
    if document.degraded:
        return [_crude_lemma(t.lower_) for t in document.doc]
    return [lemma(t) for t in document.doc]


def find_phrases(document: Document, phrases: Iterable[str]) -> list[tuple[int, int, str]]:
    """Every (first token, end token, phrase) where the phrase's lemmas occur, in order."""
    lemmas = token_lemmas(document)
    content = [i for i, t in enumerate(document.doc) if not t.is_punct]
    sequence = [lemmas[i] for i in content]
    hits: list[tuple[int, int, str]] = []
    for phrase in phrases:
        target = phrase_lemmas(phrase, document)
        if not target:
            continue
        size = len(target)
        for start in range(len(sequence) - size + 1):
            if tuple(sequence[start : start + size]) == target:
                hits.append((content[start], content[start + size - 1] + 1, phrase))
    hits.sort()
    return hits


def quote_around(document: Document, start: int, end: int, before: int = 6, after: int = 10) -> Evidence:
    """Quote a matched token range with a little of its sentence either side."""
    sentence = document.doc[start].sent
    first = max(sentence.start, start - before)
    last = min(sentence.end, end + after)
    return document.evidence(document.doc[first:last])


def first_phrase(document: Document, phrases: Iterable[str], from_token: int = 0) -> Evidence | None:
    """Evidence for the earliest of the phrases at or after `from_token`, if any occurs."""
    for start, end, phrase in find_phrases(document, phrases):
        if start >= from_token:
            evidence = quote_around(document, start, end)
            return Evidence(evidence.quote, evidence.at_s, f"rule: says “{phrase}”")
    return None
