"""The shared reading of a record (``ctx.facts``), reading by reading, on small Markdown records.

Each test builds a record with the project's own reader and structure pass, reads it with
:class:`strategy_lint.facts.Facts`, and checks what the reading holds: who took part and
how, which agency said what, the child's voice, the actions and their deadlines, the
request, the meeting date, follow-ups and photographs.  Every name and place is invented.
"""

from __future__ import annotations

import datetime as dt
import functools
import json

import pytest
from helpers import run_cli

from strategy_lint import Confidence, Report, Rule, Severity
from strategy_lint.facts import Facts
from strategy_lint.lexicon import default_lexicon
from strategy_lint.readers.text import parse_markdown
from strategy_lint.structure import build_structure
from strategy_lint.testing import lint


@functools.cache
def lexicon():
    return default_lexicon()


def read(markdown: str) -> Facts:
    return Facts(build_structure(parse_markdown(markdown), lexicon()))


def block_with(facts: Facts, text: str) -> int:
    """The index of the block whose text contains ``text`` (exactly one)."""
    found = [b.index for b in facts.document.blocks if text in b.text]
    assert len(found) == 1, (text, found)
    return found[0]


def child_spoke(facts: Facts) -> bool:
    """Whether the reading found the child's own words or views anywhere in the record."""
    return any(e.kind == "said" for e in facts.voice.evidence)


def by_name(facts: Facts) -> dict:
    return {p.name: p for p in facts.participants}


def agency(facts: Facts, key: str):
    found = [a for a in facts.agencies if a.key == key]
    assert len(found) == 1, (key, [a.key for a in facts.agencies])
    return found[0]


HEAD = "# Strategy Discussion Record\n\n## Meeting details\nDate of strategy discussion: {date}\n\n"


def record(body: str, date: str = "14/03/2016") -> str:
    return HEAD.format(date=date) + body


# -- participants ------------------------------------------------------------------------------


def test_participants_from_an_attendee_table():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Hannah Reed | Team Manager (Chair) | Children's Social Care |\n"
            "| DS Mark Fenwick | Detective Sergeant | Westvale Police |\n"
            "| Sarah Okafor | Health Visitor | Northbrook Health Visiting Team |\n"
        )
    )
    people = by_name(facts)
    assert list(people) == ["Hannah Reed", "DS Mark Fenwick", "Sarah Okafor"]
    fenwick = people["DS Mark Fenwick"]
    assert (fenwick.role, fenwick.agency, fenwick.agency_key) == ("Detective Sergeant", "Westvale Police", "police")
    assert people["Sarah Okafor"].agency_key == "health-visiting"
    assert fenwick.source == "table" and fenwick.table == 0 and fenwick.row == 2
    assert fenwick.listed_as == "attendees" and fenwick.mode == "present" and fenwick.took_part
    assert fenwick.confidence is Confidence.HIGH
    assert fenwick.block == block_with(facts, "DS Mark Fenwick")
    assert fenwick.label == "DS Mark Fenwick (Westvale Police)"
    assert not fenwick.combined


def test_participants_from_name_role_agency_lines():
    facts = read(
        record(
            "## Attendees\n"
            "- Hannah Reed (Team Manager, Children's Social Care)\n"
            "- DC Amy Shaw (Detective Constable, Westvale Police)\n\n"
            "## Apologies\n- Dr Ravi Shah (GP, Orchard Grove Surgery)\n"
        )
    )
    people = by_name(facts)
    assert set(people) == {"Hannah Reed", "DC Amy Shaw", "Dr Ravi Shah"}
    shaw = people["DC Amy Shaw"]
    assert (shaw.role, shaw.agency, shaw.agency_key) == ("Detective Constable", "Westvale Police", "police")
    assert shaw.source == "list" and shaw.table is None
    # a line of prose parsed into parts is read less surely than a table row
    assert shaw.confidence is Confidence.MEDIUM
    assert shaw.block == block_with(facts, "DC Amy Shaw")
    gp = people["Dr Ravi Shah"]
    assert (gp.role, gp.agency_key, gp.mode, gp.listed_as) == ("GP", "gp", "apologies", "apologies")
    assert not gp.took_part


def test_participants_from_a_present_were_sentence_outside_the_attendee_list():
    facts = read(
        record(
            "## Reason for the strategy discussion\n"
            "Present were: Amy Lowe (Social Worker, Children's Social Care), Dr Ravi Shah (GP, Orchard Grove Surgery), "
            "DC Amy Shaw (Detective Constable, Westvale Police)\n"
        )
    )
    people = by_name(facts)
    assert list(people) == ["Amy Lowe", "Dr Ravi Shah", "DC Amy Shaw"]
    assert [p.agency_key for p in facts.participants] == ["childrens-social-care", "gp", "police"]
    assert people["Dr Ravi Shah"].agency == "Orchard Grove Surgery"
    line = block_with(facts, "Present were")
    assert all(p.block == line and p.mode == "present" for p in facts.participants)


def test_on_the_call_were_lists_a_nurse_titled_sister_and_an_unknown_organisation():
    facts = read(
        record(
            "## Who took part\n"
            "On the call were: Ms Deborah Kinsella, Senior Practitioner, Westvale Emergency Duty Team (chair); "
            "Sister Maeve Corrigan, Senior Nurse, Quillford Abbey School Health Centre; "
            "Mrs Alison Teague, Assistant Housemistress, Foxton House (house parent on duty); "
            "Dr Fiona Marchbank, Head of Sixth Form and Deputy DSL, Quillford Abbey School.\n"
        )
    )
    people = by_name(facts)
    assert list(people) == ["Ms Deborah Kinsella", "Sister Maeve Corrigan", "Mrs Alison Teague", "Dr Fiona Marchbank"]
    marchbank = people["Dr Fiona Marchbank"]
    assert (marchbank.role, marchbank.agency) == ("Head of Sixth Form and Deputy DSL", "Quillford Abbey School")
    assert people["Sister Maeve Corrigan"].role == "Senior Nurse"
    assert people["Mrs Alison Teague"].agency == "Foxton House"
    assert facts.meeting.chair.name == "Ms Deborah Kinsella"
    # a relative is still no participant
    family = read(
        record("## Who took part\nPresent: Amy Lowe (Social Worker, Children's Social Care); Sister – Kayla Lowe\n")
    )
    assert list(by_name(family)) == ["Amy Lowe"]


@pytest.mark.parametrize("listed, recorded", [("Joel Ambrose", True), ("Joel Parker", False)])
def test_an_agency_word_used_as_a_listed_persons_title_is_that_person(listed, recorded):
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            f"| Hannah Reed | Team Manager | Children's Social Care |\n| {listed} | Staff Nurse | Larkspur Unit |\n\n"
            '## The young person\'s views\nSpoke to SN Ambrose by phone at 10:30 on 14/03. Said she is "relieved".\n'
        )
    )
    # "SN Ambrose" is Joel Ambrose, Staff Nurse, from the list; without him, an unlisted school nurse
    assert [(c.key, c.recorded) for c in facts.contacts] == [("school-nursing", recorded)]


def test_the_venue_of_the_meeting_is_no_contact():
    facts = read(
        "# Strategy discussion\n\n| Date | 14/03/2016 |\n|---|---|\n"
        "| Venue / format | Seminar Room 2, Children's Centre, Hessendon General Hospital, with Microsoft Teams |\n\n"
        "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n| Hannah Reed | Team Manager | Children's Social Care |\n"
    )
    assert facts.contacts == []


def test_who_was_present_when_the_child_was_seen_is_not_who_took_part():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n| Hannah Reed | Team Manager | Children's Social Care |\n\n"
            "## Whether the child was seen and spoken to, what was said and who was present\n\n"
            '| **What was said** | Mason said "Hot. Ouchie." |\n|---|---|\n'
            "| **Who was present** | Key person (Chloe Dawes) and Kerry Mills |\n"
        )
    )
    assert list(by_name(facts)) == ["Hannah Reed"]


def test_a_who_column_beside_role_and_agency_names_the_people_taking_part():
    facts = read(
        record(
            "## 6. Round the table\n| Who | Role and agency | What they brought |\n|---|---|---|\n"
            "| Janet Kilbride | Team Manager (chair), Children in Care Team | Chaired. |\n"
            "| PC Holly Ferrand | Missing Persons Coordinator, Marlstow Police | Five episodes in 90 days. |\n\n"
            "## 8. Plan\n| What | Who | By when |\n|---|---|---|\n| Return interview | Tasha Greenidge | 20/03/2016 |\n"
        )
    )
    assert list(by_name(facts)) == ["Janet Kilbride", "PC Holly Ferrand"]
    assert block_with(facts, "Five episodes") in agency(facts, "police").input_blocks
    assert [(a.text, a.owner) for a in facts.actions] == [("Return interview", "Tasha Greenidge")]


def test_a_grid_of_young_people_gives_their_voice_column_and_all_is_no_name():
    facts = read(
        "# Peer group strategy discussion\n\n| Date held | 20/05/2025 |\n|---|---|\n\n"
        "## B. Young people linked to the group\n"
        "| # | Young person | Lives with | What worries us | Their voice and their days |\n|---|---|---|---|---|\n"
        '| 1 | Jordan BEATTIE / DOB 09/02/2010 | Mum | Cut on the forearm. | Told his SW it is "handled". |\n'
        '| 2 | Tayo ADEMOLA / DOB 27/08/2008 | Parents | Posted a video. | Says the video was "just music". |\n\n'
        "## F. Plan\n| Action | Young person | Lead | By |\n|---|---|---|---|\n"
        "| Safety plan | All | Owen Pritchard | 23/05/2025 |\n"
    )
    assert [s.title for s in facts.voice.sections] == ["Their voice and their days"]
    assert facts.voice.sections[0].blocks == [block_with(facts, "handled"), block_with(facts, "just music")]
    assert facts.child.name == "Jordan"


def test_a_bare_name_field_in_the_childs_part_names_the_child_and_shorthand_fields_on_one_line():
    facts = read(
        "# Strategy Discussion: Child Living Away from Parents\n\n## 1. The discussion\n"
        "1.1 Date and time: Wed 18/06/25, 10:00\n\n## 2. The child and the arrangement\n\n**2.1 Child**\n\n"
        "| Name | Finn ADAIR |\n|---|---|\n| Date of birth | 21/10/2010 |\n\n"
        "**2.2 Carers**\n\n| Name | Darren KELL |\n|---|---|\n\n"
        '## 4. Information shared\n4.4 Education: Finn told the DSL in May he\'d like to stay "forever".\n\n'
        "## 7. Actions\n7.1 Phone Mum about the move. Who: Sam Keogh, SW By: Wed 18/06, 16:00\n"
    )
    assert facts.child.name == "Finn"
    assert any(e.kind == "said" for e in facts.voice.evidence)
    (action,) = facts.actions
    assert (action.owner, action.deadline.due) == ("Sam Keogh, SW", dt.date(2025, 6, 18))


def test_a_name_someone_used_and_a_form_row_naming_the_child_are_not_the_child_speaking():
    facts = read(
        "# Strategy discussion\n\n## Child\n| Name | Connor BELL |\n|---|---|\n"
        '| Household | Mum Sarah (38). Partner Neil – staying "some nights" per police. |\n\n'
        "## Reason\nMessages showed Mr Marland was in contact with a boy who gave his name as Connor and said he "
        "attended St Bede's.\n"
    )
    assert facts.child.name == "Connor"
    assert not [e for e in facts.voice.evidence if e.kind == "said"]


@pytest.mark.parametrize(
    "row, name",
    [
        ("| Enw'r plentyn / Child's name | Jac Bowen |", "Jac Bowen"),
        ("| 1.1 Name used | Hawi TADESSE |", "Hawi"),
        ("| Child(ren) – name, DOB | Leo BARNSLEY, 16/03/2018 |", "Leo"),
    ],
)
def test_the_childs_name_from_a_field_however_the_form_asks_for_it(row, name):
    facts = read(f"# Strategy discussion\n\n| Date | 14/03/2016 |\n|---|---|\n{row}\n")
    assert facts.child.name == name


def test_the_parents_column_beside_the_childs_is_not_the_childs_voice():
    facts = read(
        "# Think Family Strategy Discussion\n\n| Child's name | Finn Doyle |\n|---|---|\n| Date of birth | 06/01/2025 |\n\n"
        "## D. Side by side\n|  | The child's world | Kerry-Ann's world |\n|---|---|---|\n"
        "| Right now | With his grandmother. | Staying with her sister. |\n"
        '| What they have told us | Finn is too young to say. | "I love him. I\'d never do it." |\n'
    )
    assert [s.title for s in facts.voice.sections] == ["The child's world"]
    assert not [e for e in facts.voice.evidence if e.kind == "said"]


def test_a_persons_own_organisation_cell_is_not_what_the_agency_said():
    facts = read(
        record(
            "## Part 2. In the discussion\n| Name | Role | Organisation | Joined by |\n|---|---|---|---|\n"
            "| Nicola Brannigan | Team Manager (chair) | Kestrelford CSC | Teams |\n"
            "| Kerry Anstey | Health Visitor | Kestrelford Community Health (0-19 Service) | Teams |\n\n"
            "## Part 6. What agencies told us\nCSC: the family is not known.\n"
        )
    )
    assert agency(facts, "health-visiting").input_blocks == []


def test_a_childrens_say_column_left_to_be_confirmed_and_the_familys_view():
    facts = read(
        "# Family Plan Review\n\n## D. Our goals\n| Goal | What has happened | Children's say | Score |\n|---|---|---|---|\n"
        "| The house is safe | Stair gate fitted 03/2025. | TBC | 7 |\n| School on time | Attendance 88%. | – | 6 |\n\n"
        '## Family\'s view\nShannon was tearful and said she "had no idea".\n'
    )
    assert [(s.title, s.placeholder) for s in facts.voice.sections] == [("Children's say", True)]
    assert not facts.voice.found


def test_an_organisation_is_credited_when_named_later_without_its_town():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Amir Shah | Young People's Worker | Northbridge Foyer Project (voluntary sector) |\n\n"
            "## Background\nThe Foyer Project said Mason has used the drop-in for food and showers.\n"
        )
    )
    (foyer,) = [a for a in facts.agencies if "foyer" in a.key]
    assert foyer.input_blocks == [block_with(facts, "drop-in")]


def test_a_label_cell_spanning_columns_says_whose_words_the_row_holds(tmp_path):
    import docx

    from strategy_lint.engine import Linter

    d = docx.Document()
    d.add_heading("Strategy discussion record", 1)
    d.add_paragraph("Date of strategy discussion: 14/03/2016")
    people = d.add_table(rows=2, cols=3)
    for cell, text in zip(people.rows[0].cells, ["Name", "Role", "Agency"], strict=True):
        cell.text = text
    for cell, text in zip(
        people.rows[1].cells, ["DC Paula Byrne", "Detective Constable", "Westshire Police"], strict=True
    ):
        cell.text = text
    d.add_paragraph("RELEVANT BACKGROUND INFORMATION")
    grid = d.add_table(rows=2, cols=4)
    for r, (label, text) in enumerate([("Police", "Carl Finch is known for supply of class A."), ("YJS", "")]):
        row = grid.rows[r].cells
        row[0].merge(row[1]).text = label
        row[2].merge(row[3]).text = text
    path = tmp_path / "spans.docx"
    d.save(path)
    facts = Facts(Linter().read(path), lexicon())
    assert [b for b in agency(facts, "police").input_blocks if "Carl Finch" in facts.document.blocks[b].text]


def test_agencies_said_to_be_not_available_did_not_take_part():
    facts = read(
        record(
            "## 1. Introductions and apologies\nPresent (phone): Lorna Black (LB) – Senior SW, EDT (chair).\n"
            "Not available OOH: health (no on-call safeguarding health cover), school (closed).\n"
        )
    )
    assert [p.name for p in facts.participants if p.took_part] == ["Lorna Black"]


def test_an_agency_row_saying_not_known_is_its_input():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Dr Ngozi Okafor | Consultant Paediatrician | Sallowmere General Hospital |\n\n"
            "## Checks\n| Agency | What is held |\n|---|---|\n| Paeds | Not known. |\n| GP | Registered 06/05. |\n"
        )
    )
    assert agency(facts, "paediatrics").input_blocks == [block_with(facts, "Not known.")]
    nk = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Dr Ruth Simmonds | Consultant Community Paed | Marrowfield Community Health |\n\n"
            "## Checks\n| Agency | CH | CWH |\n|---|---|---|\n| Paediatrics | NK | NK |\n"
        )
    )
    assert agency(nk, "paediatrics").input_blocks
    shorthand = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Dr Felix Adeyemi | Consultant Paediatrician | Cawdle General Hospital |\n\n"
            "## Info\n- Paed (Dr A) — from description: pattern could fit slap injury.\n"
        )
    )
    assert agency(shorthand, "paediatrics").input_blocks == [block_with(shorthand, "slap injury")]


def test_how_the_template_says_a_form_travels_is_no_update_action():
    facts = read(
        record(
            "Boxes 5 to 11 are completed after the strategy discussion and the whole form is then sent to "
            "everyone in Box 6.\n\n## Actions\n| Action | Who | By when |\n|---|---|---|\n"
            "| ABE interview | DS Harker | 14/03/2016 |\n"
        )
    )
    assert facts.update_actions == []


def test_a_letters_bold_numbered_lead_in_left_without_an_answer_is_an_empty_voice_part():
    facts = read(
        "# Outcome of strategy discussion\n\n| Child | Rhys PENHALLOW |\n|---|---|\n\n"
        "**5. What each agency told us.** The school has no concerns.\n\n"
        "**6. What we know of Rhys's experience and what he has said.**\n\n"
        "**7. What was decided.** A section 47 enquiry.\n"
    )
    assert [(s.title, s.placeholder) for s in facts.voice.sections] == [
        ("What we know of Rhys's experience and what he has said.", True)
    ]


def test_a_voice_column_left_empty_and_its_question_is_not_the_child_speaking():
    facts = read(
        "# Domestic Abuse Strategy Discussion\n\n## C. The children\n"
        "| Child | DOB / age | Where were they during the incidents? | What has the child said, or how do they present? |\n"
        "|---|---|---|---|\n| Jayden PRICE | 09/01/2014 (11) | At school. |  |\n| Sophie PRICE | 30/06/2016 (8) | In class. |  |\n"
    )
    assert [(s.title, s.placeholder) for s in facts.voice.sections] == [
        ("What has the child said, or how do they present?", True)
    ]
    assert not facts.voice.evidence
    assert facts.child.name == "Jayden"


def test_a_lettered_voice_title_with_a_subtitle_and_the_parents_asking_about_the_baby():
    facts = read(
        "# Neonatal discharge planning and strategy discussion\n\n| Baby | Reuben CASTELL |\n|---|---|\n"
        "| Date of birth | 14/02/2025 |\n\n## B · Ward nursing log\n| Date | Nursing observation |\n|---|---|\n"
        "| 19/03 | Both calm; asked when Reuben can go home |\n\n"
        "## C · Baby's voice: what we see and hear from baby\n"
        "How does baby feed, settle and sleep? How does baby respond to each parent?\n\n## D · Decisions\nS47.\n"
    )
    assert [(s.title, s.placeholder) for s in facts.voice.sections] == [
        ("C · Baby's voice: what we see and hear from baby", True)
    ]
    assert not facts.voice.evidence


def test_participants_from_a_combined_role_and_agency_column():
    facts = read(
        record(
            "## Attendees\n| Name | Role / agency |\n|---|---|\n"
            "| Hannah Reed | Team Manager, Children's Social Care |\n"
            "| Mark Fenwick | Detective Sergeant - Westvale Police |\n"
            "| Sarah Okafor | Health Visitor (Northbrook Health Visiting Team) |\n"
        )
    )
    got = [(p.name, p.role, p.agency, p.agency_key) for p in facts.participants]
    assert got == [
        ("Hannah Reed", "Team Manager", "Children's Social Care", "childrens-social-care"),
        ("Mark Fenwick", "Detective Sergeant", "Westvale Police", "police"),
        ("Sarah Okafor", "Health Visitor", "Northbrook Health Visiting Team", "health-visiting"),
    ]
    assert all(p.combined and p.source == "table" for p in facts.participants)


# -- agencies and their input ------------------------------------------------------------------

AGENCY_RECORD = record(
    "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
    "| Hannah Reed | Team Manager | Children's Social Care |\n"
    "| DS Mark Fenwick | Detective Sergeant | Westvale Police |\n"
    "| Sarah Okafor | Health Visitor | Northbrook Health Visiting Team |\n"
    "| Priya Nair | Clinician | CAMHS |\n"
    "| Jo Hart | Designated Safeguarding Lead | Northbrook Primary School |\n\n"
    "## Reason for the strategy discussion\n"
    "A bruise was seen on Ava's arm at school. The family was referred to CAMHS in 2015.\n\n"
    "## Agency information\n"
    "### Health visiting\nAva has been seen at every contact and is thriving.\n\n"
    "### Other information\n"
    "The school reported that Ava has been tearful this week.\n\n"
    "DS Fenwick said there are no concerns known to the police.\n"
)


def test_agency_input_credited_by_initial_and_surname_or_an_information_column():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Hannah Reed | Team Manager | Children's Social Care |\n"
            "| Priya Lal | School Nurse | 0-19 Public Health Nursing |\n"
            "| Jo Hart | Designated Safeguarding Lead | Northbrook Primary School |\n\n"
            "## Agency updates\nP Lal - Ava known for routine checks only.\nMs Hart said attendance is 97%.\n"
            "Hannah Reed said the family are not known.\n"
        )
    )
    lal = by_name(facts)["Priya Lal"].agency_key
    assert agency(facts, lal).input_blocks and agency(facts, "school").input_blocks
    table = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n| Hannah Reed | Team Manager | Children's Social Care |\n\n"
            "## Consulted\n| Name | Role / agency | How contacted | Information |\n|---|---|---|---|\n"
            "| Dr Priya Menon | GP, Saltham Health Centre | Phone | No safeguarding concerns held. |\n"
        )
    )
    assert agency(table, "gp").input_blocks


def test_a_trusts_safeguarding_nurse_shares_the_trusts_input():
    facts = read(
        record(
            "## Professionals present\n"
            "- Dr Ama Boateng (Consultant Paediatrician, Tarrowby General Hospital)\n"
            "- Kath Dempsey (Named Nurse Safeguarding Children, Ensdale & Tarrowby Hospitals NHS FT)\n"
            "- Sue Marlow (Health Visitor, 0-19 Team Ensdale)\n\n"
            "## Information shared\nDr Boateng said the fracture is not consistent with the account given.\n"
        )
    )
    nurse = agency(facts, by_name(facts)["Kath Dempsey"].agency_key)
    assert nurse.input_blocks == agency(facts, "paediatrics").input_blocks
    # a town's name shared with another service credits nothing
    assert not agency(facts, by_name(facts)["Sue Marlow"].agency_key).input_blocks


def test_a_present_label_with_a_remark_and_a_consulted_field_in_prose():
    facts = read(
        record(
            "## Meeting details\nFormat: ☐ Hospital-based meeting ☐ Teams ☒ Telephone discussion\n"
            "Present (all by telephone): Hannah Reed (Team Manager, Children's Social Care); "
            "DC Amy Shaw (Detective Constable, Westvale Police)\n"
            "Agencies consulted outside the meeting: Dev Patel, DSL at Saltham Primary School, was telephoned "
            "by Hannah Reed at 09:45.\n\n"
            "## Information shared\nMr Patel advised by telephone that there are no concerns at school.\n"
        )
    )
    assert {"Hannah Reed", "DC Amy Shaw"} <= set(by_name(facts))
    assert [c.key for c in facts.contacts if not c.recorded] == []


def test_agency_input_is_credited_by_heading_and_by_subject():
    facts = read(AGENCY_RECORD)
    hv = agency(facts, "health-visiting")
    assert hv.took_part and hv.has_input
    assert hv.input_blocks == [block_with(facts, "seen at every contact")]  # by its heading
    school = agency(facts, "school")
    assert school.input_blocks == [block_with(facts, "The school reported")]  # the line's subject
    police = agency(facts, "police")
    assert police.input_blocks == [block_with(facts, "DS Fenwick said")]  # one of its people, as subject
    assert police.aliases == ["Westvale Police"] and police.name == "Police" and police.known
    assert [p.name for p in police.participants] == ["DS Mark Fenwick"]


def test_agency_input_is_not_credited_by_a_passing_mention():
    facts = read(AGENCY_RECORD)
    camhs = agency(facts, "camhs")
    assert camhs.took_part
    assert camhs.input_blocks == [] and not camhs.has_input  # "referred to CAMHS" is not CAMHS speaking
    # the same agency as the subject of the line is its input
    spoke = read(
        AGENCY_RECORD.replace(
            "The family was referred to CAMHS in 2015.", "CAMHS said the family is not known to them."
        )
    )
    assert agency(spoke, "camhs").input_blocks == [block_with(spoke, "CAMHS said")]
    assert agency(spoke, "camhs").no_concerns  # "not known to them" is recorded as nothing of concern


