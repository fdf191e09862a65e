"""OOXML for the .docx reader: namespaces, tag names, safe parsing and small element helpers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from lxml.etree import _Element

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

#: Namespaces for resolving a block's ``source`` XPath with ``root.xpath(path, namespaces=NSMAP)``.
NSMAP = {
    "w": W,
    "r": R_NS,
    "mc": MC,
    "wp": WP,
    "a": A_NS,
    "pic": PIC,
    "v": V_NS,
    "o": O_NS,
    "m": M_NS,
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
}

RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
RT_SETTINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"
RT_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
RT_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"

#: Main-part content types python-docx refuses but whose XML is the same as a .docx.
EXTRA_MAIN_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, R, T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
PPR, RPR, TCPR, TRPR = _w("pPr"), _w("rPr"), _w("tcPr"), _w("trPr")
SDT, SDT_PR, SDT_CONTENT = _w("sdt"), _w("sdtPr"), _w("sdtContent")
FLD_CHAR = _w("fldChar")
INS, DEL, MOVE_FROM, MOVE_TO = _w("ins"), _w("del"), _w("moveFrom"), _w("moveTo")
DEL_TEXT = _w("delText")
BR, CR, TAB, PTAB = _w("br"), _w("cr"), _w("tab"), _w("ptab")
NB_HYPHEN = _w("noBreakHyphen")
LRPB = _w("lastRenderedPageBreak")
DRAWING, PICT, OBJECT = _w("drawing"), _w("pict"), _w("object")
TXBX = _w("txbxContent")
CMT_START, CMT_END, CMT_REF = _w("commentRangeStart"), _w("commentRangeEnd"), _w("commentReference")
CUSTOM_XML = _w("customXml")
SECT_PR = _w("sectPr")
ALT = f"{{{MC}}}AlternateContent"
CHOICE, FALLBACK = f"{{{MC}}}Choice", f"{{{MC}}}Fallback"
VAL = _w("val")
RSTYLE, SZ, VANISH, BOLD, CAPS, COLOR = _w("rStyle"), _w("sz"), _w("vanish"), _w("b"), _w("caps"), _w("color")
#: the run properties the reader looks at
RUN_PROPS = (SZ, VANISH, BOLD, CAPS, COLOR, _w("highlight"), _w("shd"))

#: Inline wrappers whose children are read as if they were the paragraph's own.
INLINE_WRAPPERS = frozenset(
    _w(t) for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir", "sdtContent")
)
SKIPPED_NOTE_TYPES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
FALSE_VALUES = frozenset({"0", "false", "off", "none"})


def _safe_parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _parse_blob(blob: bytes) -> _Element:
    from lxml import etree

    return etree.fromstring(blob, _safe_parser())


def _parse_part(blob: bytes, content_type: str | None) -> _Element:
    """Parse a part as python-docx would: its element classes for the parts it knows."""
    from docx.opc.part import PartFactory, XmlPart

    cls = PartFactory.part_type_for.get(content_type) if content_type else None
    if cls is not None and issubclass(cls, XmlPart):
        from docx.oxml.parser import parse_xml

        return parse_xml(blob)
    return _parse_blob(blob)


def _part_element(part: Any) -> _Element:
    """The root element of a part, parsing it safely when python-docx left it as bytes."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    return _parse_blob(part.blob)


def _related(part: Any, reltype: str) -> Any | None:
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


def _on(el: _Element | None) -> bool:
    """Word's on/off properties: present means on unless val says otherwise."""
    return el is not None and (el.get(VAL) or "true").lower() not in FALSE_VALUES


def _val(el: _Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    return el.get(VAL, default)


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _luminance(hex_colour: str) -> float | None:
    try:
        r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    except (ValueError, TypeError):
        return None
    if len(hex_colour) != 6:
        return None
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255


def _shading_fill(el: _Element | None) -> str | None:
    """The background colour a w:shd gives, or None when it sets none."""
    if el is None:
        return None
    fill = (el.get(_w("fill")) or "").strip()
    if not fill or fill.lower() == "auto":
        return None
    return fill


def _choose_branch(alt: _Element) -> _Element | None:
    """Read mc:AlternateContent once: the first Choice, else the Fallback."""
    choice = alt.find(CHOICE)
    return choice if choice is not None else alt.find(FALLBACK)


def _iter_outside_txbx(root: _Element, tags: set[str]) -> Iterator[_Element]:
    """Descendants of ``root`` with one of ``tags``, not inside a text box or a Fallback."""
    stack = list(reversed(list(root)))
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str) or tag == TXBX or tag == FALLBACK:
            if tag == TXBX and TXBX in tags:
                yield el
            continue
        if tag in tags:
            yield el
        stack.extend(reversed(list(el)))


def _is_placeholder(sdt: _Element) -> bool:
    """A content control still showing its prompt ("Click here to enter text")."""
    pr = sdt.find(SDT_PR)
    return pr is not None and _on(pr.find(_w("showingPlcHdr")))


def _note_author(el: _Element) -> tuple[str | None, str | None]:
    return el.get(_w("author")), el.get(_w("date"))


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() not in FALSE_VALUES


def _background(root: _Element) -> str | None:
    bg = root.find(_w("background"))
    if bg is None:
        return None
    colour = bg.get(_w("color"))
    return colour if colour and colour.lower() != "auto" else None


def _in_placeholder(tc: _Element) -> bool:
    """A cell wrapped (directly or via its row) in a content control still showing its prompt."""
    el = tc.getparent()
    while el is not None and el.tag != TBL:
        if el.tag == SDT and _is_placeholder(el):
            return True
        el = el.getparent()
    return False


def _unwrap(el: _Element, tag: str) -> Iterator[_Element]:
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _unwrap(content, tag)
        elif child.tag == CUSTOM_XML:
            yield from _unwrap(child, tag)


_extra_types_registered = False


def _register_main_types() -> None:
    """Let python-docx open .docm/.dotx/.dotm: same XML, different content type."""
    global _extra_types_registered
    if _extra_types_registered:
        return
    import docx  # noqa: F401  (registers python-docx's own part classes first)
    from docx.opc.part import PartFactory
    from docx.parts.document import DocumentPart

    for content_type in EXTRA_MAIN_TYPES:
        PartFactory.part_type_for.setdefault(content_type, DocumentPart)
    _extra_types_registered = True
