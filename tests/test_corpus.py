"""Every rule reaches >= 0.95 precision and recall on the labelled corpus."""

from __future__ import annotations

import pytest

from score_corpus import CORPUS, score

TARGET = 0.95


@pytest.fixture(scope="module")
def scores():
    if not (CORPUS / "labels.json").is_file():
        pytest.fail("fixtures/corpus/labels.json is missing: run python fixtures/build.py")
    return score()[0]


def test_corpus_has_every_builtin_rule_at_least_four_times(scores):
    from strategy_lint.engine import Linter

    builtin = [c for c, reg in Linter().plugins.rules.items() if reg.plugin.startswith("SL")]
    assert builtin, "no built-in rules loaded"
    for code in builtin:
        s = scores[code]
        assert s.tp + s.fn >= 4, f"{code} is expected in only {s.tp + s.fn} corpus records"


def test_precision_and_recall_per_rule(scores):
    low = {
        code: (round(s.precision, 3), round(s.recall, 3), s.fp_files, s.fn_files)
        for code, s in scores.items()
        if s.precision < TARGET or s.recall < TARGET
    }
    assert not low, f"rules below {TARGET}: {low}"
