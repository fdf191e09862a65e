"""The error boundary around plugin code: what is contained, and what a rule may return.

Plugin code runs inside the engine's process (in a supervised worker, see
``supervisor.py``).  Whatever it raises, returns or does to its process must become one
finding or one file error, never the end of the run:

- ``CONTAINED``: a check or a plugin import that raises ``SystemExit``,
  ``KeyboardInterrupt`` or ``GeneratorExit`` is a crash of that plugin like any exception
  (workers ignore SIGINT, so an interrupt there can only come from plugin code);
- :func:`check_reports`: a rule's results are validated before the engine touches them (a
  str, ``block="3"``, an unknown severity would otherwise crash the formatters far from
  the rule that caused it);
- :func:`stopped_rule_finding`: the SL000 for a rule the supervisor had to stop from
  outside (it hung past its budget, or its process died).

Messages never carry exception messages or returned values: either may quote the record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .findings import Confidence, Finding, Severity, crashed_check

#: Exceptions from plugin code that are that plugin's failure, not the run's.  Time budgets
#: (``budget.BudgetExceeded``) are deliberately not here: they must reach their handler.
CONTAINED: tuple[type[BaseException], ...] = (Exception, SystemExit, KeyboardInterrupt, GeneratorExit)

#: Report fields the engine reads, with the types it accepts (None always allowed).
_OPTIONAL_STR = ("fix", "section", "excerpt")


def report_problem(report: Any) -> str | None:
    """Why ``report`` cannot become a finding (plain words, no values), or None if it can."""
    from .rules import Report

    if not isinstance(report, Report):
        return f"a {type(report).__name__} instead of a Report"
    if not isinstance(getattr(report, "message", None), str) or not report.message.strip():
        return "a Report whose message is not text"
    for name in _OPTIONAL_STR:
        value = getattr(report, name, None)
        if value is not None and not isinstance(value, str):
            return f"a Report whose {name} is not text"
    block = getattr(report, "block", None)
    if block is not None and (type(block) is not int):
        return "a Report whose block is not a whole number"
    severity = getattr(report, "severity", None)
    if severity is not None and not isinstance(severity, Severity):
        return "a Report whose severity is not info, warning or error"
    confidence = getattr(report, "confidence", None)
    if confidence is not None and not isinstance(confidence, Confidence):
        return "a Report whose confidence is not low, medium or high"
    values = getattr(report, "values", None)
    if values is not None and not (isinstance(values, dict) and all(isinstance(k, str) for k in values)):
        return "a Report whose values are not a table of named texts"
    return None


def check_reports(reports: Iterable[Any]) -> tuple[list[Any], list[str]]:
    """Split a rule's results into valid Reports and the problems of the others."""
    good: list[Any] = []
    problems: list[str] = []
    for report in reports:
        problem = report_problem(report)
        if problem is None:
            good.append(report)
        else:
            problems.append(problem)
    return good, problems


def malformed_reports_finding(rule: Any, reg: Any, problems: list[str]) -> Finding:
    """One SL000 for every malformed result of one rule (its valid reports still count).

    ``reg`` is the rule's registration: its ``package`` is who to blame."""
    n = len(problems)
    what = problems[0] if n == 1 else f"{n} malformed results, the first {problems[0]}"
    return crashed_check(
        rule,
        reg.package,
        f"returned {what}; those results were left out and the other checks still ran.",
        plugin=reg.plugin,
    )


def stopped_rule_finding(rule: Any, reg: Any, cause: str) -> Finding:
    """The SL000 for a rule stopped from outside its process; ``cause`` is our own wording."""
    return crashed_check(
        rule,
        reg.package,
        f"{cause}; it was left out and the other checks still ran.",
        plugin=reg.plugin,
        also=" (or raise rule-timeout or max-memory-mb in the configuration)",
    )
