"""File names as they are shown in reports and messages: every character made harmless.

A file name is whatever bytes the file system holds.  Shown raw it can break or forge a
report: a newline starts a fake line in the text report, an ANSI escape recolours or
erases the terminal, a right-to-left override reverses what follows, a control character
makes JUnit XML ill-formed, and a name that is not UTF-8 (Python keeps its bytes as lone
surrogates) cannot be encoded at all, losing the whole report.  Each such character is
shown as an escape instead: ``\\x1b``, ``\\u202e``; undecodable bytes as ``\\xff``.
The real path is still used to open the file; only what is shown changes.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; bidirectional controls; line and paragraph separators;
# lone surrogates (undecodable bytes, via surrogateescape).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(name: object) -> str:
    """``name`` (a path or str) safe to print in any report or on any terminal."""
    return _UNSAFE.sub(_escape, str(name))
