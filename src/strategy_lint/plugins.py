"""The plugin manager: loads every ``strategy_lint`` entry point, one at a time, safely.

Built-in readers, rules and formatters are entry points of this distribution, registered
exactly as a third-party plugin's are.  A plugin that fails to import is reported in one
line (with its distribution) and skipped, unless ``strict`` asks for the error.
"""

from __future__ import annotations

import importlib.metadata as md
import importlib.util
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

import pluggy

from . import hookspecs
from .boundary import CONTAINED
from .errors import ConfigError, PluginLoadError
from .rules import Rule

if TYPE_CHECKING:  # pragma: no cover
    from .formatters.base import Formatter
    from .lexicon import Lexicon

GROUP = "strategy_lint"
#: this distribution: its rules are registered before any plugin's
OURS = "strategy-lint"


@dataclass
class PluginInfo:
    name: str
    module: str
    distribution: str | None
    version: str | None


@dataclass
class LoadFailure:
    name: str
    distribution: str | None
    error: str

    def describe(self) -> str:
        """One line that names the package to blame first (the entry point is a detail)."""
        if self.distribution:
            return f"plugin package {self.distribution} (entry point {self.name!r}) failed to load and was skipped: {self.error}"
        return f"{blame(self.name, None)} failed to load and was skipped: {self.error}"


def blame(plugin: str, distribution: str | None) -> str:
    """Who to report a fault to: 'strategy-lint-foo', 'local plugin file rules.py', 'plugin 'x''."""
    if distribution:
        return distribution
    if plugin.startswith("local:"):
        return f"local plugin file {plugin[len('local:') :]}"
    return f"plugin {plugin!r}"


@dataclass
class RegisteredRule:
    rule: type[Rule]
    plugin: str
    #: the distribution (package) that installed the plugin; None for local files and objects
    distribution: str | None = None

    @property
    def package(self) -> str:
        """The package to blame in messages (SL000, duplicates)."""
        return blame(self.plugin, self.distribution)


@dataclass
class Plugins:
    """The loaded plugin manager plus what it provides, gathered once."""

    pm: pluggy.PluginManager
    infos: list[PluginInfo] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)
    _rules: dict[str, RegisteredRule] | None = None
    _formatters: dict[str, type[Formatter]] | None = None

    # -- rules ------------------------------------------------------------------------

    @property
    def rules(self) -> dict[str, RegisteredRule]:
        """Rule classes by code, each with the plugin that provided it."""
        if self._rules is None:
            from .suppressions import UnusedSuppression

            self._rules = {}
            dists = {i.name: i.distribution for i in self.infos}
            # the engine's own rule (SL002) holds its code and name too
            core = RegisteredRule(UnusedSuppression, "strategy-lint (core)", OURS)
            by_name: dict[str, RegisteredRule] = {core.rule.name: core}
            reserved = {core.rule.code: core}
            # strategy-lint's own rules first: a plugin cannot take a built-in's code or name
            impls = sorted(
                self.pm.hook.strategy_lint_rules.get_hookimpls(), key=lambda i: dists.get(i.plugin_name) != OURS
            )
            for impl in impls:
                dist = dists.get(impl.plugin_name)
                try:
                    provided = list(cast("Iterable[Any]", impl.function() or []))
                except CONTAINED as exc:  # a broken plugin must not stop the tool
                    self.failures.append(LoadFailure(impl.plugin_name, dist, _one_line(exc)))
                    continue
                for cls in provided:
                    try:
                        if not (isinstance(cls, type) and issubclass(cls, Rule)):
                            raise TypeError(f"{type(cls).__name__} is not a Rule subclass")
                        cls.validate()
                    except TypeError as exc:
                        self.failures.append(LoadFailure(impl.plugin_name, dist, str(exc)))
                        continue
                    reg = RegisteredRule(cls, impl.plugin_name, dist)
                    clash = _clash(reg, self._rules.get(cls.code) or reserved.get(cls.code), by_name.get(cls.name))
                    if clash:
                        self.failures.append(LoadFailure(impl.plugin_name, dist, clash))
                        continue
                    self._rules[cls.code] = by_name[cls.name] = reg
            self._rules = dict(sorted(self._rules.items()))
        return self._rules

    # -- formatters ---------------------------------------------------------------------

    @property
    def formatters(self) -> dict[str, type[Formatter]]:
        if self._formatters is None:
            self._formatters = {}
            for result in self.pm.hook.strategy_lint_formatters():
                self._formatters.update(result or {})
        return self._formatters

    # -- lexicon --------------------------------------------------------------------------

    def lexicon(self, config_additions: dict[str, Any] | None = None) -> Lexicon:
        from .lexicon import default_lexicon

        lex = default_lexicon()
        for additions in self.pm.hook.strategy_lint_lexicon():
            try:
                lex = lex.extend(additions)
            except (KeyError, TypeError, AttributeError) as exc:
                raise ConfigError(f"a plugin's lexicon additions are malformed: {_one_line(exc)}") from None
        return lex.extend(config_additions)


