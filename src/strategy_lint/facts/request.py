"""Who asked for the strategy discussion.

The 2016 audit found agencies referring concerns but rarely asking for a strategy
discussion, so the record should say who asked.  It may say so in a field ("Requested by",
"Who requested the strategy discussion?", "Requesting agency / professional", tick boxes),
or in any sentence ("DC Shaw requested a strategy discussion", "convened at the request of
the DSL", "Strategy convened by the TM following the referral").  The whole record is
searched before the request is called missing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..lexicon import two_languages
from ..nlp import is_placeholder
from .model import Confidence, Request
from .text import another_field, has_tick_boxes, is_pointer, labelled_lines, negated_before, prose_lines, ticked

if TYPE_CHECKING:  # pragma: no cover
    from . import Facts

__all__ = ["read_request"]

#: A label for who asked: "Requested by", "Who requested the strategy discussion?",
#: "Requesting agency / professional", "Request made by", "Strategy convened by".
_REQUEST_LABEL = re.compile(
    r"\b(?:request(?:ed|ing|s|er|or)?|asked\s+(?:for|by)|who\s+asked|convened\s+by|called\s+by|convenor|convener|"
    r"initiated\s+by|instigated\s+by|sought\s+by|initiating|who\s+(?:called|convened|initiated))\b",
    re.I,
)
#: Labels with request words that ask something else ("Date of request", "Reason for request").
_OTHER_LABEL = re.compile(r"\b(?:date|time|reason|why|purpose|medical|consent|outcome|information\s+requested)\b", re.I)
#: ... unless the label also asks who ("Reason for strategy and who requested it").
_WHO_LABEL = re.compile(
    r"\b(?:who\s+(?:requested|asked|called|convened)|(?:requested|asked\s+for|convened|called)\s+by|by\s+whom)\b", re.I
)
#: A value that says nobody asked.
_NO_REQUEST = re.compile(
    r"\b(?:not|never)\s+(?:explicitly\s+|specifically\s+|formally\s+)?(?:request(?:ed)?|ask(?:ed)?)\b"
    r"|\bno\s+(?:explicit\s+|specific\s+|formal\s+)?request\b|\bnobody\b|\bno\s+one\b|\bnot\s+(?:recorded|known|stated)\b",
    re.I,
)
_CONVENED = re.compile(r"\b(?:convened|called|arranged|initiated)\s+by\b", re.I)

#: A request label and the details its brackets ask for ("Requested by (name, agency, date,").
#: Only the label: nothing after the brackets (the answer, when given, follows them).
_DETAIL = r"(?:name|agency|role|date|time|when|how)"
_ASKS_FOR_DETAILS = re.compile(
    r"\b(?:requested|convened|asked\s+for|called)\s+by\s*\("
    # closed: "(name, agency, date, time)" and nothing after it; cut by a wrap: "(name, agency,"
    rf"(?:[^)]*\b{_DETAIL}\b[^)]*\)\W*|\W*{_DETAIL}(?:\W+(?:of\s+request|{_DETAIL}))*\W*)$",
    re.I,
)
#: A request for a strategy discussion in a sentence.
#: "req", "req'd", "reqd": how shorthand notes write "requested"
_REQ = r"req(?:['’]?d|\.)?"
_ASK = rf"(?:request(?:ed|ing|s)?|{_REQ}|ask(?:ed|ing|s)?\s+(?:for|that)|call(?:ed|ing|s)?\s+for|sought|seek(?:ing|s)?|wanted)"
_CONVENE = rf"(?:request(?:ed)?|{_REQ}|asked\s+for|convened|called|arranged|initiated)"
#: ESM: an exploitation strategy meeting; "this review": a review discussion asked for
_MEETING = r"(?:strategy|strat\.?|discussion|meeting|mtg|esm|this\s+review)"
_GAP = r"(?:[\s,;:–-]+[\w'’/.-]+){0,4}?[\s,;:–-]+"
_SENTENCE_PATTERNS = [
    # "requested a strategy discussion", "asked for a strategy meeting", "requested strat"
    re.compile(rf"\b{_ASK}\b{_GAP}{_MEETING}\b|\b{_ASK}\s+{_MEETING}\b", re.I),
    # "asked at that time for a strategy discussion", "asked EDT to convene an urgent strategy"
    re.compile(
        rf"\bask(?:ed|s)?\b(?:\s+\S+){{0,8}}?\s+(?:for|to\s+(?:convene|hold|arrange|call))\s+(?:a\s+|an\s+|the\s+)?(?:urgent\s+|further\s+)?{_MEETING}\b",
        re.I,
    ),
    # "Paul Okafor, who convened the strategy discussion after the referral"
    re.compile(
        rf"\b(?:convened|called|initiated|requested)\s+(?:the\s+|an?\s+|this\s+)(?:urgent\s+|initial\s+)?{_MEETING}\b",
        re.I,
    ),
    # "strategy discussion requested by DC Shaw", "discussion, convened by the chair"
    re.compile(rf"\b{_MEETING}\b(?:{_GAP})?{_CONVENE}\s+(?:by|following|after|at|on\s+behalf)\b", re.I),
    # "The strategy meeting was held at ... and was requested by Mrs Jennings, DSL",
    # "The strategy meeting was requested in writing on 22 May by Dr Marsh"
    re.compile(
        rf"\b{_MEETING}\b[^.;]{{0,120}}?\b(?:was|were|been|is)\s+(?:(?!not\b|never\b)\w+\s+)?(?:requested|convened)\b"
        r"[^.;]{0,60}?\bby\b",
        re.I,
    ),
    # "It was requested by Kerry Mills", "which was convened by the TM"
    re.compile(rf"\b(?:it|this|which)\s+(?:was\s+|has\s+been\s+)?{_CONVENE}\s+by\b", re.I),
    # "at the request of the DSL", "following a request from the police", "at DC Shaw's request"
    re.compile(
        r"\b(?:at\s+the\s+request\s+of|(?:following|after|on|upon)\s+(?:(?:a|the|their|her|his)\s+)?request\s+(?:from|of|by))\b",
        re.I,
    ),
    re.compile(
        rf"\bat\s+(?:the\s+)?[\w'’. -]{{1,40}}?['’]s?\s+request\b(?=.*\b{_MEETING}\b)|\b{_MEETING}\b.*\bat\s+(?:the\s+)?[\w'’. -]{{1,40}}?['’]s?\s+request\b",
        re.I,
    ),
    # "Strategy discussion request received from Westvale Police on 13/03"
    re.compile(rf"\b{_MEETING}\s+request\s+(?:was\s+)?(?:received\s+|made\s+)?(?:from|by)\b", re.I),
    # "Requested by DC Shaw after ...", "Req by Wexcombe Police offender mgr (DC Sharma)",
    # "Asked for by DS Oyelaran (OCAIT), phone to Front Door"
    re.compile(rf"^\s*(?:strat(?:egy)?\.?\s+)?(?:requested|{_REQ}|convened|called|asked\s+for)\s+by\b", re.I),
]
#: A request for "it", when the sentence before names the discussion.
_ASKED_FOR_IT = re.compile(r"\b(?:asked\s+for|requested|called\s+for|sought)\s+(?:it|this\s+one)\b", re.I)
_NEGATED_INSIDE = re.compile(
    r"\b(?:not|never)\s+(?:\w+\s+)?(?:request|ask|convene|call|sought|arrange|initiat)\w*", re.I
)
#: Guidance about any request, not this one: "if ...", "Use this record when a strategy
#: discussion is requested by a hospital".
_CONDITIONAL = re.compile(r"\b(?:if|unless|should\s+\w+\s+request|whether|when(?:ever)?\s+an?)\b", re.I)


def read_request(facts: Facts) -> Request:
    document = facts.document
    lexicon = facts.lexicon
    request = Request()
    judged: set[int] = set()
    for label, value, block in labelled_lines(document):
        clean_label = label.strip(" :?")
        halves = two_languages(clean_label)
        if halves:
            # "Pwy ofynnodd am y drafodaeth, a phryd? / Who asked for the discussion, and when?"
            clean_label = next((h.strip(" :?") for h in halves if _REQUEST_LABEL.search(h)), clean_label)
        if (
            not _REQUEST_LABEL.search(clean_label)
            or _OTHER_LABEL.search(clean_label)
            and not _WHO_LABEL.search(clean_label)
        ):
            continue
        if re.search(r"\b(?:not|no|never)\b", clean_label, re.I):
            continue  # "Not requested: referral only" says nobody asked
        if len(clean_label.split()) > 12:
            continue
        judged.add(block)
        if request.field_block is None:
            request.field_block = block
        if is_pointer(value):
            continue  # "See Part 6": the part it points to is searched with the rest of the record
        if _names_someone(value, lexicon):
            how = "tick-box" if has_tick_boxes(value) else "field"
            request.found, request.by, request.block, request.how = True, _chosen(value), block, how
            return request
        request.field_empty = True
    for line in prose_lines(document):
        text = line.text.replace("’", "'")
        if not re.search(r"req|ask|call|convene|sought|seek|arrange|initiat|want", text, re.I):
            continue
        if line.block in judged and re.match(r"^\s*[^:]{1,60}:", text):
            continue  # "Requested by: N/A" was judged as a field above
        if text.rstrip().endswith(":") and len(text.split()) <= 8:
            # "Discussion convened by:" with nothing after it: a field left empty
            request.field_empty = request.field_empty or bool(_REQUEST_LABEL.search(text))
            continue
        previous = ""
        for sentence in _sentences(facts, text):
            if sentence.rstrip().endswith("?"):
                continue  # "Who asked for this discussion, and why now?" asks; the answer is read in its turn
            if _ASKS_FOR_DETAILS.search(sentence):
                continue  # "Requested by (name, agency, date, time)": a label's guidance, no one named

            # "Thanks for joining the strat disc today. PS Aske asked for it when he rang ...":
            # "it" is the discussion the sentence before names
            if (
                _is_request(sentence)
                or _ASKED_FOR_IT.search(sentence)
                and re.search(rf"\b{_MEETING}\b", previous, re.I)
            ):
                request.found, request.by, request.block, request.how = True, sentence, line.block, "sentence"
                return request
            previous = sentence
    # every line was searched: only text we could not read leaves room for doubt
    request.confidence = Confidence.HIGH if request.field_empty else facts.reading.text
    return request


def _chosen(value: str) -> str:
    return "; ".join(ticked(value)) if has_tick_boxes(value) else value.strip()


def _names_someone(value: str, lexicon) -> bool:
    """A field value that says who asked: not blank, not a placeholder, not 'no request'.
    "Was a strategy requested? ☒ Yes ☐ No" says one was (who, the next field says)."""
    text = value.strip()
    if has_tick_boxes(text):
        chosen = [o.lower() for o in ticked(text)]
        return bool(chosen) and not any(o in ("no", "n", "not requested", "none") for o in chosen)
    if not text or is_placeholder(text, lexicon) or another_field(text, lexicon):
        return False
    if _NO_REQUEST.search(text) and not _CONVENED.search(text):
        return False
    if (_REFERRAL_ONLY.match(text) or _RECEIVED.search(text) or _MADE_REFERRAL.search(text)) and not _ASKED.search(
        text
    ):
        # "Referral from the school", "PPN from police rec'd by Front Door 04:10", "The DSL made
        # a referral to the Front Door": who referred is not who asked for the discussion
        return False
    # "Tue 11/02/25, 10:00-10:45, Teams. Chair: H Birtwhistle" under "When and how did we
    # meet, and who asked for it?" answers when and how, not who asked
    return not _only_when_and_how(text, lexicon)


#: A value that is only a referral: it opens with the referral ("Referral from ...",
#: "Referred by ...", "School referral") -- not one that names who asked "on receipt of the referral".
_REFERRAL_ONLY = re.compile(
    r"^\s*(?:(?:the\s+)?referral\b|referred\b|referrer\b|(?:[\w'’]+\s+){0,3}referral\s*(?:from|by|made|received|$|[.,;]))",
    re.I,
)
_ASKED = re.compile(r"\b(?:request\w*|ask\w*|convened|called|sought|wanted)\b", re.I)
#: A referral's arrival: "rec'd by Front Door", "received into the MASH".
_RECEIVED = re.compile(r"\b(?:rec['’]?d|received)\s+(?:by|at|in|into)\b", re.I)
#: A referral made or passed on: "made a referral", "sent the referral form", "referred to MASH".
_MADE_REFERRAL = re.compile(
    r"\b(?:made|sent|submitted|completed|passed\s+on|rang\s+in)\s+(?:a|an|the|her|his|their)\s+(?:\w+\s+){0,2}referral"
    r"|\breferred\s+(?:\w+\s+){0,3}(?:to|into)\b",
    re.I,
)
#: What says when and how a meeting was held, and nothing about who asked.
_WHEN_AND_HOW = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\b\.?"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\.?"
    r"|\b\d{1,4}(?:[/.:-]\d{1,4}){0,2}(?:\s*(?:am|pm|hrs?))?\b"
    r"|\b(?:date|time|held|on|at|from|to|by|via|and|the|in|person|ms|microsoft|teams|zoom|video|phone|telephone|"
    r"virtual(?:ly)?|online|call|conference|face[- ]to[- ]face|f2f|meeting|mtg|strategy|discussion)\b",
    re.I,
)


def _only_when_and_how(text: str, lexicon) -> bool:
    """True if ``text`` says only when and how the meeting was held (its other fields,
    "Chair: ...", set aside): it names nobody who asked."""
    parts = re.split(r"(?<=[.;])\s+|\n", text)
    kept = [p for p in parts if p.strip() and not another_field(p, lexicon)]
    rest = _WHEN_AND_HOW.sub(" ", " ".join(kept))
    return not re.search(r"[A-Za-z]{2,}", rest)


def _is_request(sentence: str) -> bool:
    for rx in _SENTENCE_PATTERNS:
        for m in rx.finditer(sentence):
            if negated_before(sentence, m.start(), 25) or _NEGATED_INSIDE.search(m.group(0)):
                continue  # "was not requested by the school" names nobody who asked
            if _CONDITIONAL.search(sentence[max(0, m.start() - 30) : m.start()]):
                continue
            return True
    return False


def _sentences(facts: Facts, text: str) -> list[str]:
    from ..nlp import sentences

    return sentences(facts.nlp, text)
