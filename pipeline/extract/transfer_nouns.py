"""Frames anchored on a transfer noun: "arms sales to Azerbaijan", "imports from Israel", "Baku's main
supplier", "a request for Iskanders", "talks on drones"."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.extract.doccache import ents_in
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.transfer_frame import Frame, details, fill_missing, transfer_status
from pipeline.extract.transfer_parties import (
    DEAL_NOUNS,
    REQUEST_NOUNS,
    TALK_NOUNS,
    country_of,
    items_in,
    mentions_arms,
    origin_of_items,
    other_goods,
    refers_back,
    said_by,
    seller_country,
    sells,
    speaker_for_pronoun,
    speaks_of,
)
from pipeline.extract.transfer_syntax import (
    acts_as_verb,
    clause_span,
    clause_subject,
    clause_verb,
    conjuncts,
    nested_prep,
    phrase,
    prep_object,
    subject_of,
)

COPULAS = {"be", "remain", "become", "stay"}


def is_copula(verb: Token | None) -> bool:
    return verb is not None and verb.lemma_.lower() in COPULAS


JOB_NOUNS = {"manager", "department", "division", "office", "team", "staff"}
# Nouns that make an arms-transfer claim even when neither side is named ("the deliveries would be completed").
UNNAMED_OK = {"delivery", "deliveries", "contract", "contracts", "deal", "purchase", "purchases", "supply",
              "supplies", "shipment", "shipments", "sale", "sales", "order", "transfer", "transfers", "batch"}


def noun_frames(sent: Span, lexicons: Lexicons, countries: list[str]) -> list[Frame]:
    """"Russia’s arms sales to Azerbaijan", "Azerbaijan’s main arms supplier", "imports from Israel",
    "a contract with France"."""
    frames = []
    armless = not mentions_arms(sent, lexicons)  # then only a frame that names both sides, as for verbs
    for token in sent:
        lower = token.lower_
        if token.pos_ != "NOUN" or lower in ("arms", "weapons", "weaponry") or (
                lower not in lexicons.transfer_nouns and lower not in CUSTOMER_NOUNS and lower not in TALK_NOUNS
                and lower not in REQUEST_NOUNS):
            continue
        if acts_as_verb(token, lexicons):  # a verb frame reads it
            continue
        if token.dep_ == "compound" and token.head.lower_ in lexicons.titles | JOB_NOUNS:
            continue  # "its sales chief", "the export director": a job, not a transfer
        owner = next((c for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                      and lexicons.country(c.text)), None)
        to_obj = prep_object(token, ("to",))
        from_obj = prep_object(token, ("from", "with")) or nested_prep(token, ("from",))
        suppliers: list[Token | None] = [None]
        supplier = recipient = None
        if lower in TALK_NOUNS:
            # "negotiations with Chinese partners on a longer-range missile", "talks on licensed production of
            # Russian BTR-82As": the partner, else the weapons' stated origin, supplies; the other side buys
            partner = prep_object(token, ("with",)) or (prep_object(token.head, ("with",))
                                                        if token.dep_ in ("dobj", "nsubj") else None)
            supplier = country_of(partner, lexicons) or origin_of_items(list(token.subtree), lexicons) or (
                country_of(token, lexicons) if partner is None else None)
            buyer = owner if owner is not None and country_of(owner, lexicons) != supplier else clause_subject(token)
            recipient = country_of(buyer, lexicons)
            if supplier is None and recipient is None or supplier == recipient:
                continue
        elif lower in REQUEST_NOUNS:
            # "Turkey had turned down a Georgian request for armed TB2 drones", "Minsk's request to Moscow for
            # Iskanders": the one asking receives; the one asked (the answering subject, or "to") would sell
            on_verb = token.dep_ == "dobj"  # "sent a request to Moscow for ...": the parser may hang both on the verb
            wanted = prep_object(token, ("for",)) or (prep_object(token.head, ("for",)) if on_verb else None)
            if wanted is None or not mentions_arms(phrase(wanted), lexicons):
                continue
            answers = token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in ANSWER_VERBS
            recipient = country_of(owner, lexicons) or (country_of(clause_subject(token), lexicons)
                                                        if on_verb and not answers else None)
            asked = prep_object(token, ("to",)) or (prep_object(token.head, ("to",)) if on_verb else None) or (
                clause_subject(token) if answers else None)
            supplier = country_of(asked, lexicons) or origin_of_items(list(wanted.subtree), lexicons)
            if recipient is None or supplier == recipient:
                continue
        elif lower in CUSTOMER_NOUNS:
            # "Azerbaijan is the only foreign customer of the Polonez", "Baku, Minsk's most generous customer"
            of_obj = prep_object(token, ("of", "for"))
            supplier = country_of(owner, lexicons) or country_of(of_obj, lexicons) or (
                origin_of_items(list(of_obj.subtree), lexicons) if of_obj is not None else None)
            if token.dep_ == "attr":
                recipient = country_of(subject_of(token.head), lexicons)
            elif token.dep_ == "appos":
                recipient = country_of(token.head, lexicons)
            if recipient is None:
                continue  # "its customers" with nobody named: a side would be guessed
        elif lower.startswith(("supplier", "exporter", "seller")):
            if any(child.lower_ in ("any", "every", "no") for child in token.children):
                continue  # "on better terms than any Chinese supplier": no one in particular
            recipient = country_of(owner, lexicons) or country_of(to_obj, lexicons)
            if owner is not None and owner.dep_ == "amod":  # "a Turkish exporter": the seller's nationality
                supplier, recipient = recipient, country_of(to_obj, lexicons)
            elif token.dep_ == "nsubj" and token.head.lemma_ == "be":  # "Azerbaijan's main supplier is Russia"
                supplier = country_of(next((c for c in token.head.children if c.dep_ == "attr"), None), lexicons)
            elif token.dep_ in ("attr", "appos") or token.head.lemma_ == "be":
                subj = subject_of(token.head) if token.dep_ == "attr" else token.head
                supplier = country_of(subj, lexicons)
        elif lower.startswith(("import", "purchase", "acquisition", "procurement", *DEAL_NOUNS)):
            recipient = country_of(owner, lexicons)
            subject = clause_subject(token)
            # "the group has no order from Kyiv": a seller's order comes from its buyer
            seller = speaker_for_pronoun(subject, token)
            ordered_by = from_obj is not None and lower.startswith("order") and owner is None and sells(seller)
            if from_obj is not None and not ordered_by:
                suppliers = conjuncts(from_obj)
            # "Israeli officials rarely comment on deals", "Armenia's Foreign Ministry called the purchase ...":
            # who talks about a deal is no party to it
            subject = None if speaks_of(subject) or said_by(token, lexicons) else subject
            partner = from_obj or nested_prep(token, ("with",))  # "a contract for TB2 drones with the ministry"
            buyer = lexicons.country(subject.text) if subject is not None else None  # "Baku", not "Baku's ministry"
            if ordered_by:
                supplier = seller_country(seller, lexicons)
                recipient = recipient or country_of(from_obj, lexicons)
            elif owner is not None and owner.dep_ == "amod" and from_obj is None and buyer not in (None, recipient) \
                    and not sells(subject) and not is_copula(clause_verb(token)):
                # "Baku would freeze new Israeli purchases": the demonym says where they come from (but "France is
                # the second pillar of Georgian procurement": what the subject is to them, it supplies)
                supplier, recipient = recipient, buyer
            elif recipient is None and lower.startswith(DEAL_NOUNS) and sells(subject) and partner is not None:
                # "Baykar had no contract with Georgia": the maker sells to the other party
                supplier, recipient, suppliers = country_of(subject, lexicons), country_of(partner, lexicons), [None]
            elif recipient is None and lower.startswith(DEAL_NOUNS):
                recipient = country_of(subject, lexicons)
            elif subject is not None and from_obj is None:
                suppliers = conjuncts(subject)  # "France accounted for 40 percent of Georgia’s arms imports"
        else:
            supplier = country_of(owner, lexicons)
            recipient = country_of(to_obj, lexicons)
            if supplier is None and from_obj is not None:
                suppliers = conjuncts(from_obj)
            elif token.dep_ == "dobj" and token.head.lemma_.lower() in SUPPLIER_GOVERNORS:
                # "Poland had resumed tank deliveries to Ukraine", "Moscow would double its deliveries to
                # Abkhazia": the parser hangs "to" on the verb, whose subject is the one delivering
                subject = speaker_for_pronoun(subject_of(token.head), token.head)
                if supplier is None and (owner is None or owner.lower_ in ("its", "their")) and not speaks_of(subject):
                    supplier = seller_country(subject, lexicons)
                recipient = recipient or country_of(prep_object(token.head, ("to",)), lexicons)
        governor = token.head if token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") else token
        start, end = clause_span(governor if governor.pos_ in ("VERB", "AUX") else token)
        status = transfer_status(governor, lexicons)
        named = {country_of(t, lexicons) for t in suppliers}  # "imports from China and Turkey": no recipient
        for supplier_token in suppliers:
            side = supplier or country_of(supplier_token, lexicons)
            side, taker = fill_missing(side, recipient, countries=[c for c in countries if c not in named],
                                       item_origin=origin_of_items(list(token.subtree), lexicons))
            if side == taker and side is not None:
                continue
            if side is None and taker is None and not (lower in UNNAMED_OK and mentions_arms(sent, lexicons)):
                continue
            if side is None and taker is None and refers_back(token):
                continue
            if armless and (side is None or taker is None or other_goods(governor) or lower in TALK_NOUNS):
                continue
            if lower in REQUEST_NOUNS and token.head.lemma_.lower() in REFUSALS:  # "turned down a request for"
                items, frame_status = [ent.text for ent in ents_in(phrase(token)) if ent.label_ == "WEAPON"], "denied"
            elif lower in TALK_NOUNS or lower in REQUEST_NOUNS:  # not yet delivered; the items are the weapons named
                items = [ent.text for ent in ents_in(phrase(token)) if ent.label_ == "WEAPON"]
                frame_status = status if status in ("agreed", "curtailed", "denied", "planned") else "considered"
            else:
                items, frame_status = items_in(token, lexicons), "delivered" if status == "unknown" else status
            frames.append(details(Frame(token, side, taker, items, frame_status, start=start, end=end), sent))
    return frames


# Verbs whose subject runs the deliveries they govern ("resumed deliveries to Ukraine"); not "expect" or "await".
SUPPLIER_GOVERNORS = {"resume", "suspend", "halt", "stop", "freeze", "cut", "reduce", "curtail", "limit", "end",
                      "double", "increase", "expand", "continue", "slow", "complete", "accelerate", "speed", "step",
                      "begin", "start", "cancel", "postpone", "delay", "restrict", "ban", "promise", "guarantee",
                      "approve", "authorize", "authorise", "license", "licence", "permit", "block", "veto"}


ANSWER_VERBS = {"turn", "reject", "refuse", "decline", "deny", "consider", "approve", "grant", "accept", "fulfil",
                "fulfill", "satisfy", "weigh", "study", "examine", "review", "ignore", "shelve"}


REFUSALS = {"turn", "reject", "refuse", "decline", "deny", "ignore", "shelve"}


# Nouns for the buyer's side: the recipient is what the noun describes, the supplier what it is a customer of.
CUSTOMER_NOUNS = {"customer", "customers", "buyer", "buyers", "client", "clients", "operator", "operators"}
