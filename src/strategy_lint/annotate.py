"""``--annotate DIR``: a copy of each checked .docx with a Word comment at each finding.

The author opens the copy in Word and sees every problem in the margin, next to the text
it is about.  The original is only ever read.  Comments are added with python-docx's
comments API (python-docx >= 1.2); the finding's block is found again through its
``Block.source`` handle (``/word/document.xml#<XPath>`` from the docx reader).  Findings
with no block, or whose block cannot carry a comment (headers, footers, footnotes, text
boxes), are gathered in one comment on the first body paragraph.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .display import shown
from .findings import Finding
from .output import write_new

if TYPE_CHECKING:  # pragma: no cover
    from .engine import FileResult
    from .model import Document

AUTHOR = "strategy-lint"
INITIALS = "SL"
MAIN_PART = "/word/document.xml"


class AnnotateError(Exception):
    """A copy could not be written: reported in one line, the run goes on."""


def comment_text(f: Finding, *, where: bool = False) -> str:
    text = f"{f.code} {f.name}: {f.message}"
    if where:
        text += f" (where: {f.location.describe()})"
    if f.fix:
        text += f" How to fix: {f.fix}"
    return text


def annotate_results(results: Iterable[FileResult], folder: Path) -> Iterator[str]:
    """Write annotated copies into ``folder`` from results that hold their document (in
    process); yield one-line notes for the user.  The CLI makes copies in its supervised
    workers instead and writes them with :func:`write_copies`."""

    def copies() -> Iterator[tuple[str, bytes | None, str | None]]:
        for r in results:
            if r.status != "ok" or r.document is None:
                continue
            if r.document.format != "docx":
                yield r.path, None, "only .docx copies can carry Word comments"
                continue
            try:
                yield r.path, annotate_docx(Path(r.path), r.document, r.findings), None
            except AnnotateError as exc:
                yield r.path, None, str(exc)

    for note, _failed in write_copies(copies(), folder):
        yield note


def write_copies(copies: Iterable[tuple[str, bytes | None, str | None]], folder: Path) -> Iterator[tuple[str, bool]]:
    """Write each (record path, copy, why-no-copy) into ``folder``, never replacing a file.

    Yields (note, whether it is a failure to write).  A copy is never written into its
    record's own folder, and a name already taken (a record of the same name from another
    folder, or any existing file) gets " (2)", " (3)".  A copy that cannot be written is
    one note; the others are still written.
    """
    used: set[str] = set()
    written = 0
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        yield (
            f"{shown(folder)}: no annotated copies written (the folder could not be made: {exc.strerror or type(exc).__name__})",
            True,
        )
        return
    for record, data, note in copies:
        if data is None:
            if note:
                yield f"{shown(record)}: not annotated ({note})", False
            continue
        source = Path(record)
        if folder.resolve() == source.parent.resolve():
            yield f"{shown(record)}: not annotated (--annotate must be a different folder from the record's)", False
            continue
        try:
            _write_unique(folder, source.name, data, used)
        except OSError as exc:
            yield (
                f"{shown(record)}: not annotated (the copy could not be written: {exc.strerror or type(exc).__name__})",
                True,
            )
            continue
        written += 1
    if written:
        yield f"wrote {written} annotated cop{'y' if written == 1 else 'ies'} to {shown(folder)}", False


def _write_unique(folder: Path, name: str, data: bytes, used: set[str]) -> Path:
    while True:
        target = folder / _unique(name, used)
        try:
            write_new(target, data)
            return target
        except FileExistsError:
            continue  # taken on disk: the next " (n)" name


def _unique(name: str, used: set[str]) -> str:
    """Two records with the same name from different folders must not overwrite each other."""
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = name, 1
    while candidate.lower() in used:
        n += 1
        candidate = f"{stem} ({n}){suffix}"
    used.add(candidate.lower())
    return candidate


def annotate_docx(path: Path, document: Document, findings: list[Finding]) -> bytes:
    """The bytes of a copy of ``path`` with one comment per finding."""
    from .readers.docx import NSMAP, _register_main_types

    _register_main_types()
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise AnnotateError("python-docx is not installed") from exc
    try:
        word = docx.Document(str(path))
    except Exception as exc:  # python-docx refused what the reader accepted
        raise AnnotateError(f"python-docx could not open it: {type(exc).__name__}") from None
    if not hasattr(word, "add_comment"):  # pragma: no cover - python-docx < 1.2
        raise AnnotateError("python-docx 1.2 or later is needed to add comments")

    # Resolve every anchor before changing the XML: the handles are positional XPaths.
    anchors = [(f, _element(word, document, f, NSMAP)) for f in findings]
    general: list[Finding] = []
    for f, element in anchors:
        runs = _runs(word, element) if element is not None else None
        if runs is None:
            general.append(f)
            continue
        word.add_comment(runs, text=comment_text(f), author=AUTHOR, initials=INITIALS)
    if general:
        first = _first_paragraph(word)
        if first is None:
            raise AnnotateError("the document has no paragraph to attach a comment to")
        text = "\n".join(comment_text(f, where=True) for f in general)
        runs = _runs(word, first)
        assert runs is not None  # a paragraph always has runs: _runs adds one to an empty one
        word.add_comment(runs, text=text, author=AUTHOR, initials=INITIALS)
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()


def _element(word: Any, document: Document, f: Finding, nsmap: dict[str, str]) -> Any | None:
    """The w:p or w:tc a finding points at, or None if it cannot carry a comment."""
    index = f.location.block
    if index is None or not 0 <= index < len(document.blocks):
        return None
    source = document.blocks[index].source or ""
    part, _, xpath = source.partition("#")
    if part != MAIN_PART or not xpath:
        return None
    from lxml import etree

    try:
        found = etree.XPath(xpath, namespaces=nsmap)(word.element)
    except Exception:  # a malformed handle: fall back to the general comment
        return None
    if len(found) != 1:
        return None
    el = found[0]
    if el.tag not in (_w("p"), _w("tc")) or etree.XPath("ancestor::w:txbxContent", namespaces=nsmap)(el):
        return None
    return el


def _runs(word: Any, el: Any) -> list[Any] | None:
    """First and last run of a paragraph or cell (adding an empty run if it has none)."""
    from docx.text.paragraph import Paragraph

    paragraphs = [el] if el.tag == _w("p") else el.findall(_w("p"))
    if not paragraphs:
        return None
    with_runs = [Paragraph(p, word._body) for p in paragraphs if p.findall(_w("r"))]
    if not with_runs:
        return [Paragraph(paragraphs[0], word._body).add_run("")]
    return [with_runs[0].runs[0], with_runs[-1].runs[-1]]


def _first_paragraph(word: Any) -> Any | None:
    found = word.element.body.xpath("(.//w:p[not(ancestor::w:txbxContent)])[1]")
    return found[0] if found else None


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag
