"""Privacy: offline, no document text in logs, inputs never modified, outputs atomic.

A sentinel name ("Zebraquill Ottoline", fictional) is written into real records built with
the fixture builders; these tests then look for it wherever it must not be.
"""

from __future__ import annotations

import hashlib
import json
import socket
import textwrap
from pathlib import Path

import pytest
from helpers import FIXTURES, run_cli

from strategy_lint import cli, nlp, output
from strategy_lint.plugins import create_plugin_manager
from strategy_lint.testing.builders import build

SENTINEL = "Zebraquill Ottoline"
BASE = (FIXTURES / "records" / "base-baby-bruise.md").read_text(encoding="utf-8")

#: The sentinel as the name in an action with no deadline and as an attendee with a name
#: only (built-in rules quote these in their messages), and in the child's voice section.
SENTINEL_RECORD = (
    BASE.replace(
        "| Hannah Reed (CSC) | 21/03/2016 |\n",
        f"| Hannah Reed (CSC) | 21/03/2016 |\n| Ask {SENTINEL} to attend the review | Tom Ellis (CSC) | TBC |\n",
    )
    .replace(
        "| Priya Nair | Business Support Officer (minutes) | Children's Social Care |\n",
        f"| Priya Nair | Business Support Officer (minutes) | Children's Social Care |\n| {SENTINEL} | | |\n",
    )
    .replace(
        "## Child's voice and lived experience\n",
        f"## Child's voice and lived experience\nNOTE: {SENTINEL} was seen with Ava on the day of the visit.\n\n",
    )
)

#: A third-party plugin that quotes the sentinel only as an excerpt, and crashes with the
#: sentinel in its exception message (which must never reach a log).
QUOTING_PLUGIN = """
from strategy_lint import Report, Rule, hookimpl

class QuoteNote(Rule):
    code = "XP001"
    name = "quote-note"
    summary = "Quotes NOTE paragraphs."

    def check(self, document, ctx):
        for b in document.body_blocks():
            if b.text.startswith("NOTE:"):
                yield Report("A note to the author was left in the record.", block=b.index, excerpt=b.text)

class Crash(Rule):
    code = "XP002"
    name = "crash-with-text"
    summary = "Crashes with document text in its message."

    def check(self, document, ctx):
        note = next(b.text for b in document.body_blocks() if b.text.startswith("NOTE:"))
        raise ValueError("cannot handle " + note)

@hookimpl
def strategy_lint_rules():
    return [QuoteNote, Crash]
"""


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("records")
    build(SENTINEL_RECORD, "narrative", folder / "sentinel.docx")
    build(SENTINEL_RECORD, "pdf", folder / "sentinel.pdf")
    return folder


def plugin_config(folder: Path, select: str | None = None) -> Path:
    """A strategy-lint.toml loading the quoting plugin (as a user's local plugin)."""
    plugin = folder / "quoting_plugin.py"
    plugin.write_text(QUOTING_PLUGIN, encoding="utf-8")
    lines = [f'local-plugins = ["{plugin.as_posix()}"]']
    if select:
        lines.append(f'select = ["{select}"]')
    config = folder / "strategy-lint.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def sha256s(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# -- (1) offline ---------------------------------------------------------------------------


#: The one socket anything creates: ``import spacy`` imports requests → urllib3, whose
#: module import probes IPv6 support by binding a socket to ::1 (no traffic, and it copes
#: with the refusal).  Any other attempt, and any connect or DNS lookup, fails the tests.
KNOWN_PROBES = {("connection.py", "_has_ipv6")}


def _caller() -> tuple[str, str]:
    import sys

    frame = sys._getframe(2)
    return Path(frame.f_code.co_filename).name, frame.f_code.co_name


class _NoNetwork(socket.socket):
    attempts: list[tuple[str, str, str]] = []
    #: the checks run in worker processes (forked: they inherit these patches); each
    #: attempt is also appended here so that the test sees the workers' attempts too
    log: Path | None = None

    def __init__(self, *args, **kwargs):
        _NoNetwork.record(("socket", *_caller()))
        raise OSError("network access is blocked in this test")

    @classmethod
    def record(cls, attempt: tuple[str, str, str]) -> None:
        cls.attempts.append(attempt)
        if cls.log is not None:
            with cls.log.open("a", encoding="utf-8") as fh:
                fh.write(" ".join(attempt) + "\n")

    @classmethod
    def all_attempts(cls) -> list[tuple[str, ...]]:
        seen = [tuple(line.split(" ")) for line in cls.log.read_text(encoding="utf-8").splitlines()] if cls.log else []
        return seen or list(cls.attempts)


