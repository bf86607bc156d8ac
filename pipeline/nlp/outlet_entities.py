"""``edm_outlet_entities``: whatever a citation names as its source is an OUTLET entity.

This generalizes beyond the curated outlet list: an unknown outlet in ``(Minval.az, May 3)`` is
still tagged. Our spans win over the statistical NER's overlapping guesses.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.nlp.extensions import register_extensions
from pipeline.nlp.stateless import StatelessComponent

OUTLET = "OUTLET"


class OutletEntities(StatelessComponent):
    def __init__(self, name: str = "edm_outlet_entities"):
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        return self.write(doc, list(self.find(doc)))

    @staticmethod
    def find(doc: Doc):
        for source in doc._.edm_sources or []:
            name_end = source["start"] + len(source["source"])
            span = doc.char_span(source["start"], name_end, label=OUTLET, alignment_mode="expand")
            if span is not None and span.text.strip():
                yield span

    @staticmethod
    def write(doc: Doc, outlets: list[Span]) -> Doc:
        if outlets:
            outlets = filter_spans(outlets)
            taken = {token.i for span in outlets for token in span}
            kept = [ent for ent in doc.ents if not taken.intersection(range(ent.start, ent.end))]
            doc.ents = sorted(outlets + kept, key=lambda span: span.start)
        return doc


@Language.factory("edm_outlet_entities", requires=["doc._.edm_sources"], assigns=["doc.ents"])
def make_outlet_entities(nlp: Language, name: str) -> OutletEntities:
    return OutletEntities(name)
