"""Checks every trained chooser (sides, status, kind) passes."""

from __future__ import annotations


def trained_twice(train, corpus, tmp_path, *, nlp, lexicons, weights_file: str) -> dict:
    """Train a chooser twice on ``corpus``: the same bytes and the same choices both times. Returns the metrics; the
    two models are in ``tmp_path / "a"`` and ``tmp_path / "b"``."""
    first = train(corpus, tmp_path / "a", nlp=nlp, lexicons=lexicons)
    second = train(corpus, tmp_path / "b", nlp=nlp, lexicons=lexicons)
    assert (tmp_path / "a" / weights_file).read_bytes() == (tmp_path / "b" / weights_file).read_bytes()
    assert first["chosen"] == second["chosen"]
    return first
