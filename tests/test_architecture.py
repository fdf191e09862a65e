"""The boundaries of docs/architecture.md, checked on the source: rules see only the model."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

PARSERS = {"docx", "pdfplumber", "pdfminer", "lxml"}
SRC = ROOT / "src" / "strategy_lint"


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_rules_and_shared_readings_never_touch_the_parsers():
    files = sorted((ROOT / "plugins").glob("*.py")) + sorted((SRC / "extract").glob("*.py"))
    files += [SRC / name for name in ("structure.py", "engine.py", "model.py", "rules.py", "nlp.py", "dates.py")]
    assert len(files) > 20
    offenders = {str(f.relative_to(ROOT)): sorted(imported_roots(f) & PARSERS) for f in files}
    assert {f: libs for f, libs in offenders.items() if libs} == {}


def test_rules_read_only_the_public_api():
    """Built-in rules import nothing of strategy-lint's but ``strategy_lint`` itself: what they
    read (ctx.facts, the model) a third-party rule can read too (docs/architecture.md)."""
    offenders = {}
    for path in sorted((ROOT / "plugins").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("strategy_lint")):
                if node.level or node.module != "strategy_lint":
                    offenders.setdefault(path.name, []).append("." * node.level + (node.module or ""))
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names if a.name.startswith("strategy_lint")]
                if names:
                    offenders.setdefault(path.name, []).extend(names)
    assert offenders == {}


def test_the_model_uses_the_standard_library_only():
    allowed = {"__future__", "collections", "datetime", "dataclasses", "enum", "typing"}
    assert imported_roots(SRC / "model.py") <= allowed


def test_readers_never_know_about_rules():
    for reader in (SRC / "readers").glob("*.py"):
        source = reader.read_text(encoding="utf-8")
        assert "strategy_lint_plugins" not in source and "from ..rules" not in source, reader.name
