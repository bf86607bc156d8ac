"""EDM's parenthetical citations, parsed from plain text (no spaCy needed here).

A parenthetical such as ``(Vedomosti, September 18, 2016; Azernews.az, May 30, 2017)`` is split into
groups at ``;`` and segments at ``,``. Each segment is a date piece (``March 3``, ``4``, ``2017``,
``March 2018``, ``accessed July 17``) or an outlet name. Outlets collect the dates that follow them;
outlets with no date of their own share the next date, across ``;`` too. Anything that does not read
as outlets-with-dates (acronyms, aliases, amounts, bare years, date glosses, asides) is not a citation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
ACCESSED = r"(?:(?P<accessed>accessed)(?:\s+on)?\s+)?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[89]|20)\d{2})"

DATE_PATTERNS = [
    re.compile(rf"^{ACCESSED}{MONTH}\s+{DAY}(?:\s*[-–]\s*(?P<day2>\d{{1,2}}))?(?:,?\s+{YEAR})?$", re.I),
    re.compile(rf"^{ACCESSED}{DAY}\s+{MONTH}(?:\s+{YEAR})?$", re.I),
    re.compile(rf"^{ACCESSED}{MONTH}(?:\s+{YEAR})?$", re.I),
]
BARE_DAY = re.compile(r"^\d{1,2}$")
BARE_YEAR = re.compile(rf"^{YEAR}$")
# "Kommersant June 3": an outlet and its date with the comma missing.
OUTLET_THEN_DATE = re.compile(rf"^(?P<outlet>.+?)\s+(?P<date>{ACCESSED}{MONTH}(?:\s+\d.*)?)$", re.I)
LINK_MARKER = re.compile(r"\s*\[\d+\]")
DATE_RANGE = re.compile(rf"^{MONTH}\s+\d{{1,2}}\s*[–-]", re.I)
SEE = re.compile(r"^see(?:\s+also)?\s+", re.I)
CREDIT = re.compile(r"^\s*(?:Photo\s+)?Source\s*:\s*(?P<source>.+?)\s*$", re.I)
EDM_NAMES = {"edm", "eurasia daily monitor"}
BRACKET_CROSSREF = re.compile(r"\bsee(?:\s+also)?\s+EDM\b[^\]\[]*", re.I)
# Lower-case words that may sit inside an outlet's name ("Voice of America", "La Stampa").
NAME_CONNECTORS = {
    "of", "the", "de", "del", "di", "da", "la", "le", "les", "el", "na", "i", "v", "and", "&",
    "für", "fur", "der", "die", "das", "y", "e", "za", "po", "u", "al", "og", "och", "on", "in",
}
DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-z]{2,}(/\S*)?$", re.I)
MAX_OUTLET_WORDS = 6
MAX_LOWERCASE_WORDS = 2


@dataclass(frozen=True)
class PartialDate:
    """A date as written: any part may be missing (the year is resolved later from the article)."""

    year: int | None
    month: int | None
    day: int | None
    accessed: bool = False

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def with_year(self, year: int) -> PartialDate:
        return PartialDate(year, self.month, self.day, self.accessed)


@dataclass
class ParsedSource:
    """One source in a parenthetical: where its name and dates sit in the text, and its dates."""

    source: str
    start: int
    end: int
    dates: list[PartialDate] = field(default_factory=list)
    crossref: bool = False


@dataclass
class Segment:
    text: str
    start: int
    end: int


def segments(text: str, start: int, separator: str) -> Iterator[Segment]:
    """Split ``text`` (found at ``start``) at ``separator``; strip each piece, keeping offsets exact."""
    for match in re.finditer(rf"[^{separator}]+", text):
        piece = match.group()
        stripped = piece.strip()
        if stripped:
            offset = start + match.start() + (len(piece) - len(piece.lstrip()))
            yield Segment(stripped, offset, offset + len(stripped))


def parse_date_piece(text: str) -> list[PartialDate] | None:
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = match.groupdict()
            month = MONTHS[parts["month"].lower().rstrip(".")]
            year = int(parts["year"]) if parts.get("year") else None
            accessed = bool(parts.get("accessed"))
            days = [parts.get("day"), parts.get("day2")]
            days = [int(day) for day in days if day] or [None]
            if any(day is not None and not 1 <= day <= 31 for day in days):
                return None
            return [PartialDate(year, month, day, accessed) for day in days]
    return None


def capitalised(word: str) -> bool:
    """"Vedomosti", "24.kg", and camel-cased brands such as "iRozhlas" or "eKathimerini"."""
    return word[0].isupper() or word[0].isdigit() or (len(word) > 1 and word[0].islower() and word[1].isupper())


def looks_like_outlet(name: str) -> bool:
    words = name.split()
    if not words or len(words) > MAX_OUTLET_WORDS or BARE_YEAR.match(name) or BARE_DAY.match(name):
        return False
    if DATE_RANGE.match(name):  # "(September 27–November 10, 2020)": the dates of an event, not a source
        return False
    if not (capitalised(name) or DOMAIN.match(name)):
        return False
    # "Lidové noviny", "Komsomolskaya pravda": a title-cased outlet may have a lower-case word or two.
    lower_words = [
        word for word in words[1:]
        if not (capitalised(word) or word.lower() in NAME_CONNECTORS or DOMAIN.match(word))
    ]
    return len(lower_words) <= MAX_LOWERCASE_WORDS and not re.search(r"[$€£%]", name)


def clean_outlet(name: str) -> str:
    return " ".join(LINK_MARKER.sub("", name).split())


class GroupParser:
    """Reads segments left to right, handing dates to the outlets waiting for them."""

    def __init__(self, *, crossref: bool):
        self.crossref = crossref
        self.pending: list[ParsedSource] = []  # outlets still waiting for a date
        self.current: list[ParsedSource] = []  # outlets that have dates and may take more
        self.since_year: list[PartialDate] = []
        self.done: list[ParsedSource] = []

    def add_outlet(self, segment: Segment) -> bool:
        name = clean_outlet(segment.text)
        if not looks_like_outlet(name):
            return False
        self.finish_current()
        self.pending.append(ParsedSource(name, segment.start, segment.end, crossref=self.crossref))
        return True

    def add_dates(self, dates: list[PartialDate], segment: Segment) -> bool:
        if self.pending:
            self.current, self.pending, self.since_year = self.pending, [], []
        if not self.current:
            return False  # a date with no outlet: a gloss such as "last week (May 28)"
        for source in self.current:
            source.dates.extend(dates)
            source.end = segment.end
        self.since_year.extend(dates)
        return True

    def add_day(self, segment: Segment) -> bool:
        last = self.current[-1].dates[-1] if self.current and self.current[-1].dates else None
        if self.pending or last is None or last.month is None:
            return False
        return self.add_dates([PartialDate(None, last.month, int(segment.text), last.accessed)], segment)

    def add_year(self, segment: Segment) -> bool:
        year = int(segment.text)
        if self.pending:  # "(Outlet, 2017)": a year-precision date
            return self.add_dates([PartialDate(year, None, None)], segment)
        if not self.current or not self.since_year:
            return False
        for source in self.current:
            source.dates = [d.with_year(year) if d in self.since_year and d.year is None else d for d in source.dates]
            source.end = segment.end
        self.since_year = []
        return True

    def add(self, segment: Segment) -> bool:
        text = segment.text
        if BARE_YEAR.match(text):
            return self.add_year(segment)
        if BARE_DAY.match(text):
            return self.add_day(segment)
        dates = parse_date_piece(text)
        if dates:
            return self.add_dates(dates, segment)
        split = OUTLET_THEN_DATE.match(text)
        if split and (dates := parse_date_piece(split.group("date"))):
            outlet = Segment(split.group("outlet"), segment.start, segment.start + len(split.group("outlet")))
            date_start = segment.start + split.start("date")
            return self.add_outlet(outlet) and self.add_dates(dates, Segment(split.group("date"), date_start, segment.end))
        return self.add_outlet(segment)

    def finish_current(self) -> None:
        self.done.extend(self.current)
        self.current, self.since_year = [], []


def parse_group(segment: Segment, pending: list[ParsedSource]) -> tuple[list[ParsedSource], list[ParsedSource]] | None:
    """Parse one ``;``-separated group; return (finished sources, outlets still waiting), or None."""
    text, start = segment.text, segment.start
    see = SEE.match(text)
    if see:
        text, start = text[see.end():], start + see.end()
    first = next(segments(text, start, ","), None)
    is_crossref = first is not None and clean_outlet(OUTLET_THEN_DATE.sub(r"\g<outlet>", first.text)).lower() in EDM_NAMES
    if see and not is_crossref and first is not None and not looks_like_outlet(clean_outlet(first.text)):
        return None  # "(see below)", "(see Table 2)"
    parser = GroupParser(crossref=is_crossref)
    if not is_crossref:
        parser.pending = list(pending)
    for piece in segments(text, start, ","):
        if not parser.add(piece):
            return None
    parser.finish_current()
    return parser.done, ([] if is_crossref else parser.pending)


def continue_dates(segment: Segment, source: ParsedSource) -> bool:
    """"(see EDM, May 28, 2015; June 6, 2017)": a group of dates alone continues the source before the ``;``.
    All or nothing: the source keeps its dates unless every piece of the group is a date."""
    parser = GroupParser(crossref=source.crossref)
    parser.current = [ParsedSource(source.source, source.start, source.end, crossref=source.crossref)]
    parser.current[0].dates = list(source.dates)
    if not all(parser.add(piece) for piece in segments(segment.text, segment.start, ",")) or parser.pending:
        return False
    source.dates, source.end = parser.current[0].dates, parser.current[0].end
    return True


def parse_parenthetical(content: str, start: int) -> list[ParsedSource]:
    """All sources in one parenthetical's ``content`` (found at offset ``start``); [] if not a citation."""
    found: list[ParsedSource] = []
    pending: list[ParsedSource] = []
    for group in segments(content, start, ";"):
        parsed = parse_group(group, pending)
        if parsed is None and found and not pending:
            continue_dates(group, found[-1])
        if parsed is None:
            continue
        done, pending = parsed
        found.extend(done)
    if found:  # trailing outlets with no date at all still name a source
        found.extend(pending)
    return [source for source in found if source.dates or found]


