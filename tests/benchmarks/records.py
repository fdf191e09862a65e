"""Realistic long strategy-discussion records for benchmarks (fictional people and places).

A real record is 5-15 pages: many attendees, long agency-information sections, many
actions.  :func:`record_markdown` grows the base fixture record to roughly ``pages`` PDF
pages by adding agencies, attendees and actions, so every layout renders the same content.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "fixtures" / "records" / "base-baby-bruise.md"

#: measured: one agency paragraph set (plus its attendee and action rows) ≈ 0.36 PDF pages
UNITS_PER_PAGE = 2.75

_FIRST = ["Ava", "Noah", "Maya", "Leo", "Isla", "Owen", "Ruby", "Finn", "Ella", "Theo", "Zara", "Jude"]
_LAST = ["Marsh", "Hale", "Okafor", "Fenwick", "Reed", "Nair", "Stott", "Carter", "Lim", "Doyle", "Price", "Ellis"]
_AGENCIES = [
    ("Northbrook Primary School", "Designated Safeguarding Lead"),
    ("Westvale Police", "Police Constable"),
    ("Eastmoor Youth Justice Service", "Case Manager"),
    ("Northbrook Early Help Hub", "Family Support Worker"),
    ("Riverside Surgery", "General Practitioner"),
    ("Eastmoor CAMHS", "Clinical Psychologist"),
    ("Northbrook Homes", "Housing Officer"),
    ("Westvale Probation Service", "Probation Officer"),
    ("Northbrook Domestic Abuse Service", "Independent Domestic Violence Advisor"),
    ("Eastmoor School Nursing Team", "School Nurse"),
]
_SENTENCES = [
    "{name} said the family have been known to the service since 2014 and engagement has been variable.",
    "There were {n} contacts in the last twelve months, most of them planned home visits that went ahead.",
    "On {d}/0{m}/2016 {name} saw the children at home; the home was warm and there was food in the kitchen.",
    "School attendance for the older sibling is {n}0 per cent this term, with late arrivals on Mondays.",
    "{name} shared that the mother disclosed arguments at home but no physical violence since the summer.",
    "No concerns were raised at the last review, and the family took up the parenting course offered.",
    "{name} will share the chronology with Children's Social Care by the end of the week.",
    "The father has not engaged with the service and did not attend the appointment on {d}/0{m}/2016.",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def record_markdown(pages: int, seed: int = 0, sentinel: str | None = None) -> str:
    """The base record grown to about ``pages`` PDF pages (≥ the base record's 3 pages)."""
    rng = random.Random(seed * 7919 + pages)
    base = BASE.read_text(encoding="utf-8")
    units = max(0, round((pages - 3) * UNITS_PER_PAGE))
    agencies, attendees, actions = [], [], []
    for i in range(units):
        agency, role = _AGENCIES[i % len(_AGENCIES)]
        name = _person(rng)
        attendees.append(f"| {name} | {role} | {agency} |")
        actions.append(
            f"| {name} to send the {agency} chronology to the social worker | {name} ({agency}) | {rng.randint(15, 28)}/03/2016 |"
        )
        paras = []
        for _ in range(3):
            picks = rng.sample(_SENTENCES, 4)
            paras.append(
                " ".join(
                    s.format(name=name, n=rng.randint(2, 9), d=rng.randint(1, 9), m=rng.randint(1, 3)) for s in picks
                )
            )
        agencies.append(f"### {agency} ({i + 1})\n" + "\n\n".join(paras) + "\n")
    if sentinel:
        agencies.append(
            f"### Northbrook Primary School (note)\nThe class teacher said {sentinel} was seen on the playground.\n"
        )
    out = base.replace(
        "| Priya Nair | Business Support Officer (minutes) | Children's Social Care |\n",
        "| Priya Nair | Business Support Officer (minutes) | Children's Social Care |\n"
        + "".join(a + "\n" for a in attendees),
    )
    out = out.replace(
        "## Child's voice and lived experience", "\n".join(agencies) + "\n## Child's voice and lived experience"
    )
    out = out.replace(
        "| Hannah Reed (CSC) | 21/03/2016 |\n",
        "| Hannah Reed (CSC) | 21/03/2016 |\n" + "".join(a + "\n" for a in actions),
    )
    return out


def build_record(pages: int, layout: str, path: Path, seed: int = 0, sentinel: str | None = None) -> Path:
    """Render :func:`record_markdown` in ``layout`` (form, narrative, pseudo, pdf) at ``path``."""
    from strategy_lint.testing.builders import build

    return build(record_markdown(pages, seed, sentinel), layout, path)
