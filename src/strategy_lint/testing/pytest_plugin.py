"""Opt-in pytest fixtures for rule authors, registered through the ``pytest11`` entry point.

Installing strategy-lint makes pytest load this module in every project's test run, so it
only *offers* fixtures: nothing is autouse, no hook is implemented, no option is added,
and nothing heavy is imported until a test asks for a fixture.

    def test_chair_named(sl_run, sl_assert):
        findings = sl_run("XA001", "## Meeting details\\nChair: Hannah Reed, Team Manager\\n")
        sl_assert(findings, [])
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def sl_record() -> Callable[..., Any]:
    """``sl_record(markdown)`` → a structured Document (see strategy_lint.testing.record)."""
    from .kit import record

    return record


@pytest.fixture
def sl_build(tmp_path: Path) -> Callable[..., Path]:
    """``sl_build(markdown, layout, name=None)`` → a real .docx/.pdf/.md file in tmp_path."""
    from .builders import LAYOUTS
    from .kit import build_file

    suffixes = {"form": ".docx", "narrative": ".docx", "pseudo": ".docx", "pdf": ".pdf", "md": ".md"}

    def build(markdown: str, layout: str = "form", name: str | None = None) -> Path:
        if layout not in LAYOUTS:
            raise ValueError(f"unknown layout {layout!r}: choose one of {', '.join(LAYOUTS)}")
        return build_file(markdown, layout, tmp_path / (name or f"record-{layout}{suffixes[layout]}"))

    return build


@pytest.fixture
def sl_run() -> Callable[..., Any]:
    """``sl_run(rule_or_code, record, options=None, config=None)`` → findings of one rule."""
    from .kit import run_rule

    return run_rule


@pytest.fixture
def sl_lint() -> Callable[..., Any]:
    """``sl_lint(record, select=None, config=None)`` → findings of every (selected) rule."""
    from .kit import lint

    return lint


@pytest.fixture
def sl_assert() -> Callable[..., None]:
    """``sl_assert(findings, expected)``: see strategy_lint.testing.assert_findings."""
    from .kit import assert_findings

    return assert_findings