def _blocked(name):
    def refuse(*args, **kwargs):
        _NoNetwork.record((name, *_caller()))
        raise OSError("network access is blocked in this test")

    return refuse


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_full_check_with_every_socket_blocked(records, monkeypatch, capsys, tmp_path):
    paths = [str(records / "sentinel.docx"), str(records / "sentinel.pdf"), str(FIXTURES / "examples")]
    nlp.clear_cache()  # the spaCy pipeline must be built while the network is blocked
    with monkeypatch.context() as m:
        _NoNetwork.attempts = []
        m.setattr(_NoNetwork, "log", tmp_path / "attempts.log")
        m.setattr(socket, "socket", _NoNetwork)
        for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair", "create_server"):
            m.setattr(socket, name, _blocked(name))
        real_pipeline = nlp.get_pipeline

        def pipeline(*args, **kwargs):  # runs in the worker: leaves a mark the test can see
            _NoNetwork.record(("pipeline", "built", "-"))
            return real_pipeline(*args, **kwargs)

        m.setattr(nlp, "get_pipeline", pipeline)
        blocked = run_main(capsys, "check", *paths, "--format", "json")
        attempts = _NoNetwork.all_attempts()
        built = ("pipeline", "built", "-") in attempts
    normal = run_main(capsys, "check", *paths, "--format", "json")
    attempts = [a for a in attempts if a[0] != "pipeline"]
    assert [a for a in attempts if a[0] != "socket" or a[1:] not in KNOWN_PROBES] == []
    assert built, "the spaCy rules did not run while the network was blocked"
    assert blocked == normal
    assert blocked[0] in (0, 1)
    results = json.loads(blocked[1])["files"]
    assert len(results) >= 4 and all(f["status"] == "ok" for f in results)


SITECUSTOMIZE = """
import os, socket

_log = os.environ["NO_NETWORK_LOG"]

def _refuse(what):
    import sys
    code = sys._getframe(2).f_code
    with open(_log, "a") as fh:
        fh.write(what + " " + os.path.basename(code.co_filename) + " " + code.co_name + "\\n")
    raise OSError("network access is blocked (sitecustomize)")

class _NoSocket(socket.socket):
    def __init__(self, *a, **k):
        _refuse("socket")

socket.socket = _NoSocket
for _name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair", "create_server"):
    setattr(socket, _name, lambda *a, _n=_name, **k: _refuse(_n))
"""


