"""Tests that need more than a case: where findings point, the lexicon hook, installation."""

import subprocess
import sys

from strategy_lint import Severity
from strategy_lint.testing import assert_findings, lint, record, run_rule

from strategy_lint_example.chair_not_named import ChairNotNamed
from strategy_lint_example.health_box_empty import HealthBoxEmpty

CHAIR_ROLE_MISSING = """
# Strategy Discussion Record
## Meeting details
Date of strategy discussion: 14/03/2016
Chair: Hannah Reed
"""


def test_chair_without_role_points_at_the_chair_line():
    doc = record(CHAIR_ROLE_MISSING)
    findings = run_rule(ChairNotNamed, doc)
    chair_line = next(b.index for b in doc.blocks if b.text.startswith("Chair:"))
    assert_findings(findings, [("XA001", {"block": chair_line, "section": "Meeting details", "excerpt": "Hannah Reed"})])
    assert findings[0].severity is Severity.WARNING


def test_severity_and_labels_come_from_config():
    config = {"rules": {"XA001": {"severity": "error", "labels": ["lead"]}}}
    findings = run_rule(ChairNotNamed, "## Meeting details\nLead: Hannah Reed, Team Manager\n", config=config)
    assert findings == []
    findings = run_rule(ChairNotNamed, "## Meeting details\nChair: Hannah Reed, Team Manager\n", config=config)
    assert_findings(findings, [("XA001", {"severity": "error"})])


def test_the_lexicon_hook_makes_health_information_a_section_kind():
    doc = record("## Health information\nNot known to the GP.\n")
    assert [s.kind for s in doc.sections] == ["health_information"]


def test_empty_health_box_in_a_form_template(tmp_path):
    from strategy_lint.testing import build_file

    path = build_file("# Strategy Discussion Record\n## Health information\nN/A\n", "form", tmp_path / "form.docx")
    assert_findings(run_rule(HealthBoxEmpty, path), [("XA002", {"section": "Health information", "table": 0})])


def test_rules_do_not_fire_on_a_complete_record():
    findings = lint(
        """
        # Strategy Discussion Record
        ## Meeting details
        Chair: Hannah Reed, Team Manager, Children's Social Care
        ## Health information
        Sarah Okafor (Health Visitor): Ava has been seen at every contact and is thriving.
        """,
        select=["XA"],
    )
    assert findings == []


def test_installed_plugin_is_listed_by_the_command_line():
    out = subprocess.run(
        [sys.executable, "-m", "strategy_lint", "plugins"], capture_output=True, text=True, check=True
    ).stdout
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "strategy-lint-example-plugin" in lines["XA001"] and "XA001" in lines["XA001"]
    assert "XA002" in lines["XA002"]


def test_the_example_rules_are_off_unless_selected():
    """Installing the example for its tests must not change every check in that environment."""
    no_chair = "# Strategy Discussion Record\n## Meeting details\nDate of strategy discussion: 14/03/2016\n"
    assert [f.code for f in lint(no_chair) if f.code.startswith("XA")] == []
    assert [f.code for f in lint(no_chair, select=["XA001"])] == ["XA001"]
    rules = subprocess.run(
        [sys.executable, "-m", "strategy_lint", "rules"], capture_output=True, text=True, check=True
    ).stdout
    assert any(line.startswith("XA001") and line.endswith("(off unless selected)") for line in rules.splitlines())
