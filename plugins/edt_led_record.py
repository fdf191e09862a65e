"""SL601 edt-led-record: the discussion was led out of hours by the Emergency Duty Team."""

from __future__ import annotations

import re

from strategy_lint import Option, Report, Rule, Severity, hookimpl
from strategy_lint.extract.phrases import phrase_pattern, phrase_source
from strategy_lint.nlp import agencies_in, sentences
from strategy_lint.structure import label_value_lines

HANDOVER_TERMS = [
    "handover", "hand over", "handed over", "handing over", "hand-over", "passed to the day",
    "passed to the daytime", "passed on to the day", "passed on to the daytime", "day team", "daytime team",
    "day-time team", "day duty", "daytime duty", "day service", "daytime service", "day services",
    "in-hours team", "in hours team", "allocated team",
]
FOLLOWUP_TERMS = [
    "in-hours strategy", "in hours strategy", "daytime strategy", "day-time strategy", "follow-up strategy",
    "follow up strategy", "further strategy", "review strategy", "second strategy", "next strategy",
    "reconvene", "reconvened", "reconvening", "strategy discussion will be held", "strategy meeting will be held",
]
#: Agency groups that are often unreachable out of hours (domain.md §7.1).
DAYTIME_GROUPS = ["health", "education"]

#: "held" and "run" are left out here: "information held by EDT" is not a discussion EDT led.
_LEAD = r"(?:led|chaired|convened|initiated|co-?ordinated|conducted|facilitated)"
_FIELD = re.compile(
    r"^\s*(?:chair(?:ed\s+by|person)?|convened\s+by|led\s+by|lead(?:\s+professional)?|organised\s+by|called\s+by"
    r"|format|type\s+of\s+(?:meeting|discussion|strategy)|meeting\s+type)\s*[:\-–]\s*(?P<value>\S.*)$",
    re.I,
)
_CONDITIONAL = re.compile(r"\b(?:if|should|unless|would|in\s+the\s+event|in\s+case)\b", re.I)
_CONTACT = re.compile(r"\b(?:contact|contacts|contacted|number|tel|phone\s+number)\b|\d{3,4}\s?\d{3}\s?\d{2,4}", re.I)
_NEGATION = re.compile(r"\b(?:not|no|never|rather\s+than|instead\s+of)\b|n't\b", re.I)
_CHAIR = re.compile(r"\bchair", re.I)


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
    ]


