"""The engine: read a file, build its structure, run each selected rule in isolation.

Every boundary from the architecture notes is enforced here: readers are called through
the plugin hook; each rule runs inside its own error boundary, so a crashing rule becomes
one SL000 finding and the rest of the run goes on; bad input becomes a one-line error.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .boundary import CONTAINED, check_reports, malformed_reports_finding, stopped_rule_finding
from .budget import (
    BudgetExceeded,
    FileTimeout,
    RuleTimeout,
    StoppedInCheck,
    file_budget,
    file_timeout_error,
    file_timeout_in_check,
    rule_budget,
    rule_timeout_finding,
    traceback_without_messages,
)
from .config import Config, load_config
from .errors import ConfigError, ReadError
from .findings import Confidence, Finding, Location, Severity, clean_value, crashed_check, render
from .lexicon import Lexicon
from .model import Document
from .plugins import Plugins, RegisteredRule, create_plugin_manager, with_local_plugins
from .readers.base import MB, ReadOptions, check_regular_file
from .rules import Report, Rule, RuleContext
from .schema import check_lexicon_names, check_rule_settings, where
from .selection import check_selectors, matches, select_rules
from .suppressions import UnusedSuppression, apply_directives

if TYPE_CHECKING:  # pragma: no cover
    from .baseline import Baseline

log = logging.getLogger("strategy_lint")

FOLDER_SUFFIXES = frozenset({".docx", ".docm", ".pdf", ".doc"})
EXCERPT_CHARS = 100
#: Rules the engine itself produces (not a plugin); selectable and documented like any rule.
CORE_PLUGIN = "strategy-lint (core)"
CORE_RULES: dict[str, type[Rule]] = {UnusedSuppression.code: UnusedSuppression}


def all_rules(plugins: Plugins) -> dict[str, RegisteredRule]:
    """Plugin rules plus the engine's own (SL002), by code."""
    merged = dict(plugins.rules)
    merged.update({code: RegisteredRule(cls, CORE_PLUGIN, "strategy-lint") for code, cls in CORE_RULES.items()})
    return dict(sorted(merged.items()))


@dataclass
class FileResult:
    """The outcome for one file.  ``document`` is kept for annotation, never serialised."""

    path: str
    status: str  # "ok" | "error"
    findings: list[Finding] = field(default_factory=list)
    error: ReadError | None = None
    document: Document | None = field(default=None, repr=False)
    #: the record's own fail-on (closest configuration; ``--fail-on`` overrides): the exit
    #: code and the verdict (:mod:`strategy_lint.verdict`) both read it
    fail_on: Severity = Severity.ERROR
    #: the record's own min-confidence: less sure findings are shown but never fail it
    min_confidence: Confidence = Confidence.HIGH
    #: findings the baseline accepted: not reported, but counted in the summary
    baselined: int = 0

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def counted(self) -> list[Finding]:
        """The findings sure enough to count (confidence at or above ``min_confidence``)."""
        return [f for f in self.findings if f.counts_at(self.min_confidence)]


@dataclass
class _Plan:
    """Selected rule instances with their options and severity, for one configuration."""

    config: Config
    lexicon: Lexicon
    rules: list[tuple[Rule, RegisteredRule, dict, Severity]]
    needs_nlp: bool
    #: the plugins for this configuration (its own local-plugins)
    plugins: Plugins


