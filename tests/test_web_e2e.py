"""``strategy-lint serve`` driven in real headless Chromium (Debian's ``chromium``) through Playwright.

No browser is downloaded: Playwright launches the system's /usr/bin/chromium.  Skipped, with
the reason, when that browser or the ``playwright`` package is missing.

Set ``STRATEGY_LINT_SCREENSHOTS=docs/images`` to refresh the screenshots used in the docs.
"""

from __future__ import annotations

import base64
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT

CHROMIUM = os.environ.get("STRATEGY_LINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

from strategy_lint.config import Config  # noqa: E402
from strategy_lint.engine import Linter  # noqa: E402
from strategy_lint.web import server as web  # noqa: E402

CLEAN = FIXTURES / "layouts" / "baby-bruise-narrative.docx"
ENCRYPTED = FIXTURES / "bad" / "encrypted.docx"
PROBLEMS = FIXTURES / "examples" / "problems-school-photos-form.docx"
PROBLEMS_PDF = FIXTURES / "examples" / "problems-baby-voice.pdf"
LEGACY_DOC = FIXTURES / "bad" / "legacy.doc"
#: A name that is not this computer's, resolved to it by the browser alone (a person typing the PC's name).
OTHER_NAME = "records-pc.example"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    f"--host-resolver-rules=MAP {OTHER_NAME} 127.0.0.1",
]


@pytest.fixture(scope="module")
def url():
    srv = web.make_server(Linter(config=Config()), "127.0.0.1", 0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv.url
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    pg = context.new_page()
    pg.csp_errors = []  # type: ignore[attr-defined]
    pg.on("console", lambda m: "Content Security Policy" in m.text and pg.csp_errors.append(m.text))  # type: ignore[attr-defined]
    pg.goto(url)
    yield pg
    context.close()


def _shots() -> Path | None:
    folder = os.environ.get("STRATEGY_LINT_SCREENSHOTS")
    return (ROOT / folder) if folder else None


def _card(page, name: str):
    return page.locator("article.record", has=page.locator("h2", has_text=name))


def test_upload_shows_verdicts_findings_and_downloads_the_commented_copy(page, tmp_path):
    import docx

    expect = sync_api.expect
    page.set_input_files("#records", [str(CLEAN), str(ENCRYPTED), str(PROBLEMS)])
    expect(page.locator("#status")).to_have_text(
        "Finished: 3 records checked. 1 ready to circulate, 1 needs changes, 1 could not be read.", timeout=30_000
    )
    assert page.locator("article.record").count() == 3

    clean = _card(page, CLEAN.name)
    expect(clean.locator(".verdict")).to_have_text("Ready to circulate")
    expect(clean.locator(".summary")).to_have_text("No problems found.")
    assert clean.locator("a[download]").count() == 0

    bad = _card(page, ENCRYPTED.name)
    expect(bad.locator(".verdict")).to_have_text("Could not read")
    expect(bad.locator(".unread-message")).to_contain_text(
        "This document is password-protected: remove the password in Word"
    )

    problems = _card(page, PROBLEMS.name)
    expect(problems.locator(".verdict")).to_have_text("Needs changes")
    expect(problems.locator(".next-step")).to_contain_text("then check it again")
    expect(problems.locator("h3")).to_have_text(["Must fix before circulating (1)", "Should fix (1)"])
    expect(problems.locator(".finding.error .message")).to_contain_text("has no deadline")
    expect(problems.locator(".finding.error blockquote")).to_have_text("“ASAP”")
    expect(problems.locator(".finding dt").first).to_have_text("Where to look")
    expect(problems.locator(".finding.warning")).to_contain_text("How to fix")

    with page.expect_download() as info:
        problems.get_by_role("link", name=f"Download a copy of {PROBLEMS.name} with comments (Word)").click()
    download = info.value
    assert download.suggested_filename == "problems-school-photos-form - with comments.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    comments = [c.text for c in docx.Document(str(saved)).comments]
    assert len(comments) == 2 and any(c.startswith("SL401 action-without-deadline") for c in comments)

    assert page.csp_errors == []  # everything the page needs comes from itself

    shots = _shots() or tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "web-results.png"), full_page=True)
    assert (shots / "web-results.png").stat().st_size > 10_000

    page.get_by_role("button", name="Clear the results").click()
    expect(page.locator("article.record")).to_have_count(0)
    expect(page.locator("#status")).to_have_text("Results cleared.")


