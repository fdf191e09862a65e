"""PDF reader: turns a text PDF (usually a record exported from Word) into the document model.

A PDF has no paragraphs, headings or lists, only positioned words.  We rebuild them from
layout: words become lines (by their ``top``), lines become paragraphs (same font, close
together, previous line not ended early), font size and weight give headings, a leading
glyph gives list items, ruled tables come from pdfplumber, and lines repeated in the top
or bottom margin of most pages become page headers and footers.

Sections, section paths and table records are left empty on purpose: the structure pass
fills them for every format alike.  pdfplumber is imported inside the hook so that
``strategy-lint --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..hookspecs import hookimpl
from ..model import Block, BlockKind, Document, Image, Metadata, Table
from .base import ReadOptions, check_size, sniff

LINE_TOLERANCE = 3.0  # pt: words whose tops differ by less than this share a line
PARAGRAPH_PITCH = 1.5  # lines further apart than this many line heights start a new paragraph
HEADING_RATIO = 1.15  # a line this much larger than body text is a heading
MAX_HEADING_WORDS = 12
MARGIN_FRACTION = 0.10  # top/bottom 10% of the page is where headers and footers live
MIN_IMAGE_PT = 20.0

BULLET_GLYPHS = frozenset("•◦▪-–*●○■□►▸‣⁃✓✔➢→\uf0b7\uf0a7\uf076\uf0d8\uf0fc")
#: a dash at the start of a wrapped line is often just punctuation: it only starts a list
#: item when the line could not continue the paragraph above
WEAK_MARKERS = frozenset("-–*")
GLUED_GLYPHS = frozenset("•◦▪●○■►▸‣\uf0b7\uf0a7")
_CID = re.compile(r"^\(cid:\d+\)$")  # a glyph with no Unicode mapping: Symbol-font bullets
_NUMBERED = re.compile(r"^(?:\d{1,3}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\))$")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?#+(?:\s*(?:of|/)\s*#+)?$", re.IGNORECASE)
_PDF_DATE = re.compile(
    r"^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{2}'?)?"
)

MSG_DOCX = (
    "this file is named .pdf but is really a Word document: rename it to .docx and check it again"
)
MSG_ZIP = "this file is named .pdf but is really a zip archive, not a PDF: check it is the right file"
MSG_DOC = (
    "this file is named .pdf but is really an old Word .doc file: open it in Word, "
    "export it as PDF (or save it as .docx) and check that"
)
MSG_NOT_PDF = "this file is named .pdf but is not a PDF: export the record from Word as PDF again"
MSG_ENCRYPTED = (
    "this PDF is password-protected: save an unprotected copy "
    "(or export the record from Word again) and check that"
)
MSG_NO_TEXT = (
    "this PDF has no text layer: it looks scanned; export the record from Word as PDF instead, "
    "or check the .docx"
)
MSG_CORRUPT = "the PDF is damaged or incomplete: export it again and check the new copy"


@hookimpl(trylast=True)
def strategy_lint_read_document(path: Path, options: ReadOptions) -> Document | None:
    """Read a ``.pdf`` file; leave every other suffix to the other readers."""
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        return None
    _check_really_pdf(path)
    check_size(path, options)
    from . import pdfguard

    try:
        with pdfguard.bounded(options):
            return _read(path, options)
    except pdfguard.PdfLimit as limit:
        raise limit.error from None
    except ReadError:
        raise
    except RecursionError:
        raise ReadError("corrupt-pdf", MSG_CORRUPT) from None
    except Exception as exc:  # pdfminer raises almost anything on hostile input
        if _is_encryption_error(exc):
            raise ReadError("encrypted", MSG_ENCRYPTED) from None
        raise ReadError("corrupt-pdf", MSG_CORRUPT) from None


# -- bad input ------------------------------------------------------------------------------


def _check_really_pdf(path: Path) -> None:
    """Name the real format of a file whose .pdf extension lies, before pdfminer chokes on it."""
    kind = sniff(path)
    if kind == "pdf":
        return
    if kind == "zip":
        raise ReadError("wrong-extension", MSG_DOCX if _is_docx(path) else MSG_ZIP)
    if kind == "ole":
        raise ReadError("wrong-extension", MSG_DOC)
    raise ReadError("not-a-pdf", MSG_NOT_PDF)


def _is_docx(path: Path) -> bool:
    """A zip is a Word document if it has the main document part (or cannot be listed at all)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except Exception:
        return True  # a broken zip named .pdf is most likely a damaged .docx
    return "word/document.xml" in names or "[Content_Types].xml" in names and not any(
        n.startswith(("xl/", "ppt/")) for n in names
    )


