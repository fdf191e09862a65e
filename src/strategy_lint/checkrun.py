"""``strategy-lint check``: records checked in supervised workers, then the outputs, in order.

The order is what keeps a run from losing or harming anything:

1. outputs that are, contain or lie inside an input are refused before any work;
2. a worker starts and imports the plugins (a plugin that hangs or kills it there is
   skipped), then this process loads the same plugins for the formatters;
3. every record is checked in a worker (``supervisor.py``);
4. the report is written first (atomically), then the baseline, then the commented
   copies (exclusively: never replacing a file); an output that fails is one line and
   exit code 2, and the outputs after it are still written;
5. SIGTERM and Ctrl+C unwind through all of this: workers are killed, temporary files
   removed, and no output is left half-written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .cli import EXIT_ERROR, EXIT_OK, _formatter, _status, _write, exit_code_of
from .display import shown
from .findings import Confidence, Severity

log = logging.getLogger("strategy_lint")

DOCX_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})


def run_check(args: Any) -> int:
    with _sigterm_unwinds():
        return _run(args)


def _run(args: Any) -> int:
    from .cli import _linter, _log_setup, _only_lock_files, _split
    from .config import load_config
    from .engine import iter_files
    from .parallel import job_count
    from .supervisor import Supervisor
    from .worker import WorkerSpec

    refused = _refuse_unsafe_targets(args)
    if refused:
        print(f"strategy-lint: {refused}", file=sys.stderr)
        return EXIT_ERROR
    job_count(args.jobs)  # a usage error before any process starts
    started = time.monotonic()
    start = load_config(args.config, Path.cwd())
    spec = WorkerSpec(
        config_path=args.config,
        strict_plugins=args.strict_plugins,
        select=_split(args.select),
        ignore=_split(args.ignore),
        baseline_path=args.baseline,
        log_level=logging.getLogger("strategy_lint").getEffectiveLevel(),
        max_memory_mb=args.max_memory_mb if args.max_memory_mb is not None else start.max_memory_mb,
    )
    stdin = args.stdin_filename is not None or [str(p) for p in args.paths] == ["-"]
    files = [] if stdin else list(iter_files(args.paths, start.exclude))
    jobs = min(job_count(args.jobs), max(len(files), 1))
    with Supervisor(spec, jobs=jobs, plugin_seconds=start.rule_timeout) as supervisor:
        supervisor.start()  # the worker imports the plugins first: this process imports only those it survived
        running = supervisor.check_many(files)  # the first records are being checked from here on
        linter = _linter(args, select=spec.select, ignore=spec.ignore, skip_plugins=supervisor.skipped_plugins)
        formatter_cls = _formatter(linter, args)
        _log_setup(linter)
        results = _check_stdin(supervisor, linter, args) if stdin else _check_all(running, len(files), args)
        if not results:
            if _only_lock_files(args.paths):
                if not args.quiet:
                    print("strategy-lint: nothing to check: only Word lock files (~$…) were given", file=sys.stderr)
                return EXIT_OK
            print("strategy-lint: no records found (looked for .docx and .pdf files)", file=sys.stderr)
            return EXIT_ERROR
        if args.fail_on:
            for r in results:  # --fail-on beats every record's configuration
                r.fail_on = Severity.parse(args.fail_on)
        if getattr(args, "min_confidence", None):
            for r in results:
                r.min_confidence = Confidence.parse(args.min_confidence)
        exit_code = exit_code_of(results, exit_zero=args.exit_zero or args.write_baseline is not None)
        log.info("checked %d record(s) in %.1f s; exit code %d", len(results), time.monotonic() - started, exit_code)
        ok = _write_report(args, linter, formatter_cls, results, exit_code)
        if args.write_baseline is not None:
            ok = _write_baseline(args.write_baseline, results) and ok
        if args.annotate is not None:
            ok = _annotate(supervisor, results, args.annotate) and ok
    return exit_code if ok else EXIT_ERROR


# -- outputs that can never harm a record -----------------------------------------------------


def _refuse_unsafe_targets(args: Any) -> str | None:
    """One line saying why an output target is refused, or None."""
    from .output import unsafe_target

    targets = [("--output", args.output), ("--write-baseline", args.write_baseline), ("--annotate", args.annotate)]
    for option, target in targets:
        if target is None:
            continue
        clash = unsafe_target(target, args.paths)
        if clash is not None:
            return (
                f"{option} {shown(target)} would be written among the records being checked ({shown(clash)}): "
                "choose a place outside them"
            )
    if args.annotate is not None and args.annotate.exists() and not args.annotate.is_dir():
        return f"--annotate {shown(args.annotate)} is a file: give a folder for the commented copies"
    for option, target in targets[:2]:
        if target is not None and target.is_dir():
            return f"{option} {shown(target)} is a folder: give a file name"
    return None


def _check_all(running: Iterator, total: int, args: Any) -> list:
    """Every record's result, with a "checked 3/40" line on a terminal (never file names)."""
    from .progress import Progress

    results = []
    last = time.monotonic()
    with Progress(0 if args.quiet else total) as progress:
        for i, result in enumerate(running, 1):
            results.append(result)
            progress.step()
            now = time.monotonic()
            # never the file's name: it often holds a child's name (the report has it)
            log.info(
                "record %d/%d: %s, %d finding(s), %.2f s", i, total, _status(result), len(result.findings), now - last
            )
            last = now
    return results


