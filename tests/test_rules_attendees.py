"""SL101, SL102, SL103, SL301: who took part, and each agency's input."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

import pytest

from strategy_lint.engine import Linter
from strategy_lint.lexicon import default_lexicon
from strategy_lint.readers.text import parse_markdown
from strategy_lint.structure import build_structure

CODES = ["SL101", "SL102", "SL103", "SL301"]
BASE = (Path(__file__).resolve().parent.parent / "fixtures" / "records" / "base-baby-bruise.md").read_text(
    encoding="utf-8"
)


@cache
def linter(code: str) -> Linter:
    return Linter(select=[code])


@lru_cache(maxsize=1)
def all_four() -> Linter:
    return Linter(select=CODES)


def doc_of(md: str):
    return build_structure(parse_markdown(md), default_lexicon())


def lint(md: str, code: str):
    return [f for f in linter(code).lint_document(doc_of(md)) if f.code == code]


def edit(old: str, new: str, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new)


def drop(section_start: str, section_end: str, text: str = BASE) -> str:
    a = text.index(section_start)
    b = text.index(section_end, a)
    return text[:a] + text[b:]


# -- the clean record --------------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_clean_base_record_gives_none_of_our_codes(code):
    assert lint(BASE, code) == []


# -- SL101 --------------------------------------------------------------------------------


def test_sl101_no_attendees_section():
    md = drop("## Attendees", "## Consulted outside the meeting")
    found = lint(md, "SL101")
    assert len(found) == 1
    assert "who took part" in found[0].message


def test_sl101_attendees_placeholder_points_at_section():
    md = drop("| Name | Role | Agency |\n|---|", "## Consulted outside")
    md = edit("## Attendees\n", "## Attendees\nTBC\n\n", md)
    found = lint(md, "SL101")
    assert len(found) == 1
    assert found[0].location.section == "Attendees"


def test_sl101_consulted_list_alone_is_not_enough():
    md = drop("## Attendees", "## Consulted outside the meeting")
    assert "## Consulted outside the meeting" in md
    assert lint(md, "SL101")


def test_sl101_list_of_attendees_passes():
    md = drop("## Attendees", "## Consulted outside the meeting")
    md = edit(
        "## Consulted outside the meeting",
        "## Present\n- Hannah Reed (TM, CSC)\n- DS Mark Fenwick, CAIT\n\n## Consulted outside the meeting",
        md,
    )
    assert lint(md, "SL101") == []


def test_sl101_a_participants_table_that_points_at_the_invite_names_nobody():
    table = (
        "## Attendees\nInclude everyone who took part and anyone consulted outside the meeting.\n\n"
        "| Name | Role / agency | Attendance |\n|---|---|---|\n| {entry} |  |  |\n\n"
    )
    md = drop("## Attendees", "## Consulted outside the meeting")
    pointing = edit(
        "## Consulted outside the meeting",
        table.format(entry="See Teams invite") + "## Consulted outside the meeting",
        md,
    )
    found = lint(pointing, "SL101")
    assert len(found) == 1 and found[0].location.section == "Attendees"
    named = edit(
        "## Consulted outside the meeting", table.format(entry="Hannah Reed") + "## Consulted outside the meeting", md
    )
    assert lint(named, "SL101") == []


# -- SL102 --------------------------------------------------------------------------------


def test_sl102_blank_role_cell_points_at_row():
    md = edit("| Tom Ellis | Social Worker |", "| Tom Ellis |  |")
    found = lint(md, "SL102")
    assert len(found) == 1
    assert "Tom Ellis" in found[0].message and "role" in found[0].message
    assert found[0].location.table is not None and found[0].location.row == 2


def test_sl102_a_name_with_the_initials_the_minutes_use_and_blank_cells_is_an_entry():
    """ "Kerry Marsh (KM) |  |  | Teams": a person listed with the initials the minutes use,
    and nothing in the role or organisation cells."""
    md = edit("| Tom Ellis | Social Worker | Children's Social Care |", "| Tom Ellis (TE) |  |  |")
    found = lint(md, "SL102")
    assert [f.message.split('"')[1] for f in found] == ["Tom Ellis"]
    assert "role and agency" in found[0].message


def test_sl102_name_only_in_list_one_finding_per_entry():
    md = "# R\n\n## Attendees\n- Hannah Reed, Team Manager, CSC\n- Sarah Okafor\n- Priya Nair\n"
    found = lint(md, "SL102")
    assert [f.message.split('"')[1] for f in found] == ["Sarah Okafor", "Priya Nair"]
    assert all("role and agency" in f.message for f in found)


def test_sl102_words_beside_the_name_that_we_cannot_read_are_not_a_bare_name():
    from strategy_lint import Confidence

    md = (
        "# R\n\n## Attendees\n- Hannah Reed, Team Manager, CSC\n- DC Tom Hale, Westvale Police\n"
        "- Sarah Okafor, Health Visitor, Westvale 0-19\n- SA — Simon Ashdown, HsM Kestrel, QAS\n- Priya Nair (Teams)\n"
    )
    found = {f.message.split('"')[1]: f.confidence for f in lint(md, "SL102")}
    # a bare name (and how they joined) is surely incomplete; unread words may be the role
    assert found == {"Simon Ashdown": Confidence.MEDIUM, "Priya Nair": Confidence.HIGH}


def test_sl102_title_implies_role_and_agency_in_a_list():
    md = (
        "# R\n\n## Attendees\n- DC Tom Hale, Westvale Police\n- Tom Hale, DSL\n- Sarah Okafor (HV)\n- DS Mark Fenwick\n"
    )
    assert lint(md, "SL102") == []


def test_sl102_blank_agency_cell_is_reported_even_if_role_suggests_it():
    md = edit(
        "| Dr Rachel Lim | Consultant Paediatrician | Eastmoor General Hospital |",
        "| Dr Rachel Lim | Consultant Paediatrician |  |",
    )
    found = lint(md, "SL102")
    assert len(found) == 1 and "agency" in found[0].message


def test_sl102_differently_named_columns_are_read():
    md = edit("| Name | Role | Agency |\n", "| Attendee | Job title | Organisation |\n")
    assert lint(md, "SL102") == []


# -- SL103 --------------------------------------------------------------------------------


def test_sl103_email_from_unlisted_agency():
    md = edit(
        "### Eastmoor General Hospital (paediatrics)",
        "Email received on 14/03/2016 from Kim Lowry, Family Support Worker at Northbrook Children's Centre: "
        "staff have no concerns.\n\n### Eastmoor General Hospital (paediatrics)",
    )
    found = lint(md, "SL103")
    assert len(found) == 1
    assert "Children's Centre" in found[0].message
    assert found[0].excerpt.startswith("Email received")


def test_sl103_consulted_heading_without_listing():
    md = edit(
        "| Dr James Carter | GP | Riverside Surgery, Northbrook | Telephone, 14/03/2016 09:15 | Yes, see agency information |\n",
        "",
    )
    found = lint(md, "SL103")
    assert len(found) == 1
    assert "GP" in found[0].message
    assert found[0].location.section.startswith("GP (Riverside Surgery)")


def test_sl103_person_listed_under_consulted_passes():
    # the GP, midwife and housing contacts are all in "Consulted outside the meeting"
    assert "consulted by telephone" in BASE
    assert lint(BASE, "SL103") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Police will contact the school by phone tomorrow.",
        "Northbrook Primary School could not be contacted because it is closed.",
        "Ava was spoken to by her nursery key worker.",
        "Mrs Wilde called the police.",
        "Ava sees her dad every other Saturday at Northbrook Family Centre and they speak on the phone on Wednesdays.",
        "PS Hughes spoke to Ms Marsh at the address.",
    ],
)
def test_sl103_plans_failures_and_family_contacts_are_not_contributions(sentence):
    md = edit("## Child's voice and lived experience", f"{sentence}\n\n## Child's voice and lived experience")
    assert lint(md, "SL103") == []


def test_sl103_active_contact_names_the_object():
    md = edit(
        "## Child's voice and lived experience",
        "Tom Ellis contacted Eastmoor Housing Options by phone on 12/03/2016; the tenancy is secure.\n\n"
        "## Child's voice and lived experience",
    )
    md = edit(
        "| Gemma Stott | Housing Officer | Northbrook Homes | Telephone, 14/03/2016 09:30 | Not known to service |\n",
        "",
        md,
    )
    md = edit("### Housing, consulted by telephone", "### Northbrook Homes", md)
    found = lint(md, "SL103")
    assert [f.message.split(" gave")[0] for f in found] == ['"Eastmoor Housing Options"']


@pytest.mark.parametrize(
    "sentence, who",
    [
        # "that morning" says when, not what was said
        (
            "Tom Ellis had also spoken by phone that morning with Dr Ramesh of Larkfield CAMHS, who said "
            "Ava's brother is on the waiting list.",
            '"Larkfield CAMHS"',
        ),
        ("Tom Ellis had rung CAMHS before the meeting. CAMHS said the family is not known.", '"CAMHS"'),
        # the person reached is named after their role and school, and no one listed has the
        # name (a teacher from another school is listed)
        (
            "Tom Ellis phoned the head teacher of St Aldhelm's, Kenneth Ashworth, at 11:40: the older "
            "sibling attends well.",
            '"head teacher"',
        ),
    ],
)
def test_sl103_a_call_said_in_other_words_is_a_contact(sentence, who):
    md = edit(
        "| Priya Nair |",
        "| Jo Bell | Designated Safeguarding Lead | Northbrook Primary School |\n| Priya Nair |",
    )
    md = edit("## Child's voice and lived experience", f"{sentence}\n\n## Child's voice and lived experience", md)
    found = lint(md, "SL103")
    assert [f.message.split(" gave")[0] for f in found] == [who]
    assert "by telephone" in found[0].message


# -- SL301 --------------------------------------------------------------------------------


def test_sl301_consulted_agency_with_no_input():
    md = drop("### Midwifery, consulted by email", "### Housing, consulted by telephone")
    found = lint(md, "SL301")
    assert len(found) == 1
    assert "Eastmoor Maternity Services" in found[0].message
    assert found[0].location.table is not None  # points at the midwife's row


def test_sl301_no_concerns_counts_as_input():
    md = edit(
        "Lucy Hale said the pregnancy was planned and booked at 11 weeks. Both parents attended antenatal appointments. "
        "There were no safeguarding concerns during the pregnancy or at discharge, and breastfeeding was established before discharge.",
        "No concerns.",
    )
    assert lint(md, "SL301") == []


def test_sl301_heading_with_placeholder_is_not_input():
    md = edit(
        "Lucy Hale said the pregnancy was planned and booked at 11 weeks. Both parents attended antenatal appointments. "
        "There were no safeguarding concerns during the pregnancy or at discharge, and breastfeeding was established before discharge.",
        "N/A",
    )
    assert len(lint(md, "SL301")) == 1


def test_sl301_initials_in_minutes_credit_the_person():
    md = "\n".join(
        [
            "# R",
            "## Attendees",
            "- HR – Hannah Reed, Team Manager, Children's Social Care",
            "- MF – Mark Fenwick, Detective Sergeant, Westvale Police",
            "## Discussion",
            "MF said there are no previous convictions for either parent.",
            "## Decision",
            "Section 47 enquiry agreed.",
        ]
    )
    assert lint(md, "SL301") == []
    md2 = md.replace("MF said there are", "HR said there are")
    found = lint(md2, "SL301")
    assert len(found) == 1 and "Westvale Police" in found[0].message


def test_sl301_same_agency_written_several_ways():
    md = "\n".join(
        [
            "# R",
            "## Attendees",
            "| Name | Role | Agency |",
            "|---|---|---|",
            "| Hannah Reed | Team Manager | Children's Social Care |",
            "| DC Tom Hale | Detective Constable | Westvale Police |",
            "## Agency information",
            "CAIT reported no previous convictions for either parent.",
            "## Decision",
            "Section 47 enquiry agreed.",
        ]
    )
    assert lint(md, "SL301") == []


def test_sl301_action_for_an_agency_is_not_its_input():
    md = "\n".join(
        [
            "# R",
            "## Attendees",
            "- Hannah Reed, Team Manager, Children's Social Care",
            "- Kate Price, DSL, Northbrook Primary School",
            "## Agency information",
            "Hannah Reed said the family are not known to children's social care.",
            "## Actions",
            "| Action | Who | By when |",
            "|---|---|---|",
            "| Daily check on the child at school | Kate Price (Northbrook Primary School) | 15/03/2016 |",
        ]
    )
    found = lint(md, "SL301")
    assert len(found) == 1 and "Northbrook Primary School" in found[0].message


def test_sl301_csc_input_recorded_through_decision():
    md = "\n".join(
        [
            "# R",
            "## Attendees",
            "- Hannah Reed, Team Manager, Children's Social Care",
            "- DC Tom Hale, Westvale Police",
            "## Agency information",
            "DC Hale said the police hold no information on the family.",
            "## Decision",
            "Section 47 enquiry agreed.",
        ]
    )
    assert lint(md, "SL301") == []


# -- every layout ---------------------------------------------------------------------------


def _three_defects() -> str:
    """One record with an SL102, an SL103 and an SL301 defect (SL101 needs its own)."""
    md = edit("| Tom Ellis | Social Worker |", "| Tom Ellis |  |")
    md = edit(
        "| Dr James Carter | GP | Riverside Surgery, Northbrook | Telephone, 14/03/2016 09:15 | Yes, see agency information |\n",
        "",
        md,
    )
    return drop("### Midwifery, consulted by email", "### Housing, consulted by telephone", md)


LAYOUT_CASES = [
    ({"SL101"}, drop("## Attendees", "## Consulted outside the meeting")),
    ({"SL102", "SL103", "SL301"}, _three_defects()),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from strategy_lint.testing.builders import build

    out = tmp_path_factory.mktemp("layouts")
    files = {}
    for layout, suffix in (("form", "-form.docx"), ("narrative", "-narrative.docx"), ("pdf", ".pdf")):
        files[("clean", layout)] = build(BASE, layout, out / f"clean{suffix}")
        for i, (_, md) in enumerate(LAYOUT_CASES):
            files[(i, layout)] = build(md, layout, out / f"case{i}{suffix}")
    return files


@pytest.mark.parametrize("layout", ["form", "narrative", "pdf"])
def test_each_rule_fires_and_stays_quiet_in_every_layout(built, layout):
    both = all_four()
    clean = both.lint_file(built[("clean", layout)])
    assert clean.status == "ok" and [f.code for f in clean.findings] == []
    for i, (codes, _) in enumerate(LAYOUT_CASES):
        result = both.lint_file(built[(i, layout)])
        assert result.status == "ok"
        found = [f.code for f in result.findings]
        assert sorted(found) == sorted(codes), (layout, [f.message for f in result.findings])


def test_an_attendee_table_or_field_left_unfilled_is_a_confident_finding():
    """An empty "Name | Agency" table, or "Present: as per invite – see Mosaic", says nobody
    took part; a child "present during the incident" is not the list of who attended."""
    from strategy_lint.testing import lint

    head = (
        "# Strategy Discussion\n\n## Meeting details\nDate of discussion: 19/09/2024\nChair: TM\n\n"
        "## Background\nLacey Turner was present during the incident at 88 Greenfields Way.\n\n"
    )
    table = head + "| Name | Agency |\n|---|---|\n|  |  |\n"
    [found] = [f for f in lint(table, select=["SL101"])]
    assert found.confidence.value == "high" and "Name | Agency" in found.message
    field = head + "## Meeting\nPresent: as per invite – see Mosaic\n"
    assert [f.confidence.value for f in lint(field, select=["SL101"])] == ["high"]


def test_no_list_anywhere_in_a_letter_is_a_confident_finding():
    """A letter to the file with no headings but its date: its parts are not recognised, but
    no table and no line names a person beside their role or agency, so nobody is listed;
    a grid written as prose ("College (Imran Baig, Safeguarding Lead). Known: yes.") may be
    a list we cannot read, so there the finding stays unsure."""
    from strategy_lint.testing import lint

    letter = (
        "# To the file of Lily-Rose DENTON\n\n## Thursday 13 November 2025\n"
        "We met on Teams today, 13 November 2025, for a strategy discussion about Lily-Rose. "
        "The nursery manager asked for it.\n\nThe police told us Liam has no convictions. The health "
        "visitor will visit Reggie and Diane at Spinney Close by 17 November.\n"
    )
    assert [f.confidence.value for f in lint(letter, select=["SL101"])] == ["high"]
    grid = letter + "\nPellingford College (Imran Baig, Safeguarding Lead). Known: yes, attendance 58%.\n"
    assert [f.confidence.value for f in lint(grid, select=["SL101"])] == ["low"]


def test_a_table_we_do_not_understand_hides_no_list_when_no_cell_names_anyone():
    """A RAG grid of domains we cannot classify names nobody in a cell of its own: the
    finding is sure; a table we cannot classify with a person's name in a cell may be the
    list, so there it stays unsure."""
    from strategy_lint.testing import lint

    letter = (
        "# To the file of Lily-Rose DENTON\n\n## Thursday 13 November 2025\n"
        "We met on Teams today, 13 November 2025, for a strategy discussion about Lily-Rose. "
        "The nursery manager asked for it.\n\n"
    )
    grid = "| Domain | RAG | Risk | Resilience | Info from |\n|---|---|---|---|---|\n"
    rag = (
        grid
        + "| Home | R | Partner's offending. | Aunt nearby. | Police |\n| Health | G | Nil known. | GP: no concerns. | GP |\n"
    )
    named = (
        grid
        + "| Home | R | Partner's offending. | Aunt nearby. | DS Amy Rao |\n| Health | G | Nil. | None. | Jo Bell |\n"
    )
    assert [f.confidence.value for f in lint(letter + rag, select=["SL101"])] == ["high"]
    assert [f.confidence.value for f in lint(letter + named, select=["SL101"])] != ["high"]


def test_a_table_header_over_no_names_names_nobody():
    """ "Name" over "Role / agency" in the table's header is not a person called Name Role."""
    from strategy_lint.testing import lint

    md = (
        "# Review Strategy Discussion\n\nDate of discussion: 19/09/2024\n\n## Attendees\n"
        "| Name | Role / agency | Attended (in person / Teams / phone) |\n|---|---|---|\n"
        "| As per Teams invite |  |  |\n"
    )
    assert [f.confidence.value for f in lint(md, select=["SL101"])] == ["high"]


