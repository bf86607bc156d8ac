"""Per-document lookups the rules make thousands of times, computed once per Doc.

spaCy builds ``Doc.text`` and ``Doc.ents`` afresh on every access (a walk over the whole document), so a
rule that reads them per token turns linear work quadratic. These keep one copy in ``doc.user_data``.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

TEXT, ENTS, ENT_AT, STARTS = ("edm", "text"), ("edm", "ents"), ("edm", "ent_at"), ("edm", "ent_starts")


def text_of(doc: Doc) -> str:
    if TEXT not in doc.user_data:
        doc.user_data[TEXT] = doc.text
    return doc.user_data[TEXT]


def ents_of(doc: Doc) -> tuple[Span, ...]:
    if ENTS not in doc.user_data:
        doc.user_data[ENTS] = tuple(doc.ents)
    return doc.user_data[ENTS]


def entity_at(token: Token) -> Span | None:
    """The entity covering ``token``, if any."""
    doc = token.doc
    if ENT_AT not in doc.user_data:
        index: dict[int, Span] = {}
        for ent in ents_of(doc):
            for i in range(ent.start, ent.end):
                index[i] = ent
        doc.user_data[ENT_AT] = index
    return doc.user_data[ENT_AT].get(token.i)


def ents_in(span: Span) -> list[Span]:
    """``span.ents`` without rebuilding the document's entities (Span.ents walks them all each time)."""
    doc = span.doc
    if STARTS not in doc.user_data:
        doc.user_data[STARTS] = [ent.start for ent in ents_of(doc)]
    ents = ents_of(doc)
    first = bisect_left(doc.user_data[STARTS], span.start)  # entities are sorted and do not overlap
    found = []
    for ent in ents[first:]:
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            found.append(ent)
    return found