def test_no_concerns_is_recorded_input():
    facts = read(AGENCY_RECORD)
    assert agency(facts, "police").no_concerns
    assert not agency(facts, "school").no_concerns
    assert not agency(facts, "health-visiting").no_concerns


def test_an_agency_contacted_outside_the_meeting():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Hannah Reed | Team Manager | Children's Social Care |\n\n"
            "## Agency information\n"
            "The GP was contacted by telephone on 13/03/2016 and said Ava is up to date with her immunisations.\n"
        )
    )
    gp = agency(facts, "gp")
    assert gp.contacted and not gp.took_part and gp.participants == []
    assert [(c.key, c.block, c.how, c.recorded) for c in facts.contacts] == [
        ("gp", block_with(facts, "The GP was contacted"), "by telephone", False)
    ]


# -- the child's voice -------------------------------------------------------------------------

VOICE_HEAD = record(
    "## Child details\nName of child: Lily Marsh\nDate of birth: 02/05/2008\n\n"
    "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
    "| Hannah Reed | Team Manager | Children's Social Care |\n\n"
)


def test_voice_from_a_section_titled_for_the_child():
    facts = read(VOICE_HEAD + "## What Lily has said\nShe does not want to go home when her stepfather is there.\n")
    voice = facts.voice
    assert facts.child.name == "Lily Marsh"
    assert [(s.title, s.placeholder) for s in voice.sections] == [("What Lily has said", False)]
    assert "does not want to go home" in voice.sections[0].content
    assert voice.found
    line = block_with(facts, "does not want to go home")
    assert ("section", line) in [(e.kind, e.block) for e in voice.evidence]


def test_voice_from_the_childs_words_in_the_background():
    facts = read(VOICE_HEAD + "## Background\nLily told her teacher that she is scared of her stepfather.\n")
    voice = facts.voice
    assert voice.sections == []
    assert [(e.kind, e.block) for e in voice.said] == [("said", block_with(facts, "Lily told her teacher"))]
    assert voice.found


def test_a_disclosure_that_has_not_happened_is_not_the_childs_voice():
    facts = read(VOICE_HEAD + "## Decision\nNo medical is needed unless Lily discloses further injuries.\n")
    assert facts.voice.evidence == [] and facts.voice.sections == []
    assert not facts.voice.found
    # ... and one that has, is
    told = read(VOICE_HEAD + "## Decision\nLily disclosed further injuries to her teacher.\n")
    assert [e.block for e in told.voice.said] == [block_with(told, "Lily disclosed")]


def test_a_child_who_has_not_said_anything_is_not_the_childs_voice():
    for sentence in (
        "ABE interviews are not planned, as neither child has said anything of concern.",
        "Lily has not said anything to staff about home.",
        "Lily said nothing when asked about the bruise.",
    ):
        assert read(VOICE_HEAD + f"## Decision\n{sentence}\n").voice.said == [], sentence
    # a negation a clause away is not the child's silence
    spoke = read(VOICE_HEAD + '## Decision\nLily did not want to talk at first, but said "Daddy hurt me".\n')
    assert [e.block for e in spoke.voice.said] == [block_with(spoke, "Daddy hurt me")]


def test_a_voice_section_holding_only_a_placeholder():
    facts = read(VOICE_HEAD + "## Child's voice\nN/A\n")
    assert [(s.title, s.placeholder) for s in facts.voice.sections] == [("Child's voice", True)]
    assert facts.voice.evidence == [] and not facts.voice.found


def test_a_generic_wishes_and_feelings_label_is_not_the_childs_words():
    facts = read(VOICE_HEAD + "## Background\nChild's wishes and feelings: not yet gathered.\n")
    assert facts.voice.said == []


def test_an_inline_views_label_for_a_non_verbal_child():
    facts = read(VOICE_HEAD + "## Background\nLily's views: Lily is non-verbal and was unable to give her views.\n")
    assert [s.title for s in facts.voice.sections] == ["Lily's views"]
    assert facts.child.preverbal and "non-verbal" in facts.child.preverbal_reason
    assert facts.voice.too_young and facts.voice.said == []


def test_the_childs_quoted_words_given_by_a_pronoun_or_a_colon():
    facts = read(
        VOICE_HEAD + "## Information shared\nJade Simmons advised that Lily has attended the group for a year. "
        'Last week she told Jade, "he\'s the only one who actually gets me".\n'
    )
    [said] = facts.voice.said
    assert said.block == block_with(facts, "Last week she told Jade")
    colon = read(
        VOICE_HEAD + "## Information shared\nLily in return interview (KM): \"I'm not a kid, they're my mates.\"\n"
    )
    assert len(colon.voice.said) == 1
    # a parent quoted about the child is not the child's voice; nor is a short quoted nickname
    mum = read(
        VOICE_HEAD + '## Information shared\nLily\'s mum said: "she is out of control at home". '
        'Police are looking for "Jay" and his associates.\n'
    )
    assert mum.voice.said == []


def test_a_voice_form_with_nothing_filled_in_is_a_placeholder():
    facts = read(
        VOICE_HEAD
        + "## Child's voice\nSeen and spoken to: ☐ Yes ☐ No\n\nWhat was said: To follow – SW to see Lily 13/05\n\n"
        "Where: -\n"
    )
    assert facts.voice.sections and all(s.placeholder for s in facts.voice.sections)
    assert not facts.voice.found
    late = read(VOICE_HEAD + "## Background\nLily's views: to follow – return home interviews not yet done.\n")
    assert [s.placeholder for s in late.voice.sections] == [True] and late.voice.said == []
    given = read(
        VOICE_HEAD
        + "## Child's voice\nSeen and spoken to: ☒ Yes ☐ No\n\nWhat was said: she wants to stay with her nan.\n"
    )
    assert given.voice.found


def test_a_sentence_that_is_not_about_the_child_observes_nothing():
    facts = read(
        VOICE_HEAD + "## Information shared\nPaeds (Dr Venkat): no medical needed unless Lily discloses "
        "or review finds images of her. Happy to advise the day team.\n"
    )
    assert facts.voice.observed == []


def test_a_baby_is_preverbal():
    facts = read(record("## Child details\nName of child: Lily Marsh\nDate of birth: 02/05/2024\n", date="14/03/2025"))
    child = facts.child
    assert (child.dob, child.age_months) == (dt.date(2024, 5, 2), 10)
    assert child.preverbal and "10 months" in child.preverbal_reason


# -- actions and deadlines ---------------------------------------------------------------------

ACTIONS = record(
    "## Attendees\n- Hannah Reed (Team Manager, Children's Social Care)\n- Tom Ellis (Social Worker, Children's Social Care)\n\n"
    "## Actions\n| Action | Who | By when |\n|---|---|---|\n"
    "| Home visit to see the children | Tom Ellis | by 14/03 |\n"
    "| Police checks on the partner | DS Fenwick | by 14/01 |\n"
    "| Strategy review | Hannah Reed | Fri 20/03 |\n"
    "| School to share attendance records | Jo Hart | Fri 24/01 |\n"
    "| Email the outcome to everyone who took part | Hannah Reed | 23/01/2025 |\n"
    "| Share the outcome with mother | Tom Ellis | ASAP |\n",
    date="21/01/2025",
)


def action(facts: Facts, starts: str):
    found = [a for a in facts.actions if a.text.startswith(starts)]
    assert len(found) == 1, (starts, [a.text for a in facts.actions])
    return found[0]


def test_agency_updates_under_a_tasks_heading_are_not_actions_when_an_action_table_exists():
    facts = read(
        record(
            "## Strategy meeting tasks\nPolice (ZH): call from Mrs Bowen at 22:55, officers attended.\n"
            "School (GW): no concerns, attendance 93%.\nGP to send the records by 20/03/2016.\n\n"
            "## Actions\n| Task | Responsible | Timescale |\n|---|---|---|\n| Home visit | Tom Ellis | 15/03/2016 |\n"
        )
    )
    texts = [a.text for a in facts.actions]
    assert not any(t.startswith(("Police", "School")) for t in texts), texts
    assert any(t.startswith("GP to send") for t in texts) and "Home visit" in texts


def test_yearless_deadlines_resolve_against_the_meeting_date():
    facts = read(ACTIONS)
    assert facts.meeting.date == dt.date(2025, 1, 21)
    visit = action(facts, "Home visit")
    assert (visit.deadline.text, visit.deadline.kind, visit.deadline.due) == ("by 14/03", "date", dt.date(2025, 3, 14))
    assert visit.deadline.is_real and not visit.deadline.before_meeting
    # the next such date on or after the meeting: 14 January is next year's
    checks = action(facts, "Police checks")
    assert checks.deadline.due == dt.date(2026, 1, 14)
    assert visit.owner == "Tom Ellis" and visit.owner_status == "named"
    assert visit.source == "table" and visit.confidence is Confidence.HIGH
    assert visit.block == block_with(facts, "Home visit to see the children")
    assert visit.deadline_block == block_with(facts, "by 14/03")


def test_a_weekday_that_contradicts_its_date_is_noted_not_corrected():
    facts = read(ACTIONS)
    review = action(facts, "Strategy review")
    assert dt.date(2025, 3, 20).strftime("%A") == "Thursday"
    assert review.deadline.due == dt.date(2025, 3, 20)  # the date as written, not the Friday
    assert review.deadline.weekday_conflict == "Fri"
    assert action(facts, "School to share").deadline.weekday_conflict == ""  # 24/01/2025 is a Friday


def test_a_word_that_is_not_a_deadline():
    dl = action(read(ACTIONS), "Share the outcome").deadline
    assert dl.kind == "none" and not dl.is_real and dl.due is None and dl.reason


def test_update_all_agencies_in_paraphrase_but_not_telling_the_mother():
    facts = read(ACTIONS)
    assert action(facts, "Email the outcome").intent == "update-agencies"
    assert action(facts, "Share the outcome with mother").intent is None
    assert [a.text for a in facts.update_actions] == ["Email the outcome to everyone who took part"]


def test_update_all_agencies_promised_in_a_sentence_anywhere():
    facts = read(
        record(
            "## Next steps\nThe outcome will be emailed to all who took part by 23/01.\n"
            "Mother will be told the outcome by 22/01.\n",
            date="21/01/2025",
        )
    )
    assert facts.actions == []
    [update] = facts.update_actions
    assert update.source == "sentence" and update.intent == "update-agencies" and not update.stated
    assert update.deadline.due == dt.date(2025, 1, 23)
    assert update.confidence is Confidence.MEDIUM
    assert update.block == block_with(facts, "emailed to all who took part")


def test_an_owner_that_names_nobody():
    facts = read(
        record(
            "## Actions\n| Action | Who | By when |\n|---|---|---|\n"
            "| Medical assessment | | 15/03/2016 |\n| Share information | All agencies | 15/03/2016 |\n"
        )
    )
    assert action(facts, "Medical").owner_status == "missing"
    assert action(facts, "Share information").owner_status == "generic"


# -- who asked for it --------------------------------------------------------------------------

REQUEST_HEAD = record(
    "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
    "| Hannah Reed | Team Manager | Children's Social Care |\n"
    "| DC Amy Shaw | Detective Constable | Westvale Police |\n\n"
)


def test_request_found_in_a_sentence():
    facts = read(
        REQUEST_HEAD + "## Reason for the strategy discussion\nA bruise was seen on the child's arm. "
        "It was requested by DC Shaw after she saw the child.\n"
    )
    request = facts.request
    assert request.found and request.how == "sentence"
    assert "requested by DC Shaw" in request.by
    assert request.block == block_with(facts, "requested by DC Shaw")


@pytest.mark.parametrize(
    "line",
    [
        "Strat req by DS Kamal Hussain (PPU) – call to Front Door 08:50 Fri 07/11.",
        "DSL req'd strat mtg after Lily's disclosure at 10:20.",
        "Request and arrangements. Req by Wexcombe Police offender mgr (DC Anil Sharma) 14:20 Mon 28/04.",
    ],
)
def test_a_request_in_shorthand(line):
    facts = read(REQUEST_HEAD + f"## Background\nBruise seen on arm at school.\n{line}\n")
    assert facts.request.found and facts.request.how == "sentence"
    assert facts.request.block == block_with(facts, line[:12])


def test_an_asked_for_by_field_whose_guidance_asks_for_a_date():
    facts = read(
        REQUEST_HEAD
        + "| Asked for by (name, agency, date) | PS Dan Hurley, Northfold Police, by phone to EDT at 22:58 |\n|---|---|\n"
    )
    assert facts.request.found and facts.request.how == "field"
    assert facts.request.by.startswith("PS Dan Hurley")


def test_request_found_in_a_field():
    facts = read(REQUEST_HEAD + "## Reason for the strategy discussion\nRequested by: DC Amy Shaw, Westvale Police\n")
    request = facts.request
    assert (request.found, request.how, request.by) == (True, "field", "DC Amy Shaw, Westvale Police")
    assert request.block == request.field_block == block_with(facts, "Requested by")


def test_a_request_labels_guidance_wrapped_onto_its_own_line_names_nobody():
    # a PDF form's label cell wraps: "Requested by (name, agency," / "date, time)", value empty
    facts = read(
        REQUEST_HEAD + "## Part A\nRequested by (name, agency,\n\ndate, time)\n\n"
        "## Reason for the strategy discussion\nReferral from the school about a bruise.\n"
    )
    assert not facts.request.found
    # a wrapped label whose value the PDF line carries on with is still the request
    merged = read(
        REQUEST_HEAD + "## Part A\n1.7 Strategy discussion requested by (name, role, Mrs Jane Kirby, DSL, "
        "Oakfield Primary School – strategy requested in her referral to MASH\n"
    )
    assert merged.request.found


def test_a_referral_is_not_a_request():
    facts = read(
        REQUEST_HEAD + "## Reason for the strategy discussion\n"
        "Referral from the school about a bruise on the child's arm.\n"
    )
    request = facts.request
    assert not request.found and request.by == "" and request.block is None
    assert request.confidence is Confidence.HIGH  # every line was read: sure it is not there
    asked = read(
        REQUEST_HEAD + "## Reason for the strategy discussion\nReferral from the school about a bruise on "
        "the child's arm. The school requested a strategy discussion.\n"
    ).request
    assert asked.found and asked.by == "The school requested a strategy discussion."


def test_request_in_a_long_sentence_about_the_meeting():
    facts = read(
        REQUEST_HEAD + "## Meeting details\nThe strategy meeting was held at Riverside House and was requested "
        "by Mrs Jennings, DSL, when she made the referral.\n"
    )
    assert facts.request.found and facts.request.how == "sentence"
    wrote = read(
        REQUEST_HEAD + "## Meeting details\nThe strategy meeting was requested in writing on 22 May 2025 by "
        "Dr Marsh, Consultant Paediatrician.\n"
    )
    assert wrote.request.found
    assert not read(
        REQUEST_HEAD + "## Meeting details\nThe strategy meeting was not requested by the school.\n"
    ).request.found


@pytest.mark.parametrize(
    "line",
    [
        "Initiating agency: Westvale Police",
        "Strategy sought by: health",
        "Reason for strategy and who requested it: DS Shaw asked for it after the disclosure.",
        "DS Shaw wanted a strategy discussion held urgently.",
        "Strategy discussion held upon request from the school.",
        "Strategy discussion request received from Westvale Police on 13/03/2016.",
        "Strat asked for by PS Dace (police) on handover call 09:05.",
        "ESM called by Louise Kent, Social Worker, Exploitation Team, after Tia was found in Lowhaven.",
    ],
)
def test_more_ways_of_saying_who_asked(line):
    assert read(REQUEST_HEAD + "## Background\n" + line + "\n").request.found


def test_a_question_asking_who_asked_is_not_the_answer():
    asked = "## 1. Questions\nWho asked for this discussion, and why now?\n"
    referral = read(REQUEST_HEAD + asked + "The DSL made a referral to the Front Door at 11:40.\n").request
    assert not referral.found  # the question is the template's; its answer names only a referral
    answered = read(
        REQUEST_HEAD + asked + "Owen Pritchard asked for a strategy discussion when he phoned at 16:10.\n"
    ).request
    assert answered.found and answered.by.startswith("Owen Pritchard asked")


def test_a_request_field_pointing_to_another_part_is_followed():
    head = REQUEST_HEAD + "## Part 2\nRequested by: See Part 6\n\n## Part 6\n"
    silent = read(head + "Date / time: 13:00 - 13:45. The GP made the referral.\n").request
    assert not silent.found and not silent.field_empty  # the pointer is not a name, nor a blank
    said = read(head + "DS Kerr requested a strategy discussion at 09:10.\n").request
    assert said.found and said.how == "sentence"


@pytest.mark.parametrize(
    "value",
    [
        "Tue 11/02/25, 10:00–10:45, Teams. Chair: Hannah Birtwhistle (HB) TM Locality SW Team.",
        "Mon 07/07/25, Teams, 10:00-10:50",
        "PPN from police (DA, high risk) rec'd by Front Door 04:10 Sun 11/05. Screened by duty SW 08:45.",
    ],
)
def test_a_who_asked_answer_that_gives_only_when_how_or_the_referral(value):
    label = "## Q2. When and how did we meet, and who asked for it?\n"
    assert not read(REQUEST_HEAD + label + value + "\n").request.found
    named = read(REQUEST_HEAD + label + value + " Asked for by DS Oyelaran (OCAIT), phone 09:10.\n").request
    assert named.found


# -- the meeting ---------------------------------------------------------------------------------


def test_meeting_date_from_a_shorthand_line():
    facts = read(
        "# Strategy Discussion Record\n\nStrat: Tue 21/01/2025 10:00\n\n"
        "## Attendees\n- Hannah Reed (Team Manager, Children's Social Care)\n"
    )
    meeting = facts.meeting
    assert meeting.date == dt.date(2025, 1, 21)
    assert meeting.date_block == block_with(facts, "Strat: Tue 21/01/2025")
    assert not meeting.date_from_text


def test_a_dated_log_gives_no_meeting_date():
    log = (
        "# Serious Event Notification and Strategy Record\n\n## Box 3 Shift log\n"
        "| Date and time | Staff | Entry |\n|---|---|---|\n"
        "| Tue 01/04/2025 17:50 | JM | R went out after tea. |\n| Tue 01/04/2025 21:45 | KB | Reported missing. |\n\n"
    )
    assert read(log).meeting.date is None
    held = read(log + "## Box 5 The strategy discussion\n| Date | Time |\n|---|---|\n| Wed 02/04/2025 | 11:00 |\n")
    assert held.meeting.date == dt.date(2025, 4, 2)


def test_meeting_date_and_mode_from_a_held_on_sentence():
    facts = read(
        "# Strategy Discussion Record\n\n## Reason for the strategy discussion\n"
        "The strategy discussion was held on 14 March 2016 by telephone.\n"
    )
    meeting = facts.meeting
    assert (meeting.date, meeting.date_from_text, meeting.mode) == (dt.date(2016, 3, 14), True, "phone")


def test_no_meeting_date():
    meeting = read("# Strategy Discussion Record\n\n## Meeting details\nTime: 10:00\n").meeting
    assert meeting.date is None and meeting.date_block is None
    dated = read("# Strategy Discussion Record\n\n## Meeting details\nDate: 14/03/2016\nTime: 10:00\n").meeting
    assert dated.date == dt.date(2016, 3, 14) and dated.date_block is not None


def test_the_chair_from_a_field_and_from_the_attendees():
    facts = read(record("Chair: Hannah Reed, Team Manager, Children's Social Care\n"))
    chair = facts.meeting.chair
    assert (chair.name, chair.role, chair.agency_key) == ("Hannah Reed", "Team Manager", "childrens-social-care")
    assert facts.meeting.chair_block == block_with(facts, "Chair:")
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Grace Holt | Practice Manager (Chair) | Children's Social Care |\n"
        )
    )
    assert (facts.meeting.chair.name, facts.meeting.chair.role) == ("Grace Holt", "Practice Manager")


def test_a_numbered_chair_field_and_a_sign_off_row_of_fields():
    facts = read(
        record(
            "| 1.8 Chair | Louise Fairbank, Team Manager, Harlowfield MASH |\n|---|---|\n\n"
            "## Actions\n| Action | Owner | Deadline |\n|---|---|---|\n"
            "| Circulate this record to all agencies | Rhian Powell | 15/03/2016 |\n\n"
            "## Sign-off\nChair: Louise Fairbank     OIC: DC Sophie Ingham     Date: 14/03/2016\n"
        )
    )
    chair = facts.meeting.chair
    assert (chair.name, chair.role) == ("Louise Fairbank", "Team Manager")
    assert facts.meeting.chair_block == block_with(facts, "Harlowfield MASH")
    # the sign-off row is three fields, none of them an action
    assert [a.text for a in facts.actions] == ["Circulate this record to all agencies"]
    only_sign_off = read(record("## Sign-off\nChair: Louise Fairbank     OIC: DC Sophie Ingham     Date: 14/03/2016\n"))
    assert only_sign_off.meeting.chair.name == "Louise Fairbank"
    assert "OIC" not in only_sign_off.meeting.chair.role


def test_edt_took_the_call_but_a_day_team_chaired():
    asked = read(
        record(
            "## Meeting details\nChair: Mandy Clarke, Team Manager, Children's Social Care. Day team chaired, "
            "see below re EDT.\nRequested by PC Hart, who asked EDT for a strategy discussion at 23:50.\n"
        )
    )
    assert asked.meeting.edt_involved and asked.meeting.led_by is None
    led = read(
        record(
            "## Meeting details\nLed and chaired by: Martin Shaw, Emergency Duty Team Manager, Children's Social Care\n"
        )
    )
    assert led.meeting.led_by == "edt"


def test_a_shorthand_who_part_led_out_of_hours_with_the_childs_own_column():
    facts = read(
        "# Think Family Strategy Discussion\n\n## A. Household\n- Jayden Fiske DOB 05/10/2014 (10)\n\n"
        "## B. Why\nHeld by phone Sat 22/02/2025 23:30. Chaired by Angela Burrows, EDT Senior Practitioner.\n\n"
        "## C. Who\n- Angela Burrows – Senior Practitioner, EDT\n- PS Gary Lund – Response Sgt, Orrin Valley Police\n"
        "- Ros Keane – AMHP, Orrinsford Council\n\nNo health at strat – OOH.\n\n"
        "## D. Jayden / Natalie\n| Jayden | Natalie |\n|---|---|\n"
        "| Seen at uncle's 22:50. Calm, eating toast, in uncle's hoodie. Said: \"Mum grabbed my arm to make me run.\" "
        "| Very distressed, frightened, believes the family is being watched. Not taking her medication. |\n"
    )
    people = by_name(facts)
    assert list(people) == ["Angela Burrows", "PS Gary Lund", "Ros Keane"]
    assert (people["PS Gary Lund"].role, people["Ros Keane"].role) == ("Response Sgt", "AMHP")
    assert facts.meeting.led_by == "edt"
    assert facts.meeting.led_by_block == block_with(facts, "Chaired by Angela Burrows")
    # the cell under the child's own column is about the child; the mother's is not
    assert [e.block for e in facts.voice.evidence if e.kind == "said"] == [block_with(facts, "Calm, eating toast")]
    day = read(
        record("## Meeting details\nChaired by Jo Bell, Team Manager, who took the handover from EDT at 09:00.\n")
    )
    assert day.meeting.edt_involved and day.meeting.led_by is None


def test_a_letter_that_says_the_discussion_was_held_that_morning_and_chaired_as_edt():
    facts = read(
        "# Outcome of strategy discussion\n\n2. The discussion. PS Ryan Coll telephoned the Emergency Duty Team at "
        "00:20 on Saturday 15 November 2025 and asked for a strategy discussion. I held the discussion by telephone "
        "conference between 01:30 and 02:10 that morning and chaired it as the EDT Senior Practitioner on duty.\n"
    )
    assert facts.meeting.date == dt.date(2025, 11, 15)
    assert facts.meeting.led_by == "edt"


# -- follow-ups ------------------------------------------------------------------------------------

FOLLOWUP_HEAD = record(
    "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
    "| Hannah Reed | Team Manager | Children's Social Care |\n"
    "| DS Mark Fenwick | Detective Sergeant | Westvale Police |\n\n"
    "## Update (18/03/2016)\n"
    "The review strategy discussion booked for 21/03/2016 was cancelled as the enquiry has concluded."
)


