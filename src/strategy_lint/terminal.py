"""Colour on the terminal: ``--color``, ``NO_COLOR`` and ``FORCE_COLOR``, as ruff and uv read them.

Precedence: ``--color always|never`` wins; then ``NO_COLOR`` (any non-empty value, see
no-color.org) turns colour off; then ``FORCE_COLOR`` (non-empty, not ``0``) turns it on even
when piped (CI logs that render colour); otherwise colour only on a terminal and never in
an ``--output`` file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

CHOICES = ("auto", "always", "never")


def use_color(choice: str, stream: TextIO, *, to_file: bool = False, environ: Mapping[str, str] | None = None) -> bool:
    """Whether the report written to ``stream`` (or an ``--output`` file) gets colour."""
    env = os.environ if environ is None else environ
    if choice == "always":
        return True
    if choice == "never":
        return False
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    if to_file:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