class Linter:
    """Lint records.  One Linter per run: plugins are loaded once, configs per folder."""

    def __init__(
        self,
        *,
        config_path: Path | None = None,
        config: Config | None = None,
        plugins: Plugins | None = None,
        strict_plugins: bool = False,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        baseline: Baseline | None = None,
        skip_plugins: Mapping[str, str] | None = None,
        on_plugin: Callable[[str], None] | None = None,
    ) -> None:
        self.config_path = config_path
        #: Told each stage before it starts ("read", then each rule's code, then "finish"),
        #: so a supervisor can name the rule that hung or killed its process.
        self.monitor: Callable[[str], None] | None = None
        #: plugins not to import (a supervisor found they hang or kill a process), with why
        self._skip_plugins = dict(skip_plugins or {})
        self.baseline = baseline
        self._fixed_config = config
        self._select = select
        self._ignore = ignore
        start_config = config or load_config(config_path, Path.cwd())
        self._strict_plugins = strict_plugins
        if plugins is None:
            plugins = create_plugin_manager(
                strict=strict_plugins,
                local_plugins=_local_paths(start_config),
                skip=self._skip_plugins,
                on_load=on_plugin,
            )
            if on_plugin is not None:
                on_plugin("")  # every import done: what follows is no single plugin's import
        self.plugins = plugins
        self.plugins.pm.hook.strategy_lint_configure.call_historic(kwargs={"config": start_config})
        #: plugin sets by the local-plugins they load (the closest configuration's)
        self._plugin_sets: dict[tuple[Path, ...], Plugins] = {_local_key(start_config): plugins}
        self._plans: dict[Path | None, _Plan] = {}
        self._config_cache: dict[Path, Config] = {}
        self.default_config = start_config
        self._plan_for(start_config)  # validate config early: errors before any file is read

    # -- configuration -------------------------------------------------------------------

    def config_for(self, path: Path) -> Config:
        if self._fixed_config is not None or self.config_path is not None:
            return self.default_config
        folder = (path if path.is_dir() else path.parent).resolve()
        if folder not in self._config_cache:
            self._config_cache[folder] = load_config(None, folder)
        return self._config_cache[folder]

    def plugins_for(self, config: Config) -> Plugins:
        """The plugins for records under ``config``: with its own ``local-plugins``."""
        key = _local_key(config)
        if key not in self._plugin_sets:
            plugins = with_local_plugins(
                self.plugins, _local_paths(config), strict=self._strict_plugins, skip=self._skip_plugins
            )
            for failure in plugins.failures:
                log.warning("%s", failure.describe())
            plugins.pm.hook.strategy_lint_configure.call_historic(kwargs={"config": config})
            self._plugin_sets[key] = plugins
        return self._plugin_sets[key]

    def all_rules(self) -> dict[str, RegisteredRule]:
        """Every rule of every plugin set used so far (for formats that describe rules)."""
        merged: dict[str, RegisteredRule] = {}
        for plugins in self._plugin_sets.values():
            merged.update(all_rules(plugins))
        return dict(sorted(merged.items()))

    def _plan_for(self, config: Config) -> _Plan:
        key = config.path
        if key in self._plans:
            return self._plans[key]
        plugins = self.plugins_for(config)
        registered = all_rules(plugins)
        classes = [r.rule for r in registered.values()]
        in_file = f"{where(config.path)}"
        if self._select is not None:
            check_selectors(self._select, classes, "--select")
        else:
            check_selectors(config.select, classes, f"select{in_file}")
        select = self._select if self._select is not None else config.select
        check_selectors(config.extend_select, classes, f"extend-select{in_file}")
        check_selectors(config.ignore, classes, f"ignore{in_file}")
        check_selectors(self._ignore or [], classes, "--ignore")
        ignore = [*config.ignore, *(self._ignore or [])]
        for pattern, sels in config.per_file_ignores.items():
            check_selectors(sels, classes, f"per-file-ignores {pattern!r}{in_file}")
        chosen = select_rules(classes, select, config.extend_select, ignore)
        settings_by_code = _rule_settings(config, classes)
        base = plugins.lexicon()
        check_lexicon_names(config.lexicon, base, config.path)
        lexicon = base.extend(config.lexicon)
        rules = []
        for cls in chosen:
            settings = dict(settings_by_code.get(cls.code, {}))
            severity = Severity.parse(settings.pop("severity", cls.default_severity))
            try:
                options = cls.resolve_options(settings)
            except ConfigError as exc:
                raise ConfigError(f"[rules.{cls.code}]{where(config.path)}: {exc}") from None
            rules.append((cls(), registered[cls.code], options, severity))
        plan = _Plan(config, lexicon, rules, any(r[0].needs_nlp for r in rules), plugins)
        self._plans[key] = plan
        return plan

    def selected_codes(self, config: Config | None = None) -> list[str]:
        """The codes of the rules that run under ``config`` (default: the starting one)."""
        return [rule.code for rule, *_ in self._plan_for(config or self.default_config).rules]

    # -- reading -----------------------------------------------------------------------

    def read(self, path: Path, config: Config | None = None) -> Document:
        """Read and structure one file; raises ReadError for bad input."""
        from .structure import build_structure

        config = config or self.config_for(path)
        options = ReadOptions(
            max_file_bytes=int(config.max_file_mb * MB),
            max_expanded_bytes=int(config.max_expanded_mb * MB),
            max_pages=config.max_pages,
        )
        check_regular_file(path)
        plan = self._plan_for(config)
        try:
            doc = plan.plugins.pm.hook.strategy_lint_read_document(path=path, options=options)
        except ReadError:
            raise
        except BudgetExceeded:
            raise
        except RecursionError:
            raise ReadError(
                "unreadable", "the file is nested too deeply to read safely: save a new copy and check that"
            ) from None
        except MemoryError:
            raise ReadError(
                "too-large-memory",
                "reading this file needed more memory than max-memory-mb allows: check it is the right file, "
                "or raise max-memory-mb in the configuration",
            ) from None
        except CONTAINED as exc:  # a reader bug (or a reader plugin's exit) must not become a traceback
            log.debug("reader failed on a file: %s", type(exc).__name__)
            raise ReadError(
                "unreadable", f"the file could not be read ({type(exc).__name__}): save a new copy and check that"
            ) from None
        if doc is None:
            raise ReadError(
                "unsupported-type",
                f"{path.suffix or 'files without an extension'} is not a record format strategy-lint reads: "
                "save the record as .docx or PDF",
            )
        return build_structure(doc, plan.lexicon)

    # -- linting -----------------------------------------------------------------------

    def _stage(self, stage: str) -> None:
        if self.monitor is not None:
            self.monitor(stage)

    def lint_document(
        self,
        doc: Document,
        config: Config | None = None,
        path: Path | None = None,
        skip: Mapping[str, str] | None = None,
    ) -> list[Finding]:
        """Run the selected rules on ``doc``.  ``skip``: rules not to run, by code, each with
        the cause (our own words) for its SL000, e.g. a rule that hung in an earlier attempt."""
        try:
            return self._lint_document(doc, config, path, skip or {})
        finally:
            nlp = sys.modules.get("strategy_lint.nlp")
            if nlp is not None:
                nlp.forget_texts()  # no record's text stays in memory after its check

    def _lint_document(
        self, doc: Document, config: Config | None, path: Path | None, skip: Mapping[str, str]
    ) -> list[Finding]:
        config = config or (self.config_for(path) if path else self.default_config)
        plan = self._plan_for(config)
        findings, ran = self._run_rules(doc, config, plan, path, skip)
        self._stage("finish")
        return self._finish(doc, plan, findings, ran)

    def _run_rules(
        self, doc: Document, config: Config, plan: _Plan, path: Path | None, skip: Mapping[str, str]
    ) -> tuple[list[Finding], list[type[Rule]]]:
        """Each selected rule in its own error boundary: (findings, the rules that ran).

        When the file's own time runs out inside a check, that check is to blame, not the
        record: :class:`StoppedInCheck` carries what the other checks found so far.
        """
        ignored = _per_file_ignored(config, path) if path else []
        findings: list[Finding] = []
        ran: list[type[Rule]] = []
        nlp_factory = None
        if plan.config.nlp_model:
            from .nlp import get_pipeline

            model = plan.config.nlp_model
            nlp_factory = lambda lex=plan.lexicon, m=model: get_pipeline(lex, m)  # noqa: E731
        facts = _facts_for(doc, plan.lexicon, nlp_factory)
        todo = [
            entry
            for entry in plan.rules
            if not any(matches(s, type(entry[0]).code, type(entry[0]).name) for s in ignored)
        ]
        for i, (rule, reg, options, severity) in enumerate(todo):
            if rule.code in skip:
                findings.append(stopped_rule_finding(rule, reg, skip[rule.code]))
                continue
            ran.append(type(rule))
            self._stage(rule.code)
            ctx = RuleContext(options=options, lexicon=plan.lexicon, severity=severity, _facts=facts)
            ctx._nlp_factory = nlp_factory
            started = time.perf_counter()
            try:
                with rule_budget(config.rule_timeout):
                    reports = list(rule.check(doc, ctx) or [])
                log.debug("check %s: %d report(s) in %.3f s", rule.code, len(reports), time.perf_counter() - started)
            except RuleTimeout as exc:
                findings.append(rule_timeout_finding(rule, reg.package, exc.seconds))
                continue
            except FileTimeout as exc:
                ran.pop()  # it did not finish: its suppressions are not "unused"
                skipped = [type(r).code for r, *_ in todo[i + 1 :]]
                findings.append(file_timeout_in_check(rule, reg.package, exc.seconds, skipped))
                raise StoppedInCheck(exc.seconds, doc, plan, findings, ran) from None
            except CONTAINED as exc:  # SystemExit, KeyboardInterrupt, GeneratorExit too: the check's crash
                findings.append(_internal_error(rule, reg, exc))
                continue
            reports, problems = check_reports(reports)
            if problems:
                findings.append(malformed_reports_finding(rule, reg, problems))
            findings.extend(_to_finding(doc, rule, reg, r, severity) for r in reports)
        return findings, ran

    def _finish(self, doc: Document, plan: _Plan, findings: list[Finding], ran: list[type[Rule]]) -> list[Finding]:
        """Apply the record's disable comments, report unused ones (SL002), sort."""
        known = [r.rule for r in all_rules(plan.plugins).values()]
        findings, stale = apply_directives(doc, findings, ran, known)
        unused = self._unused_rule(plan, ran)
        if unused is not None:
            rule, reg, severity = unused
            findings.extend(_to_finding(doc, rule, reg, r, severity) for r in stale)
        findings.sort(key=_order)
        return findings

    def _unused_rule(self, plan: _Plan, ran: list[type[Rule]]) -> tuple[Rule, RegisteredRule, Severity] | None:
        """SL002's instance, registration and severity when it is selected for this file."""
        for rule, reg, _options, severity in plan.rules:
            if isinstance(rule, UnusedSuppression) and type(rule) in ran:
                return rule, reg, severity
        return None

    def _apply_baseline(
        self, doc: Document, path: Path, config: Config, findings: list[Finding]
    ) -> tuple[list[Finding], int]:
        """(the findings the baseline does not accept, how many it accepted)."""
        if self.baseline is None:
            return findings, 0
        kept, unmatched = self.baseline.filter(path, findings)
        accepted = len(findings) - len(kept)
        plan = self._plan_for(config)
        ran = [
            type(r[0])
            for r in plan.rules
            if not any(matches(s, type(r[0]).code, type(r[0]).name) for s in _per_file_ignored(config, path))
        ]
        unused = self._unused_rule(plan, ran)
        if unused and unmatched:
            rule, reg, severity = unused
            n = "entry" if unmatched == 1 else "entries"
            report = Report(
                f"{unmatched} baseline {n} for this record matched no finding: those problems were fixed.",
                fix="Write the baseline again with --write-baseline so it does not hide new problems.",
            )
            kept.append(_to_finding(doc, rule, reg, report, severity))
            kept.sort(key=_order)
        return kept, accepted

    def lint_file(
        self, path: Path, skip: Mapping[str, str] | None = None, *, display: Path | None = None
    ) -> FileResult:
        """Read and check one file within its ``file-timeout``.

        An overrun while reading is the record's: a one-line error.  An overrun inside a
        check is the check's: an SL000 finding naming it, with what the others found.
        ``display`` is the name the record is known by when ``path`` is only where its bytes
        are (standard input, ``--stdin-filename``): configuration, per-file-ignores, the
        baseline and the report all use it.  ``skip``: see :meth:`lint_document`.

        In process, with no supervision: ``check`` goes through ``supervisor.py`` (as any
        host should), which runs this in a worker process it can stop from outside.
        """
        shown = display or path
        config = self.config_for(shown)
        try:
            with file_budget(config.file_timeout):
                return self._lint_file(path, shown, skip)
        except StoppedInCheck as stop:  # outside the budget now: finishing cannot be cut short
            nlp = sys.modules.get("strategy_lint.nlp")
            if nlp is not None:
                nlp.forget_texts()
            findings = self._finish(stop.doc, stop.plan, stop.findings, stop.ran)
            findings, accepted = self._apply_baseline(stop.doc, shown, config, findings)
            return FileResult(
                str(shown),
                "ok",
                findings,
                document=stop.doc,
                fail_on=config.fail_on,
                min_confidence=config.min_confidence,
                baselined=accepted,
            )
        except FileTimeout as exc:
            return FileResult(str(shown), "error", error=file_timeout_error(exc.seconds))

    def _lint_file(self, path: Path, name: Path, skip: Mapping[str, str] | None = None) -> FileResult:
        shown = str(name)
        self._stage("read")
        try:
            config = self.config_for(name)
            started = time.perf_counter()
            doc = self.read(path, config)
            log.debug("read and structured a %s record in %.3f s", doc.format, time.perf_counter() - started)
        except ReadError as err:
            return FileResult(shown, "error", error=err)
        except ConfigError:
            raise
        except Exception as exc:  # our bug, not the user's: one line, and the batch goes on
            log.debug("internal error while reading a file:\n%s", traceback_without_messages(exc))
            return FileResult(
                shown,
                "error",
                error=ReadError(
                    "internal-error", f"strategy-lint failed on this file ({_where(exc)}): please report it"
                ),
            )
        findings = self.lint_document(doc, config, name, skip)
        findings, accepted = self._apply_baseline(doc, name, config, findings)
        return FileResult(
            shown,
            "ok",
            findings,
            document=doc,
            fail_on=config.fail_on,
            min_confidence=config.min_confidence,
            baselined=accepted,
        )

    def lint_paths(self, paths: Iterable[Path]) -> Iterator[FileResult]:
        for path in iter_files(paths, self.default_config.exclude):
            yield self.lint_file(path)