def test_a_cancelled_review_with_nobody_told():
    facts = read(FOLLOWUP_HEAD + "\n")
    [followup] = facts.followups
    assert followup.status == "cancelled"
    assert followup.block == block_with(facts, "was cancelled")
    assert "review strategy discussion" in followup.text
    assert not followup.agencies_told and followup.told_block is None


def test_a_cancelled_review_with_the_agencies_told():
    facts = read(FOLLOWUP_HEAD + " Hannah Reed informed all agencies of the cancellation by email on 18/03/2016.\n")
    [followup] = facts.followups
    assert followup.status == "cancelled" and followup.agencies_told
    assert followup.told_block == block_with(facts, "informed all agencies")


def test_a_service_not_required_is_not_a_cancelled_followup():
    assert read(record("## Decision\nA medical is not required.\n")).followups == []
    # deciding against a review is not cancelling one; a booked review found not needed is
    assert read(record("## Decision\nFollow-up strategy: not needed - no section 47.\n")).followups == []
    assert read(record("## Decision\nA review strategy discussion is not required.\n")).followups == []
    [review] = read(
        record("## Update\nThe review strategy discussion booked for 21/03/2016 is not required.\n")
    ).followups
    assert review.status == "cancelled"


def test_follow_up_and_photograph_wording_comes_from_the_lexicon_and_a_config_extends_it():
    """The words for a cancelled review and for injuries live in phrases.toml, so a local
    authority's own wording ("shelved", "abrasion") is one configuration line, checked by name."""
    shelved = FOLLOWUP_HEAD.replace("was cancelled", "was shelved") + "\n"
    photo = record("## Reason for the strategy discussion\nThe DSL photographed the abrasion on the child's knee.\n")
    assert read(shelved).followups == [] and read(photo).photographs == []
    local = default_lexicon().extend({"phrases": {"cancel_terms": ["shelved"], "injury_terms": ["abrasion"]}})
    [followup] = Facts(build_structure(parse_markdown(shelved), local), lexicon=local).followups
    assert followup.status == "cancelled" and not followup.agencies_told
    [taken] = Facts(build_structure(parse_markdown(photo), local), lexicon=local).photographs
    assert not taken.medical and taken.of_child
    for name in ("cancel_terms", "followup_words", "injury_terms", "expected_images", "medical_photo_terms"):
        assert lexicon().phrase_list(name), name


def test_an_owner_written_into_the_action_cell():
    facts = read(
        record(
            "## Actions\n| Action | Who | By when |\n|---|---|---|\n"
            "| Offer a carer's assessment to Joanne. Lead: CSC (Disabled Children's Team) |  | 04/07/2016 |\n"
            "| Refer to the parenting programme |  | 04/07/2016 |\n"
        )
    )
    owners = {a.text.split()[0]: a.owner_status for a in facts.actions}
    assert owners == {"Offer": "named", "Refer": "missing"}


def test_a_line_that_opens_the_list_is_not_a_participant():
    facts = read(
        record(
            "## Attendance\nPresent in the meeting room at Mere House, Ashby Mere, or on Teams:\n"
            "| Name | Role / agency | Attended |\n|---|---|---|\n"
            "| Helen Marchetti | Team Manager (Chair), Children's Social Care | In person |\n"
        )
    )
    assert set(by_name(facts)) == {"Helen Marchetti"}


def test_a_name_is_not_an_injury():
    facts = read(
        record(
            "## Actions\n- Mark Dyer will pass any information about images from the party to DC Lowe by 17/03/2016.\n"
        )
    )
    assert facts.photographs == []


# -- photographs -----------------------------------------------------------------------------------


def test_photographs_by_a_school_but_not_by_a_paediatrician():
    facts = read(
        record(
            "## Reason for the strategy discussion\nThe DSL photographed the bruises on the child's arm on her phone.\n"
        )
    )
    [photo] = facts.photographs
    assert photo.block == block_with(facts, "The DSL photographed")
    assert "photographed the bruises" in photo.text
    assert not photo.medical and photo.of_child
    # medical photography is listed as medical (SL701 leaves it alone); photographs not taken are not listed
    [medical] = read(
        record(
            "## Reason for the strategy discussion\nThe paediatrician photographed the bruises on the "
            "child's arm during the child protection medical.\n"
        )
    ).photographs
    assert medical.medical and medical.by == "paediatrics"
    assert (
        read(
            record(
                "## Reason for the strategy discussion\nNo photographs were taken of the bruises; "
                "a body map was completed.\n"
            )
        ).photographs
        == []
    )
    # an adult's injuries photographed by police are not the child's
    [adult] = read(
        record("## Reason for the strategy discussion\nPolice photographed Ms Reilly's injuries at the scene.\n")
    ).photographs
    assert not adult.of_child


# -- how well the record was read ------------------------------------------------------------------


def test_the_reading_says_how_well_the_layout_was_understood():
    tiny = read("## Notes\nA bruise.\n").reading
    assert tiny.understood is Confidence.LOW and tiny.text is Confidence.LOW and tiny.notes
    full = read(
        AGENCY_RECORD + "\n## Decision\nSection 47 enquiry agreed.\n\n## Actions\n- Tom Ellis to visit by 15/03/2016\n"
        "\n## Child's voice\nAva said she likes school.\n"
    ).reading
    assert full.understood is Confidence.HIGH and full.text is Confidence.HIGH and full.notes == []
    assert full.words >= 40 and full.recognised_sections >= 5


# -- the object itself ------------------------------------------------------------------------------


def test_each_reading_is_computed_once():
    facts = read(AGENCY_RECORD)
    people = facts.participants
    assert len(people) == 5 and facts.participants is people
    agencies = facts.agencies
    assert agencies[0].participants[0] is people[0]  # agencies are built on the same participants
    assert facts.agencies is agencies


_SEEN: list = []


class _First(Rule):
    code = "XT001"
    name = "first-reader"
    summary = "Test: records the reading it sees."
    default_severity = Severity.INFO

    def check(self, document, ctx):
        _SEEN.append((ctx.facts, ctx.facts.participants))
        yield Report("{who} took part.", values={"who": ctx.facts.participants[0].name})


class _Second(_First):
    code = "XT002"
    name = "second-reader"


def test_every_rule_gets_the_same_reading_of_a_record():
    _SEEN.clear()
    findings = lint(AGENCY_RECORD, select=["XT"], rules=[_First, _Second])
    assert [f.code for f in findings] == ["XT001", "XT002"]
    (facts_a, people_a), (facts_b, people_b) = _SEEN
    assert facts_a is facts_b and people_a is people_b
    assert findings[0].message == '"Hannah Reed" took part.'
    assert findings[0].shown_message(excerpts=False) == '"…" took part.'


def test_small_questions():
    facts = read(AGENCY_RECORD)
    assert facts.is_placeholder("TBC") and facts.is_placeholder("N/A")
    assert not facts.is_placeholder("Hannah Reed")
    assert "police" in facts.agencies_named_in("DC Shaw from CAIT said there is no trace.")
    assert facts.agencies_named_in("Tom Hale, DSL") == ["school"]


def test_to_dict_is_plain_json():
    data = read(ACTIONS).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["meeting"]["date"] == "2025-01-21"
    assert data["reading"]["understood"] in ("low", "medium", "high")
    assert {"text": "Fri 20/03", "due": "2025-03-20", "weekday_conflict": "Fri"}.items() <= data["actions"][2][
        "deadline"
    ].items()


# -- strategy-lint dump --facts ----------------------------------------------------------------------

FACT_KEYS = {
    "reading",
    "meeting",
    "request",
    "child",
    "participants",
    "agencies",
    "contacts",
    "entry_lines",
    "empty_attendee_lists",
    "voice",
    "actions",
    "update_actions",
    "followups",
    "photographs",
}


def test_dump_facts_prints_the_reading_as_json(tmp_path):
    path = tmp_path / "record.md"
    path.write_text(AGENCY_RECORD, encoding="utf-8")
    proc = run_cli("dump", "--facts", str(path))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == FACT_KEYS
    assert data["meeting"]["date"] == "2016-03-14"
    assert [p["name"] for p in data["participants"]][:2] == ["Hannah Reed", "DS Mark Fenwick"]
    police = next(a for a in data["agencies"] if a["key"] == "police")
    assert police["took_part"] and police["no_concerns"] and police["input_blocks"]
    assert {"sections", "evidence", "too_young", "too_young_block"} <= set(data["voice"])
    # without --facts it is the document model, not the reading
    model = json.loads(run_cli("dump", str(path)).stdout)
    assert "blocks" in model and "participants" not in model
    # a file that cannot be read is one line, no traceback
    proc = run_cli("dump", "--facts", str(tmp_path / "missing.md"))
    assert proc.returncode == 2
    assert proc.stdout == "" and "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_not_known_in_an_agencys_checks_cell_is_its_input():
    facts = read(
        "# Strategy discussion\n\n## Agencies contacted\n| Agency | Contact name | Method | Outcome of checks |\n|---|---|---|---|\n"
        "| Calderwick Early Help Hub | Duty worker | System check | Not known |\n"
        "| Westshire Police | DC Tariq Hussain | System checks | |\n"
    )
    by_key = {a.key: a for a in facts.agencies}
    assert by_key["early-help"].has_input
    assert not by_key["police"].has_input  # an empty cell is still nothing said


def test_the_worker_who_made_the_call_does_not_list_the_agency_they_called():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Nadia Quereshi | Safeguarding Children Nurse | Calderwick Hospitals NHS FT |\n\n"
            "## Background\n"
            "Nadia Quereshi had spoken by telephone to Dr Matthew Hobbs, GP at Brook Street Surgery, before the "
            "meeting. Dr Hobbs said the practice had no safeguarding information.\n"
        )
    )
    assert [(c.key, c.recorded) for c in facts.contacts] == [("gp", False)]


def test_an_agency_the_child_was_referred_to_is_not_a_contact():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Ben Ashworth | Social Worker | Children's Social Care |\n\n"
            "## Agency checks\n| Agency | Information |\n|---|---|\n"
            "| GP (Harwood Health Centre) | Checked by BA by phone – seen in February for low mood, referred to "
            "CAMHS, on waiting list. |\n"
        )
    )
    assert "camhs" not in {c.key for c in facts.contacts}


def test_input_credited_to_an_agency_that_opens_a_sentence_or_a_cells_part():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Chloe Rampling | Social Worker | Children's Social Care |\n"
            "| Tanya Ellwood | Manager | Little Stars Pre-School |\n"
            "| Paula Grint | Social Worker | Westshire Adult Social Care |\n\n"
            "## Child's views\n"
            "Amara (3) was not spoken to. Pre-school staff describe her as bright and well cared for.\n\n"
            "## Agency information\n"
            "CSC: known as a child. / Learning Disability Team (adult social care): mother open since 2024.\n"
        )
    )
    assert agency(facts, "nursery").has_input
    assert agency(facts, "adult-social-care").has_input


def test_an_unticked_edt_option_does_not_say_edt_led_or_how_it_was_held():
    facts = read(
        record(
            "## Meeting details\n"
            "| Type | ☐ Face to face ☒ Virtual (Teams) ☐ Telephone strategy discussion |\n|---|---|\n"
            "| Led by | ☒ Day team ☐ EDT (out of hours) |\n"
            "| Chair | Victoria Stannard, Team Manager, Children's Social Care |\n\n"
            "## Reason\nThe police notice went to EDT overnight and was handed over at 09:00.\n"
        )
    )
    assert facts.meeting.led_by is None and facts.meeting.mode == "virtual"
    ticked = read(record("## Meeting details\n| Led by | ☐ Day team ☒ EDT (out of hours) |\n|---|---|\n"))
    assert ticked.meeting.led_by == "edt"


def test_an_email_subject_is_not_the_childs_name():
    facts = read(
        "Subject: Strategy discussion outcome – D.L.\n\n## Reason\n"
        "Dylan Lowe, 15 (DOB 18/10/2010), lives with his mother.\n"
        'D told the youth worker he was "scared to go out".\n'
    )
    assert facts.child.name == "Dylan"
    assert facts.voice.evidence


def test_a_named_midwife_shares_the_input_of_the_maternity_service_she_advises():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Lorna Greaves | Named Midwife for Safeguarding | |\n"
            "| Lorraine Gibb | Community Midwife | SGH Maternity |\n\n"
            "## Agency information\nMaternity: Jade booked late and missed two appointments.\n"
        )
    )
    named = [a for a in facts.agencies if any(p.name == "Lorna Greaves" for p in a.participants)]
    assert named and named[0].has_input


@pytest.mark.parametrize(
    "after",
    [
        "Chair: Stephen Mayhew, Team Manager",
        "Date and time of request: 03/03/2026 11:50",
        "Q3. Who lives in the household and who else may be at risk?",
    ],
)
def test_an_empty_request_field_is_not_filled_by_the_field_after_it(after):
    facts = read(
        REQUEST_HEAD
        + "Use this record when a strategy discussion is requested by a hospital or the police.\n\n"
        + "## Details\nReferral received from: Little Stars Day Nursery\n\nDiscussion convened by:\n\n"
        + after
        + "\n"
    )
    assert not facts.request.found and facts.request.field_empty
    filled = read(
        REQUEST_HEAD + "## Details\nDiscussion convened by: Police (CAIT) – request to MASH 11:50 after the referral\n"
    ).request
    assert filled.found and filled.how == "field"


@pytest.mark.parametrize(
    "text",
    [
        "Four oval bruises to the left upper arm.\n\n- KA also took photos of both arms on the nursery iPad.",
        "3 linear bruises across both buttocks. Key worker took photos on nursery tablet + emailed to AG.",
        "Scald to the right foot. Key worker took a photo of the foot on the nursery tablet.",
    ],
)
def test_photographs_of_the_injured_part_or_just_after_the_injury_are_found(text):
    facts = read(record("## Reason for the strategy discussion\n" + text + "\n"))
    assert [p.medical for p in facts.photographs] == [False]


@pytest.mark.parametrize(
    "text",
    [
        "Bruising seen at the medical. Medical photography took photographs of the thigh for the medical record.",
        "Bruising and retinal bleeding were found. Retinal images taken by ophthalmology.",
    ],
)
def test_hospital_photography_is_medical(text):
    facts = read(record("## Reason for the strategy discussion\n" + text + "\n"))
    assert facts.photographs and all(p.medical for p in facts.photographs)


def test_a_photo_of_a_face_online_is_not_an_injury_photo():
    facts = read(
        record(
            "## Reason for the strategy discussion\nAn older boy sent her a photo of his face on Snapchat and "
            "asked for pictures of her body.\n"
        )
    )
    assert facts.photographs == []


def test_a_cancellation_row_under_the_row_that_booked_the_review():
    facts = read(
        record(
            "## Next steps\n| Is a further review strategy needed? | ☒ Yes ☐ No |\n|---|---|\n"
            "| Date and time booked | 17/02/2026, 14:00 |\n"
            "| Cancelled / stood down? (date, reason, by whom) | Stood down 12/02/2026 by Alicia Ruiz, TM. |\n"
            "| Agencies informed of the cancellation (who, how, when) | |\n"
        )
    )
    [cancelled] = facts.followups
    assert cancelled.block == block_with(facts, "Stood down 12/02/2026")
    assert not cancelled.agencies_told


def test_a_long_voice_prompt_with_to_follow_is_a_placeholder_not_the_child_speaking():
    facts = read(
        VOICE_HEAD + "## Part 5 – The child\n"
        "What the child has said, how they present and what daily life is like for them (for a baby or a child "
        "who does not use words, what has been seen): To follow.\n\n"
        "## Part 6 – Decisions\nWhat the parents and child will be told, by whom and when: the SW will explain.\n"
        "L reported missing by mum twice this month.\n"
    )
    assert [s.placeholder for s in facts.voice.sections] == [True]
    assert facts.voice.evidence == []
    assert not facts.child.preverbal  # the prompt's "a child who does not use words" is not this child


def test_the_worker_who_phoned_is_not_the_person_phoned_in_a_short_line():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Jess Ward | Social Worker | Children's Services |\n\n"
            "## Agency information\n| GP | Jess Ward spoke to Dr Owen Rees, Castle Street Surgery, by phone |\n"
            "|---|---|\n"
        )
    )
    assert [(c.key, c.recorded) for c in facts.contacts] == [("gp", False)]


def test_taking_part_as_a_form_row_and_as_a_wrapped_line():
    row = read(
        "# Strategy Discussion Outcome\n\n| Date and time of discussion | Sun 16/03/2025, 01:40 |\n|---|---|\n"
        "| Taking part (name, role, agency) | Owen Tate – Senior Practitioner – CSC / DC Lewis Brennan – "
        "Exploitation Team – Halvergate Police |\n"
    )
    assert {p.name for p in row.participants} >= {"Owen Tate", "DC Lewis Brennan"}
    wrapped = Facts(build_structure(parse_markdown("# Record\n\nPlaceholder\n"), lexicon()))
    doc = wrapped.document
    doc.blocks[-1].text = (
        "Those taking part: Martin Doyle (Team Manager, Westshire Children in Care Team, chair); Abigail Reeve\n"
        "(Social Worker, Westshire Children in Care Team); Dean Mortimer (Education Adviser, Westshire\n"
        "Virtual School)."
    )
    names = {p.name for p in Facts(build_structure(doc, lexicon())).participants}
    assert {"Martin Doyle", "Abigail Reeve", "Dean Mortimer"} <= names


def test_a_non_verbal_childs_behaviour_in_an_agency_update_is_lived_experience():
    facts = read(
        "# Minutes of Strategy Meeting\n\nChild / children: Ethan SOWERBY\nDate of birth: 22/04/2018 (6 years)\n\n"
        "## 1. Introductions and apologies\n"
        "Contributed but not present: Dr Graham Whitby (GP, Riverside Health Centre) – telephone call.\n\n"
        "## 3. Information shared by agencies\n"
        "Joanne Reilly (Longmeadow School) advised that Ethan communicates with PECS and some Makaton signs. "
        "In school Ethan is at his happiest on the trampoline.\n"
    )
    method_only = read(
        "# Record\n\nChild / children: Zara ODUYA\n\n## Agency information\n"
        "Zara has cerebral palsy and communicates through eye gaze and vocalising.\n"
    )
    assert method_only.voice.evidence == []  # how she communicates is not what she lives through
    assert facts.child.name == "Ethan"
    assert [e.kind for e in facts.voice.evidence] == ["observed"]
    gp_input = read(
        "# Minutes of Strategy Meeting\n\n## 1. Introductions and apologies\n"
        "Contributed but not present: Dr Graham Whitby (GP, Riverside Health Centre) – telephone call.\n\n"
        "## 3. Information shared by agencies\n"
        "The GP was contacted by telephone before the meeting and said Ethan's imms are up to date.\n"
    )
    # "Contributed but not present" lists those consulted outside the meeting
    assert [(c.key, c.recorded) for c in gp_input.contacts] == [("gp", True)]


def test_a_filled_circulation_field_with_a_date_is_the_update_action():
    facts = read(
        record(
            "## Actions\n| Action | Who | By when |\n|---|---|---|\n| Home visit | Tom Ellis | 16/03/2016 |\n\n"
            "## Sign-off\nCirculation of this record (by whom, to whom, by when): TE – to all above incl GP, "
            "by 5pm Wed 16/03/2016.\n"
        )
    )
    [update] = facts.update_actions
    assert update.source == "fields" and update.deadline.is_real
    empty = read(
        record(
            "## Sign-off\nRecord sent to all participants and agencies spoken to on:\n\n"
            "Manager authorisation (name, date): M. Ellery, 15/03/2016\n\nDistribution: GP, school, police.\n"
        )
    )
    assert empty.update_actions == []  # an empty field, then the next one; a list without a date


def test_an_edt_worker_listed_with_a_remark_about_the_chair_does_not_make_it_edt_led():
    facts = read(
        record(
            "## Meeting details\nChair: Gemma Rowntree, Team Manager, Calderwick Assessment Team\n\n"
            "## Also consulted\n- Lorna Pike, EDT SW, Brackenmoor EDT – handover email 08:40 (took referral "
            "overnight, did not hold a strat, day team to chair).\n"
        )
    )
    assert facts.meeting.edt_involved and facts.meeting.led_by is None


def test_a_placeholder_or_header_word_is_not_the_childs_name():
    facts = read(record("## Child details\n| Child | Status |\n|---|---|\n| Chloe Dunn | Review |\n"))
    assert facts.child.name != "Status"


def test_a_commitment_to_email_the_outcome_is_not_information_given():
    facts = read(
        record(
            "## Outcome\n| Agencies updated (who / by when) | Duty SW to email outcome + actions to all above + "
            "school by 12:00 Mon 21/03/2016 |\n|---|---|\n"
        )
    )
    assert facts.update_actions
    assert "school" not in {c.key for c in facts.contacts}


def test_what_someone_consulted_outside_the_meeting_said_on_their_line_is_their_input():
    facts = read(
        record(
            "**Present:**\n\n- Jo Bell (Social Worker, CSC)\n\n"
            "**Spoken to outside the meeting:**\n\n"
            "- Dr Ian Crowther (GP, Hallam Park Health Centre) – telephone call with Jo Bell on 13/03/2016 – no "
            "safeguarding concerns recorded for Ethan.\n"
            "- Mark Denton (Family Support Worker, Brackenford Early Help) – email on 13/03/2016\n\n"
            "**Agreed:**\n\n- Jo Bell to send this note to everyone present by 15/03/2016\n"
        )
    )
    gp = agency(facts, "gp")
    assert gp.contacted and gp.input_blocks
    assert not agency(facts, "early-help").input_blocks  # named, but nothing it said is written
    assert [p.listed_as for p in facts.participants if p.name == "Dr Ian Crowther"] == ["consulted"]
    assert [a.text for a in facts.update_actions] == ["Jo Bell to send this note to everyone present by 15/03/2016"]


REVIEW_FORM = """# Review Strategy Discussion

| Child's name | Poppy Hughes |
| Date of original strategy discussion | 03/09/2024 |
| Date of this review strategy discussion | 17/09/2024 |

**Part 5 – New actions**

| What | Who | When |
|---|---|---|
| Complete s47 report | Owen Bright, SW | 21/09/2024 |

**Part 6 – Further review strategy**

| Is a further review strategy discussion needed? | ☐ Yes ☒ No |
| Date / time of further review | 2nd review booked for 28/09 – now cancelled |
| If a planned review has been cancelled: reason, and how and when agencies were told | Not needed as ICPC to be convened |
| Who will inform agencies of the outcome of this review, and by when | {who} |
"""


def test_a_review_record_is_dated_by_this_review_not_the_original_discussion():
    facts = read(REVIEW_FORM.format(who=""))
    assert facts.meeting.date == dt.date(2024, 9, 17)


def test_a_forms_prompts_are_neither_the_update_action_nor_the_agencies_being_told():
    """ "Who will inform agencies ..., and by when" left blank promises nothing, and "how and
    when agencies were told" over a reason that does not say tells nobody of the cancelled review."""
    facts = read(REVIEW_FORM.format(who=""))
    assert facts.update_actions == []
    (cancelled,) = facts.followups
    assert cancelled.status == "cancelled" and not cancelled.agencies_told
    filled = read(REVIEW_FORM.format(who="Owen Bright, SW – email to all agencies by 18/09/2024"))
    assert [a.deadline.is_real for a in filled.update_actions] == [True]


def test_a_long_question_is_still_a_forms_label():
    facts = read(REVIEW_FORM.format(who=""))
    titles = [s.title for s in facts.document.sections]
    assert "If a planned review has been cancelled: reason, and how and when agencies were told" in titles


def test_guidance_about_what_the_child_has_said_is_not_the_childs_voice():
    facts = read(
        record(
            "**Part 2 – Updates from each agency since the last strategy discussion**\n\n"
            "Each agency to record what has changed, when the child was last seen and by whom, and what the "
            "child has said or shown.\n\n"
            "Police: mother's partner charged with ABH, bail conditions not to attend the address.\n"
        )
    )
    assert [e.kind for e in facts.voice.evidence] == []


def test_where_the_meeting_was_held_is_not_an_agency_consulted_outside_it():
    facts = read(
        record(
            "## Attendees\n- Jo Bell (Social Worker, CSC)\n- Ann Lee (Community Midwife, Marlford Maternity)\n\n"
            "## Reason for the discussion\nThe meeting was held in the maternity department at Marlford General "
            "Hospital, with police joining on Teams.\n"
        )
    )
    assert "paediatrics" not in {c.key for c in facts.contacts}


def test_guidance_for_babies_does_not_make_the_child_a_baby():
    facts = read(
        record(
            "## Child's voice\nRecord what the child has said. For babies and children who do not use words, "
            "describe what was observed.\n\nLeah said she likes her new school and misses her dad.\n"
        )
    )
    assert not facts.child.preverbal


