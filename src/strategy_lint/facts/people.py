"""Who took part, who was consulted outside the meeting, and each agency's input.

Participants come from the attendee reading (tables, "Name (Role, Agency)" lines, "Present:"
sentences, form rows), each with how sure the reading of its entry is.  Agencies are the
participants grouped by canonical identity (a surgery for the GP, "CAIT" for the police),
plus agencies the record says were contacted by phone or email.  An agency's *input* is
any line outside the lists and the plan that names it, one of its people (by name,
"Title Surname" or initials) or sits under its heading: "no concerns" counts.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..extract.attendees import (
    CONVENOR_AGENCIES,
    PARTICIPANT_KINDS,
    initials_of,
    is_mode_part,
    participants,
    rejoined,
    same_agency,
    unwrapped,
)
from ..extract.phrases import phrase_pattern
from ..lexicon import normalise_title
from ..nlp import agencies_in_many, is_placeholder, mentions, to_agencies
from .model import Agency, Confidence, Participant
from .text import drop_unticked, labelled_lines, sentences

if TYPE_CHECKING:  # pragma: no cover
    from . import Facts

__all__ = ["read_participants", "read_agencies", "read_contacts", "Contact", "CONVENOR_AGENCIES", "same_agency"]

#: Sections where an agency's input is recorded (everything but the lists, the plan and
#: the meeting details: an action for the police is not information from the police).
_NOT_INPUT = frozenset(
    {"attendees", "consulted", "apologies", "distribution", "details", "child_details", "author", "decision"}
)
#: Where children's social care's own input shows (it convenes and decides).
_CONVENOR_KINDS = ("reason", "decision", "actions", "risk", "agency_info")
_POINTER = re.compile(r"^\s*(?:yes\b|y\b|see\b|provided\b|as above\b|below\b|attached\b)", re.I)
#: Sections that describe the meeting itself, the plan, or the list of people: a phone
#: contact there is not information given outside the meeting.
_SKIP_KINDS = frozenset(
    {
        "attendees",
        "consulted",
        "apologies",
        "distribution",
        "details",
        "child_details",
        "actions",
        "next_steps",
        "author",
    }
)
#: Clause boundaries inside a sentence (who was contacted is read within one clause).
_CLAUSE = re.compile(
    r";|(?<!\d):(?!\d)|[.!?](?=\s)|\b(?:when|whereas|while|because|although|but|however)\b"
    # "after the meeting", "before the call": when, not a second clause
    r"|\b(?:after|before)\b(?!\s+(?:the\s+|this\s+|today['’]s\s+)?(?:strategy\s+)?(?:meeting|discussion|call|strat|sd)\b)",
    re.I,
)
#: Verbs whose object is the person contacted ("Tom contacted the GP").
_ACTIVE = re.compile(
    r"^(?:contacted|telephoned|phoned|e-?mailed|rang|rung|texted|consulted|consulted with|spoke (?:to|with)|"
    r"spoken (?:to|with)|speaking to|left a message|contact made with|checks completed with|consultation with)$",
    re.I,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+\s+)?$", re.I)
#: Future, planned or failed contact: not information given.
_NOT_GIVEN = re.compile(
    r"\b(?:will|should|shall|must|needs? to|going to|could not|couldn't|cannot|can't|unable|not able|"
    r"not been|no response|no reply|did not|didn't|not yet|tried to|attempt\w*|"
    r"to (?:contact|phone|telephone|e-?mail|speak|ring|call|consult)|(?:is|are) to be)\b",
    re.I,
)
_SHORT_HEADING = 14
_NOT_BEFORE = re.compile(r"\b(?:not|never)\s+(?:been\s+|yet\s+)?$", re.I)


class Contact:
    """An agency the record says gave information outside the meeting (phone, email)."""

    __slots__ = ("key", "name", "block", "text", "how", "recorded", "named_elsewhere")

    def __init__(
        self, key: str, name: str, block: int, text: str, how: str, recorded: bool, named_elsewhere: bool = True
    ) -> None:
        self.key, self.name, self.block, self.text, self.how, self.recorded = key, name, block, text, how, recorded
        #: the organisation or a person of the contact is named in another block of the record:
        #: it may be listed there in a layout the reading did not follow
        self.named_elsewhere = named_elsewhere

    def __repr__(self) -> str:  # no record text in reprs
        return f"Contact(key={self.key!r}, block={self.block}, recorded={self.recorded})"


# -- participants ----------------------------------------------------------------------------


def read_participants(facts: Facts) -> list[Participant]:
    out = []
    for p in participants(facts.document, facts.nlp, facts.lexicon):
        if not p.name and _REFERENCE_ELSEWHERE.match(p.row_text.strip()):
            continue  # "As per Teams invite (see LADO log)": a pointer to a list, nobody named here
        source = "table" if p.table is not None else "field" if getattr(p, "from_field", False) else "list"
        confidence = Confidence.HIGH if source == "table" else Confidence.MEDIUM
        out.append(
            Participant(
                name=p.name,
                role=p.role,
                agency=p.agency,
                agency_key=p.agency_key,
                mode=p.mode,
                block=p.block,
                row_text=p.row_text,
                listed_as=p.section_kind,
                contribution=p.contribution,
                initials=p.initials,
                table=p.table,
                row=p.row,
                source=source,
                combined=getattr(p, "combined", False),
                confidence=confidence,
            )
        )
    _fill_from_namesakes(out)
    _expand_acronyms(facts, out)
    return out


#: Words an organisation's initials skip: "Children and Families Service" is "CFS".
_INITIALS_SKIP = frozenset("and of the for & in".split())


def _expand_acronyms(facts: Facts, people: list[Participant]) -> None:
    """An agency written by initials the lexicon does not know ("Orrisford CFS") is the
    agency the record spells out with those initials ("Orrisford Borough Council, Children
    and Families Service"): one agency, not an unknown one whose input is missing."""
    tokens = {p.agency: re.findall(r"\b[A-Z]{2,6}\b", p.agency) for p in people if p.agency and not p.agency_key}
    spelt = {t: _spelt_out(facts, t) for ts in tokens.values() for t in set(ts)}
    for i, p in enumerate(people):
        keys = {spelt[t] for t in tokens.get(p.agency, []) if spelt[t]} if not p.agency_key else set()
        if len(keys) == 1:
            people[i] = replace(p, agency_key=keys.pop())


def _spelt_out(facts: Facts, initials: str) -> str:
    """The agency key of the capitalised phrase in the record whose initials are
    ``initials``, or "" when there is none (or more than one agency fits)."""
    words = r"[A-Z][\w'’-]*"
    skip = r"(?:\s+(?:" + "|".join(map(re.escape, _INITIALS_SKIP)) + r"))*"
    phrase = re.compile(rf"\b{words}(?:{skip}\s+{words}){{{len(initials) - 1}}}\b")
    keys: set[str] = set()
    for b in facts.document.blocks:
        if not b.text or b.is_furniture:
            continue
        for m in phrase.finditer(b.text):
            letters = "".join(w[0] for w in m.group(0).split() if w.lower() not in _INITIALS_SKIP)
            if letters.upper() == initials:
                keys.update(facts.agencies_named_in(m.group(0)))
    return keys.pop() if len(keys) == 1 else ""


def _person_key(name: str) -> str:
    words = [w for w in re.sub(_TITLE, " ", name).split() if w[:1].isupper()]
    return " ".join(words).lower() if len(words) >= 2 else ""


def _fill_from_namesakes(people: list[Participant]) -> None:
    """One person written twice ("Dr Paul Fisher | GP, Westbrook Medical Centre" in the table,
    "Consulted outside the meeting: Dr Paul Fisher (phone)" below it): the record gives the
    role and agency once, and the bare mention borrows them."""
    full = {}
    for p in people:
        key = _person_key(p.name)
        if key and p.role and p.agency and key not in full:
            full[key] = p
    for p in people:
        known = full.get(_person_key(p.name))
        if known is None or known is p or (p.role and p.agency):
            continue
        p.role = p.role or known.role
        if not p.agency:
            p.agency, p.agency_key = known.agency, p.agency_key or known.agency_key


# -- agencies and their input -------------------------------------------------------------------


def read_agencies(facts: Facts) -> list[Agency]:
    document, lexicon = facts.document, facts.lexicon
    people = facts.participants
    agencies: dict[str, Agency] = {}
    for p in people:
        key = p.agency_key or _norm(p.agency)
        if not key:
            continue
        agency = agencies.get(key)
        if agency is None:
            spec = lexicon.agencies.get(key, {})
            agency = agencies[key] = Agency(
                key=key, name=str(spec.get("name") or p.agency or key), known=bool(p.agency_key)
            )
        agency.participants.append(p)
        if p.agency and p.agency not in agency.aliases:
            agency.aliases.append(p.agency)
        if p.took_part and p.mode not in ("phone", "email", "consulted") and p.listed_as != "consulted":
            agency.took_part = True
        elif p.took_part:
            agency.contacted = True
    for c in facts.contacts:
        agency = agencies.get(c.key)
        if agency is None:
            spec = lexicon.agencies.get(c.key, {})
            agency = agencies[c.key] = Agency(key=c.key, name=str(spec.get("name") or c.name))
        agency.contacted = True
        if c.name not in agency.aliases:
            agency.aliases.append(c.name)
    took_part = [p for p in people if p.took_part]
    credited = _credited(facts, took_part, initials_of(took_part))
    pending = _awaited(facts, list(agencies))
    convenor_spoke = _convenor_spoke(document, lexicon)
    for key, agency in agencies.items():
        blocks = sorted({b for k, bs in credited.items() if same_agency(key, k) for b in bs})
        rows = [p for p in agency.participants if _real_contribution(p.contribution, lexicon)]
        blocks += [p.block for p in rows if p.block is not None]
        if key in CONVENOR_AGENCIES and convenor_spoke is not None:
            blocks.append(convenor_spoke)
        agency.input_blocks = sorted(set(blocks))
        agency.pending = bool(pending.get(key)) and not agency.input_blocks
        texts = [document.blocks[b].text for b in agency.input_blocks] + [p.contribution for p in rows]
        no_concerns = lexicon.phrase_list("no_concerns")
        agency.no_concerns = any(n in t.lower() for t in texts for n in no_concerns)
    _same_organisation(agencies, lexicon)
    for agency in agencies.values():
        if not agency.input_blocks:
            agency.named_elsewhere = _agency_named_elsewhere(document, lexicon, agency)
            agency.blank_place = _blank_place(facts, agency)
    return list(agencies.values())


def _blank_place(facts: Facts, agency: Agency) -> int | None:
    """The title block of a place in the agencies' information part titled with this agency
    ("3.5 GP (RK):", a "Police |" row) with nothing written in it, or only a placeholder."""
    document = facts.document
    for sec in document.sections:
        if sec.kind is not None or "agency_info" not in _kinds_up(document, sec):
            continue
        if not any(same_agency(agency.key, key) for key in facts.agencies_named_in(sec.title)):
            continue
        if any(s.parent == sec.index for s in document.sections):
            continue  # a part of its own, with parts under it
        blocks = [b for b in document.section_blocks(sec) if b.index != sec.heading_block]
        if all(not b.text.strip() or facts.is_placeholder(b.text) for b in blocks):
            return sec.heading_block
    for sec in document.sections:
        if "agency_info" not in _kinds_up(document, sec):
            continue
        # "3.5 GP (RK):" as a line of the part, then the next agency's "3.6 Health Visiting
        # (JF): ..." (or the part's end): a label with nothing after it
        lines = [b for b in document.section_blocks(sec) if b.table is None and b.index != sec.heading_block]
        for k, b in enumerate(lines):
            after = lines[k + 1] if k + 1 < len(lines) else None
            m = _ITEM_LABEL.match(b.text)
            if m is None or m["rest"].strip() and not facts.is_placeholder(m["rest"]):
                continue
            if after is not None and not _ITEM_LABEL.match(after.text):
                continue  # "GP:" over the lines that give what the GP said
            if any(same_agency(agency.key, key) for key in facts.agencies_named_in(m["label"])):
                return b.index
    return None


#: A labelled item of a part, numbered or not ("3.5 GP (RK): ...", "Police: ...").
_ITEM_LABEL = re.compile(
    r"^\s*(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+)?(?P<label>[A-Za-z][^:\n]{1,60}):[ \t]*(?P<rest>[^\n]*)$"
)


def _agency_named_elsewhere(document: Any, lexicon: Any, agency: Agency) -> bool:
    """Whether the agency (as written, or by any name the lexicon has for it) or the surname
    of one of its people appears outside the entries that list them.  When none does, the
    whole record has been searched: nothing it said is written anywhere."""
    if any(p.listed_as == "consulted" for p in agency.participants):
        return True  # "CAMHS SPA (email 14/05): not known, no information held": said in its own entry
    own: set[int] = set()
    for p in agency.participants:
        if p.table is not None and p.row is not None:
            own.update(c for c in document.tables[p.table].cells[p.row] if c is not None)
        elif p.block is not None:
            own.add(p.block)
    spec = lexicon.agencies.get(agency.key, {})
    names = {a.strip() for a in agency.aliases} | {str(n) for n in spec.get("names", [])} | {agency.name}
    names |= {p.name.split()[-1] for p in agency.participants if p.name and len(p.name.split()) > 1}
    return _named_outside(document, own, [n for n in names if len(n) >= 2])


def _named_outside(document: Any, skip: set[int], names: list[str], lists_only: bool = False) -> bool:
    """Whether any of ``names`` (whole words, any case) is in a block of the body other than
    ``skip``: the one search behind "named nowhere else" for agencies and contacts.  With
    ``lists_only``, only where a list of people could be: a table cell or a line, not a
    paragraph of several sentences ("Dr Mistry's findings are above. No further ...")."""
    patterns = [re.compile(rf"\b{re.escape(n)}\b", re.I) for n in names]
    return any(
        b.index not in skip
        and b.text
        and not b.is_furniture
        and (not lists_only or b.table is not None or len(sentences(b.text)) <= 1)
        and any(p.search(b.text) for p in patterns)
        for b in document.blocks
    )


#: Words every organisation name shares: they say nothing about which one it is.
_GENERIC_ORG_WORDS = frozenset(
    "nhs ft trust foundation hospital hospitals general university royal health healthcare care community "
    "children children's childrens service services team teams council county city borough the and of for "
    "partnership integrated care board icb safeguarding unit centre center".split()
)


def _same_organisation(agencies: dict[str, Agency], lexicon: Any) -> None:
    """A named nurse for safeguarding from "Ensdale & Tarrowby Hospitals NHS FT" advises
    for the same trust whose paediatrician at "Tarrowby General Hospital" gave its input:
    one health organisation's input is recorded once, not once per service key.  Only a
    trust's safeguarding team, and only when the written names share a distinctive word or
    the adviser's role names the service ("Named Midwife" and the maternity service)."""

    def group(key: str) -> str:
        return str(lexicon.agencies.get(key, {}).get("group") or "")

    def words(agency: Agency) -> set[str]:
        out: set[str] = set()
        for alias in agency.aliases:
            out.update(w for w in re.findall(r"[a-z][a-z'’-]+", alias.lower()) if w not in _GENERIC_ORG_WORDS)
        return out

    with_input = [a for a in agencies.values() if a.input_blocks and group(a.key) == "health"]
    for agency in agencies.values():
        # only the trust's safeguarding advisers: a town's name is shared by all its services
        if agency.input_blocks or agency.key != "health-safeguarding":
            continue
        own = words(agency)
        roles = " ".join(p.role.lower() for p in agency.participants)
        for other in with_input:
            # or the adviser's own role names the service ("Named Midwife for Safeguarding"
            # advises for the maternity service whose input is recorded)
            names = [str(n).lower() for n in lexicon.agencies.get(other.key, {}).get("names", [])]
            names += [
                str(n).lower()
                for spec in lexicon.roles.values()
                if spec.get("agency") == other.key
                for n in spec.get("names", [])
            ]
            if own & words(other) or any(re.search(rf"\b{re.escape(n)}\b", roles) for n in names if len(n) > 3):
                agency.input_blocks = list(other.input_blocks)
                break


def _credited(facts: Facts, people: list[Any], initials: dict[str, Any]) -> dict[str, list[int]]:
    """See below; the plan's own lines (actions) are never an agency's input."""
    planned = facts.action_blocks
    return _credited_lines(facts, people, initials, planned)


def _credited_lines(
    facts: Facts, people: list[Any], initials: dict[str, Any], planned: frozenset[int]
) -> dict[str, list[int]]:
    """Agency keys (and free-text agency names) whose input the record shows -> where.

    Every line goes through spaCy once (the record's one language pass), and people are
    found by one scan per line (:class:`_People`) instead of a loop over everyone listed.
    """
    document, lexicon, nlp = facts.document, facts.lexicon, facts.nlp
    ini = set(initials)
    rows = {(p.table, p.row) for p in facts.participants if p.table is not None}
    finder = _People(people, initials)
    topics = _topic_tables(document, nlp, finder)
    units = [
        (b, h, t)
        for b, h, t in _input_units(document, rows, topics)
        # "Paeds | Not known.": an agency's answer that it holds nothing is its input
        if b not in planned
        and (not is_placeholder(t, lexicon) or _NOTHING_HELD.match(t))
        and not _CAME_OR_WENT.match(t)
    ]
    alone = _batched_agencies(nlp, [t for _, _, t in units], ini)
    pending = _pending(lexicon)
    units = [
        (b, h, t) for b, h, t in units if not _only_agency_name(t, alone[t]) and not (pending and pending.search(t))
    ]
    both_texts = [h + "\n" + t for _, h, t in units]
    # an abbreviation that is also someone's initials ("GP" for Gemma Price) still names the
    # agency here; the person is credited through _People as well
    named = _named_in_both(nlp, [(h, t) for _, h, t in units])
    out: dict[str, list[int]] = {}
    weak_names = lexicon.weak_agency_names()
    for (block, heading, line), both in zip(units, both_texts, strict=False):
        cut = len(heading) + 1
        # "Other (Early Help, CAMHS, Housing, Probation, YJS)": a row for whichever agency its
        # words name, not for every agency its label offers
        broad = _offers_agencies(heading, [m for m in named[both] if m.start < cut and m.key])
        start_at, cut = (cut, 0) if broad else (0, cut)
        found = [m for m in named[both] if m.start >= start_at and _attributed(both, m.start, m.end, cut)]
        keys = {m.key for m in found}
        # "Orrisford Borough Council, Children and Families Service": a name that says little
        # on its own ("borough council") loses to the other agency the line names
        weak = {m.key for m in found if m.text.lower() in weak_names}
        if weak and keys - weak:
            keys -= weak - {m.key for m in found if m.text.lower() not in weak_names}
        keys |= {
            key for key, start, end in finder.spans_in(both) if start >= start_at and _attributed(both, start, end, cut)
        }
        keys |= finder.labelled(heading, line)
        for key in keys:
            out.setdefault(key, []).append(block)
    for block, line in _decision_lines(document, planned):
        # a decision is the meeting's, not an agency's input -- unless it is signed with the
        # name of whoever gave it ("Legal advice | Threshold likely met (Simon Clay)")
        for key, start, end in finder.spans_in(line):
            if _signed_statement(line[:start], line[end : end + 50]):
                out.setdefault(key, []).append(block)
    return out


def _offers_agencies(heading: str, found) -> bool:
    """The innermost title or label over a line that names an agency names three or more:
    a catch-all row or part ("Other (Early Help, CAMHS, Housing, Probation, YJS)"), not one
    agency's ("Health (GP, 0-19, CAMHS) – Health visitor" is the health visitor's)."""
    starts = [0] + [m.end() for m in re.finditer(r"\n| – ", heading)]
    for start in reversed(starts):
        keys = {m.key for m in found if m.start >= start}
        if keys:
            return len(keys) >= 3
    return False


def _decision_lines(document, planned: frozenset[int]):
    for b in document.body_blocks():
        sec = document.section_of_block(b.index)
        if sec is None or b.index == sec.heading_block or b.index in planned:
            continue
        if _kinds_up(document, sec) == {"decision"}:
            yield from ((b.index, line) for line in b.text.split("\n") if "(" in line)


#: Words that make the agency or person named just before them the source of what follows.
_SOURCE_VERB = re.compile(
    r"^\W*(?:\([^)]{0,60}\)\W*)?(?:[\w'’.]+\s+){0,3}?"
    r"(?:said|says|advised|advises|reported|reports|confirmed|confirms|stated|states|shared|shares|explained|"
    r"explains|told|tells|informed|noted|notes|described|describes|raised|added|agreed|highlighted|expressed|"
    r"recommended|recommends|suggested|suggests|commented|comments|observed|observes|assessed|assesses|"
    r"replied|replies|responded|responds|wrote|writes|e-?mailed|answered|"
    r"has|have|had|holds|held|hold|knows?|is|was|were|are|checks?|records?|no|nil|not|none|unknown|nothing)\b",
    re.I,
)
_LABEL_AFTER = re.compile(r"^\s*(?:\([^)]{0,60}\))?\s*\)?\s*:")
_SOURCE_BEFORE = re.compile(r"\b(?:from|per|according\s+to|by|via)\s+(?:the\s+|a\s+)?$", re.I)
_OBJECT_BEFORE = re.compile(
    r"\b(?:to|with|for|at|about|into|on|under|onto|towards|against|of)\s+(?:the\s+|a\s+|an\s+|her\s+|his\s+|their\s+)?$",
    re.I,
)


def _attributed(text: str, start: int, end: int, cut: int) -> bool:
    """Is the agency or person named at ``start`` the *source* of the line -- its heading or
    label, the line's subject ("Police: no trace", "DC Shaw advised ..."), or the one it came
    from ("information from the GP") -- rather than mentioned in passing ("referred to CAMHS",
    "registered with the GP")?"""
    if start < cut:
        return True  # named in the heading or label the line sits under
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    # a sentence opens where the one before it ends ("Amara was not seen. Pre-school staff
    # describe her as ..."), and a cell's " / " starts the next agency's part
    before = re.split(r"(?<=[a-z0-9)][.!?])\s+(?:/\s+)?|\s+/\s+", before)[-1]
    if _SOURCE_BEFORE.search(before):
        return True
    if _signed_statement(before, text[end : end + 50]):
        return True
    if _OBJECT_BEFORE.search(before):
        return False
    if _LABEL_AFTER.match(text[end : end + 70]):
        return True  # "Learning Disability Team (adult social care): ..." labels what follows
    if len(before.split()) <= 3:
        return True  # "- Police (DS Kaur): ...", "GP (email): ...", "HV – seen 02/10"
    return bool(_SOURCE_VERB.match(text[end : end + 80]))


#: The bracket closing a clause after a name: "Threshold likely met (Simon Clay);".
_CLOSES_CLAUSE = re.compile(r"^(?:,[^()]{0,40})?\)\s*(?:[;.,]|$)")
_OBJECT_NEAR = re.compile(r"\b(?:to|with|for|at|about|into|by|from|of|on)\s+(?:\S+\s+){0,2}\S*\s*$", re.I)


def _signed_statement(before: str, after: str) -> bool:
    """A statement signed with its source's name in brackets ("Threshold likely met (Simon
    Clay); legal planning meeting 05/06"), not a name that says who is meant ("Allocated SW
    (Jo Bell) to visit", "referred to the paediatrician (Dr Rees).")."""
    if not before.endswith("("):
        return False
    statement = before[:-1].rstrip()
    words = statement.split()
    if len(words) < 2 or not words[-1][:1].islower():
        return False  # "Dean Mortimer (Education Adviser, Virtual School)": who a name is
    return bool(_CLOSES_CLAUSE.match(after)) and not _OBJECT_NEAR.search(statement)


def _minutes_under_list(b: Any, kinds: set[str]) -> bool:
    """Minutes that run on under the list of who was present ("Present | ... table", then
    "RN reported that Kian attended ..."): what people said, not who they are."""
    return (
        bool(kinds)
        and kinds <= {"attendees", "apologies"}
        and b.table is None
        and len(b.text.split()) >= 12
        and bool(_SAYS.search(re.sub(r"\([^()]*\)", " ", b.text)))
    )


def _topic_tables(document: Any, nlp: Any, finder: _People) -> set[int]:
    """Tables whose first column lists topics, not who spoke: "Area of care | Mason | Ruby |
    What we know" with rows "Nutrition", "Housing / home conditions", "Hygiene".  A row label
    there that happens to be an agency's word ("Housing", "Health") is the area scored, so it
    does not say whose words the row holds.  Read as topics when at least four rows are labelled
    and fewer than a third of the labels name an agency or someone listed.  A two-column form
    ("Date of meeting | ...", "Probation | ...") is label and answer, never a grid of topics."""
    labels: dict[int, list[str]] = {}
    for t in document.tables:
        if t.records or len(t.cells) < 5 or t.n_cols < 3:
            continue
        firsts = [row[0] for row in t.cells[1:] if row and row[0] is not None and len(row) > 1]
        texts = [" ".join(document.blocks[c].text.split()) for c in dict.fromkeys(firsts)]
        texts = [x for x in texts if x and len(x.split()) <= 6]
        if len(texts) >= 4:
            labels[t.index] = texts
    if not labels:
        return set()
    found = _batched_agencies(nlp, [x for xs in labels.values() for x in xs], set())
    out: set[int] = set()
    for index, texts in labels.items():
        naming = sum(1 for x in texts if any(m.key for m in found[x]) or finder.keys_in(x))
        if naming * 3 < len(texts):
            out.add(index)
    return out


def _input_units(document, people_rows: Collection[tuple[int, int | None]] = (), topic_tables: Collection[int] = ()):
    """(block, heading context, line) for each line of text where agency input may be recorded.
    ``people_rows`` are the (table, row) of the participants read from tables; the row labels
    of ``topic_tables`` are topics, not whose words the row holds."""
    for b in document.body_blocks():
        sec = document.section_of_block(b.index)
        if sec is None or b.index == sec.heading_block:
            continue
        kinds = _kinds_up(document, sec)
        said_outside = kinds == {"consulted"}
        said_in_list = kinds <= {"attendees", "consulted"} and b.table not in topic_tables and _said_column(document, b)
        said_after_list = _minutes_under_list(b, kinds)
        if kinds & _NOT_INPUT and not said_outside and not said_in_list and not said_after_list:
            continue
        heading = _untyped_titles(document, sec)
        if b.table in topic_tables and document.blocks[sec.heading_block].table == b.table:
            # the row's label read as its title ("Housing / home conditions"): a topic; the
            # part the table sits in may still say whose table it is
            parent = document.sections[sec.parent] if sec.parent is not None else None
            heading = _untyped_titles(document, parent) if parent is not None and parent.kind is None else ""
        if b.table is not None and _people_cell(document, b, (b.table, b.row) in people_rows):
            continue  # "Mr Kevin Sowerby, Tenancy Officer; attended": who took part, not what they said
        if b.table is not None:
            t = document.tables[b.table]
            if said_in_list:
                # "Health | Anna Beck, School Nurse, 0-19 Public Health Nursing | Not known ...":
                # the row's other cells say whose words these are
                row = t.cells[b.row] if b.row is not None else []
                heading = " ".join(document.blocks[c].text for c in row if c is not None and c != b.index)
            elif b.table not in topic_tables and (t.records or b.column == 0 or _labelled_row(document, t, b)):
                row = t.cells[b.row] if b.row is not None else []
                first = row[0] if row else None
                if first is not None and first != b.index:
                    # "Appendix 1 – Police information" over "PNC / local systems | ...": the
                    # part's title says whose table it is, the row's label what was checked
                    label = " ".join(document.blocks[first].text.split())  # a PDF cell wraps its label
                    heading = f"{heading} – {label}" if heading else label
                for who in _who_cells(t, row, {first, b.index}) if len(b.text.split()) >= 3 else ():
                    # "ORG CODE | CONTRIBUTOR | INFORMATION SHARED": "HLTH | N Farouk | Drop-in
                    # 20/01 ...": the contributor's cell says whose words the row holds
                    name = " ".join(document.blocks[who].text.split())
                    heading = f"{heading} – {name}" if heading else name
        context = heading
        # a PDF cell's lines are where the layout wrapped it: "Dr Kemble, GP (email" / "15/10): no concerns"
        for line in rejoined(b.text) if document.format == "pdf" else b.text.split("\n"):
            line = line.strip()
            if not line:
                continue
            if said_outside and not _SAYS.search(line):
                continue  # "Dr Lowe (GP) – by phone": who was consulted; what they said may follow it
            if len(line.split()) <= 10 and not re.search(r"[.!?]$", line) and ":" not in line:
                # a subheading inside a form cell ("Midwifery, consulted by email") -- or the
                # first line of a wrapped PDF cell: keep the section's title beside it
                context = f"{heading}\n{line}" if heading else line
            yield b.index, context, line


def _who_cells(t: Any, row: list[int | None], skip: set[int | None]) -> list[int]:
    """The cells of a row under a column that says who someone is (a name, a role, an
    agency): in a table of what each said, they say whose words the row holds."""
    out = []
    for col, cell in enumerate(row):
        kind = t.column_kinds[col] if col < len(t.column_kinds) else None
        if cell is not None and cell not in skip and kind and set(kind.split("+")) & {"name", "role", "agency"}:
            out.append(cell)
    return out


def _labelled_row(document: Any, t: Any, b: Any) -> bool:
    """A row of a form no reading typed whose first cell is a short label ("Police | Carl
    Finch – supply class A ..."): the label says whose words the rest of the row are."""
    row = t.cells[b.row] if b.row is not None else []
    first = row[0] if row else None
    if first is None or first == b.index:
        return False
    label = document.blocks[first].text.split()
    return 0 < len(label) <= 6 and not re.search(r"[.!?]$", document.blocks[first].text.strip())


def _people_cell(document: Any, b: Any, persons_row: bool = False) -> bool:
    """A cell of a column that only says who someone is or how they took part -- or, in a
    list of people, a cell of a column nobody titled in words we know ("Means") that says
    only how they joined ("Teams", "by phone 10:15")."""
    kinds = document.tables[b.table].column_kinds
    kind: str | None = kinds[b.column] if b.column is not None and b.column < len(kinds) else None
    listed = {part for k in kinds if k for part in k.split("+")}
    if kind is not None:
        parts = set(kind.split("+"))
        if parts <= {"name", "role", "mode"}:
            return True
        # "Name | Role | Organisation": on a participant's own row, the organisation says
        # where they work, unless the cell also says what it holds ("GP – no concerns")
        return parts <= {"name", "role", "mode", "agency"} and persons_row and not _SAYS.search(b.text)
    if "name" not in listed:
        return False
    # "Name | Role | Organisation | How they joined | Communication": on a person's own row, a
    # few words under a title we do not know ("English", "BSL (through interpreter)") say
    # something about them, not what their agency told the meeting ("Open case" / "Not known"
    # still does)
    return is_mode_part(b.text.strip()) or (persons_row and _ABOUT_THEM.match(b.text.strip()) is not None)


#: A short cell that states nothing an agency knows: no verb of saying, no "known", no
#: answer of an agency's check ("Open case", "None", "Closed 2023" keep their words).
_ABOUT_THEM = re.compile(
    r"^(?!.*\b(?:open|closed|case|known|none|nil|no|yes|concerns?|involvement|record|records|history)\b)"
    r"(?!.*\d\s*/\s*\d)[^.!?]{1,40}$"
    # "14:02–14:20" in an "In chat" column: when they were there
    r"|^\d{1,2}[:.]\d{2}(?:\s*(?:[–—-]|to)\s*\d{1,2}[:.]\d{2})?$",
    re.I,
)
#: A line that only logs someone coming or going ("[14:20] Dan Kerr left the chat.").
_CAME_OR_WENT = re.compile(
    r"^\W*(?:\d{1,2}[:.]\d{2}\W*)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s+"
    r"(?:joined|left|dropped\s+off|rejoined|was\s+added\s+to|was\s+removed\s+from)\s+"
    r"(?:the\s+)?(?:chat|meeting|call|discussion|teams(?:\s+call)?)\W*(?:\d{1,2}[:.]\d{2}\W*)?$"
)


#: An agency's answer that it knows nothing: a placeholder's words, but an answer.
_NOTHING_HELD = re.compile(r"^\s*(?:not\s+known|nothing\s+known|unknown|no\s+trace|nil\s+known|n/?k)\b", re.I)
#: What someone consulted outside the meeting told us, written on their line of the list
#: ("Dr Lowe (GP) – phone 12/05 – last seen 2023, no concerns").
_SAYS = re.compile(
    r"\b(?:said|says|advised|reported|confirmed|stated|shared|explained|told|informed|noted|described|raised|"
    r"not\s+known|no\s+(?:\w+\s+)?concerns?|unknown\s+to|nothing\s+known|no\s+(?:trace|records?|history|involvement)|"
    r"known\s+to|last\s+seen|seen\s+(?:on|at|in|by))\b",
    re.I,
)


def _said_column(document, b) -> bool:
    """The last column of a list of who took part, when it holds what they said: "CSC |
    Jo Haines, TM | Chaired. Agreed joint s47 ..." (a table with no header row naming it)."""
    if b.table is None or b.column is None or b.row is None:
        return False
    t = document.tables[b.table]
    if t.n_cols < 3 or b.column != t.n_cols - 1 or t.column_kinds:
        return False
    return len(b.text.split()) >= 6


def _untyped_titles(document, sec) -> str:
    """The titles over a line up to the first the lexicon knows: "Appendix 1 – Police
    information – PNC / local systems" says whose check the row records."""
    titles = [sec.title] if sec.kind is None else []
    if sec.kind == "agency_info" and _NAMED_REPORT.search(sec.title):
        # "St Aidan's CE Primary School – information for strategy meeting": one agency's
        # report, its name before the dash
        titles = [sec.title]
    parent = document.sections[sec.parent] if sec.kind is None and sec.parent is not None else None
    while parent is not None and parent.kind is None:
        # only a part that holds an agency's information lends its title to the lines
        # below: a record's own title ("Calderwick Hospitals NHS Foundation Trust") does not
        grand = document.sections[parent.parent] if parent.parent is not None else None
        if _INFO_TITLE.search(parent.title) or (grand is not None and grand.kind == "agency_info"):
            # "Information shared by agencies" > "Police" > "Details": the agency's own part
            titles.append(parent.title)
            break
        parent = document.sections[parent.parent] if parent.parent is not None else None
    return " – ".join(reversed(titles))


#: An agency information title with a name before a dash or colon ("Police – report for the
#: strategy meeting"): whose report the part is.
_NAMED_REPORT = re.compile(r"^\s*[A-Z][^–—:]{2,60}\s+[–—-]\s+\S|^\s*[A-Z][^–—:]{2,60}:\s+\S")
_INFO_TITLE = re.compile(r"\b(?:information|update|updates|report|checks|contribution|input)\b", re.I)


def _kinds_up(document, sec) -> set[str]:
    kinds = set()
    while sec is not None:
        if sec.kind:
            kinds.add(sec.kind)
            break  # the innermost named kind decides
        sec = document.sections[sec.parent] if sec.parent is not None else None
    return kinds


def _batched_agencies(nlp, texts: list[str], initials) -> dict[str, list]:
    """text -> agencies named in it, each distinct text through spaCy once, in one batch."""
    distinct = list(dict.fromkeys(texts))
    return dict(zip(distinct, agencies_in_many(nlp, distinct, initials), strict=False))


def _named_in_both(nlp, pairs: list[tuple[str, str]]) -> dict[str, list]:
    """``heading + "\n" + line`` -> agencies named in it, read from the heading and the line
    apart: no match runs across the line break, and the lines were read in the record's one
    language pass, so only the headings go through spaCy here (not every pair again)."""
    found = _batched_agencies(nlp, [h for h, _ in pairs] + [t for _, t in pairs], set())
    out: dict[str, list] = {}
    for heading, line in pairs:
        shift = len(heading) + 1
        moved = [replace(m, start=m.start + shift, end=m.end + shift) for m in found[line]]
        out[heading + "\n" + line] = [*found[heading], *moved]
    return out


def _only_agency_name(text: str, found) -> bool:
    """True if ``text`` is little more than the agency names ``found`` in it."""
    if not found:
        return False
    rest = text
    for m in sorted(found, key=lambda m: -m.start):
        rest = rest[: m.start] + rest[m.end :]
    return len(re.findall(r"[A-Za-z]{3,}", rest)) < 2


_TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "DC", "DS", "DI", "DCI", "PC", "PS", "Sgt", "Prof", "Cllr"})
#: Initials that are also a title ("DC" for Dionne Carter) are the title before a surname:
#: "DC Kettle said ..." is the detective, not Dionne Carter.
_NOT_A_TITLE = r"(?!\.?\s+[A-Z][a-z])"
#: one of those titles in running text ("Dr Siddiqui", "Sgt. Dawes")
_TITLE = rf"\b(?:{'|'.join(sorted(_TITLES, key=len, reverse=True))})\.?"


