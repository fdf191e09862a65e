"""Test helpers: real (tiny) plugin distributions, and running the CLI as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def make_distribution(where: Path, dist: str, modules: dict[str, str], entry_points: dict[str, str]) -> Path:
    """Write an installed-looking distribution (module files + .dist-info) into ``where``.

    Putting ``where`` on sys.path / PYTHONPATH makes importlib.metadata see its entry points,
    exactly as for a pip-installed plugin.
    """
    where.mkdir(parents=True, exist_ok=True)
    for name, source in modules.items():
        (where / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = where / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8")
    lines = ["[strategy_lint]"] + [f"{k} = {v}" for k, v in entry_points.items()]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return where


def run_cli(
    *args: str, env_extra: dict[str, str] | None = None, cwd: Path | None = None, input_bytes: bytes | None = None
) -> subprocess.CompletedProcess:
    """Run strategy-lint in a subprocess, as a user would (``input_bytes``: piped to stdin)."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.pop("FORCE_COLOR", None)  # tests read plain text unless they ask for colour
    if env_extra:
        env.update(env_extra)
    proc = subprocess.run(
        [sys.executable, "-m", "strategy_lint", *args],
        capture_output=True,
        input=input_bytes if input_bytes is not None else None,
        stdin=None if input_bytes is not None else subprocess.DEVNULL,
        cwd=cwd or ROOT,
        env=env,
        timeout=300,
    )
    proc.stdout = proc.stdout.decode("utf-8", "replace")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc
