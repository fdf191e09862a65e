"""SL203 child-experience-not-described: a baby's or non-verbal child's experience is not observed."""

from __future__ import annotations

from strategy_lint import Option, Report, Rule, Severity, hookimpl
from strategy_lint.extract.voice import (
    NONVERBAL_AGE_MONTHS,
    is_placeholder_text,
    nonverbal_evidence,
    observed_experience,
    says_too_young,
    voice_sections,
)


class ChildExperienceNotDescribed(Rule):
    """## What it checks
    For a baby or a child who does not speak for themselves (under 2 years old from the
    stated age or the date of birth against the meeting date, or words such as "non-verbal",
    "pre-verbal", "Makaton", "newborn" in the child details, reason or voice sections), that
    the child's-voice section describes what was *observed*: presentation, behaviour, care,
    interaction with carers ("alert", "good eye contact", "settled quickly", "feeding well",
    "seen at home").

    Sentences that only say the child is "too young to express views", that pass on a
    parent's view ("Mum says he is happy"), or that say the child was not seen do not count.
    It does not fire when SL201 or SL202 already do (no section, or a placeholder).

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
    options = {
        "age_months": Option(NONVERBAL_AGE_MONTHS, "Children younger than this (in months) are treated as pre-verbal."),
        "min_observations": Option(1, "How many observation phrases the section needs."),
    }
    fix = (
        "Describe what was observed of the child: who saw them and when, presentation, "
        "behaviour, care and routines, and how they interact with their carers."
    )

    def check(self, document, ctx):
        sections = voice_sections(document, ctx.lexicon)
        usable = [v for v in sections if not is_placeholder_text(v.content, ctx.lexicon)]
        if not usable or len(usable) < len(sections):
            return  # SL201 / SL202 already say the section is missing or empty
        nlp = ctx.nlp
        why = nonverbal_evidence(document, nlp, ctx.lexicon, ctx.options["age_months"])
        text = "\n".join(v.content for v in usable)
        if why is None:
            if document.metadata.child_age_months is not None or not says_too_young(text, nlp, ctx.lexicon):
                return
            why = "the section says the child cannot give their views"
        observed = observed_experience(text, nlp, ctx.lexicon)
        if len(observed) >= ctx.options["min_observations"]:
            return
        first = usable[0]
        too_young = says_too_young(text, nlp, ctx.lexicon)
        if too_young:
            said = "says only that the child is too young to give their views"
        else:
            said = "does not describe anything observed of the child"
        yield Report(
            message=(
                f"The '{first.title}' section {said}; {why}, so their experience must be "
                "described from observation (presentation, behaviour, care, interaction with carers)."
            ),
            block=first.block,
            section=first.title,
            excerpt=first.content.splitlines()[0] if first.content else None,
        )


@hookimpl
def strategy_lint_rules():
    return [ChildExperienceNotDescribed]
