"""One self-contained HTML report of a run: inline CSS and SVG only, nothing fetched when it is opened."""

from __future__ import annotations

import json
import os
from collections import Counter
from html import escape
from pathlib import Path

from pipeline.review.store import ReviewStore, progress

BAR_COLOUR = "#3d5a80"
STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; color: #1d232a; margin: 24px auto; max-width: 1100px; padding: 0 16px; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #d7dce2; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { border: 1px solid #d7dce2; border-radius: 4px; padding: 8px 14px; min-width: 110px; }
.card b { display: block; font-size: 22px; }
table.matrix { border-collapse: collapse; font-size: 12px; }
table.matrix th, table.matrix td { border: 1px solid #e1e5ea; padding: 4px 8px; text-align: center; }
table.matrix th.row { text-align: right; }
.note { color: #5b6673; font-size: 12px; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
svg text { font: 11px system-ui, sans-serif; fill: #1d232a; }
"""


def bars(items: list[tuple[str, int]], *, width: int = 480, bar_height: int = 18, label_width: int = 170) -> str:
    """A horizontal bar chart as inline SVG."""
    if not items:
        return '<p class="note">nothing to show</p>'
    top = max(count for _, count in items) or 1
    room = width - label_width - 40
    rows = []
    for n, (label, count) in enumerate(items):
        y = n * (bar_height + 4)
        length = max(1, round(room * count / top))
        name = escape(str(label))
        rows.append(f'<text x="{label_width - 6}" y="{y + bar_height - 5}" text-anchor="end">{name}</text>'
                    f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="{BAR_COLOUR}">'
                    f'<title>{escape(str(label))}: {count}</title></rect>'
                    f'<text x="{label_width + length + 4}" y="{y + bar_height - 5}">{count}</text>')
    height = len(items) * (bar_height + 4)
    return f'<svg width="{width}" height="{height}" role="img">{"".join(rows)}</svg>'


def columns(items: list[tuple[str, int]], *, height: int = 180, bar_width: int = 26) -> str:
    """A vertical bar chart (one column per period) as inline SVG."""
    if not items:
        return '<p class="note">no dated articles</p>'
    top = max(count for _, count in items) or 1
    parts = []
    for n, (label, count) in enumerate(items):
        x = 50 + n * (bar_width + 8)
        length = max(1, round((height - 50) * count / top))
        y = height - 40 - length
        parts.append(f'<rect x="{x}" y="{y}" width="{bar_width}" height="{length}" fill="{BAR_COLOUR}">'
                     f'<title>{escape(label)}: {count}</title></rect>'
                     f'<text x="{x + bar_width / 2}" y="{y - 3}" text-anchor="middle">{count}</text>'
                     f'<text x="{x + bar_width / 2}" y="{height - 26}" text-anchor="end" '
                     f'transform="rotate(-45 {x + bar_width / 2} {height - 26})">{escape(label)}</text>')
    width = 60 + len(items) * (bar_width + 8)
    return f'<svg width="{width}" height="{height}" role="img">{"".join(parts)}</svg>'


def matrix(pairs: Counter) -> str:
    """Supplier rows x recipient columns, cells shaded by the number of claims."""
    if not pairs:
        return '<p class="note">no arms-transfer claims with both sides named</p>'
    suppliers = sorted({s for s, _ in pairs}, key=lambda s: -sum(c for (x, _), c in pairs.items() if x == s))
    recipients = sorted({r for _, r in pairs}, key=lambda r: -sum(c for (_, x), c in pairs.items() if x == r))
    top = max(pairs.values())
    head = "".join(f"<th>{escape(r)}</th>" for r in recipients)
    body = []
    for supplier in suppliers:
        cells = []
        for recipient in recipients:
            count = pairs.get((supplier, recipient), 0)
            alpha = 0.12 + 0.75 * count / top
            ink = "#fff" if alpha > 0.45 else "#1d232a"
            shade = f"background: rgba(61, 90, 128, {alpha:.2f}); color: {ink}" if count else ""
            cells.append(f'<td style="{shade}">{count or ""}</td>')
        body.append(f'<tr><th class="row">{escape(supplier)}</th>{"".join(cells)}</tr>')
    return ('<div style="overflow-x: auto"><table class="matrix">'
            f'<tr><th>supplier \u2193 / recipient \u2192</th>{head}</tr>'
            f'{"".join(body)}</table></div>')


def build_report(store: ReviewStore) -> str:
    reviews = store.reviews()
    claims = store.reviewed_claims(reviews)
    kept = [c for c in claims if c["review"]["status"] != "rejected"]
    articles = store.articles
    summary_path = store.run.summary
    summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else {}
    done = progress(reviews, len(claims))

    pairs = Counter()
    for claim in kept:
        transfer = claim.get("arms_transfer") or {}
        if claim["kind"] == "arms_transfer" and transfer.get("supplier") and transfer.get("recipient"):
            pairs[(transfer["supplier"], transfer["recipient"])] += 1
    months = Counter()
    for claim in kept:
        article = articles.get(claim["article_id"], {})
        # Articles dated only by their EDM volume count under the year.
        published, year = article.get("published"), article.get("year")
        months[published[:7] if published else str(year) if year else "undated"] += 1
    outlets = Counter(c["source"] for a in articles.values() for c in a.get("citations", []))
    stance = Counter((c.get("stance") or {}).get("label", "none") for c in kept)
    certainty = Counter(c["certainty"] for c in kept)
    kinds = Counter(c["kind"] for c in kept)

    cards = [("articles", len(articles)), ("claims", len(claims)),
             ("arms transfers", kinds.get("arms_transfer", 0)),
             ("citations", sum(len(a.get("citations", [])) for a in articles.values())),
             ("errors", len(summary.get("errors", []))),
             ("reviewed", f'{done["reviewed"]} / {done["total"]}')]
    card_html = "".join(f'<div class="card"><b>{escape(str(v))}</b>{escape(k)}</div>' for k, v in cards)
    review_items = [(name, done[name]) for name in ("accepted", "corrected", "rejected", "pending")]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Claims report: run {escape(store.run_id)}</title>
<style>{STYLE}</style></head><body>
<h1>Claims report: run {escape(store.run_id)}</h1>
<p class="note">Finished {escape(str(summary.get("finished", "?")))}. Charts count claims with the latest review
applied; rejected claims are left out of every chart but the review progress.</p>
<div class="cards">{card_html}</div>
<h2>Arms transfers: supplier \u2192 recipient</h2>{matrix(pairs)}
<h2>Claims over time (by publication month, or year when only the EDM volume dates an article)</h2>
<div style="overflow-x: auto">{columns(sorted(months.items()))}</div>
<div class="grid">
<div><h2>Most cited outlets</h2>{bars(outlets.most_common(15))}</div>
<div><h2>Claims by kind</h2>{bars(kinds.most_common())}</div>
<div><h2>Stance</h2>{bars(stance.most_common())}</div>
<div><h2>Certainty</h2>{bars(certainty.most_common())}</div>
<div><h2>Review progress</h2>{bars(review_items)}</div>
</div>
</body></html>
"""


def write_report(store: ReviewStore, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(build_report(store), encoding="utf-8")
    os.replace(tmp, out)
    return out