def test_a_pointer_with_more_after_it_is_still_input():
    facts = read(
        record(
            "## Attendees\n| Name | Agency | Information shared |\n|---|---|---|\n"
            "| Ann Lee | Maternity | As above. Next antenatal appointment 16/03/2016 |\n"
            "| DC Tom Hale | Westvale Police | As above |\n"
        )
    )
    assert agency(facts, "midwifery").input_blocks
    assert not agency(facts, "police").input_blocks


def test_a_filled_log_of_agencies_told_tells_them_of_the_cancellation():
    body = (
        "# Strategy Discussion – Decision Record\n\n## Part 1: Decision record\n"
        "| Date of strategy discussion | 23/09/2025 |\n\n"
        "## Part 2: Follow-up strategy discussion log\n"
        "| Follow-up strategy planned for (date/time) | 07/10/2025, 10:00, Teams |\n"
        "| Status | ☐ Held ☐ Moved ☒ Cancelled |\n"
        "| Reason | ICPC booked for 14/10/2025, so the follow-up strategy discussion is no longer required. |\n\n"
        "Agencies told\n\n| Agency | Date told | How told | Told by |\n|---|---|---|---|\n{row}\n"
    )
    told = read(body.format(row="| Westshire Police CAIT (DC Khan) | 01/10/2025 | Email | Ellen Corbett |"))
    assert [f.agencies_told for f in told.followups] == [True]
    untold = read(body.format(row="|  |  |  |  |"))
    assert [f.agencies_told for f in untold.followups] == [False]
    tracker = read(
        body.replace(
            "| Agency | Date told | How told | Told by |", "| Action | Last updated | Status | Owner |"
        ).format(row="| Safety plan | 01/10/2025 | Done | Ellen Corbett |")
    )
    assert [f.agencies_told for f in tracker.followups] == [False]  # "Last updated" tells nobody


def test_a_record_named_decision_record_is_not_its_decision_section():
    """Everything under "Strategy Discussion – Decision Record" is not the decision: what the
    agencies said in its summary is their input."""
    facts = read(
        "# Strategy Discussion – Decision Record\n\n## Part 1: Decision record\n"
        "| Date of strategy discussion | 02/12/2024 |\n"
        "| Who took part (name, role, agency) | Megan Lowry (HV, 0-19 team)<br>Dan Price (SW, CSC) |\n\n"
        "### Summary\n- HV (ML): mum on universal plus since 10/24 re low mood.\n"
    )
    assert facts.lexicon.section_kind("Strategy Discussion – Decision Record") is None
    assert facts.lexicon.section_kind("Attendance record") == "attendees"
    assert agency(facts, "health-visiting").input_blocks


def test_what_each_agency_said_in_the_last_column_of_a_headerless_list():
    facts = read(
        record(
            "## 3. Who took part and what they told us\n"
            "| Health | Anna Beck, School Nurse, 0-19 Public Health Nursing | Not known to school nursing. Happy to offer 1:1. |\n"
            "| Police | DS Kerry Booth, Exploitation Team | Flat occupant known to ASB team, phones seized. |\n"
        )
    )
    assert all(a.input_blocks for a in facts.agencies if a.took_part), [(a.key, a.input_blocks) for a in facts.agencies]


def test_information_provided_outside_the_meeting_lists_who_was_consulted():
    facts = read(
        record(
            "## Attendees\n- Tom Fry (Social Worker, CSC)\n\n"
            "**Information provided outside the meeting**\n\n"
            "Jan Proctor, practice safeguarding administrator, Riverside Surgery (GP) – telephone call with TF.\n\n"
            "## Health\nRiverside Surgery (by telephone): registered, no safeguarding concerns.\n"
        )
    )
    assert [c.recorded for c in facts.contacts if c.key == "gp"] in ([], [True])
    assert "gp" in {p.agency_key for p in facts.participants if p.listed_as == "consulted"}


def test_a_cancelled_discussion_and_every_invited_agency_emailed():
    facts = read(
        record(
            "## Background\nA pre-birth strategy discussion booked for 12/03/2016 was cancelled when Ruby was born "
            "early; Lucy Adams emailed every invited agency at 10:05 today to tell them and to invite them to this "
            "discussion instead.\n",
            date="14/03/2016",
        )
    )
    assert [(f.status, f.agencies_told) for f in facts.followups] == [("cancelled", True)]


@pytest.mark.parametrize(
    "who, of_child",
    [("CW", False), ("LS", True), ("Lily", True)],
)
def test_whose_marks_were_photographed(who, of_child):
    facts = read(
        "# Strategy Discussion Record\n\n| Child's name | Lily Smith |\n| Date of strategy discussion | 14/03/2016 |\n\n"
        f"## Police\n{who} had visible red mark to upper arm, photos taken by attending officers for the crime file.\n"
    )
    assert [p.of_child for p in facts.photographs] == [of_child]


def test_advice_from_the_cps_is_not_an_agency_consulted():
    facts = read(
        record(
            "## Attendees\n- DS Amy Marsh, Detective Sergeant, Westshire Police\n\n"
            "## Criminal investigation\nDS Marsh – charged; file to CPS. DS Marsh to review after speaking to CPS.\n"
        )
    )
    assert "cps" not in {c.key for c in facts.contacts}


def test_a_letter_names_the_child_after_its_subject_and_sends_itself_to_all():
    facts = read(
        "# Calderwick Council\n\nDear colleagues,\n\n"
        "Re: Outcome of strategy discussion – Noah PEARCE, DOB 02/07/2025, 31 Orchard Rise\n\n"
        "The strategy discussion was held on 10/09/2025. Sister Joshi described what the ward has seen of Noah: "
        "he settles after feeds and cries when lifted under his arms.\n\n"
        "Agreed actions (what – who – by when):\n\n"
        "- Outcome letter to all who took part or were consulted – AK – by 12/09/2025\n\n"
        "Children's Services: the photographs are to be copied to police and deleted from the school email account.\n"
    )
    assert facts.child.name == "Noah PEARCE"
    assert [a.deadline.is_real for a in facts.update_actions] == [True]
    assert "police" not in {c.key for c in facts.contacts}


def test_a_contact_written_in_the_records_consulted_part_is_recorded():
    """A questionnaire's "Who was contacted outside the discussion, and what did they say?"
    answered in prose: the contact is recorded where the record keeps them, and the
    sentence is no list entry."""
    facts = read(
        record(
            "## Attendees\n- Amy Thornton (Social Worker, MASH)\n\n"
            "## 6. Who was contacted outside the discussion, and what did they say?\n"
            "Amy Thornton phoned Elmtree Surgery on 04/12/2025 and spoke to the practice safeguarding lead, "
            "who said there is nothing of concern.\n"
        )
    )
    assert all(c.recorded for c in facts.contacts), [(c.key, c.recorded) for c in facts.contacts]
    assert [p.name for p in facts.participants] == ["Amy Thornton"]


def test_a_service_named_in_the_consulted_list_without_a_person_is_recorded():
    """ "Brackenmoor CAMHS duty clinician (...) – email" names the service, not a person: the
    CAMHS reply in the health part was recorded as a consultation."""
    facts = read(
        record(
            "## 2.3 Health\nCAMHS (Brackenmoor Child and Adolescent Mental Health Service) replied by email on "
            "11/03/2025 that Leah is not known to them.\n\n"
            "## Appendix 1 – Participants\n"
            "Lauren Fitch (Social Worker, Adolescent Safeguarding Team, Brackenmoor CSC) – Teams\n\n"
            "Consulted outside the discussion (phone / email):\n\n"
            "Dr Ben Whitlow (GP, Cross Street Health Centre) – phone, 11/03/2025\n\n"
            "Brackenmoor CAMHS duty clinician (Single Point of Access, Brackenmoor CAMHS) – email, 11/03/2025\n"
        )
    )
    assert [(c.key, c.recorded) for c in facts.contacts] == [("camhs", True)]


def test_the_childs_name_in_the_page_header():
    from strategy_lint.model import Block, BlockKind

    doc = build_structure(parse_markdown(record('## 1. Reason\nKai said "I don\'t want to go home".\n')), lexicon())
    doc.blocks.append(Block(len(doc.blocks), BlockKind.HEADER, "OFFICIAL | Child: Kai WALSH (DOB 17/09/2019) | FINAL"))
    facts = Facts(doc)
    assert facts.child.name.startswith("Kai")
    assert [e.kind for e in facts.voice.evidence] == ["said"]


def test_an_answered_question_label_is_the_update_action():
    facts = read(
        record("## Next steps\nHow will agencies be told: SW to email the outcome to all agencies by 16/03/2016\n")
    )
    assert [a.deadline.is_real for a in facts.update_actions] == [True]


def test_a_risk_table_holds_the_actions_and_a_who_by_when_row_the_update():
    facts = read(
        record(
            "## Risks\n| Risk | Rating (R/A/G) | What will reduce it | Who | By when |\n|---|---|---|---|---|\n"
            "| Unexplained bruising to both upper arms | R | CP medical, full skin check | Dr Rao | 15/03/2016 |\n\n"
            "## Sharing the outcome\n| Who | By when |\n|---|---|\n"
            "| Hannah Cole – record and outcome to all on the distribution list | 16/03/2016 by 12:00 |\n"
        )
    )
    assert [a.text for a in facts.actions] == ["CP medical, full skin check"]
    assert [a.deadline.is_real for a in facts.update_actions] == [True]


@pytest.mark.parametrize("status, cancelled", [("Cancelled", True), ("Held", False)])
def test_guidance_about_cancelling_is_not_a_cancellation_but_a_status_row_is(status, cancelled):
    facts = read(
        record(
            "Part 2 to be completed whenever a planned follow-up strategy discussion is held, moved or cancelled.\n\n"
            "## Part 2: Follow-up strategy discussion log\n"
            f"| Follow-up strategy planned for (date/time) | 21/03/2016 10:00 |\n| Status | {status} |\n"
        )
    )
    assert [(f.status, f.block) for f in facts.followups] == (
        [("cancelled", block_with(facts, status))] if cancelled else []
    )


# -- guidance left in a voice box (found on dev records: the form's questions were read as the
#    child's voice, so an unanswered voice box was not a placeholder) --------------------------


@pytest.mark.parametrize(
    "guidance",
    [
        "What has the child said, and to whom? If the child is pre-verbal or non-verbal, what has been "
        "observed of their presentation and care?",
        "Guidance: what has the young person said in return home interviews? How do they see their situation?",
        "For a baby or a child who does not use words, describe what has been observed of their presentation.",
        "What has the child said? What is a day like for them? (Baby / non-verbal child: record what has been observed.)",
    ],
)
def test_a_voice_box_holding_only_the_forms_guidance_and_tbc_is_a_placeholder(guidance):
    facts = read(record(f"## The child's views and lived experience\n{guidance}\n\nTBC\n\n## Decision\nSection 47.\n"))
    (section,) = facts.voice.sections
    assert section.placeholder
    assert facts.voice.evidence == []
    assert not facts.child.preverbal  # "non-verbal" in the guidance says nothing of this child


def test_guidance_and_the_childs_words_together_are_the_childs_voice():
    facts = read(
        record(
            "## The child's views and lived experience\nWhat has the child said, and to whom?\n\n"
            "Maya told her teacher she is scared when dad shouts.\n"
        )
    )
    (section,) = facts.voice.sections
    assert not section.placeholder
    assert [e.text for e in facts.voice.evidence] == ["Maya told her teacher she is scared when dad shouts."]


@pytest.mark.parametrize(
    "answer", ["To follow after the s47 visit.", "Not seen by EDT. TBC – day team.", "To be obtained by the day team."]
)
def test_a_voice_box_deferring_to_later_is_a_placeholder(answer):
    facts = read(record(f"## The child's views\n{answer}\n"))
    assert facts.voice.sections[0].placeholder


def test_a_voice_title_in_a_one_cell_box_holds_only_that_box(tmp_path):
    import docx

    from strategy_lint.engine import Linter
    from strategy_lint.facts import facts_for

    document = docx.Document()
    document.add_paragraph("Strategy Discussion Record")
    for lines in (
        ["10. The child's views, wishes and lived experience", "What has the child said?", "TBC"],
        ["11. What are we worried about?", "Ethan was blackmailed online and is frightened."],
    ):
        cell = document.add_table(rows=1, cols=1).cell(0, 0)
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
        document.add_paragraph("")
    document.save(tmp_path / "boxes.docx")
    facts = facts_for(Linter().read(tmp_path / "boxes.docx"))
    titled = [s for s in facts.voice.sections if "views, wishes" in s.title]
    assert titled and all(s.placeholder for s in titled)
    assert all("worried" not in s.content for s in facts.voice.sections)


@pytest.mark.parametrize(
    "line",
    [
        "A Year 10 pupil told Mr Kemp that an image of Rhys was being shared.",  # another child spoke
        "Two males came to the door asking for Rhys and said he owes them money.",  # Rhys is asked for
        "An image of Rhys is being shared among pupils.",  # shared, not sharing
        "Not required – no injury to Rhys reported.",
    ],
)
def test_others_speaking_about_the_child_is_not_the_childs_voice(line):
    facts = read(record(f"## Child details\nChild's name: Rhys Coles\n\n## Background\n{line}\n"))
    assert "said" not in {e.kind for e in facts.voice.evidence}


def test_what_others_saw_of_a_teenager_does_not_fill_an_empty_views_box():
    findings = lint(
        record(
            "## Child details\nChild's name: Isla Grant\nAge: 15\n\n## Background\nA video appears to show Isla, who seems "
            "very drunk, in a bedroom with an older boy. Isla presented as tired and withdrawn at school.\n\n"
            "## Views of the young person\nTo follow.\n"
        ),
        select=["SL202"],
    )
    assert [f.code for f in findings] == ["SL202"]


def test_an_age_is_worked_out_from_the_date_of_birth_when_the_meeting_date_is_missing():
    doc = build_structure(
        parse_markdown(
            "# Strategy Discussion Record\n\n## Child details\nDate of birth / age: 03/03/2016 (9)\n\n"
            "## Date of strategy discussion\n\n## Actions\n| Action | Who | By when |\n|---|---|---|\n"
            "| Joint visit | SW | 16/05/2025 |\n"
        ),
        lexicon(),
    )
    assert doc.metadata.meeting_date is None
    assert doc.metadata.child_age_months == 110


def test_an_action_naming_a_street_called_view_is_not_a_voice_title():
    facts = read(
        record(
            "## Actions\n| Action | Who | By when |\n|---|---|---|\n"
            "| Police – check 3 Dale View for children visiting | DC Moss | 15/10/2016 |\n"
        )
    )
    assert facts.voice.sections == []


# -- found on the opened eighth blind split (WB22-WB25) ----------------------------------------


@pytest.mark.parametrize("label", ["Child / young person", "Child(ren)", "Child or young person"])
def test_the_childs_name_from_a_combined_subject_label(label):
    facts = read(record(f"## Child details\n{label}: Senait TESFAMARIAM\n"))
    assert facts.child.name.startswith("Senait")


def test_the_young_persons_account_is_a_voice_section():
    facts = read(
        record(
            "## Child details\nChild / young person: Minh NGUYEN\n\n"
            "## Part 6 – The young person's account (through interpreter)\n"
            'Spoken to at ED via phone interpreter. Said: "I came in a lorry, a long time in the dark."\n'
        )
    )
    assert [s.title for s in facts.voice.sections] == ["Part 6 – The young person's account (through interpreter)"]
    assert facts.voice.evidence


def test_a_record_naming_itself_minutes_and_plan_is_not_its_plan():
    assert default_lexicon().section_kind("Strategy Discussion – Minutes and Plan") is None
    assert default_lexicon().section_kind("Agreed actions from the strategy discussion") == "actions"
    facts = read(
        "# Strategy Discussion – Minutes and Plan\n\nDate of strategy discussion: 30/09/2016\n\n"
        "Child / young person: Harvey QUINN\n\n"
        "His class teacher describes Harvey as a happy, active boy who loves swimming; on Monday he flinched "
        "when staff touched his left arm and pointed to it.\n"
    )
    assert facts.actions == []
    assert facts.voice.evidence


def test_a_numbered_voice_line_with_only_tbc_is_a_placeholder_and_ends_at_the_next_part():
    facts = read(
        record(
            "Section 6: The child's day-to-day experience\n\nTBC\n\nSection 7: Information shared by agencies\n\n"
            "Police: nothing known about the address.\n"
        )
    )
    (section,) = facts.voice.sections
    assert section.placeholder
    assert "Police" not in section.content


def test_a_voice_title_wrapped_over_two_lines_of_its_box_keeps_its_answer(tmp_path):
    import docx

    from strategy_lint.engine import Linter
    from strategy_lint.facts import facts_for

    document = docx.Document()
    document.add_paragraph("Strategy Discussion Record")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "9. What does the child say? What is"
    table.cell(0, 0).add_paragraph("the child's day-to-day life like?")
    table.cell(0, 1).text = 'Told his class teacher: "I don\'t like hospital, the tubes on my head itch."'
    document.save(tmp_path / "wrapped.docx")
    facts = facts_for(Linter().read(tmp_path / "wrapped.docx"))
    assert facts.voice.sections and not any(s.placeholder for s in facts.voice.sections)


AGENCY_GRID = (
    "## Agencies involved\n| Agency | Name / role | Present | Apologies | Sent report | Spoken to by phone/email |\n"
    "|---|---|---|---|---|---|\n"
    "| Police | DC Ryan Shaw, CAIT, Wrenshire Police | ☒ | ☐ | ☐ | ☐ |\n"
    "| Paediatrics / hospital | Dr Imran Siddiqui, Consultant Paediatrician, Wrenshire SARC | ☐ | ☐ | ☐ | ☒ |\n"
    "| Other (state) | Jade Morris, Family Practitioner, Kestonbury Early Help | ☐ | ☒ | ☒ | ☐ |\n\n"
)


def test_a_tick_grid_says_who_was_spoken_to_and_the_cell_names_the_organisation():
    facts = read(record(AGENCY_GRID))
    people = by_name(facts)
    assert people["Dr Imran Siddiqui"].mode == "consulted"
    assert people["Jade Morris"].agency == "Kestonbury Early Help"
    assert people["Jade Morris"].agency_key == "early-help"


def test_a_contact_naming_a_listed_person_by_title_and_surname_is_recorded():
    facts = read(
        record(
            AGENCY_GRID + "## Information shared\nDr Siddiqui (Wrenshire SARC, by telephone with DC Shaw at 15:50) "
            "agreed that a forensic medical examination should be offered tomorrow.\n"
        )
    )
    assert all(c.recorded for c in facts.contacts)


def test_a_person_written_twice_borrows_role_and_agency_from_the_full_entry():
    facts = read(
        record(
            "## Participants\n| Name | Role / agency | Attendance |\n|---|---|---|\n"
            "| Rebecca Orme | Team Manager (chair), CSC | Present |\n"
            "| Dr Paul Fisher | GP, Westbrook Medical Centre | Phone – 20/08 12:30 |\n\n"
            "Consulted outside the meeting (phone/email): Dr Paul Fisher (phone) – see table.\n"
        )
    )
    fisher = [p for p in facts.participants if "Fisher" in p.name]
    assert len(fisher) >= 2
    assert all(p.role and p.agency for p in fisher)


def test_what_was_done_before_the_discussion_is_not_an_agreed_action():
    lexicon_ = default_lexicon()
    assert lexicon_.section_kind("Part 5 – Immediate action already taken") == "actions_taken"
    assert lexicon_.section_kind("2.2 Progress on Part 1 actions and new information") == "actions_taken"
    facts = read(
        record(
            "## Part 5 – Immediate action already taken\n| Action | Police attended 02/03/2016. Carers' phone "
            "number changed. |\n|---|---|\n\n"
            "## Part 10 – Action plan\n| What | Who | When |\n|---|---|---|\n"
            "| NRM referral | Kwame Asante | by 17/03/2016 |\n"
        )
    )
    assert [a.text for a in facts.actions] == ["NRM referral"]


def test_a_portrait_for_a_missing_person_profile_is_not_a_photograph_of_injuries():
    facts = read(
        record(
            "## Immediate action already taken\n- Head-and-shoulders photo of YP taken by police for missing-person "
            "profile (no photos of hands taken – ED recorded cuts on body map).\n"
        )
    )
    assert facts.photographs == []


def test_an_agency_not_contacted_gave_nothing():
    facts = read(record("## Other agencies\nHousing: not contacted – no housing issues known.\n"))
    assert "housing" not in {c.key for c in facts.contacts}


def test_an_appendix_of_police_checks_is_the_polices_input():
    facts = read(
        record(
            "## Participants\n| Name | Role | Agency |\n|---|---|---|\n"
            "| DC Owen Reilly | DC | Public Protection Unit, Westshire Police |\n\n"
            "## Appendix 1 – Police information\n| Check | Result |\n|---|---|\n"
            "| PNC / local systems | Father: burglary 2021, possession class A 2020. |\n"
            "| Domestic abuse history | 1 call 2022 (verbal, standard). None since. |\n"
        )
    )
    assert agency(facts, "police").input_blocks


def test_a_child_sharing_images_is_not_the_child_speaking():
    facts = read(
        record(
            "## Child details\nChild's name: Noah Reed\n\n## Reason\nOnline grooming by an unknown adult. "
            "Possible that Noah has shared images with him.\n\n## The child's voice\nTBC – not yet spoken to.\n"
        )
    )
    assert facts.voice.evidence == []


def test_a_voice_title_line_is_not_the_child_speaking():
    facts = read(
        record(
            "## Child details\nChild's name: Keira Lane\n\nSection 7: The child's wishes and feelings\n\n"
            "What the child has said: To follow – Keira to be seen on 07/03.\n"
        )
    )
    assert "said" not in {e.kind for e in facts.voice.evidence}


def test_a_pointer_to_another_numbered_part_is_a_placeholder():
    facts = read(record("## 2.3 Child's views since Part 1\nSee 1.4.\n"))
    assert facts.voice.sections[0].placeholder


def test_the_next_parts_title_left_inside_a_voice_box_is_not_an_answer():
    from strategy_lint.extract.voice import is_placeholder_text

    assert is_placeholder_text("To follow – Keira to be seen on 07/11.\nSection 8: Analysis", default_lexicon())
    assert not is_placeholder_text("Keira said she feels safe with her carers.\nSection 8: Analysis", default_lexicon())


@pytest.mark.parametrize(
    "line",
    [
        "Outcome + actions emailed to all spoken to | S. Whitley SW | by 27/03/2016 12:00",
        "Outcome of strat to all on this email + MARAC coordinator | GA | by 08/03/2016",
    ],
)
def test_the_outcome_to_all_spoken_to_or_on_the_email_is_the_update(line):
    facts = read(record(f"## Actions\n| Action | Who | When |\n|---|---|---|\n| {line} |\n"))
    assert facts.update_actions


# -- found on the opened ninth blind split (WB26-WB29) -----------------------------------------


@pytest.mark.parametrize(
    "lines",
    [
        ["| Date(s) of discussion | 05/03/2016 – 06/03/2016 (email; phone call 06/03 11:00) |"],
        ["A1. On what date was the strategy discussion 20/01/2016, 12:30 – 13:30", "held, and at what time?"],
    ],
)
def test_the_meeting_date_from_a_plural_or_question_label(lines):
    from strategy_lint.dates import find_meeting_date

    found = find_meeting_date(lines)
    assert found is not None and found[0].day in (5, 20)


def test_an_unticked_edt_option_or_a_question_does_not_make_edt_the_lead():
    facts = read(
        "# Strategy Discussion Record\n\nChair: Kirsty Doyle, TM, Ravensby Assessment Team\n\n"
        "## 1.3 Out of hours strategy discussion\nWas a strategy discussion held out of hours? ☐ Yes – chaired by "
        "EDT (complete below) ☒ No – passed to day team\n\nEDT spoke to the ward at 22:40.\n"
    )
    assert facts.meeting.edt_involved
    assert facts.meeting.led_by != "edt"


def test_the_date_of_birth_beats_an_age_stated_about_someone_else():
    facts = read(
        record(
            "## Child details\nChild(ren): Harley Dunn\nDate of birth: 23/01/2016\n\n"
            "## Agency information\nChildren's Social Care: Kirsty was looked after from age 13 to 18 (neglect).\n",
            date="08/02/2016",
        )
    )
    assert facts.child.age_months == 0 and facts.child.preverbal


def test_a_childs_details_table_with_a_header_row_gives_the_date_of_birth():
    facts = read(
        record(
            "## 2. Child and household\n| Name | DOB / EDD | Age | Gender |\n|---|---|---|---|\n"
            "| Ayaan Farah | 08/11/2015 | 4 months | F |\n",
            date="11/03/2016",
        )
    )
    assert facts.child.dob == dt.date(2015, 11, 8) and facts.child.age_months == 4


