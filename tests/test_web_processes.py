"""Real processes: a run killed midway and run again, and a served deployment triggered once."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CLAIMS_BIN, PROJECT_DIR
from pipeline.output.jsonl import read_jsonl
from web_fixtures import Route, article_page, rss

PREFECT_BIN = Path(sys.executable).parent / "prefect"


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def completed_runs(out: Path) -> list[Path]:
    return [folder for folder in out.iterdir() if folder.is_dir() and (folder / "run.json").exists()
            and not folder.is_symlink()]


def slow_feed(server, count: int, delay: float) -> str:
    links = []
    for n in range(1, count + 1):
        server.routes[f"/articles/{n}.html"] = Route(article_page(n), delay=delay)
        links.append(server.url(f"/articles/{n}.html"))
    server.routes["/feed.xml"] = Route(rss(links), content_type="application/rss+xml", etag='"v1"')
    return server.url("/feed.xml")


def test_killed_run_then_rerun_processes_every_article_exactly_once(server, tmp_path):
    feed = slow_feed(server, 6, delay=0.7)
    out = tmp_path / "out"
    command = [str(CLAIMS_BIN), "run", feed, "--out", str(out)]
    victim = subprocess.Popen(command, cwd=PROJECT_DIR, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: server.calls["/articles/3.html"] > 0, timeout=180, what="the first run to fetch articles")
    finally:
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait()
    assert completed_runs(out) == []
    assert not list(out.rglob("articles.jsonl"))  # nothing half-written under a final name

    for n in range(1, 7):
        server.routes[f"/articles/{n}.html"].delay = 0
    rerun = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    again = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]

    urls = [record["url"] for run in completed_runs(out) for record in read_jsonl(run / "articles.jsonl")]
    assert sorted(urls) == sorted(server.url(f"/articles/{n}.html") for n in range(1, 7))
    for run in completed_runs(out):
        for name in ("articles.jsonl", "claims.jsonl", "errors.jsonl"):
            lines = (run / name).read_text().splitlines()
            assert len(lines) == len(set(lines))
            for line in lines:
                json.loads(line)
    assert not list(out.rglob("*.tmp"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def prefect_server(tmp_path):
    port = free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_UI_ENABLED": "false"}
    process = subprocess.Popen([str(PREFECT_BIN), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                               env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    api = f"http://127.0.0.1:{port}/api"

    def healthy() -> bool:
        import httpx

        try:
            return httpx.get(f"{api}/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_for(healthy, timeout=120, what="prefect server start")
        yield api, env
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_served_deployment_runs_when_triggered(server, prefect_server, tmp_path):
    api, env = prefect_server
    env = {**env, "PREFECT_API_URL": api}
    feed = slow_feed(server, 2, delay=0)
    out = tmp_path / "out"
    served = subprocess.Popen([str(CLAIMS_BIN), "serve", feed, "--cron", "0 6 * * *", "--name", "edm-test",
                               "--out", str(out)], cwd=PROJECT_DIR, env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def triggered() -> bool:
            result = subprocess.run([str(PREFECT_BIN), "deployment", "run", "extract-articles/edm-test"],
                                    env=env, capture_output=True, text=True, timeout=60)
            return result.returncode == 0

        wait_for(triggered, timeout=180, what="the served deployment to accept a run")
        wait_for(lambda: (out / "latest" / "run.json").exists(), timeout=240, what="the triggered run to finish")
    finally:
        os.killpg(served.pid, signal.SIGTERM)
        served.wait(timeout=30)
    summary = json.loads((out / "latest" / "run.json").read_text())
    assert summary["status"] == "completed" and summary["articles"] == 2
