"""The ``claims`` command as users run it: the console script in a subprocess, and in-process."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from click.testing import CliRunner

from conftest import CLAIMS_BIN, CORPUS_DIR, PROJECT_DIR
from pipeline.cli import cli
from pipeline.output.jsonl import read_jsonl
from pipeline.schema import ArticleRecord


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus-run")
    result = subprocess.run(
        [str(CLAIMS_BIN), "run", str(CORPUS_DIR / "articles"), str(CORPUS_DIR / "samples"), "--out", str(out)],
        capture_output=True, text=True, timeout=600, cwd=PROJECT_DIR,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result, out


def test_cli_run_prints_summary_and_writes_valid_jsonl(corpus_run):
    result, out = corpus_run
    articles = len(list((CORPUS_DIR / "articles").glob("*.txt"))) + 3  # + the HTML page and two JSONL records
    assert re.search(rf"^run \S+: {articles} articles, \d+ entities, \d+ citations, \d+ crossrefs, \d+ claims, 0 errors, "
                     r"[\d.]+ s$", result.stdout, re.M), result.stdout
    records = [ArticleRecord.model_validate(line) for line in read_jsonl(out / "latest" / "articles.jsonl")]
    assert len(records) == articles


@pytest.mark.parametrize("split", ["dev", "test"])
def test_cli_evaluate_meets_citation_target_on_gold(corpus_run, split):
    _, out = corpus_run
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(CORPUS_DIR / "gold"), "--pred",
                                      str(out / "latest" / "articles.jsonl"), "--split", split, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["scored_articles"] == report["gold_articles"] > 0
    assert report["overall"]["citations"]["f1"] >= 0.98
    assert report["overall"]["crossrefs"]["f1"] >= 0.95
    assert report["false_citations_from_non_citations"] == []
    # Claim detection is scored too; the figure is reported in the README, this guards against collapse.
    assert report["claims"]["overall"]["detection"]["f1"] >= 0.75


def test_cli_evaluate_prints_table(corpus_run):
    _, out = corpus_run
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(CORPUS_DIR / "gold"), "--pred",
                                      str(out / "latest" / "articles.jsonl")])
    assert result.exit_code == 0
    assert re.search(r"^citations\s+[\d.]+\s+[\d.]+\s+[\d.]+", result.output, re.M)
    assert "edm-001" in result.output


def test_cli_evaluate_scores_only_the_articles_asked_for(corpus_run):
    _, out = corpus_run
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(CORPUS_DIR / "gold"), "--pred",
                                      str(out / "latest" / "articles.jsonl"), "--article", "edm-001", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [row["article"] for row in report["articles"]] == ["edm-001-minsk-chinese-missiles"]


@pytest.mark.parametrize(("record", "title"), [("article", "ArticleRecord"), ("claim", "ClaimRecord"), ("error", "Problem"),
                                               ("run", "RunSummary")])
def test_cli_schema_prints_json_schema(record, title):
    result = CliRunner().invoke(cli, ["schema", "--record", record])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == title


def test_cli_run_with_nothing_processable_exits_non_zero(prefect_harness, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "0 articles" in result.output and "file is empty" in result.output


def test_every_command_in_readme_exists():
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`claims ([a-z][a-z-]*)", readme)) | set(re.findall(r"^\s*claims ([a-z][a-z-]*)", readme, re.M))
    help_text = CliRunner().invoke(cli, ["--help"]).output
    available = set(re.findall(r"^  ([a-z-]+)\s", help_text, re.M))
    assert documented and documented <= available, documented - available


def test_cli_bench_smoke_run_writes_its_figures(prefect_harness, tmp_path):
    result = CliRunner().invoke(cli, ["bench", "--n", "2", "--out", str(tmp_path / "bench"), "--batch-size", "2",
                                      "--processes", "1,2", "--repeat", "2"])
    assert result.exit_code == 0, result.output
    [path] = list((tmp_path / "bench").glob("bench-*.json"))
    report = json.loads(path.read_text())
    assert report["articles"] == 2 and report["throughput_ratio"] > 0 and report["repeat"] == 2
    assert set(report["stages"]) == {"read", "spacy+components", "records", "claims", "stance", "serialize"}
    assert set(report["processes"]) == {"1", "2"} and report["processes"]["2"]["flow_speedup_vs_1"] > 0
    assert report["processes"]["2"]["raw_spacy_speedup_vs_1"] > 0
    assert report["processes"]["2"]["flow_on_dask"]["articles"] == 2
    # Dask workers are started and load the models before the clock starts, and that time is reported apart
    assert all(figures["cluster_start_seconds"] > 0 for figures in report["processes"].values())
    assert report["peak_rss_mb"] > 0 and "throughput ratio" in result.output
    overhead = report["orchestration_overhead_seconds"]
    assert overhead["per_run"] >= 0 and overhead["first_run_with_server"] >= 0
    assert "against a running prefect server" in result.output


def _cmdline(process) -> str:
    """A child's command line, or "" if it ended between listing and reading (short-lived helpers do)."""
    import psutil

    try:
        return " ".join(process.cmdline())
    except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
        return ""


def test_sigterm_ends_the_run_and_stops_prefects_temporary_server(tmp_path):
    import signal
    import time

    import psutil

    run = subprocess.Popen([str(CLAIMS_BIN), "run", str(CORPUS_DIR / "articles"), "--out", str(tmp_path)],
                           cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        parent, servers, deadline = psutil.Process(run.pid), [], time.monotonic() + 180
        while not servers and run.poll() is None and time.monotonic() < deadline:
            servers = [child for child in parent.children(recursive=True) if "uvicorn" in _cmdline(child)]
            time.sleep(0.2)
        assert servers, "the run never started Prefect's temporary API server"
        run.send_signal(signal.SIGTERM)
        assert run.wait(timeout=120) != 0
        _, alive = psutil.wait_procs(servers, timeout=30)
        assert not alive, f"left running: {[p.pid for p in alive]}"
    finally:
        if run.poll() is None:
            run.kill()
