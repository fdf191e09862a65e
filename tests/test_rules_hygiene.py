"""SL901 tracked-changes, SL902 reviewer-comments, SL903 hidden-text (and SL701's embedded photos).

The fixtures are real .docx files made by fixtures/hygiene.py (a clean record plus raw
WordprocessingML edits), read by the real docx reader.  The privacy test runs the CLI as
a user would and checks that the hidden words never reach the screen.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import json
from pathlib import Path

import pytest
from helpers import ROOT, run_cli

from strategy_lint.engine import Linter
from strategy_lint.model import Comment, Document, HiddenText, Revision
from strategy_lint.plugins import create_plugin_manager

MODULES = {
    "SL701": "strategy_lint_plugins.injury_photographs",
    "SL901": "strategy_lint_plugins.tracked_changes",
    "SL902": "strategy_lint_plugins.reviewer_comments",
    "SL903": "strategy_lint_plugins.hidden_text",
}
SENTINEL = "ZEBRA-QUOKKA-7731"


def _load_hygiene():
    spec = importlib.util.spec_from_file_location("hygiene_fixtures", ROOT / "fixtures" / "hygiene.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hygiene = _load_hygiene()


@functools.cache
def linter(code: str) -> Linter:
    plugins = create_plugin_manager()
    if code not in plugins.rules:
        plugins = create_plugin_manager(extra=[importlib.import_module(MODULES[code])])
    return Linter(plugins=plugins, select=[code])


def lint(code: str, path: Path):
    result = linter(code).lint_file(path)
    assert result.status == "ok", result.error
    return result.findings


def lint_doc(code: str, doc: Document):
    return linter(code).lint_document(doc)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Every hygiene fixture, built once, plus the labels it is meant to get."""
    out = tmp_path_factory.mktemp("hygiene")
    labels = hygiene.build_hygiene_fixtures(out)
    return {name: out / name for name in labels} | {"__labels__": labels}


# -- SL901 tracked-changes -----------------------------------------------------------------


class TestTrackedChanges:
    @pytest.mark.parametrize("name", ["hygiene-tracked-changes-form.docx", "hygiene-tracked-changes-narrative.docx"])
    def test_fires_once_with_counts_and_location(self, built, name):
        found = lint("SL901", built[name])
        assert [f.code for f in found] == ["SL901"]
        f = found[0]
        assert "1 insertion" in f.message and "1 deletion" in f.message
        assert f.location.block is not None and f.location.section == "Risk analysis"
        assert f.excerpt is None
        assert f.severity.value == "error"

    def test_format_only_change_passes(self, built):
        assert lint("SL901", built["hygiene-format-change-only-narrative.docx"]) == []

    def test_counts_and_first_block_from_the_model(self):
        doc = Document(path="x.docx", format="docx")
        doc.revisions = [
            Revision("format", block=1),
            Revision("delete", block=7, chars=40),
            Revision("insert", block=3, chars=5),
            Revision("delete", block=9, chars=2),
            Revision("move", block=None, chars=8),
        ]
        (f,) = lint_doc("SL901", doc)
        assert "1 insertion, 2 deletions, 1 move" in f.message
        assert f.location.block is None  # no block 3 in an empty document: never an invalid pointer

    def test_clean_model_passes(self):
        assert lint_doc("SL901", Document(path="x.docx", format="docx")) == []


# -- SL902 reviewer-comments ---------------------------------------------------------------


class TestReviewerComments:
    @pytest.mark.parametrize("name", ["hygiene-comment-form.docx", "hygiene-comment-narrative.docx"])
    def test_fires_once_without_quoting(self, built, name):
        found = lint("SL902", built[name])
        assert [f.code for f in found] == ["SL902"]
        assert "1 reviewer comment" in found[0].message
        assert found[0].location.section == "Risk analysis"
        assert found[0].excerpt is None

    def test_suppression_comment_is_not_counted_and_does_its_job(self, built):
        path = built["hygiene-photo-suppressed-narrative.docx"]
        assert lint("SL902", path) == []
        assert Linter().lint_file(path).findings == []  # the embedded photo's SL701 is suppressed

    def test_counts_real_comments_beside_instructions(self):
        doc = Document(path="x.docx", format="docx")
        doc.comments = [
            Comment("1", "  Strategy-Lint: ignore SL501", blocks=[2]),
            Comment("2", "Check the spelling of the surname", blocks=[]),
            Comment("3", "Who is the GP?", blocks=[]),
        ]
        (f,) = lint_doc("SL902", doc)
        assert "2 reviewer comments" in f.message
        assert "surname" not in f.message and "GP" not in f.message


