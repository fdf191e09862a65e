"""Limits: file size, expanded size, pages and time budgets each give their own clear error.

Limits come from a ``strategy-lint.toml`` beside the records, as a user would set them.
The time budgets are tested with deliberately hanging third-party rules.
"""

from __future__ import annotations

import shutil
import signal
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from helpers import FIXTURES

from strategy_lint import budget
from strategy_lint.config import parse_config
from strategy_lint.engine import Linter
from strategy_lint.hookspecs import hookimpl
from strategy_lint.plugins import create_plugin_manager
from strategy_lint.readers import docx as docx_reader
from strategy_lint.readers import pdf as pdf_reader
from strategy_lint.rules import Report, Rule

DOCX = FIXTURES / "examples" / "ava-marsh-form.docx"
PDF = FIXTURES / "examples" / "problems-baby-voice.pdf"  # 3 pages


def config_linter(folder: Path, toml: str) -> Linter:
    """A Linter that discovers ``folder/strategy-lint.toml`` like the CLI does."""
    (folder / "strategy-lint.toml").write_text(textwrap.dedent(toml), encoding="utf-8")
    return Linter()


def one_line(message: str) -> bool:
    return "\n" not in message and len(message) < 300


# -- size and page limits ------------------------------------------------------------------


def test_file_size_limit(tmp_path):
    big = tmp_path / "big.pdf"
    big.write_bytes(PDF.read_bytes() + b"\n%" + b" " * (1024 * 1024 + 10))  # junk after %%EOF is legal
    result = config_linter(tmp_path, "max-file-mb = 1\n").lint_file(big)
    assert result.status == "error" and result.error.code == "too-large"
    assert "max-file-mb" in result.error.message and one_line(result.error.message)


def test_expanded_size_limit(tmp_path):
    bloated = tmp_path / "bloated.docx"
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(bloated, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, src.read(item.filename))
        out.writestr("word/media/padding.bin", b"\0" * (2 * 1024 * 1024))  # compresses to ~2 KB
    assert bloated.stat().st_size < 200_000
    result = config_linter(tmp_path, "max-expanded-mb = 1\n").lint_file(bloated)
    assert result.status == "error" and result.error.code == "too-large-expanded"
    assert one_line(result.error.message)
    # the same file is fine under the default limit
    (tmp_path / "strategy-lint.toml").unlink()
    assert Linter().lint_file(bloated).status == "ok"


def test_page_limit(tmp_path):
    pdf = shutil.copy(PDF, tmp_path / "record.pdf")
    result = config_linter(tmp_path, "max-pages = 2\n").lint_file(Path(pdf))
    assert result.status == "error" and result.error.code == "too-many-pages"
    assert "max-pages" in result.error.message and one_line(result.error.message)


def test_limits_through_the_cli(tmp_path, cli):
    shutil.copy(PDF, tmp_path / "record.pdf")
    (tmp_path / "strategy-lint.toml").write_text("max-pages = 1\n", encoding="utf-8")
    proc = cli("check", "record.pdf", cwd=tmp_path)
    assert proc.returncode == 2
    assert "max-pages" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


# -- time budgets: hanging third-party rules -----------------------------------------------


class Busy(Rule):
    """Spins forever, and swallows ordinary exceptions: the budget must still stop it."""

    code = "XH001"
    name = "busy-loop"
    summary = "Never finishes."

    def check(self, document, ctx):
        while True:
            try:
                while True:
                    pass
            except Exception:
                continue


class Sleepy(Rule):
    code = "XH002"
    name = "sleeps"
    summary = "Sleeps a long time."

    def check(self, document, ctx):
        time.sleep(100)
        return []


class Fine(Rule):
    code = "XH003"
    name = "fine"
    summary = "Reports one thing, quickly."

    def check(self, document, ctx):
        yield Report("fine rule ran")


def hanging_linter(rules, **cfg) -> Linter:
    class Plugin:
        @hookimpl
        def strategy_lint_rules(self):
            return list(rules)

    plugins = create_plugin_manager(entry_points=[], extra=[Plugin(), docx_reader, pdf_reader])
    return Linter(config=parse_config(cfg, None), plugins=plugins)


def test_hanging_rules_are_stopped_and_the_others_still_run():
    linter = hanging_linter([Busy, Sleepy, Fine], **{"rule-timeout": 0.3, "file-timeout": 20})
    start = time.monotonic()
    result = linter.lint_file(DOCX)
    elapsed = time.monotonic() - start
    assert result.status == "ok"
    stopped = [f for f in result.findings if f.code == "SL000"]
    assert len(stopped) == 2
    assert {"XH001", "XH002"} == {f.message.split()[2] for f in stopped}
    assert all("took too long" in f.message and one_line(f.message) for f in stopped)
    assert any(f.code == "XH003" for f in result.findings)
    assert elapsed < 10


class Early(Rule):
    code = "XH000"
    name = "early"
    summary = "Runs before the slow rule and reports one thing."

    def check(self, document, ctx):
        yield Report("early rule ran")