def _check_stdin(supervisor: Any, linter: Any, args: Any) -> list:
    """The record on standard input, checked in a worker like any other (``stdin.py``)."""
    from .stdin import DEFAULT_NAME, lint_stdin

    name = args.stdin_filename or Path(DEFAULT_NAME)
    return [
        lint_stdin(
            linter, sys.stdin.buffer, name, check=lambda copy, shown_as: supervisor.check(copy, display=shown_as).result
        )
    ]


def _write_report(args: Any, linter: Any, formatter_cls: Any, results: list, exit_code: int) -> bool:
    from .formatters.base import Summary
    from .terminal import use_color

    # File names are shown escaped in every format; the real paths stay for the outputs below.
    shown_results = [dataclasses.replace(r, path=shown(r.path), document=None) for r in results]
    try:
        if args.statistics:
            from .statistics import render_statistics

            _write(render_statistics(shown_results, args.format), args)
            unreadable = sum(r.status == "error" for r in results)
            if unreadable and not args.quiet:
                print(
                    f"strategy-lint: {unreadable} file(s) could not be read (run without --statistics to see why)",
                    file=sys.stderr,
                )
            return True
        summary = Summary.of(results, exit_code)
        color = use_color(args.color, sys.stdout, to_file=args.output is not None)
        for r in results:  # the rules of every folder's local plugins, for formats that describe rules (SARIF)
            linter.plugins_for(linter.config_for(Path(r.path)))
        rules = {code: reg.rule for code, reg in linter.all_rules().items()}
        formatter = formatter_cls(excerpts=not args.no_excerpts, color=color, rules=rules)
        formatter.quiet = args.quiet
        _write(formatter.render(shown_results, summary), args)
    except OSError as exc:
        where = shown(args.output) if args.output else "the screen"
        print(
            f"strategy-lint: the report could not be written to {where} ({exc.strerror or type(exc).__name__})",
            file=sys.stderr,
        )
        return False
    return True


def _write_baseline(path: Path, results: list) -> bool:
    from .baseline import write_baseline

    try:
        n = write_baseline(path, results)
    except OSError as exc:
        print(
            f"strategy-lint: the baseline could not be written to {shown(path)} ({exc.strerror or type(exc).__name__})",
            file=sys.stderr,
        )
        return False
    print(f"strategy-lint: wrote {n} accepted finding(s) to the baseline {shown(path)}", file=sys.stderr)
    return True


def _annotate(supervisor: Any, results: list, folder: Path) -> bool:
    """Commented copies, made in the workers (a hostile .docx stays contained), written here."""
    from .annotate import write_copies

    def copies() -> Iterator[tuple[str, bytes | None, str | None]]:
        word = [r for r in results if r.status == "ok" and Path(r.path).suffix.lower() in DOCX_SUFFIXES]
        made = iter(supervisor.annotate_many((r, None) for r in word))
        for r in results:
            if r.status != "ok":
                continue
            if Path(r.path).suffix.lower() not in DOCX_SUFFIXES:
                yield r.path, None, "only .docx copies can carry Word comments"
                continue
            outcome = next(made)
            yield r.path, outcome.annotated, outcome.note

    ok = True
    for note, failed in write_copies(copies(), folder):
        print(f"strategy-lint: {note}", file=sys.stderr)
        ok = ok and not failed
    return ok


# -- signals ----------------------------------------------------------------------------------


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, so that the same clean-up as Ctrl+C runs."""


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: Any) -> None:  # noqa: ARG001 - signal handler signature
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: let the clean-up finish
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
