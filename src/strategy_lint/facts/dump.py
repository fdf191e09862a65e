"""Facts as plain JSON-ready data, for ``strategy-lint dump --facts`` (it holds record text)."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from . import Facts

__all__ = ["facts_to_dict"]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "__slots__"):
        return {k: _plain(getattr(value, k)) for k in value.__slots__}
    return value


#: Every shared reading, in the order each may use the ones before it (the dump and the
#: benchmark's breakdown list them from here).
READINGS = (
    "reading",
    "meeting",
    "request",
    "child",
    "participants",
    "agencies",
    "contacts",
    "entry_lines",
    "empty_attendee_lists",
    "voice",
    "actions",
    "update_actions",
    "followups",
    "photographs",
)


def facts_to_dict(facts: Facts) -> dict[str, Any]:
    return {name: _plain(getattr(facts, name)) for name in READINGS}