class _People:
    """Finds the people a line mentions, and so the agencies it credits, in one scan.

    A person is mentioned by "First Last" anywhere in the line, by "Title Last" ("DS
    Fenwick", "Dr. Shah") or by their initials as a whole token ("MF said"); a person
    with a free-text agency (no lexicon key) also by that agency's name.  Every such
    pattern contains a literal (the "First Last" wording, the surname, the initials or
    the normalised agency name), so one compiled pattern per record finds the literals
    a line contains and only their owners' exact patterns are then checked: O(lines),
    where looping over everyone listed was O(lines x people).
    """

    def __init__(self, people, initials) -> None:
        self.by_first_last: dict[str, set[str]] = {}
        self.titled: dict[str, list[tuple[re.Pattern, str]]] = {}  # surname -> (pattern, key)
        #: each agency as the record writes it ("haverleigh homes") -> the keys it stands for
        self.free_agencies: dict[str, set[str]] = {}
        #: the opening words of an agency's name ("larkfield" for "Larkfield House", "street
        #: safe" for "Street Safe Calderwick"): a row labelled only with them is that agency's
        self.short_names: dict[str, set[str]] = {}
        for p in people:
            key = p.agency_key or _norm(p.agency)
            words = [w for w in p.name.split() if w[:1].isupper()]
            if len(words) >= 2:
                self.by_first_last.setdefault(f"{words[-2]} {words[-1]}", set()).add(key)
                if len(words) >= 3:
                    pat = re.compile(rf"\b{re.escape(words[0])}\.?\s+{re.escape(words[-1])}\b")
                    self.titled.setdefault(words[-1], []).append((pat, key))
                # "P Lal", "P. Lal", "Mr Patel", "Dr Menon": an initial or a courtesy title, then the surname
                first = words[-2] if len(words) == 2 else words[1] if words[0].rstrip(".") in _TITLES else words[0]
                pat = re.compile(rf"\b(?:{re.escape(first[0])}|Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+{re.escape(words[-1])}\b")
                self.titled.setdefault(words[-1], []).append((pat, key))
            for alias in _aliases(p.agency):
                self.free_agencies.setdefault(alias, set()).add(key)
            for short in _short_names(p.agency):
                self.short_names.setdefault(short, set()).add(key)
        self.by_initials = {
            ini: (
                re.compile(rf"(?<![\w-]){re.escape(ini)}(?![\w-]){_NOT_A_TITLE if ini in _TITLES else ''}"),
                who.agency_key or _norm(who.agency),
            )
            for ini, who in initials.items()
        }
        self.names = _LiteralFinder([*self.by_first_last, *self.titled, *self.by_initials])
        self.agencies = _LiteralFinder(self.free_agencies)

    def spans_in(self, text: str) -> list[tuple[str, int, int]]:
        """(agency key, start, end) for each person or free-text agency ``text`` mentions."""
        out: list[tuple[str, int, int]] = []
        for lit in self.names.found_in(text):
            spots = [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w-]){re.escape(lit)}(?![\w-])", text)]
            for key in self.by_first_last.get(lit, set()):
                out.extend((key, a, b) for a, b in spots)
            for pat, key in self.titled.get(lit, ()):
                out.extend((key, m.start(), m.end()) for m in pat.finditer(text))
            hit = self.by_initials.get(lit)
            if hit is not None:
                out.extend((hit[1], m.start(), m.end()) for m in hit[0].finditer(text))
        if self.free_agencies:
            lower = text.lower().replace("’", "'")
            for alias in self.agencies.found_in(_norm(text)):
                for m in re.finditer(r"\s+".join(re.escape(w) for w in alias.split()), lower):
                    out.extend((key, m.start(), m.end()) for key in self.free_agencies.get(alias, set()))
        return out

    def labelled(self, heading: str, text: str = "") -> set[str]:
        """Agency keys of a row or line labelled with an agency's short name alone: a row
        title ("Larkfield | ..."), or the line's own label ("Junction (CR): detached team ...")."""
        inner = re.split(r"\n| – ", heading)[-1].strip(" :")
        own = re.match(r"^\s*([^:\n]{2,40}?)\s*(?:\([^()]*\))?\s*:", text)
        out: set[str] = set()
        for label in (inner, own.group(1) if own else ""):
            label = re.sub(r"\([^()]*\)", " ", label).strip(" :")
            if label:
                out |= self.short_names.get(_norm(label), set())
        return out

    def keys_in(self, text: str) -> set[str]:
        """Agency keys of the people ``text`` mentions (and free-text agencies it names)."""
        out: set[str] = set()
        for lit in self.names.found_in(text):
            out |= self.by_first_last.get(lit, set())
            for pat, key in self.titled.get(lit, ()):
                if pat.search(text):
                    out.add(key)
            hit = self.by_initials.get(lit)
            if hit is not None and hit[0].search(text):
                out.add(hit[1])
        if self.free_agencies:
            for alias in self.agencies.found_in(_norm(text)):
                out |= self.free_agencies.get(alias, set())
        return out


