"""Output formats: registration, GitHub escaping, JUnit XML, colour, --no-excerpts everywhere."""

from __future__ import annotations

import importlib.metadata as md
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from strategy_lint.engine import FileResult
from strategy_lint.errors import ReadError
from strategy_lint.findings import Finding, Location, Severity
from strategy_lint.formatters.base import Summary
from strategy_lint.formatters.github import GithubFormatter, escape_data, escape_property
from strategy_lint.formatters.junit import JunitFormatter
from strategy_lint.formatters.text import TextFormatter
from strategy_lint.plugins import create_plugin_manager

DATA = Path(__file__).parent / "data"
EXCERPT = "Ava Marsh said SECRET-QUOTE to the health visitor"


def sample_results() -> list[FileResult]:
    loc = Location(page=2, section="Actions", block=7, table=1, row=2, column=2)
    return [
        FileResult(
            "records/a, b: 100%.docx",
            "ok",
            [
                Finding(
                    "SL401",
                    "action-without-deadline",
                    Severity.ERROR,
                    "Action has no deadline.\nSecond line",
                    "Add a date <by> & owner.",
                    loc,
                    excerpt=EXCERPT,
                ),
                Finding(
                    "SL201",
                    "child-voice-missing",
                    Severity.WARNING,
                    "No child's voice section.",
                    None,
                    Location(section="Child's voice"),
                ),
                Finding(
                    "SL902",
                    "reviewer-comments",
                    Severity.INFO,
                    "A comment remains.",
                    "Delete it.",
                    Location(block=3),
                    excerpt=EXCERPT,
                ),
            ],
        ),
        FileResult("records/clean.docx", "ok", []),
        FileResult(
            "records/old.doc", "error", error=ReadError("legacy-doc", "this is an old .doc file: save it as .docx")
        ),
    ]


def render(cls, **kw) -> str:
    results = sample_results()
    return cls(**kw).render(results, Summary.of(results, 2))


def test_every_format_is_registered_through_an_entry_point():
    names = {ep.name: ep.value for ep in md.entry_points(group="strategy_lint")}
    formatters = create_plugin_manager().formatters
    for fmt in ("text", "json", "sarif", "github", "junit", "html"):
        assert names[f"formatter-{fmt}"] == f"strategy_lint.formatters.{fmt}"
        assert fmt in formatters and formatters[fmt].name == fmt


def test_github_escaping():
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a,b: c%") == "a%2Cb%3A c%25"


def test_github_annotations_one_per_finding_with_levels():
    lines = render(GithubFormatter).splitlines()
    assert len(lines) == 5  # three findings + one unreadable file + the run's verdicts
    first = lines[0]
    assert first.startswith("::error file=records/a%2C b%3A 100%25.docx,title=SL401 action-without-deadline::")
    assert "%0ASecond line" in first and "\n" not in first
    assert 'page 2, section "Actions", table 2, row 3' in first
    assert "How to fix: Add a date <by> & owner." in first
    assert lines[1].startswith("::warning ") and lines[2].startswith("::notice ")
    assert lines[3].startswith("::error file=records/old.doc,title=could not read::this is an old .doc file")
    assert (
        lines[4]
        == "::notice title=strategy-lint::Checked 3 files: 1 ready to circulate, 1 needs changes, 1 could not be read."
    )
    assert "More%3A" not in lines[0] and "More: strategy-lint rule SL401" in lines[0]


def test_junit_is_valid_xml_with_one_suite_per_file():
    root = ET.fromstring(render(JunitFormatter))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "3", "1")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["records/a, b: 100%.docx", "records/clean.docx", "records/old.doc"]
    failures = suites[0].findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["error", "warning", "info"]
    assert "How to fix: Add a date <by> & owner." in failures[0].text
    assert suites[0].find("testcase").get("name").startswith("SL401 action-without-deadline (page 2")
    assert suites[1].find("testcase").get("name") == "all checks passed"
    assert suites[1].find("testcase/failure") is None
    assert suites[2].find("testcase/error").get("type") == "legacy-doc"


def test_text_colour_only_when_asked():
    plain = render(TextFormatter)
    assert "\x1b[" not in plain
    coloured = render(TextFormatter, color=True)
    assert "\x1b[1;31mERROR\x1b[0m" in coloured
    assert "\x1b[" in coloured and coloured.replace("\x1b[1;31m", "").count("SL401") == plain.count("SL401")


def test_text_is_plain_when_piped_and_colour_follows_color_force_color_and_no_color(tmp_path, cli):
    record = tmp_path / "r.md"
    record.write_text("# Strategy Discussion Record\n\n## Actions\nPolice to visit, TBC.\n", encoding="utf-8")
    (tmp_path / "strategy-lint.toml").write_text(
        f'local-plugins = ["{(DATA / "demo_rules.py").as_posix()}"]\nselect = ["XD"]\n', encoding="utf-8"
    )
    clean = {"FORCE_COLOR": "", "NO_COLOR": ""}
    cases = [
        ([], clean, False),  # piped: plain
        ([], {**clean, "FORCE_COLOR": "1"}, True),  # FORCE_COLOR: colour even when piped (as ruff)
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR wins over FORCE_COLOR
        (["--color", "always"], {**clean, "NO_COLOR": "1"}, True),  # the flag wins over both
        (["--color", "NEVER"], {**clean, "FORCE_COLOR": "1"}, False),
    ]
    for flags, env, coloured in cases:
        proc = cli("check", str(record), *flags, cwd=tmp_path, env_extra=env)
        assert proc.returncode == 1, proc.stderr
        assert "XD401 demo-tbc-deadline" in proc.stdout.replace("\x1b[0m", "").replace("\x1b[1;31m", "")
        assert ("\x1b[" in proc.stdout) is coloured, (flags, env)


def test_use_color_never_colours_an_output_file_unless_asked():
    import io

    from strategy_lint.terminal import use_color

    assert use_color("auto", io.StringIO(), to_file=True, environ={}) is False
    assert use_color("always", io.StringIO(), to_file=True, environ={}) is True


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "html"])
def test_no_excerpts_in_any_format(fmt):
    cls = create_plugin_manager().formatters[fmt]
    results = sample_results()
    with_quotes = cls(excerpts=True).render(results, Summary.of(results, 2))
    without = cls(excerpts=False).render(results, Summary.of(results, 2))
    assert "SECRET-QUOTE" in with_quotes
    assert "SECRET-QUOTE" not in without
    assert "SL401" in without