@dataclass
class Parenthetical:
    content: str
    start: int  # offset of the content (just inside the bracket)
    end: int
    bracket: str  # "(" or "["


def find_parentheticals(text: str) -> Iterator[Parenthetical]:
    """Every (...) and [...] in ``text``, innermost ones included, in order of their closing bracket."""
    stack: list[tuple[str, int]] = []
    closing = {")": "(", "]": "["}
    for index, char in enumerate(text):
        if char in "([":
            stack.append((char, index))
        elif char in closing:
            # Drop unmatched openers of the other kind, e.g. an aside's stray "(".
            while stack and stack[-1][0] != closing[char]:
                stack.pop()
            if stack:
                bracket, open_at = stack.pop()
                yield Parenthetical(text[open_at + 1:index], open_at + 1, index, bracket)


def citation_parentheticals(text: str) -> list[Parenthetical]:
    """The round-bracketed parentheticals of ``text`` that cite a source: "(Vedomosti, May 30, 2017)"."""
    return [p for p in find_parentheticals(text) if p.bracket == "(" and parse_parenthetical(p.content, p.start)]


@dataclass
class CreditMatch:
    source: str
    raw: str
    start: int
    end: int


@dataclass
class ParentheticalReading:
    sources: list[ParsedSource] = field(default_factory=list)
    credits: list[CreditMatch] = field(default_factory=list)


def read_parentheticals(text: str) -> ParentheticalReading:
    """Citations, crossrefs (as sources with ``crossref=True``) and photo credits in ``text``."""
    reading = ParentheticalReading()
    for paren in find_parentheticals(text):
        if paren.bracket == "[":
            # Editorial inserts in quotes may end in a crossref: "[...—see EDM, June 9, 2008]".
            for match in BRACKET_CROSSREF.finditer(paren.content):
                reading.sources.extend(parse_parenthetical(match.group().rstrip(), paren.start + match.start()))
            continue
        credit = CREDIT.match(paren.content)
        if credit:
            raw = paren.content.strip()
            offset = paren.start + paren.content.index(raw)
            reading.credits.append(CreditMatch(credit.group("source"), raw, offset, offset + len(raw)))
            continue
        reading.sources.extend(parse_parenthetical(paren.content, paren.start))
    reading.sources.sort(key=lambda source: source.start)
    return reading
