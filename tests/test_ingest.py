"""Local inputs: EDM's text layout, HTML, JSON and JSONL, and every kind of bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import ARTICLE, CORPUS_DIR
from pipeline.errors import (
    BinaryInput, ClaimsError, EmptyInput, EncodingError, InputNotFound, InputTooLarge, InputUnreadable,
    MalformedInput, NoArticlesFound, NoArticleText,
)
from pipeline.ingest import discover_inputs, read_input

MAX = 5_000_000


def only_article(path: Path):
    [article] = read_input(path, max_bytes=MAX)
    assert not isinstance(article, ClaimsError), article
    return article


def test_read_input_parses_edm_text_layout(write_file):
    article = only_article(write_file("a.txt", ARTICLE))
    assert article.title == "Baku Eyes Israeli Drones as Moscow Frowns"
    assert article.url == "https://jamestown.org/program/baku-eyes-israeli-drones/"
    assert article.published == date(2018, 3, 28)
    assert (article.publication.name, article.publication.volume, article.publication.issue) == (
        "Eurasia Daily Monitor", 15, 47)
    assert article.authors == []
    assert [s.kind for s in article.sections] == ["caption", "body", "body"]
    assert article.text.startswith("Harop loitering munition")
    for section in article.sections:
        assert "\n" not in article.text[section.start:section.end]


def test_read_input_marks_executive_summary(write_file):
    text = "Title\nBy: Jane Roe\nExecutive Summary:\n- first point\n- second point\nBody paragraph (TASS, May 1).\n"
    article = only_article(write_file("s.txt", text))
    assert article.authors == ["Jane Roe"]
    assert [s.kind for s in article.sections] == ["summary", "summary", "summary", "body"]


@pytest.mark.parametrize(
    ("header", "fallback", "expected"),
    [
        ("Published: 2019-06-14\nPublication: Eurasia Daily Monitor Volume: 15 Issue: 1\n", None, (2019, "published")),
        ("Date: 2019-06-14\n", None, (2019, "published")),
        ("Publication: Eurasia Daily Monitor Volume: 15 Issue: 47\n", 2000, (2018, "volume")),
        ("By:\n", 2021, (2021, "option")),
        ("By:\n", None, (None, "unknown")),
    ],
)
def test_publication_year_sources(write_file, header, fallback, expected):
    article = only_article(write_file("y.txt", f"Title\n{header}Body text (TASS, May 1).\n"))
    assert article.publication_year(fallback) == expected


def test_article_id_is_stable_and_content_based_without_url(write_file):
    first = only_article(write_file("one.txt", "Title\nBody (TASS, May 1).\n"))
    again = only_article(write_file("two/copy.txt", "Title\nBody (TASS, May 1).\n"))
    other = only_article(write_file("three.txt", "Title\nOther body (TASS, May 2).\n"))
    assert first.article_id == again.article_id != other.article_id


def test_read_input_html_uses_page_metadata_and_edm_header():
    article = only_article(CORPUS_DIR / "samples" / "edm-s01-tbilisi-page.html")
    assert article.title.startswith("Tbilisi Weighs French Radars")
    assert article.publication.volume == 16
    assert article.published == date(2019, 4, 16)
    assert article.authors == ["Nino Kvaratskhelia"]
    assert "Home" not in article.text and "footer" not in article.text
    assert "(Civil.ge, April 10)" in article.text


def test_read_input_jsonl_gives_one_article_per_line():
    articles = read_input(CORPUS_DIR / "samples" / "edm-s02-feed-export.jsonl", max_bytes=MAX)
    assert [a.input.rsplit(":", 1)[1] for a in articles] == ["1", "2"]
    assert articles[0].publication.volume == 18 and "Publication:" not in articles[0].text
    assert articles[1].authors == ["Rufat Aliyev"] and articles[1].published == date(2020, 12, 14)


def test_read_input_json_list_and_object(write_file):
    record = {"title": "T", "text": "Body (TASS, May 1).", "published": "2020-05-02", "authors": ["A B"]}
    [one] = read_input(write_file("one.json", json.dumps(record)), max_bytes=MAX)
    two = read_input(write_file("two.json", json.dumps([record, {**record, "text": "Other (TASS, May 3)."}])),
                     max_bytes=MAX)
    assert one.title == "T" and one.published == date(2020, 5, 2)
    assert [a.input.endswith(f"#{i}") for i, a in enumerate(two)] == [True, True]


def test_jsonl_bad_line_does_not_cost_the_good_ones(write_file):
    content = '{"text": "Good (TASS, May 1)."}\n{not json\n{"title": "no text"}\n'
    results = read_input(write_file("mixed.jsonl", content), max_bytes=MAX)
    assert [type(r).__name__ for r in results] == ["SourceArticle", "MalformedInput", "MalformedInput"]
    assert results[1].input_name.endswith("mixed.jsonl:2")


@pytest.mark.parametrize(
    ("name", "content", "error", "words"),
    [
        ("empty.txt", "", EmptyInput, "empty"),
        ("blank.txt", "  \n\n ", EmptyInput, "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInput, "binary"),
        ("latin1.txt", "Title\nCaf\xe9 in Baku (TASS, May 1).".encode("latin-1"), EncodingError, "UTF-8"),
        ("broken.json", '{"text": "unterminated', MalformedInput, "invalid JSON"),
        ("notext.json", '{"title": "x"}', MalformedInput, "text"),
        ("broken.html", "<html><body><div><<<</b", NoArticleText, "no article text"),
        ("title-only.txt", "Just a title\nPublished: 2018-01-01\n", NoArticleText, "no article text"),
        ("table.csv", "a,b\n1,2\n", None, "unsupported file type"),
    ],
)
def test_read_input_reports_bad_input_in_one_line(write_file, name, content, error, words):
    path = write_file(name, content)
    [result] = read_input(path, max_bytes=MAX)
    assert isinstance(result, ClaimsError)
    if error is not None:
        assert isinstance(result, error)
    assert words in result.message
    assert str(path) in str(result) and "\n" not in str(result)


def test_read_input_refuses_huge_file(write_file):
    path = write_file("huge.txt", "Title\n" + "Baku bought drones (TASS, May 1). " * 600_000)  # ~20 MB
    [result] = read_input(path, max_bytes=MAX)
    assert isinstance(result, InputTooLarge) and "20.4 MB" in result.message


def test_read_input_reports_unreadable_path(tmp_path):
    # Root (as in CI) can read any file, so use a path that cannot be read as a file for anyone.
    folder = tmp_path / "looks-like-an-article.txt"
    folder.mkdir()
    [result] = read_input(folder, max_bytes=MAX)
    assert isinstance(result, InputUnreadable) and "folder" in result.message


def test_discover_inputs_reports_missing_path_and_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "image.png").write_bytes(b"\x89PNG")
    found = list(discover_inputs([tmp_path / "nope.txt", tmp_path / "empty", tmp_path / "notes"]))
    assert [type(item) for item in found] == [InputNotFound, NoArticlesFound, NoArticlesFound]


def test_discover_inputs_walks_folders_recursively_in_stable_order(write_file, tmp_path):
    write_file("b/2.txt", ARTICLE)
    write_file("a/deep/1.html", "<html></html>")
    write_file("a/skip.png", b"\x89PNG")
    found = [path.relative_to(tmp_path).as_posix() for path in discover_inputs([tmp_path])]
    assert found == ["a/deep/1.html", "b/2.txt"]


def test_read_input_html_takes_metadata_from_json_ld(write_file):
    page = """<html><head><title>site title | Jamestown</title><script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Minsk Sells Rockets to Baku",
     "datePublished": "2021-05-04T08:00:00Z", "author": {"@type": "Person", "name": "Jane Analyst"}}</script></head>
    <body><article><h1>Minsk Sells Rockets to Baku</h1><p>Belarus delivered Polonez launchers to Azerbaijan, officials
    in Baku confirmed on Monday (APA, May 3). The deal had been negotiated for two years (Belta.by, May 2).</p>
    <p>More text follows about the deal and its consequences for the region (Trend.az, May 1).</p></article></body></html>"""
    article = only_article(write_file("jsonld.html", page))
    assert (article.title, article.published, article.authors) == (
        "Minsk Sells Rockets to Baku", date(2021, 5, 4), ["Jane Analyst"])
