"""A run's claims with the analysts' decisions: read-only machine output plus an append-only ``reviews.jsonl``.

Decisions from several reviewers (or several app processes) on the same run are appended under an
exclusive ``flock``, one whole line per write, and the log is re-read on every query, so nobody's
decisions are lost or overwritten.
"""

from __future__ import annotations

import fcntl
import logging
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

from pydantic import ValidationError

from pipeline.errors import InvalidDecision, RunNotFound, UnknownClaim
from pipeline.output.jsonl import read_jsonl
from pipeline.output.runs import RunFolder
from pipeline.review.decisions import REJECT_REASONS, ClaimReview, apply_review, check_value, fold, get_field
from pipeline.schema import FieldChange, ReviewDecision

log = logging.getLogger(__name__)


def resolve_run(run: Path) -> RunFolder:
    """``outputs/latest`` or a run folder -> the real run folder, or a clear error."""
    folder = run.resolve()
    found = RunFolder(folder.parent, folder.name)
    if not found.claims.is_file() or not found.articles.is_file():
        raise RunNotFound(str(run), "not a completed run folder (no claims.jsonl and articles.jsonl); "
                                    "run `claims run` first or pass a folder under outputs/")
    return found


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ReviewStore:
    def __init__(self, run: Path):
        self.run = resolve_run(run)
        self.folder, self.reviews_path = self.run.path, self.run.reviews
        self.articles = {a["article_id"]: a for a in read_jsonl(self.run.articles)}
        self.claims = {c["claim_id"]: c for c in read_jsonl(self.run.claims)}
        self.skipped_lines = 0

    @property
    def run_id(self) -> str:
        return self.run.run_id

    # -- reading ---------------------------------------------------------------------------------
    def decisions(self) -> list[ReviewDecision]:
        if not self.reviews_path.exists():
            return []
        decisions, skipped = [], 0
        with self.reviews_path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    decisions.append(ReviewDecision.model_validate_json(line))
                except ValidationError:
                    # A line cut by a crash is reported, never fatal: every other decision still counts.
                    skipped += 1
                    log.warning("%s:%d: unreadable review line skipped", self.reviews_path, number)
        self.skipped_lines = skipped
        return decisions

    def reviews(self) -> dict[str, ClaimReview]:
        return fold(self.decisions())

    def reviewed_claims(self, reviews: dict[str, ClaimReview] | None = None) -> list[dict]:
        """Every claim with its decisions applied, in output order; ``reviews`` saves re-reading the log."""
        reviews = self.reviews() if reviews is None else reviews
        return [apply_review(claim, reviews.get(claim_id)) for claim_id, claim in self.claims.items()]

    def claim(self, claim_id: str) -> dict:
        if claim_id not in self.claims:
            raise UnknownClaim(claim_id, f"no such claim in run {self.run_id}")
        return self.claims[claim_id]

    # -- writing ---------------------------------------------------------------------------------
    def decide(self, claim_id: str, decision: str, *, reviewer: str, reason: str | None = None,
               changes: dict | None = None) -> ReviewDecision:
        """Validate and append one decision; nothing is written when anything about it is wrong."""
        claim = self.claim(claim_id)
        if decision not in ("accept", "reject", "correct"):
            raise InvalidDecision(claim_id, f"decision must be accept, reject or correct; got {decision!r}")
        if decision == "reject" and reason not in REJECT_REASONS:
            raise InvalidDecision(claim_id, f"a rejection needs a reason: one of {', '.join(REJECT_REASONS)}")
        if decision != "reject":
            reason = None
        decisions = self.decisions()
        current = apply_review(claim, fold(decisions).get(claim_id))
        field_changes = []
        for path, value in (changes or {}).items():
            value = check_value(path, value, claim_id)
            old = get_field(current, path)
            if old != value:
                field_changes.append(FieldChange(field=path, old=old, new=value))
        if decision == "correct" and not field_changes:
            raise InvalidDecision(claim_id, "a correction must change at least one field")
        record = ReviewDecision(decision_id=uuid.uuid4().hex, claim_id=claim_id, decision=decision,
                                reason=reason, changes=field_changes, reviewer=reviewer, timestamp=now_iso())
        if field_changes:  # the corrected claim must still be a valid record
            trial = fold([*decisions, record]).get(claim_id)
            apply_review(claim, trial)
        self._append(record)
        return record

    def undo(self, reviewer: str) -> ReviewDecision | None:
        """Take back this reviewer's most recent decision that is still in force; None if there is none."""
        decisions = self.decisions()
        undone = {d.undoes for d in decisions if d.decision == "undo"}
        for decision in reversed(decisions):
            if decision.reviewer == reviewer and decision.decision != "undo" and decision.decision_id not in undone:
                record = ReviewDecision(decision_id=uuid.uuid4().hex, claim_id=decision.claim_id, decision="undo",
                                        undoes=decision.decision_id, reviewer=reviewer, timestamp=now_iso())
                self._append(record)
                return record
        return None

    def _append(self, record: ReviewDecision) -> None:
        line = (record.model_dump_json() + "\n").encode("utf-8")
        fd = os.open(self.reviews_path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            # A line left without its newline by a crash must not swallow this one.
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = b"\n" + line
            os.write(fd, line)
            os.fsync(fd)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def progress(reviews: dict[str, ClaimReview], total: int) -> dict:
    counts = {"accepted": 0, "rejected": 0, "corrected": 0}
    for review in reviews.values():
        counts[review.status] = counts.get(review.status, 0) + 1
    reviewed = sum(counts.values())
    return {"reviewed": reviewed, "total": total, "pending": total - reviewed, **counts}
