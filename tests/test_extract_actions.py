"""strategy_lint.extract.actions: actions read the same way from tables, lists and fields."""

from __future__ import annotations

import datetime as dt

import pytest

from strategy_lint.extract.actions import (
    actions,
    meeting_date,
    owner_is_generic,
    owner_is_missing,
)
from strategy_lint.facts import Facts
from strategy_lint.facts.actions import is_update_intent
from strategy_lint.lexicon import default_lexicon
from strategy_lint.readers.text import parse_markdown
from strategy_lint.structure import build_structure

HEAD = "# Strategy Discussion Record\n\n## Meeting details\nDate of strategy discussion: 14/03/2016\n\n"


def doc_of(body: str):
    return build_structure(parse_markdown(HEAD + body), default_lexicon())


def test_table_with_standard_columns():
    doc = doc_of(
        "## Actions\n| Action | Who | By when |\n|---|---|---|\n"
        "| Visit Ava at home | Tom Ellis (CSC) | 16/03/2016 |\n"
        "| Arrange ABE interview | DC Amir Hale | ASAP |\n"
    )
    found = actions(doc)
    assert [(a.text, a.owner, a.deadline_text) for a in found] == [
        ("Visit Ava at home", "Tom Ellis (CSC)", "16/03/2016"),
        ("Arrange ABE interview", "DC Amir Hale", "ASAP"),
    ]
    assert found[0].deadline.is_real and found[0].deadline.due == dt.date(2016, 3, 16)
    assert not found[1].deadline.is_real
    assert found[1].row == 2 and found[1].table is not None
    # the finding points at the By-when cell of the right row
    assert doc.blocks[found[1].deadline_block].text == "ASAP"


def test_table_with_other_column_names():
    doc = doc_of(
        "## Plan\n| Task | Responsible | Timescale |\n|---|---|---|\n"
        "| Complete the section 47 enquiry | Hannah Reed | within 10 working days |\n"
    )
    (a,) = actions(doc)
    assert (a.text, a.owner) == ("Complete the section 47 enquiry", "Hannah Reed")
    assert a.deadline.kind == "working_days"


def test_attendee_and_chronology_tables_are_not_actions():
    doc = doc_of(
        "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n| Tom Ellis | Social Worker | CSC |\n\n"
        "## Background\n| Date | Action taken | By whom |\n|---|---|---|\n| 01/02/2016 | Home visit | HV |\n"
    )
    assert actions(doc) == []


@pytest.mark.parametrize(
    "line, owner, deadline_kind",
    [
        ("Hannah Reed (CSC) to complete the s47 enquiry by 21/03/2016", "Hannah Reed (CSC)", "date"),
        ("DC Hale to arrange ABE interview – within 5 working days", "DC Hale", "working_days"),
        ("Arrange ABE interview – DC Hale – ASAP", "DC Hale", "none"),
        ("Tom Ellis to see Ava before the ICPC", "Tom Ellis", "event"),
        ("Sarah Okafor (HV) to visit by Friday", "Sarah Okafor (HV)", "weekday"),
        ("Parents to be informed of the decision by Tom Ellis by Friday", "Tom Ellis", "weekday"),
        ("School to monitor attendance - ongoing", "School", "none"),
        ("Police checks on the new partner", "", "missing"),
    ],
)
def test_list_items_in_an_actions_section(line, owner, deadline_kind):
    doc = doc_of(f"## Actions agreed\n- {line}\n")
    (a,) = actions(doc)
    assert a.owner == owner
    assert a.deadline.kind == deadline_kind
    assert a.source == "list"


def test_action_who_by_when_fields():
    doc = doc_of(
        "## Actions\n"
        "Action: Child protection medical\nWho: Dr Rachel Lim\nBy when: 14/03/2016\n\n"
        "Action: Tell the parents of the decision\nWho: Tom Ellis\nBy when: TBC\n"
    )
    found = actions(doc)
    assert [(a.text, a.owner, a.deadline_text) for a in found] == [
        ("Child protection medical", "Dr Rachel Lim", "14/03/2016"),
        ("Tell the parents of the decision", "Tom Ellis", "TBC"),
    ]
    assert found[0].deadline.is_real and not found[1].deadline.is_real


