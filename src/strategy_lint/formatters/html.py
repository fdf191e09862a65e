"""``--format html``: one self-contained page a non-programmer can open and act on.

Inline CSS, no scripts, no external assets (fonts, images, links): the page works offline,
can be attached to an email and printed.  Every piece of text is escaped with
``html.escape``.  Each file gets the shared verdict (:mod:`strategy_lint.verdict`): "could
not read", "needs changes" or "ready to circulate".
"""

from __future__ import annotations

from html import escape

from ..findings import Finding
from ..hookspecs import hookimpl
from ..verdict import Verdict
from ..verdict import verdict as shared_verdict
from .base import GROUPS, Formatter, Summary, counts_phrase, grouped, more_about  # noqa: F401  (GROUPS: older importers read it here)

CSS = """
:root { --ink:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#f6f8fa;
        --err:#b42318; --err-bg:#fef3f2; --warn:#8a5a00; --warn-bg:#fff8e6;
        --note:#175cd3; --note-bg:#eff6ff; --ok:#067647; --ok-bg:#ecfdf3; }
* { box-sizing: border-box; }
body { margin:0; font: 16px/1.5 system-ui, "Segoe UI", Arial, sans-serif; color:var(--ink); background:var(--bg); }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size:1.6rem; margin:0 0 .25rem; }
h2 { font-size:1.25rem; margin:0; word-break: break-word; }
h3 { font-size:1rem; margin:1.25rem 0 .5rem; text-transform: uppercase; letter-spacing:.04em; }
p.lead { color:var(--muted); margin:0 0 1.5rem; }
.cards { display:flex; gap:.75rem; flex-wrap:wrap; margin-bottom:1.5rem; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:.75rem 1rem; min-width:9rem; }
.card b { display:block; font-size:1.6rem; }
table.files { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); margin-bottom:2rem; }
table.files th, table.files td { text-align:left; padding:.5rem .75rem; border-bottom:1px solid var(--line); vertical-align:top; }
table.files th { background:var(--bg); font-weight:600; }
table.files a { color:inherit; }
.verdict { display:inline-block; padding:.1rem .6rem; border-radius:999px; font-weight:600; font-size:.9rem; white-space:nowrap; }
.v-ok { color:var(--ok); background:var(--ok-bg); }
.v-changes { color:var(--err); background:var(--err-bg); }
.v-unread { color:#fff; background:#475467; }
section.file { background:#fff; border:1px solid var(--line); border-radius:8px; padding:1.25rem 1.5rem; margin-bottom:1.5rem; }
section.file header { display:flex; justify-content:space-between; gap:1rem; align-items:baseline; flex-wrap:wrap; }
.finding { border-left:4px solid var(--line); padding:.5rem .9rem; margin:.6rem 0; border-radius:0 6px 6px 0; }
.finding.error { border-color:var(--err); background:var(--err-bg); }
.finding.warning { border-color:#dc9a00; background:var(--warn-bg); }
.finding.note { border-color:var(--note); background:var(--note-bg); }
.finding .code { font-family: ui-monospace, Consolas, monospace; font-size:.8rem; color:var(--muted); }
.finding .message { font-weight:500; }
.finding dl { display:grid; grid-template-columns: 7rem 1fr; gap:.2rem .75rem; margin:.4rem 0 0; }
.finding dt { color:var(--muted); }
.finding dd { margin:0; }
blockquote { margin:0; font-style:italic; }
.problem-unread { color:var(--ink); }
footer { color:var(--muted); font-size:.9rem; margin-top:2rem; }
@media print { body { background:#fff; } section.file { break-inside: avoid-page; } }
"""


CSS_CLASS = {Verdict.READY: "v-ok", Verdict.CHANGES: "v-changes", Verdict.UNREAD: "v-unread"}


def verdict(result) -> tuple[str, str]:
    """(label, css class) for one file, from the shared verdict."""
    v = shared_verdict(result)
    return v.label, CSS_CLASS[v]


def _sentence(text: str, stop: bool = True) -> str:
    """Capital first letter (and a full stop): messages are written as clauses."""
    text = text[:1].upper() + text[1:]
    return text + "." if stop and text and text[-1] not in ".!?" else text


