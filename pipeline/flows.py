"""Prefect flows and tasks: thin wrappers that orchestrate the library modules."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from pipeline.prefect_env import configure_prefect, shared_api

configure_prefect()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.utilities.annotations import opaque  # noqa: E402

from pipeline.errors import ClaimsError, DaskUnavailable  # noqa: E402
from pipeline.ingest import SourceArticle, discover_inputs, read_input  # noqa: E402
from pipeline.memory import tune_malloc  # noqa: E402
from pipeline.output.jsonl import AtomicJsonlWriter, write_json_atomic  # noqa: E402
from pipeline.output.lock import RunLock  # noqa: E402
from pipeline.output.runs import RunFolder, clean_incomplete_runs, new_run_id  # noqa: E402
from pipeline.schema import Problem, RunSummary  # noqa: E402
from pipeline.settings import get_settings  # noqa: E402
from pipeline.tagging import Tagged, parse_articles, score_stance, tag_articles  # noqa: E402
from pipeline.web.collect import WebArticle, collect  # noqa: E402
from pipeline.web.fetch import Fetcher  # noqa: E402
from pipeline.web.sources import Source, is_sources_file, is_url, load_sources  # noqa: E402
from pipeline.web.state import STATE_FILE, PendingRun, StateStore, now  # noqa: E402


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


@dataclass
class Inputs:
    """What a run was asked to read: local paths, and web sources (URLs and sources files)."""

    local: list[str]
    web: list[Source]


def split_inputs(sources: list[str]) -> tuple[Inputs, list[Problem]]:
    local, web, problems = [], [], []
    for value in sources:
        if is_url(value):
            web.append(Source(name=value, url=value))
        elif is_sources_file(value):
            try:
                web.extend(load_sources(Path(value)))
            except ClaimsError as err:
                problems.append(as_problem(err, "discover"))
        else:
            local.append(value)
    return Inputs(local, web), problems


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


# HTTP retries with back-off live in the fetcher, per request; retrying the whole task would refetch everything.
@task(name="fetch-web-articles", cache_policy=NO_CACHE)
def fetch_web(sources: list[Source], state: StateStore, pending: PendingRun) -> tuple[list[WebArticle], list[Problem]]:
    settings = get_settings()
    found, problems = [], []
    with Fetcher(settings) as fetcher:
        for item in collect(sources, fetcher=fetcher, state=state, pending=pending, max_pages=settings.listing_max_pages):
            if isinstance(item, ClaimsError):
                problems.append(as_problem(item, "read"))
            else:
                found.append(item)
    return found, problems


@task(name="tag-articles", cache_policy=NO_CACHE)
def tag_batch(articles: list[SourceArticle], run_id: str, year: int | None,
              batch_size: int) -> list[Tagged | Problem]:
    """Parse and score a batch in one task: on Dask, where the batch then stays on one worker."""
    tune_malloc()  # a Dask worker is not started by `claims`; late, but the threshold counts from now on
    results = list(tag_articles(articles, run_id=run_id, year=year, batch_size=batch_size))
    for result in results:  # the stance model's context is spent: not worth sending back to the flow
        if isinstance(result, Tagged):
            result.sentences = []
    return results


@task(name="parse-articles", cache_policy=NO_CACHE)
def parse_batch(articles: list[SourceArticle], run_id: str, year: int | None,
                batch_size: int) -> list[Tagged | Problem]:
    return parse_articles(articles, run_id=run_id, year=year, batch_size=batch_size)


@task(name="score-stance", cache_policy=NO_CACHE)
def stance_batch(tagged: list[Tagged | Problem]) -> list[Tagged | Problem]:
    """A task of its own so that, in one process, the encoder scores one batch while spaCy parses the next.
    spaCy keeps one core busy, so the encoder takes one thread, the other core."""
    with torch_threads(1):
        return score_stance(tagged)


@contextmanager
def torch_threads(count: int) -> Iterator[None]:
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(min(count, before))
    try:
        yield
    finally:
        torch.set_num_threads(before)


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


class RunWriter:
    """The run's three JSONL files, written atomically, and the tally of what went into them."""

    def __init__(self, run: RunFolder, tally: Tally, logger):
        self.run, self.tally, self.logger = run, tally, logger
        self.outputs = [AtomicJsonlWriter(run.articles), AtomicJsonlWriter(run.claims), AtomicJsonlWriter(run.errors)]

    def __enter__(self) -> RunWriter:
        for output in self.outputs:
            output.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        for output in self.outputs:
            output.__exit__(*exc)

    def problem(self, found: Problem) -> None:
        self.logger.warning("%s: %s", found.input, found.message)
        self.outputs[2].write(found)
        self.tally.problems.append(found)

    def tagged(self, result: Tagged) -> None:
        self.tally.count(result)
        self.outputs[0].write(result.article)
        for claim in result.claims:
            self.outputs[1].write(claim)


