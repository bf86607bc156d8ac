"""Score a packaged stance model on gold claims: any model folder, any articles. `claims train-stance` reports the
test split only for the model it builds; this scores an earlier model on articles written after it, the same way."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import NoArticlesFound
from pipeline.stance.dataset import annotated_stems, article_examples, gold_claims, read_splits, split_of
from pipeline.stance.features import featurize
from pipeline.stance.model import StanceModel
from pipeline.stance.train import direction_report, split_report


def chosen_stems(corpus_dir: Path, split: str, prefixes: tuple[str, ...]) -> list[str]:
    """Annotated articles of ``split`` (train, dev, test or all) whose names start with one of ``prefixes``."""
    splits = read_splits(corpus_dir)
    return [stem for stem in annotated_stems(corpus_dir) if (split == "all" or split_of(stem, splits) == split)
            and (not prefixes or stem.startswith(prefixes))]


def train_labels(corpus_dir: Path) -> list[str]:
    """The stance labels of the train split's gold claims, for the majority baseline (no parsing needed)."""
    return [claim["stance"] for stem in chosen_stems(corpus_dir, "train", ())
            for claim in gold_claims(stem, corpus_dir)]


def score_stance_model(model_dir: Path, corpus_dir: Path, stems: list[str], *, nlp) -> dict:
    """Macro-F1, per-label F1, calibration and direction accuracy of the model at ``model_dir`` on the gold claims
    of ``stems``, with the gold speaker, certainty and status as inputs (as `claims train-stance` reports them)."""
    if not stems:
        raise NoArticlesFound(str(corpus_dir), "no annotated article matches the split and article prefixes given")
    model = StanceModel.load(model_dir)
    examples = [example for stem in stems for example in article_examples(stem, corpus_dir, nlp)]
    x, contexts = featurize([example.claim for example in examples], model.embed)
    return {"model": str(model_dir), "articles": stems,
            "stance": split_report(model.stance, x, examples, contexts, train_labels(corpus_dir)),
            "direction": direction_report(model.direction, x, examples, contexts)}
