"""``strategy-lint new-rule NAME``: scaffold a plugin package with one working rule.

The package it writes is complete and green from the first minute: a pyproject.toml with
the entry point, a rule module whose class docstring is its documentation page, that page
written to docs/<CODE>.md, a test file and a case file using strategy_lint.testing, and a
README saying how to test, install and publish.  The rule it starts with is a real one
(leftover template prompts such as "[Enter details here]") so the author sees it fire in
``strategy-lint check`` before changing anything.

The templates live in this module (no package data to forget when packaging).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from string import Template

from .errors import StrategyLintError

_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_CODE = re.compile(r"^[A-Z]{2,5}\d{3}$")
RESERVED_PREFIXES = ("SL",)  # built-in rules


class ScaffoldError(StrategyLintError):
    """A NAME, code or folder new-rule cannot use; the message says what to do instead."""


@dataclass(frozen=True)
class Names:
    """Every spelling of the new rule's name the templates need."""

    name: str  # chair-not-named
    code: str  # CNN001
    snake: str  # chair_not_named
    cls: str  # ChairNotNamed
    package: str  # strategy_lint_chair_not_named
    dist: str  # strategy-lint-chair-not-named

    @classmethod
    def of(cls, name: str, code: str | None = None) -> Names:
        name = check_name(name)
        snake = name.replace("-", "_")
        return cls(
            name=name,
            code=check_code(code) if code else default_code(name),
            snake=snake,
            cls="".join(part.capitalize() for part in name.split("-")),
            package=f"strategy_lint_{snake}",
            dist=f"strategy-lint-{name}",
        )


def check_name(name: str) -> str:
    """A rule name is kebab-case, as in 'chair-not-named'."""
    if not _NAME.match(name or ""):
        suggestion = re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")
        hint = f" such as {suggestion!r}" if suggestion and _NAME.match(suggestion) and suggestion[0].isalpha() else ""
        raise ScaffoldError(
            f"rule name {name!r} must be kebab-case: lower-case words joined by hyphens{hint} "
            "(for example 'chair-not-named')"
        )
    if len(name) > 40:
        raise ScaffoldError(f"rule name {name!r} is too long: keep it under 40 characters")
    return name


def check_code(code: str) -> str:
    """A rule code is 2-5 capital letters and 3 digits; SL is kept for built-in rules."""
    if not _CODE.match(code):
        raise ScaffoldError(f"rule code {code!r} must be 2 to 5 capital letters and 3 digits, like XA001")
    if code.startswith(RESERVED_PREFIXES):
        raise ScaffoldError(f"rule code {code!r}: the prefix SL is kept for built-in rules; use your own, like XA001")
    return code


def default_code(name: str) -> str:
    """Initials of the name (padded with X, not SL) plus 001: chair-not-named -> CNN001."""
    letters = "".join(word[0] for word in name.split("-") if word[0].isalpha()).upper()[:5]
    letters = (letters + "XX")[: max(2, len(letters))]
    if letters.startswith(RESERVED_PREFIXES):
        letters = "X" + letters[:4]
    return f"{letters}001"


