"""Errors a user can act on.  Each carries a stable code and a one-line message."""

from __future__ import annotations


class StrategyLintError(Exception):
    """Base class: anything that should reach the user as one line, never a traceback."""


class ReadError(StrategyLintError):
    """A record that cannot be read properly.

    ``code`` is stable (used in JSON output and tests); ``message`` says what is wrong and
    what to do, in plain English, and never contains document text.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self):  # crosses process boundaries intact (--jobs)
        return (type(self), (self.code, self.message))


class ConfigError(StrategyLintError):
    """A configuration problem (unknown key, unknown rule, bad value)."""


class PluginLoadError(StrategyLintError):
    """A plugin that failed to import (re-raised only with --strict-plugins)."""
