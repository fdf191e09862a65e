"""The three speed ratios of issue 12 (item 5), in one command, on real records.

Not a test (no ``test_`` prefix): run by hand, from the repository root, on a machine as
quiet as you can get::

    .venv/bin/python tests/benchmarks/ratios.py                # ~2 min
    .venv/bin/python tests/benchmarks/ratios.py --all          # every committed record
    .venv/bin/python tests/benchmarks/ratios.py --profile docx # pyinstrument, flat, own time

It prints, with each figure and its target:

1. **.docx**: in-process lint (read + structure + every built-in rule, spaCy already
   loaded) against the bare python-docx parse of the same file: ``docx.Document(path)``
   then the text of every paragraph, every table cell (nested tables too) and the
   paragraphs inside content controls (python-docx does not list those).  Target ≤ 2×.
2. **PDF**: the same lint against bare pdfplumber: ``pdfplumber.open`` then, per page,
   ``extract_words()`` and ``find_tables()``.  Target ≤ 1.3×.
3. **cold start**: ``strategy-lint check ONE.docx`` as a subprocess against
   ``python -c "import spacy"``, interleaved, best of N.  Target ≤ 1.3×.

Records.  The committed records are what real templates look like, but they are short: the
largest .docx in ``fixtures/unseen/dev/records`` and ``fixtures/examples`` hold ~1,400 words
(2–3 pages) and the PDFs 2–4 pages; none is 5–15 pages.  So each ratio is printed twice:
on the committed records named in ``DOCX``/``PDF`` below (the largest of each template
family and layout; ``--all`` takes every one), and on 5-, 10- and 15-page records grown
from the base record by ``records.py`` in every layout (``--no-generated`` skips them).
A group's ratio is the sum of its records' best-of-N lint times over the sum of their
best-of-N floors (lint and floor of a record are timed alternately, so load falls on both).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from bench import floor_docx  # noqa: E402  (the same bare python-docx parse as bench.py)

from strategy_lint.facts.dump import READINGS  # noqa: E402  (after the path set-up, as the other imports here)

DEV = ROOT / "fixtures" / "unseen" / "dev" / "records"
EXAMPLES = ROOT / "fixtures" / "examples"
BIN = Path(sys.executable).parent
CLI = [str(BIN / "strategy-lint")] if (BIN / "strategy-lint").exists() else [sys.executable, "-m", "strategy_lint"]

#: The committed .docx measured by default: the longest record of each layout family
#: (form, narrative, shorthand, pseudo-headings) across the templates, 900–1,400 words.
DOCX = [
    DEV / "t06-narrative-01.docx",
    DEV / "t02-narrative-01.docx",
    DEV / "t01-narrative-02.docx",
    DEV / "t06-form-01.docx",
    DEV / "t03-form-01.docx",
    DEV / "t06-shorthand-01.docx",
    EXAMPLES / "ava-marsh-form.docx",
    EXAMPLES / "problems-school-photos-form.docx",
    EXAMPLES / "leo-turner-narrative.docx",
    EXAMPLES / "jayden-cole-pseudo.docx",
]
#: The committed PDFs measured by default: 3–4 pages, Word and LibreOffice exports.
PDF = [
    DEV / "t10-narrative-01.pdf",
    DEV / "t06-narrative-04.pdf",
    DEV / "t03-narrative-02.pdf",
    DEV / "t01-form-01.pdf",
    DEV / "t12-form-04.pdf",
    DEV / "t02-shorthand-02.pdf",
    EXAMPLES / "leo-turner-narrative-libreoffice.pdf",
    EXAMPLES / "mia-brennan.pdf",
]
#: The record of the cold-start figure.
ONE = EXAMPLES / "leo-turner-narrative.docx"
GENERATED_PAGES = (5, 10, 15)
TARGETS = {"docx": 2.0, "pdf": 1.3, "cold": 1.3}


# -- the floors ---------------------------------------------------------------------------


def floor_pdf(path: Path) -> None:
    """pdfplumber: open, then ``extract_words()`` and ``find_tables()`` of every page."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.find_tables()
            page.close()


def floor(path: Path) -> None:
    (floor_pdf if path.suffix.lower() == ".pdf" else floor_docx)(path)


# -- timing --------------------------------------------------------------------------------


