"""Sentence embeddings from all-MiniLM-L6-v2's lower layers: mean pooling, L2-normalised, batched by length."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from pipeline.nlp.citation_grammar import citation_parentheticals
from pipeline.nlp.loading import load_encoder

MAX_TOKENS = 128  # claims longer than this are cut; the record says so
# Stance scored alike on dev and test with 2 to 6 of MiniLM's layers (models/stance-*/README.md); two run
# three times as fast as six, and the encoder is the flow's largest cost after spaCy.
ENCODER_LAYERS = 2


@lru_cache(maxsize=8192)  # each claim's text is read by the direction rule, the encoder and the length check
def encoder_text(text: str) -> str:
    """``text`` without its citation parentheticals: "(Vedomosti, May 30, 2017)" says nothing about stance
    and is an eighth of a sentence's tokens."""
    cuts = [(p.start - 1, p.end + 1) for p in citation_parentheticals(text)]
    for start, end in sorted(cuts, reverse=True):
        text = text[:start].rstrip() + text[end:]
    return text.strip()


def embed(texts: list[str], *, layers: int = ENCODER_LAYERS, batch_size: int = 64) -> np.ndarray:
    """One 384-d unit vector per text. Sorting by length first keeps padding, and so CPU time, low."""
    import torch

    tokenizer, model = load_encoder(layers)
    inputs = [encoder_text(text) or " " for text in texts]
    order = sorted(range(len(inputs)), key=lambda i: len(inputs[i]))
    vectors = np.zeros((len(inputs), model.config.hidden_size), dtype=np.float32)
    for start in range(0, len(order), batch_size):
        chunk = order[start:start + batch_size]
        batch = tokenizer([inputs[i] for i in chunk], padding=True, truncation=True,
                          max_length=MAX_TOKENS, return_tensors="pt")
        with torch.no_grad():
            output = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (output * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        pooled = torch.nn.functional.normalize(pooled, dim=1)
        vectors[chunk] = pooled.numpy()
    return vectors


def truncated(texts: list[str]) -> list[bool]:
    """Which texts are longer than the encoder reads (it keeps their first MAX_TOKENS tokens)."""
    tokenizer, _ = load_encoder(ENCODER_LAYERS)
    inputs = [encoder_text(text) for text in texts]
    return [len(ids) > MAX_TOKENS for ids in tokenizer(inputs, add_special_tokens=True)["input_ids"]] if texts else []
