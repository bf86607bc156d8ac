"""The flow's tagging tasks on a real local Dask cluster (2 worker processes) give the single-process output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS_DIR

STEMS = ("edm-003-moscow-warns-ankara", "edm-007-belarusian-rockets-baku", "edm-014-yerevan-su30sm-purchase",
         "edm-021-turkey-ukraine-drones", "edm-026-turkish-drones-no-strings")


def normalised_lines(run: Path, name: str) -> list[str]:
    """The run's lines with the run id blanked (the one thing two runs must differ in), sorted."""
    lines = []
    for line in (run / name).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "provenance" in record:
            record["provenance"]["run_id"] = "-"
        lines.append(json.dumps(record, sort_keys=True))
    return sorted(lines)


@pytest.fixture(scope="module")
def cluster(prefect_harness):
    from distributed import LocalCluster

    from pipeline.flows import local_cluster_kwargs
    from pipeline.prefect_env import shared_api

    # Workers must report to the flow's Prefect API: shared_api exports its address before they start.
    with shared_api():
        cluster = LocalCluster(**local_cluster_kwargs(2))
    yield cluster
    cluster.close()


def test_dask_cluster_output_is_line_for_line_the_single_process_output(cluster, tmp_path):
    from pipeline.flows import run_extraction

    inputs = tmp_path / "in"
    inputs.mkdir()
    for stem in STEMS:
        (inputs / f"{stem}.txt").write_text((CORPUS_DIR / "articles" / f"{stem}.txt").read_text("utf-8"), "utf-8")
    (inputs / "broken.json").write_text('{"text": ', encoding="utf-8")  # a bad input is recorded either way

    single = run_extraction([str(inputs)], out_dir=str(tmp_path / "single"), batch_size=2)
    on_dask = run_extraction([str(inputs)], out_dir=str(tmp_path / "dask"), batch_size=2,
                             dask_address=cluster.scheduler_address)

    assert single.status == on_dask.status == "completed"
    assert (on_dask.articles, on_dask.claims) == (single.articles, single.claims) == (len(STEMS), single.claims)
    assert single.claims > 100
    for name in ("articles.jsonl", "claims.jsonl", "errors.jsonl"):
        assert normalised_lines(Path(on_dask.output_dir), name) == normalised_lines(Path(single.output_dir), name)
    # The tagging ran in the workers, and each loaded the pipeline at most once however many batches it tagged.
    calls = cluster.get_client().run(pipeline_loads)
    assert len(calls) == 2 and sum(hits + misses for hits, misses in calls.values()) == 3  # 3 batches
    assert all(misses <= 1 for _, misses in calls.values())


def pipeline_loads() -> tuple[int, int]:
    from pipeline.nlp.loading import load_nlp

    info = load_nlp.cache_info()
    return info.hits, info.misses


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path):
    import socket
    import subprocess

    from conftest import CLAIMS_BIN

    with socket.socket() as probe:  # a loopback port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (tmp_path / "a.txt").write_text("Title\\nBody (TASS, May 1).\\n", encoding="utf-8")
    result = subprocess.run([str(CLAIMS_BIN), "run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"),
                             "--dask-address", f"tcp://127.0.0.1:{port}"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert f"tcp://127.0.0.1:{port}: cannot reach the Dask scheduler" in result.stderr and "[E024]" in result.stderr
    assert not (tmp_path / "out").exists()  # nothing started, nothing written
