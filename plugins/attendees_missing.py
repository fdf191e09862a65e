"""SL101 attendees-missing: the record does not say who took part."""

from __future__ import annotations

import re
from collections.abc import Iterator

from strategy_lint import Confidence, Document, Report, Rule, RuleContext, Severity, hookimpl

#: Attendance written in prose or as a bare label anywhere in the record: evidence that
#: the record says who took part even where no list could be read.
_ATTENDANCE = re.compile(
    r"^\s*(?:present|attendees|attendance|in\s+attendance|participants|those\s+present|also\s+present)\s*[:\-–]\s*\S"
    # "were present at the meeting" -- not "Lacey was present during the incident"
    r"|\b(?:present\s+(?:were|was)|(?:were|was)\s+present(?:\s*[:\-–]|\s+(?:at|for|in|on)\s+(?:the\s+|this\s+)?(?:meeting|discussion|strategy|call))|attended\s+by|the\s+following\s+(?:\w+\s+)?(?:attended|took\s+part|were\s+present)"
    r"|(?:attended|joined)\s+(?:the\s+)?(?:meeting|discussion|strategy|call))\b",
    re.I,
)


#: A person named: a title and a surname ("DC Shaw", "Dr Amy Rao") or a first name and a
#: surname ("Jo Bell").  "As per Teams invite" or "Police, CSC, school" name nobody.
_NAMES_SOMEONE = re.compile(
    r"\b(?:Dr|DC|DS|DI|DCI|PC|PCSO|Sgt|Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+[A-Z][a-z'’-]+"
    # on one line: "Name" over "Role / agency" in a table's header names nobody
    r"|\b[A-Z][a-z'’-]{1,}[ \t]+(?:[A-Z]\.?[ \t]+)?[A-Z][a-z'’-]{2,}\b(?!\s+(?:Police|Council|School|Academy|Surgery|Centre|Service|Team|Trust|Hospital|Partnership|Project))"
)


_OUTSIDE = re.compile(r"\b(?:outside|separately|before|after|also|other|additional|contributions?)\b", re.I)


class AttendeesMissing(Rule):
    """## What it checks
    That the record lists who took part in the strategy discussion: an "Attendees",
    "Participants", "Those present" or "Who took part" section (or a Name / Role / Agency
    table) with at least one entry in it. It fires when there is no such section or
    table, or when the section is empty or holds only a placeholder ("N/A", "TBC",
    "see attached"). A list of people consulted outside the meeting, or of apologies,
    does not replace the list of those who took part in the discussion itself.

    ## Why it matters
    The 2016 multi-agency audit found that strategy notes "did not clearly reflect who
    had been involved". Agencies that receive the record but not the case notes need to
    know who shared information and who agreed the decisions, and guidance asks for the
    name, role and organisation of every participant.

    ## Example
    A record that fires:

    ```markdown
    ## Attendees
    TBC
    ```

    A record that passes:

    ```markdown
    ## Attendees
    | Name | Role | Agency |
    |---|---|---|
    | Hannah Reed | Team Manager (Chair) | Children's Social Care |
    | DC Tom Hale | Detective Constable | Westvale Police |
    ```

    ## How to fix
    Add an "Attendees" section listing each person who took part, with their name, role
    and agency, and how they joined (in person, Teams, phone). List people consulted by
    phone or email outside the meeting under "Consulted outside the meeting".
    """

    code = "SL101"
    name = "attendees-missing"
    summary = "No record of who took part in the strategy discussion."
    default_severity = Severity.ERROR
    fix = (
        "Add an 'Attendees' section listing each person's name, role and agency (and how they "
        "took part); list anyone consulted by phone or email under 'Consulted outside the meeting'."
    )
    needs_nlp = True

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        facts = ctx.facts
        phone = facts.meeting.mode == "phone"

        def part_of_it(p) -> bool:
            if p.source == "field":
                return False  # "Chair: Jo Bell" names the chair, not who took part
            if not p.name:
                return False  # "Police", "Duty TM, MASH": agencies or roles, nobody named
            if p.listed_as not in ("consulted", "apologies"):
                return True
            if p.listed_as == "consulted" and p.mode in ("present", "teams"):
                return True  # "Who contributed | ... | Teams call": their own entry says they joined it
            if not phone or p.listed_as == "apologies" or p.block is None:
                return False
            sec = document.section_of_block(p.block)
            return not (sec and _OUTSIDE.search(" ".join(document.blocks[p.block].section_path or (sec.title,))))

        if any(p.took_part and part_of_it(p) for p in facts.participants):
            return  # people consulted outside the meeting are not who took part in it -- unless
            # the discussion itself was a round of phone calls ("Those consulted")
        sections = [s for s in document.sections if s.kind == "attendees"]
        for sec in sections:
            text = _list_text(document, sec, facts)
            if text.strip() and not _only_placeholders(text, facts) and _NAMES_SOMEONE.search(text):
                return  # someone is named there, even if not in a list we can read
        if any(_ATTENDANCE.search(b.text) and _NAMES_SOMEONE.search(b.text) for b in document.body_blocks() if b.text):
            return  # "Present were Jo Bell ..." somewhere: the record does say who took part
        empty = facts.empty_attendee_lists
        if empty and not sections:
            title, block = empty[0]
            yield Report(
                message="The list of who took part ({title}) was left unfilled: the record does not say who took part.",
                values={"title": title},
                block=block,
            )
            return
        if sections:
            sec = sections[0]
            written = document.section_text(sec).strip() and not _only_placeholders(document.section_text(sec), facts)
            yield Report(
                message=(
                    "The {title} section names nobody: the record does not say who took part."
                    if written
                    else "The {title} section is empty: the record does not say who took part."
                ),
                values={"title": sec.title},
                block=sec.heading_block,
                section=sec.title,
            )
            return
        yield Report(
            message="The record has no list of who took part (no Attendees or Participants section or table).",
            confidence=Confidence.HIGH if _searched_everywhere(document, facts) else facts.reading.understood,
        )


