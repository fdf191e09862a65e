"""SL401 action-without-deadline: an agreed action has no real deadline, or one before the meeting."""

from __future__ import annotations

from strategy_lint import Report, Rule, Severity, hookimpl
from strategy_lint.extract.actions import actions, meeting_date, short_quote


class ActionWithoutDeadline(Rule):
    """## What it checks
    Every agreed action (a row of an actions table, whatever its columns are called, or an
    item in the Actions section) has a real deadline: a date ("21/03/2016", "14 March"), a
    weekday ("by Friday"), a timescale counted from the meeting ("within 24 hours", "within
    5 working days", "today") or a dated event ("before the ICPC").  It fires on "ASAP",
    "ongoing", "TBC", "as and when", "when possible", "-", "N/A" or a blank.  When the meeting
    date is known it also fires on a deadline that falls before the meeting (usually a typo
    or a date copied from an earlier record).

    ## Why it matters
    Working Together asks the strategy discussion to agree "who will do what and by when";
    Sefton asks for specific timescales for each agency's actions, and SMART planning
    guidance (Leeds, Manchester) names vague actions and drift as the commonest failings.
    "ASAP" cannot be checked, chased or audited.

    ## Example
    A record that fires:

    | Action | Who | By when |
    |---|---|---|
    | Arrange ABE interview | DC Amir Hale | ASAP |

    A record that passes: the same row with "By when" = "within 5 working days" or
    "18/03/2016".

    ## How to fix
    Give each action a date, or a timescale that can be worked out from the meeting date
    ("within 24 hours", "by end of next working day").  Check dates are after the meeting.
    """

    code = "SL401"
    name = "action-without-deadline"
    summary = "An agreed action has no real deadline (ASAP, ongoing, TBC, blank) or one before the meeting."
    default_severity = Severity.ERROR
    fix = "Give the action a date (e.g. 21/03/2016) or a timescale such as 'within 3 working days'."

    def check(self, document, ctx):
        meeting = meeting_date(document)
        for action in actions(document, ctx.lexicon):
            where = action.deadline_block if action.deadline_block is not None else action.block
            name = short_quote(action.text or action.owner)
            dl = action.deadline
            if not dl.is_real:
                given = f'"{action.deadline_text.strip()}"' if action.deadline_text.strip() else "nothing"
                yield Report(
                    message=f"Action \"{name}\" has no deadline (the record says {given}). {dl.reason}",
                    block=where,
                    excerpt=action.deadline_text or action.text,
                )
            elif action.stated and dl.before_meeting and meeting is not None:
                yield Report(
                    message=(
                        f"Action \"{name}\" is due on {dl.due:%d/%m/%Y}, before the meeting on "
                        f"{meeting:%d/%m/%Y}: check the date."
                    ),
                    fix="Correct the deadline to a date after the meeting.",
                    block=where,
                    excerpt=action.deadline_text,
                )


@hookimpl
def strategy_lint_rules():
    return [ActionWithoutDeadline]
