"""strategy-lint: check strategy discussion records before they are circulated.

The public API for rule authors and for programs is what this module exports; everything
else is internal.  ``tests/test_public_api.py`` pins the list, so changes are deliberate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Config
from .errors import ConfigError, ReadError, StrategyLintError
from .findings import Confidence, Finding, Location, Severity
from .formatters.base import Formatter, Summary
from .hookspecs import hookimpl
from .lexicon import Lexicon
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
from .readers.base import ReadOptions
from .rules import Option, Report, Rule, RuleContext

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from .engine import FileResult  # noqa: F401  (exported lazily, see __getattr__)

__version__ = "0.1.0"

__all__ = [
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
    "hookimpl",
    "lint_document",
    "lint_paths",
    "read_document",
    "__version__",
]


def __getattr__(name: str) -> Any:
    """FileResult lives in the engine; import it only when asked (keeps ``import`` light)."""
    if name == "FileResult":
        from .engine import FileResult

        return FileResult
    if name == "Facts":
        from .facts import Facts

        return Facts
    raise AttributeError(f"module 'strategy_lint' has no attribute {name!r}")


def lint_paths(paths: list[str | Path], **kwargs: Any) -> list[FileResult]:
    """Lint files or folders; returns one FileResult per file (bad input → status 'error')."""
    from pathlib import Path

    from .engine import Linter

    return list(Linter(**kwargs).lint_paths([Path(p) for p in paths]))


def read_document(path: str | Path, **kwargs: Any) -> Document:
    """Read and structure one record into the document model (raises ReadError)."""
    from pathlib import Path

    from .engine import Linter

    return Linter(**kwargs).read(Path(path))


def lint_document(document: Document, **kwargs: Any) -> list[Finding]:
    """Run the selected rules on an already-built Document."""
    from .engine import Linter

    return Linter(**kwargs).lint_document(document)
