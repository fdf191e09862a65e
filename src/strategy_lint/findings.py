"""Findings: what the engine reports, and the location a person can find in Word."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from enum import Enum


#: Text a rule took from the record is written in double quotes in its message (a
#: convention every rule follows), so --no-excerpts can take it out of every format.
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')


def without_quotes(text: str | None) -> str | None:
    """``text`` with every double-quoted part (record text, by convention) replaced by "…"."""
    return _QUOTED.sub('"…"', text) if text else text


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(
                f"unknown severity {value!r}: use one of info, warning, error"
            ) from None


@dataclass(frozen=True)
class Location:
    """Where a person finds the problem: page (where known), section, table/row/column.

    ``block`` is the model's block index: stable for a given file, useful to tools,
    meaningless to people, so the text formatter never shows it on its own.
    """

    page: int | None = None
    section: str | None = None
    block: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None

    def describe(self) -> str:
        """Plain-English location, e.g. 'page 2, section "Actions", table 3 row 4'."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.section:
            parts.append(f'section "{self.section}"')
        if self.table is not None:
            where = f"table {self.table + 1}"
            if self.row is not None:
                where += f", row {self.row + 1}"
            parts.append(where)
        return ", ".join(parts) if parts else "whole record"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    fix: str | None = None
    location: Location = field(default_factory=Location)
    excerpt: str | None = None
    plugin: str | None = None

    def fingerprint(self, path_key: str = "") -> str:
        """A stable identity for baselines and SARIF: not the line (documents have none).

        Built from the rule code, the section and table position and the message, so it
        survives edits elsewhere in the record but changes when the finding itself does.
        """
        loc = self.location
        raw = "|".join(
            str(x)
            for x in (path_key, self.code, loc.section, loc.table, loc.row, loc.column, self.message)
        )
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]

    def to_dict(self, *, excerpts: bool = True) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message if excerpts else without_quotes(self.message),
            "fix": self.fix if excerpts else without_quotes(self.fix),
            "location": self.location.to_dict(),
            "excerpt": self.excerpt if excerpts else None,
        }
