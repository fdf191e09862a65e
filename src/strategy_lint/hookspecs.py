"""Every hook strategy-lint calls.  Built-in readers, rules and formatters use these too.

Implement a hook with ``@strategy_lint.hookimpl`` in a module registered under the
``strategy_lint`` entry-point group in your package metadata::

    [project.entry-points.strategy_lint]
    my-rules = "my_package.rules"

docs/writing-plugins.md is checked against this module by the test suite: change a hook
here and that page must change too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config
    from .formatters.base import Formatter
    from .model import Document
    from .readers.base import ReadOptions
    from .rules import Rule

PROJECT = "strategy_lint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def strategy_lint_rules() -> list[type[Rule]]:
    """Return the rule classes this plugin provides.

    Signature: ``strategy_lint_rules() -> list[type[Rule]]``.
    Each class subclasses :class:`strategy_lint.Rule`; codes must be unique across plugins.
    """


@hookspec(firstresult=True)
def strategy_lint_read_document(path: Path, options: ReadOptions) -> Document | None:
    """Read ``path`` into a Document, or return None if this reader does not handle it.

    Signature: ``strategy_lint_read_document(path: Path, options: ReadOptions) -> Document | None``.
    First result wins.  Built-in readers are ``trylast`` so a plugin can take over a format.
    Raise :class:`strategy_lint.ReadError` for a file of your format that cannot be read.
    """


@hookspec
def strategy_lint_formatters() -> dict[str, type[Formatter]]:
    """Return output formats this plugin provides, keyed by the ``--format`` name.

    Signature: ``strategy_lint_formatters() -> dict[str, type[Formatter]]``.
    """


@hookspec
def strategy_lint_lexicon() -> dict[str, Any] | None:
    """Return lexicon additions: agencies, abbreviations, section synonyms, phrases.

    Signature: ``strategy_lint_lexicon() -> dict | None``.  Same keys as the
    ``[tool.strategy-lint.lexicon]`` config table (see docs/configuration.md).
    """


@hookspec(historic=True)
def strategy_lint_configure(config: Config) -> None:
    """Called once at start-up with the resolved configuration (historic: late plugins see it too).

    Signature: ``strategy_lint_configure(config: Config) -> None``.
    """
