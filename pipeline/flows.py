"""Prefect flows and tasks: thin wrappers that orchestrate the library modules."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from pipeline.prefect_env import configure_prefect

configure_prefect()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from pipeline.errors import ClaimsError  # noqa: E402
from pipeline.ingest import SourceArticle, discover_inputs, read_input  # noqa: E402
from pipeline.output.jsonl import AtomicJsonlWriter, write_json_atomic  # noqa: E402
from pipeline.output.runs import RunFolder, new_run_id  # noqa: E402
from pipeline.schema import Problem, RunSummary  # noqa: E402
from pipeline.settings import get_settings  # noqa: E402
from pipeline.tagging import Tagged, tag_articles  # noqa: E402


def as_problem(err: ClaimsError, stage: str) -> Problem:
    return Problem(input=err.input_name, code=err.code, message=err.message, stage=stage)


@dataclass
class Tally:
    inputs: int = 0
    articles: int = 0
    duplicates: int = 0
    entities: int = 0
    citations: int = 0
    crossrefs: int = 0
    claims: int = 0
    problems: list[Problem] = field(default_factory=list)
    seen_hashes: set[str] = field(default_factory=set)

    def count(self, tagged: Tagged) -> None:
        self.articles += 1
        self.entities += len(tagged.article.entities)
        self.citations += len(tagged.article.citations)
        self.crossrefs += len(tagged.article.crossrefs)
        self.claims += len(tagged.claims)


# Tasks pass large in-memory objects: input hashing for caching would cost more than it saves.
@task(name="discover-inputs", cache_policy=NO_CACHE)
def discover(sources: list[str]) -> tuple[list[Path], list[Problem]]:
    paths, problems = [], []
    for found in discover_inputs(sources):
        if isinstance(found, ClaimsError):
            problems.append(as_problem(found, "discover"))
        else:
            paths.append(found)
    return paths, problems


@task(name="read-articles", cache_policy=NO_CACHE)
def read_batch(paths: list[Path], max_bytes: int) -> tuple[list[SourceArticle], list[Problem]]:
    articles, problems = [], []
    for path in paths:
        for item in read_input(path, max_bytes=max_bytes):
            if isinstance(item, ClaimsError):
                problems.append(as_problem(item, "read"))
            else:
                articles.append(item)
    return articles, problems


@task(name="tag-articles", cache_policy=NO_CACHE)
def tag_batch(articles: list[SourceArticle], run_id: str, year: int | None,
              batch_size: int) -> list[Tagged | Problem]:
    return list(tag_articles(articles, run_id=run_id, year=year, batch_size=batch_size))


def batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def unique_articles(articles: Iterable[SourceArticle], tally: Tally) -> list[SourceArticle]:
    """The same text twice in one run is tagged and written once."""
    unique = []
    for article in articles:
        if article.text_sha256 in tally.seen_hashes:
            tally.duplicates += 1
            continue
        tally.seen_hashes.add(article.text_sha256)
        unique.append(article)
    return unique


@flow(name="extract-articles", log_prints=False)
def extract_articles(sources: list[str], out_dir: str | None = None, year: int | None = None,
                     batch_size: int | None = None) -> RunSummary:
    """Read articles from files and folders, tag them, and write ``articles.jsonl`` for the run."""
    settings = get_settings()
    logger = get_run_logger()
    batch_size = batch_size or settings.batch_size
    started, clock = datetime.now(timezone.utc), time.monotonic()
    run = RunFolder(Path(out_dir) if out_dir else settings.output_dir, new_run_id()).create()
    tally = Tally()
    paths, problems = discover(sources)
    tally.inputs = len(paths)
    with AtomicJsonlWriter(run.articles) as articles_out, AtomicJsonlWriter(run.claims) as claims_out, \
            AtomicJsonlWriter(run.errors) as errors_out:
        for found in problems:
            logger.warning("%s: %s", found.input, found.message)
            errors_out.write(found)
            tally.problems.append(found)
        for number, path_batch in enumerate(batches(paths, batch_size), start=1):
            articles, read_problems = read_batch(path_batch, settings.max_input_bytes)
            results = read_problems + tag_batch(unique_articles(articles, tally), run.run_id, year, batch_size)
            for result in results:
                if isinstance(result, Problem):
                    logger.warning("%s: %s", result.input, result.message)
                    errors_out.write(result)
                    tally.problems.append(result)
                else:
                    tally.count(result)
                    articles_out.write(result.article)
                    for claim in result.claims:
                        claims_out.write(claim)
            logger.info("batch %s: %s/%s inputs read, %s articles written",
                        number, min(number * batch_size, len(paths)), len(paths), tally.articles)
    summary = RunSummary(
        run_id=run.run_id,
        status="completed" if tally.articles else "failed",
        started=started.isoformat(),
        finished=datetime.now(timezone.utc).isoformat(),
        seconds=round(time.monotonic() - clock, 2),
        inputs=tally.inputs,
        articles=tally.articles,
        duplicates=tally.duplicates,
        entities=tally.entities,
        citations=tally.citations,
        crossrefs=tally.crossrefs,
        claims=tally.claims,
        errors=tally.problems,
        output_dir=str(run.path),
    )
    write_json_atomic(run.summary, summary.model_dump())
    if tally.articles:
        run.mark_latest()
    return summary
