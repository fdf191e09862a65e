"""The cost of supervision: ``--jobs 1`` batch throughput and single-record cold start.

Not a test (no ``test_`` prefix): a benchmark to run by hand, on a quiet machine, before
and after a change to ``supervisor.py``.  With ``--before EXE`` it interleaves runs of two
installations (``EXE`` and this one), so that load from other work on the machine falls on
both alike, and prints the best and the median of each with the ratio.

    .venv/bin/python tests/benchmarks/supervision.py                     # this tree only
    .venv/bin/python tests/benchmarks/supervision.py --before /tmp/old/.venv/bin/strategy-lint

Batch: ``check fixtures/corpus --jobs 1 --format json -o FILE`` (the committed corpus,
.docx, PDF and Markdown records).  Cold start: ``check`` of one 10-page .docx record.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent
CORPUS = ROOT / "fixtures" / "corpus"
ONE = CORPUS / "clean-baby-observed-form.docx"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def measure(exes: dict[str, str], args: list[str], repeat: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in exes}
    for _ in range(repeat):
        for name, exe in exes.items():  # interleaved: background load hits both alike
            times[name].append(timed([exe, *args]))
    return times


def report(title: str, times: dict[str, list[float]]) -> None:
    print(f"\n{title}")
    base = None
    for name, values in times.items():
        best, median = min(values), statistics.median(values)
        ratio = f"  ({best / base:.3f}x best, vs before)" if base else ""
        base = base or best
        print(f"  {name:<8} best {best:7.2f} s   median {median:7.2f} s   n={len(values)}{ratio}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="EXE", help="the strategy-lint command of the installation to compare with")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold-repeat", type=int, default=10)
    args = parser.parse_args(argv)
    exes = {"before": args.before} if args.before else {}
    exes["this"] = str(BIN / "strategy-lint")
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "report.json")
        n = sum(1 for p in CORPUS.iterdir() if p.suffix in {".docx", ".pdf"})
        batch = measure(exes, ["check", str(CORPUS), "--jobs", "1", "--format", "json", "-o", out], args.repeat)
        report(f"--jobs 1 batch, fixtures/corpus ({n} .docx/.pdf records)", batch)
        cold = measure(exes, ["check", str(ONE), "--format", "json", "-o", out], args.cold_repeat)
        report(f"cold start, one .docx ({ONE.name})", cold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
