"""Doc + SourceArticle -> ArticleRecord: entities, citations, crossrefs and credits as records."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from spacy.tokens import Doc

from pipeline import __version__
from pipeline.errors import UnresolvedYear
from pipeline.extract.dates import iso_date
from pipeline.extract.doccache import text_of
from pipeline.ingest.article import SourceArticle
from pipeline.nlp.citation_grammar import PartialDate
from pipeline.schema import ArticleRecord, Citation, Credit, Crossref, Entity, ModelRef, Problem, Provenance

POSSESSIVE = re.compile(r"[’']s$")


class SentenceIndex:
    """Maps a character offset to the index of the sentence that holds it."""

    def __init__(self, doc: Doc):
        self.starts = [sent.start_char for sent in doc.sents]

    def __call__(self, offset: int) -> int:
        return max(bisect_right(self.starts, offset) - 1, 0)


def entities(doc: Doc) -> Iterator[Entity]:
    for ent in doc.ents:
        text = POSSESSIVE.sub("", ent.text)  # "Kosachev’s" names Kosachev
        if text.strip():
            yield Entity(text=text, label=ent.label_, start=ent.start_char, end=ent.start_char + len(text))


def partial_dates(source: dict) -> list[PartialDate]:
    return [PartialDate(**value) for value in source["dates"]] or [PartialDate(None, None, None)]


def cited_sources(doc: Doc, article: SourceArticle, *, year: int | None) -> Iterator[Citation | Crossref]:
    """One record per (source, date): ``(Interfax, March 3, 4)`` gives two."""
    sentence_of = SentenceIndex(doc)
    for source in doc._.edm_sources or []:
        for partial in partial_dates(source):
            date = iso_date(partial, published=article.published, year=year) if partial.month or partial.year else None
            common = dict(
                source=source["source"],
                date=date,
                date_precision=partial.precision if (partial.month or partial.year) else None,
                raw=text_of(doc)[source["start"]:source["end"]],
                start=source["start"],
                end=source["end"],
                sentence_index=sentence_of(source["start"]),
            )
            if source["crossref"]:
                yield Crossref(**common)
            else:
                yield Citation(**common, date_kind="accessed" if partial.accessed else "published")


def credits(doc: Doc) -> Iterator[Credit]:
    for credit in doc._.edm_credits or []:
        yield Credit(**credit)


def date_problems(article: SourceArticle, found: list[Citation | Crossref], *, year: int | None) -> Iterator[Problem]:
    if year is None and any(item.date is None and item.date_precision for item in found):
        err = UnresolvedYear(article.input, "publication year unknown (no date, no EDM volume, no --year): "
                                            "citation dates without a year are left unresolved")
        yield Problem(input=article.input, code=err.code, message=err.message, stage="tag")


def article_record(doc: Doc, article: SourceArticle, *, run_id: str, models: list[ModelRef],
                   year_fallback: int | None = None) -> ArticleRecord:
    year, year_source = article.publication_year(year_fallback)
    found = list(cited_sources(doc, article, year=year))
    return ArticleRecord(
        article_id=article.article_id,
        input=article.input,
        url=article.url,
        title=article.title,
        published=article.published.isoformat() if article.published else None,
        year=year,
        year_source=year_source,
        publication=article.publication,
        authors=article.authors,
        text=article.text,
        text_sha256=article.text_sha256,
        version=article.version,
        previous_text_sha256=article.previous_text_sha256,
        sections=article.sections,
        entities=list(entities(doc)),
        citations=[item for item in found if isinstance(item, Citation)],
        crossrefs=[item for item in found if isinstance(item, Crossref)],
        credits=list(credits(doc)),
        errors=list(date_problems(article, found, year=year)),
        provenance=Provenance(pipeline_version=__version__, models=models, run_id=run_id),
    )
