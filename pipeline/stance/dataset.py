"""Stance training data: our annotated claims (corpus/claims-gold), split by article."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.formats import corpus_article_text
from pipeline.stance.features import ClaimInput

STANCE_LABELS = ("supports", "disputes", "reports")
DIRECTION_LABELS = ("expand", "continue", "curtail", "halt", "none")


@dataclass
class Example:
    article: str
    claim: ClaimInput
    stance: str
    direction: str


def body_sentences(text: str, nlp) -> tuple[list[str], list[int]]:
    doc = nlp(text)
    sents = list(doc.sents)
    return [sent.text.strip() for sent in sents], [sent.start_char for sent in sents]


def sentence_of(offset: int, starts: list[int]) -> int:
    index = 0
    for position, start in enumerate(starts):
        if start <= offset:
            index = position
    return index


def gold_claims(stem: str, corpus_dir: Path) -> list[dict]:
    return json.loads((corpus_dir / "claims-gold" / f"{stem}.json").read_text(encoding="utf-8"))["claims"]


def article_examples(stem: str, corpus_dir: Path, nlp) -> list[Example]:
    text = corpus_article_text(corpus_dir / "articles" / f"{stem}.txt")
    sentences, starts = body_sentences(text, nlp)
    examples = []
    for claim in gold_claims(stem, corpus_dir):
        offset = text.find(claim["sentence"])
        if offset < 0:
            continue
        claim_input = ClaimInput(
            text=claim["text"], speaker_type=claim["speaker"]["type"], cue=claim.get("cue"),
            certainty=claim["certainty"], has_quote=bool(claim.get("quote")),
            is_transfer=claim["kind"] == "arms_transfer", sentence=sentence_of(offset, starts), sentences=sentences,
            status=(claim.get("arms_transfer") or {}).get("status"),
        )
        direction = claim.get("direction") or "none"
        examples.append(Example(stem, claim_input, claim["stance"], direction if claim_input.is_transfer else "none"))
    return examples


def split_of(stem: str, splits: dict) -> str:
    stance = splits.get("stance", {})
    # An article held out from the rules is held out from the stance model too, whatever stance.test lists.
    if stem in splits.get("test", []) or stem in stance.get("test", []):
        return "test"
    if stem in stance.get("dev", []):
        return "dev"
    return "train"


def read_splits(corpus_dir: Path) -> dict:
    return json.loads((corpus_dir / "splits.json").read_text(encoding="utf-8"))


def annotated_stems(corpus_dir: Path) -> list[str]:
    """The articles that have both their text and their claims gold, in order."""
    return [path.stem for path in sorted((corpus_dir / "claims-gold").glob("*.json"))
            if (corpus_dir / "articles" / f"{path.stem}.txt").exists()]


def load_examples(corpus_dir: Path, nlp) -> dict[str, list[Example]]:
    splits = read_splits(corpus_dir)
    by_split: dict[str, list[Example]] = {"train": [], "dev": [], "test": []}
    for stem in annotated_stems(corpus_dir):
        by_split[split_of(stem, splits)].extend(article_examples(stem, corpus_dir, nlp))
    return by_split
