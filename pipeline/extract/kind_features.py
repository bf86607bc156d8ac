"""What the kind chooser reads of a claim: what the rules made of it (kind, speaker, cue, quotation, hedging, transfer
frame) and the clause's own words. The rules call a claim a transfer only when a transfer word anchors a frame; the
gold also calls transfers what a sentence says of arms without one ("the first hull would reach Ukraine in 2024",
"the so-called spare parts included guided rockets"), and the words let a trained model see them."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span

from pipeline.extract.doccache import ents_in
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.transfer_parties import OTHER_GOODS, is_materiel, mentions_arms
from pipeline.schema import ClaimRecord

MAX_COUNT = 3  # "three countries" says as much as "five"
ARMS = "arms"  # the clause names arms, or a transfer of no other goods: only then may it become a transfer


def kind_features(claim: ClaimRecord, clause: Span, lexicons: Lexicons) -> set[str]:
    """The claim's features as names: ``rule:`` the rules' kind, ``speaker:``, ``cue:``, ``quote:``, ``certainty:``,
    ``frame:`` and its parts, ``root:`` the clause's head word, ``ents:`` entity counts by label, ``word:`` the
    clause's lemmas, whether it holds a transfer verb, a transfer noun or a word for materiel, and ``arms`` when it
    names arms, or a transfer word and no other goods."""
    transfer = claim.arms_transfer
    features = {f"rule:{claim.kind}", f"speaker:{claim.speaker.type}", f"cue:{(claim.cue or '').lower()}",
                f"quote:{claim.quote is not None}", f"certainty:{claim.certainty}", f"frame:{transfer is not None}",
                f"root:{clause.root.lemma_.lower()}", f"root_tag:{clause.root.tag_}"}
    if transfer is not None:
        features |= {f"status:{transfer.status}", f"supplier:{transfer.supplier is not None}",
                     f"recipient:{transfer.recipient is not None}", f"items:{bool(transfer.items)}"}
    counts = Counter(ent.label_ for ent in ents_in(clause))
    features.update(f"ents:{label}:{min(count, MAX_COUNT)}" for label, count in counts.items())
    transfer_verbs = lexicons.supplier_verbs | lexicons.recipient_verbs
    for token in clause:
        if not token.is_alpha:
            continue
        lemma = token.lemma_.lower()
        features.add(f"word:{lemma}")
        if token.pos_ == "VERB" and lemma in transfer_verbs:
            features.add("transfer_verb")
        if lemma in lexicons.transfer_nouns:
            features.add("transfer_noun")
        if token.pos_ in ("NOUN", "PROPN") and is_materiel(token, lexicons):
            features.add("materiel")
    # A transfer word counts unless the clause names other goods ("Moscow has supplied gas to Yerevan"). A bare
    # "Deliveries resumed in May" does count: in these articles the gold often calls it a transfer with no sides
    # (requiring a country as well cost 0.8 points of pair F1 in two-fold cross-validation on dev).
    if mentions_arms(clause, lexicons) or "materiel" in features or (
            features & {"transfer_verb", "transfer_noun"} and not any(token.lower_ in OTHER_GOODS for token in clause)):
        features.add(ARMS)
    return features
