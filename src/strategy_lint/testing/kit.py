"""The rule-author's test kit: build a record from Markdown, run a rule, assert findings.

Everything here runs the real engine (plugin manager, config, structure pass, each rule's
error boundary), so a rule that passes these tests behaves the same in
``strategy-lint check``.  See docs/writing-plugins.md, "Testing your rule".
"""

from __future__ import annotations

import importlib.metadata as md
import sys
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..config import Config, parse_config
from ..findings import Finding
from ..hookspecs import hookimpl
from ..model import Document
from ..rules import Rule

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import Linter
    from ..lexicon import Lexicon
    from ..plugins import Plugins

#: What run_rule and lint accept as the record: a built Document, a file, or Markdown text.
RecordLike = Document | str | Path
#: One expected finding: "SL101", ("SL101", {"section": "Attendees"}) or {"code": "SL101", ...}.
Expected = str | tuple | Mapping[str, Any]

LOCATION_KEYS = ("page", "section", "block", "table", "row", "column")
TEXT_KEYS = ("message", "fix", "excerpt")  # matched as "contains"
OTHER_KEYS = ("severity", "name", "plugin")


# -- records -------------------------------------------------------------------------------


def record(markdown: str, *, lexicon: Lexicon | None = None, path: str = "<record>") -> Document:
    """Parse Markdown into a structured Document, exactly as a .md record would be read.

    ``lexicon`` defaults to the one ``strategy-lint check`` uses with no configuration:
    the built-in lexicon plus the additions of every installed plugin.
    """
    from ..readers.text import parse_markdown
    from ..structure import build_structure

    lex = lexicon if lexicon is not None else installed_plugins().lexicon()
    return build_structure(parse_markdown(_dedent(markdown), path=path), lex)


def build_file(markdown: str, layout: str, path: str | Path) -> Path:
    """Render the same Markdown as a real file: layout ``form``, ``narrative``, ``pseudo``
    (Word .docx in three template styles), ``pdf`` or ``md``.  Returns the path written."""
    from .builders import build

    return build(_dedent(markdown), layout, path)


def _dedent(markdown: str) -> str:
    import textwrap

    return textwrap.dedent(markdown).strip("\n") + "\n"


# -- plugins -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def installed_plugins() -> Plugins:
    """Every installed ``strategy_lint`` plugin, loaded once per test session."""
    from ..plugins import create_plugin_manager

    return create_plugin_manager()


class _RulesOnly:
    """A stand-in plugin for rule classes whose module declares no hooks (e.g. a test file)."""

    def __init__(self, rules: Sequence[type[Rule]]) -> None:
        self._rules = list(rules)
        self.__name__ = "test:" + ",".join(r.code for r in rules)

    @hookimpl
    def strategy_lint_rules(self) -> list[type[Rule]]:
        return self._rules


def _plugins_with(rule: type[Rule]) -> Plugins:
    """Installed plugins plus ``rule``, which need not be installed (or may be a new version).

    The rule's own module is registered when it implements hooks, so its lexicon additions
    apply too; a stale installed copy of the same code is left out.
    """
    from ..plugins import GROUP, create_plugin_manager

    installed = installed_plugins()
    current = installed.rules.get(rule.code)
    if current is not None and current.rule is rule:
        return installed
    eps = [ep for ep in md.entry_points(group=GROUP) if current is None or ep.name != current.plugin]
    module = sys.modules.get(rule.__module__)
    plugin: ModuleType | object = _RulesOnly([rule])
    if module is not None and rule in _module_rules(module):
        plugin = module
    plugins = create_plugin_manager(entry_points=eps, extra=[plugin])
    if plugins.rules.get(rule.code) is None or plugins.rules[rule.code].rule is not rule:
        problems = "; ".join(f.describe() for f in plugins.failures) or "it did not register"
        raise AssertionError(f"rule {rule.__qualname__} could not be loaded for the test: {problems}")
    return plugins


