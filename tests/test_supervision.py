"""Supervised checks: a hostile plugin can no longer hang, empty or crash a run (issue 13).

Each test is one failure of the hostile-plugin campaign.  The hostile rules live in a
local plugin file beside the records (as a user's would); most tests drive the
``Supervisor`` directly (what the CLI and ``serve`` use), a few the real command.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import FIXTURES

from strategy_lint import supervisor as supervision
from strategy_lint.errors import StrategyLintError
from strategy_lint.supervisor import Supervisor
from strategy_lint.worker import WorkerSpec

DOCX = FIXTURES / "examples" / "ava-marsh-form.docx"

HOSTILE = """
import os, signal, sys, time
from strategy_lint import Report, Rule, hookimpl
from strategy_lint.findings import Severity

class Fine(Rule):
    code, name, summary = "XH100", "fine", "Reports one thing."
    def check(self, document, ctx):
        yield Report("the fine rule ran")

class Exits(Rule):
    code, name, summary = "XH101", "exits", "Calls sys.exit."
    def check(self, document, ctx):
        sys.exit(0)

class Interrupts(Rule):
    code, name, summary = "XH102", "interrupts", "Raises KeyboardInterrupt."
    def check(self, document, ctx):
        raise KeyboardInterrupt

class GenExit(Rule):
    code, name, summary = "XH103", "generator-exit", "Raises GeneratorExit."
    def check(self, document, ctx):
        raise GeneratorExit

class Swallows(Rule):
    code, name, summary = "XH104", "swallows-everything", "Catches BaseException in a loop."
    def check(self, document, ctx):
        while True:
            try:
                time.sleep(10)
            except BaseException:
                pass

class NoAlarm(Rule):
    code, name, summary = "XH105", "no-alarm", "Switches SIGALRM off, then sleeps."
    def check(self, document, ctx):
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        signal.setitimer(signal.ITIMER_REAL, 0)
        time.sleep(100)
        return []

class HardExit(Rule):
    code, name, summary = "XH106", "hard-exit", "Ends its process."
    def check(self, document, ctx):
        os._exit(3)

class Greedy(Rule):
    code, name, summary = "XH107", "greedy", "Allocates without end, swallowing MemoryError."
    def check(self, document, ctx):
        import mmap
        hoard = []
        while True:  # address space, not touched: fast, and what RLIMIT_AS counts
            try:
                hoard.append(mmap.mmap(-1, 64 * 1024 * 1024))
            except (MemoryError, OSError):
                hoard.clear()
                os.kill(os.getpid(), signal.SIGKILL)  # what the kernel's OOM killer does

class Malformed(Rule):
    code, name, summary = "XH108", "malformed", "Returns things that are not Reports."
    def check(self, document, ctx):
        yield "a str"
        yield Report("block as text", block="3")
        yield Report("bad severity", severity="urgent")
        yield Report("a good one")

class Segfault(Rule):
    code, name, summary = "XH109", "segfault", "Crashes in C."
    def check(self, document, ctx):
        import ctypes
        ctypes.string_at(0)

@hookimpl
def strategy_lint_rules():
    return [Fine, Exits, Interrupts, GenExit, Swallows, NoAlarm, HardExit, Greedy, Malformed, Segfault]
"""


def setup_records(folder: Path, select: list[str], *, extra: str = "", plugins: dict[str, str] | None = None) -> Path:
    """``folder`` with a record, the hostile plugin and a strategy-lint.toml selecting ``select``."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {"hostile.py": HOSTILE, **(plugins or {})}
    for name, source in files.items():
        (folder / name).write_text(textwrap.dedent(source), encoding="utf-8")
    local = ", ".join(f'"{(folder / name).as_posix()}"' for name in files)
    (folder / "strategy-lint.toml").write_text(
        f"local-plugins = [{local}]\nselect = {json.dumps(select)}\nrule-timeout = 0.3\nfile-timeout = 20\n{extra}",
        encoding="utf-8",
    )
    shutil.copy(DOCX, folder / "record.docx")
    return folder / "record.docx"


def supervised(folder: Path, **spec) -> Supervisor:
    return Supervisor(WorkerSpec(cwd=str(folder), **spec))


def codes(result) -> list[str]:
    return sorted(f.code for f in result.findings)


def sl000(result) -> list[str]:
    return [f.message for f in result.findings if f.code == "SL000"]


@pytest.fixture(autouse=True)
def quick_kills(monkeypatch):
    monkeypatch.setattr(supervision, "GRACE_SECONDS", 0.5)
    monkeypatch.setattr(supervision, "MIN_IMPORT_SECONDS", 1.0)


# -- exceptions that used to end the run ------------------------------------------------------


@pytest.mark.parametrize(
    "code, what", [("XH101", "SystemExit"), ("XH102", "KeyboardInterrupt"), ("XH103", "GeneratorExit")]
)
def test_exit_interrupt_and_generator_exit_in_a_check_are_one_sl000(tmp_path, code, what):
    record = setup_records(tmp_path, [code, "XH100"])
    with supervised(tmp_path) as sup:
        result = sup.check(record).result
    assert result.status == "ok"
    assert codes(result) == ["SL000", "XH100"]  # the other rule's finding survives
    (message,) = sl000(result)
    assert code in message and what in message and "crashed" in message


