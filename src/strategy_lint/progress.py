"""A progress line on stderr for batches: "checked 12/40".

Shown only when stderr is a terminal and there are more than a few files, so pipes, CI
logs and hooks stay clean.  It never names files: file names often contain a child's name.
"""

from __future__ import annotations

import sys
from typing import TextIO

MIN_FILES = 4


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, *, force: bool | None = None) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        tty = force if force is not None else _isatty(self.stream)
        self.enabled = tty and total >= MIN_FILES
        self.done = 0

    def step(self) -> None:
        self.done += 1
        if self.enabled:
            self.stream.write(f"\rchecked {self.done}/{self.total} records…")
            self.stream.flush()

    def close(self) -> None:
        """Erase the line so the report starts on a clean screen."""
        if self.enabled and self.done:
            width = len(f"checked {self.total}/{self.total} records…")
            self.stream.write("\r" + " " * width + "\r")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
