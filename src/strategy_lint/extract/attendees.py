"""Who took part: attendees, people consulted outside the meeting, and apologies.

Templates record participants in many shapes: a Name | Role | Agency table (whatever the
columns are called), a bulleted list ("Hannah Reed – Team Manager – Children's Social
Care", "DC Tom Hale, Westvale Police", "HR – Hannah Reed, Social Worker"), form rows
("Chair: Hannah Reed, TM, CSC") or a list squeezed into one form cell.  This module reads
them all into :class:`Participant` objects so every rule (and plugin) reads "who took
part" the same way.

Agencies are resolved through the lexicon's spaCy rulers (:mod:`strategy_lint.nlp`),
so a role implies its agency ("HV" -> health visiting, "DSL" -> school, "DC"/"DS" ->
police) and the abbreviation "DS" never matches inside "DSL".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..model import Document, Section, Table
from ..nlp import is_placeholder

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from ..lexicon import Lexicon

__all__ = [
    "PARTICIPANT_KINDS",
    "CONVENOR_AGENCIES",
    "Participant",
    "participants",
    "participant_sections",
    "rejoined",
    "initials_of",
    "parse_entry",
    "same_agency",
]

#: Section kinds that record who took part (or sent apologies).
PARTICIPANT_KINDS = ("attendees", "consulted", "apologies")
#: Children's social care and its front door / out-of-hours teams: the convening agency.
CONVENOR_AGENCIES = frozenset({"childrens-social-care", "mash", "edt"})

_DEFAULT_MODE = {"attendees": "present", "consulted": "consulted", "apologies": "apologies"}

# Titles that may precede a person's name.  Police ranks also imply a role (via the lexicon).
_TITLES = {
    "dr",
    "dr.",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "mx",
    "prof",
    "prof.",
    "professor",
    "cllr",
    "nurse",
    "sister",
    "det",
    "sgt",
    "insp",
    "dc",
    "ds",
    "di",
    "dci",
    "pc",
    "ps",
    "pcso",
    "rev",
    "sergeant",  # "Sergeant Kieran Walsh, Duty Sergeant, Eastmarch Police"
    "inspector",
}
_RANKS = {"DC", "DS", "DI", "DCI", "PC", "PS", "PCSO", "Sgt", "Insp", "Det", "Sergeant", "Inspector"}

# Words that mark a phrase as a job title or an organisation, for names the lexicon
# does not know ("Business Support Officer", "Riverside Surgery", "Northbrook Homes").
_ROLE_WORDS = {
    "manager",
    "worker",
    "officer",
    "nurse",
    "visitor",
    "lead",
    "teacher",
    "doctor",
    "consultant",
    "paediatrician",
    "pediatrician",
    "sergeant",
    "constable",
    "inspector",
    "midwife",
    "practitioner",
    "coordinator",
    "co-ordinator",
    "head",
    "headteacher",
    "chair",
    "adviser",
    "advisor",
    "advocate",
    "assistant",
    "director",
    "minutes",
    "minute",
    "taker",
    "administrator",
    "support",
    "gp",
    "clinician",
    "therapist",
    "psychologist",
    "student",
    "senco",
    "solicitor",
    "lawyer",
    "keyworker",
    "mentor",
    "caseworker",
    "registrar",
    "supervisor",
    "principal",
    "deputy",
    "detective",
    "secretary",
    "clerk",
    "chairperson",
    "psychiatrist",
    "dietitian",
    "dietician",
    "pharmacist",
    "housemaster",
    "housemistress",
    "bursar",
    "leader",  # "Shift Leader", "Team Leader"
    "dsl",
    "tm",
    "sw",
    "hv",
}
_ORG_WORDS = {
    "surgery",
    "school",
    "academy",
    "police",
    "hospital",
    "council",
    "service",
    "services",
    "team",
    "trust",
    "nursery",
    "homes",
    "housing",
    "centre",
    "center",
    "unit",
    "practice",
    "constabulary",
    "college",
    "department",
    "hub",
    "partnership",
    "nhs",
    "clinic",
    "office",
    "board",
    "agency",
    "care",
    "health",
    "ltd",
    "limited",
    "association",
    "charity",
    "foundation",
    "group",
    "authority",
    "camhs",
    "csc",
    "probation",
    "refuge",
    "project",
}
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z]*\.?|[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+)$")
_NAME_PARTICLES = {"de", "van", "von", "der", "da", "di", "le", "la", "bin", "al"}

# How someone took part, from words in their row.
_MODE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("apologies", re.compile(r"\bapolog", re.I)),
    ("teams", re.compile(r"\b(?:ms\s+)?teams\b|\bvideo\b|\bvirtual(?:ly)?\b|\bzoom\b", re.I)),
    ("phone", re.compile(r"\b(?:tele)?phon|\bconference call\b|\bcall\b|\bdial", re.I)),
    ("email", re.compile(r"\be-?mail", re.I)),
    ("consulted", re.compile(r"\bconsult(?!ant)|\bcontacted\b|\bwritten\b|\breport\b", re.I)),
    ("present", re.compile(r"\bin person\b|\bpresent\b|\battended\b|\bface to face\b", re.I)),
]
_MODE_FILLER = re.compile(
    r"\b(?:by|via|on|over|the|in|person|attended|attending|joined|joining|consulted|contacted|at|"
    r"meeting|present|and|a|of|call|message|chat|face|to|before|after|outside|separately|"
    r"telephone|phone|email|e-mail|teams|ms|video|virtual|virtually|zoom|conference|dial(?:led)?|"
    r"in|late|left|early|sent|apologies|written|report|information|am|pm)\b|"
    r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}[:.]\d{2}|[^\w]+",
    re.I,
)
_BULLET = re.compile(r"^\s*(?:[-*•·◦▪–o]\s+|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+)")
_INITIALS_PREFIX = re.compile(r"^([A-Z]{2,3})\s*(?:[–—:=-]|\s)\s*(?=[A-Z])")
_INITIALS_PAREN = re.compile(r"\(([A-Z]{2,3})\)")
#: The initials the minutes use, after a name: "Kerry Marsh (KM)", "Abi Reddish (ARe)".
_TRAILING_INITIALS = re.compile(r"\s*\((?:[A-Z][A-Za-z]?){1,3}\)\s*$")
#: A speaker's tag before the entry it stands for: "DC Iqbal – DC Farah Iqbal, Detective Constable".
_TAG_PREFIX = re.compile(r"^(?P<tag>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})\s+[–—-]\s+(?P<rest>\S.*)$")
_LABEL = re.compile(r"^([A-Za-z][A-Za-z'’/& ]{1,40}?)\s*:\s*(\S.*)$")
_SPLIT = re.compile(r"\s+[–—-]+\s+|\s*[–—]\s*|[,|()\[\];]|\s+/\s+|\s+-\s*$")
_SENTENCE = re.compile(r"[.!?]\s+[A-Z]|[.!?]$")
#: Labels that introduce a list of participants ("Present: ...", "Also present: ...").
_LIST_LABELS = {
    "present": "present",
    "attendees": "present",
    "attendance": "present",
    "in attendance": "present",
    "also present": "present",
    "also joined": "present",
    "also attended": "present",
    "also attending": "present",
    "also in attendance": "present",
    "participants": "present",
    "apologies": "apologies",
    "apols": "apologies",
    "apologies from": "apologies",
    "apologies received": "apologies",
    "sent apologies": "apologies",
    "present were": "present",
    "taking part": "present",
    "on the call": "present",
    "on the call were": "present",
    "on the line": "present",
    "on the line were": "present",
    "those on the call": "present",
    "those on the call were": "present",
    "taking part were": "present",
    "also taking part": "present",
    "also taking part were": "present",
    "those taking part": "present",
    "those taking part were": "present",
    "attending": "present",
    "consulted": "consulted",
    "also consulted": "consulted",
    "contributors": "consulted",
}
#: A line that opens with a list prompt, colon or not: "Present were: ...", "Apologies – ...".
_LIST_PROMPT = re.compile(
    # a numbered minute's paragraph may open it: "2.1 Those who took part were: ..."
    r"^\s*(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+)?"
    r"(?P<label>present(?:\s+were)?|those\s+present(?:\s+were)?|also\s+present|in\s+attendance|attendees|"
    r"attending|participants|(?:also\s+)?taking\s+part(?:\s+were)?|those\s+taking\s+part(?:\s+were)?|"
    r"(?:those\s+)?who\s+took\s+part\s+were|(?:those\s+)?on\s+the\s+(?:call|line)(?:\s+were)?|"
    r"apologies(?:\s+(?:from|received))?|apols|sent\s+apologies|also\s+consulted|consulted)"
    r"\s*(?::|[-–]|(?<=were)\s)\s*(?=\S)",
    re.I,
)
_REMARKED_PROMPT = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z ]{2,30}?)\s*\([^()]{1,40}\)\s*:\s*(?P<rest>\S.*)$")
#: What a speaker said after "HC (Chair):" -- a sentence, not a name, role and agency.
_SPOKEN = re.compile(r"^\s*(?:the|she|he|they|i|we|it|this|there)\b.{10,}[.!?]\s*$", re.I)
#: Several sentences after a speaker's label: an account in the minutes, not a list of people.
_ACCOUNT = re.compile(r"^(?=(?:\S+\s+){14})(?:.*?[a-z0-9%)]{2}\.\s+[A-Z]){2}")
#: A worker's name then what they did: a sentence of the minutes, not a list entry.
_NARRATED = re.compile(
    r"^(?:(?:Dr|DC|DS|PC|Mr|Mrs|Ms|Miss)\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}\s+"
    r"(?:phoned|rang|rung|e-?mailed|spoke|called|contacted|telephoned|said|advised|confirmed|reported|wrote|visited)\b"
)
#: "Key: initials – name, role, agency" (or "Key to initials"): a key of who took part follows.
_KEY_TITLE = re.compile(r"^\s*key(?:\s+to\s+initials)?\s*(?::|$)", re.I)
_KEY_ENTRY = re.compile(r"^\s*(?P<initials>[A-Z][A-Za-z]{1,3})\s*[–—-]\s+(?P<entry>\S.{3,})$")
_CHAIR_LABELS = {"chair", "chaired by", "chairperson", "minutes", "minute taker", "minutes taken by", "note taker"}


@dataclass(frozen=True)
class Participant:
    """One person (or agency) recorded as taking part, consulted, or sending apologies.

    ``mode`` is "present", "phone", "email", "teams", "consulted", "apologies" or None.
    ``block`` is the block holding the entry (a table cell of its row, or the list line).
    ``section_kind`` is the kind of section it was listed in; ``contribution`` is the text
    of an "Information provided" column when the table has one.
    """

    name: str
    role: str
    agency: str
    agency_key: str | None
    mode: str | None
    block: int | None
    row_text: str
    section_kind: str | None = None
    contribution: str = ""
    initials: str = ""
    table: int | None = None
    row: int | None = None
    #: role and agency came from one combined cell ("Agency / role") and were split by us
    combined: bool = False
    #: named only in a one-person field ("Chair: ...", "Minutes: ..."), not in a list of who took part
    from_field: bool = False

    @property
    def took_part(self) -> bool:
        """True unless the entry is an apology."""
        return self.mode != "apologies"

    @property
    def label(self) -> str:
        """How to name this participant in a message ("DC Tom Hale (Westvale Police)")."""
        who = self.name or self.role or self.agency
        extra = self.agency if self.name and self.agency else ""
        return f"{who} ({extra})" if extra else who


# -- public API ----------------------------------------------------------------------------


def participants(document: Document, nlp: Language | None = None, lexicon: Lexicon | None = None) -> list[Participant]:
    """Everyone the record lists as present, consulted or sending apologies, in reading order."""
    reader = _Reader(document, nlp, lexicon)
    return reader.read()


def participant_sections(document: Document) -> list[Section]:
    """Sections of kind attendees / consulted / apologies (outermost ones only)."""
    found = [s for s in document.sections if s.kind in PARTICIPANT_KINDS]
    ids = {s.index for s in found}
    return [s for s in found if not _has_ancestor(document, s, ids)]


class _Named(Protocol):
    """A participant as initials_of reads it (this module's and the facts' alike)."""

    @property
    def name(self) -> str: ...
    @property
    def initials(self) -> str: ...


_P = TypeVar("_P", bound=_Named)


def initials_of(people: Iterable[_P]) -> dict[str, _P]:
    """People's initials as minutes use them ("HR" for Hannah Reed) -> the participant.

    Explicit initials written in the record ("HR – Hannah Reed") win; otherwise the
    initials are built from the name without its title ("DS Mark Fenwick" -> "MF").
    """
    out: dict[str, _P] = {}
    for p in people:
        for ini in _initials_candidates(p):
            out.setdefault(ini, p)
    return out


#: Services that local areas run as one body under several names: a "0-19 team" is health
#: visiting and school nursing; CSC is also its front door and its out-of-hours team.
SAME_BODY = (CONVENOR_AGENCIES, frozenset({"health-visiting", "school-nursing"}))


def same_agency(a: str | None, b: str | None) -> bool:
    """Agency keys that mean the same body (CSC, its front door and its out-of-hours team;
    health visiting and school nursing, run together as 0-19 services)."""
    if not a or not b:
        return False
    return a == b or any(a in body and b in body for body in SAME_BODY)


# -- reading ------------------------------------------------------------------------------


def _has_ancestor(document: Document, sec: Section, ids: set[int]) -> bool:
    parent = sec.parent
    while parent is not None:
        if parent in ids:
            return True
        parent = document.sections[parent].parent
    return False


def _section_kind_for(document: Document, sec: Section | None) -> str | None:
    """The participant kind of a section, looking through its ancestors."""
    while sec is not None:
        if sec.kind in PARTICIPANT_KINDS:
            return sec.kind
        sec = document.sections[sec.parent] if sec.parent is not None else None
    return None


class _Reader:
    def __init__(self, document: Document, nlp: Any, lexicon: Any) -> None:
        if lexicon is None:
            from ..lexicon import default_lexicon

            lexicon = default_lexicon()
        if nlp is None:
            from ..nlp import get_pipeline

            nlp = get_pipeline(lexicon)
        self.doc = document
        self.nlp = nlp
        self.lexicon = lexicon
        self._cache: dict[str, list[Any]] = {}

    # -- language helpers ---------------------------------------------------------------
    def mentions(self, text: str) -> list[Any]:
        hit = self._cache.get(text)
        if hit is None:
            from ..nlp import mentions

            hit = [m for m in mentions(self.nlp, text) if m.label in ("AGENCY", "ROLE")]
            self._cache[text] = hit
        return hit

    def agency_key(self, text: str) -> str | None:
        from ..nlp import agencies_in

        found = agencies_in(self.nlp, text)
        # prefer a named agency over one implied by a role in the same text, a specific
        # name over a weak one ("Children's Social Care" over "Borough Council"), and the
        # longest name
        weak = self.lexicon.weak_agency_names()
        named = [m for m in found if m.role is None]
        pool = named or found
        if not pool:
            return None
        pick = min(pool, key=lambda m: (m.text.lower() in weak, -len(m.text), m.start))
        return pick.key

    def _only_weak(self, text: str) -> bool:
        """True if every agency named in ``text`` is a weak name ("NHS Foundation Trust")."""
        from ..nlp import agencies_in

        found = [m for m in agencies_in(self.nlp, text) if m.role is None]
        weak = self.lexicon.weak_agency_names()
        return bool(found) and all(m.text.lower() in weak for m in found)

    # -- the walk ---------------------------------------------------------------------
    def read(self) -> list[Participant]:
        out: list[Participant] = []
        used_tables: set[int] = set()
        used_blocks: set[int] = set()
        for sec in self.doc.sections:
            kind = sec.kind if sec.kind in PARTICIPANT_KINDS else None
            if kind is None:
                continue
            for t in self.doc.section_tables(sec):
                if t.index not in used_tables and _is_people_table(t):
                    used_tables.add(t.index)
                    used_blocks.update(b for row in t.cells for b in row if b is not None)
                    out.extend(self._from_table(t, _section_kind_for(self.doc, self._sec_of_table(t)) or kind))
            out.extend(self._from_lines(sec, kind, used_blocks))
        # a people table just after a participant section, or in an untitled/details part
        for t in self.doc.tables:
            if t.index in used_tables or not _is_people_table(t):
                continue
            kind = self._nearby_kind(t)
            if kind:
                used_tables.add(t.index)
                out.extend(self._from_table(t, kind))
        # a list given as an inline prompt anywhere: "Present were: A (Role, Agency); B ...",
        # "Apologies: Dr Hunt (GP, Orchard Grove Medical Centre), who sent ..."
        read_blocks = {p.block for p in out if p.block is not None}
        for b in self.doc.body_blocks():
            if (
                b.index in read_blocks
                or b.index in used_blocks
                or b.table is not None
                and _block_in_people_table(self.doc, b.index)
            ):
                continue
            if _participant_section(self.doc, b.index):
                continue  # already read with its section
            # "09:40 – Strategy held by conference call. Taking part were A (TM, MASH); B ...":
            # a list may open a paragraph's second sentence
            for line in (part for whole in unwrapped(b.text) for part in _at_list_prompts(whole)):
                m = _LIST_PROMPT.match(line)
                if not m:
                    # "Present (all by telephone): A (Role, Agency); B ...": a list label with a remark
                    q = _REMARKED_PROMPT.match(line)
                    if q is None or " ".join(q.group("label").lower().split()) not in _LIST_LABELS:
                        # any attendance title the lexicon knows ("Those taking part: A (Role,
                        # Agency); B ..."), written as an inline label
                        label, colon, rest = line.partition(":")
                        if colon and rest.strip() and len(label.split()) <= 8:
                            # "Contributed outside the meeting (phone / email): Dr Elliott, GP, ..."
                            bare = re.sub(r"\([^()]*\)", " ", label)
                            kind = self.lexicon.section_kind(bare)
                            if kind in ("attendees", "consulted", "apologies"):
                                for entry in self.entries(rest.strip(), kind):
                                    out.append(_with_block(entry, b.index))
                        continue
                    line = f"{q.group('label')}: {q.group('rest')}"
                    m = _LIST_PROMPT.match(line)
                    if not m:
                        continue
                kind = _LIST_LABELS.get(" ".join(m.group("label").lower().split()), "present")
                section_kind = {"present": "attendees", "apologies": "apologies", "consulted": "consulted"}[kind]
                for entry in self.entries(line.strip(), section_kind):
                    out.append(_with_block(entry, b.index))
        out.extend(self._initials_key(read_blocks | used_blocks | {p.block for p in out if p.block is not None}))
        if not any(p.name and p.took_part and not p.from_field for p in out):
            out.extend(self._untitled_list())
        out.sort(key=lambda p: p.block if p.block is not None else -1)
        return out

    def _untitled_list(self) -> list[Participant]:
        """A part under a title the lexicon does not know ("B  IN THE ROOM (AND OUTSIDE IT)")
        whose lines are, nearly all, people written as list entries -- a name with a role or
        an agency ("Ben Ashcroft, Social Worker, Adolescent Safety Hub") -- is the list of who
        took part, when the record has no other.  Read by its content, as tables are: three
        entries at least, and nothing but entries besides the odd note."""
        split = rejoined if self.doc.format == "pdf" else _lines_of
        lists = {s.index for s in participant_sections(self.doc)}
        for sec in self.doc.sections:
            if sec.kind is not None or _has_ancestor(self.doc, sec, lists):
                continue
            lines = [
                (b.index, line.strip())
                for b in self.doc.section_blocks(sec)
                if b.table is None and b.index != sec.heading_block and not b.is_furniture
                for line in split(b.text)
                if line.strip()
            ]
            found: list[Participant] = []
            for block_idx, line in lines:
                if len(line.split()) > 18:
                    continue
                entry = next(iter(self.entries(line, "attendees")), None)
                if entry and entry.name and (entry.role or entry.agency) and not is_family(line):
                    found.append(_with_block(entry, block_idx))
            if len(found) >= 3 and len(found) >= 0.8 * len(lines):
                return found
        return []

    def _initials_key(self, done: set[int]) -> list[Participant]:
        """Near-verbatim minutes name everyone once, in a key under "Key: initials – name,
        role, agency" ("HC – Helen Crowther, Team Manager (Chair), Children's Services"), and
        then only by initials: the key is the list of who took part."""
        out: list[Participant] = []
        blocks = [b for b in self.doc.body_blocks() if b.table is None]
        for i, b in enumerate(blocks):
            if not _KEY_TITLE.match(b.text or ""):
                continue
            for entry in blocks[i + 1 :]:
                m = _KEY_ENTRY.match(entry.text or "")
                if m is None:
                    break
                if entry.index in done:
                    continue
                for p in self.entries(m.group("entry"), "attendees"):
                    out.append(replace(_with_block(p, entry.index), initials=p.initials or m.group("initials")))
        return out

    def _sec_of_table(self, t: Table) -> Section | None:
        return self.doc.sections[t.section] if t.section is not None else None

    def _nearby_kind(self, t: Table) -> str | None:
        """A people table outside any participant section is still a list of who took part:
        tables are known by what they hold ("Name | Relationship to child/agency |
        Attended"), not by the title above them ("Those involved", or none at all)."""
        if not _is_people_table(t):
            return None
        return _section_kind_for(self.doc, self._sec_of_table(t)) or "attendees"

    # -- tables -------------------------------------------------------------------------
    def _from_table(self, t: Table, kind: str) -> list[Participant]:
        out = []
        mode_cols = [
            h
            for h, k in zip(t.header, t.column_kinds, strict=False)
            if k == "mode"
            or (
                k is None
                and re.search(r"how|consult|attend|present|contact|method|apolog|spoken|phone|e-?mail", h, re.I)
            )
        ]
        joint = next((k for k in t.column_kinds if k and "+" in k), None)
        by_initials = any(
            "initial" in h.lower() for h, k in zip(t.header, t.column_kinds, strict=False) if k and "name" in k
        )
        for rec, joint_cell in self._joint_entries(t, joint):
            name = _clean(rec.get("name"))
            role = _clean(rec.get("role"))
            agency = _clean(rec.get("agency"))
            listed = self._listed_row(t, rec, name)
            if listed is not None:
                out.extend(listed)
                continue
            combined = False
            has_role_col = any(k and "role" in k.split("+") for k in t.column_kinds)
            has_agency_col = any(k and "agency" in k.split("+") for k in t.column_kinds)
            if agency and not role and not has_role_col:
                # an "Agency" (or "Relationship to child/agency") column that holds the role too;
                # what we cannot split is unsure, not missing
                combined = True
                parsed_agency = self.parse(agency)
                if parsed_agency is not None and parsed_agency.role:
                    role, agency = parsed_agency.role, parsed_agency.agency or agency
            elif role and not agency and not has_agency_col:
                combined = True
                parsed_role = self.parse(role)
                if parsed_role is not None and parsed_role.agency:
                    role, agency = parsed_role.role or role, parsed_role.agency
            if _NOBODY.match(joint_cell if joint else name):
                continue  # "Health – Paediatrics | N/A – unborn", "Not contacted (OOH)": nobody took part
            # "HJ (TM)" under "Initials (role)": an anonymised record names people by initials
            # (under "Professional" the same shape, "HV (NS)", is a role and someone's initials)
            anonymised = _ANONYMISED.match(joint_cell if joint and "name" in joint else name) if by_initials else None
            if anonymised:
                name = anonymised["initials"]
                role = role or anonymised["role"]
            elif joint:
                cell = joint_cell
                parsed_cell = self.parse(cell) if cell else None
                if parsed_cell is not None:
                    name = name or (parsed_cell.name if "name" in joint else "")
                    role = role or parsed_cell.role
                    # "Other (state) | Jade Morris, Family Practitioner, Kestonbury Early Help":
                    # the organisation written in the cell says more than the grid's category
                    if parsed_cell.agency and (not agency or self.agency_key(parsed_cell.agency)):
                        agency = parsed_cell.agency
                combined = combined or bool(cell)
            row_text = " | ".join(v for v in rec.values.values() if v)
            if not (name or role or agency) or is_placeholder(" ".join((name, role, agency)), self.lexicon):
                continue
            if is_family(name) or is_family(role) or is_family(agency):
                continue  # a relative, not a professional taking part
            if name and not role and is_placeholder(name, self.lexicon):
                continue  # "Education | N/A": nobody from that agency took part
            if not (role or agency) and not _full_name(_TRAILING_INITIALS.sub("", name)):
                continue  # "No.", "1", "Type": the rows of another table under the same grid
            initials = name if anonymised else ""
            if name and (not role or not agency) and not anonymised:
                parsed = self.parse(name)
                if parsed is not None:
                    name = parsed.name or name
                    role = role or parsed.role
                    agency = agency or parsed.agency
                    initials = parsed.initials
            mode_text = " ".join(rec.values.get(h, "") for h in mode_cols)
            if joint and _is_mode_header(t, joint):
                # "Person, role, how involved | Ms Joy Ansell, Duty SW; by phone, did not join"
                mode_text = f"{mode_text} {_clean(rec.get(joint))}"
            if not (name or role) and mode_cols and _nothing_ticked(rec, mode_cols):
                continue  # "GP | ☐ | ☐ | ☐ | ☐": the template's row, nobody from the GP took part
            mode = _mode_from_ticks(rec, mode_cols) or _mode_of(mode_text) or _DEFAULT_MODE.get(kind)
            name, role = self._title_role(name, role)
            key = self._resolve_key(agency, role, name)
            block = rec.blocks[0] if rec.blocks else None
            out.append(
                Participant(
                    name=_strip_name(name),
                    role=role,
                    agency=agency,
                    agency_key=key,
                    mode=mode,
                    block=block,
                    row_text=row_text,
                    section_kind=kind,
                    contribution=_clean(rec.get("contribution")),
                    initials=initials,
                    table=t.index,
                    row=rec.row,
                    combined=combined,
                )
            )
        return out

    def _listed_row(self, t: Table, rec: Any, name: str) -> list[Participant] | None:
        """A row of the people table titled as a list ("Apologies | Kirsty Mayle, Case
        Manager, YJS: in court", "Consulted outside the meeting | PC Gemma Lowe, BTP: phoned
        11/02"): the entries in its text, of the kind its title says.  None for other rows."""
        title = re.sub(r"\([^()]*\)", " ", name).strip(" :")
        kind = self.lexicon.section_kind(title) if title and len(title.split()) <= 6 else None
        if kind not in PARTICIPANT_KINDS:
            return None
        rest = [v for h, v in rec.values.items() if v and _clean(v) != name]
        if not rest:
            return []  # the title with nothing after it: nobody listed there
        block = rec.blocks[-1] if rec.blocks else None
        return [
            replace(p, block=block if p.block is None else p.block, table=t.index, row=rec.row)
            for p in self.entries(" ".join(rest), kind)
        ]

    def _cell_lines(self, t: Table, rec: Any, kind: str) -> str:
        """The cell of ``kind`` in ``rec``'s row with its line breaks (the record's values
        join a cell's lines with spaces)."""
        col = t.column_kinds.index(kind) if kind in t.column_kinds else None
        row = t.cells[rec.row] if rec.row is not None and rec.row < len(t.cells) else []
        idx = row[col] if col is not None and col < len(row) else None
        return self.doc.blocks[idx].text if idx is not None else rec.get(kind) or ""

    def _joint_entries(self, t: Table, joint: str | None):
        """(record, text of its combined people cell) for each person of each row: a cell
        may list several people of the row's agency ("Deborah Kaur TM (chair); Liam Stott
        SW; attended"), each then an entry of their own, and how they took part said once."""
        for rec in t.records:
            cell = _clean(rec.get(joint)) if joint else ""
            raw = self._cell_lines(t, rec, joint) if joint else ""
            if self.doc.format == "pdf":
                raw = "\n".join(rejoined(raw))  # a PDF cell's lines are where its layout wrapped
            # one person per line of the cell, or per ";" or " / "
            parts = [_clean(part) for part in re.split(r";|\n|\s+/\s+", raw) if part.strip()]
            people = [part for part in parts if not is_mode_part(part)]
            named = [(part, found) for part in people if (found := self.parse(part)) and _full_name(found.name)]
            # "CSC / Marcus Webb, TM (chair) / Farah Iqbal, SW": the agency first, then its people
            lead = people[0] if named and len(named) == len(people) - 1 and named[0][0] != people[0] else ""
            if len(named) >= 2 and len(named) == len(people) or lead:
                for part, found in named:
                    # the row's agency says more when the entry has no agency the lexicon knows
                    # or no role ("GP / Dr Asha Menon, Beacon Health Centre")
                    says_less = not (found.role and self.agency_key(found.agency))
                    yield rec, f"{part}, {lead}" if lead and says_less else part
            else:
                yield rec, cell

    # -- lists, paragraphs and form rows ------------------------------------------------------
    def _from_lines(self, sec: Section, kind: str, used: set[int]) -> list[Participant]:
        out: list[Participant] = []
        context_agency = ""
        for block_idx, text, label in self._lines(sec, used):
            if label is not None:
                # a form row inside the section ("Chair" | "Hannah Reed, TM, CSC") or a
                # subheading naming an agency ("### Police") that the lines below belong to
                if not text:
                    context_agency = label if self.agency_key(label) else ""
                    continue
                ranked = label.split()[0] in _RANKS
                if (
                    _full_name(label)
                    and (ranked or not self.agency_key(label))
                    and not self.lexicon.section_kind(label)
                ):
                    # "Helen Quarshie | TM (chair), Disabled Children's Team": a list of two
                    # columns, the person's name where a form puts its label
                    text = f"{label}, {text}"
                else:
                    text = f"{label}: {text}"
            # "The discussion was chaired by A. Also taking part were B, Role, Agency; C ...": a
            # paragraph of the part may open its list in its second sentence
            for part in _at_list_prompts(text) if label is None else [text]:
                for entry in self.entries(part, kind, context_agency):
                    out.append(_with_block(entry, block_idx))
        return out

    def _lines(self, sec: Section, used: set[int]) -> Iterable[tuple[int, str, str | None]]:
        """(block, line text, form label or None) for a participant section and its children."""
        children = [s for s in self.doc.sections if s.parent == sec.index]
        own = [i for i in sec.blocks if i not in used]
        items: list[tuple[int, int, str, str | None]] = []
        split = rejoined if self.doc.format == "pdf" else _lines_of
        for i in own:
            b = self.doc.blocks[i]
            if b.is_furniture or (b.table is not None and _block_in_people_table(self.doc, i)):
                continue
            for line in split(b.text):
                items.append((i, 0, line, None))
        for child in children:
            if child.kind in PARTICIPANT_KINDS:
                continue  # read as a section of its own
            if child.kind is not None and child.kind not in ("details",):
                continue  # "Decision", "Actions" nested under the list by a template's layout
            anchor = child.heading_block if child.heading_block is not None else (child.blocks or [0])[0]
            blocks = [i for i in child.blocks if i not in used]
            if child.origin == "form-label" and blocks:
                for i in blocks:
                    for line in self.doc.blocks[i].text.split("\n"):
                        items.append((i, 1, line, child.title))
            else:
                items.append((anchor, 0, "", child.title))
                for b in self.doc.section_blocks(child):
                    if b.index in used or b.table is not None and _block_in_people_table(self.doc, b.index):
                        continue
                    for line in split(b.text):
                        items.append((b.index, 1, line, None))
        items.sort(key=lambda x: (x[0], x[1]))
        for i, _, line, label in items:
            if line.strip() or (label and not line.strip()):
                yield i, line.strip(), label

    def entries(self, text: str, kind: str, context_agency: str = "") -> list[Participant]:
        """Participants written on one line (one or several: "A (TM, CSC); B (Police)")."""
        text = _BULLET.sub("", text).strip()
        if not text or is_placeholder(text, self.lexicon):
            return []
        if text.endswith(":") and len(text.split()) >= 3:
            return []  # "Present in the meeting room at Mere House, Ashby Mere, or on Teams:" opens the list
        if _TICK_BOX.search(text):
            return []  # "☒ Police ☐ Local Authority solicitor": a checklist of who should attend, not who did
        if _FAMILY_LABEL.match(text):
            return []  # "Household: Father – Craig Forsythe": the family, never the participants
        hint_role = hint_agency = ""
        from_field = False
        mode = _DEFAULT_MODE.get(kind)
        prompt = _LIST_PROMPT.match(text)
        if prompt and not text[: prompt.end()].rstrip().endswith(":"):
            # "Present were A (Role, Agency), B (...) and C (...). A and B met at the school;
            # the others joined on Teams.": the list is the prompt's own sentence
            mode = _LIST_LABELS.get(" ".join(prompt.group("label").lower().split()), mode)
            text = _first_sentence(text[prompt.end() :])
        elif prompt and prompt.group("label").lower().startswith(("those who", "who")):
            # "2.1 Those who took part were: A (Role, Agency); B ...": a numbered minute's list
            text = text[prompt.end() :]
        if _NARRATED.match(text):
            return []  # "Amy Thornton phoned Elmtree Surgery on 04/12 ...": an account, not an entry
        said = re.match(r"^[^:]{1,50}:\s*(?P<rest>.*)$", text)
        listed = said is not None and self.lexicon.section_kind(re.sub(r"\([^()]*\)", " ", text[: said.start("rest")]))
        if said and _SPOKEN.match(said.group("rest")) and listed not in PARTICIPANT_KINDS:
            return []  # "HC (Chair): The chair welcomed everyone.": a speaker, not an entry
        if said and listed not in PARTICIPANT_KINDS and _ACCOUNT.search(said.group("rest")):
            return []  # "PR (read in): LJ temp 35.9 on arrival, warmed. No injuries. ...": minutes
        if said and kind != "apologies":
            # "2.2 Apologies (give reason): health and education not available" inside the
            # attendance part: the label says what the entries after it are
            bare = re.sub(r"\([^()]*\)", " ", text[: said.start("rest")].rstrip(": "))
            if _NOT_THERE.match(bare):
                # "Not available OOH: health (no on-call cover), school (closed)": absent
                return self.entries(said.group("rest"), "apologies", context_agency)
            own = self.lexicon.section_kind(bare) if len(bare.split()) <= 6 else None
            if own in ("apologies", "consulted") and own != kind:
                return self.entries(said.group("rest"), own, context_agency)
        label = _LABEL.match(text)
        if label:
            lab = label.group(1).strip().lower()
            if lab in _LIST_LABELS:
                mode = _LIST_LABELS[lab]
                text = label.group(2)
            elif lab in _CHAIR_LABELS:
                hint_role = label.group(1).strip()
                text = label.group(2)
                from_field = True
            elif self.agency_key(label.group(1)) or _has_word(label.group(1), _ROLE_WORDS):
                is_role = any(m.label == "ROLE" for m in self.mentions(label.group(1))) or _has_word(
                    label.group(1), _ROLE_WORDS
                )
                if is_role:
                    hint_role = label.group(1).strip()
                else:
                    hint_agency = label.group(1).strip()
                text = label.group(2)
        out = []
        parsed: list[tuple[str, _Parsed]] = []
        for piece in _split_entries(text):
            p = self.parse(piece)
            if p is not None and not p.name and parsed:
                # "Daniel Shaw (DS), Social Worker": the piece after the comma is no new person
                merged = parsed[-1][0] + ", " + piece
                again = self.parse(merged)
                if again is not None:
                    parsed[-1] = (merged, again)
                    continue
            if p is not None:
                parsed.append((piece, p))
        for piece, p in parsed:
            nurse = bool(p.role and _NURSING_SISTER.match(p.name))  # "Sister Maeve Corrigan, Senior Nurse"
            if not nurse and (
                is_family(p.name or piece) or is_family(piece) or is_family(p.role) or _family_note(piece)
            ):
                continue  # a relative, not a professional taking part
            if not p.name and (_INPUT_WORDS.search(piece) or _NONE_FROM.match(piece)):
                continue  # "K not known to SN", "No health at strat": no one who took part
            if not (p.role or p.agency or hint_role or hint_agency or context_agency) and not _full_name(p.name):
                continue  # "Type", "Decision", "Sana": a word on its own is not an entry
            role = p.role or hint_role
            agency = p.agency or hint_agency or context_agency
            piece_mode = p.mode or mode
            name, role = self._title_role(p.name, role)
            out.append(
                Participant(
                    name=_strip_name(name),
                    role=role,
                    agency=agency,
                    agency_key=self._resolve_key(agency, role, name),
                    mode=piece_mode,
                    block=None,
                    row_text=piece.strip(),
                    section_kind=kind,
                    initials=p.initials,
                    from_field=from_field,
                )
            )
        return out

    def parse(self, text: str) -> _Parsed | None:
        """Split one entry into name, role, agency and mode; None if it is not an entry."""
        return _parse(text, self)

    # -- agencies -----------------------------------------------------------------------
    def _title_role(self, name: str, role: str) -> tuple[str, str]:
        """'DC Tom Hale' with no role gives the role 'DC'."""
        first = name.split()[0] if name.split() else ""
        if not role and first in _RANKS:
            role = first
        return name, role

    def _resolve_key(self, agency: str, role: str, name: str) -> str | None:
        key = self.agency_key(agency) if agency else None
        if key and role and self._only_weak(agency):
            # "School Nurse | Brackenford Healthcare NHS Foundation Trust": the role says more
            key = self.agency_key(role) or key
        if key:
            return key
        if role:
            key = self.agency_key(role)
            if key:
                return key
        first = name.split()[0] if name.split() else ""
        if first in _RANKS:
            return self.agency_key(first) or "police"
        return None


@dataclass
class _Parsed:
    name: str
    role: str
    agency: str
    mode: str | None
    initials: str


def parse_entry(
    text: str, nlp: Language | None = None, lexicon: Lexicon | None = None, kind: str = "attendees"
) -> Participant | None:
    """Parse one attendee line ("Hannah Reed – Team Manager – Children's Social Care")."""
    reader = _Reader(Document(path="<entry>", format="text"), nlp, lexicon)
    found = reader.entries(text, kind)
    return found[0] if found else None


def _parse(text: str, reader: _Reader) -> _Parsed | None:
    text = _BULLET.sub("", text).strip().rstrip(".")
    if not text or len(text) > 200:
        return None
    head = _SPLIT.split(text, maxsplit=1)[0]
    if len(head.split()) >= 6 and _PROSE.search(head):
        return None  # a sentence about the meeting, not an entry
    initials = ""
    m = _INITIALS_PREFIX.match(text)
    if m and _initials_fit(m.group(1), text[m.end() :], reader):
        initials, text = m.group(1), text[m.end() :]
    tag = _TAG_PREFIX.match(text) if not initials else None
    if tag and not any(f.label == "AGENCY" for f in reader.mentions(tag["tag"])):
        first = _SPLIT.split(tag["rest"], maxsplit=1)[0].strip()
        short = tag["tag"].split()[-1] in first.split() or not _full_name(tag["tag"])
        if short and _full_name(first) and _looks_like_name(first, reader) and _classify(first, reader) != "role":
            # "Recovery – Jess Kilbride, Recovery Worker, ...", "DC Iqbal – DC Farah Iqbal, ...":
            # the tag the minutes use for them, then who they are
            initials, text = tag["tag"], tag["rest"]
    m = _INITIALS_PAREN.search(text)
    if m and _initials_fit(m.group(1), text[: m.start()], reader, before=True):
        initials = initials or m.group(1)
        text = (text[: m.start()] + text[m.end() :]).strip()
    parts = [p.strip(" .:") for p in _SPLIT.split(text) if p and p.strip(" .:")]
    if not parts:
        return None
    name = ""
    roles: list[str] = []
    agencies: list[str] = []
    mode: str | None = None
    for _i, part in enumerate(parts):
        if is_mode_part(part):
            mode = mode or _mode_of(part)
            continue
        if not name and _looks_like_name(part, reader):
            name = part
            continue
        written_together = _NAME_THEN_ROLE.match(part) if not name else None
        if (
            written_together
            and _looks_like_name(written_together["name"], reader)
            and _classify(written_together["role"], reader) == "role"
        ):
            # shorthand with no comma: "Liam Stott SW", "Deborah Kaur TM"
            name = written_together["name"]
            roles.append(written_together["role"])
            continue
        kind = _classify(part, reader)
        if kind == "role":
            roles.append(part)
        elif kind == "agency":
            agencies.append(part)
        elif kind == "place" and (agencies or name and roles):
            # "Riverside Surgery, Northbrook"; "Mrs Teague, Assistant Housemistress, Foxton
            # House": after a name and a role, an organisation nobody knows is the agency
            agencies.append(part)
        elif kind == "prose":
            if name and (roles or agencies):
                break  # "Dr Webb – GP, Station Road Surgery – spoke to the SW by phone ...": a note
            return None
    if not roles and len(agencies) >= 2:
        # "Dr Fiona Marchbank, Head of Sixth Form and Deputy DSL, Quillford Abbey School": two
        # parts read as agencies, the one naming a job is the role
        held = next((a for a in agencies if any(m.label == "ROLE" for m in reader.mentions(a))), None)
        if held is not None:
            roles.append(held)
            agencies.remove(held)
    if not (name or roles or agencies):
        return None
    if not name and _SENTENCE.search(text) and len(text.split()) > 8:
        return None  # a sentence, not an entry
    if not name and len(text.split()) > 10:
        return None
    return _Parsed(name, ", ".join(roles), ", ".join(agencies), mode, initials)


#: A name and the abbreviation of a role after it, with no comma between them.
_NAME_THEN_ROLE = re.compile(
    r"^(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|DC|DS|PC|PS)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})"
    r"\s+(?P<role>[A-Z]{2,5}\b.*)$"
)
_PROSE = re.compile(
    r"\b(?:was|were|is|are|said|says|reported|has|have|had|will|would|who|which|that|did|could|"
    r"should|being|been|represented|confirmed|advised|agreed)\b"
)


def _initials_fit(ini: str, around: str, reader: _Reader, before: bool = False) -> bool:
    """'HR' before 'Hannah Reed' (or '(DS)' after 'Daniel Shaw') are initials, not agencies."""
    parts = [p.strip() for p in _SPLIT.split(around) if p.strip()]
    name = (parts[-1] if before else parts[0]) if parts else ""
    words = [w for w in name.split() if w.lower().rstrip(".") not in _TITLES and w[:1].isupper()]
    if len(words) >= 2 and ini in {"".join(w[0] for w in words).upper(), (words[0][0] + words[-1][0]).upper()}:
        return True
    return not reader.mentions(ini)


def _classify(part: str, reader: _Reader) -> str:
    words = part.split()
    if len(words) > 9:
        return "prose"
    found = reader.mentions(part)
    roles = [m for m in found if m.label == "ROLE"]
    agencies = [m for m in found if m.label == "AGENCY"]
    if roles and not agencies:
        return "role"
    if agencies and not roles:
        # "Nursery Manager", "School Nurse", "Hospital Social Worker": the last word is what
        # the person is, the agency before it only where they work
        head = re.sub(r"[^\w-]", "", words[-1].lower()) if words else ""
        return "role" if len(words) > 1 and head in _ROLE_WORDS and head not in _ORG_WORDS else "agency"
    if roles and agencies:
        # "Team Manager CSC": call it a role when the role covers more of it
        return "role" if sum(len(m.text) for m in roles) >= sum(len(m.text) for m in agencies) else "agency"
    if _has_word(part, _ROLE_WORDS):
        return "role"
    if _has_word(part, _ORG_WORDS):
        return "agency"
    if all(w[:1].isupper() for w in words if w[:1].isalpha()):
        return "place"  # "Northbrook" after "Riverside Surgery"
    return "other"


#: Family members are never participants in a strategy discussion (professionals only):
#: "Mother Kerry Chambers" in a "Who was present" table at a home visit is not an attendee.
_FAMILY = re.compile(
    r"^(?:mother|father|mum|dad|step-?(?:mother|father|dad|mum)|parents?|grand(?:mother|father|ma|pa|parents?)|"
    r"nan|nana|grandad|aunt|auntie|uncle|cousin|brother|sister|sibling|half-?(?:brother|sister)|partner|boyfriend|girlfriend|"
    r"carer|child|baby|son|daughter)\b",
    re.I,
)


#: A label saying the entries after it were not there.
_NOT_THERE = re.compile(
    r"^\s*(?:not\s+(?:available|present|attending|in\s+attendance|able\s+to\s+attend)|unavailable|absent"
    r"|unable\s+to\s+attend|did\s+not\s+attend|could\s+not\s+attend|non[\s-]attendance)\b",
    re.I,
)
#: "No health at strat – OOH", "Nobody from school": an agency that was not there.
_NONE_FROM = re.compile(r"^\s*(?:no|nobody|none|no\s+one)\b", re.I)
#: "Sister" as a nurse's title before a name, capitalised ("Sister Maeve Corrigan").
_NURSING_SISTER = re.compile(r"^Sister\s+[A-Z][a-z'’-]+\s+[A-Z]")


def _full_name(name: str) -> bool:
    """A person's name written out: two or more capitalised name words ("Jo Bell", "Dr Amy
    Shah") -- not a title such as "What's working well" or "Meeting Types"."""
    words = [w for w in name.split() if w.lower().rstrip(".") not in _TITLES]
    if any(not _NAME_TOKEN.match(w) and w.lower() not in _NAME_PARTICLES for w in words):
        return False
    if any(w.lower().strip(".,:") in _NOT_NAME_WORDS for w in words):
        return False
    return len(words) >= 2 or (len(words) == 1 and len(name.split()) >= 2)


#: Words of form titles and headings that are never part of a person's name.
_NOT_NAME_WORDS = frozenset(
    "meeting meetings types type date time details information agency agencies role roles name names "
    "summary decision decisions action actions review child children parents parent household address "
    "concerns concern plan notes apologies attendance participants present consulted outcome outcomes "
    "reason background risk risks strategy discussion section police health school education social care "
    "services service team record minutes agenda chair venue format location update updates".split()
)


_FAMILY_NOTE = re.compile(
    r"[(–-]\s*(?:mother|father|mum|dad|step-?\w+|parent|grand\w+|aunt|uncle|cousin|brother|sister|sibling|"
    r"half-?\w+|partner|boyfriend|girlfriend|maternal\s+\w+|paternal\s+\w+)\b",
    re.I,
)


def _family_note(text: str) -> bool:
    """'Dean Parker (father)', 'Lee Dyson – mum's partner': a relative named with their relation."""
    return bool(_FAMILY_NOTE.search(text))


def is_family(text: str) -> bool:
    return bool(_FAMILY.match(text.strip()))


def _looks_like_name(part: str, reader: _Reader) -> bool:
    words = part.split()
    while words and words[0].lower().rstrip(".") in _TITLES or (words and words[0].lower() in _TITLES):
        words = words[1:]
    if not words or len(words) > 4:
        return False
    if any(w.lower() not in _NAME_PARTICLES and not _NAME_TOKEN.match(w) for w in words):
        return False
    if all(len(w.rstrip(".")) == 1 for w in words):
        return False
    body = " ".join(words)
    if _has_word(body, _ROLE_WORDS | _ORG_WORDS | _NOT_NAME_WORDS):
        return False
    if reader.mentions(body):
        return False
    return True


def is_mode_part(part: str) -> bool:
    """``part`` says only how someone took part ("Teams", "by phone 10:15", "apologies")."""
    if not _mode_of(part):
        return False
    return not _MODE_FILLER.sub("", part).strip()


#: A people cell saying nobody from the row's agency took part.
_NOBODY = re.compile(
    r"^\s*(?:n/?a\b|none\b|nil\b|nobody\b|no\s+one\b|not\s+(?:contacted|invited|involved|applicable|required|needed|present|available|known)\b)",
    re.I,
)


def _is_mode_header(t: Table, kind: str) -> bool:
    """Whether the header of the column of ``kind`` also asks how each person took part."""
    return any(
        k == kind and re.search(r"\bhow\b|attend|involve|present|joined", h, re.I)
        for h, k in zip(t.header, t.column_kinds, strict=False)
    )


def _mode_of(text: str) -> str | None:
    for mode, pattern in _MODE_PATTERNS:
        if text and pattern.search(text):
            return mode
    return None


_INPUT_WORDS = re.compile(
    r"\b(?:not\s+known|no\s+concerns?|unknown\s+to|nothing\s+known|no\s+(?:trace|records?|history))\b", re.I
)
_FAMILY_LABEL = re.compile(
    r"^\s*(?:household|family|family\s+members|parents?(?:/carers?)?|carers?|siblings?|mother|father|significant\s+adults?|"
    r"other\s+children|children\s+in\s+the\s+household|address|child(?:ren)?|young\s+person|yp)\s*[:\-–]",
    re.I,
)
_TICK_BOX = re.compile(r"[☒☑☐□▢⊠]|\[\s*[xX ]?\s*\]")
_TICKED = re.compile(r"[☒☑✓✔■⊠]|\[\s*[xX]\s*\]|^\s*(?:yes|y|x)\s*$", re.I)


def _mode_from_ticks(rec: Any, mode_cols: list[str]) -> str | None:
    """How someone took part from tick-box columns ("Consulted ☒ | Invited ☐ | Attended ☐")."""
    ticks = {h.lower(): bool(_TICKED.search(rec.values.get(h, ""))) for h in mode_cols}
    if not ticks or not any(
        re.search(r"[☒☑✓✔■⊠☐□]|\[.?\]|^\s*(?:yes|no|y|n|x)\s*$", rec.values.get(h, ""), re.I) for h in mode_cols
    ):
        return None
    attended = [v for h, v in ticks.items() if re.search(r"attend|present", h)]
    consulted = [v for h, v in ticks.items() if re.search(r"consult|contact|spoken|phone|e-?mail", h)]
    apologised = [v for h, v in ticks.items() if re.search(r"apolog", h)]
    if any(attended):
        return "present"
    if any(consulted):
        return "consulted"
    if any(apologised):
        return "apologies"
    if attended and not apologised:
        return "apologies"  # invited, not there, not consulted
    return None


def _nothing_ticked(rec: Any, mode_cols: list[str]) -> bool:
    """Every tick box of the row's "Present / Apologies / Spoken to" columns is empty: a
    grid's pre-printed agency row ("GP | ☐ | ☐ | ☐ | ☐") that nobody from it filled."""
    cells = [rec.values.get(h, "") for h in mode_cols]
    return any(_TICK_BOX.search(c) for c in cells) and not any(_TICKED.search(c) for c in cells)


def unwrapped(text: str) -> list[str]:
    """A block's lines, with a line that a PDF wrapped ("Those taking part: A (Role,
    Agency); B" / "(Role, Agency)") joined back to the line it continues: a line that
    does not end a sentence or a field goes on in the next, unless that one opens a label."""
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if out and not re.search(r"[.!?:]$", out[-1]) and not _OPENS_LABEL.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


_OPENS_LABEL = re.compile(r"^[A-Z][\w' /&()-]{0,40}:\s")


def _lines_of(text: str) -> list[str]:
    return text.split("\n")


def rejoined(text: str) -> list[str]:
    """A PDF block's lines, with a line the layout broke inside an entry joined back:
    "Sarah Okoro (Independent Domestic Violence" / "Advocate, ...)", "..., DS Joanne" /
    "Reilly (Detective Sergeant, ...". A list written one entry per line keeps its lines:
    each of them closes its brackets and ends on a whole entry."""
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if out and line and _broken_inside_entry(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return [part for line in out for part in _at_list_prompts(line)]


def _at_list_prompts(text: str) -> list[str]:
    """A paragraph cut where a sentence opens a list: "... chaired by A (TM, CSC). Also
    present: B (SW, CSC); C ..." is read as two lines, the second a list."""
    out: list[str] = []
    while text:
        first = _first_sentence(text)
        if out and _LIST_PROMPT.match(first):
            out.append(first.strip())
        elif out:
            out[-1] = f"{out[-1]}. {first.strip()}"
        else:
            out.append(first.strip())
        text = text[len(first) + 1 :].strip()
    return out


def _broken_inside_entry(before: str, after: str) -> bool:
    if not before or re.search(r"[.!?:;]$", before) or _OPENS_LABEL.match(after):
        return False
    if before.count("(") > before.count(")") or re.search(r"(?:[,&–-]|\band|\bor)$", before):
        return True
    if after[:1] in "()–-" or after[:1].islower():
        return True  # "... (email 14/05): not" / "known, no information held.", "– Civic Centre"
    if "," not in after and (len(after.split()) == 1 or "(" in after and len(after.split()) <= 3):
        return True  # "Femi Adeyemi, Social" / "Worker"; "Mark Eden, DSL, Hawthorn" / "Primary (Kai)"
    if _ROLE_HEAD.match(after):
        return True  # "Dr Hannah Ferris, Consultant" / "Paediatrician, Wrenfield General": no entry opens so
    # "Ryan Mitchell (Social Worker, CSC), DS Joanne": a name cut off after the last entry
    tail = before.rpartition(")")[2] if ")" in before else ""
    return bool(tail.strip(" ,")) and "(" not in tail and bool(re.match(r"[A-Z][\w'’-]+\s*\(", after))


#: The last word of a role, which never opens a person's entry: the line before it was cut.
_ROLE_HEAD = re.compile(
    r"(?:Paediatrician|Worker|Officer|Nurse|Visitor|Manager|Practitioner|Consultant|Sergeant|Constable|"
    r"Midwife|Adviser|Advisor|Co-?ordinator|Assistant|Lead|Leader|Registrar|Therapist|Psychologist)\b"
)


#: Words whose full stop ends no sentence: "Dr. Shah", "St. Anne's", an initial "J. Bell".
_NO_STOP = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Miss|St|DC|DS|PC|Prof|Rev|No)|\b[A-Z])$")


