"""Blocks for the PDF reader: lines joined into paragraphs, headings and list items (ranked
over the whole document), and tables emitted in reading order."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..model import Block, BlockKind, Document, Image, Table
from .pdf_layout import (
    _NUMBERED,
    HEADING_RATIO,
    MAX_HEADING_WORDS,
    PARAGRAPH_PITCH,
    WEAK_MARKERS,
    Line,
    PageLayout,
    PageTable,
)
from .pdf_tables import _continues, _row_texts

#: The end of a sentence: a cell ending so is not cut off by the page break.
_ENDS_SENTENCE = re.compile(r"[.!?:;]\s*$")


@dataclass
class _Group:
    """Consecutive lines that read as one paragraph, heading or list item."""

    lines: list[Line]

    @property
    def first(self) -> Line:
        return self.lines[0]


class _Builder:
    """Turns page layouts into blocks and tables, in reading order."""

    def __init__(self, document: Document, pages: list[PageLayout]) -> None:
        self.doc = document
        self.pages = pages
        self.body_size = self._body_size()
        self.heading_sizes: list[float] = []
        self.list_indents: list[float] = []

    def _body_size(self) -> float:
        sizes: Counter[float] = Counter()
        for page in self.pages:
            for line in page.lines:
                if line.kind is None:
                    for w in line.body_words:
                        sizes[round(float(w["size"]) * 2) / 2] += len(w["text"])
            for table in page.tables:
                for cell in table.cells:
                    if cell.size:
                        sizes[cell.size] += len(cell.text)
        return sizes.most_common(1)[0][0] if sizes else 0.0

    def build(self) -> None:
        plans = [(page, self._page_items(page)) for page in self.pages]
        self._rank_headings(plans)
        self._rank_list_indents(plans)
        last_table: tuple[PageTable, Table, int] | None = None  # the last body item, if a table
        for page, items in plans:
            for item in items:
                if isinstance(item, PageTable):
                    previous = last_table if last_table and last_table[2] == page.number - 1 else None
                    if previous and _continues(previous[0], item):
                        emitted = self._emit_table(item, page.number, into=previous[1])
                    else:
                        emitted = self._emit_table(item, page.number)
                    last_table = (item, emitted, page.number)
                else:
                    self._emit_group(item, page.number)
                    if item.first.kind is None:
                        last_table = None  # body text between: not a continuation
            self.doc.images.extend(Image(block=None, name=None, page=page.number) for _ in range(page.images))

    # reading order ----------------------------------------------------------------------

    def _page_items(self, page: PageLayout) -> list[_Group | PageTable]:
        entries: list[tuple[float, int, Line | PageTable]] = [(line.top, 0, line) for line in page.lines]
        entries += [(table.bbox[1], 1, table) for table in page.tables]
        entries.sort(key=lambda e: (e[0], e[1]))
        right_edge = max((line.x1 for line in page.lines if line.kind is None), default=page.width)
        items: list[_Group | PageTable] = []
        current: _Group | None = None
        for _, _, entry in entries:
            if isinstance(entry, PageTable):
                items.append(entry)
                current = None
            elif entry.kind is not None or current is None or not _joins(current, entry, right_edge):
                current = _Group([entry])
                items.append(current)
            else:
                current.lines.append(entry)
            if isinstance(entry, Line) and entry.kind is not None:
                current = None
        return items

    # heading levels and list levels, ranked over the whole document ---------------------

    def _is_heading(self, group: _Group) -> bool:
        first = group.first
        if first.kind is not None or not self.body_size:
            return False
        if first.marker and not _NUMBERED.match(first.marker):
            return False  # a bullet is never a heading; "7. Lived experience" in a big font is
        n_words = sum(len(line.words) for line in group.lines)
        short = all(len(line.words) <= MAX_HEADING_WORDS for line in group.lines) and (
            n_words <= MAX_HEADING_WORDS or len(group.lines) <= 2
        )
        if not short and len(group.lines) <= 2:
            short = _parallel_title(" ".join(line.text for line in group.lines))
        return short and group.first.size >= HEADING_RATIO * self.body_size

    def _rank_headings(self, plans: list[tuple[PageLayout, list[Any]]]) -> None:
        sizes = {
            item.first.size
            for _, items in plans
            for item in items
            if isinstance(item, _Group) and self._is_heading(item)
        }
        self.heading_sizes = sorted(sizes, reverse=True)

    def _rank_list_indents(self, plans: list[tuple[PageLayout, list[Any]]]) -> None:
        indents: set[float] = set()
        for _, items in plans:
            for item in items:
                if (
                    isinstance(item, _Group)
                    and item.first.marker
                    and item.first.kind is None
                    and not self._is_heading(item)
                ):
                    indents.add(round(item.first.x0 / 6) * 6)
        self.list_indents = sorted(indents)

    # emitting ---------------------------------------------------------------------------

    def _add_block(self, **kwargs: Any) -> Block:
        block = Block(index=len(self.doc.blocks), **kwargs)
        self.doc.blocks.append(block)
        return block

    def _emit_group(self, group: _Group, page: int) -> None:
        first = group.first
        text = _join_lines(group.lines)
        if first.kind is not None:
            kind = first.kind
        elif self._is_heading(group):
            kind = BlockKind.HEADING
        elif first.marker:
            if not _NUMBERED.match(first.marker):
                text = text[len(first.marker) :].lstrip()
            kind = BlockKind.LIST_ITEM
        else:
            kind = BlockKind.PARAGRAPH
        level = self.heading_sizes.index(first.size) + 1 if kind is BlockKind.HEADING else None
        list_level = None
        if kind is BlockKind.LIST_ITEM:
            list_level = self.list_indents.index(round(first.x0 / 6) * 6)
        letters = [ch for ch in text if ch.isalpha()]
        self._add_block(
            kind=kind,
            text=text,
            heading_level=level,
            list_level=list_level,
            page=page,
            bold=all(line.bold for line in group.lines),
            all_caps=len(letters) >= 2 and all(ch.isupper() for ch in letters),
            font_size=first.size or None,
            source=_source(
                page,
                min(line.x0 for line in group.lines),
                group.first.top,
                max(line.x1 for line in group.lines),
                group.lines[-1].bottom,
            ),
        )

    def _emit_table(
        self, table: PageTable, page: int, into: Table | None = None, parent: tuple[int, int, int] | None = None
    ) -> Table:
        """Emit a ruled table; ``into`` continues a table broken across a page, ``parent``
        is the (table, row, column) of the cell a nested table sits in.  Each cell's nested
        tables follow its text, as a .docx reader reads them."""
        if into is None:
            into_new = Table(index=len(self.doc.tables), cells=[], page=page, parent=parent)
            self.doc.tables.append(into_new)  # first, so the tables nested in it come after it
        index = into.index if into else into_new.index
        offset = into.n_rows if into else 0
        grid: list[list[int | None]] = [[None] * len(row) for row in table.shape]
        skip_row = None
        if into is not None and _row_texts(table, 0) == [
            self.doc.blocks[c].text if c is not None else "" for c in into.cells[0]
        ]:
            skip_row = 0  # the header row repeated at the top of the new page
        first = 0 if skip_row is None else 1
        # the page break cut a row in two: its cells carry on at the top of the new page
        split_row = first if into is not None and self._rest_of_row(into.cells[-1], table, first) else None
        dropped = (skip_row is not None) + (split_row is not None)
        for cell in table.cells:
            if cell.row == skip_row:
                continue
            if cell.row == split_row and into is not None:
                self._carry_on(into, cell.column, cell.text)
                continue
            letters = [ch for ch in cell.text if ch.isalpha()]
            block = self._add_block(
                kind=BlockKind.TABLE_CELL,
                text=cell.text,
                page=page,
                table=index,
                row=cell.row + offset - dropped,
                column=cell.column,
                bold=cell.bold,
                all_caps=len(letters) >= 2 and all(ch.isupper() for ch in letters),
                font_size=cell.size,
                source=_source(page, *cell.bbox),
            )
            grid[cell.row][cell.column] = block.index
            for inner in cell.nested:
                self._emit_table(inner, page, parent=(index, cell.row + offset - dropped, cell.column))
        grid = [row for r, row in enumerate(grid) if r not in (skip_row, split_row)]
        if into is not None:
            into.cells.extend(grid)
            return into
        into_new.cells = grid
        return into_new

    def _rest_of_row(self, above: list[int | None], table: PageTable, row: int) -> bool:
        """Is ``row`` of the new page's table the rest of the last row on the page before?
        A cell that carries on a sentence ("... Chloe to be" / "placed on the address") says so."""
        below = _row_texts(table, row)
        if row >= len(table.shape) or len(above) != len(below):
            return False
        for a, rest in zip(above, below, strict=False):
            top = self.doc.blocks[a].text.strip() if a is not None else ""
            rest = rest.strip()
            if top and rest and rest[0].islower() and not _ENDS_SENTENCE.search(top):
                return True
        return False

    def _carry_on(self, table: Table, column: int, text: str) -> None:
        cell = table.cells[-1][column] if column < len(table.cells[-1]) else None
        if cell is None or not text:
            return
        block = self.doc.blocks[cell]
        block.text = f"{block.text}\n{text}" if block.text else text


def _joins(group: _Group, line: Line, right_edge: float) -> bool:
    """Does ``line`` continue the paragraph or list item in ``group``?"""
    prev = group.lines[-1]
    if prev.kind is not None:
        return False
    if line.marker and (line.marker not in WEAK_MARKERS or prev.text.endswith(":")):
        return False
    if line.marker and group.first.marker:
        # "• @Rachel Hume – written accounts ... with a body map" / "– 01/04/2025": a dash
        # that wrapped to the start of the line, lined up with the item's text, goes on with
        # the item; a dash item under a dash item, or indented as a sub-item, is an item
        text_x0 = group.first.body_words[0]["x0"] if group.first.body_words else group.first.x0
        if group.first.marker in WEAK_MARKERS or abs(line.x0 - text_x0) > 2:
            return False
    if (line.size, line.bold) != (prev.size, prev.bold):
        return False
    height = max(prev.size, prev.bottom - prev.top, 1.0)
    if not 0 < line.top - prev.top < PARAGRAPH_PITCH * height:
        return False
    # the previous line stopped early though the next word would have fitted: a deliberate break
    first_word = line.words[0]
    room = right_edge - prev.x1
    needed = (first_word["x1"] - first_word["x0"]) + 0.5 * (prev.size or 1.0)
    wrapped = room < needed
    if group.first.marker:
        # a list item's wrapped lines line up with its text, right of the bullet -- or, in
        # a list with no hanging indent, with the bullet itself
        text_x0 = group.first.body_words[0]["x0"] if group.first.body_words else group.first.x0
        if line.x0 < text_x0 - 2:
            return wrapped and abs(line.x0 - group.first.x0) < 3
    return wrapped


def _join_lines(lines: list[Line]) -> str:
    """Join wrapped lines with spaces, re-joining words hyphenated at a line break."""
    text = ""
    for line in lines:
        part = " ".join(line.text.split())
        if not text:
            text = part
        elif text.endswith("-") and len(text) > 1 and text[-2].isalpha() and part[:1].islower():
            text = text[:-1] + part
        else:
            text = f"{text} {part}"
    return text


def _source(page: int, x0: float, top: float, x1: float, bottom: float) -> str:
    return f"page={page};bbox={x0:.1f},{top:.1f},{x1:.1f},{bottom:.1f}"


def _parallel_title(text: str) -> bool:
    """A title given in two languages ("Part 6: Voice of the child / Rhan 6: Llais y
    plentyn"): each half is a heading's length, so the whole is one heading, not prose."""
    halves = text.split(" / ")
    return len(halves) == 2 and all(1 <= len(h.split()) <= MAX_HEADING_WORDS for h in halves)
