"""Configuration: ``[tool.strategy-lint]`` in pyproject.toml, or strategy-lint.toml.

The file closest to a checked record wins (so an authority can keep one config per
folder of records); ``--config`` overrides discovery.  Unknown keys are errors with a
"did you mean" suggestion: a typo must never silently switch a check off.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .findings import Confidence, Severity
from .schema import check_lexicon_shape
from .suggest import did_you_mean

CONFIG_FILES = ("strategy-lint.toml", ".strategy-lint.toml", "pyproject.toml")


@dataclass
class Config:
    """The resolved configuration.  Field names are the TOML keys with '-' → '_'."""

    path: Path | None = None
    select: list[str] = field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.ERROR
    #: findings less sure than this are shown but do not fail the exit code or the verdict
    min_confidence: Confidence = Confidence.HIGH
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    lexicon: dict[str, Any] = field(default_factory=dict)
    nlp_model: str | None = None
    local_plugins: list[str] = field(default_factory=list)
    max_file_mb: float = 50
    max_expanded_mb: float = 250
    max_pages: int = 1000
    file_timeout: float = 120
    rule_timeout: float = 30
    #: address space of each worker process, in MB (a checked record needs ~300)
    max_memory_mb: float = 2048

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "path":
                continue
            value = getattr(self, f.name)
            out[f.name.replace("_", "-")] = value.value if isinstance(value, (Severity, Confidence)) else value
        return out


KEYS = {f.name.replace("_", "-"): f for f in fields(Config) if f.name != "path"}


def parse_config(data: dict[str, Any], path: Path | None) -> Config:
    """Validate a ``[tool.strategy-lint]`` table into a Config."""
    cfg = Config(path=path)
    where = f" in {path}" if path else ""
    for key, value in data.items():
        if key not in KEYS:
            raise ConfigError(f"unknown configuration key {key!r}{where}{did_you_mean(key, KEYS)}")
        attr = KEYS[key].name
        default = getattr(cfg, attr)
        try:
            if attr == "fail_on":
                value = Severity.parse(value)
            elif attr == "min_confidence":
                value = Confidence.parse(value)
            elif isinstance(default, list):
                value = _str_list(value)
            elif attr == "per_file_ignores":
                value = {str(k): _str_list(v) for k, v in _table(value).items()}
            elif attr == "rules":
                value = {str(k): _table(v) for k, v in _table(value).items()}
            elif attr == "lexicon":
                value = _table(value)
                check_lexicon_shape(value)  # names are checked against plugins' additions later
            elif isinstance(default, (int, float)) and not isinstance(default, bool):
                if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                    raise ValueError("expected a positive number")
            elif attr == "nlp_model":
                if not isinstance(value, str):
                    raise ValueError("expected a string")
        except ValueError as exc:
            raise ConfigError(f"configuration key {key!r}{where}: {exc}") from None
        setattr(cfg, attr, value)
    return cfg


def _str_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ValueError("expected a list of strings")


def _table(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("expected a table")
    return value


def read_config_file(path: Path) -> Config | None:
    """Read one config file; None if it is a pyproject.toml without our table."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("strategy-lint")
        if table is None:
            return None
        return parse_config(table, path)
    return parse_config(data, path)


def find_config(start: Path) -> Config:
    """The configuration closest to ``start`` (a file or folder), or the defaults."""
    here = start if start.is_dir() else start.parent
    for folder in [here.resolve(), *here.resolve().parents]:
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                cfg = read_config_file(candidate)
                if cfg is not None:
                    return cfg
    return Config()


def load_config(explicit: Path | None, start: Path) -> Config:
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"configuration file not found: {explicit}")
        cfg = read_config_file(explicit)
        if cfg is None:
            raise ConfigError(f"{explicit} has no [tool.strategy-lint] table")
        return cfg
    return find_config(start)
