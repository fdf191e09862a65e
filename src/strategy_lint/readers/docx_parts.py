"""Blocks for the .docx reader, and the parts read as one block each: text boxes, headers,
footers, footnotes and endnotes; then comments and the document's properties."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Block, BlockKind, Comment, HiddenText, Image, Metadata
from .docx_runs import _Para, _ParagraphReader, _summary
from .docx_xml import (
    ALT,
    CUSTOM_XML,
    EP,
    R_NS,
    RT_APP,
    RT_COMMENTS,
    RT_CORE,
    SDT,
    SDT_CONTENT,
    SKIPPED_NOTE_TYPES,
    TBL,
    TC,
    TR,
    P,
    _choose_branch,
    _int,
    _is_placeholder,
    _note_author,
    _on,
    _part_element,
    _related,
    _unwrap,
    _w,
)

if TYPE_CHECKING:  # pragma: no cover
    from lxml.etree import _Element


class _PartsReader(_ParagraphReader):
    """Emits blocks; reads text boxes, headers, footers, notes and comments flat."""

    # -- emitting blocks --------------------------------------------------------------

    def _add(self, kind: BlockKind, text: str, el: _Element, part: str, **kw: Any) -> Block:
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

    # -- text boxes, headers, footers, notes: one block each -------------------------

    def _read_flat(self, el: _Element) -> list[_Para]:
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
        self, kind: BlockKind, el: _Element, part: str, page: int | None, dedupe: bool = False
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

    def _textbox(self, box: _Element, part: str, page: int | None) -> None:
        self._flat_block(BlockKind.TEXT_BOX, box, part, page)

    def _furniture(self, sect_prs: list[_Element], which: str) -> None:
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
