"""Arms-transfer frames from the dependency parse: who supplies what to whom, and how far it got.

A frame is anchored on a transfer verb ("sold", "obtained", "will deliver") or noun ("sales to",
"imports from", "main arms supplier"). Supplier and recipient come from the anchor's syntactic roles
and are normalised to countries; a side the sentence does not name stays None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from pipeline.extract.doccache import entity_at, ents_in, ents_of, text_of
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.speakers import PEOPLE_GROUPS

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
OBJECT_DEPS = {"dobj", "pobj", "attr", "oprd", "nsubjpass", "dative"}
YEAR_RANGE = re.compile(r"\b(?:19|20)\d{2}\s*(?:[-–]|to|and)\s*(?:19|20)\d{2}\b|\b(?:19|20)\d{2}\b")
QUANTITY = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
                      r"several|hundreds)\s+(?:[A-Z][\w-]*\s+){0,2}(?:units|launchers|systems|aircraft|drones|tanks|helicopters|vessels|"
                      r"boats|batteries|missiles|jets|fighters|howitzers|ships|corvettes|vehicles)\b", re.I)
VALUE = re.compile(r"(?:\$|€|£|US\$)\s?\d[\d.,]*\s*(?:million|billion|bn|m)?|\b\d[\d.,]*\s*(?:percent|%)|"
                   r"\b\d[\d.,]*\s*(?:million|billion)\s+(?:dollars|euros|rubles|manats)", re.I)


@dataclass
class Frame:
    anchor: Token
    supplier: str | None
    recipient: str | None
    items: list[str] = field(default_factory=list)
    status: str = "unknown"
    period: str | None = None
    quantity: str | None = None
    value: str | None = None
    start: int = 0  # character span of the clause the frame spans
    end: int = 0


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
    return lexicons.origin_of.get((ent.text if ent is not None else token.text).lower())


def seller_country(token: Token | None, lexicons: Lexicons) -> str | None:
    """The supplying side's country: its name or demonym, the maker it names ("Irkut will deliver"), or its
    appositive ("Dearsan, a Turkish builder, has handed ...")."""
    if token is None:
        return None
    appositive = next((child for child in token.children if child.dep_ == "appos"), None)
    return country_of(token, lexicons) or maker_country(token, lexicons) or country_of(appositive, lexicons)


MADE_WORDS = {"make", "made", "build", "built", "produce", "produced", "manufacture", "manufactured", "design",
              "designed", "develop", "developed", "assemble", "assembled"}


def phrase(token: Token) -> Span:
    """The words ``token`` governs, itself included, as a span."""
    return token.doc[token.left_edge.i:token.right_edge.i + 1]


def conjuncts(token: Token) -> list[Token]:
    return [token, *[t for t in token.conjuncts if t.i > token.i]]


def prep_object(anchor: Token, words: tuple[str, ...]) -> Token | None:
    for child in anchor.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in words:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


RELATIVE_PRONOUNS = {"which", "that", "who"}


def subject_of(anchor: Token, *, depth: int = 4) -> Token | None:
    """The anchor's subject, climbing through conjoined verbs, complements and prepositions
    ("it also supplies", "Baku is interested in importing", "plans to buy")."""
    token = anchor
    for _ in range(depth):
        subject = next((child for child in token.children if child.dep_ in ("nsubj", "csubj")), None)
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
            return token.head  # "Moscow, which supplied most of Kazakhstan's vessels": the antecedent
        if subject is not None:
            return subject
        if any(child.dep_ == "auxpass" for child in anchor.children):
            return None  # "signed a contract ..., to be delivered by 2023": the signer is not who delivers
        if token.dep_ not in ("conj", "xcomp", "pcomp", "acomp", "prep", "advcl") or token.head.i == token.i:
            return None
        token = token.head
    return None


def passive_subject(anchor: Token) -> Token | None:
    return next((child for child in anchor.children if child.dep_ == "nsubjpass"), None)


def object_of(anchor: Token) -> Token | None:
    for child in anchor.children:
        if child.dep_ in ("dobj", "attr"):
            return child
    return passive_subject(anchor)


def dative_of(anchor: Token) -> Token | None:
    return next((child for child in anchor.children if child.dep_ in ("dative", "iobj")), None)


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


MODAL_FUTURE = {"will", "would", "shall", "'ll", "’ll"}
MODAL_POSSIBLE = {"can", "could", "may", "might"}
NEGATIONS = {"not", "never", "n't", "no", "deny", "refute", "reject", "dismiss", "refuse"}


def transfer_status(anchor: Token, lexicons: Lexicons) -> str:
    """How far the transfer got, read from the words that govern the anchor (first match wins)."""
    governors = [anchor, *list(anchor.ancestors)[:3]]
    lemmas = {token.lemma_.lower() for token in governors} | {
        child.lemma_.lower() for token in governors for child in token.children
        if child.dep_ in ("aux", "neg", "advmod", "auxpass", "prep", "dobj", "xcomp", "acomp")}
    words = lexicons.status_words
    if lemmas & NEGATIONS:
        return "denied"
    if lemmas & words["curtailed"]:
        return "curtailed"
    if lemmas & MODAL_FUTURE or lemmas & words["planned"]:
        return "planned"
    if lemmas & words["considered"] or lemmas & MODAL_POSSIBLE or lemmas & {"consideration", "proposal", "propose", "option"}:
        return "considered"
    if anchor.lemma_.lower() in words["agreed"] or lemmas & {"sign", "agree", "conclude", "contract", "clear"}:
        return "agreed"
    if anchor.lemma_.lower() in words["delivered"] or "delivery" in lemmas or lemmas & {"continue", "donate"}:
        return "delivered"
    return "unknown"


def clause_span(anchor: Token) -> tuple[int, int]:
    tokens = [t for t in anchor.subtree if not (t.dep_ == "cc" and t.head.i == anchor.i)]
    # include the subject even when it hangs off an auxiliary or governing verb
    subject = subject_of(anchor)
    if subject is not None:
        tokens.extend(subject.subtree)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def details(frame: Frame, sent: Span) -> Frame:
    text = text_of(sent.doc)[frame.start:frame.end]
    if match := YEAR_RANGE.search(re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text)):
        frame.period = match.group()
    if match := QUANTITY.search(text):
        frame.quantity = match.group()
    if match := VALUE.search(text):
        frame.value = match.group().strip()
    return frame


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


def inside_parentheses(span: Span, sent: Span) -> bool:
    before = text_of(span.doc)[sent.start_char:span.start_char]
    return before.count("(") > before.count(")")


def origin_of_items(tokens: list[Token], lexicons: Lexicons) -> str | None:
    """The maker's country of the weapon systems named among ``tokens`` (one country only)."""
    doc = tokens[0].doc if tokens else None
    if doc is None:
        return None
    for token in tokens:  # "carriers assembled in Romania": where they were made, over the design's origin
        if token.lemma_.lower() in MADE_WORDS and (place := country_of(prep_object(token, ("in",)), lexicons)):
            return place
    indices = {token.i for token in tokens}
    origins = {lexicons.origin_of.get(ent.text.lower()) for ent in ents_of(doc)
               if ent.label_ in ("WEAPON", "ORG", "PERSON") and ent.start in indices}
    origins |= {lexicons.origin_of.get(token.text.lower()) for token in tokens if token.text.lower() in lexicons.origin_of}
    origins.discard(None)
    if not origins:  # "a contract for French air-defense systems": the systems' own demonym names the seller
        origins = {stated_origin(token, lexicons) for token in tokens if is_materiel(token, lexicons)} - {None}
    return origins.pop() if len(origins) == 1 else None


