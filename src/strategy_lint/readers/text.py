"""Reader for Markdown-like and plain-text records (.md, .markdown, .txt, .text).

Markdown is also the way rule authors and fixture builders *describe* a record, so the
parser (:func:`parse_markdown`) is a pure function usable without any file.  It produces
blocks only: sections, section paths, table headers and records are left empty for the
structure pass, exactly as the .docx and PDF readers leave them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..hookspecs import hookimpl
from ..model import Block, BlockKind, Document, Table
from .base import ReadOptions, check_size, sniff

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
PLAIN_SUFFIXES = frozenset({".txt", ".text"})

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)([-*+])\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,3})[.)]\s+(.*)$")
_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FIELD_LINE = re.compile(r"^[A-Za-z][^:|]{0,60}:\s+\S")
_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
_COMMENT_START = "<!--"
_COMMENT_END = "-->"

_REAL_FORMATS = {
    "zip": "a Word (.docx) or other zip file",
    "ole": "an old-style Word (.doc) or other Office file",
    "pdf": "a PDF",
}
_MAX_PSEUDO_HEADING_WORDS = 8


@hookimpl(trylast=True)
def strategy_lint_read_document(path: Path, options: ReadOptions) -> Document | None:
    """Read a .md/.txt record; None for any other suffix so other readers get a turn."""
    suffix = path.suffix.lower()
    if suffix not in MARKDOWN_SUFFIXES | PLAIN_SUFFIXES:
        return None
    real = sniff(path)
    if real in _REAL_FORMATS:
        raise ReadError(
            "wrong-extension",
            f"this file has a text extension ({suffix}) but is really {_REAL_FORMATS[real]}: "
            "rename it with the right extension and check it again",
        )
    check_size(path, options)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError("unreadable", f"cannot open the file ({exc.strerror or 'I/O error'})") from None
    text = decode_text(data)
    return parse_markdown(text, path=str(path), markdown=suffix in MARKDOWN_SUFFIXES)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, cp1252 as the fallback Windows editors produce."""
    if b"\x00" in data:
        raise ReadError(
            "not-text",
            "this file has a text extension but contains binary data: "
            "check it is the right file, or save the record as .docx, .pdf or plain text",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# -- parsing ------------------------------------------------------------------------------


@dataclass
class _Builder:
    """Accumulates blocks and tables in reading order."""

    path: str
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def add(self, kind: BlockKind, text: str, line: int, **extra: Any) -> Block:
        if kind is BlockKind.TABLE_CELL and _LINE_BREAK.search(text):
            # "**7. Voice**<br>To follow.": a table cell's lines, as GitHub-flavoured Markdown
            # writes a line break inside a cell
            parts = [strip_inline(part) for part in _LINE_BREAK.split(text)]
            plain, bold = "\n".join(p for p, _ in parts if p), all(b for p, b in parts if p)
        else:
            plain, bold = strip_inline(text)
        block = Block(index=len(self.blocks), kind=kind, text=plain, bold=bold, source=f"line={line}", **extra)
        self.blocks.append(block)
        return block

    def add_table(self, rows: list[tuple[int, list[str]]]) -> None:
        width = max(len(cells) for _, cells in rows)
        t_index = len(self.tables)
        grid: list[list[int | None]] = []
        for r, (line, cells) in enumerate(rows):
            padded = cells + [""] * (width - len(cells))
            grid.append(
                [
                    self.add(BlockKind.TABLE_CELL, cell, line, table=t_index, row=r, column=c).index
                    for c, cell in enumerate(padded)
                ]
            )
        self.tables.append(Table(index=t_index, cells=grid))


def strip_inline(text: str) -> tuple[str, bool]:
    """Remove **bold** markers; report whether the whole text was bold."""
    stripped = text.strip()
    whole = bool(re.fullmatch(r"(\*\*|__)(.+)\1", stripped)) and _BOLD.sub("", stripped) == ""
    plain = _BOLD.sub(r"\2", stripped)
    plain = re.sub(r"\s+", " ", plain).strip()
    return plain, whole


_LINE_BREAK = re.compile(r"<br\s*/?>", re.I)


def _split_row(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return [c.replace("\\|", "|").strip() for c in cells]


def _is_pseudo_heading(line: str) -> bool:
    """Plain-text headings: 'Attendees:' alone on a line, or a short ALL-CAPS line."""
    text = line.strip()
    words = text.split()
    if not words or len(words) > _MAX_PSEUDO_HEADING_WORDS:
        return False
    if text.endswith(":") and len(text) > 1:
        return True
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def _list_level(indent: str, stack: list[int]) -> int:
    """Nesting level from indentation relative to the items above (any indent width)."""
    width = len(indent.replace("\t", "    "))
    while stack and stack[-1] > width:
        stack.pop()
    if not stack or stack[-1] < width:
        stack.append(width)
    return len(stack) - 1


def _drop_comments(lines: list[str]) -> list[str]:
    """Blank out <!-- ... --> comments (single- or multi-line), keeping line numbers."""
    out: list[str] = []
    in_comment = False
    for line in lines:
        if in_comment:
            out.append("")
            in_comment = _COMMENT_END not in line
            continue
        stripped = line.strip()
        if stripped.startswith(_COMMENT_START):
            out.append("")
            in_comment = _COMMENT_END not in stripped[len(_COMMENT_START) :]
            continue
        out.append(line)
    return out


def parse_markdown(text: str, path: str = "<text>", *, markdown: bool = True) -> Document:
    """Parse Markdown-like text into a Document of blocks and tables.

    ``markdown=False`` (plain .txt) adds pseudo-headings: a short line ending in ':' or a
    short ALL-CAPS line becomes a level-2 heading, as such records are typed.
    """
    parser = _LineParser(_Builder(path), markdown)
    lines = _drop_comments(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for number, raw in enumerate(lines, start=1):
        parser.feed(number, raw.rstrip())
    parser.flush()
    builder = parser.builder
    return Document(path=path, format="text", blocks=builder.blocks, tables=builder.tables)


class _LineParser:
    """One pass over the lines; pending paragraph, list item or table rows are flushed
    when something else starts, so consecutive prose lines join into one paragraph."""

    def __init__(self, builder: _Builder, markdown: bool) -> None:
        self.builder = builder
        self.markdown = markdown
        self.para: list[str] = []
        self.para_line = 0
        self.item: dict | None = None
        self.rows: list[tuple[int, list[str]]] = []
        self.indents: list[int] = []

    def flush(self) -> None:
        if self.para:
            self.builder.add(BlockKind.PARAGRAPH, " ".join(self.para), self.para_line)
            self.para = []
        if self.item is not None:
            item = self.item
            self.builder.add(
                BlockKind.LIST_ITEM,
                " ".join(item["text"]),
                item["line"],
                list_level=item["level"],
                style=item["style"],
            )
            self.item = None
        if self.rows:
            self.builder.add_table(self.rows)
            self.rows = []

    def feed(self, number: int, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            self.flush()
            return
        if stripped.startswith("|"):
            if self.para or self.item is not None:
                self.flush()
            if not _SEPARATOR_ROW.match(stripped):
                self.rows.append((number, _split_row(stripped)))
            return
        if self.rows:
            self.flush()
        listed = _BULLET.match(line) or _NUMBERED.match(line)
        if listed and not _HEADING.match(stripped):
            self.flush()
            style = "List Number" if listed.group(2).isdigit() else "List Bullet"
            level = _list_level(listed.group(1), self.indents)
            self.item = {"text": [listed.group(3)], "line": number, "level": level, "style": style}
            return
        if self.item is not None and line[:1] in (" ", "\t"):
            self.item["text"].append(stripped)
            return
        self.indents.clear()
        heading = _HEADING.match(stripped)
        if heading:
            self.flush()
            level = len(heading.group(1))
            self.builder.add(BlockKind.HEADING, heading.group(2), number, heading_level=level, style=f"Heading {level}")
            return
        if not self.markdown and _is_pseudo_heading(stripped):
            self.flush()
            self.builder.add(BlockKind.HEADING, stripped.rstrip(":").strip(), number, heading_level=2)
            return
        if self.item is not None or _FIELD_LINE.match(stripped) or (self.para and _FIELD_LINE.match(self.para[-1])):
            self.flush()
        if not self.para:
            self.para_line = number
        self.para.append(stripped)
