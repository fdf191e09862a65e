"""--annotate: a commented copy of each .docx; the original untouched; round-trips through both readers."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import docx
import pytest

from strategy_lint.annotate import AUTHOR, annotate_docx, annotate_results
from strategy_lint.config import parse_config
from strategy_lint.engine import Linter
from strategy_lint.findings import Finding, Location, Severity
from strategy_lint.plugins import create_plugin_manager
from strategy_lint.readers import docx as docx_reader
from strategy_lint.readers import text as text_reader
from strategy_lint.testing.builders import build

DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(DATA))
import demo_rules  # noqa: E402

RECORD = """# Strategy Discussion Record

## Meeting details
Date of strategy discussion: 14/03/2016
Chair: Hannah Reed, Team Manager, Children's Social Care

## Reason for the strategy discussion
Sarah Okafor saw a bruise on Ava Marsh's arm. NOTE check the date of the visit.

## Actions
| Action | Who | By when |
|---|---|---|
| Child protection medical | Dr Rachel Lim | 14/03/2016 |
| Police checks on adults visiting the home | DS Mark Fenwick | TBC |
| Health visitor weekly visits | Sarah Okafor | TBC |
"""


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def linter() -> Linter:
    plugins = create_plugin_manager(entry_points=[], extra=[demo_rules, docx_reader, text_reader])
    return Linter(config=parse_config({}, Path("strategy-lint.toml")), plugins=plugins)


@pytest.mark.parametrize("layout", ["form", "narrative", "pseudo"])
def test_round_trip(tmp_path, linter, layout):
    original = build(RECORD, layout, tmp_path / "in" / "ava-marsh.docx")
    before = sha(original)
    result = linter.lint_file(original)
    codes = sorted(f.code for f in result.findings)
    assert codes == ["XD201", "XD401", "XD401", "XD902"]

    notes = list(annotate_results([result], tmp_path / "out"))
    copy = tmp_path / "out" / "ava-marsh.docx"
    assert notes == [f"wrote 1 annotated copy to {tmp_path / 'out'}"]
    assert sha(original) == before  # the original is never modified

    # python-docx sees one comment per anchored finding plus one general comment.
    comments = list(docx.Document(str(copy)).comments)
    assert len(comments) == 4
    assert {c.author for c in comments} == {AUTHOR} and {c.initials for c in comments} == {"SL"}
    texts = [c.text for c in comments]
    tbc = [t for t in texts if t.startswith("XD401 demo-tbc-deadline: An action's deadline is TBC.")]
    assert len(tbc) == 2 and all("How to fix: Agree a date" in t for t in tbc)
    (general,) = [t for t in texts if t.startswith("XD201")]
    assert '(where: section "Child\'s voice")' in general

    # Our own reader reads them back as comments anchored to the blocks the findings named.
    doc = linter.read(copy)
    assert len(doc.blocks) == len(result.document.blocks)
    by_code: dict[str, list[list[int]]] = {}
    for c in doc.comments:
        by_code.setdefault(c.text.split()[0], []).append(c.blocks)
    for f in result.findings:
        if f.location.block is not None:
            assert any(f.location.block in blocks for blocks in by_code[f.code]), (f.code, f.location)
    first_body = next(b.index for b in doc.body_blocks())
    assert by_code["XD201"] == [[first_body]]
    # Re-checking the copy finds the same problems: the comments change no text.
    assert sorted(f.code for f in linter.lint_file(copy).findings) == codes


def test_blocks_that_cannot_carry_a_comment_go_in_the_general_comment(tmp_path, linter):
    original = build(RECORD, "narrative", tmp_path / "r.docx")
    doc = linter.read(original)
    header_like = Finding("XD902", "demo-note", Severity.INFO, "In the footer.", None, Location(block=0))
    doc.blocks[0].source = "/word/footer1.xml#/w:ftr/w:p[1]"
    bogus = Finding("XD902", "demo-note", Severity.INFO, "Bad handle.", None, Location(block=1))
    doc.blocks[1].source = "/word/document.xml#/w:document/w:body/w:p[999]"
    data = annotate_docx(original, doc, [header_like, bogus])
    out = tmp_path / "copy.docx"
    out.write_bytes(data)
    (comment,) = docx.Document(str(out)).comments
    assert "In the footer." in comment.text and "Bad handle." in comment.text
    assert len(comment.paragraphs) == 2  # one paragraph per finding


def test_cli_annotate(tmp_path, cli):
    records = tmp_path / "records"
    build(RECORD, "form", records / "ava.docx")
    build(RECORD, "md", records / "ava.md")
    (tmp_path / "strategy-lint.toml").write_text(
        f'local-plugins = ["{(DATA / "demo_rules.py").as_posix()}"]\nselect = ["XD"]\n', encoding="utf-8"
    )
    before = sha(records / "ava.docx")
    proc = cli("check", "records/ava.docx", "records/ava.md", "--annotate", "annotated", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "records/ava.md: not annotated (only .docx copies" in proc.stderr
    assert "wrote 1 annotated copy to annotated" in proc.stderr
    assert len(docx.Document(str(tmp_path / "annotated" / "ava.docx")).comments) == 4
    assert sha(records / "ava.docx") == before
    same = cli("check", "records/ava.docx", "--annotate", "records", cwd=tmp_path)
    assert same.returncode == 2 and "--annotate records would be written among the records" in same.stderr
    assert sha(records / "ava.docx") == before and sorted(p.name for p in records.iterdir()) == ["ava.docx", "ava.md"]


def test_same_names_from_different_folders_do_not_collide(tmp_path, linter):
    a = linter.lint_file(build(RECORD, "narrative", tmp_path / "a" / "r.docx"))
    b = linter.lint_file(build(RECORD, "narrative", tmp_path / "b" / "r.docx"))
    list(annotate_results([a, b], tmp_path / "out"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["r (2).docx", "r.docx"]


EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "examples"


@pytest.mark.skipif(not any(EXAMPLES.glob("problems-*.docx")), reason="fixtures/examples not generated yet")
def test_example_problem_record_with_the_built_in_rules(tmp_path):
    original = sorted(EXAMPLES.glob("problems-*.docx"))[0]
    before = sha(original)
    real = Linter(config=parse_config({}, None))
    result = real.lint_file(original)
    assert result.status == "ok" and result.findings
    list(annotate_results([result], tmp_path))
    assert sha(original) == before
    copy = tmp_path / original.name
    comments = real.read(copy).comments
    mine = [c for c in comments if c.author == AUTHOR]
    anchored = [f for f in result.findings if f.location.block is not None]
    assert len(mine) == len(anchored) + (len(result.findings) > len(anchored))
    for f in anchored:
        assert any(f.location.block in c.blocks and c.text.startswith(f.code) for c in mine), f.code
