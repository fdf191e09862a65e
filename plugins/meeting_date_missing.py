"""SL502 meeting-date-missing: no date for the strategy discussion can be found."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Confidence, Document, Report, Rule, RuleContext, Severity, hookimpl


class MeetingDateMissing(Rule):
    """## What it checks
    That the record gives the date of the strategy discussion: a "Date of strategy
    discussion" / "Meeting date" / "Date:" field, or a sentence such as "The strategy
    discussion was held on 14/03/2016". Dates of birth, referral dates and the date of
    the *next* meeting do not count.

    ## Why it matters
    Every timescale in the record hangs on the meeting date: "within 24 hours", "by the
    next working day", "ICPC within 15 working days". Without it no reader (and no
    check) can tell when actions are due or whether they are late, and the record
    cannot be matched to the case chronology.

    ## Example
    A record that fires:

    ```markdown
    ## Meeting details
    Time: 10:00 - 11:05
    Chair: Hannah Reed, Team Manager
    ```

    A record that passes:

    ```markdown
    ## Meeting details
    Date of strategy discussion: 14/03/2016
    Time: 10:00 - 11:05
    ```

    ## How to fix
    Add "Date of strategy discussion: dd/mm/yyyy" at the top of the record, with the
    start and end time.
    """

    code = "SL502"
    name = "meeting-date-missing"
    summary = "No date for the strategy discussion can be found in the record."
    default_severity = Severity.WARNING
    fix = "Add 'Date of strategy discussion: dd/mm/yyyy' (with start and end time) to the meeting details."
    needs_nlp = True

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        facts = ctx.facts
        if facts.meeting.date is not None:
            return
        # a date near the top that is not a date of birth may well be the meeting's, in a
        # layout we could not read ("Date of 04/12/2018" with its label wrapped): say so less surely
        unsure = facts.meeting.undated_candidates > 0
        block, section = None, None
        details = document.sections_of("details")
        if details:
            block, section = details[0].heading_block, details[0].title
        yield Report(
            message=(
                "The record does not give the date of the strategy discussion, so deadlines such as "
                "'within 24 hours' or 'next working day' cannot be checked."
            ),
            block=block,
            section=section,
            confidence=Confidence.HIGH if facts.reading.text is Confidence.HIGH and not unsure else Confidence.MEDIUM,
        )


@hookimpl
def strategy_lint_rules():
    return [MeetingDateMissing]