def fill_missing(supplier: str | None, recipient: str | None, *, countries: list[str],
                 item_origin: str | None) -> tuple[str | None, str | None]:
    """Fill a missing side from the sentence: the supplier from the system's maker, the recipient from the only
    other country named. The only other country is not taken as the supplier: on the dev articles that was wrong
    more often than right ("Georgia will receive the drones, a Russian diplomat warned")."""
    if supplier is None and item_origin and item_origin != recipient:
        supplier = item_origin
    others = [country for country in countries if country not in (supplier, recipient)]
    if recipient is None and supplier is not None and len(others) == 1:
        recipient = others[0]
    return supplier, recipient


def verb_frames(sent: Span, lexicons: Lexicons, countries: list[str]) -> list[Frame]:
    frames = []
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma not in (lexicons.supplier_verbs | lexicons.recipient_verbs) or not acts_as_verb(token, lexicons):
            continue
        # Without an arms word the frame must name both sides itself ("Israel had resumed deliveries to Georgia");
        # "arming Baku" names no weapon, the verb is the arms.
        armless = lemma != "arm" and not mentions_arms(phrase(token), lexicons) and not mentions_arms(sent, lexicons)
        if armless and (lemma not in lexicons.supplier_verbs or other_goods(token)):
            continue
        supplies = lemma in lexicons.supplier_verbs and lemma != "sign"
        agent = prep_object(token, ("by",))
        modified = token.head if token.dep_ == "acl" else None  # "drones purchased by Ukraine"
        passive = passive_subject(token) or modified
        subject = subject_of(token) if modified is None else None
        if subject is None and token.pos_ == "NOUN":  # "Washington and Paris supply Tbilisi ...", mis-tagged
            subject = next((c for c in token.lefts if c.dep_ in ("nmod", "compound") and country_of(c, lexicons)), None)
        supplied_with = prep_object(token, ("with",)) if supplies else None
        asked_for = prep_object(token, ("for", "about")) if lemma in ASKING_VERBS else None
        if passive is not None and passive is not subject:
            giver, taker = (agent, prep_object(token, ("to",))) if supplies else \
                (prep_object(token, ("from",)), agent)
            obj = passive
        elif supplied_with is not None and mentions_arms(phrase(supplied_with), lexicons):
            # "supply Baku with T-300 rocket systems": the object receives what comes with "with"
            receiver = object_of(token) or next((c for c in token.children if c.dep_ == "npadvmod"), None)
            giver, taker, obj = subject, receiver, supplied_with
        elif asked_for is not None and mentions_arms(phrase(asked_for), lexicons):
            # "Minsk asked Moscow for Iskanders", "Chisinau approached Ankara about drones": the one asked sells
            giver, taker, obj = object_of(token), subject, asked_for
        elif lemma in ("arm", "equip") and country_of(object_of(token), lexicons):
            giver, taker, obj = subject, object_of(token), None  # "Russia and Belarus keep arming Baku"
        elif supplies:
            obj = object_of(token)
            # "supply the bulk of Azerbaijan's heavy weapons": the owner of what is supplied receives it
            giver, taker = subject, prep_object(token, ("to", "for")) or dative_of(token) or owner_in(obj, lexicons) \
                or nested_prep(obj, ("to",))  # "delivered launchers, tanks and aircraft to Azerbaijan": on the last
            if taker is None and obj is not None and lexicons.country(obj.text):
                taker = obj  # "sending Tiraspol whatever it needs", "offered Astana as many Ankas as it needs"
            elif taker is None and obj is not None and obj.left_edge.dep_ == "compound" \
                    and obj.left_edge.ent_type_ == "GPE" and lexicons.country(obj.left_edge.text):
                taker = obj.left_edge  # "offered Ashgabat Pantsir-S1 systems": the parser makes the place a compound
        else:
            obj = object_of(token)
            giver, taker = prep_object(token, ("from", "with")) or nested_prep(obj, ("from", "with")), subject
            if is_arms_maker(taker):  # "Rosoboronexport signed a contract with Baku": the maker sells
                giver, taker = taker, giver
        if obj is not None and obj.lower_ in ORDER_WORDS and lemma in ("receive", "get", "take", "accept"):
            giver, taker = taker, giver  # "Rafael had received no inquiry from Georgia": the one asked would sell
        elif obj is not None and obj.lower_ in REQUEST_NOUNS | TALK_NOUNS | MESSAGE_NOUNS:
            continue  # "Minsk sent a request to Moscow for Tor-M2 batteries": the request frame reads it
        giver, taker = forces_owner(giver, lexicons), forces_owner(taker, lexicons)
        giver, taker = speaker_for_pronoun(giver, token), speaker_for_pronoun(taker, token)
        items = items_in(obj, lexicons)
        subtree = list(obj.subtree) if obj is not None else []
        deal_for = prep_object(token, ("for",)) if obj is not None and obj.lower_.startswith(DEAL_NOUNS) else None
        if deal_for is not None and mentions_arms(phrase(deal_for), lexicons):
            # "signed a contract | for a second batch of TB2s": the parser hangs what is bought on the verb
            items, subtree = items_in(deal_for, lexicons), subtree + list(deal_for.subtree)
        item_origin = country_of(obj, lexicons) if obj is not None else None
        item_origin = item_origin or origin_of_items(subtree, lexicons)
        start, end = clause_span(token)
        givers = conjuncts(giver) if giver is not None else [None]
        takers = conjuncts(taker) if taker is not None else [None]
        maker = next((t for t in takers if item_origin and country_of(t, lexicons) == item_origin), None)
        if giver is None and maker is not None and len(takers) > 1:
            # "Kyiv and Ankara signed a contract for TB2 drones": the maker's country sells to the other
            givers, takers = [maker], [t for t in takers if t is not maker]
        for supplier_token in givers:
            for recipient_token in takers:
                supplier, recipient = fill_missing(seller_country(supplier_token, lexicons),
                                                   country_of(recipient_token, lexicons),
                                                   countries=countries, item_origin=item_origin)
                if supplier == recipient and supplier is not None:
                    continue
                if armless and not (country_of(supplier_token, lexicons) and country_of(recipient_token, lexicons)):
                    continue
                # Both sides unnamed still make a transfer claim when arms are what moves.
                if supplier is None and recipient is None and not (names_weapon(obj) or items):
                    continue
                frames.append(details(Frame(token, supplier, recipient, items, transfer_status(token, lexicons),
                                            start=start, end=end), sent))
    return frames


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


