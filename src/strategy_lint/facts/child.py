"""The child: age, date of birth, and whether they can speak for themselves."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..extract.voice import _AGE_WORDS, NONVERBAL_AGE_MONTHS, nonverbal_evidence
from ..lexicon import strip_numbering, two_languages
from .model import Child
from .text import is_guidance, labelled_lines

if TYPE_CHECKING:  # pragma: no cover
    from . import Facts

__all__ = ["read_child"]


def read_child(facts: Facts, age_months: int = NONVERBAL_AGE_MONTHS) -> Child:
    meta = facts.document.metadata
    months = meta.child_age_months
    if months is None and meta.child_dob and meta.meeting_date:
        from ..dates import age_in_months

        months = age_in_months(meta.child_dob, meta.meeting_date)
    why = nonverbal_evidence(facts.document, facts.nlp, facts.lexicon, age_months)
    if why is None:
        why = _nonverbal_field(facts)
    return Child(
        name=_child_name(facts),
        age_months=months,
        dob=meta.child_dob,
        age_block=meta.child_age_block,
        preverbal=why is not None,
        preverbal_reason=why or "",
    )


#: Fields that describe the child's needs or voice ("Needs", "Communication", "Ollie's views").
_NEEDS_LABEL = re.compile(
    r"\b(?:needs?|disabilit\w*|communicat\w*|diagnos\w*|send|additional|health|views?|voice|wishes)\b", re.I
)


def _nonverbal_field(facts: Facts) -> str | None:
    """Communication words ("non-verbal", "uses Makaton") in a field about the child's needs
    or views, wherever it sits ("Needs: Autism. Non-verbal." in a details table, "Ollie's
    views: Ollie is non-verbal ..." as an inline label): the sections the age-based reading
    searches do not hold every template's field for it."""
    from ..nlp import mentions

    for label, value, _block in labelled_lines(facts.document):
        if len(label.split()) > 8 or not _NEEDS_LABEL.search(label) or is_guidance(value):
            continue  # "For babies and non-verbal children, record ..." is the form asking
        words = [m.text for m in mentions(facts.nlp, value) if m.label == "NONVERBAL" and not _AGE_WORDS.search(m.text)]
        if words:
            return f"the record says '{words[0]}'"
    return None


#: Who the record is about, however the form calls them ("Child / young person", "YP").
_SUBJECT = (
    r"(?:child(?:ren)?|young\s+(?:person|people)|yp|c/yp|subject(?:\s+child)?|infant|baby|unborn(?:\s+baby)?|patient"
    # a school's log: "Pupil | Lily-Rose CARTER"
    r"|pupil|student|learner)"
)
#: Labels that give the child's name ("Name of child", "Child's name", "Child / young person").
_NAME_LABEL = re.compile(
    r"^(?:(?:full\s+)?name\s+of\s+(?:the\s+)?(?:child|young\s+person|subject)"
    rf"|{_SUBJECT}(?:\s*(?:/|\bor\b|\band\b)\s*{_SUBJECT})*(?:['’]s)?\s*(?:\(ren\))?(?:\s*(?:full\s+)?names?)?"
    # "Child / children discussed", "Young person concerned", "Child 1" of a sibling group
    r"(?:\s+(?:discussed|concerned|considered|in\s+question|under\s+discussion))?(?:\s*\d{1,2})?"
    r"|child(?:ren)?\s+subject\s+of\s+(?:the\s+)?(?:discussion|meeting|strategy)"
    # "B1. Name, date of birth, address": a bare "Name" is anyone's, but the first name
    # asked for together with a date of birth is the child's
    r"|name\s*(?:,|/|and|&)\s*(?:date\s+of\s+birth|dob|d\.o\.b\.?)(?:\s*(?:,|/|and|&)\s*\w+(?:\s+\w+)?)*"
    # "Re: Tia-Rose BARKER, DOB 14/01/2010": the memo line naming whom the record is about
    r"|re|regarding"
    # "Child(ren) – name, DOB"; "1.1 Name used", "Preferred name": the name the record uses
    rf"|{_SUBJECT}\s*[–—-]\s*names?(?:\s*(?:,|/|and|&)\s*(?:date\s+of\s+birth|dob|d\.o\.b\.?))?"
    r"|(?:name\s+used|preferred\s+name|known\s+as))$",
    re.I,
)
#: "(as given)", "(if known)": what a label asks, not what it is
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_FIRST_NAME_LABEL = re.compile(
    r"^(?:child(?:'s)?\s+)?(?:given\s+names?|first\s+names?|forenames?|christian\s+name)$", re.I
)
_NAME = r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*"  # "Lily-Mae", "O'Neill"
# "Amelia-Rose ("Rosie") Kettleborough": a nickname in brackets, quoted or not
_NAME_WORDS = re.compile(rf"^({_NAME}(?:\s+(?:{_NAME}|\([\"“'‘]?{_NAME}[\"”'’]?\))){{0,3}})")


def _child_name(facts: Facts) -> str:
    """The child's name from a 'Name of child' style field, else ""."""
    first = ""
    for label, value, value_block in labelled_lines(facts.document):
        clean = strip_numbering(_PARENTHESES.sub("", label).strip(" :?"))
        halves = two_languages(clean)
        if halves:
            # "Enw'r plentyn / Child's name": whichever half names the field
            clean = next((h for h in halves if _NAME_LABEL.match(h)), clean)
        if _NAME_LABEL.match(clean) and _in_header_row(facts.document, value_block):
            continue  # "Child | Date of birth | Mosaic no.": the next column's title, not a name
        if _NAME_LABEL.match(clean) or _BARE_NAME.match(clean) and _in_child_part(facts.document, value_block):
            m = _NAME_WORDS.match(value.strip())
            if m and not _NOT_A_NAME.match(m.group(1)) and not _a_heading(m.group(1), facts.lexicon):
                return _with_known_as(m.group(1), value)
            # "Re: Outcome of strategy discussion – Noah PEARCE, DOB 02/07/2025": the name
            # comes later in the line, before the date of birth
            for part in re.split(r"\s+[–—-]\s+", value)[1:]:
                named = _NAME_BEFORE_DOB.match(part)
                if named and not _NOT_A_NAME.match(named.group(1)):
                    return named.group(1)
        elif not first and _FIRST_NAME_LABEL.match(clean):
            m = _NAME_WORDS.match(value.strip())
            if m:
                first = m.group(1)
    if first:
        return first
    # a "Name | Address | Date of birth" table: the first row is the child
    doc = facts.document
    for t in doc.tables:
        if not t.cells:
            continue
        header = [doc.blocks[c].text.strip().lower() if c is not None else "" for c in t.cells[0]]
        name_cols = [
            i
            for i, h in enumerate(header)
            if h.startswith("name") or h in ("child", "children", "child's name") or _NAME_LABEL.match(h)
        ]
        if not name_cols or len(t.cells) < 2:
            continue
        col = name_cols[0]
        cell = t.cells[1][col] if col < len(t.cells[1]) else None
        # a PDF cell wraps "Tyler" / "Brennan" onto two lines: one name
        text = " ".join(doc.blocks[cell].text.split()) if cell is not None else ""
        # the date of birth in its own column, or with the name ("Jordan BEATTIE / DOB 09/02/2010")
        if not (any("birth" in h or "dob" in h for h in header) or _DOB_IN_CELL.search(text)):
            continue
        m = _NAME_WORDS.match(text)
        if m and not re.search(r"['’]s$", m.group(1)) and not _NOT_A_NAME.match(m.group(1)):
            return _with_known_as(m.group(1), text)  # not "Shannon's child 1"
    # "Child: Kai WALSH (DOB 17/09/2019) | Strategy discussion held: ..." in the page header
    for block in doc.blocks:
        if not block.is_furniture:
            continue
        for field in re.split(r"\s*\|\s*", block.text):
            label, colon, value = field.partition(":")
            if colon and _NAME_LABEL.match(label.strip(" :?")):
                m = _NAME_WORDS.match(value.strip())
                if m and not _NOT_A_NAME.match(m.group(1)):
                    return m.group(1)
    # "Mia KOWALSKI, DOB 11/04/2012" on a line of its own, or after a title ("Strategy
    # discussion summary: Lily-Ann PRESCOTT, DOB 14/04/2023"): the first person with a date of birth
    from .text import record_lines

    for line in record_lines(facts.document):
        # "1.1 Lewis FARRAND, M, DOB ...": a numbered minute's first paragraph
        text = strip_numbering(line.text)
        about = _ABOUT.search(text)
        m = (
            _NAME_BEFORE_DOB.match(text)
            or _NAME_BEFORE_DOB.match(text.partition(": ")[2])
            # "It concerns Ruby-Mae CASTELL, DOB 22/06/2015 (10), who is looked after ..."
            or (_NAME_BEFORE_DOB.match(text[about.end() :]) if about else None)
        )
        if m and not re.match(
            r"(?i)(?:mum|mother|dad|father|step|brother|sister|grand|aunt|uncle|son|daughter|partner|carer|nan)\b",
            m.group(1),
        ):
            return m.group(1).split()[0]
    return ""


def _in_header_row(document: Any, block: int | None) -> bool:
    """The block is a cell of a table's row of column titles."""
    b = document.blocks[block] if block is not None and 0 <= block < len(document.blocks) else None
    if b is None or b.table is None or b.row is None:
        return False
    t = document.tables[b.table]
    if t.header:
        return b.row == t.header_row
    # a table nothing recognised: a first row of three or more short titles over more rows
    titles = [document.blocks[c].text.strip() for c in t.cells[0] if c is not None] if t.cells else []
    return (
        b.row == 0
        and t.n_rows > 1
        and len(titles) >= 3
        and all(x and len(x.split()) <= 4 and not re.search(r"\d", x) for x in titles)
    )


_KNOWN_AS = re.compile(r"\b(?:known\s+as|called|prefers?\s+to\s+be\s+called|aka)\s+['‘\"“]?([A-Z][a-z'’-]+)")


def _with_known_as(name: str, value: str) -> str:
    """The name with the one the child goes by, as a nickname in brackets ("Bich Ngoc LAM,
    known as Ngoc" -> "Bich Ngoc (Ngoc)"), so the record's "Ngoc said" is the child."""
    m = _KNOWN_AS.search(value)
    return f"{name} ({m.group(1)})" if m and m.group(1) not in name.split()[:1] else name


#: Capitalised words that open an e-mail's subject or a title, never a child's name
#: ("Subject: Strategy discussion outcome – D.L.").
#: A field asking only for a name: whose name the part it sits in says.
_BARE_NAME = re.compile(r"^(?:full\s+)?names?$", re.I)


def _in_child_part(document, block: int) -> bool:
    """The block sits in a part about the child ("2.1 Child | Name | Finn ADAIR")."""
    sec = document.section_of_block(block)
    by_index = {s.index: s for s in document.sections}
    while sec is not None:
        if sec.kind == "child_details":
            return True
        sec = by_index.get(sec.parent) if sec.parent is not None else None
    return False


_DOB_IN_CELL = re.compile(r"\b(?:dob|d\.o\.b\.?|born)\b", re.I)
_NOT_A_NAME = re.compile(
    r"(?i)^(?:strategy|discussion|meeting|outcome|record|minutes|notes|urgent|update|referral|section|"
    r"child|children|young|the|this|multi|joint|initial|review|confidential|official|address|dob|date|name|age|school|setting|gender|ethnicity|nhs"
    # "Young person | All" in a plan for a group: everyone, not a name
    r"|all|both|each|every|everyone|any|none|group|whole"
    # "Name(s) used | Stated DOB (age)": the next column's title
    r"|stated|claimed|given|reported|recorded|preferred|known|unknown|not"
    # a question in the next column's title: "Where were they during the incidents?"
    r"|where|what|who|when|how|why|which)\b"
)


def _a_heading(words: str, lexicon) -> bool:
    """A column header or part title read where the name should be ("Child | Status |
    Address" header cells taken for a label and its value)."""
    return lexicon.column_kind(words) is not None or lexicon.section_kind(words) is not None


#: A sentence saying whom the record is about, the name and date of birth after it.
_ABOUT = re.compile(r"\b(?:concerns|is\s+about|relates\s+to|in\s+respect\s+of|regarding)\s+(?=[A-Z])")
_NAME_BEFORE_DOB = re.compile(
    r"^\s*(?:[-•*]\s*)?(?:(?:child|yp|young\s+person)\s*[:\-–]\s*)?((?-i:[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*(?:\s+[A-Z][A-Za-z'’-]+){0,2}))\s*[,(–-]?\s*"
    # "Dylan Lowe, 15 (DOB 18/10/2010)": an age may come between the name and the date of birth
    r"(?:\d{1,2}\s*(?:yrs?|years?(?:\s+old)?)?\s*[,(]?\s*)?"
    # "Lewis FARRAND, M, DOB 06/08/2011": the child's sex may come first too
    r"(?:(?-i:[MF])|male|female)?\s*[,]?\s*"
    r"(?:dob|d\.o\.b\.?|date\s+of\s+birth|born)\b",
    re.I,
)
