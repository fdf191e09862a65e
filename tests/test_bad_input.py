"""Every kind of bad input gives its one-line error and exit 2; other files are still checked."""

from __future__ import annotations

import json
import shutil

import pytest
from helpers import FIXTURES, run_cli

BAD = FIXTURES / "bad"
EXAMPLES = FIXTURES / "examples"

# file name in fixtures/bad -> the error code the user sees
EXPECTED = {
    "empty.docx": "empty-file",
    "truncated.docx": "corrupt-docx",
    "corrupt.docx": "corrupt-docx",
    "not-really.docx": "wrong-extension",
    "legacy.doc": "legacy-doc",
    "encrypted.docx": "encrypted",
    "encrypted.pdf": "encrypted",
    "scanned.pdf": "no-text-layer",
    "bomb.docx": "too-large-expanded",
    "record.rtf": "unsupported-type",
}


def a_clean_record():
    return sorted(EXAMPLES.glob("*.docx"))[0]


@pytest.fixture(scope="module")
def batch():
    """One CLI run over every bad file plus a good one, as JSON."""
    paths = [str(BAD / name) for name in EXPECTED] + [str(BAD / "missing.docx"), str(a_clean_record())]
    proc = run_cli("check", *paths, "--format", "json")
    return proc, json.loads(proc.stdout)


def test_exit_code_is_2_and_no_traceback(batch):
    proc, _ = batch
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


@pytest.mark.parametrize("name,code", sorted(EXPECTED.items()) + [("missing.docx", "file-not-found")])
def test_each_bad_file_has_its_error(batch, name, code):
    _, report = batch
    entry = next(f for f in report["files"] if f["path"].endswith(name))
    assert entry["status"] == "error"
    assert entry["error"]["code"] == code
    message = entry["error"]["message"]
    assert message and "\n" not in message and len(message) < 300
    assert entry["findings"] == []


def test_good_file_in_the_same_run_is_still_checked(batch):
    _, report = batch
    good = next(f for f in report["files"] if f["path"] == str(a_clean_record()))
    assert good["status"] == "ok"
    assert report["summary"]["unreadable"] == len(EXPECTED) + 1


def test_text_output_gives_one_plain_line_per_bad_file():
    proc = run_cli("check", str(BAD / "scanned.pdf"), str(BAD / "legacy.doc"))
    assert proc.returncode == 2
    lines = [l for l in proc.stdout.splitlines() if "COULD NOT READ" in l]
    assert len(lines) == 2
    assert any("scanned" in l and "export" in l for l in lines)
    assert any(".docx" in l for l in lines)


def test_lock_files_are_skipped_in_folders(tmp_path):
    shutil.copy(a_clean_record(), tmp_path / "record.docx")
    shutil.copy(BAD / "~$lock.docx", tmp_path / "~$record.docx")
    proc = run_cli("check", str(tmp_path), "--format", "json")
    paths = [f["path"] for f in json.loads(proc.stdout)["files"]]
    assert paths == [str(tmp_path / "record.docx")]


def test_dump_of_a_bad_file_is_one_line_and_exit_2():
    proc = run_cli("dump", str(BAD / "encrypted.docx"))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and "password" in proc.stderr
