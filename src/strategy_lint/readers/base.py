"""What every reader shares: limits, and sniffing what a file really is.

Sniffing happens before any parser sees the file, so that a legacy .doc, an encrypted
document, a file whose extension lies or a zip bomb gets a clear one-line error instead
of a parser traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ReadError

MB = 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
SUPPORTED_SUFFIXES = frozenset({".docx", ".pdf"}) | TEXT_SUFFIXES


@dataclass(frozen=True)
class ReadOptions:
    """Limits that keep a hostile or huge file from hanging or exhausting the run."""

    max_file_bytes: int = 50 * MB
    max_expanded_bytes: int = 250 * MB
    max_pages: int = 1000


def sniff(path: Path) -> str:
    """Return the real format of ``path``: 'docx', 'pdf', 'ole', 'zip' or 'text'.

    Raises ReadError for missing, empty or oversized files.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise ReadError("file-not-found", "file not found: check the path and try again") from None
    except IsADirectoryError:
        raise ReadError("not-a-file", "this is a folder, not a record") from None
    except PermissionError:
        raise ReadError("permission-denied", "cannot open the file: permission denied") from None
    except OSError as exc:
        raise ReadError("unreadable", f"cannot open the file ({exc.strerror or 'I/O error'})") from None
    if not head:
        raise ReadError("empty-file", "the file is empty (0 bytes): save the record again and re-check it")
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(PDF_MAGIC) or _pdf_header_nearby(path):
        return "pdf"
    return "text"


def _pdf_header_nearby(path: Path) -> bool:
    """PDF allows junk before the header within the first 1024 bytes."""
    with path.open("rb") as fh:
        return PDF_MAGIC in fh.read(1024)


def check_size(path: Path, options: ReadOptions) -> None:
    size = path.stat().st_size
    if size > options.max_file_bytes:
        raise ReadError(
            "too-large",
            f"the file is {size / MB:.0f} MB, over the {options.max_file_bytes / MB:.0f} MB limit: "
            "check it is the right file, or raise max-file-mb in the configuration",
        )