def test_fields_on_one_line():
    doc = doc_of("## Actions\n- Action: Home visit. Who: Tom Ellis. By when: 16/03/2016\n")
    (a,) = actions(doc)
    assert (a.text, a.owner, a.deadline_text) == ("Home visit", "Tom Ellis", "16/03/2016")


def test_when_written_as_a_sentence_after_the_owner_field():
    doc = doc_of(
        "## Agreed actions\n"
        "1. Arrange the forensic medical at the SARC. Owner: DS Tanner (police). Tuesday 15/03 at 10:00.\n"
        "2. Ring the mother to tell her what is planned. Owner: Dr Marchbank (Deputy DSL). By 01:00 on 15/03.\n"
        "3. Waking checks overnight. Owners: Mrs Teague and Sister Corrigan. Until 08:00 on 15/03/2016.\n"
        "4. Tell the GP. Owner: Tom Ellis. He knows the family well.\n"
    )
    found = actions(doc)
    assert [(a.owner, a.deadline.due) for a in found] == [
        ("DS Tanner (police)", dt.date(2016, 3, 15)),
        ("Dr Marchbank (Deputy DSL)", dt.date(2016, 3, 15)),
        ("Mrs Teague and Sister Corrigan", dt.date(2016, 3, 15)),
        ("Tom Ellis. He knows the family well", None),
    ]


def test_a_sign_off_row_of_fields_is_no_action():
    doc = doc_of("## Sign-off\nChair: Louise Fairbank     OIC: DC Sophie Ingham     Date: 14/03/2016\n")
    assert actions(doc) == []
    doc = doc_of("## Actions\nVisit the home. Responsible: CSC - Ruth Price. Timescale: 16/03/2016\n")
    assert [(a.text, a.owner) for a in actions(doc)] == [("Visit the home", "CSC - Ruth Price")]


def test_a_who_tells_whom_table_is_telling_each_of_them():
    doc = doc_of(
        "## Box 14: Who tells whom\n| Who needs to know | Told by | By when |\n|---|---|---|\n"
        "| Parents | Nadia Sheikh | 14/03/2016 |\n| Everyone in Box 10: this record | Ellie Ward | 15/03/2016 |\n"
    )
    found = actions(doc)
    assert [(a.text, a.owner, a.deadline_text) for a in found] == [
        ("Tell Parents", "Nadia Sheikh", "14/03/2016"),
        ("Tell Everyone in Box 10: this record", "Ellie Ward", "15/03/2016"),
    ]
    assert [is_update_intent(a.text, default_lexicon()) for a in found] == [False, True]


def test_a_timed_log_is_no_plan():
    doc = doc_of(
        "## Part B: Timed entries\n| Time | Who | Note | By |\n|---|---|---|---|\n"
        "| 23:50 | Sgt Hamblin (custody) | Child in custody. Needs an appropriate adult. | KM |\n"
        "| 00:10 | LCS check | Not known. | KM |\n\n"
        "## Actions\n| Action | Who | By |\n|---|---|---|\n| Take CV to medical | Beth Tolley, SW | 15/03/2016 |\n"
    )
    assert [a.text for a in actions(doc)] == ["Take CV to medical"]