def _searched_everywhere(document: Document, facts) -> bool:
    """Whether nothing in the record could be a list we did not read: every table we did
    not understand names nobody in a cell of its own, and no line is written as someone's
    entry -- then "no list" holds however the record is laid out (a letter to the file with
    no headings, a RAG grid of domains)."""
    return not facts.entry_lines and not any(
        _names_someone_in_a_cell(document, t) for t in facts.reading.unrecognised_tables
    )


def _names_someone_in_a_cell(document: Document, table: int) -> bool:
    """A short cell naming a person ("Dr Amy Rao", "Jo Bell (SW)"): where a list of people
    would be; a sentence in a cell that names someone is what happened, not a list."""
    return any(
        len(document.blocks[c].text.split()) <= 8 and _NAMES_SOMEONE.search(document.blocks[c].text)
        for row in document.tables[table].cells
        for c in row
        if c is not None
    )


#: Columns of a people table that say what was said or agreed, not who took part.
_NOT_WHO = frozenset({"contribution", "action", "deadline", "status"})


def _list_text(document: Document, sec, facts) -> str:
    """The section's text without what its table says people said ("Information shared:
    Kirsty Lowe registered ..." names the mother, not someone who took part), its table's
    header row, and entries that only point elsewhere ("See Teams invite")."""
    lines: list[str] = []
    for b in document.section_blocks(sec):
        if b.table is not None and b.column is not None:
            table = document.tables[b.table]
            kinds = table.column_kinds
            if b.column < len(kinds) and kinds[b.column] in _NOT_WHO:
                continue
            if any(kinds) and b.row is not None and b.row <= table.header_row:
                continue  # "Name | Role / agency | Attendance" names nobody
        lines.extend(line for line in b.text.splitlines() if not facts.is_placeholder(line))
    return "\n".join(lines)


def _only_placeholders(text: str, facts) -> bool:
    lines = [ln.strip(" -*•\t") for ln in text.splitlines() if ln.strip(" -*•\t")]
    return all(facts.is_placeholder(ln) for ln in lines)


@hookimpl
def strategy_lint_rules():
    return [AttendeesMissing]
