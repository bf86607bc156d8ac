"""Who the parties of a transfer are: a token's country (capitals, demonyms, makers and their owners), the
seller behind a company or a pronoun, the weapons a phrase names and where they were made, and the word sets that
tell an arms transfer from other goods, messages and requests."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.extract.doccache import entity_at, ents_in, ents_of
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.speakers import PEOPLE_GROUPS
from pipeline.extract.transfer_syntax import SUBJECT_DEPS, inside_parentheses, phrase, prep_object

# "Russia's adversary", "Armenia's neighbors": the phrase names another party, not the country it hangs off.
RELATIONAL_NOUNS = {"adversary", "adversaries", "enemy", "enemies", "rival", "rivals", "neighbor", "neighbors",
                    "neighbour", "neighbours", "opponent", "opponents", "foe", "foes", "competitor", "competitors"}


def country_of(token: Token | None, lexicons: Lexicons) -> str | None:
    """The country a token's phrase names: its entity, compound name or demonym."""
    if token is None or token.lower_ in RELATIONAL_NOUNS:
        return None
    if token.ent_type_:
        ent = entity_at(token)
        if ent is not None and (country := lexicons.country(ent.text)):
            return country
    if country := lexicons.country(token.text):
        return country
    for child in token.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and (country := lexicons.country(child.text)):
            return country
    # "Israeli-made", "Russian-built": one token, or "Israeli" hanging off "made"
    for child in token.children:
        if "-" in child.text and (country := lexicons.country(child.text.split("-")[0])):
            return country
        if child.dep_ == "amod" and child.lemma_.lower() in MADE_WORDS:
            for maker in child.children:
                if maker.dep_ in ("npadvmod", "compound", "amod", "advmod") and (country := lexicons.country(maker.text)):
                    return country
    return None


def maker_country(token: Token | None, lexicons: Lexicons) -> str | None:
    """The country of an arms maker or exporter named by ``token`` ("Rosoboronexport", "Baykar")."""
    if token is None:
        return None
    ent = entity_at(token) if token.ent_type_ else None
    return lexicons.maker_origin_of.get((ent.text if ent is not None else token.text).lower())


def seller_country(token: Token | None, lexicons: Lexicons) -> str | None:
    """The supplying side's country: its name or demonym, the maker it names ("Irkut will deliver"), or its
    appositive ("Dearsan, a Turkish builder, has handed ...")."""
    if token is None:
        return None
    appositive = next((child for child in token.children if child.dep_ == "appos"), None)
    return country_of(token, lexicons) or maker_country(token, lexicons) or country_of(appositive, lexicons)


MADE_WORDS = {"make", "made", "build", "built", "produce", "produced", "manufacture", "manufactured", "design",
              "designed", "develop", "developed", "assemble", "assembled"}


def items_in(token: Token | None, lexicons: Lexicons) -> list[str]:
    """Weapon systems named under ``token``, else the object phrase itself as written."""
    if token is None:
        return []
    subtree = list(token.subtree)
    doc = token.doc
    weapons = [ent.text for ent in ents_of(doc) if ent.label_ == "WEAPON"
               and subtree[0].i <= ent.start and ent.end - 1 <= subtree[-1].i]
    if weapons:
        return list(dict.fromkeys(weapons))
    if token.lower_ in DEALS_AND_PARTIES:
        # "a contract for French air-defense systems": what the deal is for; "its contract", "the Russian
        # exporter": no item at all (the gold names a deal or a party as an item about one time in ten)
        goods = next((grandchild for child in token.children if child.dep_ == "prep" and child.lower_ in ("for", "of")
                      for grandchild in child.children if grandchild.dep_ == "pobj"), None)
        return items_in(goods, lexicons) if goods is not None else []
    # The object phrase up to its first "to"/"from" preposition or clause.
    words = []
    for word in subtree:
        if word.i > token.i and (word.dep_ in ("prep", "relcl", "acl", "punct") and word.lower_ in
                                 ("to", "from", "for", "with", "by", ",", "—", "which", "that", "(")):
            break
        words.append(word)
    text = doc[words[0].i:words[-1].i + 1].text if words else token.text
    return [text] if mentions_arms(doc[subtree[0].i:subtree[-1].i + 1], lexicons) else []


def mentions_arms(span: Span, lexicons: Lexicons) -> bool:
    return any(ent.label_ == "WEAPON" for ent in ents_in(span)) or any(
        token.lower_ in lexicons.arms_words for token in span)


