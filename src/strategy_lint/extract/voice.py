"""The child's voice: where a record gives it, whether the child can speak for themselves,
and what was observed of the child's life.

The 2016 audit found a baby's voice and experience "not evident".  These readings let the
SL2xx rules (and plugin authors) ask the same questions whatever the template calls the
section: "Child's voice", "Wishes and feelings", "Lived experience", a form row, or a
paragraph that starts "Child's voice:".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..lexicon import Lexicon, default_lexicon
from ..model import Document, Section

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = [
    "VoiceSection",
    "voice_sections",
    "voice_content",
    "is_nonverbal",
    "nonverbal_evidence",
    "observed_experience",
    "says_too_young",
    "field_values",
    "is_placeholder_text",
    "NONVERBAL_AGE_MONTHS",
]

#: Below this age (in months) a child is treated as pre-verbal.
NONVERBAL_AGE_MONTHS = 24

#: Section kinds whose text can say the child is a baby or non-verbal.
_EVIDENCE_KINDS = ("child_details", "child_voice", "reason", "details")

#: Non-verbal words that are about age ("baby", "6 weeks old"); the rest ("Makaton",
#: "non-verbal") are about communication and hold at any age.
_AGE_WORDS = re.compile(
    r"\b(bab(?:y|ies)|infants?|new[- ]?born|neonat\w*|unborn|pre[- ]?birth|"
    r"(?:months?|weeks?|days?)[- ]old|aged 0)\b",
    re.I,
)

_CHILD_TITLE = re.compile(r"\b(?:child|children|young\s+person|communication|subject|disabilit(?:y|ies))\b", re.I)
_LABEL_LINE = re.compile(r"^\s*([^:\n]{2,60}?)\s*[:\-–]\s*(.*)$", re.S)
_FIELD_LINE = re.compile(r"^\s*([A-Za-z][^:\n]{0,40}):\s+(\S.*)$")
# clause boundaries inside a sentence: a "but" can turn a too-young excuse into an observation
_CLAUSES = re.compile(r"\s*(?:;|,?\s+but\s+|,?\s+however,?\s+|,?\s+although\s+|,?\s+though\s+)\s*", re.I)
_NEGATED_SEEING = re.compile(
    r"\b(?:no|not|never|nor|without|yet\s+to)\b(?:\s+\w+){0,3}\s+(?:observ\w*|seen|visited)\b", re.I
)


@dataclass
class VoiceSection:
    """Where the record gives the child's voice.

    ``section`` is None for an inline paragraph ("Child's voice: ...").  ``block`` is the
    block to point at (the heading, form label or paragraph).  ``content`` is the text
    under the title, without subsection titles or form labels.
    """

    title: str
    content: str
    block: int | None
    blocks: list[int] = field(default_factory=list)
    section: Section | None = None


def _lex(lexicon: Lexicon | None) -> Lexicon:
    return lexicon if lexicon is not None else default_lexicon()


def voice_sections(document: Document, lexicon: Lexicon | None = None) -> list[VoiceSection]:
    """Every place the record gives the child's voice, in reading order.

    Sections of kind ``child_voice`` (nested ones inside another voice section are part of
    it), plus paragraphs elsewhere that open with a voice label ("Child's voice: ...").
    """
    lex = _lex(lexicon)
    found: list[VoiceSection] = []
    covered: set[int] = set()
    voice_idx = {s.index for s in document.sections if s.kind == "child_voice"}
    for sec in document.sections:
        if sec.kind != "child_voice" or _has_voice_ancestor(document, sec, voice_idx):
            continue
        blocks = [b.index for b in document.section_blocks(sec)]
        covered.update(blocks)
        found.append(
            VoiceSection(
                title=sec.title,
                content=voice_content(document, sec),
                block=sec.heading_block if sec.heading_block is not None else (blocks[0] if blocks else None),
                blocks=blocks,
                section=sec,
            )
        )
    headings = {s.heading_block for s in document.sections}  # a set: this runs for every block
    for block in document.body_blocks():
        if block.index in covered or not block.text or block.kind.value == "heading":
            continue
        if block.index in headings:
            continue
        m = _LABEL_LINE.match(block.text)
        if m and lex.section_kind(m.group(1)) == "child_voice" and len(m.group(1).split()) <= 8:
            found.append(VoiceSection(m.group(1).strip(), m.group(2).strip(), block.index, [block.index]))
    found.sort(key=lambda v: v.block if v.block is not None else -1)
    return found


def _has_voice_ancestor(document: Document, sec: Section, voice_idx: set[int]) -> bool:
    by_index = {s.index: s for s in document.sections}
    parent = sec.parent
    while parent is not None:
        if parent in voice_idx:
            return True
        parent = by_index[parent].parent
    return False


def voice_content(document: Document, sec: Section) -> str:
    """The section's own words: values of its fields, without subsection titles or labels.

    A form-style record puts "Seen by | Tom Ellis" in label and value cells, a narrative one
    writes "Seen by: Tom Ellis"; both give the same content here.
    """
    headings = {s.heading_block for s in document.sections if s.heading_block is not None}
    lines: list[str] = []
    for b in document.section_blocks(sec):
        if b.index in headings or not b.text.strip():
            continue
        if b.table is not None and _CHILD_COLUMN.match(b.text):
            continue  # "|  | Child A (Tyler) | Child B (Maisie) |": whose column, not what they said
        lines.append(b.text.strip())
    return "\n".join(lines)


#: A column title naming which child a column is for: "Child A (Tyler)", "Child 2", "Sibling 1 (Ava)".
_CHILD_COLUMN = re.compile(
    r"^\s*(?:child|young\s+person|yp|sibling)\s*(?:[A-Z]|\d{1,2})?\s*(?:\(\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s*\))?\s*$",
    re.I,
)


def field_values(text: str) -> list[str]:
    """Each line of ``text`` with a leading "Label:" removed (so "Seen: TBC" reads as "TBC")."""
    out = []
    for line in text.splitlines():
        m = _FIELD_LINE.match(line)
        out.append(m.group(2).strip() if m else line.strip())
    return [v for v in out if v]


_LEAD_SPLIT = re.compile(r"\s+[-–—]\s+|\s*[:;,(]\s*|(?<=[.!?])\s+")
_DEFERRAL = re.compile(
    r"\b(?:to\s+be\s+(?:added|completed|confirmed|updated|provided|recorded|gathered|obtained|written|agreed|seen)"
    r"|will\s+be\s+(?:added|completed|updated|recorded|provided|seen|gathered|obtained|captured)|to\s+follow|in\s+due\s+course|later"
    # a plan to see the child instead of what the child said: "SW to see Alfie at school"
    r"|[\w.]+\s+to\s+(?:see|visit|speak\s+(?:to|with)|meet|talk\s+(?:to|with)|gain|obtain|gather|ascertain)"
    r"|will\s+(?:see|visit|speak\s+(?:to|with)|meet|talk\s+(?:to|with))"
    # nobody has asked yet: "TBC – not yet spoken to", "N/A, not seen yet"
    r"|not\s+(?:yet\s+)?(?:been\s+)?(?:seen|spoken\s+(?:to|with)|visited|asked|met|done|completed|held|happened)(?:\s+yet)?"
    r"|yet\s+to\s+(?:be\s+)?(?:see|seen|speak|spoken|done|completed|held)"
    # "TBC – RHI outstanding / D currently missing": the interview that would say it is not done
    r"|outstanding|awaited|pending|not\s+(?:yet\s+)?available|unavailable)\b",
    re.I,
)


#: A plan to see the child, which says nothing yet of what the child said.
_PLAN_TO_SEE = re.compile(
    r"^[\w.]+(?:\s+(?:and|\+|&)\s+[\w.]+)?\s+(?:to|will)\s+(?:see|visit|speak\s+(?:to|with)|meet|talk\s+(?:to|with))\b",
    re.I,
)


#: A value that only names someone ("Maisie Holt" in a per-child table's Name row) or
#: numbers a sub-table ("Child 1"): it says nothing about the child's voice.
_NAME_ONLY = re.compile(r"^(?:[A-Z][a-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+){1,3}|(?:Child|Young\s+person|Sibling)\s+\d{1,2})$")


def is_placeholder_text(text: str, lexicon: Lexicon | None = None) -> bool:
    """True if ``text`` says nothing: blank, a placeholder ("N/A", "TBC", "see above"), a
    placeholder followed only by a deferral ("TBC - to be added by the day team"), or only
    the template's guidance."""
    from ..facts.text import is_guidance
    from ..nlp import is_placeholder

    lex = _lex(lexicon)
    # the template's guidance left in the box ("What has the child said?") is not an answer
    # nor is the next part's title that a PDF's layout left inside it ("Section 8: Analysis")
    kept = [ln for ln in text.splitlines() if not is_guidance(ln) and not _next_title(ln, lex)]
    values = [v for v in field_values("\n".join(kept)) if not is_guidance(v) and not _NAME_ONLY.match(v.strip())]
    if not values or all(is_placeholder(v, lex) for v in values):
        return True
    # a form's sub-fields: "☐ Yes ☐ No" left unticked, "To follow – SW to see Ruby 13/05", "-"
    return all(_empty_value(v, lex) for v in values)


