"""The reviewed dataset: one row per claim with its latest review applied, flat enough for a spreadsheet."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from pipeline.review.store import ReviewStore

FORMATS = ("jsonl", "csv", "parquet")
LIST_SEPARATOR = "; "

# Column -> what it holds. The README's export table lists the same columns (a test checks it).
COLUMNS: dict[str, str] = {
    "claim_id": "stable claim id",
    "article_id": "stable article id",
    "article_title": "headline",
    "article_url": "article URL, when known",
    "article_published": "publication date (ISO), when stated",
    "article_authors": "authors, `; `-separated",
    "article_input": "the file or URL the article came from",
    "sentence_index": "sentence number in the article",
    "start": "character offset of the claim in the article text",
    "end": "end offset",
    "text": "the claim",
    "kind": "arms_transfer, statement, statistic, assessment or other",
    "speaker_name": "who asserts it (empty for the author)",
    "speaker_type": "author, person, organization, outlet or unknown",
    "speaker_title": "the speaker's title as written",
    "cue": "attribution cue (said, according to, ...)",
    "quote": "directly quoted words",
    "supplier": "arms supplier (country)",
    "recipient": "arms recipient (country)",
    "items": "weapon systems, `; `-separated",
    "transfer_status": "delivered, agreed, planned, considered, curtailed, denied or unknown",
    "period": "period or year of the transfer",
    "quantity": "quantity as written",
    "value": "value as written",
    "certainty": "certain, probable, possible or unlikely",
    "certainty_cues": "hedge cues found, `; `-separated",
    "stance": "supports, disputes or reports",
    "stance_score": "calibrated probability of the stance label",
    "stance_model": "model name and version",
    "direction": "expand, continue, curtail, halt or none",
    "citation_sources": "sources cited by the claim's sentence, `; `-separated",
    "citation_dates": "their resolved dates, same order",
    "citation_count": "number of citations",
    "review_status": "pending, accepted, rejected or corrected",
    "review_reason": "why it was rejected",
    "reviewer": "who made the latest decision",
    "reviewed_at": "when (ISO, UTC)",
    "corrected_fields": "fields a reviewer changed, `; `-separated",
}


def joined(values) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values if v is not None)


def flatten(claim: dict, article: dict, corrected: list[str]) -> dict:
    transfer = claim.get("arms_transfer") or {}
    stance = claim.get("stance") or {}
    review = claim.get("review") or {}
    quote = claim.get("quote") or {}
    row = {
        "claim_id": claim["claim_id"], "article_id": claim["article_id"],
        "article_title": article.get("title"), "article_url": article.get("url"),
        "article_published": article.get("published"), "article_authors": joined(article.get("authors", [])),
        "article_input": article.get("input"),
        "sentence_index": claim["sentence_index"], "start": claim["start"], "end": claim["end"],
        "text": claim["text"], "kind": claim["kind"],
        "speaker_name": claim["speaker"]["name"], "speaker_type": claim["speaker"]["type"],
        "speaker_title": claim["speaker"].get("title"), "cue": claim.get("cue"), "quote": quote.get("text"),
        "supplier": transfer.get("supplier"), "recipient": transfer.get("recipient"),
        "items": joined(transfer.get("items", [])), "transfer_status": transfer.get("status"),
        "period": transfer.get("period"), "quantity": transfer.get("quantity"), "value": transfer.get("value"),
        "certainty": claim["certainty"], "certainty_cues": joined(claim.get("certainty_cues", [])),
        "stance": stance.get("label"), "stance_score": stance.get("score"), "stance_model": stance.get("model"),
        "direction": claim.get("direction"),
        "citation_sources": joined(c["source"] for c in claim["citations"]),
        "citation_dates": joined(c["date"] or "" for c in claim["citations"]),
        "citation_count": len(claim["citations"]),
        "review_status": review.get("status", "pending"), "review_reason": review.get("reason"),
        "reviewer": review.get("reviewer"), "reviewed_at": review.get("decided_at"),
        "corrected_fields": joined(corrected),
    }
    return {column: row[column] for column in COLUMNS}


def export_frame(store: ReviewStore, *, include_rejected: bool = False) -> pd.DataFrame:
    reviews = store.reviews()
    rows = []
    for claim in store.reviewed_claims(reviews):
        if claim["review"]["status"] == "rejected" and not include_rejected:
            continue
        review = reviews.get(claim["claim_id"])
        corrected = sorted(review.changes) if review else []
        rows.append(flatten(claim, store.articles.get(claim["article_id"], {}), corrected))
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype({"sentence_index": "int64", "start": "int64", "end": "int64", "citation_count": "int64",
                         "stance_score": "float64"})


def write_export(frame: pd.DataFrame, out: Path, fmt: str) -> Path:
    """Write atomically: a reader never sees half an export."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    if fmt == "jsonl":
        frame.to_json(tmp, orient="records", lines=True, force_ascii=False)
    elif fmt == "csv":
        frame.to_csv(tmp, index=False)
    elif fmt == "parquet":
        frame.to_parquet(tmp, index=False)
    else:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    os.replace(tmp, out)
    return out
