"""Text helpers every reading shares: the record as labelled lines, tick boxes, negation.

A record says "Requested by: DC Shaw" as a form row, an inline label, a heading with a
paragraph under it, or a table column; :func:`labelled_lines` gives all of them the same
shape, (label, value, block), so a reading asks one question whatever the layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lexicon import strip_numbering
from ..model import Document

if TYPE_CHECKING:  # pragma: no cover
    pass

__all__ = [
    "Line",
    "record_lines",
    "prose_lines",
    "labelled_lines",
    "ticked",
    "unticked",
    "has_tick_boxes",
    "strip_ticks",
    "negated_before",
    "is_guidance",
    "is_pointer",
    "TICKED",
    "UNTICKED",
]

#: Tick-box glyphs as readers give them (Word checkbox controls and legacy form fields
#: are read as these glyphs); "[x]" and "[ ]" as people type them.
TICKED = "☒☑✓✔■⊠"
UNTICKED = "☐□▢"
_BOX = re.compile(r"\[\s*[xX✓✔]\s*\]|\[\s\]|\(\s*[xX]\s*\)|[☒☑✓✔■⊠☐□▢]")
_BOX_AT_END = re.compile(r"(" + _BOX.pattern + r")[ \t]*\n[ \t]*")
_NEGATION = re.compile(
    r"\b(?:no|not|never|neither|nor|without|nobody|none|whether|if|unless)\b|n't\b|\bno\s+one\b", re.I
)
#: "Requested by: DS Marr ...", also in a numbered minute ("1.6 Requested by: DS Marr ...");
#: a numbered question ("5. Who took part? (name, role, agency)") is a cell's title, not a label
_LABEL = re.compile(
    r"^\s*(?P<number>\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+)?(?P<label>[A-Za-z][^:\n]{0,70}?)\s*(?(number):|[:?])\s+(?P<value>\S.*)$"
)

#: Where a line's next field starts: a wide gap (three spaces or a tab) before a "Label:",
#: or, where a reader collapsed the gap, a date, time or initials label ("… Fairbank OIC:
#: DC Ingham Date: 04/06/2025"), which cannot be the end of the value before it.
_FIELD_GAP = re.compile(r"(?:\s{3,}|\t+)(?=[A-Z][\w/'’ -]{0,30}:\s)|(?<=\S)\s+(?=(?:Date|Time|Signed|[A-Z]{2,5}):\s)")


@dataclass(frozen=True)
class Line:
    """One line of the record with the label it sits under (a form label, a table
    header, a heading, or the ``Label:`` it starts with)."""

    text: str
    block: int
    label: str = ""
    #: the line is a value given after a label ("Label: value" or a label cell)
    labelled: bool = False


def record_lines(document: Document) -> Iterator[Line]:
    """Every line of the body (no page furniture), in reading order, with its context label."""
    heading_blocks = {s.heading_block: s for s in document.sections if s.heading_block is not None}
    for b in document.blocks:
        if b.is_furniture or not b.text or b.index in heading_blocks:
            continue  # a title is not content (labelled_lines gives titles with their values)
        label = _context_label(document, b.index)
        # a box at the end of a line ticks the words on the next (a PDF cell's wrapping:
        # "☐ Referral received by EDT ☐\nStrategy discussion held and chaired by EDT")
        for raw in _BOX_AT_END.sub(r"\1 ", b.text).split("\n"):
            text = drop_unticked(raw.strip())
            if text:
                yield Line(text, b.index, label, labelled=bool(label))


#: A line that opens with its own label starts a new field of a box, not the wrapped end of
#: the line before ("… YOS if known" / "Outcome shared with all agencies by (who / date): GH …").
_OWN_LABEL = re.compile(r"^[A-Z][^:.!?]{0,60}:\s+\S")


def prose_lines(document: Document) -> list[Line]:
    """:func:`record_lines` with the wrapped lines of a cell or paragraph joined back into
    the sentences they belong to (a PDF table cell keeps its visual line breaks), so
    sentence searches see "The strategy meeting was requested in pathway ..." whole."""
    out: list[Line] = []
    for line in record_lines(document):
        if (
            out
            and line.block == out[-1].block
            and not re.search(r"[.!?:;]\s*$", out[-1].text)
            and not _OWN_LABEL.match(line.text)
        ):
            out[-1] = Line(f"{out[-1].text} {line.text}", line.block, line.label, line.labelled)
            continue
        out.append(line)
    return out


def _context_label(document: Document, index: int) -> str:
    """The label a block's text answers: its form-label cell or table column header."""
    b = document.blocks[index]
    if b.table is None or b.row is None or b.column is None:
        return ""
    t = document.tables[b.table]
    if t.header and t.records and b.row > t.header_row and b.column < len(t.header):
        return t.header[b.column]
    row = list(dict.fromkeys(c for c in t.cells[b.row] if c is not None))
    if index in row and row.index(index) > 0:
        pos = row.index(index)
        # "Label | value" -- and "Label | value | Label | value": the cell before labels it
        label = row[pos - 1] if len(row) >= 4 and len(row) % 2 == 0 and pos % 2 == 1 else row[0]
        if label != index:
            return " ".join(document.blocks[label].text.split())
    return ""


