"""Helpers for testing rules and records (see docs/writing-plugins.md, "Testing your rule").

    from strategy_lint.testing import record, run_rule, assert_findings, load_cases

Names are imported on first use, so ``import strategy_lint.testing`` stays cheap (the
pytest plugin imports it in every test run of a project that has strategy-lint installed).
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "record": "kit",
    "build_file": "kit",
    "run_rule": "kit",
    "lint": "kit",
    "assert_findings": "kit",
    "codes": "kit",
    "describe_finding": "kit",
    "installed_plugins": "kit",
    "Case": "cases",
    "CaseFileError": "cases",
    "load_cases": "cases",
    "LAYOUTS": "builders",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'strategy_lint.testing' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