def _first_sentence(text: str) -> str:
    """``text`` up to the end of its first sentence, never cut inside brackets."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "." and depth == 0 and re.match(r"\s+[A-Z]", text[i + 1 : i + 3]) and not _NO_STOP.search(text[:i]):
            return text[:i]
    return text


def _split_entries(text: str) -> list[str]:
    if ";" in text:
        # "...; Ruth Penn, HV, 0-19 Nursing; and Dr Michael Ellis, GP, ...": the last entry's "and" is no part of it
        return [re.sub(r"^\s*(?:and|&)\s+", "", p) for p in text.split(";") if p.strip()]
    # "Owen Tate – Snr Prac – CSC / PS Dean Hollis – Response Sgt – Police": " / " between
    # whole entries (not inside one's brackets: "Jo Bell (SW / CSC)")
    slashed = [p.strip() for p in re.split(r"\s+/\s+(?![^()]*\))", text) if p.strip()]
    if len(slashed) >= 2 and all(p[:1].isupper() and re.search(r"\s[–-]\s|\(", p) for p in slashed):
        return slashed
    pieces = [p for p in re.split(r"(?<=\))\s*(?:,\s*(?:and\s+)?|and\s+)(?=[A-Z])", text) if p.strip()]
    out: list[str] = []
    for piece in pieces:
        if out and _TRAILING_INITIALS.search(out[-1]) and not _NAME_THEN_BRACKET.match(piece):
            # "Naomi Fry (NF), Ward Manager, Puffin Ward, SRI": after the initials the minutes
            # use comes who she is, not another person
            out[-1] = f"{out[-1]}, {piece}"
        else:
            out.append(piece)
    return out


#: The next person's entry: "Tom Ash (TA)", "Dr Amy Shah (Paed)".
_NAME_THEN_BRACKET = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*\(")


def _has_word(text: str, words: set[str]) -> bool:
    return any(w.strip(".,()'’").lower() in words for w in text.split())


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


#: A person written as initials and their role in brackets ("HJ (TM)", "VA (Comm Paed)"), as
#: anonymised records name everyone.
_ANONYMISED = re.compile(r"^(?P<initials>[A-Z]{2,3})\s*\((?P<role>[A-Za-z][\w .&/'’-]{0,30})\)$")


def _strip_name(name: str) -> str:
    return name.strip(" ,.-–")


def _with_block(p: Participant, block: int) -> Participant:
    return replace(p, block=block)


def _participant_section(doc: Document, block: int) -> bool:
    sec = doc.section_of_block(block)
    return _section_kind_for(doc, sec) in PARTICIPANT_KINDS if sec is not None else False


def _is_people_table(t: Table) -> bool:
    kinds: set[str] = set()
    for k in t.column_kinds:
        if k:
            kinds.update(k.split("+"))
    if "action" in kinds and not {"mode", "contribution"} & kinds:
        # an action plan names its owners; a table with one row per agency that also says
        # how each took part or what each said ("Agency | Who attended | How | Information
        # shared | Actions for this agency") is still the list of who took part
        return False
    return "name" in kinds and bool({"role", "agency"} & kinds) or {"role", "agency"} <= kinds


def _has_cols(t: Table, *kinds: str) -> bool:
    return set(kinds) <= {part for k in t.column_kinds if k for part in k.split("+")}


def _block_in_people_table(doc: Document, i: int) -> bool:
    t = doc.blocks[i].table
    return t is not None and t < len(doc.tables) and _is_people_table(doc.tables[t])


def _initials_candidates(p: _Named) -> list[str]:
    out = []
    if p.initials:
        out.append(p.initials)
    words = [w for w in p.name.split() if w.lower().rstrip(".") not in _TITLES and w[:1].isupper()]
    words = [w for w in words if w.lower() not in _NAME_PARTICLES]
    if len(words) >= 2:
        out.append("".join(w[0] for w in words).upper())
        out.append((words[0][0] + words[-1][0]).upper())
    return list(dict.fromkeys(out))