def create(
    name: str, code: str | None = None, parent: str | Path = ".", *, taken: AbstractSet[str] = frozenset()
) -> Path:
    """Write the plugin package into ``parent/strategy-lint-<name>`` and return that folder.

    ``taken`` holds the codes and names of installed rules, which the new rule must not reuse.
    Refuses to write into a folder that exists and is not empty.
    """
    names = Names.of(name, code)
    if names.code in taken or names.name in taken:
        what = names.code if names.code in taken else names.name
        raise ScaffoldError(
            f"a rule {what!r} is already installed: choose another " + ("--code" if what == names.code else "NAME")
        )
    target = Path(parent) / names.dist
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} already exists: remove it or choose another --dir (nothing was written)")
    Path(parent).mkdir(parents=True, exist_ok=True)
    # Write into a scratch folder beside the target and rename it at the end, so a failure
    # never leaves half a package behind.
    scratch = Path(tempfile.mkdtemp(prefix=f".{names.dist}-", dir=parent))
    umask = os.umask(0)
    os.umask(umask)
    scratch.chmod(0o777 & ~umask)  # mkdtemp makes it private; the package is not
    try:
        for rel, text in render(names).items():
            path = scratch / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        (scratch / "docs").mkdir()
        (scratch / "docs" / f"{names.code}.md").write_text(_rule_page(scratch, names), encoding="utf-8", newline="\n")
        if target.exists():
            target.rmdir()  # empty (checked above)
        scratch.rename(target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return target


def render(names: Names) -> dict[str, str]:
    """The files of the new package (except docs/<CODE>.md, generated from the module)."""
    values = {
        "name": names.name,
        "code": names.code,
        "snake": names.snake,
        "cls": names.cls,
        "package": names.package,
        "dist": names.dist,
        "title": names.name.replace("-", " ").capitalize(),
    }
    return {
        rel: Template(text).substitute(values)
        for rel, text in {
            "pyproject.toml": PYPROJECT,
            "README.md": README,
            f"{names.package}/__init__.py": INIT,
            f"{names.package}/{names.snake}.py": RULE,
            f"tests/test_{names.snake}.py": TEST,
            "tests/cases.toml": CASES,
        }.items()
    }


def _rule_page(target: Path, names: Names) -> str:
    """docs/<CODE>.md, made from the rule class exactly as ``strategy-lint rule`` shows it."""
    from .docs import rule_page

    path = target / names.package / f"{names.snake}.py"
    spec = importlib.util.spec_from_file_location(f"_scaffold_{names.snake}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        return rule_page(getattr(module, names.cls))
    finally:
        sys.modules.pop(spec.name, None)


PYPROJECT = """\
[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meta"

[project]
name = "$dist"
version = "0.1.0"
description = "A strategy-lint rule: $code $name."
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["strategy-lint>=0.1"]

[project.optional-dependencies]
test = ["strategy-lint[testing]", "pytest>=8"]   # the test kit's needs (reportlab for PDF layouts)

# strategy-lint finds rules through this entry point group: one entry per rule module.
[project.entry-points.strategy_lint]
$code = "$package.$snake"

[tool.setuptools]
packages = ["$package"]

[tool.pytest.ini_options]
testpaths = ["tests"]
"""

INIT = '''\
"""strategy-lint plugin: $code $name."""
'''

RULE = '''\
"""$code $name: one line saying what the rule reports."""

from __future__ import annotations

from typing import Iterator

from strategy_lint import Document, Option, Report, Rule, RuleContext, Severity, hookimpl


class $cls(Rule):
    """## What it checks
    That no template prompt is left in the record, such as "[Enter details here]" or
    "Click here to enter text". (This is the scaffold's starting rule: change the check,
    this text and the tests to say what your rule checks.)

    ## Why it matters
    A prompt left in a box means the box was never filled in: readers cannot tell whether
    the information is unknown, was not asked for, or was forgotten.

    ## Example
    A record that fires:

    ```markdown
    ## Meeting details
    Chair: [Enter the chair's name and role]
    ```

    A record that passes:

    ```markdown
    ## Meeting details
    Chair: Hannah Reed, Team Manager, Children's Social Care
    ```

    ## How to fix
    Replace each prompt with the information, or say why it is not known.
    """

    code = "$code"
    name = "$name"
    summary = "A template prompt such as '[Enter details here]' is left in the record."
    default_severity = Severity.WARNING
    fix = "Replace the prompt with the information, or say why it is not known."
    options = {
        "prompts": Option(
            ["[enter", "[insert", "click here to enter", "click or tap here"],
            "text that starts a template prompt (case is ignored)",
        ),
    }

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        prompts = [p.lower() for p in ctx.options["prompts"]]
        for block in document.body_blocks():
            text = block.text.lower()
            if any(p in text for p in prompts):
                yield Report(
                    message="A template prompt is still in the record: this box was not filled in.",
                    block=block.index,  # the engine turns this into page / section / table row
                    excerpt=block.text,
                )


@hookimpl
def strategy_lint_rules() -> list[type[Rule]]:
    return [$cls]
'''

TEST = '''\
"""Tests for $code $name, using strategy-lint's test kit."""

from pathlib import Path

import pytest

from strategy_lint.docs import rule_page
from strategy_lint.testing import assert_findings, build_file, load_cases, record, run_rule

from $package.$snake import $cls

FIRES = """
# Strategy Discussion Record
## Meeting details
Date of strategy discussion: 14/03/2016
Chair: [Enter the chair's name and role]
"""

PASSES = """
# Strategy Discussion Record
## Meeting details
Date of strategy discussion: 14/03/2016
Chair: Hannah Reed, Team Manager, Children's Social Care
"""


def test_fires_on_a_prompt_and_points_at_it():
    doc = record(FIRES)
    findings = run_rule($cls, doc)
    prompt = next(b.index for b in doc.blocks if "[Enter" in b.text)
    assert_findings(findings, [("$code", {"block": prompt, "section": "Meeting details"})])


def test_passes_on_a_complete_record():
    assert run_rule($cls, PASSES) == []


def test_option_changes_what_counts():
    assert run_rule($cls, PASSES, options={"prompts": ["team manager"]}) != []


def test_same_result_in_a_word_form(tmp_path):
    path = build_file(FIRES, "form", tmp_path / "record.docx")
    assert_findings(run_rule($cls, path), ["$code"])


@pytest.mark.parametrize("case", load_cases("cases.toml"), ids=str)
def test_case(case, tmp_path):
    case.check(tmp_path)


def test_docs_page_is_up_to_date():
    page = Path(__file__).resolve().parent.parent / "docs" / "$code.md"
    assert page.read_text(encoding="utf-8") == rule_page($cls), (
        "docs/$code.md is out of date: regenerate it from the docstring with\\n"
        "python -c \\"from strategy_lint.docs import rule_page; from $package.$snake import $cls; "
        "open('docs/$code.md', 'w').write(rule_page($cls))\\""
    )
'''

CASES = '''\
# Cases for $code: a record and the codes expected.  Each runs in every layout listed.
rule = "$code"

[[case]]
name = "prompt left in a form box"
layouts = ["md", "form", "pdf"]
record = """
# Strategy Discussion Record
## Health information
[Insert health information here]
"""
expect = ["$code"]

[[case]]
name = "filled in"
layouts = ["md", "narrative"]
record = """
# Strategy Discussion Record
## Health information
Dr James Carter (GP): registered and up to date with immunisations.
"""
expect = []
'''

README = """\
# $dist

A [strategy-lint](https://pypi.org/project/strategy-lint/) plugin with one rule:
**$code $name**. Its documentation is the rule class's docstring
(`strategy-lint rule $code` prints it; `docs/$code.md` is the same page).

## Develop

```bash
pip install -e ".[test]"        # into the environment where strategy-lint is installed
pytest                          # tests/ : ordinary tests and the cases in tests/cases.toml
strategy-lint plugins           # $code is listed
strategy-lint check record.docx --select $code
```

Change the check in `$package/$snake.py`, its docstring (the docs page: keep the four
sections) and the tests; then regenerate the page:

```bash
python -c "from strategy_lint.docs import rule_page; from $package.$snake import $cls; open('docs/$code.md', 'w').write(rule_page($cls))"
```

Users configure the rule in `[tool.strategy-lint.rules.$code]` (its options and
`severity`) and switch it off with `ignore = ["$code"]`.

## Publish

```bash
python -m build                 # dist/*.whl and dist/*.tar.gz
python -m twine upload dist/*   # or copy the wheel to your authority's own package index
```

Anyone who installs the package (`pip install $dist`) gets the rule in every
`strategy-lint check`: no configuration needed.
"""
