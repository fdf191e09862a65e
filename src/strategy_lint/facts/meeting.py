"""The meeting: its date, how it was held, who chaired it, and who led it (EDT?).

The date comes from the structure pass (a "Date" field, a dated title) or from a sentence
("The strategy discussion was held on 14 March"); the chair from a "Chair" field or an
attendee marked "(Chair)"; out-of-hours leadership from a chair who is EDT or wording that
says the Emergency Duty Team led, chaired or convened it — never from EDT merely taking
the referral overnight.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..dates import find_dates
from ..extract.phrases import phrase_source
from ..lexicon import two_languages
from .model import Meeting, Person

__all__ = ["read_meeting"]
from .text import drop_unticked, labelled_lines, prose_lines, record_lines, strip_numbering

if TYPE_CHECKING:  # pragma: no cover
    from . import Facts

#: "The strategy discussion was held on 14 March 2016", "strategy meeting took place on ...".
_HELD = re.compile(
    r"(?:\b(?:strategy\s+(?:discussion|meeting)|strategy|meeting|discussion)\b[^.;\n]{0,40}?"
    r"\b(?:was\s+|were\s+)?(?:held|took\s+place|convened|happened|met|was\s+completed)\b"
    # "... asked for a strategy discussion. Joanna Fairclough agreed it was needed, and it
    # was held on Wednesday 18/06/2025": the discussion named in the sentence before
    r"|\bit\s+was\s+(?:held|convened)\b(?=\s+(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun|\d)))"
    r"(?P<rest>[^.;\n]{0,90})",
    re.I,
)
#: Who ran it, then when: "Beverley Ansah chaired the strategy discussion by telephone
#: conference from 22:45 to 23:25 on Friday 21/02/2025".
_RAN_IT = re.compile(
    r"\b(?:chaired|held|convened|ran|led|hosted)\s+(?:the|this|a|an)\s+(?:[\w-]+\s+)?(?:strategy\s+)?"
    r"(?:discussion|meeting)\b(?P<rest>[^.;]{0,90})",
    re.I,
)
#: The minutes' own voice: "We met on Teams today, 13 November 2025, from 11:30 to 12:15",
#: "We met (Teams) Thu 22/05/25, 09:30 - 10:15": the meeting the record is of.
_WE_MET = re.compile(r"^\W*(?:\d{1,2}\.\s+)?we\s+met\b(?P<rest>[^.;\n]{0,90})", re.I)
_BEFORE_THIS = re.compile(r"\b(?:previous(?:ly)?|earlier|last|before|first|initial|again)\b", re.I)
#: Words that make the held-on sentence about a different meeting.
_OTHER_MEETING = re.compile(
    r"\b(?:next|previous|earlier|last|review|follow[- ]up|future|planned|will\s+be|to\s+be)\b", re.I
)
_TITLE_DATE = re.compile(r"\bstrategy\b", re.I)
_DATE_WORD = re.compile(r"\bdate\b", re.I)
#: dates of other things: the referral, the incident, the next meeting, when minutes were typed
_OTHER_DATE = re.compile(
    r"\b(?:referral|referred|incident|next|review|due|completed|typed|circulat\w*|signed|agreed|expected|received|report(?:ed)?)\b",
    re.I,
)
_BIRTH = re.compile(r"\b(?:birth|dob|d\.o\.b|born|edd|due\s+date)\b", re.I)

_CHAIR_LABEL = re.compile(
    r"^\s*(?:strategy\s+|meeting\s+|discussion\s+)?(?:chair(?:ed\s+by|person)?|chair\s*\(.*\)|chaired)\s*$", re.I
)
_CHAIR_MARK = re.compile(r"\(\s*chair(?:person)?\s*\)|[-–,]\s*chair\b|\bchair\s*[-–:]", re.I)

#: Wording that says who led the discussion.  "held" and "run" are left out: "information
#: held by EDT" is not a discussion EDT led.
_LEAD = r"(?:led|chaired|convened|initiated|co-?ordinated|conducted|facilitated)"
_LEAD_FIELD = re.compile(
    r"^\s*(?:chair(?:ed\s+by|person)?|convened\s+by|led\s+by|(?:led|chaired)\s+and\s+(?:led|chaired)\s+by|lead(?:\s+professional)?|organised\s+by|called\s+by"
    r"|format|type\s+of\s+(?:meeting|discussion|strategy)|meeting\s+type|strategy\s+(?:led|chaired|convened)\s+by)\s*$",
    re.I,
)
#: A person's name as a minute writes it: "Angela Burrows", "Ms D. Kinsella".
_NAMED = r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]+){1,2}"
_CONDITIONAL = re.compile(r"\b(?:if|should|unless|would|in\s+the\s+event|in\s+case)\b", re.I)
_CONTACT = re.compile(r"\b(?:contact|contacts|contacted|number|tel|phone\s+number)\b|\d{3,4}\s?\d{3}\s?\d{2,4}", re.I)
#: Where a lead field's value goes on to say whom the person reached or asked.
_REACHED = re.compile(r"\b(?:who|when|after|rang|phoned|called|emailed|contacted|asked|told|via)\b", re.I)
_NOT_LED = re.compile(r"\b(?:not|no|never|rather\s+than|instead\s+of)\b|n't\b", re.I)

_MODES = [
    (
        "phone",
        re.compile(
            r"\b(?:telephone|phone)\s+(?:strategy|discussion|call|conference)|\bby\s+(?:tele)?phone\b|conference\s+call",
            re.I,
        ),
    ),
    ("hybrid", re.compile(r"\bhybrid\b", re.I)),
    ("virtual", re.compile(r"\b(?:ms\s+)?teams\b|\bvirtual\b|\bvideo\b|\bzoom\b|\bonline\b", re.I)),
    ("meeting", re.compile(r"\bface[- ]to[- ]face\b|\bin\s+person\b", re.I)),
]


def read_meeting(facts: Facts) -> Meeting:
    document = facts.document
    meeting = Meeting()
    meta = document.metadata
    if meta.meeting_date is not None:
        meeting.date, meeting.date_block = meta.meeting_date, meta.meeting_date_block
    else:
        found = _held_on(document) or _dated_under_own_title(document)
        if found:
            meeting.date, meeting.date_block = found
            meeting.date_from_text = True
        else:
            top = list(record_lines(document))[:15]
            meeting.undated_candidates = sum(
                1
                for line in top
                if _DATE_WORD.search(line.text)
                and find_dates(line.text)
                and not _BIRTH.search(line.text)
                and not _OTHER_DATE.search(line.text)
            )
    _read_time(facts, meeting)
    _read_chair(facts, meeting)
    _read_mode(facts, meeting)
    _read_edt(facts, meeting)
    return meeting


def _held_on(document) -> tuple | None:
    # a PDF paragraph's lines joined: "... chaired the strategy discussion by telephone" /
    # "conference from 22:45 to 23:25 on Friday 21/02/2025."
    for line in prose_lines(document):
        text = " ".join(line.text.split())
        we = _WE_MET.match(text)
        if we:
            dates = find_dates(we["rest"])
            if dates and not _BEFORE_THIS.search(we["rest"][: dates[0].start]):
                return dates[0].date, line.block
        for m in [*_HELD.finditer(text), *_RAN_IT.finditer(text)]:
            if _OTHER_MEETING.search(m.group(0)):
                continue
            dates = find_dates(m["rest"])
            if dates:
                return dates[0].date, line.block
            if _THAT_DAY.search(m["rest"]):
                # "... telephoned EDT at 00:20 on Saturday 15 November 2025 ... I held the
                # discussion by telephone between 01:30 and 02:10 that morning"
                before = find_dates(text[: m.start()])
                if before:
                    return before[-1].date, line.block
    return None


#: A time said to be on the day just named: "that morning", "the same day".
_THAT_DAY = re.compile(r"\b(?:that|the\s+same)\s+(?:morning|afternoon|evening|night|day)\b", re.I)


#: The part of a record that is the meeting itself: "STAGE 4 · STRATEGY DISCUSSION".
_DISCUSSION_TITLE = re.compile(
    r"^\W*(?:(?:stage|part|section)\s+\w+\W+)?(?:the\s+)?(?:strategy\s+)?(?:discussion|meeting)\W*$", re.I
)


def _dated_under_own_title(document) -> tuple | None:
    """The date that opens the meeting's own part ("STAGE 4 · STRATEGY DISCUSSION" over
    "Mon 3/11/25, 10:30–11:30, Teams. Chair: ..."): the part says when it was held first."""
    for sec in document.sections:
        if sec.heading_block is None or not _DISCUSSION_TITLE.match(strip_numbering(sec.title)):
            continue
        first = next((document.blocks[i] for i in sec.blocks if document.blocks[i].text.strip()), None)
        if first is None:
            continue
        dates = find_dates(first.text)
        if not dates or dates[0].start > 4 or _OTHER_MEETING.search(first.text[: dates[0].start]):
            continue
        # a part titled only "The discussion" may open with a dated entry of its notes: there,
        # the date is the meeting's only with its time beside it ("Mon 13/10/25, 11:00–12:05")
        if "strategy" in sec.title.lower() or _TIME.search(first.text[dates[0].end :]):
            return dates[0].date, first.index
    return None


_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:am|pm)?(?:\s*(?:-|–|—|to)\s*\d{1,2}[:.]\d{2}\s*(?:am|pm)?)?", re.I)


def _read_time(facts: Facts, meeting: Meeting) -> None:
    """'Time: 10:00 - 11:00', 'Start time | 15:45', or the time on the meeting date's line."""
    for label, raw, _block in labelled_lines(facts.document):
        value = drop_unticked(raw)  # "Type | ☒ Teams ☐ Telephone" was held on Teams
        if re.search(r"\b(?:start\s+)?time\b|\btiming\b", label, re.I) and not re.search(
            r"birth|referral|next", label, re.I
        ):
            m = _TIME.search(value)
            if m:
                meeting.time = m.group(0).strip()
                return
    if meeting.date_block is not None:
        m = _TIME.search(facts.document.blocks[meeting.date_block].text)
        if m:
            meeting.time = m.group(0).strip()


def _field(pattern: re.Pattern[str], label: str) -> bool:
    """``label`` is the field ``pattern`` names, also when the form gives it in two
    languages ("Chair / Cadeirydd")."""
    label = strip_numbering(label.strip(" :?"))  # "1.8 Chair"
    halves = two_languages(label)
    return bool(pattern.match(label) or halves and pattern.match(halves[0]))


def _read_chair(facts: Facts, meeting: Meeting) -> None:
    for label, value, block in labelled_lines(facts.document):
        if _field(_CHAIR_LABEL, label) and value.strip() and not facts.is_placeholder(value):
            meeting.chair = _person(facts, value)
            meeting.chair_block = block
            return
    for p in facts.participants:
        if _CHAIR_MARK.search(p.row_text) or re.search(r"\bchair", p.role, re.I):
            role = re.sub(r"\(?\bchair(?:person)?\b\)?", "", p.role, flags=re.I).strip(" ,/-–")
            meeting.chair = Person(p.name, role or p.role, p.agency, p.agency_key)
            meeting.chair_block = p.block
            return


def _person(facts: Facts, text: str) -> Person:
    from ..extract.attendees import parse_entry

    parsed = parse_entry(text, facts.nlp, facts.lexicon)
    if parsed is None:
        return Person(name=text.strip())
    return Person(parsed.name, parsed.role, parsed.agency, parsed.agency_key)


def _read_mode(facts: Facts, meeting: Meeting) -> None:
    for label, raw, block in labelled_lines(facts.document):
        if _in_people_table(facts.document, block):
            continue  # "How consulted | Telephone": how one person gave information, not how the meeting was held
        value = drop_unticked(raw)  # "Type | ☒ Teams ☐ Telephone" was held on Teams
        if re.search(r"\b(?:format|venue|location|type|mode|how|held|via|medium|method)\b", label, re.I):
            for mode, rx in _MODES:
                if rx.search(value):
                    meeting.mode = mode
                    return
            if re.search(r"\b(?:tele)?phone\b|\bcalls?\b", value, re.I) and not re.search(
                r"☐\s*(?:tele)?phone", value, re.I
            ):
                meeting.mode = "phone"  # "Held via | Telephone (out of hours)"
                return
    head = " ".join(line.text for line in list(record_lines(facts.document))[:12])
    for mode, rx in _MODES:
        if rx.search(head):
            meeting.mode = mode
            return


# -- out of hours ------------------------------------------------------------------------


def _lead_patterns(term: str) -> list[re.Pattern[str]]:
    """Wording that says the out-of-hours service ran the discussion (not just that it exists)."""
    gap = r"(?:[\w'’-]+\s+){0,3}?"
    return [
        re.compile(rf"\b{_LEAD}\s+(?:by|through|via)\s+(?:the\s+)?{gap}{term}", re.I),
        re.compile(rf"{term}(?:\s*[-–]\s*|\s+)(?:[\w'’-]+\s+){{0,2}}?{_LEAD}\b", re.I),
        re.compile(rf"{term}\s+(?:[\w'’-]+\s+){{0,2}}?(?:strategy|strategy\s+discussion|strategy\s+meeting)\b", re.I),
        re.compile(
            rf"\b(?:strategy\s+(?:discussion|meeting)|strategy|discussion|meeting)\s+(?:was\s+)?(?:held|took\s+place|convened|run)\s+{gap}{term}",
            re.I,
        ),
        # "Chaired by Angela Burrows, EDT Senior Practitioner": the person, then their team
        re.compile(rf"\b{_LEAD}\s+by\s+{_NAMED},\s+(?:the\s+)?(?:[\w'’-]+[\s,]+){{0,2}}?{term}", re.I),
        # "I held the discussion by telephone ... and chaired it as the EDT Senior Practitioner"
        re.compile(
            rf"\b{_LEAD}\s+(?:it|the\s+(?:discussion|meeting|call|strategy))\s+as\s+(?:the\s+)?(?:[\w'’-]+\s+)?{term}",
            re.I,
        ),
    ]


def _read_edt(facts: Facts, meeting: Meeting) -> None:
    term = phrase_source(facts.lexicon.phrase_list("edt_terms"))
    if term is None:
        return
    term_re = re.compile(term)
    document = facts.document
    meeting.edt_blocks = sorted({line.block for line in record_lines(document) if term_re.search(line.text)})
    meeting.edt_involved = bool(meeting.edt_blocks)
    meeting.out_of_hours = meeting.edt_involved
    if not meeting.edt_involved:
        return
    # the chair is EDT
    chair = meeting.chair
    day_chair = False
    if chair is not None:
        # the chair's own role and team decide, not a remark after them ("Assessment Team.
        # Day team chaired, see below re EDT"); EDT is often part of children's services
        own = re.split(r"[.;]", chair.agency, maxsplit=1)[0]
        if chair.agency_key == "edt" or term_re.search(f"{chair.role} {own}"):
            _led(meeting, meeting.chair_block, chair.label or chair.name)
            return
        # a day-time service chaired: EDT took part (a referral, a handover) but only a
        # field or an EDT chair in the list can say it led
        day_chair = chair.agency_key not in (None, "") and bool(chair.name or chair.role)
    for p in facts.participants:  # an attendee marked as chair who is from EDT
        # (not a remark about who chaired: "EDT SW (took the referral overnight, day team to chair)")
        chairs = _CHAIR_MARK.search(p.row_text) or re.search(r"(?<!to )(?<!not )(?<!team )\bchair", p.role, re.I)
        if chairs and (p.agency_key == "edt" or term_re.search(f"{p.role} {p.agency}")):
            _led(meeting, p.block, p.label)
            return
    for label, value, block in labelled_lines(document):
        text = drop_unticked(value).replace("’", "'")  # "Led by | [x] Day team [ ] EDT"
        own = re.split(r"[.;]\s", text, maxsplit=1)[0]  # not a remark after the chair's name and team
        # "Called by: Owen Prescott, DSL ..., who ... rang the Emergency Duty Team": the field
        # names the person first; EDT is only who they reached
        own = _REACHED.split(own, maxsplit=1)[0]
        if _field(_LEAD_FIELD, label) and term_re.search(own) and not _CONTACT.search(own):
            _led(meeting, block, f"{label}: {value}")
            return
    patterns = _lead_patterns(term)
    if day_chair:
        # only wording that says EDT ran it ("EDT-led", "chaired by the out of hours social
        # worker", "an out-of-hours strategy meeting"), not "asked EDT for a strategy discussion"
        patterns = patterns[:2] + [re.compile(rf"{term}\s+(?:strategy|strat)\b", re.I)] + patterns[3:]
    for line in record_lines(document):
        # "☐ Yes – chaired by EDT ☒ No – passed to day team": an option nobody ticked
        text = drop_unticked(line.text).replace("’", "'")
        if not term_re.search(text):
            continue
        for sentence in _sentences(facts, text):
            if _CONDITIONAL.search(sentence) or sentence.rstrip().endswith("?"):
                continue  # "Was a strategy discussion held out of hours?" asks, it does not say
            for rx in patterns:
                lead = rx.search(sentence)
                if lead and not _NOT_LED.search(sentence[max(0, lead.start() - 15) : lead.start()]):
                    _led(meeting, line.block, sentence)
                    return


def _led(meeting: Meeting, block: int | None, text: str) -> None:
    meeting.led_by = "edt"
    meeting.led_by_block = block
    meeting.led_by_text = text


def _sentences(facts: Facts, text: str) -> list[str]:
    from ..nlp import sentences

    return sentences(facts.nlp, text)


def _in_people_table(document: Any, block: int) -> bool:
    """A cell of a table that lists people (it has a name column)."""
    b = document.blocks[block]
    if b.table is None:
        return False
    kinds = {part for kind in document.tables[b.table].column_kinds if kind for part in kind.split("+")}
    return "name" in kinds
