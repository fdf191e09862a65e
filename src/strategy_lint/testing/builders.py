"""Render a Markdown description of a record into the file layouts real authorities use.

One description (see :func:`strategy_lint.readers.text.parse_markdown`) becomes a
form-style .docx (label cell | content cell), a narrative .docx (heading styles), a
"pseudo" .docx (no heading styles, content controls, header and footer) or a PDF.
Rules must find the same things in every layout, so the fixtures test readers and the
structure pass against the templates they will meet.

Every output is byte-for-byte deterministic (fixed dates, fixed zip member order and
timestamps, reportlab ``invariant``) so generated fixtures can be committed and checked.
python-docx and reportlab are imported inside functions: they are test-time tools.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import BlockKind, Document
from ..readers.text import parse_markdown

FIXED_DATE = _dt.datetime(2016, 3, 14, 12, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
SECURITY_MARKING = "OFFICIAL-SENSITIVE"
LAYOUTS = ("form", "narrative", "pseudo", "pdf", "md")

_FIELD = re.compile(r"^(?P<label>[A-Za-z][^:|]{0,60}):\s+(?P<value>\S.*)$")


# -- an outline of the record: the shape every layout renders ------------------------------


@dataclass
class Element:
    """One piece of section content: para, bullet, number, sub (### heading) or table."""

    kind: str
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Part:
    """A ``##`` section: its title and content."""

    title: str
    elements: list[Element] = field(default_factory=list)

    @property
    def fields(self) -> list[tuple[str, str]] | None:
        """(label, value) pairs when the content is only 'Label: value' lines, else None."""
        pairs = []
        for el in self.elements:
            match = _FIELD.match(el.text) if el.kind == "para" else None
            if not match:
                return None
            pairs.append((match["label"].strip(), match["value"].strip()))
        return pairs or None


@dataclass
class Outline:
    title: str
    preamble: list[Element]
    parts: list[Part]


def outline(doc: Document) -> Outline:
    """Group the flat block list into title, preamble and ``##`` sections."""
    title = "Strategy Discussion Record"
    preamble: list[Element] = []
    parts: list[Part] = []
    seen_tables: set[int] = set()
    for block in doc.blocks:
        target = parts[-1].elements if parts else preamble
        if block.kind is BlockKind.HEADING:
            level = block.heading_level or 2
            if level == 1 and not parts:
                title = block.text
            elif level <= 2:
                parts.append(Part(block.text))
            else:
                target.append(Element("sub", block.text, level))
        elif block.kind is BlockKind.TABLE_CELL:
            if block.table is None or block.table in seen_tables:
                continue
            seen_tables.add(block.table)
            table = doc.tables[block.table]
            rows = [[doc.blocks[i].text if i is not None else "" for i in row] for row in table.cells]
            target.append(Element("table", rows=rows))
        elif block.kind is BlockKind.LIST_ITEM:
            kind = "number" if block.style == "List Number" else "bullet"
            target.append(Element(kind, block.text, block.list_level or 0))
        else:
            target.append(Element("para", block.text))
    return Outline(title, preamble, parts)


# -- .docx common --------------------------------------------------------------------------


def _new_docx(title: str) -> Any:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    props = document.core_properties
    props.title = title
    props.author = "Children's Social Care"
    props.last_modified_by = "Children's Social Care"
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    props.revision = 1
    props.comments = ""
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    return document


def _save_docx(document: Any, path: Path) -> None:
    """Save, then rewrite the zip with fixed timestamps and member order."""
    raw = io.BytesIO()
    document.save(raw)
    write_deterministic_zip(raw.getvalue(), path)


def write_deterministic_zip(data: bytes, path: Path) -> None:
    """Rewrite zip ``data`` to ``path`` with fixed dates, attributes and member order."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        members = {name: src.read(name) for name in src.namelist()}
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in members]
    order = first + sorted(n for n in members if n not in first)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as out:
        for name in order:
            out.writestr(_zipinfo(name), members[name])


def _zipinfo(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0
    return info


def _add_runs(paragraph: Any, text: str, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.bold = bold or None


_LIST_STYLES = {"bullet": "List Bullet", "number": "List Number"}


def _list_style(el: Element) -> str:
    base = _LIST_STYLES[el.kind]
    return base if el.level == 0 else f"{base} {min(el.level + 1, 3)}"


def _fill_table(table: Any, rows: list[list[str]], bold_header: bool = True) -> None:
    table.style = "Table Grid"
    for r, (row, cells) in enumerate(zip(rows, (tr.cells for tr in table.rows), strict=False)):
        for text, cell in zip(row, cells, strict=False):
            _add_runs(cell.paragraphs[0], text, bold=bold_header and r == 0)


def _render_elements(container: Any, elements: list[Element], *, first_paragraph: Any = None) -> None:
    """Add elements to a document body or a table cell (nested tables for cells)."""
    pending = first_paragraph

    def paragraph(style: str | None = None) -> Any:
        nonlocal pending
        if pending is not None:
            p, pending = pending, None
            if style:
                p.style = style
            return p
        return container.add_paragraph(style=style)

    for el in elements:
        if el.kind == "table":
            width = max(len(r) for r in el.rows)
            rows = [r + [""] * (width - len(r)) for r in el.rows]
            pending = None  # text after a table must not go into the paragraph above it
            table = container.add_table(len(rows), width)
            _fill_table(table, rows)
        elif el.kind == "sub":
            _add_runs(paragraph(), el.text, bold=True)
        elif el.kind in _LIST_STYLES:
            _add_runs(paragraph(_list_style(el)), el.text)
        else:
            _add_runs(paragraph(), el.text)


# -- form layout ---------------------------------------------------------------------------


def build_docx_form(doc: Document, path: str | Path) -> Path:
    """Title, then ONE two-column table: label cell | content cell, one row per section."""
    from docx.shared import Cm

    out = outline(doc)
    document = _new_docx(out.title)
    document.add_paragraph(out.title, style="Title")
    _render_elements(document, out.preamble)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    table.columns[0].width = Cm(4.5)
    table.columns[1].width = Cm(12.5)
    for part in out.parts:
        pairs = part.fields
        if pairs:
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[1])
            _add_runs(merged.paragraphs[0], part.title, bold=True)
            for label, value in pairs:
                cells = table.add_row().cells
                _add_runs(cells[0].paragraphs[0], label)
                _add_runs(cells[1].paragraphs[0], value)
            continue
        cells = table.add_row().cells
        _add_runs(cells[0].paragraphs[0], part.title, bold=True)
        _render_elements(cells[1], part.elements, first_paragraph=cells[1].paragraphs[0])
    target = Path(path)
    _save_docx(document, target)
    return target


# -- narrative layout ----------------------------------------------------------------------


def build_docx_narrative(doc: Document, path: str | Path) -> Path:
    """Heading 1 title, Heading 2 sections, Heading 3 subsections, styled lists, tables."""
    out = outline(doc)
    document = _new_docx(out.title)
    document.add_heading(out.title, level=1)
    _render_elements(document, out.preamble)
    for part in out.parts:
        document.add_heading(part.title, level=2)
        for el in part.elements:
            if el.kind == "sub":
                document.add_heading(el.text, level=3)
            else:
                _render_elements(document, [el])
    target = Path(path)
    _save_docx(document, target)
    return target


# -- pseudo layout: no heading styles, content controls, header/footer -----------------------


def _sdt_pr(title: str, ident: int) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    pr = OxmlElement("w:sdtPr")
    for tag, value in (("w:alias", title), ("w:tag", title), ("w:id", str(ident))):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value)
        pr.append(el)
    return pr


def _block_sdt(body: Any, title: str, ident: int) -> Any:
    """Insert an empty block-level content control before sectPr; return its sdtContent."""
    from docx.oxml import OxmlElement

    sdt = OxmlElement("w:sdt")
    sdt.append(_sdt_pr(title, ident))
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    body.sectPr.addprevious(sdt)
    return content


def _inline_field(paragraph: Any, label: str, value: str, ident: int) -> None:
    """'Label: ' as a plain run, then the value inside an inline content control."""
    from docx.oxml import OxmlElement

    paragraph.add_run(f"{label}: ")
    sdt = OxmlElement("w:sdt")
    sdt.append(_sdt_pr(label, ident))
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = value
    run.append(text)
    content.append(run)
    sdt.append(content)
    paragraph._p.append(sdt)


def _page_field(paragraph: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.add_run("Page ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = OxmlElement("w:r")
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run.append(fld)
        elif instr == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            run.append(el)
        else:
            el = OxmlElement("w:t")
            el.text = instr
            run.append(el)
        paragraph._p.append(run)


def build_docx_pseudo(doc: Document, path: str | Path) -> Path:
    """Bold ALL-CAPS Normal paragraphs as titles; each section's content in a content control."""
    out = outline(doc)
    document = _new_docx(out.title)
    section = document.sections[0]
    section.header.paragraphs[0].text = SECURITY_MARKING
    _page_field(section.footer.paragraphs[0])
    _add_runs(document.add_paragraph(), out.title.upper(), bold=True)
    _render_elements(document, out.preamble)
    body = document.element.body
    ident = 1000
    for part in out.parts:
        _add_runs(document.add_paragraph(), part.title.upper(), bold=True)
        ident += 1
        content = _block_sdt(body, part.title, ident)
        start = len(body)
        pairs = part.fields
        if pairs:
            for label, value in pairs:
                ident += 1
                _inline_field(document.add_paragraph(), label, value, ident)
        else:
            _render_elements(document, part.elements)
        for el in list(body)[start - 1 : -1]:
            content.append(el)
    target = Path(path)
    _save_docx(document, target)
    return target


# -- PDF -----------------------------------------------------------------------------------


def _pdf_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _pdf_styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=5)
    return {
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=12),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=13, leading=16, spaceBefore=10, spaceAfter=5),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=6, spaceAfter=3),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, spaceAfter=0, fontSize=9, leading=11),
        "cellhead": ParagraphStyle(
            "cellhead", parent=body, spaceAfter=0, fontSize=9, leading=11, fontName="Helvetica-Bold"
        ),
    }