def _module_rules(module: ModuleType) -> list[type[Rule]]:
    hook = getattr(module, "strategy_lint_rules", None)
    if hook is None or not hasattr(hook, "strategy_lint_impl"):
        return []
    try:
        return list(hook() or [])
    except Exception:
        return []


def _config(config: Config | Mapping[str, Any] | None) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    return parse_config(dict(config), None)


def _linter(plugins: Plugins, config: Config | Mapping[str, Any] | None, select: list[str] | None) -> Linter:
    from ..engine import Linter

    return Linter(config=_config(config), plugins=plugins, select=select)


def _with_options(config: Config, code: str, options: Mapping[str, Any] | None) -> Config:
    if not options:
        return config
    import dataclasses

    rules = {k: dict(v) for k, v in config.rules.items()}
    rules.setdefault(code, {}).update(options)
    return dataclasses.replace(config, rules=rules)


# -- running -------------------------------------------------------------------------------


def run_rule(
    rule: type[Rule] | str,
    doc: RecordLike,
    options: Mapping[str, Any] | None = None,
    config: Config | Mapping[str, Any] | None = None,
) -> list[Finding]:
    """Run one rule on a record and return its findings.

    ``rule`` is a Rule class (installed or not) or an installed rule's code or name.
    ``doc`` is a Document, a path to a record file, or Markdown text (any string with a
    line break).  ``options`` are the rule's options, as in ``[tool.strategy-lint.rules.CODE]``;
    ``config`` is a whole ``[tool.strategy-lint]`` table (or a Config).
    """
    if isinstance(rule, str):
        plugins = installed_plugins()
        code = _resolve_code(rule, plugins)
    else:
        plugins = _plugins_with(rule)
        code = rule.code
    cfg = _with_options(_config(config), code, options)
    return _lint(_linter(plugins, cfg, [code]), doc)


def lint(
    doc: RecordLike,
    select: Iterable[str] | None = None,
    config: Config | Mapping[str, Any] | None = None,
    *,
    rules: Iterable[type[Rule]] = (),
) -> list[Finding]:
    """Run every installed rule (or those in ``select``: codes, prefixes or names) on a record.

    ``rules`` adds rule classes that are not installed, e.g. the one under test.
    """
    plugins = installed_plugins()
    extra = list(rules)
    if extra:
        from ..plugins import create_plugin_manager

        plugins = create_plugin_manager(extra=[_RulesOnly(extra)])
    return _lint(_linter(plugins, config, list(select) if select is not None else None), doc)


def _resolve_code(wanted: str, plugins: Plugins) -> str:
    for code, reg in plugins.rules.items():
        if wanted.upper() == code or wanted.lower() == reg.rule.name:
            return code
    from ..suggest import did_you_mean

    known = list(plugins.rules) + [r.rule.name for r in plugins.rules.values()]
    raise AssertionError(
        f"no installed rule {wanted!r}{did_you_mean(wanted, known)}: pass the Rule class instead, "
        "or install your plugin (pip install -e .)"
    )


def _lint(linter: Linter, doc: RecordLike) -> list[Finding]:
    if isinstance(doc, Document):
        return linter.lint_document(doc)
    if isinstance(doc, str) and "\n" in doc:
        from ..readers.text import parse_markdown
        from ..structure import build_structure

        lexicon = linter._plan_for(linter.default_config).lexicon
        built = build_structure(parse_markdown(_dedent(doc)), lexicon)
        return linter.lint_document(built)
    path = Path(doc)
    if not path.is_file():
        raise FileNotFoundError(f"no record file {path} (to lint Markdown text, pass a string with line breaks)")
    config = linter.default_config
    document = linter.read(path, config)  # raises ReadError for a file that cannot be read
    return linter.lint_document(document, config, path)


# -- asserting -----------------------------------------------------------------------------


def _normalise(entry: Expected) -> tuple[str, dict[str, Any]]:
    if isinstance(entry, str):
        return entry, {}
    if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], str):
        return entry[0], dict(entry[1])
    if isinstance(entry, Mapping) and "code" in entry:
        attrs = dict(entry)
        return str(attrs.pop("code")), attrs
    raise TypeError(f"expected finding must be 'CODE', ('CODE', {{...}}) or {{'code': ...}}, got {entry!r}")


