"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards.

Documents have no source lines, so results carry no ``region``: where a person looks is
given as ``logicalLocations`` (section > table > row) and ``properties`` (page, section,
table, row, column, 1-based like the text output), and identity is our own
``partialFingerprints`` (see :meth:`Finding.fingerprint`).  Unreadable files become
``toolExecutionNotifications``, not results: they are not problems in a record.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from ..findings import CRASHED, Finding, Severity
from ..hookspecs import hookimpl
from ..verdict import verdict
from .base import Formatter, Summary

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "strategyLintFinding/v1"
INFO_URI = "https://github.com/strategy-lint/strategy-lint"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

#: Descriptors for findings the engine itself produces (no plugin provides them).
CORE_RULES = {
    CRASHED: ("internal-error", "A check crashed on this record and was skipped.", Severity.ERROR),
    "SL002": (
        "unused-suppression",
        "A suppression (disable comment or baseline entry) matched nothing.",
        Severity.INFO,
    ),
}


#: confidence -> SARIF result.rank
RANK = {"high": 90.0, "medium": 50.0, "low": 20.0}


def artifact_uri(path: str) -> str:
    """A URI for a checked path: relative paths stay relative (code scanning expects that)."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(PurePath(path).as_posix(), safe="/")


class SarifFormatter(Formatter):
    name = "sarif"

    def render(self, results, summary: Summary) -> str:
        from .. import __version__

        codes = sorted({f.code for r in results for f in r.findings} | set(self.rules))
        descriptors = [self._descriptor(code) for code in codes]
        index = {d["id"]: i for i, d in enumerate(descriptors)}
        sarif_results = [
            self._result(r.path, f, index, f in (r.counted() if hasattr(r, "counted") else r.findings))
            for r in results
            if r.status == "ok"
            for f in r.findings
        ]
        notifications = [self._notification(r) for r in results if r.status == "error"]
        run = {
            "tool": {
                "driver": {
                    "name": "strategy-lint",
                    "semanticVersion": __version__,
                    "version": __version__,
                    "informationUri": INFO_URI,
                    "rules": descriptors,
                }
            },
            "invocations": [
                {
                    "executionSuccessful": summary.exit_code != 2,
                    "toolExecutionNotifications": notifications,
                }
            ],
            "artifacts": [
                {"location": {"uri": artifact_uri(r.path)}, "properties": {"verdict": verdict(r).value}}
                for r in results
            ],
            "results": sarif_results,
            "columnKind": "unicodeCodePoints",
        }
        log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"

    # -- pieces ---------------------------------------------------------------------------

    def _descriptor(self, code: str) -> dict[str, Any]:
        rule = self.rules.get(code)
        if rule is None:
            name, summary, severity = CORE_RULES.get(code, ("unknown", f"Rule {code}.", Severity.WARNING))
            page = summary
        else:
            from ..docs import rule_page

            name, summary, severity = rule.name, rule.summary, rule.default_severity
            page = rule_page(rule)
        return {
            "id": code,
            "name": name,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": summary if rule is None else _plain(page)},
            "help": {"text": _plain(page), "markdown": page},
            "defaultConfiguration": {"level": LEVEL[severity]},
        }

    def _result(self, path: str, f: Finding, index: dict[str, int], sure: bool = True) -> dict[str, Any]:
        loc = f.location
        props: dict[str, Any] = {"severity": f.severity.value, "where": loc.describe()}
        for key in ("page", "section"):
            value = getattr(loc, key)
            if value is not None:
                props[key] = value
        for key in ("table", "row", "column"):  # 1-based, as people count
            value = getattr(loc, key)
            if value is not None:
                props[key] = value + 1
        if self.fix(f):
            props["fix"] = self.fix(f)
        if self.excerpt(f):
            props["excerpt"] = self.excerpt(f)
        props["confidence"] = f.confidence.value
        text = self.message(f) + (f" How to fix: {self.fix(f)}" if self.fix(f) else "")
        location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}
        logical = _logical(f)
        if logical:
            location["logicalLocations"] = [logical]
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            # a finding less sure than min-confidence is a note: shown, never failing a gate
            "level": LEVEL[f.severity] if sure else "note",
            "message": {"text": text},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint(path)},
            # SARIF's rank (0-100) is how sure the tool is: dashboards sort and filter on it
            "rank": RANK[f.confidence.value],
            "properties": props,
        }
        return result

    def _notification(self, r) -> dict[str, Any]:
        err = r.error
        return {
            "level": "error",
            "message": {"text": err.message if err else "the file could not be read"},
            "descriptor": {"id": err.code if err else "unreadable"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path)}}}],
        }


def _logical(f: Finding) -> dict[str, Any] | None:
    """section > table N > row M, as a logical location (documents have no lines)."""
    loc = f.location
    parts = []
    if loc.section:
        parts.append(loc.section)
    if loc.table is not None:
        parts.append(f"table {loc.table + 1}")
        if loc.row is not None:
            parts.append(f"row {loc.row + 1}")
    if not parts:
        return None
    kind = "row" if loc.row is not None else ("table" if loc.table is not None else "section")
    return {"name": parts[-1], "fullyQualifiedName": " > ".join(parts), "kind": kind}


def _plain(markdown: str) -> str:
    """The rule page without Markdown emphasis: fine for plain-text viewers."""
    return markdown.replace("**", "").replace("`", "")


@hookimpl
def strategy_lint_formatters():
    return {"sarif": SarifFormatter}