def acts_as_verb(token: Token, lexicons: Lexicons) -> bool:
    """A verb, or a seller's verb the small tagger called a noun ("Russia and Belarus supply Azerbaijan with
    ...") while the parser still gave it a subject or an object."""
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "NOUN" and token.lemma_.lower() in lexicons.supplier_verbs and token.tag_ in ("NN", "VBP") \
        and any(child.dep_ in ("nsubj", "dobj") for child in token.children)


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


def nested_prep(token: Token | None, words: tuple[str, ...]) -> Token | None:
    """A "from"/"with" phrase attached inside the object: "contracts with Israeli firms"."""
    if token is None:
        return None
    for inner in token.subtree:
        if inner.dep_ == "prep" and inner.lower_ in words:
            return next((child for child in inner.children if child.dep_ == "pobj"), None)
    return None


# Nouns that make an arms-transfer claim even when neither side is named ("the deliveries would be completed").
UNNAMED_OK = {"delivery", "deliveries", "contract", "contracts", "deal", "purchase", "purchases", "supply",
              "supplies", "shipment", "shipments", "sale", "sales", "order", "transfer", "transfers", "batch"}
DEAL_NOUNS = ("contract", "deal", "order", "agreement", "purchase", "acquisition", "procurement", "package")


def said_by(token: Token, lexicons: Lexicons) -> bool:
    """Whether the verb that governs ``token`` is a verb of saying ("called the purchase a provocation")."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head.lemma_.lower() in lexicons.cue_verbs


def clause_subject(token: Token) -> Token | None:
    """The subject of the verb that governs a noun: "Georgia is negotiating a contract" -> Georgia."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return subject_of(head) if head.pos_ in ("VERB", "AUX") else None


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
        elif lower.startswith(("import", "purchase", "acquisition", "procurement")) or lower.startswith(DEAL_NOUNS):
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
                    and not sells(subject):
                # "Baku would freeze new Israeli purchases": the demonym says where they come from
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


