"""One Prefect test harness and one spaCy pipeline per session; helpers to write input files."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

# Prefect reads these at import: keep its home, database and telemetry out of the user's machine.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="claims-prefect-home-")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
# Fetch fast against our own loopback server: no politeness delay, short back-off and timeouts.
os.environ.update({"CLAIMS_PER_HOST_DELAY": "0", "CLAIMS_BACKOFF_SECONDS": "0.05", "CLAIMS_READ_TIMEOUT": "1.5",
                   "CLAIMS_CONNECT_TIMEOUT": "1.5", "CLAIMS_MAX_RETRIES": "2"})

PROJECT_DIR = Path(__file__).resolve().parent.parent
CORPUS_DIR = PROJECT_DIR / "corpus"
CLAIMS_BIN = Path(sys.executable).parent / "claims"


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=None):
        yield


@pytest.fixture
def server():
    from web_fixtures import FixtureServer

    fixture = FixtureServer().start()
    yield fixture
    fixture.stop()


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp.loading import load_nlp

    return load_nlp()


ARTICLE = """Baku Eyes Israeli Drones as Moscow Frowns
URL: https://jamestown.org/program/baku-eyes-israeli-drones/
Published: 2018-03-28
Publication: Eurasia Daily Monitor Volume: 15 Issue: 47
By:
Harop loitering munition at a display in Baku (Source: Wikimedia Commons)
Azerbaijan has bought Harop drones from Israel, Deputy Minister Elnur Mammadov stated (APA, March 14). The deal was worth $120 million ($66 million in the first tranche).
Russia also sold Smerch multiple-launch rocket systems (MLRS) to Baku (Vedomosti, September 18, 2016; Azernews.az, May 30, 2017). Moscow is unlikely to accept the loss of its share (see EDM, November 2, 2017).
"""


@pytest.fixture
def write_file(tmp_path):
    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
