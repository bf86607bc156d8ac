"""The status chooser: a small trained model that re-reads how far each transfer frame got (delivered, agreed,
planned, considered, curtailed, denied). The rules' status is one of its features; the words around the anchor are
the others."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import get_args

from spacy.tokens import Span

from pipeline.extract.chooser import LabelChooser
from pipeline.extract.status_features import status_features
from pipeline.extract.transfer_frame import Frame
from pipeline.schema import TransferStatus
from pipeline.settings import get_settings

STATUS_VERSION = "0.13.0"
STATUSES: tuple[str, ...] = get_args(TransferStatus)  # the head's classes, in the schema's order


class StatusModel(LabelChooser):
    NAME = "edm-status"
    VERSION = STATUS_VERSION
    LABELS = STATUSES
    WEIGHTS_FILE = "status.safetensors"
    COMMAND = "claims train-status"


def default_status_dir() -> Path:
    return get_settings().models_dir / f"status-{STATUS_VERSION}"


@lru_cache(maxsize=1)
def load_status_model(folder: Path | None = None) -> StatusModel:
    return StatusModel.load(folder or default_status_dir())


def choose_status(frames: list[Frame], sent: Span, model: StatusModel) -> None:
    """Set each frame's status to the model's choice."""
    chosen = model.choose([status_features(frame, sent) for frame in frames], [frame.status for frame in frames])
    for frame, status in zip(frames, chosen):
        frame.status = status
