"""fixtures/build.py: every generated fixture is reproducible and is what it claims to be."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GENERATED = ("examples", "layouts", "corpus", "bad")
HAND_MADE = {"examples/leo-turner-narrative-libreoffice.pdf"}  # made once with LibreOffice
CODES = [
    "SL101",
    "SL102",
    "SL103",
    "SL201",
    "SL202",
    "SL203",
    "SL301",
    "SL401",
    "SL402",
    "SL403",
    "SL501",
    "SL502",
    "SL601",
    "SL701",
    "SL801",
]

pytestmark = pytest.mark.slow


def _files(root: Path) -> dict[str, Path]:
    return {
        p.relative_to(root).as_posix(): p
        for folder in GENERATED
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fixtures")
    subprocess.run(
        [sys.executable, str(FIXTURES / "build.py"), "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out


def test_build_reproduces_committed_files_byte_for_byte(built: Path) -> None:
    committed = {k: v for k, v in _files(FIXTURES).items() if k not in HAND_MADE}
    fresh = _files(built)
    assert sorted(fresh) == sorted(committed), "build.py output and committed fixtures differ in names"
    differing = [name for name, path in fresh.items() if path.read_bytes() != committed[name].read_bytes()]
    assert differing == []


def test_libreoffice_pdf_is_committed_but_not_generated(built: Path) -> None:
    assert (FIXTURES / "examples/leo-turner-narrative-libreoffice.pdf").is_file()
    assert not (built / "examples/leo-turner-narrative-libreoffice.pdf").exists()


def test_every_docx_opens_and_form_layout_nests_tables(built: Path) -> None:
    import docx

    paths = sorted((built / "examples").glob("*.docx")) + sorted((built / "corpus").glob("*.docx"))
    assert len(paths) > 40
    for path in paths:
        document = docx.Document(str(path))
        assert document.paragraphs or document.tables, path.name
        if path.name.endswith("-form.docx") and not path.name.startswith("hygiene-"):
            assert document.paragraphs[0].style.name == "Title", path.name
            assert len(document.tables) == 1, path.name
            outer = document.tables[0]
            nested = [c for row in outer.rows for c in row.cells if c.tables]
            assert nested, f"{path.name}: no nested table in the form"
            assert len(outer.columns) == 2


def test_narrative_and_pseudo_layouts(built: Path) -> None:
    import docx

    narrative = docx.Document(str(built / "examples/leo-turner-narrative.docx"))
    styles = {p.style.name for p in narrative.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3", "List Bullet"} <= styles
    pseudo_path = built / "examples/jayden-cole-pseudo.docx"
    pseudo = docx.Document(str(pseudo_path))
    assert not any(p.style.name.startswith("Heading") for p in pseudo.paragraphs)
    assert pseudo.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    body = zipfile.ZipFile(pseudo_path).read("word/document.xml").decode("utf-8")
    assert body.count("<w:sdt>") >= 10 and "<w:alias " in body
    footer = zipfile.ZipFile(pseudo_path).read("word/footer1.xml").decode("utf-8")
    assert "PAGE" in footer


def test_every_pdf_has_two_or_more_pages(built: Path) -> None:
    import pdfplumber

    paths = sorted((built / "examples").glob("*.pdf")) + sorted((built / "corpus").glob("*.pdf"))
    assert len(paths) > 20
    for path in paths:
        with pdfplumber.open(str(path)) as pdf:
            assert len(pdf.pages) >= 2, path.name
    with pdfplumber.open(str(built / "examples/mia-brennan.pdf")) as pdf:
        first, last = pdf.pages[0].extract_text(), pdf.pages[-1].extract_text()
    assert "OFFICIAL-SENSITIVE" in first and f"Page {len(pdf.pages)} of {len(pdf.pages)}" in last


def test_labels_cover_every_corpus_file_and_code(built: Path) -> None:
    labels = json.loads((built / "corpus/labels.json").read_text(encoding="utf-8"))
    files = {p.name for p in (built / "corpus").iterdir() if p.name != "labels.json"}
    assert set(labels) == files
    per_layout: dict[str, Counter] = {"form": Counter(), "narrative": Counter(), "pdf": Counter()}
    for name, codes in labels.items():
        assert codes == sorted(set(codes))
        layout = "pdf" if name.endswith(".pdf") else name.rsplit("-", 1)[-1].removesuffix(".docx")
        if layout in per_layout:
            per_layout[layout].update(codes)
    for code in CODES:
        assert sum(c[code] for c in per_layout.values()) >= 4, code
        assert all(c[code] >= 1 for c in per_layout.values()), f"{code} missing from a layout"
    assert any(codes == [] for codes in labels.values()), "no hard negatives"


def test_corpus_sources_are_labelled() -> None:
    sources = sorted((FIXTURES / "records").glob("corpus-*.md"))
    assert len(sources) >= 32
    per_code: Counter = Counter()
    for source in sources:
        head = source.read_text(encoding="utf-8")[:300]
        assert "<!-- expect:" in head and "<!-- layouts:" in head, source.name
        expect = head.split("<!-- expect:")[1].split("-->")[0].split()
        per_code.update(set(expect))
    assert all(per_code[code] >= 4 for code in CODES), per_code


def test_bad_files_are_what_they_claim(built: Path) -> None:
    import olefile

    bad = built / "bad"
    assert (bad / "empty.docx").stat().st_size == 0
    assert not zipfile.is_zipfile(bad / "truncated.docx")
    with zipfile.ZipFile(bad / "corrupt.docx") as zf:
        assert zf.testzip() is None and not zf.read("word/document.xml").startswith(b"<?xml")
    assert (bad / "not-really.docx").read_bytes().startswith(b"%PDF-")
    assert olefile.isOleFile(str(bad / "legacy.doc"))
    with olefile.OleFileIO(str(bad / "legacy.doc")) as ole:
        assert ole.exists("WordDocument")
    assert olefile.isOleFile(str(bad / "encrypted.docx"))
    with olefile.OleFileIO(str(bad / "encrypted.docx")) as ole:
        assert ole.exists("EncryptionInfo") and ole.exists("EncryptedPackage")
    assert b"/Encrypt" in (bad / "encrypted.pdf").read_bytes()
    with zipfile.ZipFile(bad / "bomb.docx") as zf:
        info = zf.getinfo("word/document.xml")
    assert info.file_size > 300 * 1024 * 1024 and (bad / "bomb.docx").stat().st_size < 1024 * 1024
    assert (bad / "~$lock.docx").stat().st_size == 162
    assert (bad / "record.rtf").read_bytes().startswith(b"{\\rtf1")


def test_scanned_pdf_has_images_but_no_text(built: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(built / "bad/scanned.pdf")) as pdf:
        assert len(pdf.pages) >= 1
        for page in pdf.pages:
            assert (page.extract_text() or "").strip() == ""
            assert page.images


def test_builders_render_same_description_in_every_layout(tmp_path: Path) -> None:
    """The builders are importable by rule authors: each layout keeps the record's text."""
    import docx
    import pdfplumber

    from strategy_lint.testing.builders import build

    text = "# Record\n## Voice of the child\nAva smiled at her mother.\n## Actions\n| Action | Who | By when |\n|---|---|---|\n| Visit | Tom Ellis | 21/03/2016 |\n"
    form = build(text, "form", tmp_path / "a.docx")
    cells = [c.text for row in docx.Document(str(form)).tables[0].rows for c in row.cells]
    assert "Voice of the child" in cells and any("Ava smiled" in c for c in cells)
    pdf_path = build(text, "pdf", tmp_path / "a.pdf")
    with pdfplumber.open(str(pdf_path)) as pdf:
        assert "Ava smiled at her mother." in pdf.pages[0].extract_text()
    assert build(text, "md", tmp_path / "a.md").read_text(encoding="utf-8").startswith("# Record")
    with pytest.raises(ValueError):
        build(text, "odt", tmp_path / "a.odt")
