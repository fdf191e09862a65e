"""extract.attendees: reading who took part from tables, lists and form rows."""

from __future__ import annotations

import pytest

from strategy_lint.extract.attendees import initials_of, parse_entry, participants
from strategy_lint.lexicon import default_lexicon
from strategy_lint.readers.text import parse_markdown
from strategy_lint.structure import build_structure


def doc_of(md: str):
    return build_structure(parse_markdown(md), default_lexicon())


@pytest.mark.parametrize(
    "line, name, role, agency, key",
    [
        (
            "Hannah Reed – Team Manager – Children's Social Care",
            "Hannah Reed",
            "Team Manager",
            "Children's Social Care",
            "childrens-social-care",
        ),
        ("Hannah Reed (TM, CSC)", "Hannah Reed", "TM", "CSC", "childrens-social-care"),
        ("DC Tom Hale, Westvale Police", "DC Tom Hale", "DC", "Westvale Police", "police"),
        ("HR – Hannah Reed, Social Worker", "Hannah Reed", "Social Worker", "", "childrens-social-care"),
        ("Tom Hale, DSL", "Tom Hale", "DSL", "", "school"),
        ("Sarah Okafor (HV)", "Sarah Okafor", "HV", "", "health-visiting"),
        ("Chair: Hannah Reed, Team Manager, CSC", "Hannah Reed", "Team Manager", "CSC", "childrens-social-care"),
        ("Police: DC Tom Hale", "DC Tom Hale", "DC", "Police", "police"),
        ("PC Amy Ward - Westvale Police - attended in person", "PC Amy Ward", "PC", "Westvale Police", "police"),
        (
            "Gemma Stott, Housing Officer, Northbrook Homes",
            "Gemma Stott",
            "Housing Officer",
            "Northbrook Homes",
            "housing",
        ),
        ("Sarah Okafor", "Sarah Okafor", "", "", None),
        # an organisation the lexicon does not know, after a name and a role
        (
            "Janine Holt (Paediatric Dietitian, Tarrowby General)",
            "Janine Holt",
            "Paediatric Dietitian",
            "Tarrowby General",
            None,
        ),
        (
            "PS Gary Lund – Response Sgt, Orrin Valley Police",
            "PS Gary Lund",
            "Response Sgt",
            "Orrin Valley Police",
            "police",
        ),
        (
            "Dr Fiona Marchbank, Head of Sixth Form and Deputy DSL, Quillford Abbey School",
            "Dr Fiona Marchbank",
            "Head of Sixth Form and Deputy DSL",
            "Quillford Abbey School",
            "school",
        ),
    ],
)
def test_parse_entry_shapes(line, name, role, agency, key):
    p = parse_entry(line)
    assert p is not None
    assert (p.name, p.role, p.agency, p.agency_key) == (name, role, agency, key)


def test_ds_inside_dsl_is_not_police():
    p = parse_entry("Kate Price, DSL, Northbrook Primary School")
    assert p.agency_key == "school"
    assert parse_entry("DS Mark Fenwick, CAIT").agency_key == "police"


def test_initials_that_look_like_a_rank_stay_initials():
    # "DS" here is Daniel Shaw, a social worker, not a detective sergeant
    p = parse_entry("DS – Daniel Shaw, Social Worker, CSC")
    assert p.initials == "DS"
    assert p.agency_key == "childrens-social-care"
    assert p.name == "Daniel Shaw"


def test_sw_is_social_worker_in_an_entry():
    assert parse_entry("Sam Wells, SW, CSC").role == "SW"
    assert parse_entry("Sam Wells, SW").agency_key == "childrens-social-care"


@pytest.mark.parametrize(
    "line",
    [
        "None. All invited agencies attended or were consulted before the meeting.",
        "The police were represented by DC Hale who joined late.",
        "N/A",
        "TBC",
    ],
)
def test_sentences_and_placeholders_are_not_entries(line):
    assert parse_entry(line) is None


def test_mode_from_the_line():
    assert parse_entry("Sarah Okafor (HV) - by phone").mode == "phone"
    assert parse_entry("Ms Kate Price, DSL, Northbrook Primary School (via Teams)").mode == "teams"
    assert parse_entry("Sarah Okafor, HV").mode == "present"
    assert parse_entry("Sarah Okafor, HV", kind="consulted").mode == "consulted"


def test_several_entries_on_one_line():
    doc = doc_of(
        "# R\n\n## Attendees\nPresent: Hannah Reed (TM, CSC); DC Tom Hale (Westvale Police); Sarah Okafor (HV)\n"
    )
    names = [p.name for p in participants(doc)]
    assert names == ["Hannah Reed", "DC Tom Hale", "Sarah Okafor"]


@pytest.mark.parametrize(
    "line, role, agency",
    [
        ("Naomi Fry (NF), Ward Manager, Puffin Ward, Sollerby Royal", "Ward Manager", "Puffin Ward, Sollerby Royal"),
        ("Gail Ferris (GF), SW, EDT, CYPF (phone handover, not at mtg)", "SW", "EDT, CYPF"),
    ],
)
def test_after_the_initials_the_minutes_use_comes_who_they_are(line, role, agency):
    [p] = participants(doc_of(f"# R\n\n## Attendees\n{line}\n"))
    assert (p.role, p.agency) == (role, agency)


