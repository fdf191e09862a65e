"""How well the record's layout was understood: rules say less when it was not.

A record in a template nobody has seen may put its parts where the structure pass cannot
name them.  Then "I could not find the attendee list" is not "there is no attendee list",
and rules that conclude absence from structure lower their confidence by this reading.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import BlockKind
from .model import Confidence, Reading

if TYPE_CHECKING:  # pragma: no cover
    from . import Facts

__all__ = ["read_reading"]

_GARBLED = re.compile(r"\(cid:\d+\)|\ufffd")
#: Section kinds a strategy record nearly always has; finding few of them means the
#: layout was not understood.
_CORE_KINDS = ("attendees", "reason", "agency_info", "child_voice", "decision", "actions", "details")


def read_reading(facts: Facts) -> Reading:
    document = facts.document
    body = [b for b in document.blocks if not b.is_furniture and b.kind is not BlockKind.FOOTNOTE]
    text = "\n".join(b.text for b in body if b.text)
    reading = Reading(words=len(text.split()))
    reading.sections = len(document.sections)
    reading.recognised_sections = sum(1 for s in document.sections if s.kind)
    kinds = {s.kind for s in document.sections if s.kind}
    core = sum(1 for k in _CORE_KINDS if k in kinds)
    garbled = len(_GARBLED.findall(text))
    for t in document.tables:
        if t.parent is None and not t.records and not _is_form_like(document, t):
            reading.unrecognised_tables.append(t.index)
    if reading.words < 40:
        reading.understood = reading.text = Confidence.LOW
        reading.notes.append("the record has almost no text")
    elif garbled > max(5, reading.words // 50):
        reading.understood = reading.text = Confidence.LOW
        reading.notes.append("part of the text could not be decoded")
    elif core <= 1:
        reading.understood = Confidence.LOW
        reading.notes.append("few of the usual parts of a strategy record were recognised")
    elif core <= 3:
        reading.understood = Confidence.MEDIUM
        reading.notes.append("some usual parts of a strategy record were not recognised")
    return reading


def _is_form_like(document, t) -> bool:
    """A table whose rows were read as labelled sections by the structure pass."""
    first = [row[0] for row in t.cells if row and row[0] is not None]
    heads = {s.heading_block for s in document.sections}
    return any(b in heads for b in first)