#: "No" ticked as the answer.
_TICKED_NO = re.compile(r"^\s*[☒☑✓✔■⊠]\s*(?:no|n)\b", re.I)


def _next_title(line: str, lex: Lexicon) -> bool:
    """A short line the lexicon knows as another part's title (not a voice one)."""
    line = line.strip()
    if not line or len(line.split()) > 8 or re.search(r"[.!?]$", line):
        return False
    kind = lex.section_kind(line)
    return kind is not None and kind != "child_voice"


def _empty_value(value: str, lex: Lexicon) -> bool:
    from ..facts.text import drop_unticked, has_tick_boxes, is_pointer
    from ..nlp import is_placeholder

    if has_tick_boxes(value):
        value = drop_unticked(value)
        if not has_tick_boxes(value) or not value.strip(" ☐☒"):
            return True  # nothing ticked
        # "Child seen / spoken to | ☐ Yes ☒ No · to be seen by OH 14/02": not seen, only a plan
        rest = _TICKED_NO.sub("", value)
        if rest != value:
            rest = rest.strip(" ·–—-,;:.")
            return not rest or bool(_DEFERRAL.match(rest)) and len(rest.split()) <= 14
        return False
    if is_placeholder(value, lex):
        return True
    if is_pointer(value):
        return True  # "See 1.4": the answer, if any, is in the part it points to
    opening = _DEFERRAL.match(value.strip())
    if opening and len(value.split()) <= 10:
        return True  # "To follow after the s47 visit.", "Not seen by EDT. TBC – day team."
    if opening and _PLAN_TO_SEE.match(value.strip()) and not re.search(r"[.!?]\s+\S", value.strip()):
        return True  # "FL to see Marisol alone with an interpreter at the home visit on 04/06.": one plan, no more
    parts = [p for p in _LEAD_SPLIT.split(value, maxsplit=1) if p and p.strip()]
    if len(parts) == 2 and is_placeholder(parts[0], lex):
        rest = parts[1].strip(" .)")
        return bool(_DEFERRAL.search(rest)) and len(rest.split()) <= 14 or len(rest.split()) <= 3
    return False


