"""strategy-lint: check strategy discussion records before they are circulated.

The public API for rule authors and for programs is what this module exports; everything
else is internal.  ``tests/test_public_api.py`` pins the list, so changes are deliberate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ConfigError, ReadError, StrategyLintError
from .findings import Finding, Location, Severity
from .hookspecs import hookimpl
from .model import (
    Block,
    BlockKind,
    Comment,
    Document,
    HiddenText,
    Image,
    Metadata,
    Revision,
    Section,
    Table,
    TableRecord,
)
from .rules import Option, Report, Rule, RuleContext

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from .engine import FileResult

__version__ = "0.1.0"

__all__ = [
    "Block",
    "BlockKind",
    "Comment",
    "ConfigError",
    "Document",
    "Finding",
    "HiddenText",
    "Image",
    "Location",
    "Metadata",
    "Option",
    "ReadError",
    "Report",
    "Revision",
    "Rule",
    "RuleContext",
    "Section",
    "Severity",
    "StrategyLintError",
    "Table",
    "TableRecord",
    "hookimpl",
    "lint_document",
    "lint_paths",
    "read_document",
    "__version__",
]


def lint_paths(paths: "list[str | Path]", **kwargs: Any) -> "list[FileResult]":
    """Lint files or folders; returns one FileResult per file (bad input → status 'error')."""
    from pathlib import Path

    from .engine import Linter

    return list(Linter(**kwargs).lint_paths([Path(p) for p in paths]))


def read_document(path: "str | Path", **kwargs: Any) -> Document:
    """Read and structure one record into the document model (raises ReadError)."""
    from pathlib import Path

    from .engine import Linter

    return Linter(**kwargs).read(Path(path))


def lint_document(document: Document, **kwargs: Any) -> list[Finding]:
    """Run the selected rules on an already-built Document."""
    from .engine import Linter

    return Linter(**kwargs).lint_document(document)