def test_what_a_table_says_people_said_is_not_who_took_part():
    """A "Professionals involved" table of agencies only: the mother named in its
    'Information shared' column is not someone who took part."""
    from strategy_lint.testing import lint

    md = (
        "# Pre-Birth Strategy Discussion\n\nDate of discussion: 10/06/2025\n\n## Attendance\n"
        "| Name | Role | Agency |\n|---|---|---|\n|  |  |  |\n\n## Professionals involved\n"
        "| Professional / agency | Contact | Information shared |\n|---|---|---|\n"
        "| Maternity | strat | Kirsty Lowe booked at 25 weeks. As above. |\n| Police | strat | Ryan Moffat on licence. |\n"
    )
    assert [f.confidence.value for f in lint(md, select=["SL101"])] == ["high"]


def test_a_contact_named_nowhere_else_is_a_confident_finding_in_a_record_read_in_part():
    """The record's parts are unknown ("Notes", "Misc"), so the reading is not sure of it;
    but the surgery and the doctor the worker phoned are named nowhere else: the whole
    record was searched, and nothing lists them."""
    from strategy_lint.testing import lint

    md = (
        "# Strategy Discussion\n\nDate of discussion: 19/09/2024\n\n## Present\n- Jess Ward (Social Worker, CSC)\n"
        "- DC Ann Lowe (Police, CAIT)\n\n## Notes\nJess Ward spoke to Dr Owen Rees, Castle Street Surgery, by phone "
        "at 09:15: mother on methadone.\n\n## Misc\nNothing further.\n"
    )
    [found] = lint(md, select=["SL103"])
    assert found.confidence.value == "high"
    again = md + "\n## Other\nRegistered with Castle Street Surgery.\n"
    assert [f.confidence.value for f in lint(again, select=["SL103"])] == ["medium"]


def test_an_agency_named_nowhere_but_its_own_entry_said_nothing_whatever_the_layout():
    """The record's parts are unknown, so the reading is not sure of it; but the housing
    officer and her organisation appear nowhere outside her entry in the list: the whole
    record was searched and holds nothing housing said.  Named again elsewhere, what she
    said may be written there in a way the reading did not follow."""
    from strategy_lint.testing import lint

    md = (
        "# Strategy Discussion\n\nDate of discussion: 19/09/2024\n\n## Present\n- Jess Ward (Social Worker, CSC)\n"
        "- DC Ann Lowe (Police, CAIT)\n- Sophie Kerr (Tenancy Officer, Kelsford Homes)\n\n## Notes\n"
        "DC Ann Lowe said the father has a caution for assault in 2021. Jess Ward said the family are known.\n\n"
        "## Misc\nNothing further.\n"
    )
    found = [f for f in lint(md, select=["SL301"]) if "Kelsford" in f.message]
    assert [f.confidence.value for f in found] == ["high"]
    again = md.replace("Nothing further.", "Rent arrears are being looked at by Kelsford Homes.")
    found = [f for f in lint(again, select=["SL301"]) if "Kelsford" in f.message]
    assert [f.confidence.value for f in found] in (["medium"], [])


def test_sl102_an_organisation_consulted_as_a_whole_needs_no_role():
    md = edit(
        "## Consulted outside the meeting\n",
        "## Consulted outside the meeting\nKingsford Children's Services (MASH duty team; previous local "
        "authority) was checked by email and is recorded as a contributor: not known.\n\n",
    )
    assert [f for f in lint(md, "SL102") if "Kingsford" in f.message] == []
    person = edit("## Consulted outside the meeting\n", "## Consulted outside the meeting\n- Jo Marsh\n\n")
    assert [f for f in lint(person, "SL102") if "Jo Marsh" in f.message]


