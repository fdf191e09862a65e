"""SL301 agency-input-unrecorded: an agency that took part has no contribution recorded."""

from __future__ import annotations

import re

from strategy_lint import Option, Report, Rule, Severity, hookimpl
from strategy_lint.extract.attendees import CONVENOR_AGENCIES, initials_of, participants, same_agency
from strategy_lint.nlp import agencies_in, is_placeholder

#: Sections where an agency's input is recorded (everything but the lists, the plan and
#: the meeting details: an action for the police is not information from the police).
_NOT_INPUT = frozenset(
    {"attendees", "consulted", "apologies", "distribution", "details", "child_details", "actions",
     "next_steps", "author", "decision"}
)
#: Where children's social care's own input shows (it convenes and decides).
_CONVENOR_KINDS = ("reason", "decision", "actions", "risk", "agency_info")
_POINTER = re.compile(r"^\s*(?:yes\b|y\b|see\b|provided\b|as above\b|below\b|attached\b)", re.I)


class AgencyInputUnrecorded(Rule):
    """## What it checks
    That every agency recorded as attending or contacted has its contribution recorded
    somewhere beyond the attendee list: in the agency information, the reason, the
    request, the child's experience or the risk analysis, or in an "Information
    provided" column of the attendee table. An agency with nothing to add must still be
    recorded as such: "no concerns", "not known to the service", "no information held"
    all count. One finding per agency, pointing at its attendee row.

    The same agency written several ways is one agency ("Westvale Police", "police",
    "CAIT", "DS Fenwick", and initials such as "MF said..." for a listed person).
    Children's social care convenes the discussion: its input counts as recorded when
    the reason, decision or actions say anything. An action given to an agency, or a
    heading with nothing under it, is not its input.

    ## Why it matters
    The 2016 audit asked that the record "clearly record who has had input into the
    discussions and the concerns of all agencies", and that "if agencies have been
    contacted but have no safeguarding concerns about a particular child, this should
    also be recorded". Readers cannot tell "no concerns" from "not asked".

    ## Example
    A record that fires (the midwife is listed but nothing she said is recorded):

    ```markdown
    ## Consulted outside the meeting
    - Lucy Hale, Community Midwife, Eastmoor Maternity Services (email)

    ## Agency information
    ### Health visiting
    Sarah Okafor said Ava's weight follows the 50th centile.
    ```

    A record that passes:

    ```markdown
    ### Midwifery, consulted by email
    Lucy Hale said there are no concerns on midwifery records.
    ```

    ## How to fix
    Under the agency information, add what the agency said, or that it had nothing to
    add: e.g. "Midwifery (Lucy Hale, by email): no concerns; not known to the service."
    """

    code = "SL301"
    name = "agency-input-unrecorded"
    summary = "An agency that took part or was contacted has no contribution recorded."
    default_severity = Severity.ERROR
    fix = (
        "Record what the agency said under the agency information, or that it had nothing to add "
        "(e.g. 'Midwifery: no concerns, not known to the service')."
    )
    options = {
        "pending_phrases": Option(
            ["awaiting", "await", "to follow", "not yet", "no response", "not received", "not responded",
             "did not respond", "has not responded", "no reply", "chasing", "unable to contact",
             "could not be contacted", "not been able"],
            "wording that says an agency's input has NOT been received",
        ),
    }
    needs_nlp = True

    def check(self, document, ctx):
        nlp = ctx.nlp
        people = [p for p in participants(document, nlp, ctx.lexicon) if p.took_part]
        groups: dict[str, list] = {}
        for p in people:
            key = p.agency_key or _norm(p.agency)
            if key:
                groups.setdefault(key, []).append(p)
        if not groups:
            return
        pending = _phrase_re(ctx.options["pending_phrases"])
        initials = initials_of(people)
        credited = self._credited(document, ctx, people, initials, pending)
        for key, members in groups.items():
            if any(same_agency(key, k) for k in credited):
                continue
            if any(_real_contribution(p.contribution, ctx.lexicon) for p in members):
                continue
            if key in CONVENOR_AGENCIES and _convenor_spoke(document, ctx.lexicon):
                continue
            first = members[0]
            agency = first.agency or key
            who = ", ".join(p.name for p in members if p.name)
            people = f' ("{who}")' if who else ""
            yield Report(
                message=(
                    f'"{agency}" took part{people} but nothing it said is recorded, '
                    "not even that it had no concerns or no information."
                ),
                fix=(
                    "Record the agency's information under the agency information, or that it had nothing "
                    "to add ('no concerns', 'not known to the service')."
                ),
                block=first.block,
                excerpt=first.row_text.replace("\n", " ")[:120],
            )

    # -- what counts as input ------------------------------------------------------------

    def _credited(self, document, ctx, people, initials, pending) -> set[str]:
        """Agency keys (and free-text agency names) whose input the record shows."""
        nlp = ctx.nlp
        ini = set(initials)
        out: set[str] = set()
        for heading, text in _input_units(document):
            if is_placeholder(text, ctx.lexicon) or _only_agency_name(nlp, text, ini):
                continue
            if pending is not None and pending.search(text):
                continue
            for m in agencies_in(nlp, heading + "\n" + text, ini):
                out.add(m.key)
            both = heading + "\n" + text
            for p in people:
                if _mentions_person(both, p, initials):
                    out.add(p.agency_key or _norm(p.agency))
                elif p.agency and not p.agency_key and _norm(p.agency) in _norm(both):
                    out.add(_norm(p.agency))
        return out


