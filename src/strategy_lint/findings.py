"""Findings: what the engine reports, and the location a person can find in Word."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

#: Text a rule took from the record is written in double quotes in its message (a
#: convention every rule follows), so --no-excerpts can take it out of every format.
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')


def without_quotes(text: str | None) -> str | None:
    """``text`` with every double-quoted part (record text, by convention) replaced by "…".

    Only for messages of third-party rules that splice record text into the message
    themselves; built-in rules pass record text as ``values`` (see :func:`render`).
    """
    return _QUOTED.sub('"…"', text) if text else text


_SLOT = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
MAX_VALUE_CHARS = 80
REDACTED = "…"


def clean_value(value: object) -> str:
    """A record value made safe to show inside a message: one line, no control characters,
    at most :data:`MAX_VALUE_CHARS` characters."""
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1].rstrip() + "…"


def render(template: str | None, values: dict[str, str] | None, *, redact: bool = False) -> str | None:
    """Fill ``{slot}`` in ``template`` with the record values, each in double quotes.

    Redaction is by construction: with ``redact`` every value becomes "…" whatever it
    holds (quotes, newlines, a name), because record text never enters the template
    itself.  A slot with no value is left as written.
    """
    if template is None:
        return None
    values = values or {}

    def fill(m: re.Match[str]) -> str:
        if m.group(1) not in values:
            return m.group(0)
        return f'"{REDACTED}"' if redact else f'"{clean_value(values[m.group(1)])}"'

    return _SLOT.sub(fill, template)


class Confidence(str, Enum):
    """How sure the reading behind a finding is (pylint's idea, for records).

    ``high``: the record was read fully and says what the finding claims; ``medium``: the
    reading is probably right but part of the record was laid out in a way not fully
    understood; ``low``: a hint worth a look.  Only findings at or above
    ``--min-confidence`` (default ``high``) count for the exit code and the verdict.
    """

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return {"low": 0, "medium": 1, "high": 2}[self.value]

    @classmethod
    def parse(cls, value: str | Confidence) -> Confidence:
        if isinstance(value, Confidence):
            return value
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(f"unknown confidence {value!r}: use one of low, medium, high") from None


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r}: use one of info, warning, error") from None


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
    confidence: Confidence = Confidence.HIGH
    #: message and fix as the rule wrote them, with ``{slot}``s for record text; ``message``
    #: and ``fix`` above are these filled in.  None for a message that holds no record text.
    template: str | None = None
    fix_template: str | None = None
    values: dict[str, str] = field(default_factory=dict)

    def shown_message(self, *, excerpts: bool = True) -> str:
        """The message, with record text masked when ``excerpts`` is False."""
        if excerpts:
            return self.message
        if self.template is not None:
            return render(self.template, self.values, redact=True) or ""
        return without_quotes(self.message) or ""

    def shown_fix(self, *, excerpts: bool = True) -> str | None:
        """The fix hint, with record text masked when ``excerpts`` is False."""
        if excerpts:
            return self.fix
        if self.fix_template is not None:
            return render(self.fix_template, self.values, redact=True)
        return without_quotes(self.fix)

    def counts_at(self, confidence: Confidence) -> bool:
        """True if this finding is sure enough to count at ``--min-confidence`` ``confidence``."""
        return self.confidence.rank >= confidence.rank

    def fingerprint(self, path_key: str = "") -> str:
        """A stable identity for baselines and SARIF: not the line (documents have none).

        Built from the rule code, the section and table position and the message, so it
        survives edits elsewhere in the record but changes when the finding itself does.
        """
        loc = self.location
        raw = "|".join(str(x) for x in (path_key, self.code, loc.section, loc.table, loc.row, loc.column, self.message))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]

    def to_dict(self, *, excerpts: bool = True) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "confidence": self.confidence.value,
            "message": self.shown_message(excerpts=excerpts),
            "fix": self.shown_fix(excerpts=excerpts),
            "location": self.location.to_dict(),
            "excerpt": self.excerpt if excerpts else None,
        }


#: The code of a check that crashed, overran its budget or returned malformed results on a
#: record: the record was not fully checked (exit code 2), and it is never suppressed or
#: baselined.
CRASHED = "SL000"


def crashed_check(rule: Any, package: str, what: str, *, plugin: str | None, also: str = "") -> Finding:
    """The one SL000 finding: "The check SL401 (name) from <package> <what>".

    ``package`` is who to blame (a distribution, or a local plugin file), ``what`` says what
    happened in our own words (never an exception message: it could carry record text), and
    ``also`` ends the fix hint (", or raise rule-timeout in the configuration")."""
    return Finding(
        code=CRASHED,
        name="internal-error",
        severity=Severity.ERROR,
        message=f"The check {rule.code} ({rule.name}) from {package} {what}",
        fix=f"This is a fault in the check, not in the record: report it to the maintainers of {package}{also}.",
        plugin=plugin,
    )