def test_keyboard_reaches_the_chooser_with_a_visible_focus_ring(page, tmp_path):
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "records"
    outline = page.eval_on_selector(
        "#drop", "el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth"
    )
    assert outline == "solid 3px"
    label = page.evaluate("document.activeElement.labels[0].id")
    assert label == "drop"
    shots = _shots()
    if shots:
        page.screenshot(path=str(shots / "web-start.png"))
    # The focused control is the native file input, which the browser opens with Enter or
    # Space (headless Chromium does not always show its chooser for a synthetic key press,
    # so the file is given to the focused input directly).
    assert page.evaluate("document.activeElement.type") == "file"
    page.set_input_files("#records", str(CLEAN))
    sync_api.expect(_card(page, CLEAN.name).locator(".verdict")).to_have_text("Ready to circulate", timeout=30_000)


def test_dropping_a_record_on_the_box_checks_it(page):
    data = base64.b64encode(ENCRYPTED.read_bytes()).decode()
    page.evaluate(
        """([name, data]) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const dt = new DataTransfer();
            dt.items.add(new File([bytes], name));
            document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
        }""",
        ["locked record.docx", data],
    )
    card = _card(page, "locked record.docx")
    sync_api.expect(card.locator(".verdict")).to_have_text("Could not read", timeout=30_000)
    sync_api.expect(card.locator(".unread-message")).to_contain_text("password-protected")


def test_the_page_works_without_javascript(browser, url):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(url)
        pg.set_input_files("#records", [str(CLEAN), str(ENCRYPTED)])
        pg.get_by_role("button", name="Check the chosen records").click()
        sync_api.expect(pg.locator("h1")).to_have_text("Strategy discussion records: check report")
        sync_api.expect(pg.locator("section.file .verdict")).to_have_text(["ready to circulate", "could not read"])
        sync_api.expect(pg.get_by_role("link", name="Check more records")).to_be_visible()
    finally:
        context.close()


# -- batches and bad moments (issue #14) ------------------------------------------------------


def _start(check=None):
    linter = Linter(config=Config())
    srv = web.make_server(linter, "127.0.0.1", 0, check=check)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def _stop(srv):
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def slow_url():
    """A server whose every check takes a second and a half: time to press buttons during it."""
    holder = {}

    def slow(path):
        time.sleep(1.5)
        return web.check_record(lambda p: web.lint_upload(holder["srv"].linter, p), path)

    srv = holder["srv"] = _start(slow)
    yield srv.url
    _stop(srv)


def _new_page(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    pg.goto(url)
    return context, pg


def test_a_batch_gets_a_summary_with_counts_and_links_to_each_record(page, tmp_path):
    expect = sync_api.expect
    assert ".doc" in page.get_attribute("#records", "accept").split(",")
    files = [CLEAN, ENCRYPTED, PROBLEMS, LEGACY_DOC, PROBLEMS_PDF]
    page.set_input_files("#records", [str(f) for f in files])
    expect(page.locator("#status")).to_have_text(
        "Finished: 5 records checked. 1 ready to circulate, 2 need changes, 2 could not be read.", timeout=60_000
    )
    summary = page.locator("nav#summary")
    expect(summary.locator("h2")).to_have_text("Summary: 5 records")
    expect(summary.locator(".counts li")).to_have_text(
        ["2 need changes", "2 could not be read", "1 ready to circulate"]
    )
    links = summary.locator(".jump-list a")
    expect(links).to_have_text([f.name for f in files])
    expect(summary.locator(".jump-list .verdict")).to_have_text(
        ["Ready to circulate", "Could not read", "Needs changes", "Could not read", "Needs changes"]
    )
    legacy = _card(page, LEGACY_DOC.name)
    expect(legacy.locator(".unread-message")).to_contain_text(".docx")  # the chooser offers .doc to get this answer

    shots = _shots() or tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "web-batch-summary.png"))

    links.nth(4).click()
    target = _card(page, PROBLEMS_PDF.name)
    expect(target).to_be_in_viewport()
    assert page.evaluate("location.hash") == "#" + target.get_attribute("id")
    target.get_by_role("link", name="Back to the summary").click()
    expect(summary).to_be_in_viewport()


def test_one_record_has_no_summary(page):
    page.set_input_files("#records", str(CLEAN))
    sync_api.expect(page.locator("#status")).to_have_text(
        "Finished: 1 record checked. 1 ready to circulate.", timeout=30_000
    )
    assert page.locator("nav#summary").count() == 0
    assert not page.get_by_role("link", name="Back to the summary").is_visible()


