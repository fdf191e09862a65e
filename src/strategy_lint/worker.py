"""The worker side of supervised checks: one long-lived process that reads and checks records.

The supervisor (``supervisor.py``) starts it, sends it one request at a time and may kill
it at any moment; so the worker tells the supervisor what it is about to do before doing
it (each plugin import at start-up, then for each record: "read", each rule's code,
"finish", "annotate"), and sends results as plain data (``wire.py``).

A worker is a bounded place for plugin code to misbehave in: its address space is capped
(``max-memory-mb``), its stdout goes nowhere (a plugin's print can neither corrupt a report
nor leak record text to a log), Ctrl+C is left to the supervisor (the terminal sends SIGINT
to the whole process group), and on Linux it is killed if the supervisor dies.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .boundary import CONTAINED

MB = 1024 * 1024

#: Stages a worker reports besides rule codes.
READ, FINISH, ANNOTATE = "read", "finish", "annotate"


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker needs to build the same Linter as its supervisor (all picklable)."""

    config_path: Path | None = None
    #: one configuration for every record, whatever folder it is in (``serve``: uploads sit in
    #: a private temporary folder); None: the file closest to each record, as the CLI does
    config: Any = None
    strict_plugins: bool = False
    select: list[str] | None = None
    ignore: list[str] | None = None
    baseline_path: Path | None = None
    log_level: int = logging.WARNING
    cwd: str = field(default_factory=os.getcwd)
    #: the worker's address-space limit in MB (None: no limit)
    max_memory_mb: float | None = None
    #: plugins not to import (name -> why), found by an earlier worker's start-up
    skip_plugins: tuple[tuple[str, str], ...] = ()


def main(spec: WorkerSpec, inbox: Any, outbox: Any, close_fds: tuple[int, ...] = ()) -> None:
    """The worker process: build the Linter, then answer requests until told to stop."""
    _become_worker(spec, close_fds)

    def tell(*message: Any) -> None:
        outbox.send(message)

    from .errors import ConfigError, PluginLoadError

    try:
        linter = _build_linter(spec, lambda name: tell("loading", name))
    except ConfigError as exc:
        tell("fatal", "config", str(exc))
        return
    except PluginLoadError as exc:
        tell("fatal", "plugin", str(exc))
        return
    except MemoryError:
        tell(
            "fatal",
            "memory",
            f"max-memory-mb {spec.max_memory_mb:g} is too little for a worker to start: raise it (2048 is the default)",
        )
        return
    except CONTAINED as exc:
        tell("fatal", "internal", _where(exc))
        return
    tell("ready")
    linter.monitor = lambda stage: tell("stage", stage)
    while True:
        try:
            request = inbox.recv()
        except (EOFError, OSError):
            return  # the supervisor is gone
        try:
            if request[0] == "check":
                _check(linter, request, tell)
            elif request[0] == "annotate":
                _annotate_again(linter, request, tell)
            else:
                return
        except ConfigError as exc:  # a folder's own configuration is wrong: the run stops
            tell("fatal", "config", str(exc))
            return


def _become_worker(spec: WorkerSpec, close_fds: tuple[int, ...]) -> None:
    for fd in close_fds:  # other workers' pipe ends, inherited through fork
        try:
            os.close(fd)
        except OSError:
            pass
    _die_with_parent()
    import faulthandler

    faulthandler.disable()  # a host's (pytest's) crash dumps are its own business, not a worker's
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    if spec.max_memory_mb:
        try:
            import resource
        except ImportError:  # pragma: no cover - not POSIX: no address-space limit
            resource = None  # type: ignore[assignment]
    if spec.max_memory_mb and resource is not None:
        limit = int(spec.max_memory_mb * MB)
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    # Only our logger speaks (third-party debug logs quote text), at the supervisor's level.
    from .cli import only_ours

    logging.basicConfig(level=logging.WARNING, format="strategy-lint: %(levelname)s: %(message)s")
    for handler in logging.getLogger().handlers:
        if only_ours not in handler.filters:
            handler.addFilter(only_ours)
    logging.getLogger("strategy_lint").setLevel(spec.log_level)
    os.chdir(spec.cwd)


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when its supervisor dies, even by SIGKILL."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        parent = os.getppid()
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)
    except (OSError, AttributeError):
        pass


def _build_linter(spec: WorkerSpec, on_plugin: Callable[[str], None]) -> Any:
    from .engine import Linter

    kwargs: dict[str, Any] = dict(
        config_path=spec.config_path,
        config=spec.config,
        strict_plugins=spec.strict_plugins,
        select=spec.select,
        ignore=spec.ignore,
        skip_plugins=dict(spec.skip_plugins),
        on_plugin=on_plugin,
    )
    if spec.baseline_path is not None:
        from .baseline import Baseline

        kwargs["baseline"] = Baseline.load(spec.baseline_path)
    return Linter(**kwargs)


def _check(linter: Any, request: tuple, tell: Callable[..., None]) -> None:
    from .wire import result_to_plain

    _, path, skip, annotate, display = request
    path = Path(path)
    try:
        result = linter.lint_file(path, skip, display=Path(display) if display else None)
    except CONTAINED as exc:  # a bug of ours: one line, and the batch goes on
        result = _internal_error(path, exc)
    document, result.document = result.document, None
    tell("result", result_to_plain(result))
    if annotate:
        tell("stage", ANNOTATE)
        tell("annotated", *_annotated(path, document, result.findings))


def _annotate_again(linter: Any, request: tuple, tell: Callable[..., None]) -> None:
    """A commented copy of a record checked earlier (the CLI writes the report first)."""
    from .errors import ReadError
    from .findings import Finding
    from .wire import rebuild

    _, path, findings = request
    path = Path(path)
    tell("stage", READ)
    try:
        document = linter.read(path)
    except ReadError as err:
        tell("annotated", None, f"the record could not be read again ({err.code})")
        return
    except CONTAINED as exc:
        tell("annotated", None, f"the record could not be read again ({type(exc).__name__})")
        return
    tell("stage", ANNOTATE)
    tell("annotated", *_annotated(path, document, [rebuild(Finding, f) for f in findings]))


def _annotated(path: Path, document: Any, findings: list) -> tuple[bytes | None, str | None]:
    """(the commented copy, or None and why not)."""
    if document is None:
        return None, None
    if document.format != "docx":
        return None, "only .docx copies can carry Word comments"
    from .annotate import AnnotateError, annotate_docx

    try:
        return annotate_docx(path, document, findings), None
    except AnnotateError as exc:
        return None, str(exc)
    except MemoryError:
        return None, "making the copy needed more memory than max-memory-mb allows"
    except CONTAINED as exc:
        return None, f"python-docx failed ({type(exc).__name__})"


def _internal_error(path: Path, exc: BaseException) -> Any:
    from .engine import FileResult
    from .errors import ReadError

    return FileResult(
        str(path),
        "error",
        error=ReadError("internal-error", f"strategy-lint failed on this file ({_where(exc)}): please report it"),
    )


def _where(exc: BaseException) -> str:
    from .engine import _where as where

    return where(exc)