def test_sl101_people_in_a_who_contributed_table_who_joined_the_call_took_part():
    md = drop("## Attendees", "## Consulted outside the meeting")
    md = edit(", police joined by conference call", "", md)  # a meeting in a room: not a round of calls
    contributed = (
        "## Who contributed\n| Name | Role / agency | How (email / phone / call) |\n|---|---|---|\n"
        "| Hannah Orme | Team Manager (chair), MASH | {how} |\n| DC Imran Shaw | Detective Constable, CAIT | {how} |\n\n"
    )
    joined = edit(
        "## Consulted outside the meeting",
        contributed.format(how="Teams call") + "## Consulted outside the meeting",
        md,
    )
    assert lint(joined, "SL101") == []
    emailed = edit(
        "## Consulted outside the meeting", contributed.format(how="Email") + "## Consulted outside the meeting", md
    )
    assert lint(emailed, "SL101")


def test_sl301_a_grid_of_topics_does_not_credit_the_agency_its_row_label_names():
    """A graded-care grid ("Area of care | Ben | What we know") labels its rows by topic:
    "Housing / home conditions" is the area scored, not what the housing officer said."""
    grid = (
        "## Care grading\n| Area of care | Ben | What we know (source) |\n|---|---|---|\n"
        "| Nutrition | 3 | Packed lunch is crisps most days (school). |\n"
        "| Housing / home conditions | 3 | Ben told the school his bedroom has black mould on the wall (school). |\n"
        "| Hygiene | 4 | Eczema on both hands, weeping on warm days (school). |\n"
        "| Safety and supervision | 4 | Left alone overnight twice a week (school). |\n"
        "| Love and care | 2 | Dad attends parents' evenings (school). |\n\n"
    )
    # housing took part in the meeting and said nothing anywhere else in the record
    no_housing = drop("### Housing, consulted by telephone", "## Child's voice")
    no_housing = edit(
        "| Gemma Stott | Housing Officer | Northbrook Homes | Telephone, 14/03/2016 09:30 | Not known to service |\n",
        "",
        no_housing,
    )
    listed = edit("| Priya Nair |", "| Sophie Kerr | Tenancy Officer | Kelsford Homes |\n| Priya Nair |", no_housing)
    md = edit("## Attendees\n", grid + "## Attendees\n", listed)
    assert [f for f in lint(md, "SL301") if "Kelsford" in f.message]
    # the same words in a table that lists agencies are the agency's input
    said = edit("Area of care", "Agency", md)
    for topic in ("Nutrition", "Hygiene", "Safety and supervision", "Love and care"):
        said = said.replace(f"| {topic} |", "| School |")
    assert [f for f in lint(said, "SL301") if "Kelsford" in f.message] == []


