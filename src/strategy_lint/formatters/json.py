"""``--format json``: the versioned, documented schema (docs/output-formats.md)."""

from __future__ import annotations

import json

from ..hookspecs import hookimpl
from ..verdict import verdict
from .base import Formatter, Summary

SCHEMA_VERSION = 1


class JsonFormatter(Formatter):
    name = "json"

    def render(self, results, summary: Summary) -> str:
        files = []
        for r in results:
            files.append(
                {
                    "path": r.path,
                    "status": r.status,
                    "verdict": verdict(r).value,
                    "error": {"code": r.error.code, "message": r.error.message} if r.error else None,
                    "findings": [f.to_dict(excerpts=self.excerpts) for f in r.findings],
                }
            )
        payload = {"version": SCHEMA_VERSION, "files": files, "summary": summary.to_dict()}
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


@hookimpl
def strategy_lint_formatters():
    return {"json": JsonFormatter}
