"""The rule-author's test kit (strategy_lint.testing) and its opt-in pytest plugin."""

from __future__ import annotations

import importlib.metadata as md
import textwrap

import pytest

from strategy_lint import ConfigError, Option, Report, Rule, Severity, hookimpl
from strategy_lint.lexicon import default_lexicon
from strategy_lint.testing import (
    Case,
    CaseFileError,
    assert_findings,
    build_file,
    codes,
    lint,
    load_cases,
    record,
    run_rule,
)

pytest_plugins = ["pytester"]

RECORD = """
# Strategy Discussion Record
## Meeting details
Date of strategy discussion: 14/03/2016
Chair: Hannah Reed, Team Manager, Children's Social Care
## Attendees
| Name | Role | Agency |
|---|---|---|
| Hannah Reed | Team Manager (Chair) | Children's Social Care |
| DS Mark Fenwick | Detective Sergeant | Westvale Police |
"""

NO_DATE = """
# Strategy Discussion Record
## Meeting details
Time: 10:00 - 11:05
"""


class WordCount(Rule):
    """A test rule that is not installed: fires on each attendee row whose agency is too short."""

    code = "XK001"
    name = "short-agency"
    summary = "Agency names shorter than a minimum (test rule)."
    default_severity = Severity.INFO
    options = {"min_chars": Option(10, "shortest agency name allowed")}

    def check(self, document, ctx):
        for table in document.tables:
            for rec in table.records:
                agency = rec.get("agency")
                if agency and len(agency) < ctx.options["min_chars"]:
                    yield Report(f"agency name {agency!r} is short", block=rec.blocks[0], excerpt=agency)


class Synonyms:
    """A stand-in plugin with lexicon additions, to check that run_rule applies them."""

    @hookimpl
    def strategy_lint_lexicon(self):
        return {"sections": {"attendees": ["who was in the room"]}}


# -- record / build_file ----------------------------------------------------------------------


def test_record_builds_sections_and_metadata_from_markdown():
    doc = record(RECORD)
    assert [(s.title, s.kind) for s in doc.sections][1:] == [("Meeting details", "details"), ("Attendees", "attendees")]
    assert str(doc.metadata.meeting_date) == "2016-03-14"
    assert doc.tables[0].records[1].get("agency") == "Westvale Police"


def test_record_dedents_indented_text_and_takes_a_lexicon():
    indented = textwrap.indent("## Who was in the room\nHannah Reed\n", "        ")
    assert record(indented).sections[0].kind is None
    lex = default_lexicon().extend({"sections": {"attendees": ["who was in the room"]}})
    assert record(indented, lexicon=lex).sections[0].kind == "attendees"


def test_build_file_writes_real_documents_that_read_back_the_same(tmp_path):
    path = build_file(RECORD, "form", tmp_path / "r.docx")
    assert path.read_bytes()[:2] == b"PK"
    findings = run_rule(WordCount, path, options={"min_chars": 16})
    assert_findings(findings, [("XK001", {"excerpt": "Westvale Police", "table": 1, "row": 2})])


# -- run_rule / lint ---------------------------------------------------------------------------


def test_run_rule_with_a_class_that_is_not_installed():
    from strategy_lint.testing import installed_plugins

    assert "XK001" not in installed_plugins().rules  # really not installed
    findings = run_rule(WordCount, record(RECORD), options={"min_chars": 16})
    assert_findings(findings, [("XK001", {"section": "Attendees", "severity": "info", "message": "westvale"})])
    assert run_rule(WordCount, RECORD) == []  # default min_chars=10


def test_run_rule_applies_options_config_and_reports_bad_options():
    config = {"rules": {"XK001": {"severity": "error", "min_chars": 16}}}
    findings = run_rule(WordCount, RECORD, config=config)
    assert [f.severity for f in findings] == [Severity.ERROR]
    with pytest.raises(ConfigError, match="no option 'min_char'"):
        run_rule(WordCount, RECORD, options={"min_char": 3})


def test_run_rule_by_code_or_name_of_an_installed_rule(tmp_path):
    assert_findings(run_rule("SL502", NO_DATE), [("SL502", {"section": "Meeting details"})])
    assert run_rule("meeting-date-missing", RECORD) == []
    md_file = tmp_path / "rec.md"
    md_file.write_text(NO_DATE, encoding="utf-8")
    assert codes(run_rule("SL502", md_file)) == ["SL502"]


def test_run_rule_unknown_code_suggests_the_right_one():
    with pytest.raises(AssertionError, match='did you mean "SL502"'):
        run_rule("SL5002", RECORD)