def test_a_pronoun_quote_beside_a_babys_name_is_an_adults():
    facts = read(
        record(
            "## Child details\nChild's name: Maisie Rowe\nDate of birth: 14/10/2015\n\n"
            '## Police\nKeith was slurring. He had driven Maisie to the centre. He said he\'d "had a couple last night".\n'
        )
    )
    assert facts.child.age_months == 5 and facts.voice.said == []


def test_the_child_not_reported_to_have_an_injury_is_not_speaking():
    facts = read(
        record(
            "## Child details\nChild's name: Ruby Kaur\n\n"
            "## Decision\nMedical: Not required – Ruby was not reported to have any injury.\n"
        )
    )
    assert facts.voice.said == []


def test_guidance_telling_the_worker_to_speak_to_the_child_is_guidance():
    from strategy_lint.facts.text import is_guidance

    assert is_guidance(
        "What has the child said, shown or communicated? Speak to the child alone, with an independent "
        "interpreter where needed."
    )
    assert not is_guidance("Spoke to Ayaan alone at school; she said she is scared of the trip.")


def test_a_header_with_a_bracketed_list_of_options_is_an_attendee_table():
    facts = read(
        record(
            "## 3. Participants\n| Name | Role / agency | Attended or consulted (Teams / in person / phone / email) |\n"
            "|---|---|---|\n| Rachel Hollis (RH) | TM, CSC Assessment Team 1 | Teams |\n"
            "| Kirsty Moss (KM) | HV, 0-19 Public Health Nursing | Teams |\n"
        )
    )
    people = {p.name.split(" (")[0]: p for p in facts.participants}
    assert people["Rachel Hollis"].role == "TM" and people["Kirsty Moss"].agency == "0-19 Public Health Nursing"


def test_a_consulted_professionals_recommendation_is_their_agencys_input():
    facts = read(
        record(
            "## Participants\n| Name | Role | Agency |\n|---|---|---|\n"
            "| DC Joanne Price | Detective Constable | Westshire Police CAIT |\n"
            "| Dr Clare Bowen | Forensic Physician | Westshire SARC |\n\n"
            "## Information shared\nBefore the meeting DC Price consulted Dr Bowen at the SARC: a forensic "
            "examination is not indicated, but Dr Bowen recommended a paediatric health and wellbeing assessment.\n"
        )
    )
    sarc = [a for a in facts.agencies if any("SARC" in x for x in a.aliases)]
    assert sarc and sarc[0].input_blocks


def test_a_lettered_question_left_in_a_voice_box_is_guidance():
    facts = read(
        record(
            "## Section E: The young person's voice\nE1. What has the young person said? What do they want to "
            "happen?\n\nTBC\n\nE2. What is life like for them day to day at the moment?\n\nTo follow.\n"
        )
    )
    assert [s.placeholder for s in facts.voice.sections] == [True] and facts.voice.said == []


def test_a_per_child_voice_table_holding_only_names_and_deferrals_is_a_placeholder():
    from strategy_lint.extract.voice import is_placeholder_text

    box = "Child 1\nMaisie Holt\nNot yet seen\nTo follow\nChild 2\nOscar Holt\nNot yet seen\nTBC"
    assert is_placeholder_text(box, default_lexicon())
    assert not is_placeholder_text("Maisie Holt\nMaisie said she is scared of Dean.", default_lexicon())


def test_another_student_speaking_is_not_the_child():
    facts = read(
        record(
            "## Section B\n### B1. Name, date of birth, address\nEllie Marsden, 12/12/1999 (16), 3 Thornfield Close\n\n"
            "## College\nTyler has one previous entry, from March 2015, when a female student said he had "
            "pressured her for photos.\n"
        )
    )
    assert facts.child.name == "Ellie Marsden" and facts.voice.said == []


def test_a_present_were_sentence_followed_by_more_sentences():
    facts = read(
        record(
            "## Section 3: Participants\nPresent were Mark Fenton (Chair, Practice Manager, CSC Assessment Team "
            "North), DC Rebecca Hollis (Westshire Police Child Abuse Investigation Team) and Sarah Quigley (School "
            "Nurse, 0-19 Public Health Nursing). Mrs Morrow and the chair met at the school; the others joined on Teams.\n"
        )
    )
    people = by_name(facts)
    assert set(people) == {"Mark Fenton", "DC Rebecca Hollis", "Sarah Quigley"}
    assert people["Sarah Quigley"].agency == "0-19 Public Health Nursing"


def test_observation_fragments_in_the_voice_section_are_the_babys_experience():
    facts = read(
        record(
            "## Child details\nChild's name: Isla Reid\nDate of birth: 14/12/2015\n\n"
            "## 5. Child's voice and lived experience\nIR too young to talk. Seen by OT on ward 13/03 w/ mum present:\n\n"
            "- alert, tracking faces, cooed + smiled when OT spoke to her\n"
            "- settled in mum's arms, good eye contact between them\n"
        )
    )
    assert facts.child.preverbal and facts.voice.observed


def test_a_gp_who_replied_by_email_gave_the_gps_input():
    facts = read(
        record(
            "## Participants\n| Name | Role / agency | Present / phone / email |\n|---|---|---|\n"
            "| Adam Kerr | Social Worker, CSC Ravensby Assessment Team | Teams |\n"
            "| Dr Kenneth Ng | GP, Ravensby Health Centre | email to Adam Kerr |\n\n"
            "## Information from agencies\nMr Kerr reported that Dr Ng (GP) replied by email that the children "
            "are up to date with immunisations.\n"
        )
    )
    assert agency(facts, "gp").input_blocks


# -- found on the opened tenth blind split (WB30-WB33) -----------------------------------------


def test_a_statement_signed_with_a_name_in_brackets_is_that_persons_input():
    def legal_input(line: str) -> list[int]:
        facts = read(
            record(
                "## Participants\n| Name | Role / agency |\n|---|---|\n"
                "| Rhian Pugh | Team Manager, Tarnside CSC |\n"
                "| Simon Clay | Solicitor, Tarnside Council Legal Services |\n\n"
                f"## Decisions\n| **Legal advice / PLO** | {line} |\n"
            )
        )
        return [a for a in facts.agencies if "Simon Clay" in [p.name for p in a.participants]][0].input_blocks

    assert legal_input("Threshold likely met (Simon Clay); legal planning meeting 05/06")
    assert not legal_input("Papers to be sent to the solicitor (Simon Clay) by 05/06")
    assert not legal_input("Rhian to book a meeting with legal (Simon Clay).")
    assert not legal_input("Legal planning meeting: Rhian Pugh (Team Manager, Legal Services).")


def test_details_under_an_agencys_part_are_that_agencys_information():
    facts = read(
        record(
            "## Participants\n| Name | Role / agency |\n|---|---|\n"
            "| DC Paul Reece | Detective Constable, CAIT, Wyremoor Police |\n\n"
            "## 7. Information shared by agencies\n### Police\n"
            "| **Checks completed** | [x] PNC [x] Local |\n| **Details** | Father – 2020 public order offence. |\n"
        )
    )
    police = next(a for a in facts.agencies if a.key == "police")
    assert police.input_blocks
    assert "details" not in [s.kind for s in facts.document.sections if s.title == "Details"]


def test_the_date_of_a_strategy_held_as_a_call():
    from strategy_lint.dates import find_meeting_date

    found = find_meeting_date(["Strategy Discussion – Chair's Log (Video Call)", "Date of call | Tue 21/01/2025"])
    assert found is not None and found[0] == dt.date(2025, 1, 21)


def test_an_unticked_box_whose_words_wrapped_to_the_next_line_is_not_ticked():
    # a PDF cell keeps its visual line breaks: the box ends one line, its words open the next
    doc = parse_markdown("# Strategy Discussion Record\n\nChair: Kirsty Doyle, TM, Ravensby Assessment Team\n\nOUT\n")
    [cell] = [b for b in doc.blocks if b.text == "OUT"]
    cell.text = (
        "Out of hours: ☒ Not applicable ☐ Referral received by EDT ☐\nStrategy discussion held and chaired by EDT"
    )
    facts = Facts(build_structure(doc, lexicon()))
    assert facts.meeting.led_by != "edt"


def test_an_owner_written_as_initials_that_look_like_na_is_named():
    facts = read(
        record(
            "## Attendees\n- Nadia Ahmed (DC, Westshire Police CAIT)\n- Ben Hart (Social Worker, Children's Social Care)\n\n"
            "## Actions\n| What | Who | When |\n|---|---|---|\n"
            "| Police – review neglect crime after medical | NA | 19/03/2016 |\n| Home visit | N/A | 18/03/2016 |\n"
        )
    )
    police = action(facts, "Police – review")
    visit = action(facts, "Home visit")
    assert police.owner_status == "named" and visit.owner_status == "missing"


def test_a_bilingual_form_names_its_fields_and_columns_in_the_first_language():
    from strategy_lint.readers.pdf_blocks import _parallel_title

    lex = lexicon()
    assert lex.column_kind("Who / Pwy") == "owner" and lex.column_kind("By when / Erbyn pryd") == "deadline"
    assert _parallel_title(
        "Part 6: Voice of the child and what matters to them / Rhan 6: Llais y plentyn a'r hyn sy'n bwysig iddynt"
    )
    facts = read(
        "# Record of Strategy Discussion / Cofnod Trafodaeth Strategaeth\n\n"
        "| Date of strategy discussion / Dyddiad y drafodaeth strategaeth | Sat 15/03/2025 |\n|---|---|\n"
        "| Chair / Cadeirydd | EDT Senior Practitioner (on call) |\n"
    )
    assert facts.meeting.led_by == "edt"


def test_a_photograph_of_a_body_part_after_a_form_label_cell_follows_the_injury():
    facts = read(
        record(
            "## Reason\nLeo has four bruises to his upper arms with fingertip marks.\n\n"
            "| Photographs | Mrs Protheroe took two photographs of Leo's arms on the school iPad and emailed them "
            "to the duty inbox. |\n|---|---|\n"
        )
    )
    assert facts.photographs and not facts.photographs[0].medical


def test_a_what_they_said_column_of_the_consulted_table_is_not_a_voice_field():
    facts = read(
        record(
            "## Participants\n| Name | Role / agency |\n|---|---|\n| Ben Tait | SW, CBC Children's Services |\n\n"
            "### Consulted after the call\n\n| Name | Role / agency | How | What they said |\n|---|---|---|---|\n"
            "| Alison Fry | Solicitor, CBC Legal Services | Phone with chair 12:00 | Threshold likely met |\n"
            "| Dr Hannah Lee | GP, Oakwood Surgery | Email 11:45 | Mother registered; no concerns |\n"
        )
    )
    assert not [s for s in facts.voice.sections if s.title == "What they said"]


def test_a_field_that_opens_a_line_of_a_box_is_not_the_wrapped_end_of_the_line_before():
    doc = parse_markdown(record("## Outcome\n| BOX | **Record completed by** GH |\n", date="23/11/2024"))
    [cell] = [b for b in doc.blocks if b.text == "BOX"]
    cell.text = (
        "Next steps and sharing\nReview strategy: Mon 25/11, day TM to chair, YOS if known\n"
        "Outcome shared with all agencies by (who / date): GH – record emailed to MASH, police, ED and "
        "allocated SW by 09:00 Mon 25/11"
    )
    facts = Facts(build_structure(doc, lexicon()))
    [update] = facts.update_actions
    assert update.deadline.is_real and "Outcome shared" in update.text


def test_a_contact_named_nowhere_else_in_the_record_is_known_to_be_unlisted():
    body = (
        "## Participants\n| Name | Role / agency |\n|---|---|\n| Jess Ward | Social Worker, CSC |\n\n"
        "## Notes\nJess Ward spoke to Dr Owen Rees, Castle Street Surgery, by phone at 09:15: mother on methadone.\n"
    )
    [contact] = [c for c in read(record(body)).contacts if not c.recorded]
    assert not contact.named_elsewhere
    # the surgery named again (in the child's details, a table the reading did not follow):
    # it may be listed there, so the contact is not known to be unlisted
    [contact] = [c for c in read(record(body + "\n## Child\nGP: Castle Street Surgery\n")).contacts if not c.recorded]
    assert contact.named_elsewhere


def test_the_place_a_meeting_was_held_face_to_face_is_not_a_contact():
    facts = read(
        record(
            "## Meeting\nMeeting: Thursday 6 November 2025, 09:30-10:30, face to face at Calderwick Family Centre, "
            "with the recovery worker joining by telephone.\n"
        )
    )
    assert not [c for c in facts.contacts if "Family Centre" in c.name]


def test_a_body_part_photographed_in_a_forms_later_row_is_a_photograph_of_the_marks():
    facts = read(
        record(
            "## 4. Reason\n| **What happened** | Ruby (9 months) came to nursery with bruising to both ears. |\n"
            "| **Explanation given** | Mother said she fell against the cot side on Sunday evening. |\n"
            "| **Who raised the concern** | Karen Shaw, Nursery Manager, Little Acorns Day Nursery. |\n"
            "| **Immediate action taken** | Nursery manager photographed both ears and the back of Ruby's hand on "
            "the nursery iPad at 09:40. |\n"
        )
    )
    [photo] = facts.photographs
    assert photo.by == "nursery" and not photo.medical


# -- found on the opened eleventh blind split (WB34-WB37) --------------------------------------


def test_an_action_tables_column_of_dates_is_its_deadline_whatever_its_header_says():
    facts = read(
        record(
            "## 10. Actions\n| Action | Lead (name / agency) | Complete by |\n|---|---|---|\n"
            "| Plan and hold ABE interview | DC Natalie Forde, CAIU | 24/03/2016 |\n"
            "| Safety visit to the aunt's home | Ben Ashworth, CSC | ASAP, and by 16:00 on 21/03/2016 at the latest |\n"
            "| Outcome 22 diversion screening | Sunita Barr, YJS | 28/03/2016 |\n"
        )
    )
    assert all(a.deadline.is_real for a in facts.actions), [a.deadline.text for a in facts.actions]
    # a plan with two columns of dates says neither which is when: no guess
    two = read(
        record(
            "## Actions\n| Action | Lead | Raised | Complete by |\n|---|---|---|---|\n"
            "| Plan ABE | DC Forde | 14/03/2016 | 24/03/2016 |\n| Visit | Ben Ashworth | 14/03/2016 | 21/03/2016 |\n"
        )
    )
    assert not any(a.deadline.is_real for a in two.actions)


def test_consulted_before_the_meeting_is_the_consulted_list():
    facts = read(
        record(
            "## Item 1: Introductions, attendance and apologies\n| Discussion | Action (who, by when) |\n|---|---|\n"
            "| Present (Teams): Helen Carver (Team Manager, chair, CSC); Marcus Lindqvist (Social Worker, CSC). |  |\n"
            "| Consulted before the meeting: Dr Peter Grange (GP, Millbrook Surgery) by phone with Marcus Lindqvist "
            "at 16:30 on 14/01/2025; Lucy Tennant (Nursery Manager, Busy Bees Day Nursery) by phone. |  |\n"
        )
    )
    people = by_name(facts)
    assert people["Dr Peter Grange"].mode == "consulted" and people["Dr Peter Grange"].agency == "Millbrook Surgery"
    # "Nursery Manager": the last word says what she is, the agency before it where she works
    assert people["Lucy Tennant"].role == "Nursery Manager"
    assert people["Lucy Tennant"].agency == "Busy Bees Day Nursery"


def test_a_contact_named_in_the_attendance_minutes_is_recorded():
    facts = read(
        record(
            "## Item 1: Introductions, attendance and apologies\n| Discussion | Action |\n|---|---|\n"
            "| Rob Fairweather (Team Manager, CSC) chaired. Also present: Natalie Cho (Social Worker, CSC). |  |\n"
            "| Dr Simon Yeo (GP, Harbridge Road Surgery) was not able to attend and gave information by phone to "
            "Natalie Cho. The school nursing team (Ashmere 0-19 Service, duty nurse Beth Collins) was contacted by "
            "email on 23/07/2025 and replied that Shannon is not known. |  |\n\n"
            "## Item 3: Information from each agency\n| Discussion | Action |\n|---|---|\n"
            "| GP (by phone). Dr Yeo said Shannon was seen in April. |  |\n"
            "| School nursing (by email). Not known beyond routine immunisations. |  |\n"
        )
    )
    assert [c.recorded for c in facts.contacts if c.key == "school-nursing"] == [True]
    # the same contact named only where its information is: not recorded
    alone = read(
        record(
            "## Attendance\nRob Fairweather (Team Manager, CSC) chaired.\n\n"
            "## Information from each agency\nSchool nursing (by email). Not known beyond routine immunisations.\n"
        )
    )
    assert [c.recorded for c in alone.contacts if c.key == "school-nursing"] == [False]


def test_the_social_worker_who_made_the_call_does_not_record_whom_they_spoke_to():
    facts = read(
        record(
            "## Participants\n| Name | Role / agency |\n|---|---|\n| Hollie Marsh | Social Worker, CSC |\n\n"
            "## Health\nGP: Dr Farida Noor, Kestrel Medical Centre, spoke to Hollie Marsh by phone after the "
            "meeting. No safeguarding concerns.\n"
        )
    )
    assert [c.recorded for c in facts.contacts if c.key == "gp"] == [False]


def test_a_pdf_cells_wrapped_attendance_lines_are_joined_back_into_entries():
    doc = parse_markdown(record("## Item 1: Attendance\n| Discussion | Action |\n|---|---|\n| CELL |  |\n"))
    doc.format = "pdf"
    [cell] = [b for b in doc.blocks if b.text == "CELL"]
    cell.text = (
        "The meeting was chaired by Deborah Quayle (Team Manager,\nCSC). Also present: Ryan Mitchell (Social Worker, "
        "CSC), DS Joanne\nReilly (Detective Sergeant, Ashmere Police), and Sarah Okoro (Independent Domestic Violence\n"
        "Advocate, Ashmere Domestic Abuse Service)."
    )
    facts = Facts(build_structure(doc, lexicon()))
    people = by_name(facts)
    assert people["Sarah Okoro"].role == "Independent Domestic Violence Advocate"
    assert people["DS Joanne Reilly"].agency == "Ashmere Police"
    assert "Ryan Mitchell" in people


def test_a_bold_numbered_title_that_carries_on_the_numbering_is_a_title():
    from strategy_lint.model import BlockKind

    # as a PDF's numbered bold titles are read: list items in bold
    doc = parse_markdown(
        record("TITLE1\n\nJo Bell, Social Worker, CSC\n\nTITLE2\n\nArrested at the Travelway Hotel, Kelbridge\n")
    )
    for b in doc.blocks:
        if b.text in ("TITLE1", "TITLE2"):
            b.text = "1. Participants" if b.text == "TITLE1" else "2. Arrest and detention"
            b.kind, b.bold = BlockKind.LIST_ITEM, True
    structured = build_structure(doc, lexicon())
    titles = [s.title for s in structured.sections]
    assert "2. Arrest and detention" in titles  # not known to the lexicon, but it carries on "1."
    assert "Travelway Hotel" not in " ".join(p.name for p in Facts(structured).participants)


def test_the_childs_initials_and_a_child_discussed_field_name_the_child():
    facts = read(
        record(
            "| Child / children discussed | Lily-Rose HART, DOB 14/07/2023 (22m) |\n|---|---|\n\n"
            "## Key discussion points\n"
            "- LR – 22m, too young to say what happened or give views. Obs by KB + Sr Mensah on ward: alert, "
            "playing w/ stacking cups on mum's lap, babbling. Went straight to mum for comfort, smiled at Sr Mensah.\n",
            date="19/05/2025",
        )
    )
    assert facts.child.name.startswith("Lily-Rose")
    assert facts.voice.too_young and any(e.kind == "observed" for e in facts.voice.evidence)
    km = read(
        record(
            "| Child's name | Kayla Morris (KM) |\n|---|---|\n\n## Information from each agency\n"
            '| Police | KM said to PC Okafor: "Craig hit me with his belt." Wants to stay at Nanny\'s. |\n|---|---|\n'
        )
    )
    assert child_spoke(km)


def test_words_that_are_not_the_child_speaking():
    facts = read(
        record(
            "| Child's name | Sienna Marsh |\n|---|---|\n\n## Part 7: The child's views, wishes and feelings\nTBC\n\n"
            "## Part 9: What the family will be told\nS told by AB at joint visit 30/04. No offence v. Sienna reported.\n"
        )
    )
    assert not child_spoke(facts)
    assert [s.placeholder for s in facts.voice.sections] == [True]


@pytest.mark.parametrize(
    "line, spoke",
    [
        ("Mum to be told at joint visit Wed 07/05 by AB. Sienna told at same visit, age-appropriate.", False),
        ("Sienna told later by SW, with mum present.", False),
        ("Sienna told her teacher at lunch that dad hit her.", True),
    ],
)
def test_a_child_told_in_shorthand_is_told_not_telling(line, spoke):
    facts = read(record("| Child's name | Sienna Marsh |\n|---|---|\n\n## Plan\n" + line + "\n"))
    assert child_spoke(facts) is spoke


def test_guidance_left_in_a_voice_box_with_tbc_is_a_placeholder_and_the_answer_is_tbc():
    facts = read(
        record(
            "## 8. Voice of the young person\nWhat has the young person said about the concerns? Their views, "
            "wishes and feelings. If they have not been spoken to, say why and when they will be.\n\nTBC\n"
        )
    )
    [section] = facts.voice.sections
    assert section.placeholder and section.answer == "TBC"


def test_a_sentence_about_a_partner_or_a_network_is_no_update_to_the_agencies():
    facts = read(
        record(
            "## Reason\nTia has told the school nurse that her mother's partner hit her with a belt.\n\n"
            "## Actions\n| Action | Who | By when |\n|---|---|---|\n"
            "| Share exploitation intelligence about the network | Tariq Hussain, Police | By 24/10/2016 |\n\n"
            "Include an action to update all agencies, including any not present, with a date.\n"
        )
    )
    assert facts.update_actions == []
    told = read(
        record("## Actions\n- EDT handover + email mins/outcome to all – D. Hughes, EDT, by 09:00 Mon 21/03.\n")
    )
    assert [a.intent for a in told.actions] == ["update-agencies"]


def test_a_meeting_tools_task_names_its_owner_with_an_at_sign():
    facts = read(
        record(
            "## Follow-up tasks\n- @Rob Tyler – ABE interview of Harvey – 16/03/2016\n"
            "- @Kate Brennan + @Phil Varga – joint home visit – 17/03/2016\n"
            "- @All – send any further information held to Chris Ogunleye – 18/03/2016\n"
        )
    )
    owners = [(a.owner, a.owner_status) for a in facts.actions]
    assert owners == [("Rob Tyler", "named"), ("Kate Brennan + Phil Varga", "named"), ("All", "generic")]
    assert [a.text for a in facts.actions][0] == "ABE interview of Harvey"


def test_initials_that_are_a_police_rank_before_a_surname_are_the_officer():
    facts = read(
        record(
            "## Participants\n| Name | Role | Agency |\n|---|---|---|\n"
            "| DC Simon Kettle | Detective Constable | Westshire Police |\n"
            "| Dionne Carter | Senior Practitioner | Calderwick Youth Justice Service |\n\n"
            "## Information shared by agencies\n### Police\nDC Kettle said a 16-year-old male was arrested.\n"
            "### Youth Justice Service\n\n### Education\nSchool: attendance 90%.\n"
        )
    )
    assert not agency(facts, "youth-justice").input_blocks


def test_a_review_cancelled_in_the_second_sentence_of_its_row():
    facts = read(
        record(
            "## 11. Next steps\n| Review strategy discussion | 16/03 10:00 Teams (AK). Cancelled 15/03 – AK on leave. "
            "Not yet rebooked. |\n|---|---|\n"
        )
    )
    assert [f.status for f in facts.followups] == ["cancelled"]
    assert not facts.followups[0].agencies_told


def test_watching_a_video_is_not_taking_a_photograph():
    facts = read(
        record(
            "## Reason\nAmira has bruising to her face and back from the assault.\n\n"
            "## Education\nThe school has not seen any injuries on her before. Staff saw the Snapchat video of the "
            "assault on a student's phone on 11 June and were shown a photo of the bruising.\n"
        )
    )
    assert facts.photographs == []


def test_a_children_table_headed_child_and_a_numbered_child_label_name_the_child():
    table = read(
        record(
            "## Children discussed\n| Child | DOB | Address |\n|---|---|---|\n"
            "| Chloe WARD | 12/12/2008 | 27 Meadow Bank |\n\n## Voice\nSeen alone on 24/06. Chloe said Dean is her boyfriend.\n"
        )
    )
    assert table.child.name.startswith("Chloe") and child_spoke(table)
    numbered = read(record("Child 1: Maisie WARD\n\nMaisie said she misses her sister.\n"))
    assert numbered.child.name.startswith("Maisie")


