"""The .docx reader: turns a Word document into the format-blind document model.

``opc.py`` opens the package lazily and within bounds (python-docx's parser, without
entity resolution, for the parts it knows); the reading itself walks the lxml elements directly, because what a strategy-discussion audit needs
(content controls, text boxes, tracked changes, hidden text, merged cells) is mostly
what python-docx does not expose.  Sniffing and zip checks run first so a legacy .doc,
an encrypted file, a renamed PDF or a zip bomb gets a one-line error, not a traceback.

Nothing here logs or stores deleted text: revisions keep only a character count.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..errors import ReadError
from ..hookspecs import hookimpl
from ..model import (
    Block,
    BlockKind,
    Comment,
    Document,
    HiddenText,
    Image,
    Metadata,
    Revision,
    Table,
)
from .base import MB, ReadOptions, check_size, sniff

if TYPE_CHECKING:  # pragma: no cover
    from lxml.etree import _Element

DOCX_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".doc"})

#: A member that expands more than this many times and is bigger than BOMB_MIN_BYTES is a bomb.
BOMB_RATIO = 200
BOMB_MIN_BYTES = 10 * MB

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

#: Word's named highlight colours, for deciding whether white text sits on a dark background.
HIGHLIGHTS = {
    "black": "000000", "blue": "0000FF", "cyan": "00FFFF", "green": "00FF00",
    "magenta": "FF00FF", "red": "FF0000", "yellow": "FFFF00", "white": "FFFFFF",
    "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
    "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000",
    "darkGray": "808080", "lightGray": "C0C0C0",
}  # fmt: skip

HEADING_STYLE = re.compile(r"heading\s*([1-9])", re.IGNORECASE)
TRAILING_DIGIT = re.compile(r"(\d)\s*$")

#: Zip-based files that are not Word documents, by a member only they have.
OTHER_ZIP_FORMATS = (
    ("xl/workbook.xml", "an Excel workbook"),
    ("ppt/presentation.xml", "a PowerPoint presentation"),
    ("content.xml", "an OpenDocument (LibreOffice) file"),
)

_extra_types_registered = False


# --------------------------------------------------------------------------------------
# The hook
# --------------------------------------------------------------------------------------


@hookimpl(trylast=True)
def strategy_lint_read_document(path: Path, options: ReadOptions) -> Document | None:
    """Read Word files (.docx, .docm, .dotx, and .doc that turns out to be one)."""
    if Path(path).suffix.lower() not in DOCX_SUFFIXES:
        return None
    return read_docx(Path(path), options)


def read_docx(path: Path, options: ReadOptions | None = None) -> Document:
    """Check then read ``path``; raise ReadError for anything that is not a readable .docx."""
    options = options or ReadOptions()
    suffix = path.suffix.lower() or ".docx"
    kind = sniff(path)
    check_size(path, options)
    if kind == "ole":
        _raise_for_ole(path, suffix)
    if kind == "pdf":
        raise ReadError(
            "wrong-extension",
            f"this file is named {suffix} but is really a PDF: rename it to .pdf and check it again",
        )
    if kind != "zip":
        _raise_not_docx(path, suffix)
    _check_zip(path, options)
    try:
        return _DocxReader(path, options).read()
    except ReadError:
        raise
    except Exception:  # python-docx, lxml, zipfile, KeyError, ...: never a traceback
        raise _corrupt() from None


def _corrupt() -> ReadError:
    return ReadError(
        "corrupt-docx",
        "the .docx file is damaged or incomplete: open it in Word, save a new copy and check that",
    )


def _raise_for_ole(path: Path, suffix: str) -> None:
    """An OLE file is either an encrypted .docx or a Word 97-2003 document."""
    data = path.read_bytes()
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
        raise ReadError(
            "encrypted",
            "this document is password-protected: remove the password in Word "
            "(File > Info > Protect Document) and check it again",
        )
    if suffix == ".doc":
        raise ReadError(
            "legacy-doc",
            "this is an old Word 97-2003 .doc file: open it in Word and save it as .docx, "
            "then check it again",
        )
    raise ReadError(
        "legacy-doc",
        f"this is an old Word 97-2003 .doc file renamed to {suffix}: open it in Word and save it "
        "as .docx, then check it again",
    )


def _raise_not_docx(path: Path, suffix: str) -> None:
    if path.name.startswith("~$"):
        raise ReadError(
            "not-a-docx",
            "this is the temporary lock file Word keeps while a document is open (its name starts "
            "with ~$), not a record: leave it out of the check",
        )
    with path.open("rb") as fh:
        head = fh.read(512).lstrip()
    if head.startswith(b"{\\rtf"):
        what = "an RTF file"
    elif head[:1] == b"<":
        what = "a web page (HTML/XML)"
    else:
        what = "not a Word document"
    verb = "is really" if what != "not a Word document" else "is"
    raise ReadError(
        "not-a-docx",
        f"this file is named {suffix} but {verb} {what}: open it in Word and save it as .docx, "
        "then check it again",
    )


def _check_zip(path: Path, options: ReadOptions) -> None:
    """Refuse damaged zips and zip bombs before any XML parser sees them."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except Exception:  # BadZipFile, truncated central directory, bad offsets, ...
        raise _corrupt() from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        for marker, what in OTHER_ZIP_FORMATS:
            if marker in names:
                raise ReadError(
                    "not-a-docx",
                    f"this file is named {path.suffix.lower()} but is really {what}: "
                    "open it in the right program, or save the record as .docx, then check it again",
                )
        raise _corrupt()
    total = sum(i.file_size for i in infos)
    bomb = any(
        i.file_size > BOMB_MIN_BYTES and i.file_size > BOMB_RATIO * max(i.compress_size, 1)
        for i in infos
    )
    if total > options.max_expanded_bytes or bomb:
        raise ReadError(
            "too-large-expanded",
            f"the .docx file expands to {total / MB:.0f} MB when unpacked, over the "
            f"{options.max_expanded_bytes / MB:.0f} MB limit or far more than its size suggests: "
            "check it is the right file, or save a new copy from Word",
        )


