"""SARIF 2.1.0 output, validated against the official schema (local copy: no network)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from strategy_lint.engine import FileResult
from strategy_lint.errors import ReadError
from strategy_lint.findings import Finding, Location, Severity
from strategy_lint.formatters.base import Summary
from strategy_lint.formatters.sarif import FINGERPRINT_KEY, SarifFormatter

DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _no_fetch(uri: str) -> Resource:
    raise AssertionError(f"schema tried to fetch {uri}: validation must stay offline")


def validate(log: dict) -> None:
    validator = jsonschema.Draft7Validator(
        SCHEMA, registry=Registry(retrieve=_no_fetch), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def results() -> list[FileResult]:
    loc = Location(page=3, section="Actions", block=12, table=1, row=4, column=2)
    return [
        FileResult(
            "records/ava marsh.docx",
            "ok",
            [
                Finding(
                    "XD401",
                    "demo-tbc-deadline",
                    Severity.ERROR,
                    "An action's deadline is TBC.",
                    "Agree a date.",
                    loc,
                    excerpt="Police visit TBC",
                ),
                Finding(
                    "XD201",
                    "demo-voice-missing",
                    Severity.WARNING,
                    "No child's voice section.",
                    None,
                    Location(section="Child's voice"),
                ),
                Finding("SL002", "unused-suppression", Severity.INFO, "Nothing to suppress.", None, Location()),
            ],
        ),
        FileResult("records/old.doc", "error", error=ReadError("legacy-doc", "this is an old .doc file")),
    ]


def render(**kw) -> dict:
    import demo_rules  # tests/data, on sys.path below

    fmt = SarifFormatter(rules={"XD401": demo_rules.TbcDeadline, "XD201": demo_rules.VoiceSection}, **kw)
    rs = results()
    return json.loads(fmt.render(rs, Summary.of(rs, 2)))


@pytest.fixture(autouse=True)
def _data_on_path(monkeypatch):
    monkeypatch.syspath_prepend(str(DATA))


def test_validates_against_the_official_schema():
    validate(render())


def test_the_validator_really_checks():
    log = render()
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError, match="level"):
        validate(log)


def test_rules_carry_descriptions_help_and_default_level():
    rules = {r["id"]: r for r in render()["runs"][0]["tool"]["driver"]["rules"]}
    tbc = rules["XD401"]
    assert tbc["name"] == "demo-tbc-deadline"
    assert tbc["shortDescription"]["text"] == "A deadline reads TBC."
    assert "a deadline nobody can check" in tbc["fullDescription"]["text"]
    assert tbc["help"]["markdown"].startswith("# XD401 demo-tbc-deadline")
    assert tbc["defaultConfiguration"]["level"] == "error"
    assert rules["SL002"]["defaultConfiguration"]["level"] == "note"


def test_results_have_logical_locations_fingerprints_and_no_region():
    run = render()["runs"][0]
    first = run["results"][0]
    assert first["ruleId"] == "XD401" and first["level"] == "error"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "XD401"
    phys = first["locations"][0]["physicalLocation"]
    assert phys == {"artifactLocation": {"uri": "records/ava%20marsh.docx"}}  # no lines: no region
    logical = first["locations"][0]["logicalLocations"][0]
    assert logical["fullyQualifiedName"] == "Actions > table 2 > row 5"
    assert first["properties"]["page"] == 3 and first["properties"]["row"] == 5
    expected = results()[0].findings[0].fingerprint("records/ava marsh.docx")
    assert first["partialFingerprints"] == {FINGERPRINT_KEY: expected}
    assert "How to fix: Agree a date." in first["message"]["text"]
    assert run["results"][1]["level"] == "warning" and run["results"][2]["level"] == "note"


def test_unreadable_files_are_notifications_not_results():
    inv = render()["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["descriptor"]["id"] == "legacy-doc"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "records/old.doc"


def test_no_excerpts_option():
    assert "Police visit TBC" in json.dumps(render())
    assert "Police visit TBC" not in json.dumps(render(excerpts=False))


def test_cli_sarif_end_to_end(tmp_path, cli):
    record = tmp_path / "record.md"
    record.write_text("# Strategy Discussion Record\n\n## Actions\nPolice to visit, TBC.\n", encoding="utf-8")
    (tmp_path / "strategy-lint.toml").write_text(
        f'local-plugins = ["{(DATA / "demo_rules.py").as_posix()}"]\nselect = ["XD"]\n', encoding="utf-8"
    )
    out = tmp_path / "report.sarif"
    proc = cli("check", "record.md", "--format", "sarif", "--output", str(out), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    log = json.loads(out.read_text(encoding="utf-8"))
    validate(log)
    ids = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert ids == {"XD401", "XD201"}
    rule_ids = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {"XD401", "XD201", "XD902"} <= rule_ids  # every loaded rule is described


EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "examples"


@pytest.mark.skipif(not any(EXAMPLES.glob("problems-*")), reason="fixtures/examples not generated yet")
def test_example_records_with_the_built_in_rules_give_valid_sarif(tmp_path, capsys):
    from strategy_lint.cli import main

    out = tmp_path / "examples.sarif"
    problems = [str(p) for p in sorted(EXAMPLES.glob("problems-*")) if p.suffix in (".docx", ".pdf")]
    code = main(["check", *problems, "--format", "sarif", "--output", str(out)])
    capsys.readouterr()
    assert code in (1, 2)
    log = json.loads(out.read_text(encoding="utf-8"))
    validate(log)
    run = log["runs"][0]
    assert run["results"], "the problem records should produce results"
    described = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in run["results"]} <= described
    assert all(r["help"]["markdown"].startswith(f"# {r['id']} ") for r in run["tool"]["driver"]["rules"])
