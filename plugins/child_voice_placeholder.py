"""SL202 child-voice-placeholder: the child's-voice section is empty or a placeholder."""

from __future__ import annotations

from strategy_lint import Report, Rule, Severity, hookimpl
from strategy_lint.extract.voice import field_values, is_placeholder_text, voice_sections


class ChildVoicePlaceholder(Rule):
    """## What it checks
    That the child's-voice section says something.  It fires when the section is empty,
    or when everything in it is a placeholder: "N/A", "Not applicable", "None", "-",
    "TBC", "To follow", "See above" (the lexicon's `placeholders` list).  In a section made
    of "Label: value" lines, only the values are judged, so "Seen by: TBC" is a placeholder.

    ## Why it matters
    An empty or "N/A" voice section is the audit's finding in its plainest form: the child's
    voice and experience are "not evident".  "See above" sends the reader to text about the
    adults.

    ## Example
    A record that fires:

    ```markdown
    ## Voice of the child
    N/A
    ```

    A record that passes: the same heading followed by what the child said, or what was
    observed of a baby (alert, feeding well, settled by her mother).

    ## How to fix
    Replace the placeholder with the child's own words where they can give them, or, for a
    baby or non-verbal child, what was observed: presentation, behaviour, care and
    interaction with carers, with who saw the child and when.  If the child has not been
    seen yet, say who will see them and by when.
    """

    code = "SL202"
    name = "child-voice-placeholder"
    summary = "The child's-voice section is empty or only a placeholder (N/A, TBC, see above)."
    default_severity = Severity.ERROR
    fix = (
        "Write what the child said, or for a baby or non-verbal child what was observed "
        "(presentation, behaviour, care, interaction with carers), and who saw them when."
    )

    def check(self, document, ctx):
        for voice in voice_sections(document, ctx.lexicon):
            if not is_placeholder_text(voice.content, ctx.lexicon):
                continue
            values = field_values(voice.content)
            said = " ".join(values)
            what = f'only says "{said}"' if said else "is empty"
            yield Report(
                message=f"The '{voice.title}' section {what}: it does not give the child's voice or experience.",
                block=voice.block,
                section=voice.title,
                excerpt=said or None,
            )


@hookimpl
def strategy_lint_rules():
    return [ChildVoicePlaceholder]