def test_malformed_reports_are_one_sl000_and_the_good_ones_stay(tmp_path):
    record = setup_records(tmp_path, ["XH108", "XH100"])
    with supervised(tmp_path) as sup:
        result = sup.check(record).result
    assert codes(result) == ["SL000", "XH100", "XH108"]
    (message,) = sl000(result)
    assert "XH108" in message and "3 malformed results" in message and "str instead of a Report" in message
    assert [f.message for f in result.findings if f.code == "XH108"] == ["a good one"]


# -- hangs: stopped from outside ----------------------------------------------------------------


@pytest.mark.parametrize("code", ["XH104", "XH105"])
def test_a_rule_that_defeats_the_alarm_is_killed_and_the_record_checked_without_it(tmp_path, code):
    record = setup_records(tmp_path, [code, "XH100"])
    start = time.monotonic()
    with supervised(tmp_path) as sup:
        result = sup.check(record).result
    assert time.monotonic() - start < 15
    assert result.status == "ok" and codes(result) == ["SL000", "XH100"]
    (message,) = sl000(result)
    assert code in message and "rule-timeout" in message and "did not stop when asked" in message
    assert "local plugin file hostile.py" in message  # the plugin is named


@pytest.mark.parametrize("code, cause", [("XH106", "exit status 3"), ("XH107", "SIGKILL"), ("XH109", "SIGSEGV")])
def test_a_rule_that_kills_its_process_is_one_sl000_and_the_batch_goes_on(tmp_path, code, cause):
    record = setup_records(tmp_path, [code, "XH100"], extra="max-memory-mb = 700\n")
    second = tmp_path / "second.docx"
    shutil.copy(DOCX, second)
    with supervised(tmp_path, max_memory_mb=700) as sup:
        results = list(sup.check_many([record, second]))
    for result in results:
        assert result.status == "ok" and codes(result) == ["SL000", "XH100"]
        (message,) = sl000(result)
        assert code in message and cause in message


def test_memory_limit_is_applied_in_the_worker(tmp_path):
    """A rule that allocates and handles MemoryError itself sees the limit (in-process it would not)."""
    probe = """
    import resource
    from strategy_lint import Report, Rule, hookimpl

    class Limit(Rule):
        code, name, summary = "XH120", "limit", "Reports its address-space limit."
        def check(self, document, ctx):
            yield Report(f"limit {resource.getrlimit(resource.RLIMIT_AS)[0] // (1024 * 1024)}")

    @hookimpl
    def strategy_lint_rules():
        return [Limit]
    """
    record = setup_records(tmp_path, ["XH120"], plugins={"probe.py": probe})
    with supervised(tmp_path, max_memory_mb=900) as sup:
        result = sup.check(record).result
    assert [f.message for f in result.findings] == ["limit 900"]


def test_a_hang_while_reading_is_a_timeout_error(tmp_path, monkeypatch):
    reader = """
    import time
    from strategy_lint import hookimpl

    @hookimpl(tryfirst=True)
    def strategy_lint_read_document(path, options):
        import signal
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        while True:
            try:
                time.sleep(10)
            except BaseException:
                pass
    """
    record = setup_records(tmp_path, ["XH100"], extra="", plugins={"reader.py": reader})
    text = (tmp_path / "strategy-lint.toml").read_text().replace("file-timeout = 20", "file-timeout = 0.5")
    (tmp_path / "strategy-lint.toml").write_text(text)
    with supervised(tmp_path) as sup:
        result = sup.check(record).result
    assert result.status == "error" and result.error.code == "timeout"


# -- plugins that misbehave at import ---------------------------------------------------------


@pytest.mark.parametrize(
    "source, cause",
    [
        (
            "import time\nwhile True:\n    try:\n        time.sleep(10)\n    except BaseException:\n        pass\n",
            "took longer than",
        ),
        ("import os\nos._exit(4)\n", "exit status 4"),
    ],
)
def test_a_plugin_that_hangs_or_dies_at_import_is_skipped(tmp_path, source, cause):
    record = setup_records(tmp_path, ["XH100"], plugins={"bad_import.py": source})
    with Supervisor(WorkerSpec(cwd=str(tmp_path)), plugin_seconds=0.5) as sup:
        sup.start()
        skipped = dict(sup.skipped_plugins)
        result = sup.check(record).result
    (name,) = skipped
    assert name.endswith("bad_import.py") and cause in skipped[name]
    assert codes(result) == ["XH100"]


