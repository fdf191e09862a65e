"""SL201 child-voice-missing: the record has no place for the child's voice or lived experience."""

from __future__ import annotations

from strategy_lint import Report, Rule, Severity, hookimpl
from strategy_lint.extract.voice import voice_sections


class ChildVoiceMissing(Rule):
    """## What it checks
    That the record has a section for the child's voice: "Child's voice", "Voice of the
    child", "Wishes and feelings", "Lived experience", "What life is like for the child"
    (any title the lexicon maps to the `child_voice` section kind), a form row with such a
    label, or at least a paragraph that opens "Child's voice: ...".

    ## Why it matters
    The 2016 multi-agency audit found that in a case involving a young baby "their voice /
    experience was not evident", and recommended that strategy notes be clear about the
    child's experience, particularly if the child is non-vocal.  Agencies that receive the
    record but not the case notes only know the child through this section.

    ## Example
    A record that fires: sections *Attendees*, *Reason for the strategy discussion*,
    *Information shared*, *Decision*, *Actions* and nothing about the child themselves.

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
    summary = "No section for the child's voice, wishes and feelings or lived experience."
    default_severity = Severity.ERROR
    fix = (
        "Add a 'Child's voice and lived experience' section: who saw the child and when, what "
        "the child said or (for a baby) what was observed, and what life is like for them."
    )

    def check(self, document, ctx):
        if voice_sections(document, ctx.lexicon):
            return
        yield Report(
            message=(
                "The record has no section for the child's voice or lived experience, so readers "
                "cannot see what life is like for the child."
            ),
        )


@hookimpl
def strategy_lint_rules():
    return [ChildVoiceMissing]
