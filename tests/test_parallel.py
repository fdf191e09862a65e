"""``--jobs N``: parallel processes give exactly the serial report, in input order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, run_cli

from strategy_lint.engine import Linter
from strategy_lint.errors import ConfigError
from strategy_lint.parallel import LinterSpec, job_count, lint_files


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Good records in every layout plus unreadable ones: errors must keep their place too."""
    out = tmp_path_factory.mktemp("batch")
    for name in (
        "ava-marsh-form.docx",
        "jayden-cole-pseudo.docx",
        "problems-baby-voice.pdf",
        "leo-turner-narrative.docx",
    ):
        shutil.copy(FIXTURES / "examples" / name, out / name)
    for name in ("corrupt.docx", "encrypted.pdf", "empty.docx"):
        shutil.copy(FIXTURES / "bad" / name, out / f"zz-{name}")
    return out


@pytest.mark.parametrize("fmt", ["json"])  # json carries every field the text report shows
def test_jobs_2_output_equals_jobs_1_byte_for_byte(folder, fmt):
    one = run_cli("check", str(folder), "--jobs", "1", "--format", fmt)
    two = run_cli("check", str(folder), "--jobs", "2", "--format", fmt)
    assert one.returncode == two.returncode == 2  # the bad files make it 2
    assert one.stdout and one.stdout == two.stdout
    assert "Traceback" not in two.stderr


def test_results_keep_input_order_and_drop_the_document(folder):
    files = sorted(p for p in folder.iterdir() if p.suffix in {".docx", ".pdf"})
    files = list(reversed(files))  # an order the folder walk would never produce
    linter = Linter()
    results = list(lint_files(linter, files, 2, LinterSpec()))
    assert [r.path for r in results] == [str(p) for p in files]
    assert all(r.document is None for r in results)
    serial = [linter.lint_file(p) for p in files]
    assert [(r.status, r.findings, r.error and r.error.code) for r in results] == [
        (r.status, r.findings, r.error and r.error.code) for r in serial
    ]


def test_one_job_is_supervised_too_and_no_document_crosses(folder):
    path = next(p for p in sorted(folder.iterdir()) if p.suffix == ".docx" and not p.name.startswith("zz-"))
    linter = Linter()
    [result] = lint_files(linter, [path], 4, LinterSpec())  # one file: one worker, still a worker
    assert result.status == "ok" and result.document is None
    assert result.findings == linter.lint_file(path).findings


def test_job_count():
    assert job_count(3) == 3
    assert job_count(0) >= 1
    with pytest.raises(ConfigError):
        job_count(-1)


def test_negative_jobs_is_a_usage_error(folder):
    proc = run_cli("check", str(folder), "--jobs", "-2")
    assert proc.returncode == 2
    assert "--jobs" in proc.stderr and "Traceback" not in proc.stderr