def test_a_slow_check_under_the_file_budget_is_blamed_and_the_others_findings_kept():
    linter = hanging_linter([Early, Sleepy, Fine], **{"rule-timeout": 30, "file-timeout": 1.5})
    for path in (DOCX, PDF):  # warm the readers' imports: reading must fit well within the budget
        linter.read(path)
    start = time.monotonic()
    results = list(linter.lint_paths([DOCX, PDF]))
    assert time.monotonic() - start < 10
    for r in results:  # the record is not blamed: it was read, and the check was slow
        assert r.status == "ok", r.error
        assert sorted(f.code for f in r.findings) == ["SL000", "XH000"]  # what finished is kept
        stopped = next(f.message for f in r.findings if f.code == "SL000")
        assert "XH002 (sleeps)" in stopped and "file-timeout" in stopped and "(XH003)" in stopped
        assert one_line(stopped)
    # with the hanging rule gone, the same linter settings check the file normally
    ok = hanging_linter([Fine], **{"file-timeout": 30}).lint_file(DOCX)
    assert ok.status == "ok" and [f.code for f in ok.findings] == ["XH003"]


def test_a_record_too_slow_to_read_is_a_one_line_error_and_the_batch_goes_on():
    class SlowReader:
        @hookimpl(tryfirst=True)
        def strategy_lint_read_document(self, path, options):
            time.sleep(100)

    plugins = create_plugin_manager(entry_points=[], extra=[SlowReader(), docx_reader, pdf_reader])
    linter = Linter(config=parse_config({"file-timeout": 0.3}, None), plugins=plugins)
    results = list(linter.lint_paths([DOCX, PDF]))
    assert [r.status for r in results] == ["error", "error"]
    assert all(
        r.error.code == "timeout" and r.error.message.startswith("reading this file took longer") for r in results
    )
    assert all(one_line(r.error.message) for r in results)


def test_timeouts_through_the_cli(tmp_path, cli):
    plugin = tmp_path / "hang.py"
    plugin.write_text(
        textwrap.dedent(
            """
            import time
            from strategy_lint import Rule, hookimpl

            class Hang(Rule):
                code = "XH009"
                name = "hang"
                summary = "Hangs."

                def check(self, document, ctx):
                    time.sleep(100)
                    return []

            @hookimpl
            def strategy_lint_rules():
                return [Hang]
            """
        ),
        encoding="utf-8",
    )
    shutil.copy(DOCX, tmp_path / "record.docx")
    (tmp_path / "strategy-lint.toml").write_text(
        f'local-plugins = ["{plugin.as_posix()}"]\nselect = ["XH"]\nrule-timeout = 0.5\n', encoding="utf-8"
    )
    proc = cli("check", "record.docx", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr  # a check stopped on a record (SL000): not fully checked
    assert "XH009" in proc.stdout and "took too long" in proc.stdout
    assert "Traceback" not in proc.stderr


# -- the budget mechanism itself -------------------------------------------------------------


def test_budgets_nest_and_the_outer_one_wins():
    with pytest.raises(budget.FileTimeout):
        with budget.file_budget(0.2):
            try:
                with budget.rule_budget(5):
                    time.sleep(3)
            except budget.RuleTimeout:  # pragma: no cover - would be the wrong budget
                pytest.fail("the rule budget fired instead of the file budget")


def test_inner_budget_fires_and_outer_continues():
    with budget.file_budget(5):
        with pytest.raises(budget.RuleTimeout):
            with budget.rule_budget(0.1):
                time.sleep(3)
        time.sleep(0.05)  # the outer budget is still armed, not fired


def test_no_timer_or_handler_left_behind():
    before = signal.getsignal(signal.SIGALRM)
    with budget.file_budget(5):
        with budget.rule_budget(5):
            pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == before


def test_a_timeout_is_not_an_ordinary_exception():
    """A rule's ``except Exception`` must not swallow its own timeout."""
    assert not issubclass(budget.RuleTimeout, Exception)
    assert not issubclass(budget.FileTimeout, Exception)


def test_off_the_main_thread_the_budget_is_checked_afterwards():
    import threading

    outcome = []

    def work():
        try:
            with budget.rule_budget(0.05):
                time.sleep(0.2)
            outcome.append("finished")
        except budget.RuleTimeout:
            outcome.append("timeout")

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert outcome == ["timeout"]


class SwallowsOnce(Rule):
    """Like code with a bare ``except:`` (or a budget hit inside a destructor): the first
    timeout is swallowed, and the rule goes on sleeping."""

    code = "XH004"
    name = "swallows-once"
    summary = "Swallows the first interruption."

    def check(self, document, ctx):
        try:
            time.sleep(100)
        except BaseException:  # noqa: BLE001 - that is the point of this test
            pass
        time.sleep(100)
        return []


def test_a_swallowed_file_timeout_is_raised_again():
    linter = hanging_linter([SwallowsOnce], **{"rule-timeout": 60, "file-timeout": 0.5})
    start = time.monotonic()
    result = linter.lint_file(DOCX)
    assert result.status == "ok" and [f.code for f in result.findings] == ["SL000"]
    assert "XH004 (swallows-once)" in result.findings[0].message and "file-timeout" in result.findings[0].message
    assert time.monotonic() - start < 10