def test_sl301_the_contributor_cell_of_a_row_says_whose_information_it_is():
    """ "ORG CODE | CONTRIBUTOR | INFORMATION SHARED": the row's code says nothing we know,
    its contributor ("O Reece") is the youth worker listed as taking part."""
    listed = edit("| Priya Nair |", "| Owain Reece | Detached Youth Worker | Kelsford Youth Service |\n| Priya Nair |")
    shared = (
        "## Information shared\n| Org code | Contributor | Information shared |\n|---|---|---|\n"
        "| POL | DS Fenwick | Nothing known on police systems. |\n"
        "| LA-YS | {who} | Mother seen at the youth club on Fridays with the father; no concerns noted. |\n\n"
    )
    said = edit("## Child's voice", shared.format(who="O Reece") + "## Child's voice", listed)
    assert [f for f in lint(said, "SL301") if "Youth" in f.message] == []
    nobody = edit("## Child's voice", shared.format(who="(not given)") + "## Child's voice", listed)
    assert [f for f in lint(nobody, "SL301") if "Youth" in f.message]


@pytest.mark.parametrize(
    "sentence, fires",
    [
        # the person reached is named, and nobody listed has that name
        (
            "Tom Ellis spoke by phone to the on-call paediatric registrar at Eastmoor General, Dr Priya "
            "Nandakumar, who advised that no medical was needed tonight.",
            True,
        ),
        (
            "Tom Ellis spoke by phone to Dr Rachel Lim at Eastmoor General, who advised that no medical was "
            "needed tonight.",
            False,
        ),
        # another school than the one listed
        (
            "After the meeting Tom Ellis spoke on the phone with the Designated Safeguarding Lead at Castlegate "
            "Primary School, who said Ava's brother attends well.",
            True,
        ),
        (
            "After the meeting Tom Ellis spoke on the phone with the Designated Safeguarding Lead at Northbrook "
            "Primary School, who said Ava's brother attends well.",
            False,
        ),
    ],
)
def test_sl103_someone_else_from_an_agency_that_is_listed(sentence, fires):
    md = edit(
        "| Priya Nair |", "| Kate Price | Designated Safeguarding Lead | Northbrook Primary School |\n| Priya Nair |"
    )
    md = edit("## Child's voice", f"## Further information\n{sentence}\n\n## Child's voice", md)
    found = lint(md, "SL103")
    assert bool(found) is fires, [f.message for f in found]