class HtmlFormatter(Formatter):
    name = "html"
    for_people = True

    def render(self, results, summary: Summary) -> str:
        cards = [
            (len(results), "files checked"),
            (summary.ready, "ready to circulate"),
            (summary.needs_changes, "needs changes" if summary.needs_changes == 1 else "need changes"),
            (summary.unreadable, "could not be read"),
        ]
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>strategy-lint report</title>",
            f"<style>{CSS}</style></head><body><main>",
            "<h1>Strategy discussion records: check report</h1>",
            '<p class="lead">What an auditor would flag in each record, where to find it and how to fix it.</p>',
            '<div class="cards">'
            + "".join(f'<div class="card"><b>{n}</b>{escape(label)}</div>' for n, label in cards)
            + "</div>",
            self._file_table(results),
        ]
        for i, r in enumerate(results):
            parts.append(self._file_section(i, r))
        parts.append(self._footer())
        parts.append("</main></body></html>")
        return "\n".join(parts) + "\n"

    # -- pieces ---------------------------------------------------------------------------

    def _file_table(self, results) -> str:
        rows = ['<table class="files"><thead><tr><th>Record</th><th>Verdict</th><th>Problems</th></tr></thead><tbody>']
        for i, r in enumerate(results):
            label, css = verdict(r)
            rows.append(
                f'<tr><td><a href="#file-{i + 1}">{escape(r.path)}</a></td>'
                f'<td><span class="verdict {css}">{escape(label)}</span></td>'
                f"<td>{escape(self._counts(r))}</td></tr>"
            )
        rows.append("</tbody></table>")
        return "\n".join(rows)

    def _counts(self, r) -> str:
        if r.status == "error":
            return "—"
        if not r.findings:
            return "none"
        sure = r.counted() if hasattr(r, "counted") else r.findings
        return counts_phrase(sure, len(r.findings) - len(sure))

    def _file_section(self, i: int, r) -> str:
        label, css = verdict(r)
        out = [
            f'<section class="file" id="file-{i + 1}"><header><h2>{escape(r.path)}</h2>'
            f'<span class="verdict {css}">{escape(label)}</span></header>'
        ]
        if r.status == "error":
            message = r.error.message if r.error else "the file could not be read"
            out.append(f'<p class="problem-unread">{escape(_sentence(message))}</p>')
        elif not r.findings:
            out.append("<p>No problems found.</p>")
        else:
            for heading, cls, group in grouped(r):
                out.append(f"<h3>{escape(heading)} ({len(group)})</h3>")
                out.extend(self._finding(f, cls) for f in group)
        out.append("</section>")
        return "\n".join(out)

    def _finding(self, f: Finding, cls: str) -> str:
        rows = [("Where", escape(_sentence(f.location.describe(), stop=False)))]
        if excerpt := self.excerpt(f):
            rows.append(("Quote", f"<blockquote>“{escape(excerpt)}”</blockquote>"))
        if fix := self.fix(f):
            rows.append(("How to fix", escape(fix)))
        if more := more_about(f.code):
            rows.append(("More", f"<code>{escape(more)}</code>"))
        dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
        return (
            f'<div class="finding {cls}"><div class="code">{escape(f.code)} · {escape(f.name)}</div>'
            f'<div class="message">{escape(self.message(f))}</div><dl>{dl}</dl></div>'
        )

    def _footer(self) -> str:
        quotes = (
            "This report quotes text from the records: handle it as you would the records themselves."
            if self.excerpts
            else "This report contains no quoted record text."
        )
        return (
            "<footer><p><b>Must fix</b>: the record should not go out until this is corrected. "
            "<b>Should fix</b>: an auditor would likely flag it. <b>Note</b>: worth a look.</p>"
            f"<p>{escape(quotes)} Produced by strategy-lint; explain a check with "
            "<code>strategy-lint rule CODE</code>.</p></footer>"
        )


@hookimpl
def strategy_lint_formatters():
    return {"html": HtmlFormatter}