def _local_paths(config: Config) -> list[Path]:
    """``local-plugins`` of ``config``, relative to its file's folder."""
    return [config.base_dir / p for p in config.local_plugins]


def _local_key(config: Config) -> tuple[Path, ...]:
    return tuple(p.resolve() for p in _local_paths(config))


def iter_files(paths: Iterable[Path], exclude: Iterable[str] = ()) -> Iterator[Path]:
    """Files to check: given files as they are; folders walked for record formats.

    Word lock files (~$x.docx) and hidden files are skipped: they are not records.
    """
    exclude = list(exclude)
    for p in paths:
        if p.is_dir():
            unreadable: list[OSError] = []
            for root, dirs, files in os.walk(p, onerror=unreadable.append):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    f = Path(root) / name
                    if _skippable(f) or f.suffix.lower() not in FOLDER_SUFFIXES:
                        continue
                    if any(fnmatch.fnmatch(str(f), pat) or fnmatch.fnmatch(name, pat) for pat in exclude):
                        continue
                    yield f
            # A folder the walk could not open is reported (as an error), never skipped in silence.
            yield from (Path(err.filename) for err in unreadable if err.filename is not None)
        elif _skippable(p):
            continue
        else:
            yield p


def _skippable(p: Path) -> bool:
    return p.name.startswith("~$") or p.name.startswith(".~lock")


