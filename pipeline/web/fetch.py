"""A polite HTTP client: timeouts, retries with back-off (honouring Retry-After), size and redirect caps,
content-type checks, robots.txt, per-host delay and concurrency, conditional requests."""

from __future__ import annotations

import email.utils
import logging
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from pipeline.errors import FetchFailed, RobotsDisallowed, UnsupportedContent
from pipeline.settings import Settings, get_settings

log = logging.getLogger(__name__)

RETRY_STATUSES = {429, 500, 502, 503, 504}
TEXT_TYPES = ("text/html", "application/xhtml+xml", "application/rss+xml", "application/atom+xml",
              "application/xml", "text/xml", "application/json", "text/plain", "application/feed+json")
BINARY_SNIFF_BYTES = 4096


@dataclass
class Fetched:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    content: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None
    retry_after: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def retry_after_seconds(value: str | None, *, cap: float) -> float | None:
    if not value:
        return None
    try:
        return min(float(value), cap)
    except ValueError:
        when = email.utils.parsedate_to_datetime(value)
        return None if when is None else max(0.0, min(when.timestamp() - time.time(), cap))


class HostGate:
    """At most N requests at once to one host, and a minimum delay between their starts."""

    def __init__(self, *, concurrency: int, delay: float):
        self.delay = delay
        self.concurrency = concurrency
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._last_start: dict[str, float] = {}

    def __call__(self, host: str):
        with self._lock:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(self.concurrency))
        return _GateEntry(self, host, slot)

    def wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._last_start.get(host, 0.0) + self.delay)
            self._last_start[host] = start
        if start > now:
            time.sleep(start - now)


class _GateEntry:
    def __init__(self, gate: HostGate, host: str, slot: threading.Semaphore):
        self.gate, self.host, self.slot = gate, host, slot

    def __enter__(self):
        self.slot.acquire()
        self.gate.wait_turn(self.host)

    def __exit__(self, *exc):
        self.slot.release()


class Fetcher:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or get_settings()
        self.client = httpx.Client(
            headers={"User-Agent": self.settings.user_agent},
            timeout=httpx.Timeout(self.settings.read_timeout, connect=self.settings.connect_timeout),
            follow_redirects=True,
            max_redirects=self.settings.max_redirects,
        )
        self.gate = HostGate(concurrency=self.settings.per_host_concurrency, delay=self.settings.per_host_delay)
        self._robots: dict[str, RobotFileParser | None] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            check_robots: bool = True) -> Fetched:
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchFailed(url, f"only http and https URLs are fetched, not '{scheme or 'no scheme'}'")
        if check_robots and not self.allowed(url):
            raise RobotsDisallowed(url, "robots.txt disallows this path for our user agent")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._with_retries(url, headers)

    def _with_retries(self, url: str, headers: dict) -> Fetched:
        attempts = self.settings.max_retries + 1
        for attempt in range(1, attempts + 1):
            try:
                fetched = self._once(url, headers)
            except (httpx.TimeoutException, httpx.TransportError) as err:
                if attempt == attempts:
                    kind = "timed out" if isinstance(err, httpx.TimeoutException) else "connection failed"
                    raise FetchFailed(url, f"{kind} after {attempts} attempts ({type(err).__name__})") from err
                self._sleep(attempt, None)
                continue
            except httpx.TooManyRedirects as err:
                raise FetchFailed(url, f"more than {self.settings.max_redirects} redirects (redirect loop?)") from err
            if fetched.status in RETRY_STATUSES and attempt < attempts:
                self._sleep(attempt, fetched)
                continue
            if fetched.status >= 400:
                raise FetchFailed(url, f"HTTP {fetched.status}" + (f" after {attempt} attempts" if attempt > 1 else ""))
            return fetched
        raise FetchFailed(url, "no attempts made")  # unreachable: the loop returns or raises

    def _sleep(self, attempt: int, fetched: Fetched | None) -> None:
        wait = self.settings.backoff_seconds * 2 ** (attempt - 1)
        if fetched is not None:
            wait = retry_after_seconds(fetched.retry_after, cap=self.settings.max_retry_after) or wait
        log.info("retrying in %.1f s", wait)
        time.sleep(wait)

    def _once(self, url: str, headers: dict) -> Fetched:
        host = urlsplit(url).netloc
        with self.gate(host), self.client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304 or response.status_code >= 400:
                response.close()
                return Fetched(url, str(response.url), response.status_code, b"",
                               response.headers.get("content-type", ""), retry_after=response.headers.get("retry-after"))
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type and not content_type.startswith(TEXT_TYPES):
                raise UnsupportedContent(url, f"content type '{content_type}' is not a page or feed; skipped")
            declared = int(response.headers.get("content-length") or 0)
            if declared > self.settings.max_response_bytes:
                raise FetchFailed(url, f"response is {declared / 1e6:.1f} MB, over the "
                                       f"{self.settings.max_response_bytes / 1e6:.1f} MB limit")
            content = self._read_capped(url, response)
        if b"\x00" in content[:BINARY_SNIFF_BYTES]:
            raise UnsupportedContent(url, f"binary content served as '{content_type}'; skipped")
        return Fetched(url, str(response.url), response.status_code, content, content_type,
                       response.headers.get("etag"), response.headers.get("last-modified"))

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        chunks, total = [], 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > self.settings.max_response_bytes:
                raise FetchFailed(url, f"response exceeds the {self.settings.max_response_bytes / 1e6:.1f} MB limit; "
                                       "download stopped")
            chunks.append(chunk)
        return b"".join(chunks)

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = self._load_robots(urljoin(root, "/robots.txt"))
        robots = self._robots[root]
        return True if robots is None else robots.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, robots_url: str) -> RobotFileParser | None:
        """robots.txt as the site serves it; a missing one (4xx) allows everything."""
        try:
            fetched = self._once(robots_url, {})
        except Exception:  # an unreachable robots.txt should not block the site; the page fetch will tell
            return None
        if fetched.status >= 400:
            return None
        parser = RobotFileParser(robots_url)
        parser.parse(fetched.content.decode("utf-8", errors="replace").splitlines())
        return parser
