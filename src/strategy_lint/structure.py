"""The structure pass: sections, section paths, table records and key metadata.

Readers only report what is on the page (blocks with style, weight, size, table
positions).  This pass, shared by every format, decides what is a section and what kind
it is (through the lexicon), so the same record gives the same sections whether it came
as a form-style .docx, a narrative .docx or a PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import dates
from .lexicon import WHOLE_RECORD_KINDS, Lexicon, normalise_title, strip_numbering
from .model import Block, BlockKind, Document, Section, Table, TableRecord
from .nlp import is_placeholder

MAX_PSEUDO_WORDS = 10
#: Form rows with these kinds stay grouped under a full-width row ("Meeting details" → "Time");
#: a row naming a major part of the record ("Attendees") starts a new group.
MINOR_KINDS = frozenset({None, "details", "child_details", "author"})
#: Parts that hold a list of people and never another part of the record.
LIST_KINDS = frozenset({"attendees", "consulted", "apologies", "distribution"})
MAX_LABEL_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?]\s*$")
#: A title may end with "?" ("Why are we meeting?"); a full stop or "!" ends a sentence.
_STATEMENT_END = re.compile(r"[.!]\s*$")
_LABEL_VALUE = re.compile(r"^\s*([^:]{2,60}):\s*(.*)$")


def build_structure(doc: Document, lexicon: Lexicon) -> Document:
    """Fill sections, section paths, table headers/records and metadata in place."""
    form_rows = _classify_tables(doc, lexicon)
    _build_sections(doc, lexicon, form_rows)
    _assign_paths(doc)
    _extract_metadata(doc)
    return doc


# -- tables ------------------------------------------------------------------------------


@dataclass
class _FormRow:
    table: int
    row: int
    label_block: int
    content_blocks: list[int]
    full_width: bool = False
    column: bool = False  # the title of a column whose cells below are its part's text


def _cell_text(doc: Document, idx: int | None) -> str:
    return doc.blocks[idx].text.strip() if idx is not None else ""


def _classify_tables(doc: Document, lexicon: Lexicon) -> dict[int, _FormRow]:
    """Give data tables a header and records; return form-table rows keyed by label block."""
    nested: dict[tuple[int, int, int], list[int]] = {}
    for t in doc.tables:
        if t.parent is not None:
            nested.setdefault(t.parent, []).append(t.index)
    form_rows: dict[int, _FormRow] = {}
    for t in doc.tables:
        if _is_data_table(doc, t, lexicon):
            _fill_records(doc, t, lexicon)
            # rows above the headers: a title ("Participants") or form rows ("Chair | ..."); and
            # after a title row across the table ("10. NEXT STEPS AND CIRCULATION"), the rows
            # are a form's label | value rows again, not more of the data above
            last: _FormRow | None = None
            for r in [*range(t.header_row), *range(_banner_row(doc, t), t.n_rows)]:
                cells = list(dict.fromkeys(c for c in t.cells[r] if c is not None))
                if not cells or not _cell_text(doc, cells[0]):
                    continue
                if (
                    len(cells) == 1
                    and last is not None
                    and last.full_width
                    and not _box_title(_cell_text(doc, cells[0]))
                ):
                    # "3. Why is a strategy discussion needed now?" over its answer, a box each:
                    # the answer is the title's text, not a title of its own
                    last.content_blocks.append(cells[0])
                    continue
                if len(cells) == 1:
                    last = form_rows[cells[0]] = _FormRow(t.index, r, cells[0], [], full_width=True)
                else:
                    last = form_rows[cells[0]] = _FormRow(t.index, r, cells[0], cells[1:])
        elif _is_column_titled(doc, t, lexicon):
            # "What's working well | What are we worried about | What needs to happen" over
            # paragraphs: each column is a part of the record, titled by its first cell
            for col, title in enumerate(t.cells[0]):
                if title is None or title in t.cells[0][:col]:
                    continue
                below: list[int] = []
                for r in range(1, t.n_rows):
                    cell = t.cells[r][col]
                    if cell is not None and cell != title and cell not in below:
                        below.append(cell)
                    for child in nested.get((t.index, r, col), []):
                        below.extend(_table_blocks(doc, doc.tables[child], nested))
                form_rows[title] = _FormRow(t.index, 0, title, below, column=True)
        elif _is_form_table(doc, t) and not _notes_beside_actions(doc, t, lexicon):
            for r, row in enumerate(t.cells):
                cells = [c for c in row if c is not None]
                if not cells:
                    continue
                label = cells[0]
                if len(cells) == 1:
                    text = _cell_text(doc, label)
                    if text and len(text.split()) <= MAX_LABEL_WORDS and "\n" not in text:
                        form_rows[label] = _FormRow(t.index, r, label, [], full_width=True)
                    continue
                if t.n_cols == 4 and len(cells) == 4:
                    # "Date | 04/12 | Time | 15:45": two label | value pairs in one row
                    for i in (0, 2):
                        form_rows[cells[i]] = _FormRow(t.index, r, cells[i], [cells[i + 1]])
                    continue
                content: list[int] = []
                for c_idx, c in enumerate(row[1:], start=1):
                    if c is None:
                        continue
                    content.append(c)
                    for child in nested.get((t.index, r, c_idx), []):
                        content.extend(_table_blocks(doc, doc.tables[child], nested))
                form_rows[label] = _FormRow(t.index, r, label, content)
    return form_rows


def _banner_row(doc: Document, t: Table) -> int:
    """The first row below the header that is one title across the whole table ("10. NEXT
    STEPS AND CIRCULATION"), or the number of rows: where the table's data ends."""
    if t.n_cols < 2:
        return t.n_rows
    for r in range(t.header_row + 1, t.n_rows):
        cells = {c for c in t.cells[r] if c is not None}
        if len(cells) != 1:
            continue  # a banner is one cell across the table (merged, or the only one drawn)
        (cell,) = cells
        text = _cell_text(doc, cell)
        words = strip_numbering(text).split()
        if text and len(words) <= MAX_LABEL_WORDS and not _SENTENCE_END.search(text) and "\n" not in text:
            letters = [ch for ch in text if ch.isalpha()]
            if doc.blocks[cell].bold or (letters and all(ch.isupper() for ch in letters)):
                return r
    return t.n_rows


def _table_blocks(doc: Document, t: Table, nested: dict[tuple[int, int, int], list[int]]) -> list[int]:
    out: list[int] = []
    for r, row in enumerate(t.cells):
        for c, idx in enumerate(row):
            if idx is not None:
                out.append(idx)
                for child in nested.get((t.index, r, c), []):
                    out.extend(_table_blocks(doc, doc.tables[child], nested))
    return out


def _is_data_table(doc: Document, t: Table, lexicon: Lexicon) -> bool:
    """A table whose header row names at least two kinds of column.  The header is the first
    row, or the second under a one-cell title row ("Participants")."""
    for r in range(t.n_rows - 1 if t.n_rows > 1 else 1):
        cells = [c for c in t.cells[r] if c is not None]
        # a form of label | value rows may hold a table of its own further down ("9. ACTIONS"
        # then "Action | By whom | By when | Done"): its header is where the rows widen
        narrow_above = all(len({c for c in row if c is not None}) <= 2 for row in t.cells[:r])
        widens = narrow_above and len(set(cells)) >= 3
        if r > MAX_HEADER_ROW and not widens:
            if not narrow_above:
                break
            continue
        header = [_cell_text(doc, c) for c in t.cells[r]]
        # a header is a few words ("Contribution (present / phone / email / apologies)"
        # counts its words, not its slashes, and a bracketed list of options is one more
        # word: "Attended or consulted (Teams / in person / phone / email)"); longer cells are content
        if any(h and len(re.findall(r"\w+", _OPTIONS.sub(" options ", h))) > 6 for h in header):
            continue
        if header and _SUB_FIELD.match(header[0] or ""):
            continue  # "3.2 Format | Teams": a numbered form field and its answer, not column titles
        kinds = [lexicon.column_kind(h) if h else None for h in header]
        known = [k for k in kinds if k]
        # under label | value rows a two-cell row is one more form row ("Format | Teams"),
        # not the header of the rest: a header there names three kinds ("Name | Role | Agency")
        under_form = _form_rows_above(t, r)
        needed = 3 if under_form else 2
        if (
            under_form
            and not (widens and r > 1)
            and (any(h and not k for h, k in zip(header, kinds, strict=False)) or len(set(known)) < len(known))
        ):
            # "Format | Teams | Chair (name and role) | Mark Ellery, TM Team": one more pair of
            # form rows whose values happen to look like headers; a real header names every
            # column, each once
            continue
        if len(set(cells)) >= 2 and len(known) >= needed and len(set(known)) >= needed:
            t.header_row = r
            return True
    return False


#: A form's numbered sub-field: "3.2 Format", "1.10 Placement".
_SUB_FIELD = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.?\s+[A-Za-z]")
#: A bracketed list of options in a column header: "(Teams / in person / phone / email)".
_OPTIONS = re.compile(r"\([^()]*/[^()]*\)")


def _form_rows_above(t: Table, r: int) -> bool:
    """Two or more rows above ``r`` split into label | value cells."""
    split = [row for row in t.cells[:r] if len({c for c in row if c is not None}) >= 2]
    return len(split) >= 2


#: How far down a table its column headers may sit (under a title row and a few form rows:
#: "Format | Teams", "Chair | ...", then "Name | Role | Agency").
MAX_HEADER_ROW = 5


def _notes_beside_actions(doc: Document, t: Table, lexicon: Lexicon) -> bool:
    """A "Discussion | Action (who, by when)" table: a bold header row naming a column, then
    rows of notes whose action cell is mostly left empty.  Its first cells are the minutes
    ("Dan Hughes – Snr Prac, EDT (chair)"), not labels of a form whose answers are missing."""
    if t.n_cols != 2 or t.n_rows < 3:
        return False
    head = [c for c in t.cells[0] if c is not None]
    if len(set(head)) != 2 or not all(doc.blocks[c].bold and _cell_text(doc, c) for c in head):
        return False
    if not any(lexicon.column_kind(_cell_text(doc, c)) for c in head):
        return False
    rows = [row for row in t.cells[1:] if len({c for c in row if c is not None}) == 2]
    empty = sum(1 for row in rows if not _cell_text(doc, row[1]))
    return bool(rows) and empty * 2 >= len(rows)


def _is_column_titled(doc: Document, t: Table, lexicon: Lexicon) -> bool:
    """A table whose first row titles its columns with parts of a record the lexicon knows
    (two at least, "What are we worried about | What's working well"), each a short label,
    with writing under them: the columns are the parts, not the fields of a list."""
    if t.n_cols < 2 or t.n_rows < 2 or t.parent is not None:
        return False
    titles = list(dict.fromkeys(c for c in t.cells[0] if c is not None))
    if len(titles) < 2:
        return False
    texts = [_cell_text(doc, c) for c in titles]
    if not all(x and len(x.split()) <= MAX_LABEL_WORDS and not _STATEMENT_END.search(x) for x in texts):
        return False
    kinds = [lexicon.section_kind(x) for x in texts]
    if sum(1 for k in kinds if k) < 2 or sum(1 for x in texts if lexicon.column_kind(x)) >= 2:
        return False  # "Name | Role | Agency", "Action | Who | By when": a list's columns
    below = [_cell_text(doc, c) for row in t.cells[1:] for c in row if c is not None and c not in titles]
    return bool(below) and _mean_words([b for b in below if b]) >= 6


def _is_form_table(doc: Document, t: Table) -> bool:
    """Label cell | content cell: two columns, the left one short.  A "titled box" — every
    row one merged cell, the first a short title ("3. Concerns" over a paragraph) — is a
    form too: its title row opens a section and the rows under it are that section's text."""
    if t.n_cols > 4:
        return False
    split_rows = [row for row in t.cells if len([c for c in row if c is not None]) >= 2]
    if t.n_cols == 4:
        # only "Label | value | Label | value": every other cell a short label
        quads = [[c for c in row if c is not None] for row in split_rows]
        quads = [q for q in quads if len(q) == 4]
        if not quads or len(quads) * 2 < len(split_rows):
            return False
        labels = [_cell_text(doc, q[i]) for q in quads for i in (0, 2)]
        short = sum(1 for l in labels if l and len(l.split()) <= MAX_LABEL_WORDS and not _STATEMENT_END.search(l))
        return short / len(labels) >= 0.75
    if not split_rows:
        first = next((c for row in t.cells for c in row if c is not None), None)
        text = _cell_text(doc, first)
        return (
            bool(text) and len(text.split()) <= MAX_LABEL_WORDS and "\n" not in text and not _STATEMENT_END.search(text)
        )
    if t.n_cols < 2:
        return False
    labels = [_cell_text(doc, row[0]) for row in split_rows if row and row[0] is not None]
    labels = [l for l in labels if l]
    if not labels:
        return False
    short = sum(1 for l in labels if _label_like(l))
    return short / len(labels) >= 0.75


#: A form's question may be long ("If a planned review has been cancelled: reason, and how
#: and when agencies were told"); a prompt is still a label, not a line of content.
_PROMPT = re.compile(
    r"^\W*(?:if|who|what|when|where|why|how|which|is|are|has|have|was|were|did|does|do|will|should)\b", re.I
)


def _box_title(text: str) -> bool:
    """A box's title: a label, or a question with its guidance ("1. Which child is this
    discussion about? (name, date of birth, address)"), not an answer of sentences."""
    bare = strip_numbering(text).strip()
    if _label_like(text):
        return True
    return (
        len(bare.split()) <= 2 * MAX_LABEL_WORDS
        and bool(re.search(r"[?)]$", bare))
        and not re.search(r"[.!]\s+[A-Z]", bare)
    )


def _label_like(text: str) -> bool:
    words = len(text.split())
    if _STATEMENT_END.search(text):
        return False
    return words <= MAX_LABEL_WORDS or words <= 2 * MAX_LABEL_WORDS and bool(_PROMPT.match(text))


def _fill_records(doc: Document, t: Table, lexicon: Lexicon) -> None:
    t.header = [_cell_text(doc, c) for c in t.cells[t.header_row]]
    kinds = [lexicon.column_kind(h) if h else None for h in t.header]
    rows = t.cells[t.header_row + 1 : _banner_row(doc, t)]

    def filled_count(col: int) -> int:
        return sum(1 for row in rows if col < len(row) and _cell_text(doc, row[col]))

    def dated(col: int) -> bool:
        return _deadline_column(_column_values(doc, rows, col))

    t.column_kinds = []
    for position, kind in enumerate(kinds):
        same = [c for c, k in enumerate(kinds) if kind and k == kind]
        # two "date" columns: only one is canonical, the one with most under it, the first of
        # equals ("5. Who took part | Name | Role": the part's title over an empty column is not
        # the names); of two deadline columns, the one holding dates ("Who | How | By | When":
        # "By" is by whom)
        if kind == "deadline" and len(same) > 1 and any(dated(c) for c in same):
            same = [c for c in same if dated(c)]
        canonical = max(same, key=lambda c: (filled_count(c), -c)) if same else position
        t.column_kinds.append(kind if position == canonical else None)
    for position, kind in enumerate(t.column_kinds):
        # "Agency | Current position | Since the last conference": a column of statements is
        # what each said, however its header reads ("position" is also a job title)
        if kind == "role" and _mean_words(_column_values(doc, rows, position)) > _STATEMENT_WORDS:
            t.column_kinds[position] = None
    _who_names_people(t)
    _complete_action_columns(doc, t)
    t.records = []
    for r in range(t.header_row + 1, _banner_row(doc, t)):
        row = t.cells[r]
        values: dict[str, str] = {}
        fields: dict[str, str] = {}
        blocks: list[int] = []
        for c, idx in enumerate(row):
            # one value per field: a line break inside a cell is wrapping (PDF) or layout
            text = " ".join(_cell_text(doc, idx).split())
            if idx is not None:
                blocks.append(idx)
            header = t.header[c] if c < len(t.header) else f"column {c + 1}"
            values[header or f"column {c + 1}"] = text
            kind = t.column_kinds[c] if c < len(t.column_kinds) else None
            if kind:
                fields[kind] = text
        filled = [k for k, v in values.items() if v]
        if not filled:
            continue
        if len(filled) == 1 and len(values) > 1 and _group_title(doc, row):
            continue  # "Before 18th birthday" in bold across an empty row: it groups the rows below
        prev = t.records[-1] if t.records else None
        if (
            prev is not None
            and doc.format == "pdf"
            and len(filled) == 1
            and len(values) > 1
            and _continues_cell(prev.values.get(filled[0], ""), values[filled[0]])
        ):
            # a row broken across a page or a line ("...every / missing episodes"): one record
            key = filled[0]
            prev.values[key] = f"{prev.values[key]} {values[key]}".strip()
            col = t.header.index(key) if key in t.header else None
            kind = t.column_kinds[col] if col is not None and col < len(t.column_kinds) else None
            if kind:
                prev.fields[kind] = prev.values[key]
            prev.blocks.extend(blocks)
            continue
        t.records.append(TableRecord(t.index, r, values, fields, blocks))
    _week_tracker_deadlines(t)


#: A tracker's column for a week after the meeting ("Wk 1\nto Wed 11/12", "Week 3").
_WEEK_COLUMN = re.compile(
    r"^\s*(?:wk|week)\.?\s*(?P<n>\d{1,2})\b[\s:–-]*(?:(?:to|until|ending|w/e)\s+)?(?P<end>.*)$", re.I | re.S
)
#: A tick in a tracker's cell, with or without a word after it ("✓", "✓ daily", "x").
_TICK_MARK = re.compile(r"^\s*(?:[✓✔☑☒■]|[xX](?:\s|$))")


def _week_tracker_deadlines(t: Table) -> None:
    """An action tracker with a column per week and no "By when" column ("Action | Who | Wk 1
    to Wed 11/12 | Wk 2 to Wed 18/12"): a row's deadline is what it holds under the first week
    it is marked in -- a date written there, or for a tick that week's end ("by Wed 18/12",
    or "within 2 weeks" when the column gives no date)."""
    if "deadline" in t.column_kinds and not _WEEK_COLUMN.match(t.header[t.column_kinds.index("deadline")] or ""):
        return  # a "By when" column of its own (the first week's column may have been taken for it)
    weeks = [(h, m) for h in t.header if h and (m := _WEEK_COLUMN.match(h))]
    if len(weeks) < 2:
        return
    for rec in t.records:
        for header, m in weeks:
            cell = rec.values.get(header, "").strip()
            if not cell:
                continue
            if _TICK_MARK.match(cell):
                end = " ".join(m["end"].split())
                cell = f"by {end}" if end else f"within {m['n']} weeks"
            rec.fields["deadline"] = cell
            break


def _group_title(doc: Document, row: list[int | None]) -> bool:
    """A row whose only text is a short bold title in its first cell ("Before 18th birthday",
    "From 18th birthday (adult services)"): a heading for the rows under it, not a record."""
    first = next((c for c in row if c is not None), None)
    if first is None or first != row[0]:
        return False
    block = doc.blocks[first]
    text = block.text.strip()
    return bool(text) and block.bold and len(text.split()) <= 8 and not _SENTENCE_END.search(text)


_INDEX_CELL = re.compile(r"^\(?[A-Za-z]?\d{1,3}(?:\.\d{1,2})?[.)]?$")
_PEOPLE_KINDS = frozenset(
    {"owner", "name", "role", "agency", "agency+role", "name+role", "agency+name", "agency+name+role"}
)


def _who_names_people(t: Table) -> None:
    """ "Who | Role and agency | What they brought": with no task or date beside it, a "Who"
    column beside a role or agency names the people taking part, not an action's owner."""
    kinds = t.column_kinds
    if "owner" not in kinds or {"action", "deadline", "name"} & set(kinds):
        return
    col = kinds.index("owner")
    if normalise_title(t.header[col]) != "who":
        return  # "Agency | Last seen | Where | By whom": who saw the child, not who took part
    if any(k and {"role", "agency"} & set(k.split("+")) for k in kinds):
        kinds[col] = "name"


def _complete_action_columns(doc: Document, t: Table) -> None:
    """Read an action table's unnamed columns by what they hold.

    A plan's headers vary more than any synonym list ("Action No. | Description | Officer /
    worker | Due"): a column headed as the action that holds only numbers is the row index,
    and the action is the unnamed column with the most words; with the action and its
    deadline known, the one unnamed column of short entries is who does it.
    """
    kinds = t.column_kinds
    rows = t.cells[t.header_row + 1 :]
    if "action" not in kinds and "recipient" in kinds and {"owner", "deadline"} & set(kinds):
        # "Who needs to know | Told by | By when": telling each of them is the action
        kinds[kinds.index("recipient")] = "action"
    if "action" not in kinds:
        if not {"owner", "deadline"} <= set(kinds):
            return
        if t.header[kinds.index("deadline")].strip(" :").lower() in ("date", "dates"):
            return  # "Date | What happened | By whom" is a chronology, not a plan
        # "What we have agreed | Named worker | Date due": who and when are known, so the
        # column of longest text is what is to be done
        unnamed = [c for c, k in enumerate(kinds) if k is None and _column_values(doc, rows, c)]
        if unnamed:
            kinds[max(unnamed, key=lambda c: _mean_words(_column_values(doc, rows, c)))] = "action"
        return

    def values(col: int) -> list[str]:
        return _column_values(doc, rows, col)

    unnamed = [c for c, k in enumerate(kinds) if k is None and values(c)]
    if "deadline" not in kinds:
        # "Complete by", "Target", "Review on": a column whose cells are dates and timescales
        # says when, whatever its header calls it (two such columns: no telling which)
        timed = [c for c in unnamed if _deadline_column(values(c))]
        if len(timed) == 1:
            kinds[timed[0]] = "deadline"
            unnamed.remove(timed[0])
    col = kinds.index("action")
    index_values = values(col)
    if index_values and all(_INDEX_CELL.match(v) for v in index_values) and unnamed:
        widest = max(unnamed, key=lambda c: _mean_words(values(c)))
        kinds[col] = "number"
        kinds[widest] = "action"
        unnamed.remove(widest)
    if "deadline" in kinds and not _PEOPLE_KINDS & set(kinds):
        short = [c for c in unnamed if _mean_words(values(c)) <= 8]
        letters = {t.header[c].strip(" .:").upper(): c for c in short}
        if len(short) == 1:
            kinds[short[0]] = "owner"
        elif "R" in letters and len(letters.keys() & set("RACI")) >= 3:
            # "Action | R | A | C | I | Due": a RACI matrix, whose R (responsible) does it
            kinds[letters["R"]] = "owner"


#: Mean words per cell above which a column holds statements, not job titles.
_STATEMENT_WORDS = 12


def _deadline_column(values: list[str]) -> bool:
    """Most of a column's cells are short and each gives a date or a timescale."""
    if not values:
        return False
    timed = sum(1 for v in values if len(v.split()) <= 12 and dates.parse_deadline(v, meeting_date=None).is_real)
    return timed * 3 >= len(values) * 2


def _column_values(doc: Document, rows: list[list[int | None]], col: int) -> list[str]:
    """The filled cells of one column, each on one line."""
    out = []
    for row in rows:
        text = " ".join(_cell_text(doc, row[col]).split()) if col < len(row) else ""
        if text:
            out.append(text)
    return out


def _mean_words(values: list[str]) -> float:
    return sum(len(v.split()) for v in values) / len(values) if values else 0.0


def _continues_cell(before: str, after: str) -> bool:
    """A PDF table cell whose text goes on in the next row: it stops mid-sentence, or the
    next piece starts in lower case."""
    return bool(before) and (after[:1].islower() or not re.search(r"[.!?:;)]\s*$", before))


# -- sections ----------------------------------------------------------------------------


def _heading_level(block: Block, body_size: float | None, base: int, lexicon: Lexicon | None = None) -> int | None:
    """Level if the block opens a section (heading or pseudo-heading), else None.

    Pseudo-headings sit one level below the innermost real heading (``base``); bold-only
    ones one further below ALL-CAPS ones, so "INFORMATION FROM AGENCIES" > "Police" nests
    the same way in a PDF, a narrative .docx and a template without heading styles.
    """
    if block.kind == BlockKind.HEADING:
        return block.heading_level or 1
    if block.kind not in (BlockKind.PARAGRAPH,) or block.table is not None:
        return None
    text = block.text.strip()
    words = strip_numbering(text).split()  # "Part 2 – " is not part of the title's length
    if not words or len(words) > MAX_PSEUDO_WORDS or len(text) > 90 or "\n" in text:
        return None
    if _STATEMENT_END.search(text):
        return None
    if (label := _LABEL_VALUE.match(text)) and label.group(2) and not _subtitled(block, label, lexicon):
        return None
    larger = bool(body_size and block.font_size and block.font_size >= body_size * 1.15)
    if block.all_caps or larger:
        return base
    if block.bold:
        return base + 1
    return None


def _subtitled(block: Block, label: re.Match[str], lexicon: Lexicon | None) -> bool:
    """ "D. THE YOUNG PERSON: OWN WORDS, PRESENTATION AND REGIME" set as a title: a title,
    then after the colon what names a part (not "CHILD: NATHAN EGWU", a field and its
    answer; "Part 1: Attendance" is a part's number and its title, read elsewhere)."""
    before, after = label.group(1), label.group(2)
    return (
        lexicon is not None
        and (block.bold or block.all_caps)
        and not re.search(r"\d", before + after)
        and lexicon.section_kind(after) is not None
    )


def _body_font_size(doc: Document) -> float | None:
    sizes: dict[float, int] = {}
    for b in doc.blocks:
        if b.font_size and b.kind == BlockKind.PARAGRAPH:
            sizes[b.font_size] = sizes.get(b.font_size, 0) + len(b.text)
    return max(sizes, key=sizes.__getitem__) if sizes else None


#: A title that starts by naming the strategy discussion itself ("Strategy Discussion and
#: Threshold Decision"), not a part of one ("Reason for strategy discussion").
_NAMES_THE_DISCUSSION = re.compile(
    r"^\s*(?:(?:record|minutes?|notes)\s+of\s+(?:the\s+|a\s+)?)?strateg(?:y|ic)\s+(?:discussion|meeting)s?\b", re.I
)


def _build_sections(doc: Document, lexicon: Lexicon, form_rows: dict[int, _FormRow]) -> None:
    sections: list[Section] = []
    stack: list[Section] = []  # open sections, outermost first
    body_size = _body_font_size(doc)
    claimed: set[int] = set()
    for rows in form_rows.values():
        claimed.update(rows.content_blocks)
    form_level_base: dict[int, int] = {}  # table -> level of its rows
    current_full_width: dict[int, Section] = {}

    def open_section(title: str, level: int, block: int | None, origin: str) -> Section:
        while stack and stack[-1].level >= level:
            stack.pop()
        guided = _title_before_guidance(title)
        # "A5. Who took part? (... include anyone consulted by phone ...)": the title says
        # what the part is, its guidance only how to fill it in
        kind = (lexicon.section_kind(guided) if guided else None) or lexicon.section_kind(title)
        if not sections and kind in WHOLE_RECORD_KINDS | {"child_details"} and _NAMES_THE_DISCUSSION.search(title):
            # the record's own title, over everything in it ("Strategy Discussion and
            # Threshold Decision (SD2)", "Strategy Discussion: Child Already Subject to a
            # Child Protection Plan"): not its decision part, nor the child's details
            kind = None
        if kind is None and origin != "form-label" and normalise_title(title) == "who":
            # "C. Who" as a part of its own lists who took part; "Who | Tom Ellis" in a
            # form's action box is the action's owner
            kind = "attendees"
        if kind in ("attendees", "apologies", "consulted") and origin == "form-label" and stack:
            if stack[-1].kind == "child_voice":
                # "Who was present" in the box for when the child was seen: who was with
                # the child then, not who took part in the discussion
                kind = None
        if kind == "actions" and stack and stack[-1].kind == "actions_taken":
            kind = "actions_taken"  # "Action | Police attended 02/12" under "Immediate action already taken"
        if kind == "details" and origin == "form-label" and normalise_title(title) == "details":
            outer = next((s.kind for s in reversed(stack) if s.kind), None)
            if outer not in (None, "details"):
                # "Police | Details | PNC: ..." under "Information shared by agencies": the
                # details of the part it sits in, not the meeting's details
                kind = None
        sec = Section(
            index=len(sections),
            title=title.strip().rstrip(":").strip(),
            kind=kind,
            level=level,
            heading_block=block,
            origin=origin,
            parent=stack[-1].index if stack else None,
        )
        sections.append(sec)
        stack.append(sec)
        return sec

    numbered_titles: set[tuple[str, int] | None] = set()  # the numbering of the titles so far
    for block in doc.blocks:
        if block.is_furniture or block.kind == BlockKind.FOOTNOTE:
            continue
        i = block.index
        if i in form_rows:
            row = form_rows[i]
            if row.table not in form_level_base:
                form_level_base[row.table] = _form_base(doc, row.table, stack)
            base = form_level_base[row.table]
            real = [s for s in stack if s.origin != "form-label"]
            if (
                row.column
                and real
                and real[-1].kind in LIST_KINDS
                and lexicon.section_kind(block.text) not in MINOR_KINDS
            ):
                # the columns' parts after an "Attendees" heading and its list: the list is
                # over, and the parts are its siblings (as a titled question would be)
                base = form_level_base[row.table] = real[-1].level
            if row.full_width:
                sec = open_section(block.text, base, i, "form-label")
                sec.blocks.extend(row.content_blocks)  # a box's answer under its title
                current_full_width[row.table] = sec
            else:
                kind = lexicon.section_kind(block.text)
                group = current_full_width.get(row.table)
                # rows stay under a full-width title while they are minor fields or more of the
                # same ("Child's voice" over "The child's views, wishes and feelings";
                # "Actions" over "Action | Who | By when" rows)
                grouped = group is not None and (kind in MINOR_KINDS or kind == group.kind)
                if not grouped:
                    current_full_width.pop(row.table, None)
                level = base + 1 if grouped else base
                sec = open_section(block.text, level, i, "form-label")
                sec.blocks.extend(row.content_blocks)
                if row.column and sec.kind == "actions":
                    # "What needs to happen" over a paragraph, with no "Who" or "By when"
                    # beside it: the plan the discussion reached, not its list of actions
                    sec.kind = "decision"
            continue
        if i in claimed:
            continue
        if block.table is not None and doc.tables[block.table].parent is None:
            while stack and stack[-1].origin == "form-label" and _row_table(doc, stack[-1]) != block.table:
                # a table of its own right after a form table is not the last row's content
                # ("Apologies | ..." then the agencies' table with no title between them)
                stack.pop()
        real = [s for s in stack if s.origin in ("heading", "pdf-font")]
        base = real[-1].level + 1 if real else 2
        heading: int | None = _heading_level(block, body_size, base, lexicon)
        if heading is None and _long_numbered_title(block, numbered_titles):
            # "D5. Other partners (YJS, Early Help, housing, ...) – include those with nothing
            # known" in bold after "D4. Health": a title, however much guidance it carries
            heading = base if block.kind == BlockKind.LIST_ITEM else base + 1
        if heading is not None and block.kind != BlockKind.HEADING and is_placeholder(block.text, lexicon):
            heading = None  # "TBC" or "N/A" alone in capitals is content, not a title
        if heading is None and block.table is None:
            text = block.text.strip()
            short = len(text.split()) <= MAX_PSEUDO_WORDS and "\n" not in text
            if block.kind == BlockKind.PARAGRAPH and text.endswith(":") and short and lexicon.section_kind(text):
                # "Actions:" alone on a plain line, when the lexicon knows the title: no
                # stronger than a bold title, so the bold "Part 1 – ..." after it is its sibling
                heading = base + 1
            elif (
                block.kind == BlockKind.LIST_ITEM
                and block.bold
                and short
                and _numbered_title(block, text, body_size, lexicon, numbered_titles)
            ):
                heading = base  # a numbered bold title ("3. Lived experience") in a template's numbered list
            elif (
                block.kind == BlockKind.PARAGRAPH
                and (title := _title_before_guidance(text))
                and (lexicon.section_kind(title) or _continues_numbering(title, numbered_titles))
            ):
                # "A5. Who took part? (name, role, organisation – include anyone consulted ...)":
                # the title in bold, the template's guidance after it in brackets
                heading = base + 1
        if heading is not None and block.table is None:
            while stack and stack[-1].origin == "form-label":
                # a title typed below a form table is never one of the table's rows' parts
                # ("Apologies | ..." as the last row, then "Agency information" in bold)
                stack.pop()
            origin = "heading" if block.kind == BlockKind.HEADING else "pseudo-heading"
            if doc.format == "pdf" and block.kind == BlockKind.HEADING:
                origin = "pdf-font"
            if origin == "pseudo-heading" and real and real[-1].kind in LIST_KINDS:
                kind = lexicon.section_kind(block.text)
                if kind not in MINOR_KINDS and kind != real[-1].kind:
                    # "Q1. What is the reason ...?" in bold after an "Attendees" heading and
                    # its table: the list is over, and the questions are its siblings
                    closed = real[-1]
                    del stack[stack.index(closed) :]
                    real = [s for s in stack if s.origin in ("heading", "pdf-font")]
                    base = real[-1].level + 1 if real else 2
                    heading = _heading_level(block, body_size, base, lexicon) or base
            open_section(block.text, heading, i, origin)
            numbered_titles.add(_title_number(block.text))
            continue
        if stack and not stack[-1].blocks and _next_item(stack[-1].title, block.text):
            # "3.5 GP (RK):" in bold with nothing under it, then "3.6 Health Visiting (JF):
            # ...": the next numbered item is the empty one's sibling, not its content
            stack.pop()
        if stack:
            stack[-1].blocks.append(i)
    doc.sections = sections
    for t in doc.tables:
        first = next((c for row in t.cells for c in row if c is not None), None)
        if first is not None:
            owner = doc.section_of_block(first)
            t.section = owner.index if owner else None


_ITEM_NUMBER = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\b")


def _next_item(title: str, text: str) -> bool:
    """Whether ``text`` opens a later item of the numbered series ``title`` belongs to
    ("3.6 Health Visiting (JF): ..." after "3.5 GP (RK)")."""
    a, b = _ITEM_NUMBER.match(title), _ITEM_NUMBER.match(text or "")
    return bool(a and b and a.group(1) == b.group(1) and int(b.group(2)) > int(a.group(2)))


_TITLE_NUMBER = re.compile(r"^\s*([A-Z]{0,2})(\d{1,2})[.)]?\s")


def _title_number(text: str) -> tuple[str, int] | None:
    """The numbering of a title: "4. Arrest" -> ("", 4), "A5. Who took part?" -> ("A", 5),
    "KQ5. What does the child say ...?" -> ("KQ", 5)."""
    m = _TITLE_NUMBER.match(text)
    return (m.group(1), int(m.group(2))) if m else None


def _long_numbered_title(block: Block, seen: set[tuple[str, int] | None]) -> bool:
    """A bold line too long for a title that carries on the numbering of the titles before
    it and ends no sentence."""
    text = block.text.strip()
    return (
        # a PDF's "7. THE BABY'S WORLD – WHAT LIFE IS LIKE ..." reads as a list item (a short
        # one is the numbered-list title's job)
        (
            block.kind == BlockKind.PARAGRAPH
            or block.kind == BlockKind.LIST_ITEM
            and len(text.split()) > MAX_PSEUDO_WORDS
        )
        and block.table is None
        and block.bold
        and "\n" not in text
        and len(text.split()) <= 3 * MAX_PSEUDO_WORDS
        and not text.endswith(".")
        and _continues_numbering(text, seen)
    )


def _continues_numbering(text: str, seen: set[tuple[str, int] | None]) -> bool:
    number = _title_number(text)
    return number is not None and (number[0], number[1] - 1) in seen


#: "A5. Who took part? (name, role, organisation – include anyone consulted ...)": a numbered
#: or asking title, then the template's guidance in brackets.
_GUIDED_TITLE = re.compile(r"^(?P<title>[^()]{3,80}?)\s*\((?P<guidance>[^()]{12,})\)\s*$")


def _title_before_guidance(text: str) -> str | None:
    m = _GUIDED_TITLE.match(text)
    if m is None:
        return None
    title = m.group("title").strip()
    if len(strip_numbering(title).split()) > 8 or not (title.endswith("?") or _title_number(title)):
        return None
    return title


def _numbered_title(
    block: Block, text: str, body_size: float | None, lexicon: Lexicon, seen: set[tuple[str, int] | None]
) -> bool:
    """A bold numbered line is a title when the lexicon knows it, when it is set larger than
    the body text, or when it carries on the template's numbered titles ("4. Arrest and
    detention" after "3. Participants")."""
    if lexicon.section_kind(text):
        return True
    if body_size and block.font_size and block.font_size >= body_size * 1.05:
        return True
    return _continues_numbering(text, seen)


def _row_table(doc: Document, sec: Section) -> int | None:
    return doc.blocks[sec.heading_block].table if sec.heading_block is not None else None


def _form_base(doc: Document, table: int, stack: list[Section]) -> int:
    """The level of a form table's rows.

    A table nested in a cell sits under that cell's row.  A top-level form table sits under
    the innermost heading (never under the rows of an earlier form table: two form tables
    one after the other are siblings, not one inside the other).
    """
    if doc.tables[table].parent is not None:
        return (stack[-1].level + 1) if stack else 1
    real = [s for s in stack if s.origin != "form-label"]
    return (real[-1].level + 1) if real else 1


def _assign_paths(doc: Document) -> None:
    by_index = {s.index: s for s in doc.sections}

    def path(sec: Section) -> tuple[str, ...]:
        out = [sec.title]
        while sec.parent is not None:
            sec = by_index[sec.parent]
            out.append(sec.title)
        return tuple(reversed(out))

    for sec in doc.sections:
        p = path(sec)
        if sec.heading_block is not None:
            doc.blocks[sec.heading_block].section_path = p
        for b in sec.blocks:
            doc.blocks[b].section_path = p


# -- metadata ----------------------------------------------------------------------------


def label_value_lines(doc: Document) -> list[tuple[str, int]]:
    """Body text as lines, with form rows and table rows joined as 'label: value'.

    Used to find the meeting date and the child's date of birth whatever the layout.
    """
    lines: list[tuple[str, int]] = []
    joined_rows: list[tuple[str, int]] = []
    label_of: dict[int, str] = {}
    for t in doc.tables:
        for row in t.cells:
            cells = list(dict.fromkeys(c for c in row if c is not None))
            if len(cells) >= 2:
                label_of[cells[1]] = " ".join(_cell_text(doc, cells[0]).split())
            if len(cells) >= 4 and len(cells) % 2 == 0:
                # "Label | value | Label | value" forms: every other cell labels the next
                for i in range(2, len(cells) - 1, 2):
                    label = " ".join(_cell_text(doc, cells[i]).split())
                    if label and len(label.split()) <= MAX_LABEL_WORDS:
                        label_of[cells[i + 1]] = label
        if t.header and t.records and not _is_log(t):
            for rec in t.records:
                joined = "; ".join(f"{k}: {v}" for k, v in rec.values.items() if v)
                joined_rows.append((joined, rec.blocks[0] if rec.blocks else -1))
        else:
            joined_rows.extend(_column_rows(doc, t.cells))
    for b in doc.body_blocks():
        if b.kind == BlockKind.FOOTNOTE:
            continue
        for line in b.text.splitlines():
            if b.index in label_of:
                line = f"{label_of[b.index]}: {line}"
            lines.append((line, b.index))

    # in the order of the record: "near the top" and "the first date label" mean what they say.
    # A table's joined row goes where its row is, after the row's own cells: a column title
    # alone on its line ("When") is followed by the cells under it, not by a joined row
    def place(item: tuple[str, int]) -> tuple[int, int]:
        block = doc.blocks[item[1]] if 0 <= item[1] < len(doc.blocks) else None
        if block is None or block.table is None or block.row is None:
            return (item[1], 1)
        row = doc.tables[block.table].cells[block.row]
        return (max([c for c in row if c is not None], default=item[1]), 1)

    ordered = [((b, 0), (line, b)) for line, b in lines] + [(place(item), item) for item in joined_rows]
    return [item for _, item in sorted(ordered, key=lambda pair: pair[0])]


_LOG_COLUMN = re.compile(r"^\s*(?:date|time|date\s*(?:and|&|/)\s*time)\s*$", re.I)


def _is_log(t: Table) -> bool:
    """A table whose first column dates each row ("Date and time | Staff | Entry"): a log
    of what happened, where "Date" is each entry's, not the meeting's."""
    first = t.header[0] if t.header else ""
    if not _LOG_COLUMN.match(first):
        return False
    values = {rec.values.get(first, "").strip() for rec in t.records}
    return len(values - {""}) >= 2


def _column_rows(doc: Document, cells: list[list[int | None]]) -> list[tuple[str, int]]:
    """A table no reading typed whose first row names its columns ("Name | DOB / EDD | Age |
    Gender"): each later row as "Name: Ayaan; DOB / EDD: 08/11/2024; Age: 4 months"."""
    if len(cells) < 2 or len(cells[0]) < 3:
        return []
    head = [" ".join(_cell_text(doc, c).split()) for c in cells[0]]
    if not all(head) or any(re.search(r"\d", h) or len(h.split()) > 6 for h in head):
        return []
    firsts = {_cell_text(doc, row[0]).strip() for row in cells[1:] if row and row[0] is not None}
    if _LOG_COLUMN.match(head[0]) and len(firsts - {""}) >= 2:
        return []  # "Date and time | Staff | Entry": a log, each row dated when it happened
    out: list[tuple[str, int]] = []
    for row in cells[1:]:
        pairs = [(h, " ".join(_cell_text(doc, c).split())) for h, c in zip(head, row, strict=False)]
        joined = "; ".join(f"{h}: {v}" for h, v in pairs if v)
        first = next((c for c in row if c is not None), None)
        if joined and first is not None:
            out.append((joined, first))
    return out


_ADULT = re.compile(
    r"\b(mother|father|mum|dad|parent|partner|stepfather|stepmother|grandmother|grandfather|"
    r"uncle|aunt|brother|sister|sibling|carer|boyfriend|girlfriend)s?\b",
    re.I,
)


def _child_lines(doc: Document, lines: list[tuple[str, int]]) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Lines that can state the child's age, never adults' lines: those in child-details
    sections, and the rest."""
    child_blocks = {b.index for s in doc.sections if s.kind == "child_details" for b in doc.section_blocks(s)}
    usable = [(t, b) for t, b in lines if not _ADULT.search(t)]
    return [(t, b) for t, b in usable if b in child_blocks], [(t, b) for t, b in usable if b not in child_blocks]


def _age_from_lines(doc: Document, lines: list[tuple[str, int]]) -> None:
    from . import dates

    for text, block in lines:
        months = dates.find_child_age_months(text)
        if months is not None:
            doc.metadata.child_age_months = months
            doc.metadata.child_age_block = block
            return


_STRATEGY_IN = re.compile(r"\b(?:strategy|strat|meeting|discussion)\b", re.I)


def _extract_metadata(doc: Document) -> None:
    from . import dates

    lines = label_value_lines(doc)
    texts = [l for l, _ in lines]
    found = dates.find_meeting_date(texts)
    if found:
        doc.metadata.meeting_date, line_no = found
        doc.metadata.meeting_date_block = lines[line_no][1]
    else:
        # "Strategy discussion – 14/03/2025" in the page header
        furniture = [
            (line, b.index) for b in doc.blocks if b.is_furniture for line in b.text.splitlines() if line.strip()
        ]
        found = dates.find_meeting_date([l for l, _ in furniture]) if furniture else None
        # the label may end one header line and its date start the next
        near = " ".join(l for l, _ in furniture[max(0, found[1] - 1) : found[1] + 1]) if found else ""
        if found and dates.find_dates(furniture[found[1]][0]) and _STRATEGY_IN.search(near):
            doc.metadata.meeting_date, line_no = found
            doc.metadata.meeting_date_block = furniture[line_no][1]
    dob = dates.find_child_dob(texts)
    if dob is None:
        # "Child: Tomasz WRONA (DOB 21/05/2015) | ..." in the page header of every page
        dob = dates.find_child_dob([b.text for b in doc.blocks if b.is_furniture])
    if dob:
        doc.metadata.child_dob = dob[0]
    # an age stated in the child's details is the child's; an age elsewhere ("Kirsty was
    # looked after from age 13") may be anyone's, so the date of birth against the meeting
    # date comes before it
    details, elsewhere = _child_lines(doc, lines)
    _age_from_lines(doc, details)
    if doc.metadata.child_age_months is None and doc.metadata.child_dob and doc.metadata.meeting_date:
        d, m = doc.metadata.child_dob, doc.metadata.meeting_date
        months = (m.year - d.year) * 12 + (m.month - d.month) - (1 if m.day < d.day else 0)
        if months >= 0:
            doc.metadata.child_age_months = months
    if doc.metadata.child_age_months is None:
        _age_from_lines(doc, elsewhere)
    if doc.metadata.child_age_months is None and doc.metadata.child_dob:
        # no meeting date: the record's latest dated event (actions, a review) is within
        # weeks of the meeting, and an age a little too old never makes a child a baby
        born = doc.metadata.child_dob
        later = [f.date for text in texts for f in dates.find_dates(text) if f.date > born]
        if later:
            doc.metadata.child_age_months = dates.age_in_months(born, max(later))