def labelled_lines(document: Document) -> Iterator[tuple[str, str, int]]:
    """(label, value, block) for every labelled value in the record, whatever the layout:
    form rows, table columns, "Label: value" lines, and a heading's first line of content."""
    seen: set[tuple[int, str]] = set()
    for line in record_lines(document):
        if line.label:
            key = (line.block, line.label)
            if key not in seen:
                seen.add(key)
                value = "\n".join(ln.strip() for ln in document.blocks[line.block].text.split("\n") if ln.strip())
                yield line.label, value, line.block
            continue
        for part in _FIELD_GAP.split(line.text):
            # "Chair: Louise Fairbank     OIC: DC Ingham     Date: 04/06/2025": a row of
            # fields set apart by wide gaps, each its own label and value
            m = _LABEL.match(part)
            if m:
                yield m["label"].strip(), m["value"].strip(), line.block
    for sec in document.sections:
        if sec.origin == "form-label" or sec.heading_block is None:
            continue
        content = [document.blocks[i] for i in sec.blocks if document.blocks[i].text.strip()]
        if content:
            first = content[0]
            yield sec.title, first.text.strip(), first.index
        else:
            yield sec.title, "", sec.heading_block


def has_tick_boxes(text: str) -> bool:
    return bool(_BOX.search(text or ""))


def _is_ticked(box: str) -> bool:
    return box[0] in TICKED or (box.startswith(("[", "(")) and bool(re.search(r"[xX✓✔]", box)))


def _options(text: str) -> list[tuple[bool, str]]:
    """(ticked, option text) for each tick box, reading the option on the side the
    record writes it ("☒ Yes ☐ No" or "Yes ☒ No ☐")."""
    boxes = list(_BOX.finditer(text))
    if not boxes:
        return []
    before = text[: boxes[0].start()].strip()
    after_last = text[boxes[-1].end() :].strip()
    # option after its box, unless the text ends with a box and starts with words
    box_first = not (before and not after_last)
    out = []
    for i, m in enumerate(boxes):
        if box_first:
            end = boxes[i + 1].start() if i + 1 < len(boxes) else len(text)
            option = text[m.end() : end]
        else:
            start = boxes[i - 1].end() if i else 0
            option = text[start : m.start()]
            if i == 0 and ":" in option:
                option = option.rsplit(":", 1)[1]
        out.append((_is_ticked(m.group(0)), " ".join(option.strip(" ,;/|").split())))
    return out


def ticked(text: str) -> list[str]:
    """The options ticked in ``text`` ("☒ s47 joint ☐ CIN" -> ["s47 joint"])."""
    return [o for t, o in _options(text or "") if t and o]


def unticked(text: str) -> list[str]:
    return [o for t, o in _options(text or "") if not t and o]


def strip_ticks(text: str) -> str:
    """``text`` with unticked options removed and tick glyphs dropped, so it reads as what
    the author chose ("Outcome: ☐ NFA ☒ s47" -> "Outcome: s47")."""
    if not has_tick_boxes(text):
        return text
    chosen = ticked(text)
    head = text[: _BOX.search(text).start()].strip()  # type: ignore[union-attr]
    return " ".join(p for p in (head, "; ".join(chosen)) if p)


def drop_unticked(text: str) -> str:
    """``text`` without the options left unticked: "Review strategy: ☐ cancelled ☒ held"
    says the review was held, and "☐ Request for a strategy discussion" requests nothing."""
    if not text or not _BOX.search(text):
        return text
    options = _options(text)
    if not options or all(t for t, _ in options):
        return text
    boxes = list(_BOX.finditer(text))
    before = text[: boxes[0].start()].strip()
    after_last = text[boxes[-1].end() :].strip()
    box_first = not (before and not after_last)
    keep = [f"☒ {o}" if box_first else f"{o} ☒" for t, o in options if t and o]
    head = before if box_first else ""
    if not box_first and ":" in text[: boxes[0].start()]:
        head = text[: boxes[0].start()].rsplit(":", 1)[0] + ":"
    return " ".join(p for p in (head, " ".join(keep)) if p).strip()


def negated_before(text: str, start: int, window: int = 40) -> bool:
    """True if a negation ("not", "no", "never", "whether") comes shortly before ``start``."""
    return bool(_NEGATION.search(text[max(0, start - window) : start]))


#: A pointer to another part, saying nothing itself: "See 1.4", "see section 5", "See Part 6".
_POINTER = re.compile(
    r"^(?:see|refer\s+to|as\s+(?:per|in))\s+(?:section\s+|part\s+|para(?:graph)?\s+|box\s+|question\s+|q)?"
    r"\d+(?:\.\d+)*[a-z]?\.?(?:\s+above|\s+below)?\.?$",
    re.I,
)


