"""Bounded resources on hostile files (issue 13): each case a small file generated here.

Before: forty unused 10 MB header parts took 6.6 GB, a 3 MB PDF stream bomb 6.2 GB (and
was read "ok"), PDFs of ~800 bytes with self-referencing objects the whole 120 s budget, a
100,000-text-object PDF 1.2 GB, a FIFO named ``y.docx`` blocked for 120 s, and records in
an unreadable folder were skipped without a word.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import time
from pathlib import Path

import pytest
from helpers import FIXTURES
from hostile_files import (
    FONT,
    docx_with_parts,
    docx_with_unused_headers,
    looping_page_tree_pdf,
    many_text_objects_pdf,
    pdf,
    self_referencing_count_pdf,
    self_referencing_resource_pdf,
    stream,
    stream_bomb_pdf,
)

from strategy_lint.engine import Linter, iter_files
from strategy_lint.errors import ReadError
from strategy_lint.readers.base import MB, ReadOptions
from strategy_lint.readers.docx import read_docx
from strategy_lint.readers.pdf import strategy_lint_read_document as read_pdf

DOCX = FIXTURES / "examples" / "ava-marsh-form.docx"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- .docx ---------------------------------------------------------------------------------


def test_unused_header_parts_are_never_parsed(tmp_path, monkeypatch):
    """Four related-but-unused headers of a million paragraphs each: before, all were parsed."""
    hostile = docx_with_unused_headers(tmp_path / "headers.docx", DOCX, 4, 1_000_000)
    assert hostile.stat().st_size < 200_000
    parsed = []
    from strategy_lint.readers import opc

    real = opc.Part.element.fget
    monkeypatch.setattr(opc.Part, "element", property(lambda part: (parsed.append(part.partname), real(part))[1]))
    doc = read_docx(hostile)
    assert doc.blocks and not [name for name in parsed if "hostile" in name]


def test_too_many_xml_elements_is_refused_before_parsing(tmp_path):
    hostile = docx_with_unused_headers(tmp_path / "headers.docx", DOCX, 1, 200_000)
    # make the hostile header the one the section shows: point the first header reference at it
    with pytest.raises(ReadError) as err:
        read_docx(_show_header(hostile, tmp_path / "shown.docx"), ReadOptions(max_xml_elements=100_000))
    assert err.value.code == "too-complex" and "\n" not in err.value.message


def test_a_part_is_bounded_by_what_it_really_unpacks_to(tmp_path):
    """Declared sizes say 1 KB; the real stream is 3 MB: counted while unpacking, not trusted."""
    big = (
        b'<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + b"<w:p/>" * 500_000
        + b"</w:hdr>"
    )
    hostile = docx_with_unused_headers(tmp_path / "h.docx", DOCX, 1, 500_000)
    shown = _show_header(hostile, tmp_path / "shown.docx")
    assert len(big) > 2 * MB
    with pytest.raises(ReadError) as err:
        read_docx(shown, ReadOptions(max_part_bytes=1 * MB))
    assert err.value.code == "too-large-expanded"
    liar = docx_with_parts(tmp_path / "liar.docx", DOCX, {"word/media/x.bin": b"\0" * (3 * MB)}, lie=True)
    doc = read_docx(liar, ReadOptions(max_expanded_bytes=1 * MB))  # unreferenced: never unpacked
    assert doc.blocks


def _show_header(source: Path, target: Path) -> Path:
    """``source`` with its first section's default header reference pointed at hostile0.xml."""
    import zipfile

    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                ref = b'<w:headerReference xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" w:type="default" r:id="rIdX0"/>'
                start = data.rfind(b"<w:sectPr")
                end = data.index(b">", start) + 1
                data = data[:end] + ref + data[end:]
            out.writestr(item, data)
    return target


# -- PDF -------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [self_referencing_count_pdf, self_referencing_resource_pdf, looping_page_tree_pdf])
def test_self_referencing_pdfs_finish_quickly(tmp_path, make):
    path = make(tmp_path / "loop.pdf")
    assert path.stat().st_size < 1000
    start = time.monotonic()
    try:
        doc = read_pdf(path, ReadOptions())
        assert doc is not None
    except ReadError as err:
        assert "\n" not in err.message
    assert time.monotonic() - start < 5


def test_a_stream_bomb_is_stopped_while_it_inflates(tmp_path):
    bomb = stream_bomb_pdf(tmp_path / "bomb.pdf", 40)
    assert bomb.stat().st_size < 100_000
    before = peak_mb()
    with pytest.raises(ReadError) as err:
        read_pdf(bomb, ReadOptions(max_expanded_bytes=4 * MB))
    assert err.value.code == "too-large-expanded" and "max-expanded-mb" in err.value.message
    assert peak_mb() - before < 30  # never held the 40 MB


def test_too_many_objects_on_a_page(tmp_path):
    path = many_text_objects_pdf(tmp_path / "dense.pdf", 3000)
    with pytest.raises(ReadError) as err:
        read_pdf(path, ReadOptions(max_page_objects=1000))
    assert err.value.code == "too-complex"


def test_page_limit_counts_pages_walked_not_count(tmp_path):
    """/Count says 1; the tree holds 3 pages: the limit applies to the pages walked."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
    path = pdf(
        tmp_path / "liar.pdf",
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 6 0 R 7 0 R] /Count 1 >>",
            page,
            stream(b"BT /F1 12 Tf 72 720 Td (Strategy discussion) Tj ET"),
            FONT,
            page,
            page,
        ],
    )
    with pytest.raises(ReadError) as err:
        read_pdf(path, ReadOptions(max_pages=2))
    assert err.value.code == "too-many-pages"
    assert read_pdf(path, ReadOptions(max_pages=3)) is not None


# -- the file system -------------------------------------------------------------------------


def test_a_fifo_is_refused_before_opening(tmp_path, cli):
    os.mkfifo(tmp_path / "y.docx")
    start = time.monotonic()
    result = Linter().lint_file(tmp_path / "y.docx")
    assert result.error.code == "not-a-file" and "pipe" in result.error.message
    proc = cli("check", str(tmp_path / "y.docx"), "--format", "json")
    assert proc.returncode == 2 and json.loads(proc.stdout)["files"][0]["error"]["code"] == "not-a-file"
    assert time.monotonic() - start < 30


def test_an_unreadable_folder_is_an_error_not_a_silence(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "locked").mkdir()
    shutil.copy(DOCX, tmp_path / "ok" / "a.docx")
    shutil.copy(DOCX, tmp_path / "locked" / "b.docx")
    real = os.scandir

    def scandir(path="."):  # as for a folder without read permission (tests may run as root)
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files = list(iter_files([tmp_path]))
    assert tmp_path / "locked" in files
    results = [Linter().lint_file(f) for f in files]
    locked = next(r for r in results if r.path.endswith("locked"))
    assert locked.status == "error" and locked.error.code == "unreadable-folder"
