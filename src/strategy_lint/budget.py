"""Time budgets: a file or a rule that runs too long is stopped, and the batch goes on.

Why SIGALRM and not a thread or a process per file: a Python thread cannot be killed, and
a worker process per file costs a fresh interpreter (imports, plugins, lexicon) for every
record, which would make the pre-commit case slow.  A POSIX interval timer on the main
thread raises an exception into whatever Python code is running, including
``while True: pass`` and ``time.sleep``, at no cost when nothing overruns.  ``--jobs N``
workers run each file on their own main thread, so budgets hold there too.

Limits (documented in docs/security.md):
- a single long call inside C code (a regex, an lxml parse) is interrupted only when it
  returns to Python;
- where SIGALRM does not exist (Windows) or off the main thread, nothing can be stopped:
  the budget is checked when the work ends and the result is replaced by the same
  "took too long" outcome, so reports do not depend on the platform.

The exceptions derive from BaseException so that a rule's own ``except Exception`` cannot
swallow its timeout.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


class BudgetExceeded(BaseException):
    """A time budget ran out.  ``seconds`` is the budget that was exceeded."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"time budget of {seconds:g} s exceeded")
        self.seconds = seconds


class FileTimeout(BudgetExceeded):
    """Reading and checking one file took longer than ``file-timeout``."""


class RuleTimeout(BudgetExceeded):
    """One rule took longer than ``rule-timeout`` on one file."""


class StoppedInCheck(FileTimeout):
    """The file's time ran out inside a check: what the engine needs to finish the record
    outside the budget (the document, its plan, the findings so far, the rules that ran)."""

    def __init__(self, seconds: float, doc, plan, findings: list, ran: list) -> None:
        super().__init__(seconds)
        self.doc, self.plan, self.findings, self.ran = doc, plan, findings, ran


@dataclass
class _Deadline:
    at: float  # time.monotonic() value
    seconds: float
    error: type[BudgetExceeded]


_stack: list[_Deadline] = []


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


#: If a budget's exception is swallowed (a bare ``except:``, or raised inside a destructor,
#: where Python only prints "Exception ignored"), it is raised again this often until the
#: budgeted block is left.
RETRY_SECONDS = 0.05


def _arm() -> None:
    """Point the interval timer at the earliest deadline (or switch it off)."""
    if not _stack:
        signal.setitimer(signal.ITIMER_REAL, 0)
        return
    remaining = min(d.at for d in _stack) - time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, remaining if remaining > 0.001 else RETRY_SECONDS)


def _on_alarm(signum, frame) -> None:  # noqa: ARG001 - signal handler signature
    now = time.monotonic()
    due = [d for d in _stack if d.at <= now + 0.0005]
    if not due:
        _arm()  # woke early (timer rounding): wait for the rest
        return
    # The outermost due deadline wins: a file budget beats the rule budget inside it.
    deadline = due[0]
    signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)  # again, if this one is swallowed
    raise deadline.error(deadline.seconds)


@contextmanager
def limit(seconds: float | None, error: type[BudgetExceeded]) -> Iterator[None]:
    """Run the body under a budget of ``seconds``; raise ``error`` when it runs out.

    ``None`` or a non-positive value means no budget.  Budgets nest (a rule inside a file).
    """
    if not seconds or seconds <= 0:
        yield
        return
    start = time.monotonic()
    if not _can_alarm():
        yield
        if time.monotonic() - start > seconds:
            raise error(seconds)
        return
    deadline = _Deadline(start + seconds, seconds, error)
    previous = signal.getsignal(signal.SIGALRM) if not _stack else None
    if not _stack:
        signal.signal(signal.SIGALRM, _on_alarm)
    _stack.append(deadline)
    _arm()
    try:
        yield
    finally:
        _stack.remove(deadline)
        _arm()
        if not _stack:
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


def file_budget(seconds: float | None):
    """The per-file budget (``file-timeout``)."""
    return limit(seconds, FileTimeout)


def rule_budget(seconds: float | None):
    """The per-rule budget (``rule-timeout``)."""
    return limit(seconds, RuleTimeout)


# -- what an overrun becomes in the report --------------------------------------------------


def rule_timeout_finding(rule, package: str, seconds: float):
    """The SL000 finding for a rule stopped by its budget (the other rules still ran).

    ``package`` is who to blame: the distribution, or a local plugin file.
    """
    from .findings import crashed_check

    return crashed_check(
        rule,
        package,
        f"took too long (over the {seconds:g} s rule-timeout) and was stopped; the other checks still ran.",
        plugin=package,
        also=", or raise rule-timeout in the configuration",
    )


def file_timeout_in_check(rule, package: str, seconds: float, skipped: list[str]):
    """The SL000 finding for a check still running when the file's own budget ran out."""
    from .findings import crashed_check

    after = f"; {len(skipped)} check(s) after it did not run ({', '.join(skipped)})" if skipped else ""
    return crashed_check(
        rule,
        package,
        f"was still running when this record's {seconds:g} s file-timeout ran out, and was "
        f"stopped{after}. The findings of the checks that finished are shown.",
        plugin=package,
        also=", or raise file-timeout in the configuration",
    )


def file_timeout_error(seconds: float):
    """The one-line ReadError for a file whose reading overran its budget."""
    from .errors import ReadError

    return ReadError(
        "timeout",
        f"reading this file took longer than the {seconds:g} s file-timeout and was stopped: "
        "check it is the right file, or raise file-timeout in the configuration",
    )


def traceback_without_messages(exc: BaseException) -> str:
    """A traceback for -vv that names files, lines and exception types, never messages.

    Exception messages (and source lines of data-driven code) can carry document text;
    file names, line numbers and function names cannot.
    """
    import traceback

    lines = []
    chain: BaseException | None = exc
    while chain is not None:
        for frame in traceback.extract_tb(chain.__traceback__):
            lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
        lines.append(f"{type(chain).__module__}.{type(chain).__qualname__}")
        chain = chain.__cause__ or (None if chain.__suppress_context__ else chain.__context__)
    return "\n".join(lines)