def _numbered_agency_items(gp_item: str) -> str:
    return "\n".join(
        [
            "# Strategy meeting",
            "## 1. Attendance",
            "| Initials | Name | Role | Agency | How |",
            "|---|---|---|---|---|",
            "| SB | Sandra Beckett | Team Manager | Children's Social Care | Teams |",
            "| IS | DC Ian Shaw | Detective Constable | Westvale Police | Teams |",
            "| RK | Dr Ruth Kemble | GP | Wickham Lees Surgery | Teams |",
            "| JF | Jane Fox | Health Visitor | Westvale Community Health | Teams |",
            "## 3. Agency information",
            "3.1 **CSC (SB):** Placement order made in 2024; no previous referrals.",
            "",
            "3.2 **Police (IS):** No records on either carer or at the address.",
            "",
            gp_item,
            "",
            "3.4 **Health Visiting (JF):** Transfer-in received 02/05. Not yet seen by the Wickham Lees team.",
            "## 4. Decision",
            "Section 47 enquiry agreed.",
        ]
    )


def test_sl301_an_agency_part_left_empty_is_sure_and_is_where_the_finding_points():
    # "3.3 GP (RK):" in bold with nothing under it: the next numbered item is not its content,
    # and the record's own empty place for the GP's input makes the finding sure, though
    # "Wickham Lees" is named in the health visitor's item
    found = lint(_numbered_agency_items("**3.3 GP (RK):**"), "SL301")
    assert [(f.confidence.value, f.location.section) for f in found] == [("high", "3.3 GP (RK)")]
    assert "left empty" in found[0].message
    # the same item as a line of the part, its label in bold and the number not
    found = lint(_numbered_agency_items("3.3 **GP (RK):**"), "SL301")
    assert [(f.confidence.value, f.excerpt) for f in found] == [("high", "3.3 GP (RK):")]
    # written in: no finding
    assert lint(_numbered_agency_items("3.3 **GP (RK):** Not known to the practice."), "SL301") == []


