"""Configuration: discovery, validation with suggestions, selection, severities, options."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy_lint import Document, Option, Report, Rule, Severity, hookimpl
from strategy_lint.config import find_config, parse_config
from strategy_lint.engine import Linter
from strategy_lint.errors import ConfigError
from strategy_lint.model import Block, BlockKind
from strategy_lint.plugins import create_plugin_manager


class VoiceRule(Rule):
    code = "XC201"
    name = "voice-thing"
    summary = "test"
    default_severity = Severity.ERROR
    options = {"min_words": Option(5, "minimum words")}

    def check(self, document, ctx):
        yield Report(f"min_words={ctx.options['min_words']}", block=0)


class ActionRule(Rule):
    code = "XC401"
    name = "action-thing"
    summary = "test"
    default_severity = Severity.WARNING

    def check(self, document, ctx):
        yield Report("action", block=0)


class _P:
    @hookimpl
    def strategy_lint_rules(self):
        return [VoiceRule, ActionRule]


def linter(cfg_data: dict, **kw) -> Linter:
    cfg = parse_config(cfg_data, Path("strategy-lint.toml"))
    return Linter(config=cfg, plugins=create_plugin_manager(entry_points=[], extra=[_P()]), **kw)


def doc() -> Document:
    return Document("x.md", "text", blocks=[Block(0, BlockKind.PARAGRAPH, "text")])


def test_unknown_key_is_an_error_with_suggestion():
    with pytest.raises(ConfigError, match='did you mean "fail-on"'):
        parse_config({"fail_on": "warning"}, None)


def test_unknown_rule_in_select_is_an_error_with_suggestion():
    with pytest.raises(ConfigError, match='did you mean "XC201"'):
        linter({"select": ["XC21"]})


def test_unknown_rule_table_and_option_are_errors():
    with pytest.raises(ConfigError, match="no such rule"):
        linter({"rules": {"voice-thingy": {"severity": "warning"}}})
    with pytest.raises(ConfigError, match='did you mean "min_words"'):
        linter({"rules": {"XC201": {"min_word": 3}}})
    with pytest.raises(ConfigError, match="expected int"):
        linter({"rules": {"XC201": {"min_words": "three"}}})


def test_select_by_prefix_name_and_ignore():
    assert [f.code for f in linter({"select": ["XC2"]}).lint_document(doc())] == ["XC201"]
    assert [f.code for f in linter({"select": ["action-thing"]}).lint_document(doc())] == ["XC401"]
    assert [f.code for f in linter({"ignore": ["XC4"]}).lint_document(doc())] == ["XC201"]
    assert [f.code for f in linter({"select": ["XC2"], "extend-select": ["XC401"]}).lint_document(doc())] == [
        "XC201",
        "XC401",
    ]


def test_severity_and_options_by_code_or_name():
    findings = linter({"rules": {"voice-thing": {"severity": "info", "min_words": 9}}}).lint_document(doc())
    voice = next(f for f in findings if f.code == "XC201")
    assert voice.severity is Severity.INFO
    assert voice.message == "min_words=9"


def test_per_file_ignores(tmp_path):
    l = linter({"per-file-ignores": {"old-*.md": ["XC401"]}})
    assert [f.code for f in l.lint_document(doc(), path=Path("old-2015.md"))] == ["XC201"]
    assert sorted(f.code for f in l.lint_document(doc(), path=Path("new.md"))) == ["XC201", "XC401"]


def test_closest_config_file_wins_and_pyproject_table_is_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.strategy-lint]\nfail-on = "warning"\n')
    sub = tmp_path / "team-a"
    sub.mkdir()
    (sub / "strategy-lint.toml").write_text('fail-on = "info"\n')
    assert find_config(sub / "record.docx").fail_on is Severity.INFO
    assert find_config(tmp_path / "record.docx").fail_on is Severity.WARNING
    other = tmp_path / "team-b"
    other.mkdir()
    (other / "pyproject.toml").write_text("[project]\nname='x'\n")  # no table: keep looking up
    assert find_config(other / "r.docx").path == tmp_path / "pyproject.toml"


def test_lexicon_additions_in_config_change_section_kinds():
    l = linter({"lexicon": {"sections": {"child_voice": ["the world through ava's eyes"]}}})
    plan = l._plan_for(l.default_config)
    assert plan.lexicon.section_kind("The world through Ava's eyes") == "child_voice"
    with pytest.raises(ConfigError, match='did you mean "sections"'):
        parse_config({"lexicon": {"section": {}}}, None)
