"""``--jobs N``: check many records in parallel supervised workers, reporting in input order.

Every check runs in a worker process of ``supervisor.py`` (also with one job): the
supervisor gives each record its time budgets from outside, replaces a worker that dies,
and returns results as plain data, without their ``document``.  Output order is the
input order, whatever order the workers finish in, so ``--jobs 2`` prints exactly what
``--jobs 1`` prints.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .supervisor import Supervisor
from .worker import WorkerSpec

if TYPE_CHECKING:  # pragma: no cover
    from .engine import FileResult, Linter

#: The picklable description of a Linter a worker builds (the name predates supervision).
LinterSpec = WorkerSpec


def job_count(jobs: int) -> int:
    """``--jobs 0`` means one per CPU; negative values are a usage error."""
    if jobs < 0:
        from .errors import ConfigError

        raise ConfigError("--jobs must be 0 (one per CPU) or a positive number")
    if jobs == 0:
        return os.cpu_count() or 1
    return jobs


def lint_files(linter: Linter, files: Iterable[Path], jobs: int, spec: WorkerSpec) -> Iterator[FileResult]:
    """Lint ``files`` in up to ``jobs`` supervised workers; yield results in the order of ``files``."""
    files = list(files)
    jobs = min(job_count(jobs), max(len(files), 1))
    with Supervisor(spec, jobs=jobs, config_for=linter.config_for) as supervisor:
        yield from supervisor.check_many(files)


def lint_paths(linter: Linter, paths: Iterable[Path], jobs: int, spec: WorkerSpec) -> Iterator[FileResult]:
    """Like ``Linter.lint_paths`` (folders walked, excludes applied) with ``jobs`` workers."""
    from .engine import iter_files

    return lint_files(linter, iter_files(paths, linter.default_config.exclude), jobs, spec)
