"""Web ingestion through the real flow: incremental runs, failures recorded, retried, versioned."""

from __future__ import annotations

from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.output.jsonl import read_jsonl
from web_fixtures import Route, article_page, rss


def run_flow(sources, out):
    from pipeline.flows import extract_articles

    return extract_articles([str(s) for s in sources], out_dir=str(out))


def feed_with(server, numbers, *, path="/feed.xml", etag='"v1"'):
    links = [server.url(f"/articles/{n}.html") for n in numbers]
    for n in numbers:
        server.routes[f"/articles/{n}.html"] = Route(article_page(n))
    server.routes[path] = Route(rss(links), content_type="application/rss+xml", etag=etag)
    return server.url(path)


def articles_of(summary):
    return list(read_jsonl(summary_path(summary, "articles.jsonl")))


def summary_path(summary, name):
    from pathlib import Path

    return Path(summary.output_dir) / name


def test_feed_processed_once_then_304(prefect_harness, server, tmp_path):
    feed = feed_with(server, [1, 2, 3])
    first = run_flow([feed], tmp_path)
    assert first.articles == 3 and first.errors == []
    assert {r["url"] for r in articles_of(first)} == {server.url(f"/articles/{n}.html") for n in (1, 2, 3)}
    again = run_flow([feed], tmp_path)
    assert again.articles == 0 and again.status == "completed"
    assert server.conditional_hits["/feed.xml"] == 1
    assert all(server.calls[f"/articles/{n}.html"] == 1 for n in (1, 2, 3))


def test_failures_are_recorded_and_retried_next_run(prefect_harness, server, tmp_path):
    server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    pages = {
        "/articles/flaky.html": Route(article_page(4), fail_first=2),
        "/articles/slow.html": Route(article_page(5), delay=3),
        "/articles/empty.html": Route(b"<html><body><nav>menu</nav></body></html>"),
        "/articles/binary.html": Route(b"\x00\x01\x02\x03" * 100),
        "/private/secret.html": Route(article_page(6)),
        "/articles/huge.html": Route(stream_bytes=50_000_000),
        "/articles/loop.html": Route(status=302, headers={"Location": "/articles/loop.html"}),
    }
    server.routes.update(pages)
    server.routes["/feed.xml"] = Route(rss([server.url(p) for p in pages]), content_type="application/rss+xml")
    first = run_flow([server.url("/feed.xml")], tmp_path)
    assert first.articles == 1  # the flaky page, after two 500s
    assert server.calls["/articles/flaky.html"] == 3
    reasons = {e.input.rsplit("/", 1)[-1]: e.message for e in first.errors}
    assert set(reasons) == {"slow.html", "empty.html", "binary.html", "secret.html", "huge.html", "loop.html"}
    assert "timed out" in reasons["slow.html"] and "robots.txt" in reasons["secret.html"]
    assert "binary" in reasons["binary.html"] and "redirect" in reasons["loop.html"]
    assert "MB" in reasons["huge.html"] and "no article text" in reasons["empty.html"]
    errors = list(read_jsonl(summary_path(first, "errors.jsonl")))
    assert len(errors) == 6

    server.routes["/articles/slow.html"] = Route(article_page(5))  # the site recovered
    second = run_flow([server.url("/feed.xml")], tmp_path)
    assert [r["url"] for r in articles_of(second)] == [server.url("/articles/slow.html")]
    assert server.calls["/articles/flaky.html"] == 4  # checked for changes (no ETag), not processed again
    assert server.calls["/private/secret.html"] == 0


def test_changed_article_gets_a_new_version(prefect_harness, server, tmp_path):
    feed = feed_with(server, [1])
    first = run_flow([feed], tmp_path)
    [original] = articles_of(first)
    server.routes["/articles/1.html"] = Route(article_page(1, body="Armenia received Su-30SM fighters from Russia "
                                                                    "(Armenpress, April 9)."))
    server.routes["/feed.xml"].etag = '"v2"'
    second = run_flow([feed], tmp_path)
    [revised] = articles_of(second)
    assert revised["article_id"] == original["article_id"]
    assert (revised["version"], revised["previous_text_sha256"]) == (2, original["text_sha256"])


def test_listing_pages_are_followed(prefect_harness, server, tmp_path):
    for n in (1, 2, 3):
        server.routes[f"/articles/{n}.html"] = Route(article_page(n))
    server.routes["/archive"] = Route(
        b'<html><body><div class="teaser"><h2>One</h2><p>Teaser</p><a href="/articles/1.html">MORE</a></div>'
        b'<div class="teaser"><h2>Two</h2><a href="/articles/2.html">MORE</a></div>'
        b'<a href="/archive?page=2">Next</a></body></html>')
    server.routes["/archive?page=2"] = Route(
        b'<html><body><div class="teaser"><h2>Three</h2><a href="/articles/3.html">MORE</a></div></body></html>')
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "edm-archive"\nurl = "{server.url("/archive")}"\nkind = "listing"\n'
                       f'schedule = "0 6 * * *"\n')
    summary = run_flow([sources], tmp_path / "out")
    assert summary.articles == 3
    result = CliRunner().invoke(cli, ["status", "--out", str(tmp_path / "out"), "--sources", str(sources)])
    assert result.exit_code == 0
    row = next(line for line in result.output.splitlines() if line.startswith("edm-archive"))
    assert row.split()[2:5] == ["3", "3", "0"] and "06:00" in row


def test_malformed_feed_is_a_recorded_error(prefect_harness, server, tmp_path):
    server.routes["/bad.xml"] = Route(b"<?xml version='1.0'?><rss><channel><item><title>broken",
                                      content_type="application/rss+xml")
    summary = run_flow([server.url("/bad.xml")], tmp_path)
    assert summary.status == "failed" and [e.code for e in summary.errors] == ["E020"]


def test_bad_sources_file_is_a_recorded_error(prefect_harness, tmp_path):
    bad = tmp_path / "sources.toml"
    bad.write_text("[[source]]\nname = 'x'\n")  # no url
    summary = run_flow([bad], tmp_path / "out")
    assert summary.status == "failed" and "not valid" in summary.errors[0].message


def test_second_run_on_a_locked_output_refuses(prefect_harness, server, tmp_path):
    from pipeline.output.lock import RunLock

    feed = feed_with(server, [1])
    with RunLock(tmp_path):
        result = CliRunner().invoke(cli, ["run", feed, "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "another claims run is writing to this output folder" in result.output
    assert server.calls["/feed.xml"] == 0
    assert not (tmp_path / "state.sqlite").exists() and not [p for p in tmp_path.iterdir() if p.is_dir()]


def test_prefect_yaml_declares_the_flow_with_the_serve_schedule():
    import importlib

    import yaml

    from conftest import PROJECT_DIR

    config = yaml.safe_load((PROJECT_DIR / "prefect.yaml").read_text())
    [deployment] = config["deployments"]
    module_path, name = deployment["entrypoint"].split(":")
    flow = getattr(importlib.import_module(module_path.removesuffix(".py").replace("/", ".")), name)
    assert flow.name == "extract-articles"
    serve_default = next(p for p in cli.commands["serve"].params if p.name == "cron").default
    assert deployment["schedules"][0]["cron"] == serve_default
