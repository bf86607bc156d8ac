"""“We”, “us” and “our army” in what someone said: the speaker's country takes that side of the transfer, as the gold
annotates it ("“Moscow will send us every Su-25,” Gurinovich predicted": Belarus receives; "“We will buy as many
Bayraktars as our budget allows,” he said": Ukraine buys)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipeline.extract.doccache import text_of
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.side_features import anchor_kind, article_topic
from pipeline.extract.transfer_frame import Frame
from pipeline.extract.transfer_syntax import prep_object, subject_of
from pipeline.schema import Speaker

NAME_WINDOW = 8  # tokens either side of a person's first mention where the country that introduces them is
# "our Russian partners", "our Azerbaijani brothers": the other party, not the speaker's own
COUNTERPARTS = {"partner", "partners", "friend", "friends", "brother", "brothers", "ally", "allies", "colleague",
                "colleagues", "neighbor", "neighbors", "neighbour", "neighbours", "counterpart", "counterparts",
                "compatriots", "customer", "customers"}


def is_first_person(token: Token | None) -> bool:
    """"we", "us", or a noun "our" owns ("our army", "our troops")."""
    if token is None:
        return False
    return token.lower_ in ("we", "us") or (token.lower_ not in COUNTERPARTS and any(
        child.dep_ == "poss" and child.lower_ == "our" for child in token.children))


def first_person_side(frame: Frame, lexicons: Lexicons) -> str | None:
    """The side ("supplier" or "recipient") a first-person party takes in the frame, if one does."""
    anchor = frame.anchor
    kind = anchor_kind(anchor, lexicons)
    if is_first_person(subject_of(anchor)):
        if kind != "noun":
            return "supplier" if kind == "supplies" else "recipient"
        # A verb of neither kind ("we will keep selling Georgia", "we are building both ships for Turkmenistan"):
        # the side the frame lacks, opposite the one it names
        if (frame.supplier is None) != (frame.recipient is None):
            return "supplier" if frame.supplier is None else "recipient"
        return None
    if kind == "noun":
        return None
    if kind == "supplies":
        objects = [c for c in anchor.children if c.dep_ in ("dobj", "dative")] + [prep_object(anchor, ("to", "for"))]
        return "recipient" if any(is_first_person(token) for token in objects) else None
    return "supplier" if is_first_person(prep_object(anchor, ("from",))) else None


LONGEST_NAME = 3  # words: "United Arab Emirates"


def countries_in(text: str, lexicons: Lexicons) -> list[str]:
    """Countries named in ``text``, in order, the longest name first at each word ("South Korean Defense Minister" is
    South Korea, not Korea; "Belarus’s" too: ``Lexicons.country`` drops the possessive)."""
    words = [word.strip(",.()“”") for word in text.split()]
    found, position = [], 0
    while position < len(words):
        for size in range(min(LONGEST_NAME, len(words) - position), 0, -1):
            if country := lexicons.country(" ".join(words[position:position + size])):
                found.append(country)
                position += size
                break
        else:
            position += 1
    return found


def speaker_country(speaker: Speaker, doc: Doc, lexicons: Lexicons) -> str | None:
    """The country a speaker speaks for: named in their title or name ("Belarusian Industry Minister", "the Russian
    Foreign Ministry"), else beside their first mention ("Pavel Zhdanovich, head of Belarus's arms agency"), else the
    country the article is about."""
    if speaker.type == "author":
        return None
    if named := countries_in(" ".join(filter(None, (speaker.title, speaker.name))), lexicons):
        return named[0]
    start = text_of(doc).find(speaker.name) if speaker.type == "person" and speaker.name else -1
    span = doc.char_span(start, start + len(speaker.name), alignment_mode="expand") if start >= 0 else None
    if span is not None:
        sent = span.sent
        before = doc[max(sent.start, span.start - NAME_WINDOW):span.start]
        after = doc[span.end:min(sent.end, span.end + NAME_WINDOW)]
        if near := countries_in(before.text, lexicons)[-1:] or countries_in(after.text, lexicons)[:1]:
            return near[0]
    return article_topic(doc, lexicons)


def fill_first_person(frame: Frame, speaker: Speaker, doc: Doc, lexicons: Lexicons) -> None:
    """Give a null side that "we", "us" or "our ..." holds to the speaker's country."""
    side = first_person_side(frame, lexicons)
    if side is None or getattr(frame, side) is not None:
        return
    country = speaker_country(speaker, doc, lexicons)
    other = frame.recipient if side == "supplier" else frame.supplier
    if country is not None and country != other:
        setattr(frame, side, country)