def test_sl301_what_a_list_says_about_the_person_is_not_their_agencys_input():
    # a column nobody titled in words we know ("Communication") and a chat's join/leave lines
    md = "\n".join(
        [
            "# Strategy meeting",
            "## Around the table",
            "| Name | Role | Organisation | How they joined | Communication |",
            "|---|---|---|---|---|",
            "| Mark Oduya | Team Manager (chair) | Children's Social Care | Teams | English |",
            "| DS Alan Crewe | Detective Sergeant | Westvale Police | Teams | English |",
            "| Kirsty Naylor | Probation Officer | Probation Service, Westvale | Teams | English, BSL Level 3 |",
            "## Transcript",
            "[14:02] Mark Oduya: Police checks please.",
            "",
            "[14:03] DS Alan Crewe: No records held on the mother.",
            "",
            "[14:20] Kirsty Naylor left the meeting.",
            "## Decision",
            "Section 47 enquiry agreed.",
        ]
    )
    found = lint(md, "SL301")
    assert len(found) == 1 and "Probation Service" in found[0].message


def test_sl101_sl103_an_anonymised_record_names_its_people_by_initials():
    """Everyone written as initials with their role ("WS (DSL)"): the key is who took part,
    and the DSL who rang the Front Door is the WS listed there."""
    md = "\n".join(
        [
            "# Strategy Discussion – Anonymised Record",
            "",
            "| **Date held** | Tuesday 11/02/2025 |",
            "| **Who asked for this discussion** | WS (DSL), Little Acorns Day Nursery, by phone to the Front Door at 09:20 |",
            "",
            "## Part 1 – Key to initials",
            "| Initials (role) | Role in full | Agency | Took part by |",
            "|---|---|---|---|",
            "| HJ (TM) | Team Manager – chair | Harnford Children's Services | Teams |",
            "| WS (DSL) | Designated Safeguarding Lead | Little Acorns Day Nursery | Teams |",
            "## Part 4 – What each agency brought",
            "Nursery (WS): TB attends five mornings a week. No concerns before today.",
        ]
    )
    assert lint(md, "SL101") == []
    assert lint(md, "SL103") == []


