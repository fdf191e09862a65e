"""The .docx reader's checks before parsing: a legacy .doc, an encrypted file, another zip
format or a zip bomb gets a one-line error, not a traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import ReadError
from .base import MB, ReadOptions

#: A member that expands more than this many times and is bigger than BOMB_MIN_BYTES is a bomb.
BOMB_RATIO = 200
BOMB_MIN_BYTES = 10 * MB

#: Zip-based files that are not Word documents, by a member only they have.
OTHER_ZIP_FORMATS = (
    ("xl/workbook.xml", "an Excel workbook"),
    ("ppt/presentation.xml", "a PowerPoint presentation"),
    ("content.xml", "an OpenDocument (LibreOffice) file"),
)


def _corrupt() -> ReadError:
    return ReadError(
        "corrupt-docx",
        "the .docx file is damaged or incomplete: open it in Word, save a new copy and check that",
    )


def _raise_for_ole(path: Path, suffix: str) -> None:
    """An OLE file is either an encrypted .docx or a Word 97-2003 document."""
    data = path.read_bytes()
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
        raise ReadError(
            "encrypted",
            "this document is password-protected: remove the password in Word "
            "(File > Info > Protect Document) and check it again",
        )
    if suffix == ".doc":
        raise ReadError(
            "legacy-doc",
            "this is an old Word 97-2003 .doc file: open it in Word and save it as .docx, then check it again",
        )
    raise ReadError(
        "legacy-doc",
        f"this is an old Word 97-2003 .doc file renamed to {suffix}: open it in Word and save it "
        "as .docx, then check it again",
    )


def _raise_not_docx(path: Path, suffix: str) -> None:
    if path.name.startswith("~$"):
        raise ReadError(
            "not-a-docx",
            "this is the temporary lock file Word keeps while a document is open (its name starts "
            "with ~$), not a record: leave it out of the check",
        )
    with path.open("rb") as fh:
        head = fh.read(512).lstrip()
    if head.startswith(b"{\\rtf"):
        what = "an RTF file"
    elif head[:1] == b"<":
        what = "a web page (HTML/XML)"
    else:
        what = "not a Word document"
    verb = "is really" if what != "not a Word document" else "is"
    raise ReadError(
        "not-a-docx",
        f"this file is named {suffix} but {verb} {what}: open it in Word and save it as .docx, then check it again",
    )


def _check_zip(path: Path, options: ReadOptions) -> None:
    """Refuse damaged zips and zip bombs before any XML parser sees them."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except Exception:  # BadZipFile, truncated central directory, bad offsets, ...
        raise _corrupt() from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        for marker, what in OTHER_ZIP_FORMATS:
            if marker in names:
                raise ReadError(
                    "not-a-docx",
                    f"this file is named {path.suffix.lower()} but is really {what}: "
                    "open it in the right program, or save the record as .docx, then check it again",
                )
        raise _corrupt()
    total = sum(i.file_size for i in infos)
    bomb = any(i.file_size > BOMB_MIN_BYTES and i.file_size > BOMB_RATIO * max(i.compress_size, 1) for i in infos)
    if total > options.max_expanded_bytes or bomb:
        raise ReadError(
            "too-large-expanded",
            f"the .docx file expands to {total / MB:.0f} MB when unpacked, over the "
            f"{options.max_expanded_bytes / MB:.0f} MB limit or far more than its size suggests: "
            "check it is the right file, or save a new copy from Word",
        )