ORDER_WORDS = {"order", "orders", "inquiry", "inquiries", "request", "requests", "application", "applications"}
MESSAGE_NOUNS = {"letter", "letters", "delegation", "delegations", "message", "messages", "signal", "signals",
                 "note", "invitation", "proposal", "offer", "warning", "protest"}
# A request for arms: the asking side's noun, and the verbs with which the asked side answers it.
REQUEST_NOUNS = {"request", "requests"}
ANSWER_VERBS = {"turn", "reject", "refuse", "decline", "deny", "consider", "approve", "grant", "accept", "fulfil",
                "fulfill", "satisfy", "weigh", "study", "examine", "review", "ignore", "shelve"}
REFUSALS = {"turn", "reject", "refuse", "decline", "deny", "ignore", "shelve"}


# Nouns for the buyer's side: the recipient is what the noun describes, the supplier what it is a customer of.
CUSTOMER_NOUNS = {"customer", "customers", "buyer", "buyers", "client", "clients", "operator", "operators"}
# Talks about arms between two named sides; the status words ("talks", "negotiate") make them "considered".
TALK_NOUNS = {"talks", "negotiations", "consultations", "interest"}
# Verbs whose object is asked for arms: "asked Moscow for a brigade of Iskanders".
ASKING_VERBS = {"ask", "approach"}  # also buyer verbs in transfers.json, which gates every verb
# Verbs whose subject is the weapon itself: "Turkish drones will reach Kazakhstan", "S-400s arriving in Armenia".
ARRIVAL_VERBS = {"arrive", "reach", "land"}
NOT_ITEMS = {"deal", "deals", "contract", "contracts", "procurement", "customer", "customers", "supplier",
             "suppliers", "exporter", "importer", "defense", "defence", "military"}


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


