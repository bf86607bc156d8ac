"""Real Prefect flow runs (local ephemeral API) over real files, bad ones included."""

from __future__ import annotations

import json

import pytest

from conftest import ARTICLE, CORPUS_DIR
from pipeline.output.jsonl import read_jsonl
from pipeline.schema import ArticleRecord, ClaimRecord, Problem, RunSummary


@pytest.fixture(scope="module")
def mixed_run(prefect_harness, tmp_path_factory):
    from pipeline.flows import extract_articles

    inputs = tmp_path_factory.mktemp("inputs")
    (inputs / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (inputs / "copy-of-good.txt").write_text(ARTICLE, encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    (inputs / "latin1.txt").write_bytes("Title\nCaf\xe9 (TASS, May 1).".encode("latin-1"))
    (inputs / "broken.json").write_text('{"text": ', encoding="utf-8")
    empty_folder = tmp_path_factory.mktemp("empty-folder")
    out = tmp_path_factory.mktemp("outputs")
    sources = [str(inputs), str(CORPUS_DIR / "samples"), str(inputs / "missing.txt"), str(empty_folder)]
    summary = extract_articles(sources, out_dir=str(out), batch_size=3)
    return summary, out


def test_flow_writes_valid_articles_and_skips_duplicates(mixed_run):
    summary, out = mixed_run
    records = [ArticleRecord.model_validate(line) for line in read_jsonl(out / summary.run_id / "articles.jsonl")]
    # good.txt (its copy is a duplicate), the HTML page and two JSONL records
    assert len(records) == summary.articles == 4
    assert summary.duplicates == 1
    assert len({r.article_id for r in records}) == 4
    assert summary.citations == sum(len(r.citations) for r in records) > 0


def test_flow_writes_claims_that_point_at_written_articles(mixed_run):
    summary, out = mixed_run
    articles = {r["article_id"]: r for r in read_jsonl(out / summary.run_id / "articles.jsonl")}
    claims = [ClaimRecord.model_validate(line) for line in read_jsonl(out / summary.run_id / "claims.jsonl")]
    assert len(claims) == summary.claims > 0
    for claim in claims:
        assert articles[claim.article_id]["text"][claim.start:claim.end] == claim.text
        assert [m.name for m in claim.provenance.models][-5:-1] == ["edm-claims", "edm-sides", "edm-status", "edm-kind"]
        assert claim.stance is not None and claim.stance.label in ("supports", "disputes", "reports")
        if claim.kind != "arms_transfer":
            assert claim.direction == "none"
    assert len({c.claim_id for c in claims}) == len(claims)


def test_flow_records_each_bad_input_and_finishes(mixed_run):
    summary, out = mixed_run
    errors = [Problem.model_validate(line) for line in read_jsonl(out / summary.run_id / "errors.jsonl")]
    by_input = {e.input.rsplit("/", 1)[-1].rstrip("0123456789"): e.code for e in errors}
    assert by_input == {
        "missing.txt": "E001", "empty-folder": "E009", "empty.txt": "E003", "binary.txt": "E004",
        "latin1.txt": "E005", "broken.json": "E007",
    }
    assert summary.status == "completed"
    assert [e.code for e in summary.errors] == [e.code for e in errors]


def test_flow_writes_summary_and_moves_latest(mixed_run):
    summary, out = mixed_run
    saved = RunSummary.model_validate(json.loads((out / summary.run_id / "run.json").read_text()))
    assert saved == summary
    assert (out / "latest").resolve() == (out / summary.run_id).resolve()
    assert not list(out.rglob("*.tmp"))


def test_flow_with_nothing_to_process_fails_and_keeps_latest(prefect_harness, mixed_run, tmp_path):
    from pipeline.flows import extract_articles

    previous, out = mixed_run
    (tmp_path / "empty.txt").write_text("")
    summary = extract_articles([str(tmp_path / "empty.txt")], out_dir=str(out))
    assert summary.status == "failed" and summary.articles == 0
    assert (out / "latest").resolve() == (out / previous.run_id).resolve()