_GENERIC_AGENCY_WORDS = {
    "the",
    "and",
    "of",
    "service",
    "services",
    "team",
    "nhs",
    "trust",
    "council",
    "county",
    "borough",
    "city",
    "children's",
    "childrens",
    "social",
    "care",
    "health",
    "foundation",
    "community",
    "school",
    "police",
    "department",
    "unit",
    "centre",
    "center",
    "office",
    "local",
    "authority",
    "ltd",
}


def _aliases(agency: str) -> list[str]:
    """How a listed agency may be named elsewhere: as written, and each comma-separated part
    with a distinctive word ("Housing Officer, Haverleigh Homes" -> "haverleigh homes")."""
    if not agency:
        return []
    out = [_norm(agency)]
    for part in re.split(r"\s*[,;(/]\s*|\s+[-–]\s+", agency):
        part = part.strip(" )")
        norm = _norm(part)
        words = norm.split()
        acronym = len(words) == 1 and part.isupper() and len(part) >= 3  # "CDAP", "YJS"
        if (acronym or len(words) >= 2 and any(w not in _GENERIC_AGENCY_WORDS for w in words)) and norm not in out:
            out.append(norm)
        # "Northbridge Foyer Project" is "the Foyer Project" later on: the town dropped
        rest = words[1:]
        if len(rest) >= 2 and part[:1].isupper() and any(w not in _GENERIC_AGENCY_WORDS for w in rest):
            short = " ".join(rest)
            if short not in out:
                out.append(short)
    return out