def test_notes_beside_an_empty_action_column_are_minutes_not_a_form():
    doc = parse_markdown(
        record(
            "## Item 1: Introductions, attendance and apologies\n| Discussion | Action (who, by when) |\n|---|---|\n"
            "| Dan Hughes – Snr Prac, EDT (chair) |  |\n| DS Lisa Brennan – on-call DS, CAIT, Ashmere Police |  |\n"
            "| Dr Marcus Hale – on-call consultant paediatrician, Ashmere General |  |\n"
        )
    )
    for cell in doc.tables[0].cells[0]:
        doc.blocks[cell].bold = True  # Word's header row
    facts = Facts(build_structure(doc, lexicon()))
    assert [p.name for p in facts.participants] == ["Dan Hughes", "DS Lisa Brennan", "Dr Marcus Hale"]


def test_quoted_words_that_name_the_child_are_someone_elses():
    facts = read(
        record(
            "| Child's name | Tyler Brennan |\n|---|---|\n\n"
            "## Reason\nJamie smashed the front room window. He told Stacey he would \"take Tyler and she'll never "
            'see him again".\n\n## Voice\nTBC\n'
        )
    )
    assert not child_spoke(facts)


def test_a_discussion_and_action_table_reads_its_action_column():
    facts = read(
        record(
            "## Item 5: Decisions\n| Discussion | Action (who, by when) |\n|---|---|\n"
            "| s47: threshold met. | Start the single assessment – Marcus Lindqvist, CSC, by 17/03/2016. "
            "Phone Ryan Ashworth – Marcus Lindqvist, by 18/03/2016. |\n"
            "| Agencies to check their records for any information about Mr Carter and send it to the social "
            "worker. | All agencies, by 18/03/2016. |\n"
            "| Legal: not needed at present. |  |\n"
        )
    )
    got = [(a.text, a.owner, a.deadline.text, a.owner_status) for a in facts.actions]
    assert got == [
        ("Start the single assessment", "Marcus Lindqvist, CSC", "by 17/03/2016", "named"),
        ("Phone Ryan Ashworth", "Marcus Lindqvist", "by 18/03/2016", "named"),
        (
            "Agencies to check their records for any information about Mr Carter and send it to the social worker.",
            "All agencies",
            "by 18/03/2016",
            "generic",
        ),
    ]
    # "Action (who, by when)": the words outside the brackets name the column
    assert lexicon().column_kind("Action (who, by when)") == "action"


def test_sending_the_outcome_to_the_agencies_by_name_is_the_update():
    facts = read(
        record(
            "## 10. Sharing the minutes\nACTION: MASH duty Team Manager to send these minutes and the outcome to "
            "Northmarch Police, Hollins Lane Primary School, Little Acorns Nursery and Hollinsfield Surgery by "
            "Tuesday 15/03/2016.\n\n## Actions\n| Action | Who | By when |\n|---|---|---|\n"
            "| Update school and GP | Day team SW | 16/03/2016 |\n| Inform school and GP of the arrest | DS Kaur | 16/03/2016 |\n"
            "| Tell mum and dad the outcome | SW | 15/03/2016 |\n"
        )
    )
    told = [a.text for a in facts.update_actions]
    assert "Update school and GP" in told
    assert any(t.startswith("ACTION: MASH duty Team Manager") for t in told)
    assert "Inform school and GP of the arrest" not in told and "Tell mum and dad the outcome" not in told


def test_a_contact_in_the_what_they_told_us_column_of_the_attendance_table_is_read():
    facts = read(
        record(
            "## 3. Who took part and what they told us\n"
            "| Children's Social Care | Ollie Brandt, Social Worker, Hobbs Cross Assessment Team | Ollie Brandt advised "
            "that the family had one previous contact. Before the meeting Ollie Brandt spoke to Dr Keane at Hobbs Cross "
            "Health Centre by telephone. Dr Keane advised that Ms Dawson has missed three appointments. |\n|---|---|---|\n"
            "| Police | PC Donna Harte, MASH Researcher, Wealdmoor Police | PC Harte advised that there are no "
            "domestic abuse reports at the address. |\n"
        )
    )
    assert [(c.key, c.recorded) for c in facts.contacts] == [("gp", False)]


def test_taking_part_were_in_a_logs_second_sentence_lists_the_participants():
    facts = read(
        record(
            "## Discussion log\n09:40 – Telephone strategy discussion held by conference call from 09:40 to 10:25. "
            "Taking part were Sue Whitlock, Team Manager, MASH (chair); DC Hannah Okafor, Child Abuse Investigation "
            "Team, Westshire Police; Ruth Penn, Health Visitor, 0-19 Public Health Nursing; and Dr Michael Ellis, GP, "
            "Parkside Medical Centre.\n"
        )
    )
    people = by_name(facts)
    assert set(people) == {"Sue Whitlock", "DC Hannah Okafor", "Ruth Penn", "Dr Michael Ellis"}
    assert (people["Dr Michael Ellis"].role, people["Dr Michael Ellis"].agency) == ("GP", "Parkside Medical Centre")


def test_a_row_labelled_with_a_list_of_agencies_is_the_input_of_the_one_it_names():
    facts = read(
        record(
            "## Participants\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Lee Draper | Tenancy Officer | Westshire Homes |\n| Ms Lyle | Probation Officer | Probation Service |\n\n"
            "## 4. Agency information\n| Agency | Information |\n|---|---|\n"
            "| Other (Early Help, CAMHS, Housing, Probation, YJS) | Ms Lyle advised that Mr Slater's community order "
            "ends in March. |\n"
        )
    )
    assert not agency(facts, "housing").input_blocks
    assert agency(facts, "probation").input_blocks


def test_numbered_titles_with_guidance_after_them_are_titles():
    doc = parse_markdown(
        record(
            "**A4. Who chaired it?**\n\nSarah Beckett, TM, MASH\n\n"
            "A5. Who took part? (name, role, organisation – include anyone consulted by phone or email)\n\n"
            "- Lee Summers (Case Manager, Calderwick YJS)\n- DC Ravi Patel (Exploitation Team, Westshire Police)\n\n"
            "**D4. Health (GP, school nursing, CAMHS)**\n\nGP: no concerns.\n\n"
            "**D5. Other partners (YJS, Early Help, housing, employer, youth services) – include those with nothing "
            "known**\n\nStreetwise (MC, by phone): K stopped coming to boxing in September.\n"
        )
    )
    facts = Facts(build_structure(doc, lexicon()))
    kinds = {s.title[:3]: s.kind for s in facts.document.sections}
    assert kinds.get("A5.") == "attendees"  # its own words, not the guidance's "consulted"
    assert "D5." in kinds
    assert not agency(facts, "youth-justice").input_blocks  # offered by D5's title, never said


def test_a_row_for_one_agency_under_a_part_offering_several_is_that_agencys_input():
    facts = read(
        record(
            "## Participants\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Gemma Rudd | Health Visitor | 0-19 Public Health Nursing, Kelbridge |\n\n"
            "## Agency information\n#### Health (GP, 0-19 / health visiting, midwifery, hospital, CAMHS)\n"
            "| Health visitor | New birth visit and 6–8 week review completed; 12-week contact missed. |\n"
            "| Midwifery | Discharged on day 10 with no concerns. |\n"
        )
    )
    assert agency(facts, "health-visiting").input_blocks


def test_the_child_named_as_a_patient_in_a_title_or_by_the_name_they_go_by():
    patient = read(
        record("| Patient | Freya ASHDOWN |\n|---|---|\n\n## Notes\nFreya said she wants to live with her aunt.\n")
    )
    assert patient.child.name.startswith("Freya") and child_spoke(patient)
    titled = read(
        "# Council\n\nStrategy discussion summary: Lily-Ann PRESCOTT, DOB 14/04/2023 (2y 7m), 3 Weaver's Yard\n\n"
        'Mrs Petty told PS Aske LA said "Mummy sleeping".\n'
    )
    assert titled.child.name == "Lily-Ann" and child_spoke(titled)
    known = read(
        record(
            "| Name(s) used | Stated DOB (age) |\n|---|---|\n| Bich Ngoc LAM, known as Ngoc | says she is 15, DOB 01/01/2010 |\n\n"
            "## Her account\nNgoc said she was brought to the nail bar by a man she calls her uncle.\n"
        )
    )
    assert child_spoke(known)


def test_an_empty_voice_prompt_with_guidance_before_the_next_title_is_a_placeholder():
    facts = read(
        record(
            "**What partners told us**\n\nGP: no concerns.\n\n"
            "**What is life like for Alfie day to day? (what he has said, shown or what others have seen)**\n\n"
            "**What we decided**\n\n- Section 47 threshold met: yes\n"
        )
    )
    assert [(s.title.split("?")[0], s.placeholder) for s in facts.voice.sections] == [
        ("What is life like for Alfie day to day", True)
    ]


def test_a_childs_account_row_that_only_plans_to_see_her_is_a_placeholder():
    facts = read(
        record(
            "| Child's name | Marisol COSTA |\n|---|---|\n\n## Agency information\n"
            "| Agency | Information shared | Action |\n|---|---|---|\n"
            "| Police | Two adults arrested at the address. | DS Venn to interview by 18/03/2016 |\n"
            "| Marisol – her account |  | FL to see Marisol alone with a Portuguese interpreter at the home visit on 17/03/2016. |\n"
        )
    )
    assert [s.placeholder for s in facts.voice.sections if "account" in s.title] == [True]


def test_a_who_is_told_table_row_telling_them_all_is_the_update():
    facts = read(
        record(
            "## PART 7 – WHO IS TOLD\n| Who | What | By whom | By when |\n|---|---|---|---|\n"
            "| All in Part 4 + Dunmarsh police Exploitation Team | Mins + decisions | TB | Thu 17/03, 12:00 |\n"
            "| Mum (Tanya Penhallow) | Concerns + s47 | TB | Thu 17/03 |\n\n"
            "## Actions\n| Ref | Action | Owner | Due |\n|---|---|---|---|\n"
            "| A8 | Email this minute + outcome of s47 so far to all in the meeting | Marta Kowalczyk, SW | Fri 18/03 |\n"
        )
    )
    told = [a.text for a in facts.update_actions]
    assert any(t.startswith("All in Part 4") for t in told) and any(t.startswith("Email this minute") for t in told)
    assert not any(t.startswith("Mum") for t in told)


def test_a_who_needs_to_know_table_row_for_all_in_a_part_is_the_update():
    facts = read(
        record(
            "## H. WHO NEEDS TO KNOW\n| Who | How | By | When |\n|---|---|---|---|\n"
            "| All at part B | Minute and outcome by secure email | Tina Coles | 12/03/2016 |\n"
            "| Youth Custody Service placements team | Email | Carla Mendes | 12/03/2016 |\n"
        )
    )
    told = [a for a in facts.update_actions if a.text.startswith("All at part B")]
    assert told and told[0].deadline.is_real


def test_a_paediatricians_own_medical_photos_are_medical():
    facts = read(
        record("## Health\nIHA done by community paed: old bruising L upper arm (paed's own medical photos on file).\n")
    )
    assert all(p.medical for p in facts.photographs)


def test_a_request_for_it_after_a_sentence_naming_the_discussion():
    facts = read(
        "# Council\n\nDear all,\n\nThanks for joining the strat disc today, Mon 14/03/16, 12:00-12:45 on Teams. "
        "PS Darren Aske (Ravensmoor Police) asked for it when he rang the duty line at 09:05 this morning.\n"
    )
    assert facts.request.found
    other = read("# Council\n\nDear all,\n\nThe mother's car broke down. PS Aske asked for it to be towed.\n")
    assert not other.request.found


# -- the kept half of the twelfth split, opened (session of 2026-11-29, second) ---------------


def test_a_title_of_two_questions_is_the_part_its_first_known_question_asks_for():
    lex = lexicon()
    assert lex.section_kind("4. What is life like for Mason? What has he said or shown us?") == "child_voice"
    assert lex.section_kind("2. Who is here and who could not come?") == "attendees"


@pytest.mark.parametrize(
    "part",
    [
        # a title of two questions over a row naming the child
        "## 4. What is life like for Mason? What has he said or shown us?\n"
        "| Mason | Click or tap here to enter text. |\n|---|---|\n",
        # column titles naming the children are whose column, not what they said
        "## Part 6 – The child's voice and day-to-day life\n"
        "|  | Child A (Tyler) | Child B (Maisie) |\n|---|---|---|\n"
        "| What the child has said | Click or tap here to enter text. | Click or tap here to enter text. |\n",
    ],
)
def test_a_voice_part_holding_only_empty_controls_is_a_placeholder(part):
    assert [v.placeholder for v in read(record(part)).voice.sections] == [True]


def test_a_form_row_named_for_the_child_holds_what_they_said_and_their_day():
    facts = read(
        record(
            "## Child 1 of 2: Jayden Cropper\n"
            "| Date of birth | 22/10/2015 (9) |\n|---|---|\n"
            '| What Jayden has told us, or what we have seen of his day | Told DSL "Darren sleeps all day". |\n\n'
            "## Child 2 of 2: Rowan Fisk\n"
            "| Date of birth | 05/02/2025 |\n|---|---|\n"
            "| What we have seen of Rowan's day | Settled when picked up and fed; sleeps in a Moses basket. |\n"
        )
    )
    titles = [v.title for v in facts.voice.sections]
    assert "What Jayden has told us, or what we have seen of his day" in titles
    assert "What we have seen of Rowan's day" in titles


def test_a_person_spoken_to_separately_in_the_attendance_part_is_recorded():
    facts = read(
        record(
            "## Who is here and who could not come?\n| Name | Job | Organisation |\n|---|---|---|\n"
            "| Dami Osei | Social Worker | Marrowby Children's Services |\n\n"
            "Could not come: Tansy Rowe, Health Visitor, Marrowby Community Health: on a home visit.\n\n"
            "Spoken to separately: Sister Bronagh Kells, FGM Specialist Midwife, Saltreach General Hospital, "
            "by phone with D. Osei at 09:40.\n\n"
            "## Agency information\n"
            "| Agency | What they told us |\n|---|---|\n"
            "| FGM Specialist Midwife (Sr Kells, by phone) | Saw mother in 2023. |\n"
            "| Health: HV (T. Rowe, by email) | Development on track. |\n"
        )
    )
    people = by_name(facts)
    assert people["Dami Osei"].role == "Social Worker"  # a "Job" column is the role
    assert people["Tansy Rowe"].mode == "apologies"
    assert facts.contacts and all(c.recorded for c in facts.contacts)


def test_a_contact_in_brackets_is_whoever_the_brackets_name():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Rita Wardle | Practice Nurse | Tansy Lane Surgery |\n"
            "| Nina Patel | Social Worker | Children's Social Care |\n\n"
            "## Agency information\n"
            "RW (Tansy Lane Surgery, by phone) confirmed no attendances of concern and that Mr Ruskell was "
            "referred to the practice's alcohol service in 2023 but did not attend.\n"
        )
    )
    assert all(c.recorded for c in facts.contacts)
    assert not any("alcohol" in c.name.lower() for c in facts.contacts)


def test_the_records_own_title_naming_a_decision_does_not_hold_the_whole_record():
    facts = read(
        "# Strategy Discussion and Threshold Decision (SD2)\n\n"
        "## Meeting details\nDate of strategy discussion: 14/05/2025\n\n"
        "## Partners in the discussion\n| Name | Role | Agency |\n|---|---|---|\n"
        "| DC Tom Hollis | Detective Constable | Wessmoor Police |\n"
        "| Kirsty Ogunleye | Social Worker | Children's Social Care |\n\n"
        "## Partner checks\nDC Hollis reported that there is nothing held on Ms Delane or the address.\n"
    )
    assert facts.document.sections[0].kind is None
    assert block_with(facts, "DC Hollis reported") in agency(facts, "police").input_blocks


def test_the_outcome_sent_to_every_row_of_the_grid_is_the_update_to_all():
    facts = read(
        record(
            "## Actions\n| Action | Who | By |\n|---|---|---|\n"
            "| email grid + decisions to all rows above | Amira Sohal Hub Coord | Thu 3/4 |\n"
        )
    )
    assert [a.text for a in facts.update_actions] == ["email grid + decisions to all rows above"]


# -- the thirteenth split's opened half (WB43, WB45) ------------------------------------------


def test_meeting_date_from_date_and_time_held_and_from_a_took_place_sentence():
    held = read("# Strategy Discussion\n\n| Date and time held | Tues 21/01/25, 09:30-10:30 |\n|---|---|\n")
    assert held.meeting.date == dt.date(2025, 1, 21)
    sentence = read(
        "# Minute of Strategy Discussion\n\n"
        "1.2 The discussion took place by telephone conference in the early hours of Sunday 06/04/2025, "
        "starting at 03:10.\n"
    )
    assert sentence.meeting.date == dt.date(2025, 4, 6)


def test_a_numbered_minutes_field_is_a_label_but_a_numbered_question_is_not():
    facts = read(
        "# Minute of Strategy Discussion\n\n"
        "1.6 Requested by: DS Alison Marr, Child Exploitation Team, Eastmarch Police, by email.\n\n"
        "| 5. Who took part and how? (name, role, agency; apologies) | Present on Teams were Nicola Barnes "
        "(Team Manager, MASH) and PC Harry Lowther (Brackenmoor Police). |\n|---|---|\n"
    )
    assert (facts.request.found, facts.request.how) == (True, "field")
    assert facts.empty_attendee_lists == []


def test_people_of_one_agency_in_one_cell_of_a_checklist():
    facts = read(
        record(
            "## Part 3: Agency checklist (RAG)\n"
            "| Agency | Person, role, how involved | RAG | Result (one line) |\n|---|---|---|---|\n"
            "| CSC Oswold Green | Deborah Kaur TM (chair); Liam Stott SW; attended | Amber | Not known. |\n"
            "| Carrowby Council CSC | Ms Joy Ansell, Duty SW; by phone w/ LS 08:45, did not join | Red | CIN 2022. |\n"
            "| Community Paediatrics | Dr Alan Petrie, Consultant Community Paediatrician; attended | Amber | "
            "Medical booked. |\n"
        )
    )
    people = by_name(facts)
    assert {"Deborah Kaur", "Liam Stott", "Ms Joy Ansell", "Dr Alan Petrie"} <= set(people)
    assert (people["Liam Stott"].role, people["Liam Stott"].agency_key) == ("SW", "childrens-social-care")
    assert people["Ms Joy Ansell"].mode == "phone"
    assert people["Dr Alan Petrie"].mode == "present"  # a Consultant was not consulted


def test_the_child_named_in_a_numbered_minute_and_their_own_part():
    facts = read(
        "# Minute of Strategy Discussion\n\n"
        "1.1 Lewis FARRAND, M, DOB 06/08/2011 (13). 23 Kiln Lane, Fennick Bridge.\n\n"
        "## 5. LEWIS - WORDS / DAY TO DAY\n"
        "5.2 Day to day: school, then online most evenings til late in bedroom.\n"
    )
    assert facts.child.name.startswith("Lewis")
    assert [v.title for v in facts.voice.sections] == ["5. LEWIS - WORDS / DAY TO DAY"]


def test_a_pre_birth_records_babys_world_and_plans():
    facts = read(
        "# Pre-Birth Strategy Discussion: Unborn Baby\n\n"
        "| Name | DOB | Where living |\n|---|---|---|\n| Shannon's child 1 | 2016 | adopted |\n\n"
        "## 7. THE BABY'S WORLD – WHAT LIFE IS LIKE FOR THIS UNBORN BABY NOW, AND WILL BE AFTER BIRTH\n"
        "- exposed to heroin daily + alcohol\n- CTG tonight reassuring, baby moving well\n\n"
        "## 9. BIRTH PLAN\n- if labour over w/e: coordinator rings EDT straight away\n\n"
        "## 11. ACTIONS\n| No | Action | Responsible | Target date |\n|---|---|---|---|\n"
        "| 1 | Alert on maternity record | Beth Maddox (Maternity) | 14/03/2025 |\n"
    )
    assert facts.child.name == ""
    assert len(facts.voice.sections) == 1 and facts.voice.sections[0].title.startswith("7. THE BABY'S WORLD")
    assert [a.text for a in facts.actions] == ["Alert on maternity record"]


def test_agencies_known_by_their_local_names():
    facts = read(
        record(
            "## Participants\n| Name | Designation | Organisation |\n|---|---|---|\n"
            "| Hollie Ashdown | Hospital IDVA | Eastley Domestic Abuse Partnership |\n"
            "| Dean Sturridge | Recovery Worker | Eastley Recovery Partnership |\n"
            "| Ffion Lace | Community Midwife | Brackenford Hospitals NHS FT |\n"
        )
    )
    keys = {p.name: p.agency_key for p in facts.participants}
    assert keys == {
        "Hollie Ashdown": "domestic-abuse",
        "Dean Sturridge": "substance-misuse",
        "Ffion Lace": "midwifery",  # the trust's name is weak: the role says which service
    }


def test_an_agency_joining_the_meeting_is_not_a_contact_outside_it():
    facts = read(
        record(
            "## Attendance\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Owen Tait | Recovery Worker | Pathways Recovery Marlford |\n\n"
            "## Reason\nThe meeting was held in the maternity department, with police, the health visitor "
            "and the recovery service joining on Teams.\n"
        )
    )
    assert facts.contacts == []


def test_a_numbered_minutes_participation_paragraph_lists_who_took_part():
    facts = read(
        "# Minute of Strategy Discussion\n\n## 2. PARTICIPATION\n"
        "2.1 Those who took part were: Ms Helen Stroud, EDT Senior Practitioner, Children's Services "
        "(Chair and minute); Sergeant Kieran Walsh, Duty Sergeant, Eastmarch Police; and Mr Craig Lunt, "
        "Shift Leader, Larchside House (Brightwater Care Ltd).\n"
    )
    people = by_name(facts)
    assert people["Ms Helen Stroud"].agency_key == "childrens-social-care"
    assert (people["Sergeant Kieran Walsh"].role, people["Sergeant Kieran Walsh"].agency_key) == (
        "Duty Sergeant",
        "police",
    )
    assert people["Mr Craig Lunt"].role == "Shift Leader"
    nobody = read("# Minute of Strategy Discussion\n\n## 2. PARTICIPATION\n2.1 As per Teams invite.\n")
    assert [s.kind for s in nobody.document.sections if s.title.endswith("PARTICIPATION")] == ["attendees"]


def test_a_voice_prompts_bracketed_guidance_is_not_the_child_speaking():
    facts = read(
        record(
            "## Part 4: Narrative\n"
            "The child's voice and daily life (who has seen the child, when, and what they said or showed)\n\n"
            "Click or tap here to enter text.\n"
        )
    )
    assert not child_spoke(facts)


def test_who_took_part_is_not_what_their_agency_said_and_nobody_is_not_a_participant():
    facts = read(
        record(
            "## Part 3: Agency checklist\n"
            "| Agency | Person, role, how involved | RAG | Result (one line) |\n|---|---|---|---|\n"
            "| Oswold Green Homes (housing) | Mr Kevin Sowerby, Tenancy Officer; attended |  |  |\n"
            "| Health – Paediatrics / Hospital | N/A – unborn |  |  |\n"
            "| Education / Early Years | Not contacted (OOH) |  |  |\n"
        )
    )
    assert [p.name for p in facts.participants] == ["Mr Kevin Sowerby"]
    assert agency(facts, "housing").input_blocks == []


def test_a_youth_health_nurse_is_school_nursing():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Nadia Ali | Youth Health Nurse | 0-19 Public Health Nursing |\n\n"
            "## Agency information\nYouth health nurse: R attended sexual health drop-in 01/2025 – nil concerns.\n"
        )
    )
    assert agency(facts, "health-visiting").input_blocks == [block_with(facts, "Youth health nurse:")]


def test_a_local_recovery_service_reached_by_phone_is_a_contact():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Hannah Reed | Team Manager | Children's Social Care |\n\n"
            "## After the meeting\nAfter the meeting the chair spoke by phone to the mother's key worker at "
            "Lantern Recovery, who confirmed that she is in a residential placement.\n"
        )
    )
    assert [(c.key, c.recorded) for c in facts.contacts] == [("substance-misuse", False)]


# -- the fourteenth split's opened half (WB47, WB49) ------------------------------------------

GRID = record(
    "## Child(ren)\nChild(ren): Holly GARSIDE, DOB 14/10/2020\n\n"
    "## Grid\n"
    "| Agency and who took part | Information held | Current risk | Agreed action | Owner | Due |\n"
    "|---|---|---|---|---|---|\n"
    '| The children: voice and day-to-day | Holly to teacher: "Mummy sleeps on the sofa all day". | '
    "Neglect. | See Holly at school | FI | 25/02/2025 |\n"
    "| CSC / Marcus Webb, TM (chair) / Farah Iqbal, SW | CIN 2023, closed. | Return home. | s47 | FI | "
    "25/02/2025 |\n"
    "| GP / Dr Asha Menon, Beacon Health Centre | Finn's jabs overdue. | As above. | Catch-up jabs | Dr AM | "
    "03/03/2025 |\n"
)


