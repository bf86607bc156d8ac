"""`claims bench`: throughput of the full pipeline beside raw spaCy, per stage, with peak memory."""

from __future__ import annotations

import json
import random
import resource
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from pipeline.ingest.formats import article_from_lines
from pipeline.settings import PROJECT_DIR

MIN_WORDS, MAX_WORDS = 600, 1200
SEED = 7


def synthetic_corpus(source_dir: Path, out_dir: Path, *, n: int) -> list[Path]:
    """N EDM-sized articles (600-1,200 words) recombined from our corpus's paragraphs, deterministically."""
    rng = random.Random(SEED)
    paragraphs = []
    for path in sorted(source_dir.glob("*.txt")):
        article = article_from_lines(path.read_text(encoding="utf-8").splitlines(), input_name=str(path))
        paragraphs += [article.text[s.start:s.end] for s in article.sections if s.kind == "body"]
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        target, body, words = rng.randint(MIN_WORDS, MAX_WORDS), [], 0
        while words < target:
            paragraph = rng.choice(paragraphs)
            body.append(paragraph)
            words += len(paragraph.split())
        header = [f"Benchmark Article {index}", f"Published: 20{rng.randint(15, 23)}-{rng.randint(1, 12):02d}-15",
                  f"Publication: Eurasia Daily Monitor Volume: {rng.randint(12, 20)} Issue: {rng.randint(1, 190)}", "By:"]
        path = out_dir / f"bench-{index:05d}.txt"
        path.write_text("\n".join(header + body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class Stage:
    seconds: float = 0.0
    articles: int = 0
    words: int = 0

    def as_dict(self) -> dict:
        return {"seconds": round(self.seconds, 3), "articles": self.articles,
                "articles_per_second": round(self.articles / self.seconds, 2) if self.seconds else None,
                "words_per_second": round(self.words / self.seconds, 1) if self.seconds else None}


@dataclass
class Timer:
    stages: dict[str, Stage] = field(default_factory=dict)

    def add(self, name: str, seconds: float, *, articles: int, words: int) -> None:
        stage = self.stages.setdefault(name, Stage())
        stage.seconds += seconds
        stage.articles += articles
        stage.words += words


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def raw_spacy(texts: list[str], *, batch_size: int) -> Stage:
    import spacy

    from pipeline.settings import get_settings

    nlp = spacy.load(get_settings().base_model)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return Stage(time.perf_counter() - started, len(texts), sum(len(t.split()) for t in texts))


def staged_pipeline(paths: list[Path], *, batch_size: int) -> tuple[Timer, int]:
    """The flow's stages run by hand, each timed: read, spaCy + components, records, claims, stance, write."""
    from pipeline.extract.claims import article_claims
    from pipeline.extract.lexicons import load_lexicons
    from pipeline.extract.records import article_record
    from pipeline.ingest import read_input
    from pipeline.nlp.loading import load_nlp, model_refs
    from pipeline.stance.apply import add_stance
    from pipeline.stance.model import load_stance_model

    nlp, lexicons, stance = load_nlp(), load_lexicons(), load_stance_model()
    models = [*model_refs(nlp), lexicons.ref, stance.ref]
    timer, claims_total = Timer(), 0
    for start in range(0, len(paths), batch_size):
        batch = paths[start:start + batch_size]
        clock = time.perf_counter()
        articles = [a for path in batch for a in read_input(path, max_bytes=10_000_000)]
        words = sum(len(a.text.split()) for a in articles)
        timer.add("read", time.perf_counter() - clock, articles=len(articles), words=words)
        clock = time.perf_counter()
        docs = list(nlp.pipe([a.text for a in articles], batch_size=batch_size))
        timer.add("spacy+components", time.perf_counter() - clock, articles=len(articles), words=words)
        clock = time.perf_counter()
        records = [article_record(doc, a, run_id="bench", models=models) for doc, a in zip(docs, articles)]
        timer.add("records", time.perf_counter() - clock, articles=len(articles), words=words)
        clock = time.perf_counter()
        claims = [article_claims(doc, record, lexicons)[0] for doc, record in zip(docs, records)]
        timer.add("claims", time.perf_counter() - clock, articles=len(articles), words=words)
        clock = time.perf_counter()
        add_stance(stance, list(zip(docs, claims)))
        claims_total += sum(len(c) for c in claims)
        timer.add("stance", time.perf_counter() - clock, articles=len(articles), words=words)
        clock = time.perf_counter()
        for record, claim_list in zip(records, claims):
            record.model_dump_json()
            for claim in claim_list:
                claim.model_dump_json()
        timer.add("serialize", time.perf_counter() - clock, articles=len(articles), words=words)
    return timer, claims_total


def run_bench(*, n: int, corpus_dir: Path | None, out_dir: Path, work_dir: Path, batch_size: int) -> dict:
    from pipeline.flows import extract_articles

    source = PROJECT_DIR / "corpus" / "articles"
    paths = sorted(corpus_dir.glob("*.txt")) if corpus_dir else synthetic_corpus(source, work_dir / "in", n=n)
    texts = [article_from_lines(p.read_text(encoding="utf-8").splitlines(), input_name=str(p)).text for p in paths]
    words = sum(len(t.split()) for t in texts)
    baseline = raw_spacy(texts, batch_size=batch_size)
    timer, claims = staged_pipeline(paths, batch_size=batch_size)
    # Orchestration overhead: a flow call's wall time minus the flow's own work. The first call in a process
    # also starts Prefect's temporary API; later calls pay only the bookkeeping.
    clock = time.perf_counter()
    one = extract_articles([str(paths[0])], out_dir=str(work_dir / "one"), batch_size=batch_size)
    first_overhead = time.perf_counter() - clock - one.seconds
    clock = time.perf_counter()
    summary = extract_articles([str(p) for p in paths], out_dir=str(work_dir / "out"), batch_size=batch_size)
    flow_wall = time.perf_counter() - clock
    full = Stage(summary.seconds, summary.articles, words)
    stance_stage = timer.stages["stance"]
    report = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "articles": len(paths), "words": words, "claims": claims, "batch_size": batch_size, "processes": 1,
        "raw_spacy": baseline.as_dict(),
        "full_flow": {**full.as_dict(), "wall_seconds": round(flow_wall, 2)},
        "stages": {name: stage.as_dict() for name, stage in timer.stages.items()},
        "stance_claims_per_second": round(claims / stance_stage.seconds, 1) if stance_stage.seconds else None,
        "throughput_ratio": round(baseline.seconds / full.seconds, 3) if full.seconds else None,
        "orchestration_overhead_seconds": {"first_run_in_process": round(first_overhead, 2),
                                           "per_run": round(flow_wall - summary.seconds, 2)},
        "peak_rss_mb": peak_rss_mb(),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"bench-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    report["path"] = str(path)
    return report
