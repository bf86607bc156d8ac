"""``edm_paragraph_breaks``: a new line starts a new sentence, and so does a capital right after a
citation's closing bracket and period, space or not ("(TASS, May 3).The ministry ...").

Captions and summary bullets carry no final period, so without this the parser runs them into the
first body sentence (and every sentence index after them is off by one).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.stateless import StatelessComponent


class ParagraphBreaks(StatelessComponent):
    def __init__(self, name: str = "edm_paragraph_breaks"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:]:
            previous = doc[token.i - 1]
            new_line = "\n" in previous.text_with_ws and not token.is_space
            after_citation = previous.text == "." and token.i >= 2 and doc[token.i - 2].text == ")" and token.is_title
            if new_line or after_citation:
                token.is_sent_start = True
        return doc


@Language.factory("edm_paragraph_breaks", assigns=["token.is_sent_start"])
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks(name)
