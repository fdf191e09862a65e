"""Suppressions written in the record itself: Word comments reading ``strategy-lint: disable=...``.

A finished PDF cannot carry one, so there are three kinds of suppression (see
docs/suppressions.md): config ignores (selection), these comments, and a baseline file
(:mod:`strategy_lint.baseline`).  The engine applies them after the rules ran, so every
output format sees the same findings, and reports the ones that matched nothing as
SL002 unused-suppression: a stale suppression would silently hide the next real problem.

Scope of ``disable=`` (chosen to match what a person sees highlighted in Word):

* the blocks the comment is anchored to;
* if an anchored block is a table cell: every cell of the same table row (a comment on
  the "By when" cell also covers that action's "Who" cell);
* if an anchored block is a section's heading (or a form's label cell): the whole section,
  its subsections, and findings about that section that point at no block (e.g. "this
  section is empty").

The comment must start with ``strategy-lint:`` (so SL902 reviewer-comments does not count
it); a reason may follow the codes, and further ``strategy-lint:`` lines may follow.
``disable-file=`` covers the whole record.  Codes, prefixes (``SL4``), rule names
(``action-without-deadline``) and ``all`` are accepted, comma-separated.
SL000 (a check crashed) is never suppressed: it is a fault in the tool, not the record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .findings import CRASHED, Finding, Severity
from .model import BlockKind, Comment, Document
from .rules import Report, Rule
from .selection import matches

DIRECTIVE = re.compile(
    r"^\s*strategy-lint\s*:\s*(?P<kind>disable-file|disable)\s*=\s*(?P<codes>[A-Za-z0-9_\-]+(?:\s*,\s*[A-Za-z0-9_\-]+)*)",
    re.IGNORECASE,
)
NEVER_SUPPRESSED = frozenset({CRASHED})


def is_directive(text: str | None) -> bool:
    """True if a comment is an instruction to strategy-lint (SL902 does not count it).

    A directive comment starts with ``strategy-lint:``; a reason may follow the codes.
    """
    return bool(text and text.strip().lower().startswith("strategy-lint:"))


@dataclass
class Directive:
    """One ``disable`` / ``disable-file`` comment and what it matched."""

    comment: Comment
    whole_file: bool
    selectors: list[str]
    used: dict[str, int] = field(default_factory=dict)
    blocks: set[int] = field(default_factory=set)
    sections: set[str] = field(default_factory=set)

    @property
    def anchor(self) -> int | None:
        return min(self.comment.blocks) if self.comment.blocks else None

    def text(self) -> str:
        kind = "disable-file" if self.whole_file else "disable"
        return f"strategy-lint: {kind}={','.join(self.selectors)}"


def parse_directives(doc: Document) -> list[Directive]:
    """Every directive in the record's comments (one comment may hold several lines)."""
    found = []
    for comment in doc.comments:
        if not is_directive(comment.text):
            continue
        for m in filter(None, (DIRECTIVE.match(line) for line in comment.text.splitlines())):
            selectors = [s.strip() for s in m["codes"].split(",") if s.strip()]
            d = Directive(comment, m["kind"].lower() == "disable-file", selectors)
            d.used = {s: 0 for s in selectors}
            if not d.whole_file:
                _scope(doc, d)
            found.append(d)
    return found


def _scope(doc: Document, d: Directive) -> None:
    """Blocks and section titles a ``disable=`` comment covers (see the module docstring)."""
    covered = set(d.comment.blocks)
    for i in d.comment.blocks:
        if not 0 <= i < len(doc.blocks):
            continue
        block = doc.blocks[i]
        if block.kind is BlockKind.TABLE_CELL and block.table is not None:
            covered.update(b.index for b in doc.blocks if b.table == block.table and b.row == block.row)
        for section in doc.sections:
            if section.heading_block == i:
                covered.update(b.index for b in doc.section_blocks(section))
                d.sections.add(section.title)
    d.blocks = covered


def _covers(d: Directive, f: Finding) -> bool:
    if d.whole_file:
        return True
    if f.location.block is not None:
        return f.location.block in d.blocks
    return f.location.section is not None and f.location.section in d.sections


def apply_directives(
    doc: Document, findings: list[Finding], ran: Iterable[type[Rule]], known: Iterable[type[Rule]]
) -> tuple[list[Finding], list[Report]]:
    """Drop suppressed findings; return (kept, reports for stale directives).

    ``ran`` are the rules that ran on this file: a directive naming a rule that did not run
    (not selected) is not stale.  ``known`` are all loaded rules: a directive naming none
    of them is reported as naming no rule (a typo would otherwise suppress nothing).
    """
    directives = parse_directives(doc)
    if not directives:
        return findings, []
    kept = []
    for f in findings:
        hit = None
        if f.code not in NEVER_SUPPRESSED:
            for d in directives:
                if not _covers(d, f):
                    continue
                sel = next((s for s in d.selectors if matches(s, f.code, f.name)), None)
                if sel is not None:
                    d.used[sel] += 1
                    hit = d
                    break
        if hit is None:
            kept.append(f)
    return kept, _stale(directives, list(ran), list(known))


def _stale(directives: list[Directive], ran: list[type[Rule]], known: list[type[Rule]]) -> list[Report]:
    reports = []
    for d in directives:
        for sel, count in d.used.items():
            if count:
                continue
            if not any(matches(sel, r.code, r.name) for r in known):
                message = (
                    f'The comment "{d.text()}" names {sel!r}, which is not a known check, so it suppresses nothing.'
                )
                fix = "Correct the code or name (see `strategy-lint rules`), or delete the comment."
            elif not any(matches(sel, r.code, r.name) for r in ran):
                continue  # the check did not run this time: nothing to judge
            else:
                where = "this record" if d.whole_file else "the text it is attached to"
                message = f'The comment "{d.text()}" suppresses nothing: no {sel} problem was found in {where}.'
                fix = "The problem was fixed or has moved: delete the comment (or move it to the right place)."
            reports.append(Report(message, fix=fix, block=d.anchor))
    return reports


class UnusedSuppression(Rule):
    """## What it checks

    A `strategy-lint: disable=...` Word comment, or a baseline entry, that suppressed
    nothing in this run.

    ## Why it matters

    A suppression is a promise that a known problem was looked at and accepted. Once the
    problem is fixed (or moves), a stale suppression silently hides the next real problem
    at the same place.

    ## Example

    A comment "strategy-lint: disable=SL401" on an action row whose deadline has since
    been filled in.

    ## How to fix

    Delete the comment; for a baseline, write it again with `--write-baseline FILE`.

    Produced by the engine itself (not a plugin); select or ignore it as `SL002`.
    """

    code = "SL002"
    name = "unused-suppression"
    summary = "A suppression (disable comment or baseline entry) matched nothing."
    default_severity = Severity.INFO
    fix = "Delete the stale suppression."

    def check(self, document, ctx):
        return ()
