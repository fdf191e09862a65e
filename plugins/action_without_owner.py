"""SL402 action-without-owner: an agreed action names nobody to do it."""

from __future__ import annotations

from strategy_lint import Option, Report, Rule, Severity, hookimpl
from strategy_lint.extract.actions import actions, owner_is_generic, owner_is_missing, short_quote


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

    def check(self, document, ctx):
        extra = ctx.options["generic_owners"]
        for action in actions(document, ctx.lexicon):
            where = action.owner_block if action.owner_block is not None else action.block
            name = short_quote(action.text or action.deadline_text)
            if owner_is_missing(action.owner, ctx.lexicon):
                yield Report(
                    message=f"Action \"{name}\" does not say who will do it.",
                    block=where,
                    excerpt=action.text,
                )
            elif owner_is_generic(action.owner, extra):
                yield Report(
                    message=f"Action \"{name}\" is given to \"{action.owner}\", which names nobody in particular.",
                    block=where,
                    excerpt=action.owner,
                )


@hookimpl
def strategy_lint_rules():
    return [ActionWithoutOwner]
