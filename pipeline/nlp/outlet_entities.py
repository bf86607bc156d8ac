"""``edm_outlet_entities``: whatever a citation names as its source is an OUTLET entity, there and
wherever the article names it again ("Sputnik Georgia claimed ... (Sputnik Georgia, June 6)").

This generalizes beyond the curated outlet list: an unknown outlet in ``(Minval.az, May 3)`` is
still tagged. Our spans win over the statistical NER's overlapping guesses.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.nlp.extensions import register_extensions
from pipeline.nlp.stateless import StatelessComponent

OUTLET = "OUTLET"
# A cited body that is not a medium ("(Armenian Defense Ministry, May 3)") is an outlet in its citation only:
# named in the prose it is the organization speaking.
NOT_MEDIA = {"ministry", "government", "office", "presidency", "president", "service", "embassy", "committee",
             "council", "parliament", "kremlin", "administration", "department", "command", "staff", "agency"}
MEDIA_AGENCIES = {"news agency", "anadolu agency", "press agency"}  # agencies that are media after all


class OutletEntities(StatelessComponent):
    def __init__(self, name: str = "edm_outlet_entities"):
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        return self.write(doc, list(self.find(doc)))

    @staticmethod
    def find(doc: Doc):
        names = set()
        for source in doc._.edm_sources or []:
            name_end = source["start"] + len(source["source"])
            span = doc.char_span(source["start"], name_end, label=OUTLET, alignment_mode="expand")
            if span is not None and span.text.strip():
                names.add(span.text)
                yield span
        for name in sorted(filter(is_medium_name, names), key=len, reverse=True):
            for match in re.finditer(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", doc.text):
                span = doc.char_span(match.start(), match.end(), label=OUTLET)  # whole tokens only
                if span is not None:
                    yield span

    @staticmethod
    def write(doc: Doc, outlets: list[Span]) -> Doc:
        if outlets:
            outlets = filter_spans(outlets)
            taken = {token.i for span in outlets for token in span}
            kept = [ent for ent in doc.ents if not taken.intersection(range(ent.start, ent.end))]
            doc.ents = sorted(outlets + kept, key=lambda span: span.start)
        return doc


def is_medium_name(name: str) -> bool:
    lower = name.lower()
    return len(name) >= 3 and name[0].isupper() and (
        any(agency in lower for agency in MEDIA_AGENCIES) or not NOT_MEDIA.intersection(lower.split()))


@Language.factory("edm_outlet_entities", requires=["doc._.edm_sources"], assigns=["doc.ents"])
def make_outlet_entities(nlp: Language, name: str) -> OutletEntities:
    return OutletEntities(name)
