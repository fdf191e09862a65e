"""SL202 child-voice-placeholder: the child's-voice section is empty or a placeholder."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Document, Report, Rule, RuleContext, Severity, hookimpl


class ChildVoicePlaceholder(Rule):
    """## What it checks
    That the child's-voice section says something.  It fires when the section is empty,
    or when everything in it is a placeholder: "N/A", "Not applicable", "None", "-",
    "TBC", "To follow", "See above" (the lexicon's `placeholders` list).  In a section made
    of "Label: value" lines, only the values are judged, so "Seen by: TBC" is a placeholder.
    It does not fire when the record gives the child's voice elsewhere (the child's words in
    the background or an agency's update): the section's emptiness then hides nothing.
    For a baby or a non-verbal child whose section says only "N/A – too young", SL203
    reports it instead (what was observed of the child is what is missing).

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
    needs_nlp = True

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        voice = ctx.facts.voice
        for section in voice.sections:
            if not section.placeholder:
                continue
            inside = set(section.blocks)
            # a child who can speak has a voice of their own: what others saw of them
            # elsewhere does not fill an empty "views" field; for a baby it does
            kinds = {"said", "section", "observed"} if ctx.facts.child.preverbal else {"said", "section"}
            if any(e.block not in inside and e.kind in kinds for e in voice.evidence):
                continue  # the child's voice is given elsewhere in the record
            if ctx.facts.child.preverbal and voice.too_young_block in inside:
                continue  # "N/A – too young" for a baby: SL203 asks for what was observed
            said = " ".join(line.strip() for line in section.answer.splitlines())
            yield Report(
                message=(
                    "The {title} section "
                    + ("only says {said}" if said else "is empty")
                    + ": it does not give the child's voice or experience, and the record gives it nowhere else."
                ),
                values={"title": section.title, "said": said} if said else {"title": section.title},
                block=section.block,
                section=section.title,
                excerpt=said or None,
            )


@hookimpl
def strategy_lint_rules():
    return [ChildVoicePlaceholder]
