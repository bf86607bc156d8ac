"""Train the kind chooser on the gold claims of the rules' dev articles (never the test split): every claim the rules
make (sides and status already chosen, kinds not) that matches a gold claim is one example, labelled with the gold's
kind. Weight decay and margins are chosen by cross-validation over whole writers, as the model meets new ones."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from pipeline.evaluation_claims import locate, match_claims
from pipeline.extract.chooser import MIN_EXAMPLES, accuracy, decide, fit, out_of_fold
from pipeline.extract.claims import article_claims
from pipeline.extract.frame_gold import gold_claims, training_stems
from pipeline.extract.kind_model import KIND_VERSION, KINDS, KindModel, claim_features, kind_margins, names_arms_first
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.records import article_record
from pipeline.ingest.formats import parse_text
from pipeline.stance.train import writer_folds, writer_of

WEIGHT_DECAYS = (1e-4, 3e-4, 1e-3, 3e-3)
OTHER_MARGINS = (0.0, 0.1, 0.2)  # between the kinds that are not transfers
TO_TRANSFER_MARGINS = (0.0, 0.2, 0.4)  # to make a claim a transfer (and give it a frame)


def matched_claims(stem: str, corpus_dir: Path, nlp, lexicons: Lexicons) -> Iterator[tuple[set[str], str, str]]:
    """The article's claims as the flow makes them before the kind chooser, each that matches a gold claim as
    (features, the rules' kind, the gold's kind)."""
    path = corpus_dir / "articles" / f"{stem}.txt"
    [article] = parse_text(path.read_text(encoding="utf-8"), input_name=stem)
    doc = nlp(article.text)
    claims, _ = article_claims(doc, article_record(doc, article, run_id="train-kind", models=[]), lexicons,
                               kinds=False)
    located = [(claim, span) for claim in gold_claims(corpus_dir, stem) if (span := locate(claim, article.text))]
    predicted = [claim.model_dump() for claim in claims]
    position = {id(claim): i for i, claim in enumerate(predicted)}
    features = claim_features(doc, claims, lexicons)
    for gold_claim, claim in match_claims(located, predicted):
        i = position[id(claim)]
        yield features[i], claims[i].kind, gold_claim["kind"]


def train_kind(corpus_dir: Path, out_dir: Path, *, nlp, lexicons: Lexicons,
               progress: Callable[[str], None] = lambda message: None) -> dict:
    started = time.perf_counter()
    stems = training_stems(corpus_dir)
    articles, features, rules, gold = [], [], [], []
    for stem in stems:
        for names, ruled, wanted in matched_claims(stem, corpus_dir, nlp, lexicons):
            articles.append(stem)
            features.append(names)
            rules.append(ruled)
            gold.append(wanted)
    labels = np.asarray([KINDS.index(kind) for kind in gold], dtype=np.int64)
    who = writer_of(corpus_dir)
    folds = writer_folds([who.get(article, article) for article in articles])
    progress(f"{len(gold)} claims from {len(stems)} articles; the rules' kind is right for {accuracy(rules, gold)}")
    scores, unmade = {}, {}
    for weight_decay in WEIGHT_DECAYS:
        probabilities = out_of_fold(KindModel, features, labels, folds, weight_decay=weight_decay)
        for other in OTHER_MARGINS:
            for to_transfer in TO_TRANSFER_MARGINS:
                chosen = names_arms_first(decide(probabilities, rules, KINDS, kind_margins(other, to_transfer)), rules,
                                          features)
                scores[weight_decay, other, to_transfer] = accuracy(chosen, gold)
        # What the chooser would make of the rules' frames if it could take them away: how often that is right.
        free = decide(probabilities, rules, KINDS, 0.0)
        taken = [g for r, f, g in zip(rules, free, gold) if r == "arms_transfer" and f != r]
        unmade[weight_decay] = {"frames_taken_away": len(taken),
                                "rightly": sum(g != "arms_transfer" for g in taken)}
        best = max((s, k) for k, s in scores.items() if k[0] == weight_decay)
        progress(f"weight decay {weight_decay}: best cross-validated accuracy {best[0]} (margins {best[1][1:]}); "
                 f"taking frames away would be right {unmade[weight_decay]['rightly']} times in "
                 f"{unmade[weight_decay]['frames_taken_away']}")
    weight_decay, other, to_transfer = max(scores, key=scores.get)
    model = fit(KindModel, features, labels, weight_decay=weight_decay)
    model.margin = kind_margins(other, to_transfer)
    metrics = {
        "version": KIND_VERSION, "articles": len(stems), "claims": len(gold),
        "note": "trained on the rules' dev articles (every article not in the test split); accuracy is the share of "
                "matched claims whose kind equals the gold's",
        "gold_kinds": dict(Counter(gold).most_common()),
        "rules_accuracy": accuracy(rules, gold),
        "cross_validated_accuracy": {f"weight decay {w}, margins {o} / {t} to transfer": score
                                     for (w, o, t), score in scores.items()},
        "frames_taken_away_if_allowed": {str(w): counts for w, counts in unmade.items()},
        "chosen": {"weight_decay": weight_decay, "margin": other, "margin_to_transfer": to_transfer,
                   "min_examples": MIN_EXAMPLES, "vocabulary": len(model.vocabulary),
                   "cross_validated_accuracy": scores[weight_decay, other, to_transfer]},
        "training_seconds": round(time.perf_counter() - started, 1),
    }
    model.save(out_dir, extra={"weight_decay": weight_decay, "min_examples": MIN_EXAMPLES})
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics
