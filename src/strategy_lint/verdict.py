"""The one verdict for a checked record, shared by every formatter and the page.

Why one function: a record with only a note was "needs changes" in the text report and
"ready to circulate" in the HTML report.  Every output now asks this module.

A record *needs changes* when it has a finding at warning or above (an auditor would flag
it), or at or above its ``fail-on`` when that is lower (``fail-on = "info"`` makes notes
block a commit, so they cannot be "ready" either).  Notes alone leave it ready, and so do
findings less sure than the record's ``min-confidence`` (default high): they are shown as
"worth a look", never as a reason to hold the record back.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING

from .findings import Severity

if TYPE_CHECKING:  # pragma: no cover
    from .engine import FileResult


class Verdict(str, Enum):
    """The value is the page's key; ``label`` is the words people read."""

    READY = "ready"
    CHANGES = "changes"
    UNREAD = "unread"

    @property
    def label(self) -> str:
        """Lower case, for the middle of a sentence: 'ready to circulate'."""
        return {"ready": "ready to circulate", "changes": "needs changes", "unread": "could not read"}[self.value]

    @property
    def badge(self) -> str:
        """Sentence case, for a badge: 'Ready to circulate'."""
        return self.label[:1].upper() + self.label[1:]


def threshold(fail_on: Severity | None) -> Severity:
    """The lowest severity that makes a record need changes: warning, or a lower fail-on."""
    if fail_on is not None and fail_on.rank < Severity.WARNING.rank:
        return fail_on
    return Severity.WARNING


def verdict(result: FileResult, fail_on: Severity | None = None) -> Verdict:
    """The verdict for one record; ``fail_on`` defaults to the record's own (closest config)."""
    if result.status == "error":
        return Verdict.UNREAD
    if fail_on is None:
        fail_on = getattr(result, "fail_on", None)
    lowest = threshold(fail_on).rank
    sure = result.counted() if hasattr(result, "counted") else result.findings
    if any(f.severity.rank >= lowest for f in sure):
        return Verdict.CHANGES
    return Verdict.READY


def tally(results: Iterable[FileResult]) -> dict[Verdict, int]:
    """How many records got each verdict (every verdict present, possibly 0)."""
    counts = {v: 0 for v in Verdict}
    for r in results:
        counts[verdict(r)] += 1
    return counts
