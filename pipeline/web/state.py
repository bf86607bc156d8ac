"""The incremental state: one SQLite file in the output folder, safe under concurrent runs.

It records every URL seen (its validators for conditional requests, content hash, when it was fetched and
processed, and the outcome) and a version history per article. A run's changes are committed in one
transaction after its output files are in place, so a run killed midway leaves the state as it was and the
next run processes the same articles again: nothing lost, nothing written twice.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    source TEXT,
    kind TEXT,
    etag TEXT,
    last_modified TEXT,
    text_sha256 TEXT,
    article_id TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    fetched_at TEXT,
    processed_at TEXT,
    outcome TEXT,
    message TEXT,
    run_id TEXT
);
CREATE TABLE IF NOT EXISTS versions (
    article_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    url TEXT,
    text_sha256 TEXT NOT NULL,
    previous_sha256 TEXT,
    run_id TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (article_id, version)
);
CREATE TABLE IF NOT EXISTS source_runs (
    run_id TEXT NOT NULL,
    source TEXT NOT NULL,
    finished TEXT NOT NULL,
    seen INTEGER NOT NULL,
    new INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    PRIMARY KEY (run_id, source)
);
"""
STATE_FILE = "state.sqlite"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class PageState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    text_sha256: str | None = None
    article_id: str | None = None
    version: int = 0
    outcome: str | None = None


@dataclass
class PendingRun:
    """What a run will commit when it completes."""

    pages: dict[str, dict] = field(default_factory=dict)
    versions: list[dict] = field(default_factory=list)
    sources: dict[str, dict] = field(default_factory=dict)

    def page(self, url: str, **values) -> None:
        self.pages.setdefault(url, {"url": url}).update(values)

    def count(self, source: str, key: str) -> None:
        counts = self.sources.setdefault(source, {"seen": 0, "new": 0, "failed": 0})
        counts[key] += 1


class StateStore:
    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self.connect()) as db, db:
            db.executescript(SCHEMA)

    def connect(self) -> sqlite3.Connection:
        # WAL lets readers (claims status) run beside a writer; the timeout makes a second writer wait.
        db = sqlite3.connect(self.path, timeout=60)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA busy_timeout=60000")
        db.row_factory = sqlite3.Row
        return db

    def page(self, url: str) -> PageState | None:
        with closing(self.connect()) as db:
            row = db.execute("SELECT * FROM pages WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        return PageState(row["url"], row["etag"], row["last_modified"], row["text_sha256"], row["article_id"],
                         row["version"], row["outcome"])

    def failed_urls(self, source: str) -> list[str]:
        with closing(self.connect()) as db:
            rows = db.execute("SELECT url FROM pages WHERE source = ? AND outcome = 'failed' AND kind = 'article'",
                              (source,)).fetchall()
        return [row["url"] for row in rows]

    def commit(self, pending: PendingRun, *, run_id: str) -> None:
        finished = now()
        with closing(self.connect()) as db, db:
            for values in pending.pages.values():
                columns = ["url", "source", "kind", "etag", "last_modified", "text_sha256", "article_id", "version",
                           "fetched_at", "processed_at", "outcome", "message", "run_id"]
                row = {column: values.get(column) for column in columns}
                row["run_id"] = run_id
                updates = ", ".join(f"{c} = COALESCE(excluded.{c}, pages.{c})" for c in columns[1:])
                db.execute(
                    f"INSERT INTO pages ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
                    f"ON CONFLICT(url) DO UPDATE SET {updates}",
                    [row[column] if column != "version" else (row[column] or 0) for column in columns],
                )
            for version in pending.versions:
                db.execute("INSERT OR IGNORE INTO versions VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (version["article_id"], version["version"], version["url"], version["text_sha256"],
                            version.get("previous_sha256"), run_id, finished))
            for source, counts in pending.sources.items():
                db.execute("INSERT OR REPLACE INTO source_runs VALUES (?, ?, ?, ?, ?, ?)",
                           (run_id, source, finished, counts["seen"], counts["new"], counts["failed"]))

    def source_status(self) -> list[dict]:
        with closing(self.connect()) as db:
            rows = db.execute("""
                SELECT source, MAX(finished) AS last_run, SUM(new) AS new_total,
                       (SELECT COUNT(*) FROM pages p WHERE p.source = r.source AND p.kind = 'article') AS seen,
                       (SELECT COUNT(*) FROM pages p WHERE p.source = r.source AND p.outcome = 'failed') AS failed
                FROM source_runs r GROUP BY source ORDER BY source
            """).fetchall()
            last = {row["source"]: dict(row) for row in db.execute("""
                SELECT source, new, failed FROM source_runs r
                WHERE finished = (SELECT MAX(finished) FROM source_runs s WHERE s.source = r.source)
            """).fetchall()}
        return [{**dict(row), "last_new": last.get(row["source"], {}).get("new", 0)} for row in rows]
