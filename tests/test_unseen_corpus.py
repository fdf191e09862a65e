"""fixtures/unseen: the records rebuild byte for byte, say what their sources say, and are labelled.

The corpus tests skip while fixtures/unseen has no record sources; once a split has sources they
must find records, labels and a labels.json (no vacuous pass).  The renderer tests at the end run
on small invented sources in tmp_path, so the renderer is covered before the corpus exists.

Blind split: failures name dev records but only count blind ones, so no blind file is pointed at.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNSEEN = ROOT / "fixtures" / "unseen"
SPLITS = ("dev", "blind")
LIBREOFFICE = ("lo-docx", "lo-pdf")
EXT = {
    "docx": ".docx",
    "word": ".docx",
    "lo-docx": ".docx",
    "pdf": ".pdf",
    "pdf-2col": ".pdf",
    "lo-pdf": ".pdf",
}


def _load_build():
    spec = importlib.util.spec_from_file_location("unseen_build", UNSEEN / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("unseen_build", module)
    spec.loader.exec_module(module)
    return module


build = _load_build()


def _sources(split: str) -> list[Path]:
    return sorted((UNSEEN / split / "sources").glob("*.md"))


SOURCES = {split: _sources(split) for split in SPLITS}
HAS_SOURCES = any(SOURCES.values())
needs_sources = pytest.mark.skipif(
    not HAS_SOURCES,
    reason="fixtures/unseen has no record sources yet (writers add <split>/sources/<id>.md)",
)


# -- an independent reading of a source's words (no use of the renderer's parser) ---------------

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_WORD = re.compile(r"[^\W_]+")


def _front(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT.match(text)
    assert match, "source without front matter"
    meta = {}
    for line in match.group(1).splitlines():
        if ":" in line and not line.lstrip().startswith("#"):
            key, value = line.split(":", 1)
            meta[key.strip()] = re.sub(r"(\s{2,}|\t)#.*$", "", value).strip()
    return meta, text[match.end() :]


def _source_words(text: str) -> tuple[Counter, Counter, dict[str, str]]:
    """(body words, header+footer words without page numbers, meta) as the record should show them."""
    meta, body = _front(text.replace("\r\n", "\n"))
    word = meta.get("path") == "word"
    body = re.sub(r"\{\{comment:([^|}]*)\|[^}]*\}\}", r"\1", body)
    if not word:  # deletions and hidden text exist only in Word records
        body = re.sub(r"\{\{(?:del|hidden):[^}]*\}\}", "", body)
    body = re.sub(
        r"\{\{formcheck:[^}]*\}\}|\{\{span\s*=\s*\d+\}\}|\{\{\s*table[: ]\s*\d+\s*\}\}|\{\{/?block\}\}",
        " ",
        body,
    )
    body = re.sub(r"\{\{(?:cc|ins|del|hidden|formtext|textbox):", "", body).replace("}}", "")
    body = re.sub(r"(?m)^[ \t]*\d{1,3}\.[ \t]+", " ", body)  # list numbers: Word numbers lists itself
    body = re.sub(r"<br\s*/?>", " ", body, flags=re.IGNORECASE)
    body = re.sub(r"(?<!\\)\[[xX ]\]", " ", body)  # check boxes are glyphs, not words
    furniture = " ".join(meta.get(k, "") for k in ("header", "footer")).replace("{PAGES}", " ").replace("{PAGE}", " ")
    return Counter(_WORD.findall(body)), Counter(_WORD.findall(furniture)), meta


def _docx_words(path: Path) -> Counter:
    """Words of document.xml, headers and footers: w:t and w:delText, the text box once, no prompts."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fallback = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    words: Counter = Counter()
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
        for name in names:
            root = etree.fromstring(zf.read(name))
            skip: set = set()
            for el in root.iter(fallback):
                skip.update(el.iter())
            for r in root.iter(f"{w}r"):
                style = r.find(f"{w}rPr/{w}rStyle")
                if style is not None and style.get(f"{w}val") == "PlaceholderText":
                    skip.update(r.iter())
            pieces: list[str] = []
            for el in root.iter():
                if el in skip:
                    continue
                if el.tag == f"{w}p":
                    pieces.append("\n")
                elif el.tag in (f"{w}t", f"{w}delText"):
                    pieces.append(el.text or "")
                elif el.tag in (f"{w}tab", f"{w}br"):
                    pieces.append(" ")
            words.update(_WORD.findall("".join(pieces)))
    return words


def _pdf_words(path: Path) -> tuple[Counter, int]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        words: Counter = Counter()
        for page in pdf:
            words.update(_WORD.findall(page.get_textpage().get_text_range()))
        return words, len(pdf)
    finally:
        pdf.close()


