"""``--format text`` (default): plain English for the person checking the record.

Colour only when writing to a terminal (the CLI decides: never when piped, redirected to
``--output`` or when ``NO_COLOR`` is set), rendered by rich's ``Style`` so styles are named,
not hand-written escape codes.
"""

from __future__ import annotations

from ..findings import Severity
from ..hookspecs import hookimpl
from .base import Formatter, Summary

LABEL = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "NOTE"}
COLOUR = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


class TextFormatter(Formatter):
    name = "text"
    for_people = True

    def render(self, results, summary: Summary) -> str:
        out: list[str] = []
        for r in results:
            if r.status == "error" and r.error:
                out.append(self._style(r.path, "bold"))
                out.append(f"  {self._style('COULD NOT READ', 'bold red')}: {r.error.message}")
                out.append("")
                continue
            if not r.findings:
                continue
            out.append(self._style(r.path, "bold"))
            for f in r.findings:
                head = f"  {self._style(LABEL[f.severity], COLOUR[f.severity])} {f.code} {f.name}"
                out.append(head)
                out.append(f"    {self.message(f)}")
                out.append(f"    Where: {f.location.describe()}")
                if self.excerpt(f):
                    out.append(f'    Quote: "{self.excerpt(f)}"')
                if self.fix(f):
                    out.append(f"    How to fix: {self.fix(f)}")
                out.append("")
        out.append(self._summary(summary))
        return "\n".join(out) + "\n"

    def _summary(self, s: Summary) -> str:
        parts = []
        if s.clean:
            parts.append(f"{s.clean} ready to circulate")
        if s.with_findings:
            parts.append(f"{s.with_findings} need{'s' if s.with_findings == 1 else ''} changes")
        if s.unreadable:
            parts.append(f"{s.unreadable} could not be read")
        line = f"Checked {plural(s.files, 'file')}" + (": " + ", ".join(parts) if parts else "") + "."
        counts = s.by_severity
        total = sum(counts.values())
        if total:
            detail = ", ".join(
                plural(counts[k], label) for k, label in (("error", "error"), ("warning", "warning"), ("info", "note")) if counts[k]
            )
            line += f"\nFound {plural(total, 'problem')} ({detail})."
        return line

    def _style(self, text: str, style: str) -> str:
        """Colour through rich (imported only when colour is on, so --help stays fast)."""
        if not self.color:
            return text
        try:
            from rich.style import Style
        except ImportError:  # rich missing: plain text is still a full report
            return text
        return Style.parse(style).render(text)


@hookimpl
def strategy_lint_formatters():
    return {"text": TextFormatter}
