"""Arms-transfer frames from the dependency parse: who supplies what to whom, and how far it got.

A frame is anchored on a transfer verb ("sold", "obtained", "will deliver") or noun ("sales to",
"imports from", "main arms supplier"). Supplier and recipient come from the anchor's syntactic roles
and are normalised to countries; a side the sentence does not name stays None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from pipeline.extract.lexicons import Lexicons

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
OBJECT_DEPS = {"dobj", "pobj", "attr", "oprd", "nsubjpass", "dative"}
YEAR_RANGE = re.compile(r"\b(?:19|20)\d{2}\s*(?:[-–]|to|and)\s*(?:19|20)\d{2}\b|\b(?:19|20)\d{2}\b")
QUANTITY = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
                      r"several|hundreds)\s+(?:units|launchers|systems|aircraft|drones|tanks|helicopters|vessels|"
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


def country_of(token: Token | None, lexicons: Lexicons) -> str | None:
    """The country a token's phrase names: its entity, compound name or demonym."""
    if token is None:
        return None
    if token.ent_type_:
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if ent is not None and (country := lexicons.country(ent.text)):
            return country
    if country := lexicons.country(token.text):
        return country
    for child in token.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and (country := lexicons.country(child.text)):
            return country
    # "Israeli-made", "Russian-built"
    for child in token.children:
        if "-" in child.text and (country := lexicons.country(child.text.split("-")[0])):
            return country
    return None


def conjuncts(token: Token) -> list[Token]:
    return [token, *[t for t in token.conjuncts if t.i > token.i]]


def prep_object(anchor: Token, words: tuple[str, ...]) -> Token | None:
    for child in anchor.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in words:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def subject_of(anchor: Token) -> Token | None:
    for child in anchor.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    # "... and it also supplies X": a conjoined verb may share the first verb's subject
    if anchor.dep_ == "conj":
        return subject_of(anchor.head)
    # "X is interested in buying", "plans to buy": climb through xcomp/pcomp to the governing subject
    if anchor.dep_ in ("xcomp", "pcomp", "acomp") or (anchor.head.dep_ in ("prep",) and anchor.dep_ == "pcomp"):
        return subject_of(anchor.head)
    if anchor.dep_ == "pcomp" or anchor.head.pos_ == "ADP":
        return subject_of(anchor.head.head) if anchor.head.head.i != anchor.head.i else None
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
    weapons = [ent.text for ent in doc.ents if ent.label_ == "WEAPON"
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
    return any(ent.label_ == "WEAPON" for ent in span.ents) or any(
        token.lower_ in lexicons.arms_words for token in span)


def transfer_status(anchor: Token, sent: Span, lexicons: Lexicons) -> str:
    words = {token.lemma_.lower() for token in anchor.subtree} | {token.lower_ for token in anchor.subtree}
    governors = [anchor, *anchor.ancestors]
    governor_lemmas = {token.lemma_.lower() for token in governors} | {
        child.lemma_.lower() for token in governors for child in token.children
        if child.dep_ in ("aux", "neg", "advmod", "auxpass")}
    status_words = lexicons.status_words
    if governor_lemmas & {"not", "never", "deny", "refute", "reject", "dismiss", "refuse", "n't"}:
        return "denied"
    if governor_lemmas & status_words["curtailed"] or words & status_words["curtailed"] & {"curtail", "halt", "suspend", "freeze"}:
        return "curtailed"
    if governor_lemmas & status_words["considered"]:
        return "considered"
    if governor_lemmas & status_words["planned"] or any(t.tag_ == "MD" and t.lower_ in ("will", "shall") for t in governors):
        return "planned"
    if anchor.lemma_.lower() in status_words["agreed"] or governor_lemmas & {"sign", "agree", "conclude", "contract"}:
        return "agreed"
    if anchor.lemma_.lower() in status_words["delivered"] and anchor.tag_ in ("VBD", "VBN", "VBZ", "VBP", "VBG"):
        return "delivered"
    return "unknown"


def clause_span(anchor: Token) -> tuple[int, int]:
    tokens = [t for t in anchor.subtree if not (t.dep_ == "cc" and t.head.i == anchor.i)]
    head = anchor
    # include the subject even when it hangs off an auxiliary or governing verb
    subject = subject_of(anchor)
    if subject is not None:
        tokens.extend(subject.subtree)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end if head else end


def details(frame: Frame, sent: Span) -> Frame:
    text = sent.doc.text[frame.start:frame.end]
    if match := YEAR_RANGE.search(re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text)):
        frame.period = match.group()
    if match := QUANTITY.search(text):
        frame.quantity = match.group()
    if match := VALUE.search(text):
        frame.value = match.group().strip()
    return frame