def summarize(run: RunFolder, tally: Tally, *, started: datetime, clock: float) -> RunSummary:
    return RunSummary(
        run_id=run.run_id,
        # Nothing new on the web is a normal outcome; failing to process anything that was there is not.
        status="failed" if not tally.articles and tally.problems else "completed",
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


def record_web_outcomes(results: list[Tagged | Problem], web: dict[str, WebArticle], pending: PendingRun) -> None:
    for result in results:
        url = result.input if isinstance(result, Problem) else result.article.input
        item = web.get(url)
        if item is None:
            continue
        if isinstance(result, Problem):
            pending.page(url, outcome="failed", message=result.message)
            pending.count(item.source, "failed")
            continue
        record = result.article
        pending.page(url, outcome="processed", processed_at=now(), text_sha256=record.text_sha256,
                     article_id=record.article_id, version=record.version, message=None)
        pending.versions.append({"article_id": record.article_id, "version": record.version, "url": url,
                                 "text_sha256": record.text_sha256, "previous_sha256": record.previous_text_sha256})
        pending.count(item.source, "new")


@flow(name="extract-articles", log_prints=False)
def extract_articles(sources: list[str], out_dir: str | None = None, year: int | None = None,
                     batch_size: int | None = None, in_flight: int = 2) -> RunSummary:
    """Read articles from files, folders, URLs and sources files; tag them; write the run's JSONL files.

    Each batch is parsed (spaCy, records, claims) by one task and scored for stance by a second. Batches are
    submitted to the flow's task runner, at most ``in_flight`` at a time, and written in submission order, so
    the output does not depend on the runner. With two in flight in one process, the encoder scores one batch
    while spaCy parses the next (120 articles: 63.5 s one after the other, 50.4 s so; see the README).
    Web pages already processed and unchanged are skipped; the incremental state is committed only after
    the run's files are in place, so a killed run is simply done again."""
    settings = get_settings()
    logger = get_run_logger()
    tune_malloc()  # `claims` did it at start-up; this is for deployments' runs
    batch_size = batch_size or settings.batch_size
    root = Path(out_dir) if out_dir else settings.output_dir
    started, clock = datetime.now(timezone.utc), time.monotonic()
    with RunLock(root):
        for leftover in clean_incomplete_runs(root):
            logger.warning("removed %s left by an interrupted run", leftover)
        run = RunFolder(root, new_run_id()).create()
        tally, pending = Tally(), PendingRun()
        inputs, input_problems = split_inputs(sources)
        paths, problems = discover(inputs.local) if inputs.local else ([], [])
        state = StateStore(root / STATE_FILE) if inputs.web else None  # local runs keep no web state
        web_articles, web_problems = fetch_web(inputs.web, state, pending) if inputs.web else ([], [])
        web = {item.article.input: item for item in web_articles}
        tally.inputs = len(paths) + len(web_articles)
        with RunWriter(run, tally, logger) as out:
            for found in input_problems + problems + web_problems:
                out.problem(found)
            queue = TagQueue(out, in_flight, on_results=lambda results: record_web_outcomes(results, web, pending),
                             lanes=in_one_process())
            for number, path_batch in enumerate(batches(paths, batch_size), start=1):
                articles, read_problems = read_batch(path_batch, settings.max_input_bytes)
                queue.submit(read_problems, unique_articles(articles, tally), run.run_id, year, batch_size,
                             note=f"batch {number}: {min(number * batch_size, len(paths))}/{len(paths)} files read")
            for web_batch in batches(web_articles, batch_size):
                queue.submit([], unique_articles([item.article for item in web_batch], tally), run.run_id, year,
                             batch_size, note="web batch")
            queue.drain()
        summary = summarize(run, tally, started=started, clock=clock)
        write_json_atomic(run.summary, summary.model_dump())
        if state is not None:
            state.commit(pending, run_id=run.run_id)
        if summary.status == "completed":
            run.mark_latest()
    return summary


def in_one_process() -> bool:
    """Whether the flow's tasks run in this process's threads (Prefect's default runner), not on Dask."""
    from prefect.context import FlowRunContext
    from prefect.task_runners import ThreadPoolTaskRunner

    context = FlowRunContext.get()
    return context is not None and isinstance(context.task_runner, ThreadPoolTaskRunner)


class TagQueue:
    """Tagging tasks in flight, written back in the order they were submitted; memory stays bounded by
    ``limit`` batches whatever the corpus size.

    In ``lanes`` (one process), batches are parsed one after another and scored one after another, so the
    encoder works on batch k while spaCy parses batch k + 1 and neither competes with itself. On Dask every
    batch runs as soon as a worker is free."""

    def __init__(self, out: RunWriter, limit: int, on_results, *, lanes: bool = False):
        self.out, self.limit, self.on_results = out, max(1, limit), on_results
        self.pending: deque = deque()
        self.lanes = lanes
        self.last_parsed = self.last_scored = None

    def submit(self, read_problems: list[Problem], articles: list[SourceArticle], run_id: str, year: int | None,
               batch_size: int, *, note: str) -> None:
        # ``opaque``: Prefect would otherwise walk every record and claim of the parsed batch looking for
        # futures (seconds per batch); nothing in them is one. (Dask's runner does not unwrap it.)
        future = None
        if articles and self.lanes:
            parsed = parse_batch.submit(articles, run_id, year, batch_size, wait_for=self.after(self.last_parsed))
            future = stance_batch.submit(opaque(parsed), wait_for=self.after(self.last_scored))
            self.last_parsed, self.last_scored = parsed, future
        elif articles:
            future = tag_batch.submit(articles, run_id, year, batch_size)
        self.pending.append((read_problems, future, note))
        while len(self.pending) >= self.limit:
            self._write_oldest()

    @staticmethod
    def after(previous) -> list:
        return [previous] if previous is not None else []

    def drain(self) -> None:
        while self.pending:
            self._write_oldest()

    def _write_oldest(self) -> None:
        read_problems, future, note = self.pending.popleft()
        results = future.result() if future is not None else []
        self.on_results(results)
        write_results(self.out, read_problems + results)
        self.out.logger.info("%s, %s articles written", note, self.out.tally.articles)


def task_runner(*, dask_address: str | None = None, dask_workers: int | None = None):
    """Prefect's default runner, or Dask: an existing cluster by address, or a local one of worker processes.
    Each Dask worker is a long-lived process, so it loads the models once (they are cached per process)."""
    if not dask_address and not dask_workers:
        return None
    from prefect_dask import DaskTaskRunner

    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(cluster_kwargs=local_cluster_kwargs(dask_workers))


def local_cluster_kwargs(workers: int) -> dict:
    """A local Dask cluster of ``workers`` single-threaded processes on loopback: spaCy and the encoder each
    keep a core busy, so one thread per process."""
    return {"n_workers": workers, "processes": True, "threads_per_worker": 1, "host": "127.0.0.1",
            "dashboard_address": None}


def run_extraction(sources: list[str], *, out_dir: str | None = None, year: int | None = None,
                   batch_size: int | None = None, dask_address: str | None = None,
                   dask_workers: int | None = None) -> RunSummary:
    """``extract_articles`` on the chosen task runner; on Dask, two batches per worker in flight."""
    runner = task_runner(dask_address=dask_address, dask_workers=dask_workers)
    if runner is None:
        return extract_articles(sources, out_dir=out_dir, year=year, batch_size=batch_size)
    workers = dask_workers or scheduler_workers(dask_address)
    in_flight = 2 * max(1, workers)
    with shared_api():
        return extract_articles.with_options(task_runner=runner)(sources, out_dir=out_dir, year=year,
                                                                 batch_size=batch_size, in_flight=in_flight)


def scheduler_workers(address: str, *, timeout: float = 5.0) -> int:
    """How many workers the cluster has now; fails at once, in one line, when the scheduler cannot be reached
    (not after the run has started)."""
    from distributed import Client

    try:
        with Client(address, timeout=timeout) as client:
            return len(client.scheduler_info()["workers"])
    except (OSError, TimeoutError, ValueError) as err:
        raise DaskUnavailable(address, f"cannot reach the Dask scheduler: {err}") from None


def write_results(out: RunWriter, results: list[Tagged | Problem]) -> None:
    for result in results:
        if isinstance(result, Problem):
            out.problem(result)
        else:
            out.tagged(result)