# Verbs that say what an arsenal holds: "Azerbaijan's air defenses include Russian S-300s".
HOLDING_VERBS = {"include", "form", "comprise", "constitute", "remain", "dominate", "complement", "supplement",
                 "replace", "equip", "serve", "join"}


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


def transfer_frames(sent: Span, lexicons: Lexicons) -> list[Frame]:
    """Verb frames, then noun frames that add a transfer. A noun frame adds nothing to a frame over the same words
    that names every side it names ("according to the latest arms-transfer data, Turkey supplied ...")."""
    countries = sentence_countries(sent, lexicons)  # once per sentence: every frame reader needs them
    frames = verb_frames(sent, lexicons, countries)
    for frame in arrival_frames(sent, lexicons) + holding_frames(sent, lexicons):
        if (frame.supplier, frame.recipient) not in {(f.supplier, f.recipient) for f in frames}:
            frames.append(frame)
    for frame in noun_frames(sent, lexicons, countries):
        if (frame.supplier, frame.recipient) in {(f.supplier, f.recipient) for f in frames}:
            continue
        if any(f.start < frame.end and frame.start < f.end and frame.supplier in (None, f.supplier)
               and frame.recipient in (None, f.recipient) for f in frames):
            continue  # "signed a contract for French systems": the verb's frame already says more
        frames.append(frame)
    return frames or named_pair_frames(sent, lexicons, countries)


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