def test_subprocess_with_sockets_blocked_from_interpreter_start(records, tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "attempts.log"
    paths = [str(records / "sentinel.docx"), str(records / "sentinel.pdf")]
    proc = run_cli("check", *paths, "--format", "json", env_extra={"PYTHONPATH": str(site), "NO_NETWORK_LOG": str(log)})
    attempts = log.read_text().splitlines() if log.exists() else []
    assert [a for a in attempts if tuple(a.split()[1:]) not in KNOWN_PROBES or a.split()[0] != "socket"] == []
    assert "Traceback" not in proc.stderr
    expected = run_main(capsys, "check", *paths, "--format", "json")
    assert (proc.returncode, proc.stdout) == expected[:2]


# -- (2) no document text in logs ------------------------------------------------------------


def test_debug_logging_never_shows_document_text(records, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    for p in records.iterdir():
        (work / p.name).write_bytes(p.read_bytes())
    plugin_config(work)
    proc = run_cli("check", "-vv", ".", cwd=work)
    assert proc.returncode in (1, 2), proc.stderr
    assert SENTINEL in proc.stdout  # the report the user asked for quotes it...
    assert "XP002" in proc.stdout and "crashed" in proc.stdout
    assert "DEBUG" in proc.stderr  # ...-vv did log (the crash), but never the text
    assert SENTINEL not in proc.stderr
    assert "Zebraquill" not in proc.stderr


def test_internal_error_traceback_at_vv_has_no_message_text():
    from strategy_lint.budget import traceback_without_messages

    try:
        try:
            raise KeyError(SENTINEL)
        except KeyError as inner:
            raise ValueError(f"while reading {SENTINEL}") from inner
    except ValueError as exc:
        text = traceback_without_messages(exc)
    assert "Zebraquill" not in text
    assert "ValueError" in text and "KeyError" in text and "test_privacy.py" in text


FORMATS = sorted(create_plugin_manager().formatters)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_excerpts_removes_quoted_text_in_every_format(records, tmp_path, capsys, fmt):
    """A plugin's excerpts are dropped by --no-excerpts, to the screen and to a file."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "sentinel.docx").write_bytes((records / "sentinel.docx").read_bytes())
    config = plugin_config(work, select="XP001")
    shown = run_main(capsys, "check", str(work / "sentinel.docx"), "--config", str(config), "--format", fmt)
    assert SENTINEL in shown[1], "the excerpt should be quoted without --no-excerpts"
    report = tmp_path / f"report.{fmt}"
    code, out, err = run_main(
        capsys,
        "check",
        str(work / "sentinel.docx"),
        "--config",
        str(config),
        "--format",
        fmt,
        "--no-excerpts",
        "-o",
        str(report),
    )
    assert code == shown[0]
    assert "Zebraquill" not in out + err + report.read_text(encoding="utf-8")


def test_builtin_messages_quote_the_sentinel_when_excerpts_are_on(records, capsys):
    """The guard for the test below: these rules do put record text in their messages."""
    code, out, _ = run_main(capsys, "check", str(records / "sentinel.docx"), "--format", "json")
    findings = json.loads(out)["files"][0]["findings"]
    quoting = {f["code"] for f in findings if "Zebraquill" in f["message"]}
    assert {"SL102", "SL401"} <= quoting


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "html"])
def test_no_excerpts_removes_record_text_from_builtin_messages(records, capsys, fmt):
    code, out, err = run_main(capsys, "check", str(records / "sentinel.docx"), "--format", fmt, "--no-excerpts")
    assert code == 1
    assert "Zebraquill" not in out + err
    assert "SL401" in out  # the findings are still there, just without the quotes


# -- (3) inputs untouched, outputs atomic -----------------------------------------------------


def test_inputs_never_modified_and_nothing_left_behind(records, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    for p in records.iterdir():
        (work / p.name).write_bytes(p.read_bytes())
    config = plugin_config(work)
    before = sha256s(work)
    out = tmp_path / "out"
    args = ["check", str(work), "--config", str(config), "--format", "json", "-o", str(out / "report.json")]
    help_text = run_cli("check", "--help").stdout
    if "--annotate" in help_text:
        args += ["--annotate", str(out / "annotated")]
    if "--write-baseline" in help_text:
        args += ["--write-baseline", str(out / "baseline.json")]
    tmpdir = tmp_path / "tmp"  # the run's own TMPDIR: nothing may be left there either
    tmpdir.mkdir()
    proc = run_cli(*args, cwd=tmp_path, env_extra={"TMPDIR": str(tmpdir), "HOME": str(tmpdir)})
    assert proc.returncode == 2, proc.stderr  # the sentinel plugin has a check that crashes (SL000)
    assert list(tmpdir.iterdir()) == []
    assert sha256s(work) == before  # same files, same bytes: nothing modified, nothing added
    written = {p.name for p in out.rglob("*") if p.is_file()}
    assert "report.json" in written
    assert not [n for n in written if n.startswith(".strategy-lint-")], "a temporary file was left behind"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "tmp", "work"]  # no cache or log files


def test_write_atomic_never_leaves_a_half_report(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("previous report", encoding="utf-8")

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(output.os, "replace", fail)
    with pytest.raises(OSError):
        output.write_atomic(target, b"new report")
    assert target.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
    monkeypatch.undo()
    output.write_atomic(target, b"new report")
    assert target.read_bytes() == b"new report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_cli_writes_reports_through_write_atomic(records, tmp_path, monkeypatch, capsys):
    calls = []
    real = output.write_atomic
    monkeypatch.setattr(output, "write_atomic", lambda path, data: (calls.append(path), real(path, data)))
    code, _out, _err = run_main(capsys, "check", str(records / "sentinel.docx"), "-o", str(tmp_path / "r.txt"))
    assert code in (0, 1)
    assert calls == [tmp_path / "r.txt"]


def test_plugin_source_is_a_real_plugin(tmp_path):
    """Guard: the quoting plugin used above loads and provides its two rules."""
    config = plugin_config(tmp_path)
    proc = run_cli("rules", "--config", str(config))
    assert "XP001" in proc.stdout and "XP002" in proc.stdout, textwrap.shorten(proc.stderr, 300)