def _clash(new: RegisteredRule, same_code: RegisteredRule | None, same_name: RegisteredRule | None) -> str | None:
    """Why ``new`` cannot be registered: its code or its name is taken (both packages named)."""
    rule = new.rule
    if same_code is not None:
        return (
            f"rule code {rule.code} ({rule.name}) from {new.package} is already provided by "
            f"{same_code.package} ({same_code.rule.name}): codes must be unique"
        )
    if same_name is not None:
        return (
            f"rule name {rule.name!r} ({rule.code}) from {new.package} is already used by "
            f"{same_name.rule.code} from {same_name.package}: names must be unique, "
            "as --select, --ignore and 'strategy-lint rule' accept names"
        )
    return None


class _Skipped(Exception):
    """A plugin not imported because importing it hung or killed a worker."""

    def __str__(self) -> str:
        return str(self.args[0])


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, _Skipped):
        return str(exc)
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _dist_of(ep: md.EntryPoint) -> tuple[str | None, str | None]:
    dist = getattr(ep, "dist", None)
    if dist is None:
        return None, None
    return _name_and_version(dist)


def _name_and_version(dist: md.Distribution) -> tuple[str | None, str | None]:
    """A distribution's name and version, parsed once per distribution: every built-in
    rule comes from the same one, and parsing its METADATA per entry point was a visible
    share of a cold start."""
    key = getattr(dist, "_path", None)
    if key is None:
        return dist.metadata["Name"], dist.version
    cached = _DISTS.get(str(key))
    if cached is None:
        meta = dist.metadata
        cached = _DISTS[str(key)] = (meta["Name"], meta["Version"])
    return cached


_DISTS: dict[str, tuple[str | None, str | None]] = {}


def create_plugin_manager(
    *,
    strict: bool = False,
    local_plugins: Iterable[Path] = (),
    entry_points: Iterable[md.EntryPoint] | None = None,
    extra: Iterable[ModuleType | object] = (),
    skip: Mapping[str, str] | None = None,
    on_load: Callable[[str], None] | None = None,
) -> Plugins:
    """Build the plugin manager from entry points, local plugin files and extra objects.

    Entry points are loaded one by one so that one broken plugin is reported and skipped
    instead of stopping the tool (``strict`` re-raises as PluginLoadError).  ``skip``
    names plugins not to import at all, each with the reason (a supervisor found that
    importing it hung or killed its process); ``on_load`` is told each name before its
    import, so that a supervisor can tell which one that was.
    """
    skip = skip or {}
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    plugins = Plugins(pm)
    eps = list(entry_points) if entry_points is not None else list(md.entry_points(group=GROUP))
    for ep in sorted(eps, key=lambda e: e.name):
        dist, version = _dist_of(ep)
        try:
            if ep.name in skip:
                raise _Skipped(skip[ep.name])
            if on_load is not None:
                on_load(ep.name)
            obj = ep.load()
            pm.register(obj, name=ep.name)
        except CONTAINED as exc:
            failure = LoadFailure(ep.name, dist, _one_line(exc))
            if strict:
                raise PluginLoadError(failure.describe()) from exc
            plugins.failures.append(failure)
            continue
        plugins.infos.append(PluginInfo(ep.name, ep.value, dist, version))
    _add_local(plugins, local_plugins, strict, skip, on_load)
    for obj in extra:
        name = getattr(obj, "__name__", None) or type(obj).__name__
        pm.register(obj, name=name)
        plugins.infos.append(PluginInfo(name, name, None, None))
    return plugins


def _add_local(
    plugins: Plugins,
    local_plugins: Iterable[Path],
    strict: bool,
    skip: Mapping[str, str] | None = None,
    on_load: Callable[[str], None] | None = None,
) -> None:
    """Register ``local-plugins`` files: a missing or broken one is reported and skipped."""
    skip = skip or {}
    for path in local_plugins:
        try:
            if f"local:{path}" in skip:
                raise _Skipped(skip[f"local:{path}"])
            if on_load is not None:
                on_load(f"local:{path}")
            module = _load_local(path)
            plugins.pm.register(module, name=f"local:{path.name}")
        except CONTAINED as exc:
            failure = LoadFailure(f"local:{path}", None, _one_line(exc))
            if strict:
                raise PluginLoadError(failure.describe()) from exc
            plugins.failures.append(failure)
            continue
        plugins.infos.append(PluginInfo(f"local:{path.name}", str(path), None, None))


def with_local_plugins(
    base: Plugins,
    local_plugins: Iterable[Path],
    *,
    strict: bool = False,
    skip: Mapping[str, str] | None = None,
    on_load: Callable[[str], None] | None = None,
) -> Plugins:
    """``base`` with another folder's ``local-plugins`` in place of its own.

    The closest configuration wins for local plugins too: records under a folder whose
    configuration names ``local-plugins`` get those rules, and only those records.
    Everything else ``base`` registered (entry points, objects) is shared, not reloaded.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    plugins = Plugins(pm)
    for name, obj in base.pm.list_name_plugin():
        if obj is not None and not str(name).startswith("local:"):
            pm.register(obj, name=name)
    plugins.infos = [i for i in base.infos if not i.name.startswith("local:")]
    _add_local(plugins, local_plugins, strict, skip, on_load)
    return plugins


def _load_local(path: Path) -> ModuleType:
    """Import a local plugin file (``local-plugins`` in config) without packaging it."""
    if not path.is_file():
        raise FileNotFoundError(f"local plugin file not found: {path}")
    mod_name = f"strategy_lint_local_{abs(hash(str(path.resolve())))}"
    spec = importlib.util.spec_from_file_location(mod_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[mod_name] = module
    spec.loader.exec_module(module)
    return module
