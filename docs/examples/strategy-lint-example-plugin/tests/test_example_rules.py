"""Tests that need more than a case: where findings point, how sure they are, the lexicon
hook, that the rules use the public API only, installation."""

import ast
import subprocess
import sys
from pathlib import Path

from strategy_lint_example.chair_not_named import ChairNotNamed
from strategy_lint_example.health_box_empty import HealthBoxEmpty
from strategy_lint_example.no_plan_to_see_child import NoPlanToSeeChild
from strategy_lint_example.police_not_involved import PoliceNotInvolved

from strategy_lint import Confidence, Severity
from strategy_lint.testing import assert_findings, lint, record, run_rule

PACKAGE = Path(__file__).resolve().parent.parent / "strategy_lint_example"

#: A record strategy-lint reads fully (its usual parts recognised): findings on it are sure.
FULL = """
# Strategy Discussion Record
## Meeting details
Date of strategy discussion: 14/03/2016
Chair: Hannah Reed, Team Manager, Children's Social Care
## Child details
Name of child: Ava Marsh
## Attendees
| Name | Role | Agency |
|---|---|---|
| Hannah Reed | Team Manager (Chair) | Children's Social Care |
| Sarah Okafor | Health Visitor | Northbrook Health Visiting Team |
## Reason for the strategy discussion
School staff saw a bruise on Ava's upper arm on 11/03/2016 and called children's social care.
## Decision
Threshold met for a section 47 enquiry.
## Actions
| Action | Who | By when |
|---|---|---|
| Medical assessment at the hospital | Sarah Okafor | 15/03/2016 |
"""

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
    assert_findings(
        findings, [("XA001", {"block": chair_line, "section": "Meeting details", "excerpt": "Hannah Reed"})]
    )
    assert findings[0].severity is Severity.WARNING


def test_severity_and_options_come_from_config():
    config = {"rules": {"XA001": {"severity": "error", "require_role": False}}}
    assert run_rule(ChairNotNamed, "## Meeting details\nChair: Hannah Reed\n", config=config) == []
    findings = run_rule(ChairNotNamed, "## Meeting details\nTime: 10:00\n", config=config)
    assert_findings(findings, [("XA001", {"severity": "error"})])


def test_the_chair_comes_from_the_shared_reading():
    """XA001 reads ctx.facts.meeting.chair: a chair marked in the attendees table counts."""
    doc = record(FULL.replace("Chair: Hannah Reed, Team Manager, Children's Social Care\n", ""))
    assert not any(b.text.startswith("Chair:") for b in doc.blocks)
    assert run_rule(ChairNotNamed, doc) == []


def test_record_text_goes_in_values_and_is_masked_without_excerpts():
    findings = run_rule(ChairNotNamed, CHAIR_ROLE_MISSING)
    assert_findings(findings, ["XA001"])
    finding = findings[0]
    assert finding.values == {"chair": "Hannah Reed"}
    assert '"Hannah Reed"' in finding.message
    assert "Hannah" not in finding.shown_message(excerpts=False)
    assert '"…"' in finding.shown_message(excerpts=False)


def test_a_record_hardly_read_gives_a_less_sure_finding():
    """No chair in a full record is sure; in a record of a few words it is 'worth a look'."""
    full = run_rule(
        ChairNotNamed,
        FULL.replace("Chair: Hannah Reed, Team Manager, Children's Social Care\n", "").replace(
            "Team Manager (Chair)", "Team Manager"
        ),
    )
    assert_findings(full, [("XA001", {"section": "Meeting details"})])
    assert full[0].confidence is Confidence.HIGH
    short = run_rule(ChairNotNamed, "## Meeting details\nTime: 10:00\n")
    assert_findings(short, ["XA001"])
    assert short[0].confidence is Confidence.MEDIUM