def test_an_agency_grid_lists_who_took_part_and_holds_the_childs_row():
    facts = read(GRID)
    people = by_name(facts)
    assert {"Marcus Webb", "Farah Iqbal", "Dr Asha Menon"} <= set(people)
    assert (people["Farah Iqbal"].role, people["Farah Iqbal"].agency_key) == ("SW", "childrens-social-care")
    assert people["Dr Asha Menon"].role == "GP"
    assert any(v.title.startswith("The children: voice") for v in facts.voice.sections)
    assert child_spoke(facts)


def test_minutes_running_on_under_the_present_list_are_what_people_said():
    facts = read(
        record(
            "## MINUTES\n\n## Present\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Ruth Nye | Safeguarding Nurse | Fenwold Valley NHS Trust |\n"
            "| Pat Reid | Paediatrician | Fenwold General |\n\n"
            "RN reported that Kian attended the emergency department on 12 January with a cut across the palm.\n\n"
            "PR (read in): LJ temp 35.9 on arrival, warmed, obs normal by 09:30. No injuries. Well-grown, clean. "
            "Discharged 11:40 to mum with nan (Mrs Val Barnes) present.\n"
        )
    )
    assert block_with(facts, "RN reported") in agency(facts, "health-safeguarding").input_blocks
    assert "Mrs Val Barnes" not in by_name(facts)


def test_a_child_not_seen_ticked_no_with_a_plan_is_no_voice():
    facts = read(record("## Decisions\n| Child seen / spoken to | ☐ Yes ☒ No · to be seen by OH 14/02 |\n|---|---|\n"))
    assert all(v.placeholder for v in facts.voice.sections) and facts.voice.evidence == []


def test_nobody_photographed_them_is_no_photograph():
    facts = read(record("## Why we met\nThe school drew the marks on a body map; nobody photographed them.\n"))
    assert facts.photographs == []


def test_notes_emailed_to_all_at_either_sitting_is_the_update_to_all():
    facts = read(
        record(
            "## Actions\n| No. | Action | Who | By |\n|---|---|---|---|\n"
            "| A2.5 | Email S2 notes + full decision log to all at either sitting + GP | SP, CSC | Fri 21/03/2025 |\n"
        )
    )
    assert [a.text for a in facts.update_actions] == [
        "Email S2 notes + full decision log to all at either sitting + GP"
    ]


def test_a_quoted_nickname_in_brackets_is_how_the_record_names_the_child():
    facts = read(
        "# Strategy discussion – live note\n\n"
        'Child: Amelia-Rose ("Rosie") Kettleborough, DOB 02/04/2024 (20 mths), 5 Cobbler\'s Walk\n\n'
        "SW: With maternal aunt since Mon. Visited Mon p.m.: Rosie babbling, pulling herself up on the sofa.\n"
    )
    assert "Rosie" in facts.child.name
    assert facts.voice.evidence


def test_the_day_teams_later_strategy_discussion_is_not_this_meetings_date():
    facts = read(
        "# Pre-birth and newborn strategy discussion\n\n"
        "This was an out-of-hours strategy discussion held by telephone conference on Saturday 14/06/2025 "
        "from 22:15 to 22:50.\n\n"
        "Discharge stays as the pre-birth plan, not before the day-team strategy discussion on Monday "
        "16/06/2025.\n"
    )
    assert facts.meeting.date == dt.date(2025, 6, 14)


def test_the_child_quoted_by_a_pronoun_after_the_text_names_them():
    head = "# Strategy discussion – dialogue\n\nChild: Mason Treloar, DOB 28/06/2019 (5)\n\n"
    facts = read(
        head + "DSL: The main worry this week is Mason's mouth. On Monday his left cheek was swollen. "
        'He told his teacher, "My tooth hurts when I eat."\n'
    )
    assert child_spoke(facts)
    from strategy_lint.facts.voice import _pronoun_quotes_child

    line = 'Keith Herd brought Mason at 10:00. He had driven Mason to the centre. He said he\'d "had a couple".'
    assert not _pronoun_quotes_child(read(head + line + "\n"), line)  # "He" is Keith, not the child


def test_a_contact_named_only_in_the_plan_is_named_nowhere_else():
    # sending the record to the surgery names a recipient, not a contributor
    facts = read(
        record(
            "## Present\nPresent were Andrew Cole (Team Manager, Children's Social Care) and DS Fiona Grieve "
            "(Detective Sergeant, Westshire Police).\n\n"
            "## Information shared\nZara Hussein also advised that she telephoned Dr Ian Lomax at Riverside "
            "Surgery this morning. Dr Lomax said Ms Lawson had attended in July with low mood.\n\n"
            "Ms Lawson works at the Co-op.\n\n"
            "## Actions\n1. Zara Hussein to email this record to all who attended and to Riverside Surgery by "
            "18/09/2024.\n"
        )
    )
    [contact] = [c for c in facts.contacts if not c.recorded]
    assert contact.key == "gp" and not contact.named_elsewhere  # Ms Lawson is the family, not the contact


def test_a_role_contacted_is_known_unlisted_by_the_person_named_beside_it():
    body = (
        "## Present\n| Name | Role | Agency |\n|---|---|---|\n| Mark Ellery | Senior Practitioner | EDT |\n\n"
        "## Discussion\nBefore the call Mark Ellery spoke by phone to Dr Arjun Hamid, the on-call paediatric "
        "registrar, who said Jayden is well and feeding.\n"
    )
    [contact] = [c for c in read(record(body)).contacts if not c.recorded]
    assert not contact.named_elsewhere  # the worker who rang is named elsewhere; Dr Hamid is not
    again = read(record(body + "\n## Health\nDr Hamid will see Jayden on the ward.\n"))
    assert [c.named_elsewhere for c in again.contacts if not c.recorded] == [True]


def test_an_unfilled_agency_row_of_a_tick_box_grid_names_nobody():
    facts = read(
        record(
            "## Agencies involved\n| Agency | Name / role | Present | Apologies | Spoken to by phone/email |\n"
            "|---|---|---|---|---|\n"
            "| Police | DC Nina Walsh, CAIT, Wrenshire Police | ☒ | ☐ | ☐ |\n"
            "| GP |  | ☐ | ☐ | ☐ |\n"
            "| Health | Beth Carey, School Nurse | ☐ | ☒ | ☐ |\n\n"
            "## Information shared\nSW rang Brookfield Surgery at 11:40 and spoke to Kerry Lane, practice "
            "safeguarding admin: no concerns noted.\n"
        )
    )
    assert [p.agency_key for p in facts.participants] == ["police", "school-nursing"]
    assert by_name(facts)["Beth Carey"].mode == "apologies"
    assert [c.recorded for c in facts.contacts if c.key == "gp"] == [False]


def test_a_school_nurse_named_after_the_school_is_the_school_nurse():
    facts = read(
        record(
            "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n| Jo Amis | DSL | Larkspur School |\n\n"
            "## Information\nBF phoned the Larkspur school nurse on 07/10, who has seen Ollie for his medication.\n"
        )
    )
    [contact] = facts.contacts
    assert contact.key == "school-nursing" and not contact.recorded


def test_who_sent_an_email_to_the_social_worker_gave_information():
    facts = read(
        record(
            "## Present\n| Name | Role | Agency |\n|---|---|---|\n| Dominic Shaw | Social Worker | CSC |\n\n"
            "## Summary\nThe nursery manager, Sharon Pike, emailed Dominic Shaw this morning: Lily-Rose has "
            "attended three days a week since 09/2023.\n"
        )
    )
    assert [(c.key, c.recorded) for c in facts.contacts] == [("nursery", False)]


def test_after_the_meeting_does_not_cut_the_sentence_from_who_was_reached():
    facts = read(
        record(
            "## Present\n| Name | Role | Agency |\n|---|---|---|\n| Rachel Dunne | Social Worker | CSC |\n\n"
            "## Notes\nThe social worker spoke by telephone after the meeting with the practice nurse at "
            "Brookfield Surgery, who said Sofia attended in July with a sprained wrist.\n"
        )
    )
    assert [(c.key, c.recorded) for c in facts.contacts] == [("gp", False)]


def test_a_gp_saying_it_will_share_its_record_is_not_the_update_to_all():
    facts = read(
        record(
            "## Agency information\n| Agency | Information |\n|---|---|\n"
            "| GP | Dr Vantongeren spoke to Dr Amrit Kessel, GP, by phone 24/04: 31 consultations in 12 months; "
            "GP has concerns about repeat requests and will share the record. |\n"
        )
    )
    assert not facts.update_actions
    assert [c.key for c in facts.contacts] == ["gp"]


def test_a_tables_column_titles_are_parts_of_the_record():
    # a Signs of Safety table with no heading of its own, straight after the attendance list
    facts = read(
        "# Strategy Meeting\n\n## Attendees\n| Name | Agency |\n|---|---|\n| Rachel Dunne | CSC |\n\n"
        "| What's working well | What are we worried about | What needs to happen |\n|---|---|---|\n"
        "| Mr Ellis said Sofia is bright and popular with her friends. | Sofia said Kelly grabbed her round "
        "the neck. The social worker spoke by telephone with the practice nurse at Brookfield Surgery, who "
        "said Sofia attended with a sprained wrist. | Sofia not to return home tonight. Police to interview "
        "Kelly Sutton. |\n"
    )
    kinds = {s.title: s.kind for s in facts.document.sections}
    assert kinds["What's working well"] == "risk" and kinds["What are we worried about"] == "reason"
    assert kinds["What needs to happen"] == "decision"  # a plan in prose, not the list of actions
    assert not facts.actions
    worried = next(s for s in facts.document.sections if s.title == "What are we worried about")
    assert worried.parent is None or facts.document.sections[worried.parent].kind != "attendees"
    assert [(c.key, c.recorded) for c in facts.contacts] == [("gp", False)]


def test_a_pdf_paragraph_wrapped_over_lines_is_read_as_one_sentence_for_contacts():
    doc = parse_markdown(record("## Discussion\nPARA\n"))
    doc.format = "pdf"
    [para] = [b for b in doc.blocks if b.text == "PARA"]
    para.text = (
        "DC Tran said there are no previous police records at the\naddress. The social worker spoke by\n"
        "telephone after the meeting with\nthe practice nurse at Brookfield\nSurgery, who said Sofia attended "
        "in\nJuly 2024 with a sprained wrist."
    )
    facts = Facts(build_structure(doc, lexicon()))
    assert [c.key for c in facts.contacts] == ["gp"]


def test_a_relative_ringing_or_an_officer_speaking_to_the_child_is_not_a_contact():
    facts = read(
        record(
            "## Present\n| Name | Role | Agency |\n|---|---|---|\n| Dominic Shaw | Social Worker | CSC |\n\n"
            "## Health\n31 GP consultations in 12 months, mostly mother reporting symptoms by phone.\n\n"
            "## Police\nPS Hughes and a female officer, PC Dana Reid, spoke to Isla at her nan's house at 20:40.\n\n"
            "## History\nNell Fairclough told Dominic Shaw by phone before the meeting that in 2019 his son was "
            "taken to hospital with a skull fracture.\n"
        )
    )
    assert not [c for c in facts.contacts if c.key in ("gp", "police", "paediatrics")]


def test_a_consulted_field_with_bracketed_guidance_in_its_title_lists_its_contacts():
    facts = read(
        record(
            "## Participants\n| Name | Role | Agency |\n|---|---|---|\n| Callum Dyer | Social Worker | CSC |\n\n"
            "## Information shared\n"
            "Consulted outside the meeting (phone, email or text, and the date): "
            "Dr Hannah Lowry, GP at Ashbourne Health Centre.\n\n"
            "Callum Dyer spoke to Dr Hannah Lowry, GP at Ashbourne Health Centre, by telephone – no concerns.\n"
        )
    )
    assert {c.key: c.recorded for c in facts.contacts} == {"gp": True}


def test_a_pdf_cell_of_several_people_wrapped_over_its_lines_is_one_entry_each():
    doc = parse_markdown(
        record(
            "## Agencies involved\n| Agency | Name / role | Present |\n|---|---|---|\n"
            "| Other (state) | CELL1 | ☒ |\n| Paediatrics / hospital | CELL2 | ☒ |\n"
        )
    )
    doc.format = "pdf"
    cells = {b.text: b for b in doc.blocks if b.text in ("CELL1", "CELL2")}
    cells["CELL1"].text = "Lisa Grant, Team Leader,\nEarly Help\nDean Moss, Housing Officer,\nKestonbury Homes"
    cells["CELL2"].text = "Dr Hannah Ferris, Consultant\nPaediatrician, Wrenfield\nGeneral"
    people = by_name(Facts(build_structure(doc, lexicon())))
    assert sorted(people) == ["Dean Moss", "Dr Hannah Ferris", "Lisa Grant"]
    assert people["Dean Moss"].agency_key == "housing" and people["Lisa Grant"].agency_key == "early-help"


def test_an_email_strategys_thread_opened_date_is_the_meeting_date():
    facts = read(
        "# Strategy Discussion Held by Email\n\n"
        "| Thread opened | Fri 07/03/2025 12:05 | Thread closed | Fri 07/03/2025 14:50 |\n|---|---|---|---|\n"
    )
    assert facts.meeting.date == dt.date(2025, 3, 7)


def test_the_date_that_opens_the_meetings_own_part_is_its_date():
    facts = read(
        "# Harmful practices pathway\n\nStrat requested by DS Ellen Coleman (Safeguarding Hub) 15/10 17:40 — agreed "
        "by MASH TM 17:55.\n\n## STAGE 3 · CHECKS\n"
        + "".join(f"- Check {n}: nothing known.\n" for n in range(1, 70))
        + "\n## STAGE 4 · STRATEGY DISCUSSION\n"
        "Thu 16/10/25, 11:00–11:45, Teams. Chair: Gail Prentice, MASH TM.\n"
    )
    assert facts.meeting.date == dt.date(2025, 10, 16)
    review = read("# Record\n\n## Strategy discussion\nNext review 20/10/25 on Teams.\n")
    assert review.meeting.date is None  # a later meeting's date, not this one's


def test_a_school_log_names_the_child_as_the_pupil_and_its_running_log_is_not_a_voice_part():
    facts = read(
        "# Safeguarding Log — Strategy Meeting held in School\n\n"
        "| Log no. | SG-0288 | Pupil | Lily-Rose CARTER |\n|---|---|---|---|\n\n"
        "RUNNING LOG\n\n| Time | Who | What was said |\n|---|---|---|\n"
        "| 13:15 | NF | NF welcomed everyone. |\n"
        '| 13:17 | DH | DH said Lily-Rose arrived at the gate on her own. She told DH, "Mummy was sleeping and '
        "wouldn't wake up so I walked.\" |\n"
    )
    assert facts.child.name.startswith("Lily-Rose")
    assert child_spoke(facts)
    assert not [s for s in facts.voice.sections if s.placeholder]


def test_the_child_named_in_a_sentence_saying_whom_the_record_concerns():
    facts = read(
        "# Joint strategy record\n\n## Part 1 — The meeting\nThe meeting was held on 08/10/2025 on Teams. It concerns "
        "Callum INGLEBY, DOB 04/02/2012 (13), who is looked after.\n\n## W1 Callum today\nCallum says the carers "
        "shout at him.\n"
    )
    assert facts.child.name.startswith("Callum") and child_spoke(facts)


def test_speaker_tags_and_a_minute_takers_council_in_the_present_list():
    facts = read(
        record(
            "## Present (tag used below – name, role, agency)\n\n"
            "- Recovery – Jess Kilbride, Recovery Worker, Kellsworth Drug and Alcohol Service\n"
            "- BSO – Ben Scholes, BSO, Kellsworth CC (mins)\n"
            "- Dan Hughes – Snr Prac, EDT (chair)\n\n"
            "## Record of discussion\nRecovery: Tasha self-referred for alcohol and attended 3 of 8 appointments.\n"
        )
    )
    people = by_name(facts)
    assert people["Jess Kilbride"].initials == "Recovery"
    assert people["Ben Scholes"].agency_key == "childrens-social-care" and people["Ben Scholes"].role
    assert "Dan Hughes" in people  # a name before the dash is the person, not a tag
    assert agency(facts, "substance-misuse").has_input


def test_a_two_column_list_of_who_took_part_with_the_name_where_a_label_would_be():
    facts = read(
        record(
            "## PART B – WHO TOOK PART\n| Helen Quarshie | TM (chair), Disabled Children's Team |\n|---|---|\n"
            "| DC Harriet Moyo | Detective Constable, CAIU, Sallowshire Police |\n"
            "| Dr Meera Pillai | Consultant Community Paediatrician, Sallowfield Children's Centre |\n"
        )
    )
    people = by_name(facts)
    assert people["Helen Quarshie"].role.startswith("TM")
    assert people["DC Harriet Moyo"].agency_key == "police"
    assert people["Dr Meera Pillai"].agency_key == "paediatrics"  # the centre is where the clinic is


def test_a_pointer_to_the_invite_is_nobody_taking_part():
    facts = read(record("## Part 2 — Present and contributing\nAs per Teams invite (see LADO log).\n"))
    assert facts.participants == []


def test_the_edt_a_requester_rang_did_not_lead_the_discussion():
    facts = read(
        record(
            "Called by: Owen Prescott, DSL at Thrandon Park Academy, who asked for a strategy discussion when he "
            "rang the Emergency Duty Team at 17:20 on Friday; EDT passed the request to the day team.\n\n"
            "Chair: Bernadette Quayle, Team Manager, Children's Social Care.\n"
        )
    )
    assert facts.meeting.edt_involved and facts.meeting.led_by is None


def test_something_reconsidered_at_the_review_does_not_cancel_the_review():
    facts = read(
        record(
            "## Decisions\n| Legal | Not needed now; to be reconsidered at the review strategy on 07/05/2025. |\n"
            "|---|---|\n"
        )
    )
    assert facts.followups == []


def test_no_injuries_alleged_is_no_photograph_of_injuries():
    facts = read(
        record(
            "## Forensic\nThe images in question are Joel's own images, taken under coercion; no injuries are "
            "alleged and no photographs of Joel are to be taken.\n"
        )
    )
    assert facts.photographs == []


def test_a_time_in_the_sentence_does_not_cut_off_who_was_reached():
    body = (
        "## Present\n| Name | Role | Agency |\n|---|---|---|\n| Gareth Moles | Senior Practitioner | EDT |\n\n"
        "## A2 How it came to light\nBefore the discussion started I spoke by telephone at 22:50 to Dr Anjali "
        "Mistry, Emergency Department registrar at Ostrey General Hospital. She told me the lip is split.\n\n"
        "## A4 Medical\nDr Mistry's findings are above. No further medical examination is needed tonight.\n"
    )
    [contact] = read(record(body)).contacts
    assert contact.key == "paediatrics" and not contact.recorded
    # named again only in a paragraph of minutes, not in anything that could list them
    assert not contact.named_elsewhere
    listed = read(record(body + "\n## Also consulted\n| Dr Mistry | ED registrar |\n|---|---|\n"))
    assert all(c.named_elsewhere or c.recorded for c in listed.contacts)


def test_what_a_contact_said_and_who_was_asked_with_them_are_not_contacts():
    facts = read(
        record(
            "## Present\n| Name | Role | Agency |\n|---|---|---|\n| Tasha Bell | Family Support Worker | Early Help |\n"
            "| Amanda Fox | Health Visitor | 0-19 Public Health Nursing |\n\n"
            "## Request\nAmanda Fox phoned MASH 04/02/2025 10.05 and asked for a strategy discussion (agreed with "
            "Named Nurse).\n\n"
            "## Early Help\nTasha Bell replied by email at 12.40 that the family had Early Help support in 2023 for "
            "housing and debt.\n"
        )
    )
    assert [c.key for c in facts.contacts if not c.recorded] == []


@pytest.mark.parametrize(
    "lines",
    [
        "Trafodaeth strategaeth / Strategy discussion\n\n| Dyddiad / Date | Monday 17/03/2025 |\n|---|---|\n"
        "| Cadeirydd / Chair | Ann Jones |\n",
        "| Review date, time, place | Tues 25/11/2025, 13:00–14:00, Kestlebury Park Academy |\n|---|---|\n\n"
        "## » STEP-UP S2 – The strategy discussion\n| Date, time, how | Tues 25/11/2025, 15:30–16:15, Teams |\n"
        "|---|---|\n",
        "KQ1. When did we meet, how, and who asked for this discussion?\n\nWe met on Tuesday 18 March 2025 from "
        "11:00 to 12:15 on MS Teams.\n",
        "| 3. The discussion | Mon 24/03/2025, 09:30 – 10:35, Teams |\n|---|---|\n",
        "Beverley Ansah chaired the strategy discussion by telephone conference from 22:45 to 23:25 on Friday "
        "24/03/2025.\n",
    ],
)
def test_the_meetings_date_however_the_form_asks_for_it(lines):
    facts = read("# Strategy discussion record\n\n" + "".join(f"Filler line {n}.\n\n" for n in range(20)) + lines)
    assert facts.meeting.date is not None and facts.meeting.date.year == 2025


def test_a_joined_by_column_says_how_people_took_part():
    facts = read(
        record(
            "## PART 2 WHO CONTRIBUTED\n| Name | Job title | Service | Joined by |\n|---|---|---|---|\n"
            "| Marcus Oyelaran | Team Manager (chair) | Children and Family Services, MASH | Teams |\n"
            "| Dr Ruth Ingle | GP | Hazelmoor Medical Practice | Phone |\n"
        )
    )
    assert by_name(facts)["Marcus Oyelaran"].mode == "teams" and by_name(facts)["Dr Ruth Ingle"].mode == "phone"


def test_a_parts_title_over_an_empty_column_is_not_the_names_column():
    facts = read(
        record(
            "| 5. Who took part |  | Name | Role | Agency |\n|---|---|---|---|---|\n"
            "|  |  | Graham Lyle | TM (chair) | CSC – Children with Disabilities Team |\n"
            "|  |  | DC Rob Fairclough | DC | Vale Constabulary – CAIU |\n"
        )
    )
    assert [p.name for p in facts.participants] == ["Graham Lyle", "DC Rob Fairclough"]


def test_a_column_title_beside_child_is_not_the_childs_name():
    facts = read(
        "# Key questions record\n\n| Child | Date of birth | Mosaic no. | Home address |\n|---|---|---|---|\n"
        "| Esme TOLLAND | 17/05/2009 (15) | W-2209130 | 3 Osier Court |\n\n"
        '## KQ5. What does the child say?\nEsme told Rachel Dunford: "I thought he actually liked me."\n'
    )
    assert facts.child.name.startswith("Esme") and child_spoke(facts)


def test_shorthand_about_the_child_with_the_subject_left_out_is_what_was_seen():
    facts = read(
        "# Safeguarding record\n\n| Patient name | Riley QUENNELL | Hospital no. | SGH 0588213 |\n|---|---|---|---|\n\n"
        "## A - Assessment\n- Riley on ward (nursing + play specialist): walking round bay holding cot side. Ate toast "
        "at breakfast. Lip sore - cried chewing crusts. Went to Chantelle for cuddles when upset, she soothed him.\n"
    )
    assert [e.kind for e in facts.voice.evidence] == ["observed"]


def test_a_line_labelled_with_the_childs_name_is_about_the_child():
    facts = read(
        "# Safeguarding record\n\n| Patient name | Lacey PENDRY | Hospital no. | SGH 0455390 |\n|---|---|---|---|\n\n"
        '## A - Assessment\n- Lacey: shy at first, warmed up w/ play specialist. Told play specialist "I falled on '
        "the bouncy\". Didn't say more.\n"
    )
    assert child_spoke(facts)


def test_a_row_pointing_to_a_continuation_sheet_is_not_an_action():
    facts = read(
        record(
            "## 9. Agreed actions\n| No. | What | Who | By when |\n|---|---|---|---|\n"
            "| 1 | NRM referral for Kian | Ruth Adeyemi SW | 07/04/2025 |\n| – | cont. on continuation sheet 2 |  |  |\n"
        )
    )
    assert [a.text for a in facts.actions] == ["NRM referral for Kian"]


