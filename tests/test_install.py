"""Install as documented: the README's wheel, built offline and installed into a fresh venv.

strategy-lint is not on PyPI, so the README says to install from a clone or from a wheel
built from it.  This builds that wheel (from a copy of what the build reads, so the checkout
gets no build/ or egg-info), installs it into a fresh venv whose dependencies fall back to
this environment's (see test_newcomer.py), and runs what a user runs first.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from helpers import FIXTURES, ROOT
from test_newcomer import _fresh_venv

BUILD_INPUTS = ("pyproject.toml", "README.md", "src", "plugins")


def test_the_readme_says_how_to_install_what_users_get():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]:  # not on PyPI: only a clone or a wheel works
        assert 'pip install "strategy-lint' not in page.read_text(encoding="utf-8"), page
    assert "python3 -m pip wheel --no-deps -w dist ." in readme
    assert "pip install dist/strategy_lint-0.1.0-py3-none-any.whl" in readme


@pytest.mark.slow
def test_a_wheel_built_as_documented_installs_and_runs(tmp_path):
    from strategy_lint import __version__

    src = tmp_path / "clone"
    src.mkdir()
    for name in BUILD_INPUTS:
        item = ROOT / name
        if item.is_dir():
            shutil.copytree(item, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(item, src / name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "FORCE_COLOR")}
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")  # never reach for the network

    # the README's command, offline: --no-build-isolation uses this environment's setuptools
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", "dist", "."],
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    wheel = src / "dist" / f"strategy_lint-{__version__}-py3-none-any.whl"
    assert wheel.is_file(), list((src / "dist").iterdir())
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "strategy_lint/lexicon/sections.toml",
        "strategy_lint/web/static/index.html",
        "strategy_lint/py.typed",
        "strategy_lint_plugins/action_without_deadline.py",
    ):
        assert needed in names, needed

    bin_dir = _fresh_venv(tmp_path / "venv")
    pip = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert pip.returncode == 0, pip.stdout + pip.stderr
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import strategy_lint; print(strategy_lint.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert where.startswith(str(tmp_path / "venv")), where  # the wheel's copy, not this checkout

    lint = bin_dir / "strategy-lint"
    version = subprocess.run([str(lint), "--version"], env=env, capture_output=True, text=True, timeout=60)
    assert version.stdout == f"strategy-lint {__version__}\n"
    check = subprocess.run(
        [str(lint), "check", str(FIXTURES / "examples" / "problems-school-photos-form.docx")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert check.returncode == 1, check.stderr
    assert re.search(r"ERROR SL401 action-without-deadline", check.stdout)
