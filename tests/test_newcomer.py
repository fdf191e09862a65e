"""A newcomer writes a rule: scaffold it, install it in a fresh venv, test it, see it run.

The fresh virtual environment is made with ``python -m venv --without-pip`` plus one
``.pth`` file that adds *this* environment's site-packages after its own.  That is the
``--system-site-packages`` idea pointed at the project venv instead of the base Python
(which ``--system-site-packages`` would reach, and which has none of our dependencies): the
heavy dependencies (spaCy, python-docx, pdfplumber, pytest) are reused, so the test is fast
and works offline, while the new plugin and this checkout are pip-installed into the fresh
environment only (``--no-build-isolation --no-deps``: nothing is downloaded).  Building the
editable wheels without isolation needs setuptools with ``bdist_wheel`` in this
environment (the ``wheel`` package, or setuptools >= 70.1).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from helpers import ROOT, run_cli

CODE = "XN001"
NAME = "template-prompt-left"


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=180)


def _fresh_venv(where: Path) -> Path:
    """A new venv whose imports fall back to this environment's site-packages."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True, timeout=60)
    python = where / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = sysconfig.get_paths()["purelib"]
    Path(purelib, "_strategy_lint_test_deps.pth").write_text(
        f"import site; site.addsitedir({ours!r})\n", encoding="utf-8"
    )
    return where / "bin"


@pytest.mark.slow
def test_newcomer_scaffolds_installs_tests_and_runs_a_new_rule(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTEST_ADDOPTS")}
    env["PIP_NO_INDEX"] = "1"  # never reach for the network
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

    # 1. scaffold, with the strategy-lint the newcomer already has
    made = run_cli("new-rule", NAME, "--code", CODE, "--dir", str(tmp_path / "work"))
    assert made.returncode == 0, made.stderr
    plugin = tmp_path / "work" / f"strategy-lint-{NAME}"
    assert (plugin / "docs" / f"{CODE}.md").is_file()

    # 2. a fresh venv with the new plugin and this checkout installed in it
    bin_dir = _fresh_venv(tmp_path / "venv")
    pip = _run(
        [
            str(bin_dir / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-build-isolation",
            "--no-deps",
            "-e",
            str(plugin),
            "-e",
            str(ROOT),
        ],
        tmp_path,
        env,
    )
    assert pip.returncode == 0, pip.stdout + pip.stderr
    assert (bin_dir / "strategy-lint").is_file()

    # 3. the scaffold's own tests pass with that venv's pytest
    tests = _run(
        [str(bin_dir / "python"), "-m", "pytest", "-q", "-p", "no:hypothesispytest", "-p", "no:cacheprovider"],
        plugin,
        env,
    )
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    assert " passed" in tests.stdout

    # 4. the rule is installed: it fires in check and is listed by plugins and rules
    record = tmp_path / "record.md"
    record.write_text(
        "# Strategy Discussion Record\n## Health information\n[Enter health information]\n", encoding="utf-8"
    )
    check = _run(
        [str(bin_dir / "strategy-lint"), "check", str(record), "--select", CODE, "--fail-on", "info"], tmp_path, env
    )
    assert check.returncode == 1, check.stdout + check.stderr
    assert CODE in check.stdout and NAME in check.stdout and 'section "Health information"' in check.stdout
    plugins = _run([str(bin_dir / "strategy-lint"), "plugins"], tmp_path, env)
    line = next((l for l in plugins.stdout.splitlines() if l.startswith(CODE)), "")
    assert f"strategy-lint-{NAME} 0.1.0" in line and line.rstrip().endswith(CODE), plugins.stdout
    rules = _run([str(bin_dir / "strategy-lint"), "rules"], tmp_path, env)
    assert any(l.startswith(CODE) and NAME in l for l in rules.stdout.splitlines()), rules.stdout

    # 5. ... and only there: this environment does not see it
    here = run_cli("rules")
    assert CODE not in here.stdout


# -- new-rule's checks, without installing anything -------------------------------------------


def test_new_rule_writes_a_complete_package(tmp_path):
    from strategy_lint.scaffold import create

    target = create("chair-not-named", None, tmp_path)
    assert target == tmp_path / "strategy-lint-chair-not-named"
    files = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    assert files == [
        "README.md",
        "docs/CNN001.md",
        "pyproject.toml",
        "strategy_lint_chair_not_named/__init__.py",
        "strategy_lint_chair_not_named/chair_not_named.py",
        "tests/cases.toml",
        "tests/test_chair_not_named.py",
    ]
    pyproject = (target / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.strategy_lint]\nCNN001 = "strategy_lint_chair_not_named.chair_not_named"' in pyproject
    page = (target / "docs" / "CNN001.md").read_text(encoding="utf-8")
    for heading in ("## What it checks", "## Why it matters", "## Example", "## How to fix", "## Options"):
        assert heading in page
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "scratch folder left behind"


@pytest.mark.parametrize(
    "args, message",
    [
        (["Chair_Named"], "must be kebab-case.*'chair-named'"),
        (["chair--named"], "must be kebab-case"),
        (["9-lives"], "must be kebab-case"),
        (["chair-named", "--code", "xa001"], "2 to 5 capital letters and 3 digits"),
        (["chair-named", "--code", "SL999"], "SL is kept for built-in rules"),
        (["meeting-date-missing"], "'meeting-date-missing' is already installed: choose another NAME"),
    ],
)
def test_new_rule_refuses_bad_names_and_codes_in_one_line(tmp_path, args, message):
    import re

    result = run_cli("new-rule", *args, "--dir", str(tmp_path))
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("strategy-lint: ") and re.search(message, last), last
    assert not list(tmp_path.iterdir()), "nothing may be written"


def test_new_rule_refuses_to_overwrite(tmp_path):
    from strategy_lint.scaffold import ScaffoldError, create

    existing = tmp_path / "strategy-lint-chair-named"
    existing.mkdir()
    (existing / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists"):
        create("chair-named", "XA101", tmp_path)
    assert [p.name for p in existing.iterdir()] == ["notes.txt"]
    with pytest.raises(ScaffoldError, match="already installed: choose another --code"):
        create("brand-new", "XA101", tmp_path / "other", taken={"XA101"})


def test_default_code_is_the_initials_and_never_sl():
    from strategy_lint.scaffold import default_code

    assert default_code("chair-not-named") == "CNN001"
    assert default_code("health") == "HX001"
    assert default_code("section-later") == "XSL001"
    assert default_code("a-b-c-d-e-f-g") == "ABCDE001"