# -- SL903 hidden-text ---------------------------------------------------------------------


class TestHiddenText:
    @pytest.mark.parametrize(
        "name, how",
        [
            ("hygiene-hidden-text-form.docx", "formatted as hidden"),
            ("hygiene-hidden-text-narrative.docx", "formatted as hidden"),
            ("hygiene-white-text-narrative.docx", "white on a white background"),
        ],
    )
    def test_fires_once(self, built, name, how):
        found = lint("SL903", built[name])
        assert [f.code for f in found] == ["SL903"]
        assert how in found[0].message
        assert found[0].location.section == "Risk analysis"
        assert found[0].excerpt is None

    def test_white_text_on_dark_shading_passes(self, built):
        assert lint("SL903", built["hygiene-white-on-dark-narrative.docx"]) == []

    def test_model_counts_places_and_kinds(self):
        doc = Document(path="x.docx", format="docx")
        doc.hidden = [
            HiddenText(None, 10, "hidden"),
            HiddenText(None, 5, "white-on-white"),
            HiddenText(None, 0, "hidden"),
        ]
        (f,) = lint_doc("SL903", doc)
        assert "15 characters in 2 places" in f.message
        assert "formatted as hidden and white on a white background" in f.message


# -- SL701 embedded photographs ------------------------------------------------------------


@pytest.mark.parametrize("name", ["hygiene-embedded-photo-form.docx", "hygiene-embedded-photo-narrative.docx"])
def test_embedded_photo_flagged_by_sl701(built, name):
    found = lint("SL701", built[name])
    assert [f.code for f in found] == ["SL701"]
    assert "1 embedded picture" in found[0].message


def test_clean_base_has_no_hygiene_findings(built, tmp_path):
    path = hygiene.make(tmp_path / "clean.docx", lambda d: None)
    for code in MODULES:
        assert lint(code, path) == [], code


def test_labels_match_what_the_rules_find(built):
    """Each fixture gets exactly its expected hygiene codes (the corpus labels)."""
    for name, expected in built["__labels__"].items():
        got = sorted({f.code for code in MODULES for f in lint(code, built[name])})
        assert got == expected, name


# -- privacy: hidden words never reach the output -------------------------------------------


@pytest.fixture(scope="module")
def secret_files(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("secret")
    return {
        "SL901": hygiene.make_tracked_changes(out / "deleted.docx", deleted=f"Deleted: {SENTINEL} lives at 9 Elm Row."),
        "SL902": hygiene.make_comment(out / "comment.docx", text=f"Reviewer: {SENTINEL} must not see this."),
        "SL903": hygiene.make_hidden(out / "hidden.docx", text=f"Hidden: {SENTINEL}."),
    }


def test_sentinel_really_is_in_the_files(secret_files):
    """Guard: the words are in the .docx (so their absence from the output means something)."""
    import zipfile

    for path in secret_files.values():
        with zipfile.ZipFile(path) as z:
            assert any(SENTINEL.encode() in z.read(n) for n in z.namelist()), path


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_hidden_words_never_echoed(secret_files, fmt):
    """Every installed rule runs (not only SL9xx): no rule may pass these words on."""
    paths = [str(p) for p in secret_files.values()]
    proc = run_cli("check", "--format", fmt, *paths)
    out, err = proc.stdout, proc.stderr
    assert SENTINEL not in out and SENTINEL not in err
    assert SENTINEL.lower() not in (out + err).lower()
    for code in secret_files:
        assert code in out, (code, out[-2000:], err[-2000:])
    if fmt == "json":
        json.loads(out)