def _short_names(agency: str) -> list[str]:
    """The opening words of each part of an agency's name, as a row may be labelled with
    them alone ("Larkfield House, Brightway Housing Trust" -> "larkfield", "brightway",
    "brightway housing"; "The Junction Youth Project" -> "junction", "junction youth";
    "Street Safe Calderwick" -> "street", "street safe")."""
    out: list[str] = []
    # "Switch (YP substance misuse service)": one word named, the brackets say what it is
    named = re.match(r"^\s*([A-Z][a-z'’-]{3,})\s*\(", agency or "")
    if named and _norm(named.group(1)) not in _KIND_OF_PLACE | frozenset(_GENERIC_AGENCY_WORDS):
        out.append(_norm(named.group(1)))
    for part in re.split(r"\s*[,;(/]\s*|\s+[-–]\s+", agency or ""):
        words = part.strip(" )").split()
        if words and words[0].lower() == "the":
            words = words[1:]
        if len(words) < 2 or not words[0][:1].isupper() or words[0].isupper():
            continue
        if _norm(words[0]) in _KIND_OF_PLACE or _norm(words[0]) in _GENERIC_AGENCY_WORDS:
            continue
        out.extend(_norm(" ".join(words[:k])) for k in range(1, len(words)))
    return out


class _LiteralFinder:
    """Every string of a fixed set that occurs in a text (as a substring), in one regex scan.

    A prefix-tree alternation inside a lookahead gives, at each position, the longest
    string starting there; the shorter ones starting there are its prefixes in the set.
    """

    def __init__(self, literals) -> None:
        lits = {s for s in literals}
        self.always = "" in lits  # the empty string is in every text
        lits.discard("")
        self.prefixes = {s: [s[:k] for k in range(1, len(s) + 1) if s[:k] in lits] for s in lits}
        self.pattern = re.compile("(?=(" + _trie_regex(sorted(lits)) + "))") if lits else None

    def found_in(self, text: str) -> set[str]:
        out = {""} if self.always else set()
        if self.pattern is not None:
            for m in self.pattern.finditer(text):
                out.update(self.prefixes[m.group(1)])
        return out


