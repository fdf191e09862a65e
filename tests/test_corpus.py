"""Accuracy floors on every labelled set: a change that makes the rules worse fails CI.

The floors in ``tests/data/accuracy-floors.json`` are figures the rules have actually
reached (never a target they have not met), per set: clean records passed, precision and
recall over all rules, and per rule.  They are raised with
``python tests/score_corpus.py --write-floors`` after a change that improves them, and
never lowered without saying why in docs/accuracy.md.

The blind split is scored here too, but a failure reports only aggregate figures: its
per-file results are not for the people tuning the rules (docs/accuracy.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from score_corpus import FLOORS, ROOT, Labels, floor_failures, measure, to_json

SETS = sorted(json.loads(FLOORS.read_text(encoding="utf-8")))


@pytest.fixture(scope="module", params=SETS)
def measured(request):
    labels = Labels.load(ROOT / request.param)
    return request.param, labels, to_json(labels, measure(labels), details=False)


def test_no_record_is_unreadable_or_crashes_a_check(measured):
    name, _labels, figures = measured
    assert figures["unreadable"] == 0, f"{name}: {figures['unreadable']} records could not be read"
    assert figures["crashes"] == 0, f"{name}: {figures['crashes']} checks crashed (SL000)"


def test_figures_stay_at_or_above_their_floors(measured):
    name, labels, figures = measured
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))[name]
    failures = floor_failures(figures, floors)
    # aggregate figures only: no file names, so the blind split stays blind
    assert not failures, f"{name} fell below its floors: {failures}"


def test_the_blind_split_is_marked_blind():
    blind = [s for s in SETS if "blind" in s]
    assert blind, "no blind set is scored"
    for name in blind:
        assert Labels.load(ROOT / name).blind


def test_floors_file_names_only_existing_sets():
    for name in SETS:
        assert (Path(ROOT) / name / "labels.json").is_file(), name
