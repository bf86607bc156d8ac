"""``edm_citations``: finds EDM's parenthetical citations, crossrefs and photo credits in a Doc.

It writes what it reads onto ``doc._.edm_sources`` and ``doc._.edm_credits``; dates stay partial
here (a year may be missing) and are resolved against the article's publication date downstream.
"""

from __future__ import annotations

from dataclasses import asdict

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.citation_grammar import ParentheticalReading, read_parentheticals
from pipeline.nlp.extensions import register_extensions
from pipeline.nlp.stateless import StatelessComponent


class CitationFinder(StatelessComponent):
    def __init__(self, name: str = "edm_citations"):
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        return self.write(doc, read_parentheticals(doc.text))

    @staticmethod
    def write(doc: Doc, reading: ParentheticalReading) -> Doc:
        doc._.edm_sources = [asdict(source) for source in reading.sources]
        doc._.edm_credits = [asdict(credit) for credit in reading.credits]
        return doc


@Language.factory("edm_citations", requires=[], assigns=["doc._.edm_sources", "doc._.edm_credits"])
def make_citation_finder(nlp: Language, name: str) -> CitationFinder:
    return CitationFinder(name)