# --------------------------------------------------------------------------------------
# Small XML helpers
# --------------------------------------------------------------------------------------


def _safe_parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _parse_blob(blob: bytes) -> "_Element":
    from lxml import etree

    return etree.fromstring(blob, _safe_parser())


def _parse_part(blob: bytes, content_type: str | None) -> "_Element":
    """Parse a part as python-docx would: its element classes for the parts it knows."""
    from docx.opc.part import PartFactory, XmlPart

    cls = PartFactory.part_type_for.get(content_type) if content_type else None
    if cls is not None and issubclass(cls, XmlPart):
        from docx.oxml.parser import parse_xml

        return parse_xml(blob)
    return _parse_blob(blob)


def _part_element(part: Any) -> "_Element":
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


def _on(el: "_Element | None") -> bool:
    """Word's on/off properties: present means on unless val says otherwise."""
    return el is not None and (el.get(VAL) or "true").lower() not in FALSE_VALUES


def _val(el: "_Element | None", default: str | None = None) -> str | None:
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


def _shading_fill(el: "_Element | None") -> str | None:
    """The background colour a w:shd gives, or None when it sets none."""
    if el is None:
        return None
    fill = (el.get(_w("fill")) or "").strip()
    if not fill or fill.lower() == "auto":
        return None
    return fill


def _choose_branch(alt: "_Element") -> "_Element | None":
    """Read mc:AlternateContent once: the first Choice, else the Fallback."""
    choice = alt.find(CHOICE)
    return choice if choice is not None else alt.find(FALLBACK)


def _iter_outside_txbx(root: "_Element", tags: set[str]) -> Iterator["_Element"]:
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


def _is_placeholder(sdt: "_Element") -> bool:
    """A content control still showing its prompt ("Click here to enter text")."""
    pr = sdt.find(SDT_PR)
    return pr is not None and _on(pr.find(_w("showingPlcHdr")))


def _note_author(el: "_Element") -> tuple[str | None, str | None]:
    return el.get(_w("author")), el.get(_w("date"))


# --------------------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------------------


class _Styles:
    """Resolves run and paragraph properties through style inheritance (basedOn)."""

    def __init__(self, root: "_Element | None") -> None:
        self._by_id: dict[str, "_Element"] = {}
        self._cache: dict[tuple[str, str, str], "_Element | None"] = {}
        self._names: dict[str | None, str | None] = {}
        self.default_paragraph: str | None = None
        self.doc_rpr: "_Element | None" = None
        self.doc_ppr: "_Element | None" = None
        if root is None:
            return
        for style in root.iter(_w("style")):
            sid = style.get(_w("styleId"))
            if sid is None:
                continue
            self._by_id.setdefault(sid, style)
            if style.get(_w("type")) == "paragraph" and _on_attr(style.get(_w("default"))):
                self.default_paragraph = self.default_paragraph or sid
        defaults = root.find(_w("docDefaults"))
        if defaults is not None:
            self.doc_rpr = defaults.find(f"{_w('rPrDefault')}/{RPR}")
            self.doc_ppr = defaults.find(f"{_w('pPrDefault')}/{PPR}")

    def name(self, sid: str | None) -> str | None:
        if sid not in self._names:
            self._names[sid] = self._name(sid)
        return self._names[sid]

    def _name(self, sid: str | None) -> str | None:
        from docx.styles import BabelFish

        style = self._by_id.get(sid or "")
        if style is None:
            return None
        name = _val(style.find(_w("name")))
        return BabelFish.internal2ui(name) if name else sid

    def _chain(self, sid: str | None) -> Iterator["_Element"]:
        seen: set[str] = set()
        while sid and sid not in seen and len(seen) < 32:
            seen.add(sid)
            style = self._by_id.get(sid)
            if style is None:
                return
            yield style
            sid = _val(style.find(_w("basedOn")))

    def prop(self, sid: str | None, container: str, tag: str) -> "_Element | None":
        """``tag`` from the first style in the chain whose ``container`` (rPr/pPr) sets it."""
        if not sid:
            return None
        key = (sid, container, tag)
        if key not in self._cache:
            found = None
            for style in self._chain(sid):
                holder = style.find(container)
                if holder is not None and (el := holder.find(tag)) is not None:
                    found = el
                    break
            self._cache[key] = found
        return self._cache[key]


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() not in FALSE_VALUES


