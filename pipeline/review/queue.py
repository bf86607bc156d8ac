"""The review queue: one row per claim, filterable by the fields analysts sort their work by."""

from __future__ import annotations

from collections import Counter

# Filter name -> how to read it from a reviewed claim (lists match when any element matches).
FILTERS = {
    "kind": lambda c: c["kind"],
    "supplier": lambda c: (c.get("arms_transfer") or {}).get("supplier"),
    "recipient": lambda c: (c.get("arms_transfer") or {}).get("recipient"),
    "speaker": lambda c: c["speaker"]["name"] or c["speaker"]["type"],
    "outlet": lambda c: sorted({cit["source"] for cit in c["citations"]}),
    "stance": lambda c: (c.get("stance") or {}).get("label"),
    "certainty": lambda c: c["certainty"],
    "status": lambda c: c["review"]["status"],
    "article": lambda c: c["article_id"],
}


def confidence(claim: dict) -> float:
    """The model's confidence in what it says about the claim; a claim without stance ranks first."""
    stance = claim.get("stance")
    return stance["score"] if stance else 0.0


def matches(claim: dict, filters: dict[str, str]) -> bool:
    for name, wanted in filters.items():
        if not wanted or name not in FILTERS:
            continue
        value = FILTERS[name](claim)
        values = value if isinstance(value, list) else [value]
        if wanted.lower() not in {str(v).lower() for v in values if v is not None}:
            return False
    return True


def queue(claims: list[dict], filters: dict[str, str], articles: dict[str, dict]) -> list[dict]:
    """Rows for the claims that pass ``filters``, least confident first (ties in reading order)."""
    order = {claim["claim_id"]: n for n, claim in enumerate(claims)}
    chosen = sorted((c for c in claims if matches(c, filters)),
                    key=lambda c: (confidence(c), order[c["claim_id"]]))
    return [row(claim, articles.get(claim["article_id"], {})) for claim in chosen]


def row(claim: dict, article: dict) -> dict:
    transfer = claim.get("arms_transfer") or {}
    stance = claim.get("stance") or {}
    return {
        "claim_id": claim["claim_id"],
        "article_id": claim["article_id"],
        "article_title": article.get("title"),
        "text": claim["text"],
        "kind": claim["kind"],
        "speaker": claim["speaker"]["name"] or claim["speaker"]["type"],
        "supplier": transfer.get("supplier"),
        "recipient": transfer.get("recipient"),
        "stance": stance.get("label"),
        "score": stance.get("score"),
        "certainty": claim["certainty"],
        "status": claim["review"]["status"],
    }


def facets(claims: list[dict]) -> dict[str, list[list]]:
    """Values (with counts) for each filter's drop-down, most frequent first."""
    result = {}
    for name, read in FILTERS.items():
        counts: Counter = Counter()
        for claim in claims:
            value = read(claim)
            for v in value if isinstance(value, list) else [value]:
                if v is not None:
                    counts[str(v)] += 1
        result[name] = [[value, count] for value, count in counts.most_common()]
    return result
