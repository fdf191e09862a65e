"""strategy-lint benchmark: every figure printed beside its floor, ratio and target.

Run from the repository root (not collected by pytest: the file name has no ``test_``):

    .venv/bin/python tests/benchmarks/bench.py            # everything (~15 min, PDFs dominate)
    .venv/bin/python tests/benchmarks/bench.py --quick    # no 300-page PDF, 60-record batch
    .venv/bin/python tests/benchmarks/bench.py --profile  # also pyinstrument's top entries

What it measures (records generated with the fixture builders into a temp folder):
- lint time per record vs the bare parse floor on the same file: python-docx open + every
  paragraph and table cell (and the paragraphs inside content controls, which python-docx
  does not list); pdfplumber open + ``extract_text`` of every page.  Best of N runs, in
  process, spaCy already loaded (a batch pays that once).  Targets: ≤ 2× (.docx), ≤ 1.5× (PDF);
- cold start of the real command vs ``python -c "import spacy"``;
- batch throughput ``--jobs 2`` vs ``--jobs 1`` on 200 records (target ≥ 1.8×);
- peak memory on the 300-page record, in a subprocess (``RUSAGE_CHILDREN``; < 500 MB);
- time against size (10/50/100/300 pages): the per-page time should stay flat.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from records import build_record  # noqa: E402

EXT = {"form": "docx", "narrative": "docx", "pseudo": "docx", "pdf": "pdf"}
REALISTIC_PAGES = (5, 10, 15)
SIZES = (10, 50, 100, 300)
BIN = Path(sys.executable).parent
CLI = [str(BIN / "strategy-lint")] if (BIN / "strategy-lint").exists() else [sys.executable, "-m", "strategy_lint"]


# -- helpers -------------------------------------------------------------------------------


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def verdict(value: float, target: float, lower_is_better: bool = True) -> str:
    ok = value <= target if lower_is_better else value >= target
    return "met" if ok else "MISSED"


def row(*cells: object, widths=(26, 12, 12, 10, 12, 8)) -> str:
    return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=False))


def floor_docx(path: Path) -> None:
    """python-docx: open, then read every paragraph and every table cell (nested too)."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    for p in document.paragraphs:
        _ = p.text

    def cells(table: Table) -> None:
        for r in table.rows:
            for c in r.cells:
                _ = c.text
                for inner in c.tables:
                    cells(inner)

    for t in document.tables:
        cells(t)
    # content controls (pseudo layout) hold paragraphs python-docx does not list
    body = document.element.body
    for sdt in body.iter(qn("w:sdtContent")):
        for p in sdt.iter(qn("w:p")):
            _ = Paragraph(p, document).text


