"""What `claims status` shows: per source, from the state store and the sources file's schedules."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from pipeline.web.sources import load_sources
from pipeline.web.state import STATE_FILE, StateStore


def next_run(cron: str | None, *, after: datetime | None = None) -> str | None:
    if not cron:
        return None
    from cronsim import CronSim

    after = after or datetime.now(timezone.utc)
    return next(CronSim(cron, after)).isoformat(timespec="minutes")


def source_rows(root: Path, sources_file: Path | None = None) -> list[dict]:
    path = root / STATE_FILE
    if not path.exists():
        return []
    schedules = {source.name: source.schedule for source in load_sources(sources_file)} if sources_file else {}
    rows = StateStore(path).source_status()
    return [{**row, "next_run": next_run(schedules.get(row["source"]))} for row in rows]