def _trie_regex(words: list[str]) -> str:
    """A regex matching any of ``words`` (non-empty), longest alternative first at each step."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        parts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            parts.append("")  # ending here is tried last, so the longest match wins
        if len(parts) == 1:
            return parts[0]
        return "(?:" + "|".join(parts) + ")"

    return emit(trie)


def _awaited(facts: Facts, keys: list[str]) -> dict[str, bool]:
    """Agencies whose information the record says is still awaited ("awaiting the GP's response")."""
    out: dict[str, bool] = {}
    pending = _pending(facts.lexicon)
    for b in facts.document.body_blocks():
        if b.text and pending and pending.search(b.text):
            for key in facts.agencies_named_in(b.text):
                if key in keys:
                    out[key] = True
    return out


def _pending(lexicon: Any) -> re.Pattern[str] | None:
    """Wording that says an agency's information has NOT come in (lexicon ``awaiting_input``)."""
    return phrase_pattern(lexicon.phrase_list("awaiting_input"), exact_caps=False)


def _real_contribution(text: str, lexicon: Any) -> bool:
    """A contribution cell that says something.  "Not known" there is the agency's answer
    to its checks (lexicon ``nothing_known_answers``), not a box left unfilled."""
    if not text:
        return False
    if normalise_title(text) in {normalise_title(a) for a in lexicon.phrase_list("nothing_known_answers")}:
        return True
    # "As above." points elsewhere; "As above. Next appt 16/06" says something as well
    return not is_placeholder(text, lexicon) and not (_POINTER.match(text) and len(text.split()) <= 4)


