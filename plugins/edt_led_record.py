"""SL601 edt-led-record: the discussion was led out of hours by the Emergency Duty Team."""

from __future__ import annotations

import re
from collections.abc import Iterator

from strategy_lint import Document, Option, Report, Rule, RuleContext, Severity, hookimpl

HANDOVER_TERMS = [
    "handover",
    "hand over",
    "handed over",
    "handing over",
    "hand-over",
    "passed to the day",
    "passed to the daytime",
    "passed on to the day",
    "passed on to the daytime",
    "day team",
    "daytime team",
    "day-time team",
    "day duty",
    "daytime duty",
    "day service",
    "daytime service",
    "day services",
    "in-hours team",
    "in hours team",
    "allocated team",
]
FOLLOWUP_TERMS = [
    "in-hours strategy",
    "in hours strategy",
    "daytime strategy",
    "day-time strategy",
    "follow-up strategy",
    "follow up strategy",
    "further strategy",
    "review strategy",
    "second strategy",
    "next strategy",
    "reconvene",
    "reconvened",
    "reconvening",
    "strategy discussion will be held",
    "strategy meeting will be held",
]
#: Agency groups that are often unreachable out of hours (domain.md §7.1).
DAYTIME_GROUPS = ["health", "education"]


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
        "handover_terms": Option(HANDOVER_TERMS, "wording of a handover to the daytime team"),
        "followup_terms": Option(FOLLOWUP_TERMS, "wording of a follow-up strategy discussion in working hours"),
        "daytime_groups": Option(DAYTIME_GROUPS, "agency groups (lexicon `group`) to be contacted in hours if absent"),
    }
    needs_nlp = True

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        meeting = ctx.facts.meeting
        if meeting.led_by != "edt":
            return
        missing = self._missing(document, ctx)
        message = (
            "This strategy discussion was led out of hours by the Emergency Duty Team; the audit found "
            "inaccuracies in EDT-led records. Check names, dates of birth, times and agencies against the "
            "case file before circulating."
        )
        if missing:
            message += " Not recorded: " + "; ".join(missing) + "."
        yield Report(message=message, block=meeting.led_by_block, excerpt=meeting.led_by_text)

    # -- what is missing -------------------------------------------------------------------

    def _missing(self, document, ctx) -> list[str]:
        text = document.text().replace("’", "'")
        out = []
        if not _any_phrase(ctx.options["handover_terms"], text):
            out.append("a handover to the daytime team")
        if not _any_phrase(ctx.options["followup_terms"], text):
            out.append("a follow-up strategy discussion in working hours")
        absent = _absent_groups(ctx)
        if absent:
            out.append(f"contact with {' and '.join(absent)}, who could not be reached out of hours")
        return out


def _any_phrase(phrases, text: str) -> bool:
    words = [re.escape(p) for p in phrases if p]
    return bool(words) and re.search(r"(?i)\b(?:" + "|".join(words) + r")\b", text) is not None


def _absent_groups(ctx) -> list[str]:
    """Daytime agency groups neither listed, consulted, nor named in the plan or next steps."""
    facts = ctx.facts
    document = facts.document
    keys = {a.key for a in facts.agencies}
    for sec in document.sections:
        if sec.kind in ("attendees", "consulted", "actions", "next_steps"):
            keys.update(facts.agencies_named_in(document.section_text(sec)))
    for action in facts.actions:
        keys.update(facts.agencies_named_in(f"{action.owner} {action.text}"))
    seen = {str(ctx.lexicon.agencies.get(k, {}).get("group", "")).lower() for k in keys}
    return [g for g in ctx.options["daytime_groups"] if g.lower() not in seen]


@hookimpl
def strategy_lint_rules():
    return [EdtLedRecord]
