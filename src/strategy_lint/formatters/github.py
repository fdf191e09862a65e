"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

Documents have no lines, so each annotation names the file only and says where to look
(page, section, table row) in its message.  Values are escaped as the Actions runner
expects: ``%``, CR and LF everywhere, plus ``:`` and ``,`` inside properties.
"""

from __future__ import annotations

from ..findings import Severity
from ..hookspecs import hookimpl
from .base import Formatter, Summary, more_about, run_sentence

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props: str) -> str:
    inner = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{kind} {inner}::{escape_data(message)}"


class GithubFormatter(Formatter):
    name = "github"

    def render(self, results, summary: Summary) -> str:
        lines = []
        for r in results:
            if r.status == "error":
                message = r.error.message if r.error else "the file could not be read"
                lines.append(command("error", message, file=r.path, title="could not read"))
                continue
            sure = r.counted() if hasattr(r, "counted") else r.findings
            for f in r.findings:
                message = f"{self.message(f)} (where: {f.location.describe()})"
                if f not in sure:
                    message = f"Worth a look (not sure): {message}"
                if self.fix(f):
                    message += f" How to fix: {self.fix(f)}"
                if self.excerpt(f):
                    message += f' Quote: "{self.excerpt(f)}"'
                if more_about(f.code):
                    message += f" More: {more_about(f.code)}"
                kind = COMMAND[f.severity] if f in sure else "notice"
                lines.append(command(kind, message, file=r.path, title=f"{f.code} {f.name}"))
        if not self.quiet:  # the verdicts of the run, as one notice in the job's summary
            lines.append(command("notice", run_sentence(summary), title="strategy-lint"))
        return "\n".join(lines) + ("\n" if lines else "")


@hookimpl
def strategy_lint_formatters():
    return {"github": GithubFormatter}
