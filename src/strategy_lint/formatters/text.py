"""``--format text`` (default): plain English for the person checking the record.

Colour only when writing to a terminal (the CLI decides: never when piped, redirected to
``--output`` or when ``NO_COLOR`` is set), rendered by rich's ``Style`` so styles are named,
not hand-written escape codes.
"""

from __future__ import annotations

from ..findings import Severity
from ..hookspecs import hookimpl
from ..verdict import Verdict, verdict
from .base import Formatter, Summary, more_about, plural, run_sentence

LABEL = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "NOTE"}
COLOUR = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


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
            sure = r.counted() if hasattr(r, "counted") else r.findings
            unsure = [f for f in r.findings if f not in sure]
            for f in [*sure, *unsure]:
                if f is (unsure[0] if unsure else None):
                    out.append(
                        "  Worth a look (strategy-lint could not be sure of these: check them, "
                        "they do not hold the record back):"
                    )
                    out.append("")
                if f in sure:
                    head = f"  {self._style(LABEL[f.severity], COLOUR[f.severity])} {f.code} {f.name}"
                else:
                    head = f"  {self._style('MAYBE', 'dim')} {f.code} {f.name} ({f.confidence.value} confidence)"
                out.append(head)
                out.append(f"    {self.message(f)}")
                out.append(f"    Where: {f.location.describe()}")
                if self.excerpt(f):
                    out.append(f'    Quote: "{self.excerpt(f)}"')
                if self.fix(f):
                    out.append(f"    How to fix: {self.fix(f)}")
                if more_about(f.code):
                    out.append(f"    More: {more_about(f.code)}")
                out.append("")
        if self.quiet:
            return "\n".join(out) + ("\n" if out else "")
        ready = [r.path for r in results if verdict(r) is Verdict.READY]
        if ready:
            out.append(self._style("Ready to circulate:", "bold green"))
            out.extend(f"  {path}" for path in ready)
            out.append("")
        out.append(self._summary(summary))
        return "\n".join(out) + "\n"

    def _summary(self, s: Summary) -> str:
        line = run_sentence(s)
        counts = s.by_severity
        total = sum(counts.values())
        if total:
            detail = ", ".join(
                plural(counts[k], label)
                for k, label in (("error", "error"), ("warning", "warning"), ("info", "note"))
                if counts[k]
            )
            line += f"\nFound {plural(total, 'problem')} ({detail})."
        if s.uncertain:
            line += f"\n{plural(s.uncertain, 'other thing')} worth a look (not sure)."
        if s.baselined:
            accepted = plural(s.baselined, "problem")
            line += f"\n{accepted} accepted in the baseline {'was' if s.baselined == 1 else 'were'} not shown."
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
