"""Tag articles in batches with the spaCy pipeline, isolating a document that breaks it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipeline.errors import TaggingFailed
from pipeline.extract.claims import article_claims, trained_models
from pipeline.extract.lexicons import load_lexicons
from pipeline.extract.records import article_record
from pipeline.ingest.article import SourceArticle
from pipeline.nlp.loading import load_nlp, model_refs
from pipeline.schema import ArticleRecord, ClaimRecord, ModelRef, Problem
from pipeline.stance.apply import add_stance, article_sentences
from pipeline.stance.model import load_stance_model

log = logging.getLogger(__name__)


@dataclass
class Tagged:
    article: ArticleRecord
    claims: list[ClaimRecord]
    sentences: list[str] = field(default_factory=list, repr=False)  # what the stance model reads as context


def load_models() -> None:
    """Load everything tagging uses, once per process (each loader caches): for warming up Dask workers."""
    load_nlp()("Warm-up (Tert.am, March 14).")  # the first document pays for lazy initialisation
    load_lexicons()
    trained_models()
    load_stance_model().embed(["warm-up"])


def provenance_models(nlp, lexicons, stance_model) -> list[ModelRef]:
    """Every model a claim passes through, in the order the flow applies them: what each record's provenance names."""
    return [*model_refs(nlp), lexicons.ref, *(model.ref for model in trained_models()), stance_model.ref]


def tag_articles(articles: list[SourceArticle], *, run_id: str, year: int | None = None,
                 batch_size: int = 32) -> Iterator[Tagged | Problem]:
    """Parse, extract and score stance: the two halves below, one after the other."""
    yield from score_stance(parse_articles(articles, run_id=run_id, year=year, batch_size=batch_size))


def parse_articles(articles: list[SourceArticle], *, run_id: str, year: int | None = None,
                   batch_size: int = 32) -> list[Tagged | Problem]:
    """spaCy and our components, then the article records and their claims (stance still unset)."""
    nlp, lexicons, stance_model = load_nlp(), load_lexicons(), load_stance_model()
    models = provenance_models(nlp, lexicons, stance_model)
    try:
        docs = list(nlp.pipe((article.text for article in articles), batch_size=batch_size))
    except Exception:  # one bad document must not cost the batch: retry one by one to find it
        log.warning("batch of %s articles failed in spaCy; retrying one at a time", len(articles))
        docs = [tag_one(nlp, article) for article in articles]
    results: list[Tagged | Problem] = []
    for article, doc in zip(articles, docs):
        if isinstance(doc, Problem):
            results.append(doc)
            continue
        try:
            record = article_record(doc, article, run_id=run_id, models=models, year_fallback=year)
            claims, problems = article_claims(doc, record, lexicons)
            record.errors.extend(problems)
            results.append(Tagged(record, claims, article_sentences(doc)))
        except Exception as err:  # a record that fails the schema is reported, never written half-valid
            results.append(problem(article, f"could not build a valid record: {type(err).__name__}: {err}"))
    return results


def score_stance(results: list[Tagged | Problem]) -> list[Tagged | Problem]:
    """Stance and direction for every claim of the batch, in one encoder pass."""
    tagged = [result for result in results if isinstance(result, Tagged)]
    add_stance(load_stance_model(), [(result.sentences, result.claims) for result in tagged])
    return results


def tag_one(nlp, article: SourceArticle):
    try:
        return nlp(article.text)
    except Exception as err:
        return problem(article, f"spaCy failed on this article: {type(err).__name__}: {err}")


def problem(article: SourceArticle, message: str) -> Problem:
    err = TaggingFailed(article.input, message)
    return Problem(input=article.input, code=err.code, message=err.message, stage="tag")