def test_exit_at_import_through_the_cli_is_a_load_failure_not_an_empty_report(tmp_path, cli):
    setup_records(tmp_path, ["XH100"], plugins={"exits.py": "import sys\nsys.exit(0)\n"})
    proc = cli("check", "record.docx", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr  # XH100 is a warning
    assert json.loads(proc.stdout)["files"][0]["findings"][0]["code"] == "XH100"
    assert "exits.py" in proc.stderr and "SystemExit" in proc.stderr and "Traceback" not in proc.stderr


def test_every_hostile_rule_at_once_through_the_cli_with_two_jobs(tmp_path, cli):
    setup_records(tmp_path, ["XH"], extra="max-memory-mb = 700\n")
    shutil.copy(DOCX, tmp_path / "second.docx")
    proc = cli(
        "check",
        ".",
        "--format",
        "json",
        "-o",
        str(tmp_path.parent / f"{tmp_path.name}.json"),
        "--jobs",
        "2",
        cwd=tmp_path,
    )
    assert proc.returncode == 2, proc.stderr  # a crashed check makes it 2, with every finding reported
    report = json.loads((tmp_path.parent / f"{tmp_path.name}.json").read_text())
    for entry in report["files"]:
        found = [f["code"] for f in entry["findings"]]
        assert "XH100" in found and found.count("SL000") == 9
    assert "Traceback" not in proc.stderr


# -- stopping cleanly ------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


@pytest.mark.parametrize("jobs, sig", [("1", signal.SIGTERM), ("2", signal.SIGTERM), ("2", signal.SIGINT)])
def test_sigterm_stops_workers_and_leaves_nothing_behind(tmp_path, jobs, sig):
    setup_records(tmp_path, ["XH104"])
    shutil.copy(DOCX, tmp_path / "second.docx")
    out = tmp_path.parent / f"{tmp_path.name}-out"
    out.mkdir()
    tmp = tmp_path.parent / f"{tmp_path.name}-tmp"
    tmp.mkdir()
    text = (tmp_path / "strategy-lint.toml").read_text().replace("rule-timeout = 0.3", "rule-timeout = 60")
    (tmp_path / "strategy-lint.toml").write_text(text)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"TMPDIR": str(tmp)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "strategy_lint", "check", ".", "--jobs", jobs, "-o", str(out / "report.json")],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while len(_children(proc.pid)) < int(jobs) and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = _children(proc.pid)
    assert workers, "no worker started"
    time.sleep(1.0)  # the workers are inside the hanging rule now
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=20)  # returns only when every holder of the pipes is gone
    assert proc.returncode == 2
    assert b"Traceback" not in stderr
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
    assert list(out.iterdir()) == [] and list(tmp.iterdir()) == []


def test_worker_that_cannot_start_is_one_clear_error(tmp_path, monkeypatch):
    spec = WorkerSpec(cwd=str(tmp_path), config_path=tmp_path / "missing.toml")
    with pytest.raises(StrategyLintError) as err:
        with Supervisor(spec) as sup:
            sup.start()
    assert "missing.toml" in str(err.value)


def test_serve_api_one_record_with_its_commented_copy(tmp_path):
    """``Supervisor.check(path, annotate=True)``: what ``serve`` needs, as plain data."""
    record = setup_records(tmp_path, ["XH100", "XH101"])
    with supervised(tmp_path) as sup:
        outcome = sup.check(record, annotate=True)
    assert outcome.result.document is None and codes(outcome.result) == ["SL000", "XH100"]
    assert outcome.annotated and outcome.annotated[:2] == b"PK" and outcome.note is None


def test_a_host_with_threads_gets_forkserver_workers(tmp_path):
    """``serve`` has threads: forking it would be unsafe, so workers come from a forkserver."""
    import threading

    record = setup_records(tmp_path, ["XH101", "XH100"])
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert supervision._context().get_start_method() != "fork"
        with supervised(tmp_path) as sup:
            result = sup.check(record).result
    finally:
        stop.set()
        thread.join()
    assert codes(result) == ["SL000", "XH100"]


def test_a_memory_limit_too_small_to_start_is_a_usage_error(tmp_path, cli):
    shutil.copy(DOCX, tmp_path / "record.docx")
    proc = cli("check", "record.docx", "--max-memory-mb", "60", cwd=tmp_path)
    assert proc.returncode == 2 and "max-memory-mb 60 is too little" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1


PID_PROBE = """
import os
from strategy_lint import Report, Rule, hookimpl

class Pid(Rule):
    code, name, summary = "XH121", "pid", "Reports its process."
    def check(self, document, ctx):
        yield Report(f"pid {os.getpid()}")

@hookimpl
def strategy_lint_rules():
    return [Pid]
"""


def test_a_host_can_fix_the_configuration_and_recycle_workers(tmp_path):
    """What ``serve`` needs: uploads in a private folder get the page's configuration, and a
    long-running page gets fresh workers (spaCy's string store) every few records."""
    from strategy_lint.config import parse_config

    (tmp_path / "probe.py").write_text(PID_PROBE, encoding="utf-8")
    config = parse_config({"select": ["XH121"], "local-plugins": [str(tmp_path / "probe.py")]}, None)
    uploads = tmp_path / "private"
    uploads.mkdir()
    records = [shutil.copy(DOCX, uploads / f"record{i}.docx") for i in range(3)]
    with Supervisor(WorkerSpec(cwd=str(tmp_path), config=config), recycle_after=2) as sup:
        pids = [sup.check(Path(r)).result.findings[0].message for r in records]
    assert pids[0] == pids[1] != pids[2]