def test_intro_line_and_commentary_are_not_actions():
    doc = doc_of(
        "## Actions\nThe following actions were agreed:\n\n"
        "- Tom Ellis to visit Ava by 16/03/2016\n- Sarah Okafor to weigh Ava by 18/03/2016\n\n"
        "Everyone agreed the plan was proportionate.\n"
    )
    assert [a.owner for a in actions(doc)] == ["Tom Ellis", "Sarah Okafor"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("CSC will update all agencies involved on outcomes/actions taken", True),
        ("Inform the GP, school and police of the outcome", False),
        ("Share the outcome with partner agencies", True),
        ("Notes to all in 1.2", True),  # everyone in the numbered list of who took part
        ("Email all in 1.2 w/ outcome of HV + safety plan", True),
        ("Visit all in 2 weeks", False),
        ("Outcome + actions email to all in table above", True),
        ("EDT handover + this record to MASH, school (St Luke's Primary) + HV", True),
        ("Outcome of today + visit to all on call + MAPPA unit", True),
        ("Mins + outcome to all in B", True),  # the part's letter
        ("Email this memo and the outcome to all at para 3 and to Brackenmoor Village Surgery", True),
        ("Put this record on the case system and send it to the duty manager and everyone in Part 2", True),
        ("Sam Okonjo (SW): outcome email to all listed above + school nurse by 12:00 Fri 13/06", True),
        ("Visit all in B block", False),
        ("Send the letter to mum and all of her family", False),
        ("Explain the plan to Leo and his mum", False),
        ("Priya Sandhu will explain the outcome to Stacey on 10/02/2026 and to Chloe on the same day", False),
        ("Send the strategy record to all agencies", True),
        ("Feed back to the referrer", True),
        ("Update the parents on the medical", False),
        ("Visit Ava at home", False),
    ],
)
def test_is_agency_update(text, expected):
    assert is_update_intent(text, default_lexicon()) is expected


def test_update_commitment_in_next_steps_prose():
    doc = doc_of(
        "## Next steps\nReview strategy on 21/03/2016. CSC will update all agencies involved on outcomes by 21/03/2016.\n"
    )
    (a,) = Facts(doc).update_actions
    assert a.deadline.is_real and "update all agencies" in a.text


@pytest.mark.parametrize("owner", ["All", "all agencies", "Team", "Professionals", "ALL AGENCIES."])
def test_generic_owners(owner):
    assert owner_is_generic(owner)


@pytest.mark.parametrize("owner", ["Tom Ellis (CSC)", "Police team leader", "All agencies (Hannah Reed to coordinate)"])
def test_named_owners_are_not_generic(owner):
    assert not owner_is_generic(owner)
    assert not owner_is_missing(owner)


@pytest.mark.parametrize("owner", ["", "-", "TBC", "N/A"])
def test_missing_owners(owner):
    assert owner_is_missing(owner)


def test_meeting_date_from_next_steps_is_not_used_for_deadlines():
    doc = doc_of(
        "## Actions\n| Action | Who | By when |\n|---|---|---|\n| Visit Ava | Tom Ellis | 16/03/2016 |\n\n"
        "## Next steps\nReview strategy discussion on 05/04/2016.\n"
    )
    assert meeting_date(doc) == dt.date(2016, 3, 14)
    review = next(b for b in doc.blocks if b.text.startswith("Review strategy"))
    doc.metadata.meeting_date, doc.metadata.meeting_date_block = dt.date(2016, 4, 5), review.index
    assert meeting_date(doc) is None
    (a,) = actions(doc)
    assert a.deadline.is_real and not a.deadline.before_meeting


def test_a_label_value_row_inside_the_action_table_is_not_an_action():
    doc = doc_of(
        "## Actions\n| Action | | By whom | By when |\n|---|---|---|---|\n"
        "| Visit Ava at home | | Tom Ellis | 16/03/2016 |\n"
        "| Review strategy | 23/03/2016 at 14:00 by phone – Jo Kaye | | |\n"
    )
    assert [a.text for a in actions(doc)] == ["Visit Ava at home"]


def test_fields_joined_by_dashes_on_one_bullet():
    doc = doc_of(
        "**Agreed:**\n\n"
        "- What: see Lily at school, then mum at home – Who: Gemma Lloyd (SW) – When: 17/03/2016 by 15:15\n"
        "- What: multi-agency chronology – When: by 24/03/2016 – Lead: CSC\n"
    )
    got = [(a.text, a.owner, a.deadline_text) for a in actions(doc)]
    assert got == [
        ("see Lily at school, then mum at home", "Gemma Lloyd (SW)", "17/03/2016 by 15:15"),
        ("multi-agency chronology", "CSC", "by 24/03/2016"),
    ]


def test_a_single_date_remark_after_a_dash_is_not_an_action():
    doc = doc_of("## Next steps\n| Review strategy discussion required? | ☒ Yes – date: 21/03/2016 at 14:00 ☐ No |\n")
    assert actions(doc) == []


