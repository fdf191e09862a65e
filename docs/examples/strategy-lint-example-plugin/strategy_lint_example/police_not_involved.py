"""XA003 police-not-involved: no police agency took part in the discussion or was consulted."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Confidence, Document, Option, Report, Rule, RuleContext, Severity, hookimpl


class PoliceNotInvolved(Rule):
    """## What it checks
    That the police took part in the strategy discussion or were consulted outside it: an
    attendee from a police agency (a force, "CAIT", "Public Protection Unit", British
    Transport Police, ...), or a police contact by phone or email that the record gives.
    An officer who only sent apologies does not count.

    It reads strategy-lint's shared reading of the record: `ctx.facts.agencies` (every
    agency, however the record writes it, with whether it took part or was contacted) and
    `ctx.facts.participants` (who was listed, and how sure the reading of each entry is).
    Which agencies are "the police" comes from the lexicon's agency groups.

    ## Why it matters
    Working Together to Safeguard Children expects a strategy discussion to involve at least
    children's social care, the police and health. Without the police nobody can say what
    police systems hold about the household, or whether a criminal investigation is needed.

    ## Example
    A record that fires:

    ```markdown
    ## Attendees
    | Name | Role | Agency |
    |---|---|---|
    | Hannah Reed | Team Manager | Children's Social Care |
    | Sarah Okafor | Health Visitor | Northbrook Health Visiting Team |
    ```

    A record that passes:

    ```markdown
    ## Attendees
    | Name | Role | Agency |
    |---|---|---|
    | Hannah Reed | Team Manager | Children's Social Care |
    | DS Mark Fenwick | Detective Sergeant | Westvale Police |
    ```

    ## How to fix
    Record the police officer who took part (name, role, force or unit), or the police
    checks made outside the meeting and what they showed. If the police were not asked,
    say why.
    """

    code = "XA003"
    name = "police-not-involved"
    summary = "No police agency took part in the strategy discussion or was consulted."
    default_severity = Severity.WARNING
    # An example: off unless selected (--select XA).  Delete this line in your own plugin.
    opt_in = True
    needs_nlp = True
    fix = "Record the police officer who took part (name, role, force), or the police checks made and what they showed."
    options = {
        "groups": Option(["police"], "lexicon agency groups that count as the police"),
    }

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        facts = ctx.facts
        groups = set(ctx.options["groups"])

        def is_police(key: str) -> bool:
            return ctx.lexicon.agencies.get(key, {}).get("group") in groups

        police = [a for a in facts.agencies if is_police(a.key)]
        if any(a.took_part or a.contacted for a in police):
            return
        # how sure: nobody found at all means the list was not read, not that nobody came;
        # entries read from prose, or a layout partly understood, may have hidden an officer
        people = facts.participants
        if not people:
            confidence = Confidence.LOW
        elif facts.reading.understood is Confidence.HIGH and all(p.confidence is Confidence.HIGH for p in people):
            confidence = Confidence.HIGH
        else:
            confidence = Confidence.MEDIUM
        absent = [p for a in police for p in a.participants if not p.took_part]
        where = document.sections_of("attendees")
        if absent:
            yield Report(
                message="The police did not take part and were not consulted: {who} sent apologies.",
                values={"who": absent[0].label},
                block=absent[0].block,
                excerpt=absent[0].row_text,
                confidence=confidence,
            )
            return
        yield Report(
            message="No police officer or police team took part in the discussion or was consulted.",
            block=where[0].heading_block if where else None,
            section=where[0].title if where else None,
            confidence=confidence,
        )


@hookimpl
def strategy_lint_rules() -> list[type[Rule]]:
    return [PoliceNotInvolved]
