"""Fuzzing: broken, hostile and strange .docx and PDF files never crash or hang a run.

Hypothesis draws a *recipe* (truncate, flip bytes in the zip or inside an XML part, remove
or duplicate a part, a huge attribute, deep nesting, an entity bomb; for PDFs truncation,
flips, cut or repeated ranges, absurd numbers, deep arrays) and applies it to a small valid
record built with the fixture builders.  A failing example prints its recipe, so it can be
replayed by hand.

The default run is small and derandomized (same examples every time, well under a minute).
A longer, random campaign: ``STRATEGY_LINT_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py``
(see docs/security.md).
"""

from __future__ import annotations

import io
import os
import re
import time
import warnings
import zipfile
from pathlib import Path

import pytest
from helpers import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategy_lint.config import parse_config
from strategy_lint.engine import Linter
from strategy_lint.testing.builders import build

LONG = int(os.environ.get("STRATEGY_LINT_FUZZ_EXAMPLES", "0"))
FILE_TIMEOUT = 20.0  # a mutant that takes longer than this is reported as a hang


def examples(default: int) -> settings:
    return settings(
        max_examples=LONG or default,
        deadline=None,
        derandomize=not LONG,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    )


RECORD = """\
# Strategy Discussion Record

## Meeting details
Date of strategy discussion: 14/03/2016
Chair: Hannah Reed, Team Manager, Children's Social Care

## Attendees
| Name | Role | Agency |
|---|---|---|
| Hannah Reed | Team Manager | Children's Social Care |
| DS Mark Fenwick | Detective Sergeant | Westvale Police |

## Child's voice and lived experience
Ava is 4 months old; Sarah Okafor saw her at home and she smiled and fed well.

## Actions
| Action | Who | By when |
|---|---|---|
| Child protection medical | Dr Rachel Lim | 14/03/2016 |
| Update all agencies | Hannah Reed (CSC) | 21/03/2016 |
"""


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("seeds")
    return {
        "docx": build(RECORD, "narrative", out / "seed.docx").read_bytes(),
        "pdf": build(RECORD, "pdf", out / "seed.pdf").read_bytes(),
    }


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(config=parse_config({"file-timeout": FILE_TIMEOUT}, None))


# -- .docx recipes ---------------------------------------------------------------------------

XML_PARTS = [
    "word/document.xml",
    "word/styles.xml",
    "[Content_Types].xml",
    "_rels/.rels",
    "word/_rels/document.xml.rels",
    "docProps/core.xml",
    "word/numbering.xml",
    "word/settings.xml",
]

#: well-formed but absurd attribute values: where a reader trusts the file, it breaks here
ODD_VALUES = [b"", b"-1", b"0", b"999999999", b"2147483648", b"NaN", b"1e308", b"abc", b"9" * 400, b"&#0;", b"\xc3\xa9"]
_ATTR = re.compile(rb'(w:(?:val|gridSpan|ilvl|numId|outlineLvl|w|pos|vMerge|type|id|abstractNumId|start))="[^"]*"')

flips = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8)

docx_recipes = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("flip-zip"), flips),
    st.tuples(st.just("flip-xml"), st.sampled_from(XML_PARTS), flips),
    st.tuples(st.just("remove"), st.sampled_from(XML_PARTS)),
    st.tuples(st.just("duplicate"), st.sampled_from(XML_PARTS)),
    st.tuples(st.just("huge-attribute"), st.integers(10_000, 3_000_000)),
    st.tuples(st.just("deep-nesting"), st.sampled_from(["sdt", "tbl", "r"]), st.integers(50, 3000)),
    st.tuples(st.just("entity-bomb"), st.sampled_from(XML_PARTS[:2])),
    st.tuples(st.just("cut-xml"), st.sampled_from(XML_PARTS), st.floats(0, 1)),
    st.tuples(
        st.just("odd-values"),
        st.sampled_from(XML_PARTS[:2] + ["word/numbering.xml"]),
        st.lists(st.tuples(st.integers(0, 400), st.sampled_from(ODD_VALUES)), min_size=1, max_size=20),
    ),
)


def _flip(data: bytes, edits, skip: int = 0) -> bytes:
    """Set bytes at fractional positions (after ``skip`` bytes: keep a header recognisable)."""
    buf = bytearray(data)
    span = len(buf) - skip
    for where, value in edits:
        if span > 0:
            buf[skip + min(int(where * span), span - 1)] = value
    return bytes(buf)


