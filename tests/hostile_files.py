"""Small hostile files generated in a test's tmp_path (never committed, never large on disk).

Each maker writes the smallest file that reproduces one failure of the hostile-input
campaign of issue 13: a PDF object that refers to itself, a page tree that loops, a
stream that inflates far beyond its size, a .docx whose parts expand (or lie about what
they expand to), a .docx with many large unreferenced header parts.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf(path: Path, objects: list[bytes], *, root: int = 1) -> Path:
    """A PDF whose object ``n`` (1-based) is ``objects[n - 1]``, with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    path.write_bytes(bytes(out))
    return path


def stream(data: bytes, *, compress: bool = False, extra: bytes = b"") -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_page_pdf(path: Path, content: bytes, *, compress: bool = False, count: bytes = b"1") -> Path:
    """One page showing ``content`` (a content stream) in Helvetica."""
    return pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count " + count + b" >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            stream(content, compress=compress),
            FONT,
        ],
    )


def self_referencing_count_pdf(path: Path) -> Path:
    """/Count is an object that is a reference to itself: resolving it never ends."""
    return pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 6 0 R >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            stream(b"BT /F1 12 Tf 72 720 Td (Strategy discussion) Tj ET"),
            FONT,
            b"6 0 R",
        ],
    )


def looping_page_tree_pdf(path: Path) -> Path:
    """A page-tree node whose kids include itself."""
    return pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            stream(b"BT /F1 12 Tf 72 720 Td (Strategy discussion) Tj ET"),
            FONT,
        ],
    )


def self_referencing_resource_pdf(path: Path) -> Path:
    """The page's /Resources and its font are references that lead back to themselves."""
    return pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 6 0 R /Contents 4 0 R >>",
            stream(b"BT /F1 12 Tf 72 720 Td (Strategy discussion) Tj ET"),
            b"7 0 R",
            b"5 0 R",
            b"6 0 R",
        ],
    )


def stream_bomb_pdf(path: Path, megabytes: int) -> Path:
    """A page whose content stream inflates to ``megabytes`` MB of spaces (a few KB on disk)."""
    content = b"BT /F1 12 Tf 72 720 Td (Strategy discussion) Tj ET\n" + b" " * (megabytes * 1024 * 1024)
    return text_page_pdf(path, content, compress=True)


def many_text_objects_pdf(path: Path, n: int) -> Path:
    """One page with ``n`` tiny text objects (compressed: the file stays small)."""
    content = b"".join(b"BT /F1 1 Tf %d %d Td (x) Tj ET\n" % (i % 500, i % 800) for i in range(n))
    return text_page_pdf(path, content, compress=True)


def docx_with_parts(path: Path, source: Path, extra: dict[str, bytes], *, lie: bool = False) -> Path:
    """``source`` (.docx) with ``extra`` members added, compressed; ``lie`` shrinks their declared sizes."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, src.read(item.filename))
        for name, data in extra.items():
            out.writestr(name, data)
    if lie:
        _shrink_declared_sizes(path, set(extra))
    return path


def _shrink_declared_sizes(path: Path, names: set[str]) -> None:
    """Rewrite the central directory so ``names`` claim to expand to 1 KB each."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        infos = {i.filename: i for i in zf.infolist()}
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = int.from_bytes(data[pos + 28 : pos + 30], "little")
        name = bytes(data[pos + 46 : pos + 46 + name_len]).decode()
        if name in names:
            data[pos + 24 : pos + 28] = (1024).to_bytes(4, "little")  # uncompressed size
            local = infos[name].header_offset
            data[local + 22 : local + 26] = (1024).to_bytes(4, "little")
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))


RT_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_with_unused_headers(path: Path, source: Path, n: int, paragraphs: int) -> Path:
    """``source`` plus ``n`` header parts of ``paragraphs`` empty paragraphs each, related to
    the document (so a package reader loads them) but used by no section."""
    part = f'<w:hdr xmlns:w="{W_NS}">'.encode() + b"<w:p/>" * paragraphs + b"</w:hdr>"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                rels = "".join(
                    f'<Relationship Id="rIdX{i}" Type="{RT_HEADER}" Target="hostile{i}.xml"/>' for i in range(n)
                )
                data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            elif item.filename == "[Content_Types].xml":
                types = "".join(
                    f'<Override PartName="/word/hostile{i}.xml" ContentType="{CT_HEADER}"/>' for i in range(n)
                )
                data = data.replace(b"</Types>", types.encode() + b"</Types>")
            out.writestr(item, data)
        for i in range(n):
            out.writestr(f"word/hostile{i}.xml", part)
    return path