def _is_encryption_error(exc: BaseException) -> bool:
    """pdfplumber wraps pdfminer's errors; look through the wrapper and the cause chain."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen: set[int] = set()
    todo: list[Any] = [exc]
    while todo:
        current = todo.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, (PDFPasswordIncorrect, PDFEncryptionError)):
            return True
        todo.extend(current.args)
        todo.extend([current.__cause__, current.__context__])
    return False


# -- layout primitives ----------------------------------------------------------------------


@dataclass
class Line:
    """Words sharing a baseline: the unit headers, footers and paragraphs are built from."""

    words: list[dict[str, Any]]
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    marker: str | None = None  # bullet glyph or list number that starts the line
    kind: BlockKind | None = None  # HEADER/FOOTER once furniture is found

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    @property
    def body_words(self) -> list[dict[str, Any]]:
        """Words without the list marker (its glyph is often in another font and size)."""
        return self.words[1:] if self.marker else self.words


@dataclass
class CellText:
    row: int
    column: int
    text: str
    bbox: tuple[float, float, float, float]
    size: float | None
    bold: bool


@dataclass
class PageTable:
    bbox: tuple[float, float, float, float]
    shape: list[list[bool]]  # True where pdfplumber reports a cell, False for merged-away
    cells: list[CellText]


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)
    images: int = 0


# -- the read -------------------------------------------------------------------------------


def _read(path: Path, options: ReadOptions) -> Document:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        n_pages = _page_count(pdf)
        if n_pages > options.max_pages:
            raise ReadError(
                "too-many-pages",
                f"the PDF has {n_pages} pages, over the {options.max_pages}-page limit: "
                "check it is the right file, or raise max-pages in the configuration",
            )
        pages = []
        for number, page in _walk_pages(pdf, options.max_pages):
            pages.append(_layout_page(page, number))
            page.close()
        metadata = _metadata(pdf.metadata or {}, len(pages))
    if not pages:
        raise ReadError("corrupt-pdf", MSG_CORRUPT)
    if not any(p.lines or any(c.text for t in p.tables for c in t.cells) for p in pages):
        raise ReadError("no-text-layer", MSG_NO_TEXT)
    _mark_furniture(pages)
    document = Document(path=str(path), format="pdf", metadata=metadata)
    _Builder(document, pages).build()
    return document


def _walk_pages(pdf: Any, max_pages: int) -> Any:
    """(number, page) one at a time, stopping at ``max_pages`` pages actually walked.

    pdfplumber's ``pdf.pages`` builds every page of the tree first; /Count can lie, and a
    page tree can hold far more pages than it says.
    """
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    from .pdfguard import new_page

    doctop = 0.0
    for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        if number > max_pages:
            raise ReadError(
                "too-many-pages",
                f"the PDF has more than {max_pages} pages, over the {max_pages}-page limit: "
                "check it is the right file, or raise max-pages in the configuration",
            )
        new_page()
        page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
        doctop += page.height
        yield number, page


def _page_count(pdf: Any) -> int:
    """Read /Count from the page tree so a 100,000-page file is refused before it is walked."""
    try:
        from pdfminer.pdftypes import resolve1

        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        if isinstance(count, int) and count >= 0:
            return count
    except Exception:
        pass
    return 0  # no usable /Count: the walk counts the pages instead


def _layout_page(page: Any, number: int) -> PageLayout:
    layout = PageLayout(number=number, width=float(page.width), height=float(page.height))
    words = page.extract_words(
        extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False
    )
    tables = [t for t in page.find_tables() if _is_real_table(t)]
    boxes = [t.bbox for t in tables]
    outside = [w for w in words if not any(_centre_in(w, box) for box in boxes)]
    inside = [w for w in words if any(_centre_in(w, box) for box in boxes)]
    layout.tables = [_page_table(t, inside) for t in tables]
    layout.lines, gridless = _gridless_tables(_lines(outside))
    layout.tables.extend(gridless)
    layout.images = sum(
        1
        for im in page.images
        if float(im["x1"]) - float(im["x0"]) > MIN_IMAGE_PT
        and float(im["bottom"]) - float(im["top"]) > MIN_IMAGE_PT
    )
    return layout


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


def _is_bold(fontname: str) -> bool:
    lower = fontname.lower()
    return any(k in lower for k in ("bold", "black", "heavy")) or ",B" in fontname


def _style(words: list[dict[str, Any]]) -> tuple[float | None, bool]:
    """Dominant font size by character count, and whether every word is bold."""
    if not words:
        return None, False
    sizes: Counter[float] = Counter()
    for w in words:
        sizes[round(float(w["size"]) * 2) / 2] += len(w["text"])
    size = sizes.most_common(1)[0][0]
    return size, all(_is_bold(str(w.get("fontname", ""))) for w in words)


def _is_marker(text: str) -> bool:
    return (len(text) == 1 and text in BULLET_GLYPHS) or bool(_CID.match(text))


def _lines(words: list[dict[str, Any]]) -> list[Line]:
    """Group words into lines by their top, then order each line left to right."""
    groups: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if groups and abs(w["top"] - groups[-1][0]["top"]) <= LINE_TOLERANCE:
            groups[-1].append(w)
        else:
            groups.append([w])
    return [_make_line(sorted(g, key=lambda w: w["x0"])) for g in groups]


def _make_line(words: list[dict[str, Any]]) -> Line:
    first = words[0]["text"]
    font = str(words[0].get("fontname", "")).lower()
    marker = None
    if len(words) > 1 and (
        _is_marker(first)
        or _NUMBERED.match(first)
        or (first == "o" and "courier" in font)  # Word's second-level bullet
        or (first == "§" and "wingdings" in font)  # Word's third-level bullet
    ):
        marker = first
    elif len(first) > 1 and first[0] in GLUED_GLYPHS:
        # a glyph glued to the first word ("•Ava"): split it off as the marker
        marker = first[0]
        words = [dict(words[0], text=marker), dict(words[0], text=first[1:])] + words[1:]
    body = words[1:] if marker else words
    size, bold = _style(body)
    return Line(
        words=words,
        x0=min(w["x0"] for w in words),
        top=min(w["top"] for w in words),
        x1=max(w["x1"] for w in words),
        bottom=max(w["bottom"] for w in words),
        size=size or 0.0,
        bold=bold,
        marker=marker,
    )


# -- page furniture -------------------------------------------------------------------------


def _furniture_key(line: Line) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.split())).strip().lower()


def _mark_furniture(pages: list[PageLayout]) -> None:
    """Lines repeated (digits aside) in the top/bottom margin of most pages are headers/footers."""
    seen: dict[tuple[BlockKind, str], set[int]] = {}
    candidates: list[tuple[Line, BlockKind, str]] = []
    for page in pages:
        for line in page.lines:
            kind = _margin_kind(line, page)
            if kind is None:
                continue
            key = _furniture_key(line)
            candidates.append((line, kind, key))
            seen.setdefault((kind, key), set()).add(page.number)
    n = len(pages)
    for line, kind, key in candidates:
        count = len(seen[(kind, key)])
        if (count >= 2 and count >= 0.5 * n) or _PAGE_NUMBER.match(key):
            line.kind = kind


def _margin_kind(line: Line, page: PageLayout) -> BlockKind | None:
    if line.top < page.height * MARGIN_FRACTION:
        return BlockKind.HEADER
    if line.bottom > page.height * (1 - MARGIN_FRACTION):
        return BlockKind.FOOTER
    return None


# -- blocks ---------------------------------------------------------------------------------


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
                        self._emit_table(item, page.number, into=previous[1])
                    else:
                        self._emit_table(item, page.number)
                    last_table = (item, self.doc.tables[-1], page.number)
                else:
                    self._emit_group(item, page.number)
                    if item.first.kind is None:
                        last_table = None  # body text between: not a continuation
            self.doc.images.extend(
                Image(block=None, name=None, page=page.number) for _ in range(page.images)
            )

    # reading order ----------------------------------------------------------------------

    def _page_items(self, page: PageLayout) -> list[_Group | PageTable]:
        entries: list[tuple[float, int, Line | PageTable]] = [
            (line.top, 0, line) for line in page.lines
        ]
        entries += [(table.bbox[1], 1, table) for table in page.tables]
        entries.sort(key=lambda e: (e[0], e[1]))
        right_edge = max(
            (line.x1 for line in page.lines if line.kind is None), default=page.width
        )
        items: list[_Group | PageTable] = []
        current: _Group | None = None
        for _, _, entry in entries:
            if isinstance(entry, PageTable):
                items.append(entry)
                current = None
            elif entry.kind is not None or current is None or not _joins(
                current, entry, right_edge
            ):
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

    def _emit_table(self, table: PageTable, page: int, into: Table | None = None) -> None:
        """Emit a ruled table; ``into`` continues a table broken across a page."""
        index = into.index if into else len(self.doc.tables)
        offset = into.n_rows if into else 0
        grid: list[list[int | None]] = [[None] * len(row) for row in table.shape]
        skip_row = None
        if into is not None and _row_texts(table, 0) == [
            self.doc.blocks[c].text if c is not None else "" for c in into.cells[0]
        ]:
            skip_row = 0  # the header row repeated at the top of the new page
        for cell in table.cells:
            if cell.row == skip_row:
                continue
            letters = [ch for ch in cell.text if ch.isalpha()]
            block = self._add_block(
                kind=BlockKind.TABLE_CELL,
                text=cell.text,
                page=page,
                table=index,
                row=cell.row + offset - (1 if skip_row is not None else 0),
                column=cell.column,
                bold=cell.bold,
                all_caps=len(letters) >= 2 and all(ch.isupper() for ch in letters),
                font_size=cell.size,
                source=_source(page, *cell.bbox),
            )
            grid[cell.row][cell.column] = block.index
        if skip_row is not None:
            grid = grid[1:]
        if into is not None:
            into.cells.extend(grid)
        else:
            self.doc.tables.append(Table(index=index, cells=grid, page=page))


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


def _joins(group: _Group, line: Line, right_edge: float) -> bool:
    """Does ``line`` continue the paragraph or list item in ``group``?"""
    prev = group.lines[-1]
    if prev.kind is not None:
        return False
    if line.marker and not (
        line.marker in WEAK_MARKERS and not group.first.marker and not prev.text.endswith(":")
    ):
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


# -- metadata -------------------------------------------------------------------------------


def _metadata(info: dict[str, Any], page_count: int) -> Metadata:
    return Metadata(
        title=_decode(info.get("Title")),
        author=_decode(info.get("Author")),
        created=_pdf_date(info.get("CreationDate")),
        modified=_pdf_date(info.get("ModDate")),
        page_count=page_count,
    )


def _decode(value: Any) -> str | None:
    """Metadata strings arrive as str, bytes (PDFDocEncoding or UTF-16) or PDF objects."""
    if value is None:
        return None
    if isinstance(value, bytes):
        try:
            if value.startswith((b"\xfe\xff", b"\xff\xfe")):
                text = value.decode("utf-16")
            else:
                text = value.decode("utf-8")
        except UnicodeDecodeError:
            text = value.decode("latin-1")
    elif isinstance(value, str):
        text = value
    else:
        return None
    text = " ".join(text.replace("\x00", "").split())
    return text or None


def _pdf_date(value: Any) -> str | None:
    """``D:20240312143000+00'00'`` → ``2024-03-12T14:30:00+00:00``; None if unreadable."""
    text = _decode(value)
    if not text:
        return None
    match = _PDF_DATE.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second, tz = match.groups()
    try:
        tzinfo = None
        if tz == "Z":
            tzinfo = dt.timezone.utc
        elif tz:
            digits = tz[1:].replace("'", "")
            offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
            tzinfo = dt.timezone(offset if tz[0] == "+" else -offset)
        stamp = dt.datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=tzinfo,
        )
    except (ValueError, OverflowError):
        return None
    return stamp.isoformat()
