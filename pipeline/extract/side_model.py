"""The side chooser: a small trained model that re-reads each transfer frame's candidate countries and says which
supplies and which receives. The hand-written rules' picks are among its features; it learns where they fail
(a side the rules missed, a demonym on a buyer's officials, "imports from")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span

from pipeline.errors import ModelMissing
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.side_features import ROW_WIDTH, candidate_rows, sentence_mentions
from pipeline.extract.transfer_frame import Frame
from pipeline.schema import ModelRef
from pipeline.settings import get_settings
from pipeline.stance.head import Ensemble, Head, head_from, head_tensors, read_heads, write_heads

SIDES_VERSION = "0.14.0"
SIDES_NAME = "edm-sides"
WEIGHTS_FILE = "sides.safetensors"
CONFIG_FILE = "config.json"
ROLES = ("neither", "supplier", "recipient")  # the head's classes, in this order


def default_sides_dir() -> Path:
    return get_settings().models_dir / f"sides-{SIDES_VERSION}"


@dataclass
class SideModel:
    head: Head | Ensemble
    threshold: float  # a candidate takes a side only above this probability; else the side stays null
    version: str = SIDES_VERSION

    @property
    def ref(self) -> ModelRef:
        return ModelRef(name=SIDES_NAME, version=self.version)

    def choose(self, countries: list[str], rows: np.ndarray) -> tuple[str | None, str | None]:
        """The likeliest pair of two different countries, each side sure enough or else null. Chosen jointly: a
        country a little likelier to supply than another but far likelier to receive ("Yerevan expects deliveries
        of Su-30SM fighters") is the recipient, not a supplier beside a null recipient."""
        if not countries:
            return None, None
        probs = self.head.probabilities(rows)
        # Each side is a candidate above the threshold or null, which scores as the threshold itself.
        suppliers = [(None, self.threshold)] + [(i, p) for i, p in enumerate(probs[:, 1]) if p > self.threshold]
        recipients = [(None, self.threshold)] + [(i, p) for i, p in enumerate(probs[:, 2]) if p > self.threshold]
        (supplier, _), (recipient, _) = max(
            ((s, r) for s in suppliers for r in recipients if s[0] is None or s[0] != r[0]),
            key=lambda pair: pair[0][1] * pair[1][1])
        return (countries[supplier] if supplier is not None else None,
                countries[recipient] if recipient is not None else None)

    def save(self, folder: Path, *, extra: dict | None = None) -> None:
        members = self.head.members if isinstance(self.head, Ensemble) else [self.head]
        config = {"version": self.version, "roles": list(ROLES), "features": ROW_WIDTH, "threshold": self.threshold,
                  "hidden_units": self.head.hidden, "members": len(members), **(extra or {})}
        tensors = {name: value for i, member in enumerate(members)
                   for name, value in head_tensors(member, f"{i}.").items()}
        write_heads(folder, tensors, config, weights_file=WEIGHTS_FILE, config_file=CONFIG_FILE)

    @classmethod
    def load(cls, folder: Path) -> SideModel:
        rebuild = "rebuild it with `claims train-sides`"
        tensors, config = read_heads(folder, weights_file=WEIGHTS_FILE, config_file=CONFIG_FILE,
                                     missing=f"side chooser not found; {rebuild}")
        if config["features"] != ROW_WIDTH:
            raise ModelMissing(str(folder), f"side chooser was trained on {config['features']} features, the code "
                                            f"makes {ROW_WIDTH}; {rebuild}")
        members = [head_from(tensors, f"{i}.") for i in range(config["members"])]
        return cls(Ensemble(members) if len(members) > 1 else members[0], config["threshold"], config["version"])


@lru_cache(maxsize=1)
def load_side_model(folder: Path | None = None) -> SideModel:
    return SideModel.load(folder or default_sides_dir())


def choose_sides(frames: list[Frame], sent: Span, lexicons: Lexicons, model: SideModel) -> None:
    """Set each frame's supplier and recipient to the model's choice among the sentence's countries."""
    if not frames:
        return
    mentions = sentence_mentions(sent, lexicons)
    # Every frame is read with the rules' sides of the others, as in training: choose all, then set them.
    chosen = [model.choose(*candidate_rows(frame, sent, mentions, lexicons, frames)) for frame in frames]
    rules = [(frame.supplier, frame.recipient) for frame in frames]
    for frame, pair, rule in zip(frames, chosen, rules):
        # "Belarus and Israel sell drones to Azerbaijan": the rules split a coordination into one frame per party;
        # a choice that would merge them back into one pair keeps the rules' sides.
        swapped = pair != rule and pair in rules and rule in chosen  # its pair went to another anchor, and back
        if (chosen.count(pair) > 1 and rules.count(rule) == 1) or set(chosen) == set(rules) or swapped:
            pair = rule  # the same pairs, merged or swapped ones: the rules know which anchor has which
        frame.supplier, frame.recipient = pair
