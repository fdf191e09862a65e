"""The .docx body walker: paragraphs and their kind (heading, list item), tables with merged
cells, nested tables and text boxes in reading order, content controls still showing their
prompt left out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import Block, BlockKind, Revision, Table
from .docx_parts import _PartsReader
from .docx_runs import _Para, _summary
from .docx_xml import (
    ALT,
    CUSTOM_XML,
    DEL,
    DEL_TEXT,
    PPR,
    SDT,
    SDT_CONTENT,
    TBL,
    TC,
    TCPR,
    TR,
    TRPR,
    VAL,
    P,
    T,
    _choose_branch,
    _in_placeholder,
    _int,
    _is_placeholder,
    _note_author,
    _shading_fill,
    _unwrap,
    _val,
    _w,
)

if TYPE_CHECKING:  # pragma: no cover
    from lxml.etree import _Element

HEADING_STYLE = re.compile(r"heading\s*([1-9])", re.IGNORECASE)
TRAILING_DIGIT = re.compile(r"(\d)\s*$")


class _BodyReader(_PartsReader):
    """Walks the body: paragraphs, tables and what is nested in their cells."""

    def _container(self, el: _Element, part: str) -> None:
        """Block-level content in reading order: paragraphs, tables, content controls."""
        for child in el:
            tag = child.tag
            if tag == P:
                self._paragraph(child, part)
            elif tag == TBL:
                self._table(child, part, parent=None)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None and not _is_placeholder(child):
                    self._container(content, part)
            elif tag == CUSTOM_XML:
                self._container(child, part)
            elif tag == ALT:
                branch = _choose_branch(child)
                if branch is not None:
                    self._container(branch, part)

    def _paragraph(self, p: _Element, part: str) -> None:
        para = self._read_paragraph(p, count_pages=True)
        text = para.text
        index = None
        if text:
            kind, heading_level, list_level = self._classify(p, para.style_id)
            block = self._add(
                kind,
                text,
                p,
                part,
                style=self.styles.name(para.style_id),
                heading_level=heading_level,
                list_level=list_level,
                page=para.page,
                **_summary([para]),
            )
            index = block.index
        self._finish(para, index)
        for box in para.textboxes:
            self._textbox(box, part, para.page)

    def _classify(self, p: _Element, sid: str | None) -> tuple[BlockKind, int | None, int | None]:
        ppr = p.find(PPR)
        name = (self.styles.name(sid) or "").strip()
        if m := HEADING_STYLE.fullmatch(name):
            return BlockKind.HEADING, int(m.group(1)), None
        if name.lower() == "title":
            return BlockKind.HEADING, 1, None
        outline = ppr.find(_w("outlineLvl")) if ppr is not None else None
        if outline is None:
            outline = self.styles.prop(sid, PPR, _w("outlineLvl"))
        level = _int(_val(outline))
        if level is not None and 0 <= level < 9:
            return BlockKind.HEADING, level + 1, None
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        style_num = self.styles.prop(sid, PPR, _w("numPr"))
        num_id = _val(num_pr.find(_w("numId"))) if num_pr is not None else None
        if num_id is None and style_num is not None:
            num_id = _val(style_num.find(_w("numId")))
        is_list_style = name.lower().startswith("list")
        if num_id is not None and num_id != "0":
            ilvl = num_pr.find(_w("ilvl")) if num_pr is not None else None
            if ilvl is None and is_list_style and TRAILING_DIGIT.search(name):
                return BlockKind.LIST_ITEM, None, _style_list_level(name)
            if ilvl is None and style_num is not None:
                ilvl = style_num.find(_w("ilvl"))
            return BlockKind.LIST_ITEM, None, _int(_val(ilvl), 0)
        if is_list_style and not (num_pr is not None and num_id == "0"):
            return BlockKind.LIST_ITEM, None, _style_list_level(name)
        return BlockKind.PARAGRAPH, None, None

    # -- tables -----------------------------------------------------------------------

    def _rows(self, tbl: _Element) -> Iterator[_Element]:
        yield from _unwrap(tbl, TR)

    def _table(self, tbl: _Element, part: str, parent: tuple[int, int, int] | None) -> None:
        table = Table(index=len(self.doc.tables), cells=[], parent=parent)
        self.doc.tables.append(table)
        grid = tbl.find(_w("tblGrid"))
        n_cols = len(grid.findall(_w("gridCol"))) if grid is not None else 0
        above: dict[int, tuple[int, int]] = {}  # grid column -> (block index, row) for vMerge
        rows = [tr for tr in self._rows(tbl) if not self._deleted_row(tr)]
        for r, tr in enumerate(rows):
            row: list[int | None] = [None] * n_cols
            trpr = tr.find(TRPR)
            col = _int(_val(trpr.find(_w("gridBefore")) if trpr is not None else None), 0) or 0
            for tc in _unwrap(tr, TC):
                tcpr = tc.find(TCPR)
                span = max(1, _int(_val(tcpr.find(_w("gridSpan")) if tcpr is not None else None), 1) or 1)
                vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
                continues = vmerge is not None and (vmerge.get(VAL) or "continue") == "continue"
                while len(row) < col + span:
                    row.append(None)
                if continues and col in above:
                    self._merged_cell(tc, part, table, above[col])
                else:
                    block = self._cell(tc, part, table, r, col)
                    row[col] = block.index
                    above[col] = (block.index, r)
                col += span
            table.cells.append(row)
        width = max((len(row) for row in table.cells), default=0)
        for row in table.cells:
            row.extend([None] * (width - len(row)))
        first = next((c for row in table.cells for c in row if c is not None), None)
        if first is not None:
            table.page = self.doc.blocks[first].page

    def _deleted_row(self, tr: _Element) -> bool:
        """A row deleted with track changes is not part of the accepted table: count it only."""
        trpr = tr.find(TRPR)
        mark = trpr.find(DEL) if trpr is not None else None
        if mark is None:
            return False
        chars = sum(len(t.text or "") for t in tr.iter(DEL_TEXT, T))
        author, date = _note_author(mark)
        self.doc.revisions.append(Revision("delete", author, date, block=None, chars=chars))
        return True

    def _cell(self, tc: _Element, part: str, table: Table, r: int, col: int) -> Block:
        page_at_start = self.page
        paras, deferred = self._read_cell(tc)
        texts = [p.text for p in paras if p.text]
        first_style = next((p.style_id for p in paras if p.text), paras[0].style_id if paras else None)
        page = next((p.page for p in paras if p.text), page_at_start)
        block = self._add(
            BlockKind.TABLE_CELL,
            "\n".join(texts),
            tc,
            part,
            style=self.styles.name(first_style),
            table=table.index,
            row=r,
            column=col,
            page=page,
            **_summary(paras),
        )
        for para in paras:
            self._finish(para, block.index)
        self._run_deferred(deferred, part, (table.index, r, col), page)
        return block

    def _merged_cell(self, tc: _Element, part: str, table: Table, owner: tuple[int, int]) -> None:
        """A vMerge continuation: its text (rarely any) joins the top-left cell's block."""
        index, _row = owner
        block = self.doc.blocks[index]
        paras, deferred = self._read_cell(tc)
        extra = "\n".join(p.text for p in paras if p.text)
        if extra:
            block.text = f"{block.text}\n{extra}" if block.text else extra
        for para in paras:
            self._finish(para, index)
        self._run_deferred(deferred, part, (table.index, _row, block.column or 0), block.page)

    def _read_cell(self, tc: _Element) -> tuple[list[_Para], list[tuple[str, _Element]]]:
        """A cell's paragraphs (for its text) and, in order, nested tables and text boxes."""
        if _in_placeholder(tc):
            return [], []
        tcpr = tc.find(TCPR)
        self.backgrounds.append(_shading_fill(tcpr.find(_w("shd")) if tcpr is not None else None))
        paras: list[_Para] = []
        deferred: list[tuple[str, _Element]] = []
        try:
            self._collect_cell(tc, paras, deferred)
        finally:
            self.backgrounds.pop()
        return paras, deferred

    def _collect_cell(self, el: _Element, paras: list[_Para], deferred: list) -> None:
        for child in el:
            tag = child.tag
            if tag == P:
                para = self._read_paragraph(child, count_pages=True)
                paras.append(para)
                deferred.extend(("txbx", box) for box in para.textboxes)
            elif tag == TBL:
                deferred.append(("tbl", child))
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None and not _is_placeholder(child):
                    self._collect_cell(content, paras, deferred)
            elif tag == CUSTOM_XML:
                self._collect_cell(child, paras, deferred)
            elif tag == ALT:
                branch = _choose_branch(child)
                if branch is not None:
                    self._collect_cell(branch, paras, deferred)

    def _run_deferred(self, deferred: list, part: str, parent: tuple[int, int, int], page: int | None) -> None:
        for what, el in deferred:
            if what == "tbl":
                self._table(el, part, parent=parent)
            else:
                self._textbox(el, part, page)


def _style_list_level(name: str) -> int:
    """ "List Bullet 2" is a second-level list (0-based level 1) whatever its numbering says."""
    m = TRAILING_DIGIT.search(name)
    return int(m.group(1)) - 1 if m else 0
