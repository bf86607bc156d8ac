"""The review app: a small JSON API and one static page, served on loopback by the standard library.

Every response that carries article text is JSON and the page inserts it with ``textContent`` only;
the Content-Security-Policy forbids inline scripts besides, so an article's ``<script>`` stays text.
"""

from __future__ import annotations

import json
import logging
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from pipeline.errors import ClaimsError, UnknownClaim
from pipeline.review.decisions import CORRECTABLE, REJECT_REASONS, apply_review
from pipeline.review.queue import FILTERS, facets, queue
from pipeline.review.store import ReviewStore, progress

STATIC = Path(__file__).with_name("static")
STATIC_FILES = {"/": ("index.html", "text/html"), "/app.js": ("app.js", "text/javascript"),
                "/app.css": ("app.css", "text/css")}
MAX_BODY = 64_000
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: HTTPStatus, message: str):
        self.status, self.message = status, message


def article_view(article: dict) -> dict:
    """The article with every span the page colours: entities, citations, crossrefs."""
    spans = [{"start": e["start"], "end": e["end"], "label": e["label"]} for e in article.get("entities", [])]
    spans += [{"start": c["start"], "end": c["end"], "label": "CITATION", "source": c["source"], "date": c["date"]}
              for c in article.get("citations", [])]
    spans += [{"start": c["start"], "end": c["end"], "label": "CROSSREF", "date": c["date"]}
              for c in article.get("crossrefs", [])]
    return {key: article.get(key) for key in ("article_id", "title", "published", "url", "authors", "text")} | {
        "spans": sorted(spans, key=lambda s: (s["start"], -s["end"]))}


class ReviewApp:
    """The API, independent of HTTP plumbing so it reads (and tests) as plain calls."""

    def __init__(self, store: ReviewStore, reviewer: str):
        self.store, self.reviewer = store, reviewer

    def state(self) -> dict:
        reviews = self.store.reviews()
        return {"run_id": self.store.run_id, "reviewer": self.reviewer, "progress": self._progress(reviews),
                "facets": facets(self.store.reviewed_claims(reviews)), "filters": list(FILTERS),
                "reject_reasons": list(REJECT_REASONS),
                "correctable": {k: (list(v) if isinstance(v, tuple) else v) for k, v in CORRECTABLE.items()}}

    def claims(self, filters: dict[str, str]) -> dict:
        reviews = self.store.reviews()
        rows = queue(self.store.reviewed_claims(reviews), filters, self.store.articles)
        return {"claims": rows, "progress": self._progress(reviews)}

    def claim(self, claim_id: str, reviews: dict | None = None) -> dict:
        machine = self.store.claim(claim_id)
        review = (self.store.reviews() if reviews is None else reviews).get(claim_id)
        article = self.store.articles.get(machine["article_id"], {})
        return {"claim": apply_review(machine, review), "machine": machine,
                "history": [d.model_dump() for d in (review.decisions if review else [])],
                "article": article_view(article)}

    def decide(self, body: dict) -> dict:
        if not isinstance(body, dict) or not isinstance(body.get("claim_id"), str):
            raise ApiError(HTTPStatus.BAD_REQUEST, "expected a JSON object with claim_id and decision")
        changes = body.get("changes") or {}
        if not isinstance(changes, dict):
            raise ApiError(HTTPStatus.BAD_REQUEST, "changes must be an object of field: value")
        record = self.store.decide(body["claim_id"], body.get("decision"), reviewer=self.reviewer,
                                   reason=body.get("reason"), changes=changes)
        reviews = self.store.reviews()
        return {"decision": record.model_dump(), "claim": self.claim(record.claim_id, reviews)["claim"],
                "progress": self._progress(reviews)}

    def undo(self) -> dict:
        record = self.store.undo(self.reviewer)
        if record is None:
            raise ApiError(HTTPStatus.CONFLICT, f"nothing to undo for reviewer {self.reviewer}")
        return {"undone": record.model_dump(), "progress": self._progress(self.store.reviews())}

    def _progress(self, reviews: dict) -> dict:
        return progress(reviews, len(self.store.claims))


class Handler(BaseHTTPRequestHandler):
    app: ReviewApp  # set on the subclass made by make_server
    server_version = "claims-review"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        url = urlparse(self.path)
        if url.path == "/favicon.ico":
            return self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
        if url.path in STATIC_FILES:
            name, content_type = STATIC_FILES[url.path]
            return self._send(HTTPStatus.OK, (STATIC / name).read_bytes(), f"{content_type}; charset=utf-8")
        self._api(lambda: self._get(url.path, parse_qs(url.query)))

    def do_POST(self) -> None:  # noqa: N802
        path = urlparse(self.path).path
        self._api(lambda: self._post(path))

    def _get(self, path: str, query: dict) -> dict:
        if path == "/api/state":
            return self.app.state()
        if path == "/api/claims":
            return self.app.claims({name: values[0] for name, values in query.items() if name in FILTERS})
        if path.startswith("/api/claims/"):
            return self.app.claim(unquote(path.removeprefix("/api/claims/")))
        raise ApiError(HTTPStatus.NOT_FOUND, f"no such page: {path}")

    def _post(self, path: str) -> dict:
        if path == "/api/decisions":
            return self.app.decide(self._json_body())
        if path == "/api/undo":
            return self.app.undo()
        raise ApiError(HTTPStatus.NOT_FOUND, f"no such endpoint: {path}")

    def _json_body(self) -> dict:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise ApiError(HTTPStatus.BAD_REQUEST, "bad Content-Length") from None
        if length > MAX_BODY:
            raise ApiError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
        try:
            return json.loads(self.rfile.read(length).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise ApiError(HTTPStatus.BAD_REQUEST, f"malformed JSON: {err}") from None

    def _api(self, handler) -> None:
        try:
            status, payload = HTTPStatus.OK, handler()
        except ApiError as err:
            status, payload = err.status, {"error": err.message}
        except UnknownClaim as err:
            status, payload = HTTPStatus.NOT_FOUND, {"error": str(err)}
        except ClaimsError as err:  # InvalidDecision and the rest: the request was understood but refused
            status, payload = HTTPStatus.UNPROCESSABLE_ENTITY, {"error": str(err)}
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's signature)
        log.debug("%s %s", self.address_string(), format % args)


def make_server(run: Path, reviewer: str, host: str = "127.0.0.1", port: int = 8765) -> ThreadingHTTPServer:
    """A server bound to ``host:port`` (port 0 picks a free one); call ``serve_forever`` to run it."""
    app = ReviewApp(ReviewStore(run), reviewer)
    handler = type("ReviewHandler", (Handler,), {"app": app})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve_in_thread(server: ThreadingHTTPServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, name="claims-review", daemon=True)
    thread.start()
    return thread
