"""PDF reader: turns a text PDF (usually a record exported from Word) into the document model.

A PDF has no paragraphs, headings or lists, only positioned words.  We rebuild them from
layout: words become lines (by their ``top``), lines become paragraphs (same font, close
together, previous line not ended early), font size and weight give headings, a leading
glyph gives list items, ruled tables come from pdfplumber, and lines repeated in the top
or bottom margin of most pages become page headers and footers.

Sections, section paths and table records are left empty on purpose: the structure pass
fills them for every format alike.  pdfplumber is imported inside the hook so that
``strategy-lint --help`` stays fast.

The reading is split by job: ``pdf_checks`` (bad input), ``pdf_layout`` (words, lines and
page furniture), ``pdf_tables`` (ruled and gridless tables) and ``pdf_blocks`` (paragraphs,
headings, list items and tables in reading order); this module walks the pages and reads
the metadata.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..hookspecs import hookimpl
from ..model import Document, Metadata
from .base import ReadOptions, check_size
from .pdf_blocks import _Builder
from .pdf_checks import MSG_CORRUPT, MSG_ENCRYPTED, MSG_NO_TEXT, _check_really_pdf, _is_encryption_error
from .pdf_layout import MIN_IMAGE_PT, PageLayout, _lines, _mark_furniture
from .pdf_tables import _centre_in, _gridless_tables, _is_real_table, _nest_tables, _page_table

_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{2}'?)?")


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
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False)
    tables = [t for t in page.find_tables() if _is_real_table(t)]
    boxes = [t.bbox for t in tables]
    outside = [w for w in words if not any(_centre_in(w, box) for box in boxes)]
    inside = [w for w in words if any(_centre_in(w, box) for box in boxes)]
    layout.tables = _nest_tables([_page_table(t, inside) for t in tables], inside)
    layout.lines, gridless = _gridless_tables(_lines(outside))
    layout.tables.extend(gridless)
    layout.images = sum(
        1
        for im in page.images
        if float(im["x1"]) - float(im["x0"]) > MIN_IMAGE_PT and float(im["bottom"]) - float(im["top"]) > MIN_IMAGE_PT
    )
    return layout


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
            tzinfo = dt.UTC
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