def test_two_people_each_with_their_initials_are_two_entries():
    doc = doc_of("# R\n\n## Attendees\nJo Bell (JB), Tom Ash (TA), SW, CSC\n")
    assert [p.name for p in participants(doc)] == ["Jo Bell", "Tom Ash"]


TABLE = """# Strategy Discussion Record

## Attendees
| Attendee | Job title | Organisation | Attended via |
|---|---|---|---|
| Hannah Reed | Team Manager (Chair) | Children's Social Care | In person |
| DC Tom Hale | Detective Constable | Westvale Police | Teams |
| Sarah Okafor | Health Visitor | Northbrook Health Visiting Team | Telephone |

## Consulted outside the meeting
- Dr James Carter, GP, Riverside Surgery (telephone)
- Lucy Hale, Community Midwife, Eastmoor Maternity Services (email)

## Apologies
- Kate Price, DSL, Northbrook Primary School
"""


def test_table_with_differently_named_columns_and_lists():
    people = participants(doc_of(TABLE))
    got = [(p.name, p.agency_key, p.mode, p.section_kind) for p in people]
    assert got == [
        ("Hannah Reed", "childrens-social-care", "present", "attendees"),
        ("DC Tom Hale", "police", "teams", "attendees"),
        ("Sarah Okafor", "health-visiting", "phone", "attendees"),
        ("Dr James Carter", "gp", "phone", "consulted"),
        ("Lucy Hale", "midwifery", "email", "consulted"),
        ("Kate Price", "school", "apologies", "apologies"),
    ]
    assert not people[-1].took_part
    doc = doc_of(TABLE)
    # table rows point at a cell of their row; list entries at their line
    assert doc.blocks[people[1].block].row == 2
    assert doc.blocks[people[3].block].text.startswith("Dr James Carter")


def test_subheading_agency_applies_to_lines_below():
    doc = doc_of("# R\n\n## Attendees\n### Westvale Police\n- DC Tom Hale\n- Amy Ward, Analyst\n")
    people = participants(doc)
    assert [(p.name, p.agency_key) for p in people] == [("DC Tom Hale", "police"), ("Amy Ward", "police")]


def test_no_attendee_section_gives_nobody():
    doc = doc_of("# R\n\n## Reason for the meeting\nHannah Reed, Team Manager, said the bruise was seen.\n")
    assert participants(doc) == []


def test_initials_of():
    people = participants(doc_of(TABLE))
    ini = initials_of(people)
    assert ini["HR"].name == "Hannah Reed"
    assert ini["TH"].name == "DC Tom Hale"  # the rank is not part of the initials
    assert ini["JC"].name == "Dr James Carter"


AGENCY_ROWS = """# Record of Strategy Discussion

## Agency information and actions
| Agency | Who attended / was contacted (name, role) | How (present / phone / email) | Information shared | Actions for this agency | By when |
|---|---|---|---|---|---|
| Police | DC Ryan Holt, CAIT | Present (Teams) | One DA call-out in 2023. | Joint visit with SW | 17/01 |
| Health visiting | Jo Marsh, Health Visitor | Phone | Seen at 6-8 weeks, well. | Visit within 5 days | 21/01 |
| Education / Early Years | N/A | | | | |
"""


def test_a_table_with_a_row_per_agency_lists_who_took_part_even_with_actions_in_it():
    """One row per agency: who came, how, what they said and what they will do.  Its action
    columns do not make it an action plan that merely names owners."""
    people = participants(doc_of(AGENCY_ROWS))
    assert [(p.name, p.agency_key, p.mode) for p in people] == [
        ("DC Ryan Holt", "police", "teams"),
        ("Jo Marsh", "health-visiting", "phone"),
    ]  # "Education | N/A": nobody from that agency took part
    assert all(p.took_part for p in people)


def test_an_action_plan_with_owner_and_agency_columns_is_not_a_list_of_who_took_part():
    doc = doc_of(
        "# R\n\n## Actions\n| Action | Who | Agency | By when |\n|---|---|---|---|\n"
        "| Joint visit | Tom Ellis | CSC | 17/01/2025 |\n"
    )
    assert participants(doc) == []


def test_a_key_of_initials_is_the_list_of_who_took_part():
    """Near-verbatim minutes name everyone once, in a key, and then only by initials."""
    doc = doc_of(
        "# Strategy Discussion Minutes\n\nKey: initials – name, role, agency\n\n"
        "HC – Helen Crowther, Team Manager (Chair), Harlowmere Children's Services\n\n"
        "NA – DC Nadia Ahmed, Detective Constable, CAIT, Westshire Police\n\n"
        "Apologies: None.\n\n"
        "**1. Introductions, confidentiality and purpose**\n\nHC (Chair): The chair welcomed everyone.\n"
    )
    got = [(p.name, p.agency_key, p.initials, p.took_part) for p in participants(doc)]
    assert got == [
        ("Helen Crowther", "childrens-social-care", "HC", True),
        ("DC Nadia Ahmed", "police", "NA", True),
    ]