def test_run_rule_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no record file"):
        run_rule("SL502", tmp_path / "nope.docx")


def test_markdown_given_to_run_rule_is_structured_with_the_plugins_lexicon():
    class UsesAttendees(Rule):
        code = "XK002"
        name = "needs-attendees"
        summary = "Fires when there is no attendees section (test rule)."

        def check(self, document, ctx):
            if not document.sections_of("attendees"):
                yield Report("no attendees")

    class Both(Synonyms):
        @hookimpl
        def strategy_lint_rules(self):
            return [UsesAttendees]

    from strategy_lint.config import Config
    from strategy_lint.engine import Linter
    from strategy_lint.plugins import create_plugin_manager

    text = "## Who was in the room\nHannah Reed\n"
    assert codes(run_rule(UsesAttendees, text)) == ["XK002"]
    linter = Linter(config=Config(), plugins=create_plugin_manager(entry_points=[], extra=[Both()]))
    from strategy_lint.testing.kit import _lint

    assert _lint(linter, text) == []


def test_lint_runs_selected_installed_rules_and_extra_rules():
    assert codes(lint(NO_DATE, select=["SL502"])) == ["SL502"]
    found = lint(RECORD, select=["XK001"], config={"rules": {"XK001": {"min_chars": 16}}}, rules=[WordCount])
    assert codes(found) == ["XK001"]


# -- assert_findings ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_findings():
    return run_rule(WordCount, RECORD, options={"min_chars": 30})


def test_assert_findings_passes_on_an_exact_match(two_findings):
    assert_findings(two_findings, [("XK001", {"row": 1}), ("XK001", {"row": 2})])
    assert_findings(two_findings, [{"code": "XK001", "excerpt": "police"}, "XK001"])
    assert_findings(two_findings, ["XK001"], only=False)


def test_assert_findings_counts_each_finding_once(two_findings):
    with pytest.raises(AssertionError) as err:
        assert_findings(two_findings, ["XK001"])
    text = str(err.value)
    assert "found but not expected" in text and "Westvale Police" in text
    assert "expected but not found" not in text


def test_assert_findings_failure_message_lists_what_is_missing_and_what_was_found(two_findings):
    with pytest.raises(AssertionError) as err:
        assert_findings(two_findings, [("XK001", {"row": 1}), ("XK001", {"section": "Decision"})])
    text = str(err.value)
    assert "expected but not found:\n    XK001 section='Decision'" in text
    assert "all findings:" in text and "section='Attendees'" in text and "row=2" in text


def test_assert_findings_no_findings_and_bad_keys():
    with pytest.raises(AssertionError, match="no findings at all"):
        assert_findings([], ["SL101"])
    with pytest.raises(TypeError, match='did you mean "section"'):
        assert_findings([], [("SL101", {"sectoin": "Attendees"})])
    with pytest.raises(TypeError, match="must be 'CODE'"):
        assert_findings([], [42])


# -- case files --------------------------------------------------------------------------------


CASES = '''
rule = "SL502"

[[case]]
name = "date given"
record = """
## Meeting details
Date of strategy discussion: 14/03/2016
"""
expect = []
layouts = ["md", "form", "pdf"]

[[case]]
name = "no date"
record = """
## Meeting details
Time: 10:00 - 11:05
"""
expect = [{code = "SL502", section = "Meeting details"}]
layouts = ["md", "narrative"]

[[case]]
name = "test rule through select"
rule = ""
select = ["SL502"]
record = """
## Meeting details
Time: 10:00
"""
expect = ["SL502"]
'''


def test_load_cases_and_check_them(tmp_path):
    path = tmp_path / "cases.toml"
    path.write_text(CASES, encoding="utf-8")
    cases = load_cases(path)
    assert [str(c) for c in cases] == ["date given", "no date", "test rule through select"]
    assert cases[0].layouts == ["md", "form", "pdf"] and cases[1].rule == "SL502"
    for case in cases:
        case.check(tmp_path)


def test_failing_case_names_the_case_and_layout(tmp_path):
    case = Case(
        name="wrong on purpose", record=NO_DATE, expect=[], layouts=["md", "form"], rule="SL502", source="x.toml"
    )
    with pytest.raises(AssertionError, match=r"(?s)case 'wrong on purpose' \(x.toml\), layout 'md'.*SL502"):
        case.check(tmp_path)


