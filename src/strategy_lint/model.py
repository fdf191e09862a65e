"""The format-blind document model: what every rule sees.

Readers (docx, PDF, text) turn a file into a :class:`Document` made of reading-order
:class:`Block` objects plus tables, revisions, comments and metadata.  The structure
pass (:mod:`strategy_lint.structure`) then adds sections, section paths, table records
and the meeting date / child's age.  Rules only ever read this model: they never see
python-docx, pdfplumber or lxml objects.

Pure dataclasses, standard library only, so that the model is cheap to import, easy to
dump as JSON (``strategy-lint dump``) and easy to build by hand in tests.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum


class BlockKind(str, Enum):
    """What a block is in the page layout (not what it means: that is the section kind)."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    HEADER = "header"
    FOOTER = "footer"
    TEXT_BOX = "text_box"
    FOOTNOTE = "footnote"


#: Blocks that belong to the page furniture rather than the body of the record.
FURNITURE = frozenset({BlockKind.HEADER, BlockKind.FOOTER})


@dataclass
class Block:
    """One unit of text in reading order.

    ``source`` is an opaque handle owned by the reader (for .docx an XPath into the part,
    for PDF the page and bounding box).  It is used for reporting and annotation only.
    """

    index: int
    kind: BlockKind
    text: str
    style: str | None = None
    heading_level: int | None = None
    page: int | None = None
    section_path: tuple[str, ...] = ()
    table: int | None = None
    row: int | None = None
    column: int | None = None
    list_level: int | None = None
    bold: bool = False
    all_caps: bool = False
    font_size: float | None = None
    source: str | None = None

    @property
    def is_furniture(self) -> bool:
        return self.kind in FURNITURE


@dataclass
class Table:
    """A table in the record.

    ``cells[r][c]`` is the index of the :class:`Block` holding that cell's text (merged
    cells appear once, at their top-left position; the positions they span hold ``None``).
    ``parent`` is ``(table, row, column)`` for a table nested inside a cell.
    ``header``/``column_kinds``/``records`` are filled by the structure pass.
    """

    index: int
    cells: list[list[int | None]]
    parent: tuple[int, int, int] | None = None
    page: int | None = None
    header: list[str] = field(default_factory=list)
    column_kinds: list[str | None] = field(default_factory=list)
    records: list[TableRecord] = field(default_factory=list)
    section: int | None = None
    #: the row holding the column headers (1 when a title row such as "Participants" sits above)
    header_row: int = 0

    @property
    def n_rows(self) -> int:
        return len(self.cells)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.cells), default=0)


@dataclass
class TableRecord:
    """One data row of a table, keyed by its header text and by canonical column kind.

    ``values`` uses the header text as written ("By when"); ``fields`` uses the canonical
    column kind from the lexicon ("deadline"), so rules need not know each template.
    """

    table: int
    row: int
    values: dict[str, str]
    fields: dict[str, str]
    blocks: list[int]

    def get(self, kind: str, default: str = "") -> str:
        return self.fields.get(kind, default)


@dataclass
class Section:
    """A titled part of the record, from a heading or from a form-table label cell."""

    index: int
    title: str
    kind: str | None
    level: int
    heading_block: int | None
    blocks: list[int] = field(default_factory=list)
    origin: str = "heading"  # heading | pseudo-heading | form-label | pdf-font | text
    parent: int | None = None


@dataclass
class Revision:
    """A tracked change.  Deleted text is never kept: only how much there was."""

    kind: str  # "insert" | "delete" | "move" | "format"
    author: str | None = None
    date: str | None = None
    block: int | None = None
    chars: int = 0


@dataclass
class Comment:
    """A reviewer comment, anchored to the block(s) it covers where the reader knows."""

    id: str
    text: str
    author: str | None = None
    date: str | None = None
    blocks: list[int] = field(default_factory=list)


@dataclass
class HiddenText:
    """Text the reader would not see: hidden formatting or white-on-white."""

    block: int | None
    chars: int
    reason: str  # "hidden" | "white-on-white"


@dataclass
class Image:
    """An image embedded in the record (photographs travel with the file)."""

    block: int | None
    name: str | None = None
    page: int | None = None


@dataclass
class Metadata:
    title: str | None = None
    author: str | None = None
    last_modified_by: str | None = None
    created: str | None = None
    modified: str | None = None
    page_count: int | None = None
    meeting_date: _dt.date | None = None
    meeting_date_block: int | None = None
    child_dob: _dt.date | None = None
    child_age_months: int | None = None
    child_age_block: int | None = None


@dataclass
class Document:
    """A whole record as rules see it."""

    path: str
    format: str  # "docx" | "pdf" | "text"
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    hidden: list[HiddenText] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)

    # -- convenience views used by rules -------------------------------------------------

    def body_blocks(self) -> Iterator[Block]:
        """Blocks that are not page headers or footers."""
        return (b for b in self.blocks if not b.is_furniture)

    def sections_of(self, kind: str) -> list[Section]:
        return [s for s in self.sections if s.kind == kind]

    def section_blocks(self, section: Section, *, nested: bool = True) -> list[Block]:
        """Content blocks of a section (with its subsections' blocks when ``nested``)."""
        indices = list(section.blocks)
        if nested:
            for child in self.sections:
                if child.parent == section.index:
                    if child.heading_block is not None:
                        indices.append(child.heading_block)
                    indices.extend(b.index for b in self.section_blocks(child))
        return [self.blocks[i] for i in sorted(set(indices))]

    def section_text(self, section: Section, *, nested: bool = True) -> str:
        return "\n".join(b.text for b in self.section_blocks(section, nested=nested) if b.text)

    def section_tables(self, section: Section) -> list[Table]:
        """Tables whose cells fall inside the section (directly or nested)."""
        inside = {b.index for b in self.section_blocks(section)}
        found = []
        for t in self.tables:
            first = next((c for row in t.cells for c in row if c is not None), None)
            if first is not None and first in inside:
                found.append(t)
        return found

    def section_of_block(self, block: int) -> Section | None:
        """The innermost section containing ``block`` (on a tie of levels, the last one)."""
        return self._block_sections().get(block)

    def _block_sections(self) -> dict[int | None, Section]:
        """block -> innermost section, built on first use: rules ask once per block.

        Not a dataclass field (``asdict``, ``==`` and the JSON dump never see it).  Rebuilt
        when ``sections`` is replaced or grows or shrinks, or when its last section gains
        blocks (the structure pass builds sections in order); code that edits an earlier
        section's ``blocks`` in place after a lookup calls :meth:`reindex_sections`.
        """
        secs = self.sections
        last = secs[-1] if secs else None
        sig = (id(secs), len(secs), id(last), len(last.blocks) if last else 0, last.heading_block if last else None)
        cached = self.__dict__.get("_section_index")
        if cached is not None and cached[0] == sig:
            return cached[1]
        index: dict[int | None, Section] = {}
        for s in secs:
            # same answer as scanning every section: the deepest level wins, later on a tie
            for b in (*s.blocks, s.heading_block):  # None too, as the scan answered
                best = index.get(b)
                if best is None or s.level >= best.level:
                    index[b] = s
        self.__dict__["_section_index"] = (sig, index)
        return index

    def reindex_sections(self) -> None:
        """Forget the block -> section index (after editing a section's blocks in place)."""
        self.__dict__.pop("_section_index", None)

    def text(self) -> str:
        return "\n".join(b.text for b in self.body_blocks() if b.text)