def test_a_passive_action_with_an_irregular_verb_names_no_owner():
    doc = doc_of("## Actions\n- Enquiries to be made as to whether he has contact with other children, by 18/03/2016\n")
    (a,) = actions(doc)
    assert a.owner == "" and a.deadline.is_real


@pytest.mark.parametrize(
    "text",
    [
        "Daniel Kerr will send this note and the outcome of today's visit to everyone present by 05/06/2025",
        "Email this note to all present and to Dr Furness by 26/06/2025",
        "SW to send this note to all invited by 09/02",
    ],
)
def test_sending_the_note_to_everyone_is_the_update(text):
    assert is_update_intent(text, default_lexicon())


def test_a_field_value_wrapped_onto_the_next_line_of_its_cell():
    """A PDF cell wraps "Action: Obtain neighbour statement and review" onto a second line:
    the second line is more of the action, not an action of its own."""
    from test_structure import DocBuilder

    from strategy_lint.model import BlockKind

    b = DocBuilder("pdf")
    b.add(BlockKind.HEADING, "Agreed actions", heading_level=1)
    b.table(
        [
            ["Investigation strategy (police)", "Welfare strategy (children's social care)"],
            [
                "Action: Obtain neighbour statement and review\nbody-worn video\nWho: DC Aldridge\nBy when: 21/03/2016",
                "Action: Home visit to see Mason\nWho: Amina Yusuf\nBy when: 20/03/2016",
            ],
        ]
    )
    doc = build_structure(b.doc, default_lexicon())
    got = [(a.text, a.owner, a.deadline_text) for a in actions(doc)]
    assert ("Obtain neighbour statement and review body-worn video", "DC Aldridge", "21/03/2016") in got
    assert ("Home visit to see Mason", "Amina Yusuf", "20/03/2016") in got


def test_a_deadline_inside_the_task_when_the_fields_give_none():
    doc = doc_of("## Plan\n1. Pre-birth ICPC to be booked, by 32 wks. Lead: CSC (HB, TM – book by 30/03)\n")
    (a,) = actions(doc)
    assert a.owner.startswith("CSC") and a.deadline.is_real


def test_a_bold_group_title_across_an_action_table_is_not_an_action():
    from test_structure import DocBuilder

    from strategy_lint.model import BlockKind

    b = DocBuilder()
    b.add(BlockKind.HEADING, "Plan – now, to 18 and beyond", heading_level=1)
    t = b.table(
        [
            ["Action", "Lead person / service", "Timescale"],
            ["Before 18th birthday", "", ""],
            ["Daily CAMHS contact for 7 days", "Nina Shah", "16/02/2026"],
            ["From 18th birthday (adult services)", "", ""],
            ["Transition referral to adult mental health", "Nina Shah, CAMHS", "02/12/2026"],
        ]
    )
    for r in (1, 3):
        b.doc.blocks[t.cells[r][0]].bold = True
    doc = build_structure(b.doc, default_lexicon())
    assert [a.text for a in actions(doc)] == [
        "Daily CAMHS contact for 7 days",
        "Transition referral to adult mental health",
    ]


def test_owner_task_and_date_between_dashes():
    doc = parse_markdown(
        "# Minutes\n\n## Actions\n"
        "1. BSO – email mins + outcome to all present – by Weds 9/4/2025.\n"
        "1. DC Marsh – Shane interview re notification breach, update SW same day – by Fri 11/4/2025.\n"
        "1. Joint visit – SW – by Fri 11/4/2025.\n"
    )
    got = [(a.text, a.owner) for a in actions(build_structure(doc, default_lexicon()))]
    assert ("email mins + outcome to all present", "BSO") in got
    assert ("Shane interview re notification breach, update SW same day", "DC Marsh") in got
    assert ("Joint visit", "SW") in got


