"""Writing reports and copies: to stdout, or to files that can never harm a record.

- :func:`unsafe_target`: an output that is, contains or lies inside an input is refused
  before any work (``-o record.docx`` would replace a record with a report;
  ``--annotate`` into the records' folder would mix copies with the records);
- :func:`write_atomic`: a report or baseline goes to a temporary file in the same folder,
  then is renamed over the target, so a crash or full disk never leaves half a file;
- :func:`write_new`: a commented copy is created exclusively: it never replaces anything.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

TMP_PREFIX = ".strategy-lint-"


def write_output(text: str, path: Path | None) -> None:
    if path is None:
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError:  # a terminal that cannot show every character: escape them
            sys.stdout.buffer.write(text.encode(sys.stdout.encoding or "utf-8", "backslashreplace"))
        sys.stdout.flush()
        return
    write_atomic(path, text.encode("utf-8", "backslashreplace"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename: never a half report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


def write_new(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``; FileExistsError if anything is already there.

    Written whole to a temporary file, then hard-linked into place (link never replaces);
    where the file system has no hard links, created with O_EXCL and removed on failure.
    """
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            os.link(tmp, path)
            return
        except FileExistsError:
            raise
        except OSError:  # no hard links here (some network and FAT drives)
            pass
        out = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(out, "wb") as fh:
                fh.write(data)
        except BaseException:
            _unlink(path)
            raise
    finally:
        _unlink(tmp)


def unsafe_target(target: Path, inputs: Iterable[Path]) -> Path | None:
    """The input ``target`` is, contains or lies inside (symlinks resolved), or None."""
    resolved = Path(os.path.realpath(target))
    for given in inputs:
        source = Path(os.path.realpath(given))
        if resolved == source or source in resolved.parents or resolved in source.parents:
            return given
        try:
            if os.path.samefile(target, given):  # a hard link to the record
                return given
        except OSError:
            pass
    return None


def _unlink(path: str | Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
