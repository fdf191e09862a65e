"""Which rules run: select / extend-select / ignore by code, prefix, name or ALL."""

from __future__ import annotations

from collections.abc import Iterable

from .errors import ConfigError
from .rules import Rule
from .suggest import did_you_mean


def matches(selector: str, code: str, name: str) -> bool:
    """Does ``selector`` pick the rule (or finding) ``code`` / ``name``?  ALL, the kebab-case
    name, or a code prefix that starts with a letter ("SL4", "SL401"), any case.

    The one selector test: ``select``, ``extend-select``, ``ignore``, ``per-file-ignores``,
    ``--select``/``--ignore`` and ``disable=`` comments all use it."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return True
    if sel.lower() == name:
        return True
    return code.upper().startswith(sel.upper()) and sel[:1].isalpha()


def check_selectors(selectors: Iterable[str], rules: Iterable[type[Rule]], what: str) -> None:
    """Every selector must match at least one known rule: typos are errors, not no-ops."""
    rules = list(rules)
    vocabulary = [r.code for r in rules] + [r.name for r in rules]
    for sel in selectors:
        if sel.strip().upper() == "ALL":
            continue
        if not any(matches(sel, r.code, r.name) for r in rules):
            raise ConfigError(f"{what}: no rule matches {sel!r}{did_you_mean(sel, vocabulary)}")


def select_rules(
    rules: Iterable[type[Rule]],
    select: list[str],
    extend_select: list[str],
    ignore: list[str],
) -> list[type[Rule]]:
    """The rules to run.  An ``opt_in`` rule needs a selector that names it: ALL is not enough."""
    chosen = []
    for rule in rules:
        selectors = [*select, *extend_select]
        if getattr(rule, "opt_in", False):
            selectors = [s for s in selectors if s.strip().upper() != "ALL"]
        wanted = any(matches(s, rule.code, rule.name) for s in selectors)
        if wanted and not any(matches(s, rule.code, rule.name) for s in ignore):
            chosen.append(rule)
    return chosen