def _convenor_spoke(document: Any, lexicon: Any) -> int | None:
    """The first block of a reason/decision/actions part that says something (CSC's input)."""
    for sec in document.sections:
        if sec.kind in _CONVENOR_KINDS:
            text = document.section_text(sec)
            if text.strip() and not is_placeholder(text, lexicon):
                blocks = document.section_blocks(sec)
                return blocks[0].index if blocks else sec.heading_block
    return None


def _norm(text: str) -> str:
    return " ".join((text or "").lower().replace("’", "'").split())


# -- consulted outside the meeting ---------------------------------------------------------------


def read_contacts(facts: Facts) -> list[Contact]:
    """Agencies the record says gave information outside the meeting, and whether each is
    recorded among those who took part or were consulted."""
    document, nlp = facts.document, facts.nlp
    people = facts.participants
    # anyone named in the record's lists counts as recorded: an apology whose emailed
    # information is given below is recorded, not forgotten
    recorded = list(people)
    initials = set(initials_of(people))
    out: list[Contact] = []
    seen: set[str] = set()
    # the plan, and every commitment to tell the agencies ("Agencies updated: duty SW to
    # email the outcome to the school by Mon"), say what will be sent, not what was given
    planned = facts.action_blocks | {a.block for a in facts.update_actions if a.block is not None}
    ambiguous = {w.lower() for w in facts.lexicon.phrase_list("ambiguous_contact_words")}
    listed = _listed_as_consulted(facts)
    # the record's own part for who was consulted outside the meeting: a contact written
    # there is recorded, named by person or not ("CAMHS duty clinician – email, 11/03")
    consulted_part: set[int] = set()
    # and the whole part that says who took part: "The school nursing team was contacted by
    # email and replied ..." in the attendance minutes records them, whether or not the
    # sentence reads as a list entry
    people_part: set[int] = set()
    for sec in document.sections:
        if sec.kind == "consulted":
            consulted_part.update(b.index for b in document.section_blocks(sec))
        if sec.kind in PARTICIPANT_KINDS:
            people_part.update(b.index for b in document.section_blocks(sec))
    # a paragraph or box that lists who took part in its sentences ("Also taking part were A,
    # B and C. Dr Lund, GP, was consulted by phone before the meeting and did not attend."):
    # a contact written there is written in the record's list
    list_blocks = {p.block for p in people if p.block is not None and p.table is None and p.source != "field"}
    named_there: dict[int, set[str]] | None = None  # read only when a contact needs it, in one batch
    # the social workers who convened it, by name: whoever wrote or rang them gave information
    convenors = {p.name for p in people if p.agency_key in CONVENOR_AGENCIES and len(p.name.split()) >= 2}

    def named_in_consulted_part(key: str, block: int, reached: str) -> bool:
        """Named in the lists' part in another block than the contact's own (a part that
        lists people and records what they said would otherwise record every contact) --
        by the organisation's own name where the contact gives one ("Castlegate Primary")."""
        nonlocal named_there
        if named_there is None:
            blocks = sorted(b for b in consulted_part | people_part if document.blocks[b].text)
            found = _batched_agencies(nlp, [document.blocks[b].text for b in blocks], set())
            named_there = {b: {m.key for m in found[document.blocks[b].text] if m.key} for b in blocks}
        ours = _organisation_words(reached)
        return any(
            same_agency(key, k) and (not ours or any(w in document.blocks[b].text.lower() for w in ours))
            for b, keys in named_there.items()
            if b != block
            for k in keys
        )

    for block, text in _units(document):
        if block in planned:
            continue  # "email the outcome to the GP" is a plan, not information given
        for key, mention, agency_text in _contacts(nlp, text, initials, ambiguous, convenors):
            if key in CONVENOR_AGENCIES or key in seen or facts.lexicon.agencies.get(key, {}).get("advice_only"):
                continue  # the convenor itself, or advice taken (CPS on charging), not input
            seen.add(key)
            # "the on-call paediatric registrar, Dr Priya Nandakumar": the person reached is
            # named and not on the list, whoever else from that agency is
            unlisted = _reaches_unlisted_person(agency_text, recorded)
            is_recorded = (
                block in consulted_part
                or block in list_blocks
                or any(same_agency(key, k) for k in listed)
                or not unlisted
                and (
                    named_in_consulted_part(key, block, agency_text) or _same_agency_listed(key, agency_text, recorded)
                )
                or _names_recorded_person(agency_text, recorded)
                or _titles_recorded_person(text, mention, recorded)
            )
            elsewhere = not is_recorded and _named_elsewhere(document, {block} | planned, mention, agency_text)
            out.append(Contact(key, mention, block, text, _contact_word(text), is_recorded, elsewhere))
    return out


def _same_agency_listed(key: str, text: str, recorded: list[Any]) -> bool:
    """Someone of the contacted agency is listed -- and, where the contact's words name the
    organisation reached by its own name, from that organisation: "spoke with the DSL at
    Castlegate Primary School" is not recorded by a teacher listed from Thornmere Learning
    Centre.  (The person reached, named, is :func:`_reaches_unlisted_person`'s question.)"""
    same = [p for p in recorded if same_agency(key, p.agency_key)]
    if not same:
        return False
    ours = _organisation_words(text)
    theirs: set[str] = set()
    for p in same:
        theirs |= {w.lower() for w in re.findall(r"[A-Za-z][\w'’-]+", p.agency) if w.lower() not in _KIND_OF_PLACE}
    return not ours or not theirs or bool(ours & theirs)


def _reaches_unlisted_person(text: str, recorded: list[Any]) -> bool:
    """The contact's words name the person reached by a professional title and surname
    ("the on-call paediatric registrar, Dr Priya Nandakumar"), and no one listed has that
    name: a charge nurse listed from the same hospital does not record her."""
    names = [re.sub(r"\([^()]*\)?", " ", p.name).split() for p in recorded]  # "Dr Tariq Whitlock (by telephone)"
    # any of a listed name's words: the contact's words may be cut after the first name
    listed_words = {w.lower() for n in names if len(n) >= 2 for w in n}
    # a professional by title and surname written out ("Dr Nandakumar"), not initials ("Dr
    # ML") and not "Mrs Ashworth", who may be the family the professional rang
    reached = [
        w.lower()
        for m in _TITLED.finditer(text)
        if not m.group(0).startswith(("Mr", "Ms", "Miss", "Mx"))
        and len(w := m.group(1).split()[-1]) >= 3
        and not w.isupper()
    ]
    # "the head teacher of St Aldhelm's, Kenneth Ashworth, at 11:40": the name in apposition
    reached += [
        m.group(1).split()[-1].lower()
        for m in _APPOSED_NAME.finditer(text)
        if not {w.lower() for w in m.group(1).split()} & (_KIND_OF_PLACE | _GENERIC_ORG_WORDS)
    ]
    return bool(listed_words) and bool(reached) and not any(r in listed_words for r in reached)


#: Where the person reached works ("of St Aldhelm's") and their full name set off by commas
#: (", Kenneth Ashworth"), written after who they are: the one shape both the contact's span
#: (:data:`_REACHED_TAIL`) and the name it gives (:data:`_APPOSED_NAME`) are read from.
_WORKS_AT = r"\s+(?:of|at|from)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s?){1,4}"
_NAMED = r",\s+([A-Z][a-z'’-]+\s+[A-Z][a-z'’-]{2,})(?=\s*(?:,|\(|$|\s+(?:at|on|who|by)\b))"
_REACHED_TAIL = re.compile(rf"(?:{_WORKS_AT})?(?:{_NAMED})?")
_APPOSED_NAME = re.compile(rf"{_WORKS_AT}{_NAMED}")


#: An organisation named by its own name: "Castlegate Primary School", "Marlcombe General".
_ORGANISATION = re.compile(
    # where the person reached works ("the DSL at Castlegate Primary School"), not where the
    # meeting was held ("Face to face – Calderwick General, Education Centre Rm 3")
    r"\b(?:at|of|from)\s+(?:the\s+)?((?:[A-Z][\w'’-]+\s+){1,3})(?:School|Primary|Academy|Surgery|Hospital|General|"
    r"Infirmary|Centre|Center|Practice|College|Nursery|Clinic|Medical)\b"
)


#: Words that say what kind of place an organisation is, not which one: "Castlegate Primary
#: School" and "Northbrook Primary School" share "primary" and are two schools.
_KIND_OF_PLACE = _GENERIC_ORG_WORDS | frozenset(
    "primary secondary junior infant infants academy school surgery medical practice college nursery "
    "clinic infirmary general church high".split()
)


def _organisation_words(text: str) -> set[str]:
    """The distinctive words of the organisations ``text`` names by name."""
    out: set[str] = set()
    for m in _ORGANISATION.finditer(text):
        out |= {w.lower() for w in m.group(1).split() if w.lower() not in _KIND_OF_PLACE and w not in _TITLES}
    return out


