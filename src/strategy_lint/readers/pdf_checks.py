"""The PDF reader's checks and messages for bad input: a file whose .pdf extension lies, an
encrypted PDF, a damaged one or one with no text layer."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from ..errors import ReadError
from .base import sniff

MSG_DOCX = "this file is named .pdf but is really a Word document: rename it to .docx and check it again"
MSG_ZIP = "this file is named .pdf but is really a zip archive, not a PDF: check it is the right file"
MSG_DOC = (
    "this file is named .pdf but is really an old Word .doc file: open it in Word, "
    "export it as PDF (or save it as .docx) and check that"
)
MSG_NOT_PDF = "this file is named .pdf but is not a PDF: export the record from Word as PDF again"
MSG_ENCRYPTED = (
    "this PDF is password-protected: save an unprotected copy (or export the record from Word again) and check that"
)
MSG_NO_TEXT = (
    "this PDF has no text layer: it looks scanned; export the record from Word as PDF instead, or check the .docx"
)
MSG_CORRUPT = "the PDF is damaged or incomplete: export it again and check the new copy"


def _check_really_pdf(path: Path) -> None:
    """Name the real format of a file whose .pdf extension lies, before pdfminer chokes on it."""
    kind = sniff(path)
    if kind == "pdf":
        return
    if kind == "zip":
        raise ReadError("wrong-extension", MSG_DOCX if _is_docx(path) else MSG_ZIP)
    if kind == "ole":
        raise ReadError("wrong-extension", MSG_DOC)
    raise ReadError("not-a-pdf", MSG_NOT_PDF)


def _is_docx(path: Path) -> bool:
    """A zip is a Word document if it has the main document part (or cannot be listed at all)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except Exception:
        return True  # a broken zip named .pdf is most likely a damaged .docx
    return (
        "word/document.xml" in names
        or "[Content_Types].xml" in names
        and not any(n.startswith(("xl/", "ppt/")) for n in names)
    )


def _is_encryption_error(exc: BaseException) -> bool:
    """pdfplumber wraps pdfminer's errors; look through the wrapper and the cause chain."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen: set[int] = set()
    todo: list[Any] = [exc]
    while todo:
        current = todo.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, (PDFPasswordIncorrect, PDFEncryptionError)):
            return True
        todo.extend(current.args)
        todo.extend([current.__cause__, current.__context__])
    return False
