"""Rule documentation in the terminal (``strategy-lint rule CODE``)."""

from __future__ import annotations

import inspect

from .rules import Rule


def rule_help(rule: type[Rule], plugin: str) -> str:
    lines = [f"{rule.code} {rule.name} ({rule.default_severity.value}) — from plugin {plugin}", "", rule.summary, ""]
    doc = inspect.getdoc(rule)
    if doc and doc != inspect.getdoc(Rule):
        lines += [doc, ""]
    if rule.fix:
        lines += ["How to fix: " + rule.fix, ""]
    if rule.options:
        lines.append("Options (set in [tool.strategy-lint.rules." + rule.code + "]):")
        for name, opt in rule.options.items():
            lines.append(f"  {name} = {opt.default!r}  {opt.help}")
    return "\n".join(lines).rstrip() + "\n"
