"""Frames with no transfer word: the weapons arrive ("Turkish drones will reach Kazakhstan"), an arsenal holds
them ("Azerbaijan's air defenses include Russian S-300s"), or a system and its maker's country sit beside one
other country."""

from __future__ import annotations

from spacy.tokens import Span

from pipeline.extract.doccache import ents_in
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.transfer_frame import Frame, details, fill_missing, transfer_status, weapons_named
from pipeline.extract.transfer_parties import (
    country_of,
    is_materiel,
    items_in,
    mentions_arms,
    origin_of_items,
    owner_in,
    sentence_countries,
    stated_origin,
)
from pipeline.extract.transfer_syntax import clause_span, inside_parentheses, phrase, prep_object, subject_of

# Verbs whose subject is the weapon itself: "Turkish drones will reach Kazakhstan", "S-400s arriving in Armenia".
ARRIVAL_VERBS = {"arrive", "reach", "land"}


def arrival_frames(sent: Span, lexicons: Lexicons) -> list[Frame]:
    """The weapons as the subject: the recipient is where they arrive, the supplier their stated origin
    ("Israeli-made drones", "Russian S-400s") or their maker's country."""
    frames = []
    for token in sent:
        if token.pos_ != "VERB" or token.lemma_.lower() not in ARRIVAL_VERBS:
            continue
        subject = subject_of(token)  # climbs "are likely to reach"
        if token.dep_ == "acl" and subject is None:  # "the S-400s now arriving in Armenia"
            subject = token.head
        if subject is None or not is_materiel(subject, lexicons):
            continue
        place = next((child for child in token.children if child.dep_ == "dobj"), None) if \
            token.lemma_.lower() == "reach" else prep_object(token, ("in", "at", "to"))
        recipient = country_of(place, lexicons)
        if recipient is None and place is not None:  # "Georgian soil", "Tbilisi"
            recipient = (sentence_countries(phrase(place), lexicons) or [None])[0]
        supplier = country_of(subject, lexicons) or origin_of_items(list(subject.subtree), lexicons)
        if recipient is None or supplier == recipient:
            continue
        start, end = clause_span(token)
        frames.append(details(Frame(token, supplier, recipient, items_in(subject, lexicons),
                                    transfer_status(token, lexicons), start=start, end=end), sent))
    return frames


# Verbs that say what an arsenal holds: "Azerbaijan's air defenses include Russian S-300s".
HOLDING_VERBS = {"include", "form", "comprise", "constitute", "remain", "dominate", "complement", "supplement",
                 "replace", "equip", "serve", "join"}


def holding_frames(sent: Span, lexicons: Lexicons) -> list[Frame]:
    """Weapons of a stated origin held by a named country: "Azerbaijan's air defenses include Russian S-300PMU2
    batteries", "Russian-made Smerch systems form the backbone of Azerbaijan's artillery", "Chinese missiles in
    Aktau". Both sides are written; the maker's country from the lexicon is not enough here."""
    frames = []
    for token in sent:
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "amod", "nmod", "poss") \
                or not is_materiel(token, lexicons):
            continue
        origin = stated_origin(token, lexicons)
        if origin is None:
            continue
        holder = country_of(owner_in(token, lexicons), lexicons) or country_of(prep_object(token, ("in", "at")),
                                                                               lexicons)
        anchor = token
        while anchor.dep_ == "conj":
            anchor = anchor.head
        verb = anchor.head
        if holder is None and verb.lemma_.lower() in HOLDING_VERBS:
            partners = [child for child in verb.children if child.i != anchor.i
                        and child.dep_ in ("nsubj", "dobj", "attr", "nsubjpass")]
            holder = next((country for child in partners
                           if (country := country_of(child, lexicons) or country_of(owner_in(child, lexicons), lexicons))),
                          None)
        if holder is None and verb.lemma_.lower() in ("be", "remain", "serve", "enter"):
            holder = country_of(prep_object(verb, ("in", "with")), lexicons)  # "have been in Turkmen service"
        if holder is None or holder == origin:
            continue
        start, end = clause_span(verb if verb.pos_ in ("VERB", "AUX") else token)
        frames.append(details(Frame(token, origin, holder, items_in(token, lexicons), "delivered", start=start,
                                    end=end), sent))
    return frames


