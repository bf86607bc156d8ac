"""Frames anchored on a transfer verb: "Russia sold Armenia Iskanders", "drones purchased by Ukraine",
"Minsk asked Moscow for Tor-M2 batteries"."""

from __future__ import annotations

from spacy.tokens import Span

from pipeline.extract.lexicons import Lexicons
from pipeline.extract.transfer_frame import Frame, details, fill_missing, transfer_status
from pipeline.extract.transfer_parties import (
    ASKING_VERBS,
    DEAL_NOUNS,
    MESSAGE_NOUNS,
    ORDER_WORDS,
    REQUEST_NOUNS,
    TALK_NOUNS,
    country_of,
    forces_owner,
    is_arms_maker,
    items_in,
    mentions_arms,
    names_weapon,
    origin_of_items,
    other_goods,
    owner_in,
    seller_country,
    speaker_for_pronoun,
)
from pipeline.extract.transfer_syntax import (
    acts_as_verb,
    clause_span,
    conjuncts,
    dative_of,
    misread_verb,
    nested_prep,
    object_of,
    passive_subject,
    phrase,
    prep_object,
    subject_of,
    verbless_parts,
)


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
        misread = token.pos_ == "NOUN" and misread_verb(token, lexicons)
        after = None  # the first country after a verb the parser read as a noun: there is no object to read
        if misread:
            subject, after, with_after = verbless_parts(token, lexicons)
            supplied_with = supplied_with or with_after
        asked_for = prep_object(token, ("for", "about")) if lemma in ASKING_VERBS else None
        if passive is not None and (subject is None or passive.i != subject.i):
            giver, taker = (agent, prep_object(token, ("to",))) if supplies else \
                (prep_object(token, ("from",)), agent)
            obj = passive
        elif supplied_with is not None and mentions_arms(phrase(supplied_with), lexicons):
            # "supply Baku with T-300 rocket systems": the object receives what comes with "with"
            receiver = object_of(token) or next((c for c in token.children if c.dep_ == "npadvmod"), None) or after
            giver, taker, obj = subject, receiver, supplied_with
        elif asked_for is not None and mentions_arms(phrase(asked_for), lexicons):
            # "Minsk asked Moscow for Iskanders", "Chisinau approached Ankara about drones": the one asked sells
            giver, taker, obj = object_of(token), subject, asked_for
        elif lemma in ("arm", "equip") and country_of(object_of(token), lexicons):
            giver, taker, obj = subject, object_of(token), None  # "Russia and Belarus keep arming Baku"
        elif supplies:
            obj = object_of(token) or (token.sent.root if misread and token.sent.root.i > token.i else None)
            # "supply the bulk of Azerbaijan's heavy weapons": the owner of what is supplied receives it
            # "delivered launchers, tanks and aircraft to Azerbaijan": "to" hangs on the last
            giver, taker = subject, prep_object(token, ("to", "for")) or dative_of(token) or owner_in(obj, lexicons) \
                or nested_prep(obj, ("to",)) or after
            if taker is None and obj is not None and lexicons.country(obj.text):
                taker = obj  # "sending Tiraspol whatever it needs", "offered Astana as many Ankas as it needs"
            elif taker is None and obj is not None and obj.left_edge.dep_ == "compound" \
                    and obj.left_edge.ent_type_ == "GPE" and lexicons.country(obj.left_edge.text):
                taker = obj.left_edge  # "offered Ashgabat Pantsir-S1 systems": the parser makes the place a compound
        else:
            obj = object_of(token)
            giver, taker = prep_object(token, ("from", "with")) or nested_prep(obj, ("from", "with")), subject
            if is_arms_maker(taker) and (giver is None or giver.head.lower_ != "from"):
                # "Rosoboronexport signed a contract with Baku": the maker sells; "Baykar ordered engines from
                # Ukraine's Ivchenko-Progress": it buys
                giver, taker = taker, giver
        if obj is not None and obj.lower_ in ORDER_WORDS and lemma in ("receive", "get", "take", "accept"):
            giver, taker = taker, giver  # "Rafael had received no inquiry from Georgia": the one asked would sell
        elif obj is not None and obj.lower_ in REQUEST_NOUNS | TALK_NOUNS | MESSAGE_NOUNS:
            continue  # "Minsk sent a request to Moscow for Tor-M2 batteries": the request frame reads it
        giver, taker = forces_owner(giver, lexicons), forces_owner(taker, lexicons)
        giver, taker = speaker_for_pronoun(giver, token), speaker_for_pronoun(taker, token)
        items = items_in(obj, lexicons)
        if misread and obj is not None and obj.i == token.sent.root.i and not names_weapon(obj) and items:
            # the root's phrase is the whole sentence: the items are the words after the receiver's "'s"
            first = next(t for t in token.doc[token.i + 1:obj.i + 1] if t.dep_ not in ("poss", "case"))
            items = [token.doc[first.i:obj.i + 1].text]
        subtree = list(obj.subtree) if obj is not None else []
        deal_for = prep_object(token, ("for",)) if obj is not None and obj.lower_.startswith(DEAL_NOUNS) else None
        if deal_for is not None and mentions_arms(phrase(deal_for), lexicons):
            # "signed a contract | for a second batch of TB2s": the parser hangs what is bought on the verb
            items, subtree = items_in(deal_for, lexicons), subtree + list(deal_for.subtree)
        stated = country_of(obj, lexicons) if obj is not None else None
        item_origin = stated or origin_of_items(subtree, lexicons)
        made_by = stated or origin_of_items(subtree, lexicons, systems=True)
        start, end = clause_span(token)
        if misread:  # the whole sentence: the parse gives the noun no clause of its own
            start, end = min(start, giver.left_edge.idx if giver is not None else start), \
                max(end, token.sent.root.right_edge.idx + len(token.sent.root.right_edge.text))
        givers = conjuncts(giver) if giver is not None else [None]
        takers = conjuncts(taker) if taker is not None else [None]
        maker = next((t for t in takers if made_by and country_of(t, lexicons) == made_by), None)
        if giver is None and maker is not None and len(takers) > 1:
            # "Kyiv and Ankara signed a contract for TB2 drones": the maker's country sells to the other
            givers, takers = [maker], [t for t in takers if t is not maker]
        # "Russia and India already supply our army": a country coordinated with a side is that side's partner,
        # never the other side
        partners = {seller_country(t, lexicons) for t in givers if len(givers) > 1} | {
            country_of(t, lexicons) for t in takers if len(takers) > 1}
        for supplier_token in givers:
            for recipient_token in takers:
                supplier, recipient = fill_missing(seller_country(supplier_token, lexicons),
                                                   country_of(recipient_token, lexicons),
                                                   countries=[c for c in countries if c not in partners],
                                                   item_origin=item_origin)
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
