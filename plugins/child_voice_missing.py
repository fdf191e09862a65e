"""SL201 child-voice-missing: the record gives the child's voice or lived experience nowhere."""

from __future__ import annotations

import re
from collections.abc import Iterator

from strategy_lint import Confidence, Document, Report, Rule, RuleContext, Severity, hookimpl


class ChildVoiceMissing(Rule):
    """## What it checks
    That the record gives the child's voice or lived experience *somewhere*. It searches the
    whole record, not only for a heading: a section or form row meant for the voice ("Child's
    voice", "Wishes and feelings", "Lived experience", "What Lily has said", "Jayden's
    views"), the child's own words or views anywhere ("Lily told her teacher ...", a
    quotation), or what professionals saw of the child's presentation, behaviour and care.
    It fires only when none of these is found. A voice section that holds only "N/A" is
    SL202's finding, not this one, and "too young" for a baby is SL203's. When the text could
    not be read well, or the record quotes someone but never names the child (so whose
    words they are cannot be told), the finding is given with medium confidence.

    ## Why it matters
    The 2016 multi-agency audit found that in a case involving a young baby "their voice /
    experience was not evident", and recommended that strategy notes be clear about the
    child's experience, particularly if the child is non-vocal.  Agencies that receive the
    record but not the case notes only know the child through this section.

    ## Example
    A record that fires: sections *Attendees*, *Reason for the strategy discussion*,
    *Information shared*, *Decision*, *Actions*, and nothing the child said or how the child
    presented anywhere in them.

    A record that passes:

    ```markdown
    ## Child's voice and lived experience
    Tom Ellis saw Ava at home on 11/03/2016. She was alert, made good eye contact and
    settled quickly when her mother picked her up.
    ```

    ## How to fix
    Add a "Child's voice and lived experience" section: who saw the child, when and where;
    what the child said, or for a baby or non-verbal child what was observed (presentation,
    behaviour, care, interaction with carers); and what life is like for the child now.
    """

    code = "SL201"
    name = "child-voice-missing"
    summary = "The record gives the child's voice, wishes and feelings or lived experience nowhere."
    default_severity = Severity.ERROR
    fix = (
        "Add a 'Child's voice and lived experience' section: who saw the child and when, what "
        "the child said or (for a baby) what was observed, and what life is like for them."
    )
    needs_nlp = True

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        facts = ctx.facts
        voice = facts.voice
        if voice.found or voice.sections:
            return  # a voice section with a placeholder is SL202's to report
        if voice.too_young and facts.child.preverbal:
            return  # "N/A – too young (4/12)" for a baby: SL203 asks for what was observed
        sure = facts.reading.text is Confidence.HIGH
        if not facts.child.name and any(_QUOTED.search(b.text or "") for b in document.body_blocks()):
            # someone's words are quoted, but without the child's name we cannot tell
            # whether they are the child's: not found is not the same as absent
            sure = False
        yield Report(
            message=(
                "The record gives nowhere the child's voice or lived experience (no section for it, and "
                "nothing the child said or what was seen of their life), so readers cannot see what "
                "life is like for the child."
            ),
            confidence=Confidence.HIGH if sure else Confidence.MEDIUM,
        )


#: Words quoted in the record ("said Darren is "strict about phones"").
_QUOTED = re.compile(r"[\"“][^\"”]{8,}[\"”]")


@hookimpl
def strategy_lint_rules():
    return [ChildVoiceMissing]
