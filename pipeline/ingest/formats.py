"""Parse one input's decoded content into articles: plain text, HTML, JSON and JSONL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import MalformedInput, NoArticleText
from pipeline.ingest.article import SourceArticle
from pipeline.ingest.header import Header, layout_text, parse_date, read_header_line, split_authors, split_header

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES


def article_from_lines(lines: list[str], *, input_name: str, title: str | None = None) -> SourceArticle:
    """Text laid out as on an EDM page: title line (unless given), header lines, captions, summary, body."""
    lines = [line for line in lines if line.strip()]
    if title is None and lines:
        title, lines = lines[0].strip(), lines[1:]
    header, rest = split_header(lines)
    text, sections = layout_text(rest)
    if not text.strip():
        raise NoArticleText(input_name, "no article text after the title and header lines")
    return SourceArticle(
        input=input_name,
        text=text,
        title=title or None,
        url=header.url,
        published=header.published,
        publication=header.publication,
        authors=header.authors,
        sections=sections,
    )


def corpus_article_text(path: Path) -> str:
    """The article text `claims run` makes of a plain-text corpus file, the one gold offsets and sentences refer to."""
    return article_from_lines(path.read_text(encoding="utf-8").splitlines(), input_name=path.stem).text


def parse_text(content: str, *, input_name: str) -> Iterator[SourceArticle]:
    yield article_from_lines(content.splitlines(), input_name=input_name)


def parse_html(content: str, *, input_name: str) -> Iterator[SourceArticle]:
    import trafilatura  # heavy import, only needed for HTML

    try:
        document = trafilatura.bare_extraction(
            content, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
        )
    except Exception as err:  # trafilatura raises a variety of lxml errors on broken markup
        raise MalformedInput(input_name, f"HTML could not be parsed: {err}") from err
    if document is None or not (document.text or "").strip():
        raise NoArticleText(input_name, "no article text found in the HTML page")
    lines = [line for line in document.text.splitlines() if line.strip()]
    title = document.title
    # trafilatura often repeats the headline as the first line of the text.
    if title and lines and lines[0].strip() == title.strip():
        lines = lines[1:]
    article = article_from_lines(lines, input_name=input_name, title=title or None)
    # The page's own metadata wins over what the text lines gave only where the text gave nothing.
    article.url = article.url or document.url
    article.published = article.published or (parse_date(document.date) if document.date else None)
    article.authors = article.authors or (split_authors(document.author) if document.author else [])
    return iter([article])


def article_from_record(record: object, *, input_name: str) -> SourceArticle:
    if not isinstance(record, dict):
        raise MalformedInput(input_name, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise MalformedInput(input_name, "record has no non-empty 'text' field")
    header = Header()
    body_lines = text.splitlines()
    # Records scraped from EDM pages often keep the header lines at the top of the text.
    while body_lines and read_header_line(body_lines[0], header):
        body_lines = body_lines[1:]
    article = article_from_lines(body_lines, input_name=input_name, title=record.get("title") or "")
    authors = record.get("authors") or record.get("author") or []
    article.url = record.get("url") or header.url
    article.published = parse_date(str(record["published"])) if record.get("published") else header.published
    article.publication = header.publication
    article.authors = split_authors(authors) if isinstance(authors, str) else [str(a) for a in authors]
    article.authors = article.authors or header.authors
    return article


def parse_json(content: str, *, input_name: str) -> Iterator[SourceArticle]:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as err:
        raise MalformedInput(input_name, f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}") from err
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        name = input_name if len(records) == 1 else f"{input_name}#{index}"
        yield article_from_record(record, input_name=name)


def parse_jsonl(content: str, *, input_name: str) -> Iterator[SourceArticle | MalformedInput]:
    """One article per line; a bad line is yielded as an error so the other lines still count."""
    for line_number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        name = f"{input_name}:{line_number}"
        try:
            yield article_from_record(json.loads(line), input_name=name)
        except json.JSONDecodeError as err:
            yield MalformedInput(name, f"invalid JSON at column {err.colno}: {err.msg}")
        except (MalformedInput, NoArticleText) as err:
            yield err


def parser_for(suffix: str):
    suffix = suffix.lower()
    if suffix in HTML_SUFFIXES:
        return parse_html
    if suffix in JSON_SUFFIXES:
        return parse_json
    if suffix in JSONL_SUFFIXES:
        return parse_jsonl
    return parse_text