def _per_file_ignored(config: Config, path: Path) -> list[str]:
    out: list[str] = []
    try:
        rel = str(path.resolve().relative_to(config.base_dir.resolve()))
    except ValueError:
        rel = str(path)
    for pattern, sels in config.per_file_ignores.items():
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(path.name, pattern):
            out.extend(sels)
    return out


def _rule_settings(config: Config, classes: list[type[Rule]]) -> dict[str, dict]:
    """[rules.SL401] or [rules.action-without-deadline] → settings by code (checked: schema.py)."""
    by_key = {c.code: c for c in classes} | {c.name: c for c in classes}
    out: dict[str, dict] = {}
    for key, settings in config.rules.items():
        cls = by_key.get(key) or by_key.get(key.upper())
        if cls is None:
            from .suggest import did_you_mean

            raise ConfigError(f"[rules.{key}]{where(config.path)}: no such rule{did_you_mean(key, list(by_key))}")
        check_rule_settings(key, settings, cls, config.path)
        out.setdefault(cls.code, {}).update(settings)
    return out


def _facts_for(doc: Document, lexicon: Any, nlp_factory: Any) -> Any:
    """One shared reading per record, for every rule (imported only when a record is checked)."""
    from .facts import Facts

    return Facts(doc, lexicon, nlp_factory)


