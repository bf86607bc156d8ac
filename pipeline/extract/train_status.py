"""Train the status chooser on the gold transfer claims of the rules' dev articles (never the test split): every
frame the rules read that overlaps a gold transfer claim is one example, labelled with that claim's status. The
vocabulary (features seen in at least two frames), the shape and the weight decay are chosen by cross-validation
over whole writers, as the model meets new ones."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from pipeline.extract.chooser import MIN_EXAMPLES, accuracy, decide, fit, out_of_fold
from pipeline.extract.frame_gold import matched_sentences, training_stems
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.status_features import status_features
from pipeline.extract.status_model import STATUS_VERSION, STATUSES, StatusModel
from pipeline.stance.train import writer_folds, writer_of

HIDDEN_UNITS = (0,)  # 64 hidden units cross-validated lower (0.678-0.686) on 1,002 frames
WEIGHT_DECAYS = (1e-3, 3e-3, 1e-2, 3e-2)
MARGINS = (0.0, 0.1, 0.2, 0.3)  # how much likelier than the rules' status the model's must be to replace it


def cross_validate(features: list[set[str]], labels: np.ndarray, rules: list[str], writers: list[str], hidden: int,
                   weight_decay: float) -> dict[float, float]:
    """Accuracy of out-of-fold choices at each margin, each fold's vocabulary built from its own training frames."""
    probabilities = out_of_fold(StatusModel, features, labels, writer_folds(writers), weight_decay=weight_decay,
                                hidden=hidden)
    gold = [STATUSES[label] for label in labels]
    return {margin: accuracy(decide(probabilities, rules, STATUSES, margin), gold) for margin in MARGINS}


def train_status(corpus_dir: Path, out_dir: Path, *, nlp, lexicons: Lexicons,
                 progress: Callable[[str], None] = lambda message: None) -> dict:
    started = time.perf_counter()
    stems = training_stems(corpus_dir)
    articles, features, gold, rules = [], [], [], []
    for stem in stems:
        for match in matched_sentences(stem, corpus_dir, nlp, lexicons):
            for frame, claim in match.matched:
                articles.append(stem)
                features.append(status_features(frame, match.sent))
                gold.append(claim["arms_transfer"]["status"])
                rules.append(frame.status)
    labels = np.asarray([STATUSES.index(status) for status in gold], dtype=np.int64)
    who = writer_of(corpus_dir)
    writers = [who.get(article, article) for article in articles]
    rules_accuracy = accuracy(rules, gold)
    progress(f"{len(gold)} transfer frames from {len(stems)} articles; the rules' status is right for {rules_accuracy}")
    scores = {}
    for hidden in HIDDEN_UNITS:
        for weight_decay in WEIGHT_DECAYS:
            by_margin = cross_validate(features, labels, rules, writers, hidden, weight_decay)
            scores |= {(hidden, weight_decay, margin): accuracy for margin, accuracy in by_margin.items()}
            progress(f"hidden units {hidden}, weight decay {weight_decay}: cross-validated accuracy by margin "
                     f"{by_margin}")
    hidden, weight_decay, margin = max(scores, key=scores.get)
    model = fit(StatusModel, features, labels, weight_decay=weight_decay, hidden=hidden)
    model.margin = margin
    metrics = {
        "version": STATUS_VERSION, "articles": len(stems), "frames": len(gold),
        "note": "trained on the rules' dev articles (every article not in the test split); accuracy is the share of "
                "matched transfer frames whose status equals the gold's",
        "gold_statuses": dict(Counter(gold).most_common()),
        "rules_accuracy": rules_accuracy,
        "cross_validated_accuracy": {f"hidden {h}, weight decay {w}": {str(m): a for (hh, ww, m), a in scores.items()
                                                                        if (hh, ww) == (h, w)}
                                     for h in HIDDEN_UNITS for w in WEIGHT_DECAYS},
        "chosen": {"hidden_units": hidden, "weight_decay": weight_decay, "margin": margin, "min_frames": MIN_EXAMPLES,
                   "vocabulary": len(model.vocabulary),
                   "cross_validated_accuracy": scores[hidden, weight_decay, margin]},
        "training_seconds": round(time.perf_counter() - started, 1),
    }
    model.save(out_dir, extra={"weight_decay": weight_decay, "min_frames": MIN_EXAMPLES})
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics
