"""Follow-up strategy discussions: booked, cancelled, and whether the agencies were told.

The audit's worst case was a follow-up strategy cancelled with nobody telling the other
agencies.  A cancellation is read from a sentence that cancels a follow-up or review
strategy (not "a medical is not required"); the agencies count as told when an action or
statement, dated no earlier than the cancellation, says they were or will be.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..dates import find_dates, parse_deadline
from ..extract.phrases import phrase_pattern
from ..nlp import sentences
from .model import FollowUp

if TYPE_CHECKING:  # pragma: no cover
    from . import Facts

__all__ = ["read_followups"]

#: How close (in characters) the cancellation must be to the follow-up it cancels.
_NEAR = 100
#: "cancelled the planned review strategy": the follow-up named right after the cancelling words
_AFTER = 30
#: Telling the other agencies: verbs of informing and who is told.
_INFORM = re.compile(
    r"\b(?:inform(?:ed|s|ing)?|notif(?:y|ied|ies|ying)|updat(?:e|ed|es|ing)|t(?:ell|old)|advis(?:e|ed)|"
    r"let\s+\S+(?:\s+\S+)?\s+know|email(?:ed)?|e-mail(?:ed)?|wr(?:ite|ote|itten)\s+to|contact(?:ed)?|"
    r"shar(?:e|ed|ing)|circulat(?:e|ed|ing)|feed\s*back|fed\s+back)\b",
    re.I,
)
#: Everyone else, as a group ("all agencies", "the professionals", "partners").
_GROUP = re.compile(
    r"\b(?:agencies|(?:every|each)\s+(?:\w+\s+)?agency|professionals|partners|partner\s+agencies|parties|attendees|invitees|everyone|"
    r"all\s+involved|those\s+(?:invited|involved|present|listed)|all\s+(?:above|listed)|everyone\s+listed|participants|network|"
    r"(?:all|everyone)\s+(?:who\s+(?:was|were)\s+)?in\s+(?:the\s+|this\s+)?(?:meeting|discussion|call))\b",
    re.I,
)
#: One named agency: enough only in a sentence about the cancellation ("the school was told of the cancellation").
_AGENCY = re.compile(r"\b(?:referrer|school|police|health|GP|health\s+visitor|nursery|midwife|hospital|DSL)\b", re.I)
_ABOUT_CANCELLATION = re.compile(
    r"\b(?:cancel\w*|stood\s+down|no\s+longer\s+(?:needed|required|going\s+ahead|taking\s+place)|"
    r"not\s+(?:go|going)\s+ahead|did\s+not\s+(?:go\s+ahead|take\s+place)|not\s+(?:be\s+)?rebooked)\b",
    re.I,
)
#: "Not needed" / "not required" alone decides against a follow-up; it cancels one only
#: when the record shows it had been booked ("the review booked for 21/03 is not needed").
_DECIDED_AGAINST = re.compile(r"not\s+(?:needed|required|necessary)$", re.I)
_BOOKED = re.compile(
    r"\b(?:booked|arranged|planned|scheduled|set\s+(?:up\s+)?for|diarised|due\s+(?:on|for)|was\s+to\s+be|invit\w+)\b"
    r"|\b(?:on|for)\s+(?:\w+day\s+)?\d{1,2}(?:st|nd|rd|th)?[/ .-]",
    re.I,
)
#: Between cancelling words and a follow-up named after them: then the follow-up is where
#: something else is looked at again ("Legal: not needed now; to be reconsidered at the review
#: strategy"), not what was cancelled ("cancelled the planned review").
_NOT_ITS_OBJECT = re.compile(r"[;:]|\b(?:at|until|till|by|in|to|before|after)\b", re.I)
_CONDITIONAL = re.compile(r"\b(?:if|unless|should|whenever|in\s+the\s+event|in\s+case|were\s+to)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no)\b|n't\b", re.I)
_NOT_TOLD = re.compile(
    r"\b(?:not|never)\s+(?:been\s+|yet\s+)?(?:inform|notif|updat|told|advis|contact)\w*|\bwithout\s+(?:inform|notif|updat|tell)\w*",
    re.I,
)


def read_followups(facts: Facts) -> list[FollowUp]:
    document = facts.document
    cancel = phrase_pattern(facts.lexicon.phrase_list("cancel_terms"), exact_caps=False)
    followup = phrase_pattern(facts.lexicon.phrase_list("followup_words"), exact_caps=False)
    if cancel is None or followup is None:
        return []
    hit = _cancellation(document, facts, cancel, followup)
    if hit is None:
        return []
    block, sentence = hit
    told = _agencies_told(document, facts, block)
    meeting = document.metadata.meeting_date
    dates = find_dates(sentence, default_year=meeting.year if meeting else None)
    return [
        FollowUp(
            "cancelled",
            block,
            sentence,
            date=dates[0].date if dates else None,
            agencies_told=told is not None,
            told_block=told,
        )
    ]


#: A sentence that opens with the cancelling, its subject left in the sentence before.
_SUBJECTLESS = re.compile(r"^\W*(?:cancel+ed|canceled|cxl'?d|stood\s+down|called\s+off|postponed)\b", re.I)


def _cancellation(document, ctx: Any, cancel, followup) -> tuple[int, str] | None:
    from .text import drop_unticked

    labels = _row_labels(document, followup)
    for block in document.body_blocks():
        # "Review strategy: ☐ cancelled ☒ held" cancels nothing
        text = "\n".join(drop_unticked(line) for line in (block.text or "").replace("’", "'").split("\n"))
        if (
            block.index in labels
            and cancel.search(text)
            and followup.search(labels[block.index])
            and not followup.search(text)
        ):
            # "| Review strategy | Booked for 04/11 – cancelled on the day |": the label says what
            text = f"{labels[block.index].replace('?', '')}: {text}"  # one sentence with its label
            labelled = labels[block.index].replace("?", "")
        else:
            labelled = ""
        if not cancel.search(text) or not followup.search(text):
            continue
        previous = ""
        for sentence in sentences(ctx.nlp, text):
            said_before, previous = previous, sentence
            if _CONDITIONAL.search(sentence):
                continue
            if not followup.search(sentence) and _SUBJECTLESS.match(sentence) and followup.search(said_before):
                # "Review was booked for Tue 18/02 10:00. Cancelled that morning (DC at court).":
                # the sentence before names what was cancelled
                sentence = f"{said_before} {sentence}"
            if labelled and not followup.search(sentence):
                # "| Review strategy discussion | 06/03 10:00 Teams. Cancelled 05/03 – AK on
                # leave. |": every sentence of the answer is about the follow-up its row names
                sentence = f"{labelled}: {sentence}"
            if not followup.search(sentence):
                continue
            spans = [f.span() for f in followup.finditer(sentence)]
            for m in cancel.finditer(sentence):
                # the follow-up is what was cancelled: it comes shortly before the cancelling
                # words ("the review ... was cancelled") or just after them ("cancelled the
                # review") -- not "ABE not required ... at the review strategy"
                if not any(
                    0 <= m.start() - b <= _NEAR
                    or 0 <= a - m.end() <= _AFTER
                    and not _NOT_ITS_OBJECT.search(sentence[m.end() : a])
                    for a, b in spans
                ):
                    continue
                before = sentence[max(0, m.start() - 12) : m.start()]
                if _NEGATION.search(before) and not m.group(0).lower().startswith(("no ", "not ")):
                    continue  # "was not cancelled"
                if _DECIDED_AGAINST.match(m.group(0)) and not _BOOKED.search(sentence):
                    continue  # "Follow-up strategy: not needed": never booked, so nothing to cancel
                return block.index, sentence
    return None


def _agencies_told(document, ctx: Any, cancel_block: int) -> int | None:
    """An action or statement, dated no earlier than the cancellation, that the agencies are told.

    A standing "update all agencies" action due *before* the cancellation cannot have told
    anyone about it, so its date is compared with the earliest date written where the
    cancellation is recorded ("Addendum, 18/03/2016: the review ... was cancelled").
    """
    phrases = ctx.lexicon.phrase_list("update_agencies")
    standing = phrase_pattern(phrases, exact_caps=False)
    meeting = document.metadata.meeting_date
    year = meeting.year if meeting else None
    cancelled_on = _cancelled_on(document, cancel_block, year)
    cancel_text = document.blocks[cancel_block].text.replace("’", "'")
    if _NOT_TOLD.search(cancel_text):
        return None  # "... cancelled and the other agencies were not told"
    # a review cancelled *before* this meeting is history: this meeting's own "send the outcome
    # to all" action tells nobody about it; only a statement that they were told counts
    history = meeting is not None and _before_meeting(cancel_text, meeting, year)

    def in_time(due) -> bool:
        return cancelled_on is None or due is None or due >= cancelled_on

    for table in [] if history else document.tables:
        for rec in table.records:
            action = rec.get("action")
            # a general "send the outcome to all" action tells nobody about the cancellation
            if (
                not action
                or not _ABOUT_CANCELLATION.search(action)
                or not _is_update(action, standing, about_cancellation=True)
            ):
                continue
            dated, due = _date_of(rec.get("deadline") or action, meeting, ctx)
            if dated and in_time(due):
                return rec.blocks[0] if rec.blocks else cancel_block
    logged = _told_log(document, year)
    if logged is not None:
        return logged
    in_records = {b for table in document.tables for rec in table.records for b in rec.blocks}
    titles = {s.heading_block for s in document.sections if s.heading_block is not None}
    for block in document.body_blocks():
        if block.index in in_records:
            continue  # action rows were judged above, with their own deadline
        if block.index in titles:
            continue  # a form's prompt ("... how and when agencies were told") tells nobody
        text = (block.text or "").replace("’", "'")
        if not _INFORM.search(text):
            continue
        after_cancelling = False  # "The review ... was therefore cancelled. Grace emailed every agency ..."
        for sentence in sentences(ctx.nlp, text):
            about, after_cancelling = after_cancelling, bool(_ABOUT_CANCELLATION.search(sentence))
            about = about or after_cancelling
            if _NOT_TOLD.search(sentence):
                continue
            near = cancel_block <= block.index <= cancel_block + 2  # "... to let them know"
            if not near and not about:
                continue  # told about *the cancellation*, not only sent this meeting's outcome
            if not _is_update(sentence, None if history else standing, about_cancellation=True):
                continue
            dated, due = _date_of(sentence, meeting, ctx)
            if dated and in_time(due) or history or _DONE.search(sentence):
                return block.index  # a date for a plan; "were informed" needs none: it is done
    return None


#: A column of a log of who was told ("Date told", "How told", "Told by", "Informed on").
#: ("Last updated" in an action tracker is no such column.)
#: ("What they told the meeting" is what an agency said, not whom the record told.)
_TOLD_COLUMN = re.compile(
    r"\b(?:date|how|when|who)\s+(?:was\s+)?(?:told|informed|notified)\b"
    r"|\b(?:told|informed|notified)\s+(?:by|on|date|when|how|via)\b|^\W*(?:told|informed|notified)\W*$",
    re.I,
)


def _told_log(document, year: int | None) -> int | None:
    """A filled log of the agencies told ("Agency | Date told | How told | Told by"): a row
    with a date under a told / informed column is an agency told."""
    for table in document.tables:
        if len(table.cells) < 2:
            continue
        header = [document.blocks[c].text if c is not None else "" for c in table.cells[0]]
        if not any(_TOLD_COLUMN.search(h) for h in header):
            continue
        for row in table.cells[1:]:
            texts = [document.blocks[c].text if c is not None else "" for c in row]
            if any(find_dates(t, default_year=year) for t in texts) and sum(1 for t in texts if t.strip()) >= 2:
                return next(c for c in row if c is not None)
    return None


#: Telling that has happened ("all agencies were informed", "the SW emailed every agency").
_DONE = re.compile(
    r"\b(?:were|was|have\s+been|has\s+been)\s+(?:all\s+)?(?:informed|notified|updated|told|advised|emailed|contacted)\b"
    r"|\b(?:informed|notified|updated|told|advised|emailed|e-mailed|contacted|phoned|rang|wrote\s+to)\s+(?:all|every|each|the\s+other|other|partner)\b",
    re.I,
)


def _before_meeting(text: str, meeting: Any, year: int | None) -> bool:
    """The cancelled follow-up was due before the meeting this record is of."""
    found = [d.date for d in find_dates(text, default_year=year)]
    return bool(found) and max(found) < meeting


#: A row that says what became of the follow-up booked above it ("Status | ☒ Cancelled").
_STATUS_LABEL = re.compile(r"^\W*(?:status|outcome|what\s+happened)\b", re.I)


def _row_labels(document: Any, followup: Any = None) -> dict[int, str]:
    """value cell -> its row's label cell text, for form rows, on one line (a PDF wraps
    "Previous reviews (date – held /\ncancelled)").

    A row that only asks whether it was cancelled ("Cancelled / stood down? | Stood down
    12/02 by the TM") is about the follow-up the rows above it book ("Is a further review
    strategy needed?"): its label carries that row's label too."""
    out: dict[int, str] = {}
    for t in document.tables:
        above = ""
        for row in t.cells:
            cells = [c for c in dict.fromkeys(row) if c is not None]
            if len(cells) < 2:
                continue
            label = " ".join(document.blocks[cells[0]].text.split())
            if followup is not None and followup.search(label):
                above = label
            elif above and followup is not None and (_ABOUT_CANCELLATION.search(label) or _STATUS_LABEL.match(label)):
                label = f"{above} – {label}"
            for c in cells[1:]:
                out[c] = label
    return out


def _cancelled_on(document: Any, block: int, year: int | None) -> Any:
    """When the cancellation was recorded: the date in the title of the part that records
    it ("Update (11 August 2016)"), else a date written as the entry's own date at the start
    of the block ("18/03/2016: the review ... was cancelled").  The dates inside the
    sentence are the cancelled meeting's, not the day it was cancelled."""
    sec = document.section_of_block(block)
    if sec is not None and sec.heading_block is not None:
        found = find_dates(document.blocks[sec.heading_block].text, default_year=year)
        if found:
            return found[0].date
    text = document.blocks[block].text
    found = find_dates(text[:40], default_year=year)
    if found and found[0].start <= 12:
        return found[0].date
    return None


def _is_update(text: str, standing, *, about_cancellation: bool) -> bool:
    """Telling the agencies in general, or (in a sentence about the cancellation) named ones."""
    if standing is not None and standing.search(text):
        return True
    if not _INFORM.search(text):
        return False
    if _GROUP.search(text):
        return True
    return about_cancellation and bool(_ABOUT_CANCELLATION.search(text) and _AGENCY.search(text))


def _date_of(text: str, meeting, ctx) -> tuple[bool, object]:
    """(has a usable date, the latest date it names or resolves to, if any)."""
    found = find_dates(text, default_year=meeting.year if meeting else None)
    if found:
        return True, max(d.date for d in found)
    deadline = parse_deadline(text, meeting_date=meeting, lexicon=ctx.lexicon)
    if deadline.kind in ("date", "weekday", "relative", "working_days"):
        return True, deadline.due
    return False, None
