"""The rules' transfer frames paired with the gold transfer claims they read, on the rules' dev articles (never the
test split): the training examples of the models that re-read frames (the side and status choosers)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span

from pipeline.evaluation_claims import locate, overlap
from pipeline.extract.claims import resolve_pronoun_sides
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.transfer_frame import Frame
from pipeline.extract.transfers import transfer_frames
from pipeline.ingest.formats import corpus_article_text
from pipeline.stance.dataset import read_splits


@dataclass
class MatchedSentence:
    sent: Span
    frames: list[Frame]  # every frame the rules read in the sentence, as the choosers meet them
    matched: list[tuple[Frame, dict]]  # the frames that read a gold transfer claim, each with that claim


def training_stems(corpus_dir: Path) -> list[str]:
    """Every annotated article outside the test split."""
    test = set(read_splits(corpus_dir)["test"])
    return [path.stem for path in sorted((corpus_dir / "claims-gold").glob("*.json"))
            if path.stem not in test and (corpus_dir / "articles" / f"{path.stem}.txt").exists()]


def gold_claims(corpus_dir: Path, stem: str) -> list[dict]:
    """The article's gold claims (`corpus/README.md` has their format)."""
    return json.loads((corpus_dir / "claims-gold" / f"{stem}.json").read_text(encoding="utf-8"))["claims"]


def matched_sentences(stem: str, corpus_dir: Path, nlp, lexicons: Lexicons) -> Iterator[MatchedSentence]:
    """The article's sentences with a frame and a gold transfer claim; each frame goes to the unused gold claim its
    clause overlaps most."""
    text = corpus_article_text(corpus_dir / "articles" / f"{stem}.txt")
    located = [(claim, locate(claim, text)) for claim in gold_claims(corpus_dir, stem)
               if claim["kind"] == "arms_transfer" and claim.get("arms_transfer")]
    located = [(claim, span) for claim, span in located if span]
    for sent in nlp(text).sents:
        frames = transfer_frames(sent, lexicons)
        resolve_pronoun_sides(frames)
        here = [(claim, span) for claim, span in located if sent.start_char <= span[0] < sent.end_char]
        if not frames or not here:
            continue
        matched, used = [], set()
        for frame in frames:
            score, best = max(((overlap((frame.start, frame.end), span), k) for k, (_, span) in enumerate(here)
                               if k not in used), default=(0.0, None))
            if best is None or score <= 0:
                continue
            used.add(best)
            matched.append((frame, here[best][0]))
        if matched:
            yield MatchedSentence(sent, frames, matched)
