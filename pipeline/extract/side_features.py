"""What the side chooser sees of each country a transfer frame could have as supplier or recipient: how the
sentence ties the country's mention to the frame's anchor (its role, preposition, distance), what kind of mention
it is, what the hand-written rules already chose, and the mention's context vector from spaCy's tok2vec layer. One
row per candidate country."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.tokens import Span, Token

from pipeline.extract.doccache import ents_in, ents_of
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.speakers import PEOPLE_GROUPS
from pipeline.extract.transfer_frame import Frame
from pipeline.extract.transfer_parties import RELATIONAL_NOUNS, is_materiel, origin_of_items, said_by
from pipeline.extract.transfer_syntax import inside_parentheses

ROLES = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "amod", "compound", "appos", "conj", "dative", "other")
PREPOSITIONS = ("from", "to", "by", "with", "for", "in", "of", "other")
ANCHOR_KINDS = ("supplies", "receives", "noun")  # "sold" / "bought" / "sales", "contract", "imports"
ENTITY_LABELS = ("GPE", "NORP", "ORG")
MAX_DISTANCE = 8
# en_core_web_sm's tok2vec: a vector per token from the words around it, already computed by the parse, so free.
# It tells the chooser what the hand-made features miss ("to the buyer Azerbaijan", "rivals Armenia"): in
# writer-fold cross-validation, pair accuracy 0.744 -> 0.764 (models/sides-*/README.md).
CONTEXT_WIDTH = 96


@dataclass(frozen=True)
class Mention:
    country: str
    token: Token  # the root of the words that name it
    label: str


def sentence_mentions(sent: Span, lexicons: Lexicons) -> list[Mention]:
    """Every place the sentence names a country outside its citations: names, capitals, demonyms, makers."""
    found = []
    for ent in ents_in(sent):
        if ent.label_ not in ENTITY_LABELS or inside_parentheses(ent, sent):
            continue
        if ent.root.dep_ == "poss" and ent.root.head.lower_ in RELATIONAL_NOUNS:
            continue  # "Russia's adversary" is another party
        country = lexicons.country(ent.text) or lexicons.maker_origin_of.get(ent.text.lower())
        if country:
            found.append(Mention(country, ent.root, ent.label_))
    covered = {mention.token.i for mention in found}
    for token in sent:  # "Israeli-made", which the tagger leaves untyped
        if token.i not in covered and "-" in token.text and (country := lexicons.country(token.text.split("-")[0])):
            found.append(Mention(country, token, "NORP"))
    return found


def path_length(a: Token, b: Token) -> int:
    """Edges between two tokens of one parse tree."""
    up_a = [a, *a.ancestors]
    depth_in_a = {token.i: depth for depth, token in enumerate(up_a)}
    for depth, token in enumerate([b, *b.ancestors]):
        if token.i in depth_in_a:
            return depth + depth_in_a[token.i]
    return MAX_DISTANCE


def anchor_kind(anchor: Token, lexicons: Lexicons) -> str:
    lemma = anchor.lemma_.lower()
    if anchor.pos_ == "VERB" and lemma in lexicons.supplier_verbs:
        return "supplies"
    if anchor.pos_ == "VERB" and lemma in lexicons.recipient_verbs:
        return "receives"
    return "noun"


def one_hot(value: str, values: tuple[str, ...]) -> list[float]:
    return [float(value == option) for option in values]


def names_speaker(token: Token, lexicons: Lexicons) -> bool:
    """Whether the mention is, or qualifies, the subject of a verb of saying ("Armenia's Foreign Ministry called
    the purchase ..."): the speaker's country, seldom a party."""
    for _ in range(3):
        if token.dep_ == "nsubj" and token.head.lemma_.lower() in lexicons.cue_verbs:
            return True
        if token.dep_ not in ("poss", "compound", "amod", "nmod", "pobj", "prep"):
            return False
        token = token.head
    return False


def mention_row(mention: Mention, anchor: Token, kind: str, lexicons: Lexicons) -> list[float]:
    token = mention.token
    role = token.dep_ if token.dep_ in ROLES else "other"
    preposition = token.head.lower_ if role == "pobj" else ""
    preposition = preposition if preposition in PREPOSITIONS else ("other" if role == "pobj" else "")
    head = token.head
    distance = min(path_length(token, anchor), MAX_DISTANCE)
    roles, preps = one_hot(role, ROLES), one_hot(preposition, PREPOSITIONS)
    kinds = one_hot(kind, ANCHOR_KINDS)
    # The anchor's kind decides what a role means ("X sold" vs "X bought"): the products let a linear model see it.
    crossed = [k * r for k in kinds for r in roles] + [k * p for k in kinds for p in preps]
    return [
        *roles, *preps, *crossed, *one_hot(mention.label, ENTITY_LABELS),
        distance / MAX_DISTANCE, float(distance <= 1), float(token.i < anchor.i),
        float(anchor in token.ancestors), float(token in anchor.ancestors),
        float(role in ("amod", "compound", "poss") and is_materiel(head, lexicons)),  # "Turkish drones"
        float(role in ("amod", "compound") and head.lower_ in PEOPLE_GROUPS),  # "Turkish officials said"
        float(names_speaker(token, lexicons)), float(said_by(token, lexicons)),
    ]


MENTION_WIDTH = len(ROLES) + len(PREPOSITIONS) + len(ANCHOR_KINDS) * (len(ROLES) + len(PREPOSITIONS)) \
    + len(ENTITY_LABELS) + 9


ROW_WIDTH = 10 + len(ANCHOR_KINDS) + MENTION_WIDTH + CONTEXT_WIDTH


def context_vector(token: Token | None) -> np.ndarray:
    """The token's tok2vec vector, unit length; zeros where there is none (a side the rules named without a
    mention, or a pipeline with no tok2vec of this width)."""
    tensor = token.doc.tensor if token is not None else None
    if tensor is None or tensor.ndim != 2 or tensor.shape[1] != CONTEXT_WIDTH:
        return np.zeros(CONTEXT_WIDTH, dtype=np.float32)
    vector = np.asarray(tensor[token.i], dtype=np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


TOPIC = "edm_topic_country"
TOPIC_MENTIONS = 10  # a short text has no topic to speak of


def article_topic(doc, lexicons: Lexicons) -> str | None:
    """The country the article names most, if it names countries often enough to have one: it most often buys."""
    if TOPIC not in doc.user_data:
        counts: dict[str, int] = {}
        for ent in ents_of(doc):
            if ent.label_ in ("GPE", "NORP") and (country := lexicons.country(ent.text)):
                counts[country] = counts.get(country, 0) + 1
        top = max(counts, key=counts.get) if counts else None
        doc.user_data[TOPIC] = top if top and counts[top] >= TOPIC_MENTIONS else None
    return doc.user_data[TOPIC]


def candidate_rows(frame: Frame, sent: Span, mentions: list[Mention], lexicons: Lexicons,
                   others: list[Frame] = ()) -> tuple[list[str], np.ndarray]:
    """The candidate countries of ``frame`` (every country the sentence names, and the rules' own picks) and a
    feature row for each. A country named more than once is described by its mention nearest the anchor."""
    kind = anchor_kind(frame.anchor, lexicons)
    origin = origin_of_items([token for token in sent if token.ent_type_ == "WEAPON"], lexicons, systems=True)
    nearest: dict[str, Mention] = {}
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.country] = counts.get(mention.country, 0) + 1
        best = nearest.get(mention.country)
        if best is None or path_length(mention.token, frame.anchor) < path_length(best.token, frame.anchor):
            nearest[mention.country] = mention
    picked = [side for side in (frame.supplier, frame.recipient) if side]
    # A country named only as the speaker's owner ("Armenia's Foreign Ministry called the purchase ...") is no
    # candidate unless the rules made it a side: too rare a pattern in training for the model to learn.
    owner_only = {country for country in nearest
                  if all(m.token.dep_ == "poss" and names_speaker(m.token, lexicons) for m in mentions
                         if m.country == country)}
    countries = list(dict.fromkeys([*(c for c in nearest if c not in owner_only), *picked]))
    top = article_topic(sent.doc, lexicons)
    rows = []
    for position, country in enumerate(countries):
        mention = nearest.get(country)
        described = mention_row(mention, frame.anchor, kind, lexicons) if mention else [0.0] * MENTION_WIDTH
        rows.append([
            float(country == frame.supplier), float(country == frame.recipient),
            float(mention is None), min(counts.get(country, 0), 3) / 3, float(position == 0),
            float(country == origin),
            float(any(country in (other.supplier, other.recipient) for other in others if other is not frame)),
            float(bool(frame.supplier)), float(bool(frame.recipient)),
            float(country == top),
            *one_hot(kind, ANCHOR_KINDS), *described, *context_vector(mention.token if mention else None),
        ])
    return countries, np.asarray(rows, dtype=np.float32).reshape(len(countries), ROW_WIDTH)