def faithfulness_problem(source: Path, record: Path) -> str | None:
    """None when the record shows every word of the source and adds none (page and list numbers aside)."""
    body, furniture, _meta = _source_words(source.read_text(encoding="utf-8"))
    if record.suffix == ".pdf":
        found, pages = _pdf_words(record)
        expected = body + Counter({k: v * pages for k, v in furniture.items()})
    else:
        found = _docx_words(record)
        expected = body + furniture
    missing = expected - found
    extra = Counter({k: v for k, v in (found - expected).items() if not k.isdigit()})
    if not missing and not extra:
        return None
    return f"missing {dict(missing)} extra {dict(extra)}"


def _report(split: str, names: list[str], what: str) -> str:
    if split == "blind":
        return f"{len(names)} blind record(s) {what} (blind split: names withheld; rebuild and check locally)"
    return f"{len(names)} dev record(s) {what}: {', '.join(names)}"


# -- the corpus ------------------------------------------------------------------------------


def test_concepts_json_matches_concepts_md() -> None:
    table = {}
    for line in (UNSEEN / "CONCEPTS.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| `([a-z_.]+)` \| ([A-Z0-9, ]+) \| (.*) \|$", line)
        if match:
            table[match.group(1)] = (
                [c.strip() for c in match.group(2).split(",")],
                match.group(3).strip(),
            )
    concepts = build.load_concepts()
    assert len(table) == 17
    assert {k: (v["codes"], v["meaning"]) for k, v in concepts.items()} == table


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("unseen")
    try:
        report = build.build(UNSEEN, out)
    except build.BuildError as exc:
        lines = str(exc).splitlines()
        blind = [line for line in lines if "blind/" in line]
        shown = [line for line in lines if "blind/" not in line]
        if blind:
            shown.append(
                f"... and {len(blind)} problem(s) in the blind split (run fixtures/unseen/build.py to see them)"
            )
        pytest.fail("fixtures/unseen/build.py fails:\n" + "\n".join(shown), pytrace=False)
    return out, report


@needs_sources
def test_fresh_build_reproduces_committed_records_byte_for_byte(fresh) -> None:
    out, _ = fresh
    compared = 0
    for split in SPLITS:
        differing = []
        for source in SOURCES[split]:
            meta, _ = _front(source.read_text(encoding="utf-8"))
            if meta["path"] in LIBREOFFICE:
                continue
            name = f"{source.stem}{EXT[meta['path']]}"
            committed = UNSEEN / split / "records" / name
            made = out / split / "records" / name
            assert made.is_file(), (
                f"build.py did not make {split}/records/{name}" if split == "dev" else "a blind record was not made"
            )
            compared += 1
            if not committed.is_file() or committed.read_bytes() != made.read_bytes():
                differing.append(name)
        assert not differing, _report(
            split,
            differing,
            "differ from a fresh build: run fixtures/unseen/build.py and commit",
        )
    deterministic = [
        s
        for split in SPLITS
        for s in SOURCES[split]
        if _front(s.read_text(encoding="utf-8"))[0]["path"] not in LIBREOFFICE
    ]
    assert compared == len(deterministic)
    if deterministic:
        assert compared > 0


@needs_sources
def test_every_source_has_a_committed_record_and_no_record_lacks_a_source() -> None:
    total = 0
    for split in SPLITS:
        expected = set()
        missing = []
        for source in SOURCES[split]:
            meta, _ = _front(source.read_text(encoding="utf-8"))
            name = f"{source.stem}{EXT[meta['path']]}"
            expected.add(name)
            total += 1
            if not (UNSEEN / split / "records" / name).is_file():
                missing.append(f"{name} ({meta['path']})")
        assert not missing, _report(
            split,
            missing,
            "are not committed (lo-docx / lo-pdf: run build.py --with-libreoffice)",
        )
        records = UNSEEN / split / "records"
        stray = (
            sorted(p.name for p in records.glob("*") if p.is_file() and p.name not in expected)
            if records.exists()
            else []
        )
        assert not stray, _report(split, stray, "have no source")
    assert total > 0