def named_pair_frames(sent: Span, lexicons: Lexicons, countries: list[str]) -> list[Frame]:
    """A sentence with no transfer word that names a weapon system and exactly two countries, one of them the
    system's maker: "Harop loitering munitions gave Azerbaijan its edge, Israeli officials boast". Both sides are
    written in the sentence; the maker lexicon only says which of the two sells."""
    weapons = [ent for ent in ents_in(sent) if ent.label_ == "WEAPON" and not inside_parentheses(ent, sent)]
    origins = {lexicons.origin_of.get(ent.text.lower()) for ent in weapons} - {None}
    if len(origins) != 1 or len(countries) != 2 or not origins <= set(countries):
        return []
    supplier = origins.pop()
    recipient = next(country for country in countries if country != supplier)
    anchor = weapons[0].root
    start, end = clause_span(anchor.head if anchor.head.pos_ in ("VERB", "AUX") else anchor)
    status = transfer_status(anchor, lexicons)
    return [details(Frame(anchor, supplier, recipient, list(dict.fromkeys(ent.text for ent in weapons)),
                          "delivered" if status == "unknown" else status, start=start, end=end), sent)]


def restated_pair(span: Span, pairs: set[tuple[str, str]], lexicons: Lexicons) -> Frame | None:
    """The transfer a span restates: it names arms and exactly two countries, which the article has already paired
    one way round (``pairs``: supplier, recipient). On dev this added 29 right pairs for 20 wrong (pairs F1 0.642 ->
    0.660); the gold calls about half of these spans transfers."""
    if not mentions_arms(span, lexicons):
        return None
    countries = sentence_countries(span, lexicons)
    if len(countries) != 2:
        return None
    first, second = countries
    known = [pair for pair in ((first, second), (second, first)) if pair in pairs]
    if len(known) != 1:  # neither, or both ways round: the article does not say who supplies
        return None
    supplier, recipient = known[0]
    status = transfer_status(span.root, lexicons)
    start, end = span.start_char, span.end_char
    weapons = list(dict.fromkeys(ent.text for ent in ents_in(span) if ent.label_ == "WEAPON"))
    return details(Frame(span.root, supplier, recipient, weapons, "delivered" if status == "unknown" else status,
                         start=start, end=end), span)


def implied_frame(clause: Span, lexicons: Lexicons) -> Frame:
    """The frame of a clause the kind chooser reads as a transfer though no transfer word anchors it ("the first
    hull would reach Ukraine in 2024"): anchored on the clause's head verb (under a verb of saying, the verb of what
    was said), its weapon systems (else its first word for materiel) as items, the supplier their maker where the
    lexicon knows one. The side and status choosers then re-read it."""
    supplier, recipient = fill_missing(None, None, countries=sentence_countries(clause, lexicons),
                                       item_origin=origin_of_items(list(clause), lexicons))
    items = weapons_named(clause.sent, clause.start_char, clause.end_char)
    materiel = [token for token in clause if token.pos_ in ("NOUN", "PROPN") and is_materiel(token, lexicons)]
    if not items and materiel:  # "the first hull": the first word for materiel, with its modifiers
        items = [clause.doc[materiel[0].left_edge.i:materiel[0].i + 1].text]
    anchor = clause.root  # "Blic reported that Belgrade had put ... on hold": what was reported, not the reporting
    while anchor.lemma_.lower() in lexicons.cue_verbs and (said := [c for c in anchor.children if c.dep_ == "ccomp"]):
        anchor = said[0]
    return details(Frame(anchor, supplier, recipient, items,
                         transfer_status(anchor, lexicons), start=clause.start_char, end=clause.end_char), clause)
