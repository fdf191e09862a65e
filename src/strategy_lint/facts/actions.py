"""The agreed actions, and the audit's standing action to update every agency.

Actions come from the action reading (tables whose columns say what / who / when however
they are titled, and lists or paragraphs under an actions title).  Each keeps its deadline
as written and as resolved against the meeting date, whether its owner names anybody, and
what it is for: an action to tell every agency the outcome is recognised in the wordings
people use ("CSC will update all agencies", "email the outcome to everyone who took part",
"circulate the minutes and decisions to all professionals") — and such a commitment counts
wherever the record makes it, not only in the action table.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import dates
from ..extract.actions import Action as _RawAction
from ..extract.actions import actions as _raw_actions
from ..extract.actions import meeting_date, owner_is_generic, owner_is_missing
from ..extract.attendees import CONVENOR_AGENCIES
from ..extract.phrases import phrase_pattern
from ..nlp import is_placeholder
from .model import Action, Confidence, Deadline
from .text import another_field, labelled_lines, negated_before, prose_lines

if TYPE_CHECKING:  # pragma: no cover
    from . import Facts

__all__ = ["read_actions", "read_update_actions", "is_update_intent", "to_deadline"]

_VERB = (
    r"(?:updat(?:e|es|ed|ing)|inform(?:s|ed|ing)?|notif(?:y|ies|ied|ying)|tell(?:s|ing)?|told|shar(?:e|es|ed|ing)|"
    r"circulat(?:e|es|ed|ing)|distribut(?:e|es|ed|ing)|send(?:s|ing)?|sent|e-?mail(?:s|ed|ing)?|"
    r"feed\s*back|fed\s+back|feedback|let\s+\w+(?:\s+\w+){0,2}\s+know|cop(?:y|ied)\s+(?:in|to)|forward(?:s|ed|ing)?|"
    r"provid(?:e|es|ed|ing)|issu(?:e|es|ed|ing)|advis(?:e|es|ed|ing))"
)
_RECIPIENT = (
    r"(?:(?:all|the|other|each|every|relevant|partner|involved|attending|network)\s+)*"
    r"(?:agenc(?:y|ies)|professionals?|partners?|parties|participants|attendees|invitees|everyone|everybody|"
    r"all\s+involved|those\s+(?:present|involved|invited|not\s+present|who\s+(?:took\s+part|attended|were\s+invited))|"
    r"(?:all\s+)?(?:who|those\s+who)\s+(?:took\s+part|attended|contributed)|network|distribution\s+list|"
    r"core\s+group|everyone\s+(?:who|that)\s+(?:took\s+part|attended|was\s+invited))"
)
_OBJECT = r"(?:outcomes?|minutes?|mins|record|log|decisions?|plan|notes?|letter|summary|actions?|strategy(?:\s+(?:record|minutes|outcome))?)"
#: what is sent: "the outcome", "strat outcome + actions", "a copy of the minutes"
_SENT = (
    rf"(?:the\s+|this\s+|a\s+copy\s+of\s+the\s+)?(?:[\w'’]+\s+){{0,2}}?{_OBJECT}"
    # "Outcome of strat", "the minutes of today's meeting"
    r"(?:\s+of\s+(?:the\s+|this\s+|today's\s+)?(?:strat(?:egy)?|meeting|discussion|today)(?:\s+(?:discussion|meeting))?)?"
)
_ALL_ABOVE = (
    r"(?:all\s+(?:above|listed(?:\s+above)?|present|invited|involved|attending|named(?:\s+above)?|those\s+above)|"
    r"everyone\s+above|(?:all|everyone)\s+on\s+the\s+(?:distribution|circulation)\s+list|"
    # "email grid + decisions to all rows above", "to every agency in the table"
    r"(?:all|every|each)\s+(?:the\s+)?(?:rows?|people|names?|entries|entry|agenc(?:y|ies)|services?|parties|party)\s+"
    r"(?:above|listed(?:\s+above)?|named(?:\s+above)?|in\s+(?:the\s+|this\s+)?(?:grid|table|list))|"
    # "Outcome + actions emailed to all spoken to", "Outcome of strat to all on this email"
    r"(?:all|everyone)\s+(?:(?:those|who\s+(?:were|was))\s+)?(?:spoken\s+to|consulted|contacted)|"
    r"(?:all|everyone)\s+(?:on|copied\s+(?:in|into))\s+(?:this|the)\s+e-?mail(?:\s+(?:thread|chain))?|all\s+copied\s+in|"
    # "Outcome + visit to all on call": everyone on the call
    r"(?:all|everyone)\s+(?:who\s+(?:was|were)\s+)?on\s+(?:the\s+|this\s+)?(?:call|line|teams(?:\s+call)?)|"
    # "to all at the table", "to all at either sitting": everyone who took part
    r"(?:all|everyone)\s+at\s+(?:the\s+)?(?:table|meeting|discussion|strat(?:egy)?|call|(?:either|both|each)\s+sittings?|(?:the\s+)?sitting)|"
    # "to all in the meeting", "All in Part 4", "Notes to all in 1.2" (the list's number),
    # "all at para 3", "All at part B", "Mins + outcome to all in B" (the part's letter)
    r"(?:all|everyone)\s+(?:who\s+(?:was|were)\s+)?(?:in|at|on|under)\s+(?:the\s+|this\s+)?(?:meeting|discussion|call|"
    r"(?:part|section|box|appendix|app\.?|para(?:graph)?\.?|item|question|q)\s+\w+|\d{1,2}(?:\.\d{1,2})*\b|(?-i:[A-Z])\b(?!['’])|"
    r"(?:table|list|grid)(?:\s+above)?)|"
    # "email mins/outcome to all – D. Hughes, EDT, by 09:00 Mon": "all" on its own, the owner or date next
    r"all(?=\s*(?:[.;)]|$|[–—-]\s|,?\s+by\b)))"
)
_INTENT = [
    re.compile(rf"\blet\s+{_RECIPIENT}(?:\s+\w+){{0,2}}\s+know\b", re.I),
    # "Email strat outcome + actions to all above", "Outcome + safety plan emailed to all above",
    # "Strat minutes + actions to all attendees" (shorthand leaves the verb out)
    re.compile(
        rf"\b{_SENT}(?:\s*[+&,/]\s*[\w'’ ]{{1,25}}?)?\s+(?:(?:circulated|distributed|shared|sent|e-?mailed|forwarded)\s+)?to\s+(?:{_ALL_ABOVE}|{_RECIPIENT})",
        re.I,
    ),
    # "send the record to PS Lewis, Dr Iqbal and the CAIT inbox": the record sent to those involved
    re.compile(rf"\b(?:e-?mail|send|sent|circulat\w*|distribut\w*|forward\w*|shar\w*)\s+{_SENT}\s+to\s+\S", re.I),
    # "EDT handover + this record to MASH, school + HV": shorthand leaves the verb out; the
    # record goes to several agencies named in turn
    re.compile(
        rf"^\W*(?:[\w'’-]+\s+){{0,2}}?(?:[+&]\s*)?(?:this|the)\s+{_OBJECT}\s+to\s+"
        r"(?![^.;]{0,60}\b(?:mum|mother|dad|father|parents?|family|carers?|child)\b)[^.;]{2,60}?(?:,|\+|&|\band\b)",
        re.I,
    ),
    re.compile(rf"\b{_VERB}\b(?:\s+[\w'’/-]+){{0,6}}?\s+(?:to|with|for)?\s*{_RECIPIENT}\b", re.I),
    # "Email all in 1.2 w/ outcome of HV": whom first, then what
    re.compile(rf"\b(?:e-?mail|send|updat|inform|notif|tell)\w*\s+{_ALL_ABOVE}", re.I),
    # "send it to the duty manager and everyone in Part 2", "outcome email to all listed above
    # + school nurse": sent, and among those it goes to, everyone the record lists
    re.compile(
        rf"\b(?:e-?mail|send|sent|circulat|distribut|forward|cop(?:y|ied))\w*\b[^.;:]{{0,60}}?\bto\b[^.;:]{{0,60}}?\b{_ALL_ABOVE}",
        re.I,
    ),
    # "send this note and the outcome of today's visit to everyone present"
    re.compile(
        rf"\b(?:send|sent|e-?mail\w*|circulat\w*|distribut\w*|forward\w*|shar\w*)\s+(?:[\w'’]+\s+){{0,4}}?{_OBJECT}\b"
        rf"(?:\s+[\w'’/-]+){{0,6}}?\s+to\s+{_RECIPIENT}\b",
        re.I,
    ),
    re.compile(
        rf"\b{_RECIPIENT}\b(?:\s+[\w'’/-]+){{0,3}}?\s+(?:to\s+be|will\s+be|are\s+to\s+be|be)\s+(?:updated|informed|notified|told|sent|emailed|advised)\b",
        re.I,
    ),
    # "circulate the record"; not "(the GP) will share the record", which is its own record,
    # shared with us: sharing says nothing of the outcome without saying with whom
    re.compile(
        rf"\b(?:circulat|distribut|send|e-?mail)\w*\s+(?:the\s+|this\s+|a\s+copy\s+of\s+the\s+)?{_OBJECT}\b", re.I
    ),
    re.compile(
        rf"\b{_OBJECT}\s+(?:to\s+be|will\s+be|are\s+to\s+be)\s+(?:circulated|distributed|shared|sent|emailed)\b", re.I
    ),
]
#: Every pattern above needs a recipient or a thing sent; a sentence with neither word is
#: skipped before the (backtracking) patterns run on it -- most sentences of a record.
_INTENT_WORDS = re.compile(
    r"agenc|professional|partner|parties|participant|attendee|invitee|everyone|everybody|involved|"
    r"present|network|distribution|core\s+group|took\s+part|attended|contributed|invited|"
    r"outcome|minutes|mins|record|decision|plan|notes|summary|action|strategy|\ball\s+in\s+\d",
    re.I,
)
#: Telling the family is not telling the agencies.
_FAMILY = re.compile(
    r"\b(?:with|to)\s+(?:the\s+)?(?:mum|mother|father|dad|parents?|family|carers?|child|young\s+person|grandparents?|"
    r"(?:his|her|their)\s+\w+)\b",
    re.I,
)
_CONDITIONAL = re.compile(r"\b(?:if|unless|should\s+(?:there|any)|in\s+the\s+event)\b", re.I)
#: What the template says happens to any form filled in: "Boxes 5 to 11 are completed after
#: the strategy discussion and the whole form is then sent to everyone in Box 6".
_FORM_ROUTING = re.compile(
    r"\b(?:the\s+|this\s+)(?:whole\s+|completed\s+)?(?:form|template|proforma)\s+(?:is|are)\s+(?:then\s+)?"
    r"(?:sent|circulated|emailed|shared|copied|distributed)\b",
    re.I,
)
#: Guidance on what the plan should hold, not a plan: "Include an action to update all agencies".
_ABOUT_ACTIONS = re.compile(
    r"^\W*(?:please\s+)?(?:include|add|record|ensure|remember|consider|give|state|list|note|set\s+out)\b[^.]{0,40}?"
    r"\ban?\s+(?:action|task|step)\b",
    re.I,
)
#: A match that ends on a word that only looks like the agencies: someone's partner, or
#: what the information is about ("intelligence about the network").
_NOT_RECIPIENT = re.compile(
    r"(?:['’]s|\b(?:her|his|their|my|mum|mother|dad|father))\s+partners?$"
    r"|\b(?:about|on|regarding|concerning|of|into|around|against)\s+(?:the\s+|this\s+|a\s+)?\w*\s*(?:network|partners?)$",
    re.I,
)


def is_update_intent(text: str, lexicon) -> bool:
    """True if ``text`` commits to telling every agency the outcome."""
    norm = (text or "").replace("’", "'")
    standing = phrase_pattern(lexicon.phrase_list("update_agencies"), exact_caps=False)
    hit = standing.search(norm) if standing is not None else None
    if hit is not None:
        tail = norm[hit.start() : hit.end() + 40]
        if not (_FAMILY.search(tail) and not re.search(_RECIPIENT, tail, re.I)):
            return True  # "share the outcome with all agencies" -- not "... with mother"
    if not _INTENT_WORDS.search(norm):
        return False
    for rx in _INTENT:
        for m in rx.finditer(norm):
            tail = norm[m.start() : m.end() + 40]
            if _FAMILY.search(tail) and not re.search(_RECIPIENT, tail, re.I):
                continue
            if _NOT_RECIPIENT.search(m.group(0)):
                continue  # "told the nurse that her mother's partner ...", "intelligence about the network"
            if negated_before(norm, m.start(), 20):
                continue
            return True
    return False


def to_deadline(raw: dates.Deadline, text: str) -> Deadline:
    conflict = dates.weekday_conflict(text, raw.due) if raw.due else ""
    return Deadline(
        text=raw.text,
        kind=raw.kind,
        due=raw.due,
        reason=raw.reason,
        before_meeting=raw.before_meeting,
        weekday_conflict=conflict,
    )


def _someones_initials(facts: Facts, owner: str) -> bool:
    """An owner cell that reads as a placeholder ("NA", "NK") but is the initials of someone
    who took part."""
    from ..extract.attendees import initials_of

    text = owner.strip(" .")
    return bool(re.fullmatch(r"[A-Z]{2,3}", text)) and text in initials_of(facts.participants)


def _convert(facts: Facts, a: _RawAction) -> Action:
    lexicon = facts.lexicon
    status = "missing" if owner_is_missing(a.owner, lexicon) else "generic" if owner_is_generic(a.owner) else "named"
    if status == "missing" and _someones_initials(facts, a.owner):
        status = "named"  # "NA" is Nadia Ahmed's initials here, not "N/A"
    return Action(
        text=a.text,
        owner=a.owner,
        deadline=to_deadline(a.deadline, a.deadline_text),
        block=a.block,
        table=a.table,
        row=a.row,
        owner_block=a.owner_block,
        deadline_block=a.deadline_block,
        source=a.source,
        stated=a.stated,
        owner_status=status,
        blocks=list(a.blocks),
        intent="update-agencies" if is_update_intent(a.text, lexicon) or _tells_named_agencies(facts, a.text) else None,
        confidence=Confidence.HIGH
        if a.source in ("table", "fields") or (status == "named" and _says_no_date(facts, a))
        else Confidence.MEDIUM,
    )


#: A timescale that says in words there is none ("CAIT to arrange ABE – TBC.", "DC Ellery will
#: continue to monitor (ongoing)"): the record itself says so, however the action was found.
_SAYS_NO_DATE = re.compile(
    r"^\W*(?:ongoing|tbc|tba|to\s+be\s+(?:confirmed|arranged|agreed)|asap|as\s+soon\s+as\s+possible"
    r"|when\s+possible|as\s+and\s+when|in\s+due\s+course)\W*$",
    re.I,
)


#: Telling or sending, followed by the ones told: "update school and GP", "send these
#: minutes and the outcome to Northmarch Police, Hollins Lane Primary School, ...".
_TELLS = re.compile(
    r"\b(?:updat(?:e|es|ing)|inform(?:s|ing)?|notif(?:y|ies|ying)|tell(?:s|ing)?|let\s+\w+\s+know|"
    r"(?:send|sends|sending|e-?mail(?:s|ing)?|circulat(?:e|es|ing)|distribut(?:e|es|ing)|forward(?:s|ing)?)\b[^.;]{0,80}?\bto)\b"
    r"(?P<told>[^.;]{3,200})",
    re.I,
)


def _tells_named_agencies(facts: Facts, text: str) -> bool:
    """An action that tells three or more agencies by name, or two when the plan says so
    for the agencies that were not there ("day team to update school and GP"), is the
    update to the other agencies written out as a list."""
    if _FAMILY_ONLY.search(text or "") or not _ABOUT_OUTCOME.search(text or ""):
        return False  # "inform school and GP of the arrest" tells them something else
    m = _TELLS.search(text or "")
    if m is None:
        return False
    # who is told ends where what they are told about begins ("on the CPS charging decision")
    told_text = re.split(r"\b(?:on|about|of|re|regarding|with|once|after|when|if|by)\b", m.group("told"), maxsplit=1)[0]
    told = {key for key in facts.agencies_named_in(told_text) if key not in CONVENOR_AGENCIES}
    return len(told) >= 2  # children's social care is who tells them, not one of the others


#: What the update is about: the outcome, the minutes, the plan -- or "update" itself.
_ABOUT_OUTCOME = re.compile(rf"\b(?:{_OBJECT}|updat\w*)\b", re.I)
#: Telling the family, not the agencies: "inform mum and dad of the outcome".
_FAMILY_ONLY = re.compile(
    r"\b(?:updat\w*|inform\w*|tell\w*|notif\w*|let)\s+(?:the\s+)?(?:mum|mother|dad|father|parents?|family|carers?)\b",
    re.I,
)


def _says_no_date(facts: Facts, a: _RawAction) -> bool:
    """The action's timescale is a word that sets none, and nothing else in its paragraph
    or cell is a date ("as soon as possible, and by 12/12/2025 at the latest" is cut at the
    comma by the sentence reading, and is a deadline)."""
    if not _SAYS_NO_DATE.match(a.deadline_text or ""):
        return False
    whole = facts.document.blocks[a.block].text if a.block is not None else a.text
    found = dates.parse_deadline(whole, meeting_date=meeting_date(facts.document), lexicon=facts.lexicon)
    return not found.is_real


def read_actions(facts: Facts) -> list[Action]:
    return [_convert(facts, a) for a in _raw_actions(facts.document, facts.lexicon)]


def read_update_actions(facts: Facts) -> list[Action]:
    """Every commitment to tell the agencies the outcome: actions first, then any sentence
    anywhere in the record ("The outcome will be emailed to all who took part by 17/03")."""
    out = [a for a in facts.actions if a.intent == "update-agencies"]
    in_actions = facts.action_blocks
    meeting = meeting_date(facts.document)
    titles = {s.heading_block for s in facts.document.sections if s.heading_block is not None}
    handled: set[int] = set()
    for table in facts.document.tables:
        for rec in table.records:
            # "Who | By when" for the update alone: "Hannah Cole – record and outcome to all on
            # the distribution list | 06/06/2025 by 12:00"
            text = rec.get("owner") or ""
            told_table = _told_table(facts, table)
            everyone = " ".join(rec.values.values())
            if (
                told_table
                and rec.blocks
                and (re.search(_RECIPIENT, everyone, re.I) or re.search(_ALL_ABOVE, everyone, re.I))
            ):
                # "Who is told | Who | What | By whom | By when" – "Everyone in Part 4 | These
                # minutes and the decisions | Dean Faraday | 10/06/2025": a row telling them all
                text = " – ".join(v for v in rec.values.values() if v)
            elif rec.get("action") or not rec.blocks or not is_update_intent(text, facts.lexicon):
                continue
            due = rec.get("deadline") or ""
            raw = dates.parse_deadline(due, meeting_date=meeting, lexicon=facts.lexicon)
            handled.update(rec.blocks)
            out.append(
                Action(
                    text=text,
                    owner=text,
                    deadline=to_deadline(raw, due),
                    block=rec.blocks[0],
                    source="table",
                    stated=bool(due),
                    intent="update-agencies",
                    confidence=Confidence.MEDIUM,
                )
            )
    for line in prose_lines(facts.document):
        if line.block in in_actions or line.block in titles or line.block in handled:
            continue  # a title or a form's prompt ("Who will inform agencies ..., and by when") asks
        for sentence in _sentences(facts, line.text):
            if _QUESTION.match(sentence) and not sentence.partition(":")[2].strip():
                continue  # a question with no answer after it (an answer may follow its colon)
            if _ABOUT_ACTIONS.match(sentence):
                continue  # the template's guidance: "Include an action to update all agencies, with a date."
            if _FORM_ROUTING.search(sentence):
                continue  # "... and the whole form is then sent to everyone in Box 6": how the form travels
            if _CONDITIONAL.search(sentence) or not (
                is_update_intent(sentence, facts.lexicon) or _tells_named_agencies(facts, sentence)
            ):
                continue
            raw = dates.parse_deadline(sentence, meeting_date=meeting, lexicon=facts.lexicon)
            out.append(
                Action(
                    text=sentence,
                    owner="",
                    deadline=to_deadline(raw, sentence),
                    block=line.block,
                    source="sentence",
                    stated=False,
                    intent="update-agencies",
                    confidence=Confidence.MEDIUM,
                )
            )
    seen = {a.block for a in out}
    for label, value, block in labelled_lines(facts.document):
        # "Circulation of this record (by whom, to whom, by when): LCJ – to all above, by
        # 5pm Wed 04/06", "Agencies updated (who / by when) | L. Doherty – all agencies by
        # 22/01": the form's own field for it, filled in
        if block in seen or block in in_actions or not _CIRCULATION_LABEL.search(label):
            continue
        text = value.strip()
        if not text or is_placeholder(text, facts.lexicon) or _NOT_DONE.match(text):
            continue
        if another_field(text, facts.lexicon):
            continue  # an empty field: what was read after it is the next field
        raw = dates.parse_deadline(text, meeting_date=meeting, lexicon=facts.lexicon)
        if not raw.is_real:
            continue  # "Distribution: EDT, ward 22": who it went to, not a commitment with a date
        seen.add(block)
        out.append(
            Action(
                text=f"{label.strip(' :')}: {text}",
                owner="",
                deadline=to_deadline(raw, text),
                block=block,
                source="fields",
                stated=False,
                intent="update-agencies",
                confidence=Confidence.MEDIUM,
            )
        )
    return out


#: A prompt, not a promise: "Who will inform agencies of the outcome, and by when?"
_QUESTION = re.compile(
    r"^\W*(?:(?:who|how|which)\b[^.!]*$|(?:what|when|has|have|is|are|was|were|will|should|did|does)\b[^.!]*\?)", re.I
)
#: A field for telling the agencies the outcome.
_CIRCULATION_LABEL = re.compile(
    r"\b(?:circulat\w*|distribut\w*|agencies\s+(?:updated|informed|told|notified)|(?:record|outcome|minutes)\s+sent\s+to)\b",
    re.I,
)
#: The title of a part or table that lists who is told what: "Who is told", "Distribution".
_TOLD_TITLE = re.compile(
    r"\b(?:who\s+(?:is|are|will\s+be|was|were)\s+(?:told|informed|updated)|who\s+to\s+(?:tell|inform|update)|"
    r"who\s+(?:needs?|has|have|should)\s+to\s+(?:know|be\s+(?:told|informed|updated))|who\s+should\s+(?:know|be\s+told)|"
    r"informing\s+(?:the\s+)?(?:agencies|others|partners)|distribution|circulation)\b",
    re.I,
)


def _told_table(facts: Facts, table) -> bool:
    """A table under a title saying its rows are who is told ("PART 7 – WHO IS TOLD")."""
    sec = facts.document.sections[table.section] if table.section is not None else None
    while sec is not None:
        if _TOLD_TITLE.search(sec.title):
            return True
        if sec.kind:
            return False
        sec = facts.document.sections[sec.parent] if sec.parent is not None else None
    return False


#: A filled field that says it did not or will not happen.
_NOT_DONE = re.compile(r"^\s*(?:no\b|not\b|none\b|n/?a\b|nobody|-+\s*$|–\s*$)", re.I)


def _sentences(facts: Facts, text: str) -> list[str]:
    from ..nlp import sentences

    return sentences(facts.nlp, text)