def sentence_countries(sent: Span, lexicons: Lexicons) -> list[str]:
    """Countries the sentence names outside its citations, in order, each once."""
    found = []
    for ent in ents_in(sent):
        if ent.root.dep_ == "poss" and ent.root.head.lower_ in RELATIONAL_NOUNS:
            continue
        if ent.label_ in ("GPE", "NORP", "ORG") and not inside_parentheses(ent, sent):
            country = lexicons.country(ent.text)
            if country and country not in found:
                found.append(country)
    return found


def origin_of_items(tokens: list[Token], lexicons: Lexicons, *, systems: bool = False) -> str | None:
    """The country of the arms maker named among ``tokens``, or of the systems' stated origin (one country only).
    A system's name alone gives none, "the Iskanders" does not say who sold them, unless ``systems``: to tell which
    of the countries a sentence names made them ("Kyiv and Ankara signed a contract for TB2s")."""
    doc = tokens[0].doc if tokens else None
    if doc is None:
        return None
    for token in tokens:  # "carriers assembled in Romania": where they were made, over the design's origin
        if token.lemma_.lower() in MADE_WORDS and (place := country_of(prep_object(token, ("in",)), lexicons)):
            return place
    indices = {token.i for token in tokens}
    makers = lexicons.origin_of if systems else lexicons.maker_origin_of
    origins = {makers.get(ent.text.lower()) for ent in ents_of(doc)
               if ent.label_ in ("WEAPON", "ORG", "PERSON") and ent.start in indices}
    origins |= {makers.get(token.text.lower()) for token in tokens if token.text.lower() in makers}
    origins.discard(None)
    if not origins:  # "a contract for French air-defense systems": the systems' own demonym names the seller
        origins = {stated_origin(token, lexicons) for token in tokens if is_materiel(token, lexicons)} - {None}
    return origins.pop() if len(origins) == 1 else None


# What else countries supply each other in these articles: a frame over these is no arms transfer.
OTHER_GOODS = {"gas", "oil", "grain", "wheat", "electricity", "energy", "fuel", "water", "food", "money", "loan",
               "loans", "credit", "credits", "cash", "aid", "support", "assurances", "promises", "guarantees", "votes",
               "signal", "signals", "message", "pipeline", "visas", "goods", "vaccines", "power"}


def other_goods(anchor: Token) -> bool:
    return any(token.lower_ in OTHER_GOODS for token in anchor.subtree)


FORCES_WORDS = {"forces", "army", "armies", "military", "militaries", "navy", "navies", "troops", "units",
                "guard", "guards", "border", "ministry"}


def speaks_of(token: Token | None) -> bool:
    """"Israeli officials rarely comment on deals", "the Chinese side described the contract": people who talk
    about a deal, not a party buying."""
    return token is not None and (token.lower_ in PEOPLE_GROUPS or token.lower_ in ("side", "leadership"))


COMPANY_NOUNS = {"firm", "company", "manufacturer", "maker", "producer", "exporter", "corporation", "holding"}


def sells(token: Token | None) -> bool:
    """An arms maker, by name or as "the Turkish firm Baykar"."""
    return token is not None and (is_arms_maker(token) or token.lower_ in COMPANY_NOUNS
                                  or any(is_arms_maker(c) for c in token.children if c.dep_ == "appos"))


SELF_PRONOUNS = {"it", "we", "they"}


def speaker_for_pronoun(party: Token | None, anchor: Token) -> Token | None:
    """"Excalibur Army, the Czech manufacturer, said it was ready to deliver a battery to Georgia": a pronoun
    party in what someone said is that someone (the subject of the verb of saying above the anchor)."""
    if party is None or party.lower_ not in SELF_PRONOUNS:
        return party
    for governor in anchor.ancestors:
        subject = next((c for c in governor.children if c.dep_ in SUBJECT_DEPS and c.i != party.i), None)
        if governor.pos_ in ("VERB", "AUX") and subject is not None:
            return party if subject.pos_ == "PRON" else subject
    return party


def forces_owner(token: Token | None, lexicons: Lexicons) -> Token | None:
    """The countries a military body belongs to ("the armed forces of Abkhazia and South Ossetia" gives both),
    else the token itself."""
    if token is None or token.lower_ not in FORCES_WORDS or country_of(token, lexicons):
        return token
    owner = prep_object(token, ("of",))
    return owner if owner is not None and country_of(owner, lexicons) else token


