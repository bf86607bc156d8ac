"""Run folders: ``outputs/<run-id>/`` with its files, and ``outputs/latest`` moved when a run completes."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

LATEST = "latest"
REVIEWS_FILE = "reviews.jsonl"


def new_run_id(now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


@dataclass(frozen=True)
class RunFolder:
    root: Path
    run_id: str

    @property
    def path(self) -> Path:
        return self.root / self.run_id

    @property
    def articles(self) -> Path:
        return self.path / "articles.jsonl"

    @property
    def claims(self) -> Path:
        return self.path / "claims.jsonl"

    @property
    def errors(self) -> Path:
        return self.path / "errors.jsonl"

    @property
    def summary(self) -> Path:
        return self.path / "run.json"

    @property
    def reviews(self) -> Path:
        """Analysts' decisions, appended by the review app; the run's own files are never rewritten."""
        return self.path / REVIEWS_FILE

    def create(self) -> RunFolder:
        self.path.mkdir(parents=True, exist_ok=False)
        return self

    def mark_latest(self) -> None:
        """Point ``latest`` at this run with an atomic rename, so readers never see it missing."""
        link = self.root / LATEST
        tmp_link = self.root / f".{LATEST}.{self.run_id}.tmp"
        tmp_link.unlink(missing_ok=True)
        tmp_link.symlink_to(self.run_id, target_is_directory=True)
        os.replace(tmp_link, link)


def clean_incomplete_runs(root: Path) -> list[Path]:
    """Remove the temporary files a killed run left behind (its folder has no run.json); return them."""
    removed = []
    for folder in root.iterdir() if root.exists() else []:
        if folder.is_dir() and not folder.is_symlink() and not (folder / "run.json").exists():
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)
                removed.append(tmp)
    return removed