@needs_sources
def test_every_source_has_a_label_entry_and_labels_json_is_a_fresh_merge(fresh) -> None:
    out, _ = fresh  # build() raised BuildError if any source lacked a label entry or vice versa
    concepts = build.load_concepts()
    checked = 0
    for split in SPLITS:
        if not SOURCES[split]:
            continue
        data = build.load_split(UNSEEN, split, concepts)
        assert not data.errors
        assert set(data.labels) == {p.stem for p in SOURCES[split]}
        committed = UNSEEN / split / "labels.json"
        assert committed.is_file(), f"{split}/labels.json is not committed: run fixtures/unseen/build.py"
        fresh_text = (out / split / "labels.json").read_text(encoding="utf-8")
        assert committed.read_text(encoding="utf-8") == fresh_text, (
            f"{split}/labels.json is stale: run fixtures/unseen/build.py"
        )
        merged = json.loads(fresh_text)
        assert merged["split"] == split and merged["blind"] is (split == "blind")
        assert len(merged["documents"]) == len(SOURCES[split]) > 0
        checked += 1
    assert checked > 0, "no split with sources was checked"


@needs_sources
def test_records_say_what_their_sources_say() -> None:
    checked = 0
    for split in SPLITS:
        wrong = []
        for source in SOURCES[split]:
            meta, _ = _front(source.read_text(encoding="utf-8"))
            record = UNSEEN / split / "records" / f"{source.stem}{EXT[meta['path']]}"
            if not record.is_file():
                continue  # reported by the test above
            checked += 1
            problem = faithfulness_problem(source, record)
            if problem:
                wrong.append(f"{record.name}: {problem}" if split == "dev" else record.name)
        assert not wrong, _report(split, wrong, "do not show exactly their source's words")
    assert checked > 0, "no committed record to compare with its source: run fixtures/unseen/build.py"


# -- the renderer on invented sources (runs with or without a corpus) ----------------------------

SAMPLE = """---
id: {id}
template: T00
style: form
path: {path}
header: OFFICIAL-SENSITIVE  # comment
footer: Page {{PAGE}} of {{PAGES}}
---
# Strategy Discussion Record

| **Child** | {{{{cc:Ava Marsh}}}} |
| **Date of strategy discussion** | 14/03/2025 |
| **Requested by** | {{{{formtext:Jo Bell, Team Manager}}}} |
| {{{{span=2}}}}**Attendees** |
| **Present** | {{{{table:1}}}} |
| **Section 47** | [x] Yes [ ] No {{{{formcheck:x}}}} Police told |

{{{{table 1}}}}
| Name | Role | Agency |
|---|---|---|
| Jo Bell | Team Manager<br>Chair | Northvale CSC |

## Child's voice

{{{{block}}}}
Views: {{{{cc:}}}}
Ava said _"I like nursery"_ and Zofia Wiśniewska's → note.
{{{{/block}}}}
{{{{textbox:Third-party information: do **not** share.}}}}
School: bruise seen.{{{{ins: No photographs.}}}} {{{{del:Old text.}}}} {{{{comment:Health visitor|Check this.}}}} {{{{hidden:Draft.}}}}

1. SW to visit by 17/03/2025.
   - with police
2. SW to email the outcome to all by 17/03.
"""


def _sample_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    sources = root / "dev" / "sources"
    sources.mkdir(parents=True)
    (root / "dev" / "labels").mkdir()
    docs = []
    for path in ("docx", "word", "pdf", "pdf-2col"):
        doc_id = f"sample-{path}"
        (sources / f"{doc_id}.md").write_text(SAMPLE.format(id=doc_id, path=path), encoding="utf-8")
        labels = ["hygiene.comments"] if path == "word" else []
        docs.append(
            {
                "id": doc_id,
                "labels": labels,
                "notes": {c: "comment on the health visitor" for c in labels},
            }
        )
    (root / "dev" / "labels" / "W0.json").write_text(json.dumps({"writer": "W0", "documents": docs}), encoding="utf-8")
    return root


def test_renderer_is_deterministic_and_faithful(tmp_path: Path) -> None:
    root = _sample_root(tmp_path)
    build.build(root, tmp_path / "a", ("dev",))
    build.build(root, tmp_path / "b", ("dev",))
    records = sorted((tmp_path / "a" / "dev" / "records").iterdir())
    assert [p.name for p in records] == [
        "sample-docx.docx",
        "sample-pdf-2col.pdf",
        "sample-pdf.pdf",
        "sample-word.docx",
    ]
    for record in records:
        assert record.read_bytes() == (tmp_path / "b" / "dev" / "records" / record.name).read_bytes()
        source = root / "dev" / "sources" / f"{record.stem}.md"
        assert faithfulness_problem(source, record) is None, record.name
    labels = json.loads((tmp_path / "a" / "dev" / "labels.json").read_text(encoding="utf-8"))
    assert [d["file"] for d in labels["documents"]] == [
        f"records/{p.name}" for p in sorted(records, key=lambda p: p.stem)
    ]
    assert labels["concept_codes"]["hygiene.comments"] == ["SL902"]


