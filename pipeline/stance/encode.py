"""Sentence embeddings from all-MiniLM-L6-v2: mean pooling, L2-normalised, batched by length."""

from __future__ import annotations

import numpy as np

from pipeline.nlp.loading import load_encoder

MAX_TOKENS = 128  # claims longer than this are cut; the record says so


def embed(texts: list[str], *, batch_size: int = 64) -> np.ndarray:
    """One 384-d unit vector per text. Sorting by length first keeps padding, and so CPU time, low."""
    import torch

    tokenizer, model = load_encoder()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    vectors = np.zeros((len(texts), model.config.hidden_size), dtype=np.float32)
    for start in range(0, len(order), batch_size):
        chunk = order[start:start + batch_size]
        batch = tokenizer([texts[i] or " " for i in chunk], padding=True, truncation=True,
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
    tokenizer, _ = load_encoder()
    return [len(ids) > MAX_TOKENS for ids in tokenizer(texts, add_special_tokens=True)["input_ids"]] if texts else []
