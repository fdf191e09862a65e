"""XA004 no-plan-to-see-child: nobody has heard or seen the child, and no action says who will."""

from __future__ import annotations

import re
from collections.abc import Iterator

from strategy_lint import Confidence, Document, Option, Report, Rule, RuleContext, Severity, hookimpl

#: Action wording that means seeing or speaking to a child ("visit", "see alone", "ABE").
_SEE = re.compile(
    r"\b(?:see|seen|sees|visit|visits|visiting|speak\s+(?:to|with)|talk\s+(?:to|with)|meet|interview|ABE)\b", re.I
)
_CHILD = r"\b(?:child|children|young\s+person|baby|siblings?|home\s+visit|alone)\b"


class NoPlanToSeeChild(Rule):
    """## What it checks
    That when the record gives nothing the child has said and nothing a professional saw of
    the child, one of the agreed actions is to see the child ("Visit Ava at home and see
    her alone", "ABE interview with the child") with a real deadline.

    It reads strategy-lint's shared reading of the record: `ctx.facts.voice` (the child's
    words and what was observed of the child, found anywhere in the record, each piece with
    the block it came from), `ctx.facts.child` (the child's name) and `ctx.facts.actions`
    (every agreed action with its owner and its deadline as written and as understood).

    ## Why it matters
    Our procedure asks that every child subject to a strategy discussion is seen, and seen
    alone where their age allows, within the timescale the discussion sets. A record that
    neither says how the child is nor plans to find out leaves the child unseen.

    ## Example
    A record that fires: nothing the child said or how they presented, and actions for
    police checks and a medical but no visit.

    A record that passes:

    | Action | Who | By when |
    |---|---|---|
    | Visit Ava at home and see her alone | Tom Ellis | 15/03/2016 |

    ## How to fix
    Add an action to see the child: who will see them, where, and by when (and whether they
    will be seen alone). If the child has been seen, record what was seen and said.
    """

    code = "XA004"
    name = "no-plan-to-see-child"
    summary = "Nobody has heard or seen the child, and no action with a deadline says who will."
    default_severity = Severity.WARNING
    # An example: off unless selected (--select XA).  Delete this line in your own plugin.
    opt_in = True
    needs_nlp = True
    fix = "Add an action to see the child: who will see them, where, and by when (e.g. 'Visit Ava at home and see her alone – Tom Ellis – 15/03/2016')."
    options = {
        "need_deadline": Option(True, "an action to see the child counts only with a real deadline"),
    }

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        facts = ctx.facts
        voice = facts.voice
        if voice.said or voice.observed:
            return  # the record says what the child said or how they presented
        name = facts.child.name.split()[0] if facts.child.name else ""
        child = re.compile(_CHILD + (rf"|\b{re.escape(name)}\b" if name else ""), re.I)
        visits = [a for a in facts.actions if _SEE.search(a.text) and child.search(a.text)]
        dated = [a for a in visits if a.deadline.is_real and not a.deadline.before_meeting]
        if dated or (visits and not ctx.options["need_deadline"]):
            return
        # actions read from prose, or a record read poorly, may hold a visit we did not see
        sure = facts.reading.text is Confidence.HIGH and all(a.confidence is Confidence.HIGH for a in facts.actions)
        confidence = Confidence.HIGH if sure else Confidence.MEDIUM
        if visits:
            visit = visits[0]
            yield Report(
                message="The action to see the child ({action}) has no deadline, and nothing in the record says "
                "the child has been seen or heard.",
                values={"action": visit.text},
                block=visit.deadline_block if visit.deadline_block is not None else visit.block,
                excerpt=visit.deadline.text or visit.text,
                confidence=confidence,
            )
            return
        where = document.sections_of("actions")
        yield Report(
            message="Nothing in the record says what the child said or how they presented, and no action says "
            "who will see the child, and by when.",
            block=where[0].heading_block if where else None,
            section=where[0].title if where else None,
            confidence=confidence,
        )


@hookimpl
def strategy_lint_rules() -> list[type[Rule]]:
    return [NoPlanToSeeChild]
