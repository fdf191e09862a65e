"""The one interface every output format implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from ..findings import CRASHED, Finding, Severity

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import FileResult
    from ..rules import Rule


@dataclass
class Summary:
    """Totals for a run, shared by every formatter.

    ``ready`` and ``needs_changes`` are the verdicts (:mod:`strategy_lint.verdict`);
    ``clean`` and ``with_findings`` say literally whether a record had any finding, so a
    record with only a note is both ready and "with findings".  ``baselined`` counts the
    problems the baseline accepted (hidden from the report, never silently).
    """

    files: int = 0
    clean: int = 0
    with_findings: int = 0
    unreadable: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Severity})
    exit_code: int = 0
    ready: int = 0
    needs_changes: int = 0
    baselined: int = 0
    #: findings less sure than their record's min-confidence: shown as "worth a look",
    #: not counted in ``by_severity``
    uncertain: int = 0

    @classmethod
    def of(cls, results: list[FileResult], exit_code: int) -> Summary:
        from ..verdict import Verdict, verdict

        s = cls(files=len(results), exit_code=exit_code)
        for r in results:
            if r.status == "error":
                s.unreadable += 1
            elif r.findings:
                s.with_findings += 1
            else:
                s.clean += 1
            v = verdict(r)
            s.ready += v is Verdict.READY
            s.needs_changes += v is Verdict.CHANGES
            s.baselined += getattr(r, "baselined", 0)
            sure = r.counted() if hasattr(r, "counted") else r.findings
            for f in sure:
                s.by_severity[f.severity.value] += 1
            s.uncertain += len(r.findings) - len(sure)
        return s

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            "clean": self.clean,
            "with_findings": self.with_findings,
            "unreadable": self.unreadable,
            "ready": self.ready,
            "needs_changes": self.needs_changes,
            "baselined": self.baselined,
            "uncertain": self.uncertain,
            "findings": dict(self.by_severity),
            "exit_code": self.exit_code,
        }


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 file', '2 files'."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def run_sentence(s: Summary) -> str:
    """'Checked 3 files: 1 ready to circulate, 1 needs changes, 1 could not be read.'"""
    parts = []
    if s.ready:
        parts.append(f"{s.ready} ready to circulate")
    if s.needs_changes:
        parts.append(f"{s.needs_changes} need{'s' if s.needs_changes == 1 else ''} changes")
    if s.unreadable:
        parts.append(f"{s.unreadable} could not be read")
    return f"Checked {plural(s.files, 'file')}" + (": " + ", ".join(parts) if parts else "") + "."


#: Findings the engine makes itself that have no rule page (a crashed check).
NO_RULE_PAGE = frozenset({CRASHED})


def more_about(code: str) -> str | None:
    """Where to read more about a finding: the command that explains its rule."""
    return None if code in NO_RULE_PAGE else f"strategy-lint rule {code}"


def counts_phrase(findings: list[Finding], uncertain: int = 0) -> str:
    """'2 must fix, 1 should fix, 3 notes': the words the HTML report and the page share.

    ``findings`` are the sure ones; ``uncertain`` counts the "worth a look" ones."""
    n = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    bits = [
        f"{n[Severity.ERROR]} must fix" if n[Severity.ERROR] else "",
        f"{n[Severity.WARNING]} should fix" if n[Severity.WARNING] else "",
        f"{n[Severity.INFO]} note{'s' if n[Severity.INFO] != 1 else ''}" if n[Severity.INFO] else "",
        f"{uncertain} worth a look" if uncertain else "",
    ]
    return ", ".join(b for b in bits if b)


def grouped(result: FileResult) -> list[tuple[str, str, list[Finding]]]:
    """(heading, css class, findings) for the HTML report and the page: the sure findings by
    severity, then the ones strategy-lint is not sure of, as "worth a look"."""
    sure = result.counted() if hasattr(result, "counted") else list(result.findings)
    out = []
    for severity, heading, css in GROUPS:
        group = [f for f in sure if f.severity is severity]
        if group:
            out.append((heading, css, group))
    unsure = [f for f in result.findings if f not in sure]
    if unsure:
        out.append((UNSURE_HEADING, "note", unsure))
    return out


GROUPS = (
    (Severity.ERROR, "Must fix before circulating", "error"),
    (Severity.WARNING, "Should fix", "warning"),
    (Severity.INFO, "Notes", "note"),
)
UNSURE_HEADING = "Worth a look (strategy-lint is not sure of these)"


class Formatter:
    """Turns results into text.  Subclasses set ``name`` and implement ``render``.

    ``excerpts=False`` (``--no-excerpts``) means no quoted document text at all.
    """

    name: ClassVar[str]
    #: True for formats meant for people (progress, colour make sense)
    for_people: ClassVar[bool] = False
    #: ``-q``: the findings only (no list of ready records, no summary lines); set by the CLI
    #: after construction, so a plugin formatter's own ``__init__`` need not know about it
    quiet: bool = False

    def __init__(
        self, *, excerpts: bool = True, color: bool = False, rules: dict[str, type[Rule]] | None = None
    ) -> None:
        self.excerpts = excerpts
        self.color = color
        #: every rule that ran, by code: formats that describe rules (SARIF) read them here
        self.rules: dict[str, type[Rule]] = dict(rules or {})

    def render(self, results: list[FileResult], summary: Summary) -> str:
        raise NotImplementedError

    # Every format shows message, fix and quote through these, so --no-excerpts holds everywhere.

    def message(self, f: Finding) -> str:
        return f.shown_message(excerpts=self.excerpts)

    def fix(self, f: Finding) -> str | None:
        return f.shown_fix(excerpts=self.excerpts)

    def excerpt(self, f: Finding) -> str | None:
        return f.excerpt if self.excerpts else None
