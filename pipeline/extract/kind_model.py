"""The kind chooser: a small trained model that re-reads each claim's kind (arms_transfer, statement, statistic,
assessment, other). The rules' kind is one of its features, and it stands unless another is likelier by a margin.
A claim it reads as a transfer although no transfer word anchored a frame gets one over the clause (``implied_frame``),
with sides and status from the side and status choosers. It never takes a frame away: in cross-validation that
change was right about half the time only."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import get_args

import numpy as np
from spacy.tokens import Doc

from pipeline.extract.chooser import NEVER, LabelChooser
from pipeline.extract.first_person import fill_first_person
from pipeline.extract.kind_features import ARMS, kind_features
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.side_model import SideModel, choose_sides
from pipeline.extract.status_model import StatusModel, choose_status
from pipeline.extract.transfer_frame import transfer_of
from pipeline.extract.transfer_mentions import implied_frame
from pipeline.schema import ClaimKind, ClaimRecord
from pipeline.settings import get_settings

KIND_VERSION = "0.12.0"
KINDS: tuple[str, ...] = get_args(ClaimKind)  # the head's classes, in the schema's order
TRANSFER = KINDS.index("arms_transfer")


class KindModel(LabelChooser):
    NAME = "edm-kind"
    VERSION = KIND_VERSION
    LABELS = KINDS
    WEIGHTS_FILE = "kind.safetensors"
    COMMAND = "claims train-kind"

    def choose(self, feature_sets: list[set[str]], rules: list[str]) -> list[str]:
        return names_arms_first(super().choose(feature_sets, rules), rules, feature_sets)


def names_arms_first(chosen: list[str], rules: list[str], feature_sets: list[set[str]]) -> list[str]:
    """A claim that names neither arms nor a transfer stays what the rules made it rather than become a transfer: the
    words of a parade or a budget say too little to call it an arms transfer."""
    return [rule if kind == "arms_transfer" and kind != rule and ARMS not in features else kind
            for kind, rule, features in zip(chosen, rules, feature_sets)]


def kind_margins(other: float, to_transfer: float) -> np.ndarray:
    """The margin of each change: ``to_transfer`` to make a claim a transfer, never to unmake one, ``other`` else."""
    margins = np.full((len(KINDS), len(KINDS)), other, dtype=np.float32)
    margins[:, TRANSFER] = to_transfer
    margins[TRANSFER, :] = NEVER
    margins[TRANSFER, TRANSFER] = 0.0
    return margins


def default_kind_dir() -> Path:
    return get_settings().models_dir / f"kind-{KIND_VERSION}"


@lru_cache(maxsize=1)
def load_kind_model(folder: Path | None = None) -> KindModel:
    return KindModel.load(folder or default_kind_dir())


def claim_features(doc: Doc, claims: list[ClaimRecord], lexicons: Lexicons) -> list[set[str]]:
    return [kind_features(claim, doc.char_span(claim.start, claim.end, alignment_mode="expand"), lexicons)
            for claim in claims]


def choose_kinds(doc: Doc, claims: list[ClaimRecord], lexicons: Lexicons, model: KindModel, sides: SideModel,
                 status: StatusModel) -> list[ClaimRecord]:
    """The claims with the model's kinds; a claim newly read as a transfer gets a frame over its clause."""
    chosen = model.choose(claim_features(doc, claims, lexicons), [claim.kind for claim in claims])
    updated = []
    for claim, kind in zip(claims, chosen):
        if kind == claim.kind:
            updated.append(claim)
            continue
        change: dict = {"kind": kind}
        if kind == "arms_transfer":
            clause = doc.char_span(claim.start, claim.end, alignment_mode="expand")
            frame = implied_frame(clause, lexicons)
            choose_sides([frame], clause.sent, lexicons, sides)
            choose_status([frame], clause.sent, status)
            fill_first_person(frame, claim.speaker, doc, lexicons)
            change["arms_transfer"] = transfer_of(frame)
        updated.append(claim.model_copy(update=change))
    return updated
