"""What a review decision may change, and how a claim looks once its decisions are applied."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import get_args

from pydantic import ValidationError

from pipeline.errors import InvalidDecision
from pipeline.schema import Certainty, ClaimKind, ClaimRecord, RejectReason, ReviewDecision, SpeakerType, TransferStatus

REJECT_REASONS: tuple[str, ...] = get_args(RejectReason)
STANCE_LABELS = ("supports", "disputes", "reports")
DIRECTIONS = ("expand", "continue", "curtail", "halt", "none")

# Dotted field path -> allowed values (None: free text; "list": a list of strings).
CORRECTABLE: dict[str, tuple[str, ...] | str | None] = {
    "kind": get_args(ClaimKind),
    "speaker.name": None,
    "speaker.type": get_args(SpeakerType),
    "speaker.title": None,
    "arms_transfer.supplier": None,
    "arms_transfer.recipient": None,
    "arms_transfer.items": "list",
    "arms_transfer.status": get_args(TransferStatus),
    "stance.label": STANCE_LABELS,
    "certainty": get_args(Certainty),
    "direction": DIRECTIONS,
}


def get_field(claim: dict, path: str):
    value = claim
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def set_field(claim: dict, path: str, value) -> None:
    head, _, leaf = path.rpartition(".")
    target = claim
    if head:
        if target.get(head) is None:
            # Correcting a supplier on a claim the machine saw no transfer in creates the frame.
            target[head] = ({"supplier": None, "recipient": None, "items": [], "status": "unknown"}
                            if head == "arms_transfer" else {})
        target = target[head]
    target[leaf] = value


def check_value(path: str, value, claim_id: str):
    """Normalise one corrected value, or raise InvalidDecision saying what is allowed."""
    if path not in CORRECTABLE:
        raise InvalidDecision(claim_id, f"field {path!r} cannot be corrected; correctable: {', '.join(CORRECTABLE)}")
    allowed = CORRECTABLE[path]
    if allowed == "list":
        if isinstance(value, str):
            value = [item.strip() for item in value.split(";") if item.strip()]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise InvalidDecision(claim_id, f"{path} must be a list of strings")
        return value
    if isinstance(value, str):
        value = value.strip() or None
    if value is not None and not isinstance(value, str):
        raise InvalidDecision(claim_id, f"{path} must be a string or null")
    if isinstance(allowed, tuple) and value not in allowed:
        raise InvalidDecision(claim_id, f"{path} must be one of {', '.join(allowed)}; got {value!r}")
    return value


@dataclass
class ClaimReview:
    """The folded state of one claim's decisions."""

    status: str = "pending"
    reason: str | None = None
    reviewer: str | None = None
    decided_at: str | None = None
    changes: dict[str, object] = field(default_factory=dict)
    decisions: list[ReviewDecision] = field(default_factory=list)


def fold(decisions: list[ReviewDecision]) -> dict[str, ClaimReview]:
    """Replay decisions in file order; an undo takes back the decision it names."""
    undone = {d.undoes for d in decisions if d.decision == "undo"}
    reviews: dict[str, ClaimReview] = {}
    for decision in decisions:
        if decision.decision == "undo" or decision.decision_id in undone:
            continue
        review = reviews.setdefault(decision.claim_id, ClaimReview())
        review.decisions.append(decision)
        review.reviewer, review.decided_at = decision.reviewer, decision.timestamp
        if decision.decision == "reject":
            review.status, review.reason = "rejected", decision.reason
            continue
        review.reason = None
        for change in decision.changes:
            review.changes[change.field] = change.new
        review.status = "corrected" if review.changes else "accepted"
    return reviews


def apply_review(claim: dict, review: ClaimReview | None) -> dict:
    """The claim as the analyst left it: corrected fields set, ``review`` filled in; validated."""
    reviewed = copy.deepcopy(claim)
    if review is None:
        return reviewed
    for path, value in review.changes.items():
        set_field(reviewed, path, value)
    reviewed["review"] = {"status": review.status, "reviewer": review.reviewer, "reason": review.reason,
                          "decided_at": review.decided_at}
    try:
        ClaimRecord.model_validate(reviewed)
    except ValidationError as err:
        first = err.errors()[0]
        raise InvalidDecision(claim["claim_id"], f"the corrected claim is not valid: "
                                                 f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from err
    return reviewed
