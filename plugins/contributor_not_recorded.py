"""SL103 contributor-not-recorded: someone gave information outside the meeting but is not listed."""

from __future__ import annotations

import re

from strategy_lint import Option, Report, Rule, Severity, hookimpl
from strategy_lint.extract.attendees import CONVENOR_AGENCIES, initials_of, participants, same_agency
from strategy_lint.nlp import mentions

#: Sections that describe the meeting itself, the plan, or the list of people: a phone
#: contact there is not information given outside the meeting.
_SKIP_KINDS = frozenset(
    {"attendees", "consulted", "apologies", "distribution", "details", "child_details", "actions",
     "next_steps", "author"}
)
#: Clause boundaries inside a sentence (who was contacted is read within one clause).
_CLAUSE = re.compile(r"[;:]|[.!?](?=\s)|\b(?:after|before|when|whereas|while|because|although|but|however)\b", re.I)
#: Verbs whose object is the person contacted ("Tom contacted the GP").
_ACTIVE = re.compile(
    r"^(?:contacted|telephoned|phoned|e-?mailed|rang|texted|consulted|consulted with|spoke (?:to|with)|"
    r"spoken (?:to|with)|speaking to|left a message|contact made with|checks completed with|consultation with)$",
    re.I,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+\s+)?$", re.I)
#: Future, planned or failed contact: not information given.
_NOT_GIVEN = re.compile(
    r"\b(?:will|should|shall|must|needs? to|going to|could not|couldn't|cannot|can't|unable|not able|"
    r"not been|no response|no reply|did not|didn't|not yet|tried to|attempt\w*|"
    r"to (?:contact|phone|telephone|e-?mail|speak|ring|call|consult))\b",
    re.I,
)
_SHORT_HEADING = 14


class ContributorNotRecorded(Rule):
    """## What it checks
    That every professional or agency the record shows giving information outside the
    meeting (by phone, email or Teams message, "spoke to", "contacted", "telephoned",
    "consulted by telephone") is recorded among those who took part or were consulted:
    the attendees list, a "Consulted outside the meeting" section, or a mode column such
    as "Consulted by telephone". It names the agency (or person) and points at the
    sentence or subheading that mentions the contact.

    It reads only what happened, not plans ("Police to contact the school", "could not
    be contacted"), and not the meeting details ("police joined by telephone").
    Children's social care, its front door and out-of-hours team convene the discussion
    and are not reported.

    ## Why it matters
    The 2016 multi-agency audit found the notes "did not clearly reflect who had been
    involved": conversations with professionals by telephone or email outside the main
    meeting were missing. Agencies that receive the record but not the case notes need
    to know whose information it holds.

    ## Example
    A record that fires (no one from housing is listed):

    ```markdown
    ## Agency information
    Marcus Webb contacted Eastmoor Housing Options by phone on 02/02/2016; the tenancy
    is secure.
    ```

    A record that passes:

    ```markdown
    ## Consulted outside the meeting
    | Name | Role | Agency | How consulted |
    |---|---|---|---|
    | Gemma Stott | Housing Officer | Eastmoor Housing Options | Telephone, 02/02/2016 |
    ```

    ## How to fix
    Add the person to a "Consulted outside the meeting" section (or the attendees table
    with a "how took part" column): name, role, agency, and how and when they were
    consulted.
    """

    code = "SL103"
    name = "contributor-not-recorded"
    summary = "Someone gave information outside the meeting but is not recorded as a contributor."
    default_severity = Severity.ERROR
    fix = (
        "List them under 'Consulted outside the meeting' with name, role, agency and how they were "
        "consulted (e.g. 'Telephone, 14/03/2016')."
    )
    options = {
        "ignore_contact_words": Option(
            ["called", "phone", "text", "teams", "call"],
            "contact words that are too ambiguous on their own ('police were called', 'his phone')",
        ),
    }
    needs_nlp = True

    def check(self, document, ctx):
        nlp = ctx.nlp
        people = participants(document, nlp, ctx.lexicon)
        recorded = [p for p in people if p.took_part or _contributed(p.row_text)]
        initials = set(initials_of(people))
        ignore = {w.lower() for w in ctx.options["ignore_contact_words"]}
        reported: set[str] = set()
        for block, text in _units(document):
            for key, mention, agency_text in _contacts(nlp, text, initials, ignore):
                if key in CONVENOR_AGENCIES or key in reported:
                    continue
                if any(same_agency(key, p.agency_key) for p in recorded):
                    continue
                if _names_recorded_person(agency_text, recorded):
                    continue
                reported.add(key)
                yield Report(
                    message=(
                        f'"{mention}" gave information outside the meeting ({_contact_word(text)}) but is not '
                        "recorded among those who took part or were consulted."
                    ),
                    fix=(
                        "Add them to 'Consulted outside the meeting' (name, role, agency, and how and "
                        "when they were consulted)."
                    ),
                    block=block,
                    excerpt=_one_line(text),
                )


def _contributed(row: str) -> bool:
    return bool(re.search(r"phone|e-?mail|report|sent|written|teams", row, re.I))


def _units(document):
    """(block, text) for each line of the body outside the skipped sections."""
    skip_blocks: set[int] = set()
    for sec in document.sections:
        if sec.kind in _SKIP_KINDS:
            skip_blocks.update(b.index for b in document.section_blocks(sec))
            if sec.heading_block is not None:
                skip_blocks.add(sec.heading_block)
    for b in document.body_blocks():
        if b.index in skip_blocks or not b.text.strip():
            continue
        sec = document.section_of_block(b.index)
        if sec is not None and _kind_through_parents(document, sec) in _SKIP_KINDS:
            continue
        for line in b.text.split("\n"):
            if line.strip():
                yield b.index, line.strip()


def _kind_through_parents(document, sec):
    while sec is not None:
        if sec.kind:
            return sec.kind
        sec = document.sections[sec.parent] if sec.parent is not None else None
    return None


def _contacts(nlp, text: str, initials: set[str], ignore: set[str]):
    """(agency key, how to name it, surrounding text) for each agency contacted in ``text``."""
    found = mentions(nlp, text, initials)
    contacts = [m for m in found if m.label == "CONTACT" and m.text.lower() not in ignore]
    if not contacts:
        return
    agencies = _agency_mentions(nlp, found)
    if len(text.split()) <= _SHORT_HEADING and not re.search(r"[.!?]\s*$", text) and " said" not in text:
        # a subheading such as "GP (Riverside Surgery), consulted by telephone"
        for m in agencies:
            yield m.key, _name_of(text, m), text
        return
    spans = _clauses(text)
    seen: set[str] = set()
    for c in contacts:
        before = text[: c.start]
        start, end = next(((s, e) for s, e in spans if s <= c.start < e), (0, len(text)))
        if _NOT_GIVEN.search(text[start : c.start]):
            continue  # a plan or a failed attempt: no information was given
        if _PASSIVE_BEFORE.search(before[-20:]):
            lo, hi = start, c.start  # "the GP was contacted": the subject
        elif _ACTIVE.match(c.text):
            lo, hi = c.end, end  # "Tom contacted the GP": the object
        else:
            lo, hi = start, end  # "by phone", "Email received from ...": the whole clause
        for m in agencies:
            if lo <= m.start < hi and m.key not in seen:
                seen.add(m.key)
                yield m.key, _name_of(text, m), text[lo:hi]


def _agency_mentions(nlp, found):
    from strategy_lint.nlp import to_agencies  # role -> agency mapping of the pipeline

    return [m for m in to_agencies(nlp, found) if m.key]


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _name_of(text: str, m) -> str:
    """The agency as written, widened to the capitalised words before it ("Eastmoor Housing Options")."""
    words = text[: m.start].split()
    lead = []
    for w in reversed(words):
        if w[:1].isupper() and w.isalpha() and w.lower() not in {"the", "a", "an", "by", "to"}:
            lead.insert(0, w)
        else:
            break
    tail = re.match(r"(?:\s+[A-Z][a-z]+)*", text[m.end :])
    name = " ".join(lead + [m.text]) + (tail.group(0) if tail else "")
    return name.strip() if m.role is None else m.text


def _names_recorded_person(text: str, recorded) -> bool:
    for p in recorded:
        parts = [w for w in p.name.split() if w[:1].isupper()]
        if len(parts) >= 2 and " ".join(parts[-2:]) in text:
            return True
    return False


_HOW = [
    (re.compile(r"teams", re.I), "by Teams"),
    (re.compile(r"e-?mail", re.I), "by email"),
    (re.compile(r"phone|rang|voicemail", re.I), "by telephone"),
    (re.compile(r"text", re.I), "by text"),
    (re.compile(r"spoke|spoken|speaking", re.I), "spoke to"),
    (re.compile(r"report|written", re.I), "in writing"),
]


def _contact_word(text: str) -> str:
    """How the information came, for the message: the medium if the text names one."""
    for pattern, word in _HOW:
        if pattern.search(text):
            return word
    return "contacted"


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:117] + "..."


@hookimpl
def strategy_lint_rules():
    return [ContributorNotRecorded]