#: A person named with a title in a contact's sentence ("spoke to Dr Owen Rees").
_TITLED = re.compile(
    r"\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|DC|DS|PC|Sgt|Cllr|Nurse)\.?\s+(?:[A-Z]\.?\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)


def _named_elsewhere(document: Any, skip: set[int], mention: str, text: str) -> bool:
    """Whether the organisation of a contact ("Castle Street Surgery") or the person named
    beside it (``text``: "Dr Owen Rees", not the worker who rang) appears where a list of
    people could be, outside ``skip`` (the contact's own block and the plan: "email the record
    to Riverside Surgery" names a recipient, not a contributor).  When it does not, the whole
    record has been searched and they are listed nowhere."""
    # the people of the sentence that names the contact, not the family it goes on about
    said = next((s for s in sentences(text) if mention.lower() in s.lower()), text)
    people = [m.group(1).split()[-1] for m in _TITLED.finditer(said)]
    names = people if mention.islower() or len(mention.split()) < 2 else [mention.strip(), *people]
    names = [n for n in names if len(n) >= 3]
    if not names:
        # "the school", "children's ward": a word any list of the record may name them by
        return len(mention) < 3 or _named_outside(document, skip, [mention.strip()], lists_only=True)
    return _named_outside(document, skip, names, lists_only=True)


_PEOPLE_KINDS = ("name", "role", "agency", "name+role", "agency+role", "mode")


def read_entry_lines(facts: Facts) -> list[int]:
    """See ``Facts.entry_lines``."""
    out: list[int] = []
    for b in facts.document.body_blocks():
        # each line, and each sentence of a paragraph ("Pellingford College (Imran Baig,
        # Safeguarding Lead). Known: yes. ...": a grid written out as prose)
        for line in (part for ln in (b.text or "").splitlines() for part in re.split(r"(?<=[.;])\s+", ln)):
            if len(line.split()) > 15 or not facts.agencies_named_in(line):
                continue
            if any(not _NOT_A_PERSON & set(m.group("name").lower().split()) for m in _ENTRY.finditer(line)):
                out.append(b.index)
                break
    return out


#: A person written as a list entry: the name, then their role or agency after a comma,
#: bracket or dash ("Gail Thorpe, Tenancy Sustainment Officer", "(Callum Reid, Social Worker").
_ENTRY = re.compile(
    r"(?P<name>\b(?:(?:Dr|DC|DS|DI|DCI|PC|Sgt|Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+)?[A-Z][a-z'’-]+[ \t]+[A-Z][a-z'’-]{2,})"
    r"(?=\s*(?:,|\(|[–-])\s*[A-Za-z])"
)
#: Capitalised words of a service's name ("Safeguarding and Assessment Service"), which the
#: entry's name pattern would otherwise read as someone's name.
_NOT_A_PERSON = (
    _KIND_OF_PLACE | frozenset(_GENERIC_AGENCY_WORDS) | frozenset("families family assessment hub front door".split())
)


def read_empty_attendee_lists(facts: Facts) -> list[tuple[str, int | None]]:
    """Places meant to list who took part, left unfilled (see ``Facts.empty_attendee_lists``)."""
    from ..extract.voice import is_placeholder_text

    document, lexicon = facts.document, facts.lexicon
    out: list[tuple[str, int | None]] = []
    for t in document.tables:
        kinds = {part for k in t.column_kinds if k for part in k.split("+")}
        if "name" not in kinds or not {"role", "agency"} & kinds or "action" in kinds:
            continue
        rows = [
            rec for rec in t.records if any(v.strip() and not is_placeholder(v, lexicon) for v in rec.values.values())
        ]
        if not rows:
            first = t.cells[t.header_row][0] if t.cells and t.cells[t.header_row] else None
            out.append((" | ".join(h for h in t.header if h) or "attendee table", first))
    for label, value, block in labelled_lines(document):
        name = label.strip(" :?")
        if len(name.split()) > 8 or lexicon.section_kind(name) != "attendees":
            continue
        if is_placeholder_text(value, lexicon) or _REFERENCE_ELSEWHERE.match(value.strip()):
            out.append((name, block))
    for b in document.body_blocks():
        # "Attendance as per Teams invite / MASH diary 19/06.": the label and its pointer
        # on one line, with no colon between them
        for line in b.text.split("\n"):
            m = _LABELLED_REFERENCE.match(line.strip())
            name = m.group("label").strip(" -–") if m else ""
            if name and len(name.split()) <= 4 and lexicon.section_kind(name) == "attendees":
                out.append((name, b.index))
    return out


#: A list of who took part given only as a pointer: "as per invite – see Mosaic",
#: "As per Teams invite", "(name, role, agency)" left as the template's prompt.
_REFERENCE = (
    r"(?:\(?\s*name\s*,\s*role\s*(?:,|and|&)\s*agency\s*\)?|as\s+per\s+(?:the\s+)?(?:\w+\s+)?(?:invite|invitation|calendar|meeting\s+request)"
    r"|see\s+(?:the\s+)?(?:invite|invitation|mosaic|lcs|liquidlogic|system|case\s+notes?))\b"
)
_REFERENCE_ELSEWHERE = re.compile("^" + _REFERENCE, re.I)
#: The same pointer after a label on its line: "Attendance as per Teams invite".
_LABELLED_REFERENCE = re.compile(r"^(?P<label>[A-Za-z][\w /&'’]{2,40}?)\s+" + _REFERENCE, re.I)


_LIST_SENTENCE = re.compile(
    r"^\s*(?:apologies\s+(?:were\s+)?(?:received|sent|given|noted)\s+from|(?:those\s+)?present\s+were|also\s+present\s+were"
    r"|(?:also\s+)?consulted\s+(?:were|outside\s+the\s+meeting\s+were))\b",
    re.I,
)


def _listed_as_consulted(facts: Facts) -> set[str]:
    """Agencies named in a field that lists who was consulted or took part ("Agencies
    consulted outside the meeting: Dr Osman, GP, Harbour View Medical Centre, was telephoned
    ..."), however its entries are written: the record does list them there."""
    keys: set[str] = set()
    for b in facts.document.body_blocks():
        # "Apologies were received from Dr Osei (GP, ...) ... and from Ana Ruiz (IDVA, ...)"
        if b.text and _LIST_SENTENCE.match(b.text):
            keys.update(facts.agencies_named_in(b.text))
    for label, value, _block in labelled_lines(facts.document):
        # "Professionals consulted outside the meeting (phone / email – name, agency, what they
        # shared):" is its title and the template's guidance in brackets
        title = re.sub(r"\([^()]*\)", " ", label).strip(" :")
        if len(title.split()) <= 12 and facts.lexicon.section_kind(title) in ("consulted", "attendees", "apologies"):
            keys.update(facts.agencies_named_in(value))
    return keys


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
        if not b.text.strip():
            continue
        sec = document.section_of_block(b.index)
        kind = _kind_through_parents(document, sec) if sec is not None else None
        skipped = b.index in skip_blocks or kind in _SKIP_KINDS
        if skipped and not _said_cell(document, b):
            # minutes running on under the list are read; the list's own labelled lines
            # ("Professionals consulted outside the meeting: ...") are entries of it
            if _LEADING_LABEL.match(b.text) or not _minutes_under_list(b, {kind} if kind else set()):
                continue
        # "Format: ☐ Hospital ☐ Teams ☒ Telephone" was by telephone only
        lines = "\n".join(drop_unticked(line) for line in b.text.split("\n"))
        # a PDF paragraph comes as the lines its layout wrapped ("The social worker spoke by" /
        # "telephone after the meeting with" / "the practice nurse at Brookfield"): one sentence
        prose = document.format == "pdf" and len(lines.split()) >= _PROSE_WORDS
        if b.table is not None:
            # a cell of sentences ("... the practice nurse at Brookfield\nSurgery, who said ..."),
            # not an entry of a list broken over its narrow lines
            prose = prose and bool(re.search(r"[a-z)][.!?](?:\s|$)", lines))
        for line in unwrapped(lines) if prose else lines.split("\n"):
            if line.strip():
                yield b.index, line.strip()


_LEADING_LABEL = re.compile(r"^[^:.\n]{1,160}:\s")
#: A PDF block this long is a paragraph the layout wrapped, not a list of short lines.
_PROSE_WORDS = 12


def _said_cell(document, b) -> bool:
    """A cell of a "Who took part and what they told us" table's column of what was said:
    information given, though it sits in the list of who took part."""
    if b.table is None or b.column is None:
        return False
    kinds = document.tables[b.table].column_kinds
    return b.column < len(kinds) and kinds[b.column] == "contribution" or _said_column(document, b)


def _kind_through_parents(document, sec):
    while sec is not None:
        if sec.kind:
            return sec.kind
        sec = document.sections[sec.parent] if sec.parent is not None else None
    return None


def _contacts(nlp, text: str, initials: set[str], ignore: set[str], convenors: Collection[str] = ()):
    """(agency key, how to name it, surrounding text) for each agency contacted in ``text``."""
    found = mentions(nlp, text, initials)
    contacts = [m for m in found if m.label == "CONTACT" and m.text.lower() not in ignore]
    if not contacts:
        return
    agencies = _agency_mentions(nlp, found)
    if len(text.split()) <= _SHORT_HEADING and not re.search(r"[.!?]\s*$", text) and " said" not in text:
        # a subheading such as "GP (Riverside Surgery), consulted by telephone"
        for m in agencies:
            verbs = list(_CALLED.finditer(text, 0, m.start))
            yield m.key, _name_of(text, m), text[verbs[-1].end() :] if verbs else text
        return
    spans = _clauses(text)
    seen: set[str] = set()
    for c in contacts:
        before = text[: c.start]
        start, end = next(((s, e) for s, e in spans if s <= c.start < e), (0, len(text)))
        if _NOT_GIVEN.search(text[start : c.start]) or _NOT_BEFORE.search(before):
            continue  # a plan, a failed attempt or "Housing: not contacted": no information was given
        if _FAMILY_CALLER.search(text[start : c.start]):
            continue  # "GP consultations, mostly mother reporting symptoms by phone": the family's call
        if _FAMILY_TIME.search(text[start:end]):
            continue  # "Kai sees his mum at a family centre and they speak on the phone": family contact
        bracket = _bracket_around(text, c.start, start, end)
        if bracket is not None:
            # "RW (Tansy Lane Surgery, by phone) confirmed ... referred to the alcohol
            # service": the brackets say who was reached, with what they hold and what
            # comes just before them; the rest of the sentence is what they said
            lo, hi = max(start, bracket[0] - _NEAR), bracket[1]
        elif _PASSIVE_BEFORE.search(before[-20:]):
            lo, hi = start, c.start  # "the GP was contacted": the subject
        elif _ACTIVE.match(c.text):
            lo, hi = c.end, end  # "Tom contacted the GP": the object
            reached = text[c.end : c.end + 40]
            if _SENT_TO.match(c.text) and any(reached.lstrip().startswith(n) for n in convenors):
                lo, hi = start, c.start  # "The nursery manager emailed Dominic Shaw (SW)": the sender
        else:
            lo, hi = start, end  # "by phone", "Email received from ...": the whole clause
        told = _WHAT_THEY_SAID.search(text, c.end, hi)
        if told:
            hi = told.start()  # "... replied by email that the family had help with housing": what was said
        objects = [m for m in agencies if lo <= m.start < hi]
        if _ACTIVE.match(c.text) and lo == c.end and objects:
            # "phoned MASH ... and asked for a strategy discussion (agreed with Named Nurse)":
            # who was reached is the first named after the verb, and any listed with it
            first = [objects[0]]
            for m in objects[1:]:
                if not _LISTED_WITH.fullmatch(text[first[-1].end : m.start]):
                    break
                first.append(m)
            # "... the head teacher of St Aldhelm's, Kenneth Ashworth, at 11:40": where they
            # work and their name, written after who was reached, belong to the contact
            tail = _REACHED_TAIL.match(text, first[-1].end)
            hi = tail.end() if tail else first[-1].end
        for m in agencies:
            if _IN_PASSING.search(text[max(lo, m.start - 30) : m.start]):
                continue  # "by phone – seen for low mood, referred to CAMHS": CAMHS gave nothing
            if _VENUE.search(text[max(0, m.start - 70) : m.start]):
                continue  # "the meeting was held in the maternity department at Marlford General"
            if _JOINING.match(text, m.end):
                continue  # "the recovery service joining on Teams": took part, not consulted outside
            if lo <= m.start < hi and m.key not in seen:
                seen.add(m.key)
                # the person contacted is named beside the agency ("Dr Hobbs, GP at ..."),
                # not the worker who made the call at the start of the clause
                start = max(lo, m.start - _NEAR)
                verbs = list(_CALLED.finditer(text, start, m.start))
                if verbs:
                    start = verbs[-1].end()  # "Jess Ward spoke to Dr Rees, Castle Street Surgery": after the verb
                near = text[start : min(hi, m.end + _NEAR)]
                yield m.key, _name_of(text, m), near


#: Writing or ringing someone: when that is the social worker, the sender gave the information.
_SENT_TO = re.compile(r"^(?:e-?mailed|phoned|rang|rung|telephoned|messaged|texted)$", re.I)
#: Where a contact's sentence turns to what they said: agencies after it are its subject matter.
_WHAT_THEY_SAID = re.compile(
    # ("spoken by phone that morning with Dr Ramesh": when, not what was said)
    r"\b(?:that(?!\s+(?:morning|afternoon|evening|night|day|week|weekend)\b)|whether"
    r"|who\s+(?:said|confirmed|told|advised|reported|explained|stated|shared|added))\b",
    re.I,
)
#: Between two agencies reached together: "the GP and the school", "CAMHS, the school nurse".
_LISTED_WITH = re.compile(r"\s*(?:,|and|&|\+|/)\s*(?:(?:the|a|an)\s+)?|\s*,\s*and\s+(?:the\s+)?", re.I)
#: A relative just before the contact word is who phoned or wrote: not an agency giving information.
_FAMILY_CALLER = re.compile(
    r"\b(?:mother|mum|father|dad|parents?|carers?|grandmother|grandfather|nan|family|step-?(?:mother|father))"
    r"(?:\s+[a-z]+){0,3}\s*$",
    re.I,
)
#: The child's time with family ("sees his mum every other Saturday at a family centre"):
#: a call or a place in that clause is the family's contact, not an agency's information.
_FAMILY_TIME = re.compile(
    r"\b(?:sees|seeing|visits|visiting|spends\s+time\s+with|has\s+contact\s+with|contact\s+with)\s+"
    r"(?:his|her|their|the\s+child['’]s)\s+(?:mum|mother|dad|father|parents?|nan|gran\w*|grand\w+|family|siblings?|brothers?|sisters?)\b",
    re.I,
)
#: An agency named as where the child was sent or is known, not as who gave information.
_IN_PASSING = re.compile(
    r"\b(?:referred|referral|refer|referring|signposted|known|open|registered|allocated|transferred|"
    r"taken|admitted|brought|conveyed|rushed|"
    r"waiting\s+list)\s+(?:back\s+)?(?:to|with|for)\s+(?:the\s+|a\s+)?(?:[\w-]+['’]s\s+)?$",
    re.I,
)
#: Where the meeting was held: a place, not someone who gave information.
_VENUE = re.compile(
    r"\b(?:held|took\s+place|met|hosted|face[\s-]+to[\s-]+face|in\s+person)\b[^.;]{0,45}\b(?:at|in)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,3}$"
)
#: An agency said to join the meeting: "..., with police and the recovery service joining on Teams".
#: (the verb may follow the whole list the agency is in)
_JOINING = re.compile(r"[^.;:()]{0,60}?\b(?:joining|joined|dialled\s+in|dialling\s+in)\b", re.I)
#: A worker reaching someone: who was reached comes after it.
_CALLED = re.compile(
    r"\b(?:spoke|spoken|speaking|talked)\s+(?:(?:by|on|over)\s+(?:the\s+)?\w+\s+)?(?:to|with)\b"
    r"|\b(?:phoned|rang|rung|called|e-?mailed|contacted|telephoned|messaged)\b",
    re.I,
)
#: How far from an agency's name the person contacted for it is looked for (characters).
_NEAR = 40


def _bracket_around(text: str, at: int, start: int, end: int) -> tuple[int, int] | None:
    """The span of the brackets (inside the clause ``start``..``end``) that hold ``at``."""
    opening = text.rfind("(", start, at)
    if opening < 0 or text.rfind(")", opening, at) >= 0:
        return None
    closing = text.find(")", at, end)
    return (opening, closing + 1) if closing >= 0 else None


def _agency_mentions(nlp, found):

    return [m for m in to_agencies(nlp, found) if m.key]


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _name_of(text: str, m) -> str:
    """The agency as written, widened to the capitalised words before it ("Eastmoor Housing Options")."""
    words = text[: m.start].split()
    lead: list[str] = []
    for w in reversed(words):
        if w[:1].isupper() and w.isalpha() and w.lower() not in {"the", "a", "an", "by", "to"}:
            lead.insert(0, w)
        else:
            break
    tail = re.match(r"(?:\s+[A-Z][a-z]+)*", text[m.end :])
    name = " ".join(lead + [m.text]) + (tail.group(0) if tail else "")
    return name.strip() if m.role is None else m.text


def _names_recorded_person(text: str, recorded) -> bool:
    """The contact names someone the record lists: "Imran Siddiqui", or by title and
    surname, "Dr Siddiqui (Wrenshire SARC, by telephone)"."""
    for p in recorded:
        if p.initials and p.name == p.initials:
            # an anonymised record names everyone by initials: "WS (DSL), by phone"
            if any(_not_the_receiver(text, m.start()) for m in re.finditer(rf"\b{re.escape(p.initials)}\b", text)):
                return True
            continue
        parts = [w for w in p.name.split() if w[:1].isupper()]
        if len(parts) >= 2 and any(
            _not_the_receiver(text, m.start()) for m in re.finditer(re.escape(" ".join(parts[-2:])), text)
        ):
            return True
        if len(parts) >= 2 and len(parts[-1]) > 2:
            if any(
                _not_the_receiver(text, m.start()) for m in re.finditer(rf"{_TITLE}\s+{re.escape(parts[-1])}\b", text)
            ):
                return True
    return False


def _titles_recorded_person(text: str, mention: str, recorded) -> bool:
    """The agency's word is a listed person's title: "Spoke to SN Ambrose" names Joel Ambrose,
    Staff Nurse, from the list, not a school nurse nobody listed."""
    surnames = {w for p in recorded for w in p.name.split()[-1:] if len(p.name.split()) >= 2 and len(w) > 2}
    return any(m.group(1) in surnames for m in re.finditer(rf"\b{re.escape(mention.strip())}\s+([A-Z][\w'’-]+)", text))


def _not_the_receiver(text: str, at: int) -> bool:
    """A listed person named as the one who took the call ("Dr Noor spoke to Hollie Marsh by
    phone", "by phone with Marcus Lindqvist") is not whom the information came from."""
    return not re.search(r"\b(?:to|with)\s+$", text[max(0, at - 6) : at])


_HOW = [
    (re.compile(r"teams", re.I), "by Teams"),
    (re.compile(r"e-?mail", re.I), "by email"),
    (re.compile(r"phone|rang|rung|voicemail", re.I), "by telephone"),
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
