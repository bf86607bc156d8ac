"""The status chooser: a small trained model that re-reads how far each transfer frame got (delivered, agreed,
planned, considered, curtailed, denied). The rules' status is one of its features; the words around the anchor are
the others, over a vocabulary fixed at training time and saved beside the weights."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import get_args

import numpy as np
from spacy.tokens import Span

from pipeline.errors import ModelMissing
from pipeline.extract.status_features import status_features
from pipeline.extract.transfer_frame import Frame
from pipeline.schema import ModelRef, TransferStatus
from pipeline.settings import get_settings
from pipeline.stance.head import Head, head_from, head_tensors, read_heads, write_heads

STATUS_VERSION = "0.1.0"
STATUS_NAME = "edm-status"
WEIGHTS_FILE = "status.safetensors"
CONFIG_FILE = "config.json"
STATUSES: tuple[str, ...] = get_args(TransferStatus)  # the head's classes, in the schema's order


def feature_rows(feature_sets: list[set[str]], index: dict[str, int]) -> np.ndarray:
    """One 0/1 row per frame over the vocabulary ``index``; a feature outside it is dropped."""
    rows = np.zeros((len(feature_sets), len(index)), dtype=np.float32)
    for row, features in enumerate(feature_sets):
        rows[row, [index[name] for name in features if name in index]] = 1.0
    return rows


def decide(probabilities: np.ndarray, rules: list[str], margin: float) -> list[str]:
    """Per frame, the likeliest status where it beats the rules' own by at least ``margin``; else the rules'."""
    best = probabilities.argmax(1)
    ruled = np.asarray([STATUSES.index(status) for status in rules])
    rows = np.arange(len(rules))
    keep = probabilities[rows, best] - probabilities[rows, ruled] < margin
    return [STATUSES[i] for i in np.where(keep, ruled, best)]


def default_status_dir() -> Path:
    return get_settings().models_dir / f"status-{STATUS_VERSION}"


@dataclass
class StatusModel:
    head: Head
    vocabulary: list[str]  # feature names, in the order of the head's inputs
    margin: float = 0.0  # the rules' status stands unless another is likelier by this much
    version: str = STATUS_VERSION

    def __post_init__(self) -> None:
        self.index = {name: i for i, name in enumerate(self.vocabulary)}

    @property
    def ref(self) -> ModelRef:
        return ModelRef(name=STATUS_NAME, version=self.version)

    def probabilities(self, feature_sets: list[set[str]]) -> np.ndarray:
        return self.head.probabilities(feature_rows(feature_sets, self.index))

    def choose(self, feature_sets: list[set[str]], rules: list[str]) -> list[str]:
        """Each frame's status: the model's likeliest, where it beats the rules' own by the margin."""
        return decide(self.probabilities(feature_sets), rules, self.margin) if feature_sets else []

    def save(self, folder: Path, *, extra: dict | None = None) -> None:
        config = {"version": self.version, "statuses": list(STATUSES), "hidden_units": self.head.hidden,
                  "margin": self.margin, **(extra or {}), "vocabulary": self.vocabulary}
        write_heads(folder, head_tensors(self.head), config, weights_file=WEIGHTS_FILE, config_file=CONFIG_FILE)

    @classmethod
    def load(cls, folder: Path) -> StatusModel:
        rebuild = "rebuild it with `claims train-status`"
        tensors, config = read_heads(folder, weights_file=WEIGHTS_FILE, config_file=CONFIG_FILE,
                                     missing=f"status chooser not found; {rebuild}")
        if tuple(config["statuses"]) != STATUSES:
            raise ModelMissing(str(folder), f"status chooser was trained on the statuses {config['statuses']}, the "
                                            f"schema has {list(STATUSES)}; {rebuild}")
        return cls(head_from(tensors), config["vocabulary"], config["margin"], config["version"])


@lru_cache(maxsize=1)
def load_status_model(folder: Path | None = None) -> StatusModel:
    return StatusModel.load(folder or default_status_dir())


def choose_status(frames: list[Frame], sent: Span, model: StatusModel) -> None:
    """Set each frame's status to the model's choice."""
    chosen = model.choose([status_features(frame, sent) for frame in frames], [frame.status for frame in frames])
    for frame, status in zip(frames, chosen):
        frame.status = status
