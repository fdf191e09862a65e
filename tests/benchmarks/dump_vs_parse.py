"""`strategy-lint dump`'s work (read + structure) per committed fixture, against the bare parse.

    .venv/bin/python tests/benchmarks/dump_vs_parse.py

The foundation issue asked for this figure on the fixtures themselves; bench.py measures
whole lints on larger generated records.  Best of 5, in process, seconds.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import best_of, floor  # noqa: E402

from strategy_lint.engine import Linter  # noqa: E402

FIXTURES = HERE.parent.parent / "fixtures"


def main() -> int:
    linter = Linter()
    files = sorted((FIXTURES / "layouts").glob("baby-bruise*")) + sorted((FIXTURES / "layouts").glob("exploitation*"))
    files.append(FIXTURES / "examples" / "leo-turner-narrative-libreoffice.pdf")
    print(f"{'fixture':<44} {'bare parse s':>12} {'dump s':>8} {'ratio':>6}")
    for path in files:
        bare = best_of(lambda path=path: floor(path), 5)
        dump = best_of(lambda path=path: linter.read(path), 5)
        print(f"{path.name:<44} {bare:>12.3f} {dump:>8.3f} {dump / bare:>5.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
