"""The article as read from an input, before any tagging."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from pipeline.schema import Publication, Section

# EDM started in 2004: Volume N is the year N + 2003.
EDM_FIRST_YEAR_OFFSET = 2003


@dataclass
class SourceArticle:
    input: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    publication: Publication = field(default_factory=Publication)
    authors: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    # A page fetched again with different text is a new version of the same article.
    version: int = 1
    previous_text_sha256: str | None = None

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def article_id(self) -> str:
        """Stable: the URL when there is one (so a revised page keeps its id), else the text."""
        key = self.url or self.text_sha256
        return "edm-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def publication_year(self, fallback: int | None = None) -> tuple[int | None, str]:
        """The year citation dates resolve against, and where it came from."""
        if self.published:
            return self.published.year, "published"
        if self.publication.volume:
            return self.publication.volume + EDM_FIRST_YEAR_OFFSET, "volume"
        if fallback:
            return fallback, "option"
        return None, "unknown"
