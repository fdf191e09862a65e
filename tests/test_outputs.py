"""Outputs that can never harm a record, and file names that cannot break a report (issue 13).

Every case is a failure of the hostile-input campaign: a record replaced by a report or a
baseline, copies written among the records, a report lost to a non-UTF-8 file name or to a
failing copy, and a text report forged by a file name with a newline or an ANSI escape.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import FIXTURES

from strategy_lint.display import shown
from strategy_lint.output import unsafe_target, write_new

DOCX = FIXTURES / "examples" / "ava-marsh-form.docx"
MD = "# Record\n\n## Actions\nPolice visit TBC.\n"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def records(tmp_path) -> Path:
    inside = tmp_path / "in"
    (inside / "sub").mkdir(parents=True)
    shutil.copy(DOCX, inside / "report.docx")
    shutil.copy(DOCX, inside / "sub" / "a.docx")
    return inside


@pytest.mark.parametrize(
    "args",
    [
        ["in/sub", "--annotate", "in"],  # the copy of sub/a.docx would land among the records
        ["in/report.docx", "in/report.docx", "--annotate", "in"],
        ["in/report.docx", "-o", "in/report.docx"],
        ["in/report.docx", "--write-baseline", "in/report.docx"],
        ["in", "-o", "in/report.json"],
    ],
)
def test_outputs_among_the_inputs_are_refused_and_nothing_is_written(tmp_path, records, cli, args):
    before = snapshot(records)
    proc = cli("check", *args, cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert "would be written among the records being checked" in line
    assert snapshot(records) == before


def test_a_symlink_into_the_records_is_refused(tmp_path, records, cli):
    (tmp_path / "link").symlink_to(records, target_is_directory=True)
    before = snapshot(records)
    proc = cli("check", "in/report.docx", "--annotate", "link", cwd=tmp_path)
    assert proc.returncode == 2 and "among the records" in proc.stderr
    proc = cli("check", "in/report.docx", "-o", "link/report.docx", cwd=tmp_path)
    assert proc.returncode == 2
    assert snapshot(records) == before


def test_hard_link_to_a_record_is_refused():
    assert unsafe_target(DOCX, [DOCX.parent.parent / "examples" / DOCX.name]) is not None


def test_annotate_into_an_existing_file_is_refused_before_any_work(tmp_path, records, cli):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    proc = cli("check", "in/report.docx", "--annotate", "notes.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "is a file" in proc.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_copies_never_replace_a_file_and_the_report_comes_first(tmp_path, records, cli):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.docx").write_bytes(b"someone else's file")
    proc = cli("check", "in/report.docx", "--annotate", "out", "-f", "json", "-o", "report.json", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert (out / "report.docx").read_bytes() == b"someone else's file"
    assert (out / "report (2).docx").read_bytes()[:2] == b"PK"
    assert json.loads((tmp_path / "report.json").read_text())["files"]
    assert not [p for p in out.iterdir() if p.name.startswith(".strategy-lint-")]


def test_a_failing_copy_never_loses_the_report(tmp_path, records, cli):
    (tmp_path / "blocker").write_text("a file where the copies' parent folder should be", encoding="utf-8")
    proc = cli(
        "check", "in/report.docx", "--annotate", "blocker/copies", "-f", "json", "-o", "report.json", cwd=tmp_path
    )
    assert proc.returncode == 2
    assert "no annotated copies written" in proc.stderr and "Traceback" not in proc.stderr
    assert json.loads((tmp_path / "report.json").read_text())["files"][0]["status"] == "ok"


def test_write_new_never_replaces(tmp_path):
    target = tmp_path / "copy.docx"
    target.write_bytes(b"first")
    with pytest.raises(FileExistsError):
        write_new(target, b"second")
    assert target.read_bytes() == b"first" and [p.name for p in tmp_path.iterdir()] == ["copy.docx"]
    write_new(tmp_path / "other.docx", b"second")
    assert (tmp_path / "other.docx").read_bytes() == b"second"


# -- file names that used to break or forge a report -----------------------------------------

HOSTILE_NAME = b"r\xff\x1b[31m\nFAKE: nothing wrong here\xe2\x80\xae.md"


@pytest.fixture
def hostile_name(tmp_path) -> Path:
    folder = tmp_path / "recs"
    folder.mkdir()
    path = folder / os.fsdecode(HOSTILE_NAME)
    path.write_text(MD, encoding="utf-8")
    return path


def test_shown_escapes_controls_bidi_and_undecodable_bytes():
    assert shown(os.fsdecode(HOSTILE_NAME)) == "r\\xff\\x1b[31m\\x0aFAKE: nothing wrong here\\u202e.md"
    assert shown("Ava Marsh – record.docx") == "Ava Marsh – record.docx"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "html"])
def test_a_hostile_file_name_cannot_break_or_forge_any_format(tmp_path, hostile_name, capsys, fmt):
    from strategy_lint.cli import main

    out = tmp_path / f"report.{fmt}"
    code = main(["check", str(hostile_name), "--format", fmt, "-o", str(out)])
    err = capsys.readouterr().err
    assert code in (0, 1), err
    assert "Traceback" not in err and "internal error" not in err
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\u202e" not in text and "\udcff" not in text
    assert "FAKE" in text and "\nFAKE" not in text
    if fmt in ("text", "github", "junit", "html"):
        assert "\\x1b[31m\\x0aFAKE" in text
    if fmt == "json":
        assert json.loads(text)["files"][0]["path"].endswith(shown(os.fsdecode(HOSTILE_NAME)))
    if fmt == "junit":
        ET.fromstring(text.encode("utf-8"))  # well-formed XML


@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_a_hostile_file_name_on_a_strict_utf8_stdout(hostile_name, cli, fmt):
    """The report used to be lost when stdout could not encode the name."""
    proc = cli("check", str(hostile_name), "--format", fmt, env_extra={"PYTHONIOENCODING": "utf-8:strict"})
    assert proc.returncode in (0, 1), proc.stderr
    assert "FAKE" in proc.stdout and "\x1b" not in proc.stdout and "internal error" not in proc.stderr


def test_junit_stays_well_formed_with_control_characters_in_record_text():
    """A PDF's text layer can hold control characters; XML 1.0 forbids them even escaped."""
    from strategy_lint.engine import FileResult
    from strategy_lint.findings import Finding, Location, Severity
    from strategy_lint.formatters.base import Summary
    from strategy_lint.formatters.junit import JunitFormatter

    finding = Finding(
        "SL401",
        "action-without-deadline",
        Severity.ERROR,
        "No deadline\x0b here.",
        None,
        Location(section="Act\x01ions"),
    )
    result = FileResult("r.pdf", "ok", [finding])
    xml = JunitFormatter(excerpts=True, color=False, rules={}).render([result], Summary.of([result], 1))
    root = ET.fromstring(xml.encode("utf-8"))
    assert "Act\ufffdions" in ET.tostring(root, encoding="unicode")
