"""A real HTTP server on 127.0.0.1 serving our own feeds and pages, with the failures the web has."""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}"><meta name="author" content="Test Author">
<meta property="article:published_time" content="2019-04-16"></head><body><nav>Home | Programs</nav>
<article><h1>{title}</h1><p>Publication: Eurasia Daily Monitor Volume: 16 Issue: {issue}</p>
<p>{body}</p><p>Deputy Defense Minister Levan Gelashvili stated that the radars would arrive before the end of next
year (Interpressnews, April 11). Such promises are unlikely to be kept, according to observers (Civil.ge, April 12).</p>
</article><footer>footer text</footer></body></html>"""

BODIES = [
    "Georgia signed a contract with France for Ground Master 200 radars worth €28 million (Agenda.ge, April 10).",
    "Azerbaijan bought Harop loitering munitions from Israel for its air force (APA, April 3).",
    "Belarus delivered Polonez rocket launchers to Azerbaijan in March (Belta.by, April 2).",
    "Kazakhstan ordered four patrol boats from Turkey for its Caspian flotilla (Kazinform, April 1).",
    "Russia supplied Su-30SM fighters to Armenia under a state loan (Armenpress, March 30).",
    "Uzbekistan acquired Chinese Wing Loong drones for border surveillance (Kun.uz, March 29).",
    "Turkey sold Bayraktar TB2 drones to Ukraine for its navy (Ukrinform, March 28).",
    "Iran offered Mohajer-6 drones to Armenia during talks in Yerevan (Tasnim, March 27).",
]


def article_page(number: int, *, body: str | None = None) -> bytes:
    return ARTICLE_HTML.format(title=f"Test Article {number}: Arms and the Region", issue=50 + number,
                               body=body or BODIES[number % len(BODIES)]).encode()


def rss(links: list[str], *, title: str = "EDM test feed") -> bytes:
    items = "".join(f"<item><title>Item {i}</title><link>{link}</link>"
                    f"<pubDate>Tue, 16 Apr 2019 0{i}:00:00 GMT</pubDate></item>" for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.invalid/</link><description>test</description>{items}</channel></rss>").encode()


class Route:
    """A response the server gives for one path; ``calls`` counts requests."""

    def __init__(self, body: bytes = b"", *, status: int = 200, content_type: str = "text/html; charset=utf-8",
                 headers: dict | None = None, etag: str | None = None, delay: float = 0.0,
                 fail_first: int = 0, fail_status: int = 500, stream_bytes: int = 0):
        self.body, self.status, self.content_type = body, status, content_type
        self.headers, self.etag, self.delay = headers or {}, etag, delay
        self.fail_first, self.fail_status, self.stream_bytes = fail_first, fail_status, stream_bytes


class FixtureServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.calls: Counter = Counter()
        self.conditional_hits: Counter = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                server.handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> FixtureServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path
        self.calls[path] += 1
        route = self.routes.get(path)
        if route is None:
            return self.send(request, 404, b"not found", "text/plain")
        if route.delay:
            time.sleep(route.delay)
        if route.fail_first and self.calls[path] <= route.fail_first:
            return self.send(request, route.fail_status, b"try again", "text/plain", route.headers)
        if route.etag and request.headers.get("If-None-Match") == route.etag:
            self.conditional_hits[path] += 1
            return self.send(request, 304, b"", route.content_type, {"ETag": route.etag})
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.stream_bytes:
            return self.stream(request, route)
        self.send(request, route.status, route.body, route.content_type, headers)

    @staticmethod
    def send(request, status: int, body: bytes, content_type: str, headers: dict | None = None) -> None:
        try:
            request.send_response(status)
            request.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                request.send_header(name, value)
            if status != 304:
                request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            if status != 304:
                request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    @staticmethod
    def stream(request, route: Route) -> None:
        """A large body without Content-Length, so only a streaming cap can stop it."""
        try:
            request.send_response(200)
            request.send_header("Content-Type", route.content_type)
            request.send_header("Connection", "close")
            request.end_headers()
            chunk = b"<p>" + b"x" * 65_530 + b"</p>"
            for _ in range(route.stream_bytes // len(chunk)):
                request.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
