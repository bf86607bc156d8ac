"""Stance for extracted claims: batched over a tagging batch, the model loaded once per process."""

from __future__ import annotations

from pipeline.schema import ClaimRecord, Stance
from pipeline.stance.encode import truncated
from pipeline.stance.features import ClaimInput
from pipeline.stance.model import StanceModel


def article_sentences(doc) -> list[str]:
    """The article as the stance model reads it for context: its sentences' text."""
    return [sent.text.strip() for sent in doc.sents]


def claim_inputs(sentences: list[str], claims: list[ClaimRecord]) -> list[ClaimInput]:
    return [
        ClaimInput(text=claim.text, speaker_type=claim.speaker.type, cue=claim.cue, certainty=claim.certainty,
                   has_quote=claim.quote is not None, is_transfer=claim.kind == "arms_transfer",
                   sentence=claim.sentence_index, sentences=sentences,
                   status=claim.arms_transfer.status if claim.arms_transfer else None)
        for claim in claims
    ]


def add_stance(model: StanceModel, batch: list[tuple[list[str], list[ClaimRecord]]]) -> None:
    """Set ``stance`` and ``direction`` on every claim of the batch (each with its article's sentences), in one
    pass through the encoder."""
    inputs, records = [], []
    for sentences, claims in batch:
        inputs.extend(claim_inputs(sentences, claims))
        records.extend(claims)
    name = f"{model.ref.name}@{model.ref.version}"
    cut = truncated([record.text for record in records])
    for record, prediction, was_cut in zip(records, model.predict(inputs), cut):
        record.stance = Stance(label=prediction.label, score=prediction.score, model=name, truncated=was_cut)
        record.direction = prediction.direction
