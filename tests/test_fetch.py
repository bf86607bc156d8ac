"""The HTTP client against a real server on 127.0.0.1: retries, caps, content checks, robots, 304s."""

from __future__ import annotations

import pytest

from pipeline.errors import FetchFailed, RobotsDisallowed, UnsupportedContent
from pipeline.settings import Settings
from pipeline.web.fetch import Fetcher, retry_after_seconds
from web_fixtures import Route, article_page


@pytest.fixture
def fetcher():
    with Fetcher(Settings(max_response_bytes=1_000_000)) as client:
        yield client


def test_fetch_retries_5xx_then_succeeds(server, fetcher):
    server.routes["/flaky.html"] = Route(article_page(1), fail_first=2)
    fetched = fetcher.get(server.url("/flaky.html"))
    assert fetched.status == 200 and b"Test Article 1" in fetched.content
    assert server.calls["/flaky.html"] == 3


def test_fetch_honours_retry_after_on_429(server, fetcher):
    server.routes["/busy.html"] = Route(article_page(1), fail_first=1, fail_status=429, headers={"Retry-After": "0"})
    assert fetcher.get(server.url("/busy.html")).status == 200
    assert server.calls["/busy.html"] == 2


def test_fetch_does_not_retry_other_4xx(server, fetcher):
    with pytest.raises(FetchFailed, match="HTTP 404"):
        fetcher.get(server.url("/missing.html"))
    assert server.calls["/missing.html"] == 1


def test_fetch_gives_up_on_a_page_that_always_times_out(server, fetcher):
    server.routes["/slow.html"] = Route(article_page(1), delay=3)
    with pytest.raises(FetchFailed, match="timed out after 3 attempts"):
        fetcher.get(server.url("/slow.html"))


@pytest.mark.parametrize("declared", [True, False])
def test_fetch_caps_response_size(server, fetcher, declared):
    if declared:
        server.routes["/huge.html"] = Route(b"x" * 2_000_000)
    else:
        server.routes["/huge.html"] = Route(stream_bytes=50_000_000)  # 50 MB, no Content-Length
    with pytest.raises(FetchFailed, match="MB"):
        fetcher.get(server.url("/huge.html"))


def test_fetch_stops_redirect_loops(server, fetcher):
    server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchFailed, match="redirect"):
        fetcher.get(server.url("/loop"))


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10), "binary content"),
        (Route(b"%PDF-1.4", content_type="application/pdf"), "application/pdf"),
        (Route(b"GIF89a", content_type="image/gif"), "image/gif"),
    ],
)
def test_fetch_refuses_content_that_is_not_a_page(server, fetcher, route, message):
    server.routes["/file"] = route
    with pytest.raises(UnsupportedContent, match=message):
        fetcher.get(server.url("/file"))


def test_fetch_respects_robots_txt(server, fetcher):
    server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.routes["/private/a.html"] = Route(article_page(1))
    server.routes["/public/a.html"] = Route(article_page(2))
    with pytest.raises(RobotsDisallowed):
        fetcher.get(server.url("/private/a.html"))
    assert server.calls["/private/a.html"] == 0
    assert fetcher.get(server.url("/public/a.html")).status == 200


def test_fetch_refuses_other_schemes(fetcher):
    with pytest.raises(FetchFailed, match="only http and https"):
        fetcher.get("file:///etc/passwd")


def test_fetch_conditional_request_gets_304(server, fetcher):
    server.routes["/feed.xml"] = Route(b"<rss/>", content_type="application/rss+xml", etag='"v1"')
    first = fetcher.get(server.url("/feed.xml"))
    again = fetcher.get(server.url("/feed.xml"), etag=first.etag)
    assert first.etag == '"v1"' and again.not_modified and server.conditional_hits["/feed.xml"] == 1


def test_retry_after_parsing():
    assert retry_after_seconds("7", cap=60) == 7
    assert retry_after_seconds("600", cap=60) == 60
    assert retry_after_seconds(None, cap=60) is None
