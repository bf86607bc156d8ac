"""Turn web sources into articles to process: only new or changed pages, failed ones retried."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.errors import ClaimsError, NoArticleText
from pipeline.ingest.article import SourceArticle
from pipeline.ingest.formats import parse_html
from pipeline.web.discover import Link, feed_links, listing_links, looks_like_feed
from pipeline.web.fetch import Fetched, Fetcher
from pipeline.web.sources import Source
from pipeline.web.state import PendingRun, StateStore, now

log = logging.getLogger(__name__)


@dataclass
class WebArticle:
    article: SourceArticle
    source: str
    fetched: Fetched


def conditional(state: StateStore, url: str) -> dict:
    known = state.page(url)
    if known is None or known.outcome not in ("processed", "unchanged", "indexed"):
        return {}
    return {"etag": known.etag, "last_modified": known.last_modified}


def index_links(source: Source, *, fetcher: Fetcher, state: StateStore, pending: PendingRun,
                max_pages: int) -> Iterator[Link | ClaimsError]:
    """The article links of a feed or listing (following "next" pages); nothing when unchanged (304)."""
    url, pages = source.url, 0
    while url and pages < max_pages:
        pages += 1
        try:
            fetched = fetcher.get(url, **conditional(state, url))
        except ClaimsError as err:
            pending.page(url, source=source.name, kind="index", outcome="failed", message=err.message, fetched_at=now())
            yield err
            return
        pending.page(url, source=source.name, kind="index", fetched_at=now(), outcome="indexed",
                     etag=fetched.etag, last_modified=fetched.last_modified)
        if fetched.not_modified:
            log.info("%s: not modified since the last run", url)
            return
        kind = source.kind
        if kind == "auto":
            kind = "feed" if looks_like_feed(fetched.content, fetched.content_type) else "page"
        if kind == "page":
            yield Link(url)
            return
        try:
            if kind == "feed":
                yield from feed_links(fetched.content, url=fetched.final_url)
                return
            links, url = listing_links(fetched.content, url=fetched.final_url)
        except ClaimsError as err:
            pending.page(source.url, outcome="failed", message=err.message)
            yield err
            return
        yield from links


def article_urls(source: Source, **context) -> Iterator[str | ClaimsError]:
    seen: set[str] = set()
    state: StateStore = context["state"]
    if source.kind == "page":
        links: list = [Link(source.url)]
    else:
        links = list(index_links(source, **context))
    for link in links:
        if isinstance(link, ClaimsError):
            yield link
        elif link.url not in seen:
            seen.add(link.url)
            yield link.url
    for url in state.failed_urls(source.name):  # a page that failed last time is tried again
        if url not in seen:
            seen.add(url)
            yield url


def fetch_article(url: str, source: Source, *, fetcher: Fetcher, state: StateStore,
                  pending: PendingRun) -> WebArticle | ClaimsError | None:
    """The page as an article if it is new or changed; None if unchanged since it was processed."""
    known = state.page(url)
    pending.count(source.name, "seen")
    fail = dict(source=source.name, kind="article", outcome="failed", fetched_at=now())
    try:
        fetched = fetcher.get(url, **conditional(state, url))
        if fetched.not_modified:
            pending.page(url, source=source.name, kind="article", fetched_at=now(), outcome="unchanged")
            return None
        [article] = list(parse_html(fetched.content.decode("utf-8", errors="replace"), input_name=url))
    except ClaimsError as err:
        pending.page(url, **fail, message=err.message)
        pending.count(source.name, "failed")
        return err
    except ValueError as err:
        err = NoArticleText(url, f"page could not be read as an article: {err}")
        pending.page(url, **fail, message=err.message)
        pending.count(source.name, "failed")
        return err
    article.url = article.url or fetched.final_url
    processed_before = known is not None and known.outcome in ("processed", "unchanged")
    validators = dict(etag=fetched.etag, last_modified=fetched.last_modified)
    if processed_before and known.text_sha256 == article.text_sha256:
        pending.page(url, source=source.name, kind="article", fetched_at=now(), outcome="unchanged", **validators)
        return None
    article.version = (known.version if known else 0) + 1
    article.previous_text_sha256 = known.text_sha256 if processed_before else None
    pending.page(url, source=source.name, kind="article", fetched_at=now(), **validators)
    return WebArticle(article, source.name, fetched)


def collect(sources: list[Source], *, fetcher: Fetcher, state: StateStore, pending: PendingRun,
            max_pages: int) -> Iterator[WebArticle | ClaimsError]:
    for source in sources:
        for url in article_urls(source, fetcher=fetcher, state=state, pending=pending, max_pages=source.max_pages or max_pages):
            if isinstance(url, ClaimsError):
                yield url
                continue
            result = fetch_article(url, source, fetcher=fetcher, state=state, pending=pending)
            if result is not None:
                yield result
