"""Score the rules on a labelled set of records: precision, recall, clean records passed.

Usage (from the project root)::

    .venv/bin/python tests/score_corpus.py                       # the derived regression corpus
    .venv/bin/python tests/score_corpus.py fixtures/unseen/dev   # any folder holding labels.json
    .venv/bin/python tests/score_corpus.py fixtures/unseen/blind # blind split: aggregate figures only
    .venv/bin/python tests/score_corpus.py SET --json            # machine-readable, for CI
    .venv/bin/python tests/score_corpus.py SET -v                # per-file misses (not for blind sets)

Two label formats are read:

* the derived corpus (``fixtures/corpus/labels.json``): ``{file: [expected codes]}``;
* concept labels (``fixtures/unseen/*/labels.json``, ``fixtures/independent-62``):
  ``concepts``, ``concept_codes`` (a concept is found when any of its codes fires) and
  ``documents`` with ``file``, ``labels`` (concepts; empty = a clean record), and optional
  ``template``, ``style``, ``path`` used for the breakdowns.

What counts: a finding is *scored* when its confidence is at least ``--min-confidence``
(default ``high``, as the exit code) -- the findings a user is asked to act on. A record
*passes* when it has no scored finding of severity warning or error from a content rule.
The figures of the blind split are printed only in aggregate unless ``--details-blind`` is
given: see docs/accuracy.md for when that is allowed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"
#: The figures each labelled set has reached: tests/test_corpus.py keeps them from falling.
FLOORS = ROOT / "tests" / "data" / "accuracy-floors.json"
FLOOR_SETS = ("fixtures/corpus", "fixtures/independent-62", "fixtures/unseen/dev", "fixtures/unseen/blind")
#: Slack for rounding: figures are stored to 3 decimals.
EPSILON = 0.0005
CONFIDENCE_ORDER = {"low": 0, "medium": 1, "high": 2}
#: tool codes (SL0xx) are never content findings; SL9xx (document hygiene) are scored
#: like content rules because the corpora label them too.
TOOL_PREFIX = "SL0"


@dataclass
class Score:
    """Counts for one rule (or one concept, or one slice of records)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    fp_files: list[str] = field(default_factory=list)
    fn_files: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, expected: bool, found: bool, name: str) -> None:
        if expected and found:
            self.tp += 1
        elif found:
            self.fp += 1
            self.fp_files.append(name)
        elif expected:
            self.fn += 1
            self.fn_files.append(name)

    def figures(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
        }


@dataclass
class LabelledDoc:
    file: str
    expected: set[str]  # expected rule groups (see Labels.groups)
    template: str = "-"
    style: str = "-"
    path: str = "-"

    @property
    def clean(self) -> bool:
        return not self.expected


@dataclass
class Labels:
    """A labelled set, normalised: each document's expected *groups* of rule codes.

    A group is the tuple of codes that report one concept ("SL102/SL103" for an
    incomplete attendee list); the derived corpus has one code per group.
    """

    root: Path
    groups: dict[str, tuple[str, ...]]
    docs: list[LabelledDoc]
    blind: bool

    @classmethod
    def load(cls, folder: Path) -> Labels:
        path = folder / "labels.json" if folder.is_dir() else folder
        data = json.loads(path.read_text(encoding="utf-8"))
        blind = "blind" in path.parent.name.lower() or data.get("blind") is True
        if "documents" in data:
            concept_codes: dict[str, list[str]] = data["concept_codes"]
            groups = {"/".join(codes): tuple(codes) for codes in concept_codes.values()}
            docs = [
                LabelledDoc(
                    d["file"],
                    {"/".join(concept_codes[c]) for c in d["labels"]},
                    d.get("template") or d.get("layout") or "-",
                    d.get("style", "-"),
                    d.get("path") or d.get("format") or "-",
                )
                for d in data["documents"]
            ]
        else:
            codes = sorted({c for cs in data.values() for c in cs})
            groups = {c: (c,) for c in codes}
            docs = [LabelledDoc(name, set(expected)) for name, expected in sorted(data.items())]
        return cls(path.parent, groups, docs, blind)