def test_an_inline_consulted_label_with_a_remark():
    doc = doc_of(
        "# Record\n\nPresent: Jo Bell (Social Worker, CSC)\n\n"
        "Contributed outside the meeting (phone / email): Dr Mark Elliott, GP, Brookfield Health Centre – "
        "telephone conversation with JB on 04/02/2026\n"
    )
    consulted = [p for p in participants(doc) if p.section_kind == "consulted"]
    assert [(p.name, p.agency_key) for p in consulted] == [("Dr Mark Elliott", "gp")]


def test_a_numbered_apologies_label_inside_the_attendance_part():
    doc = doc_of(
        "# Record\n\n## 2 ATTENDANCE AND CONTRIBUTIONS\n- DS Natalie Cross, Detective Sergeant, Westshire Police\n"
        "- 2.2 Apologies (give reason): Not applicable – out of hours; health and education not available.\n"
    )
    people = participants(doc)
    assert [p.name for p in people if p.took_part] == ["DS Natalie Cross"]
    assert all(p.section_kind == "apologies" for p in people if not p.name)


def test_a_list_label_before_a_sentence_like_entry_is_still_a_list():
    p = parse_entry("Present: The Head of Safeguarding, Jo Bell, Ash Grove School.")
    assert p is not None and p.name == "Jo Bell" and p.agency_key == "school"


def test_a_list_of_people_under_a_title_nobody_knows_is_who_took_part():
    # the title is no attendance wording the lexicon has; the lines are what make it a list
    doc = doc_of(
        "# Record\n\n## B  IN THE ROOM (AND OUTSIDE IT)\n"
        "- Andrea Coyle, Team Manager, Adolescent Safety Hub (chair)\n"
        "- DI Rachel Hume, Detective Inspector, Serious Violence Team, Kestlemouth Police\n"
        "- Liam Castle, Designated Safeguarding Lead, Harbourside Academy\n"
        "- Tanya Morrell, Housing Officer, Kestlemouth Homes\n\n"
        "## C  WHAT HAPPENED\nDaniel was stabbed on Fore Street. He is recovering well.\n"
    )
    got = [(p.name, p.agency_key) for p in participants(doc)]
    assert got == [
        ("Andrea Coyle", "childrens-social-care"),
        ("DI Rachel Hume", "police"),
        ("Liam Castle", "school"),
        ("Tanya Morrell", "housing"),
    ]


def test_a_part_that_only_mentions_people_is_not_read_as_a_list():
    # family members, and a part whose lines are mostly sentences, are not who took part
    family = doc_of(
        "# Record\n\n## Household\n- Joanna Ostrowska, mother\n- Kacper Ostrowski, brother (19)\n"
        "- Filip Ostrowski, brother (11)\n"
    )
    prose = doc_of(
        "# Record\n\n## Background\n- Jo Bell, Social Worker, CSC\n- Tom Hale, DSL, Ash Grove School\n"
        "- Amy Rao, Health Visitor, 0-19 Service\n"
        "- The family moved to the area in 2023 after the eviction.\n"
        "- Mum says she has no support from family nearby.\n"
    )
    assert participants(family) == []
    assert participants(prose) == []


def test_an_anonymised_key_names_people_by_their_initials():
    doc = doc_of(
        "# Strategy Discussion – Anonymised Record\n\n## Part 1 – Key to initials\n"
        "| Initials (role) | Role in full | Agency | Took part by |\n|---|---|---|---|\n"
        "| HJ (TM) | Team Manager, Front Door – chair | Harnford Children's Services | Teams |\n"
        "| TC (DC) | Detective Constable | Harnford Police | Teams |\n"
        "| VA (Comm Paed) | | Harnford Community Health Services | Teams |\n"
    )
    got = [(p.name, p.initials, p.role, p.agency_key) for p in participants(doc)]
    assert got == [
        ("HJ", "HJ", "Team Manager, Front Door – chair", "childrens-social-care"),
        ("TC", "TC", "Detective Constable", "police"),
        ("VA", "VA", "Comm Paed", "paediatrics"),
    ]


def test_a_list_opened_in_the_second_sentence_of_the_attendance_part():
    doc = doc_of(
        "# Record\n\n## 3. Who is at the table?\n\nThe discussion was chaired by Gail Prentice, Senior "
        "Practitioner, Emergency Duty Team. Also taking part were PS Daniel Kerr, Response Sergeant, "
        "Marchshire Police; and Dr Imran Qureshi, on-call Consultant Paediatrician, Wrenfield General Hospital.\n"
    )
    assert [(p.name, p.agency_key) for p in participants(doc)] == [
        ("PS Daniel Kerr", "police"),
        ("Dr Imran Qureshi", "paediatrics"),
    ]