def is_pointer(text: str) -> bool:
    """True if ``text`` only points to another part ("See Part 6"): the answer, if there is
    one, is in the part it points to, which is read in its turn."""
    return bool(_POINTER.match(text.strip()))


def another_field(text: str, lexicon) -> bool:
    """The "value" read for an empty field is the next field or question: "Chair: S. Mayhew",
    "Date and time of request:", "Q3. Who lives in the household?" say nothing about who asked."""
    first = text.splitlines()[0].strip()
    if first.endswith((":", "?")):
        return True
    m = re.match(r"^([^:]{1,50}(?<!\d)):\s+\S", first)  # not the colon of a time ("11:50")
    if m is None:
        return False
    return bool(_FIELD_LABEL.match(m.group(1))) or lexicon.section_kind(m.group(1)) is not None


#: Form labels that are never who asked for the discussion.
_FIELD_LABEL = re.compile(
    r"^\s*(?:chair(?:ed\s+by|person)?|date|time|venue|format|location|minutes?(?:\s+taken\s+by)?|"
    r"minute\s+taker|recorded\s+by|completed\s+by|address|dob|date\s+of\s+birth|name|age|case\s+(?:number|no)|"
    r"(?:team\s+)?manager(?:'s)?\s+(?:authori[sz]ation|oversight|sign-?off|signature)|manager\s+oversight|"
    r"(?:chair(?:'s)?\s+)?signature|signed(?:\s+off)?(?:\s+by)?|authori[sz]ed\s+by)\b",
    re.I,
)


#: A template's instruction to whoever fills it in: "Guidance: ...", "Record what the child
#: has said", "For a baby ..., describe what has been observed", "What has the child said,
#: and to whom?", "(the child's own words)".
_GUIDANCE_LEAD = re.compile(
    r"^\s*[(\[]?\s*(?:guidance(?:\s+notes?)?|prompts?|help\s*text|instructions?|note\s+to\s+\w+)\s*[:\-–—)]", re.I
)
_CONDITION = r"(?:(?:please|(?:if|for|where|when)\b[^,.?]{0,80}?,?)\s+)?"
_QUESTION = re.compile(
    r"^"
    + _CONDITION
    + r"(?:what|how|who|whom|where|when|why|which|has|have|is|are|does|do|did|was|were|can|could|will|would|should)\b.*\?$",
    re.I,
)
_INSTRUCTION = re.compile(
    r"^"
    + _CONDITION
    + r"(?:record|describe|include|consider|give|state|list|summari[sz]e|set\s+out|explain|detail|outline|capture|"
    r"enter|insert|use|complete|write|add|note|specify|identify|provide|ensure|remember|"
    r"speak|talk|ask|seek|obtain|gather|check|think|try|make\s+sure|tick|delete|say)\b",
    re.I,
)
#: guidance speaks of any child, or of the child in the abstract
_ANY_CHILD = re.compile(
    r"\b(?:the|a|any|each|every)\s+(?:child(?:ren)?|young\s+(?:person|people)|baby|babies|infant)(?:'s|’s)?\b"
    r"|\b(?:babies|children|young\s+people|they|their|them|you|your)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z(])")
#: A prompt written as a phrase about the child in the abstract, with no name and no verb.
_NOUN_PROMPT = re.compile(r"^(?:their|the\s+(?:child|young\s+person)['’]s)\s+[a-z ,/&'’-]+\.?$", re.I)


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (a stop and a capital or bracket after it), stripped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def is_guidance(text: str) -> bool:
    """True if ``text`` is a template's guidance left in the record, not what anyone wrote
    about this child: every sentence is a question or an instruction about a child in the
    abstract ("What has the child said? For a baby, describe what has been observed.").
    A sentence that names or reports ("Lily said she was scared") makes it content."""
    line = strip_numbering(" ".join(text.split()))
    if not line:
        return False
    if _GUIDANCE_LEAD.match(line):
        return True
    inner = line.strip("()[] ")
    if line.startswith("(") and line.endswith(")") and _ANY_CHILD.search(inner):
        return True  # "(the child's own words)"
    parts = sentences(inner)
    if not parts:
        return False
    for sentence in parts:
        sentence = sentence.strip("()[] ")
        if _QUESTION.match(sentence):
            continue
        if _INSTRUCTION.match(sentence) and _ANY_CHILD.search(sentence):
            continue
        if _NOUN_PROMPT.match(sentence) and len(sentence.split()) <= 8:
            continue  # "Their views, wishes and feelings.": what the box is for, in a phrase
        head, colon, rest = sentence.partition(":")
        if colon and len(head.split()) <= 6 and _INSTRUCTION.match(rest.strip()):
            continue  # "(Baby / non-verbal child: record what has been observed.)"
        return False
    return True
