"""Tag articles in batches with the spaCy pipeline, isolating a document that breaks it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.errors import TaggingFailed
from pipeline.extract.claims import article_claims
from pipeline.extract.lexicons import load_lexicons
from pipeline.extract.records import article_record
from pipeline.ingest.article import SourceArticle
from pipeline.nlp.loading import load_nlp, model_refs
from pipeline.schema import ArticleRecord, ClaimRecord, Problem
from pipeline.stance.apply import add_stance
from pipeline.stance.model import load_stance_model

log = logging.getLogger(__name__)


@dataclass
class Tagged:
    article: ArticleRecord
    claims: list[ClaimRecord]


def tag_articles(articles: list[SourceArticle], *, run_id: str, year: int | None = None,
                 batch_size: int = 32) -> Iterator[Tagged | Problem]:
    nlp, lexicons, stance_model = load_nlp(), load_lexicons(), load_stance_model()
    models = [*model_refs(nlp), lexicons.ref, stance_model.ref]
    try:
        docs = list(nlp.pipe((article.text for article in articles), batch_size=batch_size))
    except Exception:  # one bad document must not cost the batch: retry one by one to find it
        log.warning("batch of %s articles failed in spaCy; retrying one at a time", len(articles))
        docs = [tag_one(nlp, article) for article in articles]
    results: list[Tagged | Problem] = []
    with_claims: list[tuple] = []
    for article, doc in zip(articles, docs):
        if isinstance(doc, Problem):
            results.append(doc)
            continue
        try:
            record = article_record(doc, article, run_id=run_id, models=models, year_fallback=year)
            claims, problems = article_claims(doc, record, lexicons)
            record.errors.extend(problems)
            results.append(Tagged(record, claims))
            with_claims.append((doc, claims))
        except Exception as err:  # a record that fails the schema is reported, never written half-valid
            results.append(problem(article, f"could not build a valid record: {type(err).__name__}: {err}"))
    add_stance(stance_model, with_claims)  # one encoder pass for the whole batch
    yield from results


def tag_one(nlp, article: SourceArticle):
    try:
        return nlp(article.text)
    except Exception as err:
        return problem(article, f"spaCy failed on this article: {type(err).__name__}: {err}")


def problem(article: SourceArticle, message: str) -> Problem:
    err = TaggingFailed(article.input, message)
    return Problem(input=article.input, code=err.code, message=err.message, stage="tag")
