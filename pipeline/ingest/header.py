"""EDM's header lines (``URL:``, ``Published:``, ``Publication: ... Volume: N Issue: N``, ``By:``)
and the caption / executive-summary lines that may precede the body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from pipeline.schema import Publication, Section

HEADER_LINE = re.compile(r"^(URL|Published|Date|Publication|By|Author|Authors)\s*:\s*(.*)$", re.IGNORECASE)
PUBLICATION_LINE = re.compile(
    r"^(?P<name>.*?)\s*(?:Volume:\s*(?P<volume>\d+))?\s*(?:Issue:\s*(?P<issue>\d+))?\s*$", re.IGNORECASE
)
CAPTION_LINE = re.compile(r"\(Source:\s*[^)]+\)\s*$")
SUMMARY_START = re.compile(r"^Executive Summary\s*:?\s*$", re.IGNORECASE)
BULLET = re.compile(r"^\s*[-•*–]\s+")
DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y/%m/%d")


@dataclass
class Header:
    url: str | None = None
    published: date | None = None
    publication: Publication = field(default_factory=Publication)
    authors: list[str] = field(default_factory=list)


def parse_date(value: str) -> date | None:
    value = value.strip()
    # ISO timestamps from HTML metadata: keep the date part.
    if re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        value = value[:10]
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def parse_publication(value: str) -> Publication:
    match = PUBLICATION_LINE.match(value.strip())
    if not match:
        return Publication(name=value.strip() or None)
    volume, issue = match.group("volume"), match.group("issue")
    return Publication(
        name=match.group("name") or None,
        volume=int(volume) if volume else None,
        issue=int(issue) if issue else None,
    )


def split_authors(value: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", value.strip())
    return [part for part in parts if part]


def read_header_line(line: str, header: Header) -> bool:
    """Fold one header line into ``header``; False when the line is not a header line."""
    match = HEADER_LINE.match(line.strip())
    if not match:
        return False
    key, value = match.group(1).lower(), match.group(2).strip()
    if key == "url":
        header.url = value or None
    elif key in ("published", "date"):
        header.published = parse_date(value)
    elif key == "publication":
        header.publication = parse_publication(value)
    else:
        header.authors = split_authors(value)
    return True


def split_header(lines: list[str]) -> tuple[Header, list[str]]:
    """Consume the header lines at the top of ``lines``; return the header and the rest."""
    header = Header()
    position = 0
    while position < len(lines) and read_header_line(lines[position], header):
        position += 1
    return header, lines[position:]


def layout_text(lines: list[str]) -> tuple[str, list[Section]]:
    """Join non-empty lines with newlines and mark which are captions, summary and body."""
    text_parts: list[str] = []
    sections: list[Section] = []
    offset = 0
    in_summary = False
    for raw_line in lines:
        line = raw_line.strip()
        if not line:
            continue
        if SUMMARY_START.match(line):
            in_summary, kind = True, "summary"
        elif in_summary and BULLET.match(line):
            kind = "summary"
        elif CAPTION_LINE.search(line) and not sections_have_body(sections):
            in_summary, kind = False, "caption"
        else:
            in_summary, kind = False, "body"
        if text_parts:
            offset += 1  # the joining newline
        text_parts.append(line)
        sections.append(Section(kind=kind, start=offset, end=offset + len(line)))
        offset += len(line)
    return "\n".join(text_parts), sections


def sections_have_body(sections: list[Section]) -> bool:
    return any(section.kind == "body" for section in sections)
