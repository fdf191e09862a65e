"""Tables for the PDF reader: ruled tables found by pdfplumber, two-column form rows drawn
without grid lines, and tables broken across a page break."""

from __future__ import annotations

from typing import Any

from .pdf_layout import CellText, Line, PageTable, _is_bold, _lines, _style

#: A label and its value drawn as two columns without grid lines need this much space between them.
LABEL_GAP_PT = 12.0
VALUE_ALIGN_PT = 4.0
MAX_LABEL_WORDS = 8


def _label_split(line: Line) -> int | None:
    """Index of the first value word when ``line`` is "Bold label   value", else None."""
    words = line.words
    bold = [_is_bold(str(w.get("fontname", ""))) for w in words]
    if not bold or not bold[0] or line.marker:
        return None
    k = next((i for i, b in enumerate(bold) if not b), None)
    if k is None or k > MAX_LABEL_WORDS or not all(not b for b in bold[k:]):
        return None
    if words[k]["x0"] - words[k - 1]["x1"] < LABEL_GAP_PT:
        return None
    return k


def _gridless_tables(lines: list[Line]) -> tuple[list[Line], list[PageTable]]:
    """Form rows drawn as two columns of text with no ruling ("**Child**      Amir Haddad"):
    two or more consecutive lines whose bold labels end and values start at the same place
    become a two-column table, so the label and its value are read as a pair, not as one
    paragraph.  A value's wrapped lines (starting at the value column) stay with it."""
    out: list[Line] = []
    tables: list[PageTable] = []
    i = 0
    while i < len(lines):
        k = _label_split(lines[i])
        if k is None:
            out.append(lines[i])
            i += 1
            continue
        value_x = lines[i].words[k]["x0"]
        rows: list[tuple[Line, int, list[Line]]] = [(lines[i], k, [])]
        j = i + 1
        while j < len(lines):
            kj = _label_split(lines[j])
            if kj is not None and abs(lines[j].words[kj]["x0"] - value_x) <= VALUE_ALIGN_PT:
                rows.append((lines[j], kj, []))
            elif kj is None and abs(lines[j].x0 - value_x) <= VALUE_ALIGN_PT and not lines[j].bold:
                rows[-1][2].append(lines[j])  # the value wraps onto the next line
            else:
                break
            j += 1
        first_gap = lines[i].words[k]["x0"] - lines[i].words[k - 1]["x1"]
        if len(rows) < 2 and first_gap < 2 * LABEL_GAP_PT:
            out.append(lines[i])
            i += 1
            continue
        cells: list[CellText] = []
        for r, (line, kk, more) in enumerate(rows):
            label_words, value_words = line.words[:kk], line.words[kk:]
            label_box = (line.x0, line.top, label_words[-1]["x1"], line.bottom)
            bottom = max([line.bottom] + [m.bottom for m in more])
            value_box = (value_words[0]["x0"], line.top, max([line.x1] + [m.x1 for m in more]), bottom)
            value_text = "\n".join([" ".join(w["text"] for w in value_words)] + [m.text for m in more])
            size, _ = _style(value_words)
            cells.append(CellText(r, 0, " ".join(w["text"] for w in label_words), label_box, size, True))
            cells.append(CellText(r, 1, value_text, value_box, size, False))
        x1 = max(c.bbox[2] for c in cells)
        bbox = (rows[0][0].x0, rows[0][0].top, x1, max(c.bbox[3] for c in cells))
        tables.append(PageTable(bbox=bbox, shape=[[True, True] for _ in rows], cells=cells))
        i = j
    return out, tables


def _is_real_table(table: Any) -> bool:
    """A single ruled box (page border, boxed note) is not a table: read its text as text."""
    rows = table.rows
    return not (len(rows) == 1 and len(rows[0].cells) == 1)


def _centre_in(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _page_table(table: Any, words: list[dict[str, Any]]) -> PageTable:
    texts = table.extract()
    shape: list[list[bool]] = []
    cells: list[CellText] = []
    for r, row in enumerate(table.rows):
        shape.append([bbox is not None for bbox in row.cells])
        for c, bbox in enumerate(row.cells):
            if bbox is None:
                continue
            raw = texts[r][c] if r < len(texts) and c < len(texts[r]) else None
            mine = [w for w in words if _centre_in(w, bbox)]
            size, bold = _style(mine)
            cells.append(CellText(r, c, _clean_cell(raw), tuple(bbox), size, bold))
    return PageTable(bbox=tuple(table.bbox), shape=shape, cells=cells)


def _clean_cell(raw: str | None) -> str:
    """Normalise spaces inside each line; keep the cell's line breaks."""
    if not raw:
        return ""
    lines = (" ".join(line.split()) for line in raw.splitlines())
    return "\n".join(line for line in lines if line)


def _row_texts(table: PageTable, row: int) -> list[str]:
    by_col = {c.column: c.text for c in table.cells if c.row == row}
    return [by_col.get(c, "") for c in range(len(table.shape[row]))] if table.shape else []


def _continues(previous: PageTable, table: PageTable) -> bool:
    """Is ``table`` (first on its page) the rest of ``previous`` (last on the page before)?

    Same number of columns at the same horizontal position: a table broken by a page break.
    """
    if not previous.shape or not table.shape:
        return False
    same_cols = len(previous.shape[-1]) == len(table.shape[0])
    aligned = abs(previous.bbox[0] - table.bbox[0]) < 3 and abs(previous.bbox[2] - table.bbox[2]) < 3
    return same_cols and aligned


#: How far (pt) a nested table's rules may stray outside the cell that holds it.
_NEST_SLACK = 2.0


def _nest_tables(tables: list[PageTable], words: list[dict[str, Any]]) -> list[PageTable]:
    """The page's tables with each one drawn inside another's cell moved into that cell.

    pdfplumber finds a table nested in a cell as a table of its own, and the cell around it
    holds the nested table's words too: read as they are, a form's "Who took part" answer
    is a jumble of names and roles in the outer cell and a table after the outer one.  The
    outer cell keeps only its own words ("Apologies: none"); the nested table follows it.
    """
    placed: list[PageTable] = []
    top: list[PageTable] = []
    # the largest first, so a table is nested into the innermost cell that holds it
    for table in sorted(tables, key=lambda t: -((t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]))):
        host = _host_cell(placed, table.bbox)
        if host is None:
            top.append(table)
        else:
            host.nested.append(table)
            own = [w for w in words if _centre_in(w, host.bbox) and not any(_centre_in(w, n.bbox) for n in host.nested)]
            host.text = "\n".join(_clean_cell(line.text) for line in _lines(own))
        placed.append(table)
    return sorted(top, key=lambda t: (t.bbox[1], t.bbox[0]))


def _host_cell(tables: list[PageTable], box: tuple[float, float, float, float]) -> CellText | None:
    """The smallest cell of ``tables`` that holds ``box``."""
    best: CellText | None = None
    for table in tables:
        for cell in table.cells:
            c = cell.bbox
            inside = (
                box[0] >= c[0] - _NEST_SLACK
                and box[1] >= c[1] - _NEST_SLACK
                and box[2] <= c[2] + _NEST_SLACK
                and box[3] <= c[3] + _NEST_SLACK
            )
            if inside and box != c and (best is None or _area(c) < _area(best.bbox)):
                best = cell
    return best


def _area(box: tuple[float, float, float, float]) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])