def floor_pdf(path: Path) -> None:
    """pdfplumber: open, then extract_text of every page (closing pages as we go)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def floor(path: Path) -> None:
    (floor_pdf if path.suffix == ".pdf" else floor_docx)(path)


def run(cmd: list[str], **kw) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, **kw)
    return time.perf_counter() - start


def peak_rss_mb(cmd: list[str]) -> float:
    """Peak RSS of ``cmd``, measured by a fresh intermediate process (RUSAGE_CHILDREN)."""
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout
    kb = int(out.strip())
    return kb / 1024 if platform.system() != "Darwin" else kb / 1024 / 1024


# -- the sections --------------------------------------------------------------------------


def section_lint_vs_floor(linter, files: dict[str, list[Path]], repeat: int) -> None:
    print(f"\n== Lint time per record vs the bare parse floor (in process, best of {repeat}) ==")
    print(row("records", "floor s", "lint s", "ratio", "target", "verdict"))
    for group, paths in files.items():
        if not paths:
            continue
        fl = sum(best_of(lambda p=p: floor(p), repeat) for p in paths)
        li = sum(best_of(lambda p=p: linter.lint_file(p), repeat) for p in paths)
        target = 1.5 if paths[0].suffix == ".pdf" else 2.0
        ratio = li / fl
        print(
            row(
                group,
                f"{fl / len(paths):.3f}",
                f"{li / len(paths):.3f}",
                f"{ratio:.2f}x",
                f"<= {target}x",
                verdict(ratio, target),
            )
        )


def section_breakdown(linter, path: Path) -> None:
    """Where lint time goes on one record: reading, the structure pass, each rule."""
    from strategy_lint.rules import RuleContext
    from strategy_lint.structure import build_structure

    print(f"\n== Breakdown on {path.name} ==")
    config = linter.config_for(path)
    plan = linter._plan_for(config)
    start = time.perf_counter()
    doc = linter.read(path, config)
    total_read = time.perf_counter() - start
    start = time.perf_counter()
    build_structure(doc, plan.lexicon)  # again, alone, to split reader from structure
    structure = time.perf_counter() - start
    print(row("reader + structure", f"{total_read:.3f}", "", "", "", "", widths=(34, 10)))
    print(row("  of which structure", f"{structure:.3f}", widths=(34, 10)))
    timings = []
    for rule, _reg, options, severity in plan.rules:
        ctx = RuleContext(options=options, lexicon=plan.lexicon, severity=severity)
        start = time.perf_counter()
        try:
            list(rule.check(doc, ctx) or [])
        except Exception as exc:  # a rule bug shows as such, the benchmark goes on
            print(f"  {rule.code} raised {type(exc).__name__}")
        timings.append((time.perf_counter() - start, rule.code, rule.name))
    for seconds, code, name in sorted(timings, reverse=True)[:8]:
        print(row(f"  {code} {name}", f"{seconds:.3f}", widths=(34, 10)))
    print(row("  all rules", f"{sum(t[0] for t in timings):.3f}", widths=(34, 10)))


def section_cold_start(one: Path, repeat: int) -> None:
    print(f"\n== Cold start (subprocess wall time, best of {repeat}) ==")
    spacy = min(run([sys.executable, "-c", "import spacy"]) for _ in range(repeat))
    help_ = min(run([*CLI, "--help"]) for _ in range(repeat))
    check = min(run([*CLI, "check", str(one)]) for _ in range(repeat))
    print(row("command", "seconds", "vs spaCy", "", "target", "verdict"))
    print(row('python -c "import spacy"', f"{spacy:.3f}", "1.00x"))
    print(row("strategy-lint --help", f"{help_:.3f}", f"{help_ / spacy:.2f}x", "", "< 0.5 s", verdict(help_, 0.5)))
    print(
        row(
            f"strategy-lint check {one.suffix}",
            f"{check:.3f}",
            f"{check / spacy:.2f}x",
            "",
            "<= 1.3x",
            verdict(check / spacy, 1.3),
        )
    )


def section_batch(sources: list[Path], n: int, work: Path) -> None:
    print(f"\n== Batch throughput: {n} records, --jobs 2 vs --jobs 1 ({os.cpu_count()} CPUs) ==")
    folder = work / "batch"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = sources[i % len(sources)]
        shutil.copy(src, folder / f"record-{i:04d}{src.suffix}")
    one = run([*CLI, "check", str(folder), "--jobs", "1", "-f", "json", "-o", str(work / "j1.json")])
    two = run([*CLI, "check", str(folder), "--jobs", "2", "-f", "json", "-o", str(work / "j2.json")])
    same = (work / "j1.json").read_bytes() == (work / "j2.json").read_bytes()
    speedup = one / two
    print(row("run", "seconds", "records/s", "speed-up", "target", "verdict"))
    print(row("--jobs 1", f"{one:.2f}", f"{n / one:.1f}"))
    print(
        row(
            "--jobs 2",
            f"{two:.2f}",
            f"{n / two:.1f}",
            f"{speedup:.2f}x",
            ">= 1.8x",
            verdict(speedup, 1.8, lower_is_better=False),
        )
    )
    print(f"reports identical: {same}")


def section_memory(paths: list[Path]) -> None:
    print("\n== Peak memory (RSS of the whole `strategy-lint check` process) ==")
    print(row("record", "peak MB", "", "", "target", "verdict"))
    for path in paths:
        mb = peak_rss_mb([*CLI, "check", str(path), "-f", "json"])
        print(row(path.name, f"{mb:.0f}", "", "", "< 500 MB", verdict(mb, 500)))


def section_sizes(linter, series: dict[str, dict[int, Path]]) -> None:
    print("\n== Time against size (in process; per-page time should stay flat) ==")
    print(row("record", "floor s", "lint s", "ratio", "ms/page", "", widths=(26, 12, 12, 10, 10, 4)))
    for layout, by_pages in series.items():
        per_page = []
        for pages, path in sorted(by_pages.items()):
            fl = best_of(lambda path=path: floor(path), 1)
            li = best_of(lambda path=path: linter.lint_file(path), 1)
            per_page.append(li / pages)
            print(
                row(
                    f"{layout} {pages} pages",
                    f"{fl:.2f}",
                    f"{li:.2f}",
                    f"{li / fl:.2f}x",
                    f"{1000 * li / pages:.1f}",
                    widths=(26, 12, 12, 10, 10, 4),
                )
            )
        growth = per_page[-1] / per_page[0]
        print(
            f"  {layout}: per-page time at {max(by_pages)} pages is {growth:.2f}x that at {min(by_pages)} "
            f"(target <= 1.5x, linear): {verdict(growth, 1.5)}"
        )


def section_profile(linter, paths: list[Path], top: int) -> None:
    try:
        from pyinstrument import Profiler
        from pyinstrument.renderers import ConsoleRenderer
    except ImportError:
        print("\n(pyinstrument is not installed: pip install pyinstrument, or the 'bench' extra)")
        return
    for path in paths:
        profiler = Profiler(interval=0.001)
        profiler.start()
        linter.lint_file(path)
        profiler.stop()
        text = profiler.output(ConsoleRenderer(flat=True, unicode=True, color=False, time="percent_of_total"))
        lines = [ln for ln in text.splitlines() if ln.strip() and "%" in ln]
        print(f"\n== Profile: {path.name}, top {top} functions by own time (pyinstrument) ==")
        for ln in lines[:top]:
            print("  " + ln.strip())


# -- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="skip the 300-page PDF and use a 60-record batch")
    ap.add_argument("--records", type=int, default=None, help="records in the batch test (default 200, quick 60)")
    ap.add_argument("--repeat", type=int, default=3, help="best of N for in-process timings")
    ap.add_argument("--profile", action="store_true", help="print pyinstrument's top entries")
    ap.add_argument("--keep", type=Path, help="build the records here and keep them")
    args = ap.parse_args(argv)
    n_batch = args.records or (60 if args.quick else 200)

    work = args.keep or Path(tempfile.mkdtemp(prefix="strategy-lint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"strategy-lint benchmark  python {platform.python_version()}  {platform.machine()}  "
        f"{os.cpu_count()} CPUs  load {os.getloadavg()[0]:.1f}  records in {work}"
    )

    start = time.perf_counter()
    realistic = {
        f"{lay} 5-15 p": [build_record(p, lay, work / f"{lay}-{p}.{EXT[lay]}", seed=p) for p in REALISTIC_PAGES]
        for lay in EXT
    }
    big_layouts = [lay for lay in EXT if not (args.quick and lay == "pdf")]
    big = {lay: build_record(300, lay, work / f"{lay}-300.{EXT[lay]}") for lay in big_layouts}
    series = {
        lay: {p: build_record(p, lay, work / f"{lay}-{p}.{EXT[lay]}") for p in SIZES if p != 300}
        for lay in ("form", "pdf")
    }
    for lay in series:
        if lay in big:
            series[lay][300] = big[lay]
        elif args.quick:
            series[lay].pop(100, None)
    print(
        f"built {sum(map(len, realistic.values())) + len(big) + sum(map(len, series.values()))} records in {time.perf_counter() - start:.0f} s"
    )

    from strategy_lint.engine import Linter

    linter = Linter()
    linter.lint_file(realistic["form 5-15 p"][0])  # warm: plugins, lexicon, spaCy pipeline

    section_lint_vs_floor(linter, realistic, args.repeat)
    section_lint_vs_floor(linter, {f"{lay} 300 p": [p] for lay, p in big.items()}, 1)
    section_cold_start(realistic["form 5-15 p"][1], args.repeat)
    sources = [p for lay, paths in realistic.items() if not lay.startswith("pdf") for p in paths]
    section_batch(sources, n_batch, work)
    section_memory(list(big.values()))
    section_sizes(linter, series)
    section_breakdown(linter, big.get("narrative"))
    if args.profile:
        section_profile(linter, [work / "narrative-15.docx", realistic["pdf 5-15 p"][0]], 15)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\ntotal benchmark time {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