def test_a_voice_title_wrapped_in_its_cell_has_its_answer_in_the_next_cell():
    doc = parse_markdown(
        "# Sibling group strategy discussion\n\n| Name | Jade TURNER | | | |\n|---|---|---|---|---|\n"
        "| TITLE | ANSWER | | | |\n| School or setting | Ketterwick Academy | | | |\n"
    )
    doc.format = "pdf"
    cells = {b.text: b for b in doc.blocks if b.text in ("TITLE", "ANSWER")}
    cells["TITLE"].text = "What the child has said, or how the child\npresents"
    cells[
        "ANSWER"
    ].text = 'Jade was calm and clear when PS Tranter\nspoke with her. She said: "I rang because Dad\nhurt Mum."'
    facts = Facts(build_structure(doc, lexicon()))
    assert facts.voice.sections and not any(s.placeholder for s in facts.voice.sections)


def test_boxes_of_questions_and_answers_above_a_people_table_are_titles_and_their_answers():
    doc = parse_markdown(
        "| 1. Which child is this discussion about? (name, date of birth) | | |\n|---|---|---|\n"
        "| Riley Sutcliffe, born 12/02/2016, aged 9. He lives with his father. | | |\n"
        "| 3. Why is a strategy discussion needed now, and who asked for it? | | |\n"
        "| Dr Aisha Menon, Consultant Paediatrician, asked for a strategy discussion when she rang the Front Door "
        "from the ward on Monday 03/11/2025 at 16:40. | | |\n"
        "| 4. Who took part? (name, role, organisation) | | |\n"
        "| Name | Role | Organisation |\n| Dr Aisha Menon | Consultant Paediatrician | Seddon Hospital |\n"
    )
    table = doc.tables[0]
    for row in table.cells[:5]:
        row[1] = row[2] = None  # a box across the table, as a PDF's merged cell is read
    facts = Facts(build_structure(doc, lexicon()))
    titles = [s.title for s in facts.document.sections]
    assert not any(t.startswith("Dr Aisha Menon") for t in titles)
    assert facts.request.found


def test_a_request_field_asked_in_two_languages():
    facts = read(
        record(
            "| Pwy ofynnodd am y drafodaeth, a phryd? / Who asked for the discussion, and when? | Sian Mathias, "
            "Probation Officer, by phone to the Front Door at 16:10 on 04/03/2025 |\n|---|---|\n"
        )
    )
    assert facts.request.found and facts.request.how == "field"


def test_how_someone_joined_in_an_untitled_column_of_a_people_list_is_not_their_agencys_input():
    # "Means" is no column title the lexicon knows; its cells ("Teams") say how each joined
    facts = read(
        record(
            "## Parties\n| Name | Rank / role | Agency | Means |\n|---|---|---|---|\n"
            "| Gemma Rourke | TM (chair) | Ashby Fenn CS, Assessment Team 2 | Teams |\n"
            "| DC Sophie Marr | DC, OIC | Northmarsh Const. CAIU | Teams |\n"
            "| Priya Kaur | DSL | Hollybrook Primary School | Teams |\n\n"
            "## Information shared\nPolice (SM): WT has a 2013 conviction for child cruelty.\n"
        )
    )
    assert by_name(facts)["Priya Kaur"].agency_key == "school"
    assert not agency(facts, "school").input_blocks
    assert agency(facts, "police").input_blocks


def test_an_also_joined_field_names_who_took_part():
    facts = read(
        "# Strategy discussion grid\n\n| Held | Wednesday 04/06/2025, 15:30-16:30, Teams |\n|---|---|\n"
        "| Chair | Marcus Webb, Team Manager, Front Door |\n"
        "| Also joined | Gemma Royle, Early Help Practitioner, Tanbury Early Help (from 15:50) |\n"
    )
    assert "Gemma Royle" in by_name(facts)


def test_an_attendance_line_that_only_points_to_the_invite_is_an_unfilled_list():
    facts = read(
        "# MASH strategy notes\n\n## PART 2 WHO CONTRIBUTED\nAttendance as per Teams invite / MASH diary 19/06.\n\n"
        "## PART 3 CONCERNS\nPolice: DV call-out 14/06, child present.\n"
    )
    assert [title for title, _ in facts.empty_attendee_lists] == ["Attendance"]
    # a sentence that happens to mention the invite is not a list left unfilled
    assert not read("# Notes\n\nThe chair sent the outcome to everyone as per the Teams invite.\n").empty_attendee_lists


_AGENDA = "| Item | Business | Minute para. |\n|---|---|---|\n" + "".join(
    f"| {n} | Business item {n} of the agenda | {n} |\n" for n in range(1, 13)
)


@pytest.mark.parametrize(
    ("markdown", "day"),
    [
        # a numbered form field, below an agenda table
        (
            "# Minutes of a strategy discussion\n\n" + _AGENDA + "\n1. Convening, attendance and apologies\n\n"
            "1.1 Requested by: DS Tolley, by telephone to the MASH at 15:10 on 10/03/2025\n\n"
            "1.2 Date: Tuesday 11/03/2025    Time: 10:00 to 10:55    Format: Teams\n",
            11,
        ),
        # the first line saying when, below an agenda with no date in it
        (
            "# Minutes of a strategy discussion\n\n"
            + _AGENDA
            + "\n1. Thu 06/03/2025, 14:00-14:50, Teams. Req by DS Vance.\n",
            6,
        ),
        # a row under column titles, whose request cell mentions the referral
        (
            "# Safeguarding log\n\nLog opened 01/05/2025.\n\n"
            + "".join(f"Front sheet line {n}.\n\n" for n in range(32))
            + "| Date | Start / finish | How held | Requested by |\n|---|---|---|---|\n"
            "| Mon 12/05/2025 | 11:00 – 11:55 | Teams | J. Carrow (DSL), asked for a strategy discussion when "
            "making the referral |\n",
            12,
        ),
        # "it was held on", the discussion named in the sentence before
        (
            "# Think Family record\n\nAndrea Kell referred to the Front Door at 11:15 on Monday 16/06/2025 and asked "
            "for a strategy discussion. Joanna Fairclough agreed it was needed, and it was held on Wednesday "
            "18/06/2025 from 10:30 to 11:40 on Teams.\n",
            18,
        ),
        # the date that opens "SECTION 1 — THE DISCUSSION", after a dated log
        (
            "# Safeguarding log\n\n"
            + "".join(f"Log entry {n}: 0{n % 9 + 1}/01/2025 seen in house.\n\n" for n in range(35))
            + "## SECTION 1 — THE DISCUSSION\n\nMon 13/10/25, 11:00–12:05, Teams.\n",
            13,
        ),
    ],
)
def test_the_meetings_date_below_an_agenda_a_front_sheet_or_in_a_numbered_field(markdown, day):
    facts = read(markdown)
    assert facts.meeting.date is not None and facts.meeting.date.day == day


def test_a_title_with_present_or_attendance_in_it_is_not_always_who_took_part():
    lx = lexicon()
    assert lx.section_kind("School attendance") is None
    assert lx.section_kind("Alerting signs present (RCPCH 2021)") is None
    assert lx.section_kind("Present (tag used below – name, role, agency)") == "attendees"
    assert lx.section_kind("2. Attendance") == "attendees"
    findings = lint(
        record(
            "## Part C. Who contributed\n| Name | Designation | Organisation | Contributed by |\n|---|---|---|---|\n"
            "| Hannah Lowry | Team Manager (Chair) | Pellingford County Council Children's Services | Teams |\n"
            "| DC Rosa Lindqvist | Detective Constable | Pellingford Constabulary | Teams |\n\n"
            "## Part D. Summary\nDr Oyelaran explained the presentations.\n\nAlerting signs present (RCPCH 2021):\n\n"
            "☒ Reported symptoms not seen by independent observers\n\n☐ Signs observed that could only have been induced\n"
        ),
        select=["SL101"],
    )
    assert findings == []


def test_a_numbered_form_field_is_not_a_row_of_column_titles():
    facts = read(
        "# Horizons Service: Strategy Discussion\n\n## 3. This discussion\n"
        "| 3.1 Date and time | Tue 18/02/2025, 10:00 - 11:10 |\n|---|---|\n"
        "| 3.2 Format | Teams (Home Office by phone link) |\n"
        "| 3.3 Requested by | Hana Petrovic, SW, Horizons, 17/02/2025 16:30, after the foster carer's call |\n"
        "| 3.4 Chair | Dawn Okafor, Team Manager |\n"
    )
    assert facts.request.found and "Hana Petrovic" in facts.request.by


def test_a_dated_entry_opening_a_part_titled_only_discussion_is_not_the_meetings_date():
    notes = "# Notes\n\n" + "".join(f"Log entry {n}: 0{n % 9 + 1}/01/2025 seen in house.\n\n" for n in range(35))
    facts = read(notes + "## Discussion\n\n14/03/2025 DS Shaw reported the assault to the school.\n")
    assert facts.meeting.date is None
    timed = read(notes + "## Discussion\n\nFri 14/03/2025, 10:00-10:45, Teams.\n")
    assert timed.meeting.date is not None and timed.meeting.date.day == 14


def test_a_post_column_gives_each_persons_role():
    facts = read(
        record(
            "## SECTION 2. PARTICIPANTS\n| Ref | Name | Post | Organisation | Took part |\n|---|---|---|---|---|\n"
            "| LF | Louise Fairbank | Team Manager (chair) | Harlowfield Children's Services, MASH | In room |\n"
            "| SI | DC Sophie Ingham | Detective Constable | Marrick Constabulary, CAIT | In room |\n"
        )
    )
    assert by_name(facts)["Louise Fairbank"].role == "Team Manager (chair)"


def test_a_voice_title_with_a_subtitle_names_the_part():
    assert lexicon().section_kind("Part F: The surviving children - what life is like for them now") == "child_voice"
    assert lexicon().section_kind("Strategy Discussion – Minutes and Plan") is None  # the record's own name


def test_a_voice_line_followed_by_a_row_per_child_holds_their_rows():
    """A PDF may lose a title's heading style: the plain line "Part F: ... what life is like
    for them now" is followed by a row per child ("Isla | ..."), its answer."""
    facts = read(
        record(
            "Child: Isla Dunn, 7 months\n\nPart F: The surviving children - what life is like for them now\n\n"
            "| Isla | Isla is 7 months old and too young to give her views. |\n|---|---|\n\n"
            "## Decision\nSection 47 enquiry.\n"
        )
    )
    [part] = [s for s in facts.voice.sections if "surviving" in s.title]
    assert "too young" in part.content and not part.placeholder


def test_photographs_of_a_named_mothers_neck_are_not_the_childs():
    body = (
        "## Family\n| Child | Isla Mercer, 4 months |\n|---|---|\n| Parents | Chloe Mercer (mother, 20). "
        "Dean Stott (father, 24). |\n\n## Police\nOfficers saw red marks on both sides of Chloe's neck. "
        "Officers took photographs of Chloe's neck for evidence.\n"
    )
    [photo] = read(record(body)).photographs
    assert not photo.of_child
    # a second child of the record, named in a relative's entry, is still a child
    sibling = body.replace("of Chloe's neck", "of Ellie-Mae's arm").replace(
        "Dean Stott (father, 24).", "Dean Stott (stepfather to Ellie-Mae, father of Isla)."
    )
    [photo] = read(record(sibling)).photographs
    assert photo.of_child


def test_an_action_sentence_with_its_deadline_field_keeps_its_owner():
    facts = read(
        record(
            "## Who does what, by when\n1. DC Sandhu will interview Dean and ask for bail conditions (no contact "
            "with Chloe) if he is released. Deadline: 17:00 on Sunday 16/03/2016.\n"
            "2. Sergeant Holt will complete the MARAC referral by 12:00 on Monday 17/03/2016.\n"
        )
    )
    assert [a.owner for a in facts.actions] == ["DC Sandhu", "Sergeant Holt"]
    assert facts.actions[0].owner_status == "named" and facts.actions[0].deadline.is_real


def test_a_mothers_words_and_a_risk_to_the_baby_are_not_what_was_seen_of_the_baby():
    body = (
        "## Child\n| Child | Amara-Lily Doyle, 4 months |\n|---|---|\n\n"
        "## A day in the child's life\nAmara-Lily is 4 months old and too young to express her wishes and feelings.\n\n"
        '## Health\nMBU health visitor: Ms Doyle told the HV on 14/07 she was "trying to sleep because I\'m so tired".\n\n'
        "## Worries\nA baby in the sole care, at night, of a mother under the influence of a drug: risk of unsafe sleep.\n"
    )
    facts = read(record(body))
    assert facts.voice.too_young
    assert [e for e in facts.voice.evidence if e.kind == "observed"] == []
    seen = body.replace(
        "## Worries\n",
        "## Seen\nThe HV saw Amara-Lily on the unit: she was alert and settled after her feed.\n\n## Worries\n",
    )
    assert [e for e in read(record(seen)).voice.evidence if e.kind == "observed"]


def test_a_voice_row_holding_only_a_plan_to_hear_the_child_is_empty():
    ledger = (
        "## Minutes\n| Discussion | Agreed action |\n|---|---|\n"
        "| **6. Police**<br>No trace on PNC for either parent. | Noted. |\n"
        "| **7. Rhys — his voice and his day**<br>{said} | → Femi Adeyemi (SW): see Rhys on his own in school by 19/03/2016. |\n"
    )
    empty = read(record("Child: Rhys Callander, 9\n\n" + ledger.format(said="To follow.")))
    assert [s.placeholder for s in empty.voice.sections if "his voice" in s.title] == [True]
    heard = read(
        record("Child: Rhys Callander, 9\n\n" + ledger.format(said='Rhys told his teacher "I hate the shouting".'))
    )
    assert [s.placeholder for s in heard.voice.sections if "his voice" in s.title] == [False]


def test_a_named_mother_had_marks_which_officers_photographed():
    body = (
        "## Family\n| Child | Aria Shaw, 10 weeks |\n|---|---|\n| Household | Chloe Brennan (mother, 22). |\n\n"
        "## Police\nChloe had red marks on both sides of her neck, which officers photographed for the criminal file.\n\n"
        "## Health\nAria seen at CAU: no marks. Med photography at CAU not needed.\n"
    )
    photos = read(record(body)).photographs
    assert photos and not any(p.of_child and not p.medical for p in photos)


def test_agencies_emailed_in_the_sentence_after_the_cancelling_were_told_of_it():
    facts = read(
        record(
            "## Review strategy\nReview strategy set for 21/03/2016 at 10:00 – later cancelled; see addendum.\n\n"
            "## Police\nNo trace.\n\n## Health\nSeen at clinic.\n\n## School\nAttends well.\n\n"
            "## Addendum\n18/03/2016, Hannah Reed: the s47 enquiry concluded. The review strategy set for 21/03 was "
            "therefore cancelled. Tom Ellis emailed every agency listed in this record on 18/03/2016 to tell them "
            "it had been called off and why.\n"
        )
    )
    [followup] = facts.followups
    assert followup.status == "cancelled" and followup.agencies_told


@pytest.mark.parametrize(
    "title, is_voice",
    [
        ("4. What has Hodan told us, and what is her life like at home at the moment?", True),
        ("What did Hodan say about the trip?", True),
        ("What has Police told us?", False),
        ("What did Mum say?", False),
    ],
)
def test_a_question_asking_what_the_named_child_has_told_us_is_a_voice_title(title, is_voice):
    from strategy_lint.facts.voice import voice_title

    assert voice_title(title, lexicon(), "Hodan") is is_voice


# -- the twenty-second split's opened records: classes of failure ------------------------------


def test_the_minutes_own_we_met_dates_the_meeting():
    letter = "# To the file of Mason RUDD\n\n## Wednesday 18 June 2025\n"
    facts = read(
        letter + "We met on Teams this morning, 18 June 2025, between 10:00 and 10:55, to hold a strategy discussion.\n"
    )
    assert facts.meeting.date == dt.date(2025, 6, 18)
    earlier = read(letter + "We met previously on 02 June 2025 at the school; nothing was decided.\n")
    assert earlier.meeting.date is None  # an earlier meeting, not this one


def test_a_who_and_by_when_column_gives_the_owner():
    facts = read(
        record(
            "## We agreed these actions\n| Action | Who, and by when |\n|---|---|\n"
            "| Send Zac's GP records | Dr Leo Hammond (GP), 08/10/2025 |\n"
            "| Send the written account | Graham Ellery (School), ASAP, and by 12:00 on 07/10/2025 |\n"
            "| Review strategy discussion | 09:30 on 13/10/2025 |\n"
        )
    )
    assert action(facts, "Send Zac's").owner == "Dr Leo Hammond (GP)"
    assert action(facts, "Send the written").owner == "Graham Ellery (School)"
    assert action(facts, "Review strategy").owner == ""  # a date alone names nobody


def test_an_agency_written_by_the_initials_the_record_spells_out_is_that_agency():
    facts = read(
        "# Orrisford Borough Council, Children and Families Service\n\n"
        "## Meeting details\nDate of strategy discussion: 17/02/2025\n\n"
        "## Participants\n| Name | Role | Agency |\n|---|---|---|\n"
        "| Sophie Marr | Business Support Officer | Orrisford CFS |\n"
        "| Carys Upton | School Nurse | Orrisford 0-19 Service |\n\n"
        "## Information shared by each agency\n| Agency | Information |\n|---|---|\n"
        "| Children and Families Service | Not known. No previous contacts. |\n"
        "| Health (0-19) | Reception health check 2021, no concerns. |\n"
    )
    assert by_name(facts)["Sophie Marr"].agency_key == "childrens-social-care"
    assert agency(facts, "childrens-social-care").input_blocks
    assert agency(facts, "health-visiting").input_blocks  # "Health (0-19)" is the 0-19 service
    unspelt = read(
        record(
            "## Participants\n| Name | Role | Agency |\n|---|---|---|\n"
            "| Sophie Marr | Business Support Officer | Orrisford CFS |\n"
        )
    )
    assert by_name(unspelt)["Sophie Marr"].agency_key is None  # nothing spells CFS out


def test_apologies_and_consulted_rows_of_a_people_table_are_read_as_entries():
    facts = read(
        record(
            "## Around the table\n| Name | Role | Agency | Joined by |\n|---|---|---|---|\n"
            "| Sarah Penhallow | Missing Persons Coordinator | Callowmead Police | Teams |\n"
            "| **Apologies** | Kirsty Mayle, Case Manager, Callowmead Youth Justice Service: in court. | | |\n"
            "| **Consulted outside the meeting** | PC Gemma Lowe, British Transport Police: phoned 11/02. | | |\n"
        )
    )
    people = by_name(facts)
    assert people["Kirsty Mayle"].mode == "apologies" and people["Kirsty Mayle"].role == "Case Manager"
    assert people["PC Gemma Lowe"].listed_as == "consulted" and people["PC Gemma Lowe"].agency_key == "btp"
    assert "Apologies" not in people


def test_a_review_asked_for_at_the_first_discussion_has_its_requester():
    facts = read(record("## Notes\nDC Bryony Kemp asked for this review at the initial strat on Mon 03/11.\n"))
    assert facts.request.found and facts.request.by.startswith("DC Bryony Kemp")


def test_the_young_person_part_gives_the_childs_name():
    facts = read(
        record("## A. THE YOUNG PERSON\n| Name | Tyrese CAMPBELL-HART |\n|---|---|\n| DOB / age | 30/04/2010 (14) |\n")
    )
    assert facts.child.name.startswith("Tyrese")


def test_a_row_labelled_with_a_services_own_name_is_that_services_input():
    body = (
        "## Register\n| Name | Role | Agency |\n|---|---|---|\n"
        "| Abi Mensah | Key Worker | Larkfield House, Brightway Housing Trust |\n\n"
        "## What each organisation knows\n| Organisation | Information |\n|---|---|\n"
    )
    facts = read(record(body + "| Larkfield | Curfew 22:00; missed it twice this week. |\n"))
    assert block_with(facts, "Curfew 22:00") in agency(facts, "housing").input_blocks
    other = read(record(body + "| Oakwood | Curfew 22:00; missed it twice this week. |\n"))
    assert not agency(other, "housing").input_blocks


def test_a_weak_agency_name_beside_another_agency_credits_only_the_other():
    body = (
        "## Participants\n| Name | Role | Agency |\n|---|---|---|\n"
        "| Mark Fenlon | Housing Officer | Orrisford Homes |\n"
        "| Hannah Reed | Team Manager | Children's Social Care |\n\n"
        "## Background\n"
    )
    facts = read(record(body + "Orrisford Borough Council, Children and Families Service: no previous contact.\n"))
    assert not agency(facts, "housing").input_blocks
    alone = read(record(body + "Orrisford Borough Council: rent arrears of £900, no other concerns.\n"))
    assert agency(alone, "housing").input_blocks


def test_actions_agreed_in_a_letters_running_prose():
    letter = (
        "# To the file of Mason RUDD\n\n## Wednesday 18 June 2025\n"
        "We met on Teams this morning, 18 June 2025, to hold a strategy discussion about Mason.\n\n"
        "We agreed that Mason is likely to be suffering significant harm.\n\n"
        "We agreed the following. Nadia will visit Darren at the flat by 19 June; PC Lomas will do the police "
        "checks by 17:00 today. The flat will be deep-cleaned before Mason goes home, by 24 June.\n\n"
        "Nadia will email this letter to everyone listed below by 12:00 on 19 June.\n\n"
        "Mason told Nadia he misses his dog.\n"
    )
    facts = read(letter)
    assert [a.owner for a in facts.actions] == ["Nadia", "PC Lomas", "", "Nadia"]
    assert action(facts, "The flat").owner_status == "missing"
    assert not any(a.text.startswith(("We agreed that", "Mason told")) for a in facts.actions)


def test_a_youth_project_is_an_agency_and_its_row_by_opening_words_is_its_input():
    body = (
        "## Attendance\n| Name | Role | Agency |\n|---|---|---|\n"
        "| Dan Kirby | Youth Worker | Street Safe Calderwick (voluntary sector) |\n"
        "| Callum Ross | Detached youth worker | The Junction Youth Project |\n\n## Information shared\n"
    )
    facts = read(record(body + "| Street Safe | Known to Tyrese for 2 years via football. |\n|---|---|\n"))
    assert {p.agency_key for p in facts.participants} == {"youth-service"}
    assert block_with(facts, "Known to Tyrese") in agency(facts, "youth-service").input_blocks
    said = read(record(body + "Junction (CR): detached team have seen Mason 3x in May at the bus station.\n"))
    assert block_with(said, "detached team have seen") in agency(said, "youth-service").input_blocks
    silent = read(record(body + "Police: missing twice in May.\n"))
    assert not agency(silent, "youth-service").input_blocks


def test_a_past_date_in_a_tasks_part_is_not_a_deadline_wrapped_into_next_year():
    facts = read(
        "# Strategy Meeting\n\n## Meeting details\nDate of meeting: 02/06/2025\n\n"
        "## Strategy meeting tasks\nPolice (AL): missing 30/05 and 01/06, found by patrol at the bus station; "
        "01/06 Mason had new trainers.\n"
        "School (OJ): will send attendance to DH by 06/06.\n\n"
        "## Actions\n| Task | Responsible | Timescale |\n|---|---|---|\n| Home visit | DH | 03/06/2025 |\n"
    )
    texts = [a.text for a in facts.actions]
    assert not any("missing 30/05" in t for t in texts)
    assert any("send attendance" in t for t in texts)


@pytest.mark.parametrize(
    "line, owner",
    [
        ("A referral to MARAC will be made by 12/03/2025.", ""),
        ("Contact to be made with Ms Hollis by Wednesday 02/04/2025.", ""),
        ("A referral to MARAC will be made by phone by Friday.", ""),
        ("The chronology to be requested by DC Ellis by 28/03/2025.", "DC Ellis"),
        ("Ben Achterberg will visit Mrs Kerr, and the house will be checked, by 20/03/2025.", "Ben Achterberg"),
    ],
)
def test_a_passive_plan_names_no_owner_unless_it_says_by_whom(line, owner):
    facts = read(record("## Agreed actions\n- " + line + "\n"))
    assert [a.owner for a in facts.actions] == [owner]


def test_a_line_saying_the_child_is_too_young_to_give_views_is_not_their_voice():
    head = "| Child's name | Isla-Mae Cole |\n|---|---|\n\n## Notes\n"
    facts = read(record(head + "The child's voice\u2003Isla-Mae is 4 months old and too young to give her views.\n"))
    assert not child_spoke(facts)
    assert facts.voice.too_young
    quoted = read(
        record(head + 'The child\'s voice\u2003Isla-Mae is too young to give views but said "mama" to the HV.\n')
    )
    assert child_spoke(quoted)


def test_entry_lines_are_where_a_list_of_people_may_be():
    letter = "# To the file\n\n## Thursday 13 November 2025\nThe police told us Liam has no convictions.\n\n"
    assert read(letter + "Safeguarding and Assessment Service (North) chaired.\n").entry_lines == []
    grid = read(letter + "Pellingford College (Imran Baig, Safeguarding Lead). Known: yes, attendance 58%.\n")
    assert grid.entry_lines == [block_with(grid, "Imran Baig")]