def test_sl301_an_agencys_own_report_under_its_name_is_its_input():
    """Each agency's return pasted in under its own name ("St Aidan's CE Primary School –
    information for strategy meeting"), and a service named by one word with what it is in
    brackets ("Switch (YP substance misuse service)") labelling its row."""
    md = "\n".join(
        [
            "# Collated record",
            "## Who took part",
            "| Name | Role | Agency |",
            "|---|---|---|",
            "| Olu Adeyemi | Social Worker | Children and Families |",
            "| Jane Cartwright | Designated Safeguarding Lead | St Aidan's CE Primary School |",
            "| Mo Sharif | YP drug and alcohol worker | Switch (YP substance misuse service) |",
            "## St Aidan's CE Primary School – information for strategy meeting",
            "Both children have attended since Reception. No entries on the safeguarding system.",
            "## Agency round",
            "| Agency | What they told the meeting |",
            "|---|---|",
            "| Switch | Not known to service. Can offer 1:1 sessions. |",
        ]
    )
    assert lint(md, "SL301") == []


def test_sl103_a_contact_written_in_the_paragraph_that_lists_who_took_part_is_recorded():
    md = (
        "# Strategy on a page\n\n| **1 · WHO** <br> Marcia Pennant (Team Manager, CSC) chaired. Also taking part "
        "were Lewis Hartigan (Social Worker, CSC) and DS Ellen Hollins (Detective Sergeant, Westvale Police). "
        "<br> Dr Peter Lund, GP at Easterholt Health Centre, was consulted by phone by the SW at 09:45 before "
        "the meeting and did not attend. | **2 · WHAT WE KNOW** <br> Police were called at 23:05. |\n"
    )
    assert lint(md, "SL103") == []
