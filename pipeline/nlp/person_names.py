"""``edm_person_names``: people the small statistical NER misses in EDM prose.

Two habits of the genre make names findable without a bigger model:
- officials are introduced by their title: "Deputy Defense Minister Elnur Mammadov", "spokesman Ivan Petrov";
- later mentions use the surname alone: "Mammadov added". Once a full name is known, its surname is
  a PERSON everywhere in the article.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.nlp.stateless import StatelessComponent

PERSON = "PERSON"
# Labels our own patterns assign: a title rule must not override them. GPE and NORP only when our ruler set them
# (they carry its pattern id): the small NER also calls names places ("spokesperson Vadzim Kasko" as a GPE).
PROTECTED = {"OUTLET", "WEAPON", "GPE", "NORP"}
OWN_LABELS = {"OUTLET", "WEAPON"}
TITLE_WORDS = {
    "minister", "president", "premier", "chancellor", "spokesman", "spokeswoman", "spokesperson",
    "ambassador", "general", "colonel", "lieutenant", "admiral", "commander", "chief", "director",
    "adviser", "advisor", "secretary", "deputy", "senator", "mp", "lawmaker", "parliamentarian", "chair",
    "chairman", "chairwoman", "speaker", "governor", "mayor", "head", "envoy", "analyst", "expert",
    "professor", "dr.", "mr.", "ms.", "mrs.", "gen.", "col.", "lt.", "ceo", "official", "diplomat",
    "representative", "prime", "leader", "major", "captain", "marshal", "patriarch", "aide",
}
# Words inside a title ("Deputy Defense Minister", "Captain First Rank") that are not part of the name.
TITLE_PARTS = TITLE_WORDS | {
    "defense", "defence", "foreign", "affairs", "interior", "first", "second", "third", "rank", "vice",
    "state", "national", "security", "armed", "forces", "staff", "general", "army", "navy", "air", "force",
    "economy", "finance", "trade", "industry", "energy", "justice", "emergency", "situations", "acting",
}
MAX_NAME_TOKENS = 3


class PersonNames(StatelessComponent):
    def __init__(self, name: str = "edm_person_names"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        self.drop_common_nouns(doc)
        titled = list(self.titled_names(doc))
        return self.write(doc, titled + list(self.surnames(doc, titled)), titled)

    @staticmethod
    def drop_common_nouns(doc: Doc) -> None:
        """The small NER calls a capitalised sentence opener a person ("Photographs published by ... show",
        "Money explains ..."); the tagger knows it for a common noun. It also calls a phrase with no capital a
        person ("According to her, diaspora groups will ask ..."), which "her" would then stand for."""
        common = [ent for ent in doc.ents if ent.label_ == PERSON and (
            len(ent) == 1 and ent[0].pos_ == "NOUN" or not any(token.text[:1].isupper() for token in ent))]
        if common:
            doc.ents = [ent for ent in doc.ents if ent not in common]

    @staticmethod
    def titled_names(doc: Doc):
        """Two or three proper-noun tokens right after a title word."""
        for token in doc[:-1]:
            if token.lower_ not in TITLE_WORDS or doc[token.i + 1].lower_ in TITLE_PARTS:
                continue
            end = token.i + 1
            while end < len(doc) and end - token.i <= MAX_NAME_TOKENS and is_name_token(doc[end]):
                end += 1
            if end - token.i - 1 >= 2:
                yield Span(doc, token.i + 1, end, label=PERSON)

    @staticmethod
    def surnames(doc: Doc, titled: list[Span]):
        full_names = [ent for ent in list(doc.ents) + titled if ent.label_ == PERSON and len(ent) >= 2]
        # A surname is capitalised: the NER's "Chronicles of" must not make every "of" a person.
        known = {next(t.text for t in reversed(ent) if t.is_alpha) for ent in full_names if any(t.is_alpha for t in ent)}
        known = {word for word in known if word[:1].isupper()}
        for token in doc:
            if token.text in known and not is_protected(token):
                yield Span(doc, token.i, token.i + 1, label=PERSON)

    @staticmethod
    def write(doc: Doc, people: list[Span], titled: list[Span]) -> Doc:
        if not people:
            return doc
        kept = [ent for ent in doc.ents if is_protected(ent[0])]
        taken = {token.i for ent in kept for token in ent}
        people = [span for span in people if not taken.intersection(range(span.start, span.end))]
        # Our people win over the statistical guesses they overlap; a longer existing PERSON wins over a surname.
        # A titled name wins over a longer guess of another label too ("deputy | Ondrej Vrabel of Smer" as an ORG).
        named = {token for span in titled if span in people for token in range(span.start, span.end)}
        others = [ent for ent in doc.ents if ent not in kept
                  and (ent.label_ == PERSON or not named.intersection(range(ent.start, ent.end)))]
        doc.ents = filter_spans(kept + [ent for ent in others if ent.label_ == PERSON] + people
                                + [ent for ent in others if ent.label_ != PERSON])
        return doc


def is_name_token(token) -> bool:
    return token.is_title and token.pos_ == "PROPN" and not is_protected(token) and token.is_alpha \
        and token.lower_ not in TITLE_PARTS


def is_protected(token) -> bool:
    return token.ent_type_ in OWN_LABELS or token.ent_type_ in PROTECTED and bool(token.ent_id_)


@Language.factory("edm_person_names", assigns=["doc.ents"])
def make_person_names(nlp: Language, name: str) -> PersonNames:
    return PersonNames(name)
