"""Where a transfer's parties sit in the dependency parse: subjects (climbing through conjoined and
complement verbs), objects, datives and the objects of given prepositions, and the clause a frame covers."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.extract.doccache import text_of
from pipeline.extract.lexicons import Lexicons

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


OBJECT_DEPS = {"dobj", "pobj", "attr", "oprd", "nsubjpass", "dative"}


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
    # "signed a contract ..., to be delivered by 2023": a passive takes no subject from above, the signer
    # is not who delivers
    passive = any(child.dep_ == "auxpass" for child in anchor.children)
    token = anchor
    for _ in range(depth):
        subject = next((child for child in token.children if child.dep_ in ("nsubj", "csubj")), None)
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
            return token.head  # "Moscow, which supplied most of Kazakhstan's vessels": the antecedent
        if subject is not None:
            return subject
        if passive:
            return None
        if token.dep_ not in ("conj", "xcomp", "pcomp", "acomp", "prep", "advcl") or token.head.i == token.i:
            return None
        token = token.head
    return None


def own_subject(verb: Token) -> Token | None:
    """``verb``'s own subject (active or passive), not one shared with the verb it is conjoined to."""
    return next((child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")), None)


def has_own_subject(verb: Token) -> bool:
    return own_subject(verb) is not None


def has_clause(verb: Token) -> bool:
    """Whether ``verb`` governs a clausal complement ("said that ...", "found that ...")."""
    return any(child.dep_ == "ccomp" for child in verb.children)


def passive_subject(anchor: Token) -> Token | None:
    return next((child for child in anchor.children if child.dep_ == "nsubjpass"), None)


def object_of(anchor: Token) -> Token | None:
    for child in anchor.children:
        if child.dep_ in ("dobj", "attr"):
            return child
    return passive_subject(anchor)


def dative_of(anchor: Token) -> Token | None:
    return next((child for child in anchor.children if child.dep_ in ("dative", "iobj")), None)


def clause_span(anchor: Token) -> tuple[int, int]:
    tokens = [t for t in anchor.subtree if not (t.dep_ == "cc" and t.head.i == anchor.i)]
    # include the subject even when it hangs off an auxiliary or governing verb
    subject = subject_of(anchor)
    if subject is not None:
        tokens.extend(subject.subtree)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def inside_parentheses(span: Span, sent: Span) -> bool:
    before = text_of(span.doc)[sent.start_char:span.start_char]
    return before.count("(") > before.count(")")


def acts_as_verb(token: Token, lexicons: Lexicons) -> bool:
    """A verb, or a seller's verb the small tagger called a noun ("Russia and Belarus supply Azerbaijan with
    ...") while the parser still gave it a subject or an object, or left the sentence with no verb at all right
    after a country ("Germany and Norway supply | Ukraine with most of the shells")."""
    if token.pos_ == "VERB":
        return True
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicons.supplier_verbs or token.tag_ not in ("NN", "VBP"):
        return False
    return any(child.dep_ in ("nsubj", "dobj") for child in token.children) or misread_verb(token, lexicons)


def verbless(sent: Span) -> bool:
    return not any(token.pos_ in ("VERB", "AUX") for token in sent)


def misread_verb(token: Token, lexicons: Lexicons) -> bool:
    """A noun that must be the verb: its sentence has none, and a country's name stands right before it (not a
    demonym: "Russian supply of S-300s to Iran" is a noun phrase the noun frames read)."""
    before = token.nbor(-1) if token.i > token.sent.start else None
    return before is not None and before.pos_ == "PROPN" and bool(lexicons.country(before.text)) \
        and verbless(token.sent)


def verbless_parts(anchor: Token, lexicons: Lexicons) -> tuple[Token | None, Token | None, Token | None]:
    """Subject, receiver and "with" object of a verb the parser read as a noun (``misread_verb``), taken from
    the word order since the parse has no clause to read: the countries coordinated before it, the first country
    after it, and the first "with" after it ("Russia and Belarus supply Kyrgyzstan's army with nearly all its
    armor")."""
    subject = anchor.nbor(-1)
    while subject.dep_ == "conj" and subject.head.i < subject.i:
        subject = subject.head
    after = anchor.doc[anchor.i + 1:anchor.sent.end]
    receiver = next((t for t in after if t.ent_type_ == "GPE" and lexicons.country(t.text)), None)
    with_object = next((child for t in after if t.lower_ == "with" for child in t.children if child.dep_ == "pobj"),
                       None)
    return subject, receiver, with_object


def nested_prep(token: Token | None, words: tuple[str, ...]) -> Token | None:
    """A "from"/"with" phrase attached inside the object: "contracts with Israeli firms"."""
    if token is None:
        return None
    for inner in token.subtree:
        if inner.dep_ == "prep" and inner.lower_ in words:
            return next((child for child in inner.children if child.dep_ == "pobj"), None)
    return None


def clause_verb(token: Token) -> Token | None:
    """The verb that governs a noun: "Georgia is negotiating a contract" -> negotiating."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def clause_subject(token: Token) -> Token | None:
    """The subject of the verb that governs a noun: "Georgia is negotiating a contract" -> Georgia."""
    verb = clause_verb(token)
    return subject_of(verb) if verb is not None else None
