"""One-off articles written in a test: a title, a publication date and the body, one paragraph per line."""

from __future__ import annotations

from pipeline.extract.records import article_record
from pipeline.ingest.formats import article_from_lines
from pipeline.nlp.loading import model_refs


def parsed_article(nlp, body: str, published: str = "2018-03-28"):
    """The article's Doc and its record, as the flow makes them."""
    article = article_from_lines(["Title", f"Published: {published}", *body.split("\n")], input_name="t.txt")
    doc = nlp(article.text)
    return doc, article_record(doc, article, run_id="test", models=model_refs(nlp))