@dataclass(frozen=True)
class _RunProps:
    hidden: bool
    white: bool
    bold: bool
    caps: bool
    size: float | None


# --------------------------------------------------------------------------------------
# What one paragraph yields before it becomes (part of) a block
# --------------------------------------------------------------------------------------


@dataclass
class _Para:
    el: "_Element"
    style_id: str | None
    parts: list[str] = field(default_factory=list)
    length: int = 0
    page: int | None = None
    revisions: list[Revision] = field(default_factory=list)
    hidden: dict[str, int] = field(default_factory=dict)
    images: list[str | None] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    textboxes: list["_Element"] = field(default_factory=list)
    bold: list[bool] = field(default_factory=list)
    caps: list[bool] = field(default_factory=list)
    sizes: list[float] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()

    def add_comment(self, cid: str | None) -> None:
        if cid is not None and cid not in self.comments:
            self.comments.append(cid)


def _summary(paras: Iterable[_Para]) -> dict[str, Any]:
    """bold / all_caps / font_size of a block made of these paragraphs."""
    paras = list(paras)
    bold = [b for p in paras for b in p.bold]
    caps = [c for p in paras for c in p.caps]
    sizes = [s for p in paras for s in p.sizes]
    text = "\n".join(p.text for p in paras if p.text)
    return {
        "bold": bool(bold) and all(bold),
        "all_caps": (bool(caps) and all(caps)) or text.isupper(),
        "font_size": sizes[0] if sizes else None,
    }


# --------------------------------------------------------------------------------------
# The reader
# --------------------------------------------------------------------------------------


