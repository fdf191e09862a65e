"""The pre-commit hook, proved with the real pre-commit and real ``git commit`` runs.

The records repository uses the README's own ``.pre-commit-config.yaml`` snippet, pointed at
an authority's copy of strategy-lint tagged as docs/pre-commit.md says (``rev:`` is that
tag), so the documented ``rev:`` exists.  pre-commit builds the hook's virtualenv once for
the module (about 40 s: it pip-installs the copy and its dependencies); each scenario is
then one ``git commit``: an upper-case ``SHOUTY.DOCX``, an old ``.doc``, a Word lock file
alone, and 20 records at once (one run, one summary).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT

from strategy_lint import __version__
from strategy_lint.testing.builders import build

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
BASE = FIXTURES / "records" / "base-baby-bruise.md"
#: what the hook's pip install needs from a copy of strategy-lint (the build reads only these)
COPY = (".pre-commit-hooks.yaml", "pyproject.toml", "README.md", "src", "plugins")


def _yaml_blocks(markdown: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", markdown.read_text(encoding="utf-8"), re.S)


def documented_config() -> str:
    """The README's .pre-commit-config.yaml (the block with ``repos:``)."""
    (block,) = [b for b in _yaml_blocks(ROOT / "README.md") if b.startswith("repos:")]
    return block


def test_hook_manifest_catches_every_record_name_and_skips_lock_files():
    pytest.importorskip("pre_commit")
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "strategy-lint" and hook["language"] == "python"
    assert hook["entry"] == "strategy-lint check" and hook["types"] == ["file"]
    assert hook["require_serial"] is True  # one run, one summary
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    hooked = lambda name: bool(files.search(name)) and not exclude.search(name)  # noqa: E731
    for name in ("a.docx", "records/b c.pdf", "SHOUTY.DOCX", "Old.Doc", "old.doc", "macro.docm", "X.PDF"):
        assert hooked(name), name
    for name in ("notes.txt", "a.docx.bak", "x.pdfx", "~$record.docx", "team/~$Record.DOCX"):
        assert not hooked(name), name


def test_the_documented_rev_is_the_version_tag_the_docs_say_to_make():
    import yaml

    for block in [documented_config()] + [
        b for b in _yaml_blocks(ROOT / "docs" / "pre-commit.md") if b.startswith("repos:")
    ]:
        (repo,) = yaml.safe_load(block)["repos"]
        assert repo["rev"] == f"v{__version__}" and repo["hooks"][0]["id"] == "strategy-lint"
    guide = (ROOT / "docs" / "pre-commit.md").read_text(encoding="utf-8")
    assert f"git tag v{__version__}" in guide


# -- real commits -----------------------------------------------------------------------------


def _git(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def records_repo(tmp_path_factory):
    """A records repository with the documented config and the hook installed and built."""
    if not PRE_COMMIT.exists():
        pytest.skip("pre-commit is not installed in this environment (pip install pre-commit)")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = tmp_path_factory.mktemp("precommit")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "FORCE_COLOR")}
    (base / "gitconfig").write_text("[user]\n\tname = t\n\temail = t@example.org\n[init]\n\tdefaultBranch = main\n")
    env.update(
        PRE_COMMIT_HOME=str(base / "cache"),
        PRE_COMMIT_COLOR="never",
        GIT_CONFIG_GLOBAL=str(base / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
    )

    # the authority's own copy of strategy-lint, tagged as docs/pre-commit.md says
    copy = base / "strategy-lint"
    copy.mkdir()
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(src, copy / name)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "strategy-lint"], ["tag", f"v{__version__}"]):
        assert _git(*args, cwd=copy, env=env).returncode == 0, args

    records = base / "records"
    records.mkdir()
    (records / ".pre-commit-config.yaml").write_text(
        re.sub(r"repo: \S+", f"repo: {copy.as_posix()}", documented_config()), encoding="utf-8"
    )
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "config"]):
        assert _git(*args, cwd=records, env=env).returncode == 0, args
    install = subprocess.run(
        [str(PRE_COMMIT), "install", "--install-hooks"],
        cwd=records,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    out = install.stdout + install.stderr
    if install.returncode != 0 and re.search(
        r"NewConnectionError|Could not find a version|Temporary failure in name", out
    ):
        pytest.skip("pre-commit could not install the hook's dependencies (no package index reachable)")
    assert install.returncode == 0, out
    return records, env


def commit(repo: tuple[Path, dict], files: dict[str, bytes]) -> tuple[int, str]:
    """Stage ``files``, try to commit them, and leave the repository clean again."""
    records, env = repo
    for name, data in files.items():
        (records / name).parent.mkdir(parents=True, exist_ok=True)
        (records / name).write_bytes(data)
    assert _git("add", "-A", cwd=records, env=env).returncode == 0
    proc = _git("commit", "-m", "records", cwd=records, env=env)
    _git("reset", "-q", "--hard", "HEAD", cwd=records, env=env)
    _git("clean", "-fdq", cwd=records, env=env)
    return proc.returncode, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def docx(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("built")
    text = BASE.read_text(encoding="utf-8")
    return {
        "clean": build(text, "form", folder / "clean.docx").read_bytes(),
        "bad": build(text.replace("| 16/03/2016 |", "| TBC |"), "narrative", folder / "bad.docx").read_bytes(),
    }


HOOK = r"strategy-lint \(strategy discussion records\)\.+"


@pytest.mark.slow
def test_an_upper_case_record_with_problems_is_blocked(records_repo, docx):
    code, out = commit(records_repo, {"Team/SHOUTY.DOCX": docx["bad"]})
    assert code != 0 and re.search(HOOK + "Failed", out), out
    assert "Team/SHOUTY.DOCX\n  ERROR SL401 action-without-deadline" in out


@pytest.mark.slow
def test_an_old_doc_file_is_blocked_with_what_to_do(records_repo):
    code, out = commit(records_repo, {"old.doc": (FIXTURES / "bad" / "legacy.doc").read_bytes()})
    assert code != 0 and re.search(HOOK + "Failed", out), out
    assert "old.doc\n  COULD NOT READ: this is an old Word 97-2003 .doc file" in out


@pytest.mark.slow
def test_a_word_lock_file_alone_does_not_fail_the_commit(records_repo):
    code, out = commit(records_repo, {"~$cord.docx": b"\x0bHannah Reed" + b"\x00" * 150})
    assert code == 0, out
    assert re.search(HOOK + r"\(no files to check\)Skipped", out), out


@pytest.mark.slow
def test_twenty_records_get_one_run_and_one_summary(records_repo, docx):
    files = {f"batch/record-{i:02d}.docx": docx["clean"] for i in range(19)} | {"batch/Record-20.DOCX": docx["bad"]}
    code, out = commit(records_repo, files)
    assert code != 0 and re.search(HOOK + "Failed", out), out
    assert out.count("Checked ") == 1, out
    assert "Checked 20 files: 19 ready to circulate, 1 needs changes." in out
    assert "batch/Record-20.DOCX\n  ERROR SL401" in out