@dataclass
class Result:
    """Everything the scorer measured on one labelled set."""

    rules: dict[str, Score]
    by_template: dict[str, Score]
    by_style: dict[str, Score]
    clean_total: int = 0
    clean_passed: int = 0
    errors_on_clean: int = 0
    unreadable: list[str] = field(default_factory=list)
    crashes: int = 0
    found_by_file: dict[str, list[str]] = field(default_factory=dict)
    clean_failed: list[str] = field(default_factory=list)

    def overall(self) -> Score:
        total = Score()
        for s in self.rules.values():
            total.tp += s.tp
            total.fp += s.fp
            total.fn += s.fn
        return total


def _scored_code(code: str) -> bool:
    """Built-in content and hygiene rules (SL1xx-SL9xx); tool codes and other plugins are not scored."""
    return code.startswith("SL") and not code.startswith(TOOL_PREFIX)


def _confidence(finding: Any) -> str:
    return getattr(getattr(finding, "confidence", None), "value", None) or "high"


def score(
    labels_path: Path = CORPUS / "labels.json", min_confidence: str = "high"
) -> tuple[dict[str, Score], dict[str, list[str]]]:
    """Per-rule scores and the codes found per file (the derived corpus' historical API)."""
    result = measure(Labels.load(labels_path), min_confidence)
    return result.rules, result.found_by_file


def _lint_all(linter: Any, files: list[Path]) -> Any:
    """Every file checked once, in order, in one supervised worker per CPU: the sets hold
    hundreds of records, and the test run has a time budget on two cores."""
    from strategy_lint.parallel import lint_files
    from strategy_lint.worker import WorkerSpec

    return lint_files(linter, files, jobs=0, spec=WorkerSpec())


def measure(labels: Labels, min_confidence: str = "high") -> Result:
    """Lint every labelled file once and compare what fired with the labels."""
    from strategy_lint.engine import Linter
    from strategy_lint.findings import Severity

    linter = Linter()
    floor = CONFIDENCE_ORDER[min_confidence]
    # every content rule that is loaded is scored, labelled or not: a rule nobody
    # labelled that fires is a false positive
    groups = dict(labels.groups)
    for code in linter.plugins.rules:
        if _scored_code(code) and not any(code in g for g in groups.values()):
            groups[code] = (code,)
    result = Result({g: Score() for g in groups}, defaultdict(Score), defaultdict(Score))
    for doc, file_result in zip(
        labels.docs, _lint_all(linter, [labels.root / d.file for d in labels.docs]), strict=True
    ):
        if file_result.status != "ok":
            result.unreadable.append(doc.file)
            continue
        scored = [f for f in file_result.findings if CONFIDENCE_ORDER[_confidence(f)] >= floor]
        result.crashes += sum(f.code == "SL000" for f in file_result.findings)
        content = [f for f in scored if _scored_code(f.code)]
        fired = {f.code for f in content}
        result.found_by_file[doc.file] = sorted(fired)
        for name, codes in groups.items():
            expected, found = name in doc.expected, bool(fired & set(codes))
            for s in (result.rules[name], result.by_template[doc.template], result.by_style[doc.style]):
                s.add(expected, found, doc.file)
        if doc.clean:
            result.clean_total += 1
            loud = [f for f in content if f.severity in (Severity.WARNING, Severity.ERROR)]
            result.errors_on_clean += sum(f.severity is Severity.ERROR for f in content)
            if loud:
                result.clean_failed.append(doc.file)
            else:
                result.clean_passed += 1
    return result


def to_json(labels: Labels, result: Result, details: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "set": str(labels.root.relative_to(ROOT)) if labels.root.is_relative_to(ROOT) else str(labels.root),
        "blind": labels.blind,
        "records": len(labels.docs),
        "unreadable": len(result.unreadable),
        "crashes": result.crashes,
        "clean_records": result.clean_total,
        "clean_passed": result.clean_passed,
        "errors_per_clean_record": round(result.errors_on_clean / result.clean_total, 3) if result.clean_total else 0.0,
        "overall": result.overall().figures(),
        "rules": {g: s.figures() for g, s in sorted(result.rules.items())},
        "by_template": {t: s.figures() for t, s in sorted(result.by_template.items())},
        "by_style": {t: s.figures() for t, s in sorted(result.by_style.items())},
    }
    if details:
        out["files"] = {
            "unreadable": result.unreadable,
            "clean_failed": result.clean_failed,
            "false_positives": {g: s.fp_files for g, s in sorted(result.rules.items()) if s.fp_files},
            "missed": {g: s.fn_files for g, s in sorted(result.rules.items()) if s.fn_files},
        }
    return out


