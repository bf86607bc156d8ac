"""Base for our components that carry no weights or data: serialization has nothing to save."""

from __future__ import annotations


class StatelessComponent:
    name: str

    def to_disk(self, path, *, exclude=tuple()):
        return None

    def from_disk(self, path, *, exclude=tuple()):
        return self