def test_case_file_relative_to_the_calling_test_module(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # not where the file is
    with pytest.raises(CaseFileError, match="case file not found"):
        load_cases("no-such-cases.toml")


@pytest.mark.parametrize(
    "text, message",
    [
        ('[[case]]\nname = "a"\nrecord = "x\\n"\nexpct = []\n', 'unknown key .expct. .did you mean "expect"'),
        ('[[case]]\nname = "a"\nrecord = "x\\n"\n', "'expect' is required"),
        ('[[case]]\nname = "a"\nrecord = "x\\n"\nexpect = []\nlayouts = ["docx"]\n', "unknown layout 'docx'"),
        (
            '[[case]]\nname = "a"\nrecord = "x\\n"\nexpect = []\n[[case]]\nname = "a"\nrecord = "y\\n"\nexpect = []\n',
            "used twice",
        ),
        ('rule = "SL502"\n', "has no cases"),
        ("[[case]\n", "not valid TOML"),
    ],
)
def test_bad_case_files_say_what_to_change(tmp_path, text, message):
    path = tmp_path / "cases.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseFileError, match=message):
        load_cases(path)


# -- the pytest plugin ---------------------------------------------------------------------------


def _plugin_args() -> list[str]:
    """Load the plugin explicitly unless its pytest11 entry point already does."""
    installed = any(ep.value == "strategy_lint.testing.pytest_plugin" for ep in md.entry_points(group="pytest11"))
    load = [] if installed else ["-p", "strategy_lint.testing.pytest_plugin"]
    return [*load, "-p", "no:hypothesispytest", "-p", "no:cacheprovider"]  # (hypothesis: 2 s of start-up)


def test_pytest11_entry_point_is_registered():
    values = {ep.value for ep in md.entry_points(group="pytest11")}
    assert "strategy_lint.testing.pytest_plugin" in values, (
        'add [project.entry-points.pytest11] strategy_lint = "strategy_lint.testing.pytest_plugin" '
        "to pyproject.toml and reinstall (pip install -e .)"
    )


def test_plain_project_is_unaffected_by_the_plugin(pytester):
    pytester.makepyfile(
        test_plain="""
        import sys

        def test_nothing_is_imported_or_applied(request):
            plugins = request.config.pluginmanager.get_plugins()
            assert any(getattr(p, "__name__", "") == "strategy_lint.testing.pytest_plugin" for p in plugins)
            assert not [f for f in request.fixturenames if f.startswith("sl_")]
            assert "strategy_lint.testing.kit" not in sys.modules
            assert "docx" not in sys.modules and "spacy" not in sys.modules

        def test_arithmetic():
            assert 1 + 1 == 2
        """
    )
    result = pytester.runpytest_subprocess(*_plugin_args())
    result.assert_outcomes(passed=2)


def test_plugin_module_defines_fixtures_only():
    import strategy_lint.testing.pytest_plugin as plugin

    assert not [n for n in vars(plugin) if n.startswith("pytest_")]


def test_fixtures_work_in_a_project(pytester):
    pytester.makepyfile(
        test_rules="""
        def test_record(sl_record):
            doc = sl_record("## Attendees\\nHannah Reed\\n")
            assert doc.sections[0].kind == "attendees"

        def test_run_and_assert(sl_run, sl_assert):
            findings = sl_run("SL502", "## Meeting details\\nTime: 10:00\\n")
            sl_assert(findings, [("SL502", {"section": "Meeting details"})])

        def test_build_then_lint(sl_build, sl_lint, tmp_path):
            path = sl_build("## Meeting details\\nTime: 10:00\\n", "narrative")
            assert path.parent == tmp_path and path.suffix == ".docx"
            assert [f.code for f in sl_lint(path, select=["SL502"])] == ["SL502"]

        def test_wrong_expectation_fails(sl_run, sl_assert):
            sl_assert(sl_run("SL502", "## Meeting details\\nTime: 10:00\\n"), [])
        """
    )
    result = pytester.runpytest_subprocess(*_plugin_args())
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["*found but not expected*", "*SL502 (section='Meeting details'*"])


def test_case_file_can_run_a_rule_that_is_not_installed(tmp_path):
    path = tmp_path / "cases.toml"
    path.write_text(
        'rule = "XK001"\n\n[[case]]\nname = "short"\noptions = { min_chars = 16 }\n'
        'record = """\n| Name | Role | Agency |\n|---|---|---|\n| Tom Ellis | Social Worker | Westvale Police |\n"""\n'
        'expect = [{code = "XK001", excerpt = "Westvale"}]\n',
        encoding="utf-8",
    )
    with pytest.raises(AssertionError, match="no installed rule 'XK001'"):
        load_cases(path)[0].check(tmp_path)
    load_cases(path, rules=[WordCount])[0].check(tmp_path)