def _once(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def paired(a: Callable[[], object], b: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best of ``repeat`` of each, run alternately."""
    ta, tb = [], []
    for _ in range(repeat):
        ta.append(_once(a))
        tb.append(_once(b))
    return min(ta), min(tb)


def builtin_linter():
    """A Linter running every built-in rule and nothing else (no installed third-party plugin)."""
    from strategy_lint.engine import Linter
    from strategy_lint.plugins import OURS

    probe = Linter()
    codes = [
        code
        for code, reg in probe.all_rules().items()
        if reg.distribution == OURS or reg.plugin.startswith("strategy-lint")
    ]
    return Linter(select=codes)


def row(*cells: object, widths=(34, 9, 9, 8, 8, 7)) -> str:
    return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()


def verdict(ratio: float, target: float) -> str:
    return "met" if ratio <= target else "MISSED"


def measure_group(linter, name: str, paths: list[Path], repeat: int, verbose: bool) -> tuple[float, float]:
    floors, lints = [], []
    for path in paths:
        fl, li = paired(lambda path=path: floor(path), lambda path=path: linter.lint_file(path), repeat)
        floors.append(fl)
        lints.append(li)
        if verbose:
            print(row(f"  {path.name}", f"{fl:.3f}", f"{li:.3f}", f"{li / fl:.2f}x"))
    fl, li = sum(floors), sum(lints)
    kind = "pdf" if paths[0].suffix.lower() == ".pdf" else "docx"
    target = TARGETS[kind]
    print(
        row(
            f"{name} ({len(paths)})",
            f"{fl / len(paths):.3f}",
            f"{li / len(paths):.3f}",
            f"{li / fl:.2f}x",
            f"<= {target}x",
            verdict(li / fl, target),
        )
    )
    return fl, li


def timed_run(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def cold_start(one: Path, repeat: int) -> None:
    print(f"\n== Cold start: subprocess wall time, interleaved, best of {repeat} (median) ==")
    spacy_cmd = [sys.executable, "-c", "import spacy"]
    check_cmd = [*CLI, "check", str(one)]
    spacy_t, check_t = [], []
    for _ in range(repeat):
        spacy_t.append(timed_run(spacy_cmd))
        check_t.append(timed_run(check_cmd))
    s, c = min(spacy_t), min(check_t)
    print(row("command", "best s", "median s", "ratio", "target", "", widths=(44, 8, 9, 8, 8, 7)))
    print(
        row(
            'python -c "import spacy"',
            f"{s:.3f}",
            f"{statistics.median(spacy_t):.3f}",
            "1.00x",
            widths=(44, 8, 9, 8, 8, 7),
        )
    )
    print(
        row(
            f"strategy-lint check {one.name}",
            f"{c:.3f}",
            f"{statistics.median(check_t):.3f}",
            f"{c / s:.2f}x",
            f"<= {TARGETS['cold']}x",
            verdict(c / s, TARGETS["cold"]),
            widths=(44, 8, 9, 8, 8, 7),
        )
    )


FACTS = ("nlp", *READINGS)


def breakdown(linter, groups: dict[str, list[Path]], repeat: int) -> None:
    """Where a lint's time goes: the reader, the structure pass, the language pass
    (``facts.nlp``), each shared reading (``ctx.facts``, computed in this order before
    the rules), and the rules themselves, summed over each group (best of N per record)."""
    from strategy_lint.facts import Facts
    from strategy_lint.nlp import forget_texts
    from strategy_lint.rules import RuleContext
    from strategy_lint.structure import build_structure

    for name, paths in groups.items():
        totals: dict[str, float] = {}
        for path in paths:
            best: dict[str, float] = {}
            for _ in range(repeat):
                times: dict[str, float] = {}
                config = linter.config_for(path)
                plan = linter._plan_for(config)
                start = time.perf_counter()
                doc = plan.plugins.pm.hook.strategy_lint_read_document(path=path, options=_options(config))
                times["reader"] = time.perf_counter() - start
                start = time.perf_counter()
                build_structure(doc, plan.lexicon)
                times["structure pass"] = time.perf_counter() - start
                facts = Facts(doc, plan.lexicon)
                for attr in FACTS:
                    start = time.perf_counter()
                    getattr(facts, attr)
                    times[f"facts.{attr}"] = time.perf_counter() - start
                start = time.perf_counter()
                for rule, _reg, options, severity in plan.rules:
                    ctx = RuleContext(options=options, lexicon=plan.lexicon, severity=severity, _facts=facts)
                    list(rule.check(doc, ctx) or [])
                times["rules (facts ready)"] = time.perf_counter() - start
                forget_texts()
                for k, v in times.items():
                    best[k] = min(best.get(k, v), v)
            for k, v in best.items():
                totals[k] = totals.get(k, 0.0) + v
        whole = sum(totals.values())
        print(f"\n== Breakdown: {name} ({len(paths)} records, best of {repeat}, ms per record) ==")
        for k, v in sorted(totals.items(), key=lambda kv: -kv[1]):
            print(row(f"  {k}", f"{1000 * v / len(paths):.1f}", f"{100 * v / whole:.0f}%", widths=(34, 9, 6)))
        print(row("  total", f"{1000 * whole / len(paths):.1f}", widths=(34, 9)))


def _options(config):
    from strategy_lint.readers.base import MB, ReadOptions

    return ReadOptions(
        max_file_bytes=int(config.max_file_mb * MB),
        max_expanded_bytes=int(config.max_expanded_mb * MB),
        max_pages=config.max_pages,
    )


def profile(linter, paths: list[Path], top: int, rounds: int = 3) -> None:
    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer

    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(rounds):
        for path in paths:
            linter.lint_file(path)
    profiler.stop()
    text = profiler.output(ConsoleRenderer(flat=True, unicode=True, color=False, time="percent_of_total"))
    lines = [ln for ln in text.splitlines() if ln.strip() and "%" in ln]
    print(f"\n== Profile: {len(paths)} records x {rounds}, top {top} by own time (pyinstrument) ==")
    for ln in lines[:top]:
        print("  " + ln.strip())


# -- main --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="best of N for in-process timings (default 5)")
    ap.add_argument("--cold-repeat", type=int, default=10, help="best of N for the cold start (default 10)")
    ap.add_argument(
        "--all", action="store_true", help="every committed .docx/PDF of the two folders, not the named ones"
    )
    ap.add_argument("--no-generated", action="store_true", help="skip the generated 5-15 page records")
    ap.add_argument("--no-cold", action="store_true", help="skip the cold-start figure")
    ap.add_argument("--only", choices=("docx", "pdf"), help="one format only (no cold start)")
    ap.add_argument(
        "--profile", choices=("docx", "pdf"), help="print pyinstrument's flat profile of linting that format"
    )
    ap.add_argument(
        "--breakdown",
        action="store_true",
        help="print where the time goes (reader, structure, language pass, each reading, rules) and stop",
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="a line per record")
    args = ap.parse_args(argv)

    print(
        f"strategy-lint ratios  python {platform.python_version()}  {platform.machine()}  "
        f"{os.cpu_count()} CPUs  load {os.getloadavg()[0]:.1f}"
    )
    if args.all:
        docx = sorted(p for d in (DEV, EXAMPLES) for p in d.glob("*.docx"))
        pdf = sorted(p for d in (DEV, EXAMPLES) for p in d.glob("*.pdf"))
    else:
        docx, pdf = list(DOCX), list(PDF)
    generated: dict[str, list[Path]] = {}
    work = Path(tempfile.mkdtemp(prefix="strategy-lint-ratios-"))
    if not args.no_generated:
        from records import build_record

        for layout, ext in (("form", "docx"), ("narrative", "docx"), ("pseudo", "docx"), ("pdf", "pdf")):
            if args.only and args.only != ext:
                continue
            generated[layout] = [build_record(p, layout, work / f"{layout}-{p}.{ext}", seed=p) for p in GENERATED_PAGES]

    linter = builtin_linter()
    linter.lint_file(ONE)  # warm: plugins, lexicon, spaCy pipeline (a batch pays these once)

    if args.profile:
        chosen = [p for p in docx if args.profile == "docx"] + [p for p in pdf if args.profile == "pdf"]
        gen = [p for paths in generated.values() for p in paths if p.suffix == f".{args.profile}"]
        profile(linter, chosen + gen, 30)
        return 0

    if args.breakdown:
        groups = {}
        if args.only != "pdf":
            groups["committed .docx"] = docx
            groups.update(
                {
                    f"generated {lay} .docx": generated[lay]
                    for lay in ("form", "narrative", "pseudo")
                    if lay in generated
                }
            )
        if args.only != "docx":
            groups["committed PDF"] = pdf
            if "pdf" in generated:
                groups["generated PDF"] = generated["pdf"]
        breakdown(linter, groups, min(args.repeat, 3))
        return 0

    print(f"\n== In-process lint vs bare parse (best of {args.repeat}, seconds per record) ==")
    print(row("records", "floor s", "lint s", "ratio", "target", ""))
    if args.only != "pdf":
        measure_group(linter, "committed .docx, 1-3 pages", docx, args.repeat, args.verbose)
        for layout in ("form", "narrative", "pseudo"):
            if layout in generated:
                measure_group(linter, f"generated {layout} .docx, 5-15 p", generated[layout], args.repeat, args.verbose)
        gen_docx = [p for lay in ("form", "narrative", "pseudo") for p in generated.get(lay, [])]
        if gen_docx:
            print("  (all generated .docx: see the three lines above; the target is on each)")
    if args.only != "docx":
        measure_group(linter, "committed PDF, 2-4 pages", pdf, args.repeat, args.verbose)
        if "pdf" in generated:
            measure_group(linter, "generated PDF, 5-15 pages", generated["pdf"], args.repeat, args.verbose)
    if not args.no_cold and not args.only:
        cold_start(ONE, args.cold_repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
