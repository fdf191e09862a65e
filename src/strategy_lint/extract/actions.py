"""The agreed actions: what, who, by when, read the same way whatever the template.

Working Together asks a strategy discussion to record "who will do what and by when";
the 2016 audit asked for a standing action to update every agency.  Actions come from

* data tables with an action column (header "Action | Who | By when", "Task | Responsible |
  Timescale", ...): in sections of kind actions / next_steps / decision, or anywhere when
  the table also has owner and deadline columns;
* list items and paragraphs in sections of kind actions: "Hannah Reed (CSC) to complete
  the s47 enquiry by 21/03/2016", "DC Hale to arrange ABE interview – within 5 working
  days", "Action: ... Who: ... By when: ...".

Pure reading of the document model; no spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import dates
from ..lexicon import Lexicon, default_lexicon, normalise_title
from ..model import BlockKind, Document, Section, Table, TableRecord

__all__ = [
    "Action",
    "actions",
    "owner_is_generic",
    "owner_is_missing",
    "short_quote",
    "meeting_date",
    "GENERIC_OWNERS",
    "ACTION_SECTION_KINDS",
]

#: Section kinds whose tables hold actions even without an owner AND a deadline column.
ACTION_SECTION_KINDS = ("actions", "next_steps", "decision")

#: Owners that name nobody (Leeds SMART planning asks for a named person).
GENERIC_OWNERS = (
    "all",
    "all agencies",
    "all agency",
    "agencies",
    "all professionals",
    "professionals",
    "team",
    "the team",
    "all parties",
    "everyone",
    "all involved",
    "all agencies involved",
    "all professionals involved",
    "multi-agency",
    "multi agency",
    "partners",
    "all partners",
    "partner agencies",
    "all partner agencies",
    "network",
    "professional network",
    "core group",
)


@dataclass
class Action:
    """One agreed action.

    ``owner`` and ``deadline_text`` are "" when the record gives none.  ``deadline`` is
    :func:`strategy_lint.dates.parse_deadline` of ``deadline_text``.  ``block`` is the
    block to point at (the action cell or list item); ``row``/``table`` are set for table
    rows.  ``deadline_block`` is the "By when" cell where there is one.  ``stated`` is
    False when the deadline was inferred from a date somewhere in a free-text action
    rather than given as its deadline (so it is not second-guessed as "before the meeting").
    """

    text: str
    owner: str
    deadline_text: str
    deadline: dates.Deadline
    block: int | None
    row: int | None = None
    table: int | None = None
    deadline_block: int | None = None
    owner_block: int | None = None
    source: str = "table"  # table | list | paragraph | fields (labelled, or "@Owner – task – due")
    stated: bool = True
    blocks: list[int] = field(default_factory=list)


# -- public readings -------------------------------------------------------------------------

#: A meeting date read from these sections is another date (a review, a sign-off), not the
#: date the discussion took place, so deadlines are not checked against it.
_NOT_MEETING_SECTIONS = frozenset({"next_steps", "author", "actions", "decision", "distribution"})


def meeting_date(document: Document):
    """The meeting date to check deadlines against, or None.

    ``metadata.meeting_date`` unless it was read from a section that records other dates
    (next steps, sign-off, actions): comparing deadlines with a review date or the date the
    minutes were agreed would report good deadlines as "before the meeting".
    """
    meta = document.metadata
    if meta.meeting_date is None:
        return None
    if meta.meeting_date_block is not None and 0 <= meta.meeting_date_block < len(document.blocks):
        sec = document.section_of_block(meta.meeting_date_block)
        by_index = {s.index: s for s in document.sections}
        while sec is not None and sec.kind is None and sec.parent is not None:
            sec = by_index[sec.parent]  # a form label inside a section: the section decides
        if sec is not None and sec.kind in _NOT_MEETING_SECTIONS:
            return None
    return meta.meeting_date


def actions(document: Document, lexicon: Lexicon | None = None) -> list[Action]:
    """Every agreed action in the record, in reading order."""
    lex = lexicon if lexicon is not None else default_lexicon()
    meeting = meeting_date(document)
    found: list[Action] = []
    table_sections: set[int] = set()
    for t in document.tables:
        if _is_action_table(document, t):
            found.extend(_table_actions(document, t, meeting, lex))
            if t.section is not None:
                table_sections.add(t.section)
        elif (column := _notes_action_column(document, t, lex)) is not None:
            found.extend(_column_actions(document, t, column, meeting, lex))
    for sec in document.sections:
        if sec.kind != "actions" or _inside_kind(document, sec, "actions"):
            continue
        if sec.index in table_sections or any(d.index in table_sections for d in _descendants(document, sec)):
            # the table is the action list; prose around it is commentary
            found.extend(_text_actions(document, sec, meeting, lex, fields_only=True))
        else:
            # with an action table elsewhere, a prose "tasks" part holds actions only where a
            # line says who will do something or by when ("Police (ZH): call from Mrs Bowen
            # at 22:55 ..." under "Strategy meeting tasks" is information, not a task)
            found.extend(_text_actions(document, sec, meeting, lex, strict=bool(table_sections)))
    if not found:
        # a letter or narrative minutes with no part for the plan: "We agreed the following.
        # Nadia will visit ... by 19 June. PC Lomas will ..."
        found.extend(_lead_in_actions(document, meeting, lex))
    found.sort(key=lambda a: a.block if a.block is not None else -1)
    return found


#: A sentence that opens the plan in running prose: "We agreed the following.", "We agreed
#: these actions:", "The actions agreed were:".
_LEAD_IN = re.compile(
    r"^(?:we\s+agreed\s+(?:the\s+following(?:\s+actions)?|these\s+actions|the\s+following\s+plan)"
    r"|(?:the\s+)?(?:actions?|tasks?)\s+(?:we\s+)?agreed\s+(?:were|are)|agreed\s+actions?)\s*[.:]\s*",
    re.I,
)


def _lead_in_actions(document: Document, meeting, lex: Lexicon) -> list[Action]:
    """Actions in the paragraph a lead-in sentence opens, and in the paragraphs after it that
    go on giving someone something to do; only sentences that say who will act or by when."""
    from ..facts.text import sentences

    paragraphs = [b for b in document.body_blocks() if b.table is None and b.text.strip()]
    first = next((i for i, b in enumerate(paragraphs) if _LEAD_IN.match(b.text.strip())), None)
    if first is None:
        return []
    lead = paragraphs[first]
    parts = [(lead.index, _LEAD_IN.sub("", lead.text.strip(), count=1))]
    for nxt in paragraphs[first + 1 :]:
        if nxt.kind == BlockKind.HEADING or not _owner_of_sentence(sentences(nxt.text.strip())[0]):
            break
        parts.append((nxt.index, nxt.text.strip()))
    out: list[Action] = []
    for block, text in parts:
        for sentence in sentences(text):
            for clause in re.split(r";\s+(?=[A-Z])", sentence):
                body = clause.strip()
                if not body or _REPORTED.search(body) and not _OWNER_VERB.match(body):
                    continue
                if _OWNER_VERB.match(body) or _has_real_deadline(body, meeting, lex):
                    out.append(_free_action(body, block, meeting, lex, "paragraph"))
    return out


def owner_is_generic(owner: str, extra: Iterable[str] = ()) -> bool:
    """True if ``owner`` names nobody in particular ("All", "All agencies", "Team")."""
    norm = normalise_title(owner).replace("&", "and")
    norm = re.sub(r"\s+", " ", norm).strip()
    return norm in {normalise_title(g) for g in (*GENERIC_OWNERS, *extra)}


def owner_is_missing(owner: str, lexicon: Lexicon | None = None) -> bool:
    """True if no owner is given: blank, a placeholder ("TBC", "-", "N/A") or "unknown"."""
    from ..nlp import is_placeholder

    return is_placeholder(owner, lexicon) or normalise_title(owner) in {"unallocated", "not allocated", "tbc"}


def short_quote(text: str, words: int = 8) -> str:
    """The first few words of an action, to name it in a message."""
    parts = (text or "").split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


# -- tables ----------------------------------------------------------------------------------


def _is_action_table(document: Document, t: Table) -> bool:
    kinds = set(k for k in t.column_kinds if k)
    if "action" not in kinds or not t.records:
        return False
    col = t.column_kinds.index("action")
    if re.search(r"\b(taken|completed|history|previous)\b", t.header[col], re.I):
        return False  # a chronology of what was done, not a plan
    if t.column_kinds[0] == "time":
        return False  # "Time | Who | Note | By": a log of the night, each entry when it happened
    sec = document.sections[t.section] if t.section is not None and t.section < len(document.sections) else None
    if sec is not None and (sec.kind in ACTION_SECTION_KINDS or _inside_any(document, sec, ACTION_SECTION_KINDS)):
        return bool(kinds & {"owner", "deadline"})
    return {"owner", "deadline"} <= kinds


_OWNER_IN_TEXT = re.compile(
    r"(?:^|[\s.;,(–-])(?:lead|owner|responsible|who|by\s+whom|named\s+worker)\s*[:–-]\s*(?P<owner>[^:;]{2,60}?)\s*\)?\s*\.?$",
    re.I,
)


def _table_actions(document: Document, t: Table, meeting, lex: Lexicon) -> list[Action]:
    out: list[Action] = []
    # "Who needs to know | Told by | By when": each row is telling someone
    tell = lex.column_kind(t.header[t.column_kinds.index("action")]) == "recipient"
    for rec in t.records:
        text = rec.get("action").strip()
        if tell and text:
            text = f"Tell {text}"
        elif text and (told := rec.get("recipient").strip()):
            # "Who is told | What | By whom | By when": "Everyone in Part 1 | Outcome, decisions
            # and this record by secure email" -- what is to be done is telling them
            text = f"Tell {told}: {text}"
        if _POINTS_ON.match(text) and not rec.get("owner") and not rec.get("deadline"):
            continue  # "– | cont. on continuation sheet 2 | |": the list goes on elsewhere
        # no "Who" column: an "Agency", "Named worker" or "Name" column says who does it
        owner = (
            rec.get("owner")
            or " ".join(
                v
                for v in (
                    rec.get("name"),
                    rec.get("role"),
                    rec.get("agency"),
                    rec.get("agency+role"),
                    rec.get("name+role"),
                )
                if v
            )
        ).strip()
        deadline_text = rec.get("deadline").strip()
        if not owner and deadline_text and _asks_who_too(t, lex):
            # "Who, and by when | Ryan Okafor (Children and Families), 15:00 on 06/10": one
            # cell for both, the who first
            owner = _who_before_when(deadline_text)
        if not owner and text:
            # "Offer a carer's assessment ... Lead: CSC (Disabled Children's Team)": the owner
            # written into the action cell when the Who cell is left empty
            inner = _OWNER_IN_TEXT.search(text)
            if inner:
                owner = inner.group("owner").strip(" .;")
        if not (text or owner or deadline_text):
            continue
        if not text and not _row_has_text(rec):
            continue
        if not owner and not deadline_text and _unheaded_text(t, rec):
            # "Review strategy | 23/01 at 14:00 by phone – J. Kaye" across the who and when
            # columns: a label | value row that shares the plan's table, not an action
            continue
        out.append(
            Action(
                text=text,
                owner=owner,
                deadline_text=deadline_text,
                deadline=dates.parse_deadline(deadline_text, meeting_date=meeting, lexicon=lex),
                block=_cell_block(t, rec, "action"),
                row=rec.row,
                table=t.index,
                deadline_block=_cell_block(t, rec, "deadline"),
                owner_block=_cell_block(t, rec, "owner"),
                source="table",
                blocks=_plan_blocks(t, rec),
            )
        )
    return out


#: The columns of a row that hold the plan itself.
_PLAN_KINDS = frozenset({"action", "owner", "deadline", "status"})


def _plan_blocks(t: Table, rec: TableRecord) -> list[int]:
    """The row's blocks that say what will be done: all of them, unless the row also
    records what an agency said ("Agency | Information held | Agreed action | Owner |
    Due"), whose other cells are information, not the plan."""
    if "contribution" not in t.column_kinds:
        return list(rec.blocks)
    row = t.cells[rec.row] if rec.row is not None and rec.row < len(t.cells) else []
    return [
        b
        for col, b in enumerate(row)
        if b is not None and col < len(t.column_kinds) and t.column_kinds[col] in _PLAN_KINDS
    ]


def _notes_action_column(document: Document, t: Table, lex: Lexicon) -> int | None:
    """The action column of a "Discussion | Action (who, by when)" table, one per agenda item:
    the notes in one column, what was agreed on them in the other.  None for other tables."""
    if t.column_kinds or t.n_cols != 2 or t.n_rows < 2:
        return None  # read by its columns already, or not two columns
    head = [document.blocks[c].text.strip() if c is not None else "" for c in t.cells[0]]
    kinds = [lex.column_kind(h) if h else None for h in head]
    if kinds.count("action") != 1 or kinds[1] != "action" or not head[0]:
        return None  # the notes on the left, what was agreed on them on the right
    return 1


#: Where one agreed action ends and the next begins inside a cell: a full stop after a word
#: or a date, not after an initial or a title ("D. Hughes", "Dr. Rao").
_NEXT_ACTION = re.compile(r"(?<=[a-z0-9)][.;])\s+(?=[A-Z])|(?<=[A-Z]{2}[.;])\s+(?=[A-Z])")


def _column_actions(document: Document, t: Table, column: int, meeting, lex: Lexicon) -> list[Action]:
    out: list[Action] = []
    for r, row in enumerate(t.cells[1:], start=1):
        cell = row[column] if column < len(row) else None
        notes = row[1 - column] if len(row) == 2 else None
        if cell is None or cell == notes:
            continue  # a title across both columns
        text = " ".join(document.blocks[cell].text.split())
        if not text or _INTRO.match(text):
            continue
        for part in _NEXT_ACTION.split(text):
            part = part.strip(" .;")
            if not part:
                continue
            action = _free_action(part, cell, meeting, lex, "list")
            if _only_owner_and_date(action) and notes is not None:
                # "All agencies, by 06/11/2025." beside "Agencies to check their records ...":
                # the notes say what, the action cell who and when
                who = _OWNER_THEN_WHEN.match(action.text)
                action.owner = who.group("who").strip(" ,;") if who else action.text
                action.text = " ".join(document.blocks[notes].text.split())
            action.row, action.table = r, t.index
            if action.owner and action.deadline.is_real:
                action.source = "table"  # who and when in their places: sure of what it says
            out.append(action)
    return out


def _asks_who_too(t: Table, lex: Lexicon) -> bool:
    """The deadline column also asks who ("Who, and by when", "Owner / deadline"), and the
    table has no column of its own for who."""
    if "owner" in t.column_kinds or "deadline" not in t.column_kinds:
        return False
    header = t.header[t.column_kinds.index("deadline")]
    parts = re.split(r"\s*(?:/|,|&|\+|\band\b)\s*", header)
    return any(lex.column_kind(p) == "owner" for p in parts if p.strip())


def _who_before_when(cell: str) -> str:
    """The who of a "who, by when" cell: "Graham Ellery (School), ASAP, and by 12:00" ->
    "Graham Ellery (School)"; "" when the cell opens with the date."""
    who = _OWNER_THEN_WHEN.match(" ".join(cell.split()))
    first = who.group("who") if who else re.split(r"\s*[,;–—]\s*|\s+-\s+", cell.strip(), maxsplit=1)[0]
    return "" if re.search(r"\d", first) else first.strip(" ,;")


def _only_owner_and_date(action: Action) -> bool:
    """A cell that gives only who and by when ("All agencies, by 06/11/2025")."""
    return len(action.text.split()) <= 8 and bool(_OWNER_THEN_WHEN.match(action.text)) and action.deadline.is_real


def _unheaded_text(t: Table, rec: TableRecord) -> bool:
    """The row holds text only under a column with no header (a merged value cell)."""
    for c, kind in enumerate(t.column_kinds):
        header = t.header[c] if c < len(t.header) else ""
        if kind is None and not header.strip() and rec.values.get(f"column {c + 1}", "").strip():
            return True
    return False


def _row_has_text(rec: TableRecord) -> bool:
    return any(v.strip() for v in rec.values.values())


def _cell_block(t: Table, rec: TableRecord, kind: str) -> int | None:
    if kind not in t.column_kinds:
        return rec.blocks[0] if rec.blocks else None
    col = t.column_kinds.index(kind)
    row = t.cells[rec.row]
    if col < len(row) and row[col] is not None:
        return row[col]
    return rec.blocks[0] if rec.blocks else None


# -- sections --------------------------------------------------------------------------------


def _descendants(document: Document, sec: Section) -> list[Section]:
    out: list[Section] = []
    frontier = [sec.index]
    while frontier:
        kids = [s for s in document.sections if s.parent in frontier]
        out.extend(kids)
        frontier = [k.index for k in kids]
    return out


def _inside_kind(document: Document, sec: Section, kind: str) -> bool:
    return _inside_any(document, sec, (kind,))


def _inside_any(document: Document, sec: Section, kinds: Iterable[str]) -> bool:
    kinds = tuple(kinds)
    by_index = {s.index: s for s in document.sections}
    parent = sec.parent
    while parent is not None:
        p = by_index[parent]
        if p.kind in kinds:
            return True
        parent = p.parent
    return False


# -- free text -------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|[-•*·o▪●–])\s+", re.I)
_INTRO = re.compile(
    r"^(?:the\s+following|following\s+actions|actions?\s+(?:were\s+|was\s+)?agreed|agreed\s+actions?|"
    r"it\s+was\s+agreed\s+that\s*:?$|actions?\s*:?$|no\s+(?:further\s+)?actions?\b|none\b|n/?a\b)",
    re.I,
)
_OWNER_VERB = re.compile(
    r"^(?P<owner>[^.;:]{2,70}?)\s+(?:is\s+to|are\s+to|will|to|must|should|has\s+agreed\s+to|have\s+agreed\s+to|agreed\s+to|to\s+be\s+responsible\s+for)\s+(?P<rest>\S.*)$",
    re.I | re.S,
)
_DASH_SPLIT = re.compile(r"\s+[–—-]\s+|\s*\|\s*")
_CUE = re.compile(
    r"\b(?:by|within|before|prior\s+to|no\s+later\s+than|on\s+or\s+before|until|on|in\s+time\s+for|ahead\s+of|"
    r"following|after|at)\s+",
    re.I,
)
#: Reported speech and past events: what was said at the meeting, not what will be done.
_REPORTED = re.compile(
    r"^(?:[\w'’.()-]+\s+){0,5}?(?:said|advised|reported|confirmed|explained|stated|told|shared|noted|described|"
    r"informed|added|raised|was|were|had|has\s+been|have\s+been)\b",
    re.I,
)
#: A past participle: "requested", "deep-cleaned", "made", "held".
_PARTICIPLE = r"(?:[\w-]+(?:ed|en|t)|made|done|held|told|set|put|paid|led|read|run|shown|found|brought|sought|kept)"
_PASSIVE = re.compile(rf"^be\s+{_PARTICIPLE}\b", re.I)


@dataclass
class _Line:
    text: str
    block: int
    kind: str  # list | paragraph | fields


def _section_lines(document: Document, sec: Section) -> list[_Line]:
    """Lines of an actions section, form labels joined back to "Label: value"."""
    labels = {s.heading_block: s for s in _descendants(document, sec) if s.heading_block is not None}
    lines: list[_Line] = []
    pending_label: str | None = None
    for b in document.section_blocks(sec):
        if b.table is not None and b.index not in labels and _in_data_table(document, b.table):
            continue
        if b.index in labels:
            s = labels[b.index]
            if s.origin == "form-label":
                pending_label = s.title
            continue
        text = b.text.strip()
        if not text:
            pending_label = None
            continue
        if pending_label is not None:
            text = f"{pending_label}: {text}"
            pending_label = None
        kind = "list" if b.kind == BlockKind.LIST_ITEM or _BULLET.match(text) else "paragraph"
        parts: list[str] = []
        for part in (p.strip() for p in text.splitlines()):
            if part and parts and (_UNFINISHED.search(parts[-1]) or _CARRIED_ON.match(part)):
                # "Who: Amy Fraser SW +" / "DC Moyo. By: 11/03/2025": a line cut inside a field
                parts[-1] = f"{parts[-1]} {part}"
            elif part:
                parts.append(part)
        lines.extend(_Line(part, b.index, kind) for part in parts)
    return lines


#: A line that goes on from the one before: it opens in lower case ("or has marks; tell their
#: parents ..."), or with a word or two before the next field ("Moyo. By: 14/03/2025").
_CARRIED_ON = re.compile(r"^(?:[a-z]|(?:[A-Z][\w'’-]*\s+)?[A-Z][\w'’-]*\.\s+(?i:by|who|when|by\s+when|due)\s*:)")
#: A line that cannot end there: its last word joins it to the next.
_UNFINISHED = re.compile(r"(?:[+&,/]|\band|\bor|\bwith)$", re.I)


def _in_data_table(document: Document, table: int) -> bool:
    t = document.tables[table]
    return bool(t.records)


def _field_labels(lex: Lexicon) -> dict[str, str]:
    out: dict[str, str] = {}
    for kind in ("action", "owner", "deadline"):
        for syn in lex.columns.get(kind, []):
            syn = syn.lstrip("=")  # "Who:" inside a line is a field label, whole-title or not
            if syn in ("date", "what", "by", "when", "who") or len(syn.split()) <= 4:
                out[syn] = kind
    return out


def _field_regex(lex: Lexicon) -> re.Pattern[str]:
    labels = sorted(_field_labels(lex), key=len, reverse=True)
    alt = "|".join(re.escape(l).replace(r"\ ", r"\s+") for l in labels)
    # a label opens the line, follows punctuation or a wide gap, or a dash between fields
    # ("What: see Lily at school – Who: Gemma Lloyd – When: 17/03/2025")
    # or, capitalised, one space after the value before it, where a reader collapsed the gap
    # ("Who: Sam Keogh, SW By: Wed 18/06")
    return re.compile(
        # (the spaces after a colon are left to the next label: "Lead:  Target: Fri 07/03", a
        # field left empty before the next)
        rf"(?:^|(?<=[.;|,])\s*|\s{{2,}}|\s[–—-]\s+|(?<=\w)(?P<tight>\s)(?=(?-i:[A-Z])))\b(?P<label>{alt})\s*:",
        re.I,
    )


def _text_actions(
    document: Document, sec: Section, meeting, lex: Lexicon, fields_only: bool = False, strict: bool = False
) -> list[Action]:
    lines = _section_lines(document, sec)
    labels = _field_labels(lex)
    rx = _field_regex(lex)
    out: list[Action] = []
    current: dict[str, str] | None = None
    current_blocks: list[int] = []
    has_list = any(l.kind == "list" for l in lines)

    def flush() -> None:
        nonlocal current, current_blocks
        if current and (current.get("action") or current.get("owner")):
            dl = current.get("deadline", "")
            owner, stop, after = current.get("owner", "").partition(". ")
            if not dl and stop and after.strip():
                # "Owner: DS Tanner (police). Sunday 19/10 at 10:00.": the sentence after the
                # owner's field is when, with no "By" before it
                said = after.strip(" .")
                if dates.parse_deadline(said, meeting_date=meeting, lexicon=lex).is_real:
                    current["owner"], dl = owner, said
                elif (found := _deadline_in_text(said, meeting, lex)) and dates.parse_deadline(
                    found, meeting_date=meeting, lexicon=lex
                ).is_real:
                    current["owner"], dl = owner, found  # "... (Deputy DSL). By 01:00 on Sunday 19/10"
            if not dl:
                # "Book the ICPC, by 32 wks. Lead: CSC (TM – book by 30/07)": no "When:"
                # field, but the task or its owner's remark says when
                for part in (current.get("action", ""), current.get("owner", "")):
                    found = _deadline_in_text(part, meeting, lex)
                    if found and dates.parse_deadline(found, meeting_date=meeting, lexicon=lex).is_real:
                        dl = found
                        break
            out.append(
                Action(
                    text=current.get("action", ""),
                    owner=current.get("owner", ""),
                    deadline_text=dl,
                    deadline=dates.parse_deadline(dl, meeting_date=meeting, lexicon=lex),
                    block=current_blocks[0],
                    deadline_block=current.get("_deadline_block"),  # type: ignore[arg-type]
                    source="fields",
                    blocks=list(current_blocks),
                )
            )
        current, current_blocks = None, []

    last: tuple[int, str] | None = None  # (block, field) the last field value was read from
    for line in lines:
        text = _BULLET.sub("", line.text).strip()
        # a label one space after a word is a field only after another field on the line
        # ("Who: Sam Keogh, SW By: Wed 18/06"), not "Action 1 What: ..."
        fields: list[re.Match[str]] = []
        for m in rx.finditer(text):
            if fields or not m.group("tight"):
                fields.append(m)
        if not fields and current is not None and last is not None and last[0] == line.block and last[1] in current:
            # a value wrapped onto the next line of its cell ("Action: Obtain neighbour
            # statement and review" / "body-worn video" / "Who: DC Aldridge")
            current[last[1]] = f"{current[last[1]]} {text}".strip()
            continue
        last = None
        if len(fields) < 2:
            # one "– date:" after a dash is a remark ("☒ Yes – date: 08/10"); fields joined by
            # dashes come at least two to a line ("What: ... – Who: ... – When: ...")
            fields = [m for m in fields if m.group(0).lstrip()[:1] not in "–—-"]
        trailing = [m for m in fields if labels.get(normalise_title(m.group("label"))) in ("owner", "deadline")]
        if fields and fields[0].start() > 1 and trailing and trailing[0] is fields[0]:
            # "Complete a home visit. Responsible: CSC - Ruth Price. Timescale: by Tuesday"
            flush()
            head = text[: fields[0].start()].strip(" .;|,")
            if _sign_off(head):
                continue  # "Chair: Louise Fairbank     OIC: DC Ingham     Date: 04/06/2025"
            current = {}
            opened = _unclosed_bracket(head)
            if opened > 0:
                # "Visit the home (Police; by when: Friday)": the owner opens the bracket
                owner = head[opened + 1 :].strip(" ;,")
                head = head[:opened].strip()
                if owner:
                    current["owner"] = owner
            elif not any(labels.get(normalise_title(m.group("label"))) == "owner" for m in fields):
                # "DC Sandhu will interview Dean ... Deadline: 17:00 Sun": the sentence says who
                cand = _owner_of_sentence(head)
                if cand:
                    current["owner"] = cand
            current["action"] = head
            current_blocks = [line.block]
        if fields and (fields[0].start() <= 1 or current is not None and current_blocks == [line.block]):
            for i, m in enumerate(fields):
                kind = (
                    labels[normalise_title(m.group("label"))] if normalise_title(m.group("label")) in labels else None
                )
                end = fields[i + 1].start() if i + 1 < len(fields) else len(text)
                value = text[m.end() : end].strip(" .;|,")
                if value.endswith(")") and value.count(")") > value.count("("):
                    value = value[:-1].strip(" .;|,")
                if kind is None:
                    continue
                if current is None or (kind == "action" and "action" in current) or kind in current:
                    flush()
                    current = {}
                inner = _NEXT_FIELD.match(value)
                if kind == "owner" and inner and labels.get(normalise_title(inner["label"])) == "deadline":
                    # "Lead: Target: Friday 07/03": the owner's field left empty, the date after it
                    current[kind], kind, value = "", "deadline", inner["rest"].strip(" .;|,")
                if kind == "deadline":
                    current["_deadline_block"] = line.block  # type: ignore[assignment]
                current[kind] = value
                last = (line.block, kind)
                if line.block not in current_blocks:
                    current_blocks.append(line.block)
            continue
        flush()
        if fields_only or _INTRO.match(text) or text.endswith(":"):
            continue
        if has_list and line.kind != "list":
            continue  # a list is the action list; paragraphs around it are commentary
        if line.kind != "list" and _REPORTED.search(text) and not _OWNER_VERB.match(_BULLET.sub("", text)):
            continue  # "DC Morgan said the police opened an investigation ...": minutes, not an action
        body = _BULLET.sub("", text)
        if strict and not _OWNER_VERB.match(body) and not _has_real_deadline(body, meeting, lex, soon=True):
            continue
        out.append(_free_action(text, line.block, meeting, lex, line.kind))
    flush()
    return out


#: A value that is only the next field's label and its value ("Target: Friday 07/03").
_NEXT_FIELD = re.compile(r"^(?P<label>[A-Za-z][A-Za-z /]{1,20}?)\s*:\s*(?P<rest>\S.*)$")
#: "Chair: Louise Fairbank", "Signed: ...": a field naming who signs the record off.
_SIGN_OFF_LABEL = re.compile(
    r"^(?:chair(?:ed\s+by|person)?|signed|signature|name|completed\s+by|approved\s+by|authori[sz]ed\s+by"
    r"|minute[sd]?(?:\s*-?\s*taker|\s+by)|recorded\s+by|manager|team\s+manager|oic)$",
    re.I,
)
_GAP = re.compile(r"\s{3,}|\t+")
_PAIR = re.compile(r"^(?P<label>[A-Z][\w/'’ -]{0,30}?)\s*:\s*\S")


def _sign_off(head: str) -> bool:
    """Whether the text before a line's "Date:" field is a sign-off: "Label: value" fields
    set apart by wide gaps ("Chair: X     OIC: Y"), or one sign-off field ("Signed: X")."""
    pairs = [_PAIR.match(p) for p in _GAP.split(head) if p.strip()]
    if not pairs or not all(pairs):
        return False
    return len(pairs) >= 2 or bool(_SIGN_OFF_LABEL.match(pairs[0]["label"].strip()))  # type: ignore[index]


def _unclosed_bracket(text: str) -> int:
    """Where the outermost "(" left open at the end of ``text`` is, or -1."""
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            stack.pop()
    return stack[0] if stack else -1


#: A passive plan: "to be requested", "will be made", "is to be compiled".
_PASSIVE_CLAUSE = re.compile(rf"\b(?:will|shall|must|should|is\s+to|are\s+to|to)\s+be\s+{_PARTICIPLE}\b", re.I)
#: The plan's first verb: "will", "is to", "to be" ("a referral to MARAC" is no verb).
_MODAL = re.compile(r"\b(?:will|shall|must|should|is\s+to|are\s+to)\b|\bto\s+be\b", re.I)
#: "by DC Ellis", "by Ruth Price (CSC)": who does it, unless the words are a date ("by Friday").
_BY_WHOM = re.compile(r"\bby\s+(?P<who>(?:[A-Z][\w'’.-]*\s*){1,4}(?:\([^)]*\))?)")


def _by_whom(text: str) -> str:
    """Who ``text`` says does it after "by" ("to be requested by DC Ellis"), or ""."""
    for m in _BY_WHOM.finditer(text):
        if not dates.parse_deadline(m.group("who"), meeting_date=None).is_real:
            return m.group("who").strip()
    return ""


def _passive_without_agent(text: str) -> bool:
    """True if the action is written in the passive with nobody doing it: "Information from
    the surgery to be requested by 07/11/2025", "A referral to MARAC will be made by 12/03".
    A date after "by" is a deadline, not an agent."""
    first = _MODAL.search(text)
    m = _PASSIVE_CLAUSE.match(text, first.start()) if first else None
    if m is None:
        return False  # the plan's own verb is active ("DS Penhale will visit ..., and the house will be checked")
    return not _by_whom(text[m.end() :])


def _owner_of_sentence(text: str) -> str:
    """Who an action's sentence gives it to: "DC Sandhu will interview ...", "CSC to visit"."""
    if _passive_without_agent(text):
        return ""  # "A referral to MARAC will be made by 12/03": not "A referral" to do it
    m = _OWNER_VERB.match(text)
    if m and len(m.group("owner").split()) <= 8 and not _PASSIVE.match(m.group("rest")):
        cand = m.group("owner").strip()
        if cand[:1].isupper() or cand.isupper():
            return cand
    return ""


def _free_action(text: str, block: int, meeting, lex: Lexicon, source: str) -> Action:
    """Read "Owner to do X by when" / "X – owner – when" / "Owner: X by when"."""
    body = _BULLET.sub("", text).strip()
    owner = ""
    deadline_text = ""
    stated = True
    mentioned = _MENTIONS.match(body)
    if mentioned:
        # "@Kate Brennan + @Phil Varga – joint visit – 20/05": a meeting tool's task, its
        # owners @-mentioned first
        owner = re.sub(r"@", "", mentioned.group("who")).strip()
        body = body[mentioned.end() :].strip()
        source = "fields"  # owner, task and due date each in its place, as in a form
    segments = [s.strip() for s in _DASH_SPLIT.split(body) if s.strip()]
    head, tail_segments = (segments[0], segments[1:]) if segments else (body, [])
    task = tail_segments[0] if tail_segments else ""
    if (
        not owner
        and task
        and _OWNERISH.match(head)
        and (task[:1].islower() or len(task.split()) >= 5 and not _DEADLINE_FIRST.match(task))
    ):
        # "BSO – email mins + outcome to all present – by Weds 9/4", "DC Marsh + SW – managed
        # disclosure to Lauren – by 5pm Tues 8/4": who, then the task, then when
        owner, head, tail_segments = head, tail_segments[0], tail_segments[1:]
    # a trailing parenthesis: "Visit the home (Tom Ellis, 16/03/2016)"
    paren = re.search(r"\(([^()]*)\)\s*\.?$", head)
    if paren and not tail_segments:
        inner = [p.strip() for p in re.split(r"[,;]", paren.group(1)) if p.strip()]
        if any(_deadline_like(p, meeting, lex) for p in inner):
            tail_segments = inner
            head = head[: paren.start()].strip()
    for seg in tail_segments:
        seg_clean = re.sub(
            r"^(?:by\s+whom|who|owner|lead|responsible|by\s+when|when|deadline|timescale)\s*:\s*", "", seg, flags=re.I
        )
        both = _OWNER_THEN_WHEN.match(seg_clean)
        if (
            both
            and not owner
            and not deadline_text
            and _deadline_like(both.group("when"), meeting, lex)
            and not _deadline_like(both.group("who"), meeting, lex)
        ):
            # "Marcus Lindqvist, CSC, by 16/01/2025": who, then by when, in one segment
            owner, deadline_text = both.group("who").strip(" ,;"), both.group("when").strip()
        elif not deadline_text and _deadline_like(seg_clean, meeting, lex):
            deadline_text = seg_clean
        elif not owner and len(seg_clean.split()) <= 8:
            owner = seg_clean
        else:
            head = f"{head} – {seg}"
    # "Owner: do X" (a short label that is not a field name)
    m = re.match(r"^(?P<owner>[^:]{2,50}):\s+(?P<rest>\S.*)$", head)
    if not owner and m and len(m.group("owner").split()) <= 6:
        owner, head = m.group("owner").strip(), m.group("rest").strip()
    # "Owner to/will do X"
    if not owner:
        owner = _owner_of_sentence(head)
    if not deadline_text:
        deadline_text = _deadline_in_text(head, meeting, lex)
        if not deadline_text:
            parsed = dates.parse_deadline(head, meeting_date=meeting, lexicon=lex)
            if parsed.is_real:
                deadline_text, stated = head, False
    if not owner:
        owner = _by_whom(head)
    deadline = dates.parse_deadline(deadline_text, meeting_date=meeting, lexicon=lex)
    return Action(
        text=head if head else body,
        owner=owner,
        deadline_text=deadline_text,
        deadline=deadline,
        block=block,
        source=source,
        stated=stated,
        blocks=[block],
    )


_DEADLINE_FIRST = re.compile(r"^(?:by|due|before|on|within|asap|today|tomorrow|\d)", re.I)
#: A row that only says where the list goes on: "cont. on continuation sheet 2", "see over".
_POINTS_ON = re.compile(
    r"^\W*(?:cont(?:inued|\.|'d)?\s+(?:on|over|overleaf|below|in)\b|see\s+(?:continuation|over(?:leaf)?|below|next\s+page))",
    re.I,
)
#: A line's first field that only names who: "SW", "DC Marsh + SW", "BSO", "Dr Whitby".
_OWNERISH = re.compile(r"^[A-Z][\w'’.&/-]*(?:\s*(?:\+|&|/|\band\b)?\s*[A-Z][\w'’.&/-]*){0,4}$")
#: "Marcus Lindqvist, CSC, by 16/01/2025", "PC Okafor, Police, Sun 02/03 10:00": an owner with
#: no digits, a comma, then when.
_OWNER_THEN_WHEN = re.compile(
    r"^(?P<who>[^\d,;]{2,40}(?:,[^\d,;]{2,40}){0,2}),\s*"
    r"(?P<when>(?:by|due|before|on|no\s+later\s+than)\b.*|\d.*|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+\d.*)$",
    re.I,
)
_MENTION = r"@[\w'’.-]+(?:\s+[A-Z][\w'’.-]*){0,3}(?:\s*\([^()]{1,30}\))?"
_MENTIONS = re.compile(rf"^(?P<who>{_MENTION}(?:\s*(?:\+|&|,|and)\s*{_MENTION})*)\s*(?:[–—:-]\s+|:)")


def _not_deadline_words(lex: Lexicon) -> list[str]:
    return [p for p in lex.phrase_list("not_deadlines") if any(c.isalpha() for c in p) and len(p) > 2]


def _deadline_like(text: str, meeting, lex: Lexicon) -> bool:
    """A segment that is a timescale, real or not ("16/03/2016", "within 24 hours", "ASAP", "TBC")."""
    if dates.parse_deadline(text, meeting_date=meeting, lexicon=lex).is_real:
        return True
    norm = " ".join(text.lower().replace("’", "'").split()).strip(" .")
    if norm in {"-", "–", "—", "?", "??", "tbc", "tba", "tbd", "n/a", "na", "none", "nil"}:
        return True
    words = {w.lower() for w in lex.phrase_list("not_deadlines")}
    return norm in words or norm.startswith(("within ", "before ", "when ", "as and when"))


def _has_real_deadline(text: str, meeting, lex: Lexicon, soon: bool = False) -> bool:
    """Whether ``text`` gives a real deadline.  With ``soon``, not a year-less date that only
    falls after the meeting by wrapping into next year ("Police (AL): missing 30/05 ... 01/06"
    in minutes of 02/06 tells what happened on 01/06, not what is due by 01/06 next year)."""
    found = _deadline_in_text(text, meeting, lex)
    if not found:
        return False
    deadline = dates.parse_deadline(found, meeting_date=meeting, lexicon=lex)
    if soon and deadline.due and meeting and (deadline.due - meeting).days > _FAR_AHEAD_DAYS:
        return False
    return deadline.is_real


#: Further ahead than any strategy action runs: a year-less date read into next year.
_FAR_AHEAD_DAYS = 270


def _deadline_in_text(text: str, meeting, lex: Lexicon) -> str:
    """The deadline wording inside a free-text action: the last real "by/within/before ..."
    phrase, else a not-a-deadline phrase ("ASAP", "ongoing", "when possible")."""
    best = ""
    for m in _CUE.finditer(text):
        tail = text[m.start() :].strip(" .;,")
        if dates.parse_deadline(tail, meeting_date=meeting, lexicon=lex).is_real:
            best = tail
    if best:
        # keep the shortest real tail that starts at a cue (the deadline, not the task)
        return best
    norm = text.lower().replace("’", "'")
    for phrase in sorted(_not_deadline_words(lex), key=len, reverse=True):
        if phrase in ("now", "later", "future", "soon", "monitoring", "throughout", "continuing", "immediate"):
            continue  # too common inside a task to stand for its timescale
        found = re.search(rf"(?<![\w]){re.escape(phrase.lower())}(?![\w])", norm)
        if found:
            return text[found.start() : found.end()]
    return ""