def is_arms_maker(token: Token | None) -> bool:
    """An arms maker, exporter or agency from the entity patterns (Baykar, Rosoboronexport, Elbit Systems)."""
    ent = entity_at(token) if token is not None and token.ent_type_ == "ORG" else None
    return ent is not None and ent.ent_id_ == "organization"


def owner_in(phrase: Token | None, lexicons: Lexicons) -> Token | None:
    """A country that possesses something inside ``phrase`` ("the bulk of Azerbaijan's heavy weapons")."""
    if phrase is None:
        return None
    return next((t for t in phrase.subtree if t.dep_ == "poss" and t.i != phrase.i
                 and t.head.lower_ not in RELATIONAL_NOUNS and country_of(t, lexicons)), None)


def names_weapon(token: Token | None) -> bool:
    if token is None:
        return False
    subtree = list(token.subtree)
    return any(ent.label_ == "WEAPON" for ent in ents_of(token.doc) if subtree[0].i <= ent.start <= subtree[-1].i)


DEAL_NOUNS = ("contract", "deal", "order", "agreement", "purchase", "acquisition", "procurement", "package")


def said_by(token: Token, lexicons: Lexicons) -> bool:
    """Whether the verb that governs ``token`` is a verb of saying ("called the purchase a provocation")."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head.lemma_.lower() in lexicons.cue_verbs


ORDER_WORDS = {"order", "orders", "inquiry", "inquiries", "request", "requests", "application", "applications"}


MESSAGE_NOUNS = {"letter", "letters", "delegation", "delegations", "message", "messages", "signal", "signals",
                 "note", "invitation", "proposal", "offer", "warning", "protest"}


# A request for arms: the asking side's noun, and the verbs with which the asked side answers it.
REQUEST_NOUNS = {"request", "requests"}


# Talks about arms between two named sides; the status words ("talks", "negotiate") make them "considered".
TALK_NOUNS = {"talks", "negotiations", "consultations", "interest"}


# Verbs whose object is asked for arms: "asked Moscow for a brigade of Iskanders".
ASKING_VERBS = {"ask", "approach"}  # also buyer verbs in transfers.json, which gates every verb


DEAL_ITEMS = {"order", "orders", "agreement", "agreements", "package", "packages", "purchase", "purchases"}
# What a deal or a party is called: never an item itself, though what it is for may be one.
DEALS_AND_PARTIES = {"deal", "deals", "contract", "contracts", "procurement", "customer", "customers", "supplier",
                     "suppliers", "exporter", "importer", *DEAL_ITEMS}
# Not materiel on their own ("a defense delegation"), but an item as written when a transfer's object ("air
# defense"): so they are kept out of DEALS_AND_PARTIES.
NOT_ITEMS = DEALS_AND_PARTIES - DEAL_ITEMS | {"defense", "defence", "military"}


def is_materiel(token: Token, lexicons: Lexicons) -> bool:
    """Whether a noun phrase names weapons (not a deal or a delegation)."""
    return names_weapon(token) or token.lower_ in lexicons.arms_words and token.lower_ not in NOT_ITEMS


BACK_REFERENCES = {"the", "this", "that", "these", "those", "such", "its", "their", "neither", "no"}


def refers_back(token: Token) -> bool:
    """"The deal fits Baku's strategy", "neither government has published the contract": a deal named by
    reference, with no side and no weapon, is a comment on a transfer claimed elsewhere, not a claim of one."""
    if not token.lower_.startswith((*DEAL_NOUNS, "sale")):
        return False
    determiners = {child.lower_ for child in token.children if child.dep_ in ("det", "poss")}
    return bool(determiners & BACK_REFERENCES) and not any(ent.label_ == "WEAPON" for ent in ents_in(phrase(token)))


def stated_origin(token: Token, lexicons: Lexicons) -> str | None:
    """The country a weapon's own modifiers name ("Russian S-300PMU2 batteries", "Israeli-made systems"), not
    its owner ("Azerbaijan's artillery")."""
    for child in token.children:
        if child.dep_ not in ("amod", "compound", "nmod"):
            continue
        if country := lexicons.country(child.text) or ("-" in child.text and lexicons.country(child.text.split("-")[0])):
            return country
        for inner in child.children:  # "Israeli" hanging off "made", "Russian" off "S-300PMU2"
            if inner.dep_ in ("npadvmod", "amod", "compound") and (country := lexicons.country(inner.text)):
                return country
    return None
