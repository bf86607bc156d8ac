"""Prefect settings that must be in the environment before ``prefect`` is first imported, and the API that
worker processes share with the flow."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.settings import get_settings


def configure_prefect() -> None:
    defaults = {
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": str(get_settings().prefect_startup_timeout),
        # Flows run without a server: Prefect starts a temporary local API on SQLite.
        "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "true",
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)


@contextmanager
def shared_api() -> Iterator[str]:
    """Make worker processes report to the flow's Prefect API.

    Dask workers inherit the environment, not Prefect's in-process settings: without ``PREFECT_API_URL``
    each would start a temporary API of its own (15 s each, and runs recorded nowhere the user looks)."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    url = PREFECT_API_URL.value()
    if not url:
        from prefect.server.api.server import SubprocessASGIServer

        server = SubprocessASGIServer()  # the same singleton Prefect would start for the flow itself
        server.start(timeout=get_settings().prefect_startup_timeout)
        url = server.api_url
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = url
    try:
        with temporary_settings({PREFECT_API_URL: url}):
            yield url
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous


@contextmanager
def running_server(home: Path, *, timeout: float = 120.0) -> Iterator[str]:
    """A ``prefect server start`` of our own on a free loopback port (its database under ``home``), stopped
    on exit; yields its API URL for the processes that should report to it."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api"
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PREFECT_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"prefect server did not start on {url}") from None
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
