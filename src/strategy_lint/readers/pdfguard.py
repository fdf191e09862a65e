"""Bounds pdfminer does not keep by itself, enforced while a PDF is actually read.

- **Stream decompression** (Flate, LZW) is counted as it is produced, against the
  file's ``max-expanded-mb``: pdfminer inflates a whole stream in memory, so a 3 MB file
  of compressed spaces took 6 GB before.
- **Objects that refer to themselves** (``6 0 obj 6 0 R``, or a longer loop of bare
  references): pdfminer's ``resolve1`` follows references until it reaches a value, which
  for such a loop is never; a loop now resolves to "missing", like a dangling reference.
- **Layout objects per page** (characters, lines, images): an ~80 KB file of 100,000 tiny
  text objects took 1.2 GB of layout objects on one page.

The hooks are installed once into pdfminer's classes and modules, and do nothing outside
:func:`bounded` (another user of pdfminer in the same process sees no change).  A bound
that is hit raises :class:`PdfLimit`, a BaseException so that pdfminer's and pdfplumber's
own ``except Exception`` wrappers let it through to the reader, which turns it into its
ReadError.
"""

from __future__ import annotations

import contextlib
import contextvars
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import ReadError
from .base import MB, ReadOptions

#: Longest chain of bare references followed before it is taken for a loop.
MAX_REFERENCE_CHAIN = 32


class PdfLimit(BaseException):
    """A bound was hit; ``error`` is the one-line ReadError for the user."""

    def __init__(self, error: ReadError) -> None:
        super().__init__(error.code)
        self.error = error


@dataclass
class _Budget:
    options: ReadOptions
    inflate_left: int
    page_objects: int = 0

    def inflated(self, n: int) -> None:
        self.inflate_left -= n
        if self.inflate_left < 0:
            raise PdfLimit(
                ReadError(
                    "too-large-expanded",
                    f"the PDF's compressed content expands to more than the {self.options.max_expanded_bytes / MB:.0f} MB "
                    "max-expanded-mb limit: check it is the right file, or export it again",
                )
            )

    def layout_object(self) -> None:
        self.page_objects += 1
        if self.page_objects > self.options.max_page_objects:
            raise PdfLimit(
                ReadError(
                    "too-complex",
                    f"a page of the PDF holds more than {self.options.max_page_objects:,} characters and shapes, "
                    "far more than any record: check it is the right file, or export it again",
                )
            )


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("strategy_lint_pdf_budget", default=None)
_installed = False


@contextlib.contextmanager
def bounded(options: ReadOptions) -> Iterator[None]:
    """Read one PDF inside this block: its bounds apply to everything pdfminer does here."""
    install()
    token = _budget.set(_Budget(options, options.max_expanded_bytes))
    try:
        yield
    finally:
        _budget.reset(token)


def new_page() -> None:
    """The per-page object count starts again (pages are laid out one at a time)."""
    budget = _budget.get()
    if budget is not None:
        budget.page_objects = 0


# -- the hooks ---------------------------------------------------------------------------------


class _BoundedDecompressor:
    def __init__(self, inner: Any, budget: _Budget) -> None:
        self._inner = inner
        self._budget = budget

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        allowed = max(self._budget.inflate_left, 0) + 1
        limit = allowed if not max_length else min(max_length, allowed)
        out = self._inner.decompress(data, limit)
        self._budget.inflated(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside ``pdfminer.pdftypes``."""

    error = zlib.error

    def decompress(self, data: bytes, *args: Any) -> bytes:
        budget = _budget.get()
        if budget is None:
            return zlib.decompress(data, *args)
        inflater = zlib.decompressobj(*args[:1])
        out = _BoundedDecompressor(inflater, budget).decompress(data)
        if not inflater.eof:  # as zlib.decompress would: pdfminer then tries its fallback
            raise zlib.error("incomplete or truncated stream")
        return out

    def decompressobj(self, *args: Any, **kwargs: Any) -> Any:
        inner = zlib.decompressobj(*args, **kwargs)
        budget = _budget.get()
        return inner if budget is None else _BoundedDecompressor(inner, budget)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _bounded_lzwdecode(data: bytes) -> bytes:
    from io import BytesIO

    from pdfminer.lzw import LZWDecoder

    budget = _budget.get()
    chunks = []
    for chunk in LZWDecoder(BytesIO(data)).run():
        if budget is not None:
            budget.inflated(len(chunk))
        chunks.append(chunk)
    return b"".join(chunks)


def install() -> None:
    """Put the hooks in place (once per process)."""
    global _installed
    if _installed:
        return
    from pdfminer import pdftypes
    from pdfminer.converter import PDFLayoutAnalyzer

    pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]
    pdftypes.lzwdecode = _bounded_lzwdecode

    resolve = pdftypes.PDFObjRef.resolve

    def resolve_once(self: Any, default: object = None) -> Any:
        obj = resolve(self, default)
        seen = {self.objid}
        while isinstance(obj, pdftypes.PDFObjRef):  # a reference to a reference
            if obj.objid in seen or len(seen) > MAX_REFERENCE_CHAIN:
                return default  # a loop: nothing is there
            seen.add(obj.objid)
            obj = resolve(obj, default)
        return obj

    pdftypes.PDFObjRef.resolve = resolve_once  # type: ignore[method-assign]

    for name in ("render_char", "paint_path", "render_image"):
        original = getattr(PDFLayoutAnalyzer, name)
        setattr(PDFLayoutAnalyzer, name, _counted(original))
    _installed = True


def _counted(method: Any) -> Any:
    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _budget.get()
        if budget is not None:
            budget.layout_object()
        return method(self, *args, **kwargs)

    counted.__name__ = method.__name__
    counted.__doc__ = method.__doc__
    return counted
