"""Supervised checks: every record is read and checked in a worker process we can stop.

Why a process, and not only the in-process time budgets of ``budget.py``: plugin code can
switch SIGALRM off, swallow every exception in a loop, hang at import, call ``os._exit``,
or allocate until the machine swaps; a C call (a regex, an XML parse) cannot be
interrupted at all.  Only a process boundary contains all of that.  The budgets still run
inside the worker and handle the common case (a slow rule) without losing the worker;
the supervisor is the backstop.

How:
- A worker (``worker.py``) is long-lived and reused across records, so the start-up cost
  (imports, plugins, spaCy) is paid once per run, as before.  It is forked from this
  process when this process has a single thread (the CLI: cheapest, the imports done so
  far are shared), and started through ``forkserver`` otherwise (``serve``, host
  applications: forking a threaded process is unsafe).
- The worker says what it is about to do (each plugin import, "read", each rule's code,
  "finish", "annotate"); the supervisor keeps the deadline of that stage
  (``rule-timeout``/``file-timeout`` plus :data:`GRACE_SECONDS`) and kills the worker when
  it passes.  A dead or killed worker is replaced, and:
  - during a rule: the record is checked again without that rule, which becomes one SL000
    naming the rule, its plugin and the cause; every other rule's findings survive;
  - while reading: the file is one error (``timeout``, ``worker-crashed``);
  - while importing a plugin: that plugin is reported as failing to load and skipped.
- Results come back as plain data (``wire.py``).
- :meth:`Supervisor.close` (also on Ctrl+C, SIGTERM through the CLI's handler, and any
  exception) kills every worker: nothing is left running.

``Supervisor.check(path, annotate=True)`` is the one call ``serve`` needs: one record, its
result, and the commented copy, with the same guarantees.
"""

from __future__ import annotations

import collections
import logging
import multiprocessing
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, PluginLoadError, ReadError, StrategyLintError
from .worker import ANNOTATE, FINISH, READ, WorkerSpec
from .worker import main as worker_main

if TYPE_CHECKING:  # pragma: no cover
    from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext

    from .config import Config
    from .engine import FileResult

log = logging.getLogger("strategy_lint")

#: Added to a stage's budget before the worker is killed: the worker's own alarm comes
#: first when it can, and stopping a rule that way costs no restart.
GRACE_SECONDS = 1.0
#: How often one record may lose its worker before it is given up as an error (each
#: attempt leaves out one more rule, so this only stops a worker that dies for no rule).
MAX_ATTEMPTS = 16
#: Worker start-ups in a row that may fail on a plugin import before the run stops.
MAX_START_ATTEMPTS = 8
#: Plugin imports get the rule budget; this is the floor (a cold import of spaCy is slow).
MIN_IMPORT_SECONDS = 10.0
#: Below this address space a worker cannot import spaCy (~300 MB with a record).
MIN_MEMORY_MB = 400


@dataclass
class Outcome:
    """One record's result (never its document), and its commented copy when one was asked for."""

    result: FileResult
    annotated: bytes | None = None
    #: why there is no commented copy, when one was asked for and could not be made
    note: str | None = None


@dataclass
class _Task:
    """One request and its attempts: check a record, or make a commented copy of it."""

    index: int
    path: Path
    kind: str  # "check" | "annotate"
    annotate: bool = False
    display: Path | None = None  # the name the record is known by (standard input)
    findings: list[Any] | None = None  # plain findings, for "annotate"
    skip: dict[str, str] = field(default_factory=dict)
    attempts: int = 0
    stage: str | None = None
    stage_since: float = 0.0
    started: float = 0.0
    file_seconds: float = 0.0
    rule_seconds: float = 0.0
    result: FileResult | None = None

    def request(self) -> tuple:
        if self.kind == "check":
            return (
                "check",
                str(self.path),
                dict(self.skip),
                self.annotate,
                str(self.display) if self.display else None,
            )
        return ("annotate", str(self.path), self.findings)


