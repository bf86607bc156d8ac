"""A label chooser: a softmax head over named 0/1 features that re-reads a label the hand-written rules chose (a
transfer's status, a claim's kind). The rules' label is one of its features, and it stands unless another is likelier
by a margin, so the model changes only what it is sure of. The vocabulary is fixed at training time and saved beside
the weights."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np

from pipeline.errors import ModelMissing
from pipeline.schema import ModelRef
from pipeline.stance.head import Head, head_from, head_tensors, read_heads, train_head, write_heads

NEVER = 1.0  # a margin no probability can beat: that change is never made
MIN_EXAMPLES = 2  # a feature seen in fewer training examples says nothing general


def feature_rows(feature_sets: list[set[str]], index: dict[str, int]) -> np.ndarray:
    """One 0/1 row per example over the vocabulary ``index``; a feature outside it is dropped."""
    rows = np.zeros((len(feature_sets), len(index)), dtype=np.float32)
    for row, features in enumerate(feature_sets):
        rows[row, [index[name] for name in features if name in index]] = 1.0
    return rows


def accuracy(chosen: list[str], gold: list[str]) -> float:
    """The share of examples whose label is the gold's, as the trainers report it."""
    return round(float(np.mean([c == g for c, g in zip(chosen, gold)])), 4)


def margin_matrix(margin: float | np.ndarray, size: int) -> np.ndarray:
    """``margin[rules' label, model's label]``: one number for every change, or one per change."""
    return np.broadcast_to(np.asarray(margin, dtype=np.float32), (size, size))


def decide(probabilities: np.ndarray, rules: list[str], labels: tuple[str, ...],
           margin: float | np.ndarray) -> list[str]:
    """Per example, the likeliest label where it beats the rules' own by at least its margin; else the rules'."""
    best = probabilities.argmax(1)
    ruled = np.asarray([labels.index(label) for label in rules], dtype=np.int64)
    rows = np.arange(len(rules))
    needed = margin_matrix(margin, len(labels))[ruled, best]
    keep = probabilities[rows, best] - probabilities[rows, ruled] < needed
    return [labels[i] for i in np.where(keep, ruled, best)]


@dataclass
class LabelChooser:
    head: Head
    vocabulary: list[str]  # feature names, in the order of the head's inputs
    margin: float | np.ndarray = 0.0  # see ``decide``
    version: str = ""

    NAME: ClassVar[str]
    VERSION: ClassVar[str]
    LABELS: ClassVar[tuple[str, ...]]  # the head's classes, in this order
    WEIGHTS_FILE: ClassVar[str]
    COMMAND: ClassVar[str]  # the command that rebuilds it
    CONFIG_FILE: ClassVar[str] = "config.json"

    def __post_init__(self) -> None:
        self.version = self.version or self.VERSION
        self.index = {name: i for i, name in enumerate(self.vocabulary)}

    @property
    def ref(self) -> ModelRef:
        return ModelRef(name=self.NAME, version=self.version)

    def probabilities(self, feature_sets: list[set[str]]) -> np.ndarray:
        return self.head.probabilities(feature_rows(feature_sets, self.index))

    def choose(self, feature_sets: list[set[str]], rules: list[str]) -> list[str]:
        return decide(self.probabilities(feature_sets), rules, self.LABELS, self.margin) if feature_sets else []

    def save(self, folder: Path, *, extra: dict | None = None) -> None:
        margin = np.asarray(self.margin, dtype=np.float64).round(6).tolist()  # 0.2, not 0.20000000298
        config = {"version": self.version, "labels": list(self.LABELS), "hidden_units": self.head.hidden,
                  "margin": margin, **(extra or {}), "vocabulary": self.vocabulary}
        write_heads(folder, head_tensors(self.head), config, weights_file=self.WEIGHTS_FILE,
                    config_file=self.CONFIG_FILE)

    @classmethod
    def load(cls, folder: Path) -> LabelChooser:
        rebuild = f"rebuild it with `{cls.COMMAND}`"
        tensors, config = read_heads(folder, weights_file=cls.WEIGHTS_FILE, config_file=cls.CONFIG_FILE,
                                     missing=f"{cls.NAME} not found; {rebuild}")
        if tuple(config.get("labels", ())) != cls.LABELS:
            raise ModelMissing(str(folder), f"{cls.NAME} was trained on the labels {config.get('labels')}, the "
                                            f"schema has {list(cls.LABELS)}; {rebuild}")
        margin = config["margin"]
        return cls(head_from(tensors), config["vocabulary"], np.asarray(margin) if isinstance(margin, list) else margin,
                   config["version"])


def fit(cls: type[LabelChooser], features: list[set[str]], labels: np.ndarray, *, weight_decay: float,
        hidden: int = 0) -> LabelChooser:
    """A chooser of class ``cls`` trained on ``features`` (its vocabulary: those seen in ``MIN_EXAMPLES``)."""
    counts = Counter(name for names in features for name in names)
    vocabulary = sorted(name for name, count in counts.items() if count >= MIN_EXAMPLES)
    rows = feature_rows(features, {name: i for i, name in enumerate(vocabulary)})
    return cls(train_head(rows, labels, classes=len(cls.LABELS), weight_decay=weight_decay, hidden=hidden), vocabulary)


def out_of_fold(cls: type[LabelChooser], features: list[set[str]], labels: np.ndarray, folds: np.ndarray, *,
                weight_decay: float, hidden: int = 0) -> np.ndarray:
    """Each example's probabilities from a chooser trained on the other folds (its vocabulary built from them)."""
    probabilities = np.zeros((len(labels), len(cls.LABELS)), dtype=np.float32)
    for k in sorted(set(folds)):
        train = [i for i, fold in enumerate(folds) if fold != k]
        held = [i for i, fold in enumerate(folds) if fold == k]
        model = fit(cls, [features[i] for i in train], labels[train], weight_decay=weight_decay, hidden=hidden)
        probabilities[held] = model.probabilities([features[i] for i in held])
    return probabilities
