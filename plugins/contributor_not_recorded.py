"""SL103 contributor-not-recorded: someone gave information outside the meeting but is not listed."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Confidence, Document, Report, Rule, RuleContext, Severity, hookimpl


class ContributorNotRecorded(Rule):
    """## What it checks
    That every professional or agency the record shows giving information outside the
    meeting (by phone, email or Teams message, "spoke to", "contacted", "telephoned",
    "consulted by telephone") is recorded among those who took part or were consulted:
    the attendees list, a "Consulted outside the meeting" section, or a mode column such
    as "Consulted by telephone". It names the agency (or person) and points at the
    sentence or subheading that mentions the contact.

    It reads only what happened, not plans ("Police to contact the school", "could not
    be contacted"), and not the meeting details ("police joined by telephone").
    Children's social care, its front door and out-of-hours team convene the discussion
    and are not reported. It is sure of a finding (high confidence) when the whole record
    was read, or when the organisation or person contacted is named nowhere else in it;
    otherwise the finding is "worth a look": they may be listed in a part it did not follow.

    ## Why it matters
    The 2016 multi-agency audit found the notes "did not clearly reflect who had been
    involved": conversations with professionals by telephone or email outside the main
    meeting were missing. Agencies that receive the record but not the case notes need
    to know whose information it holds.

    ## Example
    A record that fires (no one from housing is listed):

    ```markdown
    ## Agency information
    Marcus Webb contacted Eastmoor Housing Options by phone on 02/02/2016; the tenancy
    is secure.
    ```

    A record that passes:

    ```markdown
    ## Consulted outside the meeting
    | Name | Role | Agency | How consulted |
    |---|---|---|---|
    | Gemma Stott | Housing Officer | Eastmoor Housing Options | Telephone, 02/02/2016 |
    ```

    ## How to fix
    Add the person to a "Consulted outside the meeting" section (or the attendees table
    with a "how took part" column): name, role, agency, and how and when they were
    consulted.
    """

    code = "SL103"
    name = "contributor-not-recorded"
    summary = "Someone gave information outside the meeting but is not recorded as a contributor."
    default_severity = Severity.ERROR
    fix = (
        "List them under 'Consulted outside the meeting' with name, role, agency and how they were "
        "consulted (e.g. 'Telephone, 14/03/2016')."
    )
    needs_nlp = True

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        facts = ctx.facts
        understood = facts.reading.understood
        for contact in facts.contacts:
            if contact.recorded:
                continue
            yield Report(
                message=(
                    "{who} gave information outside the meeting (" + contact.how + ") but is not "
                    "recorded among those who took part or were consulted."
                ),
                values={"who": contact.name},
                fix=(
                    "Add them to 'Consulted outside the meeting' (name, role, agency, and how and "
                    "when they were consulted)."
                ),
                block=contact.block,
                excerpt=contact.text,
                confidence=self._confidence(understood, bool(facts.participants), contact.named_elsewhere),
            )

    @staticmethod
    def _confidence(understood: Confidence, has_list: bool, named_elsewhere: bool) -> Confidence:
        """Sure when the record was read fully, or when the contact is named nowhere else
        in it: then no part the reading missed can list them."""
        if not has_list:
            return Confidence.MEDIUM
        if understood is Confidence.HIGH or not named_elsewhere:
            return Confidence.HIGH
        return Confidence.MEDIUM


@hookimpl
def strategy_lint_rules():
    return [ContributorNotRecorded]