def floors_of(figures: dict[str, Any]) -> dict[str, Any]:
    """The floors to keep for one set: what it reaches now."""
    return {
        "clean_passed": figures["clean_passed"],
        "precision": figures["overall"]["precision"],
        "recall": figures["overall"]["recall"],
        "rules": {g: {"precision": r["precision"], "recall": r["recall"]} for g, r in figures["rules"].items()},
    }


def floor_failures(figures: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    """Aggregate figures that fell below their floors (never file names)."""
    out = []
    if figures["clean_passed"] < floors["clean_passed"]:
        out.append(f"clean records passed {figures['clean_passed']} < {floors['clean_passed']}")
    for key in ("precision", "recall"):
        if figures["overall"][key] + EPSILON < floors[key]:
            out.append(f"{key} {figures['overall'][key]} < {floors[key]}")
    for group, floor in floors["rules"].items():
        got = figures["rules"].get(group)
        if got is None:
            out.append(f"{group}: no longer scored")
            continue
        for key in ("precision", "recall"):
            if got[key] + EPSILON < floor[key]:
                out.append(f"{group} {key} {got[key]} < {floor[key]}")
    return out


def write_floors() -> None:
    data = {}
    for name in FLOOR_SETS:
        labels = Labels.load(ROOT / name)
        data[name] = floors_of(to_json(labels, measure(labels), details=False))
    FLOORS.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {FLOORS.relative_to(ROOT)}")


def _table(title: str, rows: dict[str, Score]) -> list[str]:
    lines = [f"{title:<13} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>7}"]
    for name, s in sorted(rows.items()):
        if s.tp + s.fp + s.fn:
            lines.append(f"{name:<13} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>10.3f} {s.recall:>7.3f}")
    return lines


def to_text(labels: Labels, result: Result, details: bool) -> str:
    data = to_json(labels, result, details)
    o = result.overall()
    lines = [
        f"{data['set']}: {data['records']} records ({'BLIND: aggregate figures only' if labels.blind and not details else 'development'})",
        f"clean records passed: {result.clean_passed}/{result.clean_total}   "
        f"errors per clean record: {data['errors_per_clean_record']}   "
        f"unreadable: {len(result.unreadable)}   crashes (SL000): {result.crashes}",
        f"all rules: precision {o.precision:.3f}  recall {o.recall:.3f}  (TP {o.tp}, FP {o.fp}, FN {o.fn})",
        "",
        *_table("rule", result.rules),
        "",
        *_table("template", result.by_template),
        "",
        *_table("style", result.by_style),
    ]
    if details:
        lines.append("")
        for g, s in sorted(result.rules.items()):
            lines += [f"  {g} false positive: {f}" for f in s.fp_files]
            lines += [f"  {g} missed:         {f}" for f in s.fn_files]
        lines += [f"  clean record failed: {f} -> {result.found_by_file.get(f)}" for f in result.clean_failed]
        lines += [f"  unreadable: {f}" for f in result.unreadable]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set", nargs="?", default=str(CORPUS), help="folder holding labels.json (or the file)")
    parser.add_argument("--json", action="store_true", help="print JSON (for CI)")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list the files behind each miss (development sets)"
    )
    parser.add_argument(
        "--details-blind",
        action="store_true",
        help="allow per-file details on a blind set (only after a change is finished; see docs/accuracy.md)",
    )
    parser.add_argument("--min-confidence", choices=list(CONFIDENCE_ORDER), default="high")
    parser.add_argument(
        "--write-floors",
        action="store_true",
        help=f"record today's figures of every set as the floors tests/test_corpus.py keeps ({FLOORS.name})",
    )
    args = parser.parse_args(argv)
    if args.write_floors:
        write_floors()
        return 0
    labels = Labels.load(Path(args.set))
    if labels.blind and args.verbose and not args.details_blind:
        print(
            "This is a blind set: per-file details are withheld (add --details-blind to see them; "
            "see docs/accuracy.md for when that is allowed).",
            file=sys.stderr,
        )
    details = args.verbose and (not labels.blind or args.details_blind)
    result = measure(labels, args.min_confidence)
    if args.json:
        print(json.dumps(to_json(labels, result, details), indent=1))
    else:
        print(to_text(labels, result, details))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