def test_police_not_involved_is_sure_only_when_the_attendees_were_read_cleanly():
    table = run_rule(PoliceNotInvolved, FULL)
    assert_findings(table, [("XA003", {"section": "Attendees"})])
    assert table[0].confidence is Confidence.HIGH
    # the same people written as a list of prose entries: read less surely
    listed = FULL.replace(
        "| Name | Role | Agency |\n|---|---|---|\n| Hannah Reed | Team Manager (Chair) | Children's Social Care |\n"
        "| Sarah Okafor | Health Visitor | Northbrook Health Visiting Team |\n",
        "- Hannah Reed (Team Manager, Children's Social Care)\n- Sarah Okafor (Health Visitor, Northbrook Health Visiting Team)\n",
    )
    assert "| Sarah Okafor | Health Visitor" not in listed
    prose = run_rule(PoliceNotInvolved, listed)
    assert_findings(prose, ["XA003"])
    assert prose[0].confidence is Confidence.MEDIUM
    # nobody found at all: the attendee list was not read, which is not "no police"
    nobody = run_rule(PoliceNotInvolved, "## Reason for the strategy discussion\nA bruise was seen at school.\n")
    assert_findings(nobody, ["XA003"])
    assert nobody[0].confidence is Confidence.LOW


def test_police_not_involved_points_at_the_apology_and_masks_the_name():
    doc = record(FULL + "## Apologies\n- DS Mark Fenwick (Detective Sergeant, Westvale Police)\n")
    findings = run_rule(PoliceNotInvolved, doc)
    line = next(b.index for b in doc.blocks if "Fenwick" in b.text)
    assert_findings(findings, [("XA003", {"block": line, "message": "sent apologies"})])
    assert "Fenwick" in findings[0].message and "Fenwick" not in findings[0].shown_message(excerpts=False)


def test_no_plan_to_see_child_reads_the_childs_voice_and_the_actions():
    findings = run_rule(NoPlanToSeeChild, FULL)
    assert_findings(findings, [("XA004", {"section": "Actions"})])
    assert findings[0].confidence is Confidence.HIGH
    said = FULL.replace(
        "called children's social care.",
        "called children's social care.\nAva told her teacher that her stepfather grabbed her arm.",
    )
    assert run_rule(NoPlanToSeeChild, said) == []
    visit = FULL + "| Visit Ava at home and see her alone | Tom Ellis | 15/03/2016 |\n"
    assert run_rule(NoPlanToSeeChild, visit) == []
    # a visit due before the meeting is no plan
    late = FULL + "| Visit Ava at home and see her alone | Tom Ellis | 10/03/2016 |\n"
    assert_findings(run_rule(NoPlanToSeeChild, late), [("XA004", {"message": "has no deadline"})])


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
        ## Attendees
        - DS Mark Fenwick (Detective Sergeant, Westvale Police)
        ## Health information
        Sarah Okafor (Health Visitor): Ava has been seen at every contact and is thriving.
        ## Actions
        | Action | Who | By when |
        |---|---|---|
        | Visit Ava at home and see her alone | Tom Ellis | 15/03/2016 |
        """,
        select=["XA"],
    )
    assert findings == []


def test_the_rules_use_the_public_api_only():
    """What XA001, XA003 and XA004 read (chair, agencies, participants, voice, actions) comes
    from ``strategy_lint`` itself: no rule imports strategy-lint's internals."""
    for module in PACKAGE.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("strategy_lint"):
                assert node.module in ("strategy_lint", "strategy_lint_example"), f"{module.name}: {node.module}"
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("strategy_lint.") for a in node.names), module.name


def test_installed_plugin_is_listed_by_the_command_line():
    out = subprocess.run(
        [sys.executable, "-m", "strategy_lint", "plugins"], capture_output=True, text=True, check=True
    ).stdout
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "strategy-lint-example-plugin" in lines["XA001"] and "XA001" in lines["XA001"]
    for code in ("XA002", "XA003", "XA004"):
        assert "strategy-lint-example-plugin" in lines[code], code


def test_the_example_rules_are_off_unless_selected():
    """Installing the example for its tests must not change every check in that environment."""
    no_chair = "# Strategy Discussion Record\n## Meeting details\nDate of strategy discussion: 14/03/2016\n"
    assert [f.code for f in lint(no_chair) if f.code.startswith("XA")] == []
    assert [f.code for f in lint(no_chair, select=["XA001"])] == ["XA001"]
    rules = subprocess.run(
        [sys.executable, "-m", "strategy_lint", "rules"], capture_output=True, text=True, check=True
    ).stdout
    assert any(line.startswith("XA001") and line.endswith("(off unless selected)") for line in rules.splitlines())
