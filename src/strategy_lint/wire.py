"""Results as plain data, for crossing from a worker process to the supervisor.

Only built-in types cross (str, int, float, bool, None, lists and dicts of them): nothing
a plugin made (a str subclass, an object with a custom ``__reduce__``) is ever unpickled
in the supervising process, and the document model (large, holding record text) never
crosses at all.  Conversion follows the dataclass fields, so a field added to
``Finding`` or ``Location`` crosses without a change here.
"""

from __future__ import annotations

import dataclasses
import enum
import typing
from functools import cache
from typing import Any

from .errors import ReadError


def plain(value: Any) -> Any:
    """``value`` as built-in types only (enums by value, dataclasses as dicts)."""
    if value is None or type(value) in (bool, int, float, str):
        return value
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str.__str__(k) if isinstance(k, str) else str(k): plain(v) for k, v in value.items()}
    if isinstance(value, str):  # a subclass: its characters, not its class
        return str.__str__(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int.__index__(value)
    if isinstance(value, float):
        return float(value)
    raise TypeError(f"{type(value).__name__} cannot cross the process boundary")


def rebuild(cls: type, data: Any) -> Any:
    """The inverse of :func:`plain` for a dataclass ``cls`` (nested dataclasses and enums)."""
    if data is None:
        return None
    hints = _hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _value(hints.get(f.name), data[f.name])
    return cls(**kwargs)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _value(hint: Any, data: Any) -> Any:
    if data is None or hint is None:
        return data
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint) or (None,)
        return [_value(item, v) for v in data]
    for option in typing.get_args(hint) or (hint,):  # Optional[X] / X | None
        if isinstance(option, type) and issubclass(option, enum.Enum):
            return option(data)
        if isinstance(option, type) and dataclasses.is_dataclass(option):
            return rebuild(option, data)
    return data


#: FileResult fields that never cross: the document model holds the record's text.
_STAYS = frozenset({"document", "error"})


def result_to_plain(result: Any) -> dict[str, Any]:
    """A FileResult without its document (every other field, so new ones cross too)."""
    data = {f.name: plain(getattr(result, f.name)) for f in dataclasses.fields(result) if f.name not in _STAYS}
    error = result.error
    data["error"] = {"code": plain(error.code), "message": plain(error.message)} if error is not None else None
    return data


def result_from_plain(data: dict[str, Any]) -> Any:
    from .engine import FileResult

    error = data.get("error")
    result = rebuild(FileResult, {k: v for k, v in data.items() if k not in _STAYS})
    result.error = ReadError(error["code"], error["message"]) if error else None
    return result