class _Worker:
    """One worker process and the two one-way pipes to it (no sockets)."""

    def __init__(self, spec: WorkerSpec, close_fds: tuple[int, ...]) -> None:
        ctx = _context()
        to_worker_r, self.outbox = ctx.Pipe(duplex=False)
        self.inbox, from_worker_w = ctx.Pipe(duplex=False)
        # A forked child inherits every descriptor: it closes our ends of its pipes and the
        # other workers' (so that EOF means what it says).  A forkserver child inherits none.
        inherited = close_fds + self.fds() if ctx.get_start_method() == "fork" else ()
        self.process = ctx.Process(
            target=worker_main,
            args=(spec, to_worker_r, from_worker_w, inherited),
            name="strategy-lint-worker",
            daemon=True,
        )
        for stream in (sys.stdout, sys.stderr):  # a forked child must not write our buffers again
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        self.process.start()
        to_worker_r.close()
        from_worker_w.close()
        self.task: _Task | None = None
        self.killed_for: str | None = None
        self.done = 0

    def fds(self) -> tuple[int, ...]:
        return (self.outbox.fileno(), self.inbox.fileno())

    def send(self, message: tuple) -> bool:
        try:
            self.outbox.send(message)
            return True
        except (OSError, ValueError):
            return False

    def kill(self) -> None:
        if self.process.is_alive():
            try:
                self.process.kill()  # SIGKILL: nothing inside can catch or ignore it
            except (ProcessLookupError, OSError):
                pass
        self.process.join(5)
        for conn in (self.outbox, self.inbox):
            conn.close()

    def stop(self) -> None:
        """Ask politely (close its inbox), then make sure."""
        try:
            self.outbox.close()
        except OSError:
            pass
        self.process.join(0.5)
        self.kill()

    def death(self) -> str:
        """Why the worker is gone, in words for a finding (never a message from inside it)."""
        if self.killed_for:
            return self.killed_for
        self.process.join(2)
        code = self.process.exitcode
        if code is None:
            return "stopped answering"
        if code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
            if -code == getattr(signal, "SIGKILL", None):
                return f"was killed by {name} (out of memory?)"
            return f"crashed its process ({name})"
        return f"ended its process (exit status {code})"


def _context() -> ForkContext | ForkServerContext | SpawnContext:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


class _Configs:
    """The configuration for a record, as the worker's Linter finds it (cached per folder)."""

    def __init__(self, config_path: Path | None, fixed: Config | None = None) -> None:
        self.config_path = config_path
        self.fixed = fixed
        self._cache: dict[Path | None, Config] = {}

    def __call__(self, path: Path) -> Config:
        from .config import load_config

        if self.fixed is not None:
            return self.fixed
        key = None if self.config_path is not None else (path if path.is_dir() else path.parent).resolve()
        if key not in self._cache:
            self._cache[key] = load_config(self.config_path, key or Path.cwd())
        return self._cache[key]