def _pdf_flowables(elements: list[Element], styles: dict[str, Any], width: float) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    flow: list[Any] = []
    counters: dict[int, int] = {}
    for el in elements:
        if el.kind != "number":
            counters.clear()
        if el.kind == "sub":
            flow.append(Paragraph(_pdf_escape(el.text), styles["h3"]))
        elif el.kind in ("bullet", "number"):
            indent = 14 + 14 * el.level
            if el.kind == "number":
                counters[el.level] = counters.get(el.level, 0) + 1
                marker = f"{counters[el.level]}."
            else:
                marker = "-"
            flow.append(Paragraph(_pdf_escape(el.text), _indented(styles["body"], indent), bulletText=marker))
        elif el.kind == "table":
            ncols = max(len(r) for r in el.rows)
            rows = [
                [
                    Paragraph(_pdf_escape(t), styles["cellhead" if r == 0 else "cell"])
                    for t in row + [""] * (ncols - len(row))
                ]
                for r, row in enumerate(el.rows)
            ]
            table = Table(rows, colWidths=[width / ncols] * ncols, repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            flow.append(table)
        else:
            match = _FIELD.match(el.text)
            if match and len(match["label"].split()) <= 6:
                text = f"<b>{_pdf_escape(match['label'])}:</b> {_pdf_escape(match['value'])}"
            else:
                text = _pdf_escape(el.text)
            flow.append(Paragraph(text, styles["body"]))
    return flow


def _indented(style: Any, indent: float) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(
        f"{style.name}-{indent}", parent=style, leftIndent=indent, bulletIndent=indent - 10, spaceAfter=2
    )


def _numbered_canvas_class() -> Any:
    """A canvas that draws the marking and 'Page N of M' once the page count is known."""
    from reportlab.pdfgen import canvas

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            width, height = self._pagesize
            self.setFont("Helvetica-Bold", 9)
            self.drawCentredString(width / 2, height - 28, SECURITY_MARKING)
            self.setFont("Helvetica", 9)
            self.drawCentredString(width / 2, 24, f"Page {self._pageNumber} of {total}")

    return NumberedCanvas


def build_pdf(doc: Document, path: str | Path) -> Path:
    """A4 PDF: bold title and headings, 10pt body, gridded tables, marking and page numbers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    out = outline(doc)
    styles = _pdf_styles()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    template = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=out.title,
        author="Children's Social Care",
        creator="strategy-lint fixtures",
        invariant=1,
    )
    width = template.width
    story: list[Any] = [Paragraph(_pdf_escape(out.title), styles["title"])]
    story += _pdf_flowables(out.preamble, styles, width)
    for part in out.parts:
        story.append(Paragraph(_pdf_escape(part.title), styles["h2"]))
        story += _pdf_flowables(part.elements, styles, width)
    template.build(story, canvasmaker=_numbered_canvas_class())
    return target


# -- convenience ---------------------------------------------------------------------------


def strip_comments(markdown_text: str) -> str:
    """The description without its <!-- front matter --> lines."""
    lines = [ln for ln in markdown_text.splitlines() if not re.fullmatch(r"\s*<!--.*-->\s*", ln)]
    return "\n".join(lines).lstrip("\n") + "\n"


def build(markdown_text: str, layout: str, path: str | Path) -> Path:
    """Render ``markdown_text`` in ``layout`` (form, narrative, pseudo, pdf or md) to ``path``."""
    target = Path(path)
    if layout == "md":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(strip_comments(markdown_text), encoding="utf-8", newline="\n")
        return target
    builders = {
        "form": build_docx_form,
        "narrative": build_docx_narrative,
        "pseudo": build_docx_pseudo,
        "pdf": build_pdf,
    }
    if layout not in builders:
        raise ValueError(f"unknown layout {layout!r}: choose one of {', '.join(LAYOUTS)}")
    return builders[layout](parse_markdown(markdown_text, path=str(target)), target)
