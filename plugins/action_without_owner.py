"""SL402 action-without-owner: an agreed action names nobody to do it."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Document, Option, Report, Rule, RuleContext, Severity, hookimpl


def short(text: str, words: int = 8) -> str:
    parts = (text or "").split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


class ActionWithoutOwner(Rule):
    """## What it checks
    Every agreed action has a named owner: a person, or at least a role or agency ("Tom
    Ellis (CSC)", "DC Hale", "Health visitor").  It fires when the owner is blank or a
    placeholder ("TBC", "-"), or only a collective: "All", "All agencies", "Team",
    "Professionals" (the `generic_owners` option adds more).

    ## Why it matters
    An action everyone owns is an action nobody chases.  Leeds SMART planning guidance asks
    for the person responsible to be named, and Working Together asks for "who will do
    what and by when".

    ## Example
    A record that fires:

    | Action | Who | By when |
    |---|---|---|
    | Share any new concerns with CSC | All agencies | 21/03/2016 |

    A record that passes: "Who" = "Each agency's safeguarding lead: Sarah Okafor (HV),
    Dr Carter (GP), Ms Price (school DSL)".

    ## How to fix
    Name the person (and their agency) who will do the action.  For an action every agency
    shares, name who will make sure it happens.
    """

    code = "SL402"
    name = "action-without-owner"
    summary = "An agreed action has no named owner, or only 'all agencies', 'team' or 'professionals'."
    default_severity = Severity.WARNING
    options = {
        "generic_owners": Option([], "More owner wordings that name nobody (compared with the whole field)."),
    }
    fix = "Name the person and agency responsible for the action, e.g. 'Tom Ellis (CSC)'."
    needs_nlp = True

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        extra = {" ".join(w.lower().split()) for w in ctx.options["generic_owners"]}
        for action in ctx.facts.actions:
            where = action.owner_block if action.owner_block is not None else action.block
            name = short(action.text or action.deadline.text)
            status = action.owner_status
            if status == "named" and " ".join(action.owner.lower().split()) in extra:
                status = "generic"
            if status == "missing":
                yield Report(
                    message="Action {action} does not say who will do it.",
                    values={"action": name},
                    block=where,
                    excerpt=action.text,
                    confidence=action.confidence,
                )
            elif status == "generic":
                yield Report(
                    message="Action {action} is given to {owner}, which names nobody in particular.",
                    values={"action": name, "owner": action.owner},
                    block=where,
                    excerpt=action.owner,
                    confidence=action.confidence,
                )


@hookimpl
def strategy_lint_rules():
    return [ActionWithoutOwner]