# -- is the child pre-verbal or non-verbal? --------------------------------------------------


def nonverbal_evidence(
    document: Document,
    nlp: Language | None = None,
    lexicon: Lexicon | None = None,
    age_months: int = NONVERBAL_AGE_MONTHS,
) -> str | None:
    """Why the child is taken to be a baby or non-verbal, in plain English; None if not.

    The child's age (stated, or date of birth against the meeting date) decides first.
    When the age is known and is over ``age_months``, only communication words
    ("non-verbal", "Makaton", "uses PECS") count, so a teenager's record that mentions
    her baby brother is not a baby's record.
    """
    lex = _lex(lexicon)
    meta = document.metadata
    months = meta.child_age_months
    if months is None and meta.child_dob and meta.meeting_date:
        from ..dates import age_in_months

        months = age_in_months(meta.child_dob, meta.meeting_date)
    if months is not None and months < age_months:
        return f"the child is {_age_words(months)} old"
    words = _nonverbal_words(document, nlp, lex)
    if months is not None:
        words = [w for w in words if not _AGE_WORDS.search(w)]
    if words:
        return f"the record says '{words[0]}'"
    return None


def is_nonverbal(
    document: Document,
    nlp: Language | None = None,
    lexicon: Lexicon | None = None,
    age_months: int = NONVERBAL_AGE_MONTHS,
) -> bool:
    """True if the child is a baby (under ``age_months``) or does not speak for themselves."""
    return nonverbal_evidence(document, nlp, lexicon, age_months) is not None


def _age_words(months: int) -> str:
    if months < 1:
        return "under a month"
    if months < 24:
        return f"{months} month{'s' if months != 1 else ''}"
    return f"{months // 12} years"


def _is_evidence_section(sec: Section) -> bool:
    """Sections that describe the child: by kind, or an unclassified title such as "Child",
    "Young person" or "Communication needs" (templates differ)."""
    if sec.kind in _EVIDENCE_KINDS:
        return True
    return sec.kind is None and bool(_CHILD_TITLE.search(sec.title))


