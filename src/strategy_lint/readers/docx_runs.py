"""Paragraphs and runs for the .docx reader: text, tracked changes (counted, never kept),
comment ranges, pictures, text boxes queued for later and legacy check boxes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import Revision
from .docx_styles import _RunProps, _StyledReader
from .docx_xml import (
    A_NS,
    ALT,
    BR,
    CMT_END,
    CMT_REF,
    CMT_START,
    CR,
    DEL,
    DEL_TEXT,
    DRAWING,
    FLD_CHAR,
    INLINE_WRAPPERS,
    INS,
    LRPB,
    M_NS,
    MOVE_FROM,
    MOVE_TO,
    NB_HYPHEN,
    O_NS,
    OBJECT,
    PIC,
    PICT,
    PPR,
    PTAB,
    RPR,
    SDT,
    SDT_CONTENT,
    TAB,
    TXBX,
    V_NS,
    WP,
    R,
    T,
    _choose_branch,
    _is_placeholder,
    _iter_outside_txbx,
    _note_author,
    _on,
    _shading_fill,
    _val,
    _w,
)

if TYPE_CHECKING:  # pragma: no cover
    from lxml.etree import _Element

# --------------------------------------------------------------------------------------
# What one paragraph yields before it becomes (part of) a block
# --------------------------------------------------------------------------------------


@dataclass
class _Para:
    el: _Element
    style_id: str | None
    parts: list[str] = field(default_factory=list)
    length: int = 0
    page: int | None = None
    revisions: list[Revision] = field(default_factory=list)
    hidden: dict[str, int] = field(default_factory=dict)
    images: list[str | None] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    textboxes: list[_Element] = field(default_factory=list)
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


class _ParagraphReader(_StyledReader):
    """Reads one paragraph's runs into a ``_Para``."""

    def _read_paragraph(self, p: _Element, count_pages: bool) -> _Para:
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

    def _inline(self, el: _Element, para: _Para, count_pages: bool) -> None:
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

    def _deleted(self, el: _Element, para: _Para, count_pages: bool, kind: str) -> None:
        """Deleted (or moved-away) text: count it, never keep it."""
        chars = sum(len(t.text or "") for t in el.iter(DEL_TEXT, T))
        if count_pages and self.page_mode == "rendered":
            for _ in el.iter(LRPB):
                self._page_break()
        for ref in el.iter(CMT_REF):
            para.add_comment(ref.get(_w("id")))
        author, date = _note_author(el)
        para.revisions.append(Revision(kind, author, date, chars=chars))

    def _run(self, r: _Element, para: _Para, count_pages: bool) -> None:
        props = self._run_props(r, para.style_id)
        start = para.length
        self._run_content(r, para, props, count_pages)
        rpr = r.find(RPR)
        change = rpr.find(_w("rPrChange")) if rpr is not None else None
        if change is not None:
            author, date = _note_author(change)
            para.revisions.append(Revision("format", author, date, chars=para.length - start))

    def _run_content(self, el: _Element, para: _Para, props: _RunProps, count_pages: bool) -> None:
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

    def _graphic(self, el: _Element, para: _Para) -> None:
        """A drawing or VML shape: record pictures; queue text boxes for after the paragraph."""
        pictures = {f"{{{PIC}}}pic", f"{{{A_NS}}}blip", f"{{{V_NS}}}imagedata"}
        if next(_iter_outside_txbx(el, pictures), None) is not None:
            para.images.append(_graphic_name(el))
        para.textboxes.extend(_iter_outside_txbx(el, {TXBX}))


def _legacy_checkbox(fld_char: _Element) -> str | None:
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


def _graphic_name(el: _Element) -> str | None:
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