def _order(f: Finding) -> tuple:
    loc = f.location
    return (loc.block if loc.block is not None else -1, f.code)


def excerpt_of(text: str | None) -> str | None:
    if not text:
        return None
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1].rstrip() + "…"


def _to_finding(doc: Document, rule: Rule, reg: RegisteredRule, report: Report, severity: Severity) -> Finding:
    block = doc.blocks[report.block] if report.block is not None and 0 <= report.block < len(doc.blocks) else None
    section = report.section
    if section is None and block is not None and block.section_path:
        section = block.section_path[-1]
    location = Location(
        page=block.page if block else None,
        section=section,
        block=block.index if block else None,
        table=block.table if block else None,
        row=block.row if block else None,
        column=block.column if block else None,
    )
    fix = report.fix or rule.fix
    values = {str(k): clean_value(v) for k, v in (report.values or {}).items()}
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=report.severity or severity,
        message=render(report.message, values) or "",
        fix=render(fix, values),
        location=location,
        excerpt=excerpt_of(report.excerpt),
        plugin=reg.plugin,
        confidence=report.confidence or Confidence.HIGH,
        template=report.message if values else None,
        fix_template=fix if values else None,
        values=values,
    )


def _where(exc: BaseException) -> str:
    """'ValueError at rule.py:12' — the type and place, never the message (it may hold text)."""
    tb = traceback.extract_tb(exc.__traceback__)
    return f"{type(exc).__name__} at {Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else type(exc).__name__


def _internal_error(rule: Rule, reg: RegisteredRule, exc: BaseException) -> Finding:
    # Name the exception type and where it was raised, never its message: messages can
    # carry document text.
    where = _where(exc)
    log.debug("rule %s raised %s", rule.code, where)
    return crashed_check(
        rule, reg.package, f"crashed ({where}) and was skipped; the other checks still ran.", plugin=reg.plugin
    )
