"""The HTML report: self-contained, escaped, script-free, readable; rendered by a real browser."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from html.parser import HTMLParser

import pytest

from strategy_lint.engine import FileResult
from strategy_lint.errors import ReadError
from strategy_lint.findings import Finding, Location, Severity
from strategy_lint.formatters.base import Summary
from strategy_lint.formatters.html import HtmlFormatter, verdict


class Page(HTMLParser):
    """Collects tags, attributes and visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)

    def handle_data(self, data):
        self.text.append(data)


def results() -> list[FileResult]:
    return [
        FileResult("records/clean.docx", "ok", []),
        FileResult(
            "records/<script>alert(1)</script>.docx",
            "ok",
            [
                Finding(
                    "SL401",
                    "action-without-deadline",
                    Severity.ERROR,
                    "Action has no deadline & no <owner>.",
                    "Add a date.",
                    Location(page=2, section="Actions", table=1, row=3),
                    excerpt='He said "<b>no</b>"',
                ),
                Finding(
                    "SL201",
                    "child-voice-missing",
                    Severity.WARNING,
                    "No child's voice section.",
                    "Add one.",
                    Location(section="Child's voice"),
                ),
            ],
        ),
        FileResult(
            "records/notes-only.docx",
            "ok",
            [
                Finding("SL902", "reviewer-comments", Severity.INFO, "A comment remains.", None, Location(block=1)),
            ],
        ),
        FileResult("records/old.doc", "error", error=ReadError("legacy-doc", "this is an old .doc file")),
    ]


def render(**kw) -> str:
    rs = results()
    return HtmlFormatter(**kw).render(rs, Summary.of(rs, 2))


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def test_self_contained_and_script_free():
    html = render()
    page = parse(html)
    assert "script" not in page.tags and "iframe" not in page.tags and "link" not in page.tags
    for tag, attr, value in page.attrs:
        if attr in ("src", "href", "action", "srcset"):
            assert value and value.startswith("#"), f"<{tag} {attr}={value!r}> points outside the page"
        assert not attr.startswith("on"), f"event handler {attr} on <{tag}>"
    assert "url(" not in html and "@import" not in html and "http" not in html


def test_everything_is_escaped():
    html = render()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.docx" in html
    assert "&lt;b&gt;no&lt;/b&gt;" in html and "no &lt;owner&gt;" in html


def test_verdicts_findings_locations_and_fixes():
    text = " ".join(parse(render()).text)
    assert [verdict(r)[0] for r in results()] == [
        "ready to circulate",
        "needs changes",
        "ready to circulate",
        "could not read",
    ]
    for expected in (
        "Action has no deadline & no <owner>.",
        'Page 2, section "Actions", table 2, row 4',
        "Add a date.",
        "Must fix before circulating (1)",
        "Should fix (1)",
        "Notes (1)",
        "This is an old .doc file.",
        'He said "<b>no</b>"',
    ):
        assert expected in text, expected


def test_no_excerpts():
    text = " ".join(parse(render(excerpts=False)).text)
    assert "He said" not in text and "no quoted record text" in text


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")
def test_renders_in_headless_chromium(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render(), encoding="utf-8")
    png = tmp_path / "report.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                f"--user-data-dir={profile}",
                f"--screenshot={png}",
                "--window-size=1000,1400",
                page.as_uri(),
            ],
            capture_output=True,
            timeout=60,
            check=False,
        )
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a rendered page, not a blank one
