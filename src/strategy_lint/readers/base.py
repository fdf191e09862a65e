"""What every reader shares: limits, and sniffing what a file really is.

Sniffing happens before any parser sees the file, so that a legacy .doc, an encrypted
document, a file whose extension lies or a zip bomb gets a clear one-line error instead
of a parser traceback.
"""

from __future__ import annotations

import os
import stat
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
    #: One XML part of a .docx, as actually unpacked (a 300-page record's body is ~10 MB).
    max_part_bytes: int = 64 * MB
    #: Elements across every XML part parsed (a 300-page record has ~0.5 million): an
    #: lxml element costs ~100-200 bytes however small its XML, so this bounds memory.
    max_xml_elements: int = 5_000_000
    #: Characters, lines and images on one PDF page (a dense A4 page has ~6,000 characters).
    max_page_objects: int = 20_000


def check_regular_file(path: Path) -> None:
    """Refuse what is not a regular file before anything opens it.

    Opening a FIFO blocks until someone writes to it, and a device can be read forever;
    a folder reaching the engine is one the walk could not open.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ReadError("file-not-found", "file not found: check the path and try again") from None
    except PermissionError:
        raise ReadError("permission-denied", "cannot open the file: permission denied") from None
    except OSError as exc:
        raise ReadError("unreadable", f"cannot open the file ({exc.strerror or 'I/O error'})") from None
    if stat.S_ISREG(st.st_mode):
        return
    if stat.S_ISDIR(st.st_mode):
        try:
            with os.scandir(path):
                pass
        except OSError:
            pass
        else:
            raise ReadError("not-a-file", "this is a folder, not a record")
        raise ReadError(
            "unreadable-folder",
            "cannot open this folder (permission denied?): the records in it were not checked",
        )
    raise ReadError(
        "not-a-file",
        "this is not a regular file (a pipe, socket or device): only saved records can be checked",
    )


def sniff(path: Path) -> str:
    """Return the real format of ``path``: 'docx', 'pdf', 'ole', 'zip' or 'text'.

    Raises ReadError for missing, empty or oversized files.
    """
    check_regular_file(path)
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