def verb_frames(sent: Span, lexicons: Lexicons) -> list[Frame]:
    frames = []
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma not in (lexicons.supplier_verbs | lexicons.recipient_verbs):
            continue
        if not mentions_arms(sent.doc[token.left_edge.i:token.right_edge.i + 1], lexicons) and \
                not mentions_arms(sent, lexicons):
            continue
        passive = passive_subject(token)
        subject = subject_of(token)
        agent = prep_object(token, ("by",))
        obj = object_of(token)
        supplies = lemma in lexicons.supplier_verbs and not (lemma == "sign")
        if passive is not None:  # "Iskanders were delivered to Armenia by Russia"
            suppliers = conjuncts(agent) if agent is not None else [None]
            recipients = conjuncts(prep_object(token, ("to",))) if prep_object(token, ("to",)) is not None else [None]
        elif supplies:
            suppliers = conjuncts(subject) if subject is not None else [None]
            target = prep_object(token, ("to", "for")) or dative_of(token)
            recipients = conjuncts(target) if target is not None else [None]
        else:
            recipients = conjuncts(subject) if subject is not None else [None]
            source = prep_object(token, ("from", "with"))
            suppliers = conjuncts(source) if source is not None else [None]
        items = items_in(obj, lexicons)
        fallback_supplier = country_of(obj, lexicons) if obj is not None else None  # "Russian Iskanders"
        start, end = clause_span(token)
        for supplier_token in suppliers:
            for recipient_token in recipients:
                supplier = country_of(supplier_token, lexicons) or (fallback_supplier if supplier_token is None else None)
                recipient = country_of(recipient_token, lexicons)
                if supplier is None and recipient is None:
                    continue
                if supplier == recipient:
                    continue
                frames.append(details(Frame(token, supplier, recipient, items, transfer_status(token, sent, lexicons),
                                            start=start, end=end), sent))
    return frames


def noun_frames(sent: Span, lexicons: Lexicons) -> list[Frame]:
    """"Russia’s arms sales to Azerbaijan", "Azerbaijan’s main arms supplier", "imports from Israel"."""
    frames = []
    for token in sent:
        if token.pos_ != "NOUN" or token.lower_ not in lexicons.transfer_nouns or token.lower_ in ("arms", "weapons", "weaponry"):
            continue
        if not mentions_arms(sent, lexicons):
            continue
        owner = next((c for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                      and lexicons.country(c.text)), None)
        to_obj, from_obj = prep_object(token, ("to",)), prep_object(token, ("from",))
        lower = token.lower_
        supplier = recipient = None
        if lower.startswith(("supplier", "exporter", "seller")):
            recipient = country_of(owner, lexicons) or country_of(to_obj, lexicons)
            if token.dep_ in ("attr", "appos") or token.head.lemma_ == "be":
                subj = subject_of(token.head) if token.dep_ == "attr" else token.head
                supplier = country_of(subj, lexicons)
        elif lower.startswith(("import", "purchase", "acquisition", "procurement")):
            recipient = country_of(owner, lexicons)
            supplier = country_of(from_obj, lexicons)
        else:
            supplier = country_of(owner, lexicons)
            recipient = country_of(to_obj, lexicons)
            if supplier is None and from_obj is not None:
                supplier = country_of(from_obj, lexicons)
        if supplier is None and recipient is None or supplier == recipient:
            continue
        governor = token.head if token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") else token
        start, end = clause_span(governor if governor.pos_ in ("VERB", "AUX") else token)
        frames.append(details(Frame(token, supplier, recipient, [], transfer_status(governor, sent, lexicons),
                                    start=start, end=end), sent))
    return frames


def transfer_frames(sent: Span, lexicons: Lexicons) -> list[Frame]:
    frames = verb_frames(sent, lexicons)
    covered = {(f.supplier, f.recipient) for f in frames}
    return frames + [f for f in noun_frames(sent, lexicons) if (f.supplier, f.recipient) not in covered]
