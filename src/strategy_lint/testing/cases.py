"""Case files: rule tests written as data (record text + expected codes), as sqlfluff does.

A case file is TOML (read with the standard library's ``tomllib``)::

    rule = "XA001"                 # default rule for every case (or: select = ["XA"])

    [[case]]
    name = "chair named with role"
    record = \"\"\"
    ## Meeting details
    Chair: Hannah Reed, Team Manager, Children's Social Care
    \"\"\"
    expect = []                    # no findings

    [[case]]
    name = "no chair"
    record = \"\"\"...\"\"\"
    expect = ["XA001"]             # or [{code = "XA001", section = "Meeting details"}]
    layouts = ["md", "form", "pdf"]   # default ["md"]; also "narrative", "pseudo"
    options = { roles = ["chair"] }   # the rule's options for this case

and one parametrised test runs them all::

    @pytest.mark.parametrize("case", load_cases("tests/cases.toml"), ids=str)
    def test_case(case):
        case.check()
"""

from __future__ import annotations

import sys
import tempfile
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .builders import LAYOUTS

if TYPE_CHECKING:  # pragma: no cover
    from ..rules import Rule

CASE_KEYS = {"name", "record", "expect", "layouts", "options", "config", "rule", "select", "only"}
FILE_KEYS = {"case", "rule", "select", "layouts", "config"}
_SUFFIX = {"form": "-form.docx", "narrative": "-narrative.docx", "pseudo": "-pseudo.docx", "pdf": ".pdf", "md": ".md"}


class CaseFileError(ValueError):
    """A case file that is not valid: says which file, which case and what to change."""


@dataclass
class Case:
    """One case: a record, the rule(s) to run and the findings expected in every layout."""

    name: str
    record: str
    expect: list[Any] = field(default_factory=list)
    layouts: list[str] = field(default_factory=lambda: ["md"])
    rule: str | None = None
    select: list[str] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    only: bool = True
    source: str = ""
    #: Rule classes (by code) to use instead of installed ones: see load_cases(rules=...).
    classes: dict[str, Any] = field(default_factory=dict, repr=False)

    def __str__(self) -> str:
        return self.name

    def check(self, tmp_dir: str | Path | None = None) -> None:
        """Run the case in each of its layouts; AssertionError names the layout that failed."""
        if tmp_dir is None:
            with tempfile.TemporaryDirectory(prefix="sl-case-") as tmp:
                self._check_in(Path(tmp))
        else:
            self._check_in(Path(tmp_dir))

    def findings(self, layout: str = "md", tmp_dir: str | Path | None = None) -> list:
        """The findings for one layout (to look at when a case fails)."""
        if layout == "md":
            return self._run(self.record)
        if tmp_dir is None:
            with tempfile.TemporaryDirectory(prefix="sl-case-") as tmp:
                return self.findings(layout, tmp)
        from .kit import build_file

        path = build_file(self.record, layout, Path(tmp_dir) / f"case{_SUFFIX[layout]}")
        return self._run(path)

    def _check_in(self, tmp: Path) -> None:
        from .kit import assert_findings

        expect = [tuple(e) if isinstance(e, list) else e for e in self.expect]
        for layout in self.layouts:
            found = self.findings(layout, tmp)
            try:
                assert_findings(found, expect, only=self.only)
            except AssertionError as exc:
                raise AssertionError(f"case {self.name!r} ({self.source}), layout {layout!r}: {exc}") from None

    def _run(self, doc: Any) -> list:
        from .kit import lint, run_rule

        if self.rule:
            rule = self.classes.get(self.rule, self.rule)
            return run_rule(rule, doc, options=self.options or None, config=self.config or None)
        config = dict(self.config)
        if self.options:
            raise AssertionError(f"case {self.name!r}: 'options' needs a 'rule' (options belong to one rule)")
        return lint(doc, select=self.select, config=config or None, rules=list(self.classes.values()))


def load_cases(path: str | Path, rules: Iterable[type[Rule]] = ()) -> list[Case]:
    """Read a TOML case file.

    A relative path is looked up beside the test module that calls this, then from the
    current folder, so the test runs from any folder.  ``rules`` are Rule classes to run
    instead of installed ones with the same code (a local plugin's rules, or a rule under
    development that is not installed yet).
    """
    file = _locate(Path(path), sys._getframe(1).f_code.co_filename)
    classes = {cls.code: cls for cls in rules}
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CaseFileError(f"{file} is not valid TOML: {exc}") from None
    _no_unknown(data, FILE_KEYS, f"{file}")
    raw = data.get("case")
    if not isinstance(raw, list) or not raw:
        raise CaseFileError(f"{file} has no cases: add [[case]] tables with name, record and expect")
    defaults = {k: data[k] for k in ("rule", "select", "layouts", "config") if k in data}
    cases, seen = [], set()
    for i, entry in enumerate(raw, 1):
        where = f"{file}, case {i}"
        if not isinstance(entry, dict):
            raise CaseFileError(f"{where}: each case must be a [[case]] table")
        _no_unknown(entry, CASE_KEYS, where)
        case = _make_case({**defaults, **entry}, where, file)
        case.classes = classes
        if case.name in seen:
            raise CaseFileError(f"{where}: the name {case.name!r} is used twice; names must be unique")
        seen.add(case.name)
        cases.append(case)
    return cases


def _locate(path: Path, caller: str) -> Path:
    here = Path(caller).resolve().parent
    candidates = [path] if path.is_absolute() else [here / path, path, here / path.name]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise CaseFileError(f"case file not found: {path} (looked beside {Path(caller).name} and in the current folder)")


def _no_unknown(table: dict, allowed: set[str], where: str) -> None:
    from ..suggest import did_you_mean

    for key in table:
        if key not in allowed:
            raise CaseFileError(f"{where}: unknown key {key!r}{did_you_mean(key, allowed)}")


def _make_case(entry: dict, where: str, file: Path) -> Case:
    for key in ("name", "record"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise CaseFileError(f"{where}: {key!r} is required (a string)")
    if "expect" not in entry:
        raise CaseFileError(f"{where}: 'expect' is required: a list of codes, [] for none")
    expect = entry["expect"]
    if isinstance(expect, str):
        expect = [expect]
    if not isinstance(expect, list):
        raise CaseFileError(f"{where}: 'expect' must be a list of codes or tables")
    layouts = entry.get("layouts", ["md"])
    if isinstance(layouts, str):
        layouts = [layouts]
    for layout in layouts:
        if layout not in LAYOUTS:
            raise CaseFileError(f"{where}: unknown layout {layout!r}; use {', '.join(LAYOUTS)}")
    select = entry.get("select")
    if isinstance(select, str):
        select = [select]
    return Case(
        name=entry["name"],
        record=entry["record"],
        expect=list(expect),
        layouts=list(layouts),
        rule=entry.get("rule"),
        select=select,
        options=dict(entry.get("options", {})),
        config=dict(entry.get("config", {})),
        only=bool(entry.get("only", True)),
        source=f"{file.name}",
    )
