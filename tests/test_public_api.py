"""The public API: one import surface for rule authors, pinned so changes are deliberate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import strategy_lint

# Change this list only on purpose: plugins in the wild import these names.
PUBLIC = [
    "Block",
    "BlockKind",
    "Comment",
    "Confidence",
    "Config",
    "ConfigError",
    "Document",
    "Facts",
    "FileResult",
    "Finding",
    "Formatter",
    "HiddenText",
    "Image",
    "Lexicon",
    "Location",
    "Metadata",
    "Option",
    "ReadError",
    "ReadOptions",
    "Report",
    "Revision",
    "Rule",
    "RuleContext",
    "Section",
    "Severity",
    "StrategyLintError",
    "Summary",
    "Table",
    "TableRecord",
    "__version__",
    "hookimpl",
    "lint_document",
    "lint_paths",
    "read_document",
]


def test_exported_names_are_pinned():
    assert sorted(strategy_lint.__all__) == sorted(PUBLIC)
    assert len(set(strategy_lint.__all__)) == len(strategy_lint.__all__)


def test_every_exported_name_resolves():
    for name in strategy_lint.__all__:
        assert getattr(strategy_lint, name) is not None, name
    ns: dict = {}
    exec("from strategy_lint import *", ns)
    assert set(PUBLIC) - {"__version__"} <= set(ns)


def test_hook_signatures_name_only_public_types():
    """Everything a hook receives or returns can be imported from strategy_lint."""
    import inspect

    from strategy_lint import hookspecs

    for name in (
        "strategy_lint_rules",
        "strategy_lint_read_document",
        "strategy_lint_formatters",
        "strategy_lint_lexicon",
        "strategy_lint_configure",
    ):
        sig = str(inspect.signature(getattr(hookspecs, name)))
        for typename in ("Rule", "ReadOptions", "Document", "Formatter", "Config"):
            if typename in sig:
                assert typename in strategy_lint.__all__, (name, typename)


def test_importing_the_api_stays_light():
    """A rule module imports strategy_lint at start-up: no engine, spaCy, Word or PDF parsing."""
    code = (
        "import sys, strategy_lint, strategy_lint.testing; "
        "heavy = [m for m in ('spacy', 'docx', 'pdfplumber', 'lxml', 'strategy_lint.engine', "
        "'strategy_lint.testing.kit') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_package_is_marked_typed():
    assert (Path(strategy_lint.__file__).parent / "py.typed").is_file()


def test_a_rule_written_against_the_public_api_alone_runs():
    from strategy_lint import Block, BlockKind, Document, Report, Rule, Severity, hookimpl, lint_document
    from strategy_lint.plugins import create_plugin_manager

    class Shouting(Rule):
        code = "XP001"
        name = "shouting"
        summary = "A paragraph in capitals (test rule)."
        default_severity = Severity.INFO

        def check(self, document, ctx):
            for b in document.body_blocks():
                if b.text.isupper():
                    yield Report("This paragraph is in capitals.", block=b.index, excerpt=b.text)

    class Plugin:
        @hookimpl
        def strategy_lint_rules(self):
            return [Shouting]

    doc = Document(
        "x.md", "text", blocks=[Block(0, BlockKind.PARAGRAPH, "calm"), Block(1, BlockKind.PARAGRAPH, "LOUD")]
    )
    plugins = create_plugin_manager(entry_points=[], extra=[Plugin()])
    findings = lint_document(doc, plugins=plugins, config=strategy_lint.Config())
    assert [(f.code, f.location.block, f.excerpt, f.plugin) for f in findings] == [("XP001", 1, "LOUD", "Plugin")]