class Supervisor:
    """Runs records through up to ``jobs`` worker processes; results in request order.

    Use as a context manager (or call :meth:`close`): workers are killed on the way out.
    ``config_for`` gives the configuration for a record (its time budgets); by default the
    one the worker's Linter uses too: ``spec.config_path``, or the file closest to the record.
    """

    def __init__(
        self,
        spec: WorkerSpec,
        *,
        jobs: int = 1,
        config_for: Callable[[Path], Config] | None = None,
        plugin_seconds: float = 30.0,
        recycle_after: int | None = None,
    ) -> None:
        if spec.max_memory_mb is not None and spec.max_memory_mb < MIN_MEMORY_MB:
            raise ConfigError(
                f"max-memory-mb {spec.max_memory_mb:g} is too little for a process that checks records "
                f"(it needs about 300 MB): use at least {MIN_MEMORY_MB}; the default is 2048"
            )
        self.spec = spec
        self.jobs = max(1, jobs)
        self.config_for = config_for or _Configs(spec.config_path, spec.config)
        #: a worker is replaced after this many records (a long-running host such as ``serve``:
        #: spaCy's string store keeps every word it has seen for the life of its process)
        self.recycle_after = recycle_after
        self.plugin_seconds = max(plugin_seconds, MIN_IMPORT_SECONDS)
        #: plugins a worker could not import (hung, died): name -> why; never imported again
        self.skipped_plugins: dict[str, str] = dict(spec.skip_plugins)
        self._idle: list[_Worker] = []
        self._busy: list[_Worker] = []

    # -- life cycle -----------------------------------------------------------------------

    def __enter__(self) -> Supervisor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        workers, self._idle, self._busy = self._idle + self._busy, [], []
        for worker in workers:
            worker.stop()

    def start(self) -> Supervisor:
        """Start one worker now and wait until it is ready: its plugin imports are vetted.

        Raises ConfigError / PluginLoadError as the in-process Linter would.
        """
        if not self._idle and not self._busy:
            self._idle.append(self._spawn())
        return self

    def _spec(self) -> WorkerSpec:
        from dataclasses import replace

        return replace(self.spec, skip_plugins=tuple(sorted(self.skipped_plugins.items())))

    def _spawn(self) -> _Worker:
        """A ready worker; a plugin whose import hangs or kills it is skipped from then on."""
        for _ in range(MAX_START_ATTEMPTS):
            others = tuple(fd for w in self._idle + self._busy for fd in w.fds())
            worker = _Worker(self._spec(), others)
            loading = self._await_ready(worker)
            if loading is None:
                return worker
            if self.spec.strict_plugins:
                raise PluginLoadError(f"plugin {loading!r} failed to load: it {self.skipped_plugins[loading]}")
        raise StrategyLintError("worker processes kept failing to start: run with -vv and report it")

    def _await_ready(self, worker: _Worker) -> str | None:
        """None when ready; else the plugin whose import the worker did not survive."""
        loading: str | None = None
        deadline = time.monotonic() + self.plugin_seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not worker.inbox.poll(remaining):
                worker.killed_for = f"took longer than {self.plugin_seconds:g} s"
                worker.kill()
                break
            try:
                message = worker.inbox.recv()
            except (EOFError, OSError):
                break
            if message[0] == "loading":  # "" once every import is done
                loading, deadline = message[1] or None, time.monotonic() + self.plugin_seconds
            elif message[0] == "ready":
                return None
            elif message[0] == "fatal":
                worker.kill()
                _raise_fatal(message)
        cause = worker.death()
        worker.kill()
        if loading is None or loading in self.skipped_plugins:
            raise StrategyLintError(f"the worker process could not start: it {cause}; run with -vv and report it")
        log.debug("a plugin import stopped a worker; skipping that plugin")
        self.skipped_plugins[loading] = f"{cause} while being imported"
        return loading

    # -- checking -------------------------------------------------------------------------

    def check(self, path: Path, *, annotate: bool = False, display: Path | None = None) -> Outcome:
        """Check one record (and make its commented copy if ``annotate``), supervised.

        ``display``: the name the record is known by when ``path`` only holds its bytes
        (configuration, ignores, baseline and the result use it)."""
        return next(self._run([_Task(0, Path(path), "check", annotate=annotate, display=display)]))

    def check_many(self, paths: Iterable[Path]) -> Iterator[FileResult]:
        """Check records, up to ``jobs`` at a time; results in the order of ``paths``.

        The first records are sent to the workers now, before the first result is asked
        for, so the caller's own start-up work runs while they are checked.
        """
        tasks = [_Task(i, Path(p), "check") for i, p in enumerate(paths)]
        return (outcome.result for outcome in self._run(tasks))

    def annotate_many(self, items: Iterable[tuple[FileResult, Any]]) -> Iterator[Outcome]:
        """Commented copies of records already checked: (result, ...) -> Outcome in order."""
        from .wire import plain

        tasks = []
        for i, (result, _extra) in enumerate(items):
            task = _Task(i, Path(result.path), "annotate", findings=[plain(f) for f in result.findings])
            task.result = result
            tasks.append(task)
        yield from self._run(tasks)

    # -- the loop -------------------------------------------------------------------------

    def _run(self, tasks: list[_Task]) -> Iterator[Outcome]:
        pending = collections.deque(tasks)
        self._dispatch(pending)
        return self._collect(tasks, pending)

    def _collect(self, tasks: list[_Task], pending: collections.deque) -> Iterator[Outcome]:
        finished: dict[int, Outcome] = {}
        next_out = 0
        while next_out < len(tasks):
            self._dispatch(pending)
            if self._busy:
                self._wait(pending, finished)
            while next_out in finished:
                yield finished.pop(next_out)
                next_out += 1

    def _dispatch(self, pending: collections.deque) -> None:
        while pending and (self._idle or len(self._busy) < self.jobs):
            worker = self._idle.pop() if self._idle else self._spawn()
            task = pending.popleft()
            task.attempts += 1
            task.stage, task.started = None, time.monotonic()
            task.stage_since = task.started
            task.file_seconds, task.rule_seconds = self._limits(task)
            worker.task = task
            self._busy.append(worker)
            worker.send(task.request())  # if it died while idle, its pipe's end says so

    def _wait(self, pending: collections.deque, finished: dict[int, Outcome]) -> None:
        now = time.monotonic()
        deadline = min(self._deadline(w.task) for w in self._busy)
        ready = wait([w.inbox for w in self._busy], timeout=max(0.0, deadline - now))
        for worker in list(self._busy):
            if worker.inbox in ready:
                self._drain(worker, pending, finished)
        now = time.monotonic()
        for worker in list(self._busy):
            task = worker.task
            if task is not None and now >= self._deadline(task):
                worker.killed_for = self._overrun(task)
                worker.kill()
                self._lost(worker, pending, finished)

    def _drain(self, worker: _Worker, pending: collections.deque, finished: dict[int, Outcome]) -> None:
        from .wire import result_from_plain

        task = worker.task
        assert task is not None
        while True:
            try:
                if not worker.inbox.poll():
                    return
                message = worker.inbox.recv()
            except (EOFError, OSError):
                self._lost(worker, pending, finished)
                return
            kind = message[0]
            if kind == "stage":
                task.stage, task.stage_since = message[1], time.monotonic()
            elif kind == "result":
                task.result = result_from_plain(message[1])
                task.result.path = str(task.display or task.path)
                if not task.annotate:
                    self._done(worker, finished, Outcome(task.result))
                    return
            elif kind == "annotated":
                assert task.result is not None
                self._done(worker, finished, Outcome(task.result, message[1], message[2]))
                return
            elif kind == "fatal":
                self.close()
                _raise_fatal(message)

    def _done(self, worker: _Worker, finished: dict[int, Outcome], outcome: Outcome) -> None:
        assert worker.task is not None
        finished[worker.task.index] = outcome
        worker.task = None
        worker.done += 1
        self._busy.remove(worker)
        if self.recycle_after is not None and worker.done >= self.recycle_after:
            worker.stop()  # the next record gets a fresh worker
        else:
            self._idle.append(worker)

    def _lost(self, worker: _Worker, pending: collections.deque, finished: dict[int, Outcome]) -> None:
        """The worker died or was killed during ``task``: retry without the culprit, or report."""
        task = worker.task
        assert task is not None
        cause = worker.death()
        worker.kill()
        self._busy.remove(worker)
        worker.task = None
        log.debug("a worker process stopped during stage %s", task.stage if _is_rule(task.stage) else "of a file")
        stage = task.stage
        if task.attempts < MAX_ATTEMPTS and (
            stage is None or (task.kind == "check" and _is_rule(stage) and stage not in task.skip)
        ):
            if stage is not None:  # a rule: check the record again without it
                task.skip[stage] = cause
            task.result = None if task.kind == "check" else task.result
            pending.appendleft(task)  # stage None: it died before starting; not this record's fault
            return
        if task.result is not None and (task.kind == "annotate" or stage == ANNOTATE):
            finished[task.index] = Outcome(task.result, None, f"making the copy {cause}")
            return
        finished[task.index] = Outcome(_file_error(task, cause))

    # -- deadlines ------------------------------------------------------------------------

    def _limits(self, task: _Task) -> tuple[float, float]:
        try:
            config = self.config_for(task.display or task.path)
            return config.file_timeout, config.rule_timeout
        except (ConfigError, OSError):
            from .config import Config

            return Config.file_timeout, Config.rule_timeout

    def _deadline(self, task: _Task | None) -> float:
        if task is None:
            return time.monotonic() + 3600
        file_seconds, rule_seconds = task.file_seconds, task.rule_seconds
        deadline = task.started + file_seconds + GRACE_SECONDS
        if task.stage == ANNOTATE:  # a copy gets a budget of its own after the check
            deadline = task.stage_since + file_seconds + GRACE_SECONDS
        elif _is_rule(task.stage):
            deadline = min(deadline, task.stage_since + rule_seconds + GRACE_SECONDS)
        return deadline

    def _overrun(self, task: _Task) -> str:
        file_seconds, rule_seconds = task.file_seconds, task.rule_seconds
        if not _is_rule(task.stage):
            return f"took too long (over the {file_seconds:g} s limit)"
        if time.monotonic() < task.started + file_seconds + GRACE_SECONDS:
            return f"took too long (over the {rule_seconds:g} s rule-timeout, and did not stop when asked)"
        # the record's own time ran out inside this check: the check is to blame, as in process
        return (
            f"was still running when this record's {file_seconds:g} s file-timeout ran out, and did not stop when asked"
        )


def _is_rule(stage: str | None) -> bool:
    return stage is not None and stage not in (READ, FINISH, ANNOTATE)


def _file_error(task: _Task, cause: str) -> FileResult:
    from .budget import file_timeout_error
    from .engine import FileResult

    if cause.startswith("took too long"):
        error = file_timeout_error(task.file_seconds)
    elif task.attempts >= MAX_ATTEMPTS:
        error = ReadError(
            "worker-crashed",
            "not checked: the checks kept stopping their process; report it to the plugins' maintainers",
        )
    else:
        error = ReadError(
            "worker-crashed",
            f"the process checking this file {cause}: check the file is the right one, "
            "or raise max-memory-mb in the configuration",
        )
    return FileResult(str(task.display or task.path), "error", error=error)


def _raise_fatal(message: tuple) -> None:
    _, kind, text = message
    if kind == "config":
        raise ConfigError(text)
    if kind == "plugin":
        raise PluginLoadError(text)
    if kind == "memory":
        raise ConfigError(text)
    raise StrategyLintError(f"internal error ({text}); run with -vv for details and please report it")