def test_a_stopped_server_is_lost_contact_not_could_not_read(browser, tmp_path):
    """strategy-lint stopped after the page was opened: the records were never checked, and the page says so."""
    expect = sync_api.expect
    srv = _start()
    context, pg = _new_page(browser, srv.url)
    try:
        _stop(srv)
        pg.set_input_files("#records", [str(CLEAN), str(PROBLEMS), str(ENCRYPTED)])
        expect(pg.locator("#status")).to_contain_text("lost contact with strategy-lint", timeout=30_000)
        expect(pg.locator("#status")).to_contain_text("3 records were not checked")
        expect(pg.locator("article.record .verdict")).to_have_text(["Not checked"] * 3)
        expect(pg.locator("article.record .unchecked-message").first).to_contain_text("lost contact with strategy-lint")
        assert pg.get_by_text("Could not read", exact=True).count() == 1  # the key at the foot of the page only
        expect(pg.get_by_role("button", name="Stop checking")).to_be_hidden()
        shots = _shots() or tmp_path
        shots.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(shots / "web-lost-contact.png"), full_page=True)
    finally:
        context.close()


def test_an_address_gone_out_of_date_is_not_checked_with_the_reason(browser):
    """strategy-lint restarted with --token while the page was open: the old address is refused."""
    expect = sync_api.expect
    linter = Linter(config=Config())
    srv = web.make_server(linter, "127.0.0.1", 0, token="first-secret")
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    context, pg = _new_page(browser, srv.url)
    try:
        srv.token = "second-secret"  # as after a restart
        pg.set_input_files("#records", [str(CLEAN), str(PROBLEMS)])
        expect(pg.locator("#status")).to_contain_text(
            "strategy-lint did not check 2 records. This page's address", timeout=30_000
        )
        expect(pg.locator("article.record .verdict")).to_have_text(["Not checked"] * 2)
        expect(pg.locator("article.record .unchecked-message").first).to_contain_text("when it started this time")
    finally:
        context.close()
        _stop(srv)


def test_stop_checking_during_a_check_marks_the_rest_not_checked(browser, slow_url):
    expect = sync_api.expect
    context, pg = _new_page(browser, slow_url)
    try:
        pg.set_input_files("#records", [str(CLEAN), str(PROBLEMS), str(ENCRYPTED)])
        expect(pg.locator("#status")).to_have_text("Checking records: 0 of 3 done…")
        pg.get_by_role("button", name="Stop checking").click()
        expect(pg.locator("#status")).to_have_text("Stopped: 0 records checked. 3 not checked.")
        expect(pg.locator("article.record .verdict")).to_have_text(["Not checked"] * 3)
        expect(pg.locator("article.record .unchecked-message").first).to_contain_text("You stopped the check")
        expect(pg.get_by_role("button", name="Stop checking")).to_be_hidden()
        time.sleep(2)  # the server's answer to the stopped request arrives to nobody
        expect(pg.locator("article.record .verdict")).to_have_text(["Not checked"] * 3)
        # and the page still works afterwards
        pg.set_input_files("#records", str(CLEAN))
        expect(_card(pg, CLEAN.name).last.locator(".verdict")).to_have_text("Ready to circulate", timeout=30_000)
    finally:
        context.close()


def test_clear_the_results_works_during_a_check(browser, slow_url):
    expect = sync_api.expect
    context, pg = _new_page(browser, slow_url)
    try:
        pg.set_input_files("#records", [str(CLEAN), str(PROBLEMS), str(ENCRYPTED)])
        expect(pg.locator("#status")).to_have_text("Checking records: 0 of 3 done…")
        pg.get_by_role("button", name="Clear the results").click()
        expect(pg.locator("article.record")).to_have_count(0, timeout=1_000)  # at once, not after the checks
        expect(pg.locator("#status")).to_have_text("Results cleared.", timeout=1_000)
        time.sleep(2.5)  # the first record's answer comes back: it must not reappear, nor the second start
        expect(pg.locator("article.record")).to_have_count(0)
        expect(pg.locator("#status")).to_have_text("Results cleared.")
    finally:
        context.close()


def test_refusal_pages_are_plain_english(browser, url, tmp_path):
    """A person who types the PC's name, or a wrong address, gets a page, not JSON."""
    expect = sync_api.expect
    port = url.rsplit(":", 1)[1].strip("/")
    context, pg = _new_page(browser, f"http://{OTHER_NAME}:{port}/")
    try:
        expect(pg.locator("h1")).to_have_text("This page opens only on the computer running strategy-lint")
        assert pg.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(246, 248, 250)"  # styled
        shots = _shots() or tmp_path
        shots.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(shots / "web-wrong-host.png"))
        pg.goto(url + "reports/2024")
        expect(pg.locator("h1")).to_have_text("There is no page at this address")
        pg.get_by_role("link", name="Go to the page for checking records").click()
        expect(pg.locator("h1")).to_have_text("Check a strategy discussion record before it goes out")
    finally:
        context.close()
