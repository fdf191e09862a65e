"""Styles and run properties for the .docx reader: style inheritance (basedOn), the run
properties a block keeps (bold, caps, size) and hidden or white-on-white text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import BlockKind, Document
from .base import ReadOptions
from .docx_xml import (
    BOLD,
    CAPS,
    COLOR,
    PPR,
    RPR,
    RSTYLE,
    RUN_PROPS,
    SZ,
    VANISH,
    _int,
    _luminance,
    _on,
    _on_attr,
    _shading_fill,
    _val,
    _w,
)

if TYPE_CHECKING:  # pragma: no cover
    from lxml.etree import _Element

#: Word's named highlight colours, for deciding whether white text sits on a dark background.
HIGHLIGHTS = {
    "black": "000000", "blue": "0000FF", "cyan": "00FFFF", "green": "00FF00",
    "magenta": "FF00FF", "red": "FF0000", "yellow": "FFFF00", "white": "FFFFFF",
    "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
    "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000",
    "darkGray": "808080", "lightGray": "C0C0C0",
}  # fmt: skip


class _Styles:
    """Resolves run and paragraph properties through style inheritance (basedOn)."""

    def __init__(self, root: _Element | None) -> None:
        self._by_id: dict[str, _Element] = {}
        self._cache: dict[tuple[str, str, str], _Element | None] = {}
        self._names: dict[str | None, str | None] = {}
        self.default_paragraph: str | None = None
        self.doc_rpr: _Element | None = None
        self.doc_ppr: _Element | None = None
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

    def _chain(self, sid: str | None) -> Iterator[_Element]:
        seen: set[str] = set()
        while sid and sid not in seen and len(seen) < 32:
            seen.add(sid)
            style = self._by_id.get(sid)
            if style is None:
                return
            yield style
            sid = _val(style.find(_w("basedOn")))

    def prop(self, sid: str | None, container: str, tag: str) -> _Element | None:
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


@dataclass(frozen=True)
class _RunProps:
    hidden: bool
    white: bool
    bold: bool
    caps: bool
    size: float | None


class _StyledReader:
    """What one reading of a package holds, and run properties resolved through the styles."""

    path: Path
    options: ReadOptions
    doc: Document
    package: Any
    main: Any
    main_name: str
    styles: _Styles
    even_odd: bool
    page_background: str | None
    open_comments: list[str]
    comment_blocks: dict[str, list[int]]
    backgrounds: list[str | None]
    page: int | None
    page_mode: str | None  # "rendered" | "explicit" | None
    text_seen: dict[tuple[BlockKind, str], int]
    #: run properties resolved through the styles, per (character style, paragraph style)
    _style_props: dict[tuple[str | None, str | None], dict[str, _Element | None]]
    #: the whole properties of a run with no rPr of its own, per paragraph style
    _plain_props: dict[str | None, _RunProps]

    def _run_props(self, r: _Element, sid: str | None) -> _RunProps:
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
        own: dict[Any, _Element] = {}
        for child in rpr:
            own.setdefault(child.tag, child)  # the first of a tag, as find() gives
        inherited = self._inherited(_val(own.get(RSTYLE)), sid)

        def get(full: str) -> _Element | None:
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

    def _inherited(self, rstyle: str | None, sid: str | None) -> dict[str, _Element | None]:
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
