"""The ``claims`` command: a thin layer over the library; errors become one line here and only here."""

from __future__ import annotations

import json
import signal
import sys
import threading
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import ClaimsError
from pipeline.schema import RECORD_TYPES, json_schema


def existing_folder(flag: str, dest: str, default: str, **kwargs):
    """An option naming a folder that must exist, with a default inside the project."""
    return click.option(flag, dest, type=click.Path(exists=True, file_okay=False, path_type=Path),
                        default=Path(default), show_default=True, **kwargs)


def training_options(model: str):
    """The options every `train-*` command takes: the annotated corpus, and the model folder to write."""
    def decorate(command):
        command = click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                               help=f"Model folder (default: models/{model}-<version>).")(command)
        return existing_folder("--corpus", "corpus_dir", "corpus")(command)
    return decorate


class ClaimsGroup(click.Group):
    """Turns our coded errors into one line on stderr and exit status 2, for every command."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ClaimsError as err:
            click.echo(f"error: {err}", err=True)
            ctx.exit(2)


@click.group(cls=ClaimsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claims")
def cli() -> None:
    """Extract cited sources, entities and claims from EDM-style analysis articles."""
    from pipeline.memory import tune_malloc

    tune_malloc()  # before any thread exists: arenas made earlier stay (see pipeline/memory.py)
    if threading.current_thread() is threading.main_thread():
        # A scheduler's or `kill`'s SIGTERM becomes a normal exit, so clean-up runs: without this, Prefect's
        # temporary API server outlives the run as an orphan process.
        signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for run outputs (default: outputs/).")
@click.option("--year", type=int, default=None,
              help="Publication year for articles that state neither a date nor an EDM volume.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=None, help="Articles per tagging batch.")
@click.option("--dask-address", default=None, metavar="tcp://HOST:8786",
              help="Run the tagging tasks on this Dask cluster (its workers need this package installed).")
@click.option("--dask-workers", type=click.IntRange(1, 256), default=None,
              help="Run the tagging tasks on a local Dask cluster of this many worker processes.")
def run(sources: tuple[str, ...], out_dir: Path | None, year: int | None, batch_size: int | None,
        dask_address: str | None, dask_workers: int | None) -> None:
    """Process SOURCES: files or folders of .txt, .html, .json, .jsonl articles; http(s) URLs of feeds or
    article pages; sources files (sources.toml or .yaml) naming feeds, listing pages and pages."""
    from pipeline.flows import run_extraction

    if dask_address and dask_workers:
        raise click.UsageError("give --dask-address (an existing cluster) or --dask-workers (a local one), not both")
    summary = run_extraction(list(sources), out_dir=str(out_dir) if out_dir else None, year=year,
                             batch_size=batch_size, dask_address=dask_address, dask_workers=dask_workers)
    click.echo(
        f"run {summary.run_id}: {summary.articles} articles, {summary.entities} entities, "
        f"{summary.citations} citations, {summary.crossrefs} crossrefs, {summary.claims} claims, "
        f"{len(summary.errors)} errors, "
        f"{summary.seconds:.1f} s"
    )
    for problem in summary.errors:
        click.echo(f"  error: {problem.input}: {problem.message} [{problem.code}]", err=True)
    click.echo(f"output: {summary.output_dir}")
    if summary.status == "failed":
        raise SystemExit(1)


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder whose state to show (default: outputs/).")
@click.option("--sources", "sources_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Sources file, for each source's schedule (next run).")
def status(out_dir: Path | None, sources_file: Path | None) -> None:
    """Per web source: last run, articles seen, new in the last run, failed, next scheduled run."""
    from pipeline.settings import get_settings
    from pipeline.web.status import source_rows

    root = out_dir or get_settings().output_dir
    rows = source_rows(root, sources_file)
    if not rows:
        click.echo(f"no web runs recorded under {root}")
        return
    click.echo(f"{'source':40} {'last run':26} {'seen':>6} {'new':>5} {'failed':>6}  next run")
    for row in rows:
        click.echo(f"{row['source'][:40]:40} {row['last_run'] or '-':26} {row['seen']:6} {row['last_new']:5} "
                   f"{row['failed']:6}  {row['next_run'] or '-'}")


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--cron", default="0 6 * * *", show_default=True, help="When to run (cron, UTC).")
@click.option("--name", default="edm-daily", show_default=True, help="Deployment name.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None)
def serve(sources: tuple[str, ...], cron: str, name: str, out_dir: Path | None) -> None:
    """Serve the extract-articles flow on a schedule (Prefect's flow.serve) until interrupted."""
    from pipeline.flows import extract_articles

    parameters = {"sources": list(sources), "out_dir": str(out_dir) if out_dir else None}
    extract_articles.serve(name=name, cron=cron, parameters=parameters)


@cli.command()
@click.option("--record", type=click.Choice(sorted(RECORD_TYPES)), default="article", show_default=True)
def schema(record: str) -> None:
    """Print the JSON Schema of a record type."""
    click.echo(json.dumps(json_schema(record), indent=2))


@cli.command()
@existing_folder("--gold", "gold_dir", "corpus/gold")
@click.option("--pred", "pred_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("outputs/latest/articles.jsonl"), show_default=True)
@click.option("--claims-gold", "claims_gold_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("corpus/claims-gold"), show_default=True,
              help="Gold claims; scored against claims.jsonl beside --pred when both exist.")
@click.option("--split", type=click.Choice(["all", "dev", "test"]), default="all", show_default=True,
              help="dev: articles used for tuning; test: held out (see corpus/README.md).")
@click.option("--article", "only", multiple=True,
              help="Score only the articles whose name starts with this (repeatable): edm-037, edm-038, ...")
@click.option("--per-article/--no-per-article", default=True, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(gold_dir: Path, pred_path: Path, claims_gold_dir: Path, split: str, only: tuple[str, ...],
             per_article: bool, as_json: bool) -> None:
    """Score predictions against gold annotations: precision, recall, F1."""
    from pipeline.evaluation import evaluate_run, format_report

    report = evaluate_run(gold_dir, pred_path, split=split, claims_gold_dir=claims_gold_dir, only=only)
    click.echo(json.dumps(report, indent=2) if as_json else format_report(report, per_article=per_article))


@cli.command()
@existing_folder("--second", "second_dir", "corpus/agreement",
                 help="A second, blind annotation of some gold articles, in the claims-gold format.")
@existing_folder("--claims-gold", "claims_gold_dir", "corpus/claims-gold")
@existing_folder("--articles", "articles_dir", "corpus/articles")
@click.option("--pred", "pred_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("outputs/latest/articles.jsonl"), show_default=True,
              help="A run whose claims are scored on the same articles, beside the second annotator (if it exists).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def agreement(second_dir: Path, claims_gold_dir: Path, articles_dir: Path, pred_path: Path, as_json: bool) -> None:
    """Score a second annotator against the claims gold with the claims metrics: the human ceiling."""
    from pipeline.evaluation import format_claim_scores
    from pipeline.evaluation_claims import evaluate_agreement, evaluate_claims

    try:
        report = evaluate_agreement(claims_gold_dir, second_dir, articles_dir)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    claims_path = pred_path.with_name("claims.jsonl")
    if pred_path.exists() and claims_path.exists():
        stems = {row["article"] for row in report["articles"]}
        report["system"] = evaluate_claims(claims_gold_dir, pred_path, claims_path, stems=stems)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"second annotation of {len(report['articles'])} articles against the gold")
    click.echo("\n".join(format_claim_scores(report["overall"])))
    if "system" in report:
        click.echo(f"\nthe run {pred_path.parent} on the same articles")
        click.echo("\n".join(format_claim_scores(report["system"]["overall"])))


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True)
def package(out_dir: Path) -> None:
    """Save our spaCy pipeline to OUT so that ``spacy.load(OUT)`` tags exactly as the flow does."""
    from pipeline.nlp.loading import load_nlp

    load_nlp().to_disk(out_dir)
    click.echo(f"saved pipeline to {out_dir}")


def train_chooser(train, corpus_dir: Path, out_dir: Path, summary) -> None:
    """Run a chooser's trainer over the corpus (rules, spaCy and lexicons as the flow has them), with its
    progress on stderr and ``summary(metrics)`` on stdout."""
    from pipeline.extract.lexicons import load_lexicons
    from pipeline.nlp.loading import load_nlp

    metrics = train(corpus_dir, out_dir, nlp=load_nlp(), lexicons=load_lexicons(),
                    progress=lambda message: click.echo(message, err=True))
    click.echo(summary(metrics))
    click.echo(f"saved {out_dir} in {metrics['training_seconds']} s")


@cli.command("train-sides")
@training_options("sides")
def train_sides_command(corpus_dir: Path, out_dir: Path | None) -> None:
    """Rebuild the side chooser (supplier and recipient of each transfer) from the dev articles' gold claims."""
    from pipeline.extract.side_model import default_sides_dir
    from pipeline.extract.train_sides import train_sides

    train_chooser(train_sides, corpus_dir, out_dir or default_sides_dir(), lambda metrics: (
        f"pair accuracy over {metrics['frames']} frames, cross-validated by writer: rules "
        f"{metrics['rules_pair_accuracy']}, side chooser {metrics['chosen']['cross_validated_pair_accuracy']} "
        f"({metrics['chosen']['hidden_units']} hidden units, threshold {metrics['chosen']['threshold']})"))


@cli.command("train-status")
@training_options("status")
def train_status_command(corpus_dir: Path, out_dir: Path | None) -> None:
    """Rebuild the status chooser (how far each transfer got) from the dev articles' gold claims."""
    from pipeline.extract.status_model import default_status_dir
    from pipeline.extract.train_status import train_status

    train_chooser(train_status, corpus_dir, out_dir or default_status_dir(), lambda metrics: (
        f"status accuracy over {metrics['frames']} frames, cross-validated by writer: rules "
        f"{metrics['rules_accuracy']}, status chooser {metrics['chosen']['cross_validated_accuracy']} "
        f"(weight decay {metrics['chosen']['weight_decay']}, margin {metrics['chosen']['margin']})"))


@cli.command("train-kind")
@training_options("kind")
def train_kind_command(corpus_dir: Path, out_dir: Path | None) -> None:
    """Rebuild the kind chooser (transfer, statement, statistic, assessment, other) from the dev articles' gold
    claims."""
    from pipeline.extract.kind_model import default_kind_dir
    from pipeline.extract.train_kind import train_kind

    train_chooser(train_kind, corpus_dir, out_dir or default_kind_dir(), lambda metrics: (
        f"kind accuracy over {metrics['claims']} claims, cross-validated by writer: rules "
        f"{metrics['rules_accuracy']}, kind chooser {metrics['chosen']['cross_validated_accuracy']} "
        f"(weight decay {metrics['chosen']['weight_decay']}, margins {metrics['chosen']['margin']} / "
        f"{metrics['chosen']['margin_to_transfer']} to a transfer)"))


@cli.command("train-stance")
@training_options("stance")
def train_stance_command(corpus_dir: Path, out_dir: Path | None) -> None:
    """Rebuild the stance model from the annotated claims (fixed seeds) and write its metrics."""
    from pipeline.nlp.loading import load_nlp
    from pipeline.stance.model import default_model_dir
    from pipeline.stance.train import train_stance

    out_dir = out_dir or default_model_dir()
    metrics = train_stance(corpus_dir, out_dir, nlp=load_nlp(), progress=lambda message: click.echo(message, err=True))
    for split in ("dev", "test"):
        report = metrics["splits"][split]["stance"]
        click.echo(f"{split}: model macro-F1 {report['model']['macro_f1']:.3f} (disputes F1 "
                   f"{report['model']['f1']['disputes']:.3f}, ECE {report['model']['ece']:.3f}); "
                   f"lexicon {report['lexicon']['macro_f1']:.3f}; majority {report['majority']['macro_f1']:.3f}; "
                   f"direction accuracy {metrics['splits'][split]['direction']['model_accuracy']}")
    click.echo(f"saved {out_dir} in {metrics['training_seconds']} s")


@cli.command("evaluate-stance")
@existing_folder("--corpus", "corpus_dir", "corpus")
@click.option("--model", "model_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Stance model folder (default: the packaged one), e.g. an earlier models/stance-<version>.")
@click.option("--split", type=click.Choice(["all", "train", "dev", "test"]), default="test", show_default=True,
              help="The stance model's split (corpus/splits.json) to score.")
@click.option("--article", "only", multiple=True,
              help="Score only the articles whose name starts with this (repeatable): edm-205, edm-206, ...")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate_stance(corpus_dir: Path, model_dir: Path | None, split: str, only: tuple[str, ...], as_json: bool) -> None:
    """Score a stance model on gold claims (the gold speaker, certainty and status as its inputs)."""
    from pipeline.nlp.loading import load_nlp
    from pipeline.stance.model import default_model_dir
    from pipeline.stance.scoring import chosen_stems, score_stance_model

    stems = chosen_stems(corpus_dir, split, only)
    report = score_stance_model(model_dir or default_model_dir(), corpus_dir, stems, nlp=load_nlp())
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    stance, direction = report["stance"], report["direction"]
    f1 = ", ".join(f"{label} {value:.3f}" for label, value in stance["model"]["f1"].items())
    click.echo(f"{report['model']} on {len(stems)} articles, {stance['examples']} claims: macro-F1 "
               f"{stance['model']['macro_f1']:.3f} ({f1}; ECE {stance['model']['ece']:.3f}); lexicon "
               f"{stance['lexicon']['macro_f1']:.3f}; majority {stance['majority']['macro_f1']:.3f}; direction "
               f"accuracy {direction['model_accuracy']} over {direction['examples']} transfers")


@cli.command()
@click.option("--n", "count", type=click.IntRange(1, 100_000), default=500, show_default=True,
              help="Articles to generate (600-1,200 words each) when no --corpus is given.")
@click.option("--corpus", "corpus_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Benchmark these .txt articles instead of generated ones.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs/bench"),
              show_default=True)
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True)
@click.option("--processes", default="1,2", show_default=True,
              help="Process counts to compare: raw spaCy n_process and the flow on a local Dask cluster.")
