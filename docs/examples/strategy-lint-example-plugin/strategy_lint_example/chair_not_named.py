"""XA001 chair-not-named: the record must say who chaired the discussion and in what role."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Confidence, Document, Option, Report, Rule, RuleContext, Severity, hookimpl


class ChairNotNamed(Rule):
    """## What it checks
    That the record names the person who chaired the strategy discussion **and** their role:
    in a "Chair:" or "Chaired by:" line or box, or in the attendees (a role such as "Team
    Manager (Chair)"). It reads the chair from strategy-lint's shared reading of the record
    (`ctx.facts.meeting.chair`), so it understands every layout strategy-lint does.

    ## Why it matters
    Our safeguarding partnership's procedure makes the chair accountable for the decision
    and the actions. Agencies reading the record need to know who that was, and with what
    authority, so that they know whom to challenge or update.

    ## Example
    A record that fires:

    ```markdown
    ## Meeting details
    Date of strategy discussion: 14/03/2016
    Chair: Hannah Reed
    ```

    A record that passes:

    ```markdown
    ## Meeting details
    Chair: Hannah Reed, Team Manager, Children's Social Care
    ```

    ## How to fix
    Add a "Chair:" line giving the chair's name and role, for example
    "Chair: Hannah Reed, Team Manager, Children's Social Care".
    """

    code = "XA001"
    name = "chair-not-named"
    summary = "The record does not name who chaired the discussion and their role."
    default_severity = Severity.WARNING
    # An example: off unless selected (--select XA), so installing it for its tests does not
    # change every check.  Delete this line in your own plugin so the rule always runs.
    opt_in = True
    # ctx.facts reads the record with strategy-lint's language pass (spaCy)
    needs_nlp = True
    fix = "Add 'Chair: <name>, <role>' to the meeting details, e.g. 'Chair: Hannah Reed, Team Manager'."
    options = {
        "require_role": Option(True, "also report a chair named without their role"),
    }

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        facts = ctx.facts
        meeting = facts.meeting
        chair = meeting.chair
        if chair is not None and chair.name and not facts.is_placeholder(chair.name):
            if chair.role or not ctx.options["require_role"]:
                return
            yield Report(
                # record text goes in values, never into the message itself: --no-excerpts masks it
                message="The chair, {chair}, is named without their role: say in what role they chaired the discussion.",
                values={"chair": chair.name},
                block=meeting.chair_block,
                excerpt=chair.name,
            )
            return
        details = document.sections_of("details")
        yield Report(
            message="The record does not say who chaired the strategy discussion.",
            block=meeting.chair_block if chair is not None else (details[0].heading_block if details else None),
            section=None if chair is not None else (details[0].title if details else None),
            # a record strategy-lint could hardly read (almost no text, undecodable glyphs, a
            # layout it did not recognise) may name the chair where it could not look: say so
            # less surely, so the finding is "worth a look" and never fails the record alone
            confidence=Confidence.MEDIUM if facts.reading.understood is Confidence.LOW else Confidence.HIGH,
        )


@hookimpl
def strategy_lint_rules() -> list[type[Rule]]:
    return [ChairNotNamed]
