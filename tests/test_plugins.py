"""The plugin engine: entry points loaded one by one, broken plugins isolated."""

from __future__ import annotations

import importlib.metadata as md

import pytest
from helpers import make_distribution, run_cli

from strategy_lint import Document, Report, Rule, Severity, hookimpl
from strategy_lint.config import Config
from strategy_lint.engine import Linter
from strategy_lint.errors import PluginLoadError
from strategy_lint.model import Block, BlockKind
from strategy_lint.plugins import create_plugin_manager

SENTINEL = "Zebedee-Quillfeather-7731"


class AlwaysFires(Rule):
    code = "XT001"
    name = "always-fires"
    summary = "Fires once per document (test rule)."
    default_severity = Severity.WARNING

    def check(self, document, ctx):
        yield Report("test finding", block=0)


class Crashes(Rule):
    code = "XT002"
    name = "crashes"
    summary = "Raises with document text in the message (test rule)."
    default_severity = Severity.ERROR

    def check(self, document, ctx):
        raise ValueError(document.blocks[0].text)


class _TestRules:
    @hookimpl
    def strategy_lint_rules(self):
        return [AlwaysFires, Crashes]


def _doc() -> Document:
    return Document("mem.md", "text", blocks=[Block(0, BlockKind.PARAGRAPH, f"The child {SENTINEL} was seen.")])


def _linter(*extra) -> Linter:
    plugins = create_plugin_manager(entry_points=[], extra=[_TestRules(), *extra])
    return Linter(config=Config(), plugins=plugins)


def test_crashing_rule_becomes_one_internal_error_and_others_still_run():
    findings = _linter().lint_document(_doc())
    codes = [f.code for f in findings]
    assert codes.count("SL000") == 1
    assert "XT001" in codes
    internal = next(f for f in findings if f.code == "SL000")
    assert "XT002" in internal.message and "crashes" in internal.message
    assert "_TestRules" in internal.message  # names the plugin
    assert "ValueError" in internal.message
    assert SENTINEL not in internal.message  # exception text may hold document text
    assert internal.severity is Severity.ERROR


def test_duplicate_rule_code_is_reported_not_silently_replaced():
    class Other:
        @hookimpl
        def strategy_lint_rules(self):
            class Dup(AlwaysFires):
                summary = "duplicate"

            return [Dup]

    linter = _linter(Other())
    assert linter.plugins.rules["XT001"].rule is AlwaysFires
    assert any("already provided" in f.error for f in linter.plugins.failures)


def test_invalid_rule_class_is_reported():
    class BadName(Rule):
        code = "XT009"
        name = "Not Kebab"
        summary = "bad"

    class P:
        @hookimpl
        def strategy_lint_rules(self):
            return [BadName]

    plugins = create_plugin_manager(entry_points=[], extra=[P()])
    assert "XT009" not in plugins.rules
    assert any("kebab-case" in f.error for f in plugins.failures)


BROKEN_MODULE = """
raise ImportError("this plugin is broken on purpose")
"""

GOOD_MODULE = """
from strategy_lint import Rule, Report, Severity, hookimpl

class NamesTheChair(Rule):
    code = "XG100"
    name = "names-the-chair"
    summary = "Test rule from an installed distribution."
    default_severity = Severity.ERROR
    def check(self, document, ctx):
        yield Report("from the good plugin")

@hookimpl
def strategy_lint_rules():
    return [NamesTheChair]
"""

CRASHING_MODULE = """
from strategy_lint import Rule, Severity, hookimpl

class Boom(Rule):
    code = "XB200"
    name = "boom"
    summary = "Always crashes."
    default_severity = Severity.WARNING
    def check(self, document, ctx):
        raise RuntimeError("boom")

@hookimpl
def strategy_lint_rules():
    return [Boom]
"""


@pytest.fixture
def dists(tmp_path, monkeypatch):
    site = tmp_path / "site"
    make_distribution(site, "broken-plugin", {"broken_plugin_mod": BROKEN_MODULE}, {"broken": "broken_plugin_mod"})
    make_distribution(site, "good-plugin", {"good_plugin_mod": GOOD_MODULE}, {"good": "good_plugin_mod"})
    make_distribution(
        site, "crashing-plugin", {"crashing_plugin_mod": CRASHING_MODULE}, {"crashing": "crashing_plugin_mod"}
    )
    monkeypatch.syspath_prepend(str(site))
    return site


def test_broken_distribution_is_reported_in_one_line_and_skipped(dists):
    plugins = create_plugin_manager()
    failures = [f for f in plugins.failures if f.name == "broken"]
    assert len(failures) == 1
    line = failures[0].describe()
    assert "broken-plugin" in line and "\n" not in line and "ImportError" in line
    assert "XG100" in plugins.rules  # the others still load
    names = {i.name for i in plugins.infos}
    assert "good" in names and "broken" not in names


