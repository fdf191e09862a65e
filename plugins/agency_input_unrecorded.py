"""SL301 agency-input-unrecorded: an agency that took part has no contribution recorded."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Confidence, Document, Report, Rule, RuleContext, Severity, hookimpl


class AgencyInputUnrecorded(Rule):
    """## What it checks
    That every agency recorded as attending or contacted has its contribution recorded
    somewhere beyond the attendee list: in the agency information, the reason, the
    request, the child's experience or the risk analysis, or in an "Information
    provided" column of the attendee table. An agency with nothing to add must still be
    recorded as such: "no concerns", "not known to the service", "no information held"
    all count. One finding per agency, pointing at its attendee row -- or, where the
    record has a part for the agency's information ("3.5 GP (RK):", a "Police" row) and
    left it empty, at that part.

    The same agency written several ways is one agency ("Westvale Police", "police",
    "CAIT", "DS Fenwick", and initials such as "MF said..." for a listed person).
    Children's social care convenes the discussion: its input counts as recorded when
    the reason, decision or actions say anything. An action given to an agency, or a
    heading with nothing under it, is not its input.  It is sure of a finding (high
    confidence) when the whole record was read, when neither the agency nor its people
    are named anywhere outside the entries that list them, or when the agency's own part
    is left empty; otherwise the finding is "worth a look": what the agency said may be
    written in a part it did not follow.

    ## Why it matters
    The 2016 audit asked that the record "clearly record who has had input into the
    discussions and the concerns of all agencies", and that "if agencies have been
    contacted but have no safeguarding concerns about a particular child, this should
    also be recorded". Readers cannot tell "no concerns" from "not asked".

    ## Example
    A record that fires (the midwife is listed but nothing she said is recorded):

    ```markdown
    ## Consulted outside the meeting
    - Lucy Hale, Community Midwife, Eastmoor Maternity Services (email)

    ## Agency information
    ### Health visiting
    Sarah Okafor said Ava's weight follows the 50th centile.
    ```

    A record that passes:

    ```markdown
    ### Midwifery, consulted by email
    Lucy Hale said there are no concerns on midwifery records.
    ```

    ## How to fix
    Under the agency information, add what the agency said, or that it had nothing to
    add: e.g. "Midwifery (Lucy Hale, by email): no concerns; not known to the service."
    """

    code = "SL301"
    name = "agency-input-unrecorded"
    summary = "An agency that took part or was contacted has no contribution recorded."
    default_severity = Severity.ERROR
    fix = (
        "Record what the agency said under the agency information, or that it had nothing to add "
        "(e.g. 'Midwifery: no concerns, not known to the service')."
    )
    needs_nlp = True

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        facts = ctx.facts
        understood = facts.reading.understood
        involved = [
            a for a in facts.agencies if (a.took_part or a.contacted) and any(p.took_part for p in a.participants)
        ]
        silent = [a for a in involved if not a.has_input]
        # when most agencies seem to have said nothing, the record more likely attributes its
        # information in a way we could not follow than leaves most agencies out: say so less surely
        doubtful = len(involved) >= 3 and len(silent) * 2 > len(involved)
        for agency in facts.agencies:
            if not (agency.took_part or agency.contacted) or agency.has_input:
                continue
            members = [p for p in agency.participants if p.took_part]
            if not members:
                continue  # contacted outside the meeting but never listed: SL103's finding
            first = members[0]
            who = ", ".join(p.name for p in members if p.name)
            # sure when the record was read fully, or when nothing outside the list names the
            # agency or its people: then no part the reading missed can hold what it said
            # -- or when the record's own place for what it said is left empty
            blank = agency.blank_place
            sure = agency.known and (
                blank is not None or not doubtful and (understood is Confidence.HIGH or not agency.named_elsewhere)
            )
            yield Report(
                message=(
                    "{agency} took part" + (" ({who})" if who else "") + " but nothing it said is recorded, "
                    "not even that it had no concerns or no information."
                    + (" Its part of the agencies' information is left empty." if blank is not None else "")
                ),
                values={"agency": first.agency or agency.name, "who": who}
                if who
                else {"agency": first.agency or agency.name},
                # where to write it: the empty part, else the agency's entry in the list
                block=blank if blank is not None else first.block,
                excerpt=document.blocks[blank].text if blank is not None else first.row_text,
                confidence=Confidence.HIGH if sure else Confidence.MEDIUM,
            )


@hookimpl
def strategy_lint_rules():
    return [AgencyInputUnrecorded]
