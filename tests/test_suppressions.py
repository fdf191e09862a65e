"""Suppressions: disable comments in the record, baselines, and SL002 for stale ones."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from strategy_lint.config import parse_config
from strategy_lint.engine import Linter
from strategy_lint.model import Block, BlockKind, Comment, Document, Section, Table
from strategy_lint.plugins import create_plugin_manager
from strategy_lint.rules import Report, Rule
from strategy_lint.suppressions import is_directive

DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(DATA))
import demo_rules  # noqa: E402

from strategy_lint.readers import docx as docx_reader  # noqa: E402
from strategy_lint.readers import text as text_reader  # noqa: E402


class Crashes(Rule):
    code = "XD999"
    name = "demo-crash"
    summary = "Always crashes."

    def check(self, document, ctx):
        raise RuntimeError("boom")


class _Crash:
    from strategy_lint import hookimpl

    @hookimpl
    def strategy_lint_rules(self):
        return [Crashes]


def linter(cfg: dict | None = None, extra=(), **kw) -> Linter:
    config = parse_config(cfg or {}, Path("strategy-lint.toml"))
    return Linter(
        config=config,
        plugins=create_plugin_manager(entry_points=[], extra=[demo_rules, docx_reader, text_reader, *extra]),
        **kw,
    )


def record(comments: list[Comment]) -> Document:
    """Heading 'Actions' (0), a 2-row actions table (1-6), 'Notes' section (7-9)."""
    blocks = [
        Block(0, BlockKind.HEADING, "Actions", heading_level=2, section_path=("Actions",)),
        Block(1, BlockKind.TABLE_CELL, "Action", table=0, row=0, column=0, section_path=("Actions",)),
        Block(2, BlockKind.TABLE_CELL, "By when", table=0, row=0, column=1, section_path=("Actions",)),
        Block(3, BlockKind.TABLE_CELL, "Police visit", table=0, row=1, column=0, section_path=("Actions",)),
        Block(4, BlockKind.TABLE_CELL, "TBC", table=0, row=1, column=1, section_path=("Actions",)),
        Block(5, BlockKind.TABLE_CELL, "School check", table=0, row=2, column=0, section_path=("Actions",)),
        Block(6, BlockKind.TABLE_CELL, "TBC", table=0, row=2, column=1, section_path=("Actions",)),
        Block(7, BlockKind.HEADING, "Notes", heading_level=2, section_path=("Notes",)),
        Block(8, BlockKind.PARAGRAPH, "NOTE one", section_path=("Notes",)),
        Block(9, BlockKind.PARAGRAPH, "NOTE two", section_path=("Notes",)),
    ]
    return Document(
        "r.docx",
        "docx",
        blocks=blocks,
        tables=[Table(0, [[1, 2], [3, 4], [5, 6]])],
        sections=[
            Section(0, "Actions", "actions", 2, 0, [1, 2, 3, 4, 5, 6]),
            Section(1, "Notes", None, 2, 7, [8, 9]),
        ],
        comments=comments,
    )


def codes(findings) -> list[tuple[str, int | None]]:
    return sorted((f.code, f.location.block) for f in findings)


BASE = [("XD201", None), ("XD401", 4), ("XD401", 6), ("XD902", 8), ("XD902", 9)]


def test_no_comments_all_findings():
    assert codes(linter().lint_document(record([]))) == BASE


def test_disable_on_a_cell_covers_its_row_only():
    doc = record([Comment("1", "strategy-lint: disable=XD401", blocks=[3])])  # on the Action cell
    assert codes(linter().lint_document(doc)) == [c for c in BASE if c != ("XD401", 4)]


def test_disable_on_a_heading_covers_the_section_and_names_work():
    doc = record([Comment("1", "strategy-lint: disable=demo-note (agreed with the chair)", blocks=[7])])
    assert codes(linter().lint_document(doc)) == [c for c in BASE if c[0] != "XD902"]


def test_section_level_finding_without_block_is_covered_by_its_heading():
    class SectionRule(Rule):
        code, name, summary = "XD300", "demo-section", "Section-level."

        def check(self, document, ctx):
            yield Report("Notes section problem", section="Notes")

    class P:
        from strategy_lint import hookimpl

        @hookimpl
        def strategy_lint_rules(self):
            return [SectionRule]

    l = linter({"select": ["XD300"]}, extra=[P()])
    assert codes(l.lint_document(record([]))) == [("XD300", None)]
    doc = record([Comment("1", "strategy-lint: disable=XD300", blocks=[7])])
    assert codes(l.lint_document(doc)) == []


def test_disable_file_with_several_codes_and_prefixes():
    doc = record([Comment("1", "strategy-lint: disable-file=XD4, XD201", blocks=[8])])
    assert codes(linter().lint_document(doc)) == [("XD902", 8), ("XD902", 9)]


def test_stale_comment_becomes_sl002_at_the_comment():
    doc = record([Comment("1", "strategy-lint: disable=XD401,XD902", blocks=[8])])
    found = linter().lint_document(doc)
    assert ("XD902", 8) not in codes(found) and ("XD902", 9) in codes(found)
    (stale,) = [f for f in found if f.code == "SL002"]
    assert stale.name == "unused-suppression" and stale.severity.value == "info"
    assert stale.location.block == 8 and stale.location.section == "Notes"
    assert "disable=XD401,XD902" in stale.message and "no XD401 problem" in stale.message


def test_unknown_code_in_comment_is_reported():
    doc = record([Comment("1", "strategy-lint: disable=XD44", blocks=[4])])
    (stale,) = [f for f in linter().lint_document(doc) if f.code == "SL002"]
    assert "'XD44', which is not a known check" in stale.message


def test_rule_that_did_not_run_is_not_stale_and_sl002_can_be_ignored():
    doc = record([Comment("1", "strategy-lint: disable=XD902", blocks=[4])])
    assert codes(linter({"select": ["XD401"]}).lint_document(doc)) == [("XD401", 4), ("XD401", 6)]
    assert "SL002" in {f.code for f in linter().lint_document(doc)}
    assert "SL002" not in {f.code for f in linter({"ignore": ["SL002"]}).lint_document(doc)}
    assert "SL002" not in {f.code for f in linter({"ignore": ["unused-suppression"]}).lint_document(doc)}


def test_internal_errors_are_never_suppressed():
    doc = record([Comment("1", "strategy-lint: disable-file=all", blocks=[0])])
    found = linter(extra=[_Crash()]).lint_document(doc)
    assert [f.code for f in found] == ["SL000"]


def test_is_directive():
    assert is_directive("  Strategy-Lint: disable = SL401")
    assert not is_directive("please check. strategy-lint: disable=SL401") and not is_directive(None)


def test_directive_must_start_the_comment_and_may_span_lines():
    late = record([Comment("1", "Chair agreed. strategy-lint: disable-file=all", blocks=[0])])
    assert codes(linter().lint_document(late)) == BASE  # a review comment, not an instruction
    two = record([Comment("1", "strategy-lint: disable=XD401 agreed\nstrategy-lint: disable-file=XD902", blocks=[4])])
    assert codes(linter().lint_document(two)) == [("XD201", None), ("XD401", 6)]


# -- with a real .docx: the reader anchors the comment, the engine honours it ------------------


def test_real_docx_comment_anchored_to_a_row(tmp_path):
    import docx

    from strategy_lint.testing.builders import build

    md = (
        "# Strategy Discussion Record\n\n## Actions\n| Action | Who | By when |\n|---|---|---|\n"
        "| Police visit | DS Mark Fenwick | TBC |\n| School check | Tom Ellis | TBC |\n"
    )
    path = build(md, "narrative", tmp_path / "r.docx")
    d = docx.Document(str(path))
    cell = next(c for t in d.tables for c in t._cells if c.text == "DS Mark Fenwick")  # Who cell, row 1
    d.add_comment(cell.paragraphs[0].runs, "strategy-lint: disable=XD401 (agreed at meeting)", author="Priya Nair")
    d.save(str(path))
    l = linter({"select": ["XD401"]})
    doc = l.read(path)
    assert [c.text for c in doc.comments][0].startswith("strategy-lint: disable=XD401")
    found = l.lint_document(doc, path=path)
    assert len(found) == 1 and found[0].code == "XD401"
    row = [b.text for b in doc.blocks if b.table == found[0].location.table and b.row == found[0].location.row]
    assert "School check" in row  # the other row's TBC is still reported


# -- baselines -------------------------------------------------------------------------------


def _setup(tmp_path: Path) -> Path:
    records = tmp_path / "records"
    records.mkdir()
    (records / "a.md").write_text("# Record\n\n## Actions\nPolice visit TBC.\n\nNOTE to self.\n", encoding="utf-8")
    (records / "b.md").write_text("# Record\n\n## Actions\nSchool check TBC.\n", encoding="utf-8")
    (tmp_path / "strategy-lint.toml").write_text(
        f'local-plugins = ["{(DATA / "demo_rules.py").as_posix()}"]\nselect = ["XD", "SL002"]\nfail-on = "info"\n',
        encoding="utf-8",
    )
    return records


def test_baseline_round_trip(tmp_path, cli):
    records = _setup(tmp_path)
    base = tmp_path / "ci" / "baseline.json"
    first = cli("check", "records/a.md", "records/b.md", "--write-baseline", str(base), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    data = json.loads(base.read_text())
    assert sorted(data["files"]) == ["../records/a.md", "../records/b.md"]  # relative to the baseline
    assert len(data["files"]["../records/a.md"]) == 3  # XD401, XD902, XD201
    # Nothing new: clean, even run from another folder.
    again = cli(
        "check", str(records / "a.md"), str(records / "b.md"), "--baseline", str(base), "--format", "json", cwd=records
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert all(f["findings"] == [] for f in json.loads(again.stdout)["files"])
    # A new problem is reported; a fixed one leaves a stale entry (SL002, info).
    (records / "a.md").write_text("# Record\n\n## Actions\nPolice visit TBC.\n\nHousing TBC.\n", encoding="utf-8")
    third = cli("check", "records/a.md", "--baseline", str(base), "--format", "json", cwd=tmp_path)
    found = json.loads(third.stdout)["files"][0]["findings"]
    assert sorted(f["code"] for f in found) == ["SL002", "XD401"]
    stale = next(f for f in found if f["code"] == "SL002")
    assert stale["message"].startswith("1 baseline entry for this record matched no finding")
    assert third.returncode == 1


def test_bad_baseline_is_a_usage_error(tmp_path, cli):
    _setup(tmp_path)
    (tmp_path / "bl.json").write_text("{not json", encoding="utf-8")
    proc = cli("check", "records/a.md", "--baseline", "bl.json", cwd=tmp_path)
    assert proc.returncode == 2 and "not a strategy-lint baseline" in proc.stderr
    proc = cli("check", "records/a.md", "--baseline", "missing.json", cwd=tmp_path)
    assert proc.returncode == 2 and "baseline file not found" in proc.stderr


def test_rule_sl002_is_documented(cli, tmp_path):
    proc = cli("rule", "SL002", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith("# SL002 unused-suppression")
    assert "## How to fix" in proc.stdout
    assert "SL002  unused-suppression" in cli("rules", cwd=tmp_path).stdout
