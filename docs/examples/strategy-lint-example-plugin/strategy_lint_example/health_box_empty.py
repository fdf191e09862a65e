"""XA002 health-box-empty: our form's 'Health information' box must not be left empty."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from strategy_lint import Document, Option, Report, Rule, RuleContext, Severity, hookimpl

#: The section kind this plugin adds to the lexicon (see strategy_lint_lexicon below).
KIND = "health_information"


class HealthBoxEmpty(Rule):
    """## What it checks
    That the "Health information" box of our strategy discussion form has something in it:
    not left blank, and not only a placeholder such as "TBC", "N/A" or "see above".

    ## Why it matters
    Health partners (GP, health visitor, school nurse, midwife, paediatrician) often hold
    the information that decides the outcome. An empty box cannot tell a reader whether
    health were asked and had nothing to add, or were never asked.

    ## Example
    A record that fires:

    ```markdown
    ## Health information
    TBC
    ```

    A record that passes:

    ```markdown
    ## Health information
    Dr James Carter (GP) said the child is up to date with immunisations.
    ```

    ## How to fix
    Write what each health partner said, or "Not known to <service>" for each one checked,
    or why health were not consulted.
    """

    code = "XA002"
    name = "health-box-empty"
    summary = "The 'Health information' box is empty or holds only a placeholder."
    default_severity = Severity.ERROR
    # An example: off unless selected (--select XA), so installing it for its tests does not
    # change every check.  Delete this line in your own plugin so the rule always runs.
    opt_in = True
    fix = "Record what each health partner said, or that they were checked and the child is not known to them."
    options = {
        "required": Option(False, "also report a record that has no 'Health information' box at all"),
    }

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        sections = document.sections_of(KIND)
        if not sections:
            if ctx.options["required"]:
                yield Report(message="The record has no 'Health information' box.", section="Health information")
            return
        placeholders = {p.lower() for p in ctx.lexicon.phrase_list("placeholders")}
        for section in sections:
            text = document.section_text(section).strip()
            if text and text.lower().strip(" .") not in placeholders and text.lower() not in placeholders:
                continue
            what = "empty" if not text else f"only '{text}'"
            yield Report(
                message=f"The 'Health information' box is {what}: record what health partners said.",
                block=section.heading_block,
                section=section.title,
                excerpt=text or None,
            )


@hookimpl
def strategy_lint_rules() -> list[type[Rule]]:
    return [HealthBoxEmpty]


@hookimpl
def strategy_lint_lexicon() -> dict[str, Any]:
    """Our template's own section name, as a new section kind the rule looks for."""
    return {"sections": {KIND: ["health information", "health information box", "health info"]}}
