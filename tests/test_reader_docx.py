"""The .docx reader: structure, hidden content and every kind of bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx_helpers import (
    add_app_properties,
    add_footnotes,
    append_body,
    new_document,
    para,
    run,
    save,
    textbox_xml,
    tiny_png,
)
from lxml import etree

from strategy_lint.errors import ReadError
from strategy_lint.model import BlockKind, Document
from strategy_lint.readers.base import ReadOptions
from strategy_lint.readers.docx import NSMAP, read_docx, strategy_lint_read_document

OPTS = ReadOptions()


def read(path: Path) -> Document:
    doc = strategy_lint_read_document(path=path, options=OPTS)
    assert doc is not None
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))
    return doc


def texts(doc: Document, kind: BlockKind | None = None) -> list[str]:
    return [b.text for b in doc.blocks if kind is None or b.kind == kind]


def by_text(doc: Document, text: str):
    matches = [b for b in doc.blocks if b.text == text]
    assert len(matches) == 1, (text, texts(doc))
    return matches[0]


# -- the hook ----------------------------------------------------------------------------


def test_other_suffixes_are_left_to_other_readers(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    assert strategy_lint_read_document(path=path, options=OPTS) is None


def test_docx_renamed_doc_and_template_content_types_are_read(tmp_path: Path) -> None:
    d = new_document()
    d.add_paragraph("Ava Marsh attended Northbrook Primary School.")
    src = save(d, tmp_path / "a.docx")
    renamed = tmp_path / "a.doc"
    renamed.write_bytes(src.read_bytes())
    assert texts(read(renamed)) == ["Ava Marsh attended Northbrook Primary School."]

    # a .dotx has a template content type that python-docx refuses on its own
    dotx = tmp_path / "template.dotx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dotx, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
                assert b"template.main+xml" in data
            zout.writestr(item, data)
    doc = read(dotx)
    assert doc.format == "docx"
    assert texts(doc) == ["Ava Marsh attended Northbrook Primary School."]


# -- paragraphs ------------------------------------------------------------------------


def test_headings_styles_lists_and_formatting(tmp_path: Path) -> None:
    d = new_document()
    d.add_heading("Strategy Discussion Record", level=0)
    d.add_heading("Attendees", level=1)
    d.add_heading("Police input", level=2)
    d.add_paragraph("")  # empty: skipped
    d.add_paragraph("Westvale Police to visit.", style="List Bullet")
    d.add_paragraph("Second level point.", style="List Bullet 2")
    append_body(
        d,
        para(run("Agreed actions"), ppr='<w:outlineLvl w:val="2"/>')
        + para(run("Numbered item"), ppr='<w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr>')
        + para(run("Removed numbering"), ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>')
        + para(run("CHILD'S VOICE", "<w:b/>") + run("  ", ""))
        + para(run("Half ", "<w:b/>") + run("bold"))
        + para(run("shouted", '<w:caps/><w:sz w:val="28"/>')),
    )
    doc = read(save(d, tmp_path / "h.docx"))

    title = by_text(doc, "Strategy Discussion Record")
    assert (title.kind, title.heading_level, title.style) == (BlockKind.HEADING, 1, "Title")
    att = by_text(doc, "Attendees")
    assert (att.kind, att.heading_level, att.style) == (BlockKind.HEADING, 1, "Heading 1")
    assert by_text(doc, "Police input").heading_level == 2
    outline = by_text(doc, "Agreed actions")
    assert (outline.kind, outline.heading_level) == (BlockKind.HEADING, 3)

    bullet = by_text(doc, "Westvale Police to visit.")
    assert (bullet.kind, bullet.list_level, bullet.style) == (BlockKind.LIST_ITEM, 0, "List Bullet")
    assert by_text(doc, "Second level point.").list_level == 1
    numbered = by_text(doc, "Numbered item")
    assert (numbered.kind, numbered.list_level) == (BlockKind.LIST_ITEM, 1)
    assert by_text(doc, "Removed numbering").kind == BlockKind.PARAGRAPH

    caps = by_text(doc, "CHILD'S VOICE")
    assert caps.bold and caps.all_caps and caps.kind == BlockKind.PARAGRAPH
    half = by_text(doc, "Half bold")
    assert not half.bold and not half.all_caps
    shouted = by_text(doc, "shouted")
    assert shouted.all_caps and shouted.font_size == 14.0
    assert "" not in texts(doc)
    assert doc.sections == [] and all(b.section_path == () for b in doc.blocks)


# -- tables ----------------------------------------------------------------------------


def test_table_with_horizontal_and_vertical_merge(tmp_path: Path) -> None:
    d = new_document()
    d.add_paragraph("Before the table")
    table = d.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"r{r}c{c}"
    top = table.cell(0, 0).merge(table.cell(0, 1))  # gridSpan=2
    top.text = "Name and role"
    tall = table.cell(1, 2).merge(table.cell(2, 2))  # vMerge restart/continue
    tall.text = "Agency"
    d.add_paragraph("After the table")
    doc = read(save(d, tmp_path / "t.docx"))

    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert (t.index, t.parent, t.n_rows, t.n_cols) == (0, None, 3, 3)
    assert t.cells[0][1] is None and t.cells[2][2] is None
    merged = doc.blocks[t.cells[0][0]]
    assert (merged.kind, merged.text, merged.row, merged.column) == (BlockKind.TABLE_CELL, "Name and role", 0, 0)
    assert doc.blocks[t.cells[0][2]].column == 2
    tall_block = doc.blocks[t.cells[1][2]]
    assert (tall_block.text, tall_block.row, tall_block.column) == ("Agency", 1, 2)
    assert doc.blocks[t.cells[2][0]].text == "r2c0"
    cells = [b for b in doc.blocks if b.kind == BlockKind.TABLE_CELL]
    assert len(cells) == 7  # 9 grid positions less one spanned and one continued
    assert all(b.table == 0 for b in cells)
    order = texts(doc)
    assert order[0] == "Before the table" and order[-1] == "After the table"
    assert t.header == [] and t.records == [] and t.column_kinds == []


def test_nested_table_has_parent_and_follows_its_cell(tmp_path: Path) -> None:
    d = new_document()
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Contacts"
    host = outer.cell(0, 1)
    host.text = "See below"
    inner = host.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Ava Marsh"
    inner.cell(0, 1).text = "Teacher"
    doc = read(save(d, tmp_path / "n.docx"))

    assert len(doc.tables) == 2
    assert doc.tables[1].parent == (0, 0, 1)
    host_block = by_text(doc, "See below")  # nested text is not in the host cell's text
    nested = doc.blocks[host_block.index + 1]
    assert (nested.text, nested.table, nested.row, nested.column) == ("Ava Marsh", 1, 0, 0)
    assert doc.blocks[host_block.index + 2].text == "Teacher"


def test_cell_source_resolves_back_to_its_tc(tmp_path: Path) -> None:
    d = new_document()
    d.add_paragraph("Intro")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "First"
    table = d.add_table(rows=2, cols=2)
    table.cell(1, 1).text = "Target cell"
    path = save(d, tmp_path / "s.docx")
    doc = read(path)
    block = by_text(doc, "Target cell")
    part, xpath = block.source.split("#", 1)
    assert part == "/word/document.xml"
    assert xpath.startswith("/w:document/w:body/w:tbl[2]/")
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    (found,) = root.xpath(xpath, namespaces=NSMAP)
    assert etree.QName(found).localname == "tc"
    assert "".join(found.itertext()) == "Target cell"
    para_block = by_text(doc, "Intro")
    (p,) = root.xpath(para_block.source.split("#", 1)[1], namespaces=NSMAP)
    assert etree.QName(p).localname == "p"


# -- content controls, text boxes ------------------------------------------------------


def test_content_controls_and_placeholders(tmp_path: Path) -> None:
    d = new_document()
    placeholder = (
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + run("Click or tap here to enter text.")
        + "</w:sdtContent></w:sdt>"
    )
    append_body(
        d,
        '<w:sdt><w:sdtPr><w:alias w:val="Child"/></w:sdtPr><w:sdtContent>'
        + para(run("Child: Ava Marsh"))
        + "</w:sdtContent></w:sdt>"
        + para(run("Date of birth: ") + "<w:sdt><w:sdtContent>" + run("3 May 2016") + "</w:sdtContent></w:sdt>")
        + para(run("Views: ") + placeholder)
        + "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + para(run("Enter the child's views here."))
        + "</w:sdtContent></w:sdt>",
    )
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Child's voice"
    tc = table.cell(0, 1)._tc
    tc.remove(tc.find(f"{{{NSMAP['w']}}}p"))
    for el in __import__("docx_helpers").fragment(
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + para(run("Click here to enter text."))
        + "</w:sdtContent></w:sdt><w:p/>"
    ):
        tc.append(el)
    doc = read(save(d, tmp_path / "c.docx"))

    assert "Child: Ava Marsh" in texts(doc)
    assert "Date of birth: 3 May 2016" in texts(doc)
    assert "Views:" in texts(doc)
    everything = " ".join(texts(doc))
    assert "Click" not in everything and "Enter the child" not in everything
    empty_cell = doc.blocks[doc.tables[0].cells[0][1]]
    assert empty_cell.kind == BlockKind.TABLE_CELL and empty_cell.text == ""


def test_text_box_read_once_after_its_anchor(tmp_path: Path) -> None:
    d = new_document()
    append_body(d, para(run("Anchor paragraph") + textbox_xml("Police reference 4471")))
    d.add_paragraph("Next paragraph")
    doc = read(save(d, tmp_path / "tb.docx"))
    assert texts(doc) == ["Anchor paragraph", "Police reference 4471", "Next paragraph"]
    assert doc.blocks[1].kind == BlockKind.TEXT_BOX
    assert doc.images == []  # a text box is not a picture


# -- headers, footers, footnotes -------------------------------------------------------


def test_headers_and_footers_deduplicated_at_the_ends(tmp_path: Path) -> None:
    d = new_document()
    d.sections[0].header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    d.sections[0].footer.paragraphs[0].text = "Northbrook Council"
    d.add_paragraph("Body text")
    second = d.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    second.footer.is_linked_to_previous = False
    second.footer.paragraphs[0].text = "Page footer two"
    d.add_paragraph("More body text")
    add_footnotes(d, ["Source: Westvale Police log."])
    doc = read(save(d, tmp_path / "hf.docx"))

    kinds = [b.kind for b in doc.blocks]
    assert texts(doc, BlockKind.HEADER) == ["OFFICIAL-SENSITIVE"]
    assert kinds[0] == BlockKind.HEADER
    assert texts(doc, BlockKind.FOOTER) == ["Northbrook Council", "Page footer two"]
    assert kinds[-2:] == [BlockKind.FOOTER, BlockKind.FOOTER]
    assert texts(doc, BlockKind.FOOTNOTE) == ["Source: Westvale Police log."]
    assert kinds.index(BlockKind.FOOTNOTE) > texts(doc).index("More body text")
    assert all(b.page is None for b in doc.blocks if b.is_furniture)
    assert "OFFICIAL-SENSITIVE" not in doc.text()  # furniture is not body text


# -- tracked changes, comments ---------------------------------------------------------


def test_tracked_changes_keep_counts_not_deleted_text(tmp_path: Path) -> None:
    d = new_document()
    author = 'w:id="1" w:author="Ava Marsh" w:date="2024-03-05T10:00:00Z"'
    append_body(
        d,
        para(
            run("Mother ")
            + f"<w:ins {author}>{run('agreed')}</w:ins>"
            + '<w:del w:id="2" w:author="Ava Marsh"><w:r><w:delText>SECRETREMOVED</w:delText></w:r></w:del>'
            + run(" to the plan.")
        )
        + para(
            '<w:moveFrom w:id="3" w:author="Leo Finch"><w:r><w:t>MOVEDAWAYTEXT</w:t></w:r></w:moveFrom>'
            + run("Stays. ")
            + f'<w:moveTo w:id="4" w:author="Leo Finch">{run("Moved in.")}</w:moveTo>'
        )
        + para(
            '<w:r><w:rPr><w:b/><w:rPrChange w:id="5" w:author="Leo Finch"><w:rPr/></w:rPrChange></w:rPr>'
            "<w:t>Bolded later</w:t></w:r>"
        ),
    )
    doc = read(save(d, tmp_path / "rev.docx"))
    block = by_text(doc, "Mother agreed to the plan.")
    kinds = {(r.kind, r.chars, r.block) for r in doc.revisions}
    assert ("insert", 6, block.index) in kinds
    assert ("delete", len("SECRETREMOVED"), block.index) in kinds
    moved = by_text(doc, "Stays. Moved in.")
    assert ("move", len("MOVEDAWAYTEXT"), moved.index) in kinds
    assert ("move", len("Moved in."), moved.index) in kinds
    assert ("format", len("Bolded later"), by_text(doc, "Bolded later").index) in kinds
    insert = next(r for r in doc.revisions if r.kind == "insert")
    assert (insert.author, insert.date) == ("Ava Marsh", "2024-03-05T10:00:00Z")
    assert "SECRETREMOVED" not in repr(doc) and "MOVEDAWAYTEXT" not in repr(doc)


def test_comment_with_anchored_block(tmp_path: Path) -> None:
    d = new_document()
    d.add_paragraph("Intro paragraph")
    target = d.add_paragraph("Health visitor not invited.")
    d.add_comment(target.runs, text="Please check with Riverside Health.", author="Leo Finch", initials="LF")
    doc = read(save(d, tmp_path / "cm.docx"))
    assert len(doc.comments) == 1
    comment = doc.comments[0]
    assert comment.text == "Please check with Riverside Health."
    assert comment.author == "Leo Finch"
    assert comment.blocks == [by_text(doc, "Health visitor not invited.").index]


def test_comment_anchor_range_covers_every_block_it_spans(tmp_path: Path) -> None:
    d = new_document()
    first = d.add_paragraph("Start of range")
    d.add_paragraph("Outside")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 1).text = "Cell in range"
    d.add_paragraph("After")
    d.add_comment(first.runs, text="Check dates.", author="Leo Finch", initials="LF")
    # stretch the range: move its end marker into the table cell
    w = NSMAP["w"]
    body = d.element.body
    end = body.find(f".//{{{w}}}commentRangeEnd")
    end.getparent().remove(end)
    cell_p = table.cell(0, 1)._tc.find(f"{{{w}}}p")
    cell_p.append(end)
    doc = read(save(d, tmp_path / "range2.docx"))
    (comment,) = doc.comments
    empty_cell = doc.tables[0].cells[0][0]  # lies between the range's start and end
    expected = [by_text(doc, "Start of range").index, by_text(doc, "Outside").index, empty_cell]
    assert comment.blocks == expected + [by_text(doc, "Cell in range").index]
    assert by_text(doc, "After").index not in comment.blocks


def test_deleted_table_row_is_left_out(tmp_path: Path) -> None:
    d = new_document()
    append_body(
        d,
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        + "<w:tr><w:tc>"
        + para(run("Name"))
        + "</w:tc><w:tc>"
        + para(run("Agency"))
        + "</w:tc></w:tr>"
        + '<w:tr><w:trPr><w:del w:id="9" w:author="Leo Finch"/></w:trPr>'
        + '<w:tc><w:p><w:del w:id="10" w:author="Leo Finch"><w:r><w:delText>GONEPERSON</w:delText></w:r></w:del></w:p></w:tc>'
        + '<w:tc><w:p><w:del w:id="11" w:author="Leo Finch"><w:r><w:delText>GONEAGENCY</w:delText></w:r></w:del></w:p></w:tc></w:tr>'
        + "<w:tr><w:tc>"
        + para(run("Ava Marsh"))
        + "</w:tc><w:tc>"
        + para(run("School"))
        + "</w:tc></w:tr>"
        + "</w:tbl>",
    )
    doc = read(save(d, tmp_path / "delrow.docx"))
    t = doc.tables[0]
    assert t.n_rows == 2
    assert [doc.blocks[i].text for i in t.cells[1]] == ["Ava Marsh", "School"]
    assert doc.blocks[t.cells[1][0]].row == 1
    assert any(r.kind == "delete" and r.chars == len("GONEPERSONGONEAGENCY") for r in doc.revisions)
    assert "GONE" not in repr(doc)


def test_cell_level_placeholder_control_reads_as_empty_cell(tmp_path: Path) -> None:
    d = new_document()
    append_body(
        d,
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>"
        + "<w:tc>"
        + para(run("Outcome"))
        + "</w:tc>"
        + "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:tc>"
        + para(run("Choose an item."))
        + "</w:tc></w:sdtContent></w:sdt></w:tr></w:tbl>",
    )
    doc = read(save(d, tmp_path / "cellsdt.docx"))
    t = doc.tables[0]
    assert [doc.blocks[i].text for i in t.cells[0]] == ["Outcome", ""]


# -- hidden text, images, metadata, pages ----------------------------------------------


def test_hidden_and_white_text_excluded_and_recorded(tmp_path: Path) -> None:
    d = new_document()
    append_body(
        d,
        para(run("Visible. ") + run("HIDDENNOTE", "<w:vanish/>") + run("WHITENOTE", '<w:color w:val="FFFFFF"/>'))
        + para(run("White on black", '<w:color w:val="FFFFFF"/><w:shd w:val="clear" w:color="auto" w:fill="000000"/>'))
        + para(run("Cached field page", "<w:webHidden/>")),
    )
    doc = read(save(d, tmp_path / "hid.docx"))
    block = by_text(doc, "Visible.")
    assert {(h.block, h.chars, h.reason) for h in doc.hidden} == {
        (block.index, len("HIDDENNOTE"), "hidden"),
        (block.index, len("WHITENOTE"), "white-on-white"),
    }
    assert "White on black" in texts(doc)
    assert "Cached field page" in texts(doc)
    assert "HIDDENNOTE" not in doc.text() and "WHITENOTE" not in doc.text()


def test_hidden_via_character_style(tmp_path: Path) -> None:
    d = new_document()
    from docx.enum.style import WD_STYLE_TYPE

    style = d.styles.add_style("Secret", WD_STYLE_TYPE.CHARACTER)
    style.font.hidden = True
    p = d.add_paragraph("Shown ")
    p.add_run("tucked away", style="Secret")
    doc = read(save(d, tmp_path / "hs.docx"))
    assert texts(doc) == ["Shown"]
    assert [(h.chars, h.reason) for h in doc.hidden] == [(len("tucked away"), "hidden")]


def test_embedded_image_and_metadata(tmp_path: Path) -> None:
    d = new_document()
    d.core_properties.title = "Strategy discussion"
    d.core_properties.author = "Ava Marsh"
    d.core_properties.last_modified_by = "Leo Finch"
    p = d.add_paragraph("Photograph of the bedroom: ")
    p.add_run().add_picture(io.BytesIO(tiny_png()))
    add_app_properties(d, pages=3)
    doc = read(save(d, tmp_path / "img.docx"))
    assert len(doc.images) == 1
    image = doc.images[0]
    assert image.block == by_text(doc, "Photograph of the bedroom:").index
    assert image.name
    meta = doc.metadata
    assert (meta.title, meta.author, meta.last_modified_by) == ("Strategy discussion", "Ava Marsh", "Leo Finch")
    assert meta.modified and meta.modified[:4].isdigit()
    assert meta.page_count == 3


def test_pages_from_page_breaks(tmp_path: Path) -> None:
    d = new_document()
    d.add_paragraph("Page one")
    d.add_page_break()
    d.add_paragraph("Page two")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "Cell on two"
    d.add_page_break()
    d.add_paragraph("Page three")
    d.sections[0].header.paragraphs[0].text = "Header"
    doc = read(save(d, tmp_path / "pg.docx"))
    assert [(b.text, b.page) for b in doc.body_blocks()] == [
        ("Page one", 1),
        ("Page two", 2),
        ("Cell on two", 2),
        ("Page three", 3),
    ]
    assert doc.tables[0].page == 2
    assert by_text(doc, "Header").page is None


def test_rendered_breaks_win_over_hard_breaks(tmp_path: Path) -> None:
    """Word marks the page after a hard break with lastRenderedPageBreak too: count once."""
    d = new_document()
    append_body(
        d,
        para(run("One"))
        + para('<w:r><w:br w:type="page"/></w:r>')
        + para("<w:r><w:lastRenderedPageBreak/><w:t>Two</w:t></w:r>")
        + para("<w:r><w:t>Still two</w:t></w:r>"),
    )
    doc = read(save(d, tmp_path / "rpb.docx"))
    assert [(b.text, b.page) for b in doc.blocks] == [("One", 1), ("Two", 2), ("Still two", 2)]


def test_no_breaks_means_no_pages(tmp_path: Path) -> None:
    d = new_document()
    d.add_paragraph("Only paragraph")
    doc = read(save(d, tmp_path / "np.docx"))
    assert [b.page for b in doc.blocks] == [None]


# -- bad input -------------------------------------------------------------------------

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _docx_bytes(text: str = "Ava Marsh lives at 4 Elm Road, Westvale") -> bytes:
    d = new_document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _bomb(tmp_path: Path) -> bytes:
    return _zip({"word/document.xml": b"<w:document/>", "word/media/big.bin": b"\0" * 300_000})


@pytest.mark.parametrize(
    ("name", "make", "code", "options"),
    [
        ("old.doc", lambda p: OLE + b"\0" * 4096, "legacy-doc", OPTS),
        ("renamed.docx", lambda p: OLE + b"\0" * 4096, "legacy-doc", OPTS),
        (
            "locked.docx",
            lambda p: OLE + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512,
            "encrypted",
            OPTS,
        ),
        ("scan.docx", lambda p: b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "wrong-extension", OPTS),
        ("notes.docx", lambda p: b"Ava Marsh lives at 4 Elm Road\n", "not-a-docx", OPTS),
        ("rich.doc", lambda p: b"{\\rtf1\\ansi Ava Marsh}", "not-a-docx", OPTS),
        ("cut.docx", lambda p: _docx_bytes()[:600], "corrupt-docx", OPTS),
        ("empty-zip.docx", lambda p: _zip({"word/other.xml": b"<x/>"}), "corrupt-docx", OPTS),
        ("sheet.docx", lambda p: _zip({"xl/workbook.xml": b"<x/>"}), "not-a-docx", OPTS),
        (
            "bomb.docx",
            _bomb,
            "too-large-expanded",
            ReadOptions(max_expanded_bytes=100_000),
        ),
        (
            "bad-xml.docx",
            lambda p: _zip(
                {
                    name: (b"<w:document>Ava Marsh<" if name == "word/document.xml" else data)
                    for name, data in _entries(_docx_bytes()).items()
                }
            ),
            "corrupt-docx",
            OPTS,
        ),
    ],
)
def test_bad_input_gives_one_line_error(tmp_path: Path, name, make, code, options) -> None:
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    with pytest.raises(ReadError) as info:
        strategy_lint_read_document(path=path, options=options)
    err = info.value
    assert err.code == code
    assert "\n" not in err.message and err.message == str(err)
    assert "Ava" not in err.message and "Elm Road" not in err.message


def _entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_high_ratio_member_is_a_bomb_even_under_the_total_limit(tmp_path: Path) -> None:
    path = tmp_path / "ratio.docx"
    path.write_bytes(_zip({"word/document.xml": b"<w:document/>", "word/media/x.bin": b"\0" * (11 * 1024 * 1024)}))
    with pytest.raises(ReadError) as info:
        read_docx(path, ReadOptions())
    assert info.value.code == "too-large-expanded"


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        read_docx(tmp_path / "absent.docx")
    assert info.value.code == "file-not-found"
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    with pytest.raises(ReadError) as info:
        read_docx(empty)
    assert info.value.code == "empty-file"


def test_word_lock_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "~$record.docx"
    path.write_bytes(b"\x0bLeo Finch" + b"\0" * 150)
    with pytest.raises(ReadError) as info:
        read_docx(path)
    assert info.value.code == "not-a-docx" and "lock file" in info.value.message
    assert "Leo" not in info.value.message


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRETFROMDISK")
    entries = _entries(_docx_bytes("placeholder"))
    xml = entries["word/document.xml"].decode()
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    xml = xml.replace("?>", "?>" + doctype, 1).replace("placeholder", "Start &xxe; end")
    entries["word/document.xml"] = xml.encode()
    path = tmp_path / "xxe.docx"
    path.write_bytes(_zip(entries))
    try:
        doc = read_docx(path)
    except ReadError as err:
        assert err.code == "corrupt-docx"
    else:
        assert "SECRETFROMDISK" not in repr(doc)
        assert [b.text for b in doc.blocks] == ["Start &xxe; end"]  # left unexpanded
