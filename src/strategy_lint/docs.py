"""Rule documentation, generated from each rule's docstring (as ruff does).

The docstring of a Rule class is its documentation page, in Markdown, with the sections
"What it checks", "Why it matters", "Example", "How to fix".  ``strategy-lint rule CODE``
prints it; ``python -m strategy_lint.docs docs/rules`` writes docs/rules/<CODE>.md, and a
test checks the pages there are up to date, so docs and code cannot drift.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

from .rules import Rule


def rule_page(rule: type[Rule], plugin: str | None = None) -> str:
    """The Markdown page for one rule."""
    lines = [f"# {rule.code} {rule.name}", ""]
    meta = f"Default severity: **{rule.default_severity.value}**"
    if plugin:
        meta += f" · plugin: `{plugin}`"
    lines += [meta, "", rule.summary, ""]
    doc = inspect.getdoc(rule)
    if doc and doc != inspect.getdoc(Rule):
        lines += [doc, ""]
    if rule.fix and "## How to fix" not in (doc or ""):
        lines += ["## How to fix", "", rule.fix, ""]
    lines += ["## Options", ""]
    if rule.options:
        lines += [f"Set in `[tool.strategy-lint.rules.{rule.code}]` (or `[tool.strategy-lint.rules.{rule.name}]`):", ""]
        lines += ["| option | default | meaning |", "|---|---|---|"]
        for name, opt in rule.options.items():
            lines.append(f"| `{name}` | `{opt.default!r}` | {opt.help} |")
    else:
        lines.append("None besides `severity`.")
    if getattr(rule, "opt_in", False):
        switch = f'It is off unless selected: run it with `--select {rule.code}` or `extend-select = ["{rule.code}"]`'
    else:
        switch = f'Switch it off with `ignore = ["{rule.code}"]`'
    lines += [
        "",
        f'{switch}; change its severity with `[tool.strategy-lint.rules.{rule.code}] severity = "warning"`.',
        "",
    ]
    return "\n".join(lines)


def rule_help(rule: type[Rule], plugin: str) -> str:
    """The page for the terminal."""
    return rule_page(rule, plugin)


def write_pages(folder: Path, only_prefix: str = "SL") -> list[Path]:
    """Write docs/rules/<CODE>.md for every built-in rule, plus an index."""
    from .engine import all_rules
    from .plugins import create_plugin_manager

    plugins = create_plugin_manager()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    index = ["# Rules", "", "| code | name | severity | what it checks |", "|---|---|---|---|"]
    for code, reg in all_rules(plugins).items():
        if not code.startswith(only_prefix):
            continue
        path = folder / f"{code}.md"
        path.write_text(rule_page(reg.rule), encoding="utf-8")
        written.append(path)
        index.append(
            f"| [{code}]({code}.md) | {reg.rule.name} | {reg.rule.default_severity.value} | {reg.rule.summary} |"
        )
    (folder / "README.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    return written


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/rules")
    for p in write_pages(target):
        print(p)
