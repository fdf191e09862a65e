"""``check --statistics``: how many findings each rule made, as ruff's ``--statistics`` prints.

For a records team deciding what to fix first (or what to configure): the report itself is
replaced by one line per rule, most frequent first.  No record text, no file names.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .engine import FileResult

#: the formats --statistics can print (ruff: text and json)
FORMATS = ("text", "json")


def statistics(results: Iterable[FileResult]) -> list[dict]:
    """One row per rule that fired: code, name and count, most frequent first."""
    counts: Counter[tuple[str, str]] = Counter()
    for r in results:
        for f in r.findings:
            counts[(f.code, f.name)] += 1
    rows = [{"code": code, "name": name, "count": n} for (code, name), n in counts.items()]
    return sorted(rows, key=lambda row: (-row["count"], row["code"]))


def render_statistics(results: list[FileResult], fmt: str) -> str:
    rows = statistics(results)
    if fmt == "json":
        return json.dumps(rows, indent=2) + "\n"
    if not rows:
        return ""
    width = max(len(str(row["count"])) for row in rows)
    code_width = max(len(row["code"]) for row in rows)
    return "".join(f"{row['count']:>{width}}  {row['code']:<{code_width}}  {row['name']}\n" for row in rows)
