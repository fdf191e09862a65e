"""The CLI side of configuration, rule docs and progress: what a user types and sees."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from strategy_lint.cli import main
from strategy_lint.engine import all_rules
from strategy_lint.plugins import create_plugin_manager
from strategy_lint.progress import Progress

DATA = Path(__file__).parent / "data"
DEMO = f'local-plugins = ["{(DATA / "demo_rules.py").as_posix()}"]\n'


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_config_prints_the_resolved_configuration_and_its_file(tmp_path, capsys, monkeypatch):
    team = tmp_path / "team-a"
    team.mkdir()
    cfg = team / "strategy-lint.toml"
    cfg.write_text(
        DEMO + 'fail-on = "warning"\nignore = ["XD9"]\n'
        '[rules.demo-tbc-deadline]\nseverity = "warning"\n'
        '[lexicon.sections]\nchild_voice = ["the world through the child\'s eyes"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)  # the folder's config, not the working directory's, is shown
    code, out, _ = run(capsys, "config", str(team))
    assert code == 0
    header, _, body = out.partition("\n")
    assert header == f"# configuration from: {cfg.resolve()}"
    data = json.loads(body)
    assert data["fail-on"] == "warning" and data["ignore"] == ["XD9"]
    assert data["rules"] == {"demo-tbc-deadline": {"severity": "warning"}}
    assert data["lexicon"]["sections"]["child_voice"] == ["the world through the child's eyes"]


def test_config_without_a_file_says_defaults(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "config", str(tmp_path))
    assert code == 0 and out.startswith("# configuration from: (defaults: no configuration file found)")
    assert json.loads(out.partition("\n")[2])["select"] == ["ALL"]


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('select = ["XD41"]\n', "select in {cfg}: no rule matches 'XD41' (did you mean \"XD401\"?)"),
        ('ignore = ["demo-tbc-dedline"]\n', '(did you mean "demo-tbc-deadline"?)'),
        ('[rules.XD40l]\nseverity = "info"\n', '[rules.XD40l] in {cfg}: no such rule (did you mean "XD401"?)'),
        ('ignore = ["XD2O1"]\n', "ignore in {cfg}: no rule matches 'XD2O1' (did you mean \"XD201\"?)"),
        (
            '[rules.XD401]\nseverty = "info"\n',
            "[rules.XD401] in {cfg}: rule XD401 (demo-tbc-deadline) has no option 'severty' (did you mean \"severity\"?)",
        ),
        (
            '[lexicon.sections]\nchild_vocie = ["our child"]\n',
            "lexicon.sections in {cfg}: no section kind 'child_vocie' (did you mean \"child_voice\"?)",
        ),
        ('[lexicon.columns]\nownr = ["lead"]\n', "no column kind 'ownr' (did you mean \"owner\"?)"),
        ('[lexicon.phrases]\nplaceholdrs = ["tbd"]\n', "no phrase list 'placeholdrs' (did you mean \"placeholders\"?)"),
        (
            '[lexicon.agencies.police]\nnmes = ["met"]\n',
            "lexicon.agencies.police: unknown field 'nmes' (did you mean \"names\"?)",
        ),
        (
            '[lexicon.agencies.hub]\nname = "Hub"\ngroup = "socal_care"\n',
            "no agency group 'socal_care' (did you mean \"social_care\"?)",
        ),
        (
            '[lexicon.abbreviations]\nWVP = "polise"\n',
            "lexicon.abbreviations.WVP in {cfg}: no agency 'polise' (did you mean \"police\"?)",
        ),
        ('[lexicon.roles.dsl]\nagency = "scool"\n', "no agency 'scool' (did you mean \"school\"?)"),
        (
            "[lexicon.sections]\nchild_voice = [1]\n",
            "lexicon.sections.child_voice must be a string or a list of strings",
        ),
        ('[rules.XD401]\nseverity = "fatal"\n', "unknown severity 'fatal'"),
        ('[per-file-ignores]\n"old/*" = ["XD2O1"]\n', 'did you mean "XD201"?'),
        ('fail_on = "info"\n', "unknown configuration key 'fail_on'"),
        ("[lexicon.agency]\n", 'did you mean "agencies"'),
    ],
)
def test_config_errors_exit_2_with_a_suggestion(tmp_path, capsys, monkeypatch, toml, expected):
    (tmp_path / "strategy-lint.toml").write_text(DEMO + toml, encoding="utf-8")
    (tmp_path / "r.md").write_text("# Record\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for argv in (["check", "r.md"], ["config"]):
        code, out, err = run(capsys, *argv)
        assert code == 2, (argv, out, err)
        assert expected.replace("{cfg}", str(tmp_path / "strategy-lint.toml")) in err, err
        assert err.startswith("strategy-lint: ")
        assert "Traceback" not in err


def test_unknown_rule_on_the_command_line(capsys):
    code, _, err = run(capsys, "check", "x.docx", "--select", "SL2O1")
    assert code == 2 and "no rule matches 'SL2O1'" in err


def test_rule_explains_every_rule(capsys):
    rules = all_rules(create_plugin_manager())
    assert "SL002" in rules
    for code, reg in rules.items():
        status, out, _ = run(capsys, "rule", code)
        assert status == 0, code
        assert out.startswith(f"# {code} {reg.rule.name}\n"), code
        assert reg.rule.summary in out and "## Options" in out
    code = next(iter(rules))
    assert run(capsys, "rule", rules[code].rule.name)[1].startswith(f"# {code} ")  # by name too
    status, _, err = run(capsys, "rule", "SL00")
    assert status == 2 and "did you mean" in err


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_for_more_than_three_files():
    tty = FakeTty()
    with Progress(12, tty) as p:
        for _ in range(12):
            p.step()
    text = tty.getvalue()
    assert "\rchecked 1/12 records…" in text and "\rchecked 12/12 records…" in text
    assert text.endswith("\r")  # the line is erased before the report
    few = FakeTty()
    with Progress(3, few) as p:
        p.step()
    assert few.getvalue() == ""
    piped = io.StringIO()
    with Progress(40, piped) as p:
        p.step()
    assert piped.getvalue() == ""


def test_progress_never_names_files(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "Ava Marsh records"
    folder.mkdir()
    for i in range(5):
        (folder / f"ava-marsh-{i}.md").write_text("# Record\n\n## Actions\nVisit TBC.\n", encoding="utf-8")
    (tmp_path / "strategy-lint.toml").write_text(DEMO + 'select = ["XD"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    fake = FakeTty()
    monkeypatch.setattr("sys.stderr", fake)
    paths = [str(p) for p in sorted(folder.iterdir())]
    code = main(["check", *paths, "--format", "json"])
    assert code == 1
    progress = fake.getvalue()
    assert "checked 5/5 records" in progress and "ava" not in progress.lower()


def test_the_documented_example_configuration_is_valid(tmp_path, capsys, monkeypatch):
    doc = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = doc.split("# strategy-lint.toml, in the folder that holds Northbrook's records\n", 1)[1].split("```", 1)[
        0
    ]
    (tmp_path / "strategy-lint.toml").write_text(example, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "config")
    assert code == 0, err
    data = json.loads(out.partition("\n")[2])
    assert data["lexicon"]["columns"]["deadline"] == ["target date"]
    assert data["per-file-ignores"] == {"archive/2015-*.docx": ["SL6"]}
    assert data["lexicon"]["agencies"]["gp"]["suffixes"] == ["Health Clinic"]
    assert data["lexicon"]["phrases"]["cancel_terms"] == ["shelved"]
