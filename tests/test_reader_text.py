"""The Markdown / plain-text reader: the way records are described in tests and fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy_lint.errors import ReadError
from strategy_lint.model import BlockKind
from strategy_lint.readers.base import ReadOptions
from strategy_lint.readers.text import parse_markdown, strategy_lint_read_document

RECORD = """<!-- expect: SL101 -->
<!-- layouts: form
     narrative -->
# Strategy Discussion Record
## Meeting details
Date of strategy discussion: 14/03/2016
Time: 10:00 - 11:00
## Attendees
| Name | Role | Agency |
|---|---|---|
| Hannah Reed | Team Manager (Chair) | Children's Social Care |
| Tom Ellis | Social Worker |
## Child's voice and lived experience
Ava was seen at home by the **health visitor**
on 11/03/2016 and smiled at her mother.

**Observed by the social worker**
- a bullet
  that wraps
    - a nested bullet
1. a numbered item
### Sub heading ###
"""


def kinds(doc):
    return [(b.kind, b.text) for b in doc.blocks]


def test_headings_paragraphs_and_comments() -> None:
    doc = parse_markdown(RECORD)
    headings = [(b.heading_level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        (1, "Strategy Discussion Record"),
        (2, "Meeting details"),
        (2, "Attendees"),
        (2, "Child's voice and lived experience"),
        (3, "Sub heading"),
    ]
    texts = [b.text for b in doc.blocks]
    assert not any("expect" in t or "layouts" in t or "narrative" in t for t in texts)
    # "Label: value" lines stay separate; prose lines join; bold markers are stripped
    assert "Date of strategy discussion: 14/03/2016" in texts
    assert "Time: 10:00 - 11:00" in texts
    joined = "Ava was seen at home by the health visitor on 11/03/2016 and smiled at her mother."
    assert joined in texts
    bold = next(b for b in doc.blocks if b.text == "Observed by the social worker")
    assert bold.bold and bold.kind is BlockKind.PARAGRAPH
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))
    assert doc.sections == [] and all(b.section_path == () and b.page is None for b in doc.blocks)
    first = doc.blocks[0]
    assert first.source == "line=4"


def test_lists_have_levels_and_styles() -> None:
    doc = parse_markdown(RECORD)
    items = [(b.text, b.list_level, b.style) for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [
        ("a bullet that wraps", 0, "List Bullet"),
        ("a nested bullet", 1, "List Bullet"),
        ("a numbered item", 0, "List Number"),
    ]


def test_tables_become_cells_without_separator_row() -> None:
    doc = parse_markdown(RECORD)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.n_rows == 3 and table.n_cols == 3
    grid = [[doc.blocks[i].text if i is not None else None for i in row] for row in table.cells]
    assert grid[0] == ["Name", "Role", "Agency"]
    assert grid[2] == ["Tom Ellis", "Social Worker", ""]  # short row padded
    cell = doc.blocks[table.cells[1][2]]
    assert (cell.kind, cell.table, cell.row, cell.column) == (BlockKind.TABLE_CELL, 0, 1, 2)
    assert table.header == [] and table.records == []


def test_plain_text_pseudo_headings(tmp_path: Path) -> None:
    path = tmp_path / "record.txt"
    path.write_text(
        "STRATEGY DISCUSSION RECORD\n\nAttendees:\nHannah Reed, Team Manager, CSC\n"
        "Date of strategy discussion: 14/03/2016\n\n"
        "The social worker said the following: Ava was calm.\n",
        encoding="utf-8",
    )
    doc = strategy_lint_read_document(path, ReadOptions())
    assert doc is not None and doc.format == "text"
    headings = [(b.text, b.heading_level) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings == [("STRATEGY DISCUSSION RECORD", 2), ("Attendees", 2)]
    # a long line with a colon inside is prose, not a heading
    assert any(b.kind is BlockKind.PARAGRAPH and b.text.startswith("The social worker") for b in doc.blocks)


def test_markdown_file_has_no_pseudo_headings(tmp_path: Path) -> None:
    path = tmp_path / "record.md"
    path.write_text("Attendees:\nHannah Reed\n", encoding="utf-8")
    doc = strategy_lint_read_document(path, ReadOptions())
    assert doc is not None
    assert all(b.kind is not BlockKind.HEADING for b in doc.blocks)


def test_encodings_bom_and_cp1252(tmp_path: Path) -> None:
    bom = tmp_path / "bom.md"
    bom.write_bytes("\ufeff# Child\u2019s voice\n".encode("utf-8"))
    assert strategy_lint_read_document(bom, ReadOptions()).blocks[0].text == "Child\u2019s voice"
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Child\u2019s voice was heard\n".encode("cp1252"))
    assert strategy_lint_read_document(legacy, ReadOptions()).blocks[0].text == "Child\u2019s voice was heard"


def test_other_suffixes_are_left_to_other_readers(tmp_path: Path) -> None:
    path = tmp_path / "record.docx"
    path.write_text("# not mine", encoding="utf-8")
    assert strategy_lint_read_document(path, ReadOptions()) is None


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"PK\x03\x04" + b"\x00" * 40, "Word"),
        (b"%PDF-1.4\n%junk\n", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, ".doc"),
    ],
)
def test_wrong_extension(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "record.md"
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        strategy_lint_read_document(path, ReadOptions())
    assert info.value.code == "wrong-extension"
    assert words in info.value.message and "rename" in info.value.message
    assert "\n" not in info.value.message


def test_nul_bytes_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "record.txt"
    path.write_bytes(b"Strategy discussion\x00\x00\x01 record")
    with pytest.raises(ReadError) as info:
        strategy_lint_read_document(path, ReadOptions())
    assert info.value.code == "not-text"
    assert "Strategy" not in info.value.message


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "record.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadError) as info:
        strategy_lint_read_document(path, ReadOptions())
    assert info.value.code == "empty-file"


def test_a_line_break_inside_a_markdown_table_cell_is_kept():
    doc = parse_markdown("| Part | Notes |\n|---|---|\n| **7. Voice**<br>To follow. | Noted<br/>by SW |\n")
    cells = [b for b in doc.blocks if b.table is not None and b.row == 1]
    assert [c.text for c in cells] == ["7. Voice\nTo follow.", "Noted\nby SW"]
    assert not cells[0].bold  # only its first line is bold
