"""A baseline: fingerprints of findings a workflow has accepted, so it can adopt the tool
without first fixing every old record (finished PDFs cannot carry a disable comment).

``--write-baseline FILE`` records the current findings; ``--baseline FILE`` drops findings
recorded there.  Files are keyed by their path relative to the baseline's folder, so the
baseline can be committed next to the records and used from any working directory.
Fingerprints (:meth:`Finding.fingerprint`) use the rule code, section, table position and
message: they survive edits elsewhere in the record.  Identical findings are counted, so
a second identical problem added later is still reported.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .findings import CRASHED, Finding
from .output import write_atomic

VERSION = 1
#: Never baselined: a crashed check or a stale suppression is not an accepted problem.
NOT_BASELINED = frozenset({CRASHED, "SL002"})


def file_key(base: Path, path: Path | str) -> str:
    """``path`` relative to ``base`` in POSIX form (``..`` allowed), the baseline's key."""
    rel = os.path.relpath(Path(path).resolve(), base.resolve())
    return Path(rel).as_posix()


@dataclass
class Baseline:
    path: Path
    files: dict[str, Counter] = field(default_factory=dict)

    @property
    def base(self) -> Path:
        return self.path.parent

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"baseline file not found: {path} (create it with --write-baseline)") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"baseline {path} is not a strategy-lint baseline ({type(exc).__name__})") from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), dict):
            raise ConfigError(
                f"baseline {path} is not a version {VERSION} strategy-lint baseline: write it again with --write-baseline"
            )
        files = {}
        for key, prints in data["files"].items():
            if not isinstance(prints, list) or not all(isinstance(p, str) for p in prints):
                raise ConfigError(f"baseline {path}: the entry for {key!r} must be a list of fingerprints")
            files[key] = Counter(prints)
        return cls(path, files)

    def filter(self, path: Path | str, findings: list[Finding]) -> tuple[list[Finding], int]:
        """(findings not in the baseline, how many baseline entries for this file matched nothing)."""
        remaining = Counter(self.files.get(file_key(self.base, path), Counter()))
        kept = []
        for f in findings:
            fp = f.fingerprint()
            if f.code not in NOT_BASELINED and remaining[fp] > 0:
                remaining[fp] -= 1
            else:
                kept.append(f)
        return kept, sum(remaining.values())


def write_baseline(path: Path, results: Iterable) -> int:
    """Write the findings of ``results`` (FileResults) as a baseline; returns how many."""
    files: dict[str, list[str]] = {}
    for r in results:
        if r.status != "ok":
            continue
        prints = sorted(f.fingerprint() for f in r.findings if f.code not in NOT_BASELINED)
        if prints:
            files[file_key(path.parent, r.path)] = prints
    payload = {
        "version": VERSION,
        "tool": "strategy-lint",
        "about": "Accepted findings, by record path relative to this file. Written by --write-baseline.",
        "files": dict(sorted(files.items())),
    }
    write_atomic(path, (json.dumps(payload, indent=2) + "\n").encode("utf-8"))
    return sum(len(v) for v in files.values())