def test_strict_plugins_reraises(dists):
    with pytest.raises(PluginLoadError, match="broken-plugin"):
        create_plugin_manager(strict=True)


def test_cli_with_installed_test_distributions(dists, tmp_path):
    record = tmp_path / "record.md"
    record.write_text("# Strategy discussion\n\nSome text.\n", encoding="utf-8")
    env = {"PYTHONPATH": str(dists)}
    listing = run_cli("plugins", env_extra=env)
    assert listing.returncode == 0
    assert "good-plugin 1.0" in listing.stdout and "XG100" in listing.stdout
    assert "FAILED plugin package broken-plugin (entry point 'broken') failed to load" in listing.stdout
    checked = run_cli("check", str(record), "--select", "XG100,XB200", "--format", "json", env_extra=env)
    assert checked.returncode == 2, checked.stderr  # a crashed check (SL000): the record was not fully checked
    assert "Traceback" not in checked.stderr
    assert "broken-plugin" in checked.stderr  # one-line warning
    import json

    out = json.loads(checked.stdout)
    codes = sorted(f["code"] for f in out["files"][0]["findings"])
    assert codes == ["SL000", "XG100"]
    crash = next(f for f in out["files"][0]["findings"] if f["code"] == "SL000")
    assert "XB200 (boom) from crashing-plugin crashed" in crash["message"]  # the package, not the entry point
    assert "report it to the maintainers of crashing-plugin" in crash["fix"]
    strict = run_cli("check", str(record), "--strict-plugins", env_extra=env)
    assert strict.returncode == 2
    assert "broken-plugin" in strict.stderr and "Traceback" not in strict.stderr


SAME_NAME_MODULE = """
from strategy_lint import Rule, Report, Severity, hookimpl

class LooksBuiltIn(Rule):
    code = "XN101"
    name = "attendees-missing"
    summary = "Named like a built-in rule."
    def check(self, document, ctx):
        yield Report("from the look-alike")

class SameCode(Rule):
    code = "XG100"
    name = "another-name"
    summary = "Same code as the good plugin's rule."
    def check(self, document, ctx):
        yield Report("from the same code")

@hookimpl
def strategy_lint_rules():
    return [LooksBuiltIn, SameCode]
"""


def test_duplicate_rule_names_are_refused_like_codes_naming_both_packages(dists):
    # the entry point sorts before every built-in one: the built-in must still win
    make_distribution(dists, "lookalike-plugin", {"lookalike_mod": SAME_NAME_MODULE}, {"AAA": "lookalike_mod"})
    plugins = create_plugin_manager()
    assert plugins.rules["SL101"].rule.name == "attendees-missing" and "XN101" not in plugins.rules
    assert plugins.rules["XG100"].distribution == "lookalike-plugin"  # the first loaded (entry point AAA) keeps it
    problems = [f.describe() for f in plugins.failures if f.distribution in ("lookalike-plugin", "good-plugin")]
    assert any(
        "rule name 'attendees-missing' (XN101) from lookalike-plugin is already used by SL101 from strategy-lint" in p
        for p in problems
    ), problems
    assert any(
        "rule code XG100 (names-the-chair) from good-plugin is already provided by lookalike-plugin (another-name)" in p
        for p in problems
    ), problems
    listing = run_cli("rule", "attendees-missing", env_extra={"PYTHONPATH": str(dists)})
    assert listing.returncode == 0 and "SL101" in listing.stdout and "XN101" not in listing.stdout


def test_builtin_components_come_through_the_entry_point_group():
    eps = {ep.name: ep.value for ep in md.entry_points(group="strategy_lint")}
    assert eps["reader-docx"] == "strategy_lint.readers.docx"
    assert eps["formatter-json"] == "strategy_lint.formatters.json"
    assert any(v.startswith("strategy_lint_plugins.") for v in eps.values())


def test_an_opt_in_rule_runs_only_when_a_selector_names_it():
    from strategy_lint.selection import select_rules

    class Example(AlwaysFires):
        code = "XT050"
        name = "example-only"
        opt_in = True

    rules = [AlwaysFires, Example]
    assert select_rules(rules, ["ALL"], [], []) == [AlwaysFires]
    assert select_rules(rules, ["ALL"], ["XT05"], []) == [AlwaysFires, Example]
    assert select_rules(rules, ["example-only"], [], []) == [Example]
    assert select_rules(rules, ["XT"], [], ["XT050"]) == [AlwaysFires]
