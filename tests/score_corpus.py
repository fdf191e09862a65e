"""Score every rule on the labelled corpus: precision and recall per rule code.

Run:  .venv/bin/python tests/score_corpus.py          (prints the table)
The test suite (tests/test_corpus.py) asserts the same figures reach the targets.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fp_files: list[str] | None = None
    fn_files: list[str] | None = None

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score(labels_path: Path = CORPUS / "labels.json") -> tuple[dict[str, Score], dict[str, list[str]]]:
    """Lint every labelled file once; compare the set of codes found with the labels."""
    from strategy_lint.engine import Linter

    labels: dict[str, list[str]] = json.loads(labels_path.read_text(encoding="utf-8"))
    linter = Linter()
    codes = {c for cs in labels.values() for c in cs} | set(linter.plugins.rules)
    scores: dict[str, Score] = {c: Score(fp_files=[], fn_files=[]) for c in codes}
    found_by_file: dict[str, list[str]] = {}
    for name, expected in sorted(labels.items()):
        result = linter.lint_file(labels_path.parent / name)
        if result.status != "ok":
            raise RuntimeError(f"{name}: {result.error.code}: {result.error.message}")
        found = {f.code for f in result.findings}
        found_by_file[name] = sorted(found)
        for code in codes:
            exp, got = code in expected, code in found
            s = scores[code]
            if exp and got:
                s.tp += 1
            elif got:
                s.fp += 1
                s.fp_files.append(name)
            elif exp:
                s.fn += 1
                s.fn_files.append(name)
    return scores, found_by_file


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    scores, _ = score()
    print(f"{'rule':<7} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>7}")
    for code, s in sorted(scores.items()):
        print(f"{code:<7} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>10.3f} {s.recall:>7.3f}")
        if verbose:
            for f in s.fp_files or []:
                print(f"    false positive: {f}")
            for f in s.fn_files or []:
                print(f"    missed:         {f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
