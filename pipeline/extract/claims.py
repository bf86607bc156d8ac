"""Doc + ArticleRecord -> ClaimRecords: one per claim sentence, one per arms-transfer frame.

Each body sentence that asserts something becomes a claim with its speaker and cue, quotation,
certainty, the citations closing that same sentence, and (for arms) a transfer frame.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from pipeline.errors import ClaimExtractionFailed, UnbalancedQuote
from pipeline.extract.hedges import certainty
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.quotes import QuoteSpan, quotations, unbalanced_quote_marks
from pipeline.extract.speakers import AUTHOR, Attribution, attribute_sentences
from pipeline.extract.transfers import VALUE, Frame, transfer_frames
from pipeline.schema import ArmsTransfer, ArticleRecord, Citation, ClaimRecord, Problem, Quote, Speaker

MIN_CLAIM_WORDS = 5
PARENTHETICAL = re.compile(r"\([^()]*\)")


def claim_id(article_id: str, start: int, end: int, ordinal: int) -> str:
    key = f"{article_id}:{start}:{end}:{ordinal}"
    return "claim-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def body_ranges(record: ArticleRecord) -> list[tuple[int, int]]:
    return [(section.start, section.end) for section in record.sections if section.kind == "body"]


def in_body(sent: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= sent.start_char < end for start, end in ranges)


def is_claim_sentence(sent: Span) -> bool:
    text = sent.text.strip()
    words = [token for token in sent if token.is_alpha]
    if text.endswith("?") or len(words) < MIN_CLAIM_WORDS and not sent.ents:
        return False
    return any(token.pos_ in ("VERB", "AUX") for token in sent)


def sentence_citations(sent: Span, record: ArticleRecord) -> list[Citation]:
    return [c for c in record.citations if sent.start_char <= c.start < sent.end_char]


def sentence_quote(sent: Span, quotes: list[QuoteSpan]) -> Quote | None:
    for quote in quotes:
        start, end = max(quote.start, sent.start_char), min(quote.end, sent.end_char)
        if start < end:
            return Quote(text=sent.doc.text[start:end], start=start, end=end)
    return None


def kind_of(sent: Span, attribution: Attribution, lexicons: Lexicons, cues: list[str]) -> str:
    if attribution.speaker.type != "author":
        return "statement"
    plain = PARENTHETICAL.sub(" ", sent.text)
    if VALUE.search(plain) or any(ent.label_ in ("PERCENT", "MONEY") for ent in sent.ents):
        return "statistic"
    lowered = {token.lower_ for token in sent} | {token.lemma_.lower() for token in sent}
    if cues or lowered & lexicons.assessment_words:
        return "assessment"
    return "other"


def trimmed_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    text = doc.text[start:end]
    return start + (len(text) - len(text.lstrip())), start + len(text.rstrip())


def transfer_of(frame: Frame) -> ArmsTransfer:
    return ArmsTransfer(supplier=frame.supplier, recipient=frame.recipient, items=frame.items, status=frame.status,
                        period=frame.period, quantity=frame.quantity, value=frame.value)


def sentence_claims(sent: Span, index: int, attribution: Attribution, *, record: ArticleRecord,
                    quotes: list[QuoteSpan], lexicons: Lexicons, provenance) -> Iterator[ClaimRecord]:
    start, end = trimmed_span(sent.doc, sent.start_char, sent.end_char)
    level, cues = certainty(PARENTHETICAL.sub(" ", sent.text), lexicons)
    common = dict(
        article_id=record.article_id,
        sentence_index=index,
        speaker=attribution.speaker,
        cue=attribution.cue,
        quote=sentence_quote(sent, quotes),
        certainty=level,
        certainty_cues=cues,
        citations=sentence_citations(sent, record),
        provenance=provenance,
    )
    frames = transfer_frames(sent, lexicons)
    if not frames:
        yield ClaimRecord(claim_id=claim_id(record.article_id, start, end, 0), text=sent.doc.text[start:end],
                          start=start, end=end, kind=kind_of(sent, attribution, lexicons, cues), **common)
        return
    for ordinal, frame in enumerate(frames):
        # One frame: the whole sentence is the claim; several: each its own clause.
        clause_start, clause_end = (start, end) if len(frames) == 1 else trimmed_span(sent.doc, frame.start, frame.end)
        yield ClaimRecord(claim_id=claim_id(record.article_id, clause_start, clause_end, ordinal),
                          text=sent.doc.text[clause_start:clause_end], start=clause_start, end=clause_end,
                          kind="arms_transfer", arms_transfer=transfer_of(frame), **common)


def article_claims(doc: Doc, record: ArticleRecord, lexicons: Lexicons) -> tuple[list[ClaimRecord], list[Problem]]:
    problems = [
        Problem(input=record.input, code=UnbalancedQuote.code, stage="tag", start=start, end=end,
                message="unbalanced quotation marks in this paragraph; quotes in it may be cut short")
        for start, end in unbalanced_quote_marks(doc.text)
    ]
    quotes = list(quotations(doc))
    sents = list(doc.sents)
    quoted = {i for i, sent in enumerate(sents) if sentence_quote(sent, quotes)}
    attributions = attribute_sentences(doc, lexicons, quoted=quoted)
    ranges = body_ranges(record)
    claims: list[ClaimRecord] = []
    for index, (sent, attribution) in enumerate(zip(sents, attributions)):
        if not in_body(sent, ranges) or not is_claim_sentence(sent):
            continue
        try:
            claims.extend(sentence_claims(sent, index, attribution, record=record, quotes=quotes,
                                          lexicons=lexicons, provenance=record.provenance))
        except Exception as err:  # one sentence the rules cannot handle must not cost the article
            problems.append(Problem(input=record.input, code=ClaimExtractionFailed.code, stage="tag",
                                    start=sent.start_char, end=sent.end_char,
                                    message=f"claim extraction failed for this sentence: {type(err).__name__}: {err}"))
    return claims, problems


__all__ = ["AUTHOR", "Speaker", "article_claims"]
