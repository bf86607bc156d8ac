"""One run at a time per output folder: a second run refuses at once with a clear message."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from pipeline.errors import OutputLocked

LOCK_FILE = ".claims-run.lock"


class RunLock:
    def __init__(self, root: Path):
        self.path = root / LOCK_FILE
        self._fd: int | None = None

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            os.close(self._fd)
            self._fd = None
            raise OutputLocked(str(self.path.parent), "another claims run is writing to this output folder; "
                                                      "wait for it to finish or use --out") from err
        os.ftruncate(self._fd, 0)
        os.write(self._fd, str(os.getpid()).encode())
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
