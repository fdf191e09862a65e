"""The .docx reader: turns a Word document into the format-blind document model.

``opc.py`` opens the package lazily and within bounds (python-docx's parser, without
entity resolution, for the parts it knows); the reading itself walks the lxml elements directly, because what a strategy-discussion audit needs
(content controls, text boxes, tracked changes, hidden text, merged cells) is mostly
what python-docx does not expose.  Sniffing and zip checks run first so a legacy .doc,
an encrypted file, a renamed PDF or a zip bomb gets a one-line error, not a traceback.

Nothing here logs or stores deleted text: revisions keep only a character count.

The reading is split by job: ``docx_checks`` (before parsing), ``docx_xml`` (namespaces and
element helpers), ``docx_styles`` (styles and run properties), ``docx_runs`` (paragraphs and
runs), ``docx_parts`` (blocks; headers, footers, notes, comments, properties) and
``docx_body`` (the body walker and tables); ``_DocxReader`` here puts them together.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ReadError
from ..hookspecs import hookimpl
from ..model import Document
from .base import ReadOptions, check_size, sniff
from .docx_body import _BodyReader
from .docx_checks import _check_zip, _corrupt, _raise_for_ole, _raise_not_docx
from .docx_styles import _Styles
from .docx_xml import (
    BR,
    LRPB,
    NSMAP,
    RT_ENDNOTES,
    RT_FOOTNOTES,
    RT_SETTINGS,
    RT_STYLES,
    SECT_PR,
    _background,
    _on,
    _parse_part,
    _part_element,
    _register_main_types,
    _related,
    _w,
)

if TYPE_CHECKING:  # pragma: no cover
    from lxml.etree import _Element

#: ``NSMAP`` resolves a block's ``source`` XPath (annotate.py); ``read_docx`` reads one file.
__all__ = ["DOCX_SUFFIXES", "NSMAP", "read_docx", "strategy_lint_read_document"]

DOCX_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".doc"})


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


# --------------------------------------------------------------------------------------
# The reader
# --------------------------------------------------------------------------------------


class _DocxReader(_BodyReader):
    """Walks one package into a Document.  One instance per file."""

    def __init__(self, path: Path, options: ReadOptions) -> None:
        self.path = path
        self.options = options
        self.doc = Document(path=str(path), format="docx")
        self.open_comments = []
        self.comment_blocks = {}
        self.backgrounds = []
        self.page = None
        self.page_mode = None  # "rendered" | "explicit" | None
        self.text_seen = {}
        # run properties resolved through the styles, per (character style, paragraph style),
        self._style_props = {}
        # and the whole properties of a run with no rPr of its own, per paragraph style
        self._plain_props = {}

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

    def _init_pages(self, body: _Element) -> None:
        """Pages only where the file records them: Word's rendered breaks, else hard breaks."""
        if next(body.iter(LRPB), None) is not None:
            self.page_mode, self.page = "rendered", 1
        elif any(br.get(_w("type")) == "page" for br in body.iter(BR)):
            self.page_mode, self.page = "explicit", 1
