"""Article URLs from feeds (RSS 2.0, Atom) and listing pages (teasers with "MORE" links, "next" pages)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urldefrag

from pipeline.errors import MalformedFeed, NoArticleText

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/feed+json")
NEXT_TEXT = re.compile(r"^\s*(next|next page|older|older posts|›|»|next ›|next »)\s*$", re.I)
MORE_TEXT = re.compile(r"^\s*(more|read more|continue reading|more ›|more »)\s*$", re.I)


@dataclass(frozen=True)
class Link:
    url: str
    title: str | None = None
    published: str | None = None


def looks_like_feed(content: bytes, content_type: str) -> bool:
    head = content[:500].lstrip().lower()
    return content_type.startswith(FEED_TYPES) or head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head


def feed_links(content: bytes, *, url: str) -> list[Link]:
    import feedparser

    parsed = feedparser.parse(content)
    if parsed.bozo and not any(entry.get("link") for entry in parsed.entries):
        reason = getattr(parsed, "bozo_exception", None)
        raise MalformedFeed(url, f"feed could not be parsed: {reason}")
    links = []
    for entry in parsed.entries:
        link = entry.get("link")
        if link:
            links.append(Link(urljoin(url, link), entry.get("title"), entry.get("published") or entry.get("updated")))
    return links


def listing_links(content: bytes, *, url: str) -> tuple[list[Link], str | None]:
    """Article links (the "MORE" links of teasers, else links inside <article> or <h2>/<h3>) and the next page."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(content)
    except Exception as err:  # lxml raises several types for broken markup
        raise NoArticleText(url, f"listing page could not be parsed: {err}") from err
    anchors = tree.xpath("//a[@href]")
    more = [a for a in anchors if MORE_TEXT.match(a.text_content() or "")]
    if not more:
        more = tree.xpath("//article//a[@href] | //h2/a[@href] | //h3/a[@href]")
    links, seen = [], set()
    for anchor in more:
        target = urldefrag(urljoin(url, anchor.get("href")))[0]
        if target not in seen and target != url:
            seen.add(target)
            links.append(Link(target, title=teaser_title(anchor)))
    next_anchor = next((a for a in anchors if "next" in (a.get("rel") or "").lower().split()
                        or NEXT_TEXT.match(a.text_content() or "")), None)
    next_url = urljoin(url, next_anchor.get("href")) if next_anchor is not None else None
    return links, next_url


def teaser_title(anchor) -> str | None:
    for ancestor in anchor.iterancestors():
        heading = ancestor.xpath(".//h2|.//h3")
        if heading:
            return heading[0].text_content().strip() or None
        if ancestor.tag in ("article", "li", "div"):
            break
    return None
