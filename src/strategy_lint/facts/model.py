"""The shared reading of a record: typed facts, each with its evidence and how sure it is.

Every built-in rule and every plugin reads these instead of re-deriving them from the
blocks, so "who took part" or "what the child said" means the same thing to all of them
(flake8's FileProcessor and ruff's semantic model play this part for code).  Facts point
at blocks (``Document.blocks`` indices) so a rule can say where; the quotes they carry are
record text: pass them to a Report as ``values``, never splice them into a message.

Standard library only, like the document model.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..findings import Confidence

__all__ = [
    "Confidence",
    "Person",
    "Meeting",
    "Request",
    "Child",
    "Participant",
    "Agency",
    "VoiceSection",
    "VoiceEvidence",
    "Voice",
    "Deadline",
    "Action",
    "FollowUp",
    "Photograph",
    "Reading",
]


@dataclass(frozen=True)
class Person:
    """Someone named in the record, as far as it says: any part may be ""."""

    name: str = ""
    role: str = ""
    agency: str = ""
    agency_key: str | None = None

    @property
    def label(self) -> str:
        """How to name them in a message: "DC Tom Hale (Westvale Police)"."""
        who = self.name or self.role or self.agency
        extra = self.agency if self.name and self.agency else ""
        return f"{who} ({extra})" if extra else who


@dataclass
class Meeting:
    """When and how the discussion happened, who chaired and who led it."""

    date: _dt.date | None = None
    date_block: int | None = None
    #: "held on" wording or a dated title found the date, not a labelled field
    date_from_text: bool = False
    #: with no date found: how many dates near the top of the record (not dates of birth)
    #: could be the meeting's in a layout that was not understood
    undated_candidates: int = 0
    time: str | None = None
    mode: str | None = None  # meeting | virtual | phone | hybrid
    chair: Person | None = None
    chair_block: int | None = None
    #: agency key of whoever led or chaired it ("edt" for the out-of-hours team)
    led_by: str | None = None
    led_by_block: int | None = None
    led_by_text: str = ""
    #: the out-of-hours team took part in any way (took the referral, attended, led)
    edt_involved: bool = False
    edt_blocks: list[int] = field(default_factory=list)
    out_of_hours: bool = False


@dataclass
class Request:
    """Who asked for the strategy discussion, where the record says."""

    found: bool = False
    by: str = ""
    block: int | None = None
    how: str = ""  # field | sentence | tick-box
    #: a place meant for the request exists (a "Requested by" field), whatever it holds
    field_block: int | None = None
    field_empty: bool = False
    confidence: Confidence = Confidence.HIGH


@dataclass
class Child:
    """The child the record is about (the first one when several are listed)."""

    name: str = ""
    age_months: int | None = None
    dob: _dt.date | None = None
    age_block: int | None = None
    #: a baby (under 24 months by default) or a child who does not speak for themselves
    preverbal: bool = False
    #: why, in plain words ("the child is 5 months old", "the record says 'non-verbal'")
    preverbal_reason: str = ""


@dataclass
class Participant:
    """One person or agency the record lists as taking part, consulted, or absent.

    ``mode``: present | teams | phone | email | consulted | apologies | None (not said).
    ``source``: table (a table row, form rows included) | list.  ``confidence`` is how
    sure the reading of this entry is (a clean Name | Role | Agency row is high; a line of
    prose parsed into parts is lower).
    """

    name: str
    role: str
    agency: str
    agency_key: str | None
    mode: str | None
    block: int | None
    row_text: str
    listed_as: str | None = None  # attendees | consulted | apologies
    contribution: str = ""
    initials: str = ""
    table: int | None = None
    row: int | None = None
    source: str = "table"
    #: role and agency were written in one cell ("Role / agency" column) and split by us
    combined: bool = False
    confidence: Confidence = Confidence.HIGH

    @property
    def took_part(self) -> bool:
        """True unless the entry is an apology."""
        return self.mode != "apologies"

    @property
    def label(self) -> str:
        who = self.name or self.role or self.agency
        extra = self.agency if self.name and self.agency else ""
        return f"{who} ({extra})" if extra else who


@dataclass
class Agency:
    """One agency, however the record writes it (canonical ``key`` plus the names seen)."""

    key: str
    name: str
    aliases: list[str] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    #: it took part in the meeting (present, by video or phone)
    took_part: bool = False
    #: it gave information outside the meeting (phone, email, written)
    contacted: bool = False
    #: blocks where the record gives what it said (its input), and whether that was "no concerns"
    input_blocks: list[int] = field(default_factory=list)
    no_concerns: bool = False
    #: its input is said to be awaited ("awaiting the GP's response")
    pending: bool = False
    #: the record only names it by a local name the lexicon does not know
    known: bool = True
    #: the agency, or one of its people, is named outside the entries that list them: what
    #: it said may be written there in a way the reading did not follow
    named_elsewhere: bool = True
    #: the title block of the record's place for what it said (a title or row naming it in
    #: the agencies' information part, "3.5 GP (RK):"), when that place is left empty: then
    #: its silence is written in the record, not a reading we failed to follow
    blank_place: int | None = None

    @property
    def has_input(self) -> bool:
        return bool(self.input_blocks)


@dataclass
class VoiceSection:
    """A place meant for the child's voice: a heading, a form row, a column, a label."""

    title: str
    content: str
    block: int | None
    blocks: list[int] = field(default_factory=list)
    placeholder: bool = False

    @property
    def answer(self) -> str:
        """The content without the template's guidance left in it: what someone wrote
        ("What has the young person said? ... TBC" answers "TBC")."""
        from .text import is_guidance

        return "\n".join(line for line in self.content.splitlines() if line.strip() and not is_guidance(line))