def _input_units(document):
    """(heading context, line) for each line of text where agency input may be recorded."""
    for b in document.body_blocks():
        sec = document.section_of_block(b.index)
        if sec is None or b.index == sec.heading_block:
            continue
        kinds = _kinds_up(document, sec)
        if kinds & _NOT_INPUT:
            continue
        heading = sec.title if sec.kind is None else ""
        if b.table is not None:
            t = document.tables[b.table]
            if t.records or b.column == 0:
                row = t.cells[b.row] if b.row is not None else []
                first = row[0] if row else None
                heading = document.blocks[first].text if first is not None and first != b.index else heading
        context = heading
        for line in b.text.split("\n"):
            line = line.strip()
            if not line:
                continue
            if len(line.split()) <= 10 and not re.search(r"[.!?]$", line) and ":" not in line:
                context = line  # a subheading inside a form cell ("Midwifery, consulted by email")
                continue
            yield context, line


def _kinds_up(document, sec) -> set[str]:
    kinds = set()
    while sec is not None:
        if sec.kind:
            kinds.add(sec.kind)
            break  # the innermost named kind decides
        sec = document.sections[sec.parent] if sec.parent is not None else None
    return kinds


def _only_agency_name(nlp, text: str, initials) -> bool:
    found = agencies_in(nlp, text, initials)
    if not found:
        return False
    rest = text
    for m in sorted(found, key=lambda m: -m.start):
        rest = rest[: m.start] + rest[m.end :]
    return len(re.findall(r"[A-Za-z]{3,}", rest)) < 2


def _mentions_person(text: str, p, initials) -> bool:
    words = [w for w in p.name.split() if w[:1].isupper()]
    if len(words) >= 2:
        first_last = f"{words[-2]} {words[-1]}"
        if first_last in text:
            return True
        title = words[0] if len(words) >= 3 else None
        if title and re.search(rf"\b{re.escape(title)}\.?\s+{re.escape(words[-1])}\b", text):
            return True
    for ini, who in initials.items():
        if who is p and re.search(rf"(?<![\w-]){re.escape(ini)}(?![\w-])", text):
            return True
    return False


def _real_contribution(text: str, lexicon) -> bool:
    return bool(text) and not is_placeholder(text, lexicon) and not _POINTER.match(text)


def _convenor_spoke(document, lexicon) -> bool:
    for sec in document.sections:
        if sec.kind in _CONVENOR_KINDS:
            text = document.section_text(sec)
            if text.strip() and not is_placeholder(text, lexicon):
                return True
    return False


def _phrase_re(phrases):
    words = [re.escape(p) for p in phrases if p]
    return re.compile(r"(?i)\b(?:" + "|".join(words) + r")\b") if words else None


def _norm(text: str) -> str:
    return " ".join((text or "").lower().replace("’", "'").split())


@hookimpl
def strategy_lint_rules():
    return [AgencyInputUnrecorded]
