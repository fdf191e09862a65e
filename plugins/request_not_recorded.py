"""SL501 request-not-recorded: the record does not say who asked for the strategy discussion."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Document, Report, Rule, RuleContext, Severity, hookimpl


class RequestNotRecorded(Rule):
    """## What it checks
    That the record says who asked for the strategy discussion: which agency or person
    requested it. It accepts a "Requested by" / "Who requested the strategy discussion"
    field or section with a name in it, or a sentence such as "Police requested a strategy
    discussion" or "convened at the request of the DSL at Northbrook Primary School".
    A referral on its own ("referral received from the school") does not count: a
    referral passes on a concern, a request asks for a strategy discussion.

    ## Why it matters
    Any agency with reasonable cause to believe a child is suffering, or likely to suffer,
    significant harm can ask for a strategy discussion. The 2016 multi-agency audit found
    that agencies were referring concerns to children's social care but were not
    explicitly asking for strategy discussions. Recording who asked shows whether
    partners are using that right, and tells readers why the discussion was held.

    ## Example
    A record that fires:

    ```markdown
    ## Reason for the strategy discussion
    Referral received from Northbrook Primary School on 11/03/2016 about bruising.
    ```

    A record that passes:

    ```markdown
    ## Who requested the strategy discussion
    Jo Hart, DSL at Northbrook Primary School, requested a strategy discussion
    when she made the referral on 11/03/2016.
    ```

    ## How to fix
    Add a "Requested by" line or a "Who requested the strategy discussion" section
    naming the person, their role and agency. If no agency asked for it, say that
    children's social care convened it following the referral, and who decided.
    """

    code = "SL501"
    name = "request-not-recorded"
    summary = "The record does not say who requested the strategy discussion."
    default_severity = Severity.WARNING
    fix = (
        "Add a 'Requested by' line naming who asked for the strategy discussion (name, role, agency), "
        "e.g. 'Requested by: Jo Hart, DSL, Northbrook Primary School'."
    )
    needs_nlp = True

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        request = ctx.facts.request
        if request.found:
            return
        block, section = request.field_block, None
        if block is None:
            block, section = _anchor(document)
        yield Report(
            message=(
                "The record does not say who asked for this strategy discussion. A referral is not a "
                "request: say which agency or person requested the discussion."
            ),
            block=block,
            section=section,
            confidence=request.confidence,
        )


def _anchor(document) -> tuple[int | None, str | None]:
    """Point at the reason (else meeting details) section heading."""
    for kind in ("reason", "details"):
        sec = next(iter(document.sections_of(kind)), None)
        if sec is not None:
            return sec.heading_block, sec.title
    return None, None


@hookimpl
def strategy_lint_rules():
    return [RequestNotRecorded]