@click.option("--only-flow", is_flag=True, help="Measure only the single-process flow (memory runs at large N).")
@click.option("--repeat", default=1, show_default=True, type=click.IntRange(1),
              help="Time raw spaCy, the flow and each Dask cluster this many times, in turns, and keep each "
                   "one's fastest pass.")
def bench(count: int, corpus_dir: Path | None, out_dir: Path, batch_size: int, processes: str,
          only_flow: bool, repeat: int) -> None:
    """Measure throughput and memory: raw spaCy beside our full flow, per stage and per process count."""
    import tempfile

    from pipeline.bench import run_bench

    try:
        counts = tuple(int(value) for value in processes.split(",") if value.strip())
    except ValueError:
        raise click.BadParameter(f"expected numbers like 1,2; got {processes!r}", param_hint="--processes") from None
    if not counts or min(counts) < 1:
        raise click.BadParameter("process counts must be 1 or more", param_hint="--processes")
    with tempfile.TemporaryDirectory(prefix="claims-bench-") as work:
        report = run_bench(n=count, corpus_dir=corpus_dir, out_dir=out_dir, work_dir=Path(work),
                           batch_size=batch_size, processes=counts, only_flow=only_flow,
                           repeat=repeat)
    click.echo(f"{report['articles']} articles, {report['words']} words; {report['machine']['cpus']} CPUs")
    click.echo(f"{'stage':30} {'seconds':>9} {'articles/s':>11} {'words/s':>10}")
    rows = {"full flow (1 process)": report["full_flow"]}
    if not only_flow:
        rows = {"raw spaCy (1 process)": report["raw_spacy"], **rows, **report["stages"]}
        for n, figures in report["processes"].items():
            if n != "1":  # the one-process figure is the first row already
                rows[f"raw spaCy ({n} processes)"] = figures["raw_spacy"]
            rows[f"flow on Dask ({n} workers)"] = figures["flow_on_dask"]
    for name, stage in rows.items():
        click.echo(f"{name:30} {stage['seconds']:9.2f} {stage['articles_per_second'] or 0:11.2f} "
                   f"{stage['words_per_second'] or 0:10.0f}")
    overhead = report["orchestration_overhead_seconds"]
    if not only_flow:
        click.echo(f"throughput ratio (full flow / raw spaCy, 1 process): {report['throughput_ratio']}")
        for n, figures in report["processes"].items():
            speedup = next((v for k, v in figures.items() if k.startswith("flow_speedup")), None)
            raw_speedup = next((v for k, v in figures.items() if k.startswith("raw_spacy_speedup")), None)
            click.echo(f"{n} processes: ratio {figures['throughput_ratio']}"
                       + (f", flow speed-up {speedup}x (raw spaCy {raw_speedup}x)" if speedup else "")
                       + f" (cluster start and model loading before timing: {figures['cluster_start_seconds']} s)")
        click.echo(f"stance: {report['stance_claims_per_second']} claims/s")
    click.echo(f"peak RSS {report['peak_rss_mb']} MB (largest worker {report['peak_rss_children_mb']} MB); "
               f"orchestration overhead {overhead['per_run']} s per run ({overhead['first_run_in_process']} s "
               "for the first, which starts Prefect's temporary API"
               + (f"; {overhead['first_run_with_server']} s against a running prefect server)"
                  if "first_run_with_server" in overhead else ")"))
    click.echo(f"wrote {report['path']}")

