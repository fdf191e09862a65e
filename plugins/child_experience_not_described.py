"""SL203 child-experience-not-described: a baby's or non-verbal child's experience is not observed."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Confidence, Document, Report, Rule, RuleContext, Severity, hookimpl

#: A voice section this long, with no "too young"/"unable" excuse, describes the child's life.
_DESCRIBED_WORDS = 20


class ChildExperienceNotDescribed(Rule):
    """## What it checks
    For a baby or a child who does not speak for themselves (under 2 years old from the
    stated age or the date of birth against the meeting date, or words such as "non-verbal",
    "pre-verbal", "Makaton", "newborn" in the child details, reason or voice sections), that
    the child's-voice section describes what was *observed*: presentation, behaviour, care,
    interaction with carers ("alert", "good eye contact", "settled quickly", "feeding well",
    "seen at home").

    Sentences that only say the child is "too young to express views", that pass on a
    parent's view ("Mum says he is happy"), that plan to look later, or that only say a
    visit happened do not count. It does not fire when SL201 or SL202 already do (no voice
    anywhere, or a placeholder). When the voice section gives only the excuse but an
    agency's update elsewhere describes how the child presented, the finding is given with
    medium confidence: the author may have meant that to stand for the child's experience.
    A voice section of twenty words or more that gives no such excuse describes the child's
    life in words of its own ("growing well in the womb, exposed to ..."): then the finding
    is only a low-confidence hint to say what was seen.

    ## Why it matters
    The 2016 audit: "In a case involving a young baby, their voice / experience was not
    evident" and "the notes of the strategy need to be clear about the child's experience,
    particularly if the child is non-vocal".  Guidance on pre-verbal children (York, Rise)
    warns that "too young" and the parents' account hide the baby's own experience.

    ## Example
    A record that fires (Ava is 4 months old):

    ```markdown
    ## Child's voice
    Ava is too young to express her views. Mum says she is a happy baby.
    ```

    A record that passes:

    ```markdown
    ## Child's voice
    Ava is too young to give her views, but Sarah Okafor (HV) saw her at home on
    11/03/2016: she was alert, made good eye contact and settled quickly in her mother's arms.
    ```

    ## How to fix
    Describe what professionals observed: who saw the child, when and where; presentation
    (clean, appropriately dressed, weight); behaviour and state (alert, withdrawn, crying,
    how easily settled); routines and care (feeding, sleep); and how the child and carers
    interact.  Say what life is like for the child now.
    """

    code = "SL203"
    name = "child-experience-not-described"
    summary = "A baby's or non-verbal child's voice section gives no observed experience."
    default_severity = Severity.ERROR
    needs_nlp = True
    fix = (
        "Describe what was observed of the child: who saw them and when, presentation, "
        "behaviour, care and routines, and how they interact with their carers."
    )

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        facts = ctx.facts
        voice, child = facts.voice, facts.child
        if not voice.found and not (voice.too_young and child.preverbal):
            return  # SL201 / SL202 already say the voice is missing or empty
        # "Child's views: N/A – too young." for a 4-month-old: the excuse is this rule's case
        if child.preverbal:
            why = child.preverbal_reason
        elif voice.too_young and child.age_months is None:
            why = "the record says the child cannot give their views"
        else:
            return
        if voice.said:
            return  # the child's own words or views are recorded
        usable = [s for s in voice.sections if not s.placeholder]
        inside = {b for s in usable for b in s.blocks}
        if any(e.block in inside for e in voice.observed):
            return  # the voice section describes what was observed of the child
        elsewhere = [e for e in voice.observed if e.block not in inside]
        if not usable and elsewhere:
            return  # no voice section: the observations elsewhere are the child's experience
        first = usable[0] if usable else None
        described = not voice.too_young and any(len(s.content.split()) >= _DESCRIBED_WORDS for s in usable)
        said = (
            "says only that the child is too young or unable to give their views"
            if voice.too_young
            else ("does not describe anything observed of the child")
        )
        where = "The child's voice section" if first else "The record"
        yield Report(
            message=(
                where + " " + said + "; " + why.replace("'", "") + ", so their experience must be "
                "described from observation (presentation, behaviour, care, interaction with carers)."
            ),
            block=first.block if first else voice.too_young_block,
            section=first.title if first else None,
            excerpt=first.content.splitlines()[0] if first and first.content else None,
            # observations elsewhere (an agency's update) may be all the author meant to give;
            # a section that describes the baby's life in words we do not know as observation
            # ("growing well in the womb", "withdrawing, needs calm, responsive care") and
            # gives no excuse is a description, so at most a hint
            confidence=(Confidence.LOW if described else Confidence.MEDIUM if elsewhere else Confidence.HIGH),
        )


@hookimpl
def strategy_lint_rules():
    return [ChildExperienceNotDescribed]
