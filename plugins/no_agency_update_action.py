"""SL403 no-agency-update-action: no dated action to update the other agencies on outcomes."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Confidence, Document, Report, Rule, RuleContext, Severity, hookimpl


class NoAgencyUpdateAction(Rule):
    """## What it checks
    That the record contains an action to update the other agencies on the outcome, with a
    real deadline: the audit's wording is "CSC will update all agencies involved on
    outcomes/actions taken by (date)".  Wordings such as "inform all agencies", "share the
    outcome with partner agencies", "feed back to the referrer" and "circulate the minutes"
    count (the lexicon's `update_agencies` list, plus "update/inform/notify ... agencies,
    professionals, the referrer").  The action may be in the actions table or list, or a
    sentence under Next steps, Decision or Distribution.  An update action without a real
    deadline ("ASAP", "ongoing") does not count: this rule fires, and SL401 fires on the
    action itself.

    ## Why it matters
    The 2016 audit found "other agencies are not always updated about the case", a
    particular problem when follow-up strategies are cancelled, and recommended "a simple
    action to strategies to ensure other agencies kept up to date".

    ## Example
    A record that fires: an actions table with a medical, police checks and a home visit,
    and nothing about telling the agencies what happened.

    A record that passes:

    | Action | Who | By when |
    |---|---|---|
    | CSC will update all agencies involved on outcomes/actions taken | Hannah Reed (CSC) | 21/03/2016 |

    ## How to fix
    Add an action: "CSC (named person) will update all agencies involved on outcomes/actions
    taken by (date)", including any agency that was consulted but did not attend.
    """

    code = "SL403"
    name = "no-agency-update-action"
    summary = "No action, with a real deadline, to update the other agencies on outcomes."
    default_severity = Severity.ERROR
    fix = "Add an action: 'CSC (named person) will update all agencies involved on outcomes/actions taken by (date)'."
    needs_nlp = True

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        facts = ctx.facts
        updates = facts.update_actions
        if any(a.deadline.is_real and not (a.stated and a.deadline.before_meeting) for a in updates):
            return
        if updates:
            a = updates[0]
            yield Report(
                message=(
                    "The action to update the agencies ({action}) has no usable deadline, so nobody can "
                    "check the agencies were told."
                ),
                values={"action": " ".join(a.text.split()[:10])},
                fix="Give the update action a date, e.g. 'CSC will update all agencies involved on outcomes by 21/03/2016'.",
                block=a.deadline_block if a.deadline_block is not None else a.block,
                excerpt=a.text,
                confidence=a.confidence,
            )
            return
        sec = next((s for s in document.sections if s.kind == "actions"), None)
        yield Report(
            message=(
                "No action records who will update the other agencies on the outcome, and by when "
                "(the audit's recommended action)."
            ),
            block=sec.heading_block if sec is not None else None,
            section=sec.title if sec is not None else None,
            confidence=Confidence.HIGH if facts.reading.text is Confidence.HIGH else Confidence.MEDIUM,
        )


@hookimpl
def strategy_lint_rules():
    return [NoAgencyUpdateAction]