def test_word_path_writes_real_word_features(tmp_path: Path) -> None:
    root = _sample_root(tmp_path)
    build.build(root, tmp_path / "out", ("dev",))
    with zipfile.ZipFile(tmp_path / "out" / "dev" / "records" / "sample-word.docx") as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
        comments = zf.read("word/comments.xml").decode("utf-8")
        core = zf.read("docProps/core.xml").decode("utf-8")
        footer = "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("word/footer"))
        dates = {info.date_time for info in zf.infolist()}
    for needle in (
        "<w14:checkbox>",
        'w14:checkedState w14:val="2612"',
        'w14:uncheckedState w14:val="2610"',
        "MS Gothic",
        '<w:alias w:val="Child"/>',
        "<w:text/>",
        "<w:showingPlcHdr/>",
        "Click or tap here to enter text.",
        "<w:textInput/>",
        " FORMTEXT ",
        " FORMCHECKBOX ",
        '<w:default w:val="1"/>',
        "<wps:txbx>",
        "<v:textbox",
        "<w:txbxContent>",
        'w:author="A. Reviewer"',
        "<w:delText",
        "<w:vanish/>",
        "commentRangeStart",
        "<w:gridSpan",
    ):
        assert needle in xml, needle
    assert xml.count("<w:sdtContent>") == 5  # 2 check boxes, 2 text controls, 1 block
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert "Check this." in comments and 'w:date="2025-01-01T09:00:00Z"' in comments
    assert "2025-01-01T09:00:00Z" in core and "Children's Social Care" in core
    assert dates == {(2025, 1, 1, 9, 0, 0)}
    with zipfile.ZipFile(tmp_path / "out" / "dev" / "records" / "sample-docx.docx") as zf:
        plain = zf.read("word/document.xml").decode("utf-8")
    assert "<w:sdt>" not in plain and "<w:ins " not in plain and "Old text." not in plain and "\u2612" in plain


def test_pdf_text_layer_has_the_ballot_boxes_and_every_page_has_header_and_footer(
    tmp_path: Path,
) -> None:
    import pdfplumber

    root = _sample_root(tmp_path)
    build.build(root, tmp_path / "out", ("dev",))
    with pdfplumber.open(tmp_path / "out" / "dev" / "records" / "sample-pdf.pdf") as pdf:
        text = pdf.pages[0].extract_text()
        assert pdf.metadata["CreationDate"].startswith("D:20250101090000")
    lines = text.splitlines()
    assert lines[0] == "OFFICIAL-SENSITIVE" and lines[-1] == "Page 1 of 1"
    assert "\u2612 Yes \u2610 No \u2612 Police told" in text
    assert "Wiśniewska" in text and "Old text" not in text and "Draft" not in text


def test_bad_sources_and_labels_fail_with_clear_messages(tmp_path: Path) -> None:
    root = _sample_root(tmp_path)
    (root / "dev" / "sources" / "sample-pdf.md").write_text(
        SAMPLE.format(id="sample-pdf", path="pdf").replace("style: form", "style: fancy"),
        encoding="utf-8",
    )
    labels = json.loads((root / "dev" / "labels" / "W0.json").read_text(encoding="utf-8"))
    labels["documents"][0]["labels"] = ["hygiene.comments", "no.such"]
    labels["documents"][0]["notes"] = {}
    labels["documents"].append({"id": "ghost", "labels": []})
    (root / "dev" / "labels" / "W0.json").write_text(json.dumps(labels), encoding="utf-8")
    with pytest.raises(build.BuildError) as caught:
        build.build(root, tmp_path / "out", ("dev",))
    message = str(caught.value)
    for needle in (
        "dev/sources/sample-pdf.md: unknown style 'fancy'",
        "unknown concept 'no.such'",
        "label 'hygiene.comments' has no reason",
        "label entry 'ghost' has no source",
    ):
        assert needle in message, needle
    (root / "dev" / "sources" / "sample-pdf.md").write_text(
        SAMPLE.format(id="sample-pdf", path="pdf") + "| a | {{table:9}} |\n",
        encoding="utf-8",
    )
    labels["documents"] = labels["documents"][1:-1] + [
        {
            "id": "sample-docx",
            "labels": ["hygiene.comments"],
            "notes": {"hygiene.comments": "x"},
        }
    ]
    (root / "dev" / "labels" / "W0.json").write_text(json.dumps(labels), encoding="utf-8")
    with pytest.raises(build.BuildError) as caught:
        build.build(root, tmp_path / "out", ("dev",))
    message = str(caught.value)
    assert "{{table:9}} has no '{{table 9}}' definition" in message
    assert "hygiene.comments on path 'docx'" in message
