"""Validated, atomic JSONL: lines go to a temporary file that is renamed only when complete."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

from pipeline.schema import Record


class AtomicJsonlWriter:
    """Write records to ``path``; readers see either the previous file or the whole new one."""

    def __init__(self, path: Path):
        self.path = path
        self.tmp_path = path.with_name(f".{path.name}.tmp")
        self.count = 0
        self._file = None

    def __enter__(self) -> AtomicJsonlWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = self.tmp_path.open("w", encoding="utf-8")
        return self

    def write(self, record: Record) -> None:
        line = record.model_dump_json()
        type(record).model_validate_json(line)  # what we write must read back as the same schema
        self._file.write(line + "\n")
        self.count += 1

    def __exit__(self, exc_type, exc, tb) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        if exc_type is None:
            os.replace(self.tmp_path, self.path)
        else:
            self.tmp_path.unlink(missing_ok=True)


def write_json_atomic(path: Path, data: dict) -> None:
    tmp_path = path.with_name(f".{path.name}.tmp")
    tmp_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp_path, path)


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)
