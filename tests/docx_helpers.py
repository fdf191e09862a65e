"""Build small .docx files for reader tests: python-docx plus raw WordprocessingML.

Everything here is synthetic (invented names and places only).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import docx
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

NS_DECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office"'
)

CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
CT_APP = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
RT_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"


def new_document() -> docx.document.Document:
    return docx.Document()


def fragment(xml: str) -> list:
    """Parse block- or inline-level WordprocessingML (several siblings allowed)."""
    root = parse_xml(f"<w:root {NS_DECL}>{xml}</w:root>")
    return list(root)


def append_body(doc, xml: str) -> None:
    """Append raw block-level XML to the body, before its final w:sectPr."""
    body = doc.element.body
    sect = body.find(f"{{{W}}}sectPr")
    for el in fragment(xml):
        if sect is not None:
            sect.addprevious(el)
        else:
            body.append(el)


def run(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(inner: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>"


def add_footnotes(doc, notes: list[str]) -> None:
    """Give the document a footnotes part with separators plus ``notes``."""
    body = "".join(f'<w:footnote w:id="{i}"><w:p>{run(text)}</w:p></w:footnote>' for i, text in enumerate(notes, 1))
    xml = (
        f"<w:footnotes {NS_DECL}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>"
        f"{body}</w:footnotes>"
    ).encode()
    part = Part(PackURI("/word/footnotes.xml"), CT_FOOTNOTES, xml, doc.part.package)
    doc.part.relate_to(part, RT_FOOTNOTES)


def add_app_properties(doc, pages: int) -> None:
    xml = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Pages>{pages}</Pages></Properties>"
    ).encode()
    package = doc.part.package
    existing = next((p for p in package.iter_parts() if p.partname == "/docProps/app.xml"), None)
    if existing is not None:
        existing._blob = xml  # the default template already has one: replace its content
        return
    package.relate_to(Part(PackURI("/docProps/app.xml"), CT_APP, xml, package), RT_APP)


def tiny_png() -> bytes:
    """A valid 1x1 PNG, made here so no image file is needed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def textbox_xml(text: str) -> str:
    """A run holding one text box the way Word writes it: DrawingML Choice + VML Fallback."""
    content = f"<w:txbxContent><w:p>{run(text)}</w:p></w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
        '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="914400" cy="457200"/><wp:wrapNone/><wp:docPr id="10" name="Text Box 10"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict>"
        f'<v:shape id="Text Box 10" type="#_x0000_t202"><v:textbox>{content}</v:textbox></v:shape>'
        "</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def save(doc, path: Path) -> Path:
    doc.save(str(path))
    return path