def _check_keys(code: str, attrs: Mapping[str, Any]) -> None:
    allowed = (*LOCATION_KEYS, *TEXT_KEYS, *OTHER_KEYS)
    for key in attrs:
        if key not in allowed:
            from ..suggest import did_you_mean

            raise TypeError(
                f"expected {code}: unknown key {key!r}{did_you_mean(key, allowed)}; use one of {', '.join(allowed)}"
            )


def _matches(finding: Finding, code: str, attrs: Mapping[str, Any]) -> bool:
    if finding.code != code:
        return False
    for key, want in attrs.items():
        if key in LOCATION_KEYS:
            got = getattr(finding.location, key)
        else:
            got = getattr(finding, key)
        if key in TEXT_KEYS:
            if got is None or str(want).lower() not in str(got).lower():
                return False
        elif key == "severity":
            if getattr(got, "value", got) != getattr(want, "value", want):
                return False
        elif got != want:
            return False
    return True


def _pair(findings: list[Finding], wanted: list[tuple[str, dict]]) -> dict[int, int]:
    """Match each expected entry to a distinct finding (maximum bipartite matching)."""
    owner: dict[int, int] = {}  # finding index -> expected index

    def place(e: int, seen: set[int]) -> bool:
        code, attrs = wanted[e]
        for f, finding in enumerate(findings):
            if f in seen or not _matches(finding, code, attrs):
                continue
            seen.add(f)
            if f not in owner or place(owner[f], seen):
                owner[f] = e
                return True
        return False

    for e in range(len(wanted)):
        place(e, set())
    return {e: f for f, e in owner.items()}


def describe_finding(finding: Finding) -> str:
    """One line per finding, with the location fields you can put in an expectation."""
    loc = {k: getattr(finding.location, k) for k in LOCATION_KEYS if getattr(finding.location, k) is not None}
    where = ", ".join(f"{k}={v!r}" for k, v in loc.items()) or "whole record"
    return f"{finding.code} ({where}): {finding.message}"


def _describe_expected(code: str, attrs: Mapping[str, Any]) -> str:
    return code + (" " + ", ".join(f"{k}={v!r}" for k, v in attrs.items()) if attrs else "")


def assert_findings(findings: Sequence[Finding], expected: Iterable[Expected], *, only: bool = True) -> None:
    """Assert the findings are the expected ones, one finding per expected entry.

    Entries are ``"CODE"``, ``("CODE", {"section": "Attendees", "row": 1})`` or
    ``{"code": "CODE", ...}``.  Location keys (page, section, block, table, row, column)
    compare equal to ``finding.location`` (0-based, as ``strategy-lint dump`` shows);
    ``message``, ``fix`` and ``excerpt`` match if they contain the text (any case);
    ``severity`` compares with "error"/"warning"/"info".  With ``only`` (the default) any
    finding no entry accounts for fails too.
    """
    findings = list(findings)
    wanted = [_normalise(e) for e in expected]
    for code, attrs in wanted:
        _check_keys(code, attrs)
    paired = _pair(findings, wanted)
    missing = [wanted[e] for e in range(len(wanted)) if e not in paired]
    used = set(paired.values())
    extra = [f for i, f in enumerate(findings) if i not in used] if only else []
    if not missing and not extra:
        return
    lines = ["findings differ from what was expected"]
    if missing:
        lines.append("  expected but not found:")
        lines += [f"    {_describe_expected(c, a)}" for c, a in missing]
    if extra:
        lines.append("  found but not expected:")
        lines += [f"    {describe_finding(f)}" for f in extra]
    if missing:  # near misses are easier to spot against the full list
        lines.append("  all findings:" if findings else "  (no findings at all)")
        lines += [f"    {describe_finding(f)}" for f in findings]
    raise AssertionError("\n".join(lines))


def codes(findings: Iterable[Finding]) -> list[str]:
    """The codes of ``findings``, sorted (handy for quick assertions)."""
    return sorted(f.code for f in findings)
