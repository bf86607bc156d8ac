"""The packaged stance model: two heads over frozen all-MiniLM-L6-v2 features, saved as safetensors."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.nlp.loading import ENCODER_NAME
from pipeline.schema import ModelRef
from pipeline.settings import get_settings
from pipeline.stance.dataset import DIRECTION_LABELS, STANCE_LABELS
from pipeline.stance.encode import ENCODER_LAYERS, embed
from pipeline.stance.features import ClaimInput, featurize
from pipeline.stance.head import Head, head_from, head_tensors, read_heads, write_heads

STANCE_VERSION = "0.21.0"
WEIGHTS_FILE = "heads.safetensors"
CONFIG_FILE = "config.json"


def default_model_dir() -> Path:
    return get_settings().models_dir / f"stance-{STANCE_VERSION}"


@dataclass
class Prediction:
    label: str
    score: float
    direction: str


@dataclass
class StanceModel:
    stance: Head
    direction: Head
    version: str = STANCE_VERSION
    encoder_layers: int = ENCODER_LAYERS  # the features the heads were trained on come from this many layers

    @property
    def ref(self) -> ModelRef:
        return ModelRef(name=f"edm-stance+{ENCODER_NAME.split('/')[-1]}", version=self.version)

    def save(self, folder: Path, *, extra: dict | None = None) -> None:
        tensors = head_tensors(self.stance, "stance.") | head_tensors(self.direction, "direction.")
        config = {"version": self.version, "encoder": ENCODER_NAME, "stance_labels": list(STANCE_LABELS),
                  "direction_labels": list(DIRECTION_LABELS), "stance_temperature": self.stance.temperature,
                  "direction_temperature": self.direction.temperature, "encoder_layers": self.encoder_layers,
                  "stance_hidden_units": self.stance.hidden, "direction_hidden_units": self.direction.hidden,
                  **(extra or {})}
        write_heads(folder, tensors, config, weights_file=WEIGHTS_FILE, config_file=CONFIG_FILE)

    @classmethod
    def load(cls, folder: Path) -> StanceModel:
        tensors, config = read_heads(folder, weights_file=WEIGHTS_FILE, config_file=CONFIG_FILE,
                                     missing="stance model not found; rebuild it with `claims train-stance`")
        return cls(head_from(tensors, "stance.", config["stance_temperature"]),
                   head_from(tensors, "direction.", config["direction_temperature"]), config["version"],
                   config.get("encoder_layers", 6))  # before 0.3.0: all six

    def embed(self, texts: list[str]):
        return embed(texts, layers=self.encoder_layers)

    def predict(self, claims: list[ClaimInput]) -> list[Prediction]:
        if not claims:
            return []
        features, _ = featurize(claims, self.embed)
        stance = self.stance.probabilities(features)
        direction = self.direction.probabilities(features)
        predictions = []
        for claim, probs, dir_probs in zip(claims, stance, direction):
            best = int(np.argmax(probs))
            way = DIRECTION_LABELS[int(np.argmax(dir_probs))] if claim.is_transfer else "none"
            predictions.append(Prediction(STANCE_LABELS[best], round(float(probs[best]), 4), way))
        return predictions


@lru_cache(maxsize=1)
def load_stance_model(folder: Path | None = None) -> StanceModel:
    return StanceModel.load(folder or default_model_dir())
