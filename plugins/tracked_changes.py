"""SL901 tracked-changes: the document still holds tracked insertions or deletions."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Document, Report, Rule, RuleContext, Severity, hookimpl

#: Revision kinds that change the words (formatting changes carry no hidden text).
_TEXT_KINDS = ("insert", "delete", "move")


class TrackedChanges(Rule):
    """## What it checks
    That the document has no tracked changes left in it: insertions, deletions or moved
    text recorded with Word's Track Changes. Formatting-only changes are ignored. It
    reports once per document, with how many changes of each kind there are, and points
    at the first place that was changed. It never shows the changed text.

    ## Why it matters
    Deleted text is not gone: it travels with the file, and anyone who receives the
    record can show it again with one click (Review > All Markup). Drafts of strategy
    records often hold wording that was removed for good reason: a wrong name, an
    unverified allegation, information that must not be shared with every agency.

    ## Example
    A record that fires: a .docx where the chair tracked edits to the risk analysis and
    did not accept them before saving.

    A record that passes: the same record after Review > Accept > Accept All Changes
    (or Reject), saved again.

    ## How to fix
    In Word: Review > Accept > Accept All Changes (or reject those you do not want),
    then turn Track Changes off and save. Check with Review > All Markup that nothing is
    left.
    """

    code = "SL901"
    name = "tracked-changes"
    summary = "The document still contains tracked changes (deleted text travels with the file)."
    default_severity = Severity.ERROR
    fix = "In Word: Review > Accept > Accept All Changes (or reject them), turn Track Changes off, and save."

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        changes = [r for r in document.revisions if r.kind in _TEXT_KINDS]
        if not changes:
            return
        counts = {k: sum(1 for r in changes if r.kind == k) for k in _TEXT_KINDS}
        parts = [
            _plural(counts["insert"], "insertion"),
            _plural(counts["delete"], "deletion"),
            _plural(counts["move"], "move"),
        ]
        listed = ", ".join(p for p in parts if p)
        blocks = sorted(r.block for r in changes if r.block is not None)
        message = f"The document still contains tracked changes ({listed})"
        if counts["delete"] or counts["move"]:
            message += "; deleted text travels with the file and anyone can show it again"
        message += "."
        # no excerpt: never quote a changed block (deleted wording sits beside it)
        yield Report(message=message, block=blocks[0] if blocks else None)


def _plural(n: int, word: str) -> str:
    return "" if not n else f"{n} {word}{'' if n == 1 else 's'}"


@hookimpl
def strategy_lint_rules():
    return [TrackedChanges]
