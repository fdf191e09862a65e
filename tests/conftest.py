"""Shared pytest fixtures."""

from __future__ import annotations

import os

import pytest
from helpers import run_cli

os.environ.pop("FORCE_COLOR", None)  # FORCE_COLOR colours even piped output (as ruff): tests read plain text


@pytest.fixture
def cli():
    return run_cli
