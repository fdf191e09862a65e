"""SL902 reviewer-comments: the document still holds reviewer comments."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Document, Report, Rule, RuleContext, Severity, hookimpl

#: A comment starting with this is an instruction to strategy-lint, not a review comment.
SUPPRESSION_PREFIX = "strategy-lint:"


class ReviewerComments(Rule):
    """## What it checks
    That the document has no reviewer comments left in it (Word's Review > New Comment).
    It reports once per document, with the number of comments, and points at the first
    commented place. It never shows what a comment says or who wrote it.

    Exception: a comment whose text starts with `strategy-lint:` is an instruction to
    this tool (a suppression), not a review comment, and is not counted.

    ## Why it matters
    Comments travel with the file to every agency that receives the record. Review
    comments often hold the most sensitive wording in a draft: doubts about an account,
    names to check, information "not for sharing with the family".

    ## Example
    A record that fires: a .docx where the team manager left "Please check DOB with the
    health visitor" as a comment on the child's details.

    A record that passes: the same record after the comment was acted on and deleted
    (Review > Delete > Delete All Comments in Document).

    ## How to fix
    Act on each comment, then delete them all (Review > Delete > Delete All Comments in
    Document) and save before circulating.
    """

    code = "SL902"
    name = "reviewer-comments"
    summary = "The document still contains reviewer comments."
    default_severity = Severity.ERROR
    fix = "Act on each comment, then Review > Delete > Delete All Comments in Document, and save."

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        comments = [c for c in document.comments if not _is_instruction(c.text)]
        if not comments:
            return
        n = len(comments)
        blocks = sorted(b for c in comments for b in c.blocks)
        yield Report(
            message=(
                f"The document still contains {n} reviewer comment{'' if n == 1 else 's'}; "
                "comments travel with the file to everyone who receives it."
            ),
            block=blocks[0] if blocks else None,
        )


def _is_instruction(text: str | None) -> bool:
    return (text or "").lstrip().lower().startswith(SUPPRESSION_PREFIX)


@hookimpl
def strategy_lint_rules():
    return [ReviewerComments]
