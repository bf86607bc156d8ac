"""Macro-F1, per-label F1, accuracy and expected calibration error."""

from __future__ import annotations

import numpy as np


def per_label_f1(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> dict[str, float]:
    scores = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label and g != label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores[label] = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return scores


def classification_report(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> dict:
    f1 = per_label_f1(gold, pred, labels)
    present = [label for label in labels if label in gold]
    return {
        "macro_f1": round(float(np.mean([f1[label] for label in present])), 4) if present else 0.0,
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4) if gold else 0.0,
        "f1": f1,
        "support": {label: gold.count(label) for label in labels},
    }


def expected_calibration_error(confidences: np.ndarray, correct: np.ndarray, *, bins: int = 10) -> float:
    edges = np.linspace(0, 1, bins + 1)
    error = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        inside = (confidences > low) & (confidences <= high)
        if inside.any():
            error += inside.mean() * abs(confidences[inside].mean() - correct[inside].mean())
    return round(float(error), 4)
