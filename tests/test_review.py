"""Review decisions, the JSON API over real HTTP, the export and the report, on a real run's output."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap

import httpx
import pandas as pd
import pytest
from conftest import CLAIMS_BIN, PROJECT_DIR

from pipeline.errors import InvalidDecision, RunNotFound, UnknownClaim
from pipeline.output.runs import REVIEWS_FILE
from pipeline.review.export import COLUMNS, export_frame, write_export
from pipeline.review.report import build_report
from pipeline.review.server import make_server, serve_in_thread
from pipeline.review.store import ReviewStore
from pipeline.schema import ClaimRecord, ReviewDecision


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def transfer_claim(store: ReviewStore) -> dict:
    return next(c for c in store.claims.values() if c["kind"] == "arms_transfer")


def test_decisions_fold_into_review_status_and_leave_machine_output_alone(review_run):
    before = digest(review_run / "claims.jsonl")
    store = ReviewStore(review_run)
    first, second, third = list(store.claims)[:3]
    store.decide(first, "accept", reviewer="ana")
    store.decide(second, "reject", reviewer="ana", reason="not a claim")
    store.decide(third, "correct", reviewer="ana", changes={"certainty": "possible", "speaker.name": "Someone Else"})
    reviewed = {c["claim_id"]: c for c in store.reviewed_claims()}
    assert reviewed[first]["review"]["status"] == "accepted"
    assert reviewed[second]["review"] == {"status": "rejected", "reviewer": "ana", "reason": "not a claim",
                                          "decided_at": reviewed[second]["review"]["decided_at"]}
    assert reviewed[third]["review"]["status"] == "corrected"
    assert (reviewed[third]["certainty"], reviewed[third]["speaker"]["name"]) == ("possible", "Someone Else")
    for claim in reviewed.values():
        ClaimRecord.model_validate(claim)
    assert digest(review_run / "claims.jsonl") == before
    lines = (review_run / REVIEWS_FILE).read_text("utf-8").splitlines()
    changes = ReviewDecision.model_validate_json(lines[2]).changes
    assert {c.field: (c.old, c.new) for c in changes}["certainty"][1] == "possible"


def test_correcting_a_supplier_on_a_claim_without_a_transfer_creates_the_frame(review_run):
    store = ReviewStore(review_run)
    claim = next(c for c in store.claims.values() if c.get("arms_transfer") is None)
    store.decide(claim["claim_id"], "correct", reviewer="ana", changes={"arms_transfer.supplier": "Belarus",
                                                                        "arms_transfer.items": "Polonez; Polonez-M"})
    reviewed = next(c for c in store.reviewed_claims() if c["claim_id"] == claim["claim_id"])
    assert reviewed["arms_transfer"]["supplier"] == "Belarus"
    assert reviewed["arms_transfer"]["items"] == ["Polonez", "Polonez-M"]
    assert reviewed["arms_transfer"]["status"] == "unknown"


@pytest.mark.parametrize("claim_id, decision, kwargs, error", [
    ("claim-does-not-exist", "accept", {}, UnknownClaim),
    (None, "approve", {}, InvalidDecision),
    (None, "reject", {}, InvalidDecision),
    (None, "reject", {"reason": "boring"}, InvalidDecision),
    (None, "correct", {"changes": {"stance.label": "agrees"}}, InvalidDecision),
    (None, "correct", {"changes": {"text": "rewritten"}}, InvalidDecision),
    (None, "correct", {"changes": {"arms_transfer.items": 7}}, InvalidDecision),
    (None, "correct", {"changes": {}}, InvalidDecision),
])
def test_a_bad_decision_is_refused_and_writes_nothing(review_run, claim_id, decision, kwargs, error):
    store = ReviewStore(review_run)
    with pytest.raises(error):
        store.decide(claim_id or transfer_claim(store)["claim_id"], decision, reviewer="ana", **kwargs)
    assert not (review_run / REVIEWS_FILE).exists()


def test_undo_takes_back_only_my_last_decision(review_run):
    store = ReviewStore(review_run)
    first, second = list(store.claims)[:2]
    store.decide(first, "accept", reviewer="ana")
    store.decide(second, "reject", reviewer="ana", reason="duplicate")
    store.decide(first, "reject", reviewer="ben", reason="wrong span")
    undone = store.undo("ana")
    assert undone.claim_id == second
    reviews = store.reviews()
    assert second not in reviews and reviews[first].status == "rejected"  # ben's decision stands
    store.undo("ana")
    store.undo("ben")
    assert store.reviews() == {}
    assert store.undo("ana") is None
    assert len((review_run / REVIEWS_FILE).read_text("utf-8").splitlines()) == 6  # nothing is erased


def test_two_reviewers_in_two_processes_lose_nothing(review_run):
    script = textwrap.dedent("""
        import sys
        from pathlib import Path
        from pipeline.review.store import ReviewStore
        store = ReviewStore(Path(sys.argv[1]))
        for claim_id in list(store.claims)[:40]:
            store.decide(claim_id, "accept", reviewer=sys.argv[2])
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(review_run), name]) for name in ("ana", "ben")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    decisions = ReviewStore(review_run).decisions()
    assert len(decisions) == 80
    assert sorted(d.reviewer for d in decisions) == ["ana"] * 40 + ["ben"] * 40


def test_a_line_cut_by_a_crash_is_skipped_and_the_next_decision_kept(review_run):
    store = ReviewStore(review_run)
    first, second = list(store.claims)[:2]
    store.decide(first, "accept", reviewer="ana")
    with (review_run / REVIEWS_FILE).open("a", encoding="utf-8") as reviews:
        reviews.write('{"decision_id": "abc", "claim_id": ')  # a crash mid-line
    store.decide(second, "accept", reviewer="ana")
    assert set(store.reviews()) == {first, second}
    assert store.skipped_lines == 1


