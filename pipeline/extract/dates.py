"""Resolve a citation's partial date against the article's publication date."""

from __future__ import annotations

from datetime import date

from pipeline.nlp.citation_grammar import PartialDate


def resolve_year(partial: PartialDate, *, published: date | None, year: int | None) -> int | None:
    """A written year wins; else the publication year, or the year before if that would put the
    cited date after publication (an article from January citing "December 20")."""
    if partial.year is not None:
        return partial.year
    if year is None:
        return None
    if published is not None and partial.month is not None:
        cited = (partial.month, partial.day or 1)
        if cited > (published.month, published.day):
            return year - 1
    return year


def iso_date(partial: PartialDate, *, published: date | None, year: int | None) -> str | None:
    """ISO 8601 cut to the date's precision: ``2018-03-14``, ``2018-03`` or ``2018``."""
    resolved = resolve_year(partial, published=published, year=year)
    if resolved is None:
        return None
    if partial.month is None:
        return f"{resolved:04d}"
    if partial.day is None:
        return f"{resolved:04d}-{partial.month:02d}"
    try:
        return date(resolved, partial.month, partial.day).isoformat()
    except ValueError:
        return None  # "February 30": keep the citation, say the date is unknown
