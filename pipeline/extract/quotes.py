"""Direct quotations: curly or straight quote pairs, minus scare quotes around a term."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.extract.doccache import text_of

QUOTE_PAIRS = re.compile(r"“([^“”]*)”|\"([^\"\n]*)\"")
# Scare quotes: a short term with no verb ("four days war", “gray” zones, “frozen conflicts”).
MAX_SCARE_WORDS = 3


@dataclass(frozen=True)
class QuoteSpan:
    text: str
    start: int  # offset of the first quoted character (inside the marks)
    end: int


def quotations(doc: Doc) -> Iterator[QuoteSpan]:
    for match in QUOTE_PAIRS.finditer(text_of(doc)):
        group = 1 if match.group(1) is not None else 2
        start, end = match.start(group), match.end(group)
        if not is_scare_quote(doc, start, end):
            yield QuoteSpan(text_of(doc)[start:end], start, end)


def is_scare_quote(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [token for token in span if not token.is_punct] if span is not None else []
    has_verb = any(token.pos_ in ("VERB", "AUX") for token in words)
    return len(words) <= MAX_SCARE_WORDS and not has_verb


def unbalanced_quote_marks(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph whose curly quotation marks do not pair up."""
    offset = 0
    for paragraph in text.split("\n"):
        if paragraph.count("“") != paragraph.count("”"):
            yield offset, offset + len(paragraph)
        offset += len(paragraph) + 1