def _rezip(seed: bytes, change) -> bytes:
    """Rewrite the package, letting ``change(name, data)`` return new (name, data) pairs."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(seed)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            for name, data in change(info.filename, src.read(info.filename)):
                with warnings.catch_warnings():  # zipfile warns on duplicate names: we want them
                    warnings.simplefilter("ignore")
                    dst.writestr(name, data)
    return out.getvalue()


def _nest(kind: str, depth: int) -> bytes:
    opens = {"sdt": "<w:sdt><w:sdtContent>", "tbl": "<w:tbl><w:tr><w:tc>", "r": "<w:ins>"}[kind]
    closes = {"sdt": "</w:sdtContent></w:sdt>", "tbl": "<w:p/></w:tc></w:tr></w:tbl>", "r": "</w:ins>"}[kind]
    inner = "<w:p><w:r><w:t>deep</w:t></w:r></w:p>" if kind != "r" else "<w:r><w:t>deep</w:t></w:r>"
    body = opens * depth + inner + closes * depth
    if kind == "r":
        body = f"<w:p>{body}</w:p>"
    return body.encode()


def mutate_docx(seed: bytes, recipe) -> bytes:
    kind = recipe[0]
    if kind == "truncate":
        return seed[: int(recipe[1] * len(seed))]
    if kind == "flip-zip":
        return _flip(seed, recipe[1], skip=4)
    if kind == "flip-xml":
        part, edits = recipe[1], recipe[2]
        return _rezip(seed, lambda n, d: [(n, _flip(d, edits) if n == part else d)])
    if kind == "cut-xml":
        part, frac = recipe[1], recipe[2]
        return _rezip(seed, lambda n, d: [(n, d[: int(frac * len(d))] if n == part else d)])
    if kind == "odd-values":
        part, edits = recipe[1], dict(recipe[2])

        def change(n, d):
            if n != part:
                return [(n, d)]
            counter = iter(range(1_000_000))
            return [
                (n, _ATTR.sub(lambda m: m[1] + b'="' + edits[i] + b'"' if (i := next(counter)) in edits else m[0], d))
            ]

        return _rezip(seed, change)
    if kind == "remove":
        return _rezip(seed, lambda n, d: [] if n == recipe[1] else [(n, d)])
    if kind == "duplicate":
        return _rezip(seed, lambda n, d: [(n, d), (n, d)] if n == recipe[1] else [(n, d)])
    if kind == "huge-attribute":
        huge = b"A" * recipe[1]

        def change(n, d):
            if n == "word/document.xml":
                d = d.replace(b"<w:p>", b'<w:p w:rsidR="' + huge + b'">', 1)
                d = d.replace(b'<w:pStyle w:val="', b'<w:pStyle w:val="' + huge, 1)
            return [(n, d)]

        return _rezip(seed, change)
    if kind == "deep-nesting":
        nested = _nest(recipe[1], recipe[2])
        return _rezip(
            seed, lambda n, d: [(n, d.replace(b"<w:body>", b"<w:body>" + nested, 1) if n == "word/document.xml" else d)]
        )
    if kind == "entity-bomb":
        bomb = (
            b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
            + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8))
            + b"]>"
        )

        def change(n, d):
            if n == recipe[1]:
                d = re.sub(rb"^<\?xml[^>]*\?>", b"", d.lstrip())
                d = bomb + d.replace(b"<w:t>", b"<w:t>&i;", 1)
            return [(n, d)]

        return _rezip(seed, change)
    raise AssertionError(recipe)


# -- PDF recipes -----------------------------------------------------------------------------

pdf_recipes = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("flip"), flips),
    st.tuples(st.just("cut-range"), st.floats(0, 1), st.integers(1, 4000)),
    st.tuples(st.just("repeat-range"), st.floats(0, 1), st.integers(1, 4000), st.integers(2, 50)),
    st.tuples(
        st.just("absurd-number"),
        st.sampled_from([b"/Count", b"/Length", b"/Size", b"/W", b"/Font"]),
        st.sampled_from([b"999999999999", b"-1", b"0", b"1e308", b"2147483648"]),
    ),
    st.tuples(st.just("deep-array"), st.integers(50, 20000)),
)


def mutate_pdf(seed: bytes, recipe) -> bytes:
    kind = recipe[0]
    n = len(seed)
    if kind == "truncate":
        return seed[: int(recipe[1] * n)]
    if kind == "flip":
        return _flip(seed, recipe[1], skip=16)
    if kind == "cut-range":
        at = int(recipe[1] * n)
        return seed[:at] + seed[at + recipe[2] :]
    if kind == "repeat-range":
        at = int(recipe[1] * n)
        return seed[:at] + seed[at : at + recipe[2]] * recipe[3] + seed[at:]
    if kind == "absurd-number":
        return re.sub(re.escape(recipe[1]) + rb"\s+[-\d.]+", recipe[1] + b" " + recipe[2], seed, count=3)
    if kind == "deep-array":
        deep = b"[" * recipe[1] + b"]" * recipe[1]
        return seed.replace(b"/Type /Page", b"/Deep " + deep + b" /Type /Page", 1)
    raise AssertionError(recipe)


# -- the properties ---------------------------------------------------------------------------


def check_mutant(linter: Linter, path: Path, data: bytes, recipe) -> None:
    path.write_bytes(data)
    start = time.monotonic()
    result = linter.lint_file(path)  # must not raise
    elapsed = time.monotonic() - start
    assert result.status in {"ok", "error"}, recipe
    if result.status == "error":
        assert result.error is not None and result.error.code != "internal-error", (recipe, result.error.message)
        assert result.error.code != "timeout", f"hang: {recipe}"
        assert "\n" not in result.error.message and result.error.message.strip(), recipe
    else:
        crashed = [f.message for f in result.findings if f.code == "SL000"]
        assert not crashed, (recipe, crashed)
    assert elapsed < FILE_TIMEOUT + 5, (recipe, elapsed)


@examples(30)
@given(recipe=docx_recipes)
def test_mutated_docx_never_crashes_or_hangs(seeds, linter, tmp_path, recipe):
    check_mutant(linter, tmp_path / "mutant.docx", mutate_docx(seeds["docx"], recipe), recipe)


@examples(10)
@given(recipe=pdf_recipes)
def test_mutated_pdf_never_crashes_or_hangs(seeds, linter, tmp_path, recipe):
    check_mutant(linter, tmp_path / "mutant.pdf", mutate_pdf(seeds["pdf"], recipe), recipe)


# Fixed hostile cases: always run, whatever hypothesis picks.
FIXED_DOCX = [
    ("deep-nesting", "sdt", 3000),
    ("deep-nesting", "tbl", 300),
    ("deep-nesting", "r", 3000),
    ("entity-bomb", "word/document.xml"),
    ("huge-attribute", 3_000_000),
    ("duplicate", "word/document.xml"),
    ("remove", "word/styles.xml"),
    ("remove", "[Content_Types].xml"),
]


@pytest.mark.parametrize("recipe", FIXED_DOCX, ids=lambda r: "-".join(map(str, r)))
def test_fixed_hostile_docx(seeds, linter, tmp_path, recipe):
    check_mutant(linter, tmp_path / "mutant.docx", mutate_docx(seeds["docx"], recipe), recipe)


def test_cli_on_a_folder_of_mutants_prints_no_traceback(seeds, tmp_path):
    """A few mutants through the real command: one-line errors, exit 0/1/2."""
    folder = tmp_path / "mutants"
    folder.mkdir()
    docx_cases = [
        ("truncate", 0.5),
        ("flip-xml", "word/document.xml", [(0.3, 0)]),
        ("remove", "word/document.xml"),
        ("deep-nesting", "sdt", 3000),
        ("entity-bomb", "word/document.xml"),
    ]
    for i, recipe in enumerate(docx_cases):
        (folder / f"d{i}.docx").write_bytes(mutate_docx(seeds["docx"], recipe))
    for i, recipe in enumerate([("truncate", 0.6), ("flip", [(0.05, 0), (0.5, 255)]), ("deep-array", 20000)]):
        (folder / f"p{i}.pdf").write_bytes(mutate_pdf(seeds["pdf"], recipe))
    proc = run_cli("check", str(folder), "--format", "json")
    assert proc.returncode in (0, 1, 2)
    assert "Traceback" not in proc.stderr + proc.stdout
    import json

    files = json.loads(proc.stdout)["files"]
    assert len(files) == 8
    for f in files:
        if f["status"] == "error":
            assert "\n" not in f["error"]["message"] and f["error"]["code"] != "internal-error", f
