"""The review app driven in headless Chromium (Debian's package, through Playwright) over a real run."""

from __future__ import annotations

import shutil

import pytest

from pipeline.review.export import export_frame
from pipeline.review.server import make_server, serve_in_thread
from pipeline.review.store import ReviewStore

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Offline-friendly flags: without them Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which("chromium"):
        pytest.fail("Debian's chromium is not installed: `apt-get install chromium` (.ci/run does it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def app(review_run):
    server = make_server(review_run, "ana", port=0)
    serve_in_thread(server)
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser, app, tmp_path):
    context = browser.new_context(viewport={"width": 1500, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(app)
    page.wait_for_selector("#queue li.current")
    yield page
    (tmp_path / "outputs").mkdir(exist_ok=True)
    page.screenshot(path=str(tmp_path / "outputs" / "review-page.png"))  # for debugging a failure
    context.close()


def current_id(page) -> str:
    return page.get_attribute("#queue li.current", "data-id")


def wait_reviewed(page, count: int) -> None:
    page.wait_for_function("n => document.getElementById('progress').textContent.startsWith(n + ' /')", arg=count)


def wait_moved(page, old_id: str) -> None:
    page.wait_for_function("id => document.querySelector('#queue li.current').dataset.id !== id", arg=old_id)


def test_review_with_the_keyboard_correct_reload_and_export(page, review_run, tmp_path):
    first = current_id(page)
    page.keyboard.press("a")
    wait_reviewed(page, 1)
    wait_moved(page, first)
    second = current_id(page)
    page.keyboard.press("r")
    page.wait_for_selector("#reject-box:not([hidden])")
    page.keyboard.press("3")  # "duplicate"
    page.keyboard.press("Enter")
    wait_reviewed(page, 2)
    wait_moved(page, second)
    third = current_id(page)
    page.keyboard.press("j")
    wait_moved(page, third)
    page.keyboard.press("k")
    page.wait_for_function("id => document.querySelector('#queue li.current').dataset.id === id", arg=third)
    page.keyboard.press("a")
    wait_reviewed(page, 3)
    wait_moved(page, third)

    # Correct a field of the next claim: e goes to the form, Enter saves.
    fourth = current_id(page)
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.name") == "kind"
    page.fill("#field-arms_transfer-supplier", "Belarus")
    page.fill("#field-speaker-name", "Anton Sauchuk")
    page.press("#field-speaker-name", "Enter")
    wait_reviewed(page, 4)
    page.screenshot(path=str(tmp_path / "review-after-decisions.png"))

    page.reload()
    page.wait_for_selector("#queue li.current")
    wait_reviewed(page, 4)
    statuses = {li.get_attribute("data-id"): li.get_attribute("class").split()[0]
                for li in page.query_selector_all("#queue li")}
    assert [statuses[i] for i in (first, second, third, fourth)] == ["accepted", "rejected", "accepted", "corrected"]
    assert statuses[current_id(page)] == "pending"  # reopening resumes at a claim still to review

    frame = export_frame(ReviewStore(review_run)).set_index("claim_id")
    assert second not in frame.index
    assert frame.loc[fourth, ["supplier", "speaker_name", "review_status", "reviewer"]].tolist() == [
        "Belarus", "Anton Sauchuk", "corrected", "ana"]
    assert frame.loc[first, "review_status"] == "accepted"


def test_undo_takes_back_the_last_decision(page):
    first = current_id(page)
    page.keyboard.press("a")
    wait_reviewed(page, 1)
    wait_moved(page, first)
    page.keyboard.press("u")
    wait_reviewed(page, 0)
    page.wait_for_function("id => document.querySelector('#queue li.current').dataset.id === id", arg=first)
    assert page.get_attribute("#queue li.current", "class").split()[0] == "pending"


def test_filters_narrow_the_queue(page):
    total = page.locator("#queue li").count()
    page.select_option("#filter-kind", "arms_transfer")
    page.wait_for_function("n => document.querySelectorAll('#queue li').length < n", arg=total)
    kinds = page.locator("#queue li .meta").all_inner_texts()
    assert kinds and all("arms_transfer" in meta for meta in kinds)


def test_hostile_article_text_shows_as_text_and_runs_nothing(page, review_run):
    hostile = next(a for a in ReviewStore(review_run).articles.values() if a["input"].endswith("hostile.txt"))
    page.select_option("#filter-article", hostile["article_id"])
    page.wait_for_function("() => document.getElementById('article-text').textContent.includes('<script>')")
    text = page.inner_text("#article-text")
    assert "<script>" in text and 'onerror="window.pwned' in text
    assert "<script>" in page.inner_text("#article-title")
    assert page.evaluate("window.pwned") is None
    assert page.query_selector("#article-text img") is None and page.query_selector("#article-text script") is None
    assert page.dialogs == []
    # The claim and its entities are marked in the text.
    assert page.locator("#article-text .claim").count() > 0
    assert page.locator("#article-text .ent-PERSON").count() > 0
