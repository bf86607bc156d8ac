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
    ...") while the parser still gave it a subject or an object."""
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "NOUN" and token.lemma_.lower() in lexicons.supplier_verbs and token.tag_ in ("NN", "VBP") \
        and any(child.dep_ in ("nsubj", "dobj") for child in token.children)


def nested_prep(token: Token | None, words: tuple[str, ...]) -> Token | None:
    """A "from"/"with" phrase attached inside the object: "contracts with Israeli firms"."""
    if token is None:
        return None
    for inner in token.subtree:
        if inner.dep_ == "prep" and inner.lower_ in words:
            return next((child for child in inner.children if child.dep_ == "pobj"), None)
    return None


def clause_subject(token: Token) -> Token | None:
    """The subject of the verb that governs a noun: "Georgia is negotiating a contract" -> Georgia."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return subject_of(head) if head.pos_ in ("VERB", "AUX") else None
