"""Page layout for the PDF reader: positioned words grouped into lines (with their font size,
weight and list marker), and the lines repeated in the margins that are page furniture."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model import BlockKind

LINE_TOLERANCE = 3.0  # pt: words whose tops differ by less than this share a line
PARAGRAPH_PITCH = 1.5  # lines further apart than this many line heights start a new paragraph
HEADING_RATIO = 1.15  # a line this much larger than body text is a heading
MAX_HEADING_WORDS = 12
MARGIN_FRACTION = 0.10  # top/bottom 10% of the page is where headers and footers live
MIN_IMAGE_PT = 20.0

BULLET_GLYPHS = frozenset("•◦▪-–*●○■□►▸‣⁃✓✔➢→\uf0b7\uf0a7\uf076\uf0d8\uf0fc")
#: a dash at the start of a wrapped line is often just punctuation: it only starts a list
#: item when the line could not continue the paragraph above
WEAK_MARKERS = frozenset("-–*")
GLUED_GLYPHS = frozenset("•◦▪●○■►▸‣\uf0b7\uf0a7")
_CID = re.compile(r"^\(cid:\d+\)$")  # a glyph with no Unicode mapping: Symbol-font bullets
_NUMBERED = re.compile(r"^(?:\d{1,3}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\))$")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?#+(?:\s*(?:of|/)\s*#+)?$", re.IGNORECASE)


@dataclass
class Line:
    """Words sharing a baseline: the unit headers, footers and paragraphs are built from."""

    words: list[dict[str, Any]]
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    marker: str | None = None  # bullet glyph or list number that starts the line
    kind: BlockKind | None = None  # HEADER/FOOTER once furniture is found

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    @property
    def body_words(self) -> list[dict[str, Any]]:
        """Words without the list marker (its glyph is often in another font and size)."""
        return self.words[1:] if self.marker else self.words


@dataclass
class CellText:
    row: int
    column: int
    text: str
    bbox: tuple[float, float, float, float]
    size: float | None
    bold: bool
    #: tables drawn inside this cell (a form's "Who took part" answer as a table of its own)
    nested: list[PageTable] = field(default_factory=list)


@dataclass
class PageTable:
    bbox: tuple[float, float, float, float]
    shape: list[list[bool]]  # True where pdfplumber reports a cell, False for merged-away
    cells: list[CellText]


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)
    images: int = 0


def _is_bold(fontname: str) -> bool:
    lower = fontname.lower()
    return any(k in lower for k in ("bold", "black", "heavy")) or ",B" in fontname


def _style(words: list[dict[str, Any]]) -> tuple[float | None, bool]:
    """Dominant font size by character count, and whether every word is bold."""
    if not words:
        return None, False
    sizes: Counter[float] = Counter()
    for w in words:
        sizes[round(float(w["size"]) * 2) / 2] += len(w["text"])
    size = sizes.most_common(1)[0][0]
    return size, all(_is_bold(str(w.get("fontname", ""))) for w in words)


def _is_marker(text: str) -> bool:
    return (len(text) == 1 and text in BULLET_GLYPHS) or bool(_CID.match(text))


def _lines(words: list[dict[str, Any]]) -> list[Line]:
    """Group words into lines by their top, then order each line left to right."""
    groups: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if groups and abs(w["top"] - groups[-1][0]["top"]) <= LINE_TOLERANCE:
            groups[-1].append(w)
        else:
            groups.append([w])
    return [_make_line(sorted(g, key=lambda w: w["x0"])) for g in groups]


def _make_line(words: list[dict[str, Any]]) -> Line:
    first = words[0]["text"]
    font = str(words[0].get("fontname", "")).lower()
    marker = None
    if len(words) > 1 and (
        _is_marker(first)
        or _NUMBERED.match(first)
        or (first == "o" and "courier" in font)  # Word's second-level bullet
        or (first == "§" and "wingdings" in font)  # Word's third-level bullet
    ):
        marker = first
    elif len(first) > 1 and first[0] in GLUED_GLYPHS:
        # a glyph glued to the first word ("•Ava"): split it off as the marker
        marker = first[0]
        words = [dict(words[0], text=marker), dict(words[0], text=first[1:])] + words[1:]
    body = words[1:] if marker else words
    size, bold = _style(body)
    return Line(
        words=words,
        x0=min(w["x0"] for w in words),
        top=min(w["top"] for w in words),
        x1=max(w["x1"] for w in words),
        bottom=max(w["bottom"] for w in words),
        size=size or 0.0,
        bold=bold,
        marker=marker,
    )


# -- page furniture -------------------------------------------------------------------------


def _furniture_key(line: Line) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.split())).strip().lower()


def _mark_furniture(pages: list[PageLayout]) -> None:
    """Lines repeated (digits aside) in the top/bottom margin of most pages are headers/footers."""
    seen: dict[tuple[BlockKind, str], set[int]] = {}
    candidates: list[tuple[Line, BlockKind, str]] = []
    for page in pages:
        for line in page.lines:
            kind = _margin_kind(line, page)
            if kind is None:
                continue
            key = _furniture_key(line)
            candidates.append((line, kind, key))
            seen.setdefault((kind, key), set()).add(page.number)
    n = len(pages)
    for line, kind, key in candidates:
        count = len(seen[(kind, key)])
        if (count >= 2 and count >= 0.5 * n) or _PAGE_NUMBER.match(key):
            line.kind = kind


def _margin_kind(line: Line, page: PageLayout) -> BlockKind | None:
    if line.top < page.height * MARGIN_FRACTION:
        return BlockKind.HEADER
    if line.bottom > page.height * (1 - MARGIN_FRACTION):
        return BlockKind.FOOTER
    return None
