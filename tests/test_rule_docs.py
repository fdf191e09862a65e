"""docs/rules/ is generated from the rule docstrings and must be up to date (no drift)."""

from __future__ import annotations

from helpers import ROOT

from strategy_lint.docs import write_pages

DOCS = ROOT / "docs" / "rules"


def test_rule_pages_match_the_rule_docstrings(tmp_path):
    written = write_pages(tmp_path)
    assert len(written) >= 19  # SL002 and the eighteen audit and hygiene rules
    for page in sorted(tmp_path.glob("*.md")):
        committed = DOCS / page.name
        assert committed.is_file(), f"docs/rules/{page.name} is missing: run python -m strategy_lint.docs docs/rules"
        assert committed.read_text(encoding="utf-8") == page.read_text(encoding="utf-8"), (
            f"docs/rules/{page.name} is out of date: run python -m strategy_lint.docs docs/rules"
        )


def test_every_page_explains_what_why_example_and_fix(tmp_path):
    for page in write_pages(tmp_path):
        text = page.read_text(encoding="utf-8")
        if page.stem == "SL002":
            continue  # the engine's own notice: what and how to fix only
        for heading in ("## What it checks", "## Why it matters", "## Example", "## How to fix", "## Options"):
            assert heading in text, f"{page.name} lacks {heading}"