def test_a_folder_that_is_not_a_run_is_refused(tmp_path):
    with pytest.raises(RunNotFound, match="not a completed run folder"):
        ReviewStore(tmp_path)
    result = subprocess.run([str(CLAIMS_BIN), "export", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "[E021]" in result.stderr


@pytest.fixture
def api(review_run):
    server = make_server(review_run, "ana", port=0)
    serve_in_thread(server)
    host, port = server.server_address[:2]
    with httpx.Client(base_url=f"http://{host}:{port}", timeout=10) as client:
        yield client
    server.shutdown()
    server.server_close()


def test_api_serves_the_queue_least_confident_first(api, review_run):
    state = api.get("/api/state").json()
    assert state["progress"] == {"reviewed": 0, "total": len(ReviewStore(review_run).claims), "pending":
                                 state["progress"]["total"], "accepted": 0, "rejected": 0, "corrected": 0}
    rows = api.get("/api/claims").json()["claims"]
    scores = [row["score"] or 0.0 for row in rows]
    assert scores == sorted(scores)
    kinds = api.get("/api/claims", params={"kind": "arms_transfer"}).json()["claims"]
    assert kinds and all(row["kind"] == "arms_transfer" for row in kinds)
    outlet = state["facets"]["outlet"][0][0]
    cited = api.get("/api/claims", params={"outlet": outlet}).json()["claims"]
    assert cited and len(cited) < len(rows)
    detail = api.get(f"/api/claims/{rows[0]['claim_id']}").json()
    text = detail["article"]["text"]
    assert text[detail["claim"]["start"]:detail["claim"]["end"]] == detail["claim"]["text"]
    assert {s["label"] for s in detail["article"]["spans"]} >= {"CITATION"}


def test_api_records_a_decision_and_refuses_bad_requests_without_writing(api, review_run):
    claim_id = api.get("/api/claims").json()["claims"][0]["claim_id"]
    ok = api.post("/api/decisions", json={"claim_id": claim_id, "decision": "accept"})
    assert ok.status_code == 200 and ok.json()["claim"]["review"]["status"] == "accepted"
    before = (review_run / REVIEWS_FILE).read_bytes()
    bad = [
        (api.post("/api/decisions", content=b'{"claim_id": ', headers={"Content-Type": "application/json"}), 400),
        (api.post("/api/decisions", json=["not", "an", "object"]), 400),
        (api.post("/api/decisions", json={"claim_id": "claim-nope", "decision": "accept"}), 404),
        (api.post("/api/decisions", json={"claim_id": claim_id, "decision": "reject"}), 422),
        (api.post("/api/decisions", json={"claim_id": claim_id, "decision": "correct",
                                          "changes": {"certainty": "sure"}}), 422),
        (api.get("/api/claims/claim-nope"), 404),
        (api.post("/api/nowhere", json={}), 404),
    ]
    for response, status in bad:
        assert response.status_code == status
        assert response.json()["error"]
    assert (review_run / REVIEWS_FILE).read_bytes() == before
    assert api.post("/api/undo").status_code == 200
    assert api.post("/api/undo").status_code == 409


def test_pages_forbid_inline_scripts(api):
    page = api.get("/")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert "<script src=\"/app.js\"" in page.text and ".innerHTML" not in api.get("/app.js").text


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_round_trips_through_pandas_with_reviews_applied(review_run, fmt):
    store = ReviewStore(review_run)
    claim = transfer_claim(store)
    rejected = next(c for c in store.claims if c != claim["claim_id"])
    store.decide(claim["claim_id"], "correct", reviewer="ana", changes={"arms_transfer.recipient": "Armenia"})
    store.decide(rejected, "reject", reviewer="ana", reason="duplicate")
    out = write_export(export_frame(store), review_run / f"export.{fmt}", fmt)
    frame = {"jsonl": lambda p: pd.read_json(p, lines=True), "csv": pd.read_csv, "parquet": pd.read_parquet}[fmt](out)
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == len(store.claims) - 1 and rejected not in set(frame["claim_id"])
    row = frame.set_index("claim_id").loc[claim["claim_id"]]
    assert (row["recipient"], row["review_status"], row["reviewer"]) == ("Armenia", "corrected", "ana")
    assert row["corrected_fields"] == "arms_transfer.recipient"
    assert len(export_frame(store, include_rejected=True)) == len(store.claims)
    cited = frame[frame["citation_count"] > 0].iloc[0]
    assert len(str(cited["citation_sources"]).split("; ")) == cited["citation_count"]


def test_readme_documents_every_export_column():
    readme = (PROJECT_DIR / "README.md").read_text("utf-8")
    assert all(f"`{column}`" in readme for column in COLUMNS)


def test_report_is_self_contained_and_escapes_everything(review_run):
    store = ReviewStore(review_run)
    store.decide(list(store.claims)[0], "accept", reviewer="ana")
    html = build_report(store)
    assert "<script" not in html.lower() and "onerror" not in html
    assert not any(marker in html for marker in ("src=", "href=", "@import", "url("))
    assert "1 / " in html and "supplier" in html and "<svg" in html
    result = subprocess.run([str(CLAIMS_BIN), "report", str(review_run)], capture_output=True, text=True)
    assert result.returncode == 0 and (review_run / "report.html").read_text("utf-8").startswith("<!doctype html>")


def test_export_command_writes_into_the_run_folder(review_run):
    result = subprocess.run([str(CLAIMS_BIN), "export", str(review_run), "--format", "csv"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.dumps(pd.read_csv(review_run / "export.csv").columns.tolist()) == json.dumps(list(COLUMNS))
