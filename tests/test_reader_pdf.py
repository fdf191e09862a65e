"""The PDF reader: layout rebuilt into blocks, and every kind of bad PDF turned into a ReadError."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from strategy_lint.errors import ReadError
from strategy_lint.model import BlockKind, Document
from strategy_lint.readers.base import ReadOptions
from strategy_lint.readers.pdf import _decode, _pdf_date, strategy_lint_read_document

sys.path.insert(0, str(Path(__file__).parent))
from pdf_helpers import (  # noqa: E402
    HEADER_TEXT,
    build_encrypted,
    build_image_only,
    build_record,
    build_with_image,
    draw_lines,
    write_fake_docx,
)


def read(path: Path, options: ReadOptions | None = None) -> Document:
    doc = strategy_lint_read_document(path, options or ReadOptions())
    assert doc is not None
    return doc


@pytest.fixture(scope="module")
def record_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_record(tmp_path_factory.mktemp("pdf") / "record.pdf")


@pytest.fixture(scope="module")
def record(record_path: Path) -> Document:
    return read(record_path)


def first(doc: Document, text: str):
    return next(b for b in doc.blocks if text in b.text)


# -- the hook contract ----------------------------------------------------------------------


def test_other_suffixes_are_left_to_other_readers(tmp_path: Path) -> None:
    docx = write_fake_docx(tmp_path / "record.docx")
    assert strategy_lint_read_document(docx, ReadOptions()) is None


def test_suffix_is_case_insensitive(tmp_path: Path, record_path: Path) -> None:
    upper = tmp_path / "RECORD.PDF"
    upper.write_bytes(record_path.read_bytes())
    assert read(upper).format == "pdf"


def test_importing_the_reader_does_not_import_pdfplumber() -> None:
    code = "import sys, strategy_lint.readers.pdf; print('pdfplumber' in sys.modules, 'pdfminer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# -- a real record --------------------------------------------------------------------------


def test_every_block_has_a_page_and_pages_never_go_back(record: Document) -> None:
    pages = [b.page for b in record.blocks]
    assert all(isinstance(p, int) and p >= 1 for p in pages)
    assert pages == sorted(pages)
    assert set(pages) == {1, 2, 3}
    assert [b.index for b in record.blocks] == list(range(len(record.blocks)))


def test_every_block_has_a_page_bbox_source(record: Document) -> None:
    for b in record.blocks:
        assert b.source is not None and b.source.startswith(f"page={b.page};bbox=")
        x0, top, x1, bottom = map(float, b.source.split("bbox=")[1].split(","))
        assert x0 < x1 and top < bottom


def test_headings_are_ranked_by_font_size(record: Document) -> None:
    headings = [(b.text, b.heading_level) for b in record.blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        ("Strategy Discussion Record", 1),
        ("Reason for the discussion", 2),
        ("Child's voice", 2),
        ("Information shared", 2),
        ("Decision", 2),
    ]
    assert first(record, "Strategy Discussion Record").font_size == 18.0


def test_bold_line_at_body_size_is_a_bold_paragraph_not_a_heading(record: Document) -> None:
    block = first(record, "Attendees")
    assert block.kind is BlockKind.PARAGRAPH
    assert block.bold is True
    assert block.font_size == 10.0
    assert first(record, "Ava Marsh, aged 7").bold is False


def test_wrapped_lines_become_one_paragraph(record: Document) -> None:
    block = first(record, "Ava Marsh, aged 7")
    assert block.kind is BlockKind.PARAGRAPH
    assert block.text.endswith("after Ava arrived with a bruise to her arm.")
    points = [b for b in record.blocks if b.text.startswith("Point ")]
    assert [b.text.split(".")[0] for b in points] == [f"Point {i}" for i in range(1, 15)]
    assert all(b.text.count("Northbrook Primary School") == 3 for b in points[:-1])


def test_table_cells_with_row_and_column(record: Document) -> None:
    assert len(record.tables) == 1
    table = record.tables[0]
    assert table.index == 0 and table.page == 1
    assert (table.n_rows, table.n_cols) == (3, 3)
    texts = [[record.blocks[i].text for i in row] for row in table.cells]
    assert texts == [
        ["Name", "Role", "Agency"],
        ["Jo Reed", "Social worker", "Westvale Children's Services"],
        ["Sam Lowe", "Detective Constable", "Westvale Police"],
    ]
    for r, row in enumerate(table.cells):
        for c, i in enumerate(row):
            b = record.blocks[i]
            assert (b.kind, b.table, b.row, b.column, b.page) == (BlockKind.TABLE_CELL, 0, r, c, 1)
    assert table.header == [] and table.records == []


def test_list_items_lose_their_bullet(record: Document) -> None:
    items = [b for b in record.blocks if b.kind is BlockKind.LIST_ITEM]
    assert [b.text for b in items] == [
        "Ava said she felt safe at school.",
        "Ava drew a picture of her home.",
    ]
    assert all(b.list_level == 0 for b in items)


def test_repeated_header_and_footer_are_furniture_on_each_page(record: Document) -> None:
    headers = [(b.page, b.text) for b in record.blocks if b.kind is BlockKind.HEADER]
    footers = [(b.page, b.text) for b in record.blocks if b.kind is BlockKind.FOOTER]
    assert headers == [(1, HEADER_TEXT), (2, HEADER_TEXT), (3, HEADER_TEXT)]
    assert footers == [(1, "Page 1"), (2, "Page 2"), (3, "Page 3")]
    body = record.text()
    assert HEADER_TEXT not in body and "Page 2" not in body
    assert "Ava said she felt safe" in body


def test_reading_order_follows_the_page(record: Document) -> None:
    order = [b.text for b in record.blocks]

    def pos(text: str) -> int:
        return next(i for i, t in enumerate(order) if text in t)

    assert pos(HEADER_TEXT) < pos("Strategy Discussion Record") < pos("Reason for the")
    assert pos("Reason for the") < pos("Ava Marsh, aged 7") < pos("Attendees")
    # the table sits between its bold label and the next heading, where it was drawn
    assert pos("Attendees") < pos("Name") < pos("Westvale Police") < pos("Child's voice")
    assert pos("Child's voice") < pos("Ava said she felt") < pos("Information shared")
    assert pos("Point 14") < pos("Decision") < pos("Section 47 enquiries")
    assert pos("Section 47 enquiries") < pos("Page 3")


def test_metadata(record: Document) -> None:
    meta = record.metadata
    assert meta.page_count == 3
    assert meta.title == "Strategy discussion: Ava Marsh"
    assert meta.author == "Jo Reed"
    assert meta.created is not None and meta.created[:2] == "20" and "T" in meta.created
    assert meta.modified is not None


def test_structure_is_left_to_the_structure_pass(record: Document) -> None:
    assert record.sections == []
    assert all(b.section_path == () for b in record.blocks)


# -- layout details, drawn precisely --------------------------------------------------------


def test_dehyphenation_only_before_a_lower_case_word(tmp_path: Path) -> None:
    # full-width lines (the first sets the right edge), so only the hyphen rule is tested
    long = "The teacher described new worries about the young child and her safe-"
    path = draw_lines(
        tmp_path / "hyphen.pdf",
        [
            (72, 100, "Helvetica", long, 10),
            (72, 112, "Helvetica", "guarding at home and at the after-school club run by the Westvale-", 10),
            (72, 124, "Helvetica", "Northbrook Trust on weekdays.", 10),
        ],
    )
    doc = read(path)
    assert len(doc.blocks) == 1
    text = doc.blocks[0].text
    assert "her safeguarding at home" in text
    assert "the Westvale- Northbrook Trust" in text
    assert "after-school" in text


def test_short_line_ends_a_paragraph_and_big_gap_too(tmp_path: Path) -> None:
    full = "Ava was seen at school by the designated safeguarding lead on the Monday after"
    path = draw_lines(
        tmp_path / "paras.pdf",
        [
            (72, 100, "Helvetica", full, 10),
            (72, 112, "Helvetica", "the half-term break.", 10),
            (72, 124, "Helvetica", full, 10),
            (72, 160, "Helvetica", "Her mother, Lena Marsh, was told.", 10),
        ],
    )
    texts = [b.text for b in read(path).blocks]
    assert texts == [
        full + " the half-term break.",
        full,
        "Her mother, Lena Marsh, was told.",
    ]


def test_numbered_and_bullet_lists_with_wrapped_lines(tmp_path: Path) -> None:
    path = draw_lines(
        tmp_path / "lists.pdf",
        [
            (72, 100, "Helvetica", "Actions agreed by the group are listed below in full.", 10),
            (72, 124, "Helvetica", "1.", 10),
            (90, 124, "Helvetica", "Jo Reed to visit the home with Westvale Police within", 10),
            (90, 136, "Helvetica", "twenty-four hours of the discussion.", 10),
            (72, 148, "Helvetica", "2.", 10),
            (90, 148, "Helvetica", "Northbrook Primary School to share attendance.", 10),
            (90, 160, "Helvetica", "-", 10),
            (104, 160, "Helvetica", "including the last term.", 10),
        ],
    )
    doc = read(path)
    kinds = [(b.kind, b.text, b.list_level) for b in doc.blocks]
    assert kinds == [
        (BlockKind.PARAGRAPH, "Actions agreed by the group are listed below in full.", None),
        (
            BlockKind.LIST_ITEM,
            "1. Jo Reed to visit the home with Westvale Police within twenty-four hours of the discussion.",
            0,
        ),
        (BlockKind.LIST_ITEM, "2. Northbrook Primary School to share attendance.", 0),
        (BlockKind.LIST_ITEM, "including the last term.", 1),
    ]


def test_dash_at_start_of_a_wrapped_line_is_punctuation_not_a_bullet(tmp_path: Path) -> None:
    full = "Her mother said that she had not noticed any bruising on Ava at all"
    path = draw_lines(
        tmp_path / "dash.pdf",
        [
            (72, 100, "Helvetica", full, 10),
            (72, 112, "Helvetica", "– and that Ava had been well all week.", 10),
            (72, 140, "Helvetica", "Concerns raised at the discussion, in no order:", 10),
            (72, 152, "Helvetica", "– bruising to the arm", 10),
            (72, 164, "Helvetica", "– missed school days", 10),
        ],
    )
    got = [(b.kind, b.text) for b in read(path).blocks]
    assert got == [
        (BlockKind.PARAGRAPH, full + " – and that Ava had been well all week."),
        (BlockKind.PARAGRAPH, "Concerns raised at the discussion, in no order:"),
        (BlockKind.LIST_ITEM, "bruising to the arm"),
        (BlockKind.LIST_ITEM, "missed school days"),
    ]


def test_word_second_level_bullet_in_courier(tmp_path: Path) -> None:
    path = draw_lines(
        tmp_path / "wordbullets.pdf",
        [
            (72, 100, "Helvetica", "Agencies contacted before the discussion:", 10),
            (90, 124, "Courier", "o", 10),
            (108, 124, "Helvetica", "Westvale Health Visiting Team", 10),
        ],
    )
    last = read(path).blocks[-1]
    assert (last.kind, last.text) == (BlockKind.LIST_ITEM, "Westvale Health Visiting Team")


def test_all_caps_and_heading_levels_by_size(tmp_path: Path) -> None:
    body = "The discussion was held by telephone and lasted forty minutes in total."
    path = draw_lines(
        tmp_path / "caps.pdf",
        [
            (72, 80, "Helvetica-Bold", "STRATEGY DISCUSSION", 20),
            (72, 120, "Helvetica", "Background", 14),
            (72, 150, "Helvetica", body, 11),
            (72, 170, "Helvetica", body, 11),
            (72, 200, "Helvetica", "Details", 13),
            (72, 230, "Helvetica", body, 11),
        ],
    )
    doc = read(path)
    got = [(b.kind, b.heading_level, b.all_caps) for b in doc.blocks]
    assert got == [
        (BlockKind.HEADING, 1, True),
        (BlockKind.HEADING, 2, False),
        (BlockKind.PARAGRAPH, None, False),
        (BlockKind.PARAGRAPH, None, False),
        (BlockKind.HEADING, 3, False),
        (BlockKind.PARAGRAPH, None, False),
    ]


def test_numbered_heading_in_a_large_font_is_a_heading_not_a_list_item(tmp_path: Path) -> None:
    body = "Ava was seen at home by the health visitor and was alert and settled."
    path = draw_lines(
        tmp_path / "numbered.pdf",
        [
            (72, 80, "Helvetica-Bold", "7. Lived experience of the child", 13),
            (72, 110, "Helvetica", body, 10),
            (72, 125, "Helvetica", body, 10),
            (72, 150, "Helvetica", "1. a numbered point in the body text", 10),
        ],
    )
    doc = read(path)
    assert [(b.kind, b.text[:2]) for b in doc.blocks] == [
        (BlockKind.HEADING, "7."),
        (BlockKind.PARAGRAPH, "Av"),
        (BlockKind.PARAGRAPH, "Av"),
        (BlockKind.LIST_ITEM, "1."),
    ]


def test_long_large_line_is_not_a_heading(tmp_path: Path) -> None:
    long = "This is a long line of large text that runs on well past twelve words in all"
    path = draw_lines(
        tmp_path / "long.pdf",
        [
            (40, 100, "Helvetica", long, 14),
            (72, 200, "Helvetica", "Body text one.", 10),
            (72, 230, "Helvetica", "Body text two that is a bit longer than the first.", 10),
            (72, 260, "Helvetica", "Body text three that is longer again than the others.", 10),
        ],
    )
    assert read(path).blocks[0].kind is BlockKind.PARAGRAPH


def test_single_page_footer_page_number(tmp_path: Path) -> None:
    path = draw_lines(
        tmp_path / "one.pdf",
        [
            (72, 100, "Helvetica", "Strategy discussion held on 3 March.", 10),
            (72, 800, "Helvetica", "Page 1 of 1", 9),
        ],
    )
    doc = read(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, "Strategy discussion held on 3 March."),
        (BlockKind.FOOTER, "Page 1 of 1"),
    ]


def test_margin_text_on_one_page_only_stays_body(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "two.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, A4[1] - 40, "Addendum added by Jo Reed")
    c.drawString(72, 400, "First page body.")
    c.showPage()
    c.setFont("Helvetica", 10)
    c.drawString(72, 400, "Second page body.")
    c.save()
    doc = read(path)
    assert [(b.kind, b.page) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, 1),
        (BlockKind.PARAGRAPH, 1),
        (BlockKind.PARAGRAPH, 2),
    ]


def test_merged_cells_are_none_in_the_grid(tmp_path: Path) -> None:
    ss = getSampleStyleSheet()
    data = [["Actions", ""], ["Action", "Who"], ["Visit the home", "Jo Reed"]]
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("SPAN", (0, 0), (1, 0))])
    path = tmp_path / "merged.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph("Actions agreed", ss["Normal"]), Table(data, style=style)]
    )
    doc = read(path)
    (table,) = doc.tables
    assert table.cells[0][1] is None
    assert doc.blocks[table.cells[0][0]].text == "Actions"
    assert doc.blocks[table.cells[2][1]].text == "Jo Reed"
    assert doc.blocks[0].kind is BlockKind.PARAGRAPH


def test_multiline_cell_keeps_its_line_breaks(tmp_path: Path) -> None:
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    path = tmp_path / "cell.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Table([["Agency", "Westvale   Police\nChild Protection Unit"]], style=style)]
    )
    doc = read(path)
    cell = doc.blocks[doc.tables[0].cells[0][1]]
    assert cell.text == "Westvale Police\nChild Protection Unit"


def test_a_single_ruled_box_is_read_as_text_not_a_table(tmp_path: Path) -> None:
    ss = getSampleStyleSheet()
    style = TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.black)])
    path = tmp_path / "box.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Table([[Paragraph("Ava's words: I like my teacher.", ss["Normal"])]], style=style)]
    )
    doc = read(path)
    assert doc.tables == []
    assert [(b.kind, b.text) for b in doc.blocks] == [(BlockKind.PARAGRAPH, "Ava's words: I like my teacher.")]


def test_large_images_are_recorded_small_ones_ignored(tmp_path: Path) -> None:
    doc = read(build_with_image(tmp_path / "img.pdf", tmp_path / "img.png"))
    assert [(im.page, im.block, im.name) for im in doc.images] == [(1, None, None)]


# -- metadata helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("D:20240312143000+01'00'", "2024-03-12T14:30:00+01:00"),
        ("D:20240312143000Z", "2024-03-12T14:30:00+00:00"),
        (b"D:20240312", "2024-03-12T00:00:00"),
        ("D:20241399", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_pdf_dates(raw: object, expected: str | None) -> None:
    assert _pdf_date(raw) == expected


def test_metadata_strings_are_decoded_safely() -> None:
    assert _decode("Jo Reed".encode("utf-16")) == "Jo Reed"
    assert _decode(b"Jo \xe9") == "Jo \xe9"
    assert _decode(b"  ") is None
    assert _decode(42) is None


# -- bad input -------------------------------------------------------------------------------


def assert_read_error(path: Path, code: str, options: ReadOptions | None = None) -> ReadError:
    with pytest.raises(ReadError) as info:
        strategy_lint_read_document(path, options or ReadOptions())
    err = info.value
    assert err.code == code
    assert err.message and "\n" not in err.message
    for secret in ("Ava", "Marsh", "Jo Reed", "Northbrook"):
        assert secret not in err.message
    return err


def test_renamed_docx(tmp_path: Path) -> None:
    err = assert_read_error(write_fake_docx(tmp_path / "record.pdf"), "wrong-extension")
    assert "Word document" in err.message and ".docx" in err.message


def test_renamed_doc(tmp_path: Path) -> None:
    path = tmp_path / "record.pdf"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    err = assert_read_error(path, "wrong-extension")
    assert ".doc" in err.message


def test_text_file_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "record.pdf"
    path.write_text("Ava Marsh strategy discussion notes\n")
    assert_read_error(path, "not-a-pdf")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "record.pdf"
    path.write_bytes(b"")
    assert_read_error(path, "empty-file")


def test_encrypted(tmp_path: Path) -> None:
    err = assert_read_error(build_encrypted(tmp_path / "locked.pdf"), "encrypted")
    assert "password" in err.message


def test_image_only(tmp_path: Path) -> None:
    assert_read_error(build_image_only(tmp_path / "scan.pdf"), "no-text-layer")


def test_truncated(tmp_path: Path, record_path: Path) -> None:
    data = record_path.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert_read_error(path, "corrupt-pdf")


def test_garbage_after_header(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    assert_read_error(path, "corrupt-pdf")


def test_deeply_nested_objects_do_not_escape(tmp_path: Path) -> None:
    path = tmp_path / "deep.pdf"
    body = b"[" * 50000 + b"]" * 50000
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n" + body + b"\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    with pytest.raises(ReadError) as info:
        strategy_lint_read_document(path, ReadOptions())
    assert info.value.code == "corrupt-pdf"


def test_too_many_pages(record_path: Path) -> None:
    err = assert_read_error(record_path, "too-many-pages", ReadOptions(max_pages=1))
    assert "3" in err.message


def test_too_large(tmp_path: Path, record_path: Path) -> None:
    assert_read_error(record_path, "too-large", ReadOptions(max_file_bytes=100))


def test_unexpected_library_errors_become_corrupt_pdf(monkeypatch: pytest.MonkeyPatch, record_path: Path) -> None:
    import pdfplumber

    def boom(*args: object, **kwargs: object) -> None:
        raise KeyError("/Kids")

    monkeypatch.setattr(pdfplumber, "open", boom)
    assert_read_error(record_path, "corrupt-pdf")


@pytest.mark.parametrize("repeat_header", [True, False])
def test_a_table_broken_across_pages_is_one_table(tmp_path: Path, repeat_header: bool) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable

    rows = [["Action", "Who", "By when"]] + [
        [f"Action number {i}", f"Owner {i}", f"{i:02d}/03/2016"] for i in range(1, 61)
    ]
    path = tmp_path / "long-table.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    table = RLTable(rows, repeatRows=1 if repeat_header else 0)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    doc.build([Paragraph("Actions", getSampleStyleSheet()["Heading2"]), table])
    read_doc = read(path)
    assert len(read_doc.tables) == 1
    t = read_doc.tables[0]
    texts = [read_doc.blocks[row[0]].text for row in t.cells]
    assert texts == [r[0] for r in rows]  # every row once, header not repeated, in order
    pages = {read_doc.blocks[row[0]].page for row in t.cells}
    assert pages == {1, 2}
    assert [read_doc.blocks[row[0]].row for row in t.cells] == list(range(len(rows)))


def _long_table(path: Path, rows: list[list[str]]) -> Path:
    from reportlab.platypus import Table as RLTable

    doc = SimpleDocTemplate(str(path), pagesize=A4)
    table = RLTable(rows, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    doc.build([Paragraph("Actions", getSampleStyleSheet()["Heading2"]), table])
    return path


@pytest.mark.parametrize("ends", ["Chloe to be", "Chloe to be told."])
def test_a_row_cut_by_the_page_break_is_one_row(tmp_path: Path, ends: str) -> None:
    """Word lets a row break across pages: the cell's sentence carries on at the top of the
    next page ("... Chloe to be" / "placed on the address").  A row after a finished sentence
    is a row of its own."""
    rows = [["Action", "Who", "By when"]] + [[f"Action number {i}", f"Owner {i}", "20/11/2025"] for i in range(1, 61)]
    first = read(_long_table(tmp_path / "probe.pdf", rows))
    (t,) = first.tables
    top = next(r for r, row in enumerate(t.cells) if first.blocks[row[0]].page == 2)  # first row on page 2
    rows[top - 1] = [f"Monitor bail conditions; {ends}", "DS Nandra", ""]
    rows[top] = ["placed on the address", "", "19/11/2025"]
    doc = read(_long_table(tmp_path / "cut.pdf", rows))
    (t,) = doc.tables
    texts = [[doc.blocks[c].text if c is not None else "" for c in row] for row in t.cells]
    if ends.endswith("."):
        assert len(t.cells) == len(rows) and texts[top][0] == "placed on the address"
        return
    assert len(t.cells) == len(rows) - 1
    assert texts[top - 1] == [f"Monitor bail conditions; {ends}\nplaced on the address", "DS Nandra", "19/11/2025"]
    assert [doc.blocks[row[0]].row for row in t.cells] == list(range(len(rows) - 1))


def test_a_dash_wrapped_to_the_start_of_a_bullet_items_next_line_goes_on_with_the_item(tmp_path: Path) -> None:
    # a meeting tool's task list: "• @Owner – task – due date", the dash before the date
    # wrapped onto the next line, lined up with the item's text
    long = "@Rachel Hume – written accounts from the class teacher and the teaching assistant"
    path = draw_lines(
        tmp_path / "tasks.pdf",
        [
            (
                72,
                100,
                "Helvetica",
                "Follow-up tasks agreed at the strategy discussion are listed below in full here.",
                10,
            ),
            (72, 124, "Helvetica", "•", 10),
            (84, 124, "Helvetica", long, 10),
            (84, 136, "Helvetica", "– 01/04/2025", 10),
            (72, 148, "Helvetica", "•", 10),
            (84, 148, "Helvetica", "@Claire Hendry – review strategy discussion – 03/04/2025", 10),
            (96, 160, "Helvetica", "– a sub-item under the review", 10),
        ],
    )
    items = [b.text for b in read(path).blocks if b.kind is BlockKind.LIST_ITEM]
    assert items[0] == long + " – 01/04/2025"
    assert items[1] == "@Claire Hendry – review strategy discussion – 03/04/2025"
    assert items[2] == "a sub-item under the review"  # indented further and after a short line: an item


def test_a_table_drawn_inside_a_cell_is_that_cells_nested_table(tmp_path: Path) -> None:
    from reportlab.platypus import Table as RLTable

    inner = RLTable(
        [
            ["Name", "Role", "Agency"],
            ["Lisa Okafor", "Team Manager", "Brackenmoor CSC"],
            ["Rosa Delaney", "DSL", "Westbridge College"],
        ]
    )
    inner.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    styles = getSampleStyleSheet()
    outer = RLTable(
        [
            ["4. Who chaired the discussion?", "Lisa Okafor, Team Manager"],
            ["5. Who took part?", [inner, Paragraph("Apologies: none", styles["Normal"])]],
            ["6. Who was consulted?", "Dr Hugh Kemble, GP"],
        ]
    )
    outer.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    path = tmp_path / "nested.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([outer])
    doc = read(path)
    assert len(doc.tables) == 2
    outer_t, inner_t = doc.tables
    assert outer_t.parent is None and inner_t.parent == (0, 1, 1)
    # the outer cell keeps only its own words; the nested table's follow it, before the next row
    cell = doc.blocks[outer_t.cells[1][1]]
    assert cell.text == "Apologies: none"
    names = [doc.blocks[row[0]].text for row in inner_t.cells]
    assert names == ["Name", "Lisa Okafor", "Rosa Delaney"]
    assert cell.index < inner_t.cells[0][0] < outer_t.cells[2][0]
