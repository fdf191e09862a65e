"""Build small PDF records with reportlab for the PDF reader tests (fictional people only)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

HEADER_TEXT = "OFFICIAL-SENSITIVE"
FILLER = (
    "The group discussed the information shared by Northbrook Primary School and agreed "
    "that the threshold for enquiries was met after hearing from each agency present. "
)


def _furniture(c: canvas.Canvas, doc: SimpleDocTemplate) -> None:
    """The page header and footer Word would repeat on every page."""
    c.saveState()
    c.setFont("Helvetica", 9)
    c.drawString(72, A4[1] - 40, HEADER_TEXT)
    c.drawString(72, 30, f"Page {doc.page}")
    c.restoreState()


def build_record(path: Path) -> Path:
    """A three-page strategy discussion record with headings, list, table, header and footer."""
    ss = getSampleStyleSheet()
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    story = [
        Paragraph("Strategy Discussion Record", ss["Heading1"]),
        Paragraph("Reason for the discussion", ss["Heading2"]),
        Paragraph(
            "Ava Marsh, aged 7, attends Northbrook Primary School. Her class teacher raised a "
            "concern on Monday morning after Ava arrived with a bruise to her arm.",
            ss["Normal"],
        ),
        Spacer(1, 8),
        Paragraph("<b>Attendees</b>", ss["Normal"]),
        Spacer(1, 4),
        Table(
            [
                ["Name", "Role", "Agency"],
                ["Jo Reed", "Social worker", "Westvale Children's Services"],
                ["Sam Lowe", "Detective Constable", "Westvale Police"],
            ],
            style=grid,
        ),
        Spacer(1, 8),
        Paragraph("Child's voice", ss["Heading2"]),
        ListFlowable(
            [
                ListItem(Paragraph("Ava said she felt safe at school.", ss["Normal"])),
                ListItem(Paragraph("Ava drew a picture of her home.", ss["Normal"])),
            ],
            bulletType="bullet",
        ),
        Spacer(1, 8),
        Paragraph("Information shared", ss["Heading2"]),
    ]
    for i in range(14):
        story.append(Paragraph(f"Point {i + 1}. " + FILLER * 3, ss["Normal"]))
        story.append(Spacer(1, 6))
    story.append(Paragraph("Decision", ss["Heading2"]))
    story.append(Paragraph("Section 47 enquiries to begin today.", ss["Normal"]))
    doc = SimpleDocTemplate(str(path), pagesize=A4, title="Strategy discussion: Ava Marsh", author="Jo Reed")
    doc.build(story, onFirstPage=_furniture, onLaterPages=_furniture)
    return path


def draw_lines(path: Path, lines: list[tuple[float, float, str, str, float]]) -> Path:
    """One A4 page with text drawn exactly where asked: (x, y_from_top, font, text, size)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for x, y_top, font, text, size in lines:
        c.setFont(font, size)
        c.drawString(x, A4[1] - y_top, text)
    c.save()
    return path


def build_encrypted(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt="secret")
    c.drawString(72, 700, "Ava Marsh strategy discussion")
    c.save()
    return path


def build_image_only(path: Path) -> Path:
    """What a scanner produces, near enough: marks on the page and no text at all."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFillColor(colors.grey)
    c.rect(72, 400, 400, 300, fill=1, stroke=0)
    c.save()
    return path


def build_with_image(path: Path, image_path: Path) -> Path:
    """A page with text, one photograph-sized image and one icon-sized image."""
    from PIL import Image as PILImage

    PILImage.new("RGB", (40, 30), (200, 30, 30)).save(image_path)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 780, "Photograph of the injury taken at school.")
    c.drawImage(str(image_path), 72, 500, width=200, height=150)
    c.drawImage(str(image_path), 300, 500, width=12, height=12)
    c.save()
    return path


def write_fake_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return path
