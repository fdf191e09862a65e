"""``check --stdin-filename NAME``: check a record piped in on standard input (ruff, Vale).

For document pipelines that hold a record in memory.  The bytes go to a private temporary
folder (removed straight away, as the page does), named with NAME's extension so the same
reader reads them and sniffs them as it would a file on disk: a PDF piped in as
``record.docx`` gets the same "this is really a PDF" answer.  When NAME has no record
extension the bytes decide (zip → .docx, PDF → .pdf, OLE → .doc, anything else → text).
The report, the configuration (closest file to NAME), per-file-ignores and the baseline all
use NAME; NAME need not exist.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .readers.base import MB, OLE_MAGIC, PDF_MAGIC, ZIP_MAGIC

if TYPE_CHECKING:  # pragma: no cover
    from .engine import FileResult, Linter

#: the name used when ``-`` is given without --stdin-filename (ruff prints "-" too)
DEFAULT_NAME = "-"
KNOWN_SUFFIXES = frozenset({".docx", ".docm", ".pdf", ".doc", ".md", ".markdown", ".txt", ".text"})


def suffix_for(name: Path, head: bytes) -> str:
    """The extension the temporary copy gets: NAME's own, or one sniffed from the bytes."""
    if name.suffix.lower() in KNOWN_SUFFIXES:
        return name.suffix.lower()
    if head.startswith(ZIP_MAGIC):
        return ".docx"
    if PDF_MAGIC in head[:1024]:
        return ".pdf"
    if head.startswith(OLE_MAGIC):
        return ".doc"
    return ".txt"


def read_limited(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes (one more than the size limit, so the reader can refuse it)."""
    chunks, total = [], 0
    while total < limit:
        chunk = stream.read(min(1 * MB, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def lint_stdin(
    linter: Linter, stream: BinaryIO, name: Path, check: Callable[[Path, Path], FileResult] | None = None
) -> FileResult:
    """Check the record on ``stream`` as if it were the file ``name``.

    ``check(copy, name)`` checks the private copy (the CLI: in a supervised worker);
    by default this process's ``linter`` does.
    """
    limit = int(linter.config_for(name).max_file_mb * MB) + 1
    data = read_limited(stream, limit)
    with tempfile.TemporaryDirectory(prefix="strategy-lint-stdin-") as folder:  # mode 0700
        copy = Path(folder) / f"record{suffix_for(name, data[:1024])}"
        copy.write_bytes(data)
        copy.chmod(0o600)
        result = check(copy, name) if check is not None else linter.lint_file(copy, display=name)
        result.document = None  # the model points at the copy, which is about to go
    return result