@dataclass(frozen=True)
class VoiceEvidence:
    """One piece of the child's voice or lived experience found anywhere in the record.

    ``kind``: said (the child's words or views), observed (what a professional saw of
    the child: presentation, care, interaction), section (a voice section with content).
    """

    kind: str
    block: int
    text: str


@dataclass
class Voice:
    sections: list[VoiceSection] = field(default_factory=list)
    evidence: list[VoiceEvidence] = field(default_factory=list)
    #: "too young to give views" wording, and where
    too_young: str = ""
    too_young_block: int | None = None

    @property
    def said(self) -> list[VoiceEvidence]:
        return [e for e in self.evidence if e.kind == "said"]

    @property
    def observed(self) -> list[VoiceEvidence]:
        return [e for e in self.evidence if e.kind == "observed"]

    @property
    def found(self) -> bool:
        """The record gives the child's voice or lived experience somewhere."""
        return bool(self.evidence) or any(not s.placeholder for s in self.sections)


@dataclass(frozen=True)
class Deadline:
    """A deadline as written and as understood.

    ``kind``: date | weekday | relative | working_days | event | none | missing.
    ``due`` is the resolved date where there is one (year-less dates are resolved against
    the meeting date: the next such date on or after it).  ``reason`` says, in plain
    words, why a non-deadline is not one.  ``weekday_conflict`` is set when the weekday
    written does not fall on the date written ("Fri 20/03" when 20/03 is a Thursday).
    """

    text: str
    kind: str
    due: _dt.date | None = None
    reason: str = ""
    before_meeting: bool = False
    weekday_conflict: str = ""

    @property
    def is_real(self) -> bool:
        return self.kind not in ("none", "missing")


@dataclass
class Action:
    """One agreed action: what, who, by when, and what it is for."""

    text: str
    owner: str
    deadline: Deadline
    block: int | None
    table: int | None = None
    row: int | None = None
    owner_block: int | None = None
    deadline_block: int | None = None
    source: str = "table"  # table | list | paragraph | fields | sentence
    #: the deadline was stated as the action's deadline (not a date found in its text)
    stated: bool = True
    #: "update-agencies" for the audit's standing action (tell every agency the outcome)
    intent: str | None = None
    #: the owner is missing ("") or names nobody ("all agencies"); see ``owner_status``
    owner_status: str = "named"  # named | missing | generic
    blocks: list[int] = field(default_factory=list)
    confidence: Confidence = Confidence.HIGH


@dataclass
class FollowUp:
    """A further strategy discussion: booked or cancelled, and whether agencies were told."""

    status: str  # booked | cancelled
    block: int
    text: str
    date: _dt.date | None = None
    agencies_told: bool = False
    told_block: int | None = None


@dataclass
class Photograph:
    """Photographs or images of the child's marks or injuries that the record mentions."""

    block: int
    text: str
    by: str = ""
    #: taken by medical staff (paediatrician, medical photographer): clinical, not this concern
    medical: bool = False
    #: of the child (not of an adult, a room or a phone screen)
    of_child: bool = True


@dataclass
class Reading:
    """How well the record's layout was understood, for rules deciding how sure to be.

    ``understood`` is high when the record's parts were recognised (titled sections,
    tables of known shapes), medium when a good part was not, low when almost nothing
    was.  ``text`` is low when the text itself could not be read well (undecodable glyphs,
    almost no words).  ``unrecognised_tables`` are tables whose purpose could not be told.
    """

    understood: Confidence = Confidence.HIGH
    #: how well the *text* was read (decoded, enough of it): rules that search every line
    #: for something ("who requested it", "the child's words") need this, not the layout
    text: Confidence = Confidence.HIGH
    sections: int = 0
    recognised_sections: int = 0
    unrecognised_tables: list[int] = field(default_factory=list)
    words: int = 0
    notes: list[str] = field(default_factory=list)