def _nonverbal_words(document: Document, nlp: Language | None, lex: Lexicon) -> list[str]:
    from ..facts.text import is_guidance

    # each block whole (a PDF cell wraps over lines), without the form's own guidance:
    # "(Baby / non-verbal child: record what has been observed.)" asks, it does not say
    texts = [
        " ".join(b.text.split())
        for s in document.sections
        if _is_evidence_section(s)
        for b in document.section_blocks(s)
    ]
    texts += [ln for v in voice_sections(document, lex) if v.section is None for ln in v.content.splitlines()]
    text = "\n".join(t for t in texts if t and not is_guidance(t))
    if not text:
        return []
    if nlp is not None:
        from ..nlp import mentions

        return [
            m.text
            for m in mentions(nlp, text)
            if m.label == "NONVERBAL" and not _GENERIC_CHILD.search(text[max(0, m.start - 40) : m.start])
        ]
    return _phrases_in(text, lex.phrase_list("nonverbal"))


#: A template's guidance about any child, not this one: "(for a baby or a child who does
#: not use words, what has been seen)", "if the child is non-verbal".
_GENERIC_CHILD = re.compile(
    r"\b(?:a|any)\s+(?:baby\s+or\s+(?:a\s+)?)?(?:child|young\s+person|baby)\s+who\s+$|\bif\s+(?:the\s+)?(?:child|young\s+person)\s+(?:is\s+)?$"
    # "For babies and children who do not use words, describe what was observed"
    r"|(?:^|[.:;(]\s*)for\s+(?:a\s+|any\s+)?$",
    re.I,
)


# -- what was observed -----------------------------------------------------------------------


def observed_experience(text: str, nlp: Language | None = None, lexicon: Lexicon | None = None) -> list[str]:
    """The observation phrases in ``text`` ("alert", "eye contact", "settled", "seen at home").

    Clauses that only pass on a parent's view ("Mum says he is happy"), that say the child
    is too young, or that say the child was not seen are discounted: they are not what a
    professional observed.
    """
    lex = _lex(lexicon)
    found: list[str] = []
    for clause in _clauses(text, nlp):
        if not clause:
            continue
        if nlp is not None:
            from ..nlp import mentions

            ms = mentions(nlp, clause)
            labels = {m.label for m in ms}
            observed = [m.text for m in ms if m.label == "OBSERVATION"]
        else:
            labels = set()
            if _phrases_in(clause, lex.phrase_list("parent_view")):
                labels.add("PARENT_VIEW")
            if _phrases_in(clause, lex.phrase_list("too_young")):
                labels.add("TOO_YOUNG")
            observed = _phrases_in(clause, lex.phrase_list("observation"))
        if labels & {"PARENT_VIEW", "TOO_YOUNG"}:
            continue
        if _NEGATED_SEEING.search(clause) or _phrases_in(clause, lex.phrase_list("not_seen")):
            continue
        found.extend(observed)
    return found


def says_too_young(text: str, nlp: Language | None = None, lexicon: Lexicon | None = None) -> str | None:
    """The "too young" / "unable to express views" wording in ``text``, if any."""
    lex = _lex(lexicon)
    if nlp is not None:
        from ..nlp import mentions

        hits = [m.text for m in mentions(nlp, text) if m.label == "TOO_YOUNG"]
    else:
        hits = _phrases_in(text, lex.phrase_list("too_young"))
    return hits[0] if hits else None


def _clauses(text: str, nlp: Language | None) -> list[str]:
    if nlp is not None:
        from ..nlp import sentences

        sents = [s for line in text.splitlines() for s in sentences(nlp, line)]
    else:
        sents = [s for line in text.splitlines() for s in re.split(r"(?<=[.!?])\s+", line)]
    return [c.strip() for s in sents for c in _CLAUSES.split(s) if c and c.strip()]


def _phrases_in(text: str, phrases: list[str]) -> list[str]:
    """Phrases found in ``text`` as whole words (capitalised abbreviations case-sensitively)."""
    hits: list[tuple[int, str]] = []
    norm = text.replace("’", "'")
    for p in phrases:
        flags = 0 if (len(p) > 1 and p.isupper()) else re.I
        m = re.search(rf"(?<![\w]){re.escape(p)}(?![\w])", norm, flags)
        if m:
            hits.append((m.start(), m.group(0)))
    hits.sort()
    return [h for _, h in hits]
