"""SL903 hidden-text: text formatted as hidden, or white on a white background."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Document, Report, Rule, RuleContext, Severity, hookimpl

_REASONS = {"hidden": "formatted as hidden", "white-on-white": "white on a white background"}


class HiddenText(Rule):
    """## What it checks
    That the document holds no text a reader cannot see: text formatted as hidden (Word's
    Font > Hidden) or white text on a white background. It reports once per document,
    with how much hidden text there is and of which kind, and points at the first place
    it was found. It never shows the hidden text.

    ## Why it matters
    Hidden text is invisible on screen and on paper, but it is in the file: anyone who
    receives the record can reveal it (Show/Hide ¶, select all and change the colour),
    and it is copied into anything pasted from the record. Text is usually hidden to keep
    it from someone, which is exactly why it should not be circulated.

    ## Example
    A record that fires: a .docx where a paragraph about the father's address was
    formatted as hidden instead of deleted.

    A record that passes: the same record with that paragraph deleted.

    ## How to fix
    Turn on Show/Hide ¶ (Home tab) to see hidden text, select all (Ctrl+A) and set the
    font colour to Automatic to find white text; delete what should not be there, or
    make it visible, and save.
    """

    code = "SL903"
    name = "hidden-text"
    summary = "The document contains hidden or white-on-white text."
    default_severity = Severity.WARNING
    fix = "Show hidden text (Home > Show/Hide ¶) and white text (font colour Automatic); delete it or make it visible, and save."

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        hidden = [h for h in document.hidden if h.chars > 0]
        if not hidden:
            return
        places = len(hidden)
        kinds = sorted({h.reason for h in hidden})
        how = " and ".join(_REASONS.get(k, k) for k in kinds)
        chars = sum(h.chars for h in hidden)
        blocks = sorted(h.block for h in hidden if h.block is not None)
        yield Report(
            message=(
                f"The document contains text a reader cannot see ({how}): {chars} characters in "
                f"{places} place{'' if places == 1 else 's'}. It travels with the file and can be revealed."
            ),
            block=blocks[0] if blocks else None,
        )


@hookimpl
def strategy_lint_rules():
    return [HiddenText]
