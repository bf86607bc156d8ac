"""Analyst review: a local web app over a run's claims, the reviewed dataset out, and an HTML report.

The machine output (``claims.jsonl``) is never modified: human decisions are appended to
``reviews.jsonl`` beside it and applied on read.
"""
