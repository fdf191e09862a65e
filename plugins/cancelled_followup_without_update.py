"""SL801 cancelled-followup-without-update: a follow-up strategy was cancelled and nobody was told."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Document, Report, Rule, RuleContext, Severity, hookimpl


class CancelledFollowupWithoutUpdate(Rule):
    """## What it checks
    When the record says a follow-up or review strategy discussion was cancelled (or "is
    no longer needed", "was stood down"), that it also says the other agencies were, or
    will be, told, with a date: an action such as "CSC to inform all agencies that the
    review strategy is cancelled | Tom Ellis | 22/03/2016", or a sentence such as "All
    agencies were informed by email on 22/03/2016".

    A plan that only says what would happen *if* the review were cancelled, or a review
    that was "not cancelled", does not fire. A general action to send this meeting's outcome
    to all agencies does not count as telling them of the cancellation: the telling must be
    about it (or follow it straight away: "... cancelled. The TM emailed every agency to let
    them know."). A record that says the agencies were *not* told always fires.

    ## Why it matters
    The 2016 audit found that other agencies were not always kept up to date about a
    case, and that this was a particular problem when follow-up strategies were
    cancelled: partners went on waiting for a discussion that was never going to happen,
    and their own safety work rested on a plan that had changed.

    ## Example
    A record that fires:

    ```markdown
    ## Next steps
    The review strategy discussion planned for 21/03/2016 was cancelled as the medical
    found no injury.
    ```

    A record that passes:

    ```markdown
    ## Next steps
    The review strategy discussion planned for 21/03/2016 was cancelled as the medical
    found no injury. Tom Ellis informed all agencies by email on 18/03/2016.
    ```

    ## How to fix
    Add an action: "CSC will update all agencies involved on the cancellation and the
    actions taken by (date)", with a named owner, or record when and how each agency was
    told.
    """

    code = "SL801"
    name = "cancelled-followup-without-update"
    summary = (
        "A follow-up strategy was cancelled and the record does not say the other agencies were told, with a date."
    )
    default_severity = Severity.ERROR
    fix = (
        "Add an action such as 'CSC will update all agencies involved on the cancellation and actions taken "
        "by (date)', or record when each agency was told."
    )
    needs_nlp = True

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        for followup in ctx.facts.followups:
            if followup.status != "cancelled" or followup.agencies_told:
                continue
            yield Report(
                message=(
                    "The record says a follow-up or review strategy discussion was cancelled, but not that the other "
                    "agencies were or will be told, and by when."
                ),
                block=followup.block,
                excerpt=followup.text,
            )


@hookimpl
def strategy_lint_rules():
    return [CancelledFollowupWithoutUpdate]
