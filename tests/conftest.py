"""One Prefect test harness and one spaCy pipeline per session; helpers to write input files."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# Prefect reads these at import: keep its home, database and telemetry out of the user's machine.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="claims-prefect-home-")
# Removed when pytest exits (after the session's servers have stopped): each session's home holds a 6 MB database.
atexit.register(shutil.rmtree, os.environ["PREFECT_HOME"], ignore_errors=True)
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
def small_corpus(tmp_path) -> Path:
    """Four real corpus articles and their claims gold, none held out: enough to train a frame chooser on."""
    import json
    import shutil

    small = tmp_path / "corpus"
    stems = ["edm-001-minsk-chinese-missiles", "edm-002-baku-turkish-czech-suppliers",
             "edm-007-belarusian-rockets-baku", "edm-008-ankara-kyiv-drones"]
    for folder, suffix in (("articles", ".txt"), ("claims-gold", ".json")):
        (small / folder).mkdir(parents=True)
        for stem in stems:
            shutil.copy(CORPUS_DIR / folder / f"{stem}{suffix}", small / folder / f"{stem}{suffix}")
    (small / "splits.json").write_text(json.dumps({"test": []}), encoding="utf-8")
    return small


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


# An article that tries to run code wherever its text is shown: the review app and report must show it as text.
HOSTILE_ARTICLE = """Minsk Ships <script>window.pwned = "headline"</script> Rockets to Baku
Published: 2019-04-02
Publication: Eurasia Daily Monitor Volume: 16 Issue: 48
By:
Belarus delivered Polonez <img src=x onerror="window.pwned = 'entity'"> multiple-launch rocket systems to Azerbaijan, Deputy Minister Anton Sauchuk stated (BelTA, March 28). <script>window.pwned = "body"</script> The contract was worth $40 million.
Russia is unlikely to welcome the deal, Kremlin spokesman Dmitry Peskov said (Interfax, March 30).
"""


@pytest.fixture(scope="session")
def review_source_run(prefect_harness, tmp_path_factory):
    """A real run over two corpus articles and the hostile one, made once per session."""
    from pipeline.flows import extract_articles

    inputs = tmp_path_factory.mktemp("review-inputs")
    (inputs / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    for stem in ("edm-007-belarusian-rockets-baku", "edm-025-kazakhstan-phantom-s400s"):
        (inputs / f"{stem}.txt").write_text((CORPUS_DIR / "articles" / f"{stem}.txt").read_text("utf-8"), "utf-8")
    out = tmp_path_factory.mktemp("review-outputs")
    summary = extract_articles([str(inputs)], out_dir=str(out))
    assert summary.status == "completed" and summary.claims > 20
    return Path(summary.output_dir)


@pytest.fixture
def review_run(review_source_run, tmp_path):
    """A private copy of that run, so each test's decisions start from none."""
    import shutil

    copy = tmp_path / "outputs" / review_source_run.name
    shutil.copytree(review_source_run, copy)
    return copy
