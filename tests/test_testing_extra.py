"""The ``testing`` extra: what a rule author's tests need, installed by asking for it.

The test kit draws PDF records with reportlab, which the core does not install; the
new-rule scaffold and the example plugin failed their own tests in a clean environment.
Proved from the metadata pip resolves: every third-party module the kit imports comes from a
core dependency or the ``testing`` extra, and both plugin templates ask for that extra.
"""

from __future__ import annotations

import ast
import importlib.metadata as md
import sys
import tomllib
from pathlib import Path

from helpers import ROOT
from packaging.requirements import Requirement

import strategy_lint.testing

KIT = Path(strategy_lint.testing.__file__).parent


def _imported_top_level_modules(folder: Path) -> set[str]:
    names: set[str] = set()
    for source in folder.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "strategy_lint"}


def _requirements(extra: str | None) -> set[str]:
    out = set()
    for line in md.requires("strategy-lint") or []:
        req = Requirement(line)
        wanted = (
            req.marker is None if extra is None else (req.marker is not None and req.marker.evaluate({"extra": extra}))
        )
        if wanted:
            out.add(req.name.lower())
    return out


def test_the_testing_extra_brings_every_third_party_module_the_kit_imports():
    modules = _imported_top_level_modules(KIT)
    assert {"reportlab", "pytest", "docx"} <= modules  # the test sees what matters
    owners = md.packages_distributions()
    available = _requirements(None) | _requirements("testing")
    missing = {m: owners.get(m) for m in modules if not {d.lower() for d in owners.get(m, [])} & available}
    assert not missing, f"the test kit imports {missing} but neither the core nor the testing extra installs them"


def _test_extra(pyproject: Path) -> list[str]:
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["optional-dependencies"]["test"]


def test_the_scaffold_and_the_example_plugin_ask_for_the_testing_extra(tmp_path):
    from strategy_lint.scaffold import create

    scaffold = create("chair-not-named", None, tmp_path)
    example = ROOT / "docs" / "examples" / "strategy-lint-example-plugin"
    for pyproject in (scaffold / "pyproject.toml", example / "pyproject.toml"):
        extras = [Requirement(r) for r in _test_extra(pyproject)]
        assert any(r.name == "strategy-lint" and "testing" in r.extras for r in extras), pyproject