RUN_ARGUMENT = click.argument("run", required=False, type=click.Path(file_okay=False, path_type=Path))


def default_run(run: Path | None) -> Path:
    from pipeline.settings import get_settings

    return run or get_settings().output_dir / "latest"


def default_reviewer(reviewer: str | None) -> str:
    import getpass
    import os

    from pipeline.settings import get_settings

    return reviewer or get_settings().reviewer or os.environ.get("USER") or getpass.getuser() or "anonymous"


@cli.command()
@RUN_ARGUMENT
@click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port (default 8765; 0 picks a free one).")
@click.option("--host", default=None, help="Address to bind (default 127.0.0.1: this machine only).")
@click.option("--reviewer", default=None, help="Name recorded with each decision (default: $CLAIMS_REVIEWER, $USER).")
def review(run: Path | None, port: int | None, host: str | None, reviewer: str | None) -> None:
    """Review RUN's claims in the browser (RUN defaults to outputs/latest); decisions go to RUN/reviews.jsonl."""
    from pipeline.review.server import make_server
    from pipeline.settings import get_settings

    settings = get_settings()
    server = make_server(default_run(run), default_reviewer(reviewer), host or settings.review_host,
                         settings.review_port if port is None else port)
    address, bound_port = server.server_address[:2]
    click.echo(f"reviewing {server.RequestHandlerClass.app.store.folder} as "
               f"{server.RequestHandlerClass.app.reviewer}: http://{address}:{bound_port}/  (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.command()
@RUN_ARGUMENT
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (default: RUN/export.<format>).")
@click.option("--include-rejected", is_flag=True, help="Keep claims a reviewer rejected.")
def export(run: Path | None, fmt: str, out_path: Path | None, include_rejected: bool) -> None:
    """Write RUN's claims with the latest review applied, one flat row per claim."""
    from pipeline.review.export import export_frame, write_export
    from pipeline.review.store import ReviewStore

    store = ReviewStore(default_run(run))
    frame = export_frame(store, include_rejected=include_rejected)
    out = write_export(frame, out_path or store.folder / f"export.{fmt}", fmt)
    click.echo(f"wrote {len(frame)} claims to {out}")


@cli.command()
@RUN_ARGUMENT
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (default: RUN/report.html).")
def report(run: Path | None, out_path: Path | None) -> None:
    """Write a self-contained HTML report of RUN: transfers, time, outlets, stance, review progress."""
    from pipeline.review.report import write_report
    from pipeline.review.store import ReviewStore

    store = ReviewStore(default_run(run))
    out = write_report(store, out_path or store.folder / "report.html")
    click.echo(f"wrote {out}")


def main() -> None:
    try:
        # Without standalone mode click returns (not raises) the status of ctx.exit(): pass it on.
        status = cli.main(standalone_mode=False)
        if isinstance(status, int) and status:
            sys.exit(status)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