class EdtLedRecord(Rule):
    """## What it checks
    Whether the strategy discussion was led out of hours by the Emergency Duty Team
    (EDT, out-of-hours service, emergency duty service): "chaired by the EDT social
    worker", "EDT-led strategy discussion", "out-of-hours strategy meeting", a Chair or
    Format field naming the out-of-hours service. If so it asks for an accuracy check
    and says which of these is missing from the record:

    - a handover to the daytime team;
    - a follow-up strategy discussion in working hours;
    - contact with health and education, who usually cannot be reached out of hours
      (counted as done when they took part, were consulted, or are named in the
      actions or next steps).

    A record that only gives the EDT phone number or says "out of hours contact: EDT"
    is not EDT-led and does not fire.

    ## Why it matters
    The 2016 audit looked at two EDT-led strategy discussions and found inaccuracies in
    both. Out-of-hours teams are small, work from phone calls with limited access to
    case files, and often cannot reach health visitors, GPs or schools, so the record is
    more likely to carry a wrong name, date of birth or time, and to leave agencies out.

    ## Example
    A record that fires:

    ```markdown
    ## Meeting details
    Date of strategy discussion: 12/03/2016
    Chair: Sam Doyle, EDT Social Worker, Emergency Duty Team
    ```

    A record that passes:

    ```markdown
    ## Distribution
    Out of hours contact: Emergency Duty Team, 0300 123 23 27
    ```

    ## How to fix
    Before circulating, check names, dates of birth, addresses, times and agencies
    against the case file. Record the handover to the daytime team, the date of the
    follow-up strategy discussion in working hours, and an action (with a date) to
    contact health and education.
    """

    code = "SL601"
    name = "edt-led-record"
    summary = "The strategy discussion was led out of hours by the Emergency Duty Team: check its accuracy."
    default_severity = Severity.WARNING
    fix = (
        "Check names, dates of birth, times and agencies against the case file; record the handover to the "
        "daytime team, a follow-up in-hours strategy discussion and contact with health and education."
    )
    options = {
        "terms": Option(None, "words that mean the out-of-hours service (default: lexicon phrase list `edt_terms`)"),
        "handover_terms": Option(HANDOVER_TERMS, "wording of a handover to the daytime team"),
        "followup_terms": Option(FOLLOWUP_TERMS, "wording of a follow-up strategy discussion in working hours"),
        "daytime_groups": Option(DAYTIME_GROUPS, "agency groups (lexicon `group`) to be contacted in hours if absent"),
    }
    needs_nlp = True

    def check(self, document, ctx):
        term = phrase_source(ctx.options.get("terms") or ctx.lexicon.phrase_list("edt_terms"))
        if term is None:
            return
        hit = _led_by_edt(document, ctx, term)
        if hit is None:
            return
        block, excerpt = hit
        missing = self._missing(document, ctx)
        message = (
            "This strategy discussion was led out of hours by the Emergency Duty Team; the audit found "
            "inaccuracies in EDT-led records. Check names, dates of birth, times and agencies against the "
            "case file before circulating."
        )
        if missing:
            message += " Not recorded: " + "; ".join(missing) + "."
        yield Report(message=message, block=block, excerpt=excerpt)

    # -- what is missing -------------------------------------------------------------------

    def _missing(self, document, ctx) -> list[str]:
        text = document.text().replace("’", "'")
        out = []
        handover = phrase_pattern(ctx.options["handover_terms"])
        if handover is None or not handover.search(text):
            out.append("a handover to the daytime team")
        followup = phrase_pattern(ctx.options["followup_terms"])
        if followup is None or not followup.search(text):
            out.append("a follow-up strategy discussion in working hours")
        absent = _absent_groups(document, ctx)
        if absent:
            out.append(f"contact with {' and '.join(absent)}, who could not be reached out of hours")
        return out


def _led_by_edt(document, ctx, term: str) -> tuple[int, str] | None:
    """(block, short quote) of the first place saying the out-of-hours service led the discussion."""
    found = _chair_row(document, ctx, term)
    if found:
        return found
    term_re = re.compile(term)
    patterns = _lead_patterns(term)
    for line, block in label_value_lines(document):
        line = line.replace("’", "'")
        if block < 0 or not term_re.search(line):
            continue
        m = _FIELD.match(line)
        if m and term_re.search(m["value"]) and not _CONTACT.search(m["value"]):
            return block, line
        for sentence in sentences(ctx.nlp, line):
            if _CONDITIONAL.search(sentence):
                continue
            for rx in patterns:
                lead = rx.search(sentence)
                if lead and not _NEGATION.search(sentence[max(0, lead.start() - 15) : lead.start()]):
                    return block, sentence
    return None


def _chair_row(document, ctx, term: str) -> tuple[int, str] | None:
    """An attendee row for the chair whose role or agency is the out-of-hours service."""
    term_re = re.compile(term)
    for table in document.tables:
        for rec in table.records:
            role, agency = rec.get("role"), rec.get("agency")
            if _CHAIR.search(role) and (term_re.search(role) or term_re.search(agency)):
                return (rec.blocks[0] if rec.blocks else -1), f"{rec.get('name')} {role}".strip()
    return None


def _absent_groups(document, ctx) -> list[str]:
    """Daytime agency groups neither present nor consulted nor named in the actions or next steps."""
    groups = {g.lower() for g in ctx.options["daytime_groups"]}
    seen: set[str] = set()
    for kind in ("attendees", "consulted", "actions", "next_steps"):
        for sec in document.sections_of(kind):
            for m in agencies_in(ctx.nlp, document.section_text(sec)):
                group = str(ctx.lexicon.agencies.get(m.key or "", {}).get("group", "")).lower()
                if group:
                    seen.add(group)
    return [g for g in ctx.options["daytime_groups"] if g.lower() in groups - seen]


@hookimpl
def strategy_lint_rules():
    return [EdtLedRecord]
