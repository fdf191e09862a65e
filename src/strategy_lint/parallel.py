"""``--jobs N``: check many records in parallel processes, reporting in input order.

Each worker process builds its own Linter once (plugins, lexicon, spaCy pipeline) from a
picklable :class:`LinterSpec`, then checks one file per task.  Results come back as
``FileResult`` objects without their ``document`` (a document model is large and holds
reader handles: it must not cross processes); a caller that needs it (annotation) reads
the file again in the parent with ``Linter.read``.

Workers are started with ``forkserver`` where it exists (POSIX) and ``spawn`` elsewhere:
never plain ``fork``, which copies the parent's threads and locks and is unsafe.
Output order is the input order, whatever order the workers finish in, so ``--jobs 2``
prints exactly what ``--jobs 1`` prints.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from .errors import ReadError

if TYPE_CHECKING:  # pragma: no cover
    from .engine import FileResult, Linter

log = logging.getLogger("strategy_lint")

#: how many times a crashed worker pool is replaced before the remaining files are given up
MAX_POOL_RESTARTS = 10


@dataclass(frozen=True)
class LinterSpec:
    """What a worker needs to build the same Linter as the parent (all picklable)."""

    config_path: Path | None = None
    strict_plugins: bool = False
    select: list[str] | None = None
    ignore: list[str] | None = None
    baseline_path: Path | None = None
    log_level: int = logging.WARNING
    cwd: str = field(default_factory=os.getcwd)


def job_count(jobs: int) -> int:
    """``--jobs 0`` means one per CPU; negative values are a usage error."""
    if jobs < 0:
        from .errors import ConfigError

        raise ConfigError("--jobs must be 0 (one per CPU) or a positive number")
    if jobs == 0:
        return os.cpu_count() or 1
    return jobs


def lint_files(linter: "Linter", files: Iterable[Path], jobs: int, spec: LinterSpec) -> Iterator["FileResult"]:
    """Lint ``files`` with ``jobs`` processes; yield results in the order of ``files``.

    One job (or one file) runs in this process with ``linter``: no pool start-up cost.
    """
    files = list(files)
    jobs = min(job_count(jobs), len(files))
    if jobs <= 1:
        for path in files:
            yield linter.lint_file(path)
        return
    yield from _pooled(files, jobs, spec)


def lint_paths(linter: "Linter", paths: Iterable[Path], jobs: int, spec: LinterSpec) -> Iterator["FileResult"]:
    """Like ``Linter.lint_paths`` (folders walked, excludes applied) with ``jobs`` processes."""
    from .engine import iter_files

    return lint_files(linter, iter_files(paths, linter.default_config.exclude), jobs, spec)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _pooled(files: list[Path], jobs: int, spec: LinterSpec) -> Iterator["FileResult"]:
    pending = list(files)
    restarts = 0
    while pending:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_init_worker, initargs=(spec,)) as pool:
            futures: list[Future] = [pool.submit(_lint_one, str(p)) for p in pending]
            done = 0
            broken = False
            for path, fut in zip(pending, futures):
                try:
                    result = _from_wire(fut.result())
                except BrokenProcessPool:
                    broken = True
                    break
                except Exception as exc:  # a result that failed to cross back: one line, go on
                    result = _error(path, "internal-error", f"strategy-lint failed on this file ({type(exc).__name__}): please report it")
                done += 1
                yield result
        if not broken:
            return
        # A worker died (out of memory, a crash in C code).  All unfinished futures fail
        # together, so check the first unfinished file alone to know whether it is the
        # culprit; a different culprit breaks the next pool and is found the same way.
        restarts += 1
        log.debug("a worker process stopped unexpectedly; restarting the pool")
        yield _alone(pending[done], spec)
        pending = pending[done + 1 :]
        if restarts > MAX_POOL_RESTARTS:
            for path in pending:
                yield _error(path, "worker-crashed", "not checked: worker processes kept stopping; run again with --jobs 1")
            return


def _alone(path: Path, spec: LinterSpec) -> "FileResult":
    """Check one file in a pool of its own: its result, or the crash it causes."""
    with ProcessPoolExecutor(max_workers=1, mp_context=_context(), initializer=_init_worker, initargs=(spec,)) as pool:
        try:
            return _from_wire(pool.submit(_lint_one, str(path)).result())
        except BrokenProcessPool:
            return _error(
                path,
                "worker-crashed",
                "the process checking this file stopped unexpectedly (out of memory?): check the file on its own with --jobs 1",
            )


def _error(path: Path, code: str, message: str) -> "FileResult":
    from .engine import FileResult

    return FileResult(str(path), "error", error=ReadError(code, message))


# -- in the worker process -------------------------------------------------------------------

_worker_linter: "Linter | None" = None


def _init_worker(spec: LinterSpec) -> None:
    """Build this worker's Linter once; keep its logging as quiet as the parent's."""
    global _worker_linter
    # Only our logger gets the user's verbosity: third-party debug logs (pdfminer) quote text.
    from .cli import only_ours

    logging.basicConfig(level=logging.WARNING, format="strategy-lint: %(levelname)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(only_ours)
    logging.getLogger("strategy_lint").setLevel(spec.log_level)
    os.chdir(spec.cwd)
    from .engine import Linter

    kwargs = dict(config_path=spec.config_path, strict_plugins=spec.strict_plugins, select=spec.select, ignore=spec.ignore)
    if spec.baseline_path is not None:
        from .baseline import Baseline

        kwargs["baseline"] = Baseline.load(spec.baseline_path)
    _worker_linter = Linter(**kwargs)


def _lint_one(path: str) -> tuple:
    assert _worker_linter is not None, "worker not initialised"
    return _to_wire(_worker_linter.lint_file(Path(path)))


# -- crossing the process boundary ---------------------------------------------------------
# A FileResult is sent as plain data: the document never crosses, and ReadError (an
# exception with a two-argument constructor) does not survive pickling as itself.  A
# result the parent cannot unpickle would break the whole pool, so keep this boring.


def _to_wire(result: "FileResult") -> tuple:
    error = (result.error.code, result.error.message) if result.error is not None else None
    return (result.path, result.status, result.findings, error, result.fail_on.value, result.baselined, result.min_confidence.value)


def _from_wire(data: tuple) -> "FileResult":
    from .engine import FileResult
    from .findings import Confidence, Severity

    path, status, findings, error, fail_on, baselined, min_confidence = data
    return FileResult(
        path, status, findings, error=ReadError(*error) if error else None, fail_on=Severity(fail_on),
        baselined=baselined, min_confidence=Confidence(min_confidence),
    )
