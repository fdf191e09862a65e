"""What ruff and flake8 users reach for: --version, -q, -v, --statistics, --stdin-filename,
case-insensitive --format, a "wrote" line for --output, usage errors that help.  Also what
the text report owes a records team: the records that were ready, the baselined count, and
where to read more about each finding.

The demo rules (tests/data/demo_rules.py, a local plugin) keep these fast and independent of
the built-in rules.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import run_cli

from strategy_lint.cli import main, mistyped_command

DATA = Path(__file__).parent / "data"
SECRET = "Quillfeather"  # record text that must never reach a log line
BAD = f"# Strategy Discussion Record\n## Child's voice\n{SECRET} said hello.\n## Actions\nPolice to visit, TBC.\n"
NOTE_ONLY = "# Strategy Discussion Record\n## Child's voice\nShe said hello.\nNOTE check the spelling.\n"
CLEAN = "# Strategy Discussion Record\n## Child's voice\nShe said hello.\n"


@pytest.fixture
def records(tmp_path, monkeypatch):
    """A folder with a demo config and three records: one bad, one with a note only, one clean."""
    (tmp_path / "strategy-lint.toml").write_text(
        f'local-plugins = ["{(DATA / "demo_rules.py").as_posix()}"]\nselect = ["XD"]\n', encoding="utf-8"
    )
    for name, text in (("bad.md", BAD), ("note-only.md", NOTE_ONLY), ("clean.md", CLEAN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def usage_error(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    assert exc.value.code == 2
    return capsys.readouterr().err


# -- the text report ---------------------------------------------------------------------------


def test_text_report_names_ready_records_and_says_where_to_read_more(records, capsys):
    code, out, _ = run(capsys, "check", "bad.md", "note-only.md", "clean.md")
    assert code == 1
    assert "    More: strategy-lint rule XD401\n" in out
    ready = out.split("Ready to circulate:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert ready == ["  note-only.md", "  clean.md"]  # a note alone does not stop a record
    assert "Checked 3 files: 2 ready to circulate, 1 needs changes." in out


@pytest.mark.parametrize("fmt", ["text", "json", "html", "junit", "sarif"])
def test_a_record_with_only_a_note_is_ready_in_every_format(records, capsys, fmt):
    code, out, _ = run(capsys, "check", "note-only.md", "--format", fmt)
    assert code == 0
    if fmt == "text":
        assert "Checked 1 file: 1 ready to circulate." in out
    elif fmt == "json":
        data = json.loads(out)
        assert data["files"][0]["verdict"] == "ready" and data["summary"]["ready"] == 1
    elif fmt == "html":
        assert 'class="verdict v-ok">ready to circulate<' in out and "needs changes<" not in out
    elif fmt == "junit":
        assert '<property name="verdict" value="ready to circulate" />' in out
    else:
        assert json.loads(out)["runs"][0]["artifacts"][0]["properties"] == {"verdict": "ready"}


def test_fail_on_info_makes_a_note_need_changes_everywhere(records, capsys):
    code, out, _ = run(capsys, "check", "note-only.md", "--fail-on", "INFO", "--format", "json")
    assert code == 1
    assert json.loads(out)["files"][0]["verdict"] == "changes"


def test_baselined_problems_are_counted_not_hidden(records, capsys):
    assert run(capsys, "check", "bad.md", "--write-baseline", "baseline.json")[0] == 0
    code, out, _ = run(capsys, "check", "bad.md", "--baseline", "baseline.json")
    assert code == 0
    assert "1 problem accepted in the baseline was not shown." in out
    data = json.loads(run(capsys, "check", "bad.md", "--baseline", "baseline.json", "--format", "json")[1])
    assert data["summary"]["baselined"] == 1


# -- flags users expect ------------------------------------------------------------------------


def test_version(capsys):
    from strategy_lint import __version__

    for flag in ("--version", "-V"):
        with pytest.raises(SystemExit) as exc:
            main([flag])
        assert exc.value.code == 0
        assert capsys.readouterr().out == f"strategy-lint {__version__}\n"


def test_quiet_prints_the_problems_only(records, capsys):
    code, out, err = run(capsys, "check", "-q", "bad.md", "clean.md", "-o", "report.txt")
    assert code == 1 and out == "" and err == ""
    text = (records / "report.txt").read_text(encoding="utf-8")
    assert "XD401" in text and "Ready to circulate" not in text and "Checked" not in text


def test_output_says_where_it_wrote(records, capsys):
    code, out, err = run(capsys, "check", "bad.md", "--output", "out/report.html", "--format", "html")
    assert code == 1 and out == ""
    assert err == "strategy-lint: wrote out/report.html\n"


def test_format_is_case_insensitive(records, capsys):
    code, out, _ = run(capsys, "check", "bad.md", "--format", "JSON")
    assert code == 1 and json.loads(out)["version"] == 1


def test_statistics_like_ruff(records, capsys):
    code, out, _ = run(capsys, "check", "bad.md", "note-only.md", "clean.md", "--statistics")
    assert code == 1
    assert out.splitlines() == ["1  XD401  demo-tbc-deadline", "1  XD902  demo-note"]
    code, out, _ = run(capsys, "check", "bad.md", "note-only.md", "--statistics", "--format", "json")
    assert json.loads(out) == [
        {"code": "XD401", "name": "demo-tbc-deadline", "count": 1},
        {"code": "XD902", "name": "demo-note", "count": 1},
    ]
    code, _, err = run(capsys, "check", "bad.md", "--statistics", "--format", "html")
    assert code == 2 and "--statistics prints text or json" in err


def test_verbose_says_what_config_plugins_and_timings_never_record_text(records):
    proc = run_cli("check", "-v", "bad.md", "clean.md", cwd=records)
    code, err = proc.returncode, proc.stderr
    assert code == 1
    assert f"INFO: configuration: {records / 'strategy-lint.toml'}" in err
    assert re.search(r"INFO: plugins: .*local file .*demo_rules.py \(1\); strategy-lint [\d.]+ \(\d+\)", err)
    assert re.search(r"INFO: rules: \d+ installed, 3 selected here", err)
    assert re.search(r"INFO: record 1/2: needs changes, 1 finding\(s\), [\d.]+ s", err)
    assert "DEBUG" not in err
    err = run_cli("check", "-vv", "bad.md", cwd=records).stderr
    assert re.search(r"DEBUG: check XD401: 1 report\(s\) in [\d.]+ s", err)
    assert SECRET not in err and "bad.md" not in err  # neither record text nor file names


# -- usage errors that help ----------------------------------------------------------------------


def test_misspelled_command_is_a_usage_error_with_a_suggestion(records, capsys):
    err = usage_error(capsys, "chek", ".")
    assert "unknown command 'chek' (did you mean \"check\"?)" in err and "usage: strategy-lint" in err
    assert mistyped_command("plugns") == "plugins" and mistyped_command("record.docx") is None
    assert mistyped_command("Strategy records") is None  # not close to any command: a path


def test_a_real_path_named_like_a_typo_is_still_checked(records, capsys):
    (records / "chek").write_text(BAD, encoding="utf-8")
    code, out, _ = run(capsys, "chek")
    assert code == 2 and out.startswith("chek\n  COULD NOT READ: files without an extension")


def test_unknown_option_shows_the_subcommand_usage(records, capsys):
    err = usage_error(capsys, "check", "--bogus", "bad.md")
    assert err.startswith("usage: strategy-lint check ") and "unrecognized arguments: --bogus" in err
    err = usage_error(capsys, "bad.md", "--bogus")  # "check" is the default command
    assert err.startswith("usage: strategy-lint check ")


def test_options_before_the_command_belong_to_it(records, capsys):
    code, out, _ = run(capsys, "-q", "rules")
    assert code == 0 and "XD401" in out


def test_no_paths_is_a_usage_error(records, capsys):
    assert "give at least one record or folder" in usage_error(capsys, "check")


def test_a_staged_lock_file_alone_is_not_an_error(records, capsys):
    (records / "~$bad.docx").write_bytes(b"\x00lock")
    code, out, err = run(capsys, "check", "~$bad.docx")
    assert code == 0 and out == "" and "only Word lock files" in err


# -- standard input ------------------------------------------------------------------------------


def stdin(*argv: str, data: bytes, cwd: Path):
    return run_cli(*argv, cwd=cwd, input_bytes=data)


def test_stdin_filename_checks_bytes_as_that_file(records):
    proc = stdin("check", "--stdin-filename", "team/bad.md", data=BAD.encode(), cwd=records)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("team/bad.md\n  ERROR XD401 demo-tbc-deadline")  # the config was found from NAME
    proc = stdin("check", "-", "--format", "json", data=CLEAN.encode(), cwd=records)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["files"][0]["path"] == "-"


def test_stdin_bytes_are_sniffed_like_a_file(records):
    from strategy_lint.testing import build_file

    docx = build_file(BAD, "narrative", records / "made.docx").read_bytes()
    pdf = build_file(BAD, "pdf", records / "made.pdf").read_bytes()
    for name, data in (("from-pipeline", docx), ("from-pipeline", pdf), ("r.docx", docx)):
        proc = stdin("check", "--stdin-filename", name, data=data, cwd=records)
        assert proc.returncode == 1 and "XD401" in proc.stdout, (name, proc.stdout, proc.stderr)
    proc = stdin("check", "--stdin-filename", "r.docx", data=pdf, cwd=records)
    assert proc.returncode == 2 and "is really a PDF" in proc.stdout
    proc = stdin("check", "--stdin-filename", "r.docx", data=b"", cwd=records)
    assert proc.returncode == 2 and "the file is empty" in proc.stdout


def test_stdin_cannot_mix_with_paths_or_annotate(records, capsys):
    assert "cannot be mixed" in usage_error(capsys, "check", "-", "bad.md")
    assert "give no paths, or only -" in usage_error(capsys, "check", "bad.md", "--stdin-filename", "x.docx")
    assert "--annotate needs records on disk" in usage_error(capsys, "check", "-", "--annotate", "out")


# -- the user guide and the behaviour agree ---------------------------------------------------------

CRASHES = """
from strategy_lint import Rule, hookimpl

class Crashes(Rule):
    code = "XC001"
    name = "always-crashes"
    summary = "Crashes."

    def check(self, document, ctx):
        raise ValueError("a bug")

@hookimpl
def strategy_lint_rules():
    return [Crashes]
"""


def test_the_exit_code_of_a_crashed_check_is_the_one_the_user_guide_gives(records, capsys):
    guide = (Path(__file__).resolve().parent.parent / "docs" / "user-guide.md").read_text(encoding="utf-8")
    documented = {int(m[1]) for m in re.finditer(r"^\| (\d) \| ([^\n]*)$", guide, re.M) if "check crashed" in m[2]}
    assert len(documented) == 1, "the user guide's exit codes must say what a crashed check gives"
    expected = documented.pop()
    (records / "crash.py").write_text(CRASHES, encoding="utf-8")
    (records / "strategy-lint.toml").write_text('local-plugins = ["crash.py"]\nselect = ["XC"]\n', encoding="utf-8")
    for extra in ([], ["--exit-zero"]):  # the record was not fully checked: never "all clear"
        code, out, _ = run(capsys, "check", "clean.md", *extra)
        assert "SL000 internal-error" in out and "from local plugin file crash.py crashed" in out
        assert code == expected == 2