class _DocxReader:
    """Walks one package into a Document.  One instance per file."""

    def __init__(self, path: Path, options: ReadOptions) -> None:
        self.path = path
        self.options = options
        self.doc = Document(path=str(path), format="docx")
        self.open_comments: list[str] = []
        self.comment_blocks: dict[str, list[int]] = {}
        self.backgrounds: list[str | None] = []
        self.page: int | None = None
        self.page_mode: str | None = None  # "rendered" | "explicit" | None
        self.text_seen: dict[tuple[BlockKind, str], int] = {}
        #: run properties resolved through the styles, per (character style, paragraph style)
        self._style_props: dict[tuple[str | None, str | None], dict[str, "_Element | None"]] = {}
        #: the whole properties of a run with no rPr of its own, per paragraph style
        self._plain_props: dict[str | None, _RunProps] = {}

    # -- entry ------------------------------------------------------------------------

    def read(self) -> Document:
        from .opc import Package

        _register_main_types()
        package = Package(self.path, self.options, _parse_part)
        try:
            return self._read(package)
        finally:
            package.close()

    def _read(self, package: Any) -> Document:
        self.package = package
        self.main = package.main_document_part
        root = _part_element(self.main)
        self.main_name = str(self.main.partname)
        body = root.find(_w("body"))
        if body is None:
            raise _corrupt()
        styles_part = _related(self.main, RT_STYLES)
        self.styles = _Styles(_part_element(styles_part) if styles_part is not None else None)
        self.even_odd = self._even_and_odd_headers()
        self.page_background = _background(root)
        self._init_pages(body)

        sect_prs = [s for s in body.iter(SECT_PR) if s.getparent().tag != _w("sectPrChange")]
        self._furniture(sect_prs, "header")
        self._container(body, self.main_name)
        self._notes(RT_FOOTNOTES, "footnote")
        self._notes(RT_ENDNOTES, "endnote")
        self._furniture(sect_prs, "footer")
        self._comments()
        self._metadata()
        return self.doc

    def _even_and_odd_headers(self) -> bool:
        settings = _related(self.main, RT_SETTINGS)
        if settings is None:
            return False
        return _on(_part_element(settings).find(_w("evenAndOddHeaders")))

    def _init_pages(self, body: "_Element") -> None:
        """Pages only where the file records them: Word's rendered breaks, else hard breaks."""
        if next(body.iter(LRPB), None) is not None:
            self.page_mode, self.page = "rendered", 1
        elif any(br.get(_w("type")) == "page" for br in body.iter(BR)):
            self.page_mode, self.page = "explicit", 1

    # -- emitting blocks --------------------------------------------------------------

    def _add(self, kind: BlockKind, text: str, el: "_Element", part: str, **kw: Any) -> Block:
        block = Block(
            index=len(self.doc.blocks),
            kind=kind,
            text=text,
            source=f"{part}#{el.getroottree().getpath(el)}",
            **kw,
        )
        self.doc.blocks.append(block)
        return block

    def _finish(self, para: _Para, index: int | None) -> None:
        """Attach what a paragraph recorded to the block it ended up in (or None)."""
        for rev in para.revisions:
            rev.block = index
            self.doc.revisions.append(rev)
        for reason, chars in para.hidden.items():
            self.doc.hidden.append(HiddenText(block=index, chars=chars, reason=reason))
        for name in para.images:
            self.doc.images.append(Image(block=index, name=name, page=para.page))
        if index is not None:
            for cid in para.comments:
                blocks = self.comment_blocks.setdefault(cid, [])
                if index not in blocks:
                    blocks.append(index)

    # -- body -------------------------------------------------------------------------

    def _container(self, el: "_Element", part: str) -> None:
        """Block-level content in reading order: paragraphs, tables, content controls."""
        for child in el:
            tag = child.tag
            if tag == P:
                self._paragraph(child, part)
            elif tag == TBL:
                self._table(child, part, parent=None)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None and not _is_placeholder(child):
                    self._container(content, part)
            elif tag == CUSTOM_XML:
                self._container(child, part)
            elif tag == ALT:
                branch = _choose_branch(child)
                if branch is not None:
                    self._container(branch, part)

    def _paragraph(self, p: "_Element", part: str) -> None:
        para = self._read_paragraph(p, count_pages=True)
        text = para.text
        index = None
        if text:
            kind, heading_level, list_level = self._classify(p, para.style_id)
            block = self._add(
                kind,
                text,
                p,
                part,
                style=self.styles.name(para.style_id),
                heading_level=heading_level,
                list_level=list_level,
                page=para.page,
                **_summary([para]),
            )
            index = block.index
        self._finish(para, index)
        for box in para.textboxes:
            self._textbox(box, part, para.page)

    def _classify(self, p: "_Element", sid: str | None) -> tuple[BlockKind, int | None, int | None]:
        ppr = p.find(PPR)
        name = (self.styles.name(sid) or "").strip()
        if m := HEADING_STYLE.fullmatch(name):
            return BlockKind.HEADING, int(m.group(1)), None
        if name.lower() == "title":
            return BlockKind.HEADING, 1, None
        outline = ppr.find(_w("outlineLvl")) if ppr is not None else None
        if outline is None:
            outline = self.styles.prop(sid, PPR, _w("outlineLvl"))
        level = _int(_val(outline))
        if level is not None and 0 <= level < 9:
            return BlockKind.HEADING, level + 1, None
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        style_num = self.styles.prop(sid, PPR, _w("numPr"))
        num_id = _val(num_pr.find(_w("numId"))) if num_pr is not None else None
        if num_id is None and style_num is not None:
            num_id = _val(style_num.find(_w("numId")))
        is_list_style = name.lower().startswith("list")
        if num_id is not None and num_id != "0":
            ilvl = num_pr.find(_w("ilvl")) if num_pr is not None else None
            if ilvl is None and is_list_style and TRAILING_DIGIT.search(name):
                return BlockKind.LIST_ITEM, None, _style_list_level(name)
            if ilvl is None and style_num is not None:
                ilvl = style_num.find(_w("ilvl"))
            return BlockKind.LIST_ITEM, None, _int(_val(ilvl), 0)
        if is_list_style and not (num_pr is not None and num_id == "0"):
            return BlockKind.LIST_ITEM, None, _style_list_level(name)
        return BlockKind.PARAGRAPH, None, None

    # -- tables -----------------------------------------------------------------------

    def _rows(self, tbl: "_Element") -> Iterator["_Element"]:
        yield from _unwrap(tbl, TR)

    def _table(self, tbl: "_Element", part: str, parent: tuple[int, int, int] | None) -> None:
        table = Table(index=len(self.doc.tables), cells=[], parent=parent)
        self.doc.tables.append(table)
        grid = tbl.find(_w("tblGrid"))
        n_cols = len(grid.findall(_w("gridCol"))) if grid is not None else 0
        above: dict[int, tuple[int, int]] = {}  # grid column -> (block index, row) for vMerge
        rows = [tr for tr in self._rows(tbl) if not self._deleted_row(tr)]
        for r, tr in enumerate(rows):
            row: list[int | None] = [None] * n_cols
            trpr = tr.find(TRPR)
            col = _int(_val(trpr.find(_w("gridBefore")) if trpr is not None else None), 0) or 0
            for tc in _unwrap(tr, TC):
                tcpr = tc.find(TCPR)
                span = max(1, _int(_val(tcpr.find(_w("gridSpan")) if tcpr is not None else None), 1) or 1)
                vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
                continues = vmerge is not None and (vmerge.get(VAL) or "continue") == "continue"
                while len(row) < col + span:
                    row.append(None)
                if continues and col in above:
                    self._merged_cell(tc, part, table, above[col])
                else:
                    block = self._cell(tc, part, table, r, col)
                    row[col] = block.index
                    above[col] = (block.index, r)
                col += span
            table.cells.append(row)
        width = max((len(row) for row in table.cells), default=0)
        for row in table.cells:
            row.extend([None] * (width - len(row)))
        first = next((c for row in table.cells for c in row if c is not None), None)
        if first is not None:
            table.page = self.doc.blocks[first].page

    def _deleted_row(self, tr: "_Element") -> bool:
        """A row deleted with track changes is not part of the accepted table: count it only."""
        trpr = tr.find(TRPR)
        mark = trpr.find(DEL) if trpr is not None else None
        if mark is None:
            return False
        chars = sum(len(t.text or "") for t in tr.iter(DEL_TEXT, T))
        author, date = _note_author(mark)
        self.doc.revisions.append(Revision("delete", author, date, block=None, chars=chars))
        return True

    def _cell(self, tc: "_Element", part: str, table: Table, r: int, col: int) -> Block:
        page_at_start = self.page
        paras, deferred = self._read_cell(tc)
        texts = [p.text for p in paras if p.text]
        first_style = next((p.style_id for p in paras if p.text), paras[0].style_id if paras else None)
        page = next((p.page for p in paras if p.text), page_at_start)
        block = self._add(
            BlockKind.TABLE_CELL,
            "\n".join(texts),
            tc,
            part,
            style=self.styles.name(first_style),
            table=table.index,
            row=r,
            column=col,
            page=page,
            **_summary(paras),
        )
        for para in paras:
            self._finish(para, block.index)
        self._run_deferred(deferred, part, (table.index, r, col), page)
        return block

    def _merged_cell(self, tc: "_Element", part: str, table: Table, owner: tuple[int, int]) -> None:
        """A vMerge continuation: its text (rarely any) joins the top-left cell's block."""
        index, _row = owner
        block = self.doc.blocks[index]
        paras, deferred = self._read_cell(tc)
        extra = "\n".join(p.text for p in paras if p.text)
        if extra:
            block.text = f"{block.text}\n{extra}" if block.text else extra
        for para in paras:
            self._finish(para, index)
        self._run_deferred(deferred, part, (table.index, _row, block.column or 0), block.page)

    def _read_cell(self, tc: "_Element") -> tuple[list[_Para], list[tuple[str, "_Element"]]]:
        """A cell's paragraphs (for its text) and, in order, nested tables and text boxes."""
        if _in_placeholder(tc):
            return [], []
        tcpr = tc.find(TCPR)
        self.backgrounds.append(_shading_fill(tcpr.find(_w("shd")) if tcpr is not None else None))
        paras: list[_Para] = []
        deferred: list[tuple[str, "_Element"]] = []
        try:
            self._collect_cell(tc, paras, deferred)
        finally:
            self.backgrounds.pop()
        return paras, deferred

    def _collect_cell(self, el: "_Element", paras: list[_Para], deferred: list) -> None:
        for child in el:
            tag = child.tag
            if tag == P:
                para = self._read_paragraph(child, count_pages=True)
                paras.append(para)
                deferred.extend(("txbx", box) for box in para.textboxes)
            elif tag == TBL:
                deferred.append(("tbl", child))
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None and not _is_placeholder(child):
                    self._collect_cell(content, paras, deferred)
            elif tag == CUSTOM_XML:
                self._collect_cell(child, paras, deferred)
            elif tag == ALT:
                branch = _choose_branch(child)
                if branch is not None:
                    self._collect_cell(branch, paras, deferred)

    def _run_deferred(self, deferred: list, part: str, parent: tuple[int, int, int], page: int | None) -> None:
        for what, el in deferred:
            if what == "tbl":
                self._table(el, part, parent=parent)
            else:
                self._textbox(el, part, page)

    # -- text boxes, headers, footers, notes: one block each -------------------------

    def _read_flat(self, el: "_Element") -> list[_Para]:
        """Every paragraph under ``el`` in reading order (tables and text boxes flattened)."""
        out: list[_Para] = []
        for child in el:
            tag = child.tag
            if tag == P:
                para = self._read_paragraph(child, count_pages=False)
                out.append(para)
                for box in para.textboxes:
                    out.extend(self._read_flat(box))
            elif tag == TBL:
                for tr in _unwrap(child, TR):
                    for tc in _unwrap(tr, TC):
                        out.extend(self._read_flat(tc))
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None and not _is_placeholder(child):
                    out.extend(self._read_flat(content))
            elif tag == CUSTOM_XML:
                out.extend(self._read_flat(child))
            elif tag == ALT:
                branch = _choose_branch(child)
                if branch is not None:
                    out.extend(self._read_flat(branch))
        return out

    def _flat_block(
        self, kind: BlockKind, el: "_Element", part: str, page: int | None, dedupe: bool = False
    ) -> Block | None:
        paras = self._read_flat(el)
        text = "\n".join(p.text for p in paras if p.text)
        if not text:
            for para in paras:
                self._finish(para, None)
            return None
        if dedupe and (kind, text) in self.text_seen:
            return None  # same header text in another section: already recorded once
        block = self._add(kind, text, el, part, page=page, **_summary(paras))
        self.text_seen[(kind, text)] = block.index
        for para in paras:
            self._finish(para, block.index)
        return block

    def _textbox(self, box: "_Element", part: str, page: int | None) -> None:
        self._flat_block(BlockKind.TEXT_BOX, box, part, page)

    def _furniture(self, sect_prs: list["_Element"], which: str) -> None:
        kind = BlockKind.HEADER if which == "header" else BlockKind.FOOTER
        order = {"default": 0, "first": 1, "even": 2}
        seen_parts: set[str] = set()
        for sect in sect_prs:
            title_page = _on(sect.find(_w("titlePg")))
            refs = sorted(
                sect.findall(_w(f"{which}Reference")),
                key=lambda ref: order.get(ref.get(_w("type")) or "default", 3),
            )
            for ref in refs:
                kind_of_ref = ref.get(_w("type")) or "default"
                if (kind_of_ref == "first" and not title_page) or (kind_of_ref == "even" and not self.even_odd):
                    continue  # stored but never shown
                target = self.main.related_parts.get(ref.get(f"{{{R_NS}}}id"))
                if target is None or str(target.partname) in seen_parts:
                    continue
                seen_parts.add(str(target.partname))
                self._flat_block(kind, _part_element(target), str(target.partname), None, dedupe=True)

    def _notes(self, reltype: str, tag: str) -> None:
        part = _related(self.main, reltype)
        if part is None:
            return
        root = _part_element(part)
        for note in root.findall(_w(tag)):
            if note.get(_w("type")) in SKIPPED_NOTE_TYPES:
                continue
            self._flat_block(BlockKind.FOOTNOTE, note, str(part.partname), None)

    # -- comments and metadata --------------------------------------------------------

    def _comments(self) -> None:
        part = _related(self.main, RT_COMMENTS)
        if part is None:
            return
        saved = self.open_comments
        self.open_comments = []
        for el in _part_element(part).findall(_w("comment")):
            cid = el.get(_w("id"))
            if cid is None:
                continue
            text = "\n".join(p.text for p in self._read_flat(el) if p.text)
            author, date = _note_author(el)
            self.doc.comments.append(
                Comment(id=cid, text=text, author=author, date=date, blocks=sorted(self.comment_blocks.get(cid, [])))
            )
        self.open_comments = saved

    def _metadata(self) -> None:
        """Core and app properties; a damaged properties part leaves fields empty, no more."""
        try:
            self.doc.metadata = self._read_metadata()
        except Exception:
            self.doc.metadata = Metadata()

    def _read_metadata(self) -> Metadata:
        meta = Metadata()
        core_part = _related(self.package, RT_CORE)
        if core_part is not None and hasattr(core_part, "core_properties"):
            props = core_part.core_properties
            meta.title = props.title or None
            meta.author = props.author or None
            meta.last_modified_by = props.last_modified_by or None
            meta.created = props.created.isoformat() if props.created else None
            meta.modified = props.modified.isoformat() if props.modified else None
        app_part = _related(self.package, RT_APP)
        if app_part is not None:
            pages = _part_element(app_part).find(f"{{{EP}}}Pages")
            if pages is not None:
                meta.page_count = _int((pages.text or "").strip())
        return meta

    # -- paragraphs and runs ----------------------------------------------------------

    def _read_paragraph(self, p: "_Element", count_pages: bool) -> _Para:
        ppr = p.find(PPR)
        sid = _val(ppr.find(_w("pStyle")) if ppr is not None else None) or self.styles.default_paragraph
        para = _Para(el=p, style_id=sid)
        for cid in self.open_comments:
            para.add_comment(cid)
        shd = ppr.find(_w("shd")) if ppr is not None else None
        if shd is None:
            shd = self.styles.prop(sid, PPR, _w("shd"))
        self.backgrounds.append(_shading_fill(shd))
        try:
            if count_pages and self.page_mode == "explicit" and ppr is not None:
                if _on(ppr.find(_w("pageBreakBefore"))):
                    self._page_break()
            self._inline(p, para, count_pages)
        finally:
            self.backgrounds.pop()
        if para.page is None:
            para.page = self.page if count_pages else None
        change = ppr.find(_w("pPrChange")) if ppr is not None else None
        if change is not None:
            author, date = _note_author(change)
            para.revisions.append(Revision("format", author, date, chars=len(para.text)))
        return para

    def _page_break(self) -> None:
        if self.page is not None:
            self.page += 1

    def _inline(self, el: "_Element", para: _Para, count_pages: bool) -> None:
        for child in el:
            tag = child.tag
            if tag == R:
                self._run(child, para, count_pages)
            elif tag in INLINE_WRAPPERS:
                self._inline(child, para, count_pages)
            elif tag == INS or tag == MOVE_TO:
                start = para.length
                self._inline(child, para, count_pages)
                author, date = _note_author(child)
                kind = "insert" if tag == INS else "move"
                para.revisions.append(Revision(kind, author, date, chars=para.length - start))
            elif tag == DEL or tag == MOVE_FROM:
                self._deleted(child, para, count_pages, "delete" if tag == DEL else "move")
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None and not _is_placeholder(child):
                    self._inline(content, para, count_pages)
            elif tag == CMT_START:
                cid = child.get(_w("id"))
                if cid is not None and cid not in self.open_comments:
                    self.open_comments.append(cid)
                para.add_comment(cid)
            elif tag == CMT_END:
                cid = child.get(_w("id"))
                if cid in self.open_comments:
                    self.open_comments.remove(cid)
            elif tag == ALT:
                branch = _choose_branch(child)
                if branch is not None:
                    self._inline(branch, para, count_pages)
            elif tag in (f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"):
                text = "".join(t.text or "" for t in child.iter(f"{{{M_NS}}}t"))
                self._visible(para, text, None)

    def _deleted(self, el: "_Element", para: _Para, count_pages: bool, kind: str) -> None:
        """Deleted (or moved-away) text: count it, never keep it."""
        chars = sum(len(t.text or "") for t in el.iter(DEL_TEXT, T))
        if count_pages and self.page_mode == "rendered":
            for _ in el.iter(LRPB):
                self._page_break()
        for ref in el.iter(CMT_REF):
            para.add_comment(ref.get(_w("id")))
        author, date = _note_author(el)
        para.revisions.append(Revision(kind, author, date, chars=chars))

    def _run(self, r: "_Element", para: _Para, count_pages: bool) -> None:
        props = self._run_props(r, para.style_id)
        start = para.length
        self._run_content(r, para, props, count_pages)
        rpr = r.find(RPR)
        change = rpr.find(_w("rPrChange")) if rpr is not None else None
        if change is not None:
            author, date = _note_author(change)
            para.revisions.append(Revision("format", author, date, chars=para.length - start))

    def _run_content(self, el: "_Element", para: _Para, props: _RunProps, count_pages: bool) -> None:
        for c in el:
            tag = c.tag
            if tag == T:
                # an unresolved entity reference is a child node: keep the text around it
                self._text(para, (c.text or "") if len(c) == 0 else "".join(c.itertext()), props)
            elif tag in (TAB, PTAB):
                self._text(para, "\t", props)
            elif tag == BR:
                if c.get(_w("type")) == "page" and count_pages and self.page_mode == "explicit":
                    self._page_break()
                self._text(para, "\n", props)
            elif tag == CR:
                self._text(para, "\n", props)
            elif tag == NB_HYPHEN:
                self._text(para, "-", props)
            elif tag == LRPB:
                if count_pages and self.page_mode == "rendered":
                    self._page_break()
            elif tag in (DRAWING, PICT, OBJECT):
                self._graphic(c, para)
            elif tag == ALT:
                branch = _choose_branch(c)
                if branch is not None:
                    self._run_content(branch, para, props, count_pages)
            elif tag == CMT_REF:
                para.add_comment(c.get(_w("id")))
            elif tag == FLD_CHAR:
                box = _legacy_checkbox(c)
                if box is not None:
                    self._text(para, box, props)

    def _text(self, para: _Para, text: str, props: _RunProps) -> None:
        if not text:
            return
        if props.hidden or props.white:
            if text.strip():
                reason = "hidden" if props.hidden else "white-on-white"
                para.hidden[reason] = para.hidden.get(reason, 0) + len(text)
            return
        self._visible(para, text, props)

    def _visible(self, para: _Para, text: str, props: _RunProps | None) -> None:
        para.parts.append(text)
        para.length += len(text)
        if text.strip():
            if para.page is None and self.page is not None:
                para.page = self.page
            if props is not None:
                para.bold.append(props.bold)
                para.caps.append(props.caps)
                if props.size is not None:
                    para.sizes.append(props.size)

    def _run_props(self, r: "_Element", sid: str | None) -> _RunProps:
        """A run's properties: its own rPr first, then its character style, the paragraph
        style and the document defaults (resolved once per pair of styles)."""
        rpr = r.find(RPR)
        if rpr is None:
            cached = self._plain_props.get(sid)
            if cached is not None:
                return cached
            inherited = self._inherited(None, sid)
            props = self._props_from(inherited.get)
            if not props.white and (_val(inherited[COLOR]) or "").upper() != "FFFFFF":
                self._plain_props[sid] = props  # white text depends on the backgrounds: never cached
            return props
        own: dict[Any, "_Element"] = {}
        for child in rpr:
            own.setdefault(child.tag, child)  # the first of a tag, as find() gives
        inherited = self._inherited(_val(own.get(RSTYLE)), sid)

        def get(full: str) -> "_Element | None":
            el = own.get(full)
            return el if el is not None else inherited[full]

        return self._props_from(get)

    def _props_from(self, get: Any) -> _RunProps:
        size = _int(_val(get(SZ)))
        return _RunProps(
            hidden=_on(get(VANISH)),
            white=self._white_on_white(lambda tag: get(_w(tag))),
            bold=_on(get(BOLD)),
            caps=_on(get(CAPS)),
            size=size / 2 if size else None,
        )

    def _inherited(self, rstyle: str | None, sid: str | None) -> dict[str, "_Element | None"]:
        """Each run property as the styles give it: character style, then paragraph style,
        then the document defaults."""
        key = (rstyle, sid)
        found = self._style_props.get(key)
        if found is None:
            found = {}
            defaults = self.styles.doc_rpr
            for full in RUN_PROPS:
                el = self.styles.prop(rstyle, RPR, full)
                if el is None:
                    el = self.styles.prop(sid, RPR, full)
                if el is None and defaults is not None:
                    el = defaults.find(full)
                found[full] = el
            self._style_props[key] = found
        return found

    def _white_on_white(self, get: Any) -> bool:
        colour = (_val(get("color")) or "").upper()
        if colour != "FFFFFF":
            return False
        highlight = _val(get("highlight"))
        backgrounds = [
            HIGHLIGHTS.get(highlight or "") if highlight and highlight != "none" else None,
            _shading_fill(get("shd")),
            *reversed(self.backgrounds),
            self.page_background,
        ]
        for fill in backgrounds:
            if fill:
                lum = _luminance(fill)
                return lum is None or lum >= 0.5  # unknown colour: assume light
        return True

    def _graphic(self, el: "_Element", para: _Para) -> None:
        """A drawing or VML shape: record pictures; queue text boxes for after the paragraph."""
        pictures = {f"{{{PIC}}}pic", f"{{{A_NS}}}blip", f"{{{V_NS}}}imagedata"}
        if next(_iter_outside_txbx(el, pictures), None) is not None:
            para.images.append(_graphic_name(el))
        para.textboxes.extend(_iter_outside_txbx(el, {TXBX}))


def _legacy_checkbox(fld_char: "_Element") -> str | None:
    """A legacy form check box (FORMCHECKBOX) as the glyph Word shows: ☒ ticked, ☐ not.

    Its state is ``w:checked`` when set, else ``w:default``; the field has no text of its
    own, so without this a "☐ Yes ☒ No" question would read as "Yes No"."""
    if fld_char.get(_w("fldCharType")) != "begin":
        return None
    box = fld_char.find(f"{_w('ffData')}/{_w('checkBox')}")
    if box is None:
        return None
    checked = box.find(_w("checked"))
    state = checked if checked is not None else box.find(_w("default"))
    if state is None:
        ticked = checked is not None  # <w:checked/> with no value means ticked
    else:
        ticked = (state.get(_w("val")) or "1").lower() in ("1", "true", "on")
    return "☒" if ticked else "☐"


def _style_list_level(name: str) -> int:
    """"List Bullet 2" is a second-level list (0-based level 1) whatever its numbering says."""
    m = TRAILING_DIGIT.search(name)
    return int(m.group(1)) - 1 if m else 0


def _graphic_name(el: "_Element") -> str | None:
    doc_pr = next(el.iter(f"{{{WP}}}docPr"), None)
    if doc_pr is not None:
        return doc_pr.get("name") or doc_pr.get("descr") or None
    for shape in el.iter(f"{{{V_NS}}}shape", f"{{{V_NS}}}rect"):
        name = shape.get("alt") or shape.get("id")
        if name:
            return name
    imagedata = next(el.iter(f"{{{V_NS}}}imagedata"), None)
    if imagedata is not None:
        return imagedata.get(f"{{{O_NS}}}title") or None
    return None


def _background(root: "_Element") -> str | None:
    bg = root.find(_w("background"))
    if bg is None:
        return None
    colour = bg.get(_w("color"))
    return colour if colour and colour.lower() != "auto" else None


def _in_placeholder(tc: "_Element") -> bool:
    """A cell wrapped (directly or via its row) in a content control still showing its prompt."""
    el = tc.getparent()
    while el is not None and el.tag != TBL:
        if el.tag == SDT and _is_placeholder(el):
            return True
        el = el.getparent()
    return False


def _unwrap(el: "_Element", tag: str) -> Iterator["_Element"]:
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
