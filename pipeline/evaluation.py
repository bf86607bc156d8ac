"""Score a run's records against our gold annotations (precision, recall, F1; micro-averaged).

Gold format: ``corpus/README.md``. Citations match on (source, resolved date, date kind), crossrefs
on their date, credits on their source, entities on (text, label) per article. Matching is by
multiset, so a citation found twice when written once costs precision.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.output.jsonl import read_jsonl

ENTITY_LABELS = ("PERSON", "GPE", "NORP", "OUTLET", "WEAPON")
SPLITS_FILE = "splits.json"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Counter, pred: Counter) -> Score:
        overlap = sum((gold & pred).values())
        self.tp += overlap
        self.fp += sum(pred.values()) - overlap
        self.fn += sum(gold.values()) - overlap
        return self

    def __iadd__(self, other: Score) -> Score:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def citation_keys(items: list[dict]) -> Counter:
    return Counter((item["source"], item["date"], item.get("date_kind", "published")) for item in items)


def crossref_keys(items: list[dict]) -> Counter:
    return Counter(item["date"] for item in items)


def credit_keys(items: list[dict]) -> Counter:
    return Counter(item["source"] for item in items)


def entity_keys(items: list[dict], label: str, *, text: str) -> Counter:
    # Gold may name header-line entities (author, publication); score only what is in the text.
    return Counter({item["text"] for item in items if item["label"] == label and item["text"] in text})


def false_citations(gold: dict, pred: dict) -> list[str]:
    """Predicted citations that sit inside a parenthetical the gold says is not a citation."""
    blocked = gold.get("non_citations", [])
    return [item["raw"] for item in pred["citations"] if any(item["raw"] in text for text in blocked)]


@dataclass
class ArticleScores:
    article: str
    scores: dict[str, Score] = field(default_factory=dict)
    false_citations: list[str] = field(default_factory=list)


def score_article(gold: dict, pred: dict) -> ArticleScores:
    result = ArticleScores(gold["article"])
    result.scores["citations"] = Score().add(citation_keys(gold["citations"]), citation_keys(pred["citations"]))
    result.scores["crossrefs"] = Score().add(crossref_keys(gold["crossrefs"]), crossref_keys(pred["crossrefs"]))
    result.scores["credits"] = Score().add(credit_keys(gold.get("credits", [])), credit_keys(pred["credits"]))
    for label in ENTITY_LABELS:
        result.scores[f"entities:{label}"] = Score().add(
            entity_keys(gold.get("entities", []), label, text=pred["text"]),
            entity_keys(pred["entities"], label, text=pred["text"]),
        )
    result.false_citations = false_citations(gold, pred)
    return result


def load_gold(gold_dir: Path, split: str, only: tuple[str, ...] = ()) -> dict[str, dict]:
    """Gold annotations of ``split``; with ``only``, of the articles whose name starts with one of them."""
    golds = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(gold_dir.glob("*.json"))
             if path.name != SPLITS_FILE}
    splits_path = gold_dir.parent / SPLITS_FILE
    if split != "all" and splits_path.exists():
        test = set(json.loads(splits_path.read_text(encoding="utf-8"))["test"])
        golds = {stem: gold for stem, gold in golds.items() if (stem in test) == (split == "test")}
    if only:
        golds = {stem: gold for stem, gold in golds.items() if stem.startswith(only)}
    return golds


def load_predictions(pred_path: Path) -> dict[str, dict]:
    return {Path(record["input"]).stem: record for record in read_jsonl(pred_path)}


def evaluate_run(gold_dir: Path, pred_path: Path, *, split: str = "all", claims_gold_dir: Path | None = None,
                 only: tuple[str, ...] = ()) -> dict:
    golds, preds = load_gold(gold_dir, split, only), load_predictions(pred_path)
    totals: dict[str, Score] = {}
    articles, missing, false_found = [], [], []
    for stem, gold in golds.items():
        if stem not in preds:
            missing.append(stem)
            continue
        result = score_article(gold, preds[stem])
        for name, score in result.scores.items():
            totals.setdefault(name, Score())
            totals[name] += score
        false_found.extend(f"{stem}: ({raw})" for raw in result.false_citations)
        articles.append({"article": stem, **{name: s.as_dict() for name, s in result.scores.items()}})
    entities = Score()
    for label in ENTITY_LABELS:
        entities += totals.get(f"entities:{label}", Score())
    claims_pred = pred_path.with_name("claims.jsonl")
    claims = None
    if claims_gold_dir is not None and claims_gold_dir.exists() and claims_pred.exists():
        from pipeline.evaluation_claims import evaluate_claims

        claims = evaluate_claims(claims_gold_dir, pred_path, claims_pred, stems=set(golds))
    return {
        "split": split,
        "claims": claims,
        "gold_articles": len(golds),
        "scored_articles": len(articles),
        "missing_predictions": missing,
        "overall": {**{name: score.as_dict() for name, score in totals.items()}, "entities:ALL": entities.as_dict()},
        "false_citations_from_non_citations": false_found,
        "articles": articles,
    }


def format_report(report: dict, *, per_article: bool = True) -> str:
    lines = [f"split: {report['split']}  articles scored: {report['scored_articles']}/{report['gold_articles']}"]
    if report["missing_predictions"]:
        lines.append(f"missing predictions: {', '.join(report['missing_predictions'])}")
    lines.append(f"{'':22} {'P':>7} {'R':>7} {'F1':>7} {'tp':>5} {'fp':>5} {'fn':>5}")
    for name, score in report["overall"].items():
        lines.append(f"{name:22} {score['precision']:7.3f} {score['recall']:7.3f} {score['f1']:7.3f} "
                     f"{score['tp']:5} {score['fp']:5} {score['fn']:5}")
    lines.append(f"false citations from non-citations: {len(report['false_citations_from_non_citations'])}")
    lines.extend(f"  {item}" for item in report["false_citations_from_non_citations"])
    if report.get("claims"):
        lines.extend(["", "claims (over matched claims for accuracies)"])
        lines.extend(format_claim_scores(report["claims"]["overall"]))
    if per_article:
        lines.append("")
        lines.append(f"{'article':44} {'cit F1':>7} {'xref F1':>7} {'ent F1':>7}")
        for row in report["articles"]:
            entity_f1 = [row[f"entities:{label}"]["f1"] for label in ENTITY_LABELS]
            lines.append(f"{row['article']:44} {row['citations']['f1']:7.3f} {row['crossrefs']['f1']:7.3f} "
                         f"{sum(entity_f1) / len(entity_f1):7.3f}")
    return "\n".join(lines)


def format_claim_scores(overall: dict) -> list[str]:
    lines = []
    for name, score in overall.items():
        if isinstance(score, dict) and "f1" in score:
            lines.append(f"  {name:26} P {score['precision']:.3f}  R {score['recall']:.3f}  F1 {score['f1']:.3f}")
        elif isinstance(score, dict):
            lines.append(f"  {name:26} accuracy {score['accuracy'] if score['accuracy'] is not None else '-'}"
                         f"  ({score['correct']}/{score['total']})")
    return lines