def test_a_pdf_field_line_cut_inside_the_owner_is_joined_back():
    from test_structure import DocBuilder

    from strategy_lint.model import BlockKind

    b = DocBuilder("pdf")
    b.add(BlockKind.HEADING, "PART J – ACTIONS", heading_level=1)
    b.add(
        BlockKind.PARAGRAPH,
        "Action 1 What: Visit parents. Who: Amy Fraser SW +\nDC Moyo. By: 11/03/2025 16:00\n"
        "Action 3 What: Statement from Ms Adeyemi. Who: DC Harriet\nMoyo. By: 14/03/2025\n"
        "Action 6 What: Check whether the other children have shown distress\nor have marks. Who: Paul Devlin. "
        "By: 14/03/2025",
    )
    doc = build_structure(b.doc, default_lexicon())
    got = [(a.owner, a.deadline_text) for a in actions(doc)]
    assert got == [
        ("Amy Fraser SW + DC Moyo", "11/03/2025 16:00"),
        ("DC Harriet Moyo", "14/03/2025"),
        ("Paul Devlin", "14/03/2025"),
    ]


def test_sending_the_log_to_all_present_is_the_update_to_all():
    lex = default_lexicon()
    assert is_update_intent("Email log + outcome box to all present", lex)
    assert not is_update_intent("Keep a log of contact with the family", lex)


def test_the_r_of_a_raci_matrix_is_who_does_the_action():
    # under a title the lexicon does not know, with no "Who" column: R (responsible) does it
    doc = doc_of(
        "## H  ACTION MATRIX\nR = does it · A = answers for it · C = asked before · I = kept informed\n\n"
        "| No. | Action | R | A | C | I | Due |\n|---|---|---|---|---|---|---|\n"
        "| 1 | Recover CCTV | DS Lal, Police | DI on call | | SM, EDT | 14/03/2016 |\n"
        "| 2 | Look at a temporary move for the family | All | | Housing | Family | 20/03/2016 |\n"
    )
    assert [(a.owner, a.deadline_text) for a in actions(doc)] == [
        ("DS Lal, Police", "14/03/2016"),
        ("All", "20/03/2016"),
    ]


def test_a_telling_table_with_a_what_column_tells_the_recipient():
    doc = doc_of(
        "## Part 9 – Telling people\n| Who is told | What | By whom | By when |\n|---|---|---|---|\n"
        "| KB (mother) | Concern, s47 enquiry, safety plan | NO (SW) | 14/03/2016 |\n"
        "| Everyone in Part 1 | Outcome, decisions and this record by secure email | BR (BSO) | 15/03/2016 |\n"
    )
    texts = [a.text for a in actions(doc)]
    assert texts == [
        "Tell KB (mother): Concern, s47 enquiry, safety plan",
        "Tell Everyone in Part 1: Outcome, decisions and this record by secure email",
    ]
    assert [is_update_intent(t, default_lexicon()) for t in texts] == [False, True]


def test_a_week_by_week_tracker_gives_each_action_the_week_it_is_marked_in():
    doc = doc_of(
        "## 6. Action tracker\n| # | Action | Who | Wk 1<br>to Mon 21/03 | Wk 2<br>to Mon 28/03 | Wk 3 | Status |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 1 | Home visit | JB | Today 16:00 | | | |\n"
        "| 2 | Adult safeguarding decision | MP | | ✓ | | |\n"
        "| 3 | Check attendance each morning | IC | ✓ daily | to Thu 24/03 | | |\n"
        "| 4 | Medication review | JO | | | ✓ | |\n"
        "| 5 | CAMHS review | JO | | | | ongoing |\n"
    )
    got = [(a.deadline_text, a.deadline.due.isoformat() if a.deadline.due else None) for a in actions(doc)]
    assert got == [
        ("Today 16:00", "2016-03-14"),
        ("by Mon 28/03", "2016-03-28"),
        ("by Mon 21/03", "2016-03-21"),
        ("within 3 weeks", "2016-04-04"),
        ("", None),
    ]


def test_an_empty_lead_field_does_not_swallow_the_target_after_it():
    doc = doc_of(
        "## Actions\n1. Request a registered intermediary. **Lead:** BL **Target:** Friday 18/03.\n"
        "2. Request an intermediary to assess Zain. **Lead:**  **Target:** Friday 18/03.\n"
    )
    assert [(a.owner, a.deadline_text) for a in actions(doc)] == [("BL", "Friday 18/03"), ("", "Friday 18/03")]
