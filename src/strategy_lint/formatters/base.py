"""The one interface every output format implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from ..findings import Finding, Severity, without_quotes

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import FileResult
    from ..rules import Rule


@dataclass
class Summary:
    """Totals for a run, shared by every formatter."""

    files: int = 0
    clean: int = 0
    with_findings: int = 0
    unreadable: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Severity})
    exit_code: int = 0

    @classmethod
    def of(cls, results: "list[FileResult]", exit_code: int) -> "Summary":
        s = cls(files=len(results), exit_code=exit_code)
        for r in results:
            if r.status == "error":
                s.unreadable += 1
            elif r.findings:
                s.with_findings += 1
            else:
                s.clean += 1
            for f in r.findings:
                s.by_severity[f.severity.value] += 1
        return s

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            "clean": self.clean,
            "with_findings": self.with_findings,
            "unreadable": self.unreadable,
            "findings": dict(self.by_severity),
            "exit_code": self.exit_code,
        }


def counts_phrase(findings: "list[Finding]") -> str:
    """'2 must fix, 1 should fix, 3 notes': the words the HTML report and the page share."""
    n = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    bits = [
        f"{n[Severity.ERROR]} must fix" if n[Severity.ERROR] else "",
        f"{n[Severity.WARNING]} should fix" if n[Severity.WARNING] else "",
        f"{n[Severity.INFO]} note{'s' if n[Severity.INFO] != 1 else ''}" if n[Severity.INFO] else "",
    ]
    return ", ".join(b for b in bits if b)


class Formatter:
    """Turns results into text.  Subclasses set ``name`` and implement ``render``.

    ``excerpts=False`` (``--no-excerpts``) means no quoted document text at all.
    """

    name: ClassVar[str]
    #: True for formats meant for people (progress, colour make sense)
    for_people: ClassVar[bool] = False

    def __init__(self, *, excerpts: bool = True, color: bool = False, rules: "dict[str, type[Rule]] | None" = None) -> None:
        self.excerpts = excerpts
        self.color = color
        #: every rule that ran, by code: formats that describe rules (SARIF) read them here
        self.rules: dict[str, type[Rule]] = dict(rules or {})

    def render(self, results: "list[FileResult]", summary: Summary) -> str:
        raise NotImplementedError

    # Every format shows message, fix and quote through these, so --no-excerpts holds everywhere.

    def message(self, f: Finding) -> str:
        return f.message if self.excerpts else without_quotes(f.message) or ""

    def fix(self, f: Finding) -> str | None:
        return f.fix if self.excerpts else without_quotes(f.fix)

    def excerpt(self, f: Finding) -> str | None:
        return f.excerpt if self.excerpts else None
