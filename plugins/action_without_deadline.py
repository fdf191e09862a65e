"""SL401 action-without-deadline: an agreed action has no real deadline, or one before the meeting."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Confidence, Document, Report, Rule, RuleContext, Severity, hookimpl


def short(text: str, words: int = 8) -> str:
    parts = (text or "").split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


class ActionWithoutDeadline(Rule):
    """## What it checks
    Every agreed action (a row of an actions table, whatever its columns are called, or an
    item in the Actions section) has a real deadline: a date ("21/03/2016", "14 March"), a
    weekday ("by Friday"), a timescale counted from the meeting ("within 24 hours", "within
    5 working days", "today") or a dated event ("before the ICPC").  It fires on "ASAP",
    "ongoing", "TBC", "as and when", "when possible", "-", "N/A" or a blank.  When the meeting
    date is known it also fires on a deadline that falls before the meeting (usually a typo
    or a date copied from an earlier record).  An action read from a table or a form is a sure
    finding; one read from prose or a list is "worth a look" unless its timescale is itself a
    word that sets none ("– TBC.", "(ongoing)") and nothing else in its paragraph is a date.

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
    needs_nlp = True

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        facts = ctx.facts
        meeting = facts.meeting.date
        for action in facts.actions:
            where = action.deadline_block if action.deadline_block is not None else action.block
            name = short(action.text or action.owner)
            dl = action.deadline
            if not dl.is_real:
                given = dl.text.strip()
                yield Report(
                    message=(
                        "Action {action} has no deadline"
                        # nothing written: "No deadline is given" would only say it again
                        + (" (the record says {given}). " + _reason(dl) if given else ": the record gives none.")
                    ),
                    values={"action": name, "given": given} if given else {"action": name},
                    block=where,
                    excerpt=dl.text or action.text,
                    confidence=action.confidence,
                )
            elif action.stated and dl.before_meeting and meeting is not None:
                yield Report(
                    message=(
                        f"Action {{action}} is due on {dl.due:%d/%m/%Y}, before the meeting on "
                        f"{meeting:%d/%m/%Y}: check the date."
                    ),
                    values={"action": name},
                    fix="Correct the deadline to a date after the meeting.",
                    block=where,
                    excerpt=dl.text,
                    confidence=action.confidence,
                )
            elif dl.weekday_conflict and dl.due is not None:
                yield Report(
                    message=(
                        f"Action {{action}} is due {{given}}, but {dl.due:%d/%m/%Y} is a {dl.due:%A}: "
                        "check which is meant."
                    ),
                    values={"action": name, "given": dl.text.strip()},
                    fix="Correct the weekday or the date so that they agree.",
                    block=where,
                    excerpt=dl.text,
                    severity=Severity.WARNING,
                    confidence=Confidence.MEDIUM,
                )


def _reason(dl) -> str:
    """Why the text is not a deadline, without repeating record text (no quotes)."""
    return dl.reason if "'" not in dl.reason or dl.kind == "none" else "Give a date or a timescale."


@hookimpl
def strategy_lint_rules():
    return [ActionWithoutDeadline]
