"""Local rules without packaging: ``local-plugins = ["tools/our_rules.py"]`` in config."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from helpers import run_cli

from strategy_lint.engine import Linter
from strategy_lint.errors import PluginLoadError

OUR_RULES = '''
from strategy_lint import Option, Report, Rule, Severity, hookimpl


class DraftMarking(Rule):
    """## What it checks
    That the record is no longer marked as a draft.

    ## Why it matters
    A draft must not be circulated.

    ## Example
    "DRAFT v2" in the record fires.

    ## How to fix
    Remove the marking once the record is agreed.
    """

    code = "XL001"
    name = "draft-marking"
    summary = "The record is still marked as a draft."
    default_severity = Severity.ERROR
    options = {"word": Option("DRAFT", "the marking to look for")}

    def check(self, document, ctx):
        for block in document.body_blocks():
            if ctx.options["word"] in block.text:
                yield Report(f"The record is still marked {ctx.options['word']}.", block=block.index, excerpt=block.text)


@hookimpl
def strategy_lint_rules():
    return [DraftMarking]


@hookimpl
def strategy_lint_lexicon():
    return {"sections": {"attendees": ["people around the table"]}}
'''

RECORD = (
    "# Strategy Discussion Record\n## Meeting details\nPROVISIONAL DRAFT v2\n## People around the table\nHannah Reed\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An authority's folder: config, a tools/ folder with local rules, and a record."""
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "our_rules.py").write_text(OUR_RULES, encoding="utf-8")
    (tmp_path / "strategy-lint.toml").write_text('local-plugins = ["tools/our_rules.py"]\n', encoding="utf-8")
    (tmp_path / "record.md").write_text(RECORD, encoding="utf-8")
    return tmp_path


def test_local_rule_fires_and_is_listed_through_the_cli(project):
    check = run_cli("check", "record.md", "--select", "XL001", "--format", "json", cwd=project)
    assert check.returncode == 1, check.stderr
    assert '"code": "XL001"' in check.stdout and "still marked DRAFT" in check.stdout
    plugins = run_cli("plugins", cwd=project)
    line = next(l for l in plugins.stdout.splitlines() if l.startswith("local:our_rules.py"))
    assert "XL001" in line and "local" in line.split()[1]
    rules = run_cli("rules", cwd=project)
    assert any(l.startswith("XL001") and "draft-marking" in l for l in rules.stdout.splitlines())


def test_options_from_pyproject_and_paths_relative_to_the_config_file(project, tmp_path_factory):
    (project / "strategy-lint.toml").unlink()
    (project / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [tool.strategy-lint]
            local-plugins = ["tools/our_rules.py"]

            [tool.strategy-lint.rules.draft-marking]
            word = "PROVISIONAL"
            severity = "warning"
            """
        ),
        encoding="utf-8",
    )
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # the user runs it from another folder
    result = run_cli(
        "check",
        str(project / "record.md"),
        "--config",
        str(project / "pyproject.toml"),
        "--select",
        "XL001",
        "--fail-on",
        "warning",
        cwd=elsewhere,
    )
    assert result.returncode == 1, result.stderr
    assert "WARNING XL001" in result.stdout and "still marked PROVISIONAL" in result.stdout


def test_local_plugin_lexicon_additions_apply(project, monkeypatch):
    monkeypatch.chdir(project)
    linter = Linter()
    doc = linter.read(project / "record.md")
    assert [s.kind for s in doc.sections][-1] == "attendees"


def test_missing_local_plugin_is_one_line_and_strict_stops(project, monkeypatch):
    (project / "strategy-lint.toml").write_text('local-plugins = ["tools/ours.py"]\n', encoding="utf-8")
    monkeypatch.chdir(project)
    failures = Linter().plugins.failures
    assert len(failures) == 1
    text = failures[0].describe()
    assert "tools/ours.py" in text and "not found" in text and "\n" not in text
    with pytest.raises(PluginLoadError):
        Linter(strict_plugins=True)


def test_broken_local_plugin_is_reported_and_the_other_rules_still_run(project, monkeypatch):
    (project / "tools" / "our_rules.py").write_text("def broken(:\n", encoding="utf-8")
    monkeypatch.chdir(project)
    linter = Linter()
    assert any("SyntaxError" in f.describe() for f in linter.plugins.failures)
    assert "XL001" not in linter.plugins.rules
    assert linter.plugins.rules, "built-in rules should still load"


# -- the closest configuration wins, for local plugins and fail-on too -----------------------------


def test_a_subfolders_local_plugins_apply_to_its_records_when_run_from_the_parent(project, tmp_path_factory):
    parent = tmp_path_factory.mktemp("authority")
    team = parent / "team-a"
    team.mkdir()
    (team / "tools").mkdir()
    (team / "tools" / "our_rules.py").write_text(OUR_RULES, encoding="utf-8")
    (team / "strategy-lint.toml").write_text(
        'local-plugins = ["tools/our_rules.py"]\nselect = ["XL"]\n', encoding="utf-8"
    )
    (team / "record.md").write_text(RECORD, encoding="utf-8")
    (parent / "other.md").write_text(RECORD, encoding="utf-8")  # no configuration of its own: no XL001
    check = run_cli("check", "team-a/record.md", "other.md", "--format", "json", cwd=parent)
    import json

    files = {f["path"]: [x["code"] for x in f["findings"]] for f in json.loads(check.stdout)["files"]}
    assert files["team-a/record.md"] == ["XL001"], check.stderr
    assert "XL001" not in files["other.md"]
    sarif = json.loads(run_cli("check", "team-a/record.md", "--format", "sarif", cwd=parent).stdout)
    assert "XL001" in [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]]  # described, not "unknown"


def test_fail_on_from_the_records_own_folder_wins_when_run_from_the_parent(tmp_path):
    team = tmp_path / "records"
    team.mkdir()
    demo = (Path(__file__).parent / "data" / "demo_rules.py").as_posix()
    (team / "strategy-lint.toml").write_text(
        f'local-plugins = ["{demo}"]\nselect = ["XD201"]\nfail-on = "warning"\n', encoding="utf-8"
    )
    (team / "no-voice.md").write_text("# Strategy Discussion Record\n## Actions\nNone.\n", encoding="utf-8")
    proc = run_cli("check", "records/no-voice.md", cwd=tmp_path)  # a warning only (XD201)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert run_cli("check", "records/no-voice.md", "--fail-on", "error", cwd=tmp_path).returncode == 0
